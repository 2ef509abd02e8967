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
	// paraSim holds per paragraph how much of it is unchanged copy (see
	// Result.ParaSim).
	paraSim []float32
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

// alignArena carves what the alignment keeps from shared chunks (see
// slab). One worker's.
type alignArena struct {
	aligns   slab[storyAlign]
	int32s   slab[int32]
	float32s slab[float32]
	matches  slab[ParaMatch]
	cells    slab[Cell]
	blocks   slab[Block]
}

// newStoryAlign makes the empty alignment of story s: no sentence in a
// block.
func newStoryAlign(res *Result, s *Story, arena *alignArena) *storyAlign {
	al := arena.aligns.one()
	al.sentBase, al.paraBase = arena.int32s.make(len(s.Members)+1), arena.int32s.make(len(s.Members)+1)
	for x, m := range s.Members {
		al.sentBase[x+1] = al.sentBase[x] + int32(len(res.Docs[m].Sents))
		al.paraBase[x+1] = al.paraBase[x] + int32(len(res.Docs[m].Paras))
	}
	al.sentBlock = arena.int32s.make(int(al.sentBase[len(s.Members)]))
	for i := range al.sentBlock {
		al.sentBlock[i] = -1
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

// compress turns entries, in any order, into a CSR list over n paragraphs,
// carved from vals and int32s: a stable counting sort by paragraph, so each
// paragraph's entries keep their order.
func compress[T any](entries []paraEntry[T], n int32, vals *slab[T], int32s *slab[int32]) ([]T, []int32) {
	vs := vals.make(len(entries))
	ends := int32s.make(int(n))
	for _, e := range entries {
		ends[e.para]++
	}
	for g := int32(1); g < n; g++ {
		ends[g] += ends[g-1]
	}
	for k := len(entries) - 1; k >= 0; k-- { // from the end: ends[g] falls to the start of g
		e := entries[k]
		ends[e.para]--
		vs[ends[e.para]] = e.v
	}
	for g := range n - 1 { // each start becomes the end of the paragraph before
		ends[g] = ends[g+1]
	}
	if n > 0 {
		ends[n-1] = int32(len(entries))
	}
	return vs, ends
}

// setMatches stores the paragraph matches of a story, given in any order:
// each paragraph's list by article ID, then paragraph. rank is scratch.
func (al *storyAlign) setMatches(res *Result, s *Story, entries []paraEntry[ParaMatch], rank *[]int32, arena *alignArena) {
	// ranks[x] is the place of member x's ID among the story's IDs.
	byID := slices.Grow((*rank)[:0], 2*len(s.Members))[:len(s.Members)]
	for x := range byID {
		byID[x] = int32(x)
	}
	slices.SortFunc(byID, func(a, b int32) int { return cmp.Compare(res.Docs[s.Members[a]].ID, res.Docs[s.Members[b]].ID) })
	ranks := byID[len(byID):][:len(byID)]
	for k, x := range byID {
		ranks[x] = int32(k)
	}
	*rank = byID
	n := al.paraBase[len(s.Members)]
	al.matches, al.matchEnd = compress(entries, n, &arena.matches, &arena.int32s)
	for g := range n { // each paragraph's few entries
		if list := span(al.matches, al.matchEnd, g); len(list) > 1 {
			slices.SortFunc(list, func(a, b ParaMatch) int {
				return cmp.Or(cmp.Compare(ranks[res.Position[a.Doc]], ranks[res.Position[b.Doc]]), cmp.Compare(a.Para, b.Para))
			})
		}
	}
}

// setBlocks stores the copy blocks of each paragraph, given as entries in
// ascending block order, each (paragraph, block) once.
func (al *storyAlign) setBlocks(s *Story, entries []paraEntry[int32], arena *alignArena) {
	al.blocks, al.blockEnd = compress(entries, al.paraBase[len(s.Members)], &arena.int32s, &arena.int32s)
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

// ParaSim returns how much of paragraph p of Doc i is unchanged copy: the
// word-weighted mean, over its sentences, of each sentence's similarity to
// the closest sentence of an earlier version (1 where this version is the
// copy's first appearance, 0 for a sentence of its own); 1 for an article
// not aligned.
func (r *Result) ParaSim(i, p int) float32 {
	al, x := r.alignOf(i)
	if al == nil {
		return 1
	}
	return al.paraSim[al.para(x, int32(p))]
}

// setParaSims fills paraSim from the sentences' blocks and sentSim, each
// sentence's best similarity to a sentence of an earlier version (−1 when
// no earlier version has it: new text, or the copy's first appearance).
func (al *storyAlign) setParaSims(res *Result, s *Story, sentSim []float32, arena *alignArena) {
	al.paraSim = arena.float32s.make(int(al.paraBase[len(s.Members)]))
	for x, m := range s.Members {
		d := res.Docs[m]
		for p, para := range d.Paras {
			var sum, total float32
			first, _ := d.ParaSents(p)
			for i := first; i < para.End; i++ {
				n := float32(d.SentLen(int(i)))
				total += n
				switch g := al.sent(int32(x), i); {
				case al.sentBlock[g] < 0:
				case sentSim[g] < 0:
					sum += n
				default:
					sum += n * sentSim[g]
				}
			}
			sim := float32(1)
			if total > 0 {
				sim = sum / total
			}
			al.paraSim[al.para(int32(x), int32(p))] = sim
		}
	}
}

// SentBlocks returns the copy block of each sentence of Doc i (see
// SentBlock), in a slice the caller must not change; nil when its story
// was not aligned (no sentence is in a block).
func (r *Result) SentBlocks(i int) []int32 {
	al, x := r.alignOf(i)
	if al == nil {
		return nil
	}
	return al.sentBlock[al.sentBase[x]:al.sentBase[x+1]]
}
