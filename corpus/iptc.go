package corpus

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// What the readers of the IPTC formats (NewsML-G2, NITF, ninjs) share: the
// item ID, dates, language tags, versions, and the sink that turns the items
// of one file into articles.

// itemSink passes the items of one file to emit. An item without a GUID
// gets the file's ID (as a .txt file would) when it is the only item of
// its file; so the sink holds such an item back until the next item or the
// end of the file, and it is an ErrMissingID when another item follows.
type itemSink struct {
	r        *reader
	path     string
	fileID   string // the ID of a lone item without a GUID
	items    int    // items seen, good and bad
	skips    int    // items without text (pictures, …) skipped
	pending  *Article
	pendLine int
}

// add passes the good item a, which starts at line, to emit (or holds it
// back, see itemSink). It sets a.Origin.
func (s *itemSink) add(a Article, line int) error {
	s.items++
	if err := s.flush(false); err != nil {
		return err
	}
	a.Origin = s.path + ":" + strconv.Itoa(line)
	if a.ID == "" {
		if s.items == 1 {
			s.pending, s.pendLine = &a, line
			return nil
		}
		return s.r.bad(s.path, line, errNoGUID())
	}
	return s.r.emit(a, s.path, line)
}

// bad reports the bad item at line (see reader.bad).
func (s *itemSink) bad(line int, err error) error {
	s.items++
	if ferr := s.flush(false); ferr != nil {
		return ferr
	}
	return s.r.bad(s.path, line, err)
}

// finish ends the file: an item held back gets the file's ID. A file with
// no item at all is noted through Warn.
func (s *itemSink) finish() error {
	if s.items+s.skips == 0 {
		s.r.warn(s.path + ": no news item in the file, skipped")
	}
	return s.flush(true)
}

// flush emits the item held back, if any: with the file's ID at the end of
// the file, else as an ErrMissingID.
func (s *itemSink) flush(end bool) error {
	if s.pending == nil {
		return nil
	}
	a, line := *s.pending, s.pendLine
	s.pending = nil
	if !end {
		return s.r.bad(s.path, line, errNoGUID())
	}
	a.ID = validName(s.fileID)
	return s.r.emit(a, s.path, line)
}

func errNoGUID() error {
	return problem(ErrMissingID, "item has no guid, and its file holds more than one item")
}

// itemID returns an item's article ID: "guid@version", or the guid when
// the version is unknown (0), or "" when there is no guid.
func itemID(guid string, version int) string {
	if guid == "" || version == 0 {
		return guid
	}
	return guid + "@" + strconv.Itoa(version)
}

// parseVersion parses a version number: ASCII digits only, no sign, that
// fit an int.
func parseVersion(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// itemVersion parses the version given by field ("version attribute"),
// trimmed; "" is 0.
func itemVersion(s, field string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, ok := parseVersion(s)
	if !ok {
		return 0, problem(ErrBadField, "%s is %q, want a whole number", field, shortText(s))
	}
	return n, nil
}

// newsDateLayouts are the forms parseNewsDate accepts besides those of
// parseDate: ISO 8601 basic, as NITF's norm attributes write it, and
// dates and times without a zone, taken as UTC.
var newsDateLayouts = []string{
	"20060102T150405Z0700",
	"20060102T150405Z07:00",
	"20060102T1504Z0700",
	"20060102T150405",
	"20060102T1504",
	"20060102",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
}

// parseNewsDate parses a date of the agency formats (field names it in
// messages): RFC 3339, YYYY-MM, YYYY-MM-DD, or one of newsDateLayouts.
func parseNewsDate(s, field string) (time.Time, error) {
	if t, err := parseDate(s); err == nil {
		return t, nil
	}
	for _, layout := range newsDateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, problem(ErrBadDate, "bad date %q in %s: want ISO 8601, as 2026-03-12T10:15:00+01:00 or 20260312T101500+0100",
		shortText(s), field)
}

// setDate sets a.Date and a.DateText from the date s (trimmed) of field;
// "" leaves them unset. DateText keeps s when it is RFC 3339, YYYY-MM or
// YYYY-MM-DD, and is the date in RFC 3339 (or YYYY-MM-DD) otherwise.
func setDate(a *Article, s, field string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	t, err := parseNewsDate(s, field)
	if err != nil {
		return err
	}
	a.Date, a.DateText = t, s
	if _, err := parseDate(s); err != nil {
		// ISO 8601 basic or without a zone: written as RFC 3339, a form
		// every output and JSON Lines read.
		a.DateText = t.Format(time.RFC3339)
		if len(s) == len("20060102") {
			a.DateText = t.Format(time.DateOnly)
		}
	}
	return nil
}

// primaryLang returns the primary subtag of a language tag, lower-cased:
// "da-DK" → "da", "nb_NO" → "nb", "EN" → "en". Codes are kept as given
// otherwise ("no" stays "no").
func primaryLang(tag string) string {
	tag = strings.TrimSpace(tag)
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag)
}

// codeOf returns the code of a QCode ("nprov:RITZAU" → "RITZAU"): the part
// after its last colon.
func codeOf(qcode string) string {
	return strings.TrimSpace(qcode[strings.LastIndexByte(qcode, ':')+1:])
}

// isMediaClass reports whether an item class or type ("ninat:picture",
// "picture") names a picture, graphic, audio or video item: one with no
// text to read.
func isMediaClass(class string) bool {
	switch strings.ToLower(codeOf(class)) {
	case "picture", "graphic", "audio", "video":
		return true
	}
	return false
}

// oneLine returns s with its white space (no-break spaces included)
// collapsed to single spaces and trimmed.
func oneLine(s string) string {
	var b paraBuilder
	b.text(s)
	return string(b.cur)
}

// shortText returns s cut to 40 runes, with "…" when cut, for messages.
func shortText(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	n := 0
	for i := range s {
		if n == 40 {
			return strings.TrimRightFunc(s[:i], unicode.IsSpace) + "…"
		}
		n++
	}
	return s
}

// firstOf returns the first of ss that is not empty.
func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
