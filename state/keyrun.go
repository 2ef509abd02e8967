package state

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
)

// A key run is one immutable file of sorted 8-byte entries, key<<docBits |
// article number, as dedupe.Buckets packs them: the postings of the LSH band keys
// (and of the paragraph folds) of the articles added by one batch, or by
// several batches merged. A Store keeps a short list of runs per table and
// looks a key up in each by binary search over the memory-mapped file, so
// that neither indexing nor `similar` loads the postings into memory.
//
// File layout (little endian):
//
//	magic   8 bytes  "NDRUN\x00\x00\x01"
//	count   8 bytes  number of entries
//	entries 8 bytes each, sorted ascending
//	fences  8 bytes each: every fenceStride-th entry, read into memory
//	crc     4 bytes  CRC-32C of the entries and fences
//
// A lookup binary-searches the fences in memory, then one block of
// fenceStride entries in the mapped file: one or two pages touched.
const runMagic = "NDRUN\x00\x00\x01"

// fenceStride is the number of entries per fence.
const fenceStride = 64

// numFences is the number of fences of a run of n entries.
func numFences(n int) int { return (n + fenceStride - 1) / fenceStride }

// docBits is how many low bits of an entry hold the article number: a
// state holds at most 1<<docBits articles (dedupe.MaxArticles). Part of the
// file format: changing it makes existing runs unreadable.
const docBits = 24

// keyMask keeps the key bits that fit beside an article number.
const keyMask = 1<<(64-docBits) - 1

// runHeader and runTrailer are the sizes around the entries.
const (
	runHeader  = 16
	runTrailer = 4
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// keyRun is an open run file.
type keyRun struct {
	name  string
	count int
	data  []byte   // the entries, memory-mapped where the system allows
	fence []uint64 // every fenceStride-th entry
	crc   []byte   // the stored checksum (mapped)
	sum   []byte   // what the checksum covers (mapped)
	unmap func() error
}

// writeRun writes sorted entries to path atomically (temp file, fsync,
// rename) and syncs the directory.
func writeRun(path string, entries []uint64) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".run-*.tmp")
	if err != nil {
		return fmt.Errorf("write key run: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // after the rename there is nothing to remove; the error is moot
	buf := make([]byte, 0, runSize(len(entries)))
	buf = append(buf, runMagic...)
	buf = binary.LittleEndian.AppendUint64(buf, uint64(len(entries)))
	for _, e := range entries {
		buf = binary.LittleEndian.AppendUint64(buf, e)
	}
	for i := 0; i < len(entries); i += fenceStride {
		buf = binary.LittleEndian.AppendUint64(buf, entries[i])
	}
	buf = binary.LittleEndian.AppendUint32(buf, crc32.Checksum(buf[runHeader:], castagnoli))
	if _, err := f.Write(buf); err != nil {
		f.Close() // the write error is the one to report
		return fmt.Errorf("write key run: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close() // the sync error is the one to report
		return fmt.Errorf("write key run: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write key run: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write key run: %w", err)
	}
	return syncDir(dir)
}

// runSize is the size of the file of a run of n entries.
func runSize(n int) int { return runHeader + 8*n + 8*numFences(n) + runTrailer }

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close() // read-only handle
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// openRun opens a run file and checks its size against the count it was
// written with.
func openRun(path string, count int) (*keyRun, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open key run: %w", err)
	}
	defer f.Close() // the mapping outlives the descriptor
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("open key run: %w", err)
	}
	want := int64(runSize(count))
	if st.Size() != want {
		return nil, fmt.Errorf("%w: %s is %d bytes, want %d", ErrBadRun, path, st.Size(), want)
	}
	var head [runHeader]byte
	if _, err := io.ReadFull(f, head[:]); err != nil {
		return nil, fmt.Errorf("open key run %s: %w", path, err)
	}
	if string(head[:8]) != runMagic || binary.LittleEndian.Uint64(head[8:]) != uint64(count) {
		return nil, fmt.Errorf("%w: %s has a bad header", ErrBadRun, path)
	}
	data, unmap, err := mapFile(f, int(want))
	if err != nil {
		return nil, fmt.Errorf("open key run %s: %w", path, err)
	}
	end := runHeader + 8*count
	r := &keyRun{name: filepath.Base(path), count: count, data: data[runHeader:end],
		sum: data[runHeader : len(data)-runTrailer], crc: data[len(data)-runTrailer:], unmap: unmap}
	r.fence = make([]uint64, numFences(count))
	for i := range r.fence {
		r.fence[i] = binary.LittleEndian.Uint64(data[end+8*i:])
	}
	return r, nil
}

// verify recomputes the checksum of the entries and checks their order.
func (r *keyRun) verify() error {
	var prev uint64
	for i := 0; i < r.count; i++ {
		e := r.at(i)
		if i > 0 && e < prev {
			return fmt.Errorf("%w: %s: entry %d out of order", ErrBadRun, r.name, i)
		}
		prev = e
	}
	for i, f := range r.fence {
		if f != r.at(i*fenceStride) {
			return fmt.Errorf("%w: %s: fence %d does not match its entry", ErrBadRun, r.name, i)
		}
	}
	if got, want := crc32.Checksum(r.sum, castagnoli), binary.LittleEndian.Uint32(r.crc); got != want {
		return fmt.Errorf("%w: %s: checksum %08x, want %08x", ErrBadRun, r.name, got, want)
	}
	return nil
}

func (r *keyRun) close() error {
	if r.unmap == nil {
		return nil
	}
	err := r.unmap()
	r.unmap, r.data, r.crc, r.sum, r.fence = nil, nil, nil, nil, nil
	return err
}

// at returns entry i.
func (r *keyRun) at(i int) uint64 { return binary.LittleEndian.Uint64(r.data[8*i:]) }

// span returns the range [lo, hi) of entries whose key is key.
func (r *keyRun) span(key uint64) (lo, hi int) {
	key &= keyMask
	lo = r.search(key << docBits)
	if key == keyMask { // the last key: nothing above it
		return lo, r.count
	}
	return lo, r.search((key + 1) << docBits)
}

// search returns the first entry ≥ x.
func (r *keyRun) search(x uint64) int {
	// The last fence below x starts the block that holds the answer (or
	// the answer is the next fence's entry).
	f, _ := slices.BinarySearch(r.fence, x)
	if f == 0 {
		return 0
	}
	lo, hi := (f-1)*fenceStride, min(r.count, f*fenceStride)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if r.at(m) < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// entries returns every entry (for merging and checks).
func (r *keyRun) entries() []uint64 {
	out := make([]uint64, r.count)
	for i := range out {
		out[i] = r.at(i)
	}
	return out
}

// mergeSorted merges sorted runs into one sorted slice, dropping entries
// for which drop returns true.
func mergeSorted(runs [][]uint64, drop func(uint64) bool) []uint64 {
	n := 0
	for _, r := range runs {
		n += len(r)
	}
	out := make([]uint64, 0, n)
	for _, r := range runs {
		for _, e := range r {
			if drop == nil || !drop(e) {
				out = append(out, e)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
