package state

import (
	"encoding/binary"
	"fmt"
	"math"
)

// enc appends to a byte slice.
type enc struct{ b []byte }

func (e *enc) byte1(x byte)     { e.b = append(e.b, x) }
func (e *enc) uvarint(x uint64) { e.b = binary.AppendUvarint(e.b, x) }
func (e *enc) varint(x int64)   { e.b = binary.AppendVarint(e.b, x) }
func (e *enc) u64(x uint64)     { e.b = binary.LittleEndian.AppendUint64(e.b, x) }
func (e *enc) u32(x uint32)     { e.b = binary.LittleEndian.AppendUint32(e.b, x) }
func (e *enc) str(s string)     { e.uvarint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *enc) int32s(xs []int32) {
	e.uvarint(uint64(len(xs)))
	prev := int64(0)
	for _, x := range xs {
		e.varint(int64(x) - prev)
		prev = int64(x)
	}
}
func (e *enc) uint32s(xs []uint32) {
	e.uvarint(uint64(len(xs)))
	prev := int64(0)
	for _, x := range xs {
		e.varint(int64(x) - prev)
		prev = int64(x)
	}
}

// dec reads what enc wrote; the first error sticks and every later read
// returns zero.
type dec struct {
	b   []byte
	err error
}

func (d *dec) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s", ErrCorruptRecord, what)
	}
}

func (d *dec) byte1() byte {
	if d.err != nil || len(d.b) < 1 {
		d.fail("short record")
		return 0
	}
	x := d.b[0]
	d.b = d.b[1:]
	return x
}

func (d *dec) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	x, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("bad varint")
		return 0
	}
	d.b = d.b[n:]
	return x
}

func (d *dec) varint() int64 {
	if d.err != nil {
		return 0
	}
	x, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail("bad varint")
		return 0
	}
	d.b = d.b[n:]
	return x
}

func (d *dec) u64() uint64 {
	if d.err != nil || len(d.b) < 8 {
		d.fail("short record")
		return 0
	}
	x := binary.LittleEndian.Uint64(d.b)
	d.b = d.b[8:]
	return x
}

func (d *dec) u32() uint32 {
	if d.err != nil || len(d.b) < 4 {
		d.fail("short record")
		return 0
	}
	x := binary.LittleEndian.Uint32(d.b)
	d.b = d.b[4:]
	return x
}

// count reads a length and checks that at least min bytes per item remain.
func (d *dec) count(min int) int {
	n := d.uvarint()
	if d.err == nil && (n > uint64(len(d.b)) || (min > 0 && n > uint64(len(d.b)/min))) {
		d.fail("count beyond the record")
		return 0
	}
	return int(n)
}

func (d *dec) str() string {
	n := d.count(1)
	if d.err != nil {
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *dec) int32s() []int32 {
	n := d.count(1)
	if d.err != nil || n == 0 {
		return nil
	}
	out := make([]int32, n)
	prev := int64(0)
	for i := range out {
		prev += d.varint()
		if prev < math.MinInt32 || prev > math.MaxInt32 {
			d.fail("value out of range")
			return nil
		}
		out[i] = int32(prev)
	}
	return out
}

func (d *dec) uint32s() []uint32 {
	n := d.count(1)
	if d.err != nil || n == 0 {
		return nil
	}
	out := make([]uint32, n)
	prev := int64(0)
	for i := range out {
		prev += d.varint()
		if prev < 0 || prev > math.MaxUint32 {
			d.fail("value out of range")
			return nil
		}
		out[i] = uint32(prev)
	}
	return out
}

// version reads and checks the format byte.
func (d *dec) version() {
	if v := d.byte1(); d.err == nil && v != recordVersion {
		d.fail(fmt.Sprintf("format %d, want %d", v, recordVersion))
	}
}

// end fails unless the record was read to its end.
func (d *dec) end() error {
	if d.err == nil && len(d.b) != 0 {
		d.fail("trailing bytes")
	}
	return d.err
}
