package main

import (
	"context"
	"encoding/json"
	"io"
	"os"

	"github.com/neardup/neardup/eval"
)

func runEval(_ context.Context, args []string, e env) error {
	fs := newFlagSet("eval", e, "Usage: neardup eval --truth TRUTH.jsonl ARTICLES.jsonl\n       neardup eval --events PAIRS.json ARTICLES.jsonl\n\nScores neardup's articles.jsonl against labelled truth: story and paragraph figures\nagainst truth.jsonl, or event precision and reprint recall against an event-labelled\ncorpus's pairs.json (../shared/eval/README.md defines both). Exit codes: 0 success, 1 error, 2 usage.\n\nFlags:")
	truthPath := fs.String("truth", "", "labelled truth `file` (truth.jsonl)")
	eventsPath := fs.String("events", "", "event truth `file` (pairs.json: each article's event and the reprints)")
	asJSON := fs.Bool("json", false, "print the figures as JSON")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if (*truthPath == "") == (*eventsPath == "") || len(pos) != 1 {
		fs.Usage()
		return usageError{"eval: want --truth TRUTH or --events PAIRS, and one ARTICLES file"}
	}
	pred, err := readWith(pos[0], eval.ReadPredictions)
	if err != nil {
		return err
	}
	var rep interface{ WriteText(io.Writer) error }
	if *eventsPath != "" {
		events, err := readWith(*eventsPath, eval.ReadEvents)
		if err != nil {
			return err
		}
		rep = eval.EvaluateEvents(events, pred)
	} else {
		truth, err := readWith(*truthPath, eval.ReadTruth)
		if err != nil {
			return err
		}
		rep = eval.Evaluate(truth, pred)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	return rep.WriteText(e.stdout)
}

// readWith opens path and parses it with read.
func readWith[T any](path string, read func(r io.Reader, name string) (T, error)) (T, error) {
	f, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, err
	}
	defer f.Close() // read-only: a close error loses nothing
	return read(f, path)
}
