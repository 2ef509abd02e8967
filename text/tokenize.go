package text

import (
	"unicode"
	"unicode/utf8"
)

// This file splits text into words on the word boundaries of Unicode
// Standard Annex #29 (rules WB4–WB13b). Words are runs of letters and
// digits, with the joiners the annex allows inside them ("don't", "3.87",
// "1,5", "foo_bar"); every ideograph and hiragana character is a word of
// its own. Runs of punctuation, symbols and white space are not words.
//
// Classification follows the annex's Word_Break property with these
// deliberate differences, which the differential test against
// github.com/blevesearch/segment documents:
//   - The quotes that Fold turns into ' (‘ ’ ‚ ‛ ′) are Single_Quote, and
//     those it turns into " (« » „ “ ” ‟) are Double_Quote, so that text and
//     its folded form split alike (‘ ’ are MidNumLet in the annex, which
//     differs from Single_Quote only next to Hebrew letters; the others
//     are Other, so "a‚b" is one word here).
//   - U+0345 COMBINING GREEK YPOGEGRAMMENI, which Fold turns into the
//     letter ι, is a letter rather than Extend.
//   - Letters of scripts written without spaces (Thai, Lao, Khmer,
//     Myanmar; Line_Break=SA) are ALetter, so their text is not dropped.
//   - Properties come from the Unicode version of the Go standard library,
//     not the Unicode 8.0 tables of blevesearch/segment.
//   - Invalid UTF-8 bytes are separators.

// wbClass is the Word_Break class of a character, after quote folding.
type wbClass uint8

const (
	wbOther        wbClass = iota // separators: space, punctuation, symbols
	wbALetter                     // letters other than the classes below
	wbHebrew                      // Hebrew_Letter
	wbNumeric                     // decimal digits
	wbKatakana                    // Katakana
	wbExtendNumLet                // connector punctuation such as _
	wbMidLetter                   // : · and friends: join letters only
	wbMidNum                      // , ; and friends: join digits only
	wbMidNumLet                   // . and friends: join letters or digits
	wbSingleQuote                 // ' and the quotes folded to it
	wbDoubleQuote                 // " and the quotes folded to it
	wbExtend                      // Extend, Format and ZWJ (rule WB4)
	wbIdeo                        // Han ideographs and Hiragana
)

// wbTableSize is the number of code points whose class wbTable caches.
const wbTableSize = 0x800

// wbTable holds the class of every code point below wbTableSize. It is
// built once at start-up and only read afterwards.
var wbTable = func() (t [wbTableSize]wbClass) {
	for r := range rune(wbTableSize) {
		t[r] = wbClassSlow(r)
	}
	return t
}()

// wbClassOf returns the word-break class of r.
func wbClassOf(r rune) wbClass {
	if uint32(r) < wbTableSize {
		return wbTable[r]
	}
	return wbClassSlow(r)
}

// wbPunct lists the punctuation that has a class other than wbOther, and
// the few other characters whose class the Unicode categories do not give.
var wbPunct = map[rune]wbClass{
	'\'': wbSingleQuote, '"': wbDoubleQuote,
	'.': wbMidNumLet, '\u2024': wbMidNumLet, '\uFE52': wbMidNumLet, '\uFF07': wbMidNumLet, '\uFF0E': wbMidNumLet,
	':': wbMidLetter, '\u00B7': wbMidLetter, '\u02D7': wbMidLetter, '\u0387': wbMidLetter, '\u05F4': wbMidLetter,
	'\u2027': wbMidLetter, '\uFE13': wbMidLetter, '\uFE55': wbMidLetter, '\uFF1A': wbMidLetter,
	',': wbMidNum, ';': wbMidNum, '\u037E': wbMidNum, '\u0589': wbMidNum, '\u060C': wbMidNum, '\u060D': wbMidNum,
	'\u066C': wbMidNum, '\u07F8': wbMidNum, '\u2044': wbMidNum, '\uFE10': wbMidNum, '\uFE14': wbMidNum,
	'\uFE50': wbMidNum, '\uFE54': wbMidNum, '\uFF0C': wbMidNum, '\uFF1B': wbMidNum,
	'\u066B': wbNumeric,
	'\u200B': wbOther, '\u200C': wbExtend, '\u200D': wbExtend, '\uFF9E': wbExtend, '\uFF9F': wbExtend,
	'\u3031': wbKatakana, '\u3032': wbKatakana, '\u3033': wbKatakana, '\u3034': wbKatakana, '\u3035': wbKatakana,
	'\u309B': wbKatakana, '\u309C': wbKatakana, '\u30A0': wbKatakana, '\u30FC': wbKatakana, '\uFF70': wbKatakana,
}

// wbExtraLetters are the non-letters that Word_Break counts as ALetter.
var wbExtraLetters = &unicode.RangeTable{
	R16: []unicode.Range16{
		{Lo: 0x02C2, Hi: 0x02C5, Stride: 1},
		{Lo: 0x02D2, Hi: 0x02D6, Stride: 1},
		{Lo: 0x02DE, Hi: 0x02DF, Stride: 1},
		{Lo: 0x02E5, Hi: 0x02EB, Stride: 1},
		{Lo: 0x02ED, Hi: 0x02ED, Stride: 1},
		{Lo: 0x02EF, Hi: 0x02FF, Stride: 1},
		{Lo: 0x055A, Hi: 0x055C, Stride: 1},
		{Lo: 0x055E, Hi: 0x055E, Stride: 1},
		{Lo: 0x058A, Hi: 0x058A, Stride: 1},
		{Lo: 0x05F3, Hi: 0x05F3, Stride: 1},
		{Lo: 0xA708, Hi: 0xA716, Stride: 1},
		{Lo: 0xA720, Hi: 0xA721, Stride: 1},
		{Lo: 0xA789, Hi: 0xA78A, Stride: 1},
		{Lo: 0xAB5B, Hi: 0xAB5B, Stride: 1},
	},
}

// wbClassSlow computes the word-break class of r from the Unicode tables.
func wbClassSlow(r rune) wbClass {
	if f, ok := punctFolds[r]; ok {
		r = f
	}
	if c, ok := wbPunct[r]; ok {
		return c
	}
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc, unicode.Cf):
		return wbExtend
	case unicode.Is(unicode.Pc, r):
		return wbExtendNumLet
	case unicode.Is(unicode.Katakana, r):
		return wbKatakana
	case unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Han, r) && !unicode.Is(unicode.Lm, r):
		return wbIdeo
	case unicode.Is(unicode.Nd, r):
		if r >= 0xFF10 && r <= 0xFF19 { // fullwidth digits are ideographic
			return wbOther
		}
		return wbNumeric
	case unicode.Is(unicode.Hebrew, r) && unicode.Is(unicode.Lo, r):
		return wbHebrew
	case unicode.IsLetter(r), unicode.In(r, unicode.Nl, unicode.Other_Alphabetic, wbExtraLetters):
		return wbALetter
	}
	return wbOther
}

// isWordStart reports whether a word may start with a unit of class c.
func (c wbClass) isWordStart() bool {
	return c >= wbALetter && c <= wbExtendNumLet || c == wbIdeo
}

// isAHLetter reports whether c is ALetter or Hebrew_Letter.
func (c wbClass) isAHLetter() bool { return c == wbALetter || c == wbHebrew }

// wbUnit reads the character of s at byte i together with the Extend and
// Format characters that follow it (rule WB4). It returns the class of the
// character and the end of the unit. An invalid UTF-8 byte, and a mark
// with no character before it, are separators.
func wbUnit(s string, i int) (wbClass, int) {
	var cl wbClass
	j := i + 1
	if c := s[i]; c < utf8.RuneSelf {
		cl = wbTable[c]
	} else {
		r, size := utf8.DecodeRuneInString(s[i:])
		j = i + size
		if size > 1 {
			cl = wbClassOf(r)
		}
		if cl == wbExtend {
			cl = wbOther
		}
	}
	for j < len(s) && s[j] >= utf8.RuneSelf {
		r, size := utf8.DecodeRuneInString(s[j:])
		if size == 1 || wbClassOf(r) != wbExtend {
			break
		}
		j += size
	}
	return cl, j
}

// wbNextWord returns the byte range of the first word of s that starts at
// or after byte i, or len(s), len(s) when there is none.
func wbNextWord(s string, i int) (start, end int) {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf && wbTable[c] == wbOther {
			i++ // fast path: ASCII space and punctuation
			continue
		}
		cl, j := wbUnit(s, i)
		switch {
		case cl == wbIdeo:
			return i, j
		case cl.isWordStart():
			end, word := wbRun(s, j, cl)
			if word {
				return i, end
			}
			j = end
		}
		i = j
	}
	return len(s), len(s)
}

// wbJoins reports whether no boundary falls between a unit of class a and
// a following unit of class b (rules WB5, WB8–WB10, WB13–WB13b).
func wbJoins(a, b wbClass) bool {
	switch b {
	case wbALetter, wbHebrew, wbNumeric:
		return a.isAHLetter() || a == wbNumeric || a == wbExtendNumLet
	case wbKatakana:
		return a == wbKatakana || a == wbExtendNumLet
	case wbExtendNumLet:
		return a.isAHLetter() || a == wbNumeric || a == wbKatakana || a == wbExtendNumLet
	}
	return false
}

// wbMidJoins reports whether mid, between units of class a and b, belongs
// to the word (rules WB6, WB7, WB7b, WB7c, WB11, WB12).
func wbMidJoins(a, mid, b wbClass) bool {
	switch mid {
	case wbMidLetter:
		return a.isAHLetter() && b.isAHLetter()
	case wbMidNum:
		return a == wbNumeric && b == wbNumeric
	case wbMidNumLet, wbSingleQuote:
		return a.isAHLetter() && b.isAHLetter() || a == wbNumeric && b == wbNumeric
	case wbDoubleQuote:
		return a == wbHebrew && b == wbHebrew
	}
	return false
}

// wbRun extends a word whose first unit, of class first, ends at byte j.
// It returns the end of the word and whether it holds a letter or digit
// (a run of connectors such as "__" alone is not a word).
func wbRun(s string, j int, first wbClass) (end int, word bool) {
	last := first
	word = first != wbExtendNumLet
	for j < len(s) {
		c, k := wbUnit(s, j)
		if wbJoins(last, c) {
			last, j = c, k
			word = word || c != wbExtendNumLet
			continue
		}
		if k < len(s) && c >= wbMidLetter && c <= wbDoubleQuote {
			if c2, k2 := wbUnit(s, k); wbMidJoins(last, c, c2) {
				last, j = c2, k2
				continue
			}
		}
		if last == wbHebrew && c == wbSingleQuote { // WB7a
			j = k
		}
		break
	}
	return j, word
}
