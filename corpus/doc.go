// Package corpus reads and writes the articles neardup works on: plain-text
// files with blank-line-separated paragraphs, and JSON Lines with one article
// a line. It knows nothing about shingles or stories; it turns bytes into
// Articles and reports bad input by file and line.
//
// # Plain text
//
// A .txt file holds one article. Its paragraphs are blocks of lines
// separated by blank lines (see SplitParagraphs). Body holds them trimmed
// and joined by "\n\n", with "\r\n" turned into "\n". The file may start
// (after white space) with a date marker, "date 2023-09" or
// "date 2023-09-14", followed on the same line or the next by the text of
// paragraph 0; the marker sets Date (the first of the month when only the
// month is given) and DateText, and is not part of Body. A marker with a
// malformed date is an ErrBadDate; text that starts with the word "date"
// not followed by a digit has no marker. The ID is the file's path relative
// to the directory argument, without its extension and with forward
// slashes ("2023/09/kim"), or for a file argument its base name without the
// extension. Title is empty and Origin is the path.
//
// # JSON Lines
//
// A .jsonl file (or stdin) holds one JSON object a line; blank lines are
// skipped. The fields are "id" (required: a non-empty string, or a number
// taken as written), "body" or else "text", "title", "date" (RFC 3339,
// YYYY-MM or YYYY-MM-DD; DateText keeps it as written), "source", "lang"
// and "url". All but "id" may be missing or null; other fields are ignored.
// Origin is "path:line".
//
// # Encodings
//
// Valid UTF-8 is used as is, without a leading byte order mark. Text that
// is not UTF-8 but is clearly Windows-1252 (Latin-1), as in old Nordic
// newsroom archives, is decoded with a note through ReadOptions.Warn, once
// per file; JSONL is judged line by line. Anything else is an ErrNotUTF8 at
// the line of the first invalid byte. A file that is empty or holds only
// white space is skipped with a warning.
//
// # Errors
//
// Bad input comes as an *InputError with the file and line
// ("corpus.jsonl:12: duplicate id "x" (first at a.jsonl:3)") that wraps
// one of the sentinel errors (ErrMissingID, ErrDuplicateID, …), for
// errors.Is. Read stops at the first one unless ReadOptions.SkipBad is set.
// Read never panics on bad input, and it holds at most
// ReadOptions.MaxBytes of one article's raw bytes in memory.
package corpus
