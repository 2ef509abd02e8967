package output

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"

	"github.com/neardup/neardup/dedupe"
)

var recordSeeds = []Article{
	{ID: "a", Story: "s:a", Canonical: true, Similarity: 1, Lang: "da", Credits: []string{"/ritzau/"},
		Paragraphs: []Paragraph{{Index: 0, Status: dedupe.StatusShared, Matches: []Match{{ID: "b", Index: 2, Similarity: 0.8765}}}, {Index: 1, Status: dedupe.StatusUnique, Matches: []Match{}}}},
	{ID: "quote\" back\\slash <html> & tab\t nl\n cr\r \x01 \u2028 \u2029 æøå 😀 \xff bad", Story: "s:x", Similarity: 0.0001, Lang: "", Credits: []string{}, Paragraphs: []Paragraph{}},
	{ID: "tiny", Story: "s:tiny", Similarity: 1e-7, Credits: []string{}, Paragraphs: []Paragraph{}},
	{ID: "ritzau-2", Story: "s:r", URL: "https://example.dk/a?x=1&y=<2>", GUID: "urn:newsml:example.dk:20260312:R1", Version: 2, UpdateOf: "ritzau-1",
		Credits: []string{}, Paragraphs: []Paragraph{}},
	{ID: "edited", Story: "s:x", Credits: []string{}, Flags: []string{"uncredited_copy"}, CopyShare: 0.75, Credited: true,
		Paragraphs: []Paragraph{{Index: 0, Status: dedupe.StatusEdited, Similarity: 0.8, Blocks: []string{"b1", "b2"}, Matches: []Match{},
			Diff: &Diff{ID: "w", Index: 3, Ops: []DiffOp{{Op: "=", N: 4}, {Op: "-", Text: "homes"}, {Op: "+", Text: "houses <b>"}}}}}},
}

var storySeeds = []Story{
	{ID: "s:a", Canonical: "a", Size: 2, Blocks: []Block{},
		Members: []Member{
			{ID: "a", Title: "Storm <b> \"x\"", Date: "2026-01-12", Source: "ritzau", Similarity: 1, CopyShare: 0, Credited: true, Flags: []string{}, NewParagraphs: []int{}},
			{ID: "b", Title: "", Similarity: 0.4321, CopyShare: 0.75, Flags: []string{"uncredited_copy"}, NewParagraphs: []int{0, 4},
				URL: "https://example.dk/b", GUID: "urn:x:1", Version: 7, UpdateOf: "a"},
		}},
	{ID: "s:c", Canonical: "c", Size: 2,
		Members: []Member{{ID: "c", Flags: nil, NewParagraphs: nil}},
		Blocks: []Block{
			{ID: "b1", FirstSeen: "c", Cells: []Cell{{ID: "c", State: "verbatim", Similarity: 1, Paragraphs: []int{1, 2}}, {ID: "d", State: "edited", Similarity: 0.9, Paragraphs: nil}}},
			{ID: "b2", FirstSeen: "d", Cells: nil},
		}},
	{ID: "s:nil", Canonical: "x"},
	{ID: "s:rep", Canonical: "r", Size: 2, Blocks: []Block{}, Repetitive: 25000},
}

// TestAppendJSONMatchesEncodingJSON checks the hand-written encoders
// against encoding/json with HTML escaping off.
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	for _, rec := range recordSeeds {
		checkRecordJSON(t, rec)
	}
	for _, rec := range storySeeds {
		var buf jsonBuffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rec); err != nil {
			t.Fatal(err)
		}
		want := bytes.TrimSuffix(buf.b, []byte("\n"))
		if got := rec.appendJSON(nil); string(got) != string(want) {
			t.Errorf("Story.appendJSON:\n got %s\nwant %s", got, want)
		}
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "q\"b\\", "\x00\x1f\x7f", "\u2028\u2029", "æ\xffø", "<&>"} {
		f.Add(s, 0.5)
	}
	f.Fuzz(func(t *testing.T, s string, sim float64) {
		if sim < 0 || sim > 1 {
			return
		}
		checkRecordJSON(t, Article{ID: s, Story: s, Lang: s, Similarity: sim, Credits: []string{s}, Paragraphs: []Paragraph{}, URL: s, GUID: s, UpdateOf: s})
	})
}

func checkRecordJSON(t *testing.T, rec Article) {
	t.Helper()
	var want []byte
	{
		var buf jsonBuffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rec); err != nil {
			t.Fatal(err)
		}
		want = buf.b
	}
	if got := rec.appendJSON(nil); string(got) != string(want) {
		t.Errorf("appendJSON:\n got %s\nwant %s", got, want)
	}
}

type jsonBuffer struct{ b []byte }

func (j *jsonBuffer) Write(p []byte) (int, error) { j.b = append(j.b, p...); return len(p), nil }

// TestWriterFreesDiffs checks that a Writer with a count of readers frees
// each story's word diffs once they have all read them, that those readers
// still write every diff, and that a reader beyond the count fails with an
// error instead of writing records without their diffs.
func TestWriterFreesDiffs(t *testing.T) {
	res := runOn(t, "../demo/corpus.jsonl")
	keep := NewWriter(res)
	var want bytes.Buffer
	if err := keep.WriteArticles(&want); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(want.Bytes(), []byte(`"status":"edited"`)) {
		t.Fatal("the demo has no edited paragraph: the test needs one")
	}
	var had []int // the articles with diffs
	for i, d := range keep.diffs {
		if d != nil {
			had = append(had, i)
		}
	}
	w := newWriter(res, 2)
	var got, report bytes.Buffer
	if err := w.WriteArticles(&got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want.Bytes(), got.Bytes()) {
		t.Error("articles.jsonl differs when diffs are freed")
	}
	for _, i := range had {
		if w.diffs[i] == nil {
			t.Fatalf("diffs of %s freed before the second reader", res.Docs[i].ID)
		}
	}
	if err := w.WriteReport(&report); err != nil {
		t.Fatal(err)
	}
	for i, d := range w.diffs {
		if d != nil {
			t.Errorf("diffs of %s still held after both readers", res.Docs[i].ID)
		}
	}
	if err := w.WriteArticles(io.Discard); err == nil {
		t.Error("a third reader found no error with the diffs gone")
	}
}

func TestCleanEscapesControls(t *testing.T) {
	for in, want := range map[string]string{
		"plain æøå":                     "plain æøå",
		"red \x1b[31mtitle\x1b[0m":      `red \x1b[31mtitle\x1b[0m`,
		"retitle \x1b]0;owned\x07 done": `retitle \x1b]0;owned\a done`,
		"c1 \u009b2J":                   `c1 \u009b2J`,
	} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
	if got := OneLine("two\n\tlines \x1b[2J"); got != `two lines \x1b[2J` {
		t.Errorf("OneLine: %q", got)
	}
}
