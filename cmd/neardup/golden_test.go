package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// goldenFiles are the files `neardup dedupe --out` writes; with the summary
// (stdout of `neardup dedupe` without --out) they are everything a desk
// reads of a run.
var goldenFiles = []string{"articles.jsonl", "stories.json", "articles.csv", "report.html"}

// dedupeOutputs runs `neardup dedupe` on input twice, once for the summary
// and once with --out, and returns each output by file name ("summary.txt"
// for stdout).
func dedupeOutputs(t *testing.T, input string) map[string][]byte {
	t.Helper()
	code, summary, stderr := runCLI(t, "", "dedupe", "--quiet", input)
	if code != 0 {
		t.Fatalf("dedupe %s: exit %d: %s", input, code, stderr)
	}
	dir := t.TempDir()
	if code, _, stderr := runCLI(t, "", "dedupe", "--quiet", "--out", dir, input); code != 0 {
		t.Fatalf("dedupe --out %s: exit %d: %s", input, code, stderr)
	}
	outs := map[string][]byte{"summary.txt": []byte(summary)}
	for _, name := range goldenFiles {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		outs[name] = b
	}
	return outs
}

// TestDemoGolden pins every output of the demo run byte for byte: the
// summary, articles.jsonl, stories.json and report.html. Run with -update
// after a change that is meant to change them, and read the diff.
func TestDemoGolden(t *testing.T) {
	outs := dedupeOutputs(t, demoCorpus)
	for name, got := range outs {
		path := filepath.Join("testdata", "demo", name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (%d vs %d bytes; first difference at byte %d); run go test -update if the change is meant",
				name, path, len(got), len(want), firstDiff(got, want))
		}
	}
}

// TestSharedGolden pins the outputs on the team's labelled data by their
// SHA-256 (the texts are not ours to check in): the seeds and the dev set.
func TestSharedGolden(t *testing.T) {
	inputs := map[string]string{
		"seeds": "../../../shared/seeds",
		"dev":   "../../../shared/eval/dev/corpus.jsonl",
	}
	path := filepath.Join("testdata", "shared.sha256")
	var lines []string
	for _, name := range []string{"dev", "seeds"} {
		input := inputs[name]
		if _, err := os.Stat(input); err != nil {
			if *update {
				t.Fatalf("-update needs %s: %v", input, err)
			}
			t.Skipf("%s absent (the team's data in ../shared): %v", input, err)
		}
		for file, b := range dedupeOutputs(t, input) {
			sum := sha256.Sum256(b)
			lines = append(lines, fmt.Sprintf("%s  %s/%s", hex.EncodeToString(sum[:]), name, file))
		}
	}
	sort.Slice(lines, func(i, j int) bool { return lines[i][66:] < lines[j][66:] })
	got := strings.Join(lines, "\n") + "\n"
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("outputs on ../shared changed:\ngot\n%s\nwant\n%s", got, want)
	}
}

// firstDiff returns the offset of the first byte where a and b differ.
func firstDiff(a, b []byte) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// TestIndexFixture opens an index written by an earlier neardup
// (testdata/index-v1: the demo corpus indexed at commit 7315b17, before the
// packages were split) and checks that today's code reads it: check passes,
// search and similar answer, and export gives testdata/index-v1.export.jsonl
// (-update rewrites it). An index on a desk's disk must outlive a refactor;
// its stored links are those of the engine that made them, so the export
// follows the demo golden only until the engine's rules change.
func TestIndexFixture(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "index-v1"))); err != nil {
		t.Fatal(err)
	}
	if got := mustRun(t, "", "check", "--index", dir); !strings.HasSuffix(got, ": ok\n") {
		t.Errorf("check of the fixture: %q", got)
	}
	got := mustRun(t, "", "export", "--index", dir)
	path := filepath.Join("testdata", "index-v1.export.jsonl")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("export of the fixture differs from %s (first difference at byte %d)", path, firstDiff([]byte(got), want))
	}
	page := searchStories(t, "--index", dir, "--versions", "Lemvig")
	if len(page.Stories) == 0 || page.Stories[0].Story != "s:storm-ritzau" || page.Stories[0].Versions != 5 {
		t.Errorf("search Lemvig in the fixture: %+v; want s:storm-ritzau with 5 versions first", page.Stories)
	}
}
