package dedupe

import (
	"strings"
	"unicode"
)

// DiffOp is one run of a word diff: words kept ("="), deleted ("-", only in
// the earlier text) or inserted ("+", only in the later one).
type DiffOp struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// maxDiffWords bounds the texts WordDiff aligns word by word; longer ones
// are shown as one deletion and one insertion.
const maxDiffWords = 2000

// WordDiff returns the word-level difference from an earlier text to a
// later one: a shortest edit script by longest common subsequence, where
// words are equal when they agree ignoring case and surrounding
// punctuation. Runs of the same operation are merged, words joined by one
// space.
func WordDiff(earlier, later string) []DiffOp {
	a, b := strings.Fields(earlier), strings.Fields(later)
	if len(a) > maxDiffWords || len(b) > maxDiffWords {
		return mergeOps([]DiffOp{{"-", earlier}, {"+", later}})
	}
	ka, kb := diffKeys(a), diffKeys(b)
	// lcs[i][j] is the LCS length of a[i:] and b[j:].
	lcs := make([][]int32, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if ka[i] == kb[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []DiffOp
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && ka[i] == kb[j]:
			ops = append(ops, DiffOp{"=", b[j]})
			i, j = i+1, j+1
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, DiffOp{"-", a[i]}) // deletions before insertions
			i++
		default:
			ops = append(ops, DiffOp{"+", b[j]})
			j++
		}
	}
	return mergeOps(ops)
}

// diffKeys folds words for comparison: lower case, outer punctuation off.
func diffKeys(words []string) []string {
	keys := make([]string, len(words))
	for i, w := range words {
		keys[i] = strings.ToLower(strings.TrimFunc(w, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}))
	}
	return keys
}

// mergeOps joins consecutive runs of the same operation and drops empty
// ones.
func mergeOps(ops []DiffOp) []DiffOp {
	var out []DiffOp
	for _, op := range ops {
		if op.Text == "" {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Op == op.Op {
			out[n-1].Text += " " + op.Text
			continue
		}
		out = append(out, op)
	}
	return out
}
