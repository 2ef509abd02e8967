package state

import (
	"testing"
	"time"

	"github.com/neardup/neardup/dedupe"

	"github.com/neardup/neardup/text"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/neardup/neardup/corpus"
)

// codecDocs returns analysed Docs to encode: the demo articles, one with a
// learned paragraph, and edge cases.
func codecDocs(t testing.TB) ([]*dedupe.Doc, [][]text.Kind) {
	t.Helper()
	an, err := dedupe.NewAnalyzer(dedupe.DefaultParams(), "")
	if err != nil {
		t.Fatal(err)
	}
	var docs []*dedupe.Doc
	var origs [][]text.Kind
	arts := readAll(t, "../demo/corpus.jsonl")
	arts = append(arts, corpus.Article{ID: "empty"}, corpus.Article{ID: "dated", Body: "One.\n\nTwo words here.",
		Date: time.Date(2026, 1, 2, 3, 4, 5, 6, time.FixedZone("", 3600)), DateText: "2026-01-02T03:04:05.000000006+01:00"},
		corpus.Article{ID: "linked", Body: "Text of an agency item.", URL: "https://example.dk/a?b=1&c=ø", GUID: "urn:newsml:example.dk:1", Version: 3})
	for i := range arts {
		d, _ := an.Analyze(&arts[i], nil)
		orig := make([]text.Kind, len(d.Paras))
		for j, p := range d.Paras {
			orig[j] = p.Kind
		}
		docs = append(docs, d)
		origs = append(origs, orig)
	}
	if len(docs[0].Paras) > 1 {
		docs[0].Paras[1].Kind, docs[0].Paras[1].Learned = text.KindBoilerplate, true
	}
	return docs, origs
}

func TestDocRecordRoundTrip(t *testing.T) {
	docs, origs := codecDocs(t)
	for i, d := range docs {
		t.Run(d.ID, func(t *testing.T) {
			got, orig, err := decodeDoc(encodeDoc(nil, d, origs[i]))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(d, got, cmpopts.EquateEmpty(), cmpopts.IgnoreUnexported(dedupe.Doc{}), cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
				t.Errorf("doc (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(origs[i], orig); len(d.Paras) > 0 && diff != "" {
				t.Errorf("original kinds (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRecordsRejectDamage(t *testing.T) {
	docs, origs := codecDocs(t)
	good := encodeDoc(nil, docs[0], origs[0])
	for _, tc := range []struct {
		name string
		rec  []byte
	}{
		{"empty", nil},
		{"other version", append([]byte{9}, good[1:]...)},
		{"truncated", good[:len(good)/2]},
		{"trailing byte", append(append([]byte{}, good...), 0)},
		{"huge count", []byte{recordVersion, 0xff, 0xff, 0xff, 0xff, 0x0f}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, _, err := decodeDoc(tc.rec); err == nil {
				t.Error("decoded a damaged doc record")
			}
			if _, err := decodeLinks(tc.rec); err == nil && len(tc.rec) > 0 && tc.name != "other version" {
				// a damaged doc record may happen to be a valid links record; only a crash would be wrong
				t.Logf("damaged record decodes as links")
			}
		})
	}
}

func TestOtherRecordsRoundTrip(t *testing.T) {
	links := []halfLink{{Other: 7, Mine: []int32{0, 3, 4}, Theirs: []int32{1, 2}, SharedMine: 40, SharedTheirs: 38, Weak: true}, {Other: 1 << 30, Twin: true}, {Other: 9}}
	rec := encodeLinks(nil, links)
	gotLinks, err := decodeLinks(rec)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(links, gotLinks); diff != "" {
		t.Errorf("links (-want +got):\n%s", diff)
	}
	// A record written before links had flags ends before them: its links
	// read as strong and not twins.
	old, err := decodeLinks(rec[:len(rec)-len(links)])
	if err != nil {
		t.Fatalf("links record without flags: %v", err)
	}
	for i, l := range old {
		if l.Weak || l.Twin || l.Other != links[i].Other {
			t.Errorf("old link %d = %+v, want other %d, no flags", i, l, links[i].Other)
		}
	}
	if _, err := decodeLinks(append(rec[:len(rec)-1:len(rec)-1], 0x80)); err == nil {
		t.Error("a links record with an unknown flag decoded")
	}
	art := artRecord{Story: "s:x", Hub: true, Canonical: true, Statuses: "susbch"}
	gotArt, err := decodeArt(encodeArt(nil, art))
	if err != nil || gotArt != art {
		t.Errorf("art record: got %+v, %v; want %+v", gotArt, err, art)
	}
	st := storyRecord{Canonical: 3, Members: []uint32{1, 3, 900}}
	gotStory, err := decodeStory(encodeStory(nil, st))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(st, gotStory); diff != "" {
		t.Errorf("story (-want +got):\n%s", diff)
	}
}

// FuzzDecodeDoc checks that any bytes decode to an error or to a Doc whose
// indices all point inside it, which encodes back to the same bytes.
func FuzzDecodeDoc(f *testing.F) {
	docs, origs := codecDocs(f)
	for i, d := range docs {
		f.Add(encodeDoc(nil, d, origs[i]))
	}
	f.Fuzz(func(t *testing.T, rec []byte) {
		d, orig, err := decodeDoc(rec)
		if err != nil {
			return
		}
		d.TextWords()            // walks every sentence of every paragraph
		for i := range d.Sents { // a derived bound out of range panics
			_ = d.Tokens[d.Sents[i].Start:d.SentEnd(i)]
			if first, end := d.ParaSents(int(d.SentPara(i))); int32(i) < first || int32(i) >= end {
				t.Fatalf("sentence %d is not in its paragraph (%d..%d)", i, first, end)
			}
		}
		again, _, err := decodeDoc(encodeDoc(nil, d, orig))
		if err != nil {
			t.Fatalf("re-encoded doc does not decode: %v", err)
		}
		if diff := cmp.Diff(d, again, cmpopts.EquateEmpty(), cmpopts.IgnoreUnexported(dedupe.Doc{}), cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
			t.Fatalf("round trip changed the doc (-first +second):\n%s", diff)
		}
	})
}

// FuzzDecodeRecords checks that the links, article and story decoders
// never panic and round-trip what they accept.
func FuzzDecodeRecords(f *testing.F) {
	f.Add(encodeLinks(nil, []halfLink{{Other: 7, Mine: []int32{0, 3}, Theirs: []int32{1}, SharedMine: 4, SharedTheirs: 3}}))
	f.Add(encodeArt(nil, artRecord{Story: "s:x", Canonical: true, Statuses: "su"}))
	f.Add(encodeStory(nil, storyRecord{Canonical: 3, Members: []uint32{1, 3}}))
	f.Fuzz(func(t *testing.T, rec []byte) {
		if ls, err := decodeLinks(rec); err == nil {
			if again, err := decodeLinks(encodeLinks(nil, ls)); err != nil || !cmp.Equal(ls, again) {
				t.Fatalf("links round trip: %v", err)
			}
		}
		if a, err := decodeArt(rec); err == nil {
			if again, err := decodeArt(encodeArt(nil, a)); err != nil || again != a {
				t.Fatalf("art round trip: %v", err)
			}
		}
		if s, err := decodeStory(rec); err == nil {
			if again, err := decodeStory(encodeStory(nil, s)); err != nil || !cmp.Equal(s, again) {
				t.Fatalf("story round trip: %v", err)
			}
		}
	})
}
