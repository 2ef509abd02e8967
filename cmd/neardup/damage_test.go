package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
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
	damages := indexDamages()
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
			if (d.mustErr || slices.Contains(d.failIn, cmd[0])) && code != 1 {
				t.Errorf("%s, %s: exit %d, want 1 (stderr %q)", d.name, cmd[0], code, stderr)
			}
		}
	}
}

// TestRebuildDamagedIndex damages the index every way TestDamagedIndex
// does, runs index --rebuild without inputs, then with the demo corpus,
// and checks that the rebuilt index passes check and holds every article;
// a rebuild that could not recover an article says so and exits 1.
func TestRebuildDamagedIndex(t *testing.T) {
	src := filepath.Join("testdata", "index-v1")
	for _, d := range indexDamages() {
		t.Run(d.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "idx")
			if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
				t.Fatal(err)
			}
			if err := d.do(dir); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := runCLI(t, "", "index", "--index", dir, "--rebuild")
			switch {
			case code == 1 && strings.Contains(stderr, "articles lost"):
				// Said what is missing; the inputs bring it back.
				if code, _, stderr = runCLI(t, "", "index", "--index", dir, "--rebuild", demoCorpus); code != 0 {
					t.Fatalf("rebuild with the inputs: exit %d: %s", code, stderr)
				}
			case code != 0:
				t.Fatalf("rebuild: exit %d: %s%s", code, stdout, stderr)
			}
			code, stdout, stderr = runCLI(t, "", "check", "--index", dir)
			if code != 0 || !strings.Contains(stdout, "22 articles in the dedupe state, 22 in bleve") {
				t.Errorf("check after rebuild: exit %d: %s%s", code, stdout, stderr)
			}
			for _, name := range []string{"damaged", "rebuild.json", "rebuild-articles.jsonl"} {
				if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
					t.Errorf("%s left behind", name)
				}
			}
		})
	}
}

// damage is one way to damage an index directory.
type damage struct {
	name    string
	do      func(dir string) error
	mustErr bool
	// failIn names the commands that must exit 1 even when mustErr
	// is not set: a flipped key run is used only by index (which
	// verifies every run before it writes) and found by check.
	failIn []string
}

// indexDamages returns the damages TestDamagedIndex applies to the
// fixture: removed, truncated and flipped files of each half.
func indexDamages() []damage {
	segment := filepath.Join("bleve", "store", "000000000002.zap")
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
		{"bleve removed", func(dir string) error { return os.RemoveAll(filepath.Join(dir, "bleve")) }, true, nil},
		{"dedupe.db removed", func(dir string) error { return os.Remove(filepath.Join(dir, "dedupe.db")) }, true, nil},
	}
	for _, frac := range []float64{0, 0.1, 0.5, 0.9} {
		// dedupe.db is 256 KiB of which bbolt uses the first 144: cut at
		// 90% it has lost nothing.
		damages = append(damages,
			damage{fmt.Sprintf("dedupe.db truncated to %.0f%%", 100*frac), truncate("dedupe.db", frac), frac < 0.5, nil},
			damage{fmt.Sprintf("segment truncated to %.0f%%", 100*frac), truncate(segment, frac), true, nil})
	}
	for _, frac := range []float64{0.05, 0.3, 0.6, 0.95} {
		damages = append(damages,
			damage{"dedupe.db flipped", flip("dedupe.db", frac), false, nil},
			damage{"segment flipped", flip(segment, frac), false, nil},
			damage{"key run flipped", flip(filepath.Join("keys", "bands-000001.run"), frac), false, []string{"check", "index"}})
	}
	return damages
}

// TestDamagedOutputs damages each file of a dedupe --out set (removed,
// cut short, bytes flipped) and runs show over it: it must never panic,
// and must refuse the set with exit 1 naming the damaged file, except when
// only manifest.json is gone (a set written before manifests existed,
// which show reads as it is).
func TestDamagedOutputs(t *testing.T) {
	src := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := runCLI(t, "", "dedupe", "--quiet", "--out", src, demoCorpus); code != 0 {
		t.Fatalf("dedupe: exit %d: %s", code, stderr)
	}
	type damage struct {
		name string
		do   func(path string) error
	}
	damages := []damage{{"removed", os.Remove}}
	for _, frac := range []float64{0, 0.1, 0.5, 0.9} {
		damages = append(damages, damage{fmt.Sprintf("cut to %.0f%%", 100*frac), func(p string) error {
			fi, err := os.Stat(p)
			if err != nil {
				return err
			}
			return os.Truncate(p, int64(float64(fi.Size())*frac))
		}})
	}
	for _, frac := range []float64{0.05, 0.3, 0.6, 0.95} {
		damages = append(damages, damage{fmt.Sprintf("flipped at %.0f%%", 100*frac), func(p string) error {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			b[int(float64(len(b))*frac)] ^= 0x20
			return os.WriteFile(p, b, 0o644)
		}})
	}
	for _, file := range []string{"articles.jsonl", "stories.json", "report.html", "manifest.json"} {
		for _, d := range damages {
			out := filepath.Join(t.TempDir(), "out")
			if err := os.CopyFS(out, os.DirFS(src)); err != nil {
				t.Fatal(err)
			}
			if err := d.do(filepath.Join(out, file)); err != nil {
				t.Fatal(err)
			}
			code, _, stderr := runCLI(t, "", "show", "--dir", out, "s:storm-ritzau")
			if strings.Contains(stderr, "panic") || code == 2 {
				t.Errorf("%s %s: exit %d: %s", file, d.name, code, stderr)
			}
			if file == "manifest.json" && d.name == "removed" {
				if code != 0 {
					t.Errorf("manifest.json removed: exit %d: %s", code, stderr)
				}
				continue
			}
			if code != 1 || !strings.Contains(stderr, file) {
				t.Errorf("%s %s: exit %d, stderr %q; want 1 naming %s", file, d.name, code, stderr, file)
			}
		}
	}
}
