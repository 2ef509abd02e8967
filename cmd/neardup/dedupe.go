package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/internal/atomicfile"
	"github.com/neardup/neardup/output"
	"github.com/neardup/neardup/text"
)

// dedupeOptions are the flags of `neardup dedupe`.
type dedupeOptions struct {
	params  dedupe.Params
	lang    string
	workers int
	skipBad bool
	quiet   bool
	out     string
	format  string
	json    bool
	stats   bool
	cpuProf string
	memProf string
	memory  string
	views   bool
	// groupOnly skips the paragraph alignment (Options.SimilarityOnly)
	// even with --out. Not a flag: statuses would all read "unique". It
	// lets BenchmarkDedupeCLI measure what alignment adds to a run.
	groupOnly bool
}

func (o *dedupeOptions) addFlags(fs *flag.FlagSet) {
	o.params.AddFlags(fs)
	fs.StringVar(&o.lang, "lang", "", "language of every article (da, nb, sv, en); default: each article's lang field, else detected")
	fs.IntVar(&o.workers, "workers", 0, "parallel `workers` (0 = one per core)")
	fs.BoolVar(&o.skipBad, "skip-bad", false, "report each bad article and go on, instead of stopping at the first")
	fs.BoolVar(&o.quiet, "quiet", false, "no progress bar and no warnings")
	fs.StringVar(&o.out, "out", "", "write articles.jsonl, stories.json and articles.csv to `DIR` (atomically)")
	fs.BoolVar(&o.views, "views", true, "with --out, also write report.html (the story views; neardup show reads it)")
	fs.StringVar(&o.memory, "max-memory", defaultMemoryLimit, "soft heap `limit` (GiB, MiB, GB, …; 0 = none; GOMEMLIMIT overrides)")
	fs.StringVar(&o.cpuProf, "cpuprofile", "", "write a CPU profile to `file` (for pprof)")
	fs.StringVar(&o.memProf, "memprofile", "", "write a heap profile to `file` (for pprof) once the stories are found, before the outputs are written")
	fs.BoolVar(&o.stats, "stats", false, "print counts and the time of each stage on stderr")
	fs.StringVar(&o.format, "format", "text", "stdout format without --out: text (stories summary), jsonl (articles.jsonl) or csv (a row per article)")
	fs.BoolVar(&o.json, "json", false, "stdout as JSON: the same as --format jsonl")
}

// validate checks the options without side effects.
func (o *dedupeOptions) validate() error {
	switch {
	case o.format != "text" && o.format != "jsonl" && o.format != "csv":
		return usageError{fmt.Sprintf("--format %q: want text, jsonl or csv", o.format)}
	case o.json && o.format == "csv":
		return usageError{"--json and --format csv: choose one"}
	case o.json:
		o.format = "jsonl"
	}
	if o.workers < 0 {
		return usageError{"--workers must not be negative"}
	}
	if _, err := parseSize(o.memory); err != nil {
		return usageError{"--max-memory: " + err.Error()}
	}
	return validateEngine(o.lang, &o.params)
}

// validateEngine checks the engine flags dedupe and index share: the
// forced language, and the params, defaults filled in.
func validateEngine(lang string, p *dedupe.Params) error {
	if lang != "" && text.ParseLang(lang) == "" {
		return usageError{fmt.Sprintf("--lang %q: want da, nb, sv or en", lang)}
	}
	p.SetDefaults()
	if err := p.Validate(); err != nil {
		return usageError{err.Error()}
	}
	return nil
}

func runDedupe(ctx context.Context, args []string, e env) error {
	var o dedupeOptions
	fs := newFlagSet("dedupe", e, "Usage: neardup dedupe [flags] INPUT... [--out DIR]\n\nGroups the versions of each story. Exit codes: 0 success, 1 error, 2 usage, 3 done but bad articles skipped (--skip-bad).\n\nFlags:")
	o.addFlags(fs)
	inputs, err := parseInputs(fs, args)
	if err != nil {
		return err
	}
	if err := o.validate(); err != nil {
		return err
	}
	stopLimit, err := setMemoryLimit(o.memory)
	if err != nil {
		return err
	}
	defer stopLimit()
	if o.cpuProf != "" {
		stop, err := startCPUProfile(o.cpuProf)
		if err != nil {
			return err
		}
		defer stop()
	}
	var stats corpus.ReadStats
	res, err := dedupeInputs(ctx, inputs, &o, e, &stats)
	if err != nil {
		return err
	}
	defer res.Close() // removes the temporary copy of the bodies
	if o.stats {
		fmt.Fprintln(e.stderr, res.Stats)
	}
	if o.memProf != "" {
		if err := writeHeapProfile(o.memProf); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err // stopped: the earlier outputs stay as they were
	}
	if err := writeDedupe(ctx, res, &o, e.stdout); err != nil {
		return err
	}
	if stats.Skipped > 0 {
		return skippedError{stats.Skipped}
	}
	return nil
}

// dedupeInputs reads the inputs and runs the engine, with a progress bar on
// a terminal.
func dedupeInputs(ctx context.Context, inputs []string, o *dedupeOptions, e env, stats *corpus.ReadStats) (*dedupe.Result, error) {
	warn := warner(e, o.quiet)
	bar := newProgress(e.stderr, e.stderrTTY && !o.quiet)
	defer bar.done()
	read := corpus.Counted(ctx, inputs, corpus.ReadOptions{SkipBad: o.skipBad, Warn: warn, Stdin: e.stdin, KnownLang: knownLang(o.lang)}, stats)
	res, err := dedupe.Run(ctx, read, dedupe.Options{
		// Every output shows the alignment's copy shares and flags.
		SimilarityOnly: o.groupOnly,
		Params:         o.params,
		Lang:           text.ParseLang(o.lang),
		Workers:        o.workers,
		Progress:       withStageLog(bar.update),
	})
	if err != nil {
		return nil, err
	}
	for _, s := range res.Stories {
		if s.Repetitive > 0 {
			warn(fmt.Sprintf("note: story %s: %d sentences recur too often to compare word by word (a tiny vocabulary); only identical copy of them is shown", output.OneLine(s.ID), s.Repetitive))
		}
	}
	return res, nil
}

// writeDedupe writes the outputs: files under --out, else stdout.
func writeDedupe(ctx context.Context, res *dedupe.Result, o *dedupeOptions, stdout io.Writer) error {
	if o.out == "" {
		switch o.format {
		case "jsonl":
			return output.WriteArticles(stdout, res)
		case "csv":
			return output.WriteCSV(stdout, res, output.CSVOptions{})
		}
		return output.WriteSummary(stdout, res)
	}
	logStage("write")
	if err := output.WriteDir(ctx, o.out, res, output.DirOptions{Views: o.views}); err != nil {
		return err
	}
	multi := 0
	for _, s := range res.Stories {
		if len(s.Members) > 1 {
			multi++
		}
	}
	_, err := fmt.Fprintf(stdout, "%d articles, %d stories (%d with two or more versions); wrote %s\n",
		len(res.Docs), len(res.Stories), multi, o.out)
	return err
}

// parseInputs parses the flags and INPUT... arguments of a command that
// reads articles; no input at all is a usage error.
func parseInputs(fs *flag.FlagSet, args []string) ([]string, error) {
	inputs, err := parseInterleaved(fs, args)
	if err != nil {
		return nil, err
	}
	if len(inputs) == 0 {
		fs.Usage()
		return nil, usageError{fs.Name() + ": no input given"}
	}
	return inputs, nil
}

// parseInterleaved parses flags that may come before, between or after the
// positional arguments ("INPUT... --out DIR"), and returns the positionals.
// "--" ends the flags; "-" is a positional (standard input).
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// writeHeapProfile writes the live heap, after a collection, to path.
func writeHeapProfile(path string) error {
	runtime.GC()
	err := atomicfile.Write(path, func(w io.Writer) error { return pprof.Lookup("heap").WriteTo(w, 0) })
	if err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	return nil
}

// startCPUProfile starts writing a CPU profile to path; call stop to end it.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close() // nothing written yet
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close() // profile already flushed by StopCPUProfile; a close error loses nothing we rely on
	}, nil
}

// knownLang is corpus.ReadOptions.KnownLang for a run: the languages the
// engine analyses, or nil (no warnings) when --lang forces one on every
// article.
func knownLang(forced string) func(string) bool {
	if forced != "" {
		return nil
	}
	return func(code string) bool { return text.ParseLang(code) != "" }
}

// stageLogEnv names a file to which each stage of a dedupe run appends its
// name as it starts: a debugging aid, and how the signal tests know which
// stage they interrupt.
const stageLogEnv = "NEARDUP_STAGE_LOG"

// withStageLog wraps a progress function to log each new stage (see
// stageLogEnv).
func withStageLog(progress func(stage string, done, total int)) func(string, int, int) {
	last := ""
	return func(stage string, done, total int) {
		if stage != last {
			last = stage
			logStage(stage)
		}
		progress(stage, done, total)
	}
}

// logStage appends a stage's name to the file stageLogEnv names, if any.
// Failures are ignored: the log only helps to watch a run.
func logStage(stage string) {
	path := os.Getenv(stageLogEnv)
	if path == "" {
		return
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return
	}
	fmt.Fprintln(f, stage)
	f.Close() // a debugging aid: a lost line is harmless
}

// warner returns the function that prints warnings and notes on stderr,
// cleaned for the terminal; quiet drops them.
func warner(e env, quiet bool) func(string) {
	return func(msg string) {
		if !quiet {
			fmt.Fprintf(e.stderr, "neardup: %s\n", output.Clean(msg))
		}
	}
}
