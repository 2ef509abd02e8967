package state

import (
	"context"
	"slices"

	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/internal/workpool"
	"github.com/neardup/neardup/text"

	"github.com/neardup/neardup/corpus"
)

// analyze builds the Docs and band keys of the new articles (arts[fresh]),
// in parallel, and marks their paragraphs already learned as boilerplate.
// The keys are those of the paragraphs that were text when analysed, as in
// Run, where boilerplate is learned after signing.
func (w *workset) analyze(ctx context.Context, arts []corpus.Article, fresh []int) error {
	workers := max(1, min(w.opt.Workers, len(fresh)))
	analyzers := make([]*dedupe.Analyzer, workers)
	for i := range analyzers {
		an, err := dedupe.NewAnalyzer(w.p, w.opt.Lang)
		if err != nil {
			return err
		}
		analyzers[i] = an
	}
	docs := make([]*dedupe.Doc, len(fresh))
	keys := make([][]uint64, len(fresh))
	tagged := make([][]uint64, len(fresh)) // keys with their passage tags, for the passage rule
	handed := 0
	err := workpool.Run(ctx, len(fresh), workers, func() func(int) {
		an := analyzers[handed%len(analyzers)]
		handed++
		return func(i int) {
			docs[i], keys[i] = an.Analyze(&arts[fresh[i]], nil)
			tagged[i] = slices.Clone(keys[i])
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
		w.tagged[num] = tagged[i]
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
func (w *workset) markLearned(d *dedupe.Doc, learned map[uint64]bool) bool {
	changed := false
	for j := range d.Paras {
		if p := &d.Paras[j]; p.Textual() && learned[p.Fold] {
			p.Kind, p.Learned = text.KindBoilerplate, true
			changed = true
		}
	}
	return changed
}
