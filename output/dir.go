package output

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"golang.org/x/sync/errgroup"

	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/internal/atomicfile"
)

// The files of an output directory.
const (
	ArticlesName = "articles.jsonl" // one Article a line, sorted by ID
	StoriesName  = "stories.json"   // a StoriesFile, one story a line
	ReportName   = "report.html"    // the self-contained page (DirOptions.Views)
)

// DirOptions are the choices of WriteDir.
type DirOptions struct {
	// Views adds report.html, the page a browser shows. It reads every
	// article's text back from the Result.
	Views bool
}

// WriteDir writes r's files into dir, creating it: articles.jsonl,
// stories.json and, with opt.Views, report.html. The files are written at
// once, each to a temporary file renamed into place, so a reader never sees
// a half-written file. Each story's word diffs are computed once for both
// files that show them and freed when both are done with them.
func WriteDir(dir string, r *dedupe.Result, opt DirOptions) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create output dir: %w", err)
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
	files := []file{{ArticlesName, w.WriteArticles}, {StoriesName, w.WriteStories}}
	if opt.Views {
		files = append(files, file{ReportName, w.WriteReport})
	}
	var g errgroup.Group
	for _, f := range files {
		path := filepath.Join(dir, f.name)
		g.Go(func() error {
			if err := atomicfile.Write(path, f.write); err != nil {
				return fmt.Errorf("write %s: %w", path, err)
			}
			return nil
		})
	}
	return g.Wait()
}

// WriteArticles writes r's articles.jsonl to dst (see Writer.WriteArticles),
// freeing each story's word diffs once written.
func WriteArticles(dst io.Writer, r *dedupe.Result) error {
	return newWriter(r, 1).WriteArticles(dst)
}
