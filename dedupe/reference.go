package dedupe

import (
	"context"
	"fmt"
	"slices"

	"github.com/neardup/neardup/corpus"
)

// MaxReferenceArticles is the most articles ExactReference accepts: the
// exact join is meant for recall measurements, not production runs.
const MaxReferenceArticles = 100000

// ReferenceOptions configures ExactReference.
type ReferenceOptions struct {
	// Options are those of Run: the same Params, Lang and Workers give the
	// same Docs and the same LSH candidates as a Run.
	Options
	// Exhaustive verifies every pair of articles with the comparer, in
	// n(n−1)/2 comparisons, instead of the exact sentence join. It is the
	// definition the join must reproduce; tests check that both agree.
	Exhaustive bool
}

// Reference is the exact set of article pairs that pass the story rule,
// found without LSH, beside the LSH candidates of the same articles: the
// yardstick for the recall of the candidate stage.
type Reference struct {
	// IDs are the article IDs by input number.
	IDs []string
	// Pairs are the pairs (input numbers, A < B) that pass the story rule
	// when verified, sorted.
	Pairs []Pair
	// Candidates are the pairs LSH proposes for verification, sorted.
	Candidates []Pair
	// Verified is the number of article pairs the comparer verified.
	Verified int
	// SentencePairs is the number of sentence pairs of different articles
	// that met the necessary condition (zero when Exhaustive).
	SentencePairs int
}

// CandidateRecall is the share of the reference pairs that LSH proposes
// as candidates; 1 when there are none.
func (r *Reference) CandidateRecall() float64 {
	if len(r.Pairs) == 0 {
		return 1
	}
	return float64(len(r.Pairs)-len(r.Missed())) / float64(len(r.Pairs))
}

// Missed returns the reference pairs that are not LSH candidates, sorted.
func (r *Reference) Missed() []Pair {
	var missed []Pair
	for _, p := range r.Pairs {
		if _, ok := slices.BinarySearchFunc(r.Candidates, p, comparePairs); !ok {
			missed = append(missed, p)
		}
	}
	return missed
}

// ExactReference reads the articles as Run does (the same Docs, LSH keys
// and learned boilerplate) and finds every pair that passes the story rule,
// without LSH.
//
// Verification is exact and is the one Run uses (linkAll, the same
// comparer with the lower-numbered article on the left), so the only
// question is which pairs to verify. Every pair is feasible only for a few
// thousand articles (Exhaustive), so by default the pairs come from an
// exact join on a condition that every passing pair meets:
//
//  1. A pair passes only if its strict sentence matches span at least
//     MinParagraphs ≥ 1 paragraphs of each article.
//  2. Sentence i of A matches sentence j of B only if they share s ≥ 2
//     distinct shingles and 2s ≥ min(|X_i|, n_j), where X_i is the set of
//     i's shingles and n_j ≥ |X_j| counts j's shingles with repeats
//     (textual, unmasked paragraphs only). So a matching sentence pair has
//     |X_i ∩ X_j| ≥ τ = max(2, ⌈min(|X_i|, |X_j|)/2⌉).
//  3. Prefix filtering (Chaudhuri et al. 2006; Bayardo et al. 2007): fix
//     one global order of shingles (rarest first). If |x| ≤ |y| and
//     |x ∩ y| ≥ τ, the first |x| − τ + 1 shingles of x include one of y:
//     the other τ − 1 cannot hold all τ shared ones. Probing an inverted
//     index of all sentences with each sentence's prefix, keeping partners
//     at least as large, therefore finds every sentence pair of (2); the
//     overlap of each is then counted exactly.
//
// The article pairs whose sentence pairs meet (2) in at least
// MinParagraphs paragraphs of each side are verified. No pair that
// passes the story rule can be left out, so the result equals the
// Exhaustive one; the join only saves work.
func ExactReference(ctx context.Context, read corpus.Source, opt ReferenceOptions) (*Reference, error) {
	o := opt.Options
	o.SetDefaults()
	p := o.Params
	if err := p.Validate(); err != nil {
		return nil, err
	}
	texts := newTextStore(o.TempDir) // analyzeAll spills the bodies; nothing reads them
	n := 0
	limited := func(fn func(a corpus.Article) error) error {
		return read(func(a corpus.Article) error {
			if n++; n > MaxReferenceArticles {
				return ErrReferenceTooLarge
			}
			return fn(a)
		})
	}
	docs, buckets, err := analyzeAll(ctx, limited, texts, nil, o)
	if cerr := texts.close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("exact reference: %w", err)
	}
	candidates, err := buckets.Pairs(ctx, o.Workers)
	if err != nil {
		return nil, fmt.Errorf("exact reference: %w", err)
	}
	ref := &Reference{IDs: make([]string, len(docs)), Candidates: candidates}
	for i, d := range docs {
		ref.IDs[i] = d.ID
	}
	if _, err := learnBoilerplate(ctx, docs, recurringParagraphs(docs, p.BoilerplateStories), o); err != nil {
		return nil, fmt.Errorf("exact reference: %w", err)
	}
	var links []Link
	if opt.Exhaustive {
		links, ref.Verified, err = verifyAllPairs(ctx, docs, o)
	} else {
		var cands []Pair
		cands, ref.SentencePairs, err = joinSentences(ctx, docs, o)
		if err == nil {
			ref.Verified = len(cands)
			links, err = linkAll(ctx, docs, cands, o)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("exact reference: %w", err)
	}
	ref.Pairs = make([]Pair, len(links))
	for i, l := range links {
		ref.Pairs[i] = Pair{l.A, l.B}
	}
	return ref, nil
}

// verifyAllPairs verifies every pair of articles, a block of first
// articles at a time so that the pair lists stay small.
func verifyAllPairs(ctx context.Context, docs []*Doc, opt Options) ([]Link, int, error) {
	const blockPairs = 1 << 22
	var links []Link
	verified := 0
	var pairs []Pair
	flush := func() error {
		found, err := linkAll(ctx, docs, pairs, opt)
		links = append(links, found...)
		verified += len(pairs)
		pairs = pairs[:0]
		return err
	}
	for a := range docs {
		for b := a + 1; b < len(docs); b++ {
			pairs = append(pairs, Pair{uint32(a), uint32(b)})
		}
		if len(pairs) >= blockPairs {
			if err := flush(); err != nil {
				return nil, 0, err
			}
		}
	}
	if err := flush(); err != nil {
		return nil, 0, err
	}
	return links, verified, nil
}
