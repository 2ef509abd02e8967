package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDamagedIndex damages a copy of the v1 fixture index in every way a
// disk or an operator can (a folder removed, files truncated at several
// offsets, bytes flipped) and runs every reading command and index over
// it: none may panic (exit 2 is usage, a panic's code), truncation and
// removal must be an error (exit 1) that names the damage.
func TestDamagedIndex(t *testing.T) {
	src := filepath.Join("testdata", "index-v1")
	segment := filepath.Join("bleve", "store", "000000000002.zap")
	type damage struct {
		name    string
		do      func(dir string) error
		mustErr bool
	}
	truncate := func(file string, frac float64) func(string) error {
		return func(dir string) error {
			p := filepath.Join(dir, file)
			fi, err := os.Stat(p)
			if err != nil {
				return err
			}
			return os.Truncate(p, int64(float64(fi.Size())*frac))
		}
	}
	flip := func(file string, frac float64) func(string) error {
		return func(dir string) error {
			p := filepath.Join(dir, file)
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for i := int(float64(len(b)) * frac); i < min(len(b), int(float64(len(b))*frac)+64); i++ {
				b[i] ^= 0xa5
			}
			return os.WriteFile(p, b, 0o644)
		}
	}
	damages := []damage{
		{"bleve removed", func(dir string) error { return os.RemoveAll(filepath.Join(dir, "bleve")) }, true},
		{"dedupe.db removed", func(dir string) error { return os.Remove(filepath.Join(dir, "dedupe.db")) }, true},
	}
	for _, frac := range []float64{0, 0.1, 0.5, 0.9} {
		// dedupe.db is 256 KiB of which bbolt uses the first 144: cut at
		// 90% it has lost nothing.
		damages = append(damages,
			damage{fmt.Sprintf("dedupe.db truncated to %.0f%%", 100*frac), truncate("dedupe.db", frac), frac < 0.5},
			damage{fmt.Sprintf("segment truncated to %.0f%%", 100*frac), truncate(segment, frac), true})
	}
	for _, frac := range []float64{0.05, 0.3, 0.6, 0.95} {
		damages = append(damages,
			damage{"dedupe.db flipped", flip("dedupe.db", frac), false},
			damage{"segment flipped", flip(segment, frac), false},
			damage{"key run flipped", flip(filepath.Join("keys", "bands-000001.run"), frac), false})
	}
	for _, d := range damages {
		for _, cmd := range [][]string{{"check"}, {"search", "Lemvig"}, {"export"}, {"similar", demoCorpus}, {"index", demoCorpus}} {
			dir := filepath.Join(t.TempDir(), "idx")
			if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
				t.Fatal(err)
			}
			if err := d.do(dir); err != nil {
				t.Fatal(err)
			}
			args := append([]string{cmd[0], "--index", dir}, cmd[1:]...)
			code, _, stderr := runCLI(t, "", args...)
			if code == 2 || strings.Contains(stderr, "panic") {
				t.Errorf("%s, %s: exit %d: %s", d.name, cmd[0], code, stderr)
			}
			if d.mustErr && code != 1 {
				t.Errorf("%s, %s: exit %d, want 1 (stderr %q)", d.name, cmd[0], code, stderr)
			}
		}
	}
}
