package dedupe

import (
	"cmp"
	"slices"
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
// order of first appearance, and fills the story's Blocks and its members'
// ParaBlocks and CopyShare.
func buildBlocks(res *Result, s *Story, matches []sentMatch) {
	off := make([]int32, len(s.Members)+1)
	for x, m := range s.Members {
		off[x+1] = off[x] + int32(len(res.Docs[m].Sents))
	}
	u := newUnionFind(int(off[len(s.Members)]))
	for _, m := range matches {
		u.union(off[m.x]+m.a, off[m.y]+m.b)
	}
	member := func(node int32) int32 { // the member position of a node
		x, _ := slices.BinarySearch(off, node+1)
		return int32(x - 1)
	}
	// best[(root, y)] is member y's best similarity to earlier copy.
	type key struct{ root, y int32 }
	best := map[key]float32{}
	inBlock := map[int32]bool{}
	for _, m := range matches {
		r := u.find(off[m.x] + m.a)
		inBlock[off[m.x]+m.a], inBlock[off[m.y]+m.b] = true, true
		best[key{r, m.y}] = max(best[key{r, m.y}], m.sim)
	}
	nodes := make([]int32, 0, len(inBlock))
	for n := range inBlock {
		nodes = append(nodes, n)
	}
	slices.Sort(nodes)
	byRoot := map[int32][]int32{}
	var roots []int32
	for _, n := range nodes {
		r := u.find(n)
		if _, ok := byRoot[r]; !ok {
			roots = append(roots, r)
		}
		byRoot[r] = append(byRoot[r], n)
	}
	// Nodes are in member order, so a block's first node is where it is
	// first seen; order blocks by that node.
	slices.SortFunc(roots, func(a, b int32) int { return cmp.Compare(byRoot[a][0], byRoot[b][0]) })
	var groups [][]int32 // the nodes of each block, merged runs of sentences
	var groupRoots [][]int32
	for _, r := range roots {
		ns := byRoot[r]
		if member(ns[0]) == member(ns[len(ns)-1]) {
			continue // matched only within one version
		}
		if k := len(groups); k > 0 && follows(groups[k-1], ns, member) {
			groups[k-1] = append(groups[k-1], ns...)
			slices.Sort(groups[k-1])
			groupRoots[k-1] = append(groupRoots[k-1], r)
			continue
		}
		groups = append(groups, slices.Clone(ns))
		groupRoots = append(groupRoots, []int32{r})
	}
	for gi, ns := range groups {
		bi := int32(len(s.Blocks))
		first := member(ns[0])
		b := Block{FirstSeen: s.Members[first]}
		for _, n := range ns {
			x := member(n)
			doc := s.Members[x]
			sent := res.Docs[doc].Sents[n-off[x]]
			res.SentBlocks[doc][n-off[x]] = bi
			if len(b.Cells) == 0 || b.Cells[len(b.Cells)-1].Doc != doc {
				sim := float32(1)
				if x != first {
					sim = 0
					for _, r := range groupRoots[gi] {
						if v, ok := best[key{r, x}]; ok && (sim == 0 || v < sim) {
							sim = v // the least verbatim of the merged parts
						}
					}
				}
				b.Cells = append(b.Cells, Cell{Doc: doc, Sim: sim})
			}
			c := &b.Cells[len(b.Cells)-1]
			if len(c.Paras) == 0 || c.Paras[len(c.Paras)-1] != sent.Para {
				c.Paras = append(c.Paras, sent.Para)
				pb := &res.ParaBlocks[doc][sent.Para]
				if !slices.Contains(*pb, bi) {
					*pb = append(*pb, bi)
				}
			}
			if x != first && res.Docs[doc].Paras[sent.Para].Kind == KindText {
				res.CopyShare[doc] += float32(sent.End - sent.Start) // words for now; divided below
			}
		}
		s.Blocks = append(s.Blocks, b)
	}
	for _, m := range s.Members {
		if total := res.Docs[m].textTokens(); total > 0 {
			res.CopyShare[m] /= float32(total)
		}
	}
}

// follows reports whether the sentences next continue the sentences prev in
// every version, and in the same versions: two sentence groups that
// travelled together form one copy block.
func follows(prev, next []int32, member func(int32) int32) bool {
	lastOf := map[int32]int32{} // member → last node of prev
	for _, n := range prev {
		lastOf[member(n)] = n
	}
	firstOf := map[int32]int32{}
	for _, n := range next {
		if _, ok := firstOf[member(n)]; !ok {
			firstOf[member(n)] = n
		}
	}
	if len(lastOf) != len(firstOf) {
		return false
	}
	for x, last := range lastOf {
		first, ok := firstOf[x]
		if !ok || first != last+1 {
			return false
		}
	}
	return true
}
