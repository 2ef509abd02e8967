package corpus

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// errOverBudget is what a budget returns once its reader has read all it
// may for the current item.
var errOverBudget = errors.New("corpus: item over the size limit")

// budgetSlack is what a budget lets a decoder read beyond ReadOptions.MaxBytes
// for one item: a decoder's read-ahead (a charset decoder reads 4 KiB at a
// time) and the gaps between items. The exact size check is made on the
// item once decoded; the budget only bounds the memory held.
const budgetSlack = 16 << 10

// budget is the reader under the decoder of an XML or ninjs file. It lets
// the decoder read at most a set number of bytes from the start of each
// item, which bounds the memory a decoder can hold for one item, and keeps
// the first read error, to tell an I/O failure from bad input. With lines
// set, it also counts the lines of what was read, for lineAt.
type budget struct {
	br    *bufio.Reader
	off   int64 // bytes read
	limit int64 // reads past it fail with errOverBudget
	err   error // the first read error other than io.EOF

	lines   bool   // keep what is read for lineAt
	pending []byte // bytes read from offset base on, not yet counted
	base    int64
	line    int // 1 + the line breaks before base
}

// newBudget returns a budget over br that allows n bytes.
func newBudget(br *bufio.Reader, n int, lines bool) *budget {
	b := &budget{br: br, lines: lines, line: 1}
	b.allow(n)
	return b
}

// allow lets the decoder read n bytes more (and budgetSlack) from here.
func (b *budget) allow(n int) {
	b.limit = b.off + int64(n) + budgetSlack
}

func (b *budget) Read(p []byte) (int, error) {
	if b.off >= b.limit {
		return 0, errOverBudget
	}
	if rest := b.limit - b.off; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := b.br.Read(p)
	b.off += int64(n)
	if b.lines {
		b.pending = append(b.pending, p[:n]...)
	}
	b.keep(err)
	return n, err
}

// ReadByte lets encoding/xml read without a buffer of its own, so that off
// is exact.
func (b *budget) ReadByte() (byte, error) {
	if b.off >= b.limit {
		return 0, errOverBudget
	}
	c, err := b.br.ReadByte()
	if err != nil {
		b.keep(err)
		return 0, err
	}
	b.off++
	if b.lines {
		b.pending = append(b.pending, c)
	}
	return c, nil
}

func (b *budget) keep(err error) {
	if err != nil && err != io.EOF && b.err == nil {
		b.err = err
	}
}

// lineAt returns the 1-based line of the byte at offset off, which must
// not be before an offset asked for earlier (nor before the bytes held).
// It forgets the bytes before off.
func (b *budget) lineAt(off int64) int {
	n := int(min(max(off-b.base, 0), int64(len(b.pending))))
	b.line += bytes.Count(b.pending[:n], []byte{'\n'})
	b.pending = append(b.pending[:0], b.pending[n:]...)
	b.base += int64(n)
	return b.line
}

// skipSpace returns the offset of the first byte at or after off (which
// lineAt has not passed) that is neither JSON white space nor a comma; off
// itself when there is none among the bytes read.
func (b *budget) skipSpace(off int64) int64 {
	i := int(max(off-b.base, 0))
	for ; i < len(b.pending); i++ {
		switch b.pending[i] {
		case ' ', '\t', '\r', '\n', ',':
			continue
		}
		return b.base + int64(i)
	}
	return off
}
