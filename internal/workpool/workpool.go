// Package workpool runs indexed work on a bounded number of goroutines.
// Every parallel stage of neardup (analysis, verification, alignment, the
// report) uses it, so cancellation and progress behave the same in all.
package workpool

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

// Run runs work(i) for every i in [0, n) on up to workers goroutines. Each
// goroutine gets its own work function from newWorker, for its scratch
// state; with one worker (or fewer than two items) everything runs inline
// in the caller's goroutine. It stops handing out items once ctx is done
// and returns ctx's error. progress, when not nil, is called from one
// goroutine with the count of items done: every 256 items and at the end.
func Run(ctx context.Context, n, workers int, newWorker func() func(int), progress func(done int)) error {
	if progress == nil {
		progress = func(int) {}
	}
	if workers <= 1 || n < 2 {
		work := newWorker()
		for i := 0; i < n; i++ {
			if i%256 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				progress(i)
			}
			work(i)
		}
		progress(n)
		return nil
	}
	g, ctx := errgroup.WithContext(ctx)
	next := make(chan int, workers)
	done := make(chan struct{}, workers)
	g.Go(func() error {
		defer close(next)
		for i := 0; i < n; i++ {
			select {
			case next <- i:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	})
	var wg sync.WaitGroup
	for range min(workers, n) {
		work := newWorker()
		wg.Add(1)
		g.Go(func() error {
			defer wg.Done()
			for i := range next {
				work(i)
				done <- struct{}{}
			}
			return nil
		})
	}
	go func() { wg.Wait(); close(done) }()
	count := 0
	for range done {
		count++
		if count%256 == 0 {
			progress(count)
		}
	}
	progress(count)
	return g.Wait()
}

// Each runs work(i) for every i in [0, n) on up to workers goroutines and
// returns when all are done. work must be safe for concurrent use.
func Each(n, workers int, work func(int)) {
	_ = Run(context.Background(), n, workers, func() func(int) { return work }, nil) // a background context is never done: Run returns nil
}
