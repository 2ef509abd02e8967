package dedupe

import (
	"context"
	"errors"
	"math"
	"math/bits"
	"slices"

	"github.com/neardup/neardup/internal/workpool"
)

// OptimalBands chooses the number of bands b and rows per band r (b·r ≤
// numHashes) for LSH banding at a Jaccard threshold t. A pair with Jaccard s
// becomes a candidate with probability P(s) = 1 − (1 − s^r)^b. The choice
// minimises fpWeight·∫₀ᵗ P(s) ds + fnWeight·∫ₜ¹ (1 − P(s)) ds: the expected
// rate of false positives below the threshold and of false negatives above
// it. With equal weights the curve's steepest point lands near
// t ≈ (1/b)^(1/r).
func OptimalBands(t float64, numHashes int, fpWeight, fnWeight float64) (bands, rows int) {
	best := math.Inf(1)
	bands, rows = 1, numHashes
	for b := 1; b <= numHashes; b++ {
		for r := 1; b*r <= numHashes; r++ {
			fp := integrate(func(s float64) float64 { return candidateProb(s, b, r) }, 0, t)
			fn := integrate(func(s float64) float64 { return 1 - candidateProb(s, b, r) }, t, 1)
			cost := fpWeight*fp + fnWeight*fn
			if cost < best-1e-12 {
				best, bands, rows = cost, b, r
			}
		}
	}
	return bands, rows
}

// candidateProb is the probability that two sets of Jaccard s share at least
// one of b bands of r rows.
func candidateProb(s float64, b, r int) float64 {
	return 1 - math.Pow(1-math.Pow(s, float64(r)), float64(b))
}

// integrate is Simpson's rule on 64 intervals.
func integrate(f func(float64) float64, a, b float64) float64 {
	const n = 64
	h := (b - a) / n
	sum := f(a) + f(b)
	for i := 1; i < n; i++ {
		x := a + float64(i)*h
		if i%2 == 1 {
			sum += 4 * f(x)
		} else {
			sum += 2 * f(x)
		}
	}
	return sum * h / 3
}

// BandKeys appends to dst one key per band of sig: a seeded hash of the band
// number and its r values. Two passages are LSH candidates when they share a
// key.
func BandKeys(sig Signature, bands, rows int, seed uint64, dst []uint64) []uint64 {
	for b := 0; b < bands; b++ {
		h := seed ^ uint64(b+1)*0x9e3779b97f4a7c15
		for _, v := range sig[b*rows : (b+1)*rows] {
			h = mix64(h ^ v)
		}
		dst = append(dst, h)
	}
	return dst
}

// docBits is how many low bits of a bucket entry hold the article number;
// the high bits hold the band key. Eight bytes an entry keep 100,000
// articles of ten passages and 25 bands in 200 MB.
const docBits = 24

// MaxArticles is the most articles one run can hold.
const MaxArticles = 1 << docBits

// shardBits sets how many shards Buckets splits its keys into, by their top
// bits: shards sort independently and in parallel.
const shardBits = 8

// Buckets collects band keys and turns shared keys into candidate article
// pairs. It keeps only keys and article numbers, never text or signatures.
type Buckets struct {
	// shards hold key<<docBits | doc, split by the key's top shardBits
	// bits, which the shard's number gives back, so that an entry keeps
	// its passage tag (KeyTag) there instead. Each shard is in chunks of
	// chunkSize entries: no slice is ever copied to grow, and at most one
	// chunk per shard is partly empty.
	shards    [1 << shardBits][][]uint64
	n         int
	maxDoc    uint32
	maxBucket int
	minShared int
	// spillDir, once SpillTo is called, is where keys and pair counts go
	// to disk (keys holds the keys' shards there), so that memory holds
	// one shard at a time.
	spillDir string
	keys     *spill
}

// RareBucket is the most articles a bucket may hold for its key to count
// in full toward MinSharedKeys; a key of a larger bucket counts half (the
// state's candidate lookup applies the same weights). On
// the perf corpus at 100,000 articles this cut the candidate pairs from
// 1,003,895 to 290,126 and on the generator's from 203,530 to 161,187, and
// every link found before was found (25,227 and 145,857).
const RareBucket = 8

// chunkSize is the number of entries in one chunk of a shard (64 KB).
const chunkSize = 8192

// NewBuckets returns an empty Buckets. Buckets with more than maxBucket
// distinct articles are linked as a chain plus a star instead of all pairs.
// A pair is a candidate when it shares at least minShared keys, where a key
// of a bucket of more than RareBucket articles counts half: a passage that
// recurs across many articles (a stock phrase of a large archive) is weak
// evidence that two of them are versions; and when the keys come from two
// passages of one of the articles (Evidence, the passage rule).
func NewBuckets(maxBucket, minShared int) *Buckets {
	return &Buckets{maxBucket: maxBucket, minShared: max(1, minShared)}
}

// SpillTo makes b keep its keys, and Pairs its pair counts, in an unlinked
// temporary file in dir ("" for os.TempDir) rather than in memory: about
// 2.4 KB an article of keys, and more of pair counts, become one shard at
// a time. Call it before Add.
func (b *Buckets) SpillTo(dir string) error {
	if b.n > 0 {
		return errors.New("lsh: SpillTo after Add")
	}
	keys, err := newSpill(dir, 1<<shardBits)
	if err != nil {
		return err
	}
	b.spillDir, b.keys = dir, keys
	return nil
}

// Add records that article doc (< MaxArticles) has the given band keys,
// tagged with their passages as Analyze returns them.
func (b *Buckets) Add(doc uint32, keys []uint64) {
	b.maxDoc = max(b.maxDoc, doc)
	for _, k := range keys {
		e := k<<docBits | uint64(doc)
		s := e >> (64 - shardBits)
		e = e<<shardBits>>shardBits | uint64(KeyTag(k))<<(64-shardBits)
		if b.keys != nil {
			b.keys.add(int(s), e)
			continue
		}
		chunks := b.shards[s]
		if len(chunks) == 0 || len(chunks[len(chunks)-1]) == chunkSize {
			chunks = append(chunks, make([]uint64, 0, chunkSize))
			b.shards[s] = chunks
		}
		last := &chunks[len(chunks)-1]
		*last = append(*last, e)
	}
	b.n += len(keys)
}

// Len is the number of recorded keys.
func (b *Buckets) Len() int { return b.n }

// Pair is two article numbers, A < B.
type Pair struct{ A, B uint32 }

// Pairs returns the distinct candidate pairs, sorted, using up to workers
// goroutines. It frees the keys (and removes the spill file).
//
// It stays in one piece: the shards, the bins and the two parallel passes
// share their buffers.
func (b *Buckets) Pairs(ctx context.Context, workers int) ([]Pair, error) {
	if b.keys != nil {
		defer b.keys.close()
		if err := b.keys.finish(); err != nil {
			return nil, err
		}
	}
	// Pair occurrences (packPair, one per shared key) are binned by A's
	// top 8 bits in use, then each bin sorted and counted on its own.
	shift := max(0, bits.Len32(b.maxDoc)-8) + occA
	binOf := func(p uint64) int { return int(p >> shift) }
	var occ *spill // the bins on disk, when spilling
	if b.keys != nil {
		var err error
		if occ, err = newSpill(b.spillDir, 256); err != nil {
			return nil, err
		}
		defer occ.close()
	}
	perShard := make([][]uint64, len(b.shards))
	errs := make([]error, len(b.shards))
	err := workpool.Run(ctx, len(b.shards), workers, func() func(int) {
		return func(s int) {
			e := slices.Concat(b.shards[s]...)
			b.shards[s] = nil
			if b.keys != nil {
				if e, errs[s] = b.keys.read(s, nil); errs[s] != nil {
					return
				}
			}
			pairs := b.shardPairs(e)
			if occ != nil {
				occ.addAll(pairs, binOf)
				return
			}
			perShard[s] = pairs
		}
	}, nil)
	if err := errors.Join(err, errors.Join(errs...)); err != nil {
		return nil, err
	}
	var bins [][]uint64
	if occ != nil {
		if err := occ.finish(); err != nil {
			return nil, err
		}
	} else {
		bins = binPairs(perShard, binOf)
	}
	found := make([][]Pair, 256)
	errs = make([]error, 256)
	err = workpool.Run(ctx, 256, workers, func() func(int) {
		return func(bin int) {
			var packed []uint64
			if occ != nil {
				packed, errs[bin] = occ.read(bin, nil)
			} else {
				packed, bins[bin] = bins[bin], nil
			}
			found[bin] = b.keepShared(packed)
		}
	}, nil)
	if err := errors.Join(err, errors.Join(errs...)); err != nil {
		return nil, err
	}
	return slices.Concat(found...), nil
}

// binPairs scatters the shards' pair lists into 256 bins by binOf, freeing
// the lists.
func binPairs(perShard [][]uint64, binOf func(uint64) int) [][]uint64 {
	var count [256]int
	for _, ps := range perShard {
		for _, p := range ps {
			count[binOf(p)]++
		}
	}
	bins := make([][]uint64, 256)
	for i := range bins {
		bins[i] = make([]uint64, 0, count[i])
	}
	for s, ps := range perShard {
		for _, p := range ps {
			bins[binOf(p)] = append(bins[binOf(p)], p)
		}
		perShard[s] = nil
	}
	return bins
}

// keepShared sorts packed pairs and returns those that are candidates
// (Evidence.Enough).
func (b *Buckets) keepShared(packed []uint64) []Pair {
	slices.Sort(packed)
	var pairs []Pair
	for i := 0; i < len(packed); {
		var ev Evidence
		j := i
		for ; j < len(packed) && packed[j]>>occB == packed[i]>>occB; j++ {
			ev.add(packed[j])
		}
		if ev.Enough(b.minShared) {
			pairs = append(pairs, occurrencePair(packed[i]))
		}
		i = j
	}
	return pairs
}

// shardPairs groups one shard's entries by key and returns the pairs of its
// buckets, each packed by packPair.
func (b *Buckets) shardPairs(e []uint64) []uint64 {
	e = radixSortKeys(e, make([]uint64, len(e)))
	const docMask = 1<<docBits - 1
	key := func(e uint64) uint64 { return e << shardBits >> (shardBits + docBits) }
	var pairs []uint64
	var members []uint32
	for i := 0; i < len(e); {
		j := i
		members = members[:0]
		for ; j < len(e) && key(e[j]) == key(e[i]); j++ {
			members = append(members, member(uint32(e[j]&docMask), uint8(e[j]>>(64-shardBits))))
		}
		if len(members) > 1 {
			slices.Sort(members)
			pairs = b.bucketPairs(compactMembers(members), pairs)
		}
		i = j
	}
	return pairs
}

// radixSortKeys orders entries by their key bits (above docBits and below
// the shard bits, which are equal within a shard) with a least-significant-
// digit radix sort, a byte at a time, using scratch of the same length. The
// order of articles within one key is left as it comes. It returns the
// sorted slice, which is e or scratch.
func radixSortKeys(e, scratch []uint64) []uint64 {
	var count [256]int
	for shift := uint(docBits); shift < 64-shardBits; shift += 8 {
		clear(count[:])
		for _, x := range e {
			count[byte(x>>shift)]++
		}
		pos := 0
		for i, c := range count {
			count[i] = pos
			pos += c
		}
		for _, x := range e {
			d := byte(x >> shift)
			scratch[count[d]] = x
			count[d]++
		}
		e, scratch = scratch, e
	}
	return e
}

// bucketPairs appends the pairs of one bucket's members (BucketMember),
// sorted and one per article, packed by packPair.
func (b *Buckets) bucketPairs(docs []uint32, pairs []uint64) []uint64 {
	rare := len(docs) <= RareBucket
	if len(docs) <= b.maxBucket {
		for x := 0; x < len(docs); x++ {
			for y := x + 1; y < len(docs); y++ {
				pairs = append(pairs, packPair(docs[x], docs[y], rare))
			}
		}
		return pairs
	}
	for x := 1; x < len(docs); x++ {
		pairs = append(pairs, packPair(docs[x-1], docs[x], false), packPair(docs[0], docs[x], false))
	}
	return pairs
}

func comparePairs(x, y Pair) int {
	if x.A != y.A {
		return int(x.A) - int(y.A)
	}
	return int(x.B) - int(y.B)
}
