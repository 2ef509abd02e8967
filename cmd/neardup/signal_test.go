package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSignalsStopDedupe sends SIGTERM and SIGINT to a real neardup dedupe
// in the middle of its work: it must stop, exit 143 or 130 saying
// "interrupted", and leave the outputs of the run before as they were.
func TestSignalsStopDedupe(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and runs it on 30,000 generated articles")
	}
	bin := buildNeardup(t)
	dir := t.TempDir()
	corpusPath := filepath.Join(dir, "gen.jsonl")
	if out, err := exec.Command(bin, "bench", "gen", "--articles", "30000", "--out", corpusPath).CombinedOutput(); err != nil {
		t.Fatalf("bench gen: %v\n%s", err, out)
	}
	out := filepath.Join(dir, "out")
	if b, err := exec.Command(bin, "dedupe", "--quiet", "--out", out, demoCorpus).CombinedOutput(); err != nil {
		t.Fatalf("dedupe demo: %v\n%s", err, b)
	}
	before, err := os.ReadFile(filepath.Join(out, "articles.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGTERM, 143}, {syscall.SIGINT, 130}} {
		cmd := exec.Command(bin, "dedupe", "--quiet", "--out", out, corpusPath)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(700 * time.Millisecond)
		sent := time.Now()
		if err := cmd.Process.Signal(tc.sig); err != nil {
			t.Fatal(err)
		}
		err := cmd.Wait()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != tc.code || !strings.Contains(stderr.String(), "interrupted") {
			t.Errorf("%v: %v, stderr %q; want exit %d saying interrupted", tc.sig, err, stderr.String(), tc.code)
		}
		t.Logf("%v: stopped %v after the signal", tc.sig, time.Since(sent).Round(time.Millisecond))
		after, err := os.ReadFile(filepath.Join(out, "articles.jsonl"))
		if err != nil || !bytes.Equal(before, after) {
			t.Errorf("%v: articles.jsonl changed by an interrupted run (%v)", tc.sig, err)
		}
	}
}
