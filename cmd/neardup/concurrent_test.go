package main

import (
	"bytes"
	"errors"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadersDuringIndex runs search, check and export against an index
// while a real neardup index adds 8,000 articles to it in batches of 500:
// every reader must answer (not "locked"), and what it sees must be whole
// batches only: check finds the halves agreeing, and the articles counted
// are a multiple of the batch size.
func TestReadersDuringIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and indexes 8,000 generated articles")
	}
	bin := buildNeardup(t)
	dir := t.TempDir()
	corpusPath := generate(t, bin, dir, 8000)
	idx := filepath.Join(dir, "idx")
	writer, werr := startIndex(t, bin, idx, corpusPath)
	done := make(chan error, 1)
	go func() { done <- writer.Wait() }()
	counted := regexp.MustCompile(`^(\d+) articles in the dedupe state, (\d+) in bleve`)
	answers, seen := 0, map[int]bool{}
	for running := true; running; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("index: %v: %s", err, werr.String())
			}
			running = false
		default:
		}
		for _, args := range [][]string{{"check"}, {"search", "year"}, {"export", "--out", filepath.Join(dir, "export.jsonl")}} {
			cmd := exec.Command(bin, append([]string{args[0], "--index", idx}, args[1:]...)...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			if strings.Contains(stderr.String(), "no dedupe state") || strings.Contains(stderr.String(), "no index") {
				continue // the writer has not created it yet
			}
			if err != nil {
				t.Fatalf("%s during index: %v: %s", args[0], err, stderr.String())
			}
			answers++
			if m := counted.FindStringSubmatch(stdout.String()); m != nil {
				n, _ := strconv.Atoi(m[1])
				if m[1] != m[2] || n%500 != 0 {
					t.Errorf("check during index saw %s", strings.TrimSpace(stdout.String()))
				}
				seen[n] = true
			}
		}
	}
	t.Logf("%d answers from readers during the run; check saw %d different sizes", answers, len(seen))
	if len(seen) < 2 {
		t.Errorf("readers saw the index at %d sizes only, want it growing under them", len(seen))
	}
}

// TestSignalStopsIndex sends SIGTERM to a real neardup index in the middle
// of its batches: it must stop, exit 143 saying "interrupted", and leave
// an index that passes check with whole batches only.
func TestSignalStopsIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and indexes 8,000 generated articles")
	}
	bin := buildNeardup(t)
	dir := t.TempDir()
	corpusPath := generate(t, bin, dir, 8000)
	idx := filepath.Join(dir, "idx")
	writer, werr := startIndex(t, bin, idx, corpusPath)
	// Wait for the second batch, then signal.
	for deadline := time.Now().Add(2 * time.Minute); ; {
		out, _ := exec.Command(bin, "check", "--index", idx).Output()
		if n, err := strconv.Atoi(strings.Fields(string(out) + " x")[0]); err == nil && n >= 1000 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("index never committed its second batch")
		}
	}
	if err := writer.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	err := writer.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 143 || !strings.Contains(werr.String(), "interrupted") {
		t.Errorf("index after SIGTERM: %v, stderr %q; want exit 143 saying interrupted", err, werr.String())
	}
	out, err := exec.Command(bin, "check", "--index", idx).CombinedOutput()
	if err != nil || !strings.Contains(string(out), ": ok") {
		t.Errorf("check after the signal: %v: %s", err, out)
	}
	t.Logf("after SIGTERM: %s", strings.TrimSpace(string(out)))
}

// startIndex starts a real neardup index of corpusPath into idx, in
// batches of 500, and returns it and its stderr.
func startIndex(t *testing.T, bin, idx, corpusPath string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	writer := exec.Command(bin, "index", "--quiet", "--batch", "500", "--index", idx, corpusPath)
	var werr bytes.Buffer
	writer.Stderr = &werr
	if err := writer.Start(); err != nil {
		t.Fatal(err)
	}
	return writer, &werr
}
