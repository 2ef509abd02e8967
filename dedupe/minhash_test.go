package dedupe

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// randomPair returns two sets of about n elements with Jaccard near j,
// drawn from r.
func randomPair(r *rand.Rand, n int, j float64) (a, b []uint64) {
	// |A∩B| = c, |A| = |B| = n: J = c / (2n − c)  ⇒  c = 2nJ / (1 + J).
	c := int(math.Round(2 * float64(n) * j / (1 + j)))
	for i := 0; i < c; i++ {
		x := r.Uint64()
		a, b = append(a, x), append(b, x)
	}
	for i := c; i < n; i++ {
		a, b = append(a, r.Uint64()), append(b, r.Uint64())
	}
	return a, b
}

func exactJaccard(a, b []uint64) float64 {
	in := map[uint64]bool{}
	for _, x := range a {
		in[x] = true
	}
	union := map[uint64]bool{}
	inter := 0
	for _, x := range b {
		if in[x] && !union[x] {
			inter++
		}
		union[x] = true
	}
	for _, x := range a {
		union[x] = true
	}
	return float64(inter) / float64(len(union))
}

func TestSignatureJaccardEstimate(t *testing.T) {
	const seed = 20261123
	t.Logf("random seed %d", seed)
	r := rand.New(rand.NewPCG(seed, 1))
	mh, err := NewMinHasher(DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		size   int
		maxMAE float64
	}{
		// With n < K most bins are empty and the sketch holds at most n
		// independent minima: the error is bounded by n, not K.
		{"sparse sets (most bins empty)", 20, 0.08},
		{"sentence-sized sets", 60, 0.05},
		{"passage-sized sets", 128, 0.05},
		{"article-sized sets", 500, 0.05},
		{"large sets", 5000, 0.05},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var sumAbs, sumSigned float64
			const trials = 300
			for i := 0; i < trials; i++ {
				j := r.Float64()
				a, b := randomPair(r, tc.size, j)
				exact := exactJaccard(a, b)
				est := mh.Sign(a).Jaccard(mh.Sign(b))
				sumAbs += math.Abs(est - exact)
				sumSigned += est - exact
			}
			mae, bias := sumAbs/trials, sumSigned/trials
			if mae > tc.maxMAE {
				t.Errorf("mean |estimate − exact| = %.4f, want ≤ %v", mae, tc.maxMAE)
			}
			if math.Abs(bias) > 0.02 {
				t.Errorf("mean estimate − exact = %+.4f, want within ±0.02 (unbiased)", bias)
			}
		})
	}
}

func TestSignatureEdgeCases(t *testing.T) {
	mh, _ := NewMinHasher(DefaultParams())
	a := []uint64{1, 2, 3, 4, 5}
	if got := mh.Sign(a).Jaccard(mh.Sign(a)); got != 1 {
		t.Errorf("identical sets: Jaccard %v, want 1", got)
	}
	if got := mh.Sign([]uint64{7, 7, 7, 1}).Jaccard(mh.Sign([]uint64{1, 7})); got != 1 {
		t.Errorf("duplicates must not matter: Jaccard %v, want 1", got)
	}
	if got := mh.Sign(nil).Jaccard(mh.Sign(a)); got != 0 {
		t.Errorf("empty set vs non-empty: Jaccard %v, want 0", got)
	}
	if got := mh.Sign(a).Jaccard(Signature{1, 2}); got != 0 {
		t.Errorf("different lengths: Jaccard %v, want 0", got)
	}
	if got := len(mh.Sign(a)); got != 128 {
		t.Errorf("signature length %d, want 128", got)
	}
	other, _ := NewMinHasher(Params{NumHashes: 128, Seed: 99})
	if mh.Sign(a).Jaccard(other.Sign(a)) > 0.2 {
		t.Error("different seeds should give unrelated signatures")
	}
}

func FuzzSignatureJaccard(f *testing.F) {
	f.Add([]byte{1, 2, 3}, []byte{2, 3, 4})
	f.Add([]byte{}, []byte{9})
	mh, _ := NewMinHasher(DefaultParams())
	f.Fuzz(func(t *testing.T, x, y []byte) {
		a, b := bytesSet(x), bytesSet(y)
		sa, sb := mh.Sign(a), mh.Sign(b)
		ab, ba := sa.Jaccard(sb), sb.Jaccard(sa)
		if ab != ba {
			t.Fatalf("not symmetric: %v vs %v", ab, ba)
		}
		if ab < 0 || ab > 1 {
			t.Fatalf("Jaccard %v outside [0,1]", ab)
		}
		if len(a) > 0 && sa.Jaccard(sa) != 1 {
			t.Fatal("a set is not fully similar to itself")
		}
	})
}

func bytesSet(b []byte) []uint64 {
	out := make([]uint64, len(b))
	for i, x := range b {
		out[i] = uint64(x) * 0x9e3779b97f4a7c15
	}
	return out
}

func ExampleSignature_Jaccard() {
	mh, _ := NewMinHasher(DefaultParams())
	words := func(s ...string) []uint64 {
		var hs []uint64
		for _, w := range s {
			hs = append(hs, mix64(uint64(len(w))<<32|uint64(w[0])<<8|uint64(w[len(w)-1])))
		}
		return hs
	}
	a := mh.Sign(words("storm", "floods", "harbour", "town", "ferry"))
	b := mh.Sign(words("storm", "floods", "harbour", "town", "ferry"))
	fmt.Println(a.Jaccard(b))
	// Output: 1
}
