package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbrevKind says when an abbreviation keeps a sentence going.
type abbrevKind uint8

const (
	abbrevAlways      abbrevKind = iota + 1 // "bl.a.", "Mr.", "mio."
	abbrevBeforeDigit                       // "jan. 2020", "No. 5"; "jul" is also Christmas
)

// sentenceAbbrevs are the abbreviations, lower-cased with their final
// period, after which Sentences does not break (Danish, Norwegian, Swedish
// and English). Dotted initials such as "u.s." and "j.k." need no entry.
// Month names and "no." keep a sentence going only before a number, so
// that "... holder vi jul. Det ..." still ends one.
var sentenceAbbrevs = func() map[string]abbrevKind {
	m := map[string]abbrevKind{}
	for _, a := range strings.Fields(`d. ca. bl.a. f.eks. fx. dvs. d.v.s. mv.
	m.v. m.fl. m.m. osv. o.s.v. o.l. mr. mrs. ms. dr. st. nr. kl. jf. jfr.
	pga. p.g.a. ifm. i.f.m. inkl. ekskl. evt. ev. etc. vs. mht. iflg. ift.
	vedr. ang. resp. t.ex. s.k. adm. dir. tlf. hr. fr. prof. lt. col. capt.
	sgt. gov. jr. sr. ph.d. mio. mia. mill. mrd. pct. ff. stk. vol. fig. bd.
	kap. approx. dept.`) {
		m[a] = abbrevAlways
	}
	for _, a := range strings.Fields(`jan. feb. mar. apr. jun. jul. aug. sep.
	sept. okt. oct. nov. dec. des. no.`) {
		m[a] = abbrevBeforeDigit
	}
	return m
}()

// Sentences splits a paragraph into sentences and returns their byte
// ranges [start, end) in text. The ranges are in order, do not overlap,
// hold no leading or trailing white space, and cover every other byte.
//
// A sentence ends after . ! or ?, and any closing quotes and brackets
// (' " ” “ ’ » « ) ]) right after it, when white space follows and then an
// upper-case letter, a digit, an opening quote (" ' “ ” „ « » ‘ ’ ‚) or a
// dash (- – — ‒ ―; Nordic papers open quotes with one). It does not end
// before a lower-case word ("Den 4. september"), after a listed
// abbreviation ("bl.a.", "f.eks.", "Mr.", "mio."; see sentenceAbbrevs),
// after a month abbreviation before a number ("jan. 2020"), after dotted
// initials ("U.S.", "e.g.") or after a single capital ("J. Smith"). An
// acronym in capitals ("til DR. Næste") does end a sentence. Text with no
// such break is one sentence; text of white space alone is none.
func Sentences(text string) [][2]int {
	var out [][2]int
	start := skipSpaces(text, 0)
	for i := start; i < len(text); i++ {
		c := text[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		run := i + 1
		for run < len(text) && (text[run] == '.' || text[run] == '!' || text[run] == '?') {
			run++
		}
		end := skipClosers(text, run)
		next := skipSpaces(text, end)
		if next > end && next < len(text) && opensSentence(text[next:]) &&
			(run-i > 1 || c != '.' || !isAbbrev(text[start:i], text[next:])) {
			out = append(out, [2]int{start, end})
			start = next
		}
		i = next - 1
	}
	if end := trimSpacesRight(text, start); end > start {
		out = append(out, [2]int{start, end})
	}
	return out
}

// isSpaceAt reports whether the character at s[i:] is white space, and
// its size. Invalid bytes are not space.
func isSpaceAt(s string, i int) (bool, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return c == ' ' || c >= '\t' && c <= '\r', 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return size > 1 && unicode.IsSpace(r), size
}

// skipSpaces returns the index of the first non-space byte of s at or
// after i, or len(s).
func skipSpaces(s string, i int) int {
	for i < len(s) {
		sp, size := isSpaceAt(s, i)
		if !sp {
			break
		}
		i += size
	}
	return i
}

// trimSpacesRight returns the end of s after trimming white space from
// its end, but not before start.
func trimSpacesRight(s string, start int) int {
	end := len(s)
	for end > start {
		r, size := utf8.DecodeLastRuneInString(s[:end])
		if size == 1 && r == utf8.RuneError || !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return end
}

// skipClosers returns the index after the closing quotes and brackets
// that start at s[i:].
func skipClosers(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '\'', '"', '”', '“', '’', '»', '«', ')', ']':
			i += size
			continue
		}
		break
	}
	return i
}

// opensSentence reports whether s starts like a sentence: with an
// upper-case letter, a digit, an opening quote or a dash.
func opensSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '"', '\'', '“', '”', '„', '«', '»', '‘', '’', '‚', '-', '–', '—', '‒', '―':
		return true
	}
	return unicode.IsUpper(r) || unicode.IsTitle(r) || unicode.IsDigit(r)
}

// isAbbrev reports whether the word that ends text, followed by a period
// and then by next, is an abbreviation: a listed one, dotted initials or
// a single capital.
func isAbbrev(text, next string) bool {
	i := len(text)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if unicode.IsSpace(r) {
			break
		}
		i -= size
	}
	word := strings.TrimLeft(text[i:], "([{\"'“„«»‘‚")
	if word == "" {
		return false
	}
	if r, size := utf8.DecodeRuneInString(word); size == len(word) && unicode.IsUpper(r) {
		return true
	}
	if isDottedInitials(word) {
		return true
	}
	upper := strings.ToUpper(word)
	if upper == word && upper != strings.ToLower(word) {
		return false // an acronym such as "DR." or "NATO." ends a sentence
	}
	switch sentenceAbbrevs[strings.ToLower(word)+"."] {
	case abbrevAlways:
		return true
	case abbrevBeforeDigit:
		r, _ := utf8.DecodeRuneInString(next)
		return unicode.IsDigit(r)
	}
	return false
}

// isDottedInitials reports whether word is single letters joined by
// periods, such as "U.S" or "e.g" (the final period is not in word).
func isDottedInitials(word string) bool {
	parts := strings.Split(word, ".")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		r, size := utf8.DecodeRuneInString(p)
		if size != len(p) || !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}
