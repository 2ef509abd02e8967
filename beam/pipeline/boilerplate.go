package pipeline

import (
	"cmp"
	"context"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/neardup/neardup/dedupe"
)

// suspectsFn keeps the folds held by at least BoilerplateStories
// articles: the suspects of dedupe.LearnBoilerplate.
type suspectsFn struct {
	MinDocs int
}

func (f *suspectsFn) ProcessElement(fold uint64, holders func(*uint32) bool, emit func(uint64)) {
	n := 0
	var h uint32
	for holders(&h) {
		n++
	}
	if n >= f.MinDocs {
		emit(fold)
	}
}

// foldSet reads a side input of folds into a set, once per DoFn instance.
func foldSet(set *map[uint64]bool, folds func(*uint64) bool) map[uint64]bool {
	if *set == nil {
		m := map[uint64]bool{}
		var f uint64
		for folds(&f) {
			m[f] = true
		}
		*set = m
	}
	return *set
}

// holdersFn sends each Doc to the suspects it holds.
type holdersFn struct {
	suspects map[uint64]bool
	folds    []uint64
}

func (f *holdersFn) ProcessElement(idx uint32, doc []byte, suspects func(*uint64) bool, emit func(uint64, []byte)) error {
	set := foldSet(&f.suspects, suspects)
	if len(set) == 0 {
		return nil
	}
	d, err := decodeDoc(doc)
	if err != nil {
		return err
	}
	f.folds = d.RecurrenceFolds(f.folds[:0])
	for _, fold := range f.folds {
		if set[fold] {
			emit(fold, numbered(idx, doc))
		}
	}
	return nil
}

// furnitureFn applies the engine's furniture test to one suspect, with
// its holders in article order.
type furnitureFn struct {
	Params   dedupe.Params
	suspects map[uint64]bool
}

func (f *furnitureFn) ProcessElement(ctx context.Context, fold uint64, holders func(*[]byte) bool, suspects func(*uint64) bool, emit func(uint64)) error {
	set := foldSet(&f.suspects, suspects)
	type holder struct {
		idx uint32
		doc []byte
	}
	var hs []holder
	var b []byte
	for holders(&b) {
		idx, doc, err := unnumbered(b)
		if err != nil {
			return err
		}
		hs = append(hs, holder{idx, doc})
	}
	slices.SortFunc(hs, func(a, b holder) int { return cmp.Compare(a.idx, b.idx) })
	docs := make([]*dedupe.Doc, len(hs))
	local := make([]uint32, len(hs))
	for i, h := range hs {
		d, err := decodeDoc(h.doc)
		if err != nil {
			return err
		}
		docs[i], local[i] = d, uint32(i)
	}
	t := dedupe.NewFurnitureTest(f.Params, docs, set)
	furniture := t.IsFurniture(fold, local)
	if err := t.Err(); err != nil {
		return err
	}
	if furniture {
		learned.Inc(ctx, 1)
		emit(fold)
	}
	return nil
}

// markFn marks the learned boilerplate in each Doc (Doc.MarkLearned).
type markFn struct {
	learned map[uint64]bool
	folds   []uint64
}

func (f *markFn) ProcessElement(idx uint32, doc []byte, learned func(*uint64) bool, emit func(uint32, []byte)) error {
	set := foldSet(&f.learned, learned)
	if len(set) == 0 {
		emit(idx, doc)
		return nil
	}
	d, err := decodeDoc(doc)
	if err != nil {
		return err
	}
	f.folds = d.RecurrenceFolds(f.folds[:0])
	changed := false
	for _, fold := range f.folds {
		if set[fold] {
			d.MarkLearned(fold)
			changed = true
		}
	}
	if changed {
		if doc, err = encode(d); err != nil {
			return err
		}
	}
	emit(idx, doc)
	return nil
}

// learnBoilerplate learns the boilerplate of the corpus as
// dedupe.LearnBoilerplate does and returns the Docs marked with it.
func learnBoilerplate(s beam.Scope, cfg *Config, a analyzed) beam.PCollection {
	s = s.Scope("boilerplate")
	suspects := beam.ParDo(s, &suspectsFn{MinDocs: cfg.Params.BoilerplateStories}, beam.GroupByKey(s, a.folds))
	held := beam.ParDo(s, &holdersFn{}, a.docs, beam.SideInput{Input: suspects})
	learnedFolds := beam.ParDo(s, &furnitureFn{Params: cfg.Params}, beam.GroupByKey(s, held), beam.SideInput{Input: suspects})
	return beam.ParDo(s, &markFn{}, a.docs, beam.SideInput{Input: learnedFolds})
}
