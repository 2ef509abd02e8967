package dedupe

import (
	"cmp"
	"context"
	"slices"

	"github.com/neardup/neardup/internal/workpool"
)

// maxAllPairs is the story size up to which every pair of versions is
// aligned; larger stories align each version with the canonical one only.
const maxAllPairs = 32

// alignAll aligns the versions of every story of two or more, in parallel,
// and fills each story's alignment (Result.ParaMatches and the rest) and
// res.Similarity.
func alignAll(ctx context.Context, res *Result, opt Options) error {
	return eachMultiStory(ctx, res, opt, alignStory)
}

// similarityAll computes only each version's similarity to its story's
// canonical version (see Options.SimilarityOnly).
func similarityAll(ctx context.Context, res *Result, opt Options) error {
	return eachMultiStory(ctx, res, opt, func(c *Comparer, res *Result, s *Story) {
		c.SetA(res.Docs[s.Canonical])
		for _, m := range s.Members[1:] {
			cmp := c.Compare(res.Docs[m])
			res.Similarity[m] = float32(cmp.Similarity())
		}
	})
}

// eachMultiStory runs work on every story of two or more versions, in
// parallel, each worker with its own relaxed comparer. Work may write only
// its own story's entries of res.
func eachMultiStory(ctx context.Context, res *Result, opt Options, work func(*Comparer, *Result, *Story)) error {
	var multi []int
	for i, s := range res.Stories {
		if len(s.Members) > 1 {
			multi = append(multi, i)
		}
	}
	var cs comparers
	err := workpool.Run(ctx, len(multi), opt.Workers, func() func(int) {
		c := cs.new(opt.Params, true)
		return func(i int) { work(c, res, &res.Stories[multi[i]]) }
	}, func(done int) { opt.Progress("align", done, len(multi)) })
	return cmp.Or(err, cs.err())
}

// alignStory compares the versions of one story sentence by sentence, with
// the relaxed rule that also matches edited and short sentences, and rolls
// the sentence matches up to paragraphs. Only this story's entries of res
// are written, so stories can be aligned concurrently.
func alignStory(c *Comparer, res *Result, s *Story) {
	before := c.repetitive
	defer func() { s.Repetitive = c.repetitive - before }()
	members := s.Members
	al := newStoryAlign(res, s, &c.arena)
	c.sentSim = slices.Grow(c.sentSim[:0], len(al.sentBlock))[:len(al.sentBlock)]
	sentSim := c.sentSim // per sentence, its best similarity to an earlier version's
	for i := range sentSim {
		sentSim[i] = -1
	}
	c.preps = slices.Grow(c.preps[:0], len(members))[:len(members)]
	versions := c.preps // each version's words, read and shingled once
	for x, m := range members {
		c.prepare(&versions[x], res.Docs[m])
	}
	var matches []sentMatch
	paraMatches := c.paraMatches[:0]
	for x := range int32(len(members) - 1) {
		if x > 0 && len(members) > maxAllPairs {
			break // members[0] is the canonical version
		}
		c.setPrepared(&versions[x])
		for y := x + 1; y < int32(len(members)); y++ {
			cmp := c.comparePrepared(&versions[y])
			paraMatches = appendParaMatches(paraMatches, res, al, members, x, y, cmp.Matches)
			for _, m := range cmp.Matches {
				matches = append(matches, sentMatch{x: x, y: y, a: m.A, b: m.B, sim: m.Sim})
				ss := &sentSim[al.sent(y, m.B)] // y is the later version
				*ss = max(*ss, m.Sim)
			}
			if x == 0 { // the canonical version
				res.Similarity[members[y]] = float32(cmp.Similarity())
			}
		}
	}
	al.setMatches(res, s, paraMatches, &c.rank, &c.arena)
	c.paraMatches = paraMatches[:0]
	buildBlocks(res, s, al, matches, &c.arena)
	al.setParaSims(res, s, sentSim, &c.arena)
	res.aligned[res.StoryOf[s.Canonical]] = al
}

// appendParaMatches rolls the sentence matches between versions x and y of
// a story up to paragraph pairs, with the length-weighted mean sentence
// similarity, and appends each to entries on both sides.
func appendParaMatches(entries []paraEntry[ParaMatch], res *Result, al *storyAlign, members []int32, x, y int32, ms []SentMatch) []paraEntry[ParaMatch] {
	a, b := members[x], members[y]
	da, db := res.Docs[a], res.Docs[b]
	// ms is sorted by A, so the paragraphs of A come in order: a pair's
	// sums sit among those since its paragraph of A began.
	type pair struct {
		pa, pb      int32
		sum, weight float32
	}
	var pairs []pair
	from := 0 // where the current paragraph of A's pairs begin
	for _, m := range ms {
		pa, pb := da.SentPara(int(m.A)), db.SentPara(int(m.B))
		w := float32(min(da.SentLen(int(m.A)), db.SentLen(int(m.B))))
		if len(pairs) > 0 && pairs[len(pairs)-1].pa != pa {
			from = len(pairs)
		}
		k := from
		for k < len(pairs) && pairs[k].pb != pb {
			k++
		}
		if k == len(pairs) {
			pairs = append(pairs, pair{pa: pa, pb: pb})
		}
		pairs[k].sum += w * m.Sim
		pairs[k].weight += w
	}
	for _, p := range pairs {
		sim := float32(1)
		if p.weight > 0 {
			sim = p.sum / p.weight
		}
		entries = append(entries,
			paraEntry[ParaMatch]{al.para(x, p.pa), ParaMatch{Doc: b, Para: p.pb, Sim: sim}},
			paraEntry[ParaMatch]{al.para(y, p.pb), ParaMatch{Doc: a, Para: p.pa, Sim: sim}})
	}
	return entries
}
