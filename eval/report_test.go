package eval

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReportJSON(t *testing.T) {
	r := Report{
		Articles: 6, Stories: 3, PredictedStories: 4, Missing: 2, Extra: 1, Mismatched: 1,
		Pairwise:     PRF{Precision: 1, Recall: 0.75, F1: 0.5, TP: 3, FP: 0, FN: 1},
		BCubed:       PRF{Precision: 1, Recall: 0.5, F1: 0.25},
		Paragraphs:   PRF{Precision: 0.5, Recall: 1, F1: 0.125, TP: 2, FP: 2, FN: 0},
		OutsidePairs: 7,
		Boilerplate:  Marking{Recall: 1, Precision: 0.5, Count: 1, Marked: 2, Correct: 1},
		Credit:       Marking{Recall: 0.5, Precision: 1, Count: 2, Marked: 1, Correct: 1},
		Heading:      Marking{Recall: 1, Precision: 1},
	}
	want := `{"articles":6,"stories":3,"predicted_stories":4,"missing":2,"extra":1,"mismatched":1,` +
		`"pairwise":{"precision":1,"recall":0.75,"f1":0.5,"tp":3,"fp":0,"fn":1},` +
		`"bcubed":{"precision":1,"recall":0.5,"f1":0.25,"tp":0,"fp":0,"fn":0},` +
		`"paragraphs":{"precision":0.5,"recall":1,"f1":0.125,"tp":2,"fp":2,"fn":0},` +
		`"outside_pairs":7,` +
		`"boilerplate":{"recall":1,"precision":0.5,"count":1,"marked":2,"correct":1},` +
		`"credit":{"recall":0.5,"precision":1,"count":2,"marked":1,"correct":1},` +
		`"heading":{"recall":1,"precision":1,"count":0,"marked":0,"correct":0}}`
	got, err := json.Marshal(r)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("JSON mismatch (-want +got):\n%s", diff)
	}
	var back Report
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	if diff := cmp.Diff(r, back); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
}

func TestWriteText(t *testing.T) {
	r := Report{
		Articles: 1000000, Stories: 2, PredictedStories: 3, Missing: 4, Extra: 5, Mismatched: 6,
		Pairwise:     PRF{Precision: 2.0 / 3, Recall: 0.123456, F1: 0.99995, TP: 12345678901, FP: 2, FN: 3},
		BCubed:       PRF{Precision: 1, Recall: 0, F1: 0},
		Paragraphs:   PRF{Precision: 0.5, Recall: 0.25, F1: 1.0 / 3, TP: 1, FP: 1, FN: 3},
		OutsidePairs: 42,
		Boilerplate:  Marking{Recall: 0.75, Precision: 0.6, Count: 4, Marked: 5, Correct: 3},
		Credit:       Marking{Recall: 1, Precision: 1, Count: 10, Marked: 10, Correct: 10},
	}
	want := `articles                    1000000
true stories                2
predicted stories           3  (each missing article counts as one)
missing articles            4  (in the truth, not predicted: scored as singleton stories)
extra articles              5  (predicted, not in the truth: ignored)
paragraph count mismatches  6

figure           precision  recall  f1      tp           fp  fn
pairwise         0.6667     0.1235  1.0000  12345678901  2   3
b-cubed          1.0000     0.0000  0.0000  -            -   -
paragraph pairs  0.5000     0.2500  0.3333  1            1   3

reported pairs outside the universe  42  (ignored)

marking      recall  precision  count  marked  correct
boilerplate  0.7500  0.6000     4      5       3
credit       1.0000  1.0000     10     10      10
heading      0.0000  0.0000     0      0       0
`
	var b strings.Builder
	if err := r.WriteText(&b); err != nil {
		t.Fatalf("WriteText: %v", err)
	}
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("text mismatch (-want +got):\n%s", diff)
	}
}

// failWriter accepts n bytes, then fails.
type failWriter struct{ n int }

var errFull = errors.New("disk full")

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errFull
	}
	w.n -= len(p)
	return len(p), nil
}

func TestWriteTextError(t *testing.T) {
	for _, tc := range []struct {
		name string
		n    int
	}{{"at once", 0}, {"in the header", 100}, {"in the tables", 700}} {
		t.Run(tc.name, func(t *testing.T) {
			err := Report{}.WriteText(&failWriter{n: tc.n})
			if err == nil {
				t.Fatal("got no error")
			}
			if diff := cmp.Diff("write report: disk full", err.Error()); diff != "" {
				t.Errorf("message mismatch (-want +got):\n%s", diff)
			}
			if !errors.Is(err, errFull) {
				t.Errorf("errors.Is(%v, errFull) = false", err)
			}
		})
	}
}
