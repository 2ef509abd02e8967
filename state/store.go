package state

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/neardup/neardup/dedupe"

	bolt "go.etcd.io/bbolt"
)

// Store is the persistent dedupe state of an index: every article's Doc
// (word hashes, no text), its links to other versions, its story, the
// learned boilerplate, and the postings of the LSH band keys and of the
// paragraph folds, so that new articles join the stories already known
// without reprocessing the corpus (see Store.Prepare).
//
// It lives in a directory: dedupe.db (bbolt) holds the records and a
// manifest of the key runs, immutable sorted files under keys/ that are
// written and synced before the transaction naming them commits. A run not
// named by the manifest (left by a killed process) is removed by the next
// writable open. The caller serialises access: one writer or many readers
// (the index package holds a file lock for that).
type Store struct {
	dir      string
	db       *bolt.DB
	p        dedupe.Params
	readOnly bool
	learned  map[uint64]bool // folds learned as boilerplate
	runs     [numTables][]*keyRun
	man      manifest
	next     uint32 // next article number
	seq      uint64 // batches committed
}

// Options configure Open.
type Options struct {
	// Params are stored when the state is created; an existing state keeps
	// the ones it was created with (see Store.Params). Zero fields take
	// their defaults.
	Params dedupe.Params
	// ReadOnly opens without writing anything; Prepare and Commit fail.
	ReadOnly bool
}

// SetDefaults fills the zero fields of o's Params.
func (o *Options) SetDefaults() { o.Params.SetDefaults() }

// The tables of key runs.
const (
	tableBands = iota // LSH band keys of passages
	tableFolds        // paragraph folds (word-for-word repeats)
	numTables
)

var tableNames = [numTables]string{"bands", "folds"}

// Bucket and meta key names.
var (
	bucketMeta    = []byte("meta")
	bucketIDs     = []byte("ids")     // article ID → number, content hash
	bucketDocs    = []byte("docs")    // number → Doc record
	bucketArts    = []byte("arts")    // number → artRecord
	bucketLinks   = []byte("links")   // number → its halfLinks
	bucketStories = []byte("stories") // story ID → storyRecord
	bucketLearned = []byte("learned") // fold → (empty): learned boilerplate

	keyFormat   = []byte("format")
	keyParams   = []byte("params")
	keyNext     = []byte("next")
	keySeq      = []byte("seq")
	keyManifest = []byte("manifest")
	keyPending  = []byte("pending")
)

// stateFormat is the version of the state layout.
const stateFormat = 1

// StateFile is the name of the bbolt file in a Store's directory; KeysDir
// is the folder of its key runs.
const (
	StateFile = "dedupe.db"
	KeysDir   = "keys"
)

// manifest lists the live key runs of each table, oldest first.
type manifest struct {
	Next   uint64              `json:"next"` // number of the next run file
	Tables [numTables][]runRef `json:"tables"`
}

// runRef names one run file and its entry count.
type runRef struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// Open opens the state in dir, creating it (with opt.Params) unless
// opt.ReadOnly is set.
func Open(dir string, opt Options) (*Store, error) {
	opt.SetDefaults()
	path := filepath.Join(dir, StateFile)
	if _, err := os.Stat(path); err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("open dedupe state: %w", err)
		}
		if opt.ReadOnly {
			return nil, fmt.Errorf("%w in %s", ErrNoState, dir)
		}
		if err := os.MkdirAll(filepath.Join(dir, KeysDir), 0o755); err != nil {
			return nil, fmt.Errorf("create dedupe state: %w", err)
		}
	}
	if err := checkBoltSize(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("open dedupe state: %w", err)
	}
	db, err := openBolt(path, opt.ReadOnly)
	if err != nil {
		return nil, err
	}
	s := &Store{dir: dir, db: db, readOnly: opt.ReadOnly, learned: map[uint64]bool{}}
	if err := s.load(opt.Params); err != nil {
		db.Close() // the load error is the one to report
		s.closeRuns()
		return nil, err
	}
	return s, nil
}

// load reads the meta records (creating them in a new state), the learned
// folds and the key runs.
func (s *Store) load(p dedupe.Params) error {
	if !s.readOnly {
		if err := s.db.Update(func(tx *bolt.Tx) error { return initState(tx, p) }); err != nil {
			return fmt.Errorf("create dedupe state: %w", err)
		}
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return fmt.Errorf("%w in %s", ErrNoState, s.dir)
		}
		if f := meta.Get(keyFormat); len(f) != 1 || f[0] != stateFormat {
			return fmt.Errorf("dedupe state %s: unknown format %v", s.dir, f)
		}
		if err := json.Unmarshal(meta.Get(keyParams), &s.p); err != nil {
			return fmt.Errorf("dedupe state %s: params: %w", s.dir, err)
		}
		// A parameter added after the state was made is absent: it takes
		// its default, as a flag left unset does.
		s.p.SetDefaults()
		if err := json.Unmarshal(meta.Get(keyManifest), &s.man); err != nil {
			return fmt.Errorf("dedupe state %s: manifest: %w", s.dir, err)
		}
		s.next = uint32(getUint(meta, keyNext))
		s.seq = getUint(meta, keySeq)
		return tx.Bucket(bucketLearned).ForEach(func(k, _ []byte) error {
			if len(k) != 8 {
				return fmt.Errorf("%w: learned fold key", ErrCorruptRecord)
			}
			s.learned[binary.BigEndian.Uint64(k)] = true
			return nil
		})
	})
	if err != nil {
		return err
	}
	if err := s.p.Validate(); err != nil {
		return fmt.Errorf("dedupe state %s: stored params: %w", s.dir, err)
	}
	for t := range numTables {
		for _, ref := range s.man.Tables[t] {
			r, err := openRun(filepath.Join(s.dir, KeysDir, ref.Name), ref.Count)
			if err != nil {
				return err
			}
			s.runs[t] = append(s.runs[t], r)
			// A writer looks candidates up in every run and merges runs:
			// a damaged one would spread into the runs it writes.
			if !s.readOnly {
				if err := r.verify(); err != nil {
					return err
				}
			}
		}
	}
	if !s.readOnly {
		return s.removeOrphanRuns()
	}
	return nil
}

// initState creates the buckets and, in a new state, the meta records.
func initState(tx *bolt.Tx, p dedupe.Params) error {
	for _, name := range [][]byte{bucketMeta, bucketIDs, bucketDocs, bucketArts, bucketLinks, bucketStories, bucketLearned} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	meta := tx.Bucket(bucketMeta)
	if meta.Get(keyFormat) != nil {
		return nil
	}
	p.SetDefaults()
	if err := p.Validate(); err != nil {
		return err
	}
	pj, err := json.Marshal(p)
	if err != nil {
		return err
	}
	mj, err := json.Marshal(manifest{})
	if err != nil {
		return err
	}
	return errors.Join(meta.Put(keyFormat, []byte{stateFormat}), meta.Put(keyParams, pj),
		meta.Put(keyManifest, mj), putUint(meta, keyNext, 0), putUint(meta, keySeq, 0))
}

// removeOrphanRuns deletes run files that the manifest does not name: runs
// written by a batch or merge that never committed.
func (s *Store) removeOrphanRuns() error {
	dir := filepath.Join(s.dir, KeysDir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("dedupe state: %w", err)
	}
	live := map[string]bool{}
	for t := range numTables {
		for _, r := range s.man.Tables[t] {
			live[r.Name] = true
		}
	}
	for _, e := range entries {
		if !live[e.Name()] {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return fmt.Errorf("dedupe state: remove stale run: %w", err)
			}
		}
	}
	return nil
}

// Params returns the parameters the state was created with.
func (s *Store) Params() dedupe.Params { return s.p }

// Seq returns the number of batches committed.
func (s *Store) Seq() uint64 { return s.seq }

// Dir returns the directory of the state.
func (s *Store) Dir() string { return s.dir }

// Close closes the state.
func (s *Store) Close() error {
	err := s.closeRuns()
	if s.db != nil {
		err = errors.Join(err, s.db.Close())
		s.db = nil
	}
	return err
}

// openBolt opens the bbolt file of a state.
func openBolt(path string, readOnly bool) (*bolt.DB, error) {
	db, err := bolt.Open(path, 0o644, &bolt.Options{
		Timeout:        time.Second, // the caller's lock makes waiting unnecessary
		ReadOnly:       readOnly,
		NoFreelistSync: true,
		FreelistType:   bolt.FreelistMapType,
	})
	if err != nil {
		return nil, fmt.Errorf("open dedupe state %s: %w", path, err)
	}
	return db, nil
}

// Reopen reopens the bbolt file of a Store opened for writing, for reading
// only (write false: other processes may then open it read-only too; bbolt
// locks the file) or for writing again, keeping everything the Store holds
// in memory, so that an Update prepared before can still be committed. It
// fails if another process committed to the state in between. The caller
// (package index) serialises writers with a lock of its own.
func (s *Store) Reopen(write bool) error {
	if s.readOnly {
		return errReadOnly
	}
	if s.db != nil {
		if err := s.db.Close(); err != nil {
			return fmt.Errorf("close dedupe state: %w", err)
		}
		s.db = nil
	}
	db, err := openBolt(filepath.Join(s.dir, StateFile), !write)
	if err != nil {
		return err
	}
	var seq uint64
	if err := db.View(func(tx *bolt.Tx) error { seq = getUint(tx.Bucket(bucketMeta), keySeq); return nil }); err != nil {
		db.Close() // the read error is the one to report
		return fmt.Errorf("reopen dedupe state: %w", err)
	}
	if seq != s.seq {
		db.Close() // the state is not what this Store knows
		return fmt.Errorf("%w: batch %d committed by another process (this one knows %d)", errStaleUpdate, seq, s.seq)
	}
	s.db = db
	return nil
}

func (s *Store) closeRuns() error {
	var err error
	for t := range s.runs {
		for _, r := range s.runs[t] {
			err = errors.Join(err, r.close())
		}
		s.runs[t] = nil
	}
	return err
}

// Len returns the number of articles in the state.
func (s *Store) Len() (int, error) {
	n := 0
	err := s.db.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketIDs).Stats().KeyN
		return nil
	})
	return n, err
}

// Pending returns the payload committed with the last batch and the
// batch's number, or (0, nil) when the last batch was marked done. The
// index keeps there what it must still write to its other half (see
// Commit).
func (s *Store) Pending() (seq uint64, payload []byte, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketMeta).Get(keyPending)
		if len(v) < 8 {
			return nil
		}
		seq = binary.BigEndian.Uint64(v)
		payload = slices.Clone(v[8:])
		return nil
	})
	return seq, payload, err
}

// ClearPending marks batch seq as fully applied.
func (s *Store) ClearPending(seq uint64) error {
	if s.readOnly {
		return errReadOnly
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		v := meta.Get(keyPending)
		if len(v) < 8 || binary.BigEndian.Uint64(v) != seq {
			return nil
		}
		return meta.Delete(keyPending)
	})
}

func numKey(n uint32) []byte { return binary.BigEndian.AppendUint32(nil, n) }

func foldKey(f uint64) []byte { return binary.BigEndian.AppendUint64(nil, f) }

func getUint(b *bolt.Bucket, k []byte) uint64 {
	v := b.Get(k)
	if len(v) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(v)
}

func putUint(b *bolt.Bucket, k []byte, x uint64) error {
	return b.Put(k, binary.BigEndian.AppendUint64(nil, x))
}

// idValue is the value of an ids entry: the article number and a hash of
// the article's content, so that indexing it again unchanged is a no-op.
func idValue(num uint32, hash uint64) []byte {
	return binary.BigEndian.AppendUint64(numKey(num), hash)
}

func parseIDValue(v []byte) (num uint32, hash uint64, err error) {
	if len(v) != 12 {
		return 0, 0, fmt.Errorf("%w: id entry", ErrCorruptRecord)
	}
	return binary.BigEndian.Uint32(v), binary.BigEndian.Uint64(v[4:]), nil
}

// statusLetters are the letters of the paragraph statuses kept in the
// state, one a paragraph (part of the record format). The state does not
// keep "edited": that needs the word similarity of a whole story's
// alignment.
var statusLetters = map[dedupe.Status]byte{
	dedupe.StatusShared: 's', dedupe.StatusUnique: 'u', dedupe.StatusHeading: 'h',
	dedupe.StatusBoilerplate: 'b', dedupe.StatusCredit: 'c',
}

// statuses expands a status string, one letter a paragraph (decodeArt
// checks the letters of a stored one).
func statuses(letters string) []dedupe.Status {
	out := make([]dedupe.Status, len(letters))
	for i := range len(letters) {
		out[i] = letterStatuses[letters[i]]
	}
	return out
}

// letterStatuses inverts statusLetters.
var letterStatuses = func() map[byte]dedupe.Status {
	m := make(map[byte]dedupe.Status, len(statusLetters))
	for st, l := range statusLetters {
		m[l] = st
	}
	return m
}()

// runsPath returns the path of a run file.
func (s *Store) runsPath(name string) string { return filepath.Join(s.dir, KeysDir, name) }

// newRunName returns the name of the next run file of table t.
func (s *Store) newRunName(m *manifest, t int) string {
	m.Next++
	return fmt.Sprintf("%s-%06d.run", tableNames[t], m.Next)
}

// EachID calls fn with the id of every stored article, in id order. It
// reads only the ids, so it answers for a state whose other records are
// damaged (see index.Rebuild).
func (s *Store) EachID(fn func(id string) error) error {
	return s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketIDs).ForEach(func(k, _ []byte) error { return fn(string(k)) })
	})
}
