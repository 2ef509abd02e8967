package output

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// The output records as JSON, written by hand: byte for byte what
// encoding/json writes (with SetEscapeHTML(false) unless the name says
// HTML), without reflection or a buffer per record.

// appendJSON appends the record as one line of JSON, byte for byte what
// encoding/json writes with SetEscapeHTML(false), without reflection.
//
// It is long because it writes every field in encoding/json's order, without
// reflection.
func (a *Article) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, a.ID)
	b = append(b, `,"story":`...)
	b = appendJSONString(b, a.Story)
	b = append(b, `,"canonical":`...)
	b = strconv.AppendBool(b, a.Canonical)
	b = append(b, `,"similarity":`...)
	b = appendJSONFloat(b, a.Similarity)
	b = append(b, `,"lang":`...)
	b = appendJSONString(b, a.Lang)
	b = appendLinks(b, a.URL, a.GUID, a.Version, a.UpdateOf)
	b = append(b, `,"credits":[`...)
	for i, c := range a.Credits {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, c)
	}
	b = append(b, `],"credited":`...)
	b = strconv.AppendBool(b, a.Credited)
	b = append(b, `,"copy_share":`...)
	b = appendJSONFloat(b, a.CopyShare)
	b = append(b, `,"flags":`...)
	b = appendJSONStrings(b, a.Flags)
	b = append(b, `,"paragraphs":[`...)
	for i, p := range a.Paragraphs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"index":`...)
		b = strconv.AppendInt(b, int64(p.Index), 10)
		b = append(b, `,"status":`...)
		b = appendJSONString(b, p.Status.String())
		if p.Similarity != 0 {
			b = append(b, `,"similarity":`...)
			b = appendJSONFloat(b, p.Similarity)
		}
		b = append(b, `,"blocks":`...)
		b = appendJSONStrings(b, p.Blocks)
		b = append(b, `,"matches":[`...)

		for j, m := range p.Matches {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"id":`...)
			b = appendJSONString(b, m.ID)
			b = append(b, `,"index":`...)
			b = strconv.AppendInt(b, int64(m.Index), 10)
			b = append(b, `,"similarity":`...)
			b = appendJSONFloat(b, m.Similarity)
			b = append(b, '}')
		}
		b = append(b, ']')
		if p.Diff != nil {
			b = append(b, `,"diff":{"id":`...)
			b = appendJSONString(b, p.Diff.ID)
			b = append(b, `,"index":`...)
			b = strconv.AppendInt(b, int64(p.Diff.Index), 10)
			b = append(b, `,"ops":[`...)
			for j, op := range p.Diff.Ops {
				if j > 0 {
					b = append(b, ',')
				}
				b = append(b, `{"op":`...)
				b = appendJSONString(b, op.Op)
				if op.Text != "" {
					b = append(b, `,"text":`...)
					b = appendJSONString(b, op.Text)
				}
				if op.N != 0 {
					b = append(b, `,"n":`...)
					b = strconv.AppendInt(b, int64(op.N), 10)
				}
				b = append(b, '}')
			}
			b = append(b, "]}"...)
		}
		b = append(b, '}')
	}
	return append(b, "]}\n"...)
}

// appendJSONStrings appends a JSON array of strings; nil as null, as
// encoding/json does.
func appendJSONStrings(b []byte, ss []string) []byte { return appendJSONStrs(b, ss, false) }

// appendJSONStringsHTML is appendJSONStrings with HTML escaping on.
func appendJSONStringsHTML(b []byte, ss []string) []byte { return appendJSONStrs(b, ss, true) }

func appendJSONStrs(b []byte, ss []string, html bool) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONStr(b, s, html)
	}
	return append(b, ']')
}

// appendJSONString appends s as a JSON string as encoding/json does with
// HTML escaping off: quotes, backslashes and control characters escaped,
// invalid UTF-8 replaced by U+FFFD, and U+2028/U+2029 escaped.
func appendJSONString(b []byte, s string) []byte { return appendJSONStr(b, s, false) }

// appendJSONStringHTML is appendJSONString with HTML escaping on, as
// json.Marshal writes strings: <, > and & become \u003c, \u003e, \u0026.
func appendJSONStringHTML(b []byte, s string) []byte { return appendJSONStr(b, s, true) }

func appendJSONStr(b []byte, s string, html bool) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && !(html && (c == '<' || c == '>' || c == '&')) {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendJSONFloat appends f as encoding/json formats a float64 in the
// range output uses (similarities in [0, 1]).
func appendJSONFloat(b []byte, f float64) []byte {
	abs := math.Abs(f)
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		b = strconv.AppendFloat(b, f, 'e', -1, 64)
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1] // e-07 → e-7, as encoding/json writes it
			b = b[:n-1]
		}
		return b
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64)
}

// appendJSON appends the record as one line of JSON, without the line
// break.
func (s *Story) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, s.ID)
	b = append(b, `,"canonical":`...)
	b = appendJSONString(b, s.Canonical)
	b = append(b, `,"size":`...)
	b = strconv.AppendInt(b, int64(s.Size), 10)
	b = append(b, `,"members":`...)
	if s.Members == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range s.Members {
			if i > 0 {
				b = append(b, ',')
			}
			b = s.Members[i].appendJSON(b)
		}
		b = append(b, ']')
	}
	b = append(b, `,"blocks":`...)
	b = appendBlocks(b, s.Blocks)
	if s.Repetitive != 0 {
		b = append(b, `,"repetitive_sentences":`...)
		b = strconv.AppendInt(b, int64(s.Repetitive), 10)
	}
	return append(b, '}')
}

// appendBlocks appends the blocks of a story as a JSON array.
func appendBlocks(b []byte, blocks []Block) []byte {
	if blocks == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, blk := range blocks {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":`...)
		b = appendJSONString(b, blk.ID)
		b = append(b, `,"first_seen":`...)
		b = appendJSONString(b, blk.FirstSeen)
		b = append(b, `,"cells":`...)
		if blk.Cells == nil {
			b = append(b, "null}"...)
			continue
		}
		b = append(b, '[')
		for j, c := range blk.Cells {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"id":`...)
			b = appendJSONString(b, c.ID)
			b = append(b, `,"state":`...)
			b = appendJSONString(b, c.State)
			b = append(b, `,"similarity":`...)
			b = appendJSONFloat(b, c.Similarity)
			b = append(b, `,"paragraphs":`...)
			b = appendJSONInts(b, c.Paragraphs)
			b = append(b, '}')
		}
		b = append(b, "]}"...)
	}
	return append(b, ']')
}

func (m *Member) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, m.ID)
	b = append(b, `,"title":`...)
	b = appendJSONString(b, m.Title)
	if m.Date != "" {
		b = append(b, `,"date":`...)
		b = appendJSONString(b, m.Date)
	}
	if m.Source != "" {
		b = append(b, `,"source":`...)
		b = appendJSONString(b, m.Source)
	}
	b = appendLinks(b, m.URL, m.GUID, m.Version, m.UpdateOf)
	b = append(b, `,"similarity":`...)
	b = appendJSONFloat(b, m.Similarity)
	b = append(b, `,"copy_share":`...)
	b = appendJSONFloat(b, m.CopyShare)
	b = append(b, `,"credited":`...)
	b = strconv.AppendBool(b, m.Credited)
	b = append(b, `,"flags":`...)
	b = appendJSONStrings(b, m.Flags)
	b = append(b, `,"new_paragraphs":`...)
	b = appendJSONInts(b, m.NewParagraphs)
	return append(b, '}')
}

// appendLinks appends the omitempty fields url, guid, version and
// update_of that Article and Member share.
func appendLinks(b []byte, url, guid string, version int, updateOf string) []byte {
	if url != "" {
		b = append(b, `,"url":`...)
		b = appendJSONString(b, url)
	}
	if guid != "" {
		b = append(b, `,"guid":`...)
		b = appendJSONString(b, guid)
	}
	if version != 0 {
		b = append(b, `,"version":`...)
		b = strconv.AppendInt(b, int64(version), 10)
	}
	if updateOf != "" {
		b = append(b, `,"update_of":`...)
		b = appendJSONString(b, updateOf)
	}
	return b
}

// appendJSONInts appends a JSON array of numbers; nil as null.
func appendJSONInts(b []byte, ns []int) []byte {
	if ns == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, n := range ns {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(n), 10)
	}
	return append(b, ']')
}
