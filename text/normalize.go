package text

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zeebo/xxh3"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// maxCacheEntries bounds the word → hash cache of a Normalizer. At about
// 50 bytes an entry a full cache takes some 50 MB; it is emptied when full.
const maxCacheEntries = 1 << 20

// hotSize is the number of entries of the direct-mapped word cache (1 MB).
const hotSize = 1 << 16

type hotEntry struct{ key, hash uint64 }

// Term is one word of the text after normalisation.
type Term struct {
	// Hash is the seeded xxh3 hash of the word's stem. Equal stems give
	// equal hashes for the same seed, whatever the language.
	Hash uint64
	// Start and End are the byte offsets [Start, End) of the word in the
	// text passed to Terms, before any normalisation.
	Start, End int32
	// Number is set for a word with a digit: a figure, a date, a score
	// ("740", "1,241", "04/09/87"). Such words are not stemmed.
	Number bool
}

// Normalizer turns text into normalised, stemmed terms.
//
// It caches the hash of every distinct word it has seen, per language, so
// that each is folded and stemmed once; the cache holds at most 1<<20
// words and is emptied when full, which changes speed but never results.
// A Normalizer is not safe for concurrent use: give each worker its own.
type Normalizer struct {
	seed  uint64
	cache [numLangs]map[uint64]uint64 // xxh3 of the word as written → term hash
	// hot is a small direct-mapped cache in front of cache: the most
	// frequent words of a Zipfian vocabulary hit it without touching the
	// large map. An entry holds the language-salted key and the term hash.
	hot     [hotSize]hotEntry
	entries int // words in all of cache
	limit   int // entries at which cache is emptied
	caser   cases.Caser
	stemmer stemmer
	buf     []byte // scratch for folding
}

// NewNormalizer returns a Normalizer whose term hashes use seed.
func NewNormalizer(seed uint64) *Normalizer {
	return &Normalizer{seed: seed, caser: cases.Fold(), limit: maxCacheEntries}
}

// Terms appends the terms of text in language lang to dst and returns it.
//
// The text is split on Unicode word boundaries (UAX #29): a word is a run
// of letters and digits such as "don't", "3.87", "1,5" or "2.000"; "Jong-un"
// is two words. Numbers and stop words are kept. Each word is NFC-normalised
// and fully case-folded ("Straße" and "STRASSE" agree), its quotes folded
// (’ → ') and its format characters such as soft hyphens dropped, and
// then stemmed with the Snowball stemmer of lang. Words with a digit, and
// all words when lang is "" or unknown, are not stemmed. Invalid UTF-8
// bytes separate words. Only the first math.MaxInt32 bytes of text are read.
func (n *Normalizer) Terms(text string, lang Lang, dst []Term) []Term {
	if len(text) > math.MaxInt32 {
		text = text[:math.MaxInt32]
	}
	li := indexOf(lang)
	cache := n.cache[li]
	if cache == nil {
		cache = make(map[uint64]uint64)
		n.cache[li] = cache
	}
	for i := 0; ; {
		start, end := wbNextWord(text, i)
		if start == len(text) {
			return dst
		}
		i = end
		// The cache is keyed by a 64-bit hash of the word as written: with
		// a million distinct words the chance that any two collide is
		// about 3·10⁻⁸, and hashing is cheaper than comparing strings.
		key := xxh3.HashString(text[start:end])
		salted := key ^ uint64(li+1)*0x9e3779b97f4a7c15
		e := &n.hot[salted&(hotSize-1)]
		h := e.hash
		if e.key != salted || salted == 0 {
			var ok bool
			if h, ok = cache[key]; !ok {
				h = n.add(text[start:end], key, li)
			}
			*e = hotEntry{salted, h}
		}
		dst = append(dst, Term{Hash: h, Start: int32(start), End: int32(end), Number: hasDigit(text[start:end])})
	}
}

// add computes the hash of word in language li and caches it under key.
func (n *Normalizer) add(word string, key uint64, li langIndex) uint64 {
	h := xxh3.HashStringSeed(n.term(word, li), n.seed)
	if n.entries >= n.limit {
		for _, m := range n.cache {
			clear(m)
		}
		n.entries = 0
	}
	// hot only ever holds words that are also in cache; its entries stay
	// valid when cache is emptied, as a word's hash never changes.
	n.cache[li][key] = h
	n.entries++
	return h
}

// term returns the stem of one word of the text, as Terms hashes it.
func (n *Normalizer) term(word string, li langIndex) string {
	return n.stemmer.stem(n.foldWord(word), li)
}

// foldWord folds one word of the text as Fold does.
func (n *Normalizer) foldWord(word string) string {
	b, ok := foldLatin1(n.buf[:0], word)
	n.buf = b
	if !ok {
		return foldString(word, n.caser)
	}
	return string(b)
}

// termStrings returns the stems that Terms hashes for text, in order.
func (n *Normalizer) termStrings(text string, lang Lang) []string {
	var out []string
	li := indexOf(lang)
	for i := 0; ; {
		start, end := wbNextWord(text, i)
		if start == len(text) {
			return out
		}
		i = end
		out = append(out, n.term(text[start:end], li))
	}
}

// Fold returns text NFC-normalised and fully case-folded, with typographic
// quotes and dashes folded (« » „ “ ” → ", ‘ ’ ‚ ′ → ', – — and the like
// → -), format characters such as soft hyphens dropped, and runs of white
// space, zero-width spaces and invalid UTF-8 bytes collapsed to one space
// and trimmed. The result is valid UTF-8, and Fold(Fold(s)) == Fold(s).
// Fold is safe for concurrent use.
func Fold(text string) string {
	return foldString(text, cases.Fold())
}

// foldString implements Fold with the case folder c.
func foldString(s string, c cases.Caser) string {
	s = foldPunct(s)
	s = norm.NFC.String(s)
	s = c.String(s)
	s = strings.Map(foldCherokee, s)
	return norm.NFC.String(s)
}

// foldCherokee maps the lower-case Cherokee letters that x/text/cases
// folds to onto the upper-case ones that Unicode case folding targets, so
// that folding twice gives what folding once does.
func foldCherokee(r rune) rune {
	switch {
	case r >= 0xAB70 && r <= 0xABBF:
		return r - 0xAB70 + 0x13A0
	case r >= 0x13F8 && r <= 0x13FD:
		return r - 8
	}
	return r
}

// punctFolds maps typographic quotes and dashes to their ASCII forms. It
// also maps U+0345 COMBINING GREEK YPOGEGRAMMENI to ι, which case folding
// would turn it into anyway, so that normalisation never reorders it.
var punctFolds = map[rune]rune{
	'«': '"', '»': '"', '„': '"', '“': '"', '”': '"', '‟': '"',
	'‘': '\'', '’': '\'', '‚': '\'', '‛': '\'', '′': '\'',
	'‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-',
	'\u0345': 'ι',
}

// foldPunct folds quotes and dashes, drops format characters, collapses
// white space and invalid bytes to single spaces and trims the ends.
func foldPunct(s string) string {
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case size == 1 && r == utf8.RuneError, unicode.IsSpace(r), r == '\u200B':
			space = len(b) > 0
			continue
		case isFormat(r):
			continue
		}
		if f, ok := punctFolds[r]; ok {
			r = f
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = utf8.AppendRune(b, r)
	}
	return string(b)
}

// isFormat reports whether r is a format character (general category Cf)
// that Fold and Terms drop: soft hyphen, word joiner, byte order mark,
// direction marks and the like. Zero-width spaces and joiners are kept.
func isFormat(r rune) bool {
	if r < 0xAD {
		return false
	}
	return r != '\u200B' && r != '\u200C' && r != '\u200D' && unicode.Is(unicode.Cf, r)
}
