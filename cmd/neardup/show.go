package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/output"
)

// showOptions are the flags of `neardup show`.
type showOptions struct {
	dir   string
	old   string // --out, the old name of --dir
	diff  bool
	color string
	json  bool
}

func runShow(_ context.Context, args []string, e env) error {
	var o showOptions
	fs := newFlagSet("show", e, "Usage: neardup show --dir DIR [--diff | --json] ID\n\n"+
		"Prints a story (ID is a story id or an article id): its copy-block map, then every version in\n"+
		"date order with each paragraph marked = shared, ~ edited, + new, # heading, - boilerplate or credit.\n"+
		"With --json, the story's stories.json record and its versions' articles.jsonl records, each with\n"+
		"its paragraphs' text.\n"+
		"Exit codes: 0 success, 1 error, 2 usage.\n\nFlags:")
	fs.StringVar(&o.dir, "dir", "", "the `DIR` a `neardup dedupe --out DIR` run wrote")
	fs.StringVar(&o.old, "out", "", "old name of --dir (deprecated: --out names an output everywhere else)")
	fs.BoolVar(&o.diff, "diff", false, "show the word diff of each edited paragraph")
	fs.StringVar(&o.color, "color", "auto", "colour: auto (when stdout is a terminal), always or never")
	fs.BoolVar(&o.json, "json", false, "write the story as JSON")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if o.old != "" {
		if o.dir != "" && o.dir != o.old {
			return usageError{"show: --out is the old name of --dir: give one"}
		}
		o.dir = o.old
		fmt.Fprintln(e.stderr, "neardup: show --out is deprecated; use --dir (the directory that is read)")
	}
	if o.dir == "" || len(pos) != 1 {
		fs.Usage()
		return usageError{"show: want --dir DIR and one story or article id"}
	}
	var colour bool
	switch o.color {
	case "auto":
		colour = e.stdoutTTY
	case "always":
		colour = true
	case "never":
	default:
		return usageError{fmt.Sprintf("show: --color %q: want auto, always or never", o.color)}
	}
	v, err := loadStoryView(o.dir, pos[0])
	if err != nil {
		return err
	}
	if o.json {
		return v.writeJSON(e.stdout)
	}
	w := bufio.NewWriter(e.stdout)
	v.print(w, painter{colour}, o.diff)
	return w.Flush()
}

// storyView is what `show` prints: a story with its articles and texts.
type storyView struct {
	story    output.Story
	articles map[string]output.Article
	texts    map[string][]string
}

// loadStoryView finds the story of id (a story or article id) in the
// output directory dir.
func loadStoryView(dir, id string) (*storyView, error) {
	if err := output.VerifyDir(dir, output.StoriesName, output.ArticlesName, output.ReportName); err != nil {
		return nil, fmt.Errorf("show: %w", err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "stories.json"))
	if err != nil {
		return nil, fmt.Errorf("show: %w (run neardup dedupe --out %s first)", err, dir)
	}
	var sf output.StoriesFile
	if err := json.Unmarshal(raw, &sf); err != nil {
		return nil, fmt.Errorf("show: %s: %w", filepath.Join(dir, "stories.json"), err)
	}
	v := &storyView{}
	found := false
	for _, s := range sf.Stories {
		if s.ID == id || memberOf(s, id) {
			v.story, found = s, true
			break
		}
	}
	if !found {
		return nil, fmt.Errorf("show: no story or article %q in %s", id, dir)
	}
	want := map[string]bool{}
	for _, m := range v.story.Members {
		want[m.ID] = true
	}
	v.articles = map[string]output.Article{}
	if err := scanJSONL(filepath.Join(dir, "articles.jsonl"), func(line []byte) error {
		return keepIf(line, want, v.articles)
	}); err != nil {
		return nil, err
	}
	f, err := os.Open(filepath.Join(dir, "report.html"))
	if err != nil {
		return nil, fmt.Errorf("show: %w (the text comes from the report; rerun dedupe --out without --views=false)", err)
	}
	defer f.Close() // read-only
	if v.texts, err = output.ReportTexts(f, v.story.ID); err != nil {
		return nil, fmt.Errorf("show: %s: %w", f.Name(), err)
	}
	return v, nil
}

// shownStory is what `show --json` writes: the story's stories.json
// record and, in the story's order, its versions.
type shownStory struct {
	Story    output.Story   `json:"story"`
	Versions []shownVersion `json:"versions"`
}

// shownVersion is a version's articles.jsonl record with the text of its
// paragraphs (empty for a single-version story: the report keeps none).
type shownVersion struct {
	output.Article
	Texts []string `json:"texts"`
}

// writeJSON writes the story as one indented JSON object.
func (v *storyView) writeJSON(w io.Writer) error {
	out := shownStory{Story: v.story, Versions: []shownVersion{}}
	for _, m := range v.story.Members {
		texts := v.texts[m.ID]
		if texts == nil {
			texts = []string{}
		}
		out.Versions = append(out.Versions, shownVersion{Article: v.articles[m.ID], Texts: texts})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func memberOf(s output.Story, id string) bool {
	for _, m := range s.Members {
		if m.ID == id {
			return true
		}
	}
	return false
}

// keepIf decodes an articles.jsonl line into into when its id is wanted.
func keepIf(line []byte, want map[string]bool, into map[string]output.Article) error {
	var head struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(line, &head); err != nil {
		return err
	}
	if !want[head.ID] {
		return nil
	}
	var rec output.Article
	if err := json.Unmarshal(line, &rec); err != nil {
		return err
	}
	into[rec.ID] = rec
	return nil
}

// scanJSONL calls fn for every line of a JSONL file, naming file and line
// in errors.
func scanJSONL(path string, fn func(line []byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("show: %w", err)
	}
	defer f.Close() // read-only
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 256<<20)
	for n := 1; sc.Scan(); n++ {
		if err := fn(sc.Bytes()); err != nil {
			return fmt.Errorf("show: %s:%d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("show: %s: %w", path, err)
	}
	return nil
}

// painter adds ANSI colours when enabled.
type painter struct{ on bool }

const (
	ansiReset  = "\033[0m"
	ansiBold   = "\033[1m"
	ansiGrey   = "\033[90m"
	ansiGreen  = "\033[32m"
	ansiYellow = "\033[33m"
	ansiCyan   = "\033[36m"
	ansiRed    = "\033[31m"
	ansiStrike = "\033[9m"
)

func (p painter) paint(code, s string) string {
	if !p.on || s == "" {
		return s
	}
	return code + s + ansiReset
}

// marks gives each status its plain marker and colour.
var marks = map[dedupe.Status]struct{ mark, code string }{
	dedupe.StatusShared:      {"=", ansiGreen},
	dedupe.StatusEdited:      {"~", ansiYellow},
	dedupe.StatusUnique:      {"+", ansiCyan},
	dedupe.StatusHeading:     {"#", ansiBold},
	dedupe.StatusBoilerplate: {"-", ansiGrey},
	dedupe.StatusCredit:      {"-", ansiGrey},
}

// print writes the story: header, map, then each version.
func (v *storyView) print(w io.Writer, p painter, withDiff bool) {
	s := v.story
	fmt.Fprintf(w, "%s  %d version(s)\n", p.paint(ansiBold, output.Clean(s.ID)), s.Size)
	if len(s.Blocks) > 0 {
		v.printMap(w, p)
	}
	for x, m := range s.Members {
		a := v.articles[m.ID]
		role := ""
		if x == 0 {
			role = " · canonical"
		}
		credit := "no credit line"
		if m.Credited {
			credit = "credited " + strings.Join(a.Credits, " ")
		}
		fmt.Fprintf(w, "\n%s %s%s\n", p.paint(ansiBold, "== "+output.Clean(m.ID)), dash(m.Date)+" · "+dash(m.Source), role)
		fmt.Fprintf(w, "   %s · copy %.0f%% · new %d paragraph(s) · %s", output.OneLine(m.Title), 100*m.CopyShare, len(m.NewParagraphs), credit)
		for _, f := range m.Flags {
			fmt.Fprintf(w, " · %s", p.paint(ansiRed, "! "+f))
		}
		fmt.Fprintln(w)
		if line := agencyLine(m); line != "" {
			fmt.Fprintf(w, "   %s\n", line)
		}
		texts := v.texts[m.ID]
		for _, para := range a.Paragraphs {
			v.printParagraph(w, p, para, texts, withDiff)
		}
	}
}

// agencyLine says where a version came from: its link and the agency's
// item id, version and the version it updates; "" when the input gave
// none of them.
func agencyLine(m output.Member) string {
	var parts []string
	if m.URL != "" {
		parts = append(parts, output.Clean(m.URL))
	}
	if m.GUID != "" {
		item := "item " + output.Clean(m.GUID)
		if m.Version != 0 {
			item = fmt.Sprintf("version %d of %s", m.Version, item)
		}
		parts = append(parts, item)
	}
	if m.UpdateOf != "" {
		parts = append(parts, "the agency's update of "+output.Clean(m.UpdateOf))
	}
	return strings.Join(parts, " · ")
}

// printMap writes the story map: rows are copy blocks, columns versions.
func (v *storyView) printMap(w io.Writer, p painter) {
	s := v.story
	fmt.Fprintf(w, "\ncopy blocks × versions (V = verbatim, ~n = edited with similarity n, . = absent)\n")
	fmt.Fprintf(w, "%-6s", "")
	for x := range s.Members {
		fmt.Fprintf(w, " %6s", fmt.Sprintf("v%d", x+1))
	}
	fmt.Fprintln(w)
	for _, b := range s.Blocks {
		fmt.Fprintf(w, "%-6s", b.ID)
		cells := map[string]output.Cell{}
		for _, c := range b.Cells {
			cells[c.ID] = c
		}
		for _, m := range s.Members {
			c, ok := cells[m.ID]
			switch {
			case !ok:
				fmt.Fprintf(w, " %6s", ".")
			case c.State == "verbatim":
				fmt.Fprintf(w, " %s", p.paint(ansiGreen, fmt.Sprintf("%6s", "V")))
			default:
				fmt.Fprintf(w, " %s", p.paint(ansiYellow, fmt.Sprintf("%6s", fmt.Sprintf("~%.2f", c.Similarity))))
			}
		}
		fmt.Fprintf(w, "  first seen in %s\n", output.Clean(b.FirstSeen))
	}
	for x, m := range s.Members {
		fmt.Fprintf(w, "  v%d = %s\n", x+1, output.Clean(m.ID))
	}
}

// printParagraph writes one paragraph with its marker, blocks and text.
func (v *storyView) printParagraph(w io.Writer, p painter, para output.Paragraph, texts []string, withDiff bool) {
	mk := marks[para.Status]
	if mk.mark == "" {
		mk.mark = "?"
	}
	text := "(text not kept: single-version story)"
	if para.Index < len(texts) {
		text = texts[para.Index]
	}
	label := para.Status.String()
	if para.Status == dedupe.StatusEdited {
		label = fmt.Sprintf("edited %.2f", para.Similarity)
	}
	blocks := strings.Join(para.Blocks, ",")
	fmt.Fprintf(w, "%s %3d %-11s %-8s %s\n", p.paint(mk.code, mk.mark), para.Index, label, blocks, p.paint(mk.code, output.OneLine(text)))
	if withDiff && para.Diff != nil {
		fmt.Fprintf(w, "        diff against %s ¶%d: %s\n", output.Clean(para.Diff.ID), para.Diff.Index, renderDiff(p, para.Diff.Ops, text))
	}
}

// renderDiff shows a word diff: [-deleted-] {+inserted+}, coloured on a
// terminal. Kept runs ("=", a count) are read from the paragraph's text.
func renderDiff(p painter, ops []output.DiffOp, text string) string {
	words := strings.Fields(output.Clean(text)) // article text: no control characters reach the terminal
	at := 0
	var b strings.Builder
	for i, op := range ops {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch op.Op {
		case "=":
			end := min(len(words), at+op.N)
			b.WriteString(strings.Join(words[at:end], " "))
			at = end
			continue
		case "+":
			at += len(strings.Fields(op.Text))
		}
		op.Text = output.Clean(op.Text)
		switch op.Op {
		case "-":
			if p.on {
				b.WriteString(p.paint(ansiRed+ansiStrike, op.Text))
			} else {
				b.WriteString("[-" + op.Text + "-]")
			}
		case "+":
			if p.on {
				b.WriteString(p.paint(ansiGreen, op.Text))
			} else {
				b.WriteString("{+" + op.Text + "+}")
			}
		default:
			b.WriteString(op.Text)
		}
	}
	return b.String()
}

// dash shows s on a terminal (control characters escaped), "-" for none.
func dash(s string) string {
	if s == "" {
		return "-"
	}
	return output.Clean(s)
}
