package corpus

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode"
)

// readText reads the .txt article at path and hands it, with the given id,
// to emit.
func (r *reader) readText(path, id string) error {
	data, tooLarge, err := r.slurp(path)
	if err != nil {
		return err
	}
	if tooLarge {
		return r.bad(path, 1, problem(ErrFileTooLarge, "file larger than %d bytes", r.max))
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if len(bytes.TrimSpace(data)) == 0 {
		r.warn(path + ": empty file, skipped")
		return nil
	}
	a, latin1, line, err := parseText(data)
	if err != nil {
		return r.bad(path, line, err)
	}
	if latin1 {
		r.warn(path + ": not UTF-8, decoded as Windows-1252 (Latin-1)")
	}
	if a.Body == "" {
		r.warn(path + ": no text after the date marker, skipped")
		return nil
	}
	a.ID = validName(id)
	a.Origin = path
	return r.emit(a, path, 1) // a .txt file is one article, starting at line 1
}

// slurp reads the whole file at path into r's reusable buffer, which the
// result aliases. It reads at most r.max+1 bytes and reports tooLarge when
// the file holds more than r.max.
func (r *reader) slurp(path string) (data []byte, tooLarge bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false, fmt.Errorf("read article: %w", err)
	}
	defer f.Close() // read-only: a close error cannot lose data
	r.stats.Files++
	r.textBuf.Reset()
	if _, err := r.textBuf.ReadFrom(io.LimitReader(f, int64(r.max)+1)); err != nil {
		return nil, false, fmt.Errorf("read %s: %w", path, err)
	}
	if r.textBuf.Len() > r.max {
		return nil, true, nil
	}
	return r.textBuf.Bytes(), false, nil
}

// parseText turns the bytes of a .txt file (BOM already stripped) into an
// Article with Body, Date and DateText set. latin1 reports that the bytes
// were decoded from Windows-1252. On error, line is where the problem is.
func parseText(data []byte) (a Article, latin1 bool, line int, err error) {
	text, latin1, bad := toUTF8(data)
	if bad >= 0 {
		line, err = notUTF8(data, bad)
		return Article{}, false, line, err
	}
	s := string(text)
	if strings.Contains(s, "\r\n") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
	}
	rest, dateText, date, line, err := cutDateMarker(s)
	if err != nil {
		return Article{}, false, line, err
	}
	a = Article{
		Body:     strings.Join(SplitParagraphs(rest), "\n\n"),
		Date:     date,
		DateText: dateText,
	}
	return a, latin1, 0, nil
}

// cutDateMarker removes a leading "date YYYY-MM" or "date YYYY-MM-DD" marker
// from s and parses its date. White space may come before the marker, and
// paragraph 0 may go on after it on the same line. Text that starts with the
// word "date" but not followed by white space and a digit has no marker and
// comes back whole. A marker with a malformed date is an ErrBadDate at the
// marker's line.
func cutDateMarker(s string) (rest, dateText string, date time.Time, line int, err error) {
	start := strings.TrimLeftFunc(s, unicode.IsSpace)
	after, ok := strings.CutPrefix(start, "date")
	if !ok {
		return s, "", time.Time{}, 0, nil
	}
	tok := strings.TrimLeftFunc(after, isBlankInLine)
	if len(tok) == len(after) || tok == "" || tok[0] < '0' || tok[0] > '9' {
		return s, "", time.Time{}, 0, nil
	}
	end := strings.IndexFunc(tok, unicode.IsSpace)
	if end < 0 {
		end = len(tok)
	}
	dateText = tok[:end]
	date, ok = parseDay(dateText)
	if !ok {
		line = 1 + strings.Count(s[:len(s)-len(start)], "\n")
		return "", "", time.Time{}, line, problem(ErrBadDate,
			"bad date marker %q: want \"date YYYY-MM\" or \"date YYYY-MM-DD\"", dateText)
	}
	return tok[end:], dateText, date, 0, nil
}

// isBlankInLine reports whether r is white space other than a line break.
func isBlankInLine(r rune) bool {
	return r != '\n' && unicode.IsSpace(r)
}

// parseDay parses "YYYY-MM" (as the first day of the month) or "YYYY-MM-DD"
// as a UTC date.
func parseDay(s string) (time.Time, bool) {
	var layout string
	switch {
	case len(s) == len("2006-01") && digitsAndDashes(s, 4):
		layout = "2006-01"
	case len(s) == len("2006-01-02") && digitsAndDashes(s, 4, 7):
		layout = "2006-01-02"
	default:
		return time.Time{}, false
	}
	t, err := time.Parse(layout, s)
	return t, err == nil
}

// digitsAndDashes reports whether s holds ASCII digits except for a dash at
// each of the given offsets.
func digitsAndDashes(s string, dashes ...int) bool {
	for i := 0; i < len(s); i++ {
		want := s[i] >= '0' && s[i] <= '9'
		for _, d := range dashes {
			if i == d {
				want = s[i] == '-'
			}
		}
		if !want {
			return false
		}
	}
	return true
}
