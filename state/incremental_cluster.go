package state

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/text"
)

// recluster re-groups the stories the batch touched. The region is every
// story holding an article whose links changed (or whose hub status
// changed, with its neighbours), plus the new articles: outside it,
// nothing a union–find over all links would see has changed.
func (w *workset) recluster(u *Update) error {
	seeds := map[uint32]bool{}
	for num := range w.nbrs {
		seeds[num] = true
	}
	for _, num := range w.fresh {
		seeds[num] = true
	}
	for num := range w.dirty {
		seeds[num] = true
	}
	hub, extra, err := w.hubsOf(seeds)
	if err != nil {
		return err
	}
	hubOf := func(x uint32) (bool, error) {
		if h, ok := hub[x]; ok {
			return h, nil
		}
		a, err := w.art(x)
		if err != nil || a == nil {
			return false, err
		}
		return a.Hub, nil
	}
	for x := range seeds {
		extra[x] = true
	}
	region, members, err := w.regionOf(extra)
	if err != nil {
		return err
	}
	if err := w.closeOverWeak(region, members); err != nil {
		return err
	}
	comps, err := w.components(sortedKeys(members), hubOf)
	if err != nil {
		return err
	}
	return w.name(u, comps, region, hubOf)
}

// hubsOf applies the hub test to the seeds and returns their hub flags and
// the neighbours of every seed whose flag changed (their stories regroup
// too).
func (w *workset) hubsOf(seeds map[uint32]bool) (hub, neighbours map[uint32]bool, err error) {
	hub, neighbours = map[uint32]bool{}, map[uint32]bool{}
	for _, x := range sortedKeys(seeds) {
		if w.gone[x] {
			continue
		}
		h, err := w.isHub(x)
		if err != nil {
			return nil, nil, err
		}
		hub[x] = h
		a, err := w.art(x)
		if err != nil {
			return nil, nil, err
		}
		if a != nil && a.Hub == h {
			continue
		}
		ls, err := w.links(x)
		if err != nil {
			return nil, nil, err
		}
		for _, l := range ls {
			neighbours[l.Other] = true
		}
	}
	return hub, neighbours, nil
}

// regionOf returns the stories of the touched articles (and those of the
// batch's dead stories), and the articles to group: the new ones and every
// live member of those stories.
func (w *workset) regionOf(touched map[uint32]bool) (region map[string]bool, members map[uint32]bool, err error) {
	region, members = map[string]bool{}, map[uint32]bool{}
	for _, id := range w.deadStory {
		region[id] = true
	}
	for x := range touched {
		if w.gone[x] {
			continue
		}
		if w.isNew[x] {
			members[x] = true
			continue
		}
		a, err := w.art(x)
		if err != nil {
			return nil, nil, err
		}
		if a == nil {
			return nil, nil, fmt.Errorf("%w: article number %d has no story", ErrCorruptRecord, x)
		}
		region[a.Story] = true
	}
	for id := range region {
		st, err := w.story(id)
		if err != nil {
			return nil, nil, err
		}
		if st == nil {
			continue
		}
		for _, m := range st.Members {
			if !w.gone[m] {
				members[m] = true
			}
		}
	}
	return region, members, nil
}

// closeOverWeak adds to the region every story that a weak link of a
// member reaches: whether a weak link joins two groups depends on the
// groups on both ends (dedupe.GroupLinks), so a story the batch did not
// touch may join one it did.
func (w *workset) closeOverWeak(region map[string]bool, members map[uint32]bool) error {
	queue := sortedKeys(members)
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		ls, err := w.links(x)
		if err != nil {
			return err
		}
		for _, l := range ls {
			if !l.Weak || members[l.Other] || w.gone[l.Other] {
				continue
			}
			a, err := w.art(l.Other)
			if err != nil {
				return err
			}
			if a == nil || region[a.Story] {
				continue // a new article is a member already
			}
			region[a.Story] = true
			st, err := w.story(a.Story)
			if err != nil {
				return err
			}
			if st == nil {
				continue
			}
			for _, m := range st.Members {
				if !w.gone[m] && !members[m] {
					members[m] = true
					queue = append(queue, m)
				}
			}
		}
	}
	return nil
}

// isHub applies the hub test of dedupe.Cluster to article x and its links.
func (w *workset) isHub(x uint32) (bool, error) {
	ls, err := w.links(x)
	if err != nil || !dedupe.HubCandidate(len(ls)) {
		return false, err
	}
	links := make([]dedupe.Link, len(ls))
	nb := map[uint32]bool{}
	for i, h := range ls {
		links[i] = dedupe.Link{A: x, B: h.Other, SentsA: h.Mine, SentsB: h.Theirs, Weak: h.Weak, Twin: h.Twin}
		nb[h.Other] = true
	}
	linked := map[dedupe.Pair]bool{}
	for _, h := range ls {
		theirs, err := w.links(h.Other)
		if err != nil {
			return false, err
		}
		for _, g := range theirs {
			if nb[g.Other] {
				linked[dedupe.Pair{A: min(h.Other, g.Other), B: max(h.Other, g.Other)}] = true
			}
		}
	}
	return dedupe.IsHub(x, links, linked), nil
}

// component is one story after re-clustering.
type component struct {
	members []uint32 // ascending
	canon   uint32
	id      string
}

// components groups the region's articles by their links as
// dedupe.GroupLinks does, hubs apart, and picks each group's canonical
// version as Run does.
func (w *workset) components(list []uint32, hubOf func(uint32) (bool, error)) ([]component, error) {
	pos := make(map[uint32]int32, len(list))
	for i, x := range list {
		pos[x] = int32(i)
	}
	hubs := make([]bool, len(list))
	var links []dedupe.Link
	for i, x := range list {
		h, err := hubOf(x)
		if err != nil {
			return nil, err
		}
		hubs[i] = h
		ls, err := w.links(x)
		if err != nil {
			return nil, err
		}
		for _, l := range ls {
			if j, ok := pos[l.Other]; ok && j > int32(i) {
				links = append(links, dedupe.Link{A: uint32(i), B: uint32(j), Weak: l.Weak, Twin: l.Twin})
			}
		}
	}
	labels := dedupe.GroupLinks(len(list), links, hubs)
	byLabel := map[int32]int{}
	var comps []component
	for i, x := range list {
		ci, ok := byLabel[labels[i]]
		if !ok {
			ci = len(comps)
			byLabel[labels[i]] = ci
			comps = append(comps, component{})
		}
		comps[ci].members = append(comps[ci].members, x)
	}
	for ci := range comps {
		c, err := w.canonical(comps[ci].members)
		if err != nil {
			return nil, err
		}
		comps[ci].canon = c
	}
	return comps, nil
}

// canonical picks a story's canonical version as newResult does: the
// earliest by date; at the same date or undated, the one holding most
// shared copy.
func (w *workset) canonical(members []uint32) (uint32, error) {
	type cand struct {
		num           uint32
		d             *dedupe.Doc
		shared, total int64
	}
	cs := make([]cand, len(members))
	for i, m := range members {
		l, ok, err := w.load(m)
		if err != nil {
			return 0, err
		}
		if !ok {
			return 0, fmt.Errorf("%w: story member %d has no doc", ErrCorruptRecord, m)
		}
		ls, err := w.links(m)
		if err != nil {
			return 0, err
		}
		c := cand{num: m, d: w.docs[l], total: int64(w.docs[l].TextWords())}
		for _, h := range ls {
			c.shared += int64(h.SharedMine)
		}
		cs[i] = c
	}
	slices.SortFunc(cs, func(a, b cand) int { return dedupe.CompareByDate(a.d, b.d) })
	best := cs[0]
	for _, c := range cs[1:] {
		if dedupe.BetterCanonical(c.d, best.d, c.shared, best.shared, c.total, best.total) {
			best = c
		}
	}
	return best.num, nil
}

// name gives each component its story id (see Update), fills the records
// to write and the changed articles.
//
// It stays in one piece: the naming rules (keep, merge, split) read one set
// of maps in one pass.
func (w *workset) name(u *Update, comps []component, region map[string]bool, hubOf func(uint32) (bool, error)) error {
	claims := map[string][]int{} // old id → members per component
	oldIDs := make([]map[string]int, len(comps))
	for ci, c := range comps {
		oldIDs[ci] = map[string]int{}
		for _, m := range c.members {
			a, err := w.art(m)
			if err != nil {
				return err
			}
			if a != nil {
				oldIDs[ci][a.Story]++
			}
		}
		for id := range oldIDs[ci] {
			claims[id] = append(claims[id], ci)
		}
	}
	owner := map[string]int{}
	for id, cis := range claims {
		best := cis[0]
		for _, ci := range cis[1:] {
			if n, b := oldIDs[ci][id], oldIDs[best][id]; n > b || (n == b && comps[ci].members[0] < comps[best].members[0]) {
				best = ci
			}
		}
		owner[id] = best
	}
	taken := map[string]bool{}
	for ci := range comps {
		var won []string
		for id := range oldIDs[ci] {
			if owner[id] == ci {
				won = append(won, id)
			}
		}
		if len(won) == 0 {
			comps[ci].id = w.newStoryID(comps[ci].canon, region, taken)
			u.NewStories++
		} else {
			size := func(id string) int {
				st, _ := w.story(id) // loaded by recluster: no error left to see
				if st == nil {
					return 0
				}
				return len(st.Members)
			}
			slices.SortFunc(won, func(a, b string) int {
				if c := cmp.Compare(size(b), size(a)); c != 0 {
					return c
				}
				return cmp.Compare(a, b)
			})
			comps[ci].id = won[0]
			if len(won) > 1 {
				u.Merges = append(u.Merges, Merge{Into: won[0], From: slices.Sorted(slices.Values(won[1:]))})
			}
		}
		taken[comps[ci].id] = true
	}
	for id, cis := range claims {
		var into []string
		for _, ci := range cis {
			if owner[id] != ci && comps[ci].id != id {
				into = append(into, comps[ci].id)
			}
		}
		if len(into) > 0 {
			slices.Sort(into)
			u.Splits = append(u.Splits, Split{From: id, Into: slices.Compact(into)})
		}
	}
	slices.SortFunc(u.Merges, func(a, b Merge) int { return cmp.Compare(a.Into, b.Into) })
	slices.SortFunc(u.Splits, func(a, b Split) int { return cmp.Compare(a.From, b.From) })
	for id := range region {
		if !taken[id] {
			w.storyDel = append(w.storyDel, id)
		}
	}
	slices.Sort(w.storyDel)
	for _, c := range comps {
		w.storyPut[c.id] = storyRecord{Canonical: c.canon, Members: c.members}
		if err := w.setArts(c, hubOf); err != nil {
			return err
		}
	}
	return nil
}

// newStoryID returns "s:" + the canonical article's id, with a "~n"
// suffix in the unlikely case that a story outside the region has it.
func (w *workset) newStoryID(canon uint32, region, taken map[string]bool) string {
	base := dedupe.StoryIDPrefix + w.docs[w.local[canon]].ID
	id := base
	for n := 2; ; n++ {
		st, _ := w.story(id) // a read error shows again at commit
		if !taken[id] && (st == nil || region[id]) {
			return id
		}
		id = base + "~" + strconv.Itoa(n)
	}
}

// setArts computes the records of a component's articles.
func (w *workset) setArts(c component, hubOf func(uint32) (bool, error)) error {
	in := map[uint32]bool{}
	for _, m := range c.members {
		in[m] = true
	}
	for _, m := range c.members {
		ls, err := w.links(m)
		if err != nil {
			return err
		}
		h, err := hubOf(m)
		if err != nil {
			return err
		}
		var sents []int32
		for _, l := range ls {
			if in[l.Other] {
				sents = append(sents, l.Mine...)
			}
		}
		d := w.docs[w.local[m]]
		w.newArts[m] = artRecord{Story: c.id, Hub: h, Canonical: m == c.canon, Statuses: paraStatuses(d, sents)}
	}
	return nil
}

// paraStatuses gives each paragraph of d its status letter, given the
// sentences that hold copy matched in another version of its story.
func paraStatuses(d *dedupe.Doc, shared []int32) string {
	has := make([]bool, len(d.Paras))
	for _, s := range shared {
		if int(s) < len(d.Sents) {
			has[d.SentPara(int(s))] = true
		}
	}
	b := make([]byte, len(d.Paras))
	for i, p := range d.Paras {
		st := dedupe.StatusUnique
		switch {
		case p.Kind == text.KindBoilerplate:
			st = dedupe.StatusBoilerplate
		case p.Kind == text.KindCredit:
			st = dedupe.StatusCredit
		case has[i]:
			st = dedupe.StatusShared
		case p.Kind == text.KindHeading:
			st = dedupe.StatusHeading
		}
		b[i] = statusLetters[st]
	}
	return string(b)
}
