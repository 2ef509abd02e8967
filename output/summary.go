package output

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/neardup/neardup/dedupe"
)

// WriteSummary writes a readable list of every story of r with two or more
// versions, canonical version first, and a closing count. It needs no
// alignment (Options.SimilarityOnly is enough).
func WriteSummary(w io.Writer, r *dedupe.Result) error {
	bw := bufio.NewWriter(w)
	multi := 0
	for _, s := range r.Stories {
		if len(s.Members) < 2 {
			continue
		}
		multi++
		fmt.Fprintf(bw, "%s  (%d versions)\n", Clean(s.ID), len(s.Members))
		for _, m := range s.Members {
			d := r.Docs[m]
			mark := " "
			if m == s.Canonical {
				mark = "*"
			}
			bw.WriteString(VersionLine("  ", mark, d.ID, shortDate(d), d.Source, fmt.Sprintf("%.2f  %s", r.Similarity[m], OneLine(d.Title))))
		}
		fmt.Fprintln(bw)
	}
	fmt.Fprintf(bw, "%d articles, %d stories, %d with two or more versions (* = canonical)\n",
		len(r.Docs), len(r.Stories), multi)
	return bw.Flush()
}

// shortDate shows a date to the minute, or as given when it has no time.
func shortDate(d *dedupe.Doc) string {
	if len(d.DateText) > 10 && !d.Date.IsZero() {
		return d.Date.Format("2006-01-02 15:04")
	}
	return orDash(d.DateText)
}

// VersionLine is one version of a story as the terminal views list it
// (the dedupe summary, search, similar): after indent, the mark ("*" for
// the canonical version), the id, date and source in columns (a dash for
// none), then rest, and a newline.
func VersionLine(indent, mark, id, date, source, rest string) string {
	return fmt.Sprintf("%s%s %-28s %-16s %-16s %s\n", indent, mark, Clean(id), orDash(Clean(date)), orDash(Clean(source)), rest)
}

// isEscapeControl reports a control character other than newline and tab.
func isEscapeControl(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }

// Clean makes s safe to print on a terminal: control characters (C0, DEL,
// C1: the escapes of ANSI and OSC sequences among them) are written as Go
// escapes ("\x1b"), so article text can neither colour nor retitle nor
// clear the screen. Newlines and tabs stay.
func Clean(s string) string {
	if !strings.ContainsFunc(s, isEscapeControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isEscapeControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// OneLine folds a text's white space, newlines included, to single spaces,
// and escapes the control characters left (see Clean): text for one line
// of a terminal.
func OneLine(s string) string { return Clean(foldSpace(s)) }

// foldSpace folds runs of white space to single spaces and trims them.
func foldSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
