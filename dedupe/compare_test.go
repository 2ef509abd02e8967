package dedupe

import (
	"slices"
	"testing"

	"github.com/neardup/neardup/internal/lcs"
	"github.com/neardup/neardup/text"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// docOf builds a Doc whose paragraphs each hold one sentence of the given
// word hashes.
func docOf(sents ...[]uint32) *Doc {
	d := &Doc{}
	for i, words := range sents {
		start := int32(len(d.Tokens))
		d.Tokens = append(d.Tokens, words...)
		d.Sents = append(d.Sents, Sent{Start: start})
		d.Paras = append(d.Paras, Para{Kind: text.KindText, End: int32(i + 1)})
	}
	return d
}

func TestCompare(t *testing.T) {
	long := []uint32{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	edited := []uint32{1, 2, 3, 4, 50, 6, 7, 8, 9, 10} // one word changed
	for _, tc := range []struct {
		name    string
		relaxed bool
		a, b    *Doc
		want    []SentMatch
	}{
		{"verbatim sentence", false, docOf(long), docOf(long), []SentMatch{{0, 0, 1, 10, 0}}},
		{"one word edited still shares most shingles", false, docOf(long), docOf(edited), []SentMatch{{0, 0, 1, 10, 0}}},
		{"one shared shingle is not a match", false, docOf(long), docOf([]uint32{1, 2, 3, 70, 71, 72, 73, 74}), nil},
		{"matches found in any order", false, docOf([]uint32{90, 91, 92, 93}, long), docOf(long, []uint32{90, 91, 92, 93}),
			[]SentMatch{{0, 1, 1, 4, 0}, {1, 0, 1, 10, 0}}},
		{"strict: heavily edited sentence, by word order, as edited copy", false,
			docOf([]uint32{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}), docOf([]uint32{1, 2, 30, 4, 5, 6, 70, 8, 9, 10, 110, 12}),
			[]SentMatch{{0, 0, 0.75, 12, 0}}},
		{"strict: an edited sentence under eight words is not copy", false,
			docOf([]uint32{1, 2, 3, 4, 5, 6, 7}), docOf([]uint32{1, 2, 3, 40, 5, 6, 7}), nil},
		{"relaxed: short sentence word for word", true, docOf([]uint32{5, 6}), docOf([]uint32{5, 6}), []SentMatch{{0, 0, 1, 2, 0}}},
		{"strict: short sentence never", false, docOf([]uint32{5, 6}), docOf([]uint32{5, 6}), nil},
		{"relaxed: repeats in one sentence count once", true, docOf([]uint32{1, 2, 3}), docOf([]uint32{1, 2, 1, 2, 1, 2}), nil},
		{"relaxed: heavily edited sentence by word overlap", true,
			docOf([]uint32{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}), docOf([]uint32{1, 2, 30, 4, 5, 60, 7, 8, 90, 10}),
			[]SentMatch{{0, 0, 0.7, 10, 0}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := NewComparer(DefaultParams(), tc.relaxed)
			c.SetA(tc.a)
			got := c.Compare(tc.b)
			if diff := cmp.Diff(tc.want, got.Matches, cmpopts.IgnoreFields(SentMatch{}, "Overlap")); diff != "" {
				t.Errorf("matches (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCompareOneToOne checks that every word is matched at most once: a
// sentence repeated in one version matches its counterpart once, a short
// sentence inside a long one credits only its own words, and a long
// sentence still holds the parts that were split out of it.
func TestCompareOneToOne(t *testing.T) {
	row := []uint32{1, 2, 3, 4, 5, 6}
	part1, part2 := []uint32{10, 11, 12, 13, 14}, []uint32{15, 16, 17, 18, 19, 20}
	whole := slices.Concat(part1, part2)
	short := []uint32{30, 31, 32, 33}
	inLong := slices.Concat([]uint32{40, 41, 42, 43, 44, 45, 46, 47}, short, []uint32{48, 49, 50, 51})
	for _, tc := range []struct {
		name             string
		a, b             *Doc
		want             []SentMatch
		sharedA, sharedB int
	}{
		{"a repeated sentence matches once", docOf(row), docOf(row, row), []SentMatch{{0, 0, 1, 6, 0}}, 6, 6},
		{"repeats pair up in order", docOf(row, row), docOf(row, row), []SentMatch{{0, 0, 1, 6, 0}, {1, 1, 1, 6, 0}}, 12, 12},
		{"a short sentence inside a long one credits its own words", docOf(inLong), docOf(short), []SentMatch{{0, 0, 1, 4, 0}}, 4, 4},
		{"a long sentence holds its split parts", docOf(whole), docOf(part1, part2), []SentMatch{{0, 0, 1, 5, 0}, {0, 1, 1, 6, 0}}, 11, 11},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := NewComparer(DefaultParams(), false)
			c.SetA(tc.a)
			got := c.Compare(tc.b)
			if diff := cmp.Diff(tc.want, got.Matches, cmpopts.IgnoreFields(SentMatch{}, "Overlap")); diff != "" {
				t.Errorf("matches (-want +got):\n%s", diff)
			}
			if got.SharedA != tc.sharedA || got.SharedB != tc.sharedB {
				t.Errorf("shared %d, %d words; want %d, %d", got.SharedA, got.SharedB, tc.sharedA, tc.sharedB)
			}
		})
	}
}

// withNumbers marks the given tokens of d as figures.
func withNumbers(d *Doc, tokens ...int) *Doc {
	for _, k := range tokens {
		d.MarkNumber(k)
	}
	return d
}

// TestCompareFigures checks that figures are no evidence on their own: a
// template line whose figures differ is not copy, a line that keeps most
// of its figures is, and shingles of figures alone count for nothing.
func TestCompareFigures(t *testing.T) {
	// "exports rose to N mln crowns in the month from M mln a year earlier"
	row := func(n, m uint32) []uint32 { return []uint32{1, 2, 3, n, 4, 5, 6, 7, 8, 9, m, 4, 10, 11, 12} }
	dates := []uint32{100, 101, 102, 103, 104, 105}
	for _, tc := range []struct {
		name string
		a, b *Doc
		want int
	}{
		{"a template line with other figures", withNumbers(docOf(row(740, 712)), 3, 10), withNumbers(docOf(row(1241, 712)), 3, 10), 0},
		{"the same line, figures kept", withNumbers(docOf(row(740, 712)), 3, 10), withNumbers(docOf(row(740, 712)), 3, 10), 1},
		{"a header of dates alone", withNumbers(docOf(dates), 0, 1, 2, 3, 4, 5), withNumbers(docOf(dates), 0, 1, 2, 3, 4, 5), 0},
		{"the same figures unmarked are words", docOf(dates), docOf(dates), 1},
	} {
		c := NewComparer(DefaultParams(), false)
		c.SetA(tc.a)
		if got := len(c.Compare(tc.b).Matches); got != tc.want {
			t.Errorf("%s: %d matches, want %d", tc.name, got, tc.want)
		}
	}
}

func TestStoryRule(t *testing.T) {
	p := DefaultParams()
	for _, tc := range []struct {
		name string
		c    Comparison
		want bool
	}{
		{"a fifth of the shorter in two paragraphs", Comparison{SharedA: 40, TotalA: 200, SharedB: 40, TotalB: 400, ParasA: 2, ParasB: 2}, true},
		{"one background paragraph of ten", Comparison{SharedA: 45, TotalA: 450, SharedB: 45, TotalB: 450, ParasA: 1, ParasB: 1}, false},
		{"a roundup's one quoted lead, however large a share", Comparison{SharedA: 60, TotalA: 240, SharedB: 60, TotalB: 500, ParasA: 1, ParasB: 1}, false},
		{"two paragraphs but too little of either", Comparison{SharedA: 30, TotalA: 450, SharedB: 30, TotalB: 500, ParasA: 2, ParasB: 2}, false},
		{"a one-paragraph brief republished word for word", Comparison{SharedA: 40, CloseA: 40, TotalA: 40, SharedB: 40, CloseB: 40, TotalB: 120, ParasA: 1, ParasB: 1}, true},
		{"a brief's one stock sentence with the names changed", Comparison{SharedA: 30, CloseA: 0, TotalA: 40, SharedB: 30, CloseB: 0, TotalB: 45, ParasA: 1, ParasB: 1}, false},
		{"a roundup quoting most of a short story's lead, edited", Comparison{SharedA: 60, CloseA: 20, TotalA: 100, SharedB: 60, CloseB: 20, TotalB: 500, ParasA: 1, ParasB: 1}, false},
	} {
		if got := p.IsStory(&tc.c); got != tc.want {
			t.Errorf("%s: isStory = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestOrderedSim(t *testing.T) {
	for _, tc := range []struct {
		a, b []uint32
		want float32
	}{
		{[]uint32{1, 2, 3, 4}, []uint32{1, 2, 3, 4}, 1},
		{[]uint32{1, 2, 3, 4}, []uint32{2, 1, 3, 4}, 0.75}, // a swap: LCS 3
		{[]uint32{1, 2, 3, 4}, []uint32{1, 2, 9, 3, 4}, 8.0 / 9},
		{[]uint32{1, 2}, []uint32{3, 4}, 0},
		{nil, nil, 1},
	} {
		if got := orderedSim(tc.a, tc.b); got != tc.want {
			t.Errorf("orderedSim(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// smallWords turns bytes into words from an alphabet of eight, so that
// fuzzed sentences share words often.
func smallWords(b []byte) []uint32 {
	out := make([]uint32, len(b))
	for i, c := range b {
		out[i] = uint32(c%8) * 2654435761
	}
	return out
}

func FuzzOrderedSim(f *testing.F) {
	f.Add([]byte("abcd"), []byte("abxcd"))
	f.Add([]byte("abcabc"), []byte("cbacba"))
	f.Add([]byte(""), []byte("a"))
	f.Fuzz(func(t *testing.T, x, y []byte) {
		a, b := smallWords(x), smallWords(y)
		want := float32(1)
		if len(a)+len(b) > 0 {
			want = float32(2*lcs.Len(a, b)) / float32(len(a)+len(b))
		}
		if got := orderedSim(a, b); got != want {
			t.Fatalf("orderedSim(%v, %v) = %v, want %v", a, b, got, want)
		}
	})
}

// FuzzRelaxedPair checks that the shortcuts of relaxedPair (lengths, word
// signatures) never change relaxedMatch's answer on the sorted words.
func FuzzRelaxedPair(f *testing.F) {
	f.Add([]byte("abcdefg"), []byte("abcdefh"))
	f.Add([]byte("ab"), []byte("ba"))
	f.Add([]byte("abcabcab"), []byte("ccbbaa"))
	f.Fuzz(func(t *testing.T, x, y []byte) {
		a, b := smallWords(x), smallWords(y)
		if len(a) == 0 || len(b) == 0 {
			return // a sentence has words
		}
		c := NewComparer(DefaultParams(), true)
		var pa, pb prepared
		for _, w := range []struct {
			p     *prepared
			words []uint32
		}{{&pa, a}, {&pb, b}} {
			c.prepare(w.p, docOf(w.words))
		}
		sa, sb := slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b))
		want := relaxedMatch(sa, sb, dice(sa, sb))
		if got := relaxedPair(&pa, &pb, 0, 0); got != want {
			t.Fatalf("relaxedPair(%v, %v) = %v, relaxedMatch says %v", a, b, got, want)
		}
	})
}

// TestStrongLink checks which links of the story rule are strong: copy
// in more than one passage, not one verbatim passage and a templated
// sentence beside it.
func TestStrongLink(t *testing.T) {
	p := DefaultParams()
	sent := func(from uint32) []uint32 {
		s := make([]uint32, 10)
		for i := range s {
			s[i] = from + uint32(i)
		}
		return s
	}
	// Five one-sentence paragraphs of ten words each, on both sides.
	a := docOf(sent(0), sent(100), sent(200), sent(300), sent(400))
	b := docOf(sent(0), sent(100), sent(200), sent(300), sent(400))
	verbatim := func(i int32) SentMatch { return SentMatch{A: i, B: i, Sim: 1, Words: 10, Overlap: 1} }
	edited := func(i int32) SentMatch { return SentMatch{A: i, B: i, Sim: 0.75, Words: 10, Overlap: 0.3} }
	for _, tc := range []struct {
		name    string
		matches []SentMatch
		want    bool
	}{
		{"verbatim copy in two paragraphs", []SentMatch{verbatim(0), verbatim(3)}, true},
		{"one verbatim paragraph and one templated sentence", []SentMatch{verbatim(0), edited(1)}, false},
		{"one verbatim paragraph and a rewritten background of two", []SentMatch{verbatim(0), edited(1), edited(2)}, true},
		{"edited sentences alone, in two paragraphs", []SentMatch{edited(1), edited(2)}, false},
		{"edited copy in three paragraphs", []SentMatch{edited(1), edited(2), edited(4)}, true},
	} {
		var c Comparison
		c.Matches = tc.matches
		var marks []bool
		c.tally(a, b, &marks)
		if !p.IsStory(&c) {
			t.Errorf("%s: not a story at all", tc.name)
			continue
		}
		if got := p.IsStrong(&c, a, b); got != tc.want {
			t.Errorf("%s: strong = %v, want %v", tc.name, got, tc.want)
		}
	}
}
