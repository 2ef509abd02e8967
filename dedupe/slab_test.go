package dedupe

import (
	"slices"
	"strings"
	"testing"
)

func TestSlab(t *testing.T) {
	var s slab[int32]
	a, b := s.make(3), s.make(2)
	if len(a) != 3 || cap(a) != 3 || len(b) != 2 {
		t.Fatalf("make(3), make(2) = len %d cap %d, len %d", len(a), cap(a), len(b))
	}
	a = append(a, 7) // beyond capacity: must not write into b
	a[0], b[0] = 1, 2
	if b[0] != 2 || b[1] != 0 {
		t.Errorf("b = %v after writes to a", b)
	}
	if e := s.make(0); e == nil || len(e) != 0 {
		t.Errorf("make(0) = %#v, want empty, not nil", e)
	}
	big := s.make(slabBytes) // far larger than a chunk's share
	if len(big) != slabBytes {
		t.Errorf("large make: len %d", len(big))
	}
	for i := range 10000 { // many chunks: each slice is zeroed and its own
		x := s.make(5)
		for k := range x {
			if x[k] != 0 {
				t.Fatalf("slice %d not zeroed: %v", i, x)
			}
			x[k] = int32(i)
		}
	}
	if got := s.clone(nil); got != nil {
		t.Errorf("clone(nil) = %v", got)
	}

	var ss stringSlab
	src := []byte("Ritzau")
	c := ss.clone(string(src))
	src[0] = 'X'
	if c != "Ritzau" || ss.clone("") != "" {
		t.Errorf("string clone = %q", c)
	}
	long := strings.Repeat("x", slabBytes)
	if ss.clone(long) != long {
		t.Error("long string clone differs")
	}
}

// TestCompress checks the CSR lists a story's alignment is kept in: each
// paragraph's entries in the order given, empty paragraphs empty.
func TestCompress(t *testing.T) {
	var vals, ints slab[int32]
	entries := []paraEntry[int32]{{3, 30}, {0, 1}, {3, 31}, {1, 10}, {0, 2}, {3, 32}}
	vs, ends := compress(entries, 5, &vals, &ints)
	want := [][]int32{{1, 2}, {10}, {}, {30, 31, 32}, {}}
	for g := range int32(5) {
		if got := span(vs, ends, g); !slices.Equal(got, want[g]) {
			t.Errorf("paragraph %d: %v, want %v", g, got, want[g])
		}
	}
	if vs, ends := compress[int32](nil, 0, &vals, &ints); len(vs) != 0 || len(ends) != 0 {
		t.Errorf("no paragraphs: %v %v", vs, ends)
	}
}
