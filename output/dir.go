package output

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"golang.org/x/sync/errgroup"

	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/internal/atomicfile"
)

// The files of an output directory.
const (
	ArticlesName = "articles.jsonl" // one Article a line, sorted by ID
	StoriesName  = "stories.json"   // a StoriesFile, one story a line
	ReportName   = "report.html"    // the self-contained page (DirOptions.Views)
	CSVName      = "articles.csv"   // a row per article, for a spreadsheet (WriteCSV)
)

// DirOptions are the choices of WriteDir.
type DirOptions struct {
	// Views adds report.html, the page a browser shows. It reads every
	// article's text back from the Result.
	Views bool
}

// WriteDir writes r's files into dir, creating it: articles.jsonl,
// stories.json, articles.csv (with a byte order mark, see WriteCSV) and,
// with opt.Views, report.html, then manifest.json, which
// lists each file's size and SHA-256. The files are written at once, each
// to a temporary file; only when all are written and synced are they
// renamed into place, one after another, and the manifest last. So a
// failure while writing (a full disk) leaves the earlier set whole, and a
// crash in the few renames leaves files that disagree with the manifest,
// which VerifyDir reports. Each story's word diffs are computed once for
// both files that show them and freed when both are done with them.
//
// When ctx ends while the files are written (a signal), the writes stop,
// the temporary files are removed and ctx's error is returned: nothing is
// renamed. Once the renames begin they all run.
func WriteDir(ctx context.Context, dir string, r *dedupe.Result, opt DirOptions) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create output dir: %w", err)
	}
	if err := removeStaleTemps(dir); err != nil {
		return err
	}
	type file struct {
		name  string
		write func(io.Writer) error
	}
	readers := 1 // articles.jsonl reads the word diffs; so does the report
	if opt.Views {
		readers++
	}
	w := newWriter(r, readers)
	writeCSV := func(dst io.Writer) error { return w.WriteCSV(dst, CSVOptions{BOM: true}) }
	files := []file{{ArticlesName, w.WriteArticles}, {StoriesName, w.WriteStories}, {CSVName, writeCSV}}
	if opt.Views {
		files = append(files, file{ReportName, w.WriteReport})
	}
	pending := make([]*atomicfile.Pending, len(files))
	man := Manifest{Files: make([]ManifestFile, len(files))}
	var g errgroup.Group
	for i, f := range files {
		path := filepath.Join(dir, f.name)
		g.Go(func() error {
			h := sha256.New()
			n := &countWriter{}
			p, err := prepareFile(path, func(dst io.Writer) error {
				return f.write(ctxWriter{ctx, io.MultiWriter(dst, h, n)})
			})
			if err != nil {
				return fmt.Errorf("write %s: %w", path, err)
			}
			pending[i] = p
			man.Files[i] = ManifestFile{Name: f.name, Bytes: n.n, SHA256: hex.EncodeToString(h.Sum(nil))}
			return nil
		})
	}
	err := g.Wait()
	if err == nil {
		err = ctx.Err() // stopped after the last write: still nothing renamed
	}
	if err != nil {
		for _, p := range pending {
			if p != nil {
				err = errors.Join(err, p.Discard())
			}
		}
		return err // nothing renamed: the earlier set is whole
	}
	for i, p := range pending {
		if err := p.Commit(); err != nil {
			for _, q := range pending[i+1:] {
				err = errors.Join(err, q.Discard())
			}
			return err
		}
	}
	return atomicfile.Write(filepath.Join(dir, ManifestName), func(w io.Writer) error {
		_, err := w.Write(man.Encode())
		return err
	})
}

// Encode is the manifest as manifest.json holds it, byte for byte:
// indented JSON. VerifyDir accepts no other form, so every writer of an
// output directory (neardup-beam's merge too) writes this one.
func (m Manifest) Encode() []byte {
	b, _ := json.MarshalIndent(m, "", "  ") // strings and numbers only: cannot fail
	return append(b, '\n')
}

// prepareFile writes a file of the set under a temporary name
// (atomicfile.Prepare); tests put a failing disk under it.
var prepareFile = atomicfile.Prepare

// removeStaleTemps removes the temporary files a killed WriteDir left in
// dir (hidden, never read): they would pile up.
func removeStaleTemps(dir string) error {
	for _, name := range []string{ArticlesName, StoriesName, CSVName, ReportName, ManifestName} {
		if err := atomicfile.RemoveStale(filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	return nil
}

// ctxWriter fails every write once its context has ended, so that a long
// file stops being written soon after a signal.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// countWriter counts the bytes written through it.
type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// ManifestName is the file of an output directory that lists the set:
// written last, after the files it names.
const ManifestName = "manifest.json"

// Manifest is the content of manifest.json.
type Manifest struct {
	Files []ManifestFile `json:"files"`
}

// ManifestFile is one file of the set: its name in the directory, size
// and SHA-256 (hex).
type ManifestFile struct {
	Name   string `json:"name"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// VerifyDir checks that the named files of an output directory are the
// ones its manifest lists, byte for byte: that a reader is not about to
// mix the files of two runs. A directory written before manifests existed
// (none there) passes. The error is ErrMixedSet, naming the file.
func VerifyDir(dir string, names ...string) error {
	raw, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var man Manifest
	if err := json.Unmarshal(raw, &man); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrMixedSet, filepath.Join(dir, ManifestName), err)
	}
	if !bytes.Equal(man.Encode(), raw) {
		// Damage JSON forgives (a key's case) is damage all the same.
		return fmt.Errorf("%w: %s is damaged: it is not as neardup writes it", ErrMixedSet, filepath.Join(dir, ManifestName))
	}
	for _, name := range names {
		i := slices.IndexFunc(man.Files, func(f ManifestFile) bool { return f.Name == name })
		if i < 0 {
			return fmt.Errorf("%w: %s is not part of the set %s lists (written with --views=false?)", ErrMixedSet, filepath.Join(dir, name), ManifestName)
		}
		if err := verifyFile(filepath.Join(dir, name), man.Files[i]); err != nil {
			return err
		}
	}
	return nil
}

// verifyFile checks one file against its manifest entry.
func verifyFile(path string, want ManifestFile) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close() // read-only
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if n != want.Bytes || hex.EncodeToString(h.Sum(nil)) != want.SHA256 {
		return fmt.Errorf("%w: %s is not the file %s lists (%d bytes, %d listed): the run that wrote the set did not finish; run it again", ErrMixedSet, path, ManifestName, n, want.Bytes)
	}
	return nil
}

// WriteArticles writes r's articles.jsonl to dst (see Writer.WriteArticles),
// freeing each story's word diffs once written.
func WriteArticles(dst io.Writer, r *dedupe.Result) error {
	return newWriter(r, 1).WriteArticles(dst)
}
