package state

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"os"
)

// bbolt's file layout, as far as checkBoltSize reads it: two meta pages
// (0 and 1, of the page size the meta names), each a 16-byte page header
// followed by the meta: magic, version, page size, flags (4 bytes each),
// the root bucket (16), the freelist page (8), the high-water page pgid
// (8), the txid (8) and an FNV-64a checksum of the fields before it.
const (
	boltMagic      = 0xED0CDAED
	boltMetaOffset = 16
	boltMetaLen    = 64
)

// checkBoltSize reports a dedupe.db shorter than its own meta page says
// it is (a truncated copy, a full disk): bbolt maps the file and would
// fault, uncatchably, reading a page past its end.
func checkBoltSize(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close() // read-only
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if fi.Size() == 0 {
		return nil // bbolt initialises an empty file
	}
	return checkMetas(f, path, fi.Size())
}

// checkMetas reads both meta pages of f and checks the file is as long as
// the newest valid one says.
func checkMetas(f *os.File, path string, size int64) error {
	var newest *boltMeta
	pageSize := int64(0)
	for page := 0; page < 2; page++ {
		off := int64(0)
		if page == 1 {
			if pageSize == 0 {
				break
			}
			off = pageSize
		}
		m, ok := readMeta(f, off)
		if !ok {
			continue
		}
		if page == 0 {
			pageSize = int64(m.pageSize)
		}
		if newest == nil || m.txid > newest.txid {
			newest = &m
		}
	}
	if newest == nil {
		return nil // bbolt itself reports a file without a valid meta
	}
	if need := int64(newest.pgid) * int64(newest.pageSize); size < need {
		return fmt.Errorf("%w: %s is truncated: %d bytes, the database needs %d", ErrCorruptRecord, path, size, need)
	}
	return nil
}

// boltMeta is what checkMetas needs of a meta page.
type boltMeta struct {
	pageSize   uint32
	pgid, txid uint64
}

// readMeta reads the meta page at off and reports whether it is valid
// (magic and checksum).
func readMeta(f *os.File, off int64) (boltMeta, bool) {
	buf := make([]byte, boltMetaOffset+boltMetaLen)
	if _, err := f.ReadAt(buf, off); err != nil {
		return boltMeta{}, false
	}
	m := buf[boltMetaOffset:]
	le := binary.LittleEndian
	if le.Uint32(m[0:]) != boltMagic {
		return boltMeta{}, false
	}
	h := fnv.New64a()
	h.Write(m[:56])
	if h.Sum64() != le.Uint64(m[56:]) {
		return boltMeta{}, false
	}
	return boltMeta{pageSize: le.Uint32(m[8:]), pgid: le.Uint64(m[40:]), txid: le.Uint64(m[48:])}, true
}
