package bench

import (
	"bytes"
	"context"
	"os"
	"runtime"
	"testing"

	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/output"
)

// devCorpus is the team's labelled dev corpus, beside the repo.
const devCorpus = "../../shared/eval/dev/corpus.jsonl"

// loadArticles reads a JSONL corpus into memory, so that a benchmark
// measures the engine, not the disk.
func loadArticles(b *testing.B, path string) []corpus.Article {
	b.Helper()
	if _, err := os.Stat(path); err != nil {
		b.Skipf("corpus %s not available: %v", path, err)
	}
	var arts []corpus.Article
	_, err := corpus.Read(context.Background(), []string{path}, corpus.ReadOptions{}, func(a corpus.Article) error {
		arts = append(arts, a)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return arts
}

// benchmarkDedupe runs the whole engine (normalise, shingle, sign, LSH,
// verify, cluster, align) and writes articles.jsonl to memory, and reports
// articles/s and the heap bytes allocated per article.
func benchmarkDedupe(b *testing.B, arts []corpus.Article) {
	var inBytes int
	for _, a := range arts {
		inBytes += len(a.Body)
	}
	b.ReportAllocs()
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	var out bytes.Buffer
	for b.Loop() {
		read := corpus.Slice(arts)
		res, err := dedupe.Run(context.Background(), read, dedupe.Options{})
		if err != nil {
			b.Fatal(err)
		}
		out.Reset()
		if err := output.WriteArticles(&out, res); err != nil {
			b.Fatal(err)
		}
		if err := res.Close(); err != nil {
			b.Fatal(err)
		}
	}
	runtime.ReadMemStats(&ms1)
	n := float64(b.N) * float64(len(arts))
	b.ReportMetric(n/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(ms1.TotalAlloc-ms0.TotalAlloc)/n, "alloc-bytes/article")
	b.ReportMetric(float64(inBytes)/float64(len(arts)), "input-bytes/article")
}

func BenchmarkDedupeDev(b *testing.B) {
	benchmarkDedupe(b, loadArticles(b, devCorpus))
}

// BenchmarkDedupeCorpus runs on the JSONL corpus named by
// NEARDUP_BENCH_CORPUS (for example one made by `neardup bench gen`).
func BenchmarkDedupeCorpus(b *testing.B) {
	path := os.Getenv("NEARDUP_BENCH_CORPUS")
	if path == "" {
		b.Skip("set NEARDUP_BENCH_CORPUS to a JSONL corpus to run this benchmark")
	}
	benchmarkDedupe(b, loadArticles(b, path))
}
