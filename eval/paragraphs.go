package eval

// pairKey names an unordered pair of truth paragraphs by their global
// numbers (see paragraphNumbers), the smaller first.
type pairKey struct{ a, b int }

// newPairKey returns the key of the pair {x, y}.
func newPairKey(x, y int) pairKey {
	if x > y {
		x, y = y, x
	}
	return pairKey{x, y}
}

// refPair is an unordered pair of paragraphs named by article id and
// index, the smaller first; it keys reported pairs outside the universe,
// which may name paragraphs the truth does not know.
type refPair struct{ a, b paragraphRef }

// newRefPair returns the key of the pair {x, y}.
func newRefPair(x, y paragraphRef) refPair {
	if y.id < x.id || (y.id == x.id && y.index < x.index) {
		x, y = y, x
	}
	return refPair{x, y}
}

// paragraphPairs returns the paragraph-pair figures and the number of
// distinct reported pairs outside the universe. It works one true story at
// a time, since every pair of the universe lies within one story, and keeps
// only the pairs outside the universe across stories.
func paragraphPairs(t *Truth, p *Predictions) (PRF, int64) {
	c := pairCounter{
		t: t, p: p, first: paragraphNumbers(t),
		reported: make(map[pairKey]struct{}),
		seen:     make(map[pairKey]struct{}),
		byOrigin: make(map[string][]place),
		outside:  make(map[refPair]struct{}),
	}
	var tp, fp, fn int64
	for _, members := range storyMembers(t) {
		c.collectReported(members)
		positives, hits := c.countPositives(members)
		tp += hits
		fp += int64(len(c.reported)) - hits
		fn += positives - hits
	}
	for id, pa := range p.articles {
		if _, ok := t.byID[id]; !ok {
			c.addOutside(id, pa)
		}
	}
	return NewPRF(tp, fp, fn), int64(len(c.outside))
}

// pairCounter holds the inputs and the scratch maps of paragraphPairs.
type pairCounter struct {
	t        *Truth
	p        *Predictions
	first    []int                // see paragraphNumbers
	reported map[pairKey]struct{} // the story's reported pairs
	seen     map[pairKey]struct{} // the story's positive pairs
	byOrigin map[string][]place   // the story's text paragraphs by origin
	outside  map[refPair]struct{} // all reported pairs outside the universe
}

// place is a text paragraph: its article's position and global number.
type place struct{ article, number int }

// paragraphNumbers numbers the truth paragraphs globally: paragraph i of
// article j is first[j]+i.
func paragraphNumbers(t *Truth) []int {
	first := make([]int, len(t.articles))
	n := 0
	for j, a := range t.articles {
		first[j] = n
		n += len(a.paragraphs)
	}
	return first
}

// storyMembers groups the truth articles (their positions) by story, in
// the order the stories first occur.
func storyMembers(t *Truth) [][]int {
	var groups [][]int
	of := make(map[string]int)
	for j, a := range t.articles {
		g, ok := of[a.story]
		if !ok {
			g = len(groups)
			of[a.story] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], j)
	}
	return groups
}

// countPositives returns the number of positive pairs of one story (text
// paragraphs of different member articles whose origins intersect) and how
// many of them are in c.reported. It finds them through an index from
// origin to paragraphs, so its cost follows the number of positive pairs
// rather than all paragraph pairs.
func (c *pairCounter) countPositives(members []int) (positives, hits int64) {
	clear(c.byOrigin)
	clear(c.seen)
	for _, j := range members {
		for i, tp := range c.t.articles[j].paragraphs {
			if tp.kind != kindText {
				continue
			}
			for _, o := range tp.origins {
				c.byOrigin[o] = append(c.byOrigin[o], place{j, c.first[j] + i})
			}
		}
	}
	for _, ps := range c.byOrigin {
		for x := range ps {
			for y := x + 1; y < len(ps); y++ {
				if ps[x].article == ps[y].article {
					continue
				}
				k := newPairKey(ps[x].number, ps[y].number)
				if _, dup := c.seen[k]; dup {
					continue
				}
				c.seen[k] = struct{}{}
				positives++
				if _, ok := c.reported[k]; ok {
					hits++
				}
			}
		}
	}
	return positives, hits
}

// collectReported sets c.reported to the distinct pairs of the universe
// that the predictions for one story's members report, and adds the
// members' other reported pairs to c.outside. A pair in the universe has
// both paragraphs in the story, so the members' matches find all of them.
func (c *pairCounter) collectReported(members []int) {
	clear(c.reported)
	for _, j := range members {
		id := c.t.articles[j].id
		for i, pp := range c.p.articles[id].paragraphs {
			from := paragraphRef{id: id, index: i}
			for _, to := range pp.matches {
				if k, ok := universeKey(c.t, c.first, from, to); ok {
					c.reported[k] = struct{}{}
				} else {
					c.outside[newRefPair(from, to)] = struct{}{}
				}
			}
		}
	}
}

// addOutside adds the pairs reported by a predicted article the truth does
// not know to c.outside.
func (c *pairCounter) addOutside(id string, pa predArticle) {
	for i, pp := range pa.paragraphs {
		for _, to := range pp.matches {
			c.outside[newRefPair(paragraphRef{id: id, index: i}, to)] = struct{}{}
		}
	}
}

// universeKey returns the key of the pair {x, y} when it is in the
// universe: text paragraphs of two different articles of one true story.
func universeKey(t *Truth, first []int, x, y paragraphRef) (pairKey, bool) {
	jx, okx := t.byID[x.id]
	jy, oky := t.byID[y.id]
	if !okx || !oky || jx == jy {
		return pairKey{}, false
	}
	ax, ay := &t.articles[jx], &t.articles[jy]
	if ax.story != ay.story || !isText(ax, x.index) || !isText(ay, y.index) {
		return pairKey{}, false
	}
	return newPairKey(first[jx]+x.index, first[jy]+y.index), true
}

// isText reports whether paragraph i of a exists and is text.
func isText(a *truthArticle, i int) bool {
	return i >= 0 && i < len(a.paragraphs) && a.paragraphs[i].kind == kindText
}
