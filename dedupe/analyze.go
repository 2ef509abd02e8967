package dedupe

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/neardup/neardup/text"

	"github.com/neardup/neardup/corpus"
)

// Doc is the compact form of an article that the later stages keep in
// memory: metadata, paragraph kinds, sentence bounds and one 32-bit hash per
// stemmed word. It holds no text beyond a display title.
type Doc struct {
	ID       string
	Title    string // the article's title, or the start of its first paragraph
	DateText string // the date as given; empty when unknown
	Date     time.Time
	Source   string
	Lang     text.Lang
	Credits  []string // agency credit lines, as written
	// URL, GUID and Version are the article's link and the agency's item
	// id and version number (corpus.Article), carried to the outputs.
	URL     string
	GUID    string
	Version int
	Paras   []Para
	Sents   []Sent
	// Tokens are the stemmed-word hashes of every paragraph, in order.
	// In a Run they wait on disk (wordStore) once the Doc is analysed, and
	// Tokens is nil; read them with words.
	Tokens []uint32
	// Numbers marks the tokens that are figures (text.Term.Number): bit k%64
	// of Numbers[k/64] for token k; nil when the Doc has none.
	Numbers []uint64

	wordStore *textStore // where Tokens wait, when nil
	wordSpan  textSpan
}

// words returns d's stemmed-word hashes: Tokens, or, when they wait on
// disk, read back into buf (reused when large enough).
func (d *Doc) words(buf []uint32) ([]uint32, error) {
	if d.Tokens != nil || d.wordStore == nil {
		return d.Tokens, nil
	}
	n := int(d.wordSpan.n) / 4
	if cap(buf) < n {
		buf = make([]uint32, n)
	}
	buf = buf[:n]
	if n == 0 {
		return buf, nil
	}
	raw := unsafe.Slice((*byte)(unsafe.Pointer(&buf[0])), 4*n)
	if err := d.wordStore.readAt(d.wordSpan, raw); err != nil {
		return nil, fmt.Errorf("words of %s: %w", d.ID, err)
	}
	return buf, nil
}

// spillWords writes Tokens to a word store shard and drops them from
// memory: words reads them back.
func (d *Doc) spillWords(store *textStore, shardID int32, shard *textShard) error {
	var raw string
	if len(d.Tokens) > 0 {
		raw = unsafe.String((*byte)(unsafe.Pointer(&d.Tokens[0])), 4*len(d.Tokens))
	}
	span, err := shard.write(shardID, raw)
	if err != nil {
		return err
	}
	d.wordStore, d.wordSpan, d.Tokens = store, span, nil
	return nil
}

// numWords is how many words d has (the length of its Tokens, in memory
// or on disk).
func (d *Doc) numWords() int {
	if d.Tokens != nil || d.wordStore == nil {
		return len(d.Tokens)
	}
	return int(d.wordSpan.n) / 4
}

// SentEnd is where the words of sentence i end in Doc.Tokens: where the
// next sentence's begin, or, for the last, at the end of the Doc's words.
func (d *Doc) SentEnd(i int) int32 {
	if i+1 < len(d.Sents) {
		return d.Sents[i+1].Start
	}
	return int32(d.numWords())
}

// SentPara is the paragraph of sentence i: the one whose First..End holds
// it (the paragraphs' ranges follow each other).
func (d *Doc) SentPara(i int) int32 {
	lo, hi := 0, len(d.Paras)
	for lo < hi { // the first paragraph that ends after i
		m := int(uint(lo+hi) >> 1)
		if int(d.Paras[m].End) <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return int32(lo)
}

// SentLen is the number of words of sentence i.
func (d *Doc) SentLen(i int) int { return int(d.SentEnd(i) - d.Sents[i].Start) }

// sentWords returns the words of sentence i of d, given d's tokens.
func sentWords(d *Doc, tokens []uint32, i int) []uint32 {
	return tokens[d.Sents[i].Start:d.SentEnd(i)]
}

// Para is one blank-line-separated paragraph of a Doc.
type Para struct {
	Kind text.Kind
	// Learned is set when the paragraph was found to be boilerplate by its
	// recurrence across unrelated stories rather than by its own form.
	Learned bool
	// End is where the paragraph's sentences end in Doc.Sents; they begin
	// where the previous paragraph's end (Doc.ParaSents).
	End int32
	// Fold hashes the paragraph's word sequence: word-for-word repeats
	// (ignoring case and punctuation) have equal Fold. Zero when it has no
	// words.
	Fold uint64
}

// ParaSents delimits the sentences of paragraph i in Doc.Sents.
func (d *Doc) ParaSents(i int) (first, end int32) {
	if i > 0 {
		first = d.Paras[i-1].End
	}
	return first, d.Paras[i].End
}

// Sent is one sentence: where its words begin in Doc.Tokens and its bytes
// in its paragraph's text. Its words end where the next sentence's begin
// (Doc.SentEnd); its paragraph is the one whose range holds it
// (Doc.SentPara). Neither is stored: a Doc holds about fifteen sentences,
// and a run at 1M articles keeps every Doc in memory.
type Sent struct {
	Start    int32 // its first word in Doc.Tokens
	From, To int32 // bytes in the paragraph's text
}

// Textual reports whether a paragraph of this kind is story text that can be
// shared between versions.
func (p Para) Textual() bool { return p.Kind == text.KindText || p.Kind == text.KindHeading }

// tokens returns the words of sentence i.
func (d *Doc) tokens(i int) []uint32 { return sentWords(d, d.Tokens, i) }

// TextWords counts the words in the text paragraphs (not boilerplate,
// credit or headings): the denominator of coverage.
func (d *Doc) TextWords() int {
	n := 0
	for i, p := range d.Paras {
		if p.Kind != text.KindText {
			continue
		}
		n += d.paraWords(i)
	}
	return n
}

// Analyzer is the first stage: it turns articles into Docs and the LSH
// band keys of their passages. Not safe for concurrent use: each worker
// owns one, which reuses its buffers between articles.
type Analyzer struct {
	p        Params
	tokens   []uint32 // scratch: the Doc's words, copied out at the end
	sents    []Sent
	lang     text.Lang // forced language; "" means per article
	norm     *text.Normalizer
	mh       *MinHasher
	terms    []text.Term
	shingles []uint64
	sig      Signature
	numbers  []uint64 // scratch: the Doc's Numbers
	// arena, when set, holds the Docs' long-lived parts (see slab).
	arena *docArena
	// scratchTokens leaves a Doc's Tokens in the analyzer's scratch space,
	// valid until the next analyze: for a caller that spills them at once.
	scratchTokens bool
}

// docArena carves Docs, their paragraphs, sentences and strings from
// shared chunks (see slab). One worker's.
type docArena struct {
	docs    slab[Doc]
	paras   slab[Para]
	sents   slab[Sent]
	strings stringSlab
}

// newDoc returns a new zero Doc, from the arena when there is one.
func (a *Analyzer) newDoc() *Doc {
	if a.arena == nil {
		return new(Doc)
	}
	return a.arena.docs.one()
}

// clone returns a copy of s sharing no memory with it, so that a Doc's
// strings keep no body or input line alive through a substring.
func (a *Analyzer) clone(s string) string {
	if a.arena == nil {
		return strings.Clone(s)
	}
	return a.arena.strings.clone(s)
}

// NewAnalyzer returns an Analyzer by p (its zero fields take their
// defaults). lang, when set, is every article's language; otherwise each
// article's own or the detected one.
func NewAnalyzer(p Params, lang text.Lang) (*Analyzer, error) {
	p.SetDefaults()
	mh, err := NewMinHasher(p)
	if err != nil {
		return nil, err
	}
	return &Analyzer{p: p, lang: lang, norm: text.NewNormalizer(p.Seed), mh: mh}, nil
}

// Analyze builds the Doc of art and appends the LSH band keys of its
// passages (text paragraphs long enough to shingle) to keys.
func (a *Analyzer) Analyze(art *corpus.Article, keys []uint64) (*Doc, []uint64) {
	// The Doc outlives the article: its strings are copies, so that none
	// keeps a whole body or input line alive through a substring.
	d := a.newDoc()
	d.ID, d.Title, d.DateText = a.clone(art.ID), a.clone(art.Title), a.clone(art.DateText)
	d.Date, d.Source = art.Date, a.clone(art.Source)
	d.URL, d.GUID, d.Version = a.clone(art.URL), a.clone(art.GUID), art.Version
	d.Lang = text.ResolveLang(a.lang, art.Lang, art.Body)
	paras := art.Paragraphs()
	if d.Title == "" && len(paras) > 0 {
		d.Title = a.clone(shorten(paras[0], 80))
	}
	if a.arena != nil {
		d.Paras = a.arena.paras.make(len(paras))
	} else {
		d.Paras = make([]Para, len(paras))
	}
	a.tokens, a.sents, a.numbers = a.tokens[:0], a.sents[:0], a.numbers[:0]
	tags := a.newTagger(keys)
	for i, para := range paras {
		kind := text.Classify(para)
		if kind == text.KindCredit {
			d.Credits = append(d.Credits, a.clone(para))
		}
		p := &d.Paras[i]
		p.Kind = kind
		start := len(a.tokens)
		for _, r := range text.Sentences(para) {
			a.terms = a.norm.Terms(para[r[0]:r[1]], d.Lang, a.terms[:0])
			if len(a.terms) == 0 {
				continue
			}
			a.sents = append(a.sents, Sent{Start: int32(len(a.tokens)), From: int32(r[0]), To: int32(r[1])})
			for _, t := range a.terms {
				if t.Number {
					a.numbers = setBit(a.numbers, len(a.tokens))
				}
				a.tokens = append(a.tokens, uint32(t.Hash))
			}
		}
		p.End = int32(len(a.sents))
		words := a.tokens[start:]
		if len(words) > 0 {
			p.Fold = shingleHash(words, a.p.Seed) | 1
		}
		if kind == text.KindText {
			keys = tags.passage(keys, a.passageKeys(words, keys), len(words))
		}
	}
	tags.finish(keys)
	// Exact-size copies: a Doc lives for the whole run.
	if a.scratchTokens {
		d.Tokens = a.tokens
	} else {
		d.Tokens = slices.Clone(a.tokens)
	}
	if a.arena != nil {
		d.Sents = a.arena.sents.clone(a.sents)
	} else {
		d.Sents = slices.Clone(a.sents)
	}
	if len(a.numbers) > 0 {
		d.Numbers = slices.Clone(a.numbers)
	}
	return d, keys
}

// setBit sets bit k of a bitset, growing it as needed.
func setBit(bits []uint64, k int) []uint64 {
	for len(bits) <= k/64 {
		bits = append(bits, 0)
	}
	bits[k/64] |= 1 << (k % 64)
	return bits
}

// MarkNumber marks token k of d as a figure.
func (d *Doc) MarkNumber(k int) { d.Numbers = setBit(d.Numbers, k) }

// IsNumber reports whether token k of d is a figure.
func (d *Doc) IsNumber(k int) bool {
	return k/64 < len(d.Numbers) && d.Numbers[k/64]&(1<<(k%64)) != 0
}

// sentNumbers appends the figures of sentence i (their word hashes) to dst.
func (d *Doc) sentNumbers(tokens []uint32, i int, dst []uint32) []uint32 {
	if d.Numbers == nil {
		return dst
	}
	for k := d.Sents[i].Start; k < d.SentEnd(i); k++ {
		if d.IsNumber(int(k)) {
			dst = append(dst, tokens[k])
		}
	}
	return dst
}

// shorten returns s cut to at most n runes at a word boundary, with "…"
// when cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n
	for cut > n/2 && r[cut] != ' ' {
		cut--
	}
	return string(r[:cut]) + "…"
}
