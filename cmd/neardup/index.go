package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/output"
	"github.com/neardup/neardup/text"
)

// indexOptions are the flags of `neardup index`.
type indexOptions struct {
	dir        string
	params     dedupe.Params
	lang       string
	workers    int
	skipBad    bool
	quiet      bool
	batch      int
	batchBytes string
	cpuProf    string
	rebuild    bool
}

func (o *indexOptions) addFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.dir, "index", "", "index `DIR` (created when missing)")
	o.params.AddFlags(fs)
	fs.StringVar(&o.lang, "lang", "", "language of every article (da, nb, sv, en); default: each article's lang field, else detected")
	fs.IntVar(&o.workers, "workers", 0, "parallel `workers` (0 = one per core)")
	fs.BoolVar(&o.skipBad, "skip-bad", false, "report each bad article and go on, instead of stopping at the first")
	fs.BoolVar(&o.quiet, "quiet", false, "no progress bar, no warnings and no list of merged stories")
	fs.IntVar(&o.batch, "batch", index.DefaultBatchSize, "most `articles` per batch (each batch is durable once written)")
	fs.StringVar(&o.batchBytes, "batch-bytes", "64MiB", "most bytes of article text per batch (`size`: KiB, MiB, …)")
	fs.StringVar(&o.cpuProf, "cpuprofile", "", "write a CPU profile to `file` (for pprof)")
	fs.BoolVar(&o.rebuild, "rebuild", false, "rebuild a damaged index from what it still holds (every article bleve gives back) and the inputs, if any; says what was lost")
}

// validate checks the options without side effects.
func (o *indexOptions) validate() error {
	if o.dir == "" {
		return usageError{"index: --index DIR is required"}
	}
	if o.workers < 0 || o.batch < 1 {
		return usageError{"--workers must not be negative and --batch must be at least 1"}
	}
	if n, err := parseSize(o.batchBytes); err != nil || n < 1 {
		return usageError{fmt.Sprintf("--batch-bytes %q: want a size such as 16MiB", o.batchBytes)}
	}
	return validateEngine(o.lang, &o.params)
}

func runIndex(ctx context.Context, args []string, e env) error {
	var o indexOptions
	fs := newFlagSet("index", e, "Usage: neardup index --index DIR [flags] INPUT...\n       neardup index --index DIR --rebuild [INPUT...]\n\nAdds articles to the index in DIR: each joins the story it belongs to, or starts one.\nThe dedupe flags must be those the index was built with. --rebuild makes the index anew from\nevery article its bleve half still gives back, then the inputs; it says which articles were lost.\nExit codes: 0 success, 1 error (with --rebuild: also when articles were lost), 2 usage,\n3 done but bad articles skipped (--skip-bad).\n\nFlags:")
	o.addFlags(fs)
	inputs, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(inputs) == 0 && !o.rebuild {
		fs.Usage()
		return usageError{"index: no input given"}
	}
	if err := o.validate(); err != nil {
		return err
	}
	if o.cpuProf != "" {
		stop, err := startCPUProfile(o.cpuProf)
		if err != nil {
			return err
		}
		defer stop()
	}
	if os.Getenv("GOGC") == "" {
		// Bleve and the batches allocate much short-lived memory; collecting
		// less often saves a tenth of the CPU for a larger heap.
		debug.SetGCPercent(200)
	}
	if o.rebuild {
		return rebuildIndex(ctx, inputs, &o, e)
	}
	x, err := index.Open(o.dir, index.Options{Params: &o.params})
	if err != nil {
		return err
	}
	var stats corpus.ReadStats
	rep, err := addInputs(ctx, x, inputs, &o, e, &stats)
	if err := errors.Join(err, x.Close(), printIndexReport(e.stdout, rep, o.quiet)); err != nil {
		return err
	}
	if stats.Skipped > 0 {
		return skippedError{stats.Skipped}
	}
	return nil
}

// addInputs reads the inputs into the index, with a progress bar on a
// terminal.
func addInputs(ctx context.Context, x *index.Index, inputs []string, o *indexOptions, e env, stats *corpus.ReadStats) (index.Report, error) {
	bar := newProgress(e.stderr, e.stderrTTY && !o.quiet)
	defer bar.done()
	read := corpus.Counted(ctx, inputs, o.readOptions(e), stats)
	return x.Add(ctx, read, o.addOptions(bar, "index"))
}

// readOptions are the options of reading the inputs of index.
func (o *indexOptions) readOptions(e env) corpus.ReadOptions {
	return corpus.ReadOptions{SkipBad: o.skipBad, Warn: warner(e, o.quiet), Stdin: e.stdin, KnownLang: knownLang(o.lang)}
}

// addOptions are the index.AddOptions of the flags, reporting to bar as
// stage.
func (o *indexOptions) addOptions(bar *progress, stage string) index.AddOptions {
	bytes, _ := parseSize(o.batchBytes) // checked by validate
	return index.AddOptions{
		BatchSize: o.batch, BatchBytes: int(bytes), Lang: text.ParseLang(o.lang), Workers: o.workers,
		Progress: func(read, committed int) { bar.update(stage, committed, 0) },
	}
}

// printIndexReport says what an index run did, including the stories it
// merged: an existing story's id changes only then.
func printIndexReport(w io.Writer, r index.Report, quiet bool) error {
	var b strings.Builder
	if !quiet {
		for _, m := range r.Merges {
			fmt.Fprintf(&b, "merged %s into %s\n", strings.Join(m.From, ", "), m.Into)
		}
		for _, s := range r.Splits {
			fmt.Fprintf(&b, "split %s: some versions now in %s\n", s.From, strings.Join(s.Into, ", "))
		}
	}
	fmt.Fprintf(&b, "%d articles read: %d added (%d replaced), %d already indexed; %d new stories, %d merged, %d indexed articles updated\n",
		r.Read, r.Added, r.Replaced, r.Unchanged, r.NewStories, len(r.Merges), r.Updated)
	_, err := io.WriteString(w, b.String())
	return err
}

// rebuildIndex runs index --rebuild and says what was recovered and lost.
func rebuildIndex(ctx context.Context, inputs []string, o *indexOptions, e env) error {
	warn := warner(e, o.quiet)
	var read corpus.Source
	var stats corpus.ReadStats
	if len(inputs) > 0 {
		read = corpus.Counted(ctx, inputs, o.readOptions(e), &stats)
	}
	bar := newProgress(e.stderr, e.stderrTTY && !o.quiet)
	rep, err := index.Rebuild(ctx, o.dir, read, index.RebuildOptions{Params: &o.params, Add: o.addOptions(bar, "rebuild")})
	bar.done()
	if rep.StateError != "" {
		warn("the old dedupe state could not be read (" + rep.StateError + "): the articles only it knew cannot be listed")
	}
	if rep.BleveError != "" {
		warn("the old bleve index could not be read (" + rep.BleveError + "): its articles must come from the inputs")
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "rebuilt %s: %d articles recovered from the old index, %d read from the inputs; %d stories\n",
		output.OneLine(o.dir), rep.Recovered, stats.Articles, rep.Add.NewStories)
	if len(rep.Lost) > 0 {
		shown := rep.Lost[:min(len(rep.Lost), 10)]
		for i := range shown {
			shown[i] = output.OneLine(shown[i])
		}
		return fmt.Errorf("rebuild: %d articles lost (their text was only in the damaged part): %s%s; add them again from their inputs",
			len(rep.Lost), strings.Join(shown, ", "), map[bool]string{true: ", …", false: ""}[len(rep.Lost) > 10])
	}
	if stats.Skipped > 0 {
		return skippedError{stats.Skipped}
	}
	return nil
}
