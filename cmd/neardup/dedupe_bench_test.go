package main

import (
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkDedupeCLI runs `neardup dedupe --out DIR` as the command does,
// outputs written and synced, on the JSONL corpus named by
// NEARDUP_BENCH_CORPUS (default: the demo corpus). The sub-benchmarks run
// it with and without the paragraph alignment (statuses, copy blocks, word
// diffs), so their ratio is what alignment adds to a run; write-s/op is the
// part of a run spent writing the files. One process per run keeps one
// run's garbage out of the next:
//
//	neardup bench gen --articles 100000 --seed 1 --out out/gen100k.jsonl
//	go test -c -o /tmp/cli.test ./cmd/neardup && cd cmd/neardup
//	NEARDUP_BENCH_CORPUS=$PWD/../../out/gen100k.jsonl /tmp/cli.test -test.run '^$' -test.bench DedupeCLI/align -test.benchtime 1x
func BenchmarkDedupeCLI(b *testing.B) {
	path := os.Getenv("NEARDUP_BENCH_CORPUS")
	if path == "" {
		path = filepath.Join("..", "..", "demo", "corpus.jsonl")
	}
	if _, err := os.Stat(path); err != nil {
		b.Skipf("corpus %s: %v", path, err)
	}
	stopLimit, err := setMemoryLimit(defaultMemoryLimit) // as the command does
	if err != nil {
		b.Fatal(err)
	}
	defer stopLimit()
	for _, bc := range []struct {
		name      string
		groupOnly bool
	}{{"align", false}, {"group-only", true}} {
		b.Run(bc.name, func(b *testing.B) {
			out := b.TempDir()
			var articles int
			var write time.Duration // of the total, writing the files
			for b.Loop() {
				var o dedupeOptions
				fs := flag.NewFlagSet("dedupe", flag.ContinueOnError)
				o.addFlags(fs)
				if err := fs.Parse([]string{"--quiet", "--out", out}); err != nil {
					b.Fatal(err)
				}
				o.groupOnly = bc.groupOnly
				if err := o.validate(); err != nil {
					b.Fatal(err)
				}
				res, err := dedupeInputs(context.Background(), []string{path}, &o, env{stdin: nil, stdout: io.Discard, stderr: io.Discard}, nil)
				if err != nil {
					b.Fatal(err)
				}
				start := time.Now()
				if err := writeDedupe(context.Background(), res, &o, io.Discard); err != nil {
					b.Fatal(err)
				}
				write += time.Since(start)
				articles = len(res.Docs)
				if err := res.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(articles)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric(write.Seconds()/float64(b.N), "write-s/op")
		})
	}
}
