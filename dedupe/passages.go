package dedupe

import "math/bits"

// The passage rule. In a large archive an identical passage (a stock
// paragraph, a quote everyone runs) recurs across unrelated articles, and
// it collides in every band, so on its own it gives any two of them far
// more than MinSharedKeys keys. Versions of one story share copy in at
// least MinParagraphs paragraphs of each (the story rule), so a pair is a
// candidate only when its shared keys come from at least two passages of
// one of the articles, unless one of them could pass the brief rule on one
// passage. To apply it, Analyze tags every band key with the passage it
// comes from, and the pair occurrences of a bucket carry both tags.
//
// On 20,000 articles of the speed corpus (real sentences, passages
// recurring as the pool runs out) 98% of the candidate pairs that failed
// verification shared keys from one passage, and no link did.

// tagBits is the width of a passage tag: the top bits of a band key as
// Analyze returns it, above the bits a bucket key keeps (BucketKey).
const tagBits = 7

// tagShift is where the tag sits in a band key.
const tagShift = 64 - tagBits

// wildTag is the tag of a key that satisfies the passage rule on its own:
// every key of an article when the story rule asks for one paragraph,
// the keys of a passage that could pass the brief rule on its own (see
// keyTagger.finish), and the keys of passages beyond the tags' range.
const wildTag = 1<<tagBits - 1

// weakBase is the first tag of a small passage of an exempt article: its
// passage number plus weakBase. Other passages have tags below it. A key
// of such a passage satisfies the passage rule only when its bucket is
// rare (Evidence): an exempt article may be an update whose one colliding
// passage is small, but copy that recurs across many articles is stock
// text. (An article with the same key in a weak and a wildcard passage
// counts in that bucket with the weak one: BucketPairs takes the lowest
// tag.)
const weakBase = 64

// passageTag is the tag of an article's passage number n, counted among its
// keyed passages: weak for a small passage of an exempt article.
func passageTag(n int, weak bool) int {
	switch {
	case weak && n < wildTag-weakBase:
		return weakBase + n
	case !weak && n < weakBase:
		return n
	}
	return wildTag
}

// tagPassage returns the passage number of a tag below wildTag, and
// whether it is weak.
func tagPassage(tag int) (int, bool) {
	if tag >= weakBase {
		return tag - weakBase, true
	}
	return tag, false
}

// briefMargin is how much of the brief rule's share an article's largest
// passage must hold at analysis to exempt the article from the passage
// rule: learned boilerplate, found after the keys, can later take up to
// half of an article's text words, which raises every passage's share.
const briefMargin = 0.5

// KeyTag returns the passage tag of a band key from Analyze or
// PassageKeys: the passage's number among the article's keyed passages,
// or a wildcard (see BucketMember).
func KeyTag(k uint64) uint8 { return uint8(k >> tagShift) }

// withTag returns k with its tag set to tag (at most wildTag).
func withTag(k uint64, tag int) uint64 {
	return k<<tagBits>>tagBits | uint64(min(tag, wildTag))<<tagShift
}

// keyTagger tags one article's band keys as Analyze appends them, a
// passage at a time.
type keyTagger struct {
	start      int   // the index of the article's first key
	sizes      []int // words of each keyed passage
	textWords  int   // words of every text paragraph
	wild       bool
	briefCover float64
}

// newTagger starts tagging the keys appended after keys.
func (a *Analyzer) newTagger(keys []uint64) keyTagger {
	return keyTagger{start: len(keys), wild: a.p.MinParagraphs < 2, briefCover: a.p.BriefCover}
}

// passage tags the keys that one text paragraph of words words added
// (after[len(before):]) and returns after.
func (t *keyTagger) passage(before, after []uint64, words int) []uint64 {
	t.textWords += words
	if len(after) == len(before) {
		return after
	}
	tag := passageTag(len(t.sizes), false)
	for i := len(before); i < len(after); i++ {
		after[i] = withTag(after[i], tag)
	}
	t.sizes = append(t.sizes, words)
	return after
}

// finish retags the keys of an article exempt from the passage rule: when
// the story rule asks for one paragraph only (MinParagraphs < 2), every
// key is a wildcard; when its largest keyed passage holds enough of its
// text that copy of that passage alone could pass the brief rule, the keys
// of each such passage are wildcards and those of its other passages weak
// (see weakBase).
func (t *keyTagger) finish(keys []uint64) {
	need := briefMargin * t.briefCover * float64(t.textWords)
	largest := 0
	for _, w := range t.sizes {
		largest = max(largest, w)
	}
	if !t.wild && float64(largest) < need {
		return
	}
	for i := t.start; i < len(keys); i++ {
		tag := KeyTag(keys[i])
		if tag == wildTag {
			continue
		}
		n, _ := tagPassage(int(tag))
		if t.wild || float64(t.sizes[n]) >= need {
			keys[i] = withTag(keys[i], wildTag)
		} else {
			keys[i] = withTag(keys[i], passageTag(n, true))
		}
	}
}

// BucketMember is an article of an LSH bucket with the tag of its key
// there: doc<<tagBits | KeyTag(key). Sorted, the members of one article
// come together, lowest tag first; BucketPairs takes the first of each.
func BucketMember(doc uint32, key uint64) uint32 { return member(doc, KeyTag(key)) }

// member packs an article and a passage tag as BucketMember does.
func member(doc uint32, tag uint8) uint32 { return doc<<tagBits | uint32(tag) }

// MemberDoc returns the article of a BucketMember.
func MemberDoc(m uint32) uint32 { return memberDoc(m) }

// memberDoc and memberTag undo BucketMember.
func memberDoc(m uint32) uint32 { return m >> tagBits }
func memberTag(m uint32) int    { return int(m & wildTag) }

// compactMembers keeps the first member of each article in sorted
// members, in place.
func compactMembers(members []uint32) []uint32 {
	out := members[:0]
	for i, m := range members {
		if i == 0 || memberDoc(m) != memberDoc(members[i-1]) {
			out = append(out, m)
		}
	}
	return out
}

// A pair occurrence packs, for one shared key, both articles, both
// passage tags and whether the key's bucket is rare:
//
//	A (24 bits) | B (24) | tag of A (7) | tag of B (7) | 0 | rare (1)
//
// so that the occurrences of one pair sort together.
const (
	occA    = 40
	occB    = 16
	occTagA = 9
	occTagB = 2
)

// packPair packs an occurrence of members a (the lower article) and b.
func packPair(a, b uint32, rare bool) uint64 {
	p := uint64(memberDoc(a))<<occA | uint64(memberDoc(b))<<occB |
		uint64(memberTag(a))<<occTagA | uint64(memberTag(b))<<occTagB
	if rare {
		p |= 1
	}
	return p
}

// occurrencePair returns the pair of an occurrence.
func occurrencePair(p uint64) Pair {
	return Pair{uint32(p >> occA), uint32(p>>occB) & (1<<docBits - 1)}
}

// Evidence sums the occurrences of one pair: the weight of its shared keys
// toward MinSharedKeys and the passages they come from on each side.
type Evidence struct {
	halves   int    // see Occurrence
	tagsA    uint64 // bitsets of the passages seen
	tagsB    uint64
	wild     bool
	weakRare int // halves of the rare keys of weak passages
}

// add counts one occurrence of the pair (BucketPairs).
func (e *Evidence) add(occ uint64) {
	e.AddKey(uint8(occ>>occTagA)&wildTag, uint8(occ>>occTagB)&wildTag, 1+int(occ&1))
}

// AddKey counts one key the pair shares, for a caller that finds shared
// keys on its own (the state's lookup): the tags (KeyTag) of the passages
// it comes from in each article, the lowest where an article has it in
// several, and its weight in halves of a key: 2 for the key of a bucket of
// at most RareBucket articles, 1 for another.
func (e *Evidence) AddKey(tagA, tagB uint8, halves int) {
	e.halves += halves
	a, b := int(tagA&wildTag), int(tagB&wildTag)
	if a == wildTag || b == wildTag {
		e.wild = true
		return
	}
	pa, weakA := tagPassage(a)
	pb, weakB := tagPassage(b)
	if (weakA || weakB) && halves == 2 {
		e.weakRare += halves
	}
	e.tagsA |= 1 << pa
	e.tagsB |= 1 << pb
}

// Enough reports whether the pair is a candidate at minShared
// (Params.MinSharedKeys) keys: its keys weigh enough, and they come from
// two passages of one article, or a wildcard's, or enough of them are
// rare keys of a weak passage.
func (e *Evidence) Enough(minShared int) bool {
	need := 2 * max(1, minShared)
	if e.halves < need {
		return false
	}
	return e.wild || e.weakRare >= need || bits.OnesCount64(e.tagsA) >= 2 || bits.OnesCount64(e.tagsB) >= 2
}
