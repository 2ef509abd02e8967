package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/blevesearch/bleve/v2"

	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/state"
)

// Names inside the index directory.
const (
	lockName  = "lock"
	bleveName = "bleve"
)

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
	// can run at once while no index run does. A directory without an
	// index is ErrNoIndex.
	ReadOnly bool
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
type Index struct {
	dir      string
	lock     *os.File
	bleve    bleve.Index
	state    *state.Store
	readOnly bool
}

// Open opens the index in dir, creating it unless opt.ReadOnly is set. It
// takes the directory's lock (exclusive for a writer, shared for readers)
// without waiting, and completes a batch that a killed run committed to
// the dedupe state but not yet to bleve.
func Open(dir string, opt Options) (x *Index, err error) {
	defer guard(dir, &err)
	if opt.ReadOnly {
		return openReader(dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	lock, err := lockFile(filepath.Join(dir, lockName), true)
	if err != nil {
		return nil, withDir(dir, err)
	}
	x = &Index{dir: dir, lock: lock}
	if err := x.openWriter(opt); err != nil {
		return nil, errors.Join(withDir(dir, err), x.Close())
	}
	return x, nil
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
		return fmt.Errorf("%w: %s (pass the flags the index was built with)", ErrParamsMismatch, paramsDiff(st.Params(), p))
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
	if err := x.reconcile(); err != nil {
		return err
	}
	return x.checkCounts()
}

// paramsDiff names the fields in which given differs from stored.
func paramsDiff(stored, given dedupe.Params) string {
	sv, gv := reflect.ValueOf(stored), reflect.ValueOf(given)
	var diffs []string
	for i := range sv.NumField() {
		if a, b := sv.Field(i).Interface(), gv.Field(i).Interface(); a != b {
			diffs = append(diffs, fmt.Sprintf("%s is %v in the index, %v given", sv.Type().Field(i).Name, a, b))
		}
	}
	return strings.Join(diffs, "; ")
}

// openReader opens for reading under a shared lock. A batch left pending
// by a killed run is completed first, under an exclusive lock, when no
// other reader is there; otherwise the readers see the index as it was
// before that batch.
func openReader(dir string) (*Index, error) {
	if _, err := os.Stat(filepath.Join(dir, state.StateFile)); err != nil {
		return nil, fmt.Errorf("%w in %s (create one with neardup index --index %s INPUT...)", ErrNoIndex, dir, dir)
	}
	for attempt := 0; ; attempt++ {
		lock, err := lockFile(filepath.Join(dir, lockName), false)
		if err != nil {
			return nil, withDir(dir, err)
		}
		x := &Index{dir: dir, lock: lock, readOnly: true}
		pending, err := x.openReadOnly()
		if err != nil {
			return nil, errors.Join(withDir(dir, err), x.Close())
		}
		if !pending || attempt > 0 {
			return x, nil
		}
		if err := x.Close(); err != nil {
			return nil, withDir(dir, err)
		}
		w, err := Open(dir, Options{})
		if errors.Is(err, ErrLocked) {
			continue // another reader: read what is there
		}
		if err != nil {
			return nil, err
		}
		if err := w.Close(); err != nil {
			return nil, err
		}
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
	path := filepath.Join(x.dir, bleveName)
	bi, err := bleve.OpenUsing(path, map[string]interface{}{"read_only": true})
	if err != nil {
		return false, fmt.Errorf("%w: open bleve index %s: %w", ErrDamaged, path, err)
	}
	x.bleve = bi
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
