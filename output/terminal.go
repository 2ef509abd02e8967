package output

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// What the terminal views share: one line per version, text made safe
// for a terminal.

// VersionLine is one version of a story as the terminal views list it
// (the dedupe summary, search, similar): after indent, the mark ("*" for
// the canonical version), the id, date and source in columns (a dash for
// none), then rest, and a newline. An id longer than its column of 28
// pushes the rest along (ids are kept whole: they are what `show` takes);
// a source longer than 16 is cut with "…".
func VersionLine(indent, mark, id, date, source, rest string) string {
	return versionLine(idColumn, indent, mark, id, date, source, rest)
}

// The widths of VersionLine's columns, in characters.
const (
	idColumn     = 28
	dateColumn   = 16
	sourceColumn = 16
)

// versionLine is VersionLine with an id column idWidth wide.
func versionLine(idWidth int, indent, mark, id, date, source, rest string) string {
	return fmt.Sprintf("%s%s %-*s %-*s %-*s %s\n", indent, mark, idWidth, Clean(id),
		dateColumn, orDash(Clean(date)), sourceColumn, orDash(fit(Clean(source), sourceColumn)), rest)
}

// fit cuts s to at most n characters, the last one "…" when cut.
func fit(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	runes := []rune(s)
	return string(runes[:n-1]) + "…"
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
