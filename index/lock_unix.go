//go:build unix

package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// lockFile takes a non-blocking flock on path: exclusive for a writer,
// shared for readers. It fails at once with ErrLocked when another process
// holds a conflicting lock. The lock lasts until the file is closed, and
// the kernel drops it when the process dies, kill -9 included.
func lockFile(path string, exclusive bool) (*os.File, error) {
	flag := os.O_RDWR | os.O_CREATE
	if !exclusive {
		flag = os.O_RDONLY
	}
	f, err := os.OpenFile(path, flag, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	if err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB); err != nil {
		f.Close() // nothing was locked
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, ErrLocked
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return f, nil
}

// lockWait takes the flock on path like lockFile, waiting while another
// process holds a conflicting one: until it is free, ctx ends, or wait has
// passed (then ErrLocked).
func lockWait(ctx context.Context, path string, exclusive bool, wait time.Duration) (*os.File, error) {
	deadline := time.Now().Add(wait)
	pause := time.Millisecond
	for {
		f, err := lockFile(path, exclusive)
		if !errors.Is(err, ErrLocked) || !time.Now().Before(deadline) {
			return f, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(pause):
		}
		pause = min(2*pause, 50*time.Millisecond)
	}
}
