package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func FuzzNewsML(f *testing.F) {
	fuzzIPTC(f, "a.xml", newsMLCases, newsMLErrorCases)
}

func FuzzNITF(f *testing.F) {
	fuzzIPTC(f, "a.nitf", nitfCases, nitfErrorCases)
}

func FuzzNinjs(f *testing.F) {
	fuzzIPTC(f, "a.json", ninjsCases, ninjsErrorCases)
}

// fuzzIPTC fuzzes the reading of a file named name, seeded with the table
// cases: Read never panics, its errors are *InputErrors, the articles are
// valid, and with SkipBad it never fails and agrees with a strict read
// that succeeded.
func fuzzIPTC(f *testing.F, name string, cases []iptcCase, errCases []iptcErrorCase) {
	for _, tt := range cases {
		f.Add([]byte(tt.in))
	}
	for _, tt := range errCases {
		f.Add([]byte(tt.in))
	}
	dir := f.TempDir() // one per fuzz worker process, whose calls run one at a time
	path := filepath.Join(dir, name)
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		strict, err := readAll(t, dir, []string{path}, ReadOptions{})
		if _, ok := errors.AsType[*InputError](err); err != nil && !ok {
			t.Fatalf("Read error %v (%T) is not an *InputError", err, err)
		}
		checkIPTCArticles(t, name, strict.Articles)
		skip, serr := readAll(t, dir, []string{path}, ReadOptions{SkipBad: true})
		if serr != nil {
			t.Fatalf("Read with SkipBad: %v", serr)
		}
		checkIPTCArticles(t, name, skip.Articles)
		if err == nil {
			if diff := cmp.Diff(strict, skip); diff != "" {
				t.Errorf("SkipBad read differs from the strict one (-strict +skipbad):\n%s", diff)
			}
		} else if skip.Stats.Skipped == 0 {
			t.Errorf("strict read failed (%v) but SkipBad skipped nothing", err)
		}
		small, err := readAll(t, dir, []string{path}, ReadOptions{SkipBad: true, MaxBytes: 64})
		if err != nil {
			t.Fatalf("Read with MaxBytes 64: %v", err)
		}
		checkIPTCArticles(t, name, small.Articles)
	})
}

// checkIPTCArticles checks the articles of one agency file named name.
func checkIPTCArticles(t *testing.T, name string, arts []Article) {
	t.Helper()
	checkArticles(t, arts)
	for _, a := range arts {
		if !strings.HasPrefix(a.Origin, name+":") {
			t.Errorf("origin %q does not start with %s:", a.Origin, name)
		}
		if canon := strings.Join(SplitParagraphs(a.Body), "\n\n"); canon != a.Body {
			t.Errorf("Body %q is not its paragraphs joined by blank lines (%q)", a.Body, canon)
		}
		if strings.Contains(a.Title, "\n") {
			t.Errorf("Title %q holds a line break", a.Title)
		}
		if a.GUID != "" && a.ID != itemID(a.GUID, a.Version) {
			t.Errorf("ID %q, want %q", a.ID, itemID(a.GUID, a.Version))
		}
	}
}
