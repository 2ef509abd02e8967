package dedupe

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/neardup/neardup/internal/workpool"
	"github.com/neardup/neardup/text"

	"golang.org/x/sync/errgroup"

	"github.com/neardup/neardup/corpus"
)

// Options configures Run.
type Options struct {
	// Params decide what is a story; zero fields take their defaults.
	Params Params
	// Lang, when set, is the language of every article; otherwise each
	// article's own lang field is used, or its language detected.
	Lang text.Lang
	// Workers is the number of goroutines per parallel stage. Zero means
	// runtime.GOMAXPROCS(0); one runs everything inline.
	Workers int
	// SimilarityOnly skips the paragraph alignment of every pair of
	// versions: only each version's similarity to its canonical version is
	// computed. Paragraph matches, copy blocks and diffs stay empty. For
	// callers that show stories, not paragraphs (the text summary).
	SimilarityOnly bool
	// TempDir is where article bodies are kept on disk while the run needs
	// them; "" means os.TempDir(). Result.Close removes them.
	TempDir string
	// Progress, if set, is told how far each stage has got: stage is
	// "read", "lsh", "boilerplate", "compare", "cluster" or "align", each
	// told first with done 0 as it starts (but "read"); total is 0 while
	// unknown. Called from one goroutine at a time.
	Progress func(stage string, done, total int)
}

// Run reads every article, groups the versions of each story and aligns
// their paragraphs. Memory holds each article's Doc (word hashes, no text)
// and the LSH keys of its passages; the bodies wait in a temporary file
// for the views that show text. See doc.go for the method. Call
// Result.Close when done with the result.
func Run(ctx context.Context, read corpus.Source, opt Options) (res *Result, err error) {
	opt.SetDefaults()
	p := opt.Params
	if err := p.Validate(); err != nil {
		return nil, err
	}
	texts, words := newTextStore(opt.TempDir), newTextStore(opt.TempDir)
	defer func() {
		if err != nil { // the run failed: nothing will read the bodies or words
			texts.close()
			words.close()
		}
	}()
	var stats Stats
	lap := stats.stopwatch()
	docs, buckets, err := analyzeAll(ctx, read, texts, words, opt)
	if err != nil {
		return nil, err
	}
	if err := cmp.Or(texts.finish(), words.finish()); err != nil {
		return nil, err
	}
	stats.Articles, stats.Keys = len(docs), buckets.Len()
	lap("read and sign")
	opt.Progress("lsh", 0, 0)
	pairs, err := buckets.Pairs(ctx, opt.Workers)
	if err != nil {
		return nil, err
	}
	stats.Candidates = len(pairs)
	lap("lsh")
	opt.Progress("boilerplate", 0, 0)
	stats.Boilerplate, err = LearnBoilerplate(ctx, docs, opt)
	if err != nil {
		return nil, err
	}
	lap("boilerplate")
	opt.Progress("compare", 0, 0)
	links, err := Verify(ctx, docs, pairs, opt)
	if err != nil {
		return nil, err
	}
	stats.Links = len(links)
	lap("verify")
	opt.Progress("cluster", 0, 0)
	res = NewResult(p, docs, Cluster(len(docs), links), links)
	res.texts, res.words = texts, words
	lap("cluster")
	if err := ctx.Err(); err != nil {
		return nil, err // the deferred close frees the stores
	}
	opt.Progress("align", 0, 0)
	if err := res.Align(ctx, opt); err != nil {
		return nil, err
	}
	lap("align")
	res.Stats = stats
	return res, nil
}

// analyzed is one worker's output for one article.
type analyzed struct {
	seq  int
	doc  *Doc
	keys []uint64
	span textSpan // where the worker stored the body
}

// analyzeAll runs the read → analyze → collect pipeline: one reader, the
// workers, and this goroutine collecting Docs in input order and LSH keys.
//
// With words set, each Doc's word hashes go to that store and leave
// memory (Doc.words reads them back); with nil they stay in Doc.Tokens.
//
// It stays in one piece: the reader, the workers and the collector share one
// set of channels and one shutdown order.
func analyzeAll(ctx context.Context, read corpus.Source, texts, words *textStore, opt Options) ([]*Doc, *Buckets, error) {
	type job struct {
		seq int
		art corpus.Article
	}
	g, ctx := errgroup.WithContext(ctx)
	jobs := make(chan job, opt.Workers)
	out := make(chan analyzed, opt.Workers)
	g.Go(func() error {
		defer close(jobs)
		seq := 0
		return read(func(a corpus.Article) error {
			if seq >= MaxArticles {
				return ErrTooMany
			}
			select {
			case jobs <- job{seq, a}:
				seq++
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	})
	var wg sync.WaitGroup
	for w := 0; w < opt.Workers; w++ {
		an, err := NewAnalyzer(opt.Params, opt.Lang)
		if err != nil {
			return nil, nil, err
		}
		an.arena = new(docArena) // the Docs live as long as the Result
		an.scratchTokens = words != nil
		shardID, shard, err := texts.shard()
		if err != nil {
			return nil, nil, err
		}
		var wordID int32
		var wordShard *textShard
		if words != nil {
			if wordID, wordShard, err = words.shard(); err != nil {
				return nil, nil, err
			}
		}
		wg.Add(1)
		g.Go(func() error {
			defer wg.Done()
			for j := range jobs {
				d, keys := an.Analyze(&j.art, nil)
				span, err := shard.write(shardID, j.art.Body)
				if err != nil {
					return err
				}
				if wordShard != nil {
					if err := d.spillWords(words, wordID, wordShard); err != nil {
						return err
					}
				}
				select {
				case out <- analyzed{j.seq, d, keys, span}:
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			return nil
		})
	}
	go func() { wg.Wait(); close(out) }()
	var docs []*Doc
	buckets := NewBuckets(opt.Params.MaxBucket, opt.Params.MinSharedKeys)
	if err := buckets.SpillTo(opt.TempDir); err != nil {
		return nil, nil, err
	}
	received := 0
	for r := range out {
		received++
		for len(docs) <= r.seq {
			docs = append(docs, nil)
		}
		docs[r.seq] = r.doc
		buckets.Add(uint32(r.seq), r.keys)
		texts.set(r.seq, r.span)
		opt.Progress("read", received, 0)
	}
	if err := g.Wait(); err != nil {
		buckets.keys.close()
		return nil, nil, err
	}
	return docs, buckets, nil
}

// linkAll verifies candidate pairs and returns the pairs that pass the story
// rule, sorted.
func linkAll(ctx context.Context, docs []*Doc, pairs []Pair, opt Options) ([]Link, error) {
	var links []Link
	// Group the pairs by their first article: each group shares one table.
	var groups [][]Pair
	for i := 0; i < len(pairs); {
		j := i
		for j < len(pairs) && pairs[j].A == pairs[i].A {
			j++
		}
		groups = append(groups, pairs[i:j])
		i = j
	}
	found := make([][]Link, len(groups))
	var cs comparers
	err := workpool.Run(ctx, len(groups), opt.Workers, func() func(int) {
		c := cs.new(opt.Params, false)
		return func(gi int) {
			g := groups[gi]
			c.SetA(docs[g[0].A])
			for _, pr := range g {
				cmp := c.Compare(docs[pr.B])
				if opt.Params.IsStory(&cmp) {
					found[gi] = append(found[gi], Link{
						A: pr.A, B: pr.B,
						SentsA: matchedSents(cmp.Matches, true), SentsB: matchedSents(cmp.Matches, false),
						SharedA: int32(cmp.SharedA), SharedB: int32(cmp.SharedB),
						Weak: !opt.Params.IsStrong(&cmp, docs[pr.A], docs[pr.B]), Twin: IsTwin(&cmp),
					})
				}
			}
		}
	}, func(done int) { opt.Progress("compare", done, len(groups)) })
	if err = cmp.Or(err, cs.err()); err != nil {
		return nil, err
	}
	for _, f := range found {
		links = append(links, f...)
	}
	slices.SortFunc(links, func(x, y Link) int { return comparePairs(Pair{x.A, x.B}, Pair{y.A, y.B}) })
	return links, nil
}

// IsStory is the story rule: the shared copy covers at least Threshold of
// one article's text and spans at least MinParagraphs paragraphs of each;
// or, in fewer paragraphs, copy close to verbatim covers at least
// BriefCover of one article (a brief republished word for word, an article
// whose paragraphs are single sentences).
func (p Params) IsStory(c *Comparison) bool {
	paras := min(c.ParasA, c.ParasB)
	if paras >= p.MinParagraphs {
		return max(c.CoverA(), c.CoverB()) >= p.Threshold
	}
	return paras >= 1 && max(ratio(c.CloseA, c.TotalA), ratio(c.CloseB, c.TotalB)) >= p.BriefCover
}

// IsStrong reports whether a pair that passes IsStory, compared as a and b,
// rests on more than one passage: its close-to-verbatim copy spans at
// least MinParagraphs paragraphs of each, or it passes the brief rule, or
// it still passes the story rule without the paragraph of each side that
// holds most of its copy (an update whose kept background was rewritten
// beside one verbatim paragraph). A link that passes IsStory but not
// IsStrong is weak: one verbatim passage and stock sentences with a name
// changed pass the rule too, and such a link joins two established groups
// only as the group check allows (see Clustering in the package doc).
func (p Params) IsStrong(c *Comparison, a, b *Doc) bool {
	if min(c.CloseParasA, c.CloseParasB) >= p.MinParagraphs {
		return true
	}
	if max(ratio(c.CloseA, c.TotalA), ratio(c.CloseB, c.TotalB)) >= p.BriefCover {
		return true
	}
	if min(c.ParasA, c.ParasB) < p.MinParagraphs+1 {
		return false
	}
	topA, topB := topParagraph(c.Matches, a, true), topParagraph(c.Matches, b, false)
	return max(ratio(c.SharedA-topA, c.TotalA), ratio(c.SharedB-topB, c.TotalB)) >= p.Threshold
}

// topParagraph returns the most words of shared copy that one text
// paragraph of d holds, on side A or B of the matches.
func topParagraph(ms []SentMatch, d *Doc, sideA bool) int {
	words := make([]int, len(d.Paras))
	top := 0
	for _, m := range ms {
		s := m.B
		if sideA {
			s = m.A
		}
		p := d.SentPara(int(s))
		if d.Paras[p].Kind != text.KindText {
			continue
		}
		words[p] += int(m.Words)
		top = max(top, words[p])
	}
	return top
}

// twinCover is the share of each article that close-to-verbatim copy
// covers in a twin pair.
const twinCover = 0.8

// IsTwin reports whether each article of the comparison is nearly all
// (twinCover) close-to-verbatim copy of the other.
func IsTwin(c *Comparison) bool {
	return ratio(c.CloseA, c.TotalA) >= twinCover && ratio(c.CloseB, c.TotalB) >= twinCover
}

// Stats counts the work of a run.
type Stats struct {
	Articles    int // articles read
	Keys        int // LSH band keys stored
	Candidates  int // candidate pairs from LSH
	Links       int // pairs that passed the story rule
	Boilerplate int // distinct recurring paragraphs learned as boilerplate
	// Stages is the wall time of each stage, in order.
	Stages []StageTime
}

// StageTime is the wall time of one stage of Run.
type StageTime struct {
	Stage    string
	Duration time.Duration
}

// stopwatch returns a function that records the time since its last call
// as the named stage.
func (s *Stats) stopwatch() func(stage string) {
	last := time.Now()
	return func(stage string) {
		now := time.Now()
		s.Stages = append(s.Stages, StageTime{stage, now.Sub(last)})
		last = now
	}
}

func (s Stats) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d articles, %d LSH keys, %d candidate pairs, %d links, %d paragraphs learned as boilerplate",
		s.Articles, s.Keys, s.Candidates, s.Links, s.Boilerplate)
	for _, st := range s.Stages {
		fmt.Fprintf(&b, "\n  %-14s %v", st.Stage, st.Duration.Round(time.Millisecond))
	}
	return b.String()
}
