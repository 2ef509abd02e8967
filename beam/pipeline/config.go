// Package pipeline runs neardup's engine (package dedupe) as an Apache Beam
// pipeline, so that the archives that outgrow one machine run on Flink,
// Spark or Dataflow, and on Prism for tests. Every stage calls the engine
// code `neardup dedupe` runs (dedupe's stage API); only the shuffles
// between them are Beam's:
//
//	read        each input file (a DoFn per file, corpus.Read), numbered
//	            in input order as the batch run numbers them
//	analyse     dedupe.Analyzer per article: its Doc, body, LSH band keys
//	            and paragraph folds
//	LSH         band keys by key shard (GroupByKey), buckets →
//	            dedupe.BucketPairs, occurrences by bin (GroupByKey) →
//	            dedupe.SharesEnough: the candidate pairs
//	boilerplate paragraph folds (GroupByKey) → suspects, a side input;
//	            each suspect's holders (GroupByKey) → dedupe.FurnitureTest;
//	            the learned folds, a side input, mark every Doc
//	verify      pairs joined with both Docs (two CoGroupByKeys) →
//	            dedupe.Verify → links
//	cluster     all links on one worker → dedupe.Cluster → each linked
//	            article's story; stories that versions of one agency
//	            item (GUID) join are written together (update_of)
//	stories     members by write unit (GroupByKey) →
//	            dedupe.NewResultShared, Result.Align → the records of
//	            output.WriteArticles and Writer.WriteStories
//	write       records by shard (GroupByKey), sorted → shard files; Merge
//	            joins them into articles.jsonl and stories.json
//
// Article numbers, hence links, stories, canonical versions and
// paragraph statuses, do not depend on the runner, bundles, workers or
// shard counts: the merged files are byte for byte those of `neardup
// dedupe --out` on the same inputs and flags.
package pipeline

import (
	"errors"
	"fmt"

	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/text"
)

// Config is what a pipeline reads, how it decides, and where it writes.
type Config struct {
	// Inputs are the files and directories to read, in order, as
	// `neardup dedupe` takes them (Expand has turned globs into files).
	// Local paths are read by corpus.Read; a path of another Beam
	// filesystem (gs://…) must be a .jsonl file.
	Inputs []string
	// Out is the output directory: the shards go to Out/shards, and
	// Merge writes Out/articles.jsonl and Out/stories.json.
	Out string
	// Params decide what is a story; zero fields take their defaults.
	Params dedupe.Params
	// Lang, when set, is the language of every article (da, nb, sv, en).
	Lang string
	// SkipBad skips bad articles instead of failing, as dedupe --skip-bad.
	SkipBad bool
	// Shards is the number of shard files of each output. Zero means 16.
	Shards int
	// KeyShards is the number of groups the LSH band keys are sorted in
	// (each group's keys on one worker, about 12 bytes a key, some 300
	// keys an article). Zero means 256.
	KeyShards int
}

// Defaults for Config's zero fields.
const (
	DefaultShards    = 16
	DefaultKeyShards = 256
	// pairBins is the number of groups pair occurrences are counted in.
	pairBins = 256
)

// SetDefaults fills the zero fields.
func (c *Config) SetDefaults() {
	c.Params.SetDefaults()
	if c.Shards <= 0 {
		c.Shards = DefaultShards
	}
	if c.KeyShards <= 0 {
		c.KeyShards = DefaultKeyShards
	}
}

// Validate reports the first setting out of range. Call it after
// SetDefaults.
func (c *Config) Validate() error {
	switch {
	case len(c.Inputs) == 0:
		return errors.New("pipeline: no input given")
	case c.Out == "":
		return errors.New("pipeline: no output directory (--out)")
	case c.Lang != "" && text.ParseLang(c.Lang) == "":
		return fmt.Errorf("pipeline: unknown language %q (want da, nb, sv or en)", c.Lang)
	}
	return c.Params.Validate()
}

// options returns the engine options of one worker's stage: everything
// inline, in the calling goroutine (the runner runs bundles in parallel).
func options(p dedupe.Params) dedupe.Options {
	opt := dedupe.Options{Params: p, Workers: 1}
	opt.SetDefaults()
	return opt
}
