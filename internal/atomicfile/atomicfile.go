// Package atomicfile writes files so that a reader sees the old content or
// the whole new one, never a part: temp file, sync, rename.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Write writes a file so that readers see either the old content
// or the whole new one: it writes to a temp file in the same directory
// through a buffered writer, syncs, closes and renames it over path. On any
// error, including one from write, it removes the temp file and leaves path
// untouched. The file gets mode 0644.
func Write(path string, write func(w io.Writer) error) error {
	p, err := Prepare(path, write)
	if err != nil {
		return err
	}
	return p.Commit()
}

// Pending is a file written and synced under a temporary name beside its
// path, waiting to replace it: so that several files can be written first
// and replaced together, in the short time of a few renames.
type Pending struct {
	path, tmp string
}

// Prepare writes a file as Write does, but stops before the rename: call
// Commit to put it in place, or Discard. On error nothing is left behind.
func Prepare(path string, write func(w io.Writer) error) (_ *Pending, err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	// A hidden name, so that a directory walk (corpus.Read) does not pick up
	// a half-written file.
	f, err := os.CreateTemp(dir, tempPattern(base))
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	done := false
	defer func() {
		if !done { // also after a panic in write
			err = errors.Join(err, ignoreNotExist(os.Remove(tmp)))
		}
	}()
	if err := writeSyncClose(f, write); err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	done = true
	return &Pending{path: path, tmp: tmp}, nil
}

// tempPattern is the os.CreateTemp pattern of path's temporary files.
func tempPattern(base string) string { return "." + base + ".tmp-*" }

// RemoveStale removes the temporary files of path that a process killed
// while writing it left behind. Call it only when no other process is
// writing path.
func RemoveStale(path string) error {
	dir, base := filepath.Split(path)
	stale, err := filepath.Glob(filepath.Join(dir, tempPattern(base)))
	if err != nil {
		return err
	}
	for _, p := range stale {
		if err := ignoreNotExist(os.Remove(p)); err != nil {
			return fmt.Errorf("remove a stale temporary file: %w", err)
		}
	}
	return nil
}

// Commit renames the file into place.
func (p *Pending) Commit() error {
	if err := os.Rename(p.tmp, p.path); err != nil {
		return errors.Join(fmt.Errorf("write %s: %w", p.path, err), p.Discard())
	}
	return nil
}

// Discard removes the file not committed; nothing happens to path.
func (p *Pending) Discard() error { return ignoreNotExist(os.Remove(p.tmp)) }

// writeSyncClose sets f's mode, fills it with write through a buffer,
// flushes, syncs and closes it. It closes f on every path.
func writeSyncClose(f *os.File, write func(w io.Writer) error) (err error) {
	closed := false
	defer func() {
		if !closed {
			err = errors.Join(err, f.Close())
		}
	}()
	if err := f.Chmod(0o644); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	closed = true
	return f.Close()
}

// ignoreNotExist returns nil for an error saying the file does not exist.
func ignoreNotExist(err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}
