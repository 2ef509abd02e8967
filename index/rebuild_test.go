package index

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/neardup/neardup/corpus"
)

// TestRebuildResumes interrupts a rebuild after it saved the articles and
// moved the old files aside, as a kill would, and checks that running it
// again gives the whole index back, with the stories of the original.
func TestRebuildResumes(t *testing.T) {
	x, dir := openTemp(t)
	if _, err := x.Add(context.Background(), corpus.Slice(readArticles(t, demoCorpus)), AddOptions{}); err != nil {
		t.Fatal(err)
	}
	want := storiesOf(t, x)
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := salvage(context.Background(), dir, nil); err != nil {
		t.Fatal(err)
	}
	if err := moveAside(dir); err != nil {
		t.Fatal(err)
	}
	// Killed here: no index in dir, the salvage beside it.
	rep, err := Rebuild(context.Background(), dir, nil, RebuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Recovered != 22 || len(rep.Lost) != 0 || rep.StateError != "" || rep.BleveError != "" {
		t.Errorf("report %+v, want 22 recovered, none lost", rep)
	}
	x, err = Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	mustCheck(t, x)
	got := storiesOf(t, x)
	for id, s := range want {
		if got[id] != s {
			t.Errorf("%s is in story %q after the rebuild, %q before", id, got[id], s)
		}
	}
	for _, name := range []string{damagedName, salvageName, salvageMeta} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("%s left behind", name)
		}
	}
}

// storiesOf returns each indexed article's story.
func storiesOf(t *testing.T, x *Index) map[string]string {
	t.Helper()
	out := map[string]string{}
	if err := x.eachIndexed(context.Background(), func(id string, f map[string]interface{}) {
		out[id] = indexedState(f).Story
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// FuzzOpenDamagedIndex damages one file of a small index (the demo) at a
// chosen place, by flipping bytes or cutting it short, then opens it,
// searches and checks it, and rebuilds it. Nothing may panic: every
// damage is an error or an answer, and the rebuild leaves an index that
// opens.
func FuzzOpenDamagedIndex(f *testing.F) {
	src := filepath.Join(f.TempDir(), "idx")
	x, err := Open(src, Options{})
	if err != nil {
		f.Fatal(err)
	}
	var arts []corpus.Article
	if _, err := corpus.Read(context.Background(), []string{demoCorpus}, corpus.ReadOptions{}, func(a corpus.Article) error {
		arts = append(arts, a)
		return nil
	}); err != nil {
		f.Fatal(err)
	}
	if _, err := x.Add(context.Background(), corpus.Slice(arts), AddOptions{}); err != nil {
		f.Fatal(err)
	}
	if err := x.Close(); err != nil {
		f.Fatal(err)
	}
	var files []string
	if err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != lockName {
			files = append(files, p[len(src)+1:])
		}
		return err
	}); err != nil {
		f.Fatal(err)
	}
	slices.Sort(files)
	for i := range files {
		f.Add(uint8(i), uint32(0), uint8(0xff), false)
		f.Add(uint8(i), uint32(4096), uint8(0x01), false)
		f.Add(uint8(i), uint32(100), uint8(0), true)
	}
	f.Fuzz(func(t *testing.T, file uint8, at uint32, flip uint8, cut bool) {
		dir := filepath.Join(t.TempDir(), "idx")
		if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, files[int(file)%len(files)])
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) == 0 {
			return
		}
		i := int(at) % len(b)
		if cut {
			b = b[:i]
		} else {
			b[i] ^= flip
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if x, err := Open(dir, Options{ReadOnly: true}); err == nil {
			x.Search(context.Background(), SearchRequest{Query: "Lemvig"})
			x.Check(context.Background())
			x.Close()
		}
		if _, err := Rebuild(context.Background(), dir, nil, RebuildOptions{}); err != nil {
			return // said why; the index stays as it was
		}
		x, err := Open(dir, Options{ReadOnly: true})
		if err != nil {
			t.Fatalf("index after rebuild: %v", err)
		}
		x.Close()
	})
}
