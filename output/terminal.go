package output

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// What the terminal views share: one line per version, text made safe
// for a terminal.

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
