package dedupe

import (
	"context"
	"runtime"
	"slices"

	"github.com/neardup/neardup/text"
)

// The stages of Run, for callers that run them on their own: the
// persistent state (package state) adds articles to a stored corpus with
// them, and a distributed runner can run each stage on its own workers.
// Run is, in order:
//
//	Analyzer.Analyze       each article → Doc + passage band keys
//	Buckets                band keys → candidate Pairs
//	LearnBoilerplate       recurring paragraphs → learned furniture
//	Verify                 candidate Pairs → Links (the story rule)
//	Cluster                Links → stories (hubs apart)
//	NewResult              stories → canonical versions
//	Result.Align           paragraph alignment within each story

// SetDefaults fills the zero fields of o: the Params' defaults, one worker
// per core and a Progress that discards.
func (o *Options) SetDefaults() {
	o.Params.SetDefaults()
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Progress == nil {
		o.Progress = func(string, int, int) {}
	}
}

// Verify compares each candidate pair (the A of each pair the lower Doc
// index; pairs with one A in a row share A's shingle table) and returns the
// Links of the pairs that pass the story rule, sorted by A, then B. opt
// must have its defaults set.
func Verify(ctx context.Context, docs []*Doc, pairs []Pair, opt Options) ([]Link, error) {
	return linkAll(ctx, docs, pairs, opt)
}

// ComparePairs orders pairs by A, then B.
func ComparePairs(x, y Pair) int { return comparePairs(x, y) }

// LearnBoilerplate marks as learned boilerplate each paragraph that recurs
// word for word in articles of at least Params.BoilerplateStories stories
// that share nothing else (see the package doc), and returns how many
// paragraphs it learned. opt must have its defaults set.
func LearnBoilerplate(ctx context.Context, docs []*Doc, opt Options) (int, error) {
	return learnBoilerplate(ctx, docs, recurringParagraphs(docs, opt.Params.BoilerplateStories), opt)
}

// FurnitureTest decides, one recurring paragraph at a time, whether it is
// furniture: the test LearnBoilerplate applies, for a caller that finds
// the recurring paragraphs itself (the state, from its stored postings).
// Not safe for concurrent use.
type FurnitureTest struct {
	c      *Comparer
	memo   *relatedMemo
	docs   []*Doc
	masked map[uint64]bool
	p      Params
}

// NewFurnitureTest returns the test over docs, with the paragraphs whose
// Folds are in recurring (every suspect) masked out of the comparisons.
func NewFurnitureTest(p Params, docs []*Doc, recurring map[uint64]bool) *FurnitureTest {
	c := NewComparer(p, false)
	c.mask = recurring
	return &FurnitureTest{c: c, memo: &relatedMemo{m: map[Pair]bool{}}, docs: docs, masked: recurring, p: p}
}

// IsFurniture reports whether the paragraph with the given Fold, held by
// the Docs holders (indices in docs, ascending), is furniture.
func (t *FurnitureTest) IsFurniture(fold uint64, holders []uint32) bool {
	return isFurniture(t.c, t.memo, t.docs, fold, holders, t.masked, t.p)
}

// Err returns the first failure to read a Doc's words back, after which
// the test found nothing.
func (t *FurnitureTest) Err() error { return t.c.err }

// Cluster groups n articles into stories by the links and returns each
// article's story as the smallest article number in it (see the package
// doc, Clustering).
func Cluster(n int, links []Link) []int32 { return cluster(n, links) }

// GroupLinks clusters n articles by the links as Cluster does, with the
// hubs given (FindHubs over all links, or flags kept from an earlier run).
func GroupLinks(n int, links []Link, hubs []bool) []int32 { return groupLinks(n, links, hubs) }

// FindHubs marks the articles that Cluster keeps apart as hubs.
func FindHubs(n int, links []Link) []bool { return findHubs(n, links) }

// HubCandidate reports whether an article with this many links is examined
// by the hub test at all: fewer than three cannot fall into three groups,
// and the versions of a popular wire story (hundreds of links) are one.
func HubCandidate(links int) bool { return links >= hubGroups && links <= maxHubCheck }

// IsHub applies the hub test to article x: links are all of x's links (x
// as A or B), linked holds the pairs of x's neighbours that link to each
// other (lower number first).
func IsHub(x uint32, links []Link, linked map[Pair]bool) bool {
	if !HubCandidate(len(links)) {
		return false
	}
	ids := make([]int32, len(links))
	for i := range ids {
		ids[i] = int32(i)
	}
	return countGroups(x, ids, links, linked) >= hubGroups
}

// BetterCanonical reports whether a should be its story's canonical version
// rather than b: it is earlier; or, at the same date or without dates, it
// holds more shared copy (sharedA words of its totalA text words), or as
// much in less text of its own; then the smaller ID.
func BetterCanonical(a, b *Doc, sharedA, sharedB, totalA, totalB int64) bool {
	return betterCanonical(a, b, sharedA, sharedB, totalA, totalB)
}

// NewResult groups the Docs into stories by labels (equal labels, one
// story; Cluster's output), picks each story's canonical version and sorts
// the stories, largest first. The stories are not aligned yet (Align).
func NewResult(p Params, docs []*Doc, labels []int32, links []Link) *Result {
	return newResult(p, docs, labels, links)
}

// SetBodies gives r the article bodies, for the word diffs and the views:
// body returns Doc i's text as read. It is called from several goroutines.
func (r *Result) SetBodies(body func(i int) (string, error)) {
	r.texts = &textStore{fetch: body}
}

// Align aligns the versions of every story of two or more, paragraph by
// paragraph (ParaMatches and the rest), and sets their Similarity; with
// opt.SimilarityOnly it sets only the Similarity. opt must have its
// defaults set.
func (r *Result) Align(ctx context.Context, opt Options) error {
	if opt.SimilarityOnly {
		return similarityAll(ctx, r, opt)
	}
	return alignAll(ctx, r, opt)
}

// PassageKeys appends to keys the LSH band keys of d's passages, tagged
// (KeyTag) as Analyze tags them: the
// paragraphs whose kind, when d was analysed, was text (kinds, one per
// paragraph; learned boilerplate marks them later). It recomputes what
// Analyze returned, from d's word hashes.
func (a *Analyzer) PassageKeys(d *Doc, kinds []text.Kind, keys []uint64) []uint64 {
	tags := a.newTagger(keys)
	for i := range d.Paras {
		first, end := d.ParaSents(i)
		if kinds[i] != text.KindText || first == end {
			continue
		}
		words := d.Tokens[d.Sents[first].Start:d.SentEnd(int(end)-1)]
		keys = tags.passage(keys, a.passageKeys(words, keys), len(words))
	}
	tags.finish(keys)
	return keys
}

// passageKeys appends the LSH band keys of a passage's words: its shingles
// signed by MinHash, the signature cut into bands. A passage too short to
// shingle has none.
func (a *Analyzer) passageKeys(words []uint32, keys []uint64) []uint64 {
	if len(words) <= a.p.ShingleSize {
		return keys
	}
	a.shingles = Shingles(words, a.p.ShingleSize, a.p.Seed, a.shingles[:0])
	a.sig = a.mh.SignInto(a.shingles, a.sig)
	return BandKeys(a.sig, a.p.Bands, a.p.Rows, a.p.Seed, keys)
}

// The pieces of the stages, for a runner that spreads one stage over many
// workers (neardup-beam): each is the code Run uses, cut where a shuffle
// can go between.

// BucketKey is the part of an LSH band key by which Buckets groups
// articles: its low 64 − docBits bits. Two keys with equal BucketKeys
// are one bucket.
func BucketKey(k uint64) uint64 { return k << docBits >> docBits }

// BucketPairs appends to dst the pair occurrences of one LSH bucket, whose
// members (BucketMember) are sorted (it compacts them in place): every pair while it holds at most
// maxBucket (Params.MaxBucket) articles, else a chain and a star. Of the
// members of one article only the first counts. An occurrence is opaque:
// OccurrencePair reads its pair. Sorted as numbers, the occurrences of
// one pair come together; summed over all buckets (CandidatePairs), they
// decide whether it is a candidate.
func BucketPairs(members []uint32, maxBucket int, dst []uint64) []uint64 {
	b := Buckets{maxBucket: maxBucket}
	return b.bucketPairs(compactMembers(members), dst)
}

// OccurrencePair returns the pair of an occurrence from BucketPairs.
func OccurrencePair(occ uint64) Pair { return occurrencePair(occ) }

// CandidatePairs sorts the occurrences (from BucketPairs, over any number
// of buckets) and returns the pairs they make candidates at minShared
// (Params.MinSharedKeys) keys, sorted: the rule Buckets.Pairs applies
// (Evidence). All the occurrences of a pair must be among them.
func CandidatePairs(occurrences []uint64, minShared int) []Pair {
	b := Buckets{minShared: max(1, minShared)}
	return b.keepShared(occurrences)
}

// RecurrenceFolds appends to dst, sorted and distinct, the Folds of d's
// paragraphs that LearnBoilerplate counts toward a paragraph's recurrence:
// those of its text and headings. A Fold held by at least
// Params.BoilerplateStories Docs is a suspect for FurnitureTest.
func (d *Doc) RecurrenceFolds(dst []uint64) []uint64 {
	start := len(dst)
	for _, p := range d.Paras {
		if p.Textual() && p.Fold != 0 {
			dst = append(dst, p.Fold)
		}
	}
	slices.Sort(dst[start:])
	return dst[:start+len(slices.Compact(dst[start:]))]
}

// MarkLearned marks d's paragraphs with the given Fold as learned
// boilerplate, as LearnBoilerplate does for each paragraph it learns.
func (d *Doc) MarkLearned(fold uint64) {
	for j := range d.Paras {
		if p := &d.Paras[j]; p.Fold == fold && p.Textual() {
			p.Kind, p.Learned = text.KindBoilerplate, true
		}
	}
}

// NewResultShared is NewResult given each Doc's words of shared copy,
// summed over all its links (those that cross stories too: a hub's),
// instead of the links: for a caller that builds the Result of a few
// stories, whose members' links reach Docs it does not hold.
func NewResultShared(p Params, docs []*Doc, labels []int32, shared []int64) *Result {
	return newResultShared(p, docs, labels, shared)
}
