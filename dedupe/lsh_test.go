package dedupe

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/neardup/neardup/internal/unionfind"
)

func TestOptimalBands(t *testing.T) {
	for _, tc := range []struct {
		threshold   float64
		hashes      int
		bands, rows int
	}{
		{0.3, 128, 37, 3},
		{0.4, 128, 32, 4},
		{0.5, 128, 25, 5},
		{0.8, 128, 9, 13},
	} {
		b, r := OptimalBands(tc.threshold, tc.hashes, 0.5, 0.5)
		if b != tc.bands || r != tc.rows {
			t.Errorf("OptimalBands(%v, %d) = %d×%d, want %d×%d", tc.threshold, tc.hashes, b, r, tc.bands, tc.rows)
		}
		if b*r > tc.hashes {
			t.Errorf("%d×%d exceeds %d hashes", b, r, tc.hashes)
		}
		// The S-curve must be low well below the threshold and high well above it.
		if p := candidateProb(tc.threshold-0.2, b, r); p > 0.35 {
			t.Errorf("t=%v: P(t−0.2) = %.3f, want ≤ 0.35", tc.threshold, p)
		}
		if p := candidateProb(min(1, tc.threshold+0.2), b, r); p < 0.95 {
			t.Errorf("t=%v: P(t+0.2) = %.3f, want ≥ 0.95", tc.threshold, p)
		}
	}
	// Weighting false negatives more must lower the effective threshold.
	b1, r1 := OptimalBands(0.5, 128, 0.5, 0.5)
	b2, r2 := OptimalBands(0.5, 128, 0.1, 0.9)
	if candidateProb(0.4, b2, r2) <= candidateProb(0.4, b1, r1) {
		t.Errorf("fn-weighted %d×%d should catch more at 0.4 than %d×%d", b2, r2, b1, r1)
	}
}

func TestBucketsPairs(t *testing.T) {
	for _, spill := range []bool{false, true} {
		b := NewBuckets(3, 1)
		if spill {
			if err := b.SpillTo(t.TempDir()); err != nil {
				t.Fatal(err)
			}
		}
		b.Add(0, inPassages(10, 20))
		b.Add(1, inPassages(10, 30))
		b.Add(2, inPassages(20, 30, 10))
		b.Add(3, inPassages(40, 40)) // a key twice in one article: no self pair
		got, err := b.Pairs(context.Background(), 2)
		if err != nil {
			t.Fatal(err)
		}
		// 0 and 1 share one key, of one passage: not a candidate even at
		// one key (the passage rule); 2 shares two passages with each.
		want := []Pair{{0, 2}, {1, 2}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("spill %v: pairs (-want +got):\n%s", spill, diff)
		}
	}
}

// TestBucketsSpillSame checks that keys and pair counts kept on disk give
// the pairs kept in memory give, on enough keys to fill many blocks of
// every shard and bin, with pairs that share one key and pairs that share
// several.
func TestBucketsSpillSame(t *testing.T) {
	const docs = 3000
	run := func(spill bool) []Pair {
		b := NewBuckets(8, 2)
		if spill {
			if err := b.SpillTo(t.TempDir()); err != nil {
				t.Fatal(err)
			}
		}
		rng := rand.New(rand.NewPCG(1, 2))
		var keys []uint64
		for d := uint32(0); d < docs; d++ {
			keys = keys[:0]
			for range 200 {
				keys = append(keys, rng.Uint64N(docs*60)) // collisions by chance: pairs of one key
			}
			if d%3 == 1 { // versions: share a run of keys with the article before
				keys = append(keys, uint64(d)<<40|1, uint64(d)<<40|2, uint64(d)<<40|3)
			}
			if d%3 == 2 {
				keys = append(keys, uint64(d-1)<<40|1, uint64(d-1)<<40|2, uint64(d-1)<<40|3)
			}
			b.Add(d, inPassages(keys...))
		}
		pairs, err := b.Pairs(context.Background(), 2)
		if err != nil {
			t.Fatal(err)
		}
		return pairs
	}
	mem, disk := run(false), run(true)
	if len(mem) < docs/3 {
		t.Fatalf("only %d pairs: the test makes at least %d", len(mem), docs/3)
	}
	if diff := cmp.Diff(mem, disk); diff != "" {
		t.Errorf("spilled pairs differ (-memory +disk):\n%s", diff)
	}
}

func TestBucketsLargeBucketIsLinear(t *testing.T) {
	b := NewBuckets(4, 1)
	for d := uint32(0); d < 100; d++ {
		b.Add(d, inPassages(7, 8)) // two keys of large buckets weigh one
	}
	got, err := b.Pairs(context.Background(), 2)
	if err != nil {
		t.Fatal(err)
	}
	// Chain (i−1, i) and star (0, i): 99 + 99 − 1 shared (0,1) = 197 pairs.
	if len(got) != 197 {
		t.Errorf("%d pairs, want 197 (chain + star, not 4950)", len(got))
	}
	u := unionfind.New(100)
	for _, p := range got {
		u.Union(int32(p.A), int32(p.B))
	}
	for d := int32(1); d < 100; d++ {
		if u.Find(d) != u.Find(0) {
			t.Fatalf("article %d not connected to the bucket", d)
		}
	}
}

func TestRadixSortKeys(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const shard = uint64(0xAB) << (64 - shardBits)
	e := make([]uint64, 5000)
	for i := range e {
		key := r.Uint64N(300) << docBits // few keys: many equal ones
		e[i] = shard | key | r.Uint64N(1<<docBits)
	}
	got := radixSortKeys(slices.Clone(e), make([]uint64, len(e)))
	for i := 1; i < len(got); i++ {
		if got[i-1]>>docBits > got[i]>>docBits {
			t.Fatalf("keys out of order at %d: %x > %x", i, got[i-1]>>docBits, got[i]>>docBits)
		}
	}
	slices.Sort(got)
	slices.Sort(e)
	if !slices.Equal(got, e) {
		t.Fatal("radix sort lost or changed entries")
	}
}

// TestBucketsWeighCommonKeysHalf checks that a key of a bucket of more
// than RareBucket articles counts half toward MinSharedKeys.
func TestBucketsWeighCommonKeysHalf(t *testing.T) {
	b := NewBuckets(64, 2)
	add := func(d uint32, keys ...uint64) { b.Add(d, inPassages(keys...)) }
	// Keys 100–103 are each in a bucket of 20 articles (common); keys
	// 1–9 in buckets of two (rare).
	for d := uint32(10); d < 30; d++ {
		add(d, 100, 101, 102, 103)
	}
	add(0, 1, 2)   // 0 and 1 share two rare keys: a candidate
	add(1, 1, 2)   //
	add(2, 3, 100) // 2 shares only common key 100 with 10–29
	got, err := b.Pairs(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	has := func(a, c uint32) bool { return slices.Contains(got, Pair{a, c}) }
	if !has(0, 1) {
		t.Error("two rare keys: not a candidate")
	}
	if !has(10, 11) {
		t.Error("four common keys: not a candidate")
	}
	if has(2, 10) {
		t.Error("one common key: a candidate")
	}
	b = NewBuckets(64, 2)
	for d := uint32(10); d < 30; d++ {
		b.Add(d, inPassages(100, 101))
	}
	got, err = b.Pairs(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("two common keys make %d candidates, want none (each counts half)", len(got))
	}
}

// inPassages tags each key with a passage of its own (key i, passage
// i % weakBase), as Analyze tags the keys of an article of many passages.
func inPassages(keys ...uint64) []uint64 {
	out := make([]uint64, len(keys))
	for i, k := range keys {
		out[i] = withTag(k, i%weakBase)
	}
	return out
}

// passage returns keys tagged with one passage, tag.
func passage(tag int, keys ...uint64) []uint64 {
	out := make([]uint64, len(keys))
	for i, k := range keys {
		out[i] = withTag(k, tag)
	}
	return out
}

// TestBucketsPassageRule checks that a pair is a candidate only when its
// shared keys come from two passages of one of the articles, or one of
// them is exempt (a wildcard tag).
func TestBucketsPassageRule(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b []uint64
		want bool
	}{
		{"one passage in every band", passage(0, 1, 2, 3, 4), passage(3, 1, 2, 3, 4), false},
		{"two passages of each", slices.Concat(passage(0, 1, 2), passage(1, 5, 6)), slices.Concat(passage(4, 1, 2), passage(7, 5, 6)), true},
		{"two passages of A met by one of B (merged)", slices.Concat(passage(0, 1, 2), passage(1, 5, 6)), passage(2, 1, 2, 5, 6), true},
		{"one passage of A met by two of B (split)", passage(2, 1, 2, 5, 6), slices.Concat(passage(0, 1, 2), passage(1, 5, 6)), true},
		{"one passage, B exempt", passage(0, 1, 2, 3), passage(wildTag, 1, 2, 3), true},
		{"one passage, A exempt", passage(wildTag, 1, 2, 3), passage(5, 1, 2, 3), true},
		{"two passages but one key", slices.Concat(passage(0, 1), passage(1, 9)), passage(0, 1), false},
		{"one small passage of an exempt A, rare keys", passage(weakBase+2, 1, 2, 3), passage(5, 1, 2, 3), true},
		{"one small passage of an exempt B, rare keys", passage(5, 1, 2, 3), passage(weakBase, 1, 2, 3), true},
		{"small passages of both, rare keys", passage(weakBase, 1, 2, 3), passage(weakBase+1, 1, 2, 3), true},
	} {
		for _, spill := range []bool{false, true} {
			b := NewBuckets(64, 2)
			if spill {
				if err := b.SpillTo(t.TempDir()); err != nil {
					t.Fatal(err)
				}
			}
			b.Add(0, tc.a)
			b.Add(1, tc.b)
			got, err := b.Pairs(context.Background(), 2)
			if err != nil {
				t.Fatal(err)
			}
			if (len(got) == 1) != tc.want {
				t.Errorf("%s (spill %v): pairs %v, want candidate %v", tc.name, spill, got, tc.want)
			}
		}
	}
}

// TestBucketsWeakPassageNeedsRareKeys checks that the keys of a small
// passage of an exempt article make it a candidate only while their
// buckets are rare: the same passage in more than RareBucket articles is
// stock text, and the pair needs two passages as any other.
func TestBucketsWeakPassageNeedsRareKeys(t *testing.T) {
	for _, others := range []int{0, RareBucket - 2, RareBucket} {
		b := NewBuckets(64, 2)
		b.Add(0, passage(weakBase+1, 1, 2, 3, 4))
		b.Add(1, passage(0, 1, 2, 3, 4))
		for d := range others { // the passage again, in articles of one passage
			b.Add(uint32(2+d), passage(0, 1, 2, 3, 4))
		}
		got, err := b.Pairs(context.Background(), 2)
		if err != nil {
			t.Fatal(err)
		}
		// Articles 1… share one ordinary passage: never a pair. Article
		// 0 pairs with each of them while the buckets hold at most
		// RareBucket articles.
		want := 0
		if 2+others <= RareBucket {
			want = 1 + others
		}
		if len(got) != want {
			t.Errorf("a bucket of %d articles: %d pairs %v, want %d", 2+others, len(got), got, want)
		}
	}
}

// TestBucketPairsMatchBuckets checks the exported pieces a distributed
// runner uses (BucketMember, BucketPairs, CandidatePairs) give the pairs
// Buckets gives.
func TestBucketPairsMatchBuckets(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const docs = 400
	b := NewBuckets(6, 2)
	members := map[uint64][]uint32{}
	for d := uint32(0); d < docs; d++ {
		var keys []uint64
		for range 30 {
			keys = append(keys, withTag(rng.Uint64N(2000), int(rng.Uint64N(4))))
		}
		if d%5 == 0 {
			keys[0] = withTag(keys[0], wildTag)
		}
		if d%7 == 0 {
			keys[1] = withTag(keys[1], weakBase+int(rng.Uint64N(3)))
		}
		b.Add(d, keys)
		for _, k := range keys {
			members[BucketKey(k)] = append(members[BucketKey(k)], BucketMember(d, k))
		}
	}
	want, err := b.Pairs(context.Background(), 2)
	if err != nil {
		t.Fatal(err)
	}
	var occ []uint64
	for _, ms := range members {
		slices.Sort(ms)
		occ = BucketPairs(ms, 6, occ)
	}
	got := CandidatePairs(occ, 2)
	if len(want) < 50 {
		t.Fatalf("only %d pairs: the test makes more", len(want))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("exported pieces differ from Buckets (-Buckets +pieces):\n%s", diff)
	}
}
