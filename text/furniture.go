package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind says what a paragraph is before any comparison with other articles.
type Kind uint8

// Paragraph kinds.
const (
	KindText        Kind = iota // story text
	KindBoilerplate             // page furniture: ad markers, learned repeats
	KindCredit                  // an agency credit line: "/ritzau/", "(©NTB)"
	KindHeading                 // a short subheading line
)

// String returns the status name used in the output.
func (k Kind) String() string {
	switch k {
	case KindBoilerplate:
		return "boilerplate"
	case KindCredit:
		return "credit"
	case KindHeading:
		return "heading"
	}
	return "text"
}

// adMarkers are the page-furniture lines neardup knows without learning,
// as folded word sequences. Paragraphs that recur across unrelated stories
// are learned on top of these (see Params.BoilerplateStories).
var adMarkers = map[string]bool{
	"artiklen fortsætter under annoncen":    true,
	"artiklen fortsætter efter annoncen":    true,
	"annonce":                               true,
	"annoncering":                           true,
	"reklame":                               true,
	"saken fortsetter under annonsen":       true,
	"artikkelen fortsetter under annonsen":  true,
	"annonse":                               true,
	"artikeln fortsätter under annonsen":    true,
	"annons":                                true,
	"advertisement":                         true,
	"story continues below advertisement":   true,
	"article continues below advertisement": true,
	"article continues below":               true,
	"continue reading below":                true,
	"sponsored content":                     true,
	"sponsoreret indhold":                   true,
	"annonsørinnhold":                       true,
}

// agencies are the news agencies whose names make up credit lines.
var agencies = map[string]bool{
	"ritzau": true, "reuters": true, "ntb": true, "tt": true, "afp": true,
	"ap": true, "dpa": true, "anp": true, "stt": true, "bloomberg": true,
	"epa": true, "efe": true, "ansa": true, "belga": true, "fnb": true,
	"ritzau fokus": true, "associated press": true,
}

// maxFurnitureBytes is the longest paragraph Classify examines.
const maxFurnitureBytes = 120

// Classify returns the kind a paragraph has on its own: a credit line, a
// known ad marker, a subheading, or text. The agency names of a credit line
// are returned as its credits.
func Classify(para string) Kind {
	if len(para) > maxFurnitureBytes {
		return KindText // credits, ad markers and headings are short
	}
	words := foldWords(para, 8)
	if len(words) == 0 {
		return KindBoilerplate // punctuation only: nothing to compare
	}
	if isCredit(para, words) {
		return KindCredit
	}
	if adMarkers[strings.Join(words, " ")] {
		return KindBoilerplate
	}
	if isHeading(para, words) {
		return KindHeading
	}
	return KindText
}

// isCredit reports whether a short paragraph names only agencies, in one of
// the forms desks use: "/ritzau/", "/ritzau/Reuters", "(©NTB)", "NTB",
// "(Reuters)", "/TT/".
func isCredit(para string, words []string) bool {
	if len(words) > 4 || utf8.RuneCountInString(para) > 48 {
		return false
	}
	for i := 0; i < len(words); i++ {
		if i+1 < len(words) && agencies[words[i]+" "+words[i+1]] {
			i++
			continue
		}
		if !agencies[words[i]] {
			return false
		}
	}
	// Only the marks of a credit line may surround the names.
	for _, r := range para {
		if !(unicode.IsLetter(r) || unicode.IsSpace(r) || strings.ContainsRune("/()©-–.,", r)) {
			return false
		}
	}
	return true
}

// isHeading reports whether a paragraph looks like a subheading: one line of
// at most six words, starting with a capital letter or digit, without
// closing punctuation.
func isHeading(para string, words []string) bool {
	if len(words) > 6 || strings.ContainsRune(para, '\n') {
		return false
	}
	first, _ := utf8.DecodeRuneInString(para)
	if !(unicode.IsUpper(first) || unicode.IsDigit(first)) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(para))
	return !strings.ContainsRune(".!?:;,\"'”»)", last)
}

// foldWords returns the lower-cased letter-and-digit words of s, at most max
// of them (max+1 when there are more, so callers can tell).
func foldWords(s string, max int) []string {
	var words []string
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			words = append(words, strings.ToLower(s[start:i]))
			start = -1
			if len(words) > max {
				return words
			}
		}
	}
	if start >= 0 {
		words = append(words, strings.ToLower(s[start:]))
	}
	return words
}
