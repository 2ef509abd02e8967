package bench

import (
	"math/rand/v2"
	"slices"
)

// subset returns k of ps, a random choice in their order.
func (g *generator) subset(ps []genPara, k int) []genPara {
	out := make([]genPara, 0, k+4)
	for i := range ps {
		if g.rng.IntN(len(ps)-i) < k-len(out) {
			out = append(out, ps[i])
		}
	}
	return out
}

// drop removes some paragraphs after the first from ps, in place, keeping
// at least four and genMinBytes of text.
func (g *generator) drop(ps []genPara) []genPara {
	size := 0
	for i := range ps {
		size += ps[i].size()
	}
	out := ps[:1]
	for i := 1; i < len(ps); i++ {
		n, s := len(out)+len(ps)-i, ps[i].size()
		if g.rng.IntN(100) < 15 && n > 4 && size-s >= genMinBytes {
			size -= s
			continue
		}
		out = append(out, ps[i])
	}
	return out
}

// regroup merges some neighbouring paragraphs of ps and splits others.
func (g *generator) regroup(ps []genPara) []genPara {
	out := make([]genPara, 0, len(ps)+4)
	for i := 0; i < len(ps); i++ {
		p := ps[i]
		switch r := g.rng.IntN(100); {
		case r < 10 && i+1 < len(ps) && len(p.sents)+len(ps[i+1].sents) <= 4:
			out = append(out, genPara{kind: "text", sents: slices.Concat(p.sents, ps[i+1].sents)})
			i++
		case r >= 90 && len(p.sents) >= 2:
			cut := 1 + g.rng.IntN(len(p.sents)-1)
			out = append(out, genPara{kind: "text", sents: p.sents[:cut:cut]}, genPara{kind: "text", sents: p.sents[cut:]})
		default:
			out = append(out, p)
		}
	}
	return out
}

// editPara returns a copy of p in which one or more sentences have a share
// of their words in [lo, hi) replaced.
func (g *generator) editPara(l *genLang, p genPara, lo, hi float64) genPara {
	p.sents = slices.Clone(p.sents)
	first := g.rng.IntN(len(p.sents))
	for i, s := range p.sents {
		if i == first || g.rng.IntN(10) < 3 {
			p.sents[i] = g.edited(l, s, lo+(hi-lo)*g.rng.Float64())
		}
	}
	return p
}

// decorate returns text with ad markers and subheadings dropped in
// between its paragraphs, never before the second one.
func (g *generator) decorate(l *genLang, text []genPara) []genPara {
	var ads, heads int
	if g.rng.IntN(100) < 55 {
		ads = 1 + g.rng.IntN(2)
	}
	if g.rng.IntN(100) < 35 {
		heads = 1 + g.rng.IntN(2)
	}
	out := make([]genPara, 0, len(text)+ads+heads+1)
	out = append(out, text...)
	for i := range ads + heads {
		p := genPara{kind: "heading", text: g.heading(l)}
		if i < ads {
			p = genPara{kind: "boilerplate", text: l.spec.ads[g.rng.IntN(len(l.spec.ads))]}
		}
		at := min(2+g.rng.IntN(max(len(out)-2, 1)), len(out))
		out = slices.Insert(out, at, p)
	}
	return out
}

// genRing holds the quotable paragraphs of the last genRingSize stories of
// one language. The zero value is an empty ring.
type genRing struct {
	entries []genRingEntry
	next    int // entry to overwrite when full
}

// Which paragraph of a genRingEntry to quote.
const (
	genLead       = 0
	genBackground = 1
)

// genRingEntry is the lead and one background paragraph of a story. Each
// is quoted at most once, so that no two followups or roundups share text.
type genRingEntry struct {
	paras [2]genPara // by genLead, genBackground
	used  [2]bool
}

// quotable returns the ring entry of a story with source paragraphs src
// and the written articles: the lead and a random background paragraph,
// each marked used when no written article carries it (the wire copy may
// be withheld, and its copies drop paragraphs).
func (g *generator) quotable(src []genPara, written ...*genArticle) genRingEntry {
	e := genRingEntry{paras: [2]genPara{src[0], src[2+g.rng.IntN(len(src)-2)]}}
	for w, p := range e.paras {
		e.used[w] = !slices.ContainsFunc(written, func(a *genArticle) bool {
			return slices.ContainsFunc(a.paras, func(q genPara) bool {
				return slices.ContainsFunc(q.sents, func(s *genSentence) bool { return s.id == p.sents[0].id })
			})
		})
	}
	return e
}

// add remembers the quotable paragraphs of a story.
func (r *genRing) add(e genRingEntry) {
	if len(r.entries) < genRingSize {
		r.entries = append(r.entries, e)
		return
	}
	r.entries[r.next] = e
	r.next = (r.next + 1) % genRingSize
}

// take returns up to n unquoted paragraphs of kind which (genLead or
// genBackground) of distinct random stories and marks them quoted, or nil
// when fewer than least are left.
func (r *genRing) take(rng *rand.Rand, which, n, least int) []genPara {
	var free []int
	for i := range r.entries {
		if !r.entries[i].used[which] {
			free = append(free, i)
		}
	}
	if len(free) < least {
		return nil
	}
	ps := make([]genPara, min(n, len(free)))
	for i := range ps {
		j := i + rng.IntN(len(free)-i)
		free[i], free[j] = free[j], free[i]
		e := &r.entries[free[i]]
		e.used[which] = true
		ps[i] = e.paras[which]
	}
	return ps
}
