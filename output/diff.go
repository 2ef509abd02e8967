package output

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
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
func WordDiff(earlier, later string) []DiffOp { return new(differ).diff(earlier, later, true) }

// differ holds the scratch space of word diffs, reused between calls. Not
// safe for concurrent use.
type differ struct {
	a, b, ka, kb []string
	v, trace     []int // Myers' frontier, and each step's window of it, flat
	starts       []int // where each step's window begins in trace
	script       []byte
	words        []string
}

// diff is WordDiff; without keepText, kept runs carry only their word
// count N, which is all articles.jsonl needs, and cost no string building.
func (df *differ) diff(earlier, later string, keepText bool) []DiffOp {
	df.a, df.b = appendFields(df.a[:0], earlier), appendFields(df.b[:0], later)
	if len(df.a) > maxDiffWords || len(df.b) > maxDiffWords {
		return mergeOps([]DiffOp{{Op: "-", Text: earlier}, {Op: "+", Text: later}})
	}
	df.ka, df.kb = appendKeys(df.ka[:0], df.a), appendKeys(df.kb[:0], df.b)
	return df.diffKeys(keepText)
}

// diffCounts is diff without keepText. Edited copy is mostly the same
// bytes: the common prefix and suffix, cut at white space, are counted as
// kept words without being split into words, so only the changed middle
// costs a word split. The script is a shortest one, as diff's.
func (df *differ) diffCounts(earlier, later string) []DiffOp {
	pre, suf := commonAffixes(earlier, later)
	mid := df.diff(earlier[pre:len(earlier)-suf], later[pre:len(later)-suf], false)
	out := make([]DiffOp, 0, len(mid)+2)
	keep := func(n int) {
		switch k := len(out) - 1; {
		case n == 0:
		case k >= 0 && out[k].Op == "=":
			out[k].N += n
		default:
			out = append(out, DiffOp{Op: "=", N: n})
		}
	}
	keep(countFields(earlier[:pre]))
	for _, op := range mid {
		if op.Op == "=" {
			keep(op.N)
			continue
		}
		out = append(out, op)
	}
	keep(countFields(earlier[len(earlier)-suf:]))
	return out
}

// commonAffixes returns the byte lengths of the longest common prefix and
// suffix of a and b that end and start at ASCII white space (or the ends of
// the texts) in both, so that both split into the same whole words. They do
// not overlap.
func commonAffixes(a, b string) (pre, suf int) {
	n := min(len(a), len(b))
	for pre < n && a[pre] == b[pre] {
		pre++
	}
	space := func(c byte) bool { return c < utf8.RuneSelf && asciiSpace[c] }
	boundary := func(s string, i int) bool { return i == len(s) || space(s[i]) }
	for pre > 0 && !(boundary(a, pre) && boundary(b, pre)) {
		pre--
	}
	for suf < n-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	after := func(s string, i int) bool { return i == 0 || space(s[i-1]) }
	for suf > 0 && !(after(a, len(a)-suf) && after(b, len(b)-suf)) {
		suf--
	}
	return pre, suf
}

// countFields counts the white-space-separated words of s.
func countFields(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		space, size := spaceAt(s, i)
		if !space && !in {
			n++
		}
		in = !space
		i += size
	}
	return n
}

// asciiSpace marks the ASCII characters unicode.IsSpace accepts.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// spaceAt reports whether s has white space (as unicode.IsSpace) at byte
// i, and the byte size of the character there.
func spaceAt(s string, i int) (space bool, size int) {
	if c := s[i]; c < utf8.RuneSelf {
		return asciiSpace[c], 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r), size
}

// diffKeys finishes diff once the words (df.a, df.b) and their keys (df.ka,
// df.kb) are split.
func (df *differ) diffKeys(keepText bool) []DiffOp {
	a, b, ka, kb := df.a, df.b, df.ka, df.kb
	// Edited copy differs in a few words: keep the common prefix and
	// suffix out of the search.
	pre := 0
	for pre < len(ka) && pre < len(kb) && ka[pre] == kb[pre] {
		pre++
	}
	suf := 0
	for suf < len(ka)-pre && suf < len(kb)-pre && ka[len(ka)-1-suf] == kb[len(kb)-1-suf] {
		suf++
	}
	script := df.script[:0]
	for range pre {
		script = append(script, '=')
	}
	script = df.myers(ka[pre:len(ka)-suf], kb[pre:len(kb)-suf], script)
	for range suf {
		script = append(script, '=')
	}
	df.script = script
	return df.runs(script, a, b, keepText)
}

// runs turns an edit script ('=', '-', '+' per word) into runs.
func (df *differ) runs(script []byte, a, b []string, keepText bool) []DiffOp {
	var out []DiffOp
	i, j := 0, 0
	for k := 0; k < len(script); {
		op := script[k]
		n := 0
		df.words = df.words[:0]
		for ; k < len(script) && script[k] == op; k++ {
			n++
			switch op {
			case '=':
				if keepText {
					df.words = append(df.words, b[j])
				}
				i, j = i+1, j+1
			case '-':
				df.words = append(df.words, a[i])
				i++
			default:
				df.words = append(df.words, b[j])
				j++
			}
		}
		// Join copies: a single word would be a substring of, and keep alive,
		// the whole body the diff was computed from.
		text := strings.Join(df.words, " ")
		if len(df.words) == 1 {
			text = strings.Clone(text)
		}
		out = append(out, DiffOp{Op: opNames[op], Text: text, N: n})
	}
	return out
}

var opNames = map[byte]string{'=': "=", '-': "-", '+': "+"}

// myers appends the edit script from a to b ('=' kept, '-' deleted, '+'
// inserted, one byte a word): a shortest one, found by Myers' O((N+M)·D)
// greedy algorithm, fast for the few changes of edited copy. Deletions come
// before insertions.
func (df *differ) myers(a, b []string, script []byte) []byte {
	n, m := len(a), len(b)
	if n+m == 0 {
		return script
	}
	off := n + m
	df.v = slices.Grow(df.v[:0], 2*off+2)[:2*off+2]
	clear(df.v)
	v := df.v
	df.trace, df.starts = df.trace[:0], df.starts[:0]
	for d := 0; d <= n+m; d++ {
		// Keep v[off-d-1 : off+d+2], the part step d reads, for backtracking.
		df.starts = append(df.starts, len(df.trace))
		df.trace = append(df.trace, v[off-d-1+boolInt(d == off):off+d+2]...)
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1] // down: an insertion
			} else {
				x = v[off+k-1] + 1 // right: a deletion
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				return df.backtrack(d, n, m, off, script)
			}
		}
	}
	return script // not reached: d = n+m always ends the search
}

// backtrack turns Myers' trace, from step last down, into the edit script
// and appends it.
func (df *differ) backtrack(last, n, m, off int, script []byte) []byte {
	start := len(script)
	x, y := n, m
	for d := last; d >= 0; d-- {
		// Step d's window starts at index off-d-1 of v (off-d at d == off).
		base := df.starts[d] + d + 1 - boolInt(d == off)
		at := func(k int) int { return df.trace[base+k] }
		k := x - y
		prevK := k - 1
		if k == -d || (k != d && at(k-1) < at(k+1)) {
			prevK = k + 1
		}
		prevX := at(prevK)
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			script = append(script, '=')
			x, y = x-1, y-1
		}
		if d > 0 {
			if x == prevX {
				script = append(script, '+')
			} else {
				script = append(script, '-')
			}
		}
		x, y = prevX, prevY
	}
	slices.Reverse(script[start:])
	return script
}

// appendFields appends the white-space-separated words of s to dst.
func appendFields(dst []string, s string) []string {
	start := -1
	for i := 0; i < len(s); {
		space, size := spaceAt(s, i)
		switch {
		case space && start >= 0:
			dst = append(dst, s[start:i])
			start = -1
		case !space && start < 0:
			start = i
		}
		i += size
	}
	if start >= 0 {
		dst = append(dst, s[start:])
	}
	return dst
}

// appendKeys appends the comparison keys of words to dst: each word lower
// case, its outer punctuation off.
func appendKeys(dst []string, words []string) []string {
	for _, w := range words {
		if !asciiAlnum(w[0]) || !asciiAlnum(w[len(w)-1]) {
			w = strings.TrimFunc(w, func(r rune) bool {
				return !unicode.IsLetter(r) && !unicode.IsDigit(r)
			})
		}
		if hasUpper(w) {
			w = strings.ToLower(w)
		}
		dst = append(dst, w)
	}
	return dst
}

// asciiAlnum reports whether c is an ASCII letter or digit.
func asciiAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// hasUpper reports whether s has an upper-case letter (ToLower would
// change it); most words have none, and then need no copy.
func hasUpper(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf {
			return true // leave non-ASCII to ToLower
		}
		if 'A' <= r && r <= 'Z' {
			return true
		}
	}
	return false
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
