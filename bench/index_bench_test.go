package bench_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/neardup/neardup/bench"
	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/index"
)

// The index benchmarks run on a corpus made by the generator: by default
// 2,000 articles, so that `make bench` stays quick; set
// NEARDUP_BENCH_INDEX_ARTICLES=100000 (make bench-index-100k) for the
// figures in the README. BenchmarkIndex builds the index (articles/s, disk
// bytes per article); BenchmarkSearch and BenchmarkSimilar reuse it (or
// build it once) and report latency percentiles.

// indexBench is the corpus and the index built from it, shared by the
// benchmarks of one process.
type indexBench struct {
	once sync.Once
	err  error
	arts []corpus.Article // indexed
	held []corpus.Article // held out, for similar
}

var sharedIndexBench indexBench

// indexBenchArticles is the corpus size.
func indexBenchArticles(b *testing.B) int {
	n := 2000
	if s := os.Getenv("NEARDUP_BENCH_INDEX_ARTICLES"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 100 {
			b.Fatalf("NEARDUP_BENCH_INDEX_ARTICLES=%q: want a number ≥ 100", s)
		}
		n = v
	}
	return n
}

// generateIndexCorpus makes the corpus: every 50th article is held out of
// the index, for similar.
func generateIndexCorpus(n int) (arts, held []corpus.Article, err error) {
	var buf bytes.Buffer
	if err := bench.Generate(bench.GenOptions{Articles: n, Seed: 1}, &buf, nil); err != nil {
		return nil, nil, err
	}
	path := filepath.Join(os.TempDir(), "neardup-index-bench-"+strconv.Itoa(os.Getpid())+".jsonl")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return nil, nil, err
	}
	defer os.Remove(path)
	i := 0
	_, err = corpus.Read(context.Background(), []string{path}, corpus.ReadOptions{}, func(a corpus.Article) error {
		if i%50 == 49 {
			held = append(held, a)
		} else {
			arts = append(arts, a)
		}
		i++
		return nil
	})
	return arts, held, err
}

// buildIndex indexes arts into a new index in dir and returns the time it
// took.
func buildIndex(dir string, arts []corpus.Article) (time.Duration, error) {
	start := time.Now()
	x, err := index.Open(dir, index.Options{})
	if err != nil {
		return 0, err
	}
	read := corpus.Slice(arts)
	if _, err := x.Add(context.Background(), read, index.AddOptions{}); err != nil {
		x.Close() // the add error is the one to report
		return 0, err
	}
	if err := x.Close(); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

// dirSize is the total size of the files under dir.
func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			n += info.Size()
		}
		return err
	})
	return n, err
}

// corpus generates the corpus once.
func (ib *indexBench) corpus(b *testing.B) {
	b.Helper()
	ib.once.Do(func() { ib.arts, ib.held, ib.err = generateIndexCorpus(indexBenchArticles(b)) })
	if ib.err != nil {
		b.Fatal(ib.err)
	}
}

// keepDir is where the 100k runs keep their index between benchmarks
// (NEARDUP_BENCH_INDEX_DIR): built by the first benchmark that needs it,
// reused by the others. Unset, each benchmark builds its own in a
// temporary directory.
func keepDir() string { return os.Getenv("NEARDUP_BENCH_INDEX_DIR") }

// built reports whether dir holds an index.
func built(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "dedupe.db"))
	return err == nil
}

// build indexes the corpus into a new directory (the keep directory when
// it has no index yet) and returns the time it took, the disk size and
// the directory.
func (ib *indexBench) build(b *testing.B) (time.Duration, int64, string) {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "idx")
	if keep := keepDir(); keep != "" && !built(keep) {
		dir = keep
	}
	took, err := buildIndex(dir, ib.arts)
	if err != nil {
		b.Fatal(err)
	}
	size, err := dirSize(dir)
	if err != nil {
		b.Fatal(err)
	}
	return took, size, dir
}

// get returns an index of the corpus: the kept one, or a new one.
func (ib *indexBench) get(b *testing.B) string {
	b.Helper()
	ib.corpus(b)
	if keep := keepDir(); keep != "" && built(keep) {
		x, err := index.Open(keep, index.Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		n, err := x.Len()
		x.Close()
		if err != nil || n != len(ib.arts) {
			b.Fatalf("%s holds %d articles (%v), the corpus %d: remove it to rebuild", keep, n, err, len(ib.arts))
		}
		return keep
	}
	_, _, dir := ib.build(b)
	return dir
}

// BenchmarkIndex builds an index of the generated corpus, in batches of
// the default size, and reports articles/s and the disk bytes per article
// (bleve index, dedupe state and key runs).
func BenchmarkIndex(b *testing.B) {
	sharedIndexBench.corpus(b)
	ib := &sharedIndexBench
	var seconds float64
	var size int64
	builds := 0
	defer debug.SetGCPercent(debug.SetGCPercent(200)) // as neardup index runs
	cpu0 := cpuTime()
	for b.Loop() {
		took, n, _ := ib.build(b)
		seconds += took.Seconds()
		size = n
		builds++
	}
	n := float64(len(ib.arts) * builds)
	b.ReportMetric(n/seconds, "articles/s")
	b.ReportMetric(float64(size)/float64(len(ib.arts)), "disk-bytes/article")
	// CPU time per article does not depend on what else the machine runs:
	// 2000/cpu-ms is the rate two idle cores would reach at full use.
	b.ReportMetric((cpuTime()-cpu0).Seconds()*1000/n, "cpu-ms/article")
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// indexQueries picks search queries from the corpus titles: single words,
// pairs and phrases.
func indexQueries(arts []corpus.Article) []string {
	var qs []string
	for i := 0; i < len(arts) && len(qs) < 300; i += max(1, len(arts)/100) {
		var words []string
		for _, w := range strings.Fields(arts[i].Title) {
			w = strings.Trim(w, ".,:;!?\"'()")
			if len([]rune(w)) >= 5 && !strings.ContainsAny(w, `+-&|!(){}[]^"~*?:\/`) {
				words = append(words, w)
			}
		}
		if len(words) >= 2 {
			qs = append(qs, words[0], words[0]+" "+words[1], `"`+words[0]+" "+words[1]+`"`)
		}
	}
	return qs
}

// percentiles reports the 50th and 99th percentile of durations in ms.
func percentiles(b *testing.B, ds []time.Duration) {
	slices.Sort(ds)
	at := func(p float64) float64 {
		return float64(ds[min(len(ds)-1, int(p*float64(len(ds))))].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}

// BenchmarkSearch runs title words, pairs and phrases against the index,
// first page of 10 stories, and reports the latency percentiles.
func BenchmarkSearch(b *testing.B) {
	ib := &sharedIndexBench
	x, err := index.Open(ib.get(b), index.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	qs := indexQueries(ib.arts)
	var lat []time.Duration
	stories := 0
	for b.Loop() {
		for _, q := range qs {
			start := time.Now()
			res, err := x.Search(context.Background(), index.SearchRequest{Query: q})
			if err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(start))
			stories += len(res.Stories)
		}
	}
	if stories == 0 {
		b.Fatal("no query found anything")
	}
	percentiles(b, lat)
	b.ReportMetric(float64(len(qs)), "queries/op")
}

// BenchmarkSimilar finds the story of each held-out article and reports
// the latency percentiles.
func BenchmarkSimilar(b *testing.B) {
	ib := &sharedIndexBench
	x, err := index.Open(ib.get(b), index.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	held := ib.held[:min(len(ib.held), 300)]
	var lat []time.Duration
	found := 0
	for b.Loop() {
		for i := range held {
			start := time.Now()
			s, err := x.Similar(&held[i], "")
			if err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(start))
			if s.Story != "" {
				found++
			}
		}
	}
	percentiles(b, lat)
	b.ReportMetric(float64(found)/float64(len(lat)), "in-a-story")
}
