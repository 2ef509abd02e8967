package dedupe

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
// keys must be sorted and distinct (masked to keyMask). It walks each run
// once with a cursor over its fences, which touches memory in order, and
// returns the spans of the keys found. With few keys against a large run
// it searches each key instead.
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
		f := 0 // fence[f] < x for the current key x, or f == 0
		for _, k := range keys {
			x := k << docBits
			for f+1 < len(r.fence) && r.fence[f+1] < x {
				f++
			}
			lo, hi := f*fenceStride, min(r.count, (f+1)*fenceStride+1)
			for lo < hi { // the first entry ≥ x within the block (or the next fence's entry)
				m := int(uint(lo+hi) >> 1)
				if r.at(m) < x {
					lo = m + 1
				} else {
					hi = m
				}
			}
			end := lo
			for end < r.count && r.at(end)>>docBits == k {
				end++
			}
			if end > lo {
				found[k] = append(found[k], runSpan{r, lo, end})
			}
		}
	}
	return found
}
