package pipeline

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/neardup/neardup/dedupe"
)

// joinBFn sends the Doc of each pair's second article to the first:
// KV<A, numbered(B, Doc B)>.
func joinBFn(b uint32, as func(*uint32) bool, docs func(*[]byte) bool, emit func(uint32, []byte)) error {
	var doc []byte
	if !docs(&doc) {
		return fmt.Errorf("candidate pair with article %d, which has no Doc", b)
	}
	nb := numbered(b, doc)
	var a uint32
	for as(&a) {
		emit(a, nb)
	}
	return nil
}

// verifyFn verifies the candidate pairs of one first article A with
// dedupe.Verify, as the batch run verifies each A's pairs, and emits the
// links (gob) numbered as in the whole corpus.
type verifyFn struct {
	Params dedupe.Params
}

func (f *verifyFn) ProcessElement(ctx context.Context, a uint32, bs func(*[]byte) bool, docs func(*[]byte) bool, emit func([]byte)) error {
	type other struct {
		idx uint32
		doc []byte
	}
	var others []other
	var b []byte
	for bs(&b) {
		idx, doc, err := unnumbered(b)
		if err != nil {
			return err
		}
		others = append(others, other{idx, doc})
	}
	if len(others) == 0 {
		return nil // A is no pair's first article
	}
	var docA []byte
	if !docs(&docA) {
		return fmt.Errorf("candidate pair with article %d, which has no Doc", a)
	}
	slices.SortFunc(others, func(x, y other) int { return cmp.Compare(x.idx, y.idx) })
	local := make([]*dedupe.Doc, len(others)+1)
	pairs := make([]dedupe.Pair, len(others))
	var err error
	if local[0], err = decodeDoc(docA); err != nil {
		return err
	}
	for i, o := range others {
		if local[i+1], err = decodeDoc(o.doc); err != nil {
			return err
		}
		pairs[i] = dedupe.Pair{A: 0, B: uint32(i + 1)}
	}
	links, err := dedupe.Verify(ctx, local, pairs, options(f.Params))
	if err != nil {
		return err
	}
	for _, l := range links {
		l.A, l.B = a, others[l.B-1].idx
		lb, err := encode(&l)
		if err != nil {
			return err
		}
		emit(lb)
	}
	linkCount.Inc(ctx, int64(len(links)))
	return nil
}

// verify joins each candidate pair (KV<B, A>) with its two Docs and
// returns the links.
func verify(s beam.Scope, cfg *Config, pairs, docs beam.PCollection) beam.PCollection {
	s = s.Scope("verify")
	withB := beam.ParDo(s, joinBFn, beam.CoGroupByKey(s, pairs, docs))
	return beam.ParDo(s, &verifyFn{Params: cfg.Params}, beam.CoGroupByKey(s, withB, docs))
}
