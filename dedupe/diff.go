package dedupe

import (
	"strings"
	"unicode"
)

// DiffOp is one run of a word diff: words kept ("="), deleted ("-", only in
// the earlier text) or inserted ("+", only in the later one). Text holds
// the run's words, separated by single spaces; N counts them.
type DiffOp struct {
	Op   string `json:"op"`
	Text string `json:"text,omitempty"`
	N    int    `json:"n,omitempty"`
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
		return mergeOps([]DiffOp{{Op: "-", Text: earlier}, {Op: "+", Text: later}})
	}
	ka, kb := diffKeys(a), diffKeys(b)
	// Edited copy differs in a few words: keep the common prefix and
	// suffix out of the quadratic part.
	pre := 0
	for pre < len(ka) && pre < len(kb) && ka[pre] == kb[pre] {
		pre++
	}
	suf := 0
	for suf < len(ka)-pre && suf < len(kb)-pre && ka[len(ka)-1-suf] == kb[len(kb)-1-suf] {
		suf++
	}
	var ops []DiffOp
	for _, w := range b[:pre] {
		ops = append(ops, DiffOp{Op: "=", Text: w})
	}
	ops = lcsDiff(a[pre:len(a)-suf], b[pre:len(b)-suf], ka[pre:len(ka)-suf], kb[pre:len(kb)-suf], ops)
	for _, w := range b[len(b)-suf:] {
		ops = append(ops, DiffOp{Op: "=", Text: w})
	}
	return mergeOps(ops)
}

// lcsDiff appends the edit script from a to b (keys ka, kb) by longest
// common subsequence, deletions before insertions.
func lcsDiff(a, b, ka, kb []string, ops []DiffOp) []DiffOp {
	w := len(b) + 1
	// lcs[i*w+j] is the LCS length of a[i:] and b[j:].
	lcs := make([]int32, (len(a)+1)*w)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if ka[i] == kb[j] {
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			} else {
				lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && ka[i] == kb[j]:
			ops = append(ops, DiffOp{Op: "=", Text: b[j]})
			i, j = i+1, j+1
		case i < len(a) && (j == len(b) || lcs[(i+1)*w+j] >= lcs[i*w+j+1]):
			ops = append(ops, DiffOp{Op: "-", Text: a[i]}) // deletions before insertions
			i++
		default:
			ops = append(ops, DiffOp{Op: "+", Text: b[j]})
			j++
		}
	}
	return ops
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

// mergeOps joins consecutive runs of the same operation (each op holds one
// or more words) and drops empty ones, counting the words of each run.
func mergeOps(ops []DiffOp) []DiffOp {
	var out []DiffOp
	var words []string
	flush := func(op string) {
		if len(words) > 0 {
			out = append(out, DiffOp{Op: op, Text: strings.Join(words, " "), N: len(words)})
			words = words[:0]
		}
	}
	cur := ""
	for _, op := range ops {
		if op.Text == "" {
			continue
		}
		if op.Op != cur {
			flush(cur)
			cur = op.Op
		}
		if strings.ContainsAny(op.Text, " \t\n\r") {
			words = append(words, strings.Fields(op.Text)...)
		} else {
			words = append(words, op.Text) // WordDiff's ops are single words
		}
	}
	flush(cur)
	return out
}
