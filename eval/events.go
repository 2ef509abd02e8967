package eval

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

// Events is the truth of an event-labelled corpus (ecb-dev's pairs.json):
// each article's event, and the reprints, pairs of one event that copy
// each other (their word 5-shingles cover at least half of the shorter).
// Articles of one event are not versions of one story unless they are
// reprints: an event is reported by many outlets in their own words.
type Events struct {
	event    map[string]string
	reprints [][2]string
}

// Len returns the number of articles with an event.
func (e *Events) Len() int { return len(e.event) }

// ReadEvents reads pairs.json: {"event": {id: event}, "reprints": [[id,
// id], …]}. Every article of a reprint must have an event, and both the
// same one.
func ReadEvents(r io.Reader, name string) (*Events, error) {
	var raw struct {
		Event    map[string]string `json:"event"`
		Reprints [][2]string       `json:"reprints"`
	}
	dec := json.NewDecoder(r)
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("%s: %w: %v", name, ErrInvalidJSON, err)
	}
	if len(raw.Event) == 0 {
		return nil, fmt.Errorf("%s: %w: \"event\" (article id → event)", name, ErrMissingField)
	}
	for i, p := range raw.Reprints {
		ea, oka := raw.Event[p[0]]
		eb, okb := raw.Event[p[1]]
		if !oka || !okb || ea != eb || p[0] == p[1] {
			return nil, fmt.Errorf("%s: reprint %d (%s, %s): %w: not two articles of one event", name, i, p[0], p[1], ErrBadIndex)
		}
	}
	return &Events{event: raw.Event, reprints: raw.Reprints}, nil
}

// EventReport holds the figures of an event-labelled corpus.
type EventReport struct {
	// Articles is the number of articles with an event; Missing how many
	// of them the predictions lack (each counts as a story of its own).
	Articles, Missing int
	// Linked is the number of pairs of articles with an event that are in
	// one predicted story; CrossEvent how many of them report two
	// different events: the error an editor cannot accept.
	Linked, CrossEvent int64
	// Precision is the share of Linked pairs that report one event (1 when
	// nothing is linked).
	Precision float64
	// Reprints is the number of reprint pairs; ReprintsLinked how many are
	// in one predicted story; ReprintRecall their share (1 when there are
	// no reprints).
	Reprints, ReprintsLinked int
	ReprintRecall            float64
	// MissedReprints are the reprints not linked, sorted.
	MissedReprints [][2]string `json:",omitempty"`
}

// EvaluateEvents scores predicted stories against an event truth: the
// precision of the linked pairs and the recall of the reprints.
func EvaluateEvents(e *Events, p *Predictions) EventReport {
	if p == nil {
		p = &Predictions{}
	}
	r := EventReport{Articles: len(e.event), Reprints: len(e.reprints)}
	storyOf := func(id string) string {
		if a, ok := p.articles[id]; ok {
			return a.story
		}
		return "\x00missing:" + id // alone in a story of its own
	}
	type cellKey struct{ story, event string }
	perStory := map[string]int64{}
	perCell := map[cellKey]int64{}
	for id, ev := range e.event {
		if _, ok := p.articles[id]; !ok {
			r.Missing++
		}
		s := storyOf(id)
		perStory[s]++
		perCell[cellKey{s, ev}]++
	}
	var same int64
	for _, n := range perStory {
		r.Linked += pairs(n)
	}
	for _, n := range perCell {
		same += pairs(n)
	}
	r.CrossEvent = r.Linked - same
	r.Precision = 1
	if r.Linked > 0 {
		r.Precision = float64(same) / float64(r.Linked)
	}
	for _, rp := range e.reprints {
		if storyOf(rp[0]) == storyOf(rp[1]) {
			r.ReprintsLinked++
		} else {
			a, b := min(rp[0], rp[1]), max(rp[0], rp[1])
			r.MissedReprints = append(r.MissedReprints, [2]string{a, b})
		}
	}
	slices.SortFunc(r.MissedReprints, func(x, y [2]string) int {
		return cmp.Or(strings.Compare(x[0], y[0]), strings.Compare(x[1], y[1]))
	})
	r.ReprintRecall = 1
	if r.Reprints > 0 {
		r.ReprintRecall = float64(r.ReprintsLinked) / float64(r.Reprints)
	}
	return r
}

// WriteText writes the figures as an aligned table, and the missed
// reprints.
func (r EventReport) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "articles\t%d\n", r.Articles)
	fmt.Fprintf(tw, "missing articles\t%d\t(scored as singleton stories)\n", r.Missing)
	fmt.Fprintf(tw, "linked pairs\t%d\n", r.Linked)
	fmt.Fprintf(tw, "cross-event pairs\t%d\n", r.CrossEvent)
	fmt.Fprintf(tw, "precision\t%.4f\n", r.Precision)
	fmt.Fprintf(tw, "reprints linked\t%d of %d\n", r.ReprintsLinked, r.Reprints)
	fmt.Fprintf(tw, "reprint recall\t%.4f\n", r.ReprintRecall)
	for _, m := range r.MissedReprints {
		fmt.Fprintf(tw, "missed reprint\t%s ~ %s\n", m[0], m[1])
	}
	return tw.Flush()
}
