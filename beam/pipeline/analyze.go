package pipeline

import (
	"context"
	"encoding/binary"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/text"
)

// analyzeFn is the engine's first stage, an article at a time: the Doc
// (gob), the body (for the word diffs), the LSH bucket keys of its
// passages (8 bytes each) and the folds of its paragraphs that count
// toward boilerplate, its ID for the duplicate check and its agency item
// (GUID), if any.
type analyzeFn struct {
	Params dedupe.Params
	Lang   string
	an     *dedupe.Analyzer
	keys   []uint64
	folds  []uint64
}

func (f *analyzeFn) Setup() error {
	an, err := dedupe.NewAnalyzer(f.Params, text.ParseLang(f.Lang))
	f.an = an
	return err
}

func (f *analyzeFn) ProcessElement(ctx context.Context, idx uint32, raw []byte,
	docs func(uint32, []byte), bodies func(uint32, string), keys func(uint32, []byte),
	folds func(uint64, uint32), ids func(string, uint32), guids func(string, uint32)) error {
	var a corpus.Article
	if err := decode(raw, &a); err != nil {
		return err
	}
	d, ks := f.an.Analyze(&a, f.keys[:0])
	f.keys = ks
	b, err := encode(d)
	if err != nil {
		return err
	}
	docs(idx, b)
	bodies(idx, a.Body)
	kb := make([]byte, 0, 8*len(ks))
	for _, k := range ks {
		kb = binary.LittleEndian.AppendUint64(kb, k) // the bucket key and the passage tag
	}
	keys(idx, kb)
	f.folds = d.RecurrenceFolds(f.folds[:0])
	for _, fold := range f.folds {
		folds(fold, idx)
	}
	ids(a.ID, idx)
	if d.GUID != "" {
		guids(d.GUID, idx)
	}
	return nil
}

// analyzed are the outputs of the analysis, each keyed by article number
// (folds by fold, ids by ID, guids by GUID).
type analyzed struct {
	docs, bodies, keys, folds, ids, guids beam.PCollection
}

// analyze runs analyzeFn over the numbered articles.
func analyze(s beam.Scope, cfg *Config, arts beam.PCollection) analyzed {
	s = s.Scope("analyze")
	out := beam.ParDoN(s, &analyzeFn{Params: cfg.Params, Lang: cfg.Lang}, arts)
	return analyzed{docs: out[0], bodies: out[1], keys: out[2], folds: out[3], ids: out[4], guids: out[5]}
}
