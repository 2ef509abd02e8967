package eval

import (
	"bytes"
	"slices"
	"testing"
)

// fuzzSeeds are inputs for both readers: good lines of each format and the
// bad ones of the table tests.
var fuzzSeeds = []string{
	"",
	"\ufeff\n\n",
	`null`,
	`[1]`,
	`{"id":`,
	`{"id":"a","story":"s","paragraphs":[]}`,
	`{"id":"a","story":"s","paragraphs":[]}` + "\n" + `{"id":"a","story":"s","paragraphs":[]}`,
	`{"id":"a","story":"s","paragraphs":[{"index":1,"kind":"credit","origins":[]},{"index":0,"kind":"text","origins":["o1","o2"]}]}` + "\r\n" +
		`{"id":"b","story":"s","paragraphs":[{"index":0,"kind":"text","origins":["o2"]},{"index":1,"kind":"text","origins":["o2"]}]}`,
	`{"id":"a","story":"s","paragraphs":[{"index":2,"kind":"text"}]}`,
	`{"id":"a","story":"s","paragraphs":[{"index":0,"kind":"text"},{"index":0,"kind":"text"}]}`,
	`{"id":"a","story":"s","paragraphs":[{"kind":"caption"}]}`,
	`{"id":"a","story":"s","paragraphs":[{"index":0,"status":"shared","matches":[{"id":"b","index":0},{"id":"a","index":1}]},{"index":1,"status":"credit"}]}` + "\n" +
		`{"id":"b","story":"s","paragraphs":[{"index":0,"status":"edited","matches":[{"id":"a","index":0}]}]}`,
	`{"id":"a","story":"s","paragraphs":[{"index":0,"status":"shared","matches":[{"id":"b","index":-1}]}]}`,
	`{"id":"a","story":"s","paragraphs":[{"index":0,"status":"shared","matches":[{"index":0}]}]}`,
}

// FuzzReadTruth checks that ReadTruth never panics, and that a truth it
// accepts scores perfectly against predictions built from it.
func FuzzReadTruth(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		truth, err := ReadTruth(bytes.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		checkRanges(t, Evaluate(truth, nil))
		r := Evaluate(truth, selfPredictions(truth))
		checkRanges(t, r)
		for name, f := range map[string]float64{
			"pairwise F1": r.Pairwise.F1, "B-cubed F1": r.BCubed.F1, "paragraph F1": r.Paragraphs.F1,
			"boilerplate recall": r.Boilerplate.Recall, "credit precision": r.Credit.Precision, "heading recall": r.Heading.Recall,
		} {
			if f != 1 {
				t.Errorf("self-evaluation %s = %v, want 1", name, f)
			}
		}
		if r.Missing != 0 || r.Extra != 0 || r.OutsidePairs != 0 || r.Mismatched != 0 {
			t.Errorf("self-evaluation: missing %d, extra %d, outside %d, mismatched %d, want all 0",
				r.Missing, r.Extra, r.OutsidePairs, r.Mismatched)
		}
	})
}

// FuzzReadPredictions checks that ReadPredictions never panics, and that
// predictions it accepts score within range against a small truth.
func FuzzReadPredictions(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	truth := paragraphTruth(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		p, err := ReadPredictions(bytes.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		r := Evaluate(truth, p)
		checkRanges(t, r)
		if r.Missing+r.Extra > truth.Len()+p.Len() || r.Missing > truth.Len() || r.Extra > p.Len() {
			t.Errorf("missing %d, extra %d for %d truth and %d predicted articles", r.Missing, r.Extra, truth.Len(), p.Len())
		}
	})
}

// selfPredictions predicts the truth exactly, directly in memory: the true
// story, statuses from the kinds, and matches to every text paragraph of
// another article of the story sharing an origin, found by comparing all
// pairs of paragraphs of the story.
func selfPredictions(truth *Truth) *Predictions {
	p := &Predictions{articles: make(map[string]predArticle)}
	for _, members := range storyMembers(truth) {
		for _, j := range members {
			a := truth.articles[j]
			pa := predArticle{story: a.story, paragraphs: make([]predParagraph, len(a.paragraphs))}
			for i, tp := range a.paragraphs {
				pa.paragraphs[i].status = kindNames[tp.kind]
				if tp.kind == kindText {
					pa.paragraphs[i].matches = sharedWith(truth, members, j, tp)
				}
			}
			p.articles[a.id] = pa
		}
	}
	return p
}

// sharedWith returns the text paragraphs of the members other than article
// self whose origins intersect those of tp.
func sharedWith(truth *Truth, members []int, self int, tp truthParagraph) []paragraphRef {
	var out []paragraphRef
	for _, k := range members {
		if k == self {
			continue
		}
		b := truth.articles[k]
		for i, q := range b.paragraphs {
			if q.kind == kindText && slices.ContainsFunc(tp.origins, func(o string) bool { return slices.Contains(q.origins, o) }) {
				out = append(out, paragraphRef{id: b.id, index: i})
			}
		}
	}
	return out
}

// checkRanges checks that every figure of r is in [0,1] and every count
// is non-negative.
func checkRanges(t *testing.T, r Report) {
	t.Helper()
	for name, f := range map[string]PRF{"pairwise": r.Pairwise, "b-cubed": r.BCubed, "paragraphs": r.Paragraphs} {
		for _, x := range []float64{f.Precision, f.Recall, f.F1} {
			if !(x >= 0 && x <= 1) {
				t.Errorf("%s: figure %v out of [0,1] in %+v", name, x, f)
			}
		}
		if f.TP < 0 || f.FP < 0 || f.FN < 0 {
			t.Errorf("%s: negative count in %+v", name, f)
		}
	}
	for name, m := range map[string]Marking{"boilerplate": r.Boilerplate, "credit": r.Credit, "heading": r.Heading} {
		if !(m.Recall >= 0 && m.Recall <= 1 && m.Precision >= 0 && m.Precision <= 1) || m.Correct < 0 ||
			m.Correct > m.Count || m.Correct > m.Marked {
			t.Errorf("%s: bad marking %+v", name, m)
		}
	}
}
