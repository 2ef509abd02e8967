package output

import (
	"context"
	"testing"

	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/dedupe"
)

// runOn reads inputs with the corpus reader and runs the engine with
// default parameters.
func runOn(t *testing.T, inputs ...string) *dedupe.Result {
	t.Helper()
	read := corpus.Files(context.Background(), inputs, corpus.ReadOptions{})
	res, err := dedupe.Run(context.Background(), read, dedupe.Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatalf("Run(%v): %v", inputs, err)
	}
	t.Cleanup(func() { res.Close() })
	return res
}
