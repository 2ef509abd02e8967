package bench

import (
	"math"
	"math/bits"
	"slices"
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"
)

// genArticle is one article of a story being written.
type genArticle struct {
	id, title, source string
	role              string // wire, republish, update, single, followup, roundup
	date              time.Time
	paras             []genPara
}

// genPara is one paragraph: text made of sentences, or a fixed line.
type genPara struct {
	kind  string         // text, boilerplate, heading or credit
	sents []*genSentence // text: shared between versions, never changed
	text  string         // the other kinds
}

// genSentence is one sentence of text, as a version carries it.
type genSentence struct {
	id      string   // origin id: "story:para:sent" or "new:article:para:sent"
	words   []string // at most 30
	commas  uint64   // bit i: a comma follows word i
	changed uint64   // bit i: word i differs from the origin's
}

// edit returns the share of the words of s that differ from its origin.
func (s *genSentence) edit() float64 {
	return float64(bits.OnesCount64(s.changed)) / float64(len(s.words))
}

// appendText appends the rendered sentence to b.
func (s *genSentence) appendText(b []byte) []byte {
	for i, w := range s.words {
		if i == 0 {
			r, n := utf8.DecodeRuneInString(w)
			b = append(utf8.AppendRune(b, unicode.ToUpper(r)), w[n:]...)
		} else {
			b = append(append(b, ' '), w...)
		}
		if s.commas&(1<<i) != 0 {
			b = append(b, ',')
		}
	}
	return append(b, '.')
}

// appendText appends the rendered paragraph to b.
func (p *genPara) appendText(b []byte) []byte {
	if p.kind != "text" {
		return append(b, p.text...)
	}
	for i, s := range p.sents {
		if i > 0 {
			b = append(b, ' ')
		}
		b = s.appendText(b)
	}
	return b
}

// size estimates the rendered bytes of a text paragraph.
func (p *genPara) size() int {
	n := 0
	for _, s := range p.sents {
		for _, w := range s.words {
			n += len(w) + 1
		}
	}
	return n
}

// genSplitTail splits ps into its text paragraphs and what follows the
// last of them (an agency version's credit line).
func genSplitTail(ps []genPara) (text, tail []genPara) {
	i := len(ps)
	for i > 0 && ps[i-1].kind != "text" {
		i--
	}
	return ps[:i:i], ps[i:]
}

// genShape is the size of a story's source text.
type genShape struct {
	paras int     // text paragraphs, 6–14
	wps   float64 // mean words per sentence
}

// shape draws the size of a story: about genMeanBytes of text in 6–14
// paragraphs of 1–3 sentences.
func (g *generator) shape(l *genLang) genShape {
	t := min(max(genMeanBytes+650*g.rng.NormFloat64(), 1750), 4700)
	const sents = 2.1 // sentences per paragraph, on average
	para := sents * 25 * l.vocab.bpw
	n := min(max(int(math.Round(t/para))+g.rng.IntN(3)-1, 6), 14)
	wps := min(max(t/(float64(n)*sents*l.vocab.bpw), 9), 27)
	return genShape{paras: n, wps: wps}
}

// source writes the source text of story sid: paragraph p, sentence s has
// the origin id "sid:p:s".
func (g *generator) source(l *genLang, sid string, sh genShape) []genPara {
	ps := make([]genPara, sh.paras)
	for p := range ps {
		ps[p] = g.paragraph(l, sh, sid+":"+strconv.Itoa(p), p == 0)
	}
	return ps
}

// paragraph writes a text paragraph of 1–3 sentences (a lead: 1–2) whose
// origin ids are prefix:0, prefix:1, ….
func (g *generator) paragraph(l *genLang, sh genShape, prefix string, lead bool) genPara {
	n := 1 + g.rng.IntN(2)
	if !lead {
		n = [...]int{1, 2, 2, 3, 3}[g.rng.IntN(5)]
	}
	p := genPara{kind: "text", sents: make([]*genSentence, n)}
	for s := range n {
		p.sents[s] = g.sentence(l, prefix+":"+strconv.Itoa(s), sh.wps)
	}
	return p
}

// sentence writes a sentence of 8–30 words, about mean on average: words
// drawn from the vocabulary, now and then a number or a stock phrase, and
// some commas.
func (g *generator) sentence(l *genLang, id string, mean float64) *genSentence {
	n := min(max(int(math.Round(mean+4*g.rng.NormFloat64())), 8), 30)
	s := &genSentence{id: id, words: make([]string, 0, n)}
	var inside uint64 // bit i: words i and i+1 belong to one phrase
	for len(s.words) < n {
		var phrase []string
		switch r := g.rng.IntN(1000); {
		case r < 15:
			phrase = g.number(l)
		case r < 40:
			ps := l.spec.phrases // the first ones more often
			phrase = ps[min(g.rng.IntN(len(ps)), g.rng.IntN(len(ps)))]
		}
		if len(phrase) == 0 || len(s.words)+len(phrase) > n {
			s.words = append(s.words, l.vocab.word(g.rng))
			continue
		}
		inside |= (1<<(len(phrase)-1) - 1) << len(s.words)
		s.words = append(s.words, phrase...)
	}
	for i := 1; i < n-2; i++ {
		if inside&(1<<i) == 0 && g.rng.IntN(100) < 6 {
			s.commas |= 1 << i
		}
	}
	return s
}

// number writes a number phrase: a year, a decimal, a percentage, an
// amount or a count.
func (g *generator) number(l *genLang) []string {
	n := strconv.Itoa(2 + g.rng.IntN(98))
	switch g.rng.IntN(5) {
	case 0:
		return []string{strconv.Itoa(1990 + g.rng.IntN(37))}
	case 1:
		return []string{n + l.spec.decimal + strconv.Itoa(g.rng.IntN(10))}
	case 2:
		return []string{n, l.spec.percent}
	case 3:
		return []string{n, l.spec.million, l.spec.currency}
	}
	return []string{strconv.Itoa(2 + g.rng.IntN(5000))}
}

// edited returns a copy of s with a share frac of its words (at least one)
// replaced by other words.
func (g *generator) edited(l *genLang, s *genSentence, frac float64) *genSentence {
	n := len(s.words)
	c := &genSentence{id: s.id, words: slices.Clone(s.words), commas: s.commas, changed: s.changed}
	for k, tries := max(1, int(frac*float64(n))), 0; k > 0 && tries < 8*n; tries++ {
		i := g.rng.IntN(n)
		if w := l.vocab.word(g.rng); c.changed&(1<<i) == 0 && w != c.words[i] {
			c.words[i], c.changed = w, c.changed|1<<i
			k--
		}
	}
	return c
}

// title writes a headline of 4–9 words without final punctuation.
func (g *generator) title(l *genLang) string {
	b := make([]byte, 0, 96)
	for i := range 4 + g.rng.IntN(6) {
		if i == 0 {
			b = append(b, genCapitalise(l.vocab.word(g.rng))...)
		} else {
			b = append(append(b, ' '), l.vocab.word(g.rng)...)
		}
	}
	return string(b)
}

// heading writes a subheading of 2–3 capitalised content words.
func (g *generator) heading(l *genLang) string {
	b := make([]byte, 0, 40)
	for i := range 2 + g.rng.IntN(2) {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, genCapitalise(l.vocab.contentWord(g.rng))...)
	}
	return string(b)
}

// credit returns one of the agency's credit lines.
func (g *generator) credit(l *genLang) genPara {
	return genPara{kind: "credit", text: l.spec.credits[g.rng.IntN(len(l.spec.credits))]}
}

// outlet returns a random outlet of the language.
func (g *generator) outlet(l *genLang) string {
	return l.spec.outlets[g.rng.IntN(len(l.spec.outlets))]
}
