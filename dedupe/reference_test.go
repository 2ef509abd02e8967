package dedupe_test

import (
	"bytes"
	"context"
	"slices"
	"testing"

	"github.com/neardup/neardup/bench"
	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/dedupe"
)

// generated returns n articles of the bench generator's corpus for seed.
func generated(t testing.TB, n int, seed uint64) []corpus.Article {
	t.Helper()
	var buf bytes.Buffer
	if err := bench.Generate(bench.GenOptions{Articles: n, Seed: seed}, &buf, nil); err != nil {
		t.Fatal(err)
	}
	return readAll(t, &buf)
}

// readAll parses JSONL articles.
func readAll(t testing.TB, data *bytes.Buffer) []corpus.Article {
	t.Helper()
	var arts []corpus.Article
	_, err := corpus.Read(context.Background(), []string{"-"}, corpus.ReadOptions{Stdin: data}, func(a corpus.Article) error {
		arts = append(arts, a)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return arts
}

// TestExactReferenceMatchesExhaustive checks the sentence join against the
// definition: every pair verified.
func TestExactReferenceMatchesExhaustive(t *testing.T) {
	demo, err := readFile("../demo/corpus.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		arts []corpus.Article
		opt  dedupe.Options
	}{
		{"demo", demo, dedupe.Options{}},
		{"generated", generated(t, 300, 7), dedupe.Options{}},
		{"generated, one paragraph suffices", generated(t, 200, 8), dedupe.Options{Params: dedupe.Params{MinParagraphs: 1}}},
		{"generated, one worker", generated(t, 150, 9), dedupe.Options{Workers: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opt.TempDir = t.TempDir()
			join, err := dedupe.ExactReference(context.Background(), corpus.Slice(tc.arts), dedupe.ReferenceOptions{Options: tc.opt})
			if err != nil {
				t.Fatal(err)
			}
			all, err := dedupe.ExactReference(context.Background(), corpus.Slice(tc.arts), dedupe.ReferenceOptions{Options: tc.opt, Exhaustive: true})
			if err != nil {
				t.Fatal(err)
			}
			n := len(tc.arts)
			if all.Verified != n*(n-1)/2 {
				t.Errorf("exhaustive verified %d pairs, want %d", all.Verified, n*(n-1)/2)
			}
			if len(all.Pairs) == 0 {
				t.Fatal("no pair passes the story rule: the corpus tests nothing")
			}
			t.Logf("%d articles: %d pairs pass; join verified %d (%d sentence pairs), exhaustive %d", n, len(all.Pairs), join.Verified, join.SentencePairs, all.Verified)
			if !slices.Equal(join.Pairs, all.Pairs) {
				t.Errorf("join found %d pairs, exhaustive %d\njoin: %v\nall:  %v", len(join.Pairs), len(all.Pairs), join.Pairs, all.Pairs)
			}
			if join.Verified >= all.Verified/4 {
				t.Errorf("join verified %d of %d pairs: the filter filters nothing", join.Verified, all.Verified)
			}
			if !slices.Equal(join.Candidates, all.Candidates) {
				t.Error("the two methods saw different LSH candidates")
			}
		})
	}
}

// TestExactReferenceAgreesWithRun: a Run links exactly the reference pairs
// that LSH proposed.
func TestExactReferenceAgreesWithRun(t *testing.T) {
	arts := generated(t, 400, 11)
	opt := dedupe.Options{TempDir: t.TempDir()}
	ref, err := dedupe.ExactReference(context.Background(), corpus.Slice(arts), dedupe.ReferenceOptions{Options: opt})
	if err != nil {
		t.Fatal(err)
	}
	res, err := dedupe.Run(context.Background(), corpus.Slice(arts), opt)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	if got, want := res.Stats.Candidates, len(ref.Candidates); got != want {
		t.Errorf("run has %d candidates, reference %d", got, want)
	}
	if got, want := res.Stats.Links, len(ref.Pairs)-len(ref.Missed()); got != want {
		t.Errorf("run has %d links, reference pairs among the candidates: %d", got, want)
	}
	if r := ref.CandidateRecall(); r < 0.99 {
		t.Errorf("candidate recall %.4f < 0.99; missed %v", r, ref.Missed())
	}
	for i, p := range ref.Pairs {
		if p.A >= p.B || (i > 0 && !(ref.Pairs[i-1].A < p.A || ref.Pairs[i-1].A == p.A && ref.Pairs[i-1].B < p.B)) {
			t.Fatalf("pairs not sorted and ordered at %d: %v", i, p)
		}
	}
	if len(ref.IDs) != len(arts) || ref.IDs[5] != arts[5].ID {
		t.Errorf("IDs do not follow the input")
	}
}

func TestReferenceRecall(t *testing.T) {
	for _, tc := range []struct {
		name        string
		pairs, cand []dedupe.Pair
		want        float64
		missed      int
	}{
		{"none", nil, nil, 1, 0},
		{"all found", []dedupe.Pair{{0, 1}, {2, 3}}, []dedupe.Pair{{0, 1}, {0, 2}, {2, 3}}, 1, 0},
		{"half", []dedupe.Pair{{0, 1}, {2, 3}}, []dedupe.Pair{{0, 1}, {1, 3}}, 0.5, 1},
		{"no candidates", []dedupe.Pair{{0, 1}}, nil, 0, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := dedupe.Reference{Pairs: tc.pairs, Candidates: tc.cand}
			if got := r.CandidateRecall(); got != tc.want {
				t.Errorf("recall %v, want %v", got, tc.want)
			}
			if got := len(r.Missed()); got != tc.missed {
				t.Errorf("missed %d, want %d", got, tc.missed)
			}
		})
	}
}

// readFile reads a JSONL corpus file.
func readFile(path string) ([]corpus.Article, error) {
	var arts []corpus.Article
	_, err := corpus.Read(context.Background(), []string{path}, corpus.ReadOptions{}, func(a corpus.Article) error {
		arts = append(arts, a)
		return nil
	})
	return arts, err
}
