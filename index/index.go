package index

import (
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/state"
)

// Names inside the index directory.
const (
	lockName      = "lock"       // shared by readers; exclusive while a writer commits a batch
	writeLockName = "write.lock" // exclusive, held by the one writer for its whole run
	knockName     = "knock"      // shared by readers waiting for the lock (see Index)
	bleveName     = "bleve"
)

// DefaultLockWait is how long Open waits, by default, for the lock the
// other side holds: a reader for the batch a writer is committing, a
// writer for the readers to finish.
const DefaultLockWait = time.Minute

// untilCancelled is the wait of a writer's commit for the readers inside:
// a long export may hold it, and only the run's context ends it.
const untilCancelled = 100 * 365 * 24 * time.Hour

// seqKey is the bleve internal key holding the number of the last state
// batch applied to the bleve index.
var seqKey = []byte("neardup.seq")

// Options configure Open.
type Options struct {
	// Params, when set, are the dedupe parameters the caller expects: a
	// new index is created with them, and an existing one built with
	// others gives ErrParamsMismatch. Nil uses the stored ones (defaults
	// for a new index). Zero fields take their defaults.
	Params *dedupe.Params
	// ReadOnly opens for searching: a shared lock, so that several readers
	// can run at once, and beside an index run (see Index). A directory
	// without an index is ErrNoIndex.
	ReadOnly bool
	// LockWait is how long Open waits for the other side's lock (see
	// DefaultLockWait, the value when zero) before it gives ErrLocked. A
	// second writer never waits.
	LockWait time.Duration
}

// SetDefaults fills the zero fields of the Params, when given.
func (o *Options) SetDefaults() {
	if o.Params != nil {
		p := *o.Params // the caller's Params stay as they are
		p.SetDefaults()
		o.Params = &p
	}
}

// Index is a bleve full-text index of articles beside the dedupe state
// that groups them into stories. Not safe for concurrent use.
//
// Readers and a writer share the directory. A writer holds write.lock for
// its whole run (a second writer gets ErrLocked) and keeps both halves
// open read-only, as readers do, except while it commits a batch: then it
// takes the lock file exclusively, waiting for the readers there to
// finish, reopens both halves for writing, commits the state, writes
// bleve, marks the batch done and goes back. Readers take the lock file
// shared, waiting out a commit. So a reader sees every batch or none of
// it, and an index run never locks readers out for longer than a batch.
//
// Closing and reopening both halves for every batch would cost the writer
// dearly: bleve stops the segment merges it runs in the background when it
// closes, so an index built that way is left with hundreds of small
// segments, each searched by every query. So during Add the writer keeps
// both halves open for writing from one batch to the next while no reader
// waits: a reader that finds the lock taken holds the knock file shared
// while it waits, and the writer, after each batch, tries to take the knock
// file exclusively; when it cannot, it goes back to rest and lets the
// readers in.
type Index struct {
	dir      string
	lock     *os.File // the lock file: shared (reader) or exclusive (a writer's commit)
	wlock    *os.File // write.lock, held by a writer
	bleve    bleve.Index
	state    *state.Store
	readOnly bool
	lockWait time.Duration
	writable bool // both halves are open for writing (openWriter, a commit window)
	holding  bool // Add runs: commit windows stay open while no reader knocks
}

// Open opens the index in dir, creating it unless opt.ReadOnly is set, and
// completes a batch that a killed run committed to the dedupe state but
// not yet to bleve (see Index for the locks it takes).
func Open(dir string, opt Options) (x *Index, err error) {
	defer guard(dir, &err)
	wait := cmp.Or(opt.LockWait, DefaultLockWait)
	if opt.ReadOnly {
		return openReader(dir, wait)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	wlock, err := lockFile(filepath.Join(dir, writeLockName), true)
	if err != nil {
		return nil, withDir(dir, err)
	}
	// The knock file, for readers to say they wait (see Index). Should it
	// fail to be made, the writer takes every reader to knock and rests
	// after each batch.
	if f, err := os.OpenFile(filepath.Join(dir, knockName), os.O_RDONLY|os.O_CREATE, 0o644); err == nil {
		f.Close()
	}
	x = &Index{dir: dir, wlock: wlock, lockWait: wait}
	defer closeOnPanic(x)
	if err := x.openWriting(context.Background(), opt); err != nil {
		return nil, errors.Join(withDir(dir, err), x.Close())
	}
	return x, nil
}

// openWriting opens both halves for a writer that holds write.lock: for
// writing, to create them and complete a pending batch, then read-only.
func (x *Index) openWriting(ctx context.Context, opt Options) error {
	lock, err := lockWait(ctx, filepath.Join(x.dir, lockName), true, x.lockWait)
	if err != nil {
		return err
	}
	x.lock = lock
	if err := x.openWriter(opt); err != nil {
		return err
	}
	return x.rest()
}

// rest reopens both halves of a writer read-only and releases the lock
// file, so that readers can come in.
func (x *Index) rest() error {
	if err := x.reopen(false); err != nil {
		return err
	}
	err := x.lock.Close()
	x.lock = nil
	return err
}

// reopen closes the bleve half and reopens both, for writing or
// read-only.
func (x *Index) reopen(write bool) error {
	if err := x.closeBleve(); err != nil {
		return err
	}
	if err := x.state.Reopen(write); err != nil {
		return err
	}
	return x.openBleve(!write)
}

// closeBleve closes the bleve half, if open.
func (x *Index) closeBleve() error {
	x.writable = false
	if x.bleve == nil {
		return nil
	}
	err := x.bleve.Close()
	x.bleve = nil
	if err != nil {
		return fmt.Errorf("close bleve index: %w", err)
	}
	return nil
}

// commitWindow runs fn with both halves of a writer open for writing,
// under the exclusive lock, and returns to rest, unless Add holds the
// window open and no reader knocks (see Index): then the next window
// starts where this one ends.
func (x *Index) commitWindow(ctx context.Context, fn func() error) error {
	if !x.writable {
		lock, err := lockWait(ctx, filepath.Join(x.dir, lockName), true, untilCancelled)
		if err != nil {
			return err
		}
		x.lock = lock
		if err := x.reopen(true); err != nil {
			return err
		}
	}
	if err := fn(); err != nil || !x.holding || x.knocked() {
		return errors.Join(err, x.rest())
	}
	return nil
}

// knocked reports whether a reader waits for the lock: it holds the knock
// file shared. An error other than the reader's lock counts as a knock:
// resting is always safe.
func (x *Index) knocked() bool {
	f, err := lockFile(filepath.Join(x.dir, knockName), true)
	if err != nil {
		return true
	}
	f.Close()
	return false
}

// readLock takes the lock file shared for a reader, waiting up to wait
// while a writer commits; while it waits it holds the knock file shared,
// so that a writer holding its commit window open from batch to batch
// lets it in after the batch it is on. An index made before the knock
// file existed has none: the reader waits without knocking.
func readLock(dir string, wait time.Duration) (*os.File, error) {
	lock, err := lockFile(filepath.Join(dir, lockName), false)
	if !errors.Is(err, ErrLocked) {
		return lock, err
	}
	knock, err := lockWait(context.Background(), filepath.Join(dir, knockName), false, wait)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	lock, err = lockWait(context.Background(), filepath.Join(dir, lockName), false, wait)
	if knock != nil {
		knock.Close()
	}
	return lock, err
}

// openBleve opens the existing bleve half, read-only or for writing.
func (x *Index) openBleve(readOnly bool) error {
	path := filepath.Join(x.dir, bleveName)
	bi, err := bleve.OpenUsing(path, map[string]interface{}{"read_only": readOnly})
	if err != nil {
		return fmt.Errorf("%w: open bleve index %s: %w", ErrDamaged, path, err)
	}
	x.bleve, x.writable = bi, !readOnly
	return nil
}

// withDir names the index directory in an error, and says how to repair
// a damaged index.
func withDir(dir string, err error) error {
	if errors.Is(err, ErrDamaged) || errors.Is(err, state.ErrBadRun) || errors.Is(err, state.ErrCorruptRecord) {
		return fmt.Errorf("index %s: %w (neardup index --index %s --rebuild rebuilds it)", dir, err, dir)
	}
	return fmt.Errorf("index %s: %w", dir, err)
}

// openWriter opens (or creates) both halves and reconciles them.
func (x *Index) openWriter(opt Options) error {
	opt.SetDefaults()
	p := dedupe.DefaultParams()
	if opt.Params != nil {
		p = *opt.Params
	}
	st, err := state.Open(x.dir, state.Options{Params: p})
	if err != nil {
		return err
	}
	x.state = st
	if opt.Params != nil && st.Params() != p {
		return fmt.Errorf("%w: %s (pass the flags the index was built with)", ErrParamsMismatch, strings.Join(st.Params().Differences(p, "in the index", "given"), "; "))
	}
	path := filepath.Join(x.dir, bleveName)
	bi, err := bleve.Open(path)
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		if n, lerr := st.Len(); lerr != nil || n > 0 {
			return errors.Join(fmt.Errorf("%w: %s is missing beside a dedupe state of %d articles", ErrDamaged, path, n), lerr)
		}
		bi, err = bleve.NewUsing(path, newMapping(), "scorch", "scorch", nil)
	}
	if err != nil {
		return fmt.Errorf("%w: open bleve index %s: %w", ErrDamaged, path, err)
	}
	x.bleve = bi // only a real index: a nil *indexImpl in the interface would not be nil
	x.writable = true
	if err := x.reconcile(); err != nil {
		return err
	}
	return x.checkCounts()
}

// openReader opens for reading under a shared lock. A batch left pending
// by a killed run is completed first, under an exclusive lock, when no
// other reader is there; otherwise the readers see the index as it was
// before that batch.
func openReader(dir string, wait time.Duration) (*Index, error) {
	if _, err := os.Stat(filepath.Join(dir, state.StateFile)); err != nil {
		return nil, fmt.Errorf("%w in %s (create one with neardup index --index %s INPUT...)", ErrNoIndex, dir, dir)
	}
	for attempt := 0; ; attempt++ {
		lock, err := readLock(dir, wait)
		if err != nil {
			return nil, withDir(dir, err)
		}
		x := &Index{dir: dir, lock: lock, readOnly: true}
		pending, err := openReadOnlyOrClose(x)
		if err != nil {
			return nil, errors.Join(withDir(dir, err), x.Close())
		}
		if !pending || attempt > 0 {
			return x, nil
		}
		if err := x.Close(); err != nil {
			return nil, withDir(dir, err)
		}
		w, err := Open(dir, Options{LockWait: time.Nanosecond})
		if errors.Is(err, ErrLocked) || isDiskFull(err) {
			// Another reader or a writer is there, or the disk is too
			// full to finish the batch: read what is there, the index
			// before that batch.
			continue
		}
		if err != nil {
			return nil, err
		}
		if err := w.Close(); err != nil {
			return nil, err
		}
	}
}

// isDiskFull reports an error of a full disk. Bleve's segment writer
// flattens the error it wraps into text, so the text is checked too.
func isDiskFull(err error) bool {
	return err != nil && (errors.Is(err, syscall.ENOSPC) || strings.Contains(err.Error(), syscall.ENOSPC.Error()))
}

// openReadOnlyOrClose is x.openReadOnly, closing x (its lock above all)
// when a damaged file makes bleve or bbolt panic.
func openReadOnlyOrClose(x *Index) (bool, error) {
	defer closeOnPanic(x)
	return x.openReadOnly()
}

// closeOnPanic closes x during a panic, which it lets go on (to guard):
// otherwise the locks x holds would stay taken, and the next Open in this
// process, a rebuild say, would wait for them.
func closeOnPanic(x *Index) {
	if r := recover(); r != nil {
		func() {
			defer func() { recover() }() // a second panic in Close: the first is the one to report
			x.Close()
		}()
		panic(r)
	}
}

// openReadOnly opens both halves read-only and reports whether a batch is
// pending.
func (x *Index) openReadOnly() (bool, error) {
	st, err := state.Open(x.dir, state.Options{ReadOnly: true})
	if err != nil {
		return false, err
	}
	x.state = st
	if err := x.openBleve(true); err != nil {
		return false, err
	}
	seq, _, err := st.Pending()
	if err != nil || seq != 0 {
		return seq != 0, err // a pending batch: bleve lags the state until it is written
	}
	return false, x.checkCounts()
}

// checkCounts reports an index whose halves hold different numbers of
// articles once no batch is pending: a segment bleve could not load (it
// says "continuing" and serves an index without it), or a dedupe state
// lost beside a full bleve index. Searching such an index would quietly
// miss stories.
func (x *Index) checkCounts() error {
	n, err := x.state.Len()
	if err != nil {
		return err
	}
	docs, err := x.bleve.DocCount()
	if err != nil {
		return fmt.Errorf("%w: bleve: %w", ErrDamaged, err)
	}
	if docs != uint64(n) {
		return fmt.Errorf("%w: bleve holds %d documents, the dedupe state %d articles (neardup check says more)", ErrDamaged, docs, n)
	}
	return nil
}

// guard turns a panic inside bleve or bbolt, which a damaged file can
// cause, into an ErrDamaged error. Every exported method that reads the
// index defers it. After such an error the Index (or, from Open, the lock
// and files it had opened) is in no state to use: close it, or exit.
func guard(dir string, err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%w: %s: %v (neardup index --index %s --rebuild rebuilds it)", ErrDamaged, dir, r, dir)
	}
}

// Close closes both halves and releases the lock.
func (x *Index) Close() error {
	var err error
	if x.bleve != nil {
		err = errors.Join(err, x.bleve.Close())
		x.bleve = nil
	}
	if x.state != nil {
		err = errors.Join(err, x.state.Close())
		x.state = nil
	}
	if x.lock != nil {
		err = errors.Join(err, x.lock.Close())
		x.lock = nil
	}
	if x.wlock != nil {
		err = errors.Join(err, x.wlock.Close())
		x.wlock = nil
	}
	return err
}

// Dir returns the index directory.
func (x *Index) Dir() string { return x.dir }

// Params returns the dedupe parameters of the index.
func (x *Index) Params() dedupe.Params { return x.state.Params() }

// appliedSeq returns the number of the last batch written to bleve.
func (x *Index) appliedSeq() (uint64, error) {
	v, err := x.bleve.GetInternal(seqKey)
	if err != nil {
		return 0, fmt.Errorf("read bleve index: %w", err)
	}
	if len(v) != 8 {
		return 0, nil
	}
	return binary.BigEndian.Uint64(v), nil
}

// reconcile completes the batch the dedupe state holds as pending: the
// state commits first, with the documents bleve must receive, then bleve,
// then the state marks the batch done. A kill between the two leaves the
// batch pending; it is written to bleve here (again, if bleve had it:
// writing a document by id replaces it).
func (x *Index) reconcile() error {
	seq, payload, err := x.state.Pending()
	if err != nil || seq == 0 {
		return err
	}
	applied, err := x.appliedSeq()
	if err != nil {
		return err
	}
	if applied < seq {
		docs, err := decodePending(payload)
		if err != nil {
			return fmt.Errorf("pending batch %d: %w", seq, err)
		}
		if err := x.apply(seq, docs); err != nil {
			return fmt.Errorf("complete batch %d: %w", seq, err)
		}
	}
	return x.state.ClearPending(seq)
}

// Len returns the number of articles in the index.
func (x *Index) Len() (int, error) { return x.state.Len() }
