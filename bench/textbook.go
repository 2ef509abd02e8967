package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/eval"
	"github.com/neardup/neardup/text"
)

// TextbookOptions configures Textbook. Zero fields take the textbook
// defaults.
type TextbookOptions struct {
	// ShingleSize is the number of words in a shingle. Zero means 5.
	ShingleSize int
	// NumHashes is the size of each document's MinHash signature. Zero
	// means 128.
	NumHashes int
	// Threshold is the Jaccard similarity at which two documents are
	// duplicates: LSH bands are tuned to it, and candidates are kept when
	// their estimated Jaccard reaches it. Zero means 0.5.
	Threshold float64
	// Seed seeds the hashes. Zero means dedupe's default seed.
	Seed uint64
	// Workers is the number of goroutines that sign documents. Zero means
	// one per core.
	Workers int
}

// SetDefaults fills the zero fields of o.
func (o *TextbookOptions) SetDefaults() {
	if o.ShingleSize == 0 {
		o.ShingleSize = 5
	}
	if o.NumHashes == 0 {
		o.NumHashes = 128
	}
	if o.Threshold == 0 {
		o.Threshold = 0.5
	}
	if o.Seed == 0 {
		o.Seed = dedupe.DefaultParams().Seed
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
}

// TextbookResult is the grouping found by Textbook.
type TextbookResult struct {
	// Bands and Rows are the LSH banding used.
	Bands, Rows int
	// IDs are the article IDs in input order.
	IDs []string
	// Story is each article's story, as the input number of its first
	// article.
	Story []int32
	// Candidates is the number of distinct pairs that shared a band;
	// Links the number whose estimated Jaccard reached the threshold.
	Candidates, Links int
}

// textbookMaxBucket bounds the articles paired all-pairs within one band
// bucket; a larger bucket is linked as a chain plus a star (as in dedupe).
const textbookMaxBucket = 64

// Textbook groups articles the way the textbook does near-duplicate
// detection: one MinHash signature per document over its word
// ShingleSize-shingles (words normalised and stemmed by dedupe's
// Normalizer, in the article's language), LSH with bands and rows chosen
// by dedupe.OptimalBands for Threshold, candidates kept when their
// estimated Jaccard (the share of equal signature values) is at least
// Threshold, and stories as connected components. It is the baseline that
// shows what a document-level method finds on lightly rewritten wire copy,
// whose versions share 10–20% of their shingles. Memory is one signature
// and its band keys per article.
func Textbook(ctx context.Context, read corpus.Source, opt TextbookOptions) (*TextbookResult, error) {
	opt.SetDefaults()
	p := dedupe.Params{NumHashes: opt.NumHashes, Seed: opt.Seed}
	mh, err := dedupe.NewMinHasher(p)
	if err != nil {
		return nil, fmt.Errorf("textbook: %w", err)
	}
	bands, rows := dedupe.OptimalBands(opt.Threshold, opt.NumHashes, 0.5, 0.5)
	res := &TextbookResult{Bands: bands, Rows: rows}
	sigs, keys, err := textbookSign(ctx, read, mh, bands, rows, opt, res)
	if err != nil {
		return nil, err
	}
	pairs := textbookCandidates(sigs, keys, bands)
	res.Candidates = len(pairs)
	parent := make([]int32, len(sigs))
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for _, pr := range pairs {
		a, b := uint32(pr>>32), uint32(pr)
		if sigs[a].Jaccard(sigs[b]) < opt.Threshold {
			continue
		}
		res.Links++
		ra, rb := find(int32(a)), find(int32(b))
		parent[max(ra, rb)] = min(ra, rb) // the root is the smallest member
	}
	res.Story = make([]int32, len(sigs))
	for i := range res.Story {
		res.Story[i] = find(int32(i))
	}
	return res, nil
}

// textbookSign reads the articles and returns each one's signature and
// band keys (bands per article, in input order), filling res.IDs.
//
// It stays in one piece: the reader and the signing workers share one
// errgroup and one result lock.
func textbookSign(ctx context.Context, read corpus.Source, mh *dedupe.MinHasher, bands, rows int,
	opt TextbookOptions, res *TextbookResult) ([]dedupe.Signature, []uint64, error) {
	type job struct {
		seq int
		art corpus.Article
	}
	g, ctx := errgroup.WithContext(ctx)
	jobs := make(chan job, opt.Workers)
	var mu sync.Mutex
	var sigs []dedupe.Signature
	var keys []uint64
	g.Go(func() error {
		defer close(jobs)
		seq := 0
		return read(func(a corpus.Article) error {
			mu.Lock()
			res.IDs = append(res.IDs, a.ID)
			mu.Unlock()
			select {
			case jobs <- job{seq, a}:
				seq++
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	})
	for range opt.Workers {
		g.Go(func() error {
			norm := text.NewNormalizer(opt.Seed)
			var terms []text.Term
			var words []uint32
			var shingles, k []uint64
			for j := range jobs {
				lang := text.ResolveLang("", j.art.Lang, j.art.Body)
				terms = norm.Terms(j.art.Body, lang, terms[:0])
				words = words[:0]
				for _, t := range terms {
					words = append(words, uint32(t.Hash))
				}
				shingles = dedupe.Shingles(words, opt.ShingleSize, opt.Seed, shingles[:0])
				var sig dedupe.Signature // nil for a document without words: similar to nothing
				k = k[:0]
				if len(shingles) > 0 {
					sig = mh.Sign(shingles)
					k = dedupe.BandKeys(sig, bands, rows, opt.Seed, k)
				}
				mu.Lock()
				for len(sigs) <= j.seq {
					sigs = append(sigs, nil)
					keys = append(keys, make([]uint64, bands)...)
				}
				sigs[j.seq] = sig
				copy(keys[j.seq*bands:], k)
				mu.Unlock()
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, nil, fmt.Errorf("textbook: %w", err)
	}
	return sigs, keys, nil
}

// textbookCandidates returns the distinct pairs of articles (packed
// A<<32 | B, A < B, sorted) that share a band key. keys holds bands keys
// per article; articles without a signature (no words) have none.
func textbookCandidates(sigs []dedupe.Signature, keys []uint64, bands int) []uint64 {
	type entry struct {
		key uint64
		doc uint32
	}
	entries := make([]entry, 0, len(keys))
	for i, k := range keys {
		if sigs[i/bands] != nil {
			entries = append(entries, entry{k, uint32(i / bands)})
		}
	}
	slices.SortFunc(entries, func(x, y entry) int {
		if x.key != y.key {
			if x.key < y.key {
				return -1
			}
			return 1
		}
		return int(x.doc) - int(y.doc)
	})
	var pairs []uint64
	pack := func(a, b uint32) uint64 { return uint64(a)<<32 | uint64(b) }
	for i := 0; i < len(entries); {
		j := i
		for j < len(entries) && entries[j].key == entries[i].key {
			j++
		}
		docs := entries[i:j]
		if len(docs) <= textbookMaxBucket {
			for x := range docs {
				for y := x + 1; y < len(docs); y++ {
					pairs = append(pairs, pack(docs[x].doc, docs[y].doc))
				}
			}
		} else {
			for x := 1; x < len(docs); x++ {
				pairs = append(pairs, pack(docs[x-1].doc, docs[x].doc), pack(docs[0].doc, docs[x].doc))
			}
		}
		i = j
	}
	slices.Sort(pairs)
	return slices.Compact(pairs)
}

// Predictions returns the grouping as predictions that eval.Evaluate
// scores. They carry stories only: no paragraph marks.
func (r *TextbookResult) Predictions() *eval.Predictions {
	stories := make(map[string]string, len(r.IDs))
	for i, id := range r.IDs {
		stories[id] = r.storyID(i)
	}
	return eval.NewStoryPredictions(stories)
}

// storyID names article i's story after the ID of its first article.
func (r *TextbookResult) storyID(i int) string { return "t:" + r.IDs[r.Story[i]] }

// WriteJSONL writes one line per article, {"id":…,"story":…}, in input
// order: the story fields of articles.jsonl, which eval.ReadPredictions
// reads.
func (r *TextbookResult) WriteJSONL(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i, id := range r.IDs {
		line := struct {
			ID    string `json:"id"`
			Story string `json:"story"`
		}{id, r.storyID(i)}
		if err := enc.Encode(line); err != nil {
			return fmt.Errorf("textbook: write predictions: %w", err)
		}
	}
	return nil
}
