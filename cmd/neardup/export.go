package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/internal/atomicfile"
)

func runExport(ctx context.Context, args []string, e env) error {
	var dir, out, format string
	var workers int
	fs := newFlagSet("export", e, "Usage: neardup export --index DIR [--format jsonl|csv] [--out FILE]\n\nWrites the index's articles.jsonl, as neardup dedupe --out does (for neardup eval), or its articles.csv.\nExit codes: 0 success, 1 error, 2 usage.\n\nFlags:")
	fs.StringVar(&dir, "index", "", "index `DIR`")
	fs.StringVar(&out, "out", "", "write to `FILE` (atomically) instead of stdout")
	fs.IntVar(&workers, "workers", 0, "parallel `workers` (0 = one per core)")
	fs.StringVar(&format, "format", "jsonl", "jsonl (articles.jsonl) or csv (a row per article)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if dir == "" || fs.NArg() > 0 || workers < 0 {
		fs.Usage()
		return usageError{"export: give --index DIR (and --out FILE), nothing else"}
	}
	if format != "jsonl" && format != "csv" {
		return usageError{fmt.Sprintf("export: --format %q: want jsonl or csv", format)}
	}
	x, err := index.Open(dir, index.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	opt := index.ExportOptions{Workers: workers, CSV: format == "csv"}
	write := func(w io.Writer) error { return x.Export(ctx, w, opt) }
	if out == "" {
		err = write(e.stdout)
	} else {
		err = atomicfile.Write(out, write)
	}
	return errors.Join(err, x.Close())
}
