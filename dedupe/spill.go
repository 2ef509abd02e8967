package dedupe

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
)

// spill keeps uint64 entries in numbered partitions on disk, so that a
// stage can hold one partition in memory at a time: each partition's
// entries are buffered and appended, a block at a time, to one unlinked
// temporary file, and read back whole. Adding to one partition is not safe
// for concurrent use with adding to it elsewhere; addAll may be called
// concurrently; reading is safe for concurrent use once adding is done.
type spill struct {
	f      *os.File
	mu     sync.Mutex // guards off, blocks, err and the file's appends
	off    int64      // the file's length
	bufs   [][]uint64 // per partition: entries not yet written
	blocks [][]spillBlock
	count  []int // per partition: entries in all
	err    error // the first write error
	enc    []byte
}

// spillBlock is a run of one partition's entries in the file.
type spillBlock struct {
	off int64
	n   int
}

// spillBlockLen is how many entries a partition buffers before it writes
// them (64 KB).
const spillBlockLen = 8192

// newSpill creates the spill file in dir ("" for os.TempDir) and unlinks
// it at once: it lives only as long as the open file.
func newSpill(dir string, parts int) (*spill, error) {
	f, err := os.CreateTemp(dir, "neardup-spill-*")
	if err != nil {
		return nil, fmt.Errorf("spill: %w", err)
	}
	if err := os.Remove(f.Name()); err != nil {
		f.Close()
		return nil, fmt.Errorf("spill: %w", err)
	}
	return &spill{
		f: f, bufs: make([][]uint64, parts),
		blocks: make([][]spillBlock, parts), count: make([]int, parts),
	}, nil
}

// add appends e to partition part.
func (s *spill) add(part int, e uint64) {
	if full := s.push(part, e); full != nil {
		s.mu.Lock()
		s.write(part, full)
		s.mu.Unlock()
		s.bufs[part] = full[:0]
	}
}

// addAll appends entries to their partitions, part(e) choosing each; it
// may be called concurrently.
func (s *spill) addAll(entries []uint64, part func(uint64) int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range entries {
		p := part(e)
		if full := s.push(p, e); full != nil {
			s.write(p, full)
			s.bufs[p] = full[:0]
		}
	}
}

// push appends e to partition part's buffer and returns the buffer when it
// is full, for the caller to write and empty.
func (s *spill) push(part int, e uint64) (full []uint64) {
	buf := s.bufs[part]
	if buf == nil {
		buf = make([]uint64, 0, spillBlockLen)
	}
	buf = append(buf, e)
	s.bufs[part] = buf
	if len(buf) == spillBlockLen {
		return buf
	}
	return nil
}

// write appends a block of partition part to the file. s.mu is held.
func (s *spill) write(part int, entries []uint64) {
	if s.err != nil || len(entries) == 0 {
		return
	}
	s.enc = s.enc[:0]
	for _, e := range entries {
		s.enc = binary.LittleEndian.AppendUint64(s.enc, e)
	}
	if _, err := s.f.WriteAt(s.enc, s.off); err != nil {
		s.err = fmt.Errorf("spill: %w", err)
		return
	}
	s.blocks[part] = append(s.blocks[part], spillBlock{s.off, len(entries)})
	s.count[part] += len(entries)
	s.off += int64(len(s.enc))
}

// finish writes what the partitions still buffer and frees the buffers;
// after it, only read and close may be called.
func (s *spill) finish() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for p, buf := range s.bufs {
		s.write(p, buf)
		s.bufs[p] = nil
	}
	return s.err
}

// read appends partition part's entries to dst, in the order added.
func (s *spill) read(part int, dst []uint64) ([]uint64, error) {
	var raw []byte
	dst = slices.Grow(dst, s.count[part])
	for _, b := range s.blocks[part] {
		if cap(raw) < b.n*8 {
			raw = make([]byte, b.n*8)
		}
		raw = raw[:b.n*8]
		if _, err := s.f.ReadAt(raw, b.off); err != nil {
			return nil, fmt.Errorf("spill: read: %w", err)
		}
		for i := 0; i < len(raw); i += 8 {
			dst = append(dst, binary.LittleEndian.Uint64(raw[i:]))
		}
	}
	return dst, nil
}

// close closes (and so removes) the file.
func (s *spill) close() error {
	if s == nil || s.f == nil {
		return nil
	}
	err := s.f.Close()
	s.f = nil
	if errors.Is(err, os.ErrClosed) {
		return nil
	}
	return err
}
