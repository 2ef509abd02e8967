//go:build !unix

package index

import (
	"errors"
	"os"
)

// lockFile is not available without flock: the index refuses to open
// rather than risk two writers.
func lockFile(path string, exclusive bool) (*os.File, error) {
	return nil, errors.New("index: file locking is not supported on this system")
}
