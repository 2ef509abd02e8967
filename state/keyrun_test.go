package state

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestKeyRunLookup checks span and search against a linear scan, for runs
// of sizes around the fence stride, with repeated and missing keys.
func TestKeyRunLookup(t *testing.T) {
	const seed = 7
	rng := rand.New(rand.NewPCG(seed, seed))
	for _, n := range []int{0, 1, fenceStride - 1, fenceStride, fenceStride + 1, 5*fenceStride + 3, 3000} {
		var entries []uint64
		for range n {
			key := uint64(rng.IntN(n/3 + 2))
			if rng.IntN(50) == 0 {
				key = keyMask // the last key
			}
			entries = append(entries, key<<docBits|uint64(rng.IntN(1000)))
		}
		slices.Sort(entries)
		entries = slices.Compact(entries)
		path := filepath.Join(t.TempDir(), "r.run")
		if err := writeRun(path, entries); err != nil {
			t.Fatal(err)
		}
		r, err := openRun(path, len(entries))
		if err != nil {
			t.Fatal(err)
		}
		if err := r.verify(); err != nil {
			t.Errorf("n=%d: verify: %v", n, err)
		}
		for key := uint64(0); key < uint64(n/3+4); key++ {
			for _, k := range []uint64{key, keyMask} {
				lo, hi := r.span(k)
				wantLo, wantHi := 0, 0
				for i, e := range entries {
					if e>>docBits < k {
						wantLo = i + 1
					}
					if e>>docBits <= k {
						wantHi = i + 1
					}
				}
				if lo != wantLo || hi != wantHi {
					t.Fatalf("n=%d seed=%d key %d: span [%d,%d), want [%d,%d)", n, seed, k, lo, hi, wantLo, wantHi)
				}
			}
		}
		r.close()
	}
}

func TestKeyRunDamageIsAnError(t *testing.T) {
	entries := []uint64{1 << docBits, 2<<docBits | 5, 9 << docBits}
	path := filepath.Join(t.TempDir(), "r.run")
	if err := writeRun(path, entries); err != nil {
		t.Fatal(err)
	}
	if _, err := openRun(path, 4); err == nil {
		t.Error("opened a run with the wrong count")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[runHeader+3] ^= 0xff
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := openRun(path, len(entries))
	if err != nil {
		t.Fatal(err)
	}
	defer r.close()
	if err := r.verify(); err == nil {
		t.Error("verify passed a damaged run")
	}
}

// TestStoreCompactsAndCleans adds many small batches (so key runs merge),
// then checks the state and that a stray run file is removed on open.
func TestStoreCompactsAndCleans(t *testing.T) {
	arts := readAll(t, "../demo/corpus.jsonl")
	sizes := make([]int, len(arts))
	for i := range sizes {
		sizes[i] = 1
	}
	s := addBatches(t, arts, sizes...)
	if n := len(s.runs[tableBands]); n >= len(arts) || n > 3*(mergeFanIn-1)+1 {
		t.Errorf("%d band runs after %d batches: not merged", n, len(arts))
	}
	problems, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Errorf("check: %q", problems)
	}
	dir := s.Dir()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	stray := filepath.Join(dir, KeysDir, "bands-999999.run")
	if err := os.WriteFile(stray, []byte("left by a killed run"), 0o644); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if _, err := os.Stat(stray); !os.IsNotExist(err) {
		t.Errorf("stray run file not removed: %v", err)
	}
	if got := storeStories(t, s2); len(got) != len(arts) {
		t.Errorf("%d articles after reopening, want %d", len(got), len(arts))
	}
}

// TestLookupAllMatchesSpan checks the batched lookup against one search
// per key, for many keys (cursor walk) and few (binary search).
func TestLookupAllMatchesSpan(t *testing.T) {
	const seed = 11
	rng := rand.New(rand.NewPCG(seed, seed))
	var entries []uint64
	for range 20000 {
		entries = append(entries, uint64(rng.IntN(5000))<<docBits|uint64(rng.IntN(100)))
	}
	slices.Sort(entries)
	entries = slices.Compact(entries)
	path := filepath.Join(t.TempDir(), "r.run")
	if err := writeRun(path, entries); err != nil {
		t.Fatal(err)
	}
	r, err := openRun(path, len(entries))
	if err != nil {
		t.Fatal(err)
	}
	defer r.close()
	s := &Store{}
	s.runs[tableBands] = []*keyRun{r, r}
	for _, n := range []int{3, 6000} {
		var keys []uint64
		for range n {
			keys = append(keys, uint64(rng.IntN(5200)))
		}
		slices.Sort(keys)
		keys = slices.Compact(keys)
		found := s.lookupAll(tableBands, keys)
		for _, k := range keys {
			lo, hi := r.span(k)
			var want []runSpan
			if hi > lo {
				want = []runSpan{{r, lo, hi}, {r, lo, hi}}
			}
			if got := found[k]; !slices.Equal(got, want) {
				t.Fatalf("%d keys, seed %d: key %d: spans %v, want %v", n, seed, k, got, want)
			}
		}
	}
}
