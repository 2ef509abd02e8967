package output

import (
	"bufio"
	"fmt"
	"io"

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
