//go:build linux

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// smallDisk mounts a tmpfs of size bytes and returns its path; it skips
// the test where mounting is not allowed (not root, no CAP_SYS_ADMIN).
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		t.Skipf("cannot mount a small tmpfs here (%v): the full-disk test needs root", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	return dir
}

// TestIndexDiskFull indexes onto a disk that fills up part way: index must
// fail with exit 1 saying so, the index must still open and pass check
// with every batch committed before, and once there is room the same
// command must complete it.
func TestIndexDiskFull(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes 2,000 generated articles")
	}
	disk := smallDisk(t, "12m")
	corpusPath := filepath.Join(t.TempDir(), "gen.jsonl")
	if code, _, stderr := runCLI(t, "", "bench", "gen", "--articles", "2000", "--out", corpusPath); code != 0 {
		t.Fatalf("bench gen: exit %d: %s", code, stderr)
	}
	idx := filepath.Join(disk, "idx")
	if code, _, stderr := runCLI(t, "", "index", "--quiet", "--index", idx, demoCorpus); code != 0 {
		t.Fatalf("index the demo: exit %d: %s", code, stderr)
	}
	code, _, stderr := runCLI(t, "", "index", "--quiet", "--batch", "100", "--index", idx, corpusPath)
	if code != 1 || !strings.Contains(stderr, "no space left") {
		t.Fatalf("index onto a full disk: exit %d, stderr %q; want 1 saying no space left", code, stderr)
	}
	// The disk may fill while a batch is committed to the state but not
	// yet to bleve: then the index answers from the batches before it, and
	// check says the batch waits to be completed.
	code, stdout, stderr := runCLI(t, "", "check", "--index", idx)
	if !(code == 0 && strings.Contains(stdout, ": ok")) && !(code == 1 && strings.Contains(stdout, "not marked written to bleve")) {
		t.Fatalf("check after a full disk: exit %d: %s%s", code, stdout, stderr)
	}
	t.Logf("after the full disk: %s", strings.TrimSpace(stdout))
	if code, _, stderr := runCLI(t, "", "search", "--index", idx, "Lemvig"); code != 0 {
		t.Fatalf("search after a full disk: exit %d: %s", code, stderr)
	}
	if err := syscall.Mount("tmpfs", disk, "tmpfs", syscall.MS_REMOUNT, "size=400m"); err != nil {
		t.Fatalf("grow the tmpfs: %v", err)
	}
	if code, _, stderr := runCLI(t, "", "index", "--quiet", "--batch", "100", "--index", idx, corpusPath); code != 0 {
		t.Fatalf("index again with room: exit %d: %s", code, stderr)
	}
	code, stdout, stderr = runCLI(t, "", "check", "--index", idx)
	if code != 0 || !strings.Contains(stdout, "2022 articles in the dedupe state, 2022 in bleve") {
		t.Errorf("check after completing: exit %d: %s%s", code, stdout, stderr)
	}
}

// TestDedupeOutDiskFull writes a dedupe --out set onto a disk too small
// for the new one: exit 1 saying so, and the earlier set whole.
func TestDedupeOutDiskFull(t *testing.T) {
	disk := smallDisk(t, "600k")
	out := filepath.Join(disk, "out")
	if code, _, stderr := runCLI(t, "", "dedupe", "--quiet", "--out", out, demoCorpus); code != 0 {
		t.Fatalf("dedupe the demo: exit %d: %s", code, stderr)
	}
	before := readSet(t, out)
	corpusPath := filepath.Join(t.TempDir(), "gen.jsonl")
	if code, _, stderr := runCLI(t, "", "bench", "gen", "--articles", "500", "--out", corpusPath); code != 0 {
		t.Fatalf("bench gen: exit %d: %s", code, stderr)
	}
	code, _, stderr := runCLI(t, "", "dedupe", "--quiet", "--out", out, corpusPath)
	if code != 1 || !strings.Contains(stderr, "no space left") {
		t.Fatalf("dedupe onto a full disk: exit %d, stderr %q; want 1 saying no space left", code, stderr)
	}
	if after := readSet(t, out); string(after) != string(before) {
		t.Error("the earlier set changed")
	}
	if code, _, stderr := runCLI(t, "", "show", "--dir", out, "s:storm-ritzau"); code != 0 {
		t.Errorf("show after the full disk: exit %d: %s", code, stderr)
	}
}
