package dedupe

import (
	"context"
	"testing"

	"github.com/neardup/neardup/corpus"
)

// runOn reads inputs with the corpus reader and runs the engine with
// default parameters.
func runOn(t *testing.T, inputs ...string) *Result {
	t.Helper()
	read := corpus.Files(context.Background(), inputs, corpus.ReadOptions{})
	res, err := Run(context.Background(), read, Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatalf("Run(%v): %v", inputs, err)
	}
	t.Cleanup(func() { res.Close() })
	return res
}

// docIndex returns the index of the Doc with the given ID.
func docIndex(t *testing.T, res *Result, id string) int {
	t.Helper()
	for i, d := range res.Docs {
		if d.ID == id {
			return i
		}
	}
	t.Fatalf("no article %s", id)
	return -1
}

// demoDocs returns the demo corpus's articles analysed, word hashes in
// memory.
func demoDocs(t testing.TB) []*Doc {
	t.Helper()
	arts, err := corpus.ReadAll(context.Background(), []string{"../demo/corpus.jsonl"}, corpus.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	an, err := NewAnalyzer(DefaultParams(), "")
	if err != nil {
		t.Fatal(err)
	}
	docs := make([]*Doc, len(arts))
	for i := range arts {
		docs[i], _ = an.Analyze(&arts[i], nil)
	}
	return docs
}
