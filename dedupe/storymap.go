package dedupe

import (
	"slices"

	"github.com/neardup/neardup/internal/unionfind"
	"github.com/neardup/neardup/text"
)

// verbatimSim is the similarity at which copy counts as verbatim rather
// than edited: the same words in the same order (case and punctuation
// aside).
const verbatimSim = 1

// Block is one piece of copy that travelled between the versions of a
// story: a group of sentences aligned with each other across versions.
type Block struct {
	// FirstSeen is the Doc index of the first version (in story order)
	// that carries the block.
	FirstSeen int32
	// Cells lists the versions that carry the block, in story order.
	Cells []Cell
}

// Cell is one version's copy of a Block.
type Cell struct {
	Doc int32
	// Sim is the word similarity of this version's copy to the copy of an
	// earlier version (1 for the first version and for verbatim copy).
	Sim float32
	// Paras are the version's paragraphs that hold the block's sentences.
	Paras []int32
}

// Verbatim reports whether the cell's copy is the same, word for word, as
// an earlier version's.
func (c Cell) Verbatim() bool { return c.Sim >= verbatimSim }

// sentMatch is a sentence match between members x < y of one story.
type sentMatch struct {
	x, y int32 // positions in Story.Members
	a, b int32 // sentences of members x and y
	sim  float32
}

// buildBlocks groups a story's aligned sentences into copy blocks, in
// order of first appearance, and fills the story's Blocks, the sentences'
// and paragraphs' blocks in al, and the members' CopyShare: the matched
// sentences are joined into components (newSentGraph), the components
// that continue one another merged into blocks (groups), and each block's
// cells and paragraphs written (blockCells, placeBlocks).
func buildBlocks(res *Result, s *Story, al *storyAlign, matches []sentMatch, arena *alignArena) {
	g := newSentGraph(al.sentBase[:len(s.Members)+1], matches)
	groups, groupRoots := g.groups()
	bc := g.blockCells(res, s, al, groups, groupRoots)
	placeBlocks(res, s, al, bc, len(groups), arena)
}

// sentGraph is a story's sentences, as nodes (off[x] + the index of a
// sentence of member x), joined by their matches.
type sentGraph struct {
	off []int32 // per member position, its first node; one more at the end
	// nodeBest holds per node (a sentence of a later version) its best
	// similarity to the earlier versions' copy it matched, or −1.
	nodeBest []float32
	// byRoot holds the nodes of each component, in node order; the
	// components in order of their first node: nodes are in member order,
	// so a block's first node is where it is first seen.
	byRoot [][]int32
}

// newSentGraph joins the sentences of each match.
func newSentGraph(off []int32, matches []sentMatch) *sentGraph {
	n := off[len(off)-1]
	u := unionfind.New(int(n))
	for _, m := range matches {
		u.Union(off[m.x]+m.a, off[m.y]+m.b)
	}
	g := &sentGraph{off: off, nodeBest: make([]float32, n)}
	inBlock := make([]bool, n)
	for i := range g.nodeBest {
		g.nodeBest[i] = -1
	}
	for _, m := range matches {
		na, nb := off[m.x]+m.a, off[m.y]+m.b
		inBlock[na], inBlock[nb] = true, true
		g.nodeBest[nb] = max(g.nodeBest[nb], m.sim)
	}
	rootIndex := make([]int32, n) // root → 1 + its index in byRoot; 0 for none yet
	for node := range n {
		if !inBlock[node] {
			continue
		}
		r := u.Find(node)
		if rootIndex[r] == 0 {
			g.byRoot = append(g.byRoot, nil)
			rootIndex[r] = int32(len(g.byRoot))
		}
		k := rootIndex[r] - 1
		g.byRoot[k] = append(g.byRoot[k], node)
	}
	return g
}

// member returns the member position of a node.
func (g *sentGraph) member(node int32) int32 {
	x, _ := slices.BinarySearch(g.off, node+1)
	return int32(x - 1)
}

// bestOf is member x's best similarity to earlier copy among nodes (one
// component's, sorted), or −1 when x matched none of it as the later
// version.
func (g *sentGraph) bestOf(nodes []int32, x int32) float32 {
	best := float32(-1)
	from, _ := slices.BinarySearch(nodes, g.off[x])
	for _, node := range nodes[from:] {
		if node >= g.off[x+1] {
			break
		}
		best = max(best, g.nodeBest[node])
	}
	return best
}

// groups merges the components that continue one another into blocks and
// returns each block's nodes (sorted) and the components merged into it.
// A component matched only within one version is no block.
//
// The open block is tested by its tails (each version's last node), not
// by all its nodes, and merged blocks are sorted once at the end: a block
// may run through a whole long article, and testing or sorting all of it
// for every component it absorbed was quadratic in the article's length.
func (g *sentGraph) groups() (groups, groupRoots [][]int32) {
	var tails []int32 // the open block's last node per version
	var merged []bool // per block: components were appended, sort it
	for k, ns := range g.byRoot {
		if g.member(ns[0]) == g.member(ns[len(ns)-1]) {
			continue // matched only within one version
		}
		if n := len(groups); n > 0 && follows(tails, ns, g.member) {
			if !merged[n-1] {
				groups[n-1] = slices.Clip(groups[n-1]) // byRoot's slice stays as it is
				merged[n-1] = true
			}
			groups[n-1] = append(groups[n-1], ns...)
			groupRoots[n-1] = append(groupRoots[n-1], int32(k))
			tails = tailsOf(tails[:0], ns, g.member)
			continue
		}
		groups = append(groups, ns)
		groupRoots = append(groupRoots, []int32{int32(k)})
		merged = append(merged, false)
		tails = tailsOf(tails[:0], ns, g.member)
	}
	for i, m := range merged {
		if m {
			slices.Sort(groups[i])
		}
	}
	return groups, groupRoots
}

// tailsOf appends to dst the last node of each version in nodes (sorted).
func tailsOf(dst, nodes []int32, member func(int32) int32) []int32 {
	for i, n := range nodes {
		if i+1 == len(nodes) || member(nodes[i+1]) != member(n) {
			dst = append(dst, n)
		}
	}
	return dst
}

// storyCells are a story's block cells and their paragraphs, each in one
// array for the story: cellStart and paraStart say where each begins.
type storyCells struct {
	paraBlocks []paraEntry[int32]
	cells      []Cell
	paras      []int32
	cellStart  []int32 // per block, its first cell; one more at the end
	paraStart  []int32 // per cell, its first paragraph; one more at the end
}

// blockCells writes each block's cells (one per version carrying it, with
// the similarity of its least verbatim part) and paragraphs, marks the
// sentences' blocks in al and adds each later version's copied words to
// its CopyShare (words for now; placeBlocks divides).
func (g *sentGraph) blockCells(res *Result, s *Story, al *storyAlign, groups, groupRoots [][]int32) *storyCells {
	bc := &storyCells{cellStart: make([]int32, 0, len(groups)+1)}
	for gi, ns := range groups {
		bi := int32(len(bc.cellStart))
		bc.cellStart = append(bc.cellStart, int32(len(bc.cells)))
		first := g.member(ns[0])
		for _, n := range ns {
			x := g.member(n)
			doc := s.Members[x]
			sent := int(n - g.off[x])
			sentPara := res.Docs[doc].SentPara(sent)
			al.sentBlock[n] = bi
			if len(bc.cells) == int(bc.cellStart[bi]) || bc.cells[len(bc.cells)-1].Doc != doc {
				sim := float32(1)
				if x != first {
					sim = 0
					for _, k := range groupRoots[gi] {
						if v := g.bestOf(g.byRoot[k], x); v >= 0 && (sim == 0 || v < sim) {
							sim = v // the least verbatim of the merged parts
						}
					}
				}
				bc.cells = append(bc.cells, Cell{Doc: doc, Sim: sim})
				bc.paraStart = append(bc.paraStart, int32(len(bc.paras)))
			}
			if len(bc.paras) == int(bc.paraStart[len(bc.paraStart)-1]) || bc.paras[len(bc.paras)-1] != sentPara {
				bc.paras = append(bc.paras, sentPara)
				bc.paraBlocks = append(bc.paraBlocks, paraEntry[int32]{al.para(x, sentPara), bi})
			}
			if x != first && res.Docs[doc].Paras[sentPara].Kind == text.KindText {
				res.CopyShare[doc] += float32(res.Docs[doc].SentLen(sent))
			}
		}
	}
	bc.cellStart = append(bc.cellStart, int32(len(bc.cells)))
	bc.paraStart = append(bc.paraStart, int32(len(bc.paras)))
	return bc
}

// placeBlocks copies the cells into the arena, exactly sized (they stay for
// the outputs), sets the story's Blocks and the paragraphs' blocks, and
// turns the members' copied words into their CopyShare.
func placeBlocks(res *Result, s *Story, al *storyAlign, bc *storyCells, blocks int, arena *alignArena) {
	paras := arena.int32s.clone(bc.paras)
	allCells := arena.cells.make(len(bc.cells))
	for k := range bc.cells {
		allCells[k] = bc.cells[k]
		allCells[k].Paras = paras[bc.paraStart[k]:bc.paraStart[k+1]:bc.paraStart[k+1]]
	}
	if blocks > 0 {
		s.Blocks = arena.blocks.make(blocks)
	}
	for bi := range s.Blocks {
		from, to := bc.cellStart[bi], bc.cellStart[bi+1]
		s.Blocks[bi] = Block{FirstSeen: allCells[from].Doc, Cells: allCells[from:to:to]}
	}
	al.setBlocks(s, bc.paraBlocks, arena)
	for _, m := range s.Members {
		if total := res.Docs[m].TextWords(); total > 0 {
			res.CopyShare[m] /= float32(total)
		}
	}
}

// follows reports whether the sentences next continue, in every version
// and in the same versions, a block whose last node per version is tails:
// two sentence groups that travelled together form one copy block.
func follows(tails, next []int32, member func(int32) int32) bool {
	j := 0
	for _, last := range tails {
		x := member(last)
		if j == len(next) || member(next[j]) != x || next[j] != last+1 {
			return false
		}
		for j < len(next) && member(next[j]) == x {
			j++
		}
	}
	return j == len(next)
}
