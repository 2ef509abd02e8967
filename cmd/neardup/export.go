package main

import (
	"context"
	"errors"
	"io"

	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/internal/atomicfile"
)

func runExport(ctx context.Context, args []string, e env) error {
	var dir, out string
	var workers int
	fs := newFlagSet("export", e, "Usage: neardup export --index DIR [--out FILE]\n\nWrites the index's articles.jsonl, as neardup dedupe --out does, for neardup eval.\nExit codes: 0 success, 1 error, 2 usage.\n\nFlags:")
	fs.StringVar(&dir, "index", "", "index `DIR`")
	fs.StringVar(&out, "out", "", "write to `FILE` (atomically) instead of stdout")
	fs.IntVar(&workers, "workers", 0, "parallel `workers` (0 = one per core)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if dir == "" || fs.NArg() > 0 || workers < 0 {
		fs.Usage()
		return usageError{"export: give --index DIR (and --out FILE), nothing else"}
	}
	x, err := index.Open(dir, index.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	write := func(w io.Writer) error { return x.Export(ctx, w, workers) }
	if out == "" {
		err = write(e.stdout)
	} else {
		err = atomicfile.Write(out, write)
	}
	return errors.Join(err, x.Close())
}
