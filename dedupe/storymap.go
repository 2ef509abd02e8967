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
// and paragraphs' blocks in al, and the members' CopyShare.
func buildBlocks(res *Result, s *Story, al *storyAlign, matches []sentMatch, arena *alignArena) {
	off := al.sentBase // a node is a sentence of the story: off[x] + its index
	n := off[len(s.Members)]
	u := unionfind.New(int(n))
	for _, m := range matches {
		u.Union(off[m.x]+m.a, off[m.y]+m.b)
	}
	member := func(node int32) int32 { // the member position of a node
		x, _ := slices.BinarySearch(off, node+1)
		return int32(x - 1)
	}
	// nodeBest holds per node (a sentence of a later version) its best
	// similarity to the earlier versions' copy it matched, or −1.
	inBlock := make([]bool, n)
	nodeBest := make([]float32, n)
	for i := range nodeBest {
		nodeBest[i] = -1
	}
	for _, m := range matches {
		na, nb := off[m.x]+m.a, off[m.y]+m.b
		inBlock[na], inBlock[nb] = true, true
		nodeBest[nb] = max(nodeBest[nb], m.sim)
	}
	// The nodes of each root, roots in order of their first node: nodes
	// are in member order, so a block's first node is where it is first
	// seen.
	rootIndex := make([]int32, n) // root → 1 + its index in roots; 0 for none yet
	var roots []int32
	var byRoot [][]int32
	for node := range n {
		if !inBlock[node] {
			continue
		}
		r := u.Find(node)
		if rootIndex[r] == 0 {
			roots = append(roots, r)
			byRoot = append(byRoot, nil)
			rootIndex[r] = int32(len(roots))
		}
		k := rootIndex[r] - 1
		byRoot[k] = append(byRoot[k], node)
	}
	// bestOf is member x's best similarity to earlier copy among nodes
	// (one root's, sorted), or −1 when x matched none of it as the later
	// version.
	bestOf := func(nodes []int32, x int32) float32 {
		best := float32(-1)
		from, _ := slices.BinarySearch(nodes, off[x])
		for _, node := range nodes[from:] {
			if node >= off[x+1] {
				break
			}
			best = max(best, nodeBest[node])
		}
		return best
	}
	var groups [][]int32     // the nodes of each block, merged runs of sentences
	var groupRoots [][]int32 // the roots (indices in roots) merged into each block
	for k := range roots {
		ns := byRoot[k]
		if member(ns[0]) == member(ns[len(ns)-1]) {
			continue // matched only within one version
		}
		if g := len(groups); g > 0 && follows(groups[g-1], ns, member) {
			groups[g-1] = append(slices.Clip(groups[g-1]), ns...)
			slices.Sort(groups[g-1])
			groupRoots[g-1] = append(groupRoots[g-1], int32(k))
			continue
		}
		groups = append(groups, ns)
		groupRoots = append(groupRoots, []int32{int32(k)})
	}
	// The blocks' cells, and the cells' paragraphs, go into one array each
	// for the story: cellStart and paraStart say where each begins.
	var (
		paraBlocks []paraEntry[int32]
		cells      []Cell
		paras      []int32
		cellStart  = make([]int32, 0, len(groups)+1)
		paraStart  []int32
	)
	for gi, ns := range groups {
		bi := int32(len(cellStart))
		cellStart = append(cellStart, int32(len(cells)))
		first := member(ns[0])
		for _, n := range ns {
			x := member(n)
			doc := s.Members[x]
			sent := res.Docs[doc].Sents[n-off[x]]
			al.sentBlock[n] = bi
			if len(cells) == int(cellStart[bi]) || cells[len(cells)-1].Doc != doc {
				sim := float32(1)
				if x != first {
					sim = 0
					for _, k := range groupRoots[gi] {
						if v := bestOf(byRoot[k], x); v >= 0 && (sim == 0 || v < sim) {
							sim = v // the least verbatim of the merged parts
						}
					}
				}
				cells = append(cells, Cell{Doc: doc, Sim: sim})
				paraStart = append(paraStart, int32(len(paras)))
			}
			if len(paras) == int(paraStart[len(paraStart)-1]) || paras[len(paras)-1] != sent.Para {
				paras = append(paras, sent.Para)
				paraBlocks = append(paraBlocks, paraEntry[int32]{al.para(x, sent.Para), bi})
			}
			if x != first && res.Docs[doc].Paras[sent.Para].Kind == text.KindText {
				res.CopyShare[doc] += float32(sent.End - sent.Start) // words for now; divided below
			}
		}
	}
	cellStart = append(cellStart, int32(len(cells)))
	paraStart = append(paraStart, int32(len(paras)))
	paras = arena.int32s.clone(paras) // exactly sized: they stay for the outputs
	allCells := arena.cells.make(len(cells))
	for k := range cells {
		allCells[k] = cells[k]
		allCells[k].Paras = paras[paraStart[k]:paraStart[k+1]:paraStart[k+1]]
	}
	if len(groups) > 0 {
		s.Blocks = arena.blocks.make(len(groups))
	}
	for bi := range s.Blocks {
		from, to := cellStart[bi], cellStart[bi+1]
		s.Blocks[bi] = Block{FirstSeen: allCells[from].Doc, Cells: allCells[from:to:to]}
	}
	al.setBlocks(s, paraBlocks, arena)
	for _, m := range s.Members {
		if total := res.Docs[m].TextWords(); total > 0 {
			res.CopyShare[m] /= float32(total)
		}
	}
}

// follows reports whether the sentences next continue the sentences prev in
// every version, and in the same versions: two sentence groups that
// travelled together form one copy block.
func follows(prev, next []int32, member func(int32) int32) bool {
	// Both are sorted, so their members come in order: walk the versions
	// of both at once, the last node of prev against the first of next.
	i, j := 0, 0
	for i < len(prev) && j < len(next) {
		x := member(prev[i])
		for i+1 < len(prev) && member(prev[i+1]) == x {
			i++
		}
		last := prev[i]
		i++
		if member(next[j]) != x || next[j] != last+1 {
			return false
		}
		for j < len(next) && member(next[j]) == x {
			j++
		}
	}
	return i == len(prev) && j == len(next)
}
