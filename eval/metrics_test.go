package eval

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// approx compares figures computed in floating point.
var approx = cmpopts.EquateApprox(0, 1e-12)

func TestNewPRF(t *testing.T) {
	tests := []struct {
		name       string
		tp, fp, fn int64
		want       PRF
	}{
		{"perfect", 4, 0, 0, PRF{1, 1, 1, 4, 0, 0}},
		{"mixed", 2, 1, 3, PRF{2.0 / 3, 2.0 / 5, 0.5, 2, 1, 3}},
		{"nothing true, nothing predicted", 0, 0, 0, PRF{1, 1, 1, 0, 0, 0}},
		{"nothing predicted", 0, 0, 3, PRF{0, 0, 0, 0, 0, 3}},
		{"nothing true", 0, 2, 0, PRF{0, 0, 0, 0, 2, 0}},
		{"all wrong", 0, 2, 3, PRF{0, 0, 0, 0, 2, 3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, NewPRF(tc.tp, tc.fp, tc.fn), approx); diff != "" {
				t.Errorf("NewPRF(%d, %d, %d) mismatch (-want +got):\n%s", tc.tp, tc.fp, tc.fn, diff)
			}
		})
	}
}

// storyFigures are the parts of a Report about story clustering.
type storyFigures struct {
	Articles, Stories, PredictedStories, Missing, Extra int
	Pairwise, BCubed                                    PRF
}

func TestEvaluateStories(t *testing.T) {
	// True stories: A = {a1,a2,a3}, B = {b1,b2}, C = {c1}: 4 true pairs.
	truth := mustReadTruth(t,
		truthJSON(t, "a1", "A"), truthJSON(t, "a2", "A"), truthJSON(t, "a3", "A"),
		truthJSON(t, "b1", "B"), truthJSON(t, "b2", "B"), truthJSON(t, "c1", "C"))
	ids := []string{"a1", "a2", "a3", "b1", "b2", "c1"}
	tests := []struct {
		name    string
		stories []string // predicted story per id; "" leaves the article out
		extra   []string // ids of predicted articles not in the truth
		want    storyFigures
	}{
		{
			name:    "perfect",
			stories: []string{"x", "x", "x", "y", "y", "z"},
			want:    storyFigures{6, 3, 3, 0, 0, PRF{1, 1, 1, 4, 0, 0}, PRF{1, 1, 1, 0, 0, 0}},
		},
		{
			// B-cubed recall: (3·1/3 + 2·1/2 + 1)/6 = 1/2.
			name:    "all singletons",
			stories: []string{"1", "2", "3", "4", "5", "6"},
			want:    storyFigures{6, 3, 6, 0, 0, PRF{0, 0, 0, 0, 0, 4}, PRF{1, 0.5, 2.0 / 3, 0, 0, 0}},
		},
		{
			// 15 predicted pairs, 4 of them true. B-cubed precision:
			// (3·3/6 + 2·2/6 + 1·1/6)/6 = 14/36.
			name:    "everything in one cluster",
			stories: []string{"x", "x", "x", "x", "x", "x"},
			want: storyFigures{6, 3, 1, 0, 0,
				PRF{4.0 / 15, 1, 8.0 / 19, 4, 11, 0}, PRF{14.0 / 36, 1, 14.0 / 25, 0, 0, 0}},
		},
		{
			// A split into {a1,a2} and {a3}. B-cubed recall:
			// (2·2/3 + 1/3 + 3)/6 = 7/9.
			name:    "split story",
			stories: []string{"x", "x", "w", "y", "y", "z"},
			want:    storyFigures{6, 3, 4, 0, 0, PRF{1, 0.5, 2.0 / 3, 2, 0, 2}, PRF{1, 7.0 / 9, 0.875, 0, 0, 0}},
		},
		{
			// B and C merged: 6 predicted pairs, 4 true. B-cubed precision:
			// (3 + 2·2/3 + 1/3)/6 = 7/9.
			name:    "merged pair",
			stories: []string{"x", "x", "x", "y", "y", "y"},
			want:    storyFigures{6, 3, 2, 0, 0, PRF{2.0 / 3, 1, 0.8, 4, 2, 0}, PRF{7.0 / 9, 1, 0.875, 0, 0, 0}},
		},
		{
			// b2 and c1 are missing, so they are singletons; b1 is then
			// alone too. The extra article x1 claims story "x" but is
			// ignored. B-cubed recall: (3 + 1/2 + 1/2 + 1)/6 = 5/6.
			name:    "missing and extra articles",
			stories: []string{"x", "x", "x", "y", "", ""},
			extra:   []string{"x1"},
			want: storyFigures{6, 3, 4, 2, 1,
				PRF{1, 0.75, 6.0 / 7, 3, 0, 1}, PRF{1, 5.0 / 6, 10.0 / 11, 0, 0, 0}},
		},
		{
			// Predicted story names shared with the truth's mean nothing.
			name:    "names crossed",
			stories: []string{"C", "C", "C", "A", "A", "B"},
			want:    storyFigures{6, 3, 3, 0, 0, PRF{1, 1, 1, 4, 0, 0}, PRF{1, 1, 1, 0, 0, 0}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var lines []string
			for i, id := range ids {
				if tc.stories[i] != "" {
					lines = append(lines, predJSON(t, id, tc.stories[i]))
				}
			}
			for _, id := range tc.extra {
				lines = append(lines, predJSON(t, id, "x"))
			}
			r := Evaluate(truth, mustReadPredictions(t, lines...))
			got := storyFigures{r.Articles, r.Stories, r.PredictedStories, r.Missing, r.Extra, r.Pairwise, r.BCubed}
			if diff := cmp.Diff(tc.want, got, approx); diff != "" {
				t.Errorf("figures mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// paragraphTruth is a truth with paragraphs. Story S has three articles;
// s2 paragraph 0 merges the origins of s1 paragraphs 0 and 1. The
// positive pairs are s1#0–s2#0 (o1), s1#1–s2#0 (o2) and s2#1–s3#0 (o3).
// Story T reuses o1, but pairs across stories are outside the universe.
func paragraphTruth(t testing.TB) *Truth {
	t.Helper()
	return mustReadTruth(t,
		truthJSON(t, "s1", "S", "text:o1", "text:o2", "boilerplate", "credit"),
		truthJSON(t, "s2", "S", "text:o1,o2", "text:o3", "credit"),
		truthJSON(t, "s3", "S", "text:o3", "heading", "text:new:s3"),
		truthJSON(t, "t1", "T", "text:o1"))
}

func TestEvaluateParagraphs(t *testing.T) {
	tests := []struct {
		name        string
		predictions []string
		want        PRF
		wantOutside int64
	}{
		{
			name: "perfect, each pair named from one side",
			predictions: []string{
				predJSON(t, "s1", "S", "edited>s2#0", "shared>s2#0", "boilerplate", "credit"),
				predJSON(t, "s2", "S", "shared", "shared", "credit"),
				predJSON(t, "s3", "S", "shared>s2#1", "heading", "unique"),
				predJSON(t, "t1", "T", "unique"),
			},
			want: PRF{1, 1, 1, 3, 0, 0},
		},
		{
			// Reported in the universe: s1#0–s2#0 (status unique, still
			// counts), s2#1–s3#0 (named from both sides, counted once)
			// and s1#1–s3#2 (false). Outside: s3#0–t1#0 (other story),
			// s1#0–s1#1 (same article), s1#0–s2#2 (credit), s1#0–zz#0
			// (unknown article), s3#2–s3#9 (same article, no such
			// paragraph).
			name: "misses, false pair and pairs outside the universe",
			predictions: []string{
				predJSON(t, "s1", "S", "unique>s1#1,s2#2,zz#0", "shared>s3#2", "boilerplate", "credit"),
				predJSON(t, "s2", "S", "shared>s1#0", "shared>s3#0", "credit"),
				predJSON(t, "s3", "S", "shared>s2#1,t1#0", "heading", "unique>s3#9"),
				predJSON(t, "t1", "T", "shared>s3#0"),
			},
			want:        PRF{2.0 / 3, 2.0 / 3, 2.0 / 3, 2, 1, 1},
			wantOutside: 5,
		},
		{
			// s2 is missing, but s1 still names s2#0 for o1.
			name: "missing article",
			predictions: []string{
				predJSON(t, "s1", "S", "shared>s2#0", "unique", "boilerplate", "credit"),
				predJSON(t, "s3", "S", "unique", "heading", "unique"),
				predJSON(t, "t1", "T", "unique"),
			},
			want: PRF{1, 1.0 / 3, 0.5, 1, 0, 2},
		},
		{
			// Extra articles, and matches from them, are outside.
			name: "extra article",
			predictions: []string{
				predJSON(t, "s1", "S", "shared>s2#0", "shared>s2#0", "boilerplate", "credit"),
				predJSON(t, "s3", "S", "shared>s2#1", "heading", "unique"),
				predJSON(t, "x1", "S", "shared>s1#0,s1#1"),
			},
			want:        PRF{1, 1, 1, 3, 0, 0},
			wantOutside: 2,
		},
		{
			name:        "nothing reported",
			predictions: nil,
			want:        PRF{0, 0, 0, 0, 0, 3},
		},
	}
	truth := paragraphTruth(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Evaluate(truth, mustReadPredictions(t, tc.predictions...))
			if diff := cmp.Diff(tc.want, r.Paragraphs, approx); diff != "" {
				t.Errorf("paragraph figures mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantOutside, r.OutsidePairs); diff != "" {
				t.Errorf("outside pairs mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// markingFigures are the parts of a Report about paragraph marks.
type markingFigures struct {
	Boilerplate, Credit, Heading Marking
	Mismatched                   int
}

func TestEvaluateMarkings(t *testing.T) {
	// The truth has boilerplate s1#2, credits s1#3 and s2#2, heading s3#1.
	tests := []struct {
		name        string
		predictions []string
		want        markingFigures
	}{
		{
			name: "perfect",
			predictions: []string{
				predJSON(t, "s1", "S", "shared", "shared", "boilerplate", "credit"),
				predJSON(t, "s2", "S", "shared", "shared", "credit"),
				predJSON(t, "s3", "S", "shared", "heading", "unique"),
				predJSON(t, "t1", "T", "unique"),
			},
			want: markingFigures{Marking{1, 1, 1, 1, 1}, Marking{1, 1, 2, 2, 2}, Marking{1, 1, 1, 1, 1}, 0},
		},
		{
			// s2#2 is missed, s3#1 is marked boilerplate, s3#2 (text) is
			// marked heading, and s3 has a fourth paragraph the truth does
			// not know, marked credit.
			name: "misses, wrong marks and an extra paragraph",
			predictions: []string{
				predJSON(t, "s1", "S", "shared", "shared", "boilerplate", "credit"),
				predJSON(t, "s2", "S", "shared", "shared", "unique"),
				predJSON(t, "s3", "S", "shared", "boilerplate", "heading", "credit"),
				predJSON(t, "t1", "T", "unique"),
			},
			want: markingFigures{Marking{1, 0.5, 1, 2, 1}, Marking{0.5, 0.5, 2, 2, 1}, Marking{0, 0, 1, 1, 0}, 1},
		},
		{
			// s1 and s2 are missing: their paragraphs count as unmarked.
			// s3 has fewer paragraphs than the truth.
			name: "missing articles and a short one",
			predictions: []string{
				predJSON(t, "s3", "S", "shared", "heading"),
				predJSON(t, "t1", "T", "unique"),
			},
			want: markingFigures{Marking{0, 0, 1, 0, 0}, Marking{0, 0, 2, 0, 0}, Marking{1, 1, 1, 1, 1}, 1},
		},
	}
	truth := paragraphTruth(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Evaluate(truth, mustReadPredictions(t, tc.predictions...))
			got := markingFigures{r.Boilerplate, r.Credit, r.Heading, r.Mismatched}
			if diff := cmp.Diff(tc.want, got, approx); diff != "" {
				t.Errorf("marking figures mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEvaluateEmpty(t *testing.T) {
	one := PRF{1, 1, 1, 0, 0, 0}
	none := Marking{1, 1, 0, 0, 0}
	want := Report{Pairwise: one, BCubed: one, Paragraphs: one, Boilerplate: none, Credit: none, Heading: none}
	tests := []struct {
		name string
		t    *Truth
		p    *Predictions
		want Report
	}{
		{"nil", nil, nil, want},
		{"zero values", &Truth{}, &Predictions{}, want},
		{"read from nothing", mustReadTruth(t), mustReadPredictions(t), want},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, Evaluate(tc.t, tc.p)); diff != "" {
				t.Errorf("report mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestClusteringBruteForce checks the contingency-table figures against
// direct counts over all pairs of a random clustering.
func TestClusteringBruteForce(t *testing.T) {
	const seed, n = 20240611, 300
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, seed))
	trueOf, predOf := make([]int, n), make([]int, n)
	tl, pl := make([]string, n), make([]string, 0, n)
	for i := range n {
		trueOf[i], predOf[i] = rng.IntN(40), rng.IntN(25)
		if i%50 == 7 {
			predOf[i] = -1 - i // missing: a singleton
		}
		id := fmt.Sprintf("a%03d", i)
		tl[i] = truthJSON(t, id, fmt.Sprintf("t%d", trueOf[i]))
		if predOf[i] >= 0 {
			pl = append(pl, predJSON(t, id, fmt.Sprintf("p%d", predOf[i])))
		}
	}
	r := Evaluate(mustReadTruth(t, tl...), mustReadPredictions(t, pl...))

	pairwise, bcubed := bruteForce(trueOf, predOf)
	if diff := cmp.Diff(pairwise, r.Pairwise, approx); diff != "" {
		t.Errorf("pairwise mismatch (-brute force +contingency):\n%s", diff)
	}
	if diff := cmp.Diff(bcubed, r.BCubed, approx); diff != "" {
		t.Errorf("B-cubed mismatch (-brute force +contingency):\n%s", diff)
	}
	if pairwise.TP == 0 || pairwise.FP == 0 || pairwise.FN == 0 {
		t.Errorf("degenerate random clustering: %+v", pairwise)
	}
}

// bruteForce returns the pairwise and B-cubed figures of a clustering by
// looking at every pair of items; trueOf and predOf give each item's
// clusters.
func bruteForce(trueOf, predOf []int) (pairwise, bcubed PRF) {
	n := len(trueOf)
	var tp, fp, fn int64
	var bp, br float64
	for i := range n {
		inter, predSize, trueSize := 0, 0, 0
		for j := range n {
			sameT, sameP := trueOf[i] == trueOf[j], predOf[i] == predOf[j]
			if sameT && sameP {
				inter++
			}
			if sameP {
				predSize++
			}
			if sameT {
				trueSize++
			}
			if j <= i {
				continue
			}
			switch {
			case sameT && sameP:
				tp++
			case sameP:
				fp++
			case sameT:
				fn++
			}
		}
		bp += float64(inter) / float64(predSize)
		br += float64(inter) / float64(trueSize)
	}
	bp, br = bp/float64(n), br/float64(n)
	return NewPRF(tp, fp, fn), PRF{Precision: bp, Recall: br, F1: 2 * bp * br / (bp + br)}
}
