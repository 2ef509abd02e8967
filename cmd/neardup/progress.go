package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

// isTerminal reports whether f is a terminal.
func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// progress draws a one-line progress bar on a terminal, at most ten times a
// second. Quiet when disabled.
type progress struct {
	w       io.Writer
	enabled bool
	mu      sync.Mutex
	last    time.Time
	stage   string
	drawn   bool
}

func newProgress(w io.Writer, enabled bool) *progress {
	return &progress{w: w, enabled: enabled}
}

// update shows done of total for stage; total 0 means unknown.
func (p *progress) update(stage string, done, total int) {
	if !p.enabled {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if stage == p.stage && now.Sub(p.last) < 100*time.Millisecond && done != total {
		return
	}
	p.stage, p.last, p.drawn = stage, now, true
	const width = 30
	if total <= 0 {
		fmt.Fprintf(p.w, "\r\033[K%-8s %d articles", stage, done)
		return
	}
	filled := width * done / total
	fmt.Fprintf(p.w, "\r\033[K%-8s [%s%s] %d/%d", stage,
		strings.Repeat("=", filled), strings.Repeat(" ", width-filled), done, total)
}

// done clears the bar.
func (p *progress) done() {
	if !p.enabled || !p.drawn {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprint(p.w, "\r\033[K")
	p.drawn = false
}
