package corpus_test

import (
	"bytes"
	"context"
	"runtime"
	"testing"

	"github.com/neardup/neardup/bench"
	"github.com/neardup/neardup/corpus"
)

// BenchmarkStageRead parses 5000 articles of the bench generator's JSONL
// (seed 1) as dedupe's read stage does, and reports articles/s and the
// bytes allocated per article.
func BenchmarkStageRead(b *testing.B) {
	const articles = 5000
	var data bytes.Buffer
	if err := bench.Generate(bench.GenOptions{Articles: articles, Seed: 1}, &data, nil); err != nil {
		b.Fatal(err)
	}
	raw := data.Bytes()
	b.ReportAllocs()
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	for b.Loop() {
		n := 0
		_, err := corpus.Read(context.Background(), []string{"-"}, corpus.ReadOptions{Stdin: bytes.NewReader(raw)},
			func(corpus.Article) error { n++; return nil })
		if err != nil {
			b.Fatal(err)
		}
		if n != articles {
			b.Fatalf("read %d articles, want %d", n, articles)
		}
	}
	runtime.ReadMemStats(&ms1)
	n := float64(b.N) * articles
	b.ReportMetric(n/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(ms1.TotalAlloc-ms0.TotalAlloc)/n, "bytes/article")
	b.ReportMetric(float64(len(raw))/articles, "input-bytes/article")
}
