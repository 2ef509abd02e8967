package output

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/neardup/neardup/dedupe"
)

// CSVHeader names the columns of WriteCSV's rows. The first ten are the
// desk's; the rest say where an article came from in the agency's feed.
var CSVHeader = []string{
	"id", "story", "canonical", "similarity", "copy_share", "credited", "flags",
	"source", "date", "url", "title", "guid", "version", "update_of",
}

// CSVOptions are the choices of WriteCSV.
type CSVOptions struct {
	// BOM starts the file with a UTF-8 byte order mark, which spreadsheet
	// programs need to read æ, ø and å right; leave it off for a pipe.
	BOM bool
}

// WriteCSV writes one row per article of r (RFC 4180, comma-separated,
// CSVHeader first), story by story in the order of stories.json and, in
// a story, in its order of versions, canonical first. Similarity and copy
// share have four decimals at most; canonical and credited are true or
// false; flags are joined by ";"; dates are as the input gave them. A
// text cell that a spreadsheet would take for a formula (starting with =,
// +, -, @, a tab or a carriage return) is prefixed with "'". It needs no
// alignment beyond Options.SimilarityOnly, except for copy share and
// flags.
func WriteCSV(dst io.Writer, r *dedupe.Result, opt CSVOptions) error {
	return NewWriter(r).WriteCSV(dst, opt)
}

// WriteCSV writes the rows of the Writer's Result (see the package
// function).
func (w *Writer) WriteCSV(dst io.Writer, opt CSVOptions) error {
	r := w.r
	bw := bufio.NewWriterSize(dst, 1<<16)
	if opt.BOM {
		bw.WriteString("\uFEFF") // bufio.Writer keeps the first error for Flush
	}
	cw := csv.NewWriter(bw)
	if err := cw.Write(CSVHeader); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	row := make([]string, len(CSVHeader))
	for _, s := range r.Stories {
		for _, m := range s.Members {
			d := r.Docs[m]
			version := ""
			if d.Version != 0 {
				version = strconv.Itoa(d.Version)
			}
			row = append(row[:0],
				cell(d.ID), cell(s.ID), strconv.FormatBool(m == s.Canonical),
				decimal(r.Similarity[m]), decimal(r.CopyShare[m]),
				strconv.FormatBool(len(d.Credits) > 0), strings.Join(r.Flags(int(m)), ";"),
				cell(d.Source), cell(d.DateText), cell(d.URL), cell(foldSpace(d.Title)),
				cell(d.GUID), version, cell(w.updateOf(int(m))))
			if err := cw.Write(row); err != nil {
				return fmt.Errorf("write csv: %w", err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// decimal formats a share or similarity with four decimals at most.
func decimal(x float32) string { return strconv.FormatFloat(Round4(x), 'f', -1, 64) }

// cell guards a text cell against formula injection: a spreadsheet runs a
// cell that starts with =, +, -, @, a tab or a carriage return as a
// formula, so such a cell gets a leading "'" (the OWASP advice).
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
