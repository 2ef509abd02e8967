package dedupe

import (
	"fmt"
	"math/bits"
)

// Signature is a MinHash sketch of a set: NumHashes values whose agreement
// rate between two sets estimates their Jaccard similarity.
type Signature []uint64

// Jaccard estimates the Jaccard similarity of the sets behind s and t: the
// fraction of positions where the two agree. Signatures of different lengths
// have similarity 0.
func (s Signature) Jaccard(t Signature) float64 {
	if len(s) != len(t) || len(s) == 0 {
		return 0
	}
	same := 0
	for i := range s {
		if s[i] == t[i] {
			same++
		}
	}
	return float64(same) / float64(len(s))
}

// MinHasher computes signatures by one-permutation hashing with
// densification (see doc.go). It holds no mutable state and is safe for
// concurrent use.
type MinHasher struct {
	k    int
	seed uint64
	// right holds, per bin, the seeded coin that says whether an empty bin
	// borrows from the right (true) or the left.
	right []bool
}

// empty marks a bin no element fell into.
const empty = ^uint64(0)

// NewMinHasher returns a MinHasher for p.NumHashes values seeded by p.Seed.
func NewMinHasher(p Params) (*MinHasher, error) {
	if p.NumHashes < 1 {
		return nil, fmt.Errorf("dedupe: minhash needs at least 1 hash, got %d", p.NumHashes)
	}
	m := &MinHasher{k: p.NumHashes, seed: p.Seed, right: make([]bool, p.NumHashes)}
	for i := range m.right {
		m.right[i] = mix64(p.Seed^uint64(i)*0xd6e8feb86659fd93)&1 == 0
	}
	return m, nil
}

// Sign returns the signature of a set given as element hashes (duplicates
// are harmless). It runs in O(n + k) time: one pass drops each element into
// one of k bins keeping the bin minimum, a second and third pass fill the
// empty bins from their nearest non-empty neighbour. The signature of the
// empty set is all empty bins and is similar to nothing.
func (m *MinHasher) Sign(shingles []uint64) Signature {
	return m.SignInto(shingles, nil)
}

// SignInto is Sign writing into dst when it has room, to avoid allocation.
func (m *MinHasher) SignInto(shingles []uint64, dst Signature) Signature {
	k := m.k
	if cap(dst) < k {
		dst = make(Signature, k)
	}
	sig := dst[:k]
	for i := range sig {
		sig[i] = empty
	}
	for _, s := range shingles {
		h := mix64(s ^ m.seed)
		bin, _ := bits.Mul64(h, uint64(k)) // top bits choose the bin: h*k >> 64
		v := h * 0x9e3779b97f4a7c15        // value within the bin: an independent mix
		v >>= 1                            // keep v < empty
		if v < sig[bin] {
			sig[bin] = v
		}
	}
	if len(shingles) > 0 {
		m.densify(sig)
	}
	return sig
}

// densify fills each empty bin from the nearest non-empty bin, looking right
// or left (circularly) as a seeded coin for that bin says, and mixes in the
// distance so that borrowed values differ from the donor's (improved
// densification, Shrivastava & Li 2014). Two sets whose bins agree in
// emptiness borrow from the same donors, which keeps the collision
// probability equal to their Jaccard similarity. It costs O(K).
func (m *MinHasher) densify(sig Signature) {
	k := len(sig)
	var buf [2 * 512]int16 // nearest full bin to each side; on the stack up to 512 bins
	var near []int16
	if 2*k <= len(buf) {
		near = buf[:2*k]
	} else {
		near = make([]int16, 2*k)
	}
	right, left := near[:k], near[k:]
	// Two linear scans each way, twice round the circle, find for every bin
	// the nearest full bin to its right and to its left: O(K) in all.
	last := -1
	for pass := 0; pass < 2; pass++ {
		for i := k - 1; i >= 0; i-- {
			if sig[i] != empty {
				last = i
			}
			right[i] = int16(last)
		}
	}
	last = -1
	for pass := 0; pass < 2; pass++ {
		for i := 0; i < k; i++ {
			if sig[i] != empty {
				last = i
			}
			left[i] = int16(last)
		}
	}
	for i := 0; i < k; i++ {
		if sig[i] != empty {
			continue
		}
		var donor, d int
		if m.right[i] {
			donor = int(right[(i+1)%k])
			d = (donor - i + k) % k
		} else {
			donor = int(left[(i-1+k)%k])
			d = (i - donor + k) % k
		}
		sig[i] = mix64(sig[donor]+uint64(d)*0x5851f42d4c957f2d) >> 1
	}
}
