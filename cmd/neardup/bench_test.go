package main

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/neardup/neardup/bench"
)

// asCLI, set in the environment, makes the test binary run as the neardup
// command: `bench scale` starts its own executable as the child to time.
const asCLI = "NEARDUP_TEST_AS_CLI"

func TestMain(m *testing.M) {
	if os.Getenv(asCLI) == "1" {
		e := env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}
		os.Exit(exitCode(run(context.Background(), os.Args[1:], e), os.Stderr))
	}
	os.Exit(m.Run())
}

func TestBenchScaleAndReport(t *testing.T) {
	t.Setenv(asCLI, "1")                    // for the children only: TestMain has run
	t.Setenv("GORACE", "atexit_sleep_ms=0") // a race-enabled child otherwise waits 1 s at exit
	dir := t.TempDir()
	md := filepath.Join(dir, "BENCH.md")
	code, stdout, stderr := runCLI(t, "", "bench", "scale", "--sizes", "150,200", "--reference-max", "150",
		"--textbook-max", "200", "--repeat", "2", "--repeat-max", "150", "--dir", dir, "--md", md)
	if code != 0 {
		t.Fatalf("bench scale: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "measured 2 sizes") {
		t.Errorf("stdout %q", stdout)
	}
	got, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| 150 |", "| 200 |", "## Side by side on the same 150 articles", "## Side by side on the same 200 articles",
		"Candidate recall of neardup's LSH against the exact reference", "textbook: one MinHash per document",
		"candidate recall vs the exact reference ≥ 0.99 |", "neardup bench gen --articles 200 --seed 1",
		"| cores | ", "made 2 times and the fastest is shown",
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("BENCH.md lacks %q:\n%s", want, got)
		}
	}
	for _, line := range strings.Split(string(got), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) == 10 && (cells[3] == " summary " || cells[3] == " full ") {
			repeated := strings.Count(cells[8], ",") == 1
			if want := cells[1] == " 150 "; repeated != want {
				t.Errorf("row %q: repeated %v, want %v", line, repeated, want)
			}
		}
	}
	if strings.Count(string(got), "Candidate recall of") != 1 {
		t.Errorf("the reference should run at 150 articles only:\n%s", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "150")); !os.IsNotExist(err) {
		t.Errorf("the corpus of 150 articles was left behind without --keep: %v", err)
	}

	// bench report renders the same file again, with notes appended.
	notes := filepath.Join(dir, "notes.md")
	if err := os.WriteFile(notes, []byte("## Notes\n\nBy hand.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	again := filepath.Join(dir, "again.md")
	code, _, stderr = runCLI(t, "", "bench", "report", "--results", filepath.Join(dir, "results.json"), "--out", again, "--notes", notes)
	if code != 0 {
		t.Fatalf("bench report: exit %d\n%s", code, stderr)
	}
	rendered, err := os.ReadFile(again)
	if err != nil {
		t.Fatal(err)
	}
	if want := string(got) + "\n## Notes\n\nBy hand.\n"; string(rendered) != want {
		t.Errorf("bench report differs from the scale run's Markdown plus notes:\n%s", rendered)
	}
}

func TestBenchMeasure(t *testing.T) {
	t.Setenv(asCLI, "1")
	t.Setenv("GORACE", "atexit_sleep_ms=0")
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		cmd  []string
		code int
	}{
		{"success", []string{exe, "bench", "gen", "--articles", "20", "--out", filepath.Join(dir, "c.jsonl")}, 0},
		{"command fails", []string{exe, "dedupe", filepath.Join(dir, "missing.jsonl")}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			usage := filepath.Join(dir, tc.name+".json")
			code, _, stderr := runCLI(t, "", append([]string{"bench", "measure", "--usage", usage, "--"}, tc.cmd...)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s", code, tc.code, stderr)
			}
			u, err := bench.ReadUsage(usage)
			if err != nil {
				t.Fatal(err)
			}
			if u.WallSeconds <= 0 || u.UserSeconds+u.SysSeconds <= 0 {
				t.Errorf("usage %+v: no time measured", u)
			}
			if runtime.GOOS == "linux" && (u.PeakRSS < 1<<20 || u.PeakRSS > 4<<30) {
				t.Errorf("peak RSS %d bytes: not a small command's", u.PeakRSS)
			}
		})
	}
}

func TestBenchErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no subcommand", []string{"bench"}, 2, "gen, scale, report or measure"},
		{"unknown subcommand", []string{"bench", "nope"}, 2, "gen, scale, report or measure"},
		{"measure without usage", []string{"bench", "measure", "--", "true"}, 2, "want --usage FILE and a command"},
		{"measure without command", []string{"bench", "measure", "--usage", filepath.Join(dir, "u.json")}, 2, "want --usage FILE"},
		{"bad size", []string{"bench", "scale", "--sizes", "10,x", "--dir", dir}, 2, `bad size "x"`},
		{"zero repeat", []string{"bench", "scale", "--repeat", "0", "--dir", dir}, 2, "--repeat must be at least 1"},
		{"zero size", []string{"bench", "scale", "--sizes", "0", "--dir", dir}, 2, `bad size "0"`},
		{"stray argument", []string{"bench", "scale", "--dir", dir, "extra"}, 2, `unexpected argument "extra"`},
		{"no results", []string{"bench", "report", "--results", filepath.Join(dir, "none.json")}, 1, "run `make bench-scale`"},
		{"bad notes", []string{"bench", "report", "--results", writeFile(t, dir, "r.json", "{}"), "--out", "-", "--notes", filepath.Join(dir, "none.md")}, 1, "notes:"},
		{"bad results", []string{"bench", "report", "--results", writeFile(t, dir, "bad.json", "{"), "--out", "-"}, 1, "bad.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, "", tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.msg) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tc.code, tc.msg)
			}
		})
	}
}

// writeFile writes content to dir/name and returns the path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
