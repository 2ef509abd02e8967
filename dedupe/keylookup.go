package dedupe

import "slices"

// docMask keeps the article number of a posting entry.
const docMask = 1<<docBits - 1

// countKey returns the number of stored postings of key in table t
// (articles since replaced included).
func (s *Store) countKey(t int, key uint64) int {
	n := 0
	for _, r := range s.runs[t] {
		lo, hi := r.span(key)
		n += hi - lo
	}
	return n
}

// eachPosting calls fn with the article number of every stored posting of
// key in table t.
func (s *Store) eachPosting(t int, key uint64, fn func(num uint32)) {
	for _, r := range s.runs[t] {
		lo, hi := r.span(key)
		for i := lo; i < hi; i++ {
			fn(uint32(r.at(i) & docMask))
		}
	}
}

// bucketEnds returns, among the stored postings of band key and the
// articles in extra (ascending), the smallest article, the largest below
// num and the smallest above num, each with ok false when there is none:
// the chain and star neighbours of num in a bucket too large to pair all.
func (s *Store) bucketEnds(key uint64, num uint32, extra []uint32) (first, pred, succ uint32, okFirst, okPred, okSucc bool) {
	consider := func(x uint32) {
		if !okFirst || x < first {
			first, okFirst = x, true
		}
		if x < num && (!okPred || x > pred) {
			pred, okPred = x, true
		}
		if x > num && (!okSucc || x < succ) {
			succ, okSucc = x, true
		}
	}
	key &= keyMask
	for _, r := range s.runs[tableBands] {
		lo, hi := r.span(key)
		if lo == hi {
			continue
		}
		consider(uint32(r.at(lo) & docMask))
		if i := r.search(key<<docBits | uint64(num)); i > lo {
			consider(uint32(r.at(i-1) & docMask))
		}
		if i := r.search(key<<docBits | uint64(num) + 1); i < hi {
			consider(uint32(r.at(i) & docMask))
		}
	}
	if len(extra) > 0 {
		consider(extra[0])
		i, _ := slices.BinarySearch(extra, num)
		if i > 0 {
			consider(extra[i-1])
		}
		j, found := slices.BinarySearch(extra, num)
		if found {
			j++
		}
		if j < len(extra) {
			consider(extra[j])
		}
	}
	return first, pred, succ, okFirst, okPred, okSucc
}
