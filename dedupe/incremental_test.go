package dedupe

import (
	"context"
	"os"
	"testing"

	"github.com/neardup/neardup/corpus"
)

// readAll reads every article of the inputs.
func readAll(t testing.TB, inputs ...string) []corpus.Article {
	t.Helper()
	var arts []corpus.Article
	_, err := corpus.Read(context.Background(), inputs, corpus.ReadOptions{}, func(a corpus.Article) error {
		arts = append(arts, a)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return arts
}

// addBatches adds arts to a new Store in batches of the given sizes (the
// rest in the last) and returns the store.
func addBatches(t testing.TB, arts []corpus.Article, sizes ...int) *Store {
	t.Helper()
	s, err := OpenStore(t.TempDir(), StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for len(arts) > 0 {
		n := len(arts)
		if len(sizes) > 0 {
			n, sizes = min(sizes[0], n), sizes[1:]
		}
		u, err := s.Prepare(context.Background(), arts[:n], AddOptions{})
		if err != nil {
			t.Fatalf("Prepare: %v", err)
		}
		if err := s.Commit(u, nil); err != nil {
			t.Fatalf("Commit: %v", err)
		}
		arts = arts[n:]
	}
	return s
}

// storeStories returns each article's story id in the store.
func storeStories(t testing.TB, s *Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	if err := s.EachArticle(func(a ArticleState) error { out[a.ID] = a.Story; return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// resultStories returns each article's story id in a Result.
func resultStories(res *Result) map[string]string {
	out := map[string]string{}
	for i, d := range res.Docs {
		out[d.ID] = res.Stories[res.StoryOf[i]].ID
	}
	return out
}

// pairF1 is the pairwise F1 of a clustering against another.
func pairF1(got, want map[string]string) float64 {
	pairs := func(m map[string]string) map[[2]string]bool {
		by := map[string][]string{}
		for id, s := range m {
			by[s] = append(by[s], id)
		}
		out := map[[2]string]bool{}
		for _, ids := range by {
			for i := range ids {
				for j := range ids {
					if ids[i] < ids[j] {
						out[[2]string{ids[i], ids[j]}] = true
					}
				}
			}
		}
		return out
	}
	g, w := pairs(got), pairs(want)
	tp := 0
	for p := range g {
		if w[p] {
			tp++
		}
	}
	if len(g)+len(w) == 0 {
		return 1
	}
	return 2 * float64(tp) / float64(len(g)+len(w))
}

func TestIncrementalMatchesRun(t *testing.T) {
	inputs := []string{"../demo/corpus.jsonl"}
	if _, err := os.Stat("../../shared/eval/dev/corpus.jsonl"); err == nil {
		inputs = append(inputs, "../../shared/eval/dev/corpus.jsonl")
	}
	arts := readAll(t, inputs...)
	batch := resultStories(runOn(t, inputs...))
	for _, tc := range []struct {
		name  string
		sizes []int
	}{
		{"at once", nil},
		{"80% then 20%", []int{len(arts) * 8 / 10}},
		{"batches of 100", []int{100, 100, 100, 100, 100, 100, 100, 100, 100, 100}},
		{"one by one at the end", append([]int{len(arts) - 20}, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := addBatches(t, arts, tc.sizes...)
			got := storeStories(t, s)
			if len(got) != len(arts) {
				t.Fatalf("%d articles in the store, want %d", len(got), len(arts))
			}
			f1 := pairF1(got, batch)
			t.Logf("pairwise F1 against Run: %.4f", f1)
			if f1 < 0.995 {
				t.Errorf("pairwise F1 against Run = %.4f, want ≥ 0.995", f1)
			}
		})
	}
}
