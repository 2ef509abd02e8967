package dedupe

import "slices"

// prepared is one article's words made ready for comparison by a comparer:
// its sentences' shingles, computed once however many comparisons the
// article takes part in, and, for the word similarity of edited
// sentences, each sentence's words sorted the first time a comparison
// needs them.
type prepared struct {
	doc      *Doc
	tokens   []uint32 // the words; nil when unreadable (then nothing is shared)
	buf      []uint32 // where tokens are read back into from disk
	shingles []uint64 // every sentence's shingles, back to back
	ends     []int32  // where sentence i's shingles end in shingles
	sorted   []uint32 // like tokens, with each sentence marked in isSorted sorted in place
	isSorted []bool
	sigs     []uint64 // per sentence, the set of its words' wordBits
}

// wordBit maps a word hash to one of 64 bits. A sentence's signature, the
// OR of its words' bits, bounds from above what another sentence can share
// with it: a word of the other one whose bit is not in the signature is
// not in the sentence.
func wordBit(w uint32) uint64 { return 1 << (uint32(w*0x9E3779B1) >> 26) }

// prepare makes p the prepared form of d, for c's shingle size and mask,
// reusing p's buffers.
func (c *Comparer) prepare(p *prepared, d *Doc) {
	tokens := c.wordsOf(d, &p.buf)
	if len(tokens) < d.numWords() {
		tokens = nil // unreadable: shares nothing (c.err says why)
	}
	p.doc, p.tokens = d, tokens
	p.shingles = p.shingles[:0]
	p.ends = slices.Grow(p.ends[:0], len(d.Sents))
	for i := range d.Sents {
		if tokens != nil {
			p.shingles = c.sentShingles(d, tokens, i, p.shingles)
		}
		p.ends = append(p.ends, int32(len(p.shingles)))
	}
	p.sorted = slices.Grow(p.sorted[:0], len(tokens))[:len(tokens)]
	p.isSorted = slices.Grow(p.isSorted[:0], len(d.Sents))[:len(d.Sents)]
	clear(p.isSorted)
	p.sigs = slices.Grow(p.sigs[:0], len(d.Sents))[:len(d.Sents)]
	for i := range d.Sents {
		var sig uint64
		if tokens != nil {
			for _, w := range sentWords(d, tokens, i) {
				sig |= wordBit(w)
			}
		}
		p.sigs[i] = sig
	}
}

// sentShingles returns the shingles of sentence i.
func (p *prepared) sentShingles(i int) []uint64 {
	start := int32(0)
	if i > 0 {
		start = p.ends[i-1]
	}
	return p.shingles[start:p.ends[i]]
}

// sortedWords returns the words of sentence i, sorted (readable words
// only).
func (p *prepared) sortedWords(i int) []uint32 {
	start, end := p.doc.Sents[i].Start, p.doc.SentEnd(i)
	out := p.sorted[start:end:end]
	if !p.isSorted[i] {
		copy(out, p.tokens[start:end])
		slices.Sort(out)
		p.isSorted[i] = true
	}
	return out
}
