package bench

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/eval"
	"github.com/neardup/neardup/output"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

const (
	devDir      = "../../shared/eval/dev"
	qualityFile = "testdata/quality.txt"
)

// TestDevQuality runs neardup on the labelled dev corpus and checks the
// figures of ../shared/eval/README.md against the floors we promise, then
// against testdata/quality.txt, so that every change to quality shows in the
// diff (go test ./bench -run DevQuality -update rewrites it).
func TestDevQuality(t *testing.T) {
	if _, err := os.Stat(filepath.Join(devDir, "corpus.jsonl")); err != nil {
		t.Skipf("dev corpus not found at %s (it lives in the team's shared folder, beside the repo): %v", devDir, err)
	}
	rep := evaluateRun(t, filepath.Join(devDir, "corpus.jsonl"), filepath.Join(devDir, "truth.jsonl"))
	for _, f := range []struct {
		name  string
		got   float64
		floor float64
	}{
		{"story pairwise F1", rep.Pairwise.F1, 0.99},
		{"story B-cubed F1", rep.BCubed.F1, 0.99},
		{"paragraph-pair F1", rep.Paragraphs.F1, 0.97},
		{"boilerplate recall", rep.Boilerplate.Recall, 0.95},
		{"credit recall", rep.Credit.Recall, 0.95},
	} {
		if f.got < f.floor {
			t.Errorf("%s = %.4f, below the floor %.2f", f.name, f.got, f.floor)
		}
	}
	var got bytes.Buffer
	if err := rep.WriteText(&got); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(qualityFile, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(qualityFile)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(want, got.Bytes()) {
		t.Errorf("quality on the dev corpus changed; if intended, rerun with -update and commit %s.\ngot:\n%s\nwant:\n%s",
			qualityFile, got.Bytes(), want)
	}
}

// evaluateRun dedupes a corpus with default parameters and scores the
// articles.jsonl it would write against truth.
func evaluateRun(t *testing.T, corpusPath, truthPath string) eval.Report {
	t.Helper()
	read := corpus.Files(context.Background(), []string{corpusPath}, corpus.ReadOptions{})
	res, err := dedupe.Run(context.Background(), read, dedupe.Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	var articles bytes.Buffer
	if err := output.WriteArticles(&articles, res); err != nil {
		t.Fatal(err)
	}
	pred, err := eval.ReadPredictions(&articles, "articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	tf, err := os.Open(truthPath)
	if err != nil {
		t.Fatal(err)
	}
	defer tf.Close()
	truth, err := eval.ReadTruth(tf, truthPath)
	if err != nil {
		t.Fatal(err)
	}
	return eval.Evaluate(truth, pred)
}
