package dedupe

import (
	"context"
	"runtime"
	"unsafe"

	"github.com/neardup/neardup/corpus"
)

// Hooks into the unexported stages of Run for the stage benchmarks
// (stages_bench_test.go). Those run on the bench generator's corpus, and
// package bench imports dedupe, so they live in package dedupe_test and
// reach the stages through this file, which is compiled into the package
// only for its tests.

// StageOptions fills opt's defaults as Run does.
func StageOptions(opt Options) Options {
	opt.Params.SetDefaults()
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.Progress == nil {
		opt.Progress = func(string, int, int) {}
	}
	return opt
}

// StageAnalyzer turns articles into Docs and LSH keys as one worker of
// Run does.
type StageAnalyzer struct{ a *analyzer }

// NewStageAnalyzer returns an analyzer for p (with defaults filled).
func NewStageAnalyzer(p Params) (*StageAnalyzer, error) {
	p.SetDefaults()
	a, err := newAnalyzer(p, "")
	return &StageAnalyzer{a}, err
}

// Analyze returns art's Doc and appends its passages' band keys to keys.
func (s *StageAnalyzer) Analyze(art *corpus.Article, keys []uint64) (*Doc, []uint64) {
	return s.a.analyze(art, keys)
}

// StageBoilerplate learns boilerplate from the recurring paragraphs, as
// Run does after LSH; it marks paragraphs of docs.
func StageBoilerplate(ctx context.Context, docs []*Doc, opt Options) (int, error) {
	return learnBoilerplate(ctx, docs, recurringParagraphs(docs, opt.Params.BoilerplateStories), opt)
}

// StageVerify verifies candidate pairs by the story rule.
func StageVerify(ctx context.Context, docs []*Doc, pairs []Pair, opt Options) ([]Link, error) {
	return linkAll(ctx, docs, pairs, opt)
}

// StageCluster groups the linked Docs into stories and builds the Result
// that alignment fills.
func StageCluster(p Params, docs []*Doc, links []Link) *Result {
	return newResult(p, docs, cluster(len(docs), links), links)
}

// StageAlign aligns the versions of every story (or, with similarityOnly,
// computes only their similarity to the canonical version).
func StageAlign(ctx context.Context, res *Result, opt Options, similarityOnly bool) error {
	if similarityOnly {
		return similarityAll(ctx, res, opt)
	}
	return alignAll(ctx, res, opt)
}

// DocBytes estimates the heap a Doc keeps for the whole run: the struct,
// its slices' capacity and its strings' bytes.
func DocBytes(d *Doc) int {
	n := int(unsafe.Sizeof(*d)) + len(d.ID) + len(d.Title) + len(d.DateText) + len(d.Source) + len(d.Lang)
	n += cap(d.Paras)*int(unsafe.Sizeof(Para{})) + cap(d.Sents)*int(unsafe.Sizeof(Sent{})) + cap(d.Tokens)*4
	for _, c := range d.Credits {
		n += int(unsafe.Sizeof(c)) + len(c)
	}
	return n
}
