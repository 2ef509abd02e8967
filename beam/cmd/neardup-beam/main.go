// Command neardup-beam runs `neardup dedupe` as an Apache Beam pipeline:
// on Prism (in this process) by default, on Flink, Spark or Dataflow with
// Beam's runner flags (docs/scale.md). It writes the shards of
// articles.jsonl and stories.json under --out/shards and merges them into
// the files `neardup dedupe --out` writes, byte for byte.
//
//	neardup-beam --input 'demo/*.jsonl' --out out/beam
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/neardup/neardup/beam/pipeline"
)

// inputList is a repeatable flag of comma-separated inputs.
type inputList []string

func (l *inputList) String() string { return strings.Join(*l, ",") }

func (l *inputList) Set(v string) error {
	for p := range strings.SplitSeq(v, ",") {
		if p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

func main() {
	if err := run(context.Background()); err != nil {
		fmt.Fprintf(os.Stderr, "neardup-beam: %v\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	var cfg pipeline.Config
	var inputs inputList
	var keepShards bool
	flag.Var(&inputs, "input", "input `files`: .jsonl or .txt files, directories or globs; repeatable or comma-separated (arguments after the flags are inputs too)")
	flag.StringVar(&cfg.Out, "out", "", "output `directory`: shards under DIR/shards, merged into DIR/articles.jsonl and DIR/stories.json")
	flag.StringVar(&cfg.Lang, "lang", "", "language of every article (da, nb, sv, en); default: each article's lang field, else detected")
	flag.BoolVar(&cfg.SkipBad, "skip-bad", false, "report each bad article and go on, instead of stopping at the first")
	flag.IntVar(&cfg.Shards, "shards", pipeline.DefaultShards, "shard `files` of each output")
	flag.IntVar(&cfg.KeyShards, "key-shards", pipeline.DefaultKeyShards, "`groups` the LSH band keys are sorted in")
	flag.BoolVar(&keepShards, "keep-shards", false, "leave the sorted shards under --out/shards and do not merge them (at scale)")
	cfg.Params.AddFlags(flag.CommandLine)
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "Usage: neardup-beam --input GLOB --out DIR [flags] [INPUT...]\n\nRuns neardup dedupe on Apache Beam (Prism by default; --runner for Flink, Spark, Dataflow).\n\nFlags:\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	beam.Init()
	inputs = append(inputs, flag.Args()...)
	expanded, err := pipeline.Expand(ctx, inputs)
	if err != nil {
		return err
	}
	cfg.Inputs = expanded
	cfg.SetDefaults()
	if err := cfg.Validate(); err != nil {
		return err
	}
	if err := pipeline.RemoveShards(ctx, cfg.Out); err != nil {
		return err
	}
	p, s := beam.NewPipelineWithRoot()
	pipeline.Build(s, &cfg)
	start := time.Now()
	res, err := beamx.RunWithMetrics(ctx, p)
	if err != nil {
		return fmt.Errorf("pipeline: %w", err)
	}
	if res != nil {
		counts := map[string]int64{}
		for _, c := range res.Metrics().AllMetrics().Counters() {
			if c.Key.Namespace == "neardup" {
				counts[c.Key.Name] += c.Committed
			}
		}
		var parts []string
		for _, name := range pipeline.CounterNames {
			parts = append(parts, fmt.Sprintf("%s %d", name, counts[name]))
		}
		fmt.Fprintf(os.Stderr, "neardup-beam: %s; ran in %v\n", strings.Join(parts, ", "), time.Since(start).Round(time.Millisecond))
	}
	if keepShards {
		fmt.Printf("wrote the shards under %s/%s\n", cfg.Out, pipeline.ShardDir)
		return nil
	}
	if err := pipeline.Merge(ctx, cfg.Out); err != nil {
		return err
	}
	fmt.Printf("wrote %s/articles.jsonl and %s/stories.json\n", cfg.Out, cfg.Out)
	return nil
}
