package dedupe

import (
	"context"
	"github.com/neardup/neardup/text"
	"runtime"
	"slices"

	"github.com/neardup/neardup/corpus"
)

// analyze builds the Docs and band keys of the new articles (arts[fresh]),
// in parallel, and marks their paragraphs already learned as boilerplate.
// The keys are those of the paragraphs that were text when analysed, as in
// Run, where boilerplate is learned after signing.
func (w *workset) analyze(ctx context.Context, arts []corpus.Article, fresh []int) error {
	workers := w.opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(fresh)))
	analyzers := make([]*analyzer, workers)
	for i := range analyzers {
		an, err := newAnalyzer(w.p, w.opt.Lang)
		if err != nil {
			return err
		}
		analyzers[i] = an
	}
	docs := make([]*Doc, len(fresh))
	keys := make([][]uint64, len(fresh))
	handed := 0
	err := parallel(ctx, len(fresh), workers, func() func(int) {
		an := analyzers[handed%len(analyzers)]
		handed++
		return func(i int) {
			docs[i], keys[i] = an.analyze(&arts[fresh[i]], nil)
			keys[i] = distinctKeys(keys[i])
		}
	}, func(int) {})
	if err != nil {
		return err
	}
	for i, num := range w.fresh {
		d := docs[i]
		orig := make([]text.Kind, len(d.Paras))
		for j, p := range d.Paras {
			orig[j] = p.Kind
		}
		w.markLearned(d, w.s.learned)
		w.add(num, d, orig)
		w.articles[num] = &arts[fresh[i]]
		w.keys[num] = keys[i]
		for _, k := range keys[i] {
			w.batchKeys[k] = append(w.batchKeys[k], num)
		}
	}
	return nil
}

// distinctKeys masks band keys to the bits a posting keeps and removes
// repeats (two identical passages of one article count once, as in Run).
func distinctKeys(keys []uint64) []uint64 {
	for i := range keys {
		keys[i] &= keyMask
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// markLearned marks d's textual paragraphs whose fold is in learned as
// learned boilerplate, and reports whether it changed any.
func (w *workset) markLearned(d *Doc, learned map[uint64]bool) bool {
	changed := false
	for j := range d.Paras {
		if p := &d.Paras[j]; p.textual() && learned[p.Fold] {
			p.Kind, p.Learned = text.KindBoilerplate, true
			changed = true
		}
	}
	return changed
}

// docKeys recomputes the band keys of a stored Doc from its word hashes:
// those of the paragraphs that were text when it was analysed.
func docKeys(d *Doc, orig []text.Kind, an *analyzer) []uint64 {
	var keys []uint64
	for i, p := range d.Paras {
		if orig[i] != text.KindText || p.First == p.End {
			continue
		}
		words := d.Tokens[d.Sents[p.First].Start:d.Sents[p.End-1].End]
		if len(words) <= an.p.ShingleSize {
			continue
		}
		an.shingles = Shingles(words, an.p.ShingleSize, an.p.Seed, an.shingles[:0])
		an.sig = an.mh.SignInto(an.shingles, an.sig)
		keys = BandKeys(an.sig, an.p.Bands, an.p.Rows, an.p.Seed, keys)
	}
	return distinctKeys(keys)
}
