package state

import "slices"

// docMask keeps the article number of a posting entry.
const docMask = 1<<docBits - 1

// runSpan is where one key's postings lie in one run.
type runSpan struct {
	r      *keyRun
	lo, hi int
}

// postings finds the stored postings of key in table t: the spans in each
// run that holds it (appended to dst) and their total count (articles
// since replaced included).
func (s *Store) postings(t int, key uint64, dst []runSpan) ([]runSpan, int) {
	n := 0
	key &= keyMask
	for _, r := range s.runs[t] {
		lo := r.search(key << docBits)
		hi := lo
		for hi < r.count && r.at(hi)>>docBits == key {
			hi++
			if hi-lo > 4*fenceStride { // a long bucket: find its end by search
				if key == keyMask {
					hi = r.count
				} else {
					hi = r.search((key + 1) << docBits)
				}
				break
			}
		}
		if hi > lo {
			dst = append(dst, runSpan{r, lo, hi})
			n += hi - lo
		}
	}
	return dst, n
}

// countKey returns the number of stored postings of key in table t.
func (s *Store) countKey(t int, key uint64) int {
	_, n := s.postings(t, key, nil)
	return n
}

// eachPosting calls fn with the article number of every stored posting of
// key in table t.
func (s *Store) eachPosting(t int, key uint64, fn func(num uint32)) {
	spans, _ := s.postings(t, key, nil)
	eachInSpans(spans, fn)
}

func eachInSpans(spans []runSpan, fn func(num uint32)) {
	for _, sp := range spans {
		for i := sp.lo; i < sp.hi; i++ {
			fn(uint32(sp.r.at(i) & docMask))
		}
	}
}

// bucketEnds returns, among the postings in spans (all of one band key)
// and the articles in extra (ascending), the smallest article, the largest
// below num and the smallest above num, each with ok false when there is
// none: the chain and star neighbours of num in a bucket too large to pair
// all.
func bucketEnds(spans []runSpan, key uint64, num uint32, extra []uint32) (first, pred, succ uint32, okFirst, okPred, okSucc bool) {
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
	for _, sp := range spans {
		r := sp.r
		consider(uint32(r.at(sp.lo) & docMask))
		if i := r.search(key<<docBits | uint64(num)); i > sp.lo {
			consider(uint32(r.at(i-1) & docMask))
		}
		if i := r.search(key<<docBits | uint64(num) + 1); i < sp.hi {
			consider(uint32(r.at(i) & docMask))
		}
	}
	if len(extra) > 0 {
		consider(extra[0])
		i, found := slices.BinarySearch(extra, num)
		if i > 0 {
			consider(extra[i-1])
		}
		if found {
			i++
		}
		if i < len(extra) {
			consider(extra[i])
		}
	}
	return first, pred, succ, okFirst, okPred, okSucc
}

// lookupAll finds the stored postings of many keys of table t at once:
// keys must be sorted and distinct (masked to keyMask). It merges the keys
// with each run in order, galloping from one key's place to the next, so
// that a batch's lookups touch each run's memory once, in order. With few
// keys against a large run it searches each key instead.
func (s *Store) lookupAll(t int, keys []uint64) map[uint64][]runSpan {
	found := map[uint64][]runSpan{}
	for _, r := range s.runs[t] {
		if len(keys)*8 < len(r.fence) {
			for _, k := range keys {
				if lo, hi := r.span(k); hi > lo {
					found[k] = append(found[k], runSpan{r, lo, hi})
				}
			}
			continue
		}
		pos := 0 // every entry before pos is below the current key
		for _, k := range keys {
			pos = r.gallop(pos, k<<docBits)
			end := pos
			for end < r.count && r.at(end)>>docBits == k {
				end++
			}
			if end > pos {
				found[k] = append(found[k], runSpan{r, pos, end})
			}
			pos = end
		}
	}
	return found
}

// gallop returns the first entry ≥ x at or after from, probing 1, 2, 4, …
// entries ahead and then bisecting.
func (r *keyRun) gallop(from int, x uint64) int {
	if from >= r.count || r.at(from) >= x {
		return from
	}
	lo, step := from, 1 // r.at(lo) < x
	hi := from + step
	for hi < r.count && r.at(hi) < x {
		lo = hi
		step *= 2
		hi = from + step
	}
	hi = min(hi, r.count)
	for lo+1 < hi { // r.at(lo) < x; r.at(hi) ≥ x or hi == count
		m := int(uint(lo+hi) >> 1)
		if r.at(m) < x {
			lo = m
		} else {
			hi = m
		}
	}
	return hi
}
