package unionfind

import "testing"

func TestForest(t *testing.T) {
	u := New(6)
	u.Union(0, 1)
	u.Union(2, 3)
	u.Union(1, 3)
	for _, tc := range []struct {
		a, b int32
		same bool
	}{{0, 3, true}, {2, 1, true}, {4, 5, false}, {0, 4, false}, {5, 5, true}} {
		if got := u.Find(tc.a) == u.Find(tc.b); got != tc.same {
			t.Errorf("Find(%d) == Find(%d): %v, want %v", tc.a, tc.b, got, tc.same)
		}
	}
}
