package output

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/neardup/neardup/internal/lcs"
)

func TestWordDiff(t *testing.T) {
	for _, tc := range []struct {
		name           string
		earlier, later string
		want           []DiffOp
	}{
		{"equal", "The harbour flooded.", "The harbour flooded.", []DiffOp{{Op: "=", Text: "The harbour flooded."}}},
		{"case and punctuation ignored", "the harbour flooded", "The harbour flooded.", []DiffOp{{Op: "=", Text: "The harbour flooded."}}},
		{"word changed", "Forty homes were evacuated at dawn", "Forty houses were evacuated at dawn",
			[]DiffOp{{Op: "=", Text: "Forty"}, {Op: "-", Text: "homes"}, {Op: "+", Text: "houses"}, {Op: "=", Text: "were evacuated at dawn"}}},
		{"words inserted and deleted", "The sea wall was raised in 2019", "The wall was raised again in 2019",
			[]DiffOp{{Op: "=", Text: "The"}, {Op: "-", Text: "sea"}, {Op: "=", Text: "wall was raised"}, {Op: "+", Text: "again"}, {Op: "=", Text: "in 2019"}}},
		{"empty earlier", "", "New text", []DiffOp{{Op: "+", Text: "New text"}}},
		{"empty later", "Old text", "", []DiffOp{{Op: "-", Text: "Old text"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, WordDiff(tc.earlier, tc.later), cmpopts.IgnoreFields(DiffOp{}, "N")); diff != "" {
				t.Errorf("WordDiff (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzWordDiff checks that the script rebuilds both texts (up to spacing).
func FuzzWordDiff(f *testing.F) {
	f.Add("a b c", "a x c")
	f.Add("", "x")
	f.Add("Æble, pære.", "æble pære og blomme")
	f.Fuzz(func(t *testing.T, a, b string) {
		ops := WordDiff(a, b)
		var gotA, gotB []string
		for _, op := range ops {
			if op.Op != "+" {
				gotA = append(gotA, op.Text)
			}
			if op.Op != "-" {
				gotB = append(gotB, op.Text)
			}
		}
		// Kept words are shown as in the later text, so rebuild a only up to
		// the comparison keys.
		if w, g := appendKeys(nil, strings.Fields(a)), appendKeys(nil, strings.Fields(strings.Join(gotA, " "))); !cmp.Equal(w, g) {
			t.Fatalf("earlier text not rebuilt: %q vs %q", w, g)
		}
		if w, g := strings.Fields(b), strings.Fields(strings.Join(gotB, " ")); !cmp.Equal(w, g) {
			t.Fatalf("later text not rebuilt: %q vs %q", w, g)
		}
	})
}

// TestWordDiffIsShortest checks the script against the longest common
// subsequence computed by dynamic programming: kept words = LCS length.
func TestWordDiffIsShortest(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	vocab := strings.Fields("a b c d e f")
	for trial := 0; trial < 500; trial++ {
		var x, y []string
		for range r.IntN(15) {
			x = append(x, vocab[r.IntN(len(vocab))])
		}
		for range r.IntN(15) {
			y = append(y, vocab[r.IntN(len(vocab))])
		}
		kept := 0
		for _, op := range WordDiff(strings.Join(x, " "), strings.Join(y, " ")) {
			if op.Op == "=" {
				kept += op.N
			}
		}
		if want := lcs.Len(x, y); kept != want {
			t.Fatalf("%q → %q: kept %d words, LCS is %d", x, y, kept, want)
		}
	}
}

func BenchmarkWordDiff(b *testing.B) {
	earlier := strings.Repeat("Kommunen åbnede kort efter klokken to et midlertidigt opholdssted i byens idrætshal, hvor de evakuerede kunne få tørt tøj. ", 3)
	later := strings.Replace(strings.Replace(earlier, "kort efter", "lige efter", 1), "tørt tøj", "varm mad", 1)
	b.ReportAllocs()
	for b.Loop() {
		WordDiff(earlier, later)
	}
}

// FuzzDiffCounts checks the byte-trimmed diff against the full one: both
// are edit scripts between the same words, equally short.
func FuzzDiffCounts(f *testing.F) {
	f.Add("a b c", "a x c")
	f.Add("x y", "x y y")
	f.Add("Hej hej", "hej hej hej")
	f.Add("Vinden tog til i går.", "Vinden tog voldsomt til i nat.")
	f.Add("a\u00a0b c", "a\u00a0b d c")
	f.Fuzz(func(t *testing.T, a, b string) {
		var df differ
		full := df.diff(a, b, false)
		trimmed := df.diffCounts(a, b)
		count := func(ops []DiffOp) (kept, del, ins int) {
			for _, op := range ops {
				n := op.N
				if op.Op != "=" {
					n = len(strings.Fields(op.Text))
				}
				switch op.Op {
				case "=":
					kept += n
				case "-":
					del += n
				default:
					ins += n
				}
			}
			return kept, del, ins
		}
		_, d1, i1 := count(full)
		k2, d2, i2 := count(trimmed)
		na, nb := len(strings.Fields(a)), len(strings.Fields(b))
		if k2+d2 != na || k2+i2 != nb {
			t.Fatalf("trimmed script %v does not cover %d and %d words", trimmed, na, nb)
		}
		if d1+i1 != d2+i2 && na <= maxDiffWords && nb <= maxDiffWords {
			t.Fatalf("trimmed script changes %d words, full one %d:\n%v\n%v", d2+i2, d1+i1, trimmed, full)
		}
		for k := 1; k < len(trimmed); k++ {
			if trimmed[k].Op == trimmed[k-1].Op {
				t.Fatalf("runs not merged: %v", trimmed)
			}
		}
	})
}
