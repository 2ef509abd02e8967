package corpus

import (
	"errors"
	"fmt"
	"strconv"
)

// Errors that Read reports; check them with errors.Is. Those about an
// input's content or type come wrapped in an *InputError that names the
// file and, where there is one, the line.
var (
	// ErrMissingID means a JSONL article has no "id", or an empty one, or
	// an item of a NewsML-G2, NITF or ninjs file that holds more than one
	// item has no guid (doc-id, uri).
	ErrMissingID = errors.New("corpus: missing id")
	// ErrDuplicateID means an id was already used by an earlier article of
	// the same Read call, in any of its inputs.
	ErrDuplicateID = errors.New("corpus: duplicate id")
	// ErrBodyNotText means "body" or "text" is present but is not a JSON
	// string (a number, object, array or boolean).
	ErrBodyNotText = errors.New("corpus: body is not text")
	// ErrBadField means "id" is neither a string nor a number, or "title",
	// "source", "lang", "url", "guid", "first_created", "credit" or
	// "copyright" is not a string, or "version" is not a whole number (a
	// JSON number or a string of digits); in NewsML-G2, NITF and ninjs, a
	// version that is not a whole number, or a ninjs field of the wrong
	// type.
	ErrBadField = errors.New("corpus: field has the wrong type")
	// ErrBadDate means a date is not RFC 3339, YYYY-MM or YYYY-MM-DD, or a
	// .txt date marker is malformed, or a date of NewsML-G2, NITF or ninjs
	// is not one of the ISO 8601 forms the package documentation lists.
	ErrBadDate = errors.New("corpus: bad date")
	// ErrNotUTF8 means the text is neither UTF-8 nor clearly Windows-1252;
	// the line is the one holding the first invalid byte. For XML it means
	// invalid UTF-8 where the prolog declares none of the encodings Read
	// knows, or a declared encoding Read does not know.
	ErrNotUTF8 = errors.New("corpus: not UTF-8 text")
	// ErrLineTooLong means a JSONL line is longer than ReadOptions.MaxBytes.
	ErrLineTooLong = errors.New("corpus: line too long")
	// ErrFileTooLarge means a .txt file is larger than ReadOptions.MaxBytes.
	ErrFileTooLarge = errors.New("corpus: file too large")
	// ErrInvalidJSON means a JSONL line is not one JSON object, or a ninjs
	// file is not JSON objects or an array of them. The error also wraps the
	// encoding/json error, if there is one.
	ErrInvalidJSON = errors.New("corpus: invalid JSON")
	// ErrInvalidXML means a NewsML-G2 or NITF file is not well-formed XML
	// (the line is where the decoder found the problem), or its body holds
	// HTML text that cannot be read. The error also wraps the encoding/xml
	// error, if there is one.
	ErrInvalidXML = errors.New("corpus: invalid XML")
	// ErrItemTooLarge means an item of a NewsML-G2, NITF or ninjs file is
	// larger than ReadOptions.MaxBytes.
	ErrItemTooLarge = errors.New("corpus: item too large")
	// ErrUnsupportedFile means an input file's extension is not one Read
	// knows, or an .xml, .nitf, .newsml, .ninjs (or named) .json file holds
	// none of the formats Read knows.
	ErrUnsupportedFile = errors.New("corpus: unsupported file type")
	// ErrNoStdin means the input "-" was given but ReadOptions.Stdin is nil,
	// or "-" was given more than once.
	ErrNoStdin = errors.New("corpus: no stdin to read")
	// ErrNoArticles is returned (see ReadStats.NoArticles) when the inputs
	// hold no article: an empty folder, or one of unsupported files.
	ErrNoArticles = errors.New("corpus: no articles")
)

// InputError reports bad input at a place in a file. Its message is
// "path:line: problem", or "path: problem" when Line is 0.
type InputError struct {
	// Path names the input: the file path as walked, or "stdin".
	Path string
	// Line is the 1-based line number; 0 means the whole file.
	Line int
	// Err is the problem; errors.Is finds the sentinel (ErrMissingID, …)
	// through it.
	Err error
}

// Error returns "path:line: problem", leaving out the line when it is 0.
func (e *InputError) Error() string {
	if e.Line == 0 {
		return e.Path + ": " + e.Err.Error()
	}
	return e.Path + ":" + strconv.Itoa(e.Line) + ": " + e.Err.Error()
}

// Unwrap returns Err.
func (e *InputError) Unwrap() error { return e.Err }

// detailError is a problem described in words of its own (`duplicate id "x"
// (first at a.jsonl:3)`) that still matches its sentinel with errors.Is, so
// messages do not repeat the "corpus: " prefix after the file and line.
type detailError struct {
	msg  string
	errs []error // the sentinel first, then any cause
}

func (e *detailError) Error() string   { return e.msg }
func (e *detailError) Unwrap() []error { return e.errs }

// problem returns an error with the formatted message that wraps sentinel.
func problem(sentinel error, format string, args ...any) error {
	return &detailError{msg: fmt.Sprintf(format, args...), errs: []error{sentinel}}
}

// problemCause is problem with a cause that errors.Is and errors.As also see.
func problemCause(sentinel, cause error, format string, args ...any) error {
	return &detailError{msg: fmt.Sprintf(format, args...), errs: []error{sentinel, cause}}
}
