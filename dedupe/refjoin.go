package dedupe

import (
	"cmp"
	"context"
	"slices"

	"github.com/neardup/neardup/internal/workpool"
)

// sentIndex is the inverted index of the exact sentence join behind
// ExactReference: the distinct shingles of every sentence that could take
// part in a strict match (a textual paragraph, two or more shingles), and
// for each shingle the sentences that hold it.
type sentIndex struct {
	sentDoc  []uint32 // per sentence: its article
	sentPara []int32  // per sentence: its paragraph in the article
	// offs delimits each sentence's shingles in sh: sentence s holds
	// sh[offs[s]:offs[s+1]], distinct and sorted by hash.
	offs []int32
	sh   []uint64
	// Per position in sh: its sentence, the number of sentences holding
	// its shingle (the global order is rarest first, then by hash), and
	// the first entry of its shingle in post.
	sentOf, freq, runOf []int32
	// post lists every position of sh, sorted by shingle then position:
	// the postings of one shingle are one run.
	post []posting
}

// posting is one position of a shingle in sentIndex.sh.
type posting struct {
	h   uint64
	pos int32
}

// sentHit is a pair of sentences of two articles (a < b) that meets the
// necessary condition of a strict match: their paragraphs.
type sentHit struct {
	a, b   uint32
	pa, pb int32
}

// joinSentences returns the article pairs whose sentence pairs meeting the
// necessary condition of a strict match (see ExactReference) span at least
// MinParagraphs paragraphs of each article, sorted, and the number of such
// sentence pairs.
func joinSentences(ctx context.Context, docs []*Doc, opt Options) ([]Pair, int, error) {
	ix := buildSentIndex(docs, opt.Params)
	const chunk = 512
	nSents := len(ix.sentDoc)
	chunks := (nSents + chunk - 1) / chunk
	found := make([][]sentHit, chunks)
	err := workpool.Run(ctx, chunks, opt.Workers, func() func(int) {
		stamp := make([]int32, nSents) // per sentence: 1 + the last probe that saw it
		var order []int32
		return func(c int) {
			var hits []sentHit
			for x := c * chunk; x < min(nSents, (c+1)*chunk); x++ {
				hits, order = ix.probe(int32(x), stamp, order, hits)
			}
			found[c] = hits
		}
	}, func(int) {})
	if err != nil {
		return nil, 0, err
	}
	hits := slices.Concat(found...)
	slices.SortFunc(hits, func(x, y sentHit) int {
		return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b), cmp.Compare(x.pa, y.pa), cmp.Compare(x.pb, y.pb))
	})
	var pairs []Pair
	var paras []int32
	for i := 0; i < len(hits); {
		j := i
		paras = paras[:0]
		distinctA := 0
		for ; j < len(hits) && hits[j].a == hits[i].a && hits[j].b == hits[i].b; j++ {
			if j == i || hits[j].pa != hits[j-1].pa {
				distinctA++
			}
			paras = append(paras, hits[j].pb)
		}
		slices.Sort(paras)
		if distinctA >= opt.Params.MinParagraphs && len(slices.Compact(paras)) >= opt.Params.MinParagraphs {
			pairs = append(pairs, Pair{hits[i].a, hits[i].b})
		}
		i = j
	}
	return pairs, len(hits), nil
}

// buildSentIndex indexes the sentences of docs that can match strictly.
func buildSentIndex(docs []*Doc, p Params) *sentIndex {
	ix := &sentIndex{offs: []int32{0}}
	var buf []uint64
	for di, d := range docs {
		for si := range d.Sents {
			para := d.SentPara(si)
			if !d.Paras[para].Textual() {
				continue
			}
			buf = Shingles(d.tokens(si), p.ShingleSize, p.Seed, buf[:0])
			slices.Sort(buf)
			buf = slices.Compact(buf)
			if len(buf) < 2 { // a strict match needs two shared shingles
				continue
			}
			ix.sh = append(ix.sh, buf...)
			ix.offs = append(ix.offs, int32(len(ix.sh)))
			ix.sentDoc = append(ix.sentDoc, uint32(di))
			ix.sentPara = append(ix.sentPara, para)
		}
	}
	n := len(ix.sh)
	ix.sentOf = make([]int32, n)
	for s := range ix.sentDoc {
		for q := ix.offs[s]; q < ix.offs[s+1]; q++ {
			ix.sentOf[q] = int32(s)
		}
	}
	ix.post = make([]posting, n)
	for q, h := range ix.sh {
		ix.post[q] = posting{h, int32(q)}
	}
	ix.post = radixSortPostings(ix.post, make([]posting, n))
	ix.freq = make([]int32, n)
	ix.runOf = make([]int32, n)
	for i := 0; i < n; {
		j := i
		for j < n && ix.post[j].h == ix.post[i].h {
			j++
		}
		for _, e := range ix.post[i:j] {
			ix.freq[e.pos], ix.runOf[e.pos] = int32(j-i), int32(i)
		}
		i = j
	}
	return ix
}

// probe appends to hits the pairs of sentence x with the sentences of
// other articles, at least as large (by shingles; by number when equal),
// that share at least τ = max(2, ⌈|x|/2⌉) shingles with it. It probes the
// postings of x's first |x| − τ + 1 shingles in the global order, which
// is enough (see ExactReference), and counts each partner's overlap
// exactly. stamp marks the partners already counted; order is scratch.
func (ix *sentIndex) probe(x int32, stamp []int32, order []int32, hits []sentHit) ([]sentHit, []int32) {
	lo, hi := ix.offs[x], ix.offs[x+1]
	size := hi - lo
	tau := max(2, (size+1)/2)
	order = order[:0]
	for q := lo; q < hi; q++ {
		order = append(order, q)
	}
	slices.SortFunc(order, func(q, r int32) int {
		return cmp.Or(cmp.Compare(ix.freq[q], ix.freq[r]), cmp.Compare(ix.sh[q], ix.sh[r]))
	})
	mine := ix.sh[lo:hi]
	for _, q := range order[:size-tau+1] {
		h := ix.sh[q]
		for e := ix.runOf[q]; int(e) < len(ix.post) && ix.post[e].h == h; e++ {
			y := ix.sentOf[ix.post[e].pos]
			if stamp[y] == x+1 {
				continue
			}
			stamp[y] = x + 1
			if ix.sentDoc[y] == ix.sentDoc[x] {
				continue
			}
			ySize := ix.offs[y+1] - ix.offs[y]
			if ySize < size || (ySize == size && y < x) {
				continue // y probes for this pair itself
			}
			if commonSorted(mine, ix.sh[ix.offs[y]:ix.offs[y+1]]) < int(tau) {
				continue
			}
			a, b, pa, pb := ix.sentDoc[x], ix.sentDoc[y], ix.sentPara[x], ix.sentPara[y]
			if a > b {
				a, b, pa, pb = b, a, pb, pa
			}
			hits = append(hits, sentHit{a, b, pa, pb})
		}
	}
	return hits, order
}

// radixSortPostings sorts postings by hash with a stable least-significant
// byte first radix sort (so equal hashes keep their position order), using
// scratch of the same length, and returns the sorted slice.
func radixSortPostings(p, scratch []posting) []posting {
	var count [256]int
	for shift := uint(0); shift < 64; shift += 8 {
		clear(count[:])
		for _, e := range p {
			count[byte(e.h>>shift)]++
		}
		pos := 0
		for i, c := range count {
			count[i] = pos
			pos += c
		}
		for _, e := range p {
			d := byte(e.h >> shift)
			scratch[count[d]] = e
			count[d]++
		}
		p, scratch = scratch, p
	}
	return p
}
