package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/neardup/neardup/bench"
	"github.com/neardup/neardup/internal/atomicfile"
)

func runBench(ctx context.Context, args []string, e env) error {
	if len(args) > 0 {
		switch args[0] {
		case "gen":
			return runBenchGen(ctx, args[1:], e)
		case "scale":
			return runBenchScale(ctx, args[1:], e)
		case "report":
			return runBenchReport(ctx, args[1:], e)
		case "measure":
			return runBenchMeasure(ctx, args[1:], e)
		}
	}
	return usageError{"bench: want a subcommand: gen, scale, report or measure"}
}

// runBenchGen writes a synthetic corpus with its truth.
func runBenchGen(_ context.Context, args []string, e env) error {
	var opt bench.GenOptions
	fs := newFlagSet("bench gen", e, "Usage: neardup bench gen [--articles N | --hard N] [--seed S] [--out FILE] [--truth FILE]\n\n"+
		"Generates a synthetic corpus of wire stories, republished versions, updates, follow-ups,\n"+
		"roundups and singletons in four languages, with its truth; with --hard, N instances of each\n"+
		"hard case instead ("+strings.Join(bench.HardFamilies(), ", ")+").\n"+
		"Exit codes: 0 success, 1 error, 2 usage.\n\nFlags:")
	fs.IntVar(&opt.Articles, "articles", 10000, "number of `articles` to generate")
	fs.Uint64Var(&opt.Seed, "seed", 1, "random seed: the same seed gives the same corpus")
	out := fs.String("out", "", "write the corpus (JSONL) to `file` (default stdout)")
	truth := fs.String("truth", "", "write the truth (JSONL, as ../shared/eval/README.md) to `file`")
	hard := fs.Int("hard", 0, "write `N` instances of each hard-case family instead of the main corpus")
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
	if *hard < 0 {
		return usageError{"bench gen: --hard must not be negative"}
	}
	if *hard > 0 {
		gen = func(corpusW, truthW io.Writer) error {
			if truthW == nil {
				truthW = io.Discard
			}
			return bench.GenerateHard(*hard, opt.Seed, corpusW, truthW)
		}
	}
	switch {
	case *out == "" && *truth == "":
		return gen(e.stdout, nil)
	case *out == "":
		return usageError{"bench gen: --truth needs --out"}
	case *truth == "":
		return atomicfile.Write(*out, func(w io.Writer) error { return gen(w, nil) })
	}
	return atomicfile.Write(*out, func(cw io.Writer) error {
		return atomicfile.Write(*truth, func(tw io.Writer) error { return gen(cw, tw) })
	})
}

// runBenchScale measures neardup at several corpus sizes (see bench.Scale)
// and writes the results as JSON and, with --md, as BENCH.md.
//
// It is long because it declares the command's flags.
func runBenchScale(ctx context.Context, args []string, e env) error {
	fs := newFlagSet("bench scale", e, "Usage: neardup bench scale [--sizes 10000,100000,1000000] [--md BENCH.md]\n\n"+
		"Generates a corpus of each size, times `neardup dedupe` on it as a child process (wall time, peak RSS),\n"+
		"scores it against the generator's truth, and at the small sizes runs the exact all-pairs reference\n"+
		"and the textbook configuration on the same corpus. Exit codes: 0 success, 1 error, 2 usage.\n\nFlags:")
	sizes := fs.String("sizes", "10000,100000,1000000", "comma-separated corpus `sizes` in articles")
	seed := fs.Uint64("seed", 1, "generator seed")
	dir := fs.String("dir", "out/scale", "working `dir` for corpora and outputs")
	results := fs.String("results", "", "write the results as JSON to `file` (default DIR/results.json)")
	md := fs.String("md", "", "also render the results as Markdown to `file` (BENCH.md)")
	notes := fs.String("notes", "", "append this Markdown `file` to the rendered results (analysis that a run cannot measure)")
	refMax := fs.Int("reference-max", 20000, "run the exact all-pairs reference at sizes up to `N`")
	tbMax := fs.Int("textbook-max", 100000, "run the textbook configuration at sizes up to `N`")
	repeat := fs.Int("repeat", 3, "make each dedupe run `N` times and keep the fastest, at sizes up to --repeat-max")
	repeatMax := fs.Int("repeat-max", 100000, "largest size whose runs are repeated (`articles`)")
	keep := fs.Bool("keep", false, "keep each size's corpus and outputs (several GB at 1M)")
	perf := fs.String("perf", "", "also run each size on the speed corpus of real text that perfgen.py in `DIR` makes (../shared/eval/perf; needs python3)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{fmt.Sprintf("bench scale: unexpected argument %q", pos[0])}
	}
	opt := bench.ScaleOptions{Seed: *seed, Dir: *dir, ReferenceMax: *refMax, TextbookMax: *tbMax,
		Repeat: *repeat, RepeatMax: *repeatMax, Keep: *keep, PerfDir: *perf, Log: e.stderr}
	if *repeat < 1 {
		return usageError{"bench scale: --repeat must be at least 1"}
	}
	if opt.Sizes, err = parseSizes(*sizes); err != nil {
		return usageError{"bench scale: " + err.Error()}
	}
	if opt.Exe, err = os.Executable(); err != nil {
		return fmt.Errorf("bench scale: find the neardup binary: %w", err)
	}
	if *results == "" {
		*results = filepath.Join(*dir, "results.json")
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return fmt.Errorf("bench scale: %w", err)
	}
	res := &bench.ScaleResults{
		Machine: bench.ThisMachine(*md),
		Command: "neardup bench scale " + strings.Join(args, " "),
		Started: time.Now().UTC().Truncate(time.Second),
		Options: bench.ScaleFlags{Seed: *seed, ReferenceMax: *refMax, TextbookMax: *tbMax, Repeat: *repeat, RepeatMax: *repeatMax},
	}
	save := func(r *bench.ScaleResults) error {
		if err := atomicfile.Write(*results, r.WriteJSON); err != nil {
			return fmt.Errorf("bench scale: write %s: %w", *results, err)
		}
		if *md != "" {
			if err := writeMarkdown(*md, r, *notes); err != nil {
				return fmt.Errorf("bench scale: write %s: %w", *md, err)
			}
		}
		return nil
	}
	if err := bench.Scale(ctx, opt, res, save); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "measured %d sizes; wrote %s\n", len(res.Runs), *results)
	return nil
}

// runBenchReport renders the results of `neardup bench scale` as Markdown.
func runBenchReport(_ context.Context, args []string, e env) error {
	fs := newFlagSet("bench report", e, "Usage: neardup bench report [--results FILE] [--out BENCH.md]\n\n"+
		"Renders the results of neardup bench scale as BENCH.md. Exit codes: 0 success, 1 error, 2 usage.\n\nFlags:")
	results := fs.String("results", "out/scale/results.json", "results `file` written by neardup bench scale")
	out := fs.String("out", "BENCH.md", "write the Markdown to `file` (atomically; - for stdout)")
	notes := fs.String("notes", "", "append this Markdown `file` to the rendered results")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{fmt.Sprintf("bench report: unexpected argument %q", pos[0])}
	}
	res, err := bench.ReadScaleResults(*results)
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("bench report: %s not found: run `make bench-scale` (neardup bench scale) first", *results)
	}
	if err != nil {
		return fmt.Errorf("bench report: %w", err)
	}
	if *out == "-" {
		return renderMarkdown(e.stdout, res, *notes)
	}
	if err := writeMarkdown(*out, res, *notes); err != nil {
		return fmt.Errorf("bench report: %w", err)
	}
	return nil
}

// writeMarkdown renders res, then the notes file if given, to path,
// atomically.
func writeMarkdown(path string, res *bench.ScaleResults, notes string) error {
	return atomicfile.Write(path, func(w io.Writer) error { return renderMarkdown(w, res, notes) })
}

// renderMarkdown writes res as Markdown to w, followed by the notes file.
func renderMarkdown(w io.Writer, res *bench.ScaleResults, notes string) error {
	if err := res.WriteMarkdown(w); err != nil {
		return err
	}
	if notes == "" {
		return nil
	}
	b, err := os.ReadFile(notes)
	if err != nil {
		return fmt.Errorf("notes: %w", err)
	}
	_, err = fmt.Fprintf(w, "\n%s", b)
	return err
}

// runBenchMeasure runs a command and writes what it used (wall time, CPU,
// peak RSS) as JSON: the small launcher through which bench scale
// measures each run (see bench.RunMeasured for why). It exits as the
// command did.
func runBenchMeasure(ctx context.Context, args []string, e env) error {
	fs := newFlagSet("bench measure", e, "Usage: neardup bench measure --usage FILE -- COMMAND [ARGS...]\n\n"+
		"Runs COMMAND and writes its wall time, CPU time and peak RSS to FILE. Exit codes: 0 success, 1 error\n"+
		"(including COMMAND failing), 2 usage.\n\nFlags:")
	usage := fs.String("usage", "", "write the usage as JSON to `file`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cmd := fs.Args()
	if *usage == "" || len(cmd) == 0 {
		fs.Usage()
		return usageError{"bench measure: want --usage FILE and a command"}
	}
	u, runErr := bench.RunMeasured(ctx, cmd[0], cmd[1:], e.stdin, e.stdout, e.stderr)
	if err := atomicfile.Write(*usage, u.WriteJSON); err != nil {
		return fmt.Errorf("bench measure: %w", err)
	}
	if runErr != nil {
		return fmt.Errorf("bench measure: %s: %w", cmd[0], runErr)
	}
	return nil
}

// parseSizes reads a comma-separated list of positive article counts.
func parseSizes(s string) ([]int, error) {
	var sizes []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("bad size %q in --sizes: want positive article counts", f)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}
