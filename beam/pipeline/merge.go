package pipeline

import (
	"bufio"
	"container/heap"
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
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/neardup/neardup/output"
)

// Merge joins the shards a pipeline wrote under out/shards into
// out/articles.jsonl and out/stories.json, the files `neardup dedupe --out`
// writes, and writes out/manifest.json listing the two. Each shard is
// sorted; Merge streams them, holding a line of each.
func Merge(ctx context.Context, out string) error {
	man := output.Manifest{}
	for _, f := range []struct {
		name, stem     string
		head, sep, end string
		key            func([]byte) (string, error)
	}{
		{output.ArticlesName, articlesStem, "", "", "", articleKey},
		{output.StoriesName, storiesStem, storiesHead, storiesSep, storiesTail, storyLineKey},
	} {
		shards, err := listShards(ctx, out, f.stem)
		if err != nil {
			return err
		}
		mf, err := writeFile(ctx, join(out, f.name), func(w io.Writer) error {
			return mergeShards(ctx, w, shards, f.key, f.head, f.sep, f.end)
		})
		if err != nil {
			return err
		}
		man.Files = append(man.Files, mf)
	}
	_, err := writeFile(ctx, join(out, output.ManifestName), func(w io.Writer) error {
		_, err := w.Write(man.Encode())
		return err
	})
	return err
}

// RemoveShards removes the shard files of an earlier run under out, so
// that a run with fewer shards does not merge stale ones.
func RemoveShards(ctx context.Context, out string) error {
	for _, stem := range []string{articlesStem, storiesStem} {
		shards, err := listShards(ctx, out, stem)
		if err != nil {
			return err
		}
		for _, s := range shards {
			fs, err := filesystem.New(ctx, s)
			if err != nil {
				return err
			}
			rm, ok := fs.(filesystem.Remover)
			if !ok {
				fs.Close() // nothing written
				return fmt.Errorf("remove %s: the filesystem cannot remove files", s)
			}
			err = rm.Remove(ctx, s)
			fs.Close() // removed
			if err != nil {
				return fmt.Errorf("remove old shard: %w", err)
			}
		}
	}
	return nil
}

// listShards lists an output's shard files, sorted.
func listShards(ctx context.Context, out, stem string) ([]string, error) {
	pat := join(out, ShardDir, stem+"-*-of-*.jsonl")
	fs, err := filesystem.New(ctx, pat)
	if err != nil {
		return nil, err
	}
	defer fs.Close() // listing only
	files, err := fs.List(ctx, pat)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", pat, err)
	}
	slices.Sort(files)
	return files, nil
}

// shardReader is one shard's next line in the merge.
type shardReader struct {
	r    *bufio.Reader
	c    io.Closer
	line []byte
	key  string
}

// next reads the shard's next line; io.EOF at its end.
func (s *shardReader) next(key func([]byte) (string, error)) error {
	line, err := s.r.ReadBytes('\n')
	if len(line) == 0 && err != nil {
		return err
	}
	s.line = line
	s.key, err = key(line)
	return err
}

// mergeShards writes the lines of the sorted shards in key order, the
// stories' without their line breaks, between head, sep and end.
func mergeShards(ctx context.Context, w io.Writer, shards []string, key func([]byte) (string, error), head, sep, end string) (err error) {
	h := &lineHeap{}
	defer func() {
		for _, s := range h.s {
			s.c.Close() // read-only
		}
	}()
	for _, path := range shards {
		fs, err := filesystem.New(ctx, path)
		if err != nil {
			return err
		}
		r, err := fs.OpenRead(ctx, path)
		fs.Close() // the reader stays open
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		s := &shardReader{r: bufio.NewReaderSize(r, 1<<16), c: r}
		if err := s.next(key); errors.Is(err, io.EOF) {
			r.Close() // an empty shard
			continue
		} else if err != nil {
			r.Close() // failed
			return fmt.Errorf("read %s: %w", path, err)
		}
		h.s = append(h.s, s)
	}
	heap.Init(h)
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString(head) // bufio.Writer keeps the first error for Flush
	first := true
	for h.Len() > 0 {
		s := h.s[0]
		if !first {
			bw.WriteString(sep)
		}
		first = false
		if sep != "" {
			bw.Write(s.line[:len(s.line)-1])
		} else {
			bw.Write(s.line)
		}
		switch err := s.next(key); {
		case errors.Is(err, io.EOF):
			s.c.Close() // read-only
			heap.Pop(h)
		case err != nil:
			return err
		default:
			heap.Fix(h, 0)
		}
	}
	bw.WriteString(end)
	return bw.Flush()
}

// lineHeap orders the shards by their next line's key.
type lineHeap struct{ s []*shardReader }

func (h *lineHeap) Len() int           { return len(h.s) }
func (h *lineHeap) Less(i, j int) bool { return h.s[i].key < h.s[j].key }
func (h *lineHeap) Swap(i, j int)      { h.s[i], h.s[j] = h.s[j], h.s[i] }
func (h *lineHeap) Push(x any)         { h.s = append(h.s, x.(*shardReader)) }
func (h *lineHeap) Pop() any {
	x := h.s[len(h.s)-1]
	h.s = h.s[:len(h.s)-1]
	return x
}

// lineFields reads the named top-level string and number fields of a JSON
// object line, stopping once it has them all.
func lineFields(line []byte, want map[string]any) error {
	dec := json.NewDecoder(strings.NewReader(string(line)))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return fmt.Errorf("output line is not a JSON object: %.40q", line)
	}
	left := len(want)
	for left > 0 && dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		name, _ := t.(string) // object keys are strings
		if _, ok := want[name]; !ok {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return err
			}
			continue
		}
		v, err := dec.Token()
		if err != nil {
			return err
		}
		want[name] = v
		left--
	}
	if left > 0 {
		return fmt.Errorf("output line lacks %d of its sort fields: %.40q", left, line)
	}
	return nil
}

// articleKey is an articles.jsonl line's sort key: its ID.
func articleKey(line []byte) (string, error) {
	f := map[string]any{"id": nil}
	if err := lineFields(line, f); err != nil {
		return "", err
	}
	id, ok := f["id"].(string)
	if !ok {
		return "", fmt.Errorf("article line without a string id: %.40q", line)
	}
	return id, nil
}

// storyLineKey is a story line's sort key (storyKey).
func storyLineKey(line []byte) (string, error) {
	f := map[string]any{"id": nil, "size": nil}
	if err := lineFields(line, f); err != nil {
		return "", err
	}
	id, ok := f["id"].(string)
	n, err := f["size"].(json.Number).Int64()
	if !ok || err != nil {
		return "", fmt.Errorf("story line without id and size: %.40q", line)
	}
	return storyKey(int(n), id), nil
}

// writeFile writes a merged file: on the local filesystem to a temporary
// file renamed into place, elsewhere directly. It returns the file's
// manifest entry.
func writeFile(ctx context.Context, path string, write func(io.Writer) error) (output.ManifestFile, error) {
	mf := output.ManifestFile{Name: filepath.Base(path)}
	h := sha256.New()
	n := &counter{}
	if isLocal(path) {
		tmp, err := os.CreateTemp(filepath.Dir(path), "."+mf.Name+".*")
		if err != nil {
			return mf, err
		}
		defer os.Remove(tmp.Name()) // gone once renamed; a leftover otherwise
		err = errors.Join(tmp.Chmod(0o644), write(io.MultiWriter(tmp, h, n)))
		err = errors.Join(err, tmp.Sync(), tmp.Close())
		if err == nil {
			err = os.Rename(tmp.Name(), path)
		}
		if err != nil {
			return mf, fmt.Errorf("write %s: %w", path, err)
		}
	} else {
		fs, err := filesystem.New(ctx, path)
		if err != nil {
			return mf, err
		}
		defer fs.Close() // the file is closed below
		w, err := fs.OpenWrite(ctx, path)
		if err != nil {
			return mf, fmt.Errorf("write %s: %w", path, err)
		}
		if err := errors.Join(write(io.MultiWriter(w, h, n)), w.Close()); err != nil {
			return mf, fmt.Errorf("write %s: %w", path, err)
		}
	}
	mf.Bytes, mf.SHA256 = n.n, hex.EncodeToString(h.Sum(nil))
	return mf, nil
}

// counter counts the bytes written through it.
type counter struct{ n int64 }

func (c *counter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }
