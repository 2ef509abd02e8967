//go:build !unix

package index

import (
	"context"
	"errors"
	"os"
	"time"
)

// lockFile is not available without flock: the index refuses to open
// rather than risk two writers.
func lockFile(path string, exclusive bool) (*os.File, error) {
	return nil, errors.New("index: file locking is not supported on this system")
}

// lockWait is lockFile: not available without flock.
func lockWait(ctx context.Context, path string, exclusive bool, wait time.Duration) (*os.File, error) {
	return lockFile(path, exclusive)
}
