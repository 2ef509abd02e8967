package dedupe

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"unsafe"
)

// textStore keeps the article bodies out of memory: each worker appends the
// bodies it analyses to a temporary file of its own (no lock, no waiting),
// and the views that show text (word diffs, the report) read back what they
// need. The files have no name once created, where the system allows;
// otherwise close removes them.
type textStore struct {
	dir    string
	shards []*textShard
	spans  []textSpan // by article number
	// fetch, when set, supplies the bodies instead of the files (a Result
	// built from a Store reads them from the index).
	fetch func(seq int) (string, error)
}

// textShard is one worker's file. Only its worker writes to it.
type textShard struct {
	f       *os.File
	removed bool // the name is already gone (POSIX): nothing is left behind, even on kill -9
	w       *bufio.Writer
	off     int64
}

// textSpan is where a body lies: in which shard, at which offset.
type textSpan struct {
	shard int32
	n     int32
	off   int64
}

// newTextStore makes a store whose files go to dir ("" means os.TempDir).
func newTextStore(dir string) *textStore { return &textStore{dir: dir} }

// shard creates the file of one more worker.
func (t *textStore) shard() (int32, *textShard, error) {
	f, err := os.CreateTemp(t.dir, "neardup-text-*.tmp")
	if err != nil {
		return 0, nil, fmt.Errorf("text store: %w", err)
	}
	// Unlink at once where the system allows it: the open file stays
	// readable, and a killed run leaves no file behind.
	s := &textShard{f: f, removed: os.Remove(f.Name()) == nil, w: bufio.NewWriterSize(f, 1<<20)}
	t.shards = append(t.shards, s)
	return int32(len(t.shards) - 1), s, nil
}

// write appends a body to the shard and returns where it lies.
func (s *textShard) write(shard int32, body string) (textSpan, error) {
	if _, err := s.w.WriteString(body); err != nil {
		return textSpan{}, fmt.Errorf("text store: %w", err)
	}
	sp := textSpan{shard: shard, n: int32(len(body)), off: s.off}
	s.off += int64(len(body))
	return sp, nil
}

// set records where the body of article seq lies. Not safe for concurrent
// use (the collector calls it).
func (t *textStore) set(seq int, sp textSpan) {
	for len(t.spans) <= seq {
		t.spans = append(t.spans, textSpan{})
	}
	t.spans[seq] = sp
}

// finish flushes what the workers wrote; call it before body.
func (t *textStore) finish() error {
	for _, s := range t.shards {
		if err := s.w.Flush(); err != nil {
			return fmt.Errorf("text store: %w", err)
		}
	}
	return nil
}

// body reads back the body of article seq. Safe for concurrent use after
// finish.
func (t *textStore) body(seq int) (string, error) {
	if t.fetch != nil {
		return t.fetch(seq)
	}
	sp := t.spans[seq]
	buf := make([]byte, sp.n)
	if _, err := t.shards[sp.shard].f.ReadAt(buf, sp.off); err != nil {
		return "", fmt.Errorf("text store: read article %d: %w", seq, err)
	}
	if len(buf) == 0 {
		return "", nil
	}
	return unsafe.String(&buf[0], len(buf)), nil // buf is never written again
}

// readAt reads the bytes of span into buf (of the span's length). Safe
// for concurrent use after finish.
func (t *textStore) readAt(sp textSpan, buf []byte) error {
	if _, err := t.shards[sp.shard].f.ReadAt(buf, sp.off); err != nil {
		return fmt.Errorf("text store: %w", err)
	}
	return nil
}

// close closes and removes the files.
func (t *textStore) close() error {
	var err error
	for _, s := range t.shards {
		err = errors.Join(err, s.f.Close())
		if !s.removed {
			err = errors.Join(err, os.Remove(s.f.Name()))
		}
	}
	return err
}
