package state

import (
	"context"
	"slices"

	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/internal/workpool"
)

// relink finds and verifies the candidate pairs of the touched articles
// (the new ones and the dirty ones), and replaces their links: a dirty
// article's old links are dropped first, as are a replaced article's.
//
// It stays in one piece: dropping, looking up and verifying share the
// batch's candidate sets.
func (w *workset) relink(ctx context.Context) error {
	for _, num := range w.dead {
		if err := w.dropLinks(num); err != nil {
			return err
		}
	}
	touched := slices.Concat(w.fresh, sortedKeys(w.dirty))
	an, err := dedupe.NewAnalyzer(w.p, w.opt.Lang)
	if err != nil {
		return err
	}
	for _, num := range sortedKeys(w.dirty) {
		if err := w.dropLinks(num); err != nil {
			return err
		}
		l := w.local[num]
		w.keys[num] = distinctKeys(an.PassageKeys(w.docs[l], w.orig[l], nil))
	}
	var all []uint64
	for _, num := range touched {
		all = append(all, w.keys[num]...)
	}
	slices.Sort(all)
	found := w.s.lookupAll(tableBands, slices.Compact(all))
	cands := make([][]candidate, len(touched))
	err = workpool.Run(ctx, len(touched), w.opt.Workers, func() func(int) {
		return func(i int) { cands[i] = w.candidates(touched[i], found) }
	}, func(int) {})
	if err != nil {
		return err
	}
	seen := map[dedupe.Pair]bool{}
	tags := map[int32]map[uint64]uint8{}
	var pairs []dedupe.Pair
	for i, num := range touched {
		for _, c := range cands[i] {
			lo, hi := min(num, c.other), max(num, c.other)
			if seen[dedupe.Pair{A: lo, B: hi}] {
				continue
			}
			la, ok, err := w.load(lo)
			if err != nil {
				return err
			}
			lb, okb, err := w.load(hi)
			if err != nil {
				return err
			}
			if !ok || !okb {
				continue
			}
			if !w.passageRule(an, w.local[num], w.local[c.other], c, tags) {
				continue
			}
			seen[dedupe.Pair{A: lo, B: hi}] = true
			pairs = append(pairs, dedupe.Pair{A: uint32(min(la, lb)), B: uint32(max(la, lb))})
		}
	}
	slices.SortFunc(pairs, dedupe.ComparePairs)
	opt := dedupe.Options{Params: w.p, Workers: w.opt.Workers}
	opt.SetDefaults()
	links, err := dedupe.Verify(ctx, w.docs, pairs, opt)
	if err != nil {
		return err
	}
	for _, l := range links {
		a, b := w.nums[l.A], w.nums[l.B]
		if err := w.addHalf(a, halfLink{Other: b, Mine: l.SentsA, Theirs: l.SentsB, SharedMine: l.SharedA, SharedTheirs: l.SharedB, Weak: l.Weak, Twin: l.Twin}); err != nil {
			return err
		}
		if err := w.addHalf(b, halfLink{Other: a, Mine: l.SentsB, Theirs: l.SentsA, SharedMine: l.SharedB, SharedTheirs: l.SharedA, Weak: l.Weak, Twin: l.Twin}); err != nil {
			return err
		}
	}
	return nil
}

// passageRule reports whether candidate c of the Doc of local index l
// (other: c's local index) passes the passage rule as Buckets applies it,
// from the tags of the shared keys in both articles. memo keeps each
// Doc's tags (keyTags) for the batch.
func (w *workset) passageRule(an *dedupe.Analyzer, l, other int32, c candidate, memo map[int32]map[uint64]uint8) bool {
	mine, theirs := w.keyTags(an, l, memo), w.keyTags(an, other, memo)
	var ev dedupe.Evidence
	for _, k := range c.keys {
		ev.AddKey(mine[k.key], theirs[k.key], k.halves)
	}
	return ev.Enough(w.p.MinSharedKeys)
}

// keyTags returns the passage tag of each band key of the Doc of local
// index l (keyTagsOf), computed once (memo): from a new article's keys as
// analysed, or, for a stored one, signed again.
func (w *workset) keyTags(an *dedupe.Analyzer, l int32, memo map[int32]map[uint64]uint8) map[uint64]uint8 {
	if m, ok := memo[l]; ok {
		return m
	}
	keys, ok := w.tagged[w.nums[l]]
	if !ok {
		keys = an.PassageKeys(w.docs[l], w.orig[l], nil)
	}
	m := keyTagsOf(keys)
	memo[l] = m
	return m
}

// keyTagsOf maps each band key of an article (tagged, as Analyze returns
// them) to its passage tag (dedupe.KeyTag), the lowest where the key is in
// several passages, as Buckets keeps it. The map's keys are masked as
// postings keep them.
func keyTagsOf(keys []uint64) map[uint64]uint8 {
	m := make(map[uint64]uint8, len(keys))
	for _, k := range keys {
		key, tag := k&keyMask, dedupe.KeyTag(k)
		if old, ok := m[key]; !ok || tag < old {
			m[key] = tag
		}
	}
	return m
}

// A candidate is an article that shares enough band keys with a touched
// one to be verified, with the keys it shares (as Buckets counts them)
// for the passage rule.
type candidate struct {
	other uint32
	keys  []sharedKey
}

// sharedKey is one shared band key (masked) and its weight in halves.
type sharedKey struct {
	key    uint64
	halves int
}

// candidates returns the articles that share at least MinSharedKeys band
// keys with article num, by the bucket rule of Buckets: every other
// article of a bucket of at most MaxBucket, and only the chain and star
// neighbours in a larger one; a key of a bucket of more than
// dedupe.RareBucket articles counts half. The passage rule is left to
// relink, which loads the Docs. It only reads, so relink runs it in
// parallel.
//
// found holds the stored postings of its keys (see lookupAll); nil looks
// each key up.
func (w *workset) candidates(num uint32, found map[uint64][]runSpan) []candidate {
	shared := map[uint32][]sharedKey{}
	share := func(d uint32, k uint64, halves int) { shared[d] = append(shared[d], sharedKey{k, halves}) }
	var docs []uint32
	var spans []runSpan
	for _, k := range w.keys[num] {
		extra := w.batchKeys[k]
		var stored int
		if found != nil {
			spans = found[k]
			for _, sp := range spans {
				stored += sp.hi - sp.lo
			}
		} else {
			spans, stored = w.s.postings(tableBands, k, spans[:0])
		}
		if stored+len(extra) <= w.p.MaxBucket+1 {
			docs = docs[:0]
			eachInSpans(spans, func(d uint32) { docs = append(docs, d) })
			docs = append(docs, extra...)
			slices.Sort(docs)
			docs = slices.Compact(docs)
			if len(docs) <= w.p.MaxBucket {
				weight := 1 // half a key: a common passage
				if len(docs) <= dedupe.RareBucket {
					weight = 2
				}
				for _, d := range docs {
					if d != num {
						share(d, k, weight)
					}
				}
				continue
			}
		}
		first, pred, succ, okF, okP, okS := bucketEnds(spans, k, num, extra)
		if okF && first != num {
			share(first, k, 1)
		}
		if okP && !(okF && pred == first) {
			share(pred, k, 1)
		}
		if okS {
			share(succ, k, 1)
		}
	}
	var out []candidate
	for d, keys := range shared {
		halves := 0
		for _, k := range keys {
			halves += k.halves
		}
		if halves >= 2*w.p.MinSharedKeys && !w.gone[d] {
			out = append(out, candidate{d, keys})
		}
	}
	slices.SortFunc(out, func(x, y candidate) int { return int(int64(x.other) - int64(y.other)) })
	return out
}

// dropLinks removes every link of article num, on both ends.
func (w *workset) dropLinks(num uint32) error {
	ls, err := w.links(num)
	if err != nil {
		return err
	}
	for _, h := range ls {
		other, err := w.links(h.Other)
		if err != nil {
			return err
		}
		w.adj[h.Other] = slices.DeleteFunc(slices.Clone(other), func(x halfLink) bool { return x.Other == num })
		w.adjDirty[h.Other] = true
		w.nbrs[h.Other] = true
	}
	w.adj[num] = nil
	w.adjDirty[num] = true
	w.nbrs[num] = true
	return nil
}

// addHalf records one end of a new link.
func (w *workset) addHalf(num uint32, h halfLink) error {
	ls, err := w.links(num)
	if err != nil {
		return err
	}
	ls = slices.DeleteFunc(slices.Clone(ls), func(x halfLink) bool { return x.Other == h.Other })
	i, _ := slices.BinarySearchFunc(ls, h.Other, func(x halfLink, o uint32) int { return int(int64(x.Other) - int64(o)) })
	w.adj[num] = slices.Insert(ls, i, h)
	w.adjDirty[num] = true
	w.nbrs[num] = true
	return nil
}
