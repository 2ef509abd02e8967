package bench_test

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"github.com/neardup/neardup/bench"
)

// genWords splits a body into lower-case words: runs of letters.
func genWords(body string) []string {
	return strings.FieldsFunc(strings.ToLower(body), func(r rune) bool { return !unicode.IsLetter(r) })
}

// genZipfStats returns the share of the most frequent word among all
// tokens of articles, and the Heaps ratio: the number of distinct words in
// all articles over the number in the first eighth of them.
func genZipfStats(articles [][]string) (top, heaps float64) {
	counts := map[string]int{}
	var tokens, early int
	for i, words := range articles {
		if i == len(articles)/8 {
			early = len(counts)
		}
		for _, w := range words {
			counts[w]++
		}
		tokens += len(words)
	}
	return float64(slices.Max(slices.Collect(maps.Values(counts)))) / float64(tokens),
		float64(len(counts)) / float64(early)
}

// TestGenerateZipf checks that the words of each language follow Zipf's
// law, with two measures on 2,000 articles:
//
//   - The most frequent word is 3–8% of the tokens, as "the", "og" or "och"
//     are in real text. Words drawn uniformly make every word rare.
//   - Heaps' law: the vocabulary keeps growing, but slower than the text.
//     Eight times the articles must bring 2 to 4.5 times the distinct
//     words (a Heaps exponent of 0.33–0.72). Uniform words over a closed
//     vocabulary have shown almost all of it after 250 articles (ratio
//     near 1); uniform words over an open vocabulary are nearly all new
//     (ratio near 8). Only a long-tailed law such as Zipf's lands between.
//
// The two uniform controls have the same article lengths as the generated
// text: "closed" draws from the distinct words the generated text used,
// "open" draws fresh random strings.
func TestGenerateZipf(t *testing.T) {
	const n = 2000
	type verdict struct{ TopOK, HeapsOK bool }
	for _, lang := range []string{"da", "nb", "sv", "en"} {
		docs, _ := genRun(t, bench.GenOptions{Articles: n, Seed: 5, Langs: []bench.LangWeight{{Lang: lang, Weight: 1}}})
		samples := map[string][][]string{"zipf": nil, "uniform closed": nil, "uniform open": nil}
		var vocab []string
		seen := map[string]bool{}
		for _, d := range docs {
			if d.Lang != lang {
				t.Fatalf("%s: lang %q, want %q", d.ID, d.Lang, lang)
			}
			words := genWords(d.Body)
			samples["zipf"] = append(samples["zipf"], words)
			for _, w := range words {
				if !seen[w] {
					seen[w] = true
					vocab = append(vocab, w)
				}
			}
		}
		rng := rand.New(rand.NewPCG(5, 5))
		for _, words := range samples["zipf"] {
			closed, open := make([]string, len(words)), make([]string, len(words))
			for i := range words {
				closed[i] = vocab[rng.IntN(len(vocab))]
				open[i] = strconv.FormatUint(rng.Uint64()&(1<<40-1), 36)
			}
			samples["uniform closed"] = append(samples["uniform closed"], closed)
			samples["uniform open"] = append(samples["uniform open"], open)
		}
		tests := []struct {
			name string
			want verdict
		}{
			{"zipf", verdict{true, true}},
			{"uniform closed", verdict{false, false}},
			{"uniform open", verdict{false, false}},
		}
		for _, tt := range tests {
			t.Run(lang+"/"+tt.name, func(t *testing.T) {
				top, heaps := genZipfStats(samples[tt.name])
				t.Logf("top word %.2f%% of tokens, Heaps ratio %.2f", 100*top, heaps)
				got := verdict{top >= 0.03 && top <= 0.08, heaps >= 2 && heaps <= 4.5}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("top %.4f, Heaps ratio %.2f (-want +got):\n%s", top, heaps, diff)
				}
			})
		}
	}
}

// genHeapWatch is a writer that counts lines and, every `every` lines,
// collects garbage and records the largest live heap.
type genHeapWatch struct {
	lines, every int
	maxInuse     uint64
}

func (w *genHeapWatch) Write(p []byte) (int, error) {
	for range bytes.Count(p, []byte{'\n'}) {
		if w.lines++; w.lines%w.every == 0 {
			var ms runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&ms)
			w.maxInuse = max(w.maxInuse, ms.HeapInuse)
		}
	}
	return len(p), nil
}

// genAllocated returns the bytes allocated while generating n articles.
func genAllocated(t *testing.T, n int, corpus io.Writer) uint64 {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if err := bench.Generate(bench.GenOptions{Articles: n, Seed: 9}, corpus, io.Discard); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestGenerateMemory checks that Generate streams: the live heap stays
// small while it writes 20,000 articles, and the bytes it allocates grow
// linearly with the articles after a fixed cost for the vocabularies (the
// cost per article from 2,500 to 5,000 articles matches that from 5,000 to
// 20,000 within 25%).
func TestGenerateMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 27,500 articles")
	}
	a2500 := genAllocated(t, 2500, io.Discard)
	a5000 := genAllocated(t, 5000, io.Discard)
	watch := &genHeapWatch{every: 2000}
	a20000 := genAllocated(t, 20000, watch)
	early, late := float64(a5000-a2500)/2500, float64(a20000-a5000)/15000
	t.Logf("allocated %d, %d, %d MB for 2,500, 5,000, 20,000 articles: %.1f then %.1f KB per article; largest live heap %d MB",
		a2500>>20, a5000>>20, a20000>>20, early/1024, late/1024, watch.maxInuse>>20)
	type summary struct {
		Lines                     int
		LinearAllocs, BoundedHeap bool
	}
	got := summary{watch.lines, math.Abs(late/early-1) <= 0.25, watch.maxInuse < 64<<20}
	want := summary{20000, true, true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("memory (-want +got):\n%s", diff)
	}
}

// genCountWriter counts the bytes written to it.
type genCountWriter struct{ n int64 }

func (w *genCountWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

func BenchmarkGenerate(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var out genCountWriter
			for b.Loop() {
				if err := bench.Generate(bench.GenOptions{Articles: n, Seed: 1}, &out, io.Discard); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric(float64(out.n)/float64(b.N), "corpus-bytes/op")
		})
	}
}
