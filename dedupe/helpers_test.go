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
	read := func(fn func(corpus.Article) error) error {
		_, err := corpus.Read(context.Background(), inputs, corpus.ReadOptions{}, fn)
		return err
	}
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
