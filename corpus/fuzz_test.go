package corpus

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// readBytes reads data as JSONL from stdin, or as a .txt file under a new
// temporary directory when dir is set, and collects the articles.
func readBytes(t *testing.T, data []byte, txtDir string, opts ReadOptions) ([]Article, ReadStats, error) {
	t.Helper()
	inputs := []string{"-"}
	if txtDir != "" {
		inputs = []string{filepath.Join(txtDir, "a.txt")}
	} else {
		opts.Stdin = bytes.NewReader(data)
	}
	var got []Article
	stats, err := Read(context.Background(), inputs, opts, func(a Article) error {
		got = append(got, a)
		return nil
	})
	return got, stats, err
}

// checkArticles fails unless every article has a non-empty ID and valid
// UTF-8 text fields.
func checkArticles(t *testing.T, articles []Article) {
	t.Helper()
	for _, a := range articles {
		if a.ID == "" {
			t.Errorf("article from %s has an empty ID", a.Origin)
		}
		for _, s := range []string{a.ID, a.Title, a.Body, a.DateText, a.Source, a.Lang, a.URL, a.GUID, a.FirstCreated, a.Credit, a.Copyright} {
			if !utf8.ValidString(s) {
				t.Errorf("article %q from %s has invalid UTF-8 %q", a.ID, a.Origin, s)
			}
		}
		if a.DateText == "" && !a.Date.IsZero() {
			t.Errorf("article %q has Date %v without DateText", a.ID, a.Date)
		}
	}
}

// checkSkipBad reads data again with SkipBad and checks that it never fails,
// and that it agrees with the strict read when that succeeded.
func checkSkipBad(t *testing.T, data []byte, txtDir string, strict []Article, strictErr error) {
	t.Helper()
	got, stats, err := readBytes(t, data, txtDir, ReadOptions{SkipBad: true})
	if err != nil {
		t.Fatalf("Read with SkipBad: %v", err)
	}
	checkArticles(t, got)
	if stats.Articles != len(got) {
		t.Errorf("stats.Articles = %d, fn saw %d", stats.Articles, len(got))
	}
	if strictErr == nil {
		if diff := cmp.Diff(strict, got); diff != "" {
			t.Errorf("SkipBad read differs from the strict one (-want +got):\n%s", diff)
		}
		if stats.Skipped != 0 {
			t.Errorf("stats.Skipped = %d after a strict read succeeded", stats.Skipped)
		}
	} else if stats.Skipped == 0 {
		t.Errorf("strict read failed (%v) but SkipBad skipped nothing", strictErr)
	}
}

func FuzzReadJSONL(f *testing.F) {
	for _, tt := range jsonlCases {
		f.Add([]byte(tt.in))
	}
	for _, tt := range jsonlErrorCases {
		f.Add([]byte(tt.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, stats, err := readBytes(t, data, "", ReadOptions{})
		var ierr *InputError
		if err != nil && !errors.As(err, &ierr) {
			t.Fatalf("Read error %v is not an *InputError", err)
		}
		checkArticles(t, got)
		for _, a := range got {
			if !strings.HasPrefix(a.Origin, "stdin:") {
				t.Errorf("origin %q does not start with stdin:", a.Origin)
			}
		}
		if stats.Articles != len(got) {
			t.Errorf("stats.Articles = %d, fn saw %d", stats.Articles, len(got))
		}
		checkSkipBad(t, data, "", got, err)
		// A tiny line limit must not break anything either.
		small, _, err := readBytes(t, data, "", ReadOptions{SkipBad: true, MaxBytes: 16})
		if err != nil {
			t.Fatalf("Read with MaxBytes 16: %v", err)
		}
		checkArticles(t, small)
	})
}

func FuzzReadText(f *testing.F) {
	for _, tt := range textCases {
		f.Add([]byte(tt.in))
	}
	for _, tt := range textErrorCases {
		f.Add([]byte(tt.in))
	}
	dir := f.TempDir() // one per fuzz worker process, whose calls run one at a time
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, "a.txt"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, stats, err := readBytes(t, data, dir, ReadOptions{})
		var ierr *InputError
		if err != nil && !errors.As(err, &ierr) {
			t.Fatalf("Read error %v is not an *InputError", err)
		}
		checkArticles(t, got)
		if len(got) > 1 || stats.Articles != len(got) || stats.Files != 1 {
			t.Fatalf("got %d articles, stats %+v; want at most one article from one file", len(got), stats)
		}
		if text := bytes.TrimPrefix(data, utf8BOM); utf8.Valid(text) && strings.TrimSpace(string(text)) != "" &&
			!bytes.Contains(text, []byte("date")) && len(got) != 1 {
			t.Errorf("non-blank UTF-8 text without a date marker gave %d articles (error %v)", len(got), err)
		}
		for _, a := range got {
			if a.ID != "a" {
				t.Errorf("ID = %q, want a", a.ID)
			}
			if strings.Contains(a.Body, "\r\n") {
				t.Errorf("Body %q holds CRLF", a.Body)
			}
			if canon := strings.Join(SplitParagraphs(a.Body), "\n\n"); canon != a.Body {
				t.Errorf("Body %q is not its paragraphs joined by blank lines (%q)", a.Body, canon)
			}
		}
		checkSkipBad(t, data, dir, got, err)
	})
}

func FuzzSplitParagraphs(f *testing.F) {
	for _, tt := range paragraphCases {
		f.Add(tt.in)
	}
	for _, tt := range textCases {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := SplitParagraphs(text)
		if diff := cmp.Diff(naiveParagraphs(text), got); diff != "" {
			t.Errorf("SplitParagraphs(%q) differs from the naive version (-naive +got):\n%s", text, diff)
		}
		for i, p := range got {
			if p == "" || strings.TrimFunc(p, unicode.IsSpace) != p {
				t.Errorf("paragraph %d %q is empty or has surrounding space", i, p)
			}
			if len(SplitParagraphs(p)) != 1 {
				t.Errorf("paragraph %d %q holds a blank line", i, p)
			}
		}
		joined := strings.Join(got, "\n\n")
		if diff := cmp.Diff(got, SplitParagraphs(joined)); diff != "" {
			t.Errorf("splitting the joined paragraphs again differs (-first +again):\n%s", diff)
		}
	})
}

// naiveParagraphs is SplitParagraphs written the slow, obvious way: cut the
// text into lines, drop each line's trailing CRs, and collect the runs of
// lines that hold anything but white space.
func naiveParagraphs(text string) []string {
	lines := strings.Split(text, "\n")
	blank := make([]bool, len(lines))
	for i, line := range lines {
		lines[i] = strings.TrimRight(line, "\r")
		blank[i] = true
		for _, r := range lines[i] {
			if !unicode.IsSpace(r) {
				blank[i] = false
			}
		}
	}
	var paras []string
	for i := 0; i < len(lines); i++ {
		if blank[i] {
			continue
		}
		j := i
		for j < len(lines) && !blank[j] {
			j++
		}
		paras = append(paras, strings.TrimFunc(strings.Join(lines[i:j], "\n"), unicode.IsSpace))
		i = j
	}
	return paras
}
