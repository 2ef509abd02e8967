package dedupe

import (
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
}

// hubGroups is the number of separate groups of neighbours at which an
// article counts as a hub.
const hubGroups = 3

// maxHubCheck bounds the neighbours examined for the hub test.
const maxHubCheck = 256

// cluster groups n articles into stories by the links, and returns each
// article's story as the smallest article number in it. Links chain: if A~B
// and B~C, all three are one story. A hub does not chain: an article whose
// neighbours fall into three or more groups that neither link to each other
// nor share any of its sentences (a roundup quoting the leads of unrelated
// stories) keeps none of its links and stays its own story.
func cluster(n int, links []Link) []int32 {
	hubs := findHubs(n, links)
	u := unionfind.New(n)
	for _, l := range links {
		if hubs[l.A] || hubs[l.B] {
			continue
		}
		u.Union(int32(l.A), int32(l.B))
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
