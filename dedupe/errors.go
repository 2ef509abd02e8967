package dedupe

import (
	"errors"
	"fmt"
)

// The errors a caller can act on; check them with errors.Is.
var (
	// ErrTooMany is returned when the input holds more articles than the
	// LSH postings can number (MaxArticles).
	ErrTooMany = fmt.Errorf("dedupe: more than %d articles in one run", MaxArticles)
	// ErrReferenceTooLarge is returned by ExactReference for more than
	// MaxReferenceArticles articles.
	ErrReferenceTooLarge = fmt.Errorf("dedupe: more than %d articles: the exact reference is for samples", MaxReferenceArticles)
	// ErrClosed is returned for article text asked of a closed Result.
	ErrClosed = errors.New("dedupe: result closed: article text no longer available")
)
