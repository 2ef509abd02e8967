package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"
)

// readJSONL reads the JSON Lines in src, named name in messages and origins,
// and hands each good article to emit.
func (r *reader) readJSONL(src io.Reader, name string) error {
	r.br.Reset(src)
	lr := lineReader{br: r.br, buf: r.lineBuf[:0], max: r.max}
	defer func() { r.lineBuf = lr.buf[:0] }()
	var seenText, warned bool
	for {
		line, err := lr.next()
		if err == io.EOF {
			break
		}
		var a Article
		if err == nil {
			if lr.line == 1 {
				line = bytes.TrimPrefix(line, utf8BOM)
			}
			if len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			a, err = r.jsonlArticle(line, name, lr.line, &warned)
		} else if !errors.Is(err, ErrLineTooLong) {
			return fmt.Errorf("read %s: %w", name, err)
		}
		seenText = true
		if err != nil {
			err = r.bad(name, lr.line, err)
		} else {
			err = r.emit(a, name, lr.line)
		}
		if err != nil {
			return err
		}
	}
	if !seenText {
		r.warn(name + ": empty file, skipped")
	}
	return nil
}

// jsonlArticle decodes and parses line n of the JSONL input name. A line
// that is not UTF-8 but clearly Windows-1252 is decoded, with a note unless
// *warned says the file already had one.
func (r *reader) jsonlArticle(line []byte, name string, n int, warned *bool) (Article, error) {
	text, latin1, bad := toUTF8(line)
	if bad >= 0 {
		_, err := notUTF8(line, bad)
		return Article{}, err
	}
	if latin1 && !*warned {
		*warned = true
		r.warn(fmt.Sprintf("%s: not UTF-8, decoded as Windows-1252 (Latin-1), first at line %d", name, n))
	}
	a, err := parseJSONLFast(&r.json, text)
	a.Origin = name + ":" + strconv.Itoa(n)
	return a, err
}

// lineReader splits a stream into lines of at most max bytes, reusing one
// buffer for lines that do not fit bufio.Reader's own.
type lineReader struct {
	br   *bufio.Reader
	buf  []byte
	max  int // longest line accepted, without its line break
	line int // number of the line last returned, from 1
}

// next returns the next line without its "\n" or "\r\n". The slice is valid
// until the following call. A line longer than max is read to its end,
// dropped and reported as an ErrLineTooLong problem. At the end of the
// input next returns io.EOF.
func (lr *lineReader) next() ([]byte, error) {
	lr.buf = lr.buf[:0]
	n := 0 // bytes of the line so far
	for {
		chunk, err := lr.br.ReadSlice('\n')
		n += len(chunk)
		switch {
		case err == nil:
			lr.line++
			if n-1 > lr.max {
				return nil, lr.tooLong()
			}
			if len(lr.buf) == 0 {
				return trimCR(chunk[:len(chunk)-1]), nil
			}
			lr.buf = append(lr.buf, chunk[:len(chunk)-1]...)
			return trimCR(lr.buf), nil
		case err == bufio.ErrBufferFull:
			if n <= lr.max+1 { // past that it is too long; drop the rest
				lr.buf = append(lr.buf, chunk...)
			}
		case err == io.EOF:
			if n == 0 {
				return nil, io.EOF
			}
			lr.line++
			if n > lr.max {
				return nil, lr.tooLong()
			}
			lr.buf = append(lr.buf, chunk...)
			return trimCR(lr.buf), nil
		default:
			return nil, err
		}
	}
}

func (lr *lineReader) tooLong() error {
	return problem(ErrLineTooLong, "line longer than %d bytes", lr.max)
}

// trimCR drops one trailing '\r'.
func trimCR(b []byte) []byte {
	return bytes.TrimSuffix(b, []byte{'\r'})
}

// jsonRecord is one JSONL line. Every field takes any JSON value so that a
// value of the wrong type gets a message of our own.
type jsonRecord struct {
	ID     jsonValue `json:"id"`
	Body   jsonValue `json:"body"`
	Text   jsonValue `json:"text"`
	Title  jsonValue `json:"title"`
	Date   jsonValue `json:"date"`
	Source jsonValue `json:"source"`
	Lang   jsonValue `json:"lang"`
	URL    jsonValue `json:"url"`
	// The fields of the agency formats (see Article).
	GUID         jsonValue `json:"guid"`
	Version      jsonValue `json:"version"`
	FirstCreated jsonValue `json:"first_created"`
	Credit       jsonValue `json:"credit"`
	Copyright    jsonValue `json:"copyright"`
}

// parseJSONL parses one non-blank JSONL line, valid UTF-8, into an Article
// without Origin, with encoding/json. It is the reference that
// parseJSONLFast must agree with, and gives the error messages.
func parseJSONL(line []byte) (Article, error) {
	trimmed := bytes.TrimLeft(line, " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] != '{' {
		if json.Valid(trimmed) {
			return Article{}, problem(ErrInvalidJSON, "invalid JSON: want an object, got %s", kindName(jsonKind(trimmed[0])))
		}
	}
	var rec jsonRecord
	if err := json.Unmarshal(line, &rec); err != nil {
		return Article{}, problemCause(ErrInvalidJSON, err, "invalid JSON: %v", err)
	}
	return rec.article()
}

// article checks the fields of rec and builds the Article.
func (rec *jsonRecord) article() (Article, error) {
	var a Article
	var err error
	if a.ID, err = rec.id(); err != nil {
		return Article{}, err
	}
	if a.Body, err = rec.body(); err != nil {
		return Article{}, err
	}
	for _, f := range []struct {
		name string
		v    jsonValue
		dst  *string
	}{
		{"title", rec.Title, &a.Title}, {"source", rec.Source, &a.Source}, {"lang", rec.Lang, &a.Lang}, {"url", rec.URL, &a.URL},
		{"guid", rec.GUID, &a.GUID}, {"first_created", rec.FirstCreated, &a.FirstCreated},
		{"credit", rec.Credit, &a.Credit}, {"copyright", rec.Copyright, &a.Copyright},
	} {
		if *f.dst, err = f.v.str(ErrBadField, f.name); err != nil {
			return Article{}, err
		}
	}
	if a.Version, err = rec.version(); err != nil {
		return Article{}, err
	}
	if a.DateText, err = rec.Date.str(ErrBadDate, "date"); err != nil {
		return Article{}, err
	}
	if a.DateText != "" {
		if a.Date, err = parseDate(a.DateText); err != nil {
			return Article{}, err
		}
	}
	return a, nil
}

// id returns the article ID: a non-empty string, or a number as written.
func (rec *jsonRecord) id() (string, error) {
	switch rec.ID.kind {
	case jsonString:
		if rec.ID.text == "" {
			return "", problem(ErrMissingID, "empty id")
		}
		return rec.ID.text, nil
	case jsonNumber:
		return rec.ID.text, nil
	case jsonAbsent, jsonNull:
		return "", problem(ErrMissingID, "missing id")
	default:
		return "", problem(ErrBadField, "id is %s, want a string or number", kindName(rec.ID.kind))
	}
}

// version returns "version" (see jsonVersion).
func (rec *jsonRecord) version() (int, error) {
	return jsonVersion(rec.Version)
}

// jsonVersion returns the version number v holds: a whole number, written
// as a JSON number or as a string of digits; 0 when v is absent, null or
// "".
func jsonVersion(v jsonValue) (int, error) {
	switch v.kind {
	case jsonAbsent, jsonNull:
		return 0, nil
	case jsonString, jsonNumber:
		if v.kind == jsonString && v.text == "" {
			return 0, nil
		}
		if n, ok := parseVersion(v.text); ok {
			return n, nil
		}
		shown := v.text
		if v.kind == jsonString {
			shown = strconv.Quote(shortText(v.text))
		}
		return 0, problem(ErrBadField, "\"version\" is %s, want a whole number or a string of digits", shown)
	default:
		return 0, problem(ErrBadField, "\"version\" is %s, want a whole number or a string of digits", kindName(v.kind))
	}
}

// body returns "body", or "text" when there is no "body".
func (rec *jsonRecord) body() (string, error) {
	body, err := rec.Body.str(ErrBodyNotText, "body")
	if err != nil {
		return "", err
	}
	text, err := rec.Text.str(ErrBodyNotText, "text")
	if err != nil {
		return "", err
	}
	if rec.Body.kind == jsonString {
		return body, nil
	}
	return text, nil
}

// parseDate parses a JSONL date: YYYY-MM, YYYY-MM-DD or RFC 3339.
func parseDate(s string) (time.Time, error) {
	if t, ok := parseDay(s); ok {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, problem(ErrBadDate, "bad date %q: want RFC 3339, YYYY-MM or YYYY-MM-DD", s)
	}
	return t, nil
}

// Kinds of JSON value held by a jsonValue.
const (
	jsonAbsent byte = iota
	jsonNull
	jsonString
	jsonNumber
	jsonBool
	jsonObject
	jsonArray
)

// jsonValue is any JSON value, remembered as its kind and, for strings and
// numbers, its text (a number's literal text, as written).
type jsonValue struct {
	kind byte
	text string
}

// UnmarshalJSON records the kind of data and the text of a string or number.
// encoding/json has already checked that data is one valid JSON value.
func (v *jsonValue) UnmarshalJSON(data []byte) error {
	v.kind = jsonKind(data[0])
	switch v.kind {
	case jsonString:
		return json.Unmarshal(data, &v.text)
	case jsonNumber:
		v.text = string(data)
	}
	return nil
}

// str returns the string held by v, "" when it is absent or null, and a
// problem wrapping sentinel when it holds any other kind of value.
func (v jsonValue) str(sentinel error, field string) (string, error) {
	switch v.kind {
	case jsonString:
		return v.text, nil
	case jsonAbsent, jsonNull:
		return "", nil
	default:
		return "", problem(sentinel, "%q is %s, want a string", field, kindName(v.kind))
	}
}

// jsonKind returns the kind of the JSON value that starts with byte c.
func jsonKind(c byte) byte {
	switch c {
	case '"':
		return jsonString
	case 'n':
		return jsonNull
	case 't', 'f':
		return jsonBool
	case '{':
		return jsonObject
	case '[':
		return jsonArray
	default:
		return jsonNumber
	}
}

// kindName names a kind for messages: "a number", "an object".
func kindName(k byte) string {
	return [...]string{"absent", "null", "a string", "a number", "a boolean", "an object", "an array"}[k]
}
