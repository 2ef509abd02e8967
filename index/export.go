package index

import (
	"context"
	"io"

	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/output"
)

// ExportOptions are the choices of Export.
type ExportOptions struct {
	// Workers bounds the alignment's goroutines (zero: one per core).
	Workers int
	// CSV writes the rows of articles.csv (output.WriteCSV, without a byte
	// order mark) instead of articles.jsonl.
	CSV bool
}

// Export writes the index's articles.jsonl, the format of `neardup dedupe
// --out` (see output.Writer.WriteArticles): every article with its story
// (the index's story ids), its similarity to the canonical version and its
// paragraphs aligned within the story, word diffs included (the texts are
// read back from bleve); or, with opt.CSV, a row per article.
func (x *Index) Export(ctx context.Context, w io.Writer, opt ExportOptions) (err error) {
	defer guard(x.dir, &err)
	res, err := x.state.Result(ctx, func(id string) (string, error) {
		t, err := x.storedText(id)
		if err != nil {
			return "", err
		}
		return t.Body, nil
	}, dedupe.Options{Workers: opt.Workers})
	if err != nil {
		return err
	}
	defer res.Close() // no files: the texts come from bleve
	if opt.CSV {
		return output.WriteCSV(w, res, output.CSVOptions{})
	}
	return output.WriteArticles(w, res)
}
