package index

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func pendingSamples() []pendingDoc {
	d := time.Date(2026, 1, 14, 7, 31, 0, 0, time.UTC)
	return []pendingDoc{
		{ID: "new", Text: &articleText{Title: "T", Body: "A.\n\nB \"quoted\"\n", Date: &d, DateText: "2026-01-14T07:31:00Z", Source: "ritzau"},
			Lang: "da", Credits: []string{"/ritzau/"}, Story: "s:new", Canonical: true, Status: []string{"unique", "credit"}},
		{ID: "changed", Lang: "en", Story: "s:other", Status: []string{"shared"}},
	}
}

func TestPendingRoundTrip(t *testing.T) {
	docs := pendingSamples()
	b, err := encodePending(docs)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodePending(b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(docs, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	for _, tc := range []struct{ name, in, want string }{
		{"not json", "{\"id\":\"a\"}\nnot json\n", "pending document 2"},
		{"no id", "{\"story\":\"s:a\"}\n", "pending document 1: no id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := decodePending([]byte(tc.in)); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}

// FuzzDecodePending checks that any payload decodes to an error or to
// documents that encode and decode to themselves.
func FuzzDecodePending(f *testing.F) {
	b, err := encodePending(pendingSamples())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte("{\"id\":\"x\"}"))
	f.Fuzz(func(t *testing.T, payload []byte) {
		docs, err := decodePending(payload)
		if err != nil {
			return
		}
		for _, d := range docs {
			if d.ID == "" {
				t.Fatal("decoded a document without id")
			}
		}
		again, err := encodePending(docs)
		if err != nil {
			t.Fatal(err)
		}
		docs2, err := decodePending(again)
		if err != nil || !cmp.Equal(docs, docs2) {
			t.Fatalf("round trip: %v", err)
		}
	})
}
