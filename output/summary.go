package output

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/neardup/neardup/dedupe"
)

// WriteSummary writes a readable list of every story of r with two or more
// versions, canonical version first, and a closing count. Each version is
// a line of columns under a header: id, date, source, similarity to the
// canonical version, copy share, flags, title. Copy share and flags need
// the alignment (not Options.SimilarityOnly).
func WriteSummary(w io.Writer, r *dedupe.Result) error {
	bw := bufio.NewWriter(w)
	idWidth := idColumn
	multi := 0
	for _, s := range r.Stories {
		if len(s.Members) < 2 {
			continue
		}
		multi++
		for _, m := range s.Members {
			idWidth = max(idWidth, utf8.RuneCountInString(Clean(r.Docs[m].ID)))
		}
	}
	if multi > 0 {
		bw.WriteString(versionLine(idWidth, "  ", " ", "id", "date", "source", summaryRest("sim", "copy", "flags", "title")))
	}
	for _, s := range r.Stories {
		if len(s.Members) < 2 {
			continue
		}
		fmt.Fprintf(bw, "%s  (%d versions)\n", Clean(s.ID), len(s.Members))
		for _, m := range s.Members {
			d := r.Docs[m]
			mark := " "
			if m == s.Canonical {
				mark = "*"
			}
			flags := strings.Join(r.Flags(int(m)), ",")
			rest := summaryRest(fmt.Sprintf("%.2f", r.Similarity[m]), fmt.Sprintf("%.0f%%", 100*r.CopyShare[m]), orDash(flags), OneLine(d.Title))
			bw.WriteString(versionLine(idWidth, "  ", mark, d.ID, shortDate(d), d.Source, rest))
		}
		fmt.Fprintln(bw)
	}
	fmt.Fprintf(bw, "%d articles, %d stories, %d with two or more versions (* = canonical; copy = share of the text first seen in an earlier version)\n",
		len(r.Docs), len(r.Stories), multi)
	return bw.Flush()
}

// summaryRest lays out the summary's columns after the source.
func summaryRest(sim, copyShare, flags, title string) string {
	return fmt.Sprintf("%-4s  %4s  %-15s  %s", sim, copyShare, flags, title)
}

// shortDate shows a date to the minute, or as given when it has no time.
func shortDate(d *dedupe.Doc) string {
	if len(d.DateText) > 10 && !d.Date.IsZero() {
		return d.Date.Format("2006-01-02 15:04")
	}
	return orDash(d.DateText)
}
