package output

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/neardup/neardup/internal/atomicfile"
)

// fullDisk is a writer that takes limit bytes and then fails as a full
// disk does.
type fullDisk struct {
	w     io.Writer
	limit int64
}

func (d *fullDisk) Write(p []byte) (int, error) {
	if int64(len(p)) > d.limit {
		n, _ := d.w.Write(p[:d.limit])
		d.limit = 0
		return n, syscall.ENOSPC
	}
	d.limit -= int64(len(p))
	return d.w.Write(p)
}

// readDir returns the names and contents of the files in dir.
func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

// TestWriteDirFullDisk writes the demo's set, then writes another one on a
// disk that fills up after n bytes of one file, for each file and several
// n: WriteDir must fail saying so, and leave the earlier set exactly as it
// was, manifest and all, with no temporary file behind.
func TestWriteDirFullDisk(t *testing.T) {
	res := runOn(t, "../demo/corpus.jsonl")
	dir := t.TempDir()
	if err := WriteDir(context.Background(), dir, res, DirOptions{Views: true}); err != nil {
		t.Fatal(err)
	}
	before := readDir(t, dir)
	defer func() { prepareFile = atomicfile.Prepare }()
	for _, name := range []string{ArticlesName, StoriesName, ReportName} {
		for _, n := range []int64{0, 1, 4096, 65536, 200000} {
			t.Run(fmt.Sprintf("%s after %d bytes", name, n), func(t *testing.T) {
				prepareFile = func(path string, write func(io.Writer) error) (*atomicfile.Pending, error) {
					if filepath.Base(path) != name {
						return atomicfile.Prepare(path, write)
					}
					return atomicfile.Prepare(path, func(w io.Writer) error { return write(&fullDisk{w, n}) })
				}
				err := WriteDir(context.Background(), dir, res, DirOptions{Views: true})
				size := int64(len(before[name]))
				switch {
				case n >= size && err != nil:
					t.Fatalf("the file fits (%d bytes), yet: %v", size, err)
				case n >= size:
					return // written whole: nothing to check
				case !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), name):
					t.Fatalf("err = %v, want no space left naming %s", err, name)
				}
				after := readDir(t, dir)
				if len(after) != len(before) {
					t.Errorf("files %d, want %d (a temporary file left?)", len(after), len(before))
				}
				for f, b := range before {
					if after[f] != b {
						t.Errorf("%s changed by a failed write", f)
					}
				}
				if err := VerifyDir(dir, ArticlesName, StoriesName, ReportName); err != nil {
					t.Errorf("the earlier set no longer verifies: %v", err)
				}
			})
		}
	}
}

// TestWriteDirRemovesStaleTemps checks that the temporary files a killed
// run left behind are removed by the next one.
func TestWriteDirRemovesStaleTemps(t *testing.T) {
	res := runOn(t, "../demo/corpus.jsonl")
	dir := t.TempDir()
	stale := filepath.Join(dir, "."+ArticlesName+".tmp-123")
	if err := os.WriteFile(stale, []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteDir(context.Background(), dir, res, DirOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale temporary file still there: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, ArticlesName)); !bytes.HasPrefix(b, []byte(`{"id":`)) {
		t.Errorf("articles.jsonl not written")
	}
}
