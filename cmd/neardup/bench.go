package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/neardup/neardup/bench"
	"github.com/neardup/neardup/corpus"
)

func runBench(ctx context.Context, args []string, e env) error {
	if len(args) == 0 || args[0] != "gen" {
		return usageError{"bench: want a subcommand: gen"}
	}
	return runBenchGen(ctx, args[1:], e)
}

// runBenchGen writes a synthetic corpus with its truth.
func runBenchGen(_ context.Context, args []string, e env) error {
	var opt bench.GenOptions
	fs := flag.NewFlagSet("bench gen", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.IntVar(&opt.Articles, "articles", 10000, "number of `articles` to generate")
	fs.Uint64Var(&opt.Seed, "seed", 1, "random seed: the same seed gives the same corpus")
	out := fs.String("out", "", "write the corpus (JSONL) to `file` (default stdout)")
	truth := fs.String("truth", "", "write the truth (JSONL, as ../shared/eval/README.md) to `file`")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: neardup bench gen [--articles N] [--seed S] [--out FILE] [--truth FILE]\n\n"+
			"Generates a synthetic corpus of wire stories, republished versions, updates, follow-ups,\n"+
			"roundups and singletons in four languages, with its truth. Exit codes: 0 success, 1 error, 2 usage.\n\nFlags:")
		fs.PrintDefaults()
	}
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{fmt.Sprintf("bench gen: unexpected argument %q", pos[0])}
	}
	if opt.Articles < 1 {
		return usageError{"bench gen: --articles must be at least 1"}
	}
	opt.SetDefaults()
	if err := opt.Validate(); err != nil {
		return usageError{err.Error()}
	}
	gen := func(corpusW, truthW io.Writer) error { return bench.Generate(opt, corpusW, truthW) }
	switch {
	case *out == "" && *truth == "":
		return gen(e.stdout, nil)
	case *out == "":
		return usageError{"bench gen: --truth needs --out"}
	case *truth == "":
		return corpus.WriteFileAtomic(*out, func(w io.Writer) error { return gen(w, nil) })
	}
	return corpus.WriteFileAtomic(*out, func(cw io.Writer) error {
		return corpus.WriteFileAtomic(*truth, func(tw io.Writer) error { return gen(cw, tw) })
	})
}
