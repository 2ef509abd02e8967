package index

import (
	"context"
	"io"

	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/output"
)

// Export writes the index's articles.jsonl, the format of `neardup dedupe
// --out` (see output.Writer.WriteArticles): every article with its story
// (the index's story ids), its similarity to the canonical version and its
// paragraphs aligned within the story, word diffs included (the texts are
// read back from bleve). workers bounds the alignment's goroutines (zero:
// one per core).
func (x *Index) Export(ctx context.Context, w io.Writer, workers int) (err error) {
	defer guard(x.dir, &err)
	res, err := x.state.Result(ctx, func(id string) (string, error) {
		t, err := x.storedText(id)
		if err != nil {
			return "", err
		}
		return t.Body, nil
	}, dedupe.Options{Workers: workers})
	if err != nil {
		return err
	}
	defer res.Close() // no files: the texts come from bleve
	return output.WriteArticles(w, res)
}
