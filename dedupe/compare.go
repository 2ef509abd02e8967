package dedupe

import (
	"cmp"
	"slices"
	"sync"

	"github.com/neardup/neardup/text"
)

// SentMatch pairs sentence A of one article with sentence B of another.
type SentMatch struct {
	A, B int32
	// Sim is 1 for verbatim copy (the same words in the same order) and
	// lower for edited copy: 2·LCS/(|A|+|B|) over the words, in alignment
	// within a story; 1 in the strict comparison of the story rule.
	Sim float32
	// Words is how many words of each sentence the match counts as shared
	// copy: the shorter sentence's length. A short sentence found inside a
	// long one credits the long one with its own words, not all of them.
	Words int32
	// Overlap is the share of the larger sentence's shingles that the two
	// share: 1 for verbatim copy, lower for edited or contained copy.
	Overlap float32
}

// Comparison is what two articles share, sentence by sentence.
type Comparison struct {
	Matches []SentMatch // sorted by A, then B
	// SharedA and SharedB count the words of each article's text paragraphs
	// that are matched copy (SentMatch.Words: a short sentence inside a long
	// one counts its own length on both sides); TotalA and TotalB count all
	// the words of its text paragraphs.
	SharedA, SharedB, TotalA, TotalB int
	// ParasA and ParasB count the distinct paragraphs that hold matches.
	ParasA, ParasB int
	// CloseA and CloseB count the shared words (as SharedA and SharedB) of
	// the matches that are close to verbatim (Overlap ≥ closeOverlap), and
	// CloseParasA and CloseParasB the paragraphs that hold such matches.
	CloseA, CloseB           int
	CloseParasA, CloseParasB int
}

// closeOverlap is the shingle overlap at which a match is close to verbatim
// copy: a few words edited in a long sentence, not a stock sentence whose
// names and figures changed.
const closeOverlap = 0.8

// editedSim is the word similarity (2·LCS/(|a|+|b|)) at which a sentence
// pair that shares too few shingles to match strictly still counts as
// edited copy in the story rule.
const editedSim = 0.7

// minEditedWords is the length a sentence needs on both sides for edited
// copy to count in the story rule: in a short sentence a changed word
// leaves stock phrasing ("police said on Monday"), not copy.
const minEditedWords = 8

// CoverA is the fraction of A's text that is shared copy.
func (c *Comparison) CoverA() float64 { return ratio(c.SharedA, c.TotalA) }

// CoverB is the fraction of B's text that is shared copy.
func (c *Comparison) CoverB() float64 { return ratio(c.SharedB, c.TotalB) }

// Similarity is the share of the two articles' text that is shared copy:
// (SharedA + SharedB) / (TotalA + TotalB).
func (c *Comparison) Similarity() float64 {
	return ratio(c.SharedA+c.SharedB, c.TotalA+c.TotalB)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Comparer compares one article A with many others by the sentence rule
// (see the package doc); it keeps A's shingle table and scratch space
// between calls. Not safe for concurrent use: one per goroutine.
type Comparer struct {
	p       Params
	k       int  // shingle size for finding sentence pairs
	relaxed bool // also match edited and short sentences (alignment within a story)
	// mask, when set, hides the paragraphs with these Folds from comparison.
	mask map[uint64]bool

	a     *prepared  // the current A
	aPrep prepared   // A, when set by SetA
	bPrep prepared   // B, when given to Compare
	preps []prepared // the versions of the story being aligned
	// paraMatches and sentSim are the aligner's scratch for a story's
	// paragraph matches and sentence similarities; arena holds what it
	// keeps.
	paraMatches  []paraEntry[ParaMatch]
	sentSim      []float32
	rank         []int32
	arena        alignArena
	err          error        // the first failure to read words back; comparisons after it find nothing
	table        shingleTable // A's sentence shingles
	sizes        []int32      // distinct shingles per sentence of A
	counts       []int32      // per sentence of A: shingles shared with the current B sentence
	seen         []uint32     // per table entry: the B sentence (stamp) that last counted it
	stamp        uint32
	marks        []bool // scratch for tally
	touched      []int32
	cands        []sentCand // scratch: the sentence pairs that pass, before one-to-one
	edited       []sentCand // scratch: one B sentence's near misses, tried as edited copy
	left         []int32    // scratch: per sentence of A, then B, its words not yet matched
	numsA, numsB []uint32   // scratch: the figures of two sentences
	// exact maps, for the current A, a sentence's wordsHash to its
	// sentences, built when a comparison first needs it (identicalOnly);
	// exactRank counts per hash the sentences of the current B so
	// matched. repetitive counts them over the comparer's life.
	exact      map[uint64][]int32
	exactRank  map[uint64]int32
	repetitive int
}

// sentCand is a sentence pair that passes the sentence rule: sim is its
// word similarity (1 in the strict comparison), overlap the share of the
// larger sentence's shingles that the two share, words the shorter
// sentence's length.
type sentCand struct {
	a, b         int32
	sim, overlap float32
	words        int32
}

// comparers makes the comparers of a parallel stage, one per worker, and
// tells afterwards the first word read any of them failed.
type comparers struct {
	mu  sync.Mutex
	all []*Comparer
}

func (cs *comparers) new(p Params, relaxed bool) *Comparer {
	c := NewComparer(p, relaxed)
	cs.mu.Lock()
	cs.all = append(cs.all, c)
	cs.mu.Unlock()
	return c
}

// err returns the first error of a comparer made by cs, after the stage.
func (cs *comparers) err() error {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	for _, c := range cs.all {
		if c.err != nil {
			return c.err
		}
	}
	return nil
}

// NewComparer returns a Comparer by p. relaxed also matches edited and
// short sentences (by word similarity), as the alignment within a story
// does; the story rule (Params.IsStory) is judged on strict comparisons.
func NewComparer(p Params, relaxed bool) *Comparer {
	k := p.ShingleSize
	if relaxed {
		k = min(k, 2)
	}
	return &Comparer{p: p, k: k, relaxed: relaxed}
}

// SetA makes a the left side of the next comparisons.
func (c *Comparer) SetA(a *Doc) {
	c.prepare(&c.aPrep, a)
	c.setPrepared(&c.aPrep)
}

// setPrepared makes a, prepared by c, the left side of the next
// comparisons: it indexes a's sentence shingles.
func (c *Comparer) setPrepared(a *prepared) {
	c.a = a
	n := len(a.doc.Sents)
	c.table.reset(len(a.tokens))
	c.sizes = slices.Grow(c.sizes[:0], n)[:n]
	clear(c.sizes)
	c.counts = slices.Grow(c.counts[:0], n)[:n]
	clear(c.counts)
	for i := range n {
		for _, h := range a.sentShingles(i) {
			if c.table.add(h, int32(i)) {
				c.sizes[i]++
			}
		}
	}
	c.seen = slices.Grow(c.seen[:0], len(c.table.refs))[:len(c.table.refs)]
	clear(c.seen)
	c.stamp = 0
	c.exact = nil
}

// sentShingles appends to dst the shingles of sentence i of d, or none
// when the sentence is not in a textual paragraph (or is masked). Repeats
// are left in: the table drops them on A's side and entry stamps on B's,
// which is cheaper than a sort per sentence.
func (c *Comparer) sentShingles(d *Doc, tokens []uint32, i int, dst []uint64) []uint64 {
	if p := d.Paras[d.SentPara(i)]; !p.Textual() || c.mask[p.Fold] {
		return dst
	}
	start, end := d.Sents[i].Start, d.SentEnd(i)
	from := len(dst)
	dst = Shingles(tokens[start:end], c.k, c.p.Seed, dst)
	if d.Numbers == nil {
		return dst
	}
	// A shingle of figures alone ("04/09/87 03/09/87 02/09/87", "740 vs
	// 740") is no evidence of copy: two tables of one day share it.
	out := dst[:from]
	for p, h := range dst[from:] {
		numeric := true
		for k := start + int32(p); k < min(start+int32(p+c.k), end); k++ {
			numeric = numeric && d.IsNumber(int(k))
		}
		if !numeric {
			out = append(out, h)
		}
	}
	return out
}

// numbersAgree reports whether sentences i of a and j of b, when both hold
// figures, share more than half of the fewer figures: a template line with
// other figures ("Exports at 740, vs 712" / "Exports at 1,241, vs 712") is
// not copy, while a republish that edits one figure of four still is.
func (c *Comparer) numbersAgree(a, b *prepared, i, j int) bool {
	c.numsA = a.doc.sentNumbers(a.tokens, i, c.numsA[:0])
	if len(c.numsA) == 0 {
		return true
	}
	c.numsB = b.doc.sentNumbers(b.tokens, j, c.numsB[:0])
	if len(c.numsB) == 0 {
		return true
	}
	slices.Sort(c.numsA)
	slices.Sort(c.numsB)
	return 2*commonSorted(c.numsA, c.numsB) > min(len(c.numsA), len(c.numsB))
}

// Compare returns what the current A shares with b.
func (c *Comparer) Compare(b *Doc) Comparison {
	c.prepare(&c.bPrep, b)
	return c.comparePrepared(&c.bPrep)
}

// wordsOf returns d's words, read into *buf (nil for a fresh one) when
// they wait on disk; *buf keeps the grown buffer, but never a Doc's own
// Tokens. A failed read is kept in c.err and gives no words.
func (c *Comparer) wordsOf(d *Doc, buf *[]uint32) []uint32 {
	var scratch []uint32
	if buf != nil {
		scratch = (*buf)[:0]
	}
	tokens, err := d.words(scratch)
	if err != nil {
		c.err = cmp.Or(c.err, err)
	}
	if buf != nil && d.Tokens == nil && tokens != nil {
		*buf = tokens[:0]
	}
	return tokens
}

// comparePrepared returns what the current A shares with b, prepared by c.
func (c *Comparer) comparePrepared(b *prepared) Comparison {
	var res Comparison
	a := c.a
	if a.tokens == nil || b.tokens == nil {
		res.tally(a.doc, b.doc, &c.marks) // unreadable words (c.err says why): nothing shared
		return res
	}
	c.exactRank = nil
	for j := range b.doc.Sents {
		shingles := b.sentShingles(j)
		if len(shingles) == 0 {
			continue
		}
		if !c.countShared(shingles) {
			c.identicalOnly(a, b, j)
			continue
		}
		strictFound := false
		c.edited = c.edited[:0]
		for _, i := range c.touched {
			shared := c.counts[i]
			c.counts[i] = 0
			larger := max(c.sizes[i], int32(len(shingles)))
			strict := shared >= 2 && 2*shared >= min(c.sizes[i], int32(len(shingles)))
			sim := float32(1)
			switch {
			case c.relaxed:
				if !strict && !relaxedPair(a, b, int(i), j) {
					continue
				}
				sim = orderedSim(sentWords(a.doc, a.tokens, int(i)), sentWords(b.doc, b.tokens, j))
			case !strict:
				if min(a.doc.SentLen(int(i)), b.doc.SentLen(j)) >= minEditedWords {
					c.edited = append(c.edited, sentCand{a: i, b: int32(j), overlap: float32(shared) / float32(larger)})
				}
				continue
			}
			if !c.relaxed && !c.numbersAgree(a, b, int(i), j) {
				continue // the story rule takes figures as part of the copy
			}
			strictFound = true
			words := int32(min(a.doc.SentLen(int(i)), b.doc.SentLen(j)))
			c.cands = append(c.cands, sentCand{a: i, b: int32(j), sim: sim, overlap: float32(shared) / float32(larger), words: words})
		}
		if !strictFound && len(c.edited) > 0 {
			c.editedMatch(a, b)
		}
	}
	res.Matches = c.oneToOne(res.Matches, a.doc, b.doc)
	res.tally(a.doc, b.doc, &c.marks)
	return res
}

// maxEditedTries is how many sentences of A, those sharing most shingles
// with it, a sentence of B without a strict match is tried against as
// edited copy: the word similarity costs |a|·|b|, and in text of a tiny
// vocabulary every sentence of B meets hundreds of A's.
const maxEditedTries = 4

// editedMatch tries the sentences of A in c.edited (one sentence of B's
// near misses, overlap set) as edited copy of it, most overlap first, and
// keeps those that pass. An edited sentence (a few words changed in each
// stretch) keeps few shingles but most words in order: copy for the story
// rule, though never close to verbatim (its overlap is under one half).
func (c *Comparer) editedMatch(a, b *prepared) {
	ed := c.edited
	slices.SortFunc(ed, func(x, y sentCand) int { return cmp.Or(cmp.Compare(y.overlap, x.overlap), cmp.Compare(x.a, y.a)) })
	for _, cd := range ed[:min(len(ed), maxEditedTries)] {
		i, j := int(cd.a), int(cd.b)
		if !relaxedPair(a, b, i, j) {
			continue
		}
		sim := orderedSim(sentWords(a.doc, a.tokens, i), sentWords(b.doc, b.tokens, j))
		if sim < editedSim || !c.numbersAgree(a, b, i, j) {
			continue
		}
		cd.sim, cd.words = sim, int32(min(a.doc.SentLen(i), b.doc.SentLen(j)))
		c.cands = append(c.cands, cd)
	}
}

// maxShingleSents is the most sentences of A one shingle is looked up in.
// A shingle found in more is no evidence of copy in this pair (text with a
// tiny vocabulary, a row template repeated down a long table), and looking
// it up in all of them made the comparison quadratic: two identical
// articles of 25,000 sentences over 20 words took minutes.
const maxShingleSents = 32

// countShared counts, per sentence of A, the shingles it shares with one
// sentence of B (c.counts, the sentences in c.touched), and reports false,
// with nothing counted, when one of them is in more than maxShingleSents
// sentences of A.
func (c *Comparer) countShared(shingles []uint64) bool {
	c.touched = c.touched[:0]
	c.stamp++ // a B shingle repeated in its sentence must not count twice
	for _, h := range shingles {
		n := 0
		for e := c.table.first(h); e >= 0; e = c.table.next(e, h) {
			if n++; n > maxShingleSents {
				for _, i := range c.touched {
					c.counts[i] = 0
				}
				c.touched = c.touched[:0]
				return false
			}
			if c.seen[e] == c.stamp {
				continue
			}
			c.seen[e] = c.stamp
			i := c.table.refs[e].sent
			if c.counts[i] == 0 {
				c.touched = append(c.touched, i)
			}
			c.counts[i]++
		}
	}
	return true
}

// identicalOnly matches sentence j of b, whose shingles are too common in
// A to look up, only to a sentence of A with the same words: the r-th copy
// of a sentence in B to its r-th copy in A, so the cost is linear however
// often the sentence repeats. Edited copy of such a sentence is not found;
// c.repetitive counts the sentences so compared (see Story.Repetitive).
func (c *Comparer) identicalOnly(a, b *prepared, j int) {
	c.repetitive++
	if c.exact == nil {
		c.exact = map[uint64][]int32{}
		for i := range a.doc.Sents {
			if len(a.sentShingles(i)) > 0 {
				h := wordsHash(sentWords(a.doc, a.tokens, i))
				c.exact[h] = append(c.exact[h], int32(i))
			}
		}
	}
	if c.exactRank == nil {
		c.exactRank = map[uint64]int32{}
	}
	words := sentWords(b.doc, b.tokens, j)
	h := wordsHash(words)
	r := c.exactRank[h]
	c.exactRank[h]++
	if same := c.exact[h]; int(r) < len(same) {
		i := same[r]
		if slices.Equal(sentWords(a.doc, a.tokens, int(i)), words) {
			c.cands = append(c.cands, sentCand{a: i, b: int32(j), sim: 1, overlap: 1, words: int32(len(words))})
		}
	}
}

// wordsHash hashes a word sequence (FNV-1a over the word hashes).
func wordsHash(ws []uint32) uint64 {
	h := uint64(14695981039346656037)
	for _, w := range ws {
		h = (h ^ uint64(w)) * 1099511628211
	}
	return h
}

// oneToOne keeps, of the candidate sentence pairs, an alignment in which
// every word of A and of B is matched at most once, and appends it to dst,
// sorted by A, then B. Each sentence has its length in words to give; a
// match takes the shorter sentence's length from both, and is kept only
// while both have that much left, the most similar pairs first (word
// similarity, then shingle overlap, then position order). So a sentence
// repeated in one version (a template row, a second ad line) matches its
// counterpart once, not every copy of it, while a long sentence can still
// hold several short ones that were split out of it.
func (c *Comparer) oneToOne(dst []SentMatch, a, b *Doc) []SentMatch {
	cands := c.cands
	c.cands = cands[:0]
	na, nb := len(a.Sents), len(b.Sents)
	n := na + nb
	c.marks = slices.Grow(c.marks[:0], n)[:n]
	usedA, usedB := c.marks[:na], c.marks[na:]
	conflict := false
	for _, cd := range cands {
		if usedA[cd.a] || usedB[cd.b] {
			conflict = true
		}
		usedA[cd.a], usedB[cd.b] = true, true
	}
	clear(c.marks)
	if !conflict {
		for _, cd := range cands {
			dst = append(dst, SentMatch{A: cd.a, B: cd.b, Sim: cd.sim, Words: cd.words, Overlap: cd.overlap})
		}
		return sortMatches(dst)
	}
	slices.SortFunc(cands, func(x, y sentCand) int {
		return cmp.Or(cmp.Compare(y.sim, x.sim), cmp.Compare(y.overlap, x.overlap),
			cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
	})
	c.left = slices.Grow(c.left[:0], n)[:n]
	leftA, leftB := c.left[:na], c.left[na:]
	for _, cd := range cands {
		leftA[cd.a], leftB[cd.b] = int32(a.SentLen(int(cd.a))), int32(b.SentLen(int(cd.b)))
	}
	for _, cd := range cands {
		if leftA[cd.a] < cd.words || leftB[cd.b] < cd.words {
			continue
		}
		leftA[cd.a] -= cd.words
		leftB[cd.b] -= cd.words
		dst = append(dst, SentMatch{A: cd.a, B: cd.b, Sim: cd.sim, Words: cd.words, Overlap: cd.overlap})
	}
	return sortMatches(dst)
}

// sortMatches sorts sentence matches by A, then B.
func sortMatches(ms []SentMatch) []SentMatch {
	slices.SortFunc(ms, func(x, y SentMatch) int { return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B)) })
	return ms
}

// relaxedPair is relaxedMatch on sentence i of a and sentence j of b,
// sorting their words only when the lengths leave the answer open.
func relaxedPair(a, b *prepared, i, j int) bool {
	wa, wb := sentWords(a.doc, a.tokens, i), sentWords(b.doc, b.tokens, j)
	if slices.Equal(wa, wb) {
		return len(wa) > 0 // equal in order, so equal sorted
	}
	la, lb := len(wa), len(wb)
	if la != lb { // cannot be equal sorted: only Dice can accept
		if la < 3 || lb < 3 || float32(2*min(la, lb))/float32(la+lb) < 0.7 {
			return false // Dice ≤ 2·min/(|a|+|b|)
		}
	}
	// Dice counts the words the two have in common, at most the words of
	// a whose bit is in b's signature.
	inB, sig := 0, b.sigs[j]
	for _, w := range wa {
		if sig&wordBit(w) != 0 {
			inB++
		}
	}
	if float32(2*inB)/float32(la+lb) < 0.7 {
		return false // not equal sorted either: some word of a is not in b
	}
	sa, sb := a.sortedWords(i), b.sortedWords(j)
	return relaxedMatch(sa, sb, dice(sa, sb))
}

// relaxedMatch accepts, within a story, a sentence pair that is word for
// word the same, however short, or whose words overlap by Dice ≥ 0.7 with at
// least three words on each side (an edited sentence).
func relaxedMatch(a, b []uint32, sim float32) bool {
	if slices.Equal(a, b) {
		return len(a) > 0
	}
	return sim >= 0.7 && len(a) >= 3 && len(b) >= 3
}

// tally fills the word and paragraph counts from the matches; marks is
// scratch space.
func (r *Comparison) tally(a, b *Doc, marks *[]bool) {
	r.TotalA, r.TotalB = a.TextWords(), b.TextWords()
	na, nb := len(a.Paras), len(b.Paras)
	n := 2*na + 2*nb
	*marks = slices.Grow((*marks)[:0], n)[:n]
	parasA, rest := (*marks)[:na], (*marks)[na:]
	closeA, rest := rest[:na], rest[na:]
	parasB, closeB := rest[:nb], rest[nb:]
	for _, m := range r.Matches {
		close := m.Overlap >= closeOverlap
		pa, pb := a.SentPara(int(m.A)), b.SentPara(int(m.B))
		countPara(parasA, pa, &r.ParasA)
		countPara(parasB, pb, &r.ParasB)
		if close {
			countPara(closeA, pa, &r.CloseParasA)
			countPara(closeB, pb, &r.CloseParasB)
		}
		if a.Paras[pa].Kind == text.KindText {
			r.SharedA += int(m.Words)
			if close {
				r.CloseA += int(m.Words)
			}
		}
		if b.Paras[pb].Kind == text.KindText {
			r.SharedB += int(m.Words)
			if close {
				r.CloseB += int(m.Words)
			}
		}
	}
	clear(*marks)
}

// countPara counts paragraph p in *n the first time it is seen.
func countPara(seen []bool, p int32, n *int) {
	if !seen[p] {
		seen[p] = true
		*n++
	}
}

// dice is 2|a∩b| / (|a|+|b|) for sorted multisets.
func dice(a, b []uint32) float32 {
	if len(a)+len(b) == 0 {
		return 0
	}
	return float32(2*commonSorted(a, b)) / float32(len(a)+len(b))
}

// commonSorted counts the elements two sorted multisets have in common.
func commonSorted[T cmp.Ordered](a, b []T) int {
	i, j, n := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

// shingleTable maps shingle hashes to the sentences holding them: an
// open-addressing table of chain heads over a slice of entries.
type shingleTable struct {
	slots []int32 // head entry per slot, −1 when free
	refs  []shingleRef
	mask  uint64
}

// shingleRef is one (shingle, sentence) entry; next chains entries that
// share a slot.
type shingleRef struct {
	hash       uint64
	sent, next int32
}

// reset empties the table and sizes it for about n entries.
func (t *shingleTable) reset(n int) {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	if cap(t.slots) < size {
		t.slots = make([]int32, size)
	}
	t.slots = t.slots[:size]
	for i := range t.slots {
		t.slots[i] = -1
	}
	t.refs = t.refs[:0]
	t.mask = uint64(size - 1)
}

// add records that sentence sent holds shingle h, and reports false when
// it already did. Sentences are added in order, so the current sentence's
// entries lead every chain and the check stops at the first older one.
func (t *shingleTable) add(h uint64, sent int32) bool {
	slot := h & t.mask
	for e := t.slots[slot]; e >= 0 && t.refs[e].sent == sent; e = t.refs[e].next {
		if t.refs[e].hash == h {
			return false
		}
	}
	t.refs = append(t.refs, shingleRef{hash: h, sent: sent, next: t.slots[slot]})
	t.slots[slot] = int32(len(t.refs) - 1)
	return true
}

// first returns the first entry for h, or −1.
func (t *shingleTable) first(h uint64) int32 { return t.skip(t.slots[h&t.mask], h) }

// next returns the entry after e for h, or −1.
func (t *shingleTable) next(e int32, h uint64) int32 { return t.skip(t.refs[e].next, h) }

// skip follows the chain from e to the first entry whose hash is h.
func (t *shingleTable) skip(e int32, h uint64) int32 {
	for e >= 0 && t.refs[e].hash != h {
		e = t.refs[e].next
	}
	return e
}

// orderedSim is 2·LCS(a, b)/(|a|+|b|) over two word sequences: 1 exactly
// when they are equal, and lower for each word changed, added, dropped or
// moved.
func orderedSim(a, b []uint32) float32 {
	if slices.Equal(a, b) {
		return 1 // most copy is verbatim
	}
	n := len(a) + len(b)
	// LCS(a, b) is the common prefix and suffix plus the LCS of the rest.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	a, b = a[pre:], b[pre:]
	suf := 0
	for suf < len(a) && suf < len(b) && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	a, b = a[:len(a)-suf], b[:len(b)-suf]
	if len(b) > len(a) {
		a, b = b, a
	}
	var buf [128]int32
	var row []int32
	if len(b)+1 > len(buf) {
		row = make([]int32, len(b)+1)
	} else {
		row = buf[:len(b)+1]
	}
	for _, x := range a {
		prev := int32(0) // row[j-1] of the previous pass
		for j, y := range b {
			cur := row[j+1]
			if x == y {
				row[j+1] = prev + 1
			} else if row[j] > row[j+1] {
				row[j+1] = row[j]
			}
			prev = cur
		}
	}
	return float32(2*(pre+int(row[len(b)])+suf)) / float32(n)
}
