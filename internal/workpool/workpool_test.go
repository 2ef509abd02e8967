package workpool

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

func TestRunDoesEveryItemOnce(t *testing.T) {
	for _, tc := range []struct{ n, workers int }{{0, 1}, {1, 4}, {5, 1}, {1000, 3}, {3, 8}} {
		seen := make([]atomic.Int32, tc.n)
		var workers atomic.Int32
		var last int
		err := Run(context.Background(), tc.n, tc.workers, func() func(int) {
			workers.Add(1)
			return func(i int) { seen[i].Add(1) }
		}, func(done int) { last = done })
		if err != nil {
			t.Fatalf("n=%d workers=%d: %v", tc.n, tc.workers, err)
		}
		for i := range seen {
			if got := seen[i].Load(); got != 1 {
				t.Errorf("n=%d workers=%d: item %d done %d times", tc.n, tc.workers, i, got)
			}
		}
		if last != tc.n {
			t.Errorf("n=%d workers=%d: last progress %d", tc.n, tc.workers, last)
		}
		if w := int(workers.Load()); w > max(1, tc.workers) {
			t.Errorf("n=%d workers=%d: %d workers made", tc.n, tc.workers, w)
		}
	}
}

func TestRunStopsWhenCancelled(t *testing.T) {
	for _, workers := range []int{1, 4} {
		ctx, cancel := context.WithCancel(context.Background())
		var done atomic.Int32
		err := Run(ctx, 100000, workers, func() func(int) {
			return func(i int) {
				if done.Add(1) == 10 {
					cancel()
				}
			}
		}, nil)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("workers=%d: err %v, want context.Canceled", workers, err)
		}
		if n := done.Load(); n >= 100000 {
			t.Errorf("workers=%d: all %d items ran after cancel", workers, n)
		}
	}
}

func TestEach(t *testing.T) {
	var sum atomic.Int64
	Each(100, 4, func(i int) { sum.Add(int64(i)) })
	if got := sum.Load(); got != 4950 {
		t.Errorf("sum %d, want 4950", got)
	}
}
