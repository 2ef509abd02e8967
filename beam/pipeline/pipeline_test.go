package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/neardup/neardup/bench"
	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/output"
	"github.com/neardup/neardup/text"
)

// The pipeline runs on Prism, in this process (ptest's default runner).
func TestMain(m *testing.M) { ptest.MainWithDefault(m, "prism") }

// batch runs what `neardup dedupe --out DIR` runs on the inputs: the
// engine, then output.WriteDir. It returns DIR and the run's counts.
func batch(t *testing.T, inputs []string, p dedupe.Params) (string, dedupe.Stats) {
	t.Helper()
	ctx := context.Background()
	read := corpus.Files(ctx, inputs, corpus.ReadOptions{KnownLang: func(code string) bool { return text.ParseLang(code) != "" }})
	res, err := dedupe.Run(ctx, read, dedupe.Options{Params: p})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	dir := filepath.Join(t.TempDir(), "batch")
	if err := output.WriteDir(ctx, dir, res, output.DirOptions{Views: true}); err != nil {
		t.Fatal(err)
	}
	return dir, res.Stats
}

// runBeam runs the pipeline on Prism and merges its shards.
func runBeam(t *testing.T, cfg Config) string {
	t.Helper()
	ctx := context.Background()
	cfg.Out = filepath.Join(t.TempDir(), "beam")
	cfg.SetDefaults()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	p, s := beam.NewPipelineWithRoot()
	Build(s, &cfg)
	if err := ptest.Run(p); err != nil {
		t.Fatal(err)
	}
	if err := Merge(ctx, cfg.Out); err != nil {
		t.Fatal(err)
	}
	return cfg.Out
}

// sameFiles fails unless both directories hold the same articles.jsonl
// and stories.json, byte for byte.
func sameFiles(t *testing.T, want, got string) {
	t.Helper()
	for _, name := range []string{output.ArticlesName, output.StoriesName} {
		w, err := os.ReadFile(filepath.Join(want, name))
		if err != nil {
			t.Fatal(err)
		}
		g, err := os.ReadFile(filepath.Join(got, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(w, g) {
			t.Errorf("%s: Beam's (%d bytes) differs from dedupe's (%d bytes) at byte %d", name, len(g), len(w), firstDiff(w, g))
		}
	}
}

// firstDiff is where a and b first differ.
func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// shared returns a path under ../shared (beside the repository), or skips
// the test when it is absent.
func shared(t *testing.T, rel string) string {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", rel)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s absent (%v): the shared corpora are not on this machine", path, err)
	}
	return path
}

func TestDemo(t *testing.T) {
	inputs := []string{filepath.Join("..", "..", "demo", "corpus.jsonl")}
	want, _ := batch(t, inputs, dedupe.DefaultParams())
	sameFiles(t, want, runBeam(t, Config{Inputs: inputs}))
}

func TestSeeds(t *testing.T) {
	inputs := []string{shared(t, "seeds")}
	want, _ := batch(t, inputs, dedupe.DefaultParams())
	sameFiles(t, want, runBeam(t, Config{Inputs: inputs}))
}

func TestDev(t *testing.T) {
	inputs := []string{shared(t, filepath.Join("eval", "dev", "corpus.jsonl"))}
	want, _ := batch(t, inputs, dedupe.DefaultParams())
	sameFiles(t, want, runBeam(t, Config{Inputs: inputs}))
}

// TestParams: the dedupe flags reach every stage.
func TestParams(t *testing.T) {
	inputs := []string{shared(t, filepath.Join("eval", "dev", "corpus.jsonl"))}
	p := dedupe.Params{Threshold: 0.35, MinSharedKeys: 3, ShingleSize: 4}
	want, _ := batch(t, inputs, p)
	sameFiles(t, want, runBeam(t, Config{Inputs: inputs, Params: p}))
}

// TestShardsAndWorkers: one shard of everything, and many, across several
// input files (each read by its own DoFn call), give the same bytes.
func TestShardsAndWorkers(t *testing.T) {
	inputs := splitCorpus(t, filepath.Join("..", "..", "demo", "corpus.jsonl"), 5)
	if dev := filepath.Join("..", "..", "..", "shared", "eval", "dev", "corpus.jsonl"); fileExists(dev) {
		inputs = splitCorpus(t, dev, 7)
	}
	want, _ := batch(t, inputs, dedupe.DefaultParams())
	for _, c := range []Config{
		{Inputs: inputs, Shards: 1, KeyShards: 1},
		{Inputs: inputs, Shards: 13, KeyShards: 1024},
	} {
		t.Run(fmt.Sprintf("shards=%d,key-shards=%d", c.Shards, c.KeyShards), func(t *testing.T) {
			sameFiles(t, want, runBeam(t, c))
		})
	}
}

// TestBoilerplate: a paragraph of page furniture under unrelated stories
// is learned by the batch run, and the pipeline learns it too.
func TestBoilerplate(t *testing.T) {
	var gen, truth bytes.Buffer
	if err := bench.Generate(bench.GenOptions{Articles: 400, Seed: 7}, &gen, &truth); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "furniture.jsonl")
	var out bytes.Buffer
	sc := bufio.NewScanner(&gen)
	sc.Buffer(nil, 1<<24)
	for i := 0; sc.Scan(); i++ {
		var a map[string]any
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		if i%3 == 0 {
			a["body"] = a["body"].(string) + "\n\nFølg os på Facebook og få de seneste nyheder fra lokalområdet."
		}
		line, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		out.Write(append(line, '\n'))
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	want, stats := batch(t, []string{path}, dedupe.DefaultParams())
	if stats.Boilerplate == 0 {
		t.Fatal("the batch run learned no boilerplate: the test corpus does not exercise the stage")
	}
	sameFiles(t, want, runBeam(t, Config{Inputs: []string{path}, Shards: 3}))
}

// TestDuplicateIDs: an ID in two inputs fails the run, as in the batch run.
func TestDuplicateIDs(t *testing.T) {
	demo := filepath.Join("..", "..", "demo", "corpus.jsonl")
	cfg := Config{Inputs: []string{demo, demo}, Out: filepath.Join(t.TempDir(), "beam")}
	cfg.SetDefaults()
	p, s := beam.NewPipelineWithRoot()
	Build(s, &cfg)
	err := ptest.Run(p)
	if err == nil || !strings.Contains(err.Error(), "duplicate id") {
		t.Fatalf("got %v, want a duplicate id error", err)
	}
}

// splitCorpus writes the lines of a JSONL corpus into n files, in order,
// and returns their paths.
func splitCorpus(t *testing.T, path string, n int) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimSuffix(string(raw), "\n"), "\n")
	dir := t.TempDir()
	var paths []string
	per := (len(lines) + n - 1) / n
	for i := 0; i < len(lines); i += per {
		p := filepath.Join(dir, fmt.Sprintf("part-%02d.jsonl", len(paths)))
		if err := os.WriteFile(p, []byte(strings.Join(lines[i:min(len(lines), i+per)], "")), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// TestAgencyItems: versions of one agency item (GUID) in different stories
// are linked by update_of, as in the batch run, whatever the stories.
func TestAgencyItems(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "demo", "corpus.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	for i, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		var a map[string]any
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatal(err)
		}
		switch i % 5 { // items across the demo's stories
		case 0:
			a["guid"], a["version"] = "urn:item:one", float64(i/5+1)
		case 3:
			a["guid"], a["version"] = "urn:item:two", float64(2-i/10)
		}
		b, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		out.Write(append(b, '\n'))
	}
	path := filepath.Join(t.TempDir(), "items.jsonl")
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	want, _ := batch(t, []string{path}, dedupe.DefaultParams())
	arts, err := os.ReadFile(filepath.Join(want, output.ArticlesName))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(arts, []byte(`"update_of"`)) {
		t.Fatal("the batch run wrote no update_of: the test corpus does not exercise agency items")
	}
	sameFiles(t, want, runBeam(t, Config{Inputs: []string{path}, Shards: 4}))
}
