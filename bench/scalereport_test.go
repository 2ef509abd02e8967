package bench

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/neardup/neardup/eval"
)

// sampleResults is a fixed set of results for the Markdown golden file.
func sampleResults(rate1M float64, rss1M int64, f1M float64) *ScaleResults {
	q := func(f1 float64) eval.Report {
		return eval.Report{Stories: 100, Pairwise: eval.PRF{Precision: 1, Recall: f1, F1: f1}, BCubed: eval.PRF{F1: 0.999},
			Paragraphs: eval.PRF{F1: 0.998}, Boilerplate: eval.Marking{Recall: 1}, Credit: eval.Marking{Recall: 1}}
	}
	stats := "10000 articles, 3000000 LSH keys, 18000 candidate pairs, 14500 links, 0 paragraphs learned as boilerplate\n  read and sign  400ms"
	run := func(n int, rate float64, rss int64, f1 float64) SizeRun {
		wall := float64(n) / rate
		return SizeRun{Articles: n, CorpusBytes: int64(n) * 3136,
			Generate: Measure{Command: "neardup bench gen", WallSeconds: wall / 3, PeakRSS: 30e6},
			Summary:  Measure{Command: "neardup dedupe", WallSeconds: wall, UserSeconds: wall * 1.5, PeakRSS: rss, Stats: stats},
			Full:     Measure{Command: "neardup dedupe --out", WallSeconds: wall * 1.5, PeakRSS: rss + 1e8},
			Quality:  q(f1)}
	}
	small := run(10000, 12000, 2e8, 1)
	small.Summary.Walls = []float64{0.9, small.Summary.WallSeconds, 1.2}
	small.Reference = &ReferenceResult{Pairs: 14510, Candidates: 18000, Found: 14500, Recall: 14500.0 / 14510, Verified: 15000,
		Seconds: 2.5, Missed: [][2]string{{"g1-1", "g1-2"}}}
	small.Textbook = &TextbookScore{Bands: 25, Rows: 5, Candidates: 6000, Links: 5000, Seconds: 1.2, Quality: q(0.5)}
	perf := func(n int, usPerArticle float64, candsPerArticle int, rss int64) *PerfRun {
		stats := fmt.Sprintf("%d articles, %d LSH keys, %d candidate pairs, %d links, 0 paragraphs learned as boilerplate", n, 330*n, candsPerArticle*n, n/4)
		return &PerfRun{CorpusBytes: int64(n) * 2450,
			Generate: Measure{Command: "python3 perfgen.py", WallSeconds: float64(n) / 2500},
			Summary:  Measure{Command: "neardup dedupe perf.jsonl", WallSeconds: usPerArticle * float64(n) / 1e6, PeakRSS: rss, Stats: stats}}
	}
	big := run(1000000, rate1M, rss1M, f1M)
	big.Perf = perf(1000000, 1e6/rate1M*1.1, 4, rss1M)
	mid := run(100000, 11000, 15e8, 1)
	mid.Perf = perf(100000, 100, 3, 3e8)
	return &ScaleResults{
		Machine: Machine{CPU: "Test CPU", Cores: 2, MemBytes: 24e9, OS: "linux/amd64", Go: "go1.26", Commit: "abc", Date: "2026-01-01T00:00:00Z"},
		Command: "neardup bench scale --sizes 10000,100000,1000000",
		Options: ScaleFlags{Seed: 1, ReferenceMax: 20000, TextbookMax: 100000, Repeat: 3, RepeatMax: 100000},
		Runs:    []SizeRun{small, mid, big},
	}
}

func TestScaleMarkdownGolden(t *testing.T) {
	const golden = "testdata/bench.md"
	var got bytes.Buffer
	if err := sampleResults(9000, 14e8, 0.995).WriteMarkdown(&got); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(want, got.Bytes()) {
		t.Errorf("Markdown changed; if intended, rerun with -update.\ngot:\n%s", got.Bytes())
	}
}

func TestScaleTargets(t *testing.T) {
	for _, tc := range []struct {
		name         string
		rate, f1     float64
		rss          int64
		met, missing []string
	}{
		{"all met", 9000, 0.995, 14e8, []string{"at 1,000,000 | 9,000 (summary)", "within 0.01 of 10,000 | 0.9950 vs 1.0000 (-0.0050) | yes",
			"≤ 1.2× 100,000's | 122.2 µs vs 100.0 µs (1.22×) | **no**", "≤ 1.5× 100,000's | 4.00 vs 3.00 (1.33×) | yes",
			"| speed corpus | 1,000,000 | 122.2 µs | 1.22 | 4.00 | 1.33 | 1.40 KB | 0.47 |"}, nil},
		{"slow", 3000, 1, 14e8, nil, []string{"at 1,000,000 | 3,000 (summary), 2,000 (full) |"}},
		{"memory", 9000, 1, 95e8, nil, []string{"≤ 1.5 GB | 9.50 GB (summary), 9.60 GB (full), 9.50 GB (speed corpus) |"}},
		{"quality drifts", 9000, 0.98, 14e8, nil, []string{"0.9800 vs 1.0000 (-0.0200) |"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			if err := sampleResults(tc.rate, tc.rss, tc.f1).WriteMarkdown(&b); err != nil {
				t.Fatal(err)
			}
			md := b.String()
			for _, s := range tc.met {
				if !strings.Contains(md, s) {
					t.Errorf("missing %q in\n%s", s, md)
				}
			}
			for _, s := range tc.missing {
				if !strings.Contains(md, s+" **no** |") {
					t.Errorf("want %q marked not met in\n%s", s, md)
				}
			}
			if !strings.Contains(md, "candidate recall vs the exact reference ≥ 0.99 | 0.9993 at 10,000 (14,500 of 14,510 pairs) | yes |") {
				t.Errorf("recall row wrong in\n%s", md)
			}
		})
	}
}

func TestCountAndStats(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "0"}, {999, "999"}, {1000, "1,000"}, {1234567, "1,234,567"}, {-12345, "-12,345"}} {
		if got := count(tc.n); got != tc.want {
			t.Errorf("count(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
	stats := "5000 articles, 1495648 LSH keys, 9107 candidate pairs, 7265 links, 0 paragraphs learned as boilerplate\n  lsh 71ms"
	for label, want := range map[string]string{"candidate pairs": "9,107", "links": "7,265", "articles": "5,000", "nothing": "—"} {
		if got := statCount(stats, label); got != want {
			t.Errorf("statCount(%q) = %q, want %q", label, got, want)
		}
	}
}

func TestInsideWD(t *testing.T) {
	for _, tc := range []struct {
		path, rel string
		ok        bool
	}{
		{"BENCH.md", "BENCH.md", true},
		{"./testdata/../BENCH.md", "BENCH.md", true},
		{"testdata/bench.md", "testdata/bench.md", true},
		{"../BENCH.md", "", false},
		{"/", "", false},
	} {
		rel, ok := insideWD(tc.path)
		if rel != tc.rel || ok != tc.ok {
			t.Errorf("insideWD(%q) = %q, %v; want %q, %v", tc.path, rel, ok, tc.rel, tc.ok)
		}
	}
}
