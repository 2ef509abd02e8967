package eval

import "errors"

// Errors that ReadTruth and ReadPredictions report for bad input. They come
// wrapped in a *corpus.InputError that names the file and line; check them with
// errors.Is.
var (
	// ErrInvalidJSON means a line is not one JSON object of the expected
	// shape. The error also wraps the encoding/json error.
	ErrInvalidJSON = errors.New("eval: invalid JSON")
	// ErrMissingField means a required field is absent or empty: an
	// article's "id" or "story", a paragraph's "index", a match's "id" or
	// "index".
	ErrMissingField = errors.New("eval: missing field")
	// ErrDuplicateID means an article id was already used on an earlier
	// line of the same file.
	ErrDuplicateID = errors.New("eval: duplicate id")
	// ErrBadIndex means a paragraph index is outside [0, number of
	// paragraphs) or repeats in one article, or a match index is negative.
	ErrBadIndex = errors.New("eval: bad paragraph index")
	// ErrUnknownKind means a truth paragraph's kind is not text,
	// boilerplate, heading or credit.
	ErrUnknownKind = errors.New("eval: unknown paragraph kind")
)
