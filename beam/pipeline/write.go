package pipeline

import (
	"bufio"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	// Local paths are the default filesystem (gs:// comes with beamx).
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
)

// The shard files, under Out/shards: each sorted as its merged file is.
const (
	ShardDir     = "shards"
	articlesStem = "articles"
	storiesStem  = "stories"
)

// shardName is the path of shard i of n of an output.
func shardName(out, stem string, i, n int) string {
	return join(out, ShardDir, fmt.Sprintf("%s-%05d-of-%05d.jsonl", stem, i, n))
}

// join joins path elements with "/", which every Beam filesystem reads
// (local paths included).
func join(elem ...string) string {
	return strings.Join(elem, "/")
}

// writeShardFn sorts one shard's records by key and writes their lines:
// articles as articles.jsonl holds them, stories one a line.
type writeShardFn struct {
	Out, Stem string
	Shards    int
}

func (f *writeShardFn) ProcessElement(ctx context.Context, shard int, encoded func(*[]byte) bool) error {
	type rec struct {
		key  string
		line []byte
	}
	var rs []rec
	var b []byte
	for encoded(&b) {
		k, line, err := readRecord(b)
		if err != nil {
			return err
		}
		rs = append(rs, rec{k, line})
	}
	slices.SortFunc(rs, func(x, y rec) int { return strings.Compare(x.key, y.key) })
	path := shardName(f.Out, f.Stem, shard, f.Shards)
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer fs.Close() // the file is closed below
	w, err := fs.OpenWrite(ctx, path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	for _, r := range rs {
		bw.Write(r.line) // bufio.Writer keeps the first error for Flush
		if f.Stem == storiesStem {
			bw.WriteByte('\n')
		}
	}
	if err := bw.Flush(); err != nil {
		w.Close() // already failed
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// writeShards writes the records of one output, KV<shard, record>.
func writeShards(s beam.Scope, cfg *Config, stem string, records beam.PCollection) {
	s = s.Scope("write " + stem)
	beam.ParDo0(s, &writeShardFn{Out: cfg.Out, Stem: stem, Shards: cfg.Shards}, beam.GroupByKey(s, records))
}
