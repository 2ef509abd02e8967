package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"time"
)

// Usage is what one finished process used.
type Usage struct {
	WallSeconds float64 `json:"wall_seconds"`
	UserSeconds float64 `json:"user_seconds"`
	SysSeconds  float64 `json:"sys_seconds"`
	// PeakRSS is the peak resident set size in bytes (getrusage), 0 when
	// the system does not say.
	PeakRSS int64 `json:"peak_rss_bytes"`
}

// RunMeasured runs the command with the given standard streams, waits for
// it and returns what it used. The usage is returned also when the command
// fails.
//
// Peak RSS is only the command's own when this process is small: on
// Linux, a child started from a large process reports that process's
// high-water mark as its own (Go starts children with CLONE_VM, and exec
// records the RSS high-water mark of the memory it leaves, the parent's,
// in the child's maxrss). Scale therefore measures through a small
// launcher process, `neardup bench measure`, which calls this.
func RunMeasured(ctx context.Context, name string, args []string, stdin io.Reader, stdout, stderr io.Writer) (Usage, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, stderr
	start := time.Now()
	err := cmd.Run()
	u := Usage{WallSeconds: time.Since(start).Seconds()}
	if ps := cmd.ProcessState; ps != nil {
		u.UserSeconds, u.SysSeconds = ps.UserTime().Seconds(), ps.SystemTime().Seconds()
		u.PeakRSS = peakRSS(ps)
	}
	return u, err
}

// ReadUsage reads the JSON usage file that `neardup bench measure` wrote.
func ReadUsage(path string) (Usage, error) {
	var u Usage
	b, err := os.ReadFile(path)
	if err != nil {
		return u, err
	}
	if err := json.Unmarshal(b, &u); err != nil {
		return u, fmt.Errorf("%s: %w", path, err)
	}
	return u, nil
}

// WriteJSON writes u as one line of JSON.
func (u Usage) WriteJSON(w io.Writer) error { return json.NewEncoder(w).Encode(u) }
