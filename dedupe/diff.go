package dedupe

import (
	"slices"
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

// lcsDiff appends the edit script from a to b (keys ka, kb): a shortest
// one, found by Myers' O((N+M)·D) greedy algorithm, which is fast for the
// few changes of edited copy. Deletions come before insertions.
func lcsDiff(a, b, ka, kb []string, ops []DiffOp) []DiffOp {
	n, m := len(ka), len(kb)
	if n+m == 0 {
		return ops
	}
	off := n + m
	v := make([]int, 2*off+2)
	var trace [][]int // trace[d] holds v[off-d-1 : off+d+2], the part step d reads
	for d := 0; d <= n+m; d++ {
		trace = append(trace, slices.Clone(v[off-d-1+boolInt(d == off):off+d+2]))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1] // down: an insertion
			} else {
				x = v[off+k-1] + 1 // right: a deletion
			}
			y := x - k
			for x < n && y < m && ka[x] == kb[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				return append(ops, backtrack(trace, a, b, off)...)
			}
		}
	}
	return ops // not reached: d = n+m always ends the search
}

// backtrack turns Myers' trace into the edit script, in order.
func backtrack(trace [][]int, a, b []string, off int) []DiffOp {
	var rev []DiffOp
	x, y := len(a), len(b)
	for d := len(trace) - 1; d >= 0; d-- {
		// trace[d] starts at index off-d-1 of v (off-d at d == off).
		base := d + 1 - boolInt(d == off)
		at := func(k int) int { return trace[d][base+k] }
		k := x - y
		prevK := k - 1
		if k == -d || (k != d && at(k-1) < at(k+1)) {
			prevK = k + 1
		}
		prevX := at(prevK)
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			rev = append(rev, DiffOp{Op: "=", Text: b[y-1]})
			x, y = x-1, y-1
		}
		if d > 0 {
			if x == prevX {
				rev = append(rev, DiffOp{Op: "+", Text: b[prevY]})
			} else {
				rev = append(rev, DiffOp{Op: "-", Text: a[prevX]})
			}
		}
		x, y = prevX, prevY
	}
	slices.Reverse(rev)
	return rev
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

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
