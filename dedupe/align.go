package dedupe

import (
	"cmp"
	"context"
	"slices"
)

// maxAllPairs is the story size up to which every pair of versions is
// aligned; larger stories align each version with the canonical one only.
const maxAllPairs = 32

// alignAll aligns the versions of every story of two or more, in parallel,
// and fills res.Matches and res.Similarity.
func alignAll(ctx context.Context, res *Result, opt Options) error {
	return eachMultiStory(ctx, res, opt, alignStory)
}

// similarityAll computes only each version's similarity to its story's
// canonical version (see Options.SimilarityOnly).
func similarityAll(ctx context.Context, res *Result, opt Options) error {
	return eachMultiStory(ctx, res, opt, func(c *comparer, res *Result, s *Story) {
		c.setA(res.Docs[s.Canonical])
		for _, m := range s.Members[1:] {
			cmp := c.compare(res.Docs[m])
			res.Similarity[m] = float32(cmp.Similarity())
		}
	})
}

// eachMultiStory runs work on every story of two or more versions, in
// parallel, each worker with its own relaxed comparer. Work may write only
// its own story's entries of res.
func eachMultiStory(ctx context.Context, res *Result, opt Options, work func(*comparer, *Result, *Story)) error {
	var multi []int
	for i, s := range res.Stories {
		if len(s.Members) > 1 {
			multi = append(multi, i)
		}
	}
	var cs comparers
	err := parallel(ctx, len(multi), opt.Workers, func() func(int) {
		c := cs.new(opt.Params, true)
		return func(i int) { work(c, res, &res.Stories[multi[i]]) }
	}, func(done int) { opt.Progress("align", done, len(multi)) })
	return cmp.Or(err, cs.err())
}

// alignStory compares the versions of one story sentence by sentence, with
// the relaxed rule that also matches edited and short sentences, and rolls
// the sentence matches up to paragraphs. Only this story's entries of res
// are written, so stories can be aligned concurrently.
func alignStory(c *comparer, res *Result, s *Story) {
	members := s.Members
	c.preps = slices.Grow(c.preps[:0], len(members))[:len(members)]
	versions := c.preps // each version's words, read and shingled once
	for x, m := range members {
		c.prepare(&versions[x], res.Docs[m])
	}
	var matches []sentMatch
	for x := range len(members) - 1 {
		if x > 0 && len(members) > maxAllPairs {
			break // members[0] is the canonical version
		}
		a := members[x]
		c.setPrepared(&versions[x])
		for y := x + 1; y < len(members); y++ {
			b := members[y]
			cmp := c.comparePrepared(&versions[y])
			addParaMatches(res, a, b, cmp.Matches)
			for _, m := range cmp.Matches {
				matches = append(matches, sentMatch{x: int32(x), y: int32(y), a: m.A, b: m.B, sim: m.Sim})
				ss := &res.SentSim[b][m.B] // b is the later version
				*ss = max(*ss, m.Sim)
			}
			if x == 0 { // a is the canonical version
				res.Similarity[b] = float32(cmp.Similarity())
			}
		}
	}
	buildBlocks(res, s, matches)
	for _, m := range members {
		for p := range res.Matches[m] {
			slices.SortFunc(res.Matches[m][p], func(x, y ParaMatch) int {
				if c := cmp.Compare(res.Docs[x.Doc].ID, res.Docs[y.Doc].ID); c != 0 {
					return c
				}
				return int(x.Para - y.Para)
			})
		}
	}
}

// addParaMatches rolls sentence matches between a and b up to paragraph
// pairs, with the length-weighted mean sentence similarity, and records each
// on both sides.
func addParaMatches(res *Result, a, b int32, ms []SentMatch) {
	type key struct{ pa, pb int32 }
	type acc struct{ sum, weight, min float32 }
	da, db := res.Docs[a], res.Docs[b]
	sums := map[key]acc{}
	var order []key
	for _, m := range ms {
		k := key{da.Sents[m.A].Para, db.Sents[m.B].Para}
		w := float32(min(da.sentLen(int(m.A)), db.sentLen(int(m.B))))
		v, ok := sums[k]
		if !ok {
			order = append(order, k)
			v.min = m.Sim
		}
		sums[k] = acc{v.sum + w*m.Sim, v.weight + w, min(v.min, m.Sim)}
	}
	for _, k := range order {
		v := sums[k]
		sim := float32(1)
		if v.weight > 0 {
			sim = v.sum / v.weight
		}
		res.Matches[a][k.pa] = append(res.Matches[a][k.pa], ParaMatch{Doc: b, Para: k.pb, Sim: sim, MinSim: v.min})
		res.Matches[b][k.pb] = append(res.Matches[b][k.pb], ParaMatch{Doc: a, Para: k.pa, Sim: sim, MinSim: v.min})
	}
}
