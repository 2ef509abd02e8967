package pipeline

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"fmt"

	"github.com/neardup/neardup/dedupe"
)

// The values that cross a shuffle are bytes: gob for the engine's structs
// (corpus.Article, dedupe.Doc, dedupe.Link), so that a field added to them
// travels without a change here, and fixed little-endian layouts for the
// small records.

// encode gob-encodes v.
func encode(v any) ([]byte, error) {
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(v); err != nil {
		return nil, fmt.Errorf("encode %T: %w", v, err)
	}
	return b.Bytes(), nil
}

// decode gob-decodes b into v.
func decode(b []byte, v any) error {
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(v); err != nil {
		return fmt.Errorf("decode %T: %w", v, err)
	}
	return nil
}

// decodeDoc decodes a gob-encoded dedupe.Doc.
func decodeDoc(b []byte) (*dedupe.Doc, error) {
	d := new(dedupe.Doc)
	if err := decode(b, d); err != nil {
		return nil, err
	}
	return d, nil
}

// numbered prefixes a value with an article number (4 bytes).
func numbered(idx uint32, v []byte) []byte {
	return append(binary.LittleEndian.AppendUint32(make([]byte, 0, 4+len(v)), idx), v...)
}

// unnumbered splits what numbered joined.
func unnumbered(b []byte) (uint32, []byte, error) {
	if len(b) < 4 {
		return 0, nil, fmt.Errorf("numbered value of %d bytes", len(b))
	}
	return binary.LittleEndian.Uint32(b), b[4:], nil
}

// member is an article of a write unit of two or more (a story of two or
// more versions, or stories that versions of one agency item join), on its
// way to the unit's worker.
type member struct {
	Idx    uint32
	Story  uint32 // the story's smallest article
	Shared int64  // words of shared copy over all its links
	Doc    []byte
	Body   string
}

// storyOf is an article's write unit and story (each named by its
// smallest article) and its words of shared copy: 16 bytes.
func storyOf(unit, story uint32, shared int64) []byte {
	b := binary.LittleEndian.AppendUint32(make([]byte, 0, 16), unit)
	b = binary.LittleEndian.AppendUint32(b, story)
	return binary.LittleEndian.AppendUint64(b, uint64(shared))
}

// readStoryOf reads what storyOf wrote.
func readStoryOf(b []byte) (unit, story uint32, shared int64, err error) {
	if len(b) != 16 {
		return 0, 0, 0, fmt.Errorf("story record of %d bytes", len(b))
	}
	return binary.LittleEndian.Uint32(b), binary.LittleEndian.Uint32(b[4:]), int64(binary.LittleEndian.Uint64(b[8:])), nil
}

// record is a line of an output with the key it is sorted by.
func record(key string, line []byte) []byte {
	b := binary.AppendUvarint(make([]byte, 0, binary.MaxVarintLen32+len(key)+len(line)), uint64(len(key)))
	return append(append(b, key...), line...)
}

// readRecord splits what record joined.
func readRecord(b []byte) (key string, line []byte, err error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || uint64(len(b)-k) < n {
		return "", nil, fmt.Errorf("output record of %d bytes", len(b))
	}
	return string(b[k : k+int(n)]), b[k+int(n):], nil
}
