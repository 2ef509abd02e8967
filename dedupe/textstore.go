package dedupe

import (
	"bufio"
	"errors"
	"fmt"
	"os"
)

// textStore keeps the article bodies out of memory: the collector appends
// each body to a temporary file, and the views that show text (word diffs,
// the report) read back what they need. The file has no name once
// created, where the system allows; otherwise close removes it.
type textStore struct {
	f       *os.File
	removed bool // the name is already gone (POSIX): nothing is left behind, even on kill -9
	w       *bufio.Writer
	off     int64
	spans   []textSpan // by article number
}

type textSpan struct {
	off int64
	n   int32
}

// newTextStore creates the temporary file in dir ("" means os.TempDir).
func newTextStore(dir string) (*textStore, error) {
	f, err := os.CreateTemp(dir, "neardup-text-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("text store: %w", err)
	}
	// Unlink at once where the system allows it: the open file stays
	// readable, and a killed run leaves no file behind.
	removed := os.Remove(f.Name()) == nil
	return &textStore{f: f, removed: removed, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

// add appends the body of article seq. Not safe for concurrent use.
func (t *textStore) add(seq int, body string) error {
	for len(t.spans) <= seq {
		t.spans = append(t.spans, textSpan{})
	}
	if _, err := t.w.WriteString(body); err != nil {
		return fmt.Errorf("text store: %w", err)
	}
	t.spans[seq] = textSpan{t.off, int32(len(body))}
	t.off += int64(len(body))
	return nil
}

// finish flushes what add wrote; call it before body.
func (t *textStore) finish() error {
	if err := t.w.Flush(); err != nil {
		return fmt.Errorf("text store: %w", err)
	}
	return nil
}

// body reads back the body of article seq. Safe for concurrent use after
// finish.
func (t *textStore) body(seq int) (string, error) {
	sp := t.spans[seq]
	buf := make([]byte, sp.n)
	if _, err := t.f.ReadAt(buf, sp.off); err != nil {
		return "", fmt.Errorf("text store: read article %d: %w", seq, err)
	}
	return string(buf), nil
}

// close closes and removes the file.
func (t *textStore) close() error {
	err := t.f.Close()
	if !t.removed {
		err = errors.Join(err, os.Remove(t.f.Name()))
	}
	return err
}
