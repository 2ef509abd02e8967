// Command neardup finds the versions of each news story in a corpus of
// articles, and which paragraphs they share.
//
// Usage:
//
//	neardup dedupe [flags] INPUT...   group the versions of each story
//	neardup eval --truth T ARTICLES   score articles.jsonl against a truth file
//	neardup show --dir DIR ID         print a story and its paragraph map
//	neardup bench gen                 generate a synthetic corpus with its truth
//	neardup index --index DIR INPUT   add articles to a search index
//	neardup search --index DIR QUERY  search it, one result per story
//	neardup similar --index DIR FILE  the story an article belongs to
//	neardup check --index DIR         verify the index
//	neardup export --index DIR        write its articles.jsonl
//
// Exit codes: 0 success, 1 error, 2 usage, 3 done but bad articles
// skipped (--skip-bad).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/neardup/neardup/output"
)

const usage = `neardup finds the versions of each news story and the paragraphs they share.

Usage:
  neardup dedupe [flags] INPUT...        group the versions of each story
  neardup eval --truth TRUTH ARTICLES    score articles.jsonl against labelled truth
  neardup show --dir DIR [--diff] ID     print a story: its copy map and every version's paragraphs
  neardup bench gen [--articles N]       generate a synthetic corpus with its truth
  neardup index --index DIR INPUT...     add articles to a search index; each joins its story
  neardup search --index DIR QUERY       search the index: one result per story
  neardup similar --index DIR FILE|-     the story an article belongs to, and what it shares
  neardup check --index DIR              verify that the index and its dedupe state agree
  neardup export --index DIR [--out F]   write the index's articles.jsonl (as dedupe --out) or CSV
  neardup bench scale | report           measure speed, memory and quality at scale; render BENCH.md
  neardup help COMMAND                   show a command's flags
  neardup --version                      the module version and commit of this binary

INPUT is a directory (walked for articles), a file of them, or - for JSON
Lines on standard input: .txt (one article), .jsonl, and the agencies'
NewsML-G2 and NITF (.xml, .newsml, .nitf) and ninjs (.json, .ninjs),
chosen by content.

Exit codes: 0 success, 1 error, 2 usage, 3 done but bad articles skipped (--skip-bad),
130 and 143 interrupted by SIGINT or SIGTERM.
`

// env is what a command may touch of the outside world.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// stderrTTY is set when stderr is a terminal: progress bars go there.
	stderrTTY bool
	// stdoutTTY is set when stdout is a terminal: views may use colour.
	stdoutTTY bool
}

// skippedError reports a run that finished but skipped bad articles
// (--skip-bad); it exits with status 3, so a script can tell.
type skippedError struct{ n int }

func (e skippedError) Error() string {
	return fmt.Sprintf("done, but %d bad article(s) were skipped (--skip-bad)", e.n)
}

// usageError is a mistake in the command line; it exits with status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func main() {
	ctx, stop := withSignals(context.Background())
	defer stop()
	e := env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		stderrTTY: isTerminal(os.Stderr), stdoutTTY: isTerminal(os.Stdout)}
	err := run(ctx, os.Args[1:], e)
	var sig interrupted
	if errors.As(context.Cause(ctx), &sig) {
		err = sig // whatever the command said: it was stopped
	}
	os.Exit(exitCode(err, e.stderr))
}

// interrupted is the cause of a run stopped by SIGINT or SIGTERM; it exits
// with 128 + the signal's number (130, 143), as shells report it.
type interrupted struct{ sig syscall.Signal }

func (i interrupted) Error() string { return "interrupted (" + i.sig.String() + ")" }

// withSignals returns a context cancelled, with an interrupted cause, by
// the first SIGINT or SIGTERM; a second one kills the process as usual.
func withSignals(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		s, ok := <-sigs
		signal.Stop(sigs)
		if sig, isSys := s.(syscall.Signal); ok && isSys {
			cancel(interrupted{sig})
		}
	}()
	return ctx, func() { signal.Stop(sigs); close(sigs); cancel(nil) }
}

// exitCode reports err and maps it to the process exit status.
func exitCode(err error, stderr io.Writer) int {
	var ue usageError
	var se skippedError
	var in interrupted
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &in):
		fmt.Fprintf(stderr, "neardup: %v: nothing new written\n", err)
		return 128 + int(in.sig)
	case errors.As(err, &se):
		fmt.Fprintf(stderr, "neardup: %v\n", err)
		return 3
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "neardup: %s\n", output.Clean(err.Error()))
		return 2
	default:
		fmt.Fprintf(stderr, "neardup: %s\n", output.Clean(err.Error()))
		return 1
	}
}

// run dispatches to the subcommand named by args[0].
func run(ctx context.Context, args []string, e env) error {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return usageError{"no command given"}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "dedupe":
		return runDedupe(ctx, rest, e)
	case "eval":
		return runEval(ctx, rest, e)
	case "bench":
		return runBench(ctx, rest, e)
	case "show":
		return runShow(ctx, rest, e)
	case "index":
		return runIndex(ctx, rest, e)
	case "search":
		return runSearch(ctx, rest, e)
	case "similar":
		return runSimilar(ctx, rest, e)
	case "check":
		return runCheck(ctx, rest, e)
	case "export":
		return runExport(ctx, rest, e)
	case "version", "-version", "--version":
		_, err := fmt.Fprintln(e.stdout, versionLine())
		return err
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			return run(ctx, []string{rest[0], "-h"}, e)
		}
		fmt.Fprint(e.stdout, usage)
		return nil
	}
	fmt.Fprint(e.stderr, usage)
	return usageError{fmt.Sprintf("unknown command %q", cmd)}
}

// newFlagSet returns the flag set of a command: its errors and help go to
// stderr, and -h prints usage (synopsis, description, exit codes) and then
// the flags.
func newFlagSet(name string, e env, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args with fs, turning flag errors into usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return err
	}
	return usageError{err.Error()}
}

// versionLine names this binary: its module version and the commit it was
// built from ("unknown" when built without version control information).
func versionLine() string {
	version, commit, modified := "(unknown)", "unknown", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		version = bi.Main.Version
		for _, s := range bi.Settings {
			switch {
			case s.Key == "vcs.revision":
				commit = s.Value
			case s.Key == "vcs.modified" && s.Value == "true":
				modified = ", modified"
			}
		}
	}
	return fmt.Sprintf("neardup %s (commit %s%s)", version, commit, modified)
}
