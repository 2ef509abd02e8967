package index

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/internal/atomicfile"
	"github.com/neardup/neardup/state"
)

// Names of a rebuild's work files inside the index directory.
const (
	salvageName = "rebuild-articles.jsonl" // the articles read back from the old bleve index
	salvageMeta = "rebuild.json"           // what the old index said of itself
	damagedName = "damaged"                // the old files, moved aside until the rebuild is done
)

// RebuildOptions configure Rebuild.
type RebuildOptions struct {
	// Params are used when the old state cannot tell its own (it is
	// damaged or gone); nil means the defaults.
	Params *dedupe.Params
	// Add configures the adding of the recovered articles and the inputs.
	Add AddOptions
}

// RebuildReport says what Rebuild recovered and what it could not.
type RebuildReport struct {
	// Recovered counts the articles read back from the old bleve index.
	Recovered int
	// Lost lists, sorted, the ids the old dedupe state held that neither
	// the old bleve index nor the inputs gave back: they are not in the
	// rebuilt index (add them again from their inputs).
	Lost []string
	// BleveError and StateError say why the old bleve index or the old
	// dedupe state could not be read ("" when it could). Without the
	// state, Lost cannot be known and the params come from the options.
	BleveError, StateError string
	// Add is the report of adding the recovered articles and the inputs.
	Add Report
}

// rebuildMeta is what Rebuild keeps of the old index while it works, so
// that a rebuild interrupted after the old files were moved aside can be
// run again.
type rebuildMeta struct {
	Params     dedupe.Params `json:"params"`
	Known      []string      `json:"known"` // the old state's ids, sorted
	StateError string        `json:"state_error,omitempty"`
	BleveError string        `json:"bleve_error,omitempty"`
	Recovered  int           `json:"recovered"`
}

// Rebuild makes a new index in dir from what the old one still holds and
// from inputs (nil for none): every article whose text the old bleve
// index gives back, then the inputs (an article in both takes the input's
// text). It needs no part of the old index to be whole: a damaged dedupe
// state, key runs or bleve segment are all rebuilt. The articles are
// first saved in dir, the old files then moved aside into dir/damaged and
// removed when the new index is complete; a rebuild that is interrupted
// can be run again and goes on from the saved articles.
func Rebuild(ctx context.Context, dir string, inputs corpus.Source, opt RebuildOptions) (rep RebuildReport, err error) {
	defer guard(dir, &err)
	if _, err := os.Stat(dir); err != nil {
		return rep, fmt.Errorf("%w in %s: %w", ErrNoIndex, dir, err)
	}
	wlock, err := lockFile(filepath.Join(dir, writeLockName), true)
	if err != nil {
		return rep, withDir(dir, err)
	}
	x := &Index{dir: dir, wlock: wlock, lockWait: DefaultLockWait}
	defer func() { err = errors.Join(err, x.Close()) }()
	// Readers stay out until the new index is there.
	if x.lock, err = lockWait(ctx, filepath.Join(dir, lockName), true, x.lockWait); err != nil {
		return rep, withDir(dir, err)
	}
	meta, err := salvage(ctx, dir, opt.Params)
	if err != nil {
		return rep, withDir(dir, err)
	}
	rep.Recovered, rep.StateError, rep.BleveError = meta.Recovered, meta.StateError, meta.BleveError
	if err := moveAside(dir); err != nil {
		return rep, withDir(dir, err)
	}
	if err := x.openWriter(Options{Params: &meta.Params}); err != nil {
		return rep, withDir(dir, err)
	}
	if err := x.rest(); err != nil {
		return rep, withDir(dir, err)
	}
	given := map[string]bool{}
	read := func(fn func(corpus.Article) error) error {
		seen := func(a corpus.Article) error {
			given[a.ID] = true
			return fn(a)
		}
		if err := readSalvage(ctx, filepath.Join(dir, salvageName), seen); err != nil || inputs == nil {
			return err
		}
		return inputs(seen)
	}
	if rep.Add, err = x.Add(ctx, read, opt.Add); err != nil {
		return rep, err
	}
	for _, id := range meta.Known {
		if !given[id] {
			rep.Lost = append(rep.Lost, id)
		}
	}
	for _, name := range []string{damagedName, salvageName, salvageMeta} {
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			return rep, fmt.Errorf("rebuild: remove %s: %w", name, err)
		}
	}
	return rep, nil
}

// salvage saves the old index's articles and facts in dir, unless an
// earlier, interrupted rebuild did (its rebuild.json is there).
func salvage(ctx context.Context, dir string, params *dedupe.Params) (rebuildMeta, error) {
	var meta rebuildMeta
	metaPath := filepath.Join(dir, salvageMeta)
	if b, err := os.ReadFile(metaPath); err == nil {
		if err := json.Unmarshal(b, &meta); err != nil {
			return meta, fmt.Errorf("rebuild: %s: %w", metaPath, err)
		}
		return meta, nil
	}
	meta.Params = dedupe.DefaultParams()
	if params != nil {
		meta.Params = *params
		meta.Params.SetDefaults()
	}
	if err := readOldState(dir, &meta); err != nil {
		meta.StateError = err.Error()
	}
	n, err := saveBleveArticles(ctx, dir)
	meta.Recovered = n
	if err != nil {
		meta.BleveError = err.Error()
	}
	b, err := json.Marshal(meta)
	if err != nil {
		return meta, err
	}
	// The metadata goes last: with it, the salvage is complete.
	return meta, atomicfile.Write(metaPath, func(w io.Writer) error { _, err := w.Write(b); return err })
}

// readOldState reads the old state's params and ids, if it opens.
func readOldState(dir string, meta *rebuildMeta) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: dedupe state: %v", ErrDamaged, r)
		}
	}()
	if _, err := os.Stat(filepath.Join(dir, state.StateFile)); err != nil {
		return err
	}
	st, err := state.Open(dir, state.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer st.Close() // read-only
	meta.Params = st.Params()
	return st.EachID(func(id string) error { meta.Known = append(meta.Known, id); return nil })
}

// saveBleveArticles writes every article the old bleve index gives back
// to dir/rebuild-articles.jsonl (atomically) and returns how many; an
// unreadable index saves none, and says why.
func saveBleveArticles(ctx context.Context, dir string) (n int, berr error) {
	werr := atomicfile.Write(filepath.Join(dir, salvageName), func(w io.Writer) error {
		n, berr = writeBleveArticles(ctx, dir, w)
		return nil // what bleve gave back is saved, all of it or not
	})
	return n, cmp.Or(werr, berr)
}

// writeBleveArticles writes the articles of the bleve index in dir to w as
// JSONL, as many as it gives back.
func writeBleveArticles(ctx context.Context, dir string, w io.Writer) (n int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: bleve: %v", ErrDamaged, r)
		}
	}()
	bi, err := bleve.OpenUsing(filepath.Join(dir, bleveName), map[string]interface{}{"read_only": true})
	if err != nil {
		return 0, err
	}
	defer bi.Close() // read-only
	bw := bufio.NewWriter(w)
	x := &Index{dir: dir, bleve: bi}
	ierr := x.eachIndexed(ctx, func(id string, fields map[string]interface{}) {
		if err != nil {
			return
		}
		var t *articleText
		if t, err = x.storedText(id); err != nil {
			return
		}
		lang, _ := fields[FieldLang].(string)
		a := corpus.Article{ID: id, Title: t.Title, Body: t.Body, DateText: t.DateText, Source: t.Source, Lang: lang, URL: t.URL,
			GUID: t.GUID, Version: t.Version}
		var line []byte
		if line, err = json.Marshal(a); err == nil {
			_, err = bw.Write(append(line, '\n'))
			n++
		}
	})
	return n, errors.Join(err, ierr, bw.Flush())
}

// readSalvage passes the saved articles to fn.
func readSalvage(ctx context.Context, path string, fn func(corpus.Article) error) error {
	fi, err := os.Stat(path)
	if err != nil || fi.Size() == 0 {
		return nil // nothing was saved
	}
	_, err = corpus.Read(ctx, []string{path}, corpus.ReadOptions{}, fn)
	if errors.Is(err, corpus.ErrNoArticles) {
		return nil
	}
	return err
}

// moveAside moves the old index files into dir/damaged, replacing what an
// interrupted rebuild left there: the new index starts empty.
func moveAside(dir string) error {
	aside := filepath.Join(dir, damagedName)
	if err := os.MkdirAll(aside, 0o755); err != nil {
		return err
	}
	stamp := strconv.FormatInt(time.Now().UnixNano(), 10)
	for _, name := range []string{state.StateFile, state.KeysDir, bleveName} {
		p := filepath.Join(dir, name)
		if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err := os.Rename(p, filepath.Join(aside, name+"."+stamp)); err != nil {
			return fmt.Errorf("rebuild: move %s aside: %w", name, err)
		}
	}
	return nil
}
