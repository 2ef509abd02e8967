package corpus

import "context"

// Source feeds articles to fn, in a deterministic order, until the input
// ends or fn returns an error, which it returns. The engine (dedupe.Run)
// and the index read their input through one, so a caller can feed them
// from files, memory or a database alike.
type Source func(fn func(Article) error) error

// Files returns the Source that reads inputs with Read. A read that gives
// no article at all is an error (ErrNoArticles, saying what was skipped):
// a run over an empty or mistaken folder must not look like a run over
// nothing new.
func Files(ctx context.Context, inputs []string, opts ReadOptions) Source {
	return Counted(ctx, inputs, opts, nil)
}

// Counted is Files that also stores what Read counted in stats (when not
// nil), once the Source has been read.
func Counted(ctx context.Context, inputs []string, opts ReadOptions, stats *ReadStats) Source {
	return func(fn func(Article) error) error {
		st, err := Read(ctx, inputs, opts, fn)
		if stats != nil {
			*stats = st
		}
		if err == nil && st.Articles == 0 {
			err = st.NoArticles(inputs)
		}
		return err
	}
}

// Slice returns the Source of articles held in memory, in order.
func Slice(arts []Article) Source {
	return func(fn func(Article) error) error {
		for _, a := range arts {
			if err := fn(a); err != nil {
				return err
			}
		}
		return nil
	}
}

// ReadAll reads every article of the inputs into memory (see Read): for
// tests and small corpora.
func ReadAll(ctx context.Context, inputs []string, opts ReadOptions) ([]Article, error) {
	var arts []Article
	_, err := Read(ctx, inputs, opts, func(a Article) error {
		arts = append(arts, a)
		return nil
	})
	return arts, err
}
