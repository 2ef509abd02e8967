package dedupe

import (
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
