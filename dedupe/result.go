package dedupe

import (
	"cmp"
	"slices"
)

// Result is the outcome of a run: every article's story, its similarity to
// the story's canonical version, and its paragraphs' matches.
type Result struct {
	Params  Params
	Docs    []*Doc  // in input order
	Stories []Story // largest first, ties by ID
	// StoryOf is each Doc's index in Stories.
	StoryOf []int32
	// Similarity is each Doc's Comparison.Similarity to its canonical
	// version (1 for the canonical itself and for single articles).
	Similarity []float32
	// CopyShare is, per Doc, the share of its text words that are copy
	// first seen in an earlier version of its story.
	CopyShare []float32
	// Position is each Doc's index in its story's Members.
	Position []int32
	Stats    Stats

	// aligned holds, per story, what the alignment found (ParaMatches,
	// ParaBlocks, SentBlock, ParaSim read it); nil for a story of one
	// version and with Options.SimilarityOnly.
	aligned []*storyAlign

	texts *textStore // article bodies, for word diffs and views
	words *textStore // the Docs' word hashes, when not in Doc.Tokens
}

// Story is one story: the versions of one piece of copy.
type Story struct {
	// ID derives from the canonical article's ID, so the same input gives
	// the same IDs.
	ID string
	// Canonical is the Doc index of the first version: the earliest by
	// date; without dates, the one holding most of the story's shared copy.
	Canonical int32
	// Members are Doc indices: the canonical version first, then by date
	// (undated last) and ID. This is the story's order of versions.
	Members []int32
	// Blocks are the copy blocks shared by two or more versions, in order
	// of first appearance.
	Blocks []Block
	// Repetitive counts the sentences of the story's versions that the
	// alignment matched by their words alone: their shingles recur in too
	// many sentences to look up (see maxShingleSents), so edited copy of
	// them is not found, only identical copy. Zero in ordinary text.
	Repetitive int
}

// ParaMatch names a paragraph of another article that shares copy.
type ParaMatch struct {
	Doc, Para int32
	// Sim is the similarity of the matched sentences (SentMatch.Sim),
	// their mean weighted by length: 1 for verbatim copy.
	Sim float32
}

// StoryIDPrefix starts every story ID; the rest is the canonical article's ID.
const StoryIDPrefix = "s:"

// newResult groups the Docs by their cluster labels and picks each story's
// canonical version.
func newResult(p Params, docs []*Doc, labels []int32, links []Link) *Result {
	shared := make([]int64, len(docs)) // words of shared copy per article
	for _, l := range links {
		shared[l.A] += int64(l.SharedA)
		shared[l.B] += int64(l.SharedB)
	}
	return newResultShared(p, docs, labels, shared)
}

// newResultShared is newResult given each Doc's words of shared copy,
// summed over all its links.
func newResultShared(p Params, docs []*Doc, labels []int32, shared []int64) *Result {
	totals := make([]int64, len(docs))
	for i, d := range docs {
		totals[i] = int64(d.TextWords())
	}
	byLabel := map[int32][]int32{}
	for i, l := range labels {
		byLabel[l] = append(byLabel[l], int32(i))
	}
	res := &Result{
		Params:     p,
		Docs:       docs,
		StoryOf:    make([]int32, len(docs)),
		Similarity: make([]float32, len(docs)),
		CopyShare:  make([]float32, len(docs)),
		Position:   make([]int32, len(docs)),
	}
	for _, members := range byLabel {
		slices.SortFunc(members, func(a, b int32) int { return CompareByDate(docs[a], docs[b]) })
		canon := members[0]
		for _, m := range members[1:] {
			if betterCanonical(docs[m], docs[canon], shared[m], shared[canon], totals[m], totals[canon]) {
				canon = m
			}
		}
		// Canonical first, then the rest by date and ID.
		i := slices.Index(members, canon)
		copy(members[1:i+1], members[:i])
		members[0] = canon
		res.Stories = append(res.Stories, Story{
			ID:        StoryIDPrefix + docs[canon].ID,
			Canonical: canon,
			Members:   members,
		})
	}
	slices.SortFunc(res.Stories, func(a, b Story) int {
		if len(a.Members) != len(b.Members) {
			return len(b.Members) - len(a.Members)
		}
		return cmp.Compare(a.ID, b.ID)
	})
	res.aligned = make([]*storyAlign, len(res.Stories))
	for si, s := range res.Stories {
		for x, m := range s.Members {
			res.StoryOf[m] = int32(si)
			res.Position[m] = int32(x)
		}
		res.Similarity[s.Canonical] = 1
	}
	return res
}

// CompareByDate orders Docs as a story orders its versions: by date,
// undated last, then by ID.
func CompareByDate(a, b *Doc) int {
	az, bz := a.Date.IsZero(), b.Date.IsZero()
	switch {
	case az != bz:
		if az {
			return 1
		}
		return -1
	case !az && !a.Date.Equal(b.Date):
		return a.Date.Compare(b.Date)
	}
	return cmp.Compare(a.ID, b.ID)
}

// betterCanonical reports whether a should be the canonical version rather
// than b: it is earlier; or, at the same date or without dates, it holds more
// shared copy, or as much in less text of its own; then the smaller ID.
func betterCanonical(a, b *Doc, sharedA, sharedB, totalA, totalB int64) bool {
	if !a.Date.IsZero() && !b.Date.IsZero() && !a.Date.Equal(b.Date) {
		return a.Date.Before(b.Date)
	}
	if a.Date.IsZero() != b.Date.IsZero() {
		return !a.Date.IsZero()
	}
	if sharedA != sharedB {
		return sharedA > sharedB
	}
	if totalA != totalB {
		return totalA < totalB
	}
	return a.ID < b.ID
}

// Close removes the article bodies and word hashes kept on disk for the
// run. The result stays usable, except for what needs the text (Body, word
// diffs).
func (r *Result) Close() error {
	var err error
	if r.words != nil {
		err = r.words.close()
		r.words = nil
	}
	if r.texts != nil {
		err = cmp.Or(err, r.texts.close())
		r.texts = nil
	}
	return err
}

// Body returns the body of Doc i as it was read.
func (r *Result) Body(i int) (string, error) {
	if r.texts == nil {
		return "", ErrClosed
	}
	return r.texts.body(i)
}
