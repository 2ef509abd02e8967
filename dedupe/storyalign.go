package dedupe

import (
	"cmp"
	"slices"
)

// storyAlign holds what the alignment found in one story of two or more
// versions, in flat arrays: the versions' sentences back to back in story
// order, and likewise their paragraphs. Per-paragraph lists are stored
// compressed (CSR): one array of entries, and per paragraph where its
// entries end. Flat arrays keep a million articles' alignment in a few
// large allocations the collector need not scan.
type storyAlign struct {
	sentBase []int32 // per version x (Story.Members[x]), its first sentence; then the total
	paraBase []int32 // per version, its first paragraph; then the total
	// sentBlock holds per sentence the index in Story.Blocks of the copy
	// block it belongs to, or −1.
	sentBlock []int32
	// sentSim holds per sentence its best word similarity to a sentence of
	// an earlier version, or −1 when no earlier version has it (new text,
	// or the copy's first appearance).
	sentSim []float32
	// matches holds, per paragraph, the paragraphs of other versions that
	// derive from the same copy, by article ID and paragraph; the
	// paragraph's entries end at matchEnd.
	matches  []ParaMatch
	matchEnd []int32
	// blocks holds, per paragraph, the indices in Story.Blocks of the copy
	// blocks it carries, ascending; the paragraph's entries end at
	// blockEnd.
	blocks   []int32
	blockEnd []int32
}

// newStoryAlign makes the empty alignment of story s: no sentence in a
// block, none seen before.
func newStoryAlign(res *Result, s *Story) *storyAlign {
	al := &storyAlign{sentBase: make([]int32, len(s.Members)+1), paraBase: make([]int32, len(s.Members)+1)}
	for x, m := range s.Members {
		al.sentBase[x+1] = al.sentBase[x] + int32(len(res.Docs[m].Sents))
		al.paraBase[x+1] = al.paraBase[x] + int32(len(res.Docs[m].Paras))
	}
	sents := al.sentBase[len(s.Members)]
	al.sentBlock = make([]int32, sents)
	al.sentSim = make([]float32, sents)
	for i := range sents {
		al.sentBlock[i], al.sentSim[i] = -1, -1
	}
	return al
}

// sent returns the index of sentence i of version x in the flat arrays.
func (al *storyAlign) sent(x int32, i int32) int32 { return al.sentBase[x] + i }

// para returns the index of paragraph p of version x in the flat arrays.
func (al *storyAlign) para(x int32, p int32) int32 { return al.paraBase[x] + p }

// span returns the entries of paragraph g in a CSR list.
func span[T any](entries []T, ends []int32, g int32) []T {
	start := int32(0)
	if g > 0 {
		start = ends[g-1]
	}
	return entries[start:ends[g]:ends[g]]
}

// paraEntry is an entry of a per-paragraph list before it is compressed.
type paraEntry[T any] struct {
	para int32 // index in the story's flat paragraphs
	v    T
}

// compress turns entries, sorted by paragraph, into a CSR list over n
// paragraphs.
func compress[T any](entries []paraEntry[T], n int32) ([]T, []int32) {
	vs := make([]T, len(entries))
	ends := make([]int32, n)
	for k, e := range entries {
		vs[k] = e.v
		ends[e.para] = int32(k + 1)
	}
	for g := int32(1); g < n; g++ {
		ends[g] = max(ends[g], ends[g-1]) // paragraphs without entries
	}
	return vs, ends
}

// setMatches stores the paragraph matches of a story, in any order; the
// story's versions are ranked by ID for the order of each list.
func (al *storyAlign) setMatches(res *Result, s *Story, entries []paraEntry[ParaMatch]) {
	rank := make(map[int32]int32, len(s.Members)) // Doc → rank of its ID in the story
	byID := slices.Clone(s.Members)
	slices.SortFunc(byID, func(a, b int32) int { return cmp.Compare(res.Docs[a].ID, res.Docs[b].ID) })
	for k, m := range byID {
		rank[m] = int32(k)
	}
	slices.SortFunc(entries, func(x, y paraEntry[ParaMatch]) int {
		return cmp.Or(cmp.Compare(x.para, y.para), cmp.Compare(rank[x.v.Doc], rank[y.v.Doc]), cmp.Compare(x.v.Para, y.v.Para))
	})
	al.matches, al.matchEnd = compress(entries, al.paraBase[len(s.Members)])
}

// setBlocks stores the copy blocks of each paragraph, given as entries
// in ascending block order: a paragraph's repeats are dropped.
func (al *storyAlign) setBlocks(s *Story, entries []paraEntry[int32]) {
	slices.SortStableFunc(entries, func(x, y paraEntry[int32]) int { return cmp.Compare(x.para, y.para) })
	entries = slices.Compact(entries)
	al.blocks, al.blockEnd = compress(entries, al.paraBase[len(s.Members)])
}

// alignOf returns the alignment of Doc i's story and i's position in it,
// or nil when the story was not aligned (a single version, or
// Options.SimilarityOnly).
func (r *Result) alignOf(i int) (*storyAlign, int32) {
	al := r.aligned[r.StoryOf[i]]
	if al == nil {
		return nil, 0
	}
	return al, r.Position[i]
}

// ParaMatches returns the paragraphs of other versions of Doc i's story
// that derive from the same copy as its paragraph p, ordered by article
// ID, then paragraph.
func (r *Result) ParaMatches(i, p int) []ParaMatch {
	al, x := r.alignOf(i)
	if al == nil {
		return nil
	}
	return span(al.matches, al.matchEnd, al.para(x, int32(p)))
}

// ParaBlocks returns the indices in its story's Blocks of the copy blocks
// paragraph p of Doc i carries, ascending.
func (r *Result) ParaBlocks(i, p int) []int32 {
	al, x := r.alignOf(i)
	if al == nil {
		return nil
	}
	return span(al.blocks, al.blockEnd, al.para(x, int32(p)))
}

// SentBlock returns the index in its story's Blocks of the copy block
// sentence s of Doc i belongs to, or −1.
func (r *Result) SentBlock(i, s int) int32 {
	al, x := r.alignOf(i)
	if al == nil {
		return -1
	}
	return al.sentBlock[al.sent(x, int32(s))]
}

// SentSim returns the best word similarity of sentence s of Doc i to a
// sentence of an earlier version, or −1 when no earlier version has it
// (new text, or the copy's first appearance).
func (r *Result) SentSim(i, s int) float32 {
	al, x := r.alignOf(i)
	if al == nil {
		return -1
	}
	return al.sentSim[al.sent(x, int32(s))]
}

// sentBlocks returns the copy block of each sentence of Doc i (see
// SentBlock), in a slice the caller must not change.
func (r *Result) sentBlocks(i int) []int32 {
	al, x := r.alignOf(i)
	if al == nil {
		out := make([]int32, len(r.Docs[i].Sents))
		for s := range out {
			out[s] = -1
		}
		return out
	}
	return al.sentBlock[al.sentBase[x]:al.sentBase[x+1]]
}
