package index

import "errors"

// Errors a caller can act on.
var (
	// ErrLocked is returned by Open when another process has the index
	// open in a conflicting mode: an index run is in progress (or, for a
	// writer, a search is).
	ErrLocked = errors.New("index: index is locked by another neardup process")
	// ErrParamsMismatch is returned by Open when Options.Params differ
	// from the dedupe parameters the index was built with.
	ErrParamsMismatch = errors.New("index: built with different dedupe params")
	// ErrNoIndex is returned by a read-only Open of a directory that holds
	// no index.
	ErrNoIndex = errors.New("index: no index")
	// ErrDamaged is returned (wrapped, naming the file) for an index whose
	// files are missing or do not read: bleve/ gone beside a state with
	// articles, a truncated segment, a panic inside bleve.
	ErrDamaged = errors.New("index: damaged")
	// ErrQuerySyntax is returned (wrapped) for a query string that is not
	// well formed.
	ErrQuerySyntax = errors.New("index: query syntax error")
)
