package dedupe

import "math/bits"

// Shingles appends to dst the hashes of the word k-shingles of tokens (the
// hashes of consecutive stemmed words) and returns it. A sequence shorter
// than k yields one shingle of the whole sequence, so a short sentence still
// has an identity; an empty sequence yields none. The hash of a shingle
// depends on the seed, the order of its words and each word's hash.
func Shingles(tokens []uint32, k int, seed uint64, dst []uint64) []uint64 {
	if len(tokens) == 0 {
		return dst
	}
	if len(tokens) < k {
		return append(dst, shingleHash(tokens, seed))
	}
	for i := 0; i+k <= len(tokens); i++ {
		dst = append(dst, shingleHash(tokens[i:i+k], seed))
	}
	return dst
}

// shingleHash combines word hashes position by position, each rotated by
// its position (a rotate and an xor per word), and finishes with the
// SplitMix64 finaliser, a bijection with full avalanche. Word hashes are
// themselves random, so distinct shingles collide with probability 2⁻⁶⁴.
func shingleHash(words []uint32, seed uint64) uint64 {
	h := seed ^ uint64(len(words))<<56
	for _, w := range words {
		h = bits.RotateLeft64(h, 21) ^ uint64(w)
	}
	return mix64(h)
}

// mix64 is the SplitMix64 finaliser.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
