package main

import (
	"bytes"
	"context"
	"errors"
	"go/build"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/neardup/neardup/bench"
	"github.com/neardup/neardup/eval"
	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/state"
)

// buildNeardup builds the command into a temporary directory.
func buildNeardup(t *testing.T) string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		gobin = filepath.Join(build.Default.GOROOT, "bin", "go") // the GOROOT this test was built with
	}
	bin := filepath.Join(t.TempDir(), "neardup")
	out, err := exec.Command(gobin, "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// lastRun returns the highest number of the key run files in an index:
// it grows with every batch written.
func lastRun(dir string) int {
	entries, _ := os.ReadDir(filepath.Join(dir, state.KeysDir)) // none yet: 0
	best := 0
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".run")
		if i := strings.LastIndexByte(name, '-'); i >= 0 {
			if n, err := strconv.Atoi(name[i+1:]); err == nil {
				best = max(best, n)
			}
		}
	}
	return best
}

// checkIndex opens the index, which completes a pending batch, and checks
// it; it returns the number of articles.
func checkIndex(t *testing.T, dir string) int {
	t.Helper()
	x, err := index.Open(dir, index.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("open after kill: %v", err)
	}
	defer x.Close()
	rep, err := x.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) > 0 {
		t.Fatalf("check after kill:\n%s", strings.Join(rep.Problems, "\n"))
	}
	if rep.Articles != rep.Indexed {
		t.Fatalf("%d articles in the state, %d in bleve", rep.Articles, rep.Indexed)
	}
	return rep.Articles
}

// TestIndexSurvivesKill kills a real `neardup index` process at several
// moments: each time the index opens, passes check and holds whole
// batches; a second index run meanwhile fails at once as locked; a rerun of
// the same command completes the index with the stories of a batch run.
func TestIndexSurvivesKill(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL and flock")
	}
	bin := buildNeardup(t)
	tmp := t.TempDir()
	corpusPath := filepath.Join(tmp, "corpus.jsonl")
	var gen, genTruth bytes.Buffer
	const articles, batch = 2000, 40
	if err := bench.Generate(bench.GenOptions{Articles: articles, Seed: 3}, &gen, &genTruth); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(corpusPath, gen.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	truth, err := eval.ReadTruth(&genTruth, "truth")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(tmp, "idx")
	args := []string{"index", "--quiet", "--batch", strconv.Itoa(batch), "--index", dir, corpusPath}
	have := 0
	for round := range 3 {
		cmd := exec.Command(bin, args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := lastRun(dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(time.Minute)
		for lastRun(dir) < start+2*(round+2) && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		if round == 0 {
			second := exec.Command(bin, args...)
			var errOut bytes.Buffer
			second.Stderr = &errOut
			err := second.Run()
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || !strings.Contains(errOut.String(), "index is locked") {
				t.Errorf("a second index run while one runs: %v, stderr %q; want exit 1 saying the index is locked", err, errOut.String())
			}
		}
		time.Sleep(time.Duration(round*7) * time.Millisecond) // kill at different moments of a batch
		if err := cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
			t.Fatal(err)
		}
		cmd.Wait() // killed: the error says so
		n := checkIndex(t, dir)
		t.Logf("round %d: killed with %d articles indexed", round, n)
		if n%batch != 0 || n < have {
			t.Errorf("round %d: %d articles after the kill (had %d): want whole batches of %d, none lost", round, n, have, batch)
		}
		have = n
	}
	if have == 0 || have == articles {
		t.Logf("the kills came at the start or the end (%d articles): the test ran, but tested less", have)
	}
	if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("rerun: %v\n%s", err, out)
	}
	if n := checkIndex(t, dir); n != articles {
		t.Fatalf("after the rerun %d articles, want %d", n, articles)
	}
	exported := filepath.Join(tmp, "articles.jsonl")
	if out, err := exec.Command(bin, "export", "--index", dir, "--out", exported).CombinedOutput(); err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	batchOut := filepath.Join(tmp, "batch")
	if out, err := exec.Command(bin, "dedupe", "--quiet", "--views=false", "--out", batchOut, corpusPath).CombinedOutput(); err != nil {
		t.Fatalf("dedupe: %v\n%s", err, out)
	}
	got, err := readWith(exported, eval.ReadPredictions)
	if err != nil {
		t.Fatal(err)
	}
	want, err := readWith(filepath.Join(batchOut, "articles.jsonl"), eval.ReadPredictions)
	if err != nil {
		t.Fatal(err)
	}
	killed, whole := eval.Evaluate(truth, got).Pairwise.F1, eval.Evaluate(truth, want).Pairwise.F1
	t.Logf("pairwise F1 against the generator's truth: %.4f after kills and a rerun, %.4f in a batch run", killed, whole)
	if killed < whole-0.001 {
		t.Errorf("stories after kills and a rerun: pairwise F1 %.4f, a batch run %.4f", killed, whole)
	}
}
