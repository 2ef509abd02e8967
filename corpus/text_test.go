package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// textCases are good .txt files, read as "a.txt". They also seed FuzzReadText.
var textCases = []struct {
	name     string
	in       string
	want     Article // ID "a" and Origin "a.txt" are filled in
	wantWarn []string
}{
	{
		name: "paragraphs",
		in:   "Første afsnit.\n\nAndet afsnit\nmed to linjer.\n",
		want: Article{Body: "Første afsnit.\n\nAndet afsnit\nmed to linjer."},
	},
	{
		name: "crlf",
		in:   "One.\r\n\r\nTwo,\r\nstill two.\r\n",
		want: Article{Body: "One.\n\nTwo,\nstill two."},
	},
	{
		name: "blank runs and white space",
		in:   "\n\n  One.  \n \n\t\n\nTwo.\n\n\n",
		want: Article{Body: "One.\n\nTwo."},
	},
	{
		name: "marker on the same line",
		in:   " date 2023-09 Regjeringen la i dag fram et nytt budsjett.\n\nOpposisjonen er kritisk.\n",
		want: Article{
			Body:     "Regjeringen la i dag fram et nytt budsjett.\n\nOpposisjonen er kritisk.",
			Date:     day(2023, 9, 1),
			DateText: "2023-09",
		},
	},
	{
		name: "marker on its own line",
		in:   "date 2023-09-14\nFirst paragraph,\nsecond line.\n\nSecond paragraph.",
		want: Article{
			Body:     "First paragraph,\nsecond line.\n\nSecond paragraph.",
			Date:     day(2023, 9, 14),
			DateText: "2023-09-14",
		},
	},
	{
		name: "marker with crlf and tab",
		in:   "\r\n date\t2024-02-29\r\nSkuddag.\r\n",
		want: Article{Body: "Skuddag.", Date: day(2024, 2, 29), DateText: "2024-02-29"},
	},
	{
		name: "marker after bom",
		in:   "\ufeffdate 2023-11 Tekst.",
		want: Article{Body: "Tekst.", Date: day(2023, 11, 1), DateText: "2023-11"},
	},
	{
		name: "the word date is text",
		in:   "date palms grow in the south.\n\ndated 2023-09 is not a marker either.",
		want: Article{Body: "date palms grow in the south.\n\ndated 2023-09 is not a marker either."},
	},
	{
		name: "date then line break is text",
		in:   "date\n2023-09 is on the next line.",
		want: Article{Body: "date\n2023-09 is on the next line."},
	},
	{
		name: "Date with a capital is text",
		in:   "Date 2023-09 stays.",
		want: Article{Body: "Date 2023-09 stays."},
	},
	{
		name:     "latin-1",
		in:       "S\xf8ren g\xe5r til K\xf8benhavn.\n\n\xc6bler og \xe6g, \xabsagde han\xbb.",
		want:     Article{Body: "Søren går til København.\n\nÆbler og æg, «sagde han»."},
		wantWarn: []string{"a.txt: not UTF-8, decoded as Windows-1252 (Latin-1)"},
	},
	{
		name:     "windows-1252 with marker",
		in:       "date 2023-09 Bl\xe5b\xe6r \x96 \x93friske\x94 \xf8kologiske b\xe6r fra Sk\xe5ne.",
		want:     Article{Body: "Blåbær – “friske” økologiske bær fra Skåne.", Date: day(2023, 9, 1), DateText: "2023-09"},
		wantWarn: []string{"a.txt: not UTF-8, decoded as Windows-1252 (Latin-1)"},
	},
}

func TestReadText(t *testing.T) {
	for _, tt := range textCases {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, map[string]string{"a.txt": tt.in})
			got, err := readAll(t, dir, []string{filepath.Join(dir, "a.txt")}, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want
			want.ID, want.Origin = "a", "a.txt"
			wantRes := result{
				Articles: []Article{want},
				Stats:    ReadStats{Articles: 1, Files: 1},
				Warnings: tt.wantWarn,
			}
			if diff := cmp.Diff(wantRes, got); diff != "" {
				t.Errorf("Read mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// textErrorCases are bad .txt files, read as "a.txt". They also seed
// FuzzReadText.
var textErrorCases = []struct {
	name     string
	in       string
	maxBytes int
	wantIs   error
	wantMsg  string
}{
	{"month 13", "date 2023-13 Tekst.", 0, ErrBadDate, `a.txt:1: bad date marker "2023-13": want "date YYYY-MM" or "date YYYY-MM-DD"`},
	{"no such day", "date 2023-02-29\nTekst.", 0, ErrBadDate, `a.txt:1: bad date marker "2023-02-29": want "date YYYY-MM" or "date YYYY-MM-DD"`},
	{"one-digit month", " date 2023-9 Tekst.", 0, ErrBadDate, `a.txt:1: bad date marker "2023-9": want "date YYYY-MM" or "date YYYY-MM-DD"`},
	{"trailing junk", "date 2023-09: Tekst.", 0, ErrBadDate, `a.txt:1: bad date marker "2023-09:": want "date YYYY-MM" or "date YYYY-MM-DD"`},
	{"slashes", "date 2023/09/14\nTekst.", 0, ErrBadDate, `a.txt:1: bad date marker "2023/09/14": want "date YYYY-MM" or "date YYYY-MM-DD"`},
	{"marker after blank lines", "\n\n  date 2023-00\nTekst.", 0, ErrBadDate, `a.txt:3: bad date marker "2023-00": want "date YYYY-MM" or "date YYYY-MM-DD"`},
	{"control bytes", "Line one.\nLine \x00\xff two.", 0, ErrNotUTF8, "a.txt:2: not UTF-8 or Windows-1252 text (byte 0xff at column 7)"},
	{"png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", 0, ErrNotUTF8, "a.txt:1: not UTF-8 or Windows-1252 text (byte 0x89 at column 1)"},
	{"utf-16", "\xff\xfeH\x00e\x00j\x00", 0, ErrNotUTF8, "a.txt:1: not UTF-8 or Windows-1252 text (byte 0xff at column 1)"},
	{"utf-8 with a stray byte", "Blåbær og rødgrød.\n\nÆbler \xe6 æg og øl.", 0, ErrNotUTF8, "a.txt:3: not UTF-8 or Windows-1252 text (byte 0xe6 at column 8)"},
	{"dos code page", "S\x9bren g\x86r hjem \x91n gang.", 0, ErrNotUTF8, "a.txt:1: not UTF-8 or Windows-1252 text (byte 0x9b at column 2)"},
	{"too large", "Sixteen bytes..\n", 15, ErrFileTooLarge, "a.txt:1: file larger than 15 bytes"},
}

func TestReadTextErrors(t *testing.T) {
	for _, tt := range textErrorCases {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, map[string]string{"a.txt": tt.in})
			got, err := readAll(t, dir, []string{filepath.Join(dir, "a.txt")}, ReadOptions{MaxBytes: tt.maxBytes})
			if !errors.Is(err, tt.wantIs) {
				t.Fatalf("Read error = %v, want %v", err, tt.wantIs)
			}
			if diff := cmp.Diff(tt.wantMsg, relTo(dir, err.Error())); diff != "" {
				t.Errorf("message mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(result{Stats: ReadStats{Files: 1}}, got); diff != "" {
				t.Errorf("result mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadTextMaxBytes(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.txt": strings.Repeat("x", 15)})
	got, err := readAll(t, dir, []string{filepath.Join(dir, "a.txt")}, ReadOptions{MaxBytes: 15})
	if err != nil {
		t.Fatal(err)
	}
	want := result{
		Articles: []Article{{ID: "a", Body: strings.Repeat("x", 15), Origin: "a.txt"}},
		Stats:    ReadStats{Articles: 1, Files: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Read mismatch (-want +got):\n%s", diff)
	}
}

func TestReadTextLatin1FileName(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "s\xf8ren.txt") // a Latin-1 file name from an old archive
	if err := os.WriteFile(name, []byte("Tekst."), 0o644); err != nil {
		t.Skipf("file system refuses non-UTF-8 names: %v", err)
	}
	got, err := readAll(t, dir, []string{dir}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := result{
		Articles: []Article{{ID: "søren", Body: "Tekst.", Origin: "s\xf8ren.txt"}},
		Stats:    ReadStats{Articles: 1, Files: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Read mismatch (-want +got):\n%s", diff)
	}
}
