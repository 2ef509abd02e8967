package state

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/neardup/neardup/dedupe"

	"github.com/google/go-cmp/cmp"

	"github.com/neardup/neardup/corpus"
)

// readAll reads every article of the inputs.
func readAll(t testing.TB, inputs ...string) []corpus.Article {
	t.Helper()
	arts, err := corpus.ReadAll(context.Background(), inputs, corpus.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return arts
}

// runOn runs the batch engine on inputs, the reference the state must match.
func runOn(t testing.TB, inputs ...string) *dedupe.Result {
	t.Helper()
	res, err := dedupe.Run(context.Background(), corpus.Files(context.Background(), inputs, corpus.ReadOptions{}), dedupe.Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Close() })
	return res
}

// addBatches adds arts to a new Store in batches of the given sizes (the
// rest in the last) and returns the store.
func addBatches(t testing.TB, arts []corpus.Article, sizes ...int) *Store {
	t.Helper()
	s, err := Open(t.TempDir(), Options{})
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
	if err := s.EachArticle(func(a Article) error { out[a.ID] = a.Story; return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// resultStories returns each article's story id in a Result.
func resultStories(res *dedupe.Result) map[string]string {
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
			mustCheckStore(t, s)
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

// mustCheckStore fails unless the store's Check finds nothing.
func mustCheckStore(t testing.TB, s *Store) {
	t.Helper()
	problems, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("check: %s", p)
	}
}

// prepareCommit adds one batch and returns its Update.
func prepareCommit(t testing.TB, s *Store, arts ...corpus.Article) *Update {
	t.Helper()
	u, err := s.Prepare(context.Background(), arts, AddOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(u, nil); err != nil {
		t.Fatal(err)
	}
	return u
}

var (
	paraA = []string{
		"The harbour in Esbjerg flooded at dawn and forty homes were evacuated by the fire service overnight.",
		"The mayor said the sea wall had been raised in 2019 but the storm surge was higher than any forecast.",
		"Insurers expect claims of forty million kroner from owners of flooded cellars and cars along the quay.",
	}
	paraB = []string{
		"A freight train derailed near Fredericia on Tuesday morning and blocked both tracks for most of the day.",
		"Rail operators said passengers between Jutland and Funen should expect delays of several hours tonight.",
		"Investigators from the accident board will examine a damaged switch that was replaced only last spring.",
	}
)

func join(ps ...string) string { return strings.Join(ps, "\n\n") }

func TestIncrementalMergeReplaceAndStableIDs(t *testing.T) {
	s, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	u := prepareCommit(t, s,
		corpus.Article{ID: "a", Body: join(paraA...)},
		corpus.Article{ID: "b", Body: join(paraB...)})
	if u.NewStories != 2 || len(u.Merges) != 0 {
		t.Fatalf("first batch: %d new stories, merges %v; want 2, none", u.NewStories, u.Merges)
	}
	// An update of a keeps its story id; then a roundup-like article
	// sharing two paragraphs with each joins the two stories.
	u = prepareCommit(t, s, corpus.Article{ID: "a2", Body: join("Residents returned on Thursday.", paraA[0], paraA[1])})
	if got := storeStories(t, s); got["a2"] != "s:a" || got["a"] != "s:a" {
		t.Fatalf("a2 did not join s:a: %v", got)
	}
	if len(u.Changed) == 0 {
		t.Error("a's paragraphs became shared, but no existing article was reported changed")
	}
	u = prepareCommit(t, s, corpus.Article{ID: "c", Body: join(paraA[1], paraA[2], paraB[0], paraB[1])})
	want := []Merge{{Into: "s:a", From: []string{"s:b"}}}
	if diff := cmp.Diff(want, u.Merges); diff != "" {
		t.Errorf("merges (-want +got):\n%s", diff)
	}
	got := storeStories(t, s)
	for _, id := range []string{"a", "a2", "b", "c"} {
		if got[id] != "s:a" {
			t.Errorf("%s is in %s, want s:a", id, got[id])
		}
	}
	mustCheckStore(t, s)
	// c changes into something unrelated: the story splits again.
	u = prepareCommit(t, s, corpus.Article{ID: "c", Body: "Nothing to do with either story, said the weather service on Friday morning."})
	if u.Replaced != 1 || len(u.Added) != 1 {
		t.Errorf("replacing c: replaced %d, added %d; want 1, 1", u.Replaced, len(u.Added))
	}
	got = storeStories(t, s)
	if got["a"] != "s:a" || got["a2"] != "s:a" || got["b"] == "s:a" || got["c"] == got["a"] || got["c"] == got["b"] {
		t.Errorf("after replacing c: %v; want a, a2 in s:a, b and c apart", got)
	}
	if len(u.Splits) != 1 || u.Splits[0].From != "s:a" {
		t.Errorf("splits %+v, want one from s:a", u.Splits)
	}
	mustCheckStore(t, s)
	// The same content again is a no-op.
	if u = prepareCommit(t, s, corpus.Article{ID: "a", Body: join(paraA...)}); u.Unchanged != 1 || len(u.Added)+len(u.Changed) != 0 {
		t.Errorf("re-adding a: %+v", u)
	}
}
