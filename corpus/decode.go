package corpus

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// utf8BOM is the byte order mark some editors put in front of UTF-8 text.
var utf8BOM = []byte("\uFEFF")

// toUTF8 returns b as UTF-8. Valid UTF-8 comes back as is. Text that is
// clearly Windows-1252 (see looksWindows1252) is decoded into a new slice and
// latin1 is true. Anything else returns bad, the offset of the first invalid
// byte; bad is -1 on success.
func toUTF8(b []byte) (text []byte, latin1 bool, bad int) {
	if utf8.Valid(b) {
		return b, false, -1
	}
	if looksWindows1252(b) {
		return decodeWindows1252(b), true, -1
	}
	return nil, false, firstInvalid(b)
}

// looksWindows1252 reports whether b, which is not valid UTF-8, is clearly
// Nordic text in Windows-1252 (a superset of Latin-1), as old newsroom
// archives are:
//   - it holds no C0 control byte but tab, CR and LF, no DEL, and none of
//     the five bytes Windows-1252 leaves undefined;
//   - more of its bytes above 0x7F decode to letters (æ ø å ä ö é ü …) than
//     to anything else (« » – “ ” …);
//   - it holds at most one valid multi-byte UTF-8 sequence per eight invalid
//     bytes, so UTF-8 text with a stray bad byte is not mistaken for it.
func looksWindows1252(b []byte) bool {
	var letters, others, multi, invalid int
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		_, size := utf8.DecodeRune(b[i:])
		if size == 1 {
			invalid++
		} else {
			multi++
		}
		for _, hb := range b[i : i+size] {
			r := charmap.Windows1252.DecodeByte(hb)
			switch {
			case r == utf8.RuneError:
				return false
			case unicode.IsLetter(r):
				letters++
			default:
				others++
			}
		}
		i += size
	}
	return invalid > 0 && letters > others && multi*8 <= invalid
}

// decodeWindows1252 decodes b byte by byte as Windows-1252.
func decodeWindows1252(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/4)
	for _, c := range b {
		if c < utf8.RuneSelf {
			out = append(out, c)
			continue
		}
		out = utf8.AppendRune(out, charmap.Windows1252.DecodeByte(c))
	}
	return out
}

// firstInvalid returns the offset of the first byte of b that is not part of
// a valid UTF-8 sequence, or -1 if there is none.
func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// notUTF8 describes the invalid byte at offset off of b and returns the
// 1-based line it is on, counting lines from b's start.
func notUTF8(b []byte, off int) (line int, err error) {
	line = 1 + bytes.Count(b[:off], []byte{'\n'})
	col := off - bytes.LastIndexByte(b[:off], '\n')
	return line, problem(ErrNotUTF8, "not UTF-8 or Windows-1252 text (byte 0x%02x at column %d)", b[off], col)
}

// validName returns a file name as valid UTF-8, for use as an article ID:
// decoded from Windows-1252 when it clearly is that, else with each invalid
// byte replaced by U+FFFD.
func validName(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	if looksWindows1252([]byte(s)) {
		return string(decodeWindows1252([]byte(s)))
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
