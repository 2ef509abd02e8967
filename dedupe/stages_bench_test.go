package dedupe_test

import (
	"context"
	"os"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"

	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/text"
)

// The stage benchmarks time each stage of dedupe.Run on its own, on a
// corpus of the bench generator (NEARDUP_BENCH_ARTICLES articles, default
// 5000, seed 1), each stage fed with what the stages before it made. Each
// reports articles/s and the bytes it allocates per article
// (bytes/article); the stages whose output lives for the whole run also
// report what they keep. Reading JSONL is benchmarked in package corpus.

// stageFixture is the corpus and every stage's output, made once.
type stageFixture struct {
	opt   dedupe.Options
	arts  []corpus.Article
	terms [][][]uint32 // per article, per text paragraph: word hashes
	docs  []*dedupe.Doc
	keys  [][]uint64 // per article: LSH band keys
	pairs []dedupe.Pair
	links []dedupe.Link
}

var fixture struct {
	once sync.Once
	f    *stageFixture
}

// stages returns the shared fixture, building it on first use.
func stages(b *testing.B) *stageFixture {
	b.Helper()
	fixture.once.Do(func() { fixture.f = buildFixture(b) })
	if fixture.f == nil {
		b.Fatal("stage fixture failed to build")
	}
	return fixture.f
}

func buildFixture(b *testing.B) *stageFixture {
	n := 5000
	if s := os.Getenv("NEARDUP_BENCH_ARTICLES"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 2 {
			b.Fatalf("NEARDUP_BENCH_ARTICLES=%q: want a number of articles ≥ 2", s)
		}
		n = v
	}
	f := &stageFixture{opt: stageOptions(), arts: generated(b, n, 1)}
	ctx := context.Background()
	an, err := dedupe.NewAnalyzer(f.opt.Params, "")
	if err != nil {
		b.Fatal(err)
	}
	norm := text.NewNormalizer(f.opt.Params.Seed)
	var terms []text.Term
	buckets := dedupe.NewBuckets(f.opt.Params.MaxBucket, f.opt.Params.MinSharedKeys)
	for i := range f.arts {
		d, keys := an.Analyze(&f.arts[i], nil)
		f.docs = append(f.docs, d)
		f.keys = append(f.keys, keys)
		buckets.Add(uint32(i), keys)
		var paras [][]uint32
		for _, p := range f.arts[i].Paragraphs() {
			terms = norm.Terms(p, d.Lang, terms[:0])
			words := make([]uint32, len(terms))
			for j, t := range terms {
				words[j] = uint32(t.Hash)
			}
			paras = append(paras, words)
		}
		f.terms = append(f.terms, paras)
	}
	if f.pairs, err = buckets.Pairs(context.Background(), f.opt.Workers); err != nil {
		b.Fatal(err)
	}
	if _, err := dedupe.LearnBoilerplate(ctx, f.docs, f.opt); err != nil {
		b.Fatal(err)
	}
	if f.links, err = dedupe.Verify(ctx, f.docs, f.pairs, f.opt); err != nil {
		b.Fatal(err)
	}
	return f
}

// measure runs stage b.N times over the fixture's articles and reports
// articles/s and allocated bytes/article.
func measure(b *testing.B, articles int, stage func()) {
	b.Helper()
	b.ReportAllocs()
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	for b.Loop() {
		stage()
	}
	runtime.ReadMemStats(&ms1)
	n := float64(b.N) * float64(articles)
	b.ReportMetric(n/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(ms1.TotalAlloc-ms0.TotalAlloc)/n, "bytes/article")
}

// BenchmarkStageNormalize folds, splits and stems every paragraph
// (text.Normalizer.Terms), one goroutine.
func BenchmarkStageNormalize(b *testing.B) {
	f := stages(b)
	norm := text.NewNormalizer(f.opt.Params.Seed)
	var terms []text.Term
	measure(b, len(f.arts), func() {
		for i := range f.arts {
			for _, p := range f.arts[i].Paragraphs() {
				terms = norm.Terms(p, f.docs[i].Lang, terms[:0])
			}
		}
	})
}

// BenchmarkStageSign shingles every paragraph's words, signs it (MinHash)
// and cuts the band keys, one goroutine.
func BenchmarkStageSign(b *testing.B) {
	f := stages(b)
	p := f.opt.Params
	mh, err := dedupe.NewMinHasher(p)
	if err != nil {
		b.Fatal(err)
	}
	var shingles, keys []uint64
	var sig dedupe.Signature
	nkeys := 0
	measure(b, len(f.arts), func() {
		nkeys = 0
		for _, paras := range f.terms {
			for _, words := range paras {
				if len(words) <= p.ShingleSize {
					continue
				}
				shingles = dedupe.Shingles(words, p.ShingleSize, p.Seed, shingles[:0])
				sig = mh.SignInto(shingles, sig)
				keys = dedupe.BandKeys(sig, p.Bands, p.Rows, p.Seed, keys[:0])
				nkeys += len(keys)
			}
		}
	})
	b.ReportMetric(float64(nkeys)/float64(len(f.arts)), "keys/article")
}

// BenchmarkStageAnalyze is one worker of Run's first stage: language,
// paragraphs, sentences, normalise and stem, shingle and sign. It reports
// what a Doc and its LSH keys keep for the rest of the run.
func BenchmarkStageAnalyze(b *testing.B) {
	f := stages(b)
	an, err := dedupe.NewAnalyzer(f.opt.Params, "")
	if err != nil {
		b.Fatal(err)
	}
	var keys []uint64
	measure(b, len(f.arts), func() {
		for i := range f.arts {
			_, keys = an.Analyze(&f.arts[i], keys[:0])
		}
	})
	docBytes, nkeys := 0, 0
	for i, d := range f.docs {
		docBytes += dedupe.DocBytes(d)
		nkeys += len(f.keys[i])
	}
	b.ReportMetric(float64(docBytes)/float64(len(f.docs)), "doc-bytes/article")
	b.ReportMetric(float64(8*nkeys)/float64(len(f.docs)), "key-bytes/article")
}

// BenchmarkStageLSH stores every article's band keys in Buckets and turns
// shared keys into candidate pairs.
func BenchmarkStageLSH(b *testing.B) {
	f := stages(b)
	p := f.opt.Params
	var pairs []dedupe.Pair
	measure(b, len(f.arts), func() {
		bk := dedupe.NewBuckets(p.MaxBucket, p.MinSharedKeys)
		for i, k := range f.keys {
			bk.Add(uint32(i), k)
		}
		var err error
		if pairs, err = bk.Pairs(context.Background(), f.opt.Workers); err != nil {
			b.Fatal(err)
		}
	})
	b.ReportMetric(float64(len(pairs))/float64(len(f.arts)), "candidates/article")
}

// BenchmarkStageBoilerplate learns boilerplate from the paragraphs that
// recur word for word (on fresh copies of the Docs' paragraphs).
func BenchmarkStageBoilerplate(b *testing.B) {
	f := stages(b)
	docs := make([]*dedupe.Doc, len(f.docs))
	measure(b, len(f.arts), func() {
		b.StopTimer()
		for i, d := range f.docs {
			c := *d
			c.Paras = slices.Clone(d.Paras)
			for j := range c.Paras {
				if c.Paras[j].Learned {
					c.Paras[j].Kind, c.Paras[j].Learned = text.KindText, false
				}
			}
			docs[i] = &c
		}
		b.StartTimer()
		if _, err := dedupe.LearnBoilerplate(context.Background(), docs, f.opt); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkStageVerify verifies the LSH candidates by the story rule.
func BenchmarkStageVerify(b *testing.B) {
	f := stages(b)
	measure(b, len(f.arts), func() {
		if _, err := dedupe.Verify(context.Background(), f.docs, f.pairs, f.opt); err != nil {
			b.Fatal(err)
		}
	})
	b.ReportMetric(float64(len(f.pairs))/float64(len(f.arts)), "candidates/article")
	b.ReportMetric(float64(len(f.links))/float64(len(f.arts)), "links/article")
}

// BenchmarkStageCluster groups the linked articles into stories (union–find
// with the hub test) and builds the Result.
func BenchmarkStageCluster(b *testing.B) {
	f := stages(b)
	measure(b, len(f.arts), func() {
		dedupe.NewResult(f.opt.Params, f.docs, dedupe.Cluster(len(f.docs), f.links), f.links)
	})
}

// stageOptions are Run's options with their defaults filled.
func stageOptions() dedupe.Options {
	var opt dedupe.Options
	opt.SetDefaults()
	return opt
}

// BenchmarkStageAlign aligns the paragraphs of every story's versions
// (similarity=only: only each version's similarity to the canonical one,
// as the text summary needs).
func BenchmarkStageAlign(b *testing.B) {
	f := stages(b)
	for _, only := range []bool{false, true} {
		b.Run("similarity-only="+strconv.FormatBool(only), func(b *testing.B) {
			res := dedupe.NewResult(f.opt.Params, f.docs, dedupe.Cluster(len(f.docs), f.links), f.links)
			opt := f.opt
			opt.SimilarityOnly = only
			measure(b, len(f.arts), func() {
				if err := res.Align(context.Background(), opt); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}
