package dedupe

import "unsafe"

// slabBytes is the size of the chunks a slab carves slices from.
const slabBytes = 256 << 10

// slab hands out slices carved from large chunks, for data that lives as
// long as the Result (a Doc's paragraphs and sentences, a story's
// alignment). Carving saves the size-class rounding of one allocation per
// slice; more, it keeps long-lived data out of the spans of the garbage its
// stage makes, so that when the garbage goes those spans are free as a
// whole, instead of each pinned by a few live objects (at a million
// articles that fragmentation held a fifth of the heap). A slab is not safe
// for concurrent use: each worker owns its own.
type slab[T any] struct {
	chunk []T
}

// make returns a zeroed slice of n elements with capacity n.
func (s *slab[T]) make(n int) []T {
	var zero T
	per := max(slabBytes/int(unsafe.Sizeof(zero)), 1)
	switch {
	case n == 0:
		return []T{}
	case n > per/8:
		return make([]T, n) // large enough to be its own allocation
	case len(s.chunk) < n:
		s.chunk = make([]T, per) // the rest of the old chunk is left unused
	}
	out := s.chunk[:n:n]
	s.chunk = s.chunk[n:]
	return out
}

// clone returns a copy of src carved from the slab.
func (s *slab[T]) clone(src []T) []T {
	if src == nil {
		return nil
	}
	out := s.make(len(src))
	copy(out, src)
	return out
}

// one returns a pointer to a new zero T carved from the slab.
func (s *slab[T]) one() *T { return &s.make(1)[0] }

// stringSlab copies strings into shared chunks of bytes.
type stringSlab struct{ bytes slab[byte] }

// clone returns a copy of str that shares no memory with it.
func (s *stringSlab) clone(str string) string {
	if str == "" {
		return ""
	}
	b := s.bytes.make(len(str))
	copy(b, str)
	return unsafe.String(&b[0], len(b))
}
