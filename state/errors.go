package state

import "errors"

// The errors a caller can act on; check them with errors.Is.
var (
	// ErrNoState is returned by Open with Options.ReadOnly set when the
	// directory holds no state.
	ErrNoState = errors.New("state: no dedupe state")
	// ErrCorruptRecord is returned (wrapped) for a stored record that does
	// not decode.
	ErrCorruptRecord = errors.New("state: corrupt record")
	// ErrBadRun is returned (wrapped) for a key run file that is not what
	// the manifest says: the wrong size, a bad header, or, when opened
	// for writing or checked, entries out of order or a bad checksum.
	ErrBadRun = errors.New("state: bad key run file")
)

// The errors of misuse and damage that callers report, not handle.
var (
	// errStaleUpdate is returned by Commit for an Update not prepared on
	// the state as it is.
	errStaleUpdate = errors.New("state: update was not prepared on the current state")
	// errReadOnly is returned for a write to a state opened read-only.
	errReadOnly = errors.New("state: opened read-only")
)
