package text

import (
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/norwegian"
	"github.com/kljensen/snowball/swedish"
)

// langIndex numbers the languages a Normalizer keeps apart in its cache.
type langIndex uint8

const (
	idxNone langIndex = iota // no stemming
	idxDanish
	idxNorwegian
	idxSwedish
	idxEnglish
	numLangs
)

// indexOf maps l to its langIndex. Codes that are not one of the Lang
// constants are parsed with ParseLang; unknown ones mean no stemming.
func indexOf(l Lang) langIndex {
	switch l {
	case "":
		return idxNone
	case Danish:
		return idxDanish
	case Norwegian:
		return idxNorwegian
	case Swedish:
		return idxSwedish
	case English:
		return idxEnglish
	}
	if p := ParseLang(string(l)); p != "" {
		return indexOf(p)
	}
	return idxNone
}

// stemmer applies the Snowball stemmers. It keeps the Danish stemmer's
// environment between calls, so it is not safe for concurrent use.
type stemmer struct {
	env *snowballstem.Env
}

// stem returns the Snowball stem of word, which must be case-folded, in
// the language li. Words with a digit, and words in no language, are
// returned as they are. The kljensen stemmers leave their stop words
// unstemmed; the Danish stemmer has no such list.
func (s *stemmer) stem(word string, li langIndex) string {
	if li == idxNone || hasDigit(word) {
		return word
	}
	switch li {
	case idxDanish:
		if s.env == nil {
			s.env = snowballstem.NewEnv("")
		}
		s.env.SetCurrent(word)
		danish.Stem(s.env)
		return s.env.Current()
	case idxNorwegian:
		return norwegian.Stem(word, false)
	case idxSwedish:
		return swedish.Stem(word, false)
	case idxEnglish:
		return english.Stem(word, false)
	}
	return word
}

// hasDigit reports whether s holds an ASCII digit.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i]-'0' < 10 {
			return true
		}
	}
	return false
}
