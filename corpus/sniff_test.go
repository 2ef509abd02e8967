package corpus

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const (
	sniffG2Doc    = `<?xml version="1.0"?><newsItem guid="urn:s:1"><contentSet><inlineData>G2.</inlineData></contentSet></newsItem>`
	sniffNITFDoc  = `<nitf><head><docdata><doc-id id-string="S-2"/></docdata></head><body><body.content><p>NITF.</p></body.content></body></nitf>`
	sniffNinjsDoc = `{"uri":"urn:s:3","body_text":"ninjs."}`
)

// TestSniffWalk checks that a walk reads the files by their content, not
// their extension, and what it does with the files that are none of the
// formats.
func TestSniffWalk(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a-newsml.xml":   sniffG2Doc,
		"b-nitf.xml":     sniffNITFDoc,
		"c-ninjs.json":   sniffNinjsDoc,
		"d-nitf.newsml":  strings.ReplaceAll(sniffNITFDoc, "S-2", "S-4"),
		"e-g2.NINJS":     strings.ReplaceAll(sniffG2Doc, "urn:s:1", "urn:s:5"),
		"expected.json":  "{\n \"stories\": [[\"a\", \"b\"]],\n \"uri\": \"not ninjs without content keys\"\n}\n",
		"pairs.json":     `[["a","b"]]`,
		"empty.xml":      " \n",
		"f.txt":          "Plain.",
		"g/feed.jsonl":   `{"id":"j","body":"JSONL."}`,
		"g/sub/item.xml": "\ufeff" + strings.ReplaceAll(sniffNinjsDoc, "urn:s:3", ""),
	})
	want := result{
		Articles: []Article{
			{ID: "urn:s:1", GUID: "urn:s:1", Body: "G2.", Origin: "a-newsml.xml:1"},
			{ID: "S-2", GUID: "S-2", Body: "NITF.", Origin: "b-nitf.xml:1"},
			{ID: "urn:s:3", GUID: "urn:s:3", Body: "ninjs.", Origin: "c-ninjs.json:1"},
			{ID: "S-4", GUID: "S-4", Body: "NITF.", Origin: "d-nitf.newsml:1"},
			{ID: "urn:s:5", GUID: "urn:s:5", Body: "G2.", Origin: "e-g2.NINJS:1"},
			{ID: "f", Body: "Plain.", Origin: "f.txt"},
			{ID: "j", Body: "JSONL.", Origin: "g/feed.jsonl:1"},
			{ID: "g/sub/item", Body: "ninjs.", Origin: "g/sub/item.xml:1"},
		},
		Stats: ReadStats{Articles: 8, Files: 11, Unsupported: map[string]int{".json": 2}},
		Warnings: []string{
			"empty.xml: empty file, skipped",
			"expected.json: skipped: a .json file that is not ninjs",
			"pairs.json: skipped: a .json file that is not ninjs",
		},
	}
	got, err := readAll(t, dir, []string{dir}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Read mismatch (-want +got):\n%s", diff)
	}
}

// TestSniffNamed checks files named as inputs: a .json file that is not
// ninjs is JSON Lines.
func TestSniffNamed(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"feed.json":  `{"id":"j1","body":"One."}` + "\n" + `{"id":"j2","body":"Two."}` + "\n",
		"item.ninjs": sniffNinjsDoc,
	})
	got, err := readAll(t, dir, []string{filepath.Join(dir, "feed.json"), filepath.Join(dir, "item.ninjs")}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := result{
		Articles: []Article{
			{ID: "j1", Body: "One.", Origin: "feed.json:1"},
			{ID: "j2", Body: "Two.", Origin: "feed.json:2"},
			{ID: "urn:s:3", GUID: "urn:s:3", Body: "ninjs.", Origin: "item.ninjs:1"},
		},
		Stats: ReadStats{Articles: 3, Files: 2},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Read mismatch (-want +got):\n%s", diff)
	}
}

// TestSniffErrors checks the files whose content is none of the formats
// their extension allows: each is an error naming the file and line, and
// with SkipBad a warning, never silently skipped.
func TestSniffErrors(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		in      string
		wantIs  error
		wantMsg string
	}{
		{"unrelated XML", "feed.xml", "<?xml version=\"1.0\"?>\n\n<rss><channel/></rss>", ErrUnsupportedFile,
			"feed.xml:3: root element <rss> is neither NewsML-G2 (newsMessage, newsItem, packageItem) nor NITF (nitf)"},
		{"XHTML page", "page.xml", `<html xmlns="http://www.w3.org/1999/xhtml"><body><p>x</p></body></html>`, ErrUnsupportedFile,
			"page.xml:1: root element <html> is neither NewsML-G2 (newsMessage, newsItem, packageItem) nor NITF (nitf)"},
		{"plain text", "notes.xml", "Just text.", ErrUnsupportedFile, "notes.xml:1: neither NewsML-G2, NITF nor ninjs"},
		{"JSON that is not ninjs", "data.ninjs", `{"id":"x","body":"JSONL, not ninjs"}`, ErrUnsupportedFile,
			"data.ninjs:1: neither NewsML-G2, NITF nor ninjs"},
		{"UTF-16", "wide.xml", "\xff\xfe<\x00n\x00", ErrNotUTF8,
			"wide.xml:1: UTF-16 text: want UTF-8, or XML declaring ISO-8859-1 or Windows-1252"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, map[string]string{tt.file: tt.in, "z.txt": "After."})
			_, err := readAll(t, dir, []string{dir}, ReadOptions{})
			if !errors.Is(err, tt.wantIs) {
				t.Fatalf("Read error = %v, want %v", err, tt.wantIs)
			}
			if _, ok := errors.AsType[*InputError](err); !ok {
				t.Fatalf("Read error %T is not an *InputError", err)
			}
			if diff := cmp.Diff(tt.wantMsg, relTo(dir, err.Error())); diff != "" {
				t.Errorf("message mismatch (-want +got):\n%s", diff)
			}
			got, err := readAll(t, dir, []string{dir}, ReadOptions{SkipBad: true})
			if err != nil {
				t.Fatal(err)
			}
			want := result{
				Articles: []Article{{ID: "z", Body: "After.", Origin: "z.txt"}},
				Stats:    ReadStats{Articles: 1, Skipped: 1, Files: 2},
				Warnings: []string{tt.wantMsg + ", skipped"},
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Read with SkipBad mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSniffNinjs(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{`{"uri":"u","headline":"h"}`, true},
		{`{"headlines":[{"value":"h"}],"x":{"uri":"nested"},"uri":"u"}`, true},
		{` [ {"versioncreated":"2026-03-12","uri":"u"} ]`, true},
		{`{"uri":"u","body_html":`, true}, // decided before the syntax error
		{`{"uri":"u"}`, false},
		{`{"headline":"h"}`, false},
		{`{"id":"x","body":"b","uri":"u"}`, false},
		{`[]`, false},
		{`[["uri","headline"]]`, false},
		{`{"uri":"u",,"headline":"h"}`, false},
		{`"uri"`, false},
	}
	for _, tt := range tests {
		if got := sniffNinjs(strings.NewReader(tt.in)); got != tt.want {
			t.Errorf("sniffNinjs(%s) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
