package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// runCLI runs the neardup command line in process and returns its exit
// code, stdout and stderr.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut}
	code := exitCode(run(context.Background(), args, e), &errOut)
	return code, out.String(), errOut.String()
}

const demoCorpus = "../../demo/corpus.jsonl"

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte("{\"id\":\"a\",\"body\":\"Hello.\"}\n{\"id\":\"a\",\"body\":\"Again.\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name       string
		args       []string
		want       int
		wantStderr string
	}{
		{"no command", nil, 2, "no command"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"no input", []string{"dedupe"}, 2, "no input"},
		{"unknown flag", []string{"dedupe", "--nope", demoCorpus}, 2, "nope"},
		{"bad threshold", []string{"dedupe", "--threshold", "2", demoCorpus}, 2, "threshold"},
		{"bad lang", []string{"dedupe", "--lang", "xx", demoCorpus}, 2, `--lang "xx"`},
		{"missing file", []string{"dedupe", filepath.Join(dir, "none.jsonl")}, 1, "none.jsonl"},
		{"duplicate id names file and line", []string{"dedupe", bad}, 1, "bad.jsonl:2"},
		{"help", []string{"dedupe", "-h"}, 0, "Usage"},
		{"eval without truth", []string{"eval", "x.jsonl"}, 2, "--truth"},
		{"version", []string{"--version"}, 0, ""},
		{"eval with two truths", []string{"eval", "--truth", "t.jsonl", "--events", "p.json", "x.jsonl"}, 2, "--events"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, "", tc.args...)
			if code != tc.want {
				t.Errorf("exit %d, want %d (stderr %q)", code, tc.want, stderr)
			}
			if !strings.Contains(stderr, tc.wantStderr) {
				t.Errorf("stderr %q does not mention %q", stderr, tc.wantStderr)
			}
		})
	}
}

func TestDedupeOutIsDeterministicAndAtomic(t *testing.T) {
	dir := t.TempDir()
	outA, outB := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if code, _, stderr := runCLI(t, "", "dedupe", "--workers", "1", demoCorpus, "--out", outA); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "", "dedupe", "--workers", "3", "--out", outB, demoCorpus); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, name := range []string{"articles.jsonl", "stories.json", "report.html"} {
		a, err := os.ReadFile(filepath.Join(outA, name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(outB, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between runs with 1 and 3 workers", name)
		}
		if len(a) == 0 {
			t.Errorf("%s is empty", name)
		}
	}

	// A failing run must leave the earlier results intact.
	before, _ := os.ReadFile(filepath.Join(outA, "articles.jsonl"))
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte("{\"id\":\"x\",\"body\":42}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := runCLI(t, "", "dedupe", demoCorpus, bad, "--out", outA); code != 1 {
		t.Fatalf("bad input: exit %d, want 1", code)
	}
	after, _ := os.ReadFile(filepath.Join(outA, "articles.jsonl"))
	if !bytes.Equal(before, after) {
		t.Error("a failed run changed the earlier articles.jsonl")
	}
	entries, _ := os.ReadDir(outA)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"articles.csv", "articles.jsonl", "manifest.json", "report.html", "stories.json"}; !slices.Equal(names, want) {
		t.Errorf("output dir holds %v after a failed run, want only the earlier files %v", names, want)
	}
}

func TestDedupeSkipBadAndStdin(t *testing.T) {
	input := `{"id":"w","date":"2026-03-01T08:00:00Z","body":"The harbour flooded at dawn and forty homes were evacuated by the fire service.\n\nThe mayor said the sea wall had been raised in 2019 but the storm surge was higher.\n\n(Reuters)"}
{"id":"bad","body":["not","text"]}
{"id":"r","date":"2026-03-02","body":"Forty homes were evacuated at dawn after the harbour flooded.\n\nThe harbour flooded at dawn and forty homes were evacuated by the fire service.\n\nThe mayor said the sea wall had been raised in 2019 but the storm surge was higher."}
`
	code, _, stderr := runCLI(t, input, "dedupe", "-")
	if code != 1 || !strings.Contains(stderr, "stdin:2") {
		t.Errorf("without --skip-bad: exit %d, stderr %q; want 1 naming stdin:2", code, stderr)
	}
	code, stdout, stderr := runCLI(t, input, "dedupe", "--skip-bad", "--format", "jsonl", "-")
	if code != 3 || !strings.Contains(stderr, "1 bad article(s) were skipped") {
		t.Fatalf("with --skip-bad: exit %d: %s; want 3, the run done and the skip said", code, stderr)
	}
	if !strings.Contains(stderr, "stdin:2") {
		t.Errorf("the skipped article is not reported: %q", stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `"id":"r"`) || !strings.Contains(lines[1], `"id":"w"`) {
		t.Fatalf("want articles r and w sorted by id, got:\n%s", stdout)
	}
	if !strings.Contains(lines[0], `"story":"s:w"`) || !strings.Contains(lines[1], `"canonical":true`) {
		t.Errorf("r and w should form one story with w canonical:\n%s", stdout)
	}
	if !strings.Contains(lines[1], `"credits":["(Reuters)"]`) {
		t.Errorf("credit line not kept as credit:\n%s", lines[1])
	}
}

func TestDedupeSummary(t *testing.T) {
	code, stdout, stderr := runCLI(t, "", "dedupe", demoCorpus)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stderr != "" {
		t.Errorf("stderr should be quiet when not a terminal, got %q", stderr)
	}
	for _, want := range []string{"s:storm-ritzau  (5 versions)", "* storm-ritzau", "22 articles, 11 stories, 5 with two or more versions"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
}

func TestShow(t *testing.T) {
	out := filepath.Join(t.TempDir(), "demo")
	if code, _, stderr := runCLI(t, "", "dedupe", "--out", out, demoCorpus); code != 0 {
		t.Fatalf("dedupe: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := runCLI(t, "", "show", "--dir", out, "--diff", "storm-dagbladet-nord")
	if code != 0 {
		t.Fatalf("show: exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"s:storm-ritzau  5 version(s)",
		"first seen in storm-ritzau",
		"== storm-vestkysten",
		"! uncredited_copy",
		"+   0 unique               Beboerne på havnefronten",
		"-   3 boilerplate          Artiklen fortsætter under annoncen",
		"~   1 edited 0.96",
		"[-dog-]",
		"{+havnens+}",
		"#   4 heading              Muren er ikke færdig",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("show output lacks %q", want)
		}
	}
	if strings.Contains(stdout, "\033[") {
		t.Error("colour codes in output that is not a terminal")
	}
	_, coloured, _ := runCLI(t, "", "show", "--dir", out, "--color", "always", "s:storm-ritzau")
	if !strings.Contains(coloured, "\033[") {
		t.Error("--color always gave no colour")
	}
	if code, _, stderr := runCLI(t, "", "show", "--dir", out, "no-such-story"); code != 1 || !strings.Contains(stderr, "no-such-story") {
		t.Errorf("unknown id: exit %d, stderr %q; want 1 naming the id", code, stderr)
	}
	if code, _, _ := runCLI(t, "", "show", "storm-ritzau"); code != 2 {
		t.Errorf("show without --dir: exit %d, want 2", code)
	}
	// --out, the old name, still reads the directory, with a warning.
	code, old, stderr := runCLI(t, "", "show", "--out", out, "--diff", "storm-dagbladet-nord")
	if code != 0 || old != stdout || !strings.Contains(stderr, "deprecated; use --dir") {
		t.Errorf("show --out: exit %d, same output %v, stderr %q; want 0, the output of --dir and a warning", code, old == stdout, stderr)
	}
}

// TestShowJSON checks that show --json gives the story's record and each
// version's articles.jsonl record with its paragraphs' text.
func TestShowJSON(t *testing.T) {
	out := filepath.Join(t.TempDir(), "demo")
	if code, _, stderr := runCLI(t, "", "dedupe", "--out", out, demoCorpus); code != 0 {
		t.Fatalf("dedupe: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := runCLI(t, "", "show", "--dir", out, "--json", "storm-vestkysten")
	if code != 0 {
		t.Fatalf("show --json: exit %d: %s", code, stderr)
	}
	var got shownStory
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("show --json is not JSON: %v\n%s", err, stdout)
	}
	if got.Story.ID != "s:storm-ritzau" || len(got.Versions) != 5 || got.Versions[0].ID != "storm-ritzau" {
		t.Fatalf("show --json: story %q with %d versions, first %q; want s:storm-ritzau, 5, storm-ritzau", got.Story.ID, len(got.Versions), got.Versions[0].ID)
	}
	for _, v := range got.Versions {
		if len(v.Texts) != len(v.Paragraphs) || len(v.Texts) == 0 {
			t.Errorf("%s: %d texts for %d paragraphs", v.ID, len(v.Texts), len(v.Paragraphs))
		}
		if v.Story != got.Story.ID {
			t.Errorf("%s: story %q, want %q", v.ID, v.Story, got.Story.ID)
		}
	}
	if !strings.Contains(strings.Join(got.Versions[1].Texts, " "), "Lemvig") {
		t.Errorf("storm-vestkysten's texts do not mention Lemvig: %q", got.Versions[1].Texts)
	}
}

// TestDedupeFormats checks the stdout formats: --format csv (a row per
// article after the header), --json as --format jsonl, and that the two
// cannot be mixed.
func TestDedupeFormats(t *testing.T) {
	code, csvOut, stderr := runCLI(t, "", "dedupe", "--quiet", "--format", "csv", demoCorpus)
	if code != 0 {
		t.Fatalf("--format csv: exit %d: %s", code, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(csvOut)).ReadAll()
	if err != nil {
		t.Fatalf("--format csv does not parse: %v", err)
	}
	if len(rows) != 23 || rows[0][0] != "id" || strings.HasPrefix(csvOut, "\uFEFF") {
		t.Errorf("--format csv: %d rows, header %q; want 22 articles and the header, no byte order mark on stdout", len(rows), rows[0])
	}
	_, jsonl, _ := runCLI(t, "", "dedupe", "--quiet", "--format", "jsonl", demoCorpus)
	code, asJSON, stderr := runCLI(t, "", "dedupe", "--quiet", "--json", demoCorpus)
	if code != 0 || asJSON != jsonl || jsonl == "" {
		t.Errorf("--json: exit %d (%s), same as --format jsonl: %v", code, stderr, asJSON == jsonl)
	}
	if code, _, stderr := runCLI(t, "", "dedupe", "--json", "--format", "csv", demoCorpus); code != 2 || !strings.Contains(stderr, "--json and --format csv") {
		t.Errorf("--json --format csv: exit %d, stderr %q; want a usage error", code, stderr)
	}
	if code, _, stderr := runCLI(t, "", "dedupe", "--format", "xml", demoCorpus); code != 2 || !strings.Contains(stderr, `--format "xml"`) {
		t.Errorf("--format xml: exit %d, stderr %q; want a usage error naming the flag", code, stderr)
	}
	if code, _, stderr := runCLI(t, "", "dedupe", "--threshold", "2", demoCorpus); code != 2 || !strings.Contains(stderr, "--threshold 2 out of range") {
		t.Errorf("--threshold 2: exit %d, stderr %q; want a usage error naming the flag", code, stderr)
	}
}

// TestNoArticlesKeepsOutputs checks that a run over an empty folder, or one
// of unsupported files, is an error naming what was skipped, and leaves
// the outputs of the run before intact.
func TestNoArticlesKeepsOutputs(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	if code, _, stderr := runCLI(t, "", "dedupe", "--quiet", "--out", out, demoCorpus); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	before, err := os.ReadFile(filepath.Join(out, "articles.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	empty, feeds := filepath.Join(dir, "empty"), filepath.Join(dir, "feeds")
	for _, d := range []string{empty, feeds} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"a.html", "b.html", "notes.md"} {
		if err := os.WriteFile(filepath.Join(feeds, name), []byte("<x/>"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		input, want string
	}{
		{empty, "no articles in " + empty + ": no files"},
		{feeds, "3 file(s) skipped (.html ×2, .md ×1)"},
	} {
		for _, cmd := range []string{"dedupe", "index"} {
			args := []string{cmd, "--quiet", "--out", out, tc.input}
			if cmd == "index" {
				args = []string{cmd, "--quiet", "--index", filepath.Join(dir, "idx"), tc.input}
			}
			code, _, stderr := runCLI(t, "", args...)
			if code != 1 || !strings.Contains(stderr, tc.want) {
				t.Errorf("%s %s: exit %d, stderr %q; want 1 and %q", cmd, tc.input, code, stderr, tc.want)
			}
		}
	}
	after, err := os.ReadFile(filepath.Join(out, "articles.jsonl"))
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("articles.jsonl changed by a run that read no articles (%v)", err)
	}
}

// TestNoControlCharactersReachTheTerminal checks that ANSI and OSC escapes
// in article text are shown escaped, not sent to the terminal.
func TestNoControlCharactersReachTheTerminal(t *testing.T) {
	body := `"The harbour flooded at dawn and forty homes were evacuated by the fire service on Tuesday.\n\nThe mayor said the sea wall had been raised in 2019 but the surge was higher than any before."`
	in := `{"id":"a\u001b]0;x\u0007","title":"\u001b[31mRed\u001b[0m","body":` + body + "}\n" +
		`{"id":"b","title":"\u001b[2JClear","body":` + body + "}\n"
	code, stdout, stderr := runCLI(t, in, "dedupe", "--quiet", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.ContainsAny(stdout, "\x1b\x07") || !strings.Contains(stdout, `\x1b[31mRed`) {
		t.Errorf("summary sends control characters or hides the title:\n%q", stdout)
	}
}

// TestShowRefusesMixedSet checks that show refuses an output directory
// whose files are not the set its manifest lists (a run that died between
// its renames), naming the file.
func TestShowRefusesMixedSet(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := runCLI(t, "", "dedupe", "--quiet", "--out", out, demoCorpus); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "", "show", "--dir", out, "storm-ritzau"); code != 0 {
		t.Fatalf("show of a whole set: exit %d: %s", code, stderr)
	}
	if err := os.WriteFile(filepath.Join(out, "stories.json"), []byte(`{"stories": []}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "", "show", "--dir", out, "storm-ritzau")
	if code != 1 || !strings.Contains(stderr, "stories.json is not the file manifest.json lists") {
		t.Errorf("show of a mixed set: exit %d, stderr %q; want 1 naming stories.json", code, stderr)
	}
}
