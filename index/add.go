package index

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/state"
	"github.com/neardup/neardup/text"
)

// Default batch bounds. Larger batches make fewer, larger bleve segments:
// at 100,000 generated articles, batches of 4,000 index 7% faster than
// batches of 1,000 with 10% less CPU; a reader waits at most one batch
// (about 3 s of work on 2 cores).
const (
	DefaultBatchSize  = 4000
	DefaultBatchBytes = 64 << 20
)

// AddOptions configure Add.
type AddOptions struct {
	// BatchSize is the most articles in one batch; zero means
	// DefaultBatchSize. Every batch is durable when the next starts.
	BatchSize int
	// BatchBytes is the most bytes of article text (title and body) in one
	// batch; zero means DefaultBatchBytes. A single larger article makes a
	// batch of its own.
	BatchBytes int
	// Lang, when set, is the language of every article.
	Lang text.Lang
	// Workers is the number of goroutines for analysis and verification;
	// zero means one per core.
	Workers int
	// Progress, if set, is told how many articles have been read and how
	// many are committed. It may be called from two goroutines at once.
	Progress func(read, committed int)
}

// SetDefaults fills the zero fields of o (Workers and Lang stay: the
// state resolves them).
func (o *AddOptions) SetDefaults() {
	if o.BatchSize <= 0 {
		o.BatchSize = DefaultBatchSize
	}
	if o.BatchBytes <= 0 {
		o.BatchBytes = DefaultBatchBytes
	}
	if o.Progress == nil {
		o.Progress = func(read, committed int) {}
	}
}

// Report counts what Add did.
type Report struct {
	Read      int // articles read
	Added     int // new articles indexed (Replaced included)
	Replaced  int // articles indexed again with new content
	Unchanged int // articles already indexed with the same content, skipped
	Updated   int // indexed articles whose story fields changed
	Batches   int // batches committed
	// NewStories counts the stories created; Merges and Splits list the
	// stories joined or split by new articles, in batch order.
	NewStories int
	Merges     []state.Merge
	Splits     []state.Split
	Learned    int // paragraphs learned as boilerplate
}

// Add reads articles and adds them to the index in batches bounded by
// count and bytes. Each batch is prepared on the read-only halves (readers
// carry on meanwhile), then, under the exclusive lock (see Index),
// committed to the dedupe state with the documents bleve must receive,
// written to bleve and marked done. A crash loses at most the batch being
// committed; the next Open completes a committed one, and adding the same
// input again skips what is there. An article whose id is indexed is
// replaced when its content changed and skipped when it did not.
func (x *Index) Add(ctx context.Context, read corpus.Source, opt AddOptions) (_ Report, err error) {
	defer guard(x.dir, &err)
	if x.readOnly {
		return Report{}, errors.New("index: opened read-only")
	}
	opt.SetDefaults()
	// Hold the commit window open from batch to batch while no reader
	// waits (see Index), and rest when done.
	x.holding = true
	defer func() {
		x.holding = false
		if x.writable {
			err = errors.Join(err, x.rest())
		}
	}()
	a := &adder{x: x, opt: opt}
	// One goroutine reads and cuts batches, one ahead of the batch being
	// prepared, so that parsing the input overlaps the work on the last.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []corpus.Article, 1)
	readErr := make(chan error, 1)
	go func() {
		defer close(batches)
		readErr <- a.cut(ctx, read, batches)
	}()
	for batch := range batches {
		if err = a.flush(ctx, batch); err != nil {
			cancel()
			for range batches { // let the reader see the cancellation and stop
			}
			break
		}
	}
	rerr := <-readErr
	if err == nil && rerr != nil {
		err = rerr
	}
	a.rep.Read = int(a.read.Load())
	return a.rep, err
}

// cut reads the articles and sends them in batches bounded by count and
// bytes.
func (a *adder) cut(ctx context.Context, read corpus.Source, out chan<- []corpus.Article) error {
	var batch []corpus.Article
	bytes := 0
	send := func() error {
		select {
		case out <- batch:
			batch, bytes = nil, 0
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	err := read(func(art corpus.Article) error {
		a.read.Add(1)
		if len(batch) > 0 && bytes+len(art.Body)+len(art.Title) > a.opt.BatchBytes {
			if err := send(); err != nil {
				return err
			}
		}
		batch = append(batch, art)
		bytes += len(art.Body) + len(art.Title)
		if len(batch) >= a.opt.BatchSize {
			if err := send(); err != nil {
				return err
			}
		}
		a.progress()
		return nil
	})
	if err == nil && len(batch) > 0 {
		err = send()
	}
	return err
}

// adder runs the batches of one Add.
type adder struct {
	x         *Index
	opt       AddOptions
	rep       Report
	read      atomic.Int64 // articles read, by the reading goroutine
	committed atomic.Int64
}

// flush prepares a batch, then commits it and writes it to bleve in one
// commit window.
func (a *adder) flush(ctx context.Context, batch []corpus.Article) error {
	u, err := a.x.state.Prepare(ctx, batch, state.AddOptions{Lang: a.opt.Lang, Workers: a.opt.Workers})
	if err != nil {
		return err
	}
	docs := pendingDocs(u)
	var payload []byte
	if len(docs) > 0 {
		if payload, err = encodePending(docs); err != nil {
			return err
		}
	}
	err = a.x.commitWindow(ctx, func() error {
		if err := a.x.state.Commit(u, payload); err != nil {
			return err
		}
		if len(docs) == 0 {
			return nil
		}
		if err := a.x.apply(u.Seq, docs); err != nil {
			return fmt.Errorf("batch %d: %w", u.Seq, err)
		}
		return a.x.state.ClearPending(u.Seq)
	})
	if err != nil {
		return err
	}
	a.rep.Batches++
	a.rep.Added += len(u.Added)
	a.rep.Replaced += u.Replaced
	a.rep.Unchanged += u.Unchanged
	a.rep.Updated += len(u.Changed)
	a.rep.NewStories += u.NewStories
	a.rep.Learned += u.Learned
	a.rep.Merges = append(a.rep.Merges, u.Merges...)
	a.rep.Splits = append(a.rep.Splits, u.Splits...)
	a.committed.Add(int64(len(batch)))
	a.progress()
	return nil
}

func (a *adder) progress() {
	if a.opt.Progress != nil {
		a.opt.Progress(int(a.read.Load()), int(a.committed.Load()))
	}
}
