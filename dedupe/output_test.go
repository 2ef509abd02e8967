package dedupe

import (
	"encoding/json"
	"testing"
)

var recordSeeds = []ArticleRecord{
	{ID: "a", Story: "s:a", Canonical: true, Similarity: 1, Lang: "da", Credits: []string{"/ritzau/"},
		Paragraphs: []ParagraphRecord{{Index: 0, Status: "shared", Matches: []MatchRecord{{ID: "b", Index: 2, Similarity: 0.8765}}}, {Index: 1, Status: "unique", Matches: []MatchRecord{}}}},
	{ID: "quote\" back\\slash <html> & tab\t nl\n cr\r \x01 \u2028 \u2029 æøå 😀 \xff bad", Story: "s:x", Similarity: 0.0001, Lang: "", Credits: []string{}, Paragraphs: []ParagraphRecord{}},
	{ID: "tiny", Story: "s:tiny", Similarity: 1e-7, Credits: []string{}, Paragraphs: []ParagraphRecord{}},
	{ID: "edited", Story: "s:x", Credits: []string{}, Flags: []string{"uncredited_copy"}, CopyShare: 0.75, Credited: true,
		Paragraphs: []ParagraphRecord{{Index: 0, Status: "edited", Similarity: 0.8, Blocks: []string{"b1", "b2"}, Matches: []MatchRecord{},
			Diff: &DiffRecord{ID: "w", Index: 3, Ops: []DiffOp{{Op: "=", N: 4}, {Op: "-", Text: "homes"}, {Op: "+", Text: "houses <b>"}}}}}},
}

// TestAppendJSONMatchesEncodingJSON checks the hand-written encoder against
// encoding/json with HTML escaping off.
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	for _, rec := range recordSeeds {
		checkRecordJSON(t, rec)
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
		checkRecordJSON(t, ArticleRecord{ID: s, Story: s, Lang: s, Similarity: sim, Credits: []string{s}, Paragraphs: []ParagraphRecord{}})
	})
}

func checkRecordJSON(t *testing.T, rec ArticleRecord) {
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
