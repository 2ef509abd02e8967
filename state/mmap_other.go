//go:build !unix

package state

import (
	"io"
	"os"
)

// mapFile reads the first n bytes of f into memory (no mmap here).
func mapFile(f *os.File, n int) ([]byte, func() error, error) {
	b := make([]byte, n)
	if _, err := f.ReadAt(b, 0); err != nil && err != io.EOF {
		return nil, nil, err
	}
	return b, func() error { return nil }, nil
}
