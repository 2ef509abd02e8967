package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/neardup/neardup/eval"
	"github.com/neardup/neardup/index"
)

// mustRun runs the command line and fails the test unless it exits 0.
func mustRun(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	code, stdout, stderr := runCLI(t, stdin, args...)
	if code != 0 {
		t.Fatalf("neardup %s: exit %d: %s", strings.Join(args, " "), code, stderr)
	}
	return stdout
}

// searchStories runs search --json and returns the page.
func searchStories(t *testing.T, args ...string) searchJSON {
	t.Helper()
	var page searchJSON
	out := mustRun(t, "", append([]string{"search", "--json"}, args...)...)
	if err := json.Unmarshal([]byte(out), &page); err != nil {
		t.Fatalf("search --json output: %v\n%s", err, out)
	}
	return page
}

func TestIndexCommandsOnDemo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	out := mustRun(t, "", "index", "--index", dir, demoCorpus)
	if !strings.Contains(out, "22 articles read: 22 added") {
		t.Errorf("index report: %q", out)
	}
	if out := mustRun(t, "", "index", "--index", dir, demoCorpus); !strings.Contains(out, "22 already indexed") {
		t.Errorf("second run should skip every article: %q", out)
	}
	page := searchStories(t, "--index", dir, "--versions", "Lemvig")
	if len(page.Stories) == 0 || page.Stories[0].Story != "s:storm-ritzau" || page.Stories[0].Versions != 5 || len(page.Stories[0].All) != 5 {
		t.Fatalf("search Lemvig: %+v; want s:storm-ritzau with its 5 versions first", page.Stories)
	}
	if !strings.Contains(page.Stories[0].Fragment, "**Lemvig**") {
		t.Errorf("fragment %q does not mark Lemvig", page.Stories[0].Fragment)
	}
	text := mustRun(t, "", "search", "--index", dir, "--versions", "Lemvig")
	for _, want := range []string{"1. s:storm-ritzau  5 version(s)", "* storm-ritzau", "(matched)"} {
		if !strings.Contains(text, want) {
			t.Errorf("search text output lacks %q:\n%s", want, text)
		}
	}
	if got := mustRun(t, "", "check", "--index", dir); !strings.Contains(got, "22 articles in the dedupe state, 22 in bleve") || !strings.HasSuffix(got, ": ok\n") {
		t.Errorf("check: %q", got)
	}

	// export writes what dedupe --out writes, byte for byte.
	exported := filepath.Join(t.TempDir(), "articles.jsonl")
	mustRun(t, "", "export", "--index", dir, "--out", exported)
	batch := filepath.Join(t.TempDir(), "batch")
	mustRun(t, "", "dedupe", "--views=false", "--out", batch, demoCorpus)
	got, err := os.ReadFile(exported)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(batch, "articles.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("export differs from dedupe --out articles.jsonl for the same corpus")
	}
	if stdout := mustRun(t, "", "export", "--index", dir); stdout != string(want) {
		t.Error("export to stdout differs from export --out")
	}
	// export --format csv writes the rows of dedupe's articles.csv, without
	// the byte order mark a file for a spreadsheet starts with.
	wantCSV, err := os.ReadFile(filepath.Join(batch, "articles.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if stdout := mustRun(t, "", "export", "--index", dir, "--format", "csv"); "\uFEFF"+stdout != string(wantCSV) {
		t.Errorf("export --format csv differs from dedupe --out articles.csv:\n%s", stdout)
	}
}

func TestSimilarCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	var rest, held bytes.Buffer
	f, err := os.Open(demoCorpus)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if strings.Contains(sc.Text(), `"id": "storm-vestkysten"`) {
			held.WriteString(sc.Text() + "\n")
		} else {
			rest.WriteString(sc.Text() + "\n")
		}
	}
	if held.Len() == 0 {
		t.Fatal("storm-vestkysten not found in the demo corpus")
	}
	mustRun(t, rest.String(), "index", "--index", dir, "-")
	var sim similarJSON
	if err := json.Unmarshal([]byte(mustRun(t, held.String(), "similar", "--index", dir, "--json", "-")), &sim); err != nil {
		t.Fatal(err)
	}
	if sim.ID != "storm-vestkysten" || sim.Story != "s:storm-ritzau" || len(sim.Versions) != 4 {
		t.Fatalf("similar: %+v; want story s:storm-ritzau with 4 versions", sim)
	}
	if v := sim.Versions[0]; v.ID != "storm-ritzau" || !v.Canonical || !v.Linked || v.Similarity < 0.5 || len(v.Shared) < 2 {
		t.Errorf("canonical version: %+v; want storm-ritzau linked, similar, sharing paragraphs", v)
	}
	text := mustRun(t, held.String(), "similar", "--index", dir, "-")
	if !strings.Contains(text, "storm-vestkysten belongs to s:storm-ritzau (4 version(s))") || !strings.Contains(text, "shared (this ↔ theirs): ¶") {
		t.Errorf("similar text output:\n%s", text)
	}
	// similar does not add the article.
	if got := mustRun(t, "", "check", "--index", dir); !strings.Contains(got, "21 articles") {
		t.Errorf("similar changed the index: %q", got)
	}
}

func TestIndexCommandErrors(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	mustRun(t, "", "index", "--index", dir, "--threshold", "0.3", demoCorpus)
	held, err := index.Open(filepath.Join(t.TempDir(), "held"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	for _, tc := range []struct {
		name       string
		args       []string
		want       int
		wantStderr string
	}{
		{"index without --index", []string{"index", demoCorpus}, 2, "--index"},
		{"index without input", []string{"index", "--index", dir}, 2, "no input"},
		{"other params", []string{"index", "--index", dir, demoCorpus}, 1, "different dedupe params"},
		{"locked", []string{"index", "--index", held.Dir(), demoCorpus}, 1, "index is locked"},
		{"search beside a writer", []string{"search", "--index", held.Dir(), "x"}, 0, ""},
		{"search without query", []string{"search", "--index", dir}, 2, "no query"},
		{"search bad page", []string{"search", "--index", dir, "--page", "0", "x"}, 2, "--page"},
		{"search bad date", []string{"search", "--index", dir, "--since", "yesterday", "x"}, 2, "since"},
		{"search bad lang", []string{"search", "--index", dir, "--lang", "xx", "x"}, 2, `--lang "xx"`},
		{"search bad query", []string{"search", "--index", dir, `"open`}, 1, "query"},
		{"search no index", []string{"search", "--index", filepath.Join(dir, "none"), "x"}, 1, "no index"},
		{"similar two files", []string{"similar", "--index", dir, demoCorpus, demoCorpus}, 2, "one FILE"},
		{"similar bad input", []string{"similar", "--index", dir, filepath.Join(dir, "none.jsonl")}, 1, "none.jsonl"},
		{"check extra args", []string{"check", "--index", dir, "x"}, 2, "nothing else"},
		{"export no index", []string{"export"}, 2, "--index"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, "", tc.args...)
			if code != tc.want || !strings.Contains(stderr, tc.wantStderr) {
				t.Errorf("exit %d, stderr %q; want %d mentioning %q", code, stderr, tc.want, tc.wantStderr)
			}
		})
	}
}

// sharedDir is the team's labelled data, beside the repo.
const sharedDir = "../../../shared"

func TestIndexSeedsVladivostok(t *testing.T) {
	seeds := filepath.Join(sharedDir, "seeds")
	if _, err := os.Stat(seeds); err != nil {
		t.Skipf("seed articles not found at %s (the team's shared folder, beside the repo)", seeds)
	}
	dir := filepath.Join(t.TempDir(), "idx")
	mustRun(t, "", "index", "--index", dir, seeds)
	page := searchStories(t, "--index", dir, "Vladivostok")
	three := 0
	for _, s := range page.Stories {
		switch {
		case s.Versions == 3:
			three++
			if len(s.Matched) != 3 {
				t.Errorf("the 3-version story matched %v, want its 3 versions", s.Matched)
			}
		case s.Versions == 1 && (strings.HasPrefix(s.Best, "003_") || strings.HasPrefix(s.Best, "004_")):
		default:
			t.Errorf("unexpected result %+v", s)
		}
	}
	if three != 1 {
		t.Errorf("the 3-version story appears %d times in %+v, want once", three, page.Stories)
	}
}

// TestIndexDevInTwoParts indexes the labelled dev set in two parts (80%,
// then the rest) and at once, and scores both exports.
func TestIndexDevInTwoParts(t *testing.T) {
	devDir := filepath.Join(sharedDir, "eval", "dev")
	corpusPath := filepath.Join(devDir, "corpus.jsonl")
	data, err := os.ReadFile(corpusPath)
	if err != nil {
		t.Skipf("dev set not found at %s (the team's shared folder, beside the repo)", devDir)
	}
	lines := strings.SplitAfter(strings.TrimSuffix(string(data), "\n"), "\n")
	cut := len(lines) * 8 / 10
	tmp := t.TempDir()
	first, second := filepath.Join(tmp, "first.jsonl"), filepath.Join(tmp, "second.jsonl")
	if err := os.WriteFile(first, []byte(strings.Join(lines[:cut], "")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(second, []byte(strings.Join(lines[cut:], "")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	truth, err := readWith(filepath.Join(devDir, "truth.jsonl"), eval.ReadTruth)
	if err != nil {
		t.Fatal(err)
	}
	score := func(idx string, inputs ...[]string) float64 {
		for _, in := range inputs {
			mustRun(t, "", append([]string{"index", "--quiet", "--index", idx}, in...)...)
		}
		out := filepath.Join(tmp, filepath.Base(idx)+".jsonl")
		mustRun(t, "", "export", "--index", idx, "--out", out)
		pred, err := readWith(out, eval.ReadPredictions)
		if err != nil {
			t.Fatal(err)
		}
		return eval.Evaluate(truth, pred).Pairwise.F1
	}
	parts := score(filepath.Join(tmp, "parts"), []string{first}, []string{second})
	once := score(filepath.Join(tmp, "once"), []string{corpusPath})
	t.Logf("story pairwise F1: %.4f in two parts, %.4f at once", parts, once)
	if parts < 0.99 || once < 0.99 || parts-once > 0.005 || once-parts > 0.005 {
		t.Errorf("pairwise F1 %.4f in two parts, %.4f at once: want both ≥ 0.99 and within 0.005", parts, once)
	}
}
