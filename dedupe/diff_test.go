package dedupe

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
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
		if w, g := diffKeys(strings.Fields(a)), diffKeys(strings.Fields(strings.Join(gotA, " "))); !cmp.Equal(w, g) {
			t.Fatalf("earlier text not rebuilt: %q vs %q", w, g)
		}
		if w, g := strings.Fields(b), strings.Fields(strings.Join(gotB, " ")); !cmp.Equal(w, g) {
			t.Fatalf("later text not rebuilt: %q vs %q", w, g)
		}
	})
}
