package main

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
)

// TestReportDiffMerge drives the report page's own mergeDiff, which folds an
// edited paragraph's word diff into its runs by sentence when the page
// shows it, through cases that pin down where deleted and inserted words
// go, and the blocks they take. The report of the bundled demo corpus
// serves as the page.
func TestReportDiffMerge(t *testing.T) {
	dir := t.TempDir()
	b := newBrowser(t, dir)
	out := filepath.Join(dir, "out")
	if code, _, stderr := runCLI(t, "", "dedupe", "--quiet", "--out", out, filepath.Join("..", "..", "demo", "corpus.jsonl")); code != 0 {
		t.Fatalf("dedupe: exit %d: %s", code, stderr)
	}
	page, err := filepath.Abs(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	b.do(t, "open report", chromedp.Navigate("file://"+page), chromedp.WaitVisible(chromedp.CSS(`#stories tbody tr`)))

	const (
		a = "Vinden tog til i nat."
		c = "Broen er lukket."
	)
	type run = []any // [text, block] or [text, block, op], as the page has them
	for _, tc := range []struct {
		name           string
		later, earlier []run
		ops            []any
		carried        []int
		want           []run
	}{
		{
			name:    "inserted and deleted words inside a block",
			later:   []run{{"Vinden tog voldsomt til i nat.", 0}},
			earlier: []run{{"Vinden tog til i går.", 0}},
			ops:     []any{2, []any{"+", "voldsomt"}, 2, []any{"-", "går."}, []any{"+", "nat."}},
			carried: []int{0},
			want:    []run{{"Vinden tog ", 0}, {"voldsomt", 0, 1}, {" til i", 0}, {" går.", 0, -1}, {" ", 0}, {"nat.", 0, 1}},
		},
		{
			name:    "deleted word at the start takes the next block and its space",
			later:   []run{{"tog til i nat.", 3}},
			earlier: []run{{"Vinden tog til i nat.", 3}},
			ops:     []any{[]any{"-", "Vinden"}, 4},
			carried: []int{3},
			want:    []run{{"Vinden ", 3, -1}, {"tog til i nat.", 3}},
		},
		{
			name:    "sentence moved to another paragraph is not shown as cut",
			later:   []run{{a, 0}},
			earlier: []run{{a, 0}, {" ", -1}, {c, 1}},
			ops:     []any{5, []any{"-", c}},
			carried: []int{0, 1},
			want:    []run{{a, 0}},
		},
		{
			name:    "sentence cut from the story loses its block",
			later:   []run{{a, 0}},
			earlier: []run{{a, 0}, {" ", -1}, {c, 1}},
			ops:     []any{5, []any{"-", c}},
			carried: []int{0},
			want:    []run{{a, 0}, {" " + c, -1, -1}},
		},
		{
			name:    "two blocks keep the space between them in neither",
			later:   []run{{a, 0}, {" ", -1}, {c + " Nu.", 1}},
			earlier: []run{{a, 0}, {" ", -1}, {c, 1}},
			ops:     []any{8, []any{"+", "Nu."}},
			carried: []int{0, 1},
			want:    []run{{a, 0}, {" ", -1}, {c + " ", 1}, {"Nu.", 1, 1}},
		},
		{
			name:    "diff that does not fit the text is left out",
			later:   []run{{a, 0}},
			earlier: []run{{a, 0}},
			ops:     []any{[]any{"+", "Noget andet"}},
			carried: []int{0},
			want:    []run{{a, 0}},
		},
		{
			name:    "words split at the spaces Go splits at, no-break space included",
			later:   []run{{"Klokken\u00a0to lukkede broen.", 2}},
			earlier: []run{{"Klokken\u00a0to lukkede vejen.", 2}},
			ops:     []any{3, []any{"-", "vejen."}, []any{"+", "broen."}},
			carried: []int{2},
			want:    []run{{"Klokken\u00a0to lukkede", 2}, {" vejen.", 2, -1}, {" ", 2}, {"broen.", 2, 1}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args, err := json.Marshal([]any{tc.later, tc.earlier, tc.ops, tc.carried})
			if err != nil {
				t.Fatal(err)
			}
			js := `(function (a) { return window.neardupReport.mergeDiff(a[0], a[1], a[2], new Set(a[3])); })(` + string(args) + `)`
			got := value(t, b, "mergeDiff", chromedp.Evaluate[[]run](js))
			want, err := json.Marshal(tc.want) // numbers come back as float64: compare as JSON
			if err != nil {
				t.Fatal(err)
			}
			gotJSON, err := json.Marshal(got)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), string(gotJSON)); diff != "" {
				t.Errorf("runs (-want +got):\n%s", diff)
			}
		})
	}
}
