package output

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestWriteCSV reads the demo's CSV back as a spreadsheet would and checks
// it against the Result: a row per article, story by story, canonical
// first, with the figures of articles.jsonl.
func TestWriteCSV(t *testing.T) {
	res := runOn(t, "../demo/corpus.jsonl")
	var buf bytes.Buffer
	if err := WriteCSV(&buf, res, CSVOptions{}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v", err)
	}
	if !slices.Equal(rows[0], CSVHeader) {
		t.Fatalf("header = %q, want %q", rows[0], CSVHeader)
	}
	rows = rows[1:]
	if len(rows) != len(res.Docs) {
		t.Fatalf("%d rows, want one per article (%d)", len(rows), len(res.Docs))
	}
	col := func(name string) int { return slices.Index(CSVHeader, name) }
	at := 0
	for _, s := range res.Stories {
		for x, m := range s.Members {
			row, d := rows[at], res.Docs[m]
			at++
			if row[col("id")] != d.ID || row[col("story")] != s.ID {
				t.Fatalf("row %d = %s in %s, want %s in %s (story order)", at, row[col("id")], row[col("story")], d.ID, s.ID)
			}
			if want := map[bool]string{true: "true", false: "false"}[x == 0]; row[col("canonical")] != want {
				t.Errorf("%s: canonical = %s, want %s", d.ID, row[col("canonical")], want)
			}
			if got, want := row[col("copy_share")], decimal(res.CopyShare[m]); got != want {
				t.Errorf("%s: copy_share = %s, want %s", d.ID, got, want)
			}
			if got, want := row[col("flags")], strings.Join(res.Flags(int(m)), ";"); got != want {
				t.Errorf("%s: flags = %q, want %q", d.ID, got, want)
			}
			if row[col("source")] != d.Source || row[col("date")] != d.DateText {
				t.Errorf("%s: source, date = %q, %q; want %q, %q", d.ID, row[col("source")], row[col("date")], d.Source, d.DateText)
			}
		}
	}
}

// TestCSVCells pins the guard against formula injection and the BOM.
func TestCSVCells(t *testing.T) {
	for in, want := range map[string]string{
		"":                 "",
		"ritzau":           "ritzau",
		"=HYPERLINK(1)":    "'=HYPERLINK(1)",
		"+45 1234":         "'+45 1234",
		"-1":               "'-1",
		"@SUM(A1)":         "'@SUM(A1)",
		"\tx":              "'\tx",
		"a=b":              "a=b",
		"Æbler, \"frugt\"": "Æbler, \"frugt\"",
	} {
		if got := cell(in); got != want {
			t.Errorf("cell(%q) = %q, want %q", in, got, want)
		}
	}
	res := runOn(t, "../demo/corpus.jsonl")
	dir := t.TempDir()
	if err := WriteDir(t.Context(), dir, res, DirOptions{}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, CSVName))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\uFEFFid,story,")) {
		t.Errorf("%s starts %q, want a byte order mark and the header", CSVName, b[:min(len(b), 20)])
	}
	if err := VerifyDir(dir, CSVName); err != nil {
		t.Errorf("the manifest does not list %s: %v", CSVName, err)
	}
}
