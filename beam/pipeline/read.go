package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/log"

	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/text"
)

// Expand turns the input patterns into the inputs to read, in order: a
// pattern with a glob character (*, ?, [) becomes the files it matches,
// sorted (as a shell gives them); another is kept as it is (a file or a
// directory, walked by corpus.Read). A pattern that matches nothing is an
// error.
func Expand(ctx context.Context, patterns []string) ([]string, error) {
	var inputs []string
	for _, pat := range patterns {
		if !strings.ContainsAny(pat, "*?[") {
			inputs = append(inputs, pat)
			continue
		}
		var files []string
		if isLocal(pat) {
			m, err := filepath.Glob(pat)
			if err != nil {
				return nil, fmt.Errorf("input %q: %w", pat, err)
			}
			files = m
		} else {
			fs, err := filesystem.New(ctx, pat)
			if err != nil {
				return nil, fmt.Errorf("input %q: %w", pat, err)
			}
			m, err := fs.List(ctx, pat)
			fs.Close() // listed: nothing more to read through it
			if err != nil {
				return nil, fmt.Errorf("input %q: %w", pat, err)
			}
			files = m
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("input %q: no file matches", pat)
		}
		slices.Sort(files)
		inputs = append(inputs, files...)
	}
	return inputs, nil
}

// isLocal reports whether path is on the local filesystem (no scheme).
func isLocal(path string) bool {
	i := strings.Index(path, "://")
	return i < 0 || strings.ContainsAny(path[:i], `/\`)
}

// fileInput is one input of the pipeline: its place in the input order.
type fileInput struct {
	Index int
	Path  string
}

// fileCount is how many articles one input gave.
type fileCount struct {
	File, N int
}

// fileArticle is an article of one input, numbered within it, gob-encoded.
type fileArticle struct {
	File, Seq int
	Art       []byte
}

// readFn reads one input with corpus.Read, as `neardup dedupe` reads it:
// the same IDs, bodies and bad-article rules (duplicate IDs are checked
// within the input here, across inputs by checkIDsFn).
type readFn struct {
	SkipBad bool
	Lang    string
}

func (f *readFn) ProcessElement(ctx context.Context, in fileInput, emit func(fileArticle), count func(fileCount)) error {
	opts := corpus.ReadOptions{SkipBad: f.SkipBad, Warn: func(msg string) { warn(ctx, msg) }}
	if f.Lang == "" {
		opts.KnownLang = func(code string) bool { return text.ParseLang(code) != "" }
	}
	path := in.Path
	if !isLocal(path) {
		fs, err := filesystem.New(ctx, path)
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		defer fs.Close() // read-only
		r, err := fs.OpenRead(ctx, path)
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		defer r.Close() // read-only
		opts.Stdin, path = r, "-"
	}
	seq := 0
	_, err := corpus.Read(ctx, []string{path}, opts, func(a corpus.Article) error {
		b, err := encode(&a)
		if err != nil {
			return err
		}
		emit(fileArticle{File: in.Index, Seq: seq, Art: b})
		seq++
		return nil
	})
	if err != nil {
		return fmt.Errorf("read %s: %w", in.Path, err)
	}
	articlesRead.Inc(ctx, int64(seq))
	count(fileCount{File: in.Index, N: seq})
	return nil
}

// warn logs a reader's warning through Beam's log.
func warn(ctx context.Context, msg string) { log.Warn(ctx, "neardup: "+msg) }

// numberFn gives each article its number in the whole input: the articles
// of earlier inputs, then its place in its own, as the batch run counts.
type numberFn struct {
	offsets []int // per input, the articles before it
}

func (f *numberFn) ProcessElement(a fileArticle, counts func(*fileCount) bool, emit func(uint32, []byte)) error {
	if f.offsets == nil {
		var cs []fileCount
		var c fileCount
		for counts(&c) {
			cs = append(cs, c)
		}
		n := 0
		for _, c := range cs {
			n = max(n, c.File+1)
		}
		per := make([]int, n)
		for _, c := range cs {
			per[c.File] = c.N
		}
		f.offsets = make([]int, n+1)
		for i, k := range per {
			f.offsets[i+1] = f.offsets[i] + k
		}
		if f.offsets[n] > maxArticles {
			return fmt.Errorf("%d articles: at most %d in one run", f.offsets[n], maxArticles)
		}
	}
	emit(uint32(f.offsets[a.File]+a.Seq), a.Art)
	return nil
}

// maxArticles is the most articles a run numbers: the engine's pair
// occurrences hold 31 bits of an article number.
const maxArticles = 1<<31 - 1

// checkIDsFn fails the run on an ID used by two articles (of two inputs:
// corpus.Read finds those within one), as the batch run does. With
// --skip-bad the batch run skips the later article; the pipeline cannot
// know which is later without a second pass, and stops.
func checkIDsFn(id string, idx func(*uint32) bool) error {
	var i uint32
	n := 0
	for idx(&i) {
		n++
	}
	if n > 1 {
		return fmt.Errorf("duplicate id %q: %d articles of the inputs have it (IDs must be unique over all inputs)", id, n)
	}
	return nil
}

// read numbers the articles of the inputs and returns them as
// KV<number, gob(corpus.Article)>, and each input's count.
func read(s beam.Scope, cfg *Config) (arts, counts beam.PCollection) {
	s = s.Scope("read")
	files := make([]fileInput, len(cfg.Inputs))
	for i, in := range cfg.Inputs {
		files[i] = fileInput{Index: i, Path: in}
	}
	col := beam.CreateList(s, files)
	// Each input on its own worker.
	col = beam.Reshuffle(s, col)
	perFile, counts := beam.ParDo2(s, &readFn{SkipBad: cfg.SkipBad, Lang: cfg.Lang}, col)
	arts = beam.ParDo(s, &numberFn{}, perFile, beam.SideInput{Input: counts})
	return arts, counts
}
