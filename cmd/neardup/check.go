package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/neardup/neardup/index"
)

func runCheck(ctx context.Context, args []string, e env) error {
	var dir string
	fs := newFlagSet("check", e, "Usage: neardup check --index DIR\n\nVerifies that the index and its dedupe state agree: the same articles with the same\nstory fields, stories that are the clusters of the stored links, intact key files.\nExit codes: 0 sound, 1 problems found or error, 2 usage.\n\nFlags:")
	fs.StringVar(&dir, "index", "", "index `DIR`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if dir == "" || fs.NArg() > 0 {
		fs.Usage()
		return usageError{"check: give --index DIR and nothing else"}
	}
	x, err := index.Open(dir, index.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	rep, err := x.Check(ctx)
	if err = errors.Join(err, x.Close()); err != nil {
		return err
	}
	var b strings.Builder
	for _, p := range rep.Problems {
		fmt.Fprintf(&b, "problem: %s\n", p)
	}
	fmt.Fprintf(&b, "%d articles in the dedupe state, %d in bleve, %d stories", rep.Articles, rep.Indexed, rep.Stories)
	if len(rep.Problems) == 0 {
		b.WriteString(": ok\n")
	} else {
		b.WriteString("\n")
	}
	if _, err := fmt.Fprint(e.stdout, b.String()); err != nil {
		return err
	}
	if len(rep.Problems) > 0 {
		return fmt.Errorf("index %s: %d problem(s) found", dir, len(rep.Problems))
	}
	return nil
}
