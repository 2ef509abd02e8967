package state

import (
	"context"
	"slices"

	"github.com/neardup/neardup/dedupe"
)

// learn is the incremental form of learnBoilerplate. Each paragraph fold
// of the new articles that is not yet learned and now recurs in at least
// Params.BoilerplateStories articles (stored and new) is tested as Run
// tests it, over all the articles that hold it, with the recurring
// paragraphs of those articles masked. Once a fold is learned it stays
// learned: its holders only grow, and so do the groups they fall into.
// The stored articles that hold a newly learned fold are marked dirty:
// their links are verified again. It returns the number of folds learned.
//
// It stays in one piece: finding suspects, testing them and marking their
// holders share the batch's fold maps.
func (w *workset) learn(ctx context.Context) (int, error) {
	minDocs := w.p.BoilerplateStories
	batch := map[uint64][]uint32{} // fold → new articles holding it
	for _, num := range w.fresh {
		d := w.docs[w.local[num]]
		var seen []uint64
		for _, p := range d.Paras {
			if p.Textual() && p.Fold != 0 && !slices.Contains(seen, p.Fold) {
				seen = append(seen, p.Fold)
				batch[p.Fold] = append(batch[p.Fold], num)
			}
		}
	}
	folds := make([]uint64, 0, len(batch))
	for f := range batch {
		folds = append(folds, f)
	}
	slices.Sort(folds)
	var suspects []uint64
	holders := map[uint64][]uint32{}
	for _, f := range folds {
		if w.s.countKey(tableFolds, f)+len(batch[f]) < minDocs {
			continue
		}
		hs, err := w.holders(f, batch[f])
		if err != nil {
			return 0, err
		}
		if len(hs) >= minDocs {
			suspects = append(suspects, f)
			holders[f] = hs
		}
	}
	if len(suspects) == 0 {
		return 0, nil
	}
	masked := w.recurring(holders, batch)
	test := dedupe.NewFurnitureTest(w.p, w.docs, masked)
	var learned []uint64
	for i, f := range suspects {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
		}
		if test.IsFurniture(f, holders[f]) {
			learned = append(learned, f)
		}
	}
	if err := test.Err(); err != nil {
		return 0, err
	}
	set := map[uint64]bool{}
	for _, f := range learned {
		set[f] = true
	}
	for _, f := range learned {
		for _, l := range holders[f] {
			if w.markLearned(w.docs[l], set) && !w.isNew[w.nums[l]] {
				w.dirty[w.nums[l]] = true
			}
		}
	}
	w.learned = learned
	return len(learned), nil
}

// holders returns the local indices, in article order, of the articles
// holding a textual paragraph with fold f: the stored ones (postings match
// 40 bits of the fold, so the Doc is checked) and the new ones.
func (w *workset) holders(f uint64, fresh []uint32) ([]uint32, error) {
	var nums []uint32
	w.s.eachPosting(tableFolds, f, func(num uint32) { nums = append(nums, num) })
	nums = append(nums, fresh...)
	slices.Sort(nums)
	nums = slices.Compact(nums)
	var out []uint32
	for _, num := range nums {
		l, ok, err := w.load(num)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		if slices.ContainsFunc(w.docs[l].Paras, func(p dedupe.Para) bool { return p.Textual() && p.Fold == f }) {
			out = append(out, uint32(l))
		}
	}
	return out, nil
}

// recurring returns the folds of the suspects' holders' paragraphs that
// recur in at least BoilerplateStories articles: what Run masks when it
// tests a suspect.
func (w *workset) recurring(holders map[uint64][]uint32, batch map[uint64][]uint32) map[uint64]bool {
	masked := map[uint64]bool{}
	checked := map[uint64]bool{}
	for _, hs := range holders {
		for _, l := range hs {
			for _, p := range w.docs[l].Paras {
				if !p.Textual() || p.Fold == 0 || checked[p.Fold] {
					continue
				}
				checked[p.Fold] = true
				if w.s.countKey(tableFolds, p.Fold)+len(batch[p.Fold]) >= w.p.BoilerplateStories {
					masked[p.Fold] = true
				}
			}
		}
	}
	return masked
}
