//go:build unix

package index

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/neardup/neardup/corpus"
)

// TestReaderGetsInDuringAdd checks that a writer holding its commit
// window open from batch to batch lets a waiting reader in after the
// batch it is on. The input stops after two batches until the reader has
// opened the index: were the reader not let in, it would wait out its
// LockWait and fail.
func TestReaderGetsInDuringAdd(t *testing.T) {
	x, dir := openTemp(t)
	const batch, total = 10, 40
	committed := make(chan int, 100)
	readerIn := make(chan int, 1)
	read := func(fn func(corpus.Article) error) error {
		for i := range total {
			if i == 2*batch {
				select {
				case n := <-readerIn:
					t.Logf("the reader saw %d articles", n)
				case <-time.After(time.Minute):
					return fmt.Errorf("the reader did not get in")
				}
			}
			a := corpus.Article{ID: fmt.Sprintf("art%02d", i), Lang: "da",
				Body: fmt.Sprintf("Nyhed nummer %d om havnen i byen.\n\nMere om sag %d fra redaktionen.", i, i)}
			if err := fn(a); err != nil {
				return err
			}
		}
		return nil
	}
	go func() {
		for n := range committed {
			if n < batch {
				continue
			}
			r, err := Open(dir, Options{ReadOnly: true, LockWait: 5 * time.Second})
			if err != nil {
				t.Errorf("reader: %v", err)
				readerIn <- -1
				return
			}
			m, err := r.Len()
			if err != nil || m%batch != 0 || m == 0 || m >= total {
				t.Errorf("reader saw %d articles (%v): want whole batches of the run so far", m, err)
			}
			r.Close()
			readerIn <- m
			return
		}
	}()
	rep, err := x.Add(context.Background(), read, AddOptions{BatchSize: batch,
		Progress: func(_, done int) {
			select {
			case committed <- done:
			default:
			}
		}})
	close(committed)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != total {
		t.Errorf("added %d, want %d", rep.Added, total)
	}
	mustCheck(t, x)
}
