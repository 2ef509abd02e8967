package dedupe

import (
	"cmp"
	"slices"

	"github.com/neardup/neardup/internal/unionfind"
)

// Link says that articles A and B are versions of one story, with the
// sentences of each that hold their shared copy.
type Link struct {
	A, B           uint32
	SentsA, SentsB []int32 // distinct matched sentences, sorted
	// SharedA and SharedB count the words of shared copy in each.
	SharedA, SharedB int32
	// Weak is set when the link passes the story rule only with edited or
	// templated sentences (Params.IsStrong fails): it joins two groups of
	// two or more articles only as the group check allows.
	Weak bool
	// Twin is set when each article is nearly all close-to-verbatim copy
	// of the other (Params.IsTwin): a desk running a roundup as it came.
	// A hub's twin does not count among its neighbours' groups, and two
	// hubs that are twins stay one story.
	Twin bool
}

// hubGroups is the number of separate groups of neighbours at which an
// article counts as a hub.
const hubGroups = 3

// smallGroup is the size up to which a group of versions joins another
// through any weak link: a single article, or an article and one copy of
// it (an update and a desk's run of it), has too few members for a
// majority to say anything.
const smallGroup = 2

// maxHubCheck bounds the neighbours examined for the hub test.
const maxHubCheck = 256

// cluster groups n articles into stories by the links, and returns each
// article's story as the smallest article number in it. Links chain: if A~B
// and B~C, all three are one story. A hub does not chain: an article whose
// neighbours fall into three or more groups that neither link to each other
// nor share any of its sentences (a roundup quoting the leads of unrelated
// stories) keeps none of its links and stays its own story. Weak links
// join groups only as groupLinks allows.
func cluster(n int, links []Link) []int32 {
	return groupLinks(n, links, findHubs(n, links))
}

// groupLinks clusters n articles by the links that touch no hub. The strong
// links are joined first; then two of the groups they form are joined by
// weak links when either is a single article (a short or rewritten version
// of a story), or when most members of each (more than half) hold a weak
// link into the other: a connection of the two groups, not of a few of
// their members. Every decision is taken on the groups of the strong links,
// so the result does not depend on the order of the links.
func groupLinks(n int, links []Link, hubs []bool) []int32 {
	u := unionfind.New(n)
	for _, l := range links {
		if !l.Weak && keepsLink(l, hubs) {
			u.Union(int32(l.A), int32(l.B))
		}
	}
	size := make([]int32, n)
	for i := range n {
		size[u.Find(int32(i))]++
	}
	// Per pair of groups, the members of each side that hold a weak link
	// into the other, as (group pair, member) entries.
	type end struct {
		groups Pair
		member uint32
	}
	var ends []end
	for _, l := range links {
		if !l.Weak || !keepsLink(l, hubs) {
			continue
		}
		ra, rb := uint32(u.Find(int32(l.A))), uint32(u.Find(int32(l.B)))
		if ra == rb {
			continue
		}
		g := Pair{min(ra, rb), max(ra, rb)}
		ends = append(ends, end{g, l.A}, end{g, l.B})
	}
	slices.SortFunc(ends, func(x, y end) int {
		return cmp.Or(comparePairs(x.groups, y.groups), cmp.Compare(x.member, y.member))
	})
	ends = slices.Compact(ends)
	var join []Pair
	for i := 0; i < len(ends); {
		g := ends[i].groups
		var onA, onB int32
		for ; i < len(ends) && ends[i].groups == g; i++ {
			if uint32(u.Find(int32(ends[i].member))) == g.A {
				onA++
			} else {
				onB++
			}
		}
		sa, sb := size[g.A], size[g.B]
		if min(sa, sb) <= smallGroup || (2*onA > sa && 2*onB > sb) {
			join = append(join, g)
		}
	}
	for _, g := range join {
		u.Union(int32(g.A), int32(g.B))
	}
	// Label each story by its smallest member.
	label := make([]int32, n)
	minOf := make(map[int32]int32)
	for i := 0; i < n; i++ {
		r := u.Find(int32(i))
		if _, ok := minOf[r]; !ok {
			minOf[r] = int32(i)
		}
		label[i] = minOf[r]
	}
	return label
}

// keepsLink reports whether the union uses l: not when it touches a hub,
// unless it joins two hubs that are twins (a roundup and a desk's copy).
func keepsLink(l Link, hubs []bool) bool {
	if hubs[l.A] || hubs[l.B] {
		return l.Twin && hubs[l.A] && hubs[l.B]
	}
	return true
}

// findHubs marks the articles that would glue unrelated stories together.
func findHubs(n int, links []Link) []bool {
	hubs := make([]bool, n)
	adj := make([][]int32, n) // link indices per article
	linked := make(map[Pair]bool, len(links))
	for i, l := range links {
		adj[l.A] = append(adj[l.A], int32(i))
		adj[l.B] = append(adj[l.B], int32(i))
		linked[Pair{l.A, l.B}] = true
	}
	for x := range adj {
		// A popular wire story may have hundreds of versions; its
		// neighbours form one group, and the quadratic check is skipped.
		if len(adj[x]) < hubGroups || len(adj[x]) > maxHubCheck {
			continue
		}
		hubs[x] = countGroups(uint32(x), adj[x], links, linked) >= hubGroups
	}
	return hubs
}

// countGroups counts the groups among x's neighbours, where two neighbours
// are in one group when they link to each other or share copy in the same
// sentence of x.
func countGroups(x uint32, linkIDs []int32, links []Link, linked map[Pair]bool) int {
	// x's twins (copies of all of it) would join every group through
	// the sentences they share with x: they are left out.
	var own []int32
	for _, id := range linkIDs {
		if !links[id].Twin {
			own = append(own, id)
		}
	}
	linkIDs = own
	k := len(linkIDs)
	nbs := make([]uint32, k)
	regions := make([][]int32, k)
	for i, id := range linkIDs {
		l := links[id]
		if l.A == x {
			nbs[i], regions[i] = l.B, l.SentsA
		} else {
			nbs[i], regions[i] = l.A, l.SentsB
		}
	}
	u := unionfind.New(k)
	for i := 0; i < k; i++ {
		for j := i + 1; j < k; j++ {
			a, b := min(nbs[i], nbs[j]), max(nbs[i], nbs[j])
			if linked[Pair{a, b}] || intersects(regions[i], regions[j]) {
				u.Union(int32(i), int32(j))
			}
		}
	}
	groups := 0
	for i := 0; i < k; i++ {
		if u.Find(int32(i)) == int32(i) {
			groups++
		}
	}
	return groups
}

// intersects reports whether two sorted lists share an element.
func intersects(a, b []int32) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			return true
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return false
}

// matchedSents returns the distinct sentences of one side of the matches.
func matchedSents(ms []SentMatch, sideA bool) []int32 {
	out := make([]int32, 0, len(ms))
	for _, m := range ms {
		if sideA {
			out = append(out, m.A)
		} else {
			out = append(out, m.B)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
