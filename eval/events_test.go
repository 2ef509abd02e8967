package eval

import (
	"errors"
	"strings"
	"testing"
)

func TestEvaluateEvents(t *testing.T) {
	ev, err := ReadEvents(strings.NewReader(`{"event": {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B"},
		"reprints": [["a1", "a2"], ["b1", "b2"]]}`), "pairs.json")
	if err != nil {
		t.Fatal(err)
	}
	pred := NewStoryPredictions(map[string]string{"a1": "s1", "a2": "s1", "a3": "s2", "b1": "s2"})
	r := EvaluateEvents(ev, pred)
	// Linked: a1~a2 (one event), a3~b1 (two events); b2 is missing.
	if r.Linked != 2 || r.CrossEvent != 1 || r.Precision != 0.5 {
		t.Errorf("linked %d cross %d precision %v, want 2, 1, 0.5", r.Linked, r.CrossEvent, r.Precision)
	}
	if r.ReprintsLinked != 1 || r.ReprintRecall != 0.5 || len(r.MissedReprints) != 1 || r.MissedReprints[0] != [2]string{"b1", "b2"} {
		t.Errorf("reprints %d recall %v missed %v", r.ReprintsLinked, r.ReprintRecall, r.MissedReprints)
	}
	if r.Missing != 1 {
		t.Errorf("missing %d, want 1", r.Missing)
	}
	var b strings.Builder
	if err := r.WriteText(&b); err != nil || !strings.Contains(b.String(), "missed reprint     b1 ~ b2") {
		t.Errorf("WriteText: %v\n%s", err, b.String())
	}
}

func TestReadEventsErrors(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want error
	}{
		{`{`, ErrInvalidJSON},
		{`{"event": {}}`, ErrMissingField},
		{`{"event": {"a": "A", "b": "B"}, "reprints": [["a", "b"]]}`, ErrBadIndex},
		{`{"event": {"a": "A"}, "reprints": [["a", "z"]]}`, ErrBadIndex},
	} {
		if _, err := ReadEvents(strings.NewReader(tc.in), "p.json"); !errors.Is(err, tc.want) {
			t.Errorf("ReadEvents(%s): %v, want %v", tc.in, err, tc.want)
		}
	}
}
