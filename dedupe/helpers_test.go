package dedupe

import (
	"context"
	"testing"

	"github.com/neardup/neardup/corpus"
)

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
