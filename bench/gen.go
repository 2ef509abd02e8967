package bench

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"
)

// Generate writes a synthetic news corpus of opt.Articles articles to
// corpus and their labels to truth, one JSON object a line in the formats
// of the evaluation data (a nil truth is skipped):
//
//	corpus: {"id","title","body","date","source","lang"}
//	truth:  {"id","story","role","paragraphs":[{"index","kind","origins","edit"}]}
//
// Both are written through buffers that Generate flushes before it returns.
//
// Stories come one after another, the articles of a story together, with
// ids "g0000123-2" (story, version). About 35% of the stories are singles,
// 2% followups (a story of its own that reuses one background paragraph of
// a recent story word for word), 1% roundups (a digest quoting the leads of
// 4–6 recent stories) and the rest have 2–8 versions: the agency's wire copy
// ending in a credit line (withheld in 10% of them), its updates, each
// derived from the agency's previous version, and outlets' republished
// copies. Origins name source sentences "story:para:sent", or
// "new:id:para:sent" for text written for one version.
//
// Body text is drawn word by word from a Zipf law over a vocabulary of each
// language: about 160 real frequent words, then 50,000 synthetic content
// words and 300 names, with stock phrases and numbers now and then. So runs
// of frequent words recur across unrelated articles as in real news, while
// content words are rare. Bodies are 1.5–5 KB (see fit), 3 KB on average.
//
// Memory stays bounded whatever opt.Articles is: Generate holds one story
// plus the lead and one background paragraph of each of the last 200
// stories per language, which followups and roundups quote.
func Generate(opt GenOptions, corpus, truth io.Writer) error {
	opt.SetDefaults()
	if err := opt.Validate(); err != nil {
		return err
	}
	g := newGenerator(&opt, corpus, truth)
	for g.written < g.limit {
		if err := g.story(); err != nil {
			return err
		}
	}
	if err := g.cw.Flush(); err != nil {
		return fmt.Errorf("write corpus: %w", err)
	}
	if g.tw != nil {
		if err := g.tw.Flush(); err != nil {
			return fmt.Errorf("write truth: %w", err)
		}
	}
	return nil
}

// generator is the state of one Generate call.
type generator struct {
	rng     *rand.Rand
	langs   []*genLang
	cum     []float64 // cumulative weights of langs
	clock   time.Time // start of the current story
	stories int       // stories begun
	written int       // articles written
	limit   int       // articles to write

	cw, tw     *bufio.Writer
	cenc, tenc *json.Encoder
	body       []byte         // scratch: the body being rendered
	tparas     []genTruthPara // scratch: the truth paragraphs being written
	origins    []string       // scratch: backing store of their origins
}

// genLang is one language in use: its words and its recent stories.
type genLang struct {
	spec  langSpec
	vocab *genVocab
	ring  genRing
}

// newGenerator prepares the vocabularies of the languages of opt.
func newGenerator(opt *GenOptions, corpus, truth io.Writer) *generator {
	g := &generator{
		rng:     rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x6a09e667f3bcc909)),
		clock:   opt.Start.UTC(),
		limit:   opt.Articles,
		cw:      bufio.NewWriterSize(corpus, 256<<10),
		origins: make([]string, 0, 256),
	}
	sum := 0.0
	for _, lw := range opt.Langs {
		if lw.Weight == 0 {
			continue
		}
		spec, _ := genSpec(lw.Lang) // Validate checked the code
		g.langs = append(g.langs, &genLang{spec: spec, vocab: newGenVocab(spec)})
		sum += lw.Weight
		g.cum = append(g.cum, sum)
	}
	g.cenc = json.NewEncoder(g.cw)
	g.cenc.SetEscapeHTML(false)
	if truth != nil {
		g.tw = bufio.NewWriterSize(truth, 64<<10)
		g.tenc = json.NewEncoder(g.tw)
		g.tenc.SetEscapeHTML(false)
	}
	return g
}

// story writes the next story.
func (g *generator) story() error {
	i, u := 0, g.rng.Float64()*g.cum[len(g.cum)-1]
	for i < len(g.cum)-1 && u >= g.cum[i] {
		i++
	}
	l := g.langs[i]
	g.stories++
	sid := fmt.Sprintf("g%07d", g.stories)
	g.clock = g.clock.Add(time.Duration(1+g.rng.IntN(9)) * time.Minute)
	left := g.limit - g.written
	switch u := g.rng.Float64(); {
	case u < genFollowupShare:
		return g.followup(l, sid)
	case u < genFollowupShare+genRoundupShare:
		return g.roundup(l, sid)
	case u < genFollowupShare+genRoundupShare+genSingleShare || left == 1:
		return g.single(l, sid)
	}
	return g.multi(l, sid, min(g.versions(), left))
}

// versions draws the number of versions of a multi-version story: 2–8,
// with these weights in percent.
func (g *generator) versions() int {
	n, u := 2, g.rng.IntN(100)
	for _, w := range [...]int{30, 24, 18, 12, 8, 5} {
		if u -= w; u < 0 {
			break
		}
		n++
	}
	return n
}

// single writes a story of one article.
func (g *generator) single(l *genLang, sid string) error {
	src := g.source(l, sid, g.shape(l))
	a := &genArticle{id: sid + "-1", title: g.title(l), role: "single", date: g.clock}
	g.byline(l, a, src)
	a = g.fit(l, sid, a)
	l.ring.add(g.quotable(src, a))
	return g.emit(l, sid, a)
}

// byline makes a either agency copy with a credit line or an outlet's own
// article, with the text paragraphs ps.
func (g *generator) byline(l *genLang, a *genArticle, ps []genPara) {
	if g.rng.IntN(2) == 0 {
		a.source, a.paras = l.spec.agency, append(slices.Clip(ps), g.credit(l))
		return
	}
	a.source, a.paras = g.outlet(l), ps
}

// multi writes a story of k versions: the wire copy (unless withheld), then
// updates and republished copies.
func (g *generator) multi(l *genLang, sid string, k int) error {
	sh := g.shape(l)
	src := g.source(l, sid, sh)
	wire := g.fit(l, sid, &genArticle{
		id: sid + "-1", title: g.title(l), source: l.spec.agency, role: "wire",
		date: g.clock, paras: append(slices.Clip(src), g.credit(l)),
	})
	agency := []*genArticle{wire} // the wire and its updates, in order
	var written []*genArticle
	if g.rng.Float64() >= genNoWireShare {
		if err := g.emit(l, sid, wire); err != nil {
			return err
		}
		written = append(written, wire)
		k--
	}
	date := g.clock
	for v := 2; k > 0; v, k = v+1, k-1 {
		date = date.Add(time.Duration(4+g.rng.IntN(117)) * time.Minute)
		id := sid + "-" + strconv.Itoa(v)
		var a *genArticle
		if len(agency) <= genMaxUpdates && g.rng.Float64() < genUpdateShare {
			a = g.fit(l, sid, g.update(l, sh, agency[len(agency)-1], id))
			agency = append(agency, a)
		} else {
			parent := agency[len(agency)-1]
			if g.rng.IntN(4) == 0 {
				parent = agency[g.rng.IntN(len(agency))]
			}
			a = g.fit(l, sid, g.republish(l, sh, parent, id))
		}
		a.date = date
		if err := g.emit(l, sid, a); err != nil {
			return err
		}
		written = append(written, a)
	}
	l.ring.add(g.quotable(src, written...))
	return nil
}

// update derives the agency's next version from parent: a new top of 1–3
// paragraphs, at least three of parent's background paragraphs (some
// edited), and 1–2 new paragraphs further down.
func (g *generator) update(l *genLang, sh genShape, parent *genArticle, id string) *genArticle {
	text, tail := genSplitTail(parent.paras)
	nTop, nNew := 1+g.rng.IntN(3), 1+g.rng.IntN(2)
	bg := text[1:]
	kept := g.subset(bg, min(max(len(text)-nTop-nNew+g.rng.IntN(3)-1, 3), len(bg)))
	for i := range kept {
		if g.rng.IntN(10) < 3 {
			kept[i] = g.editPara(l, kept[i], 0.05, 0.2)
		}
	}
	prefix := "new:" + id + ":"
	for p := nTop; p < nTop+nNew; p++ {
		at := 1 + g.rng.IntN(len(kept))
		kept = slices.Insert(kept, at, g.paragraph(l, sh, prefix+strconv.Itoa(p), false))
	}
	paras := make([]genPara, 0, nTop+len(kept)+len(tail))
	for p := range nTop {
		paras = append(paras, g.paragraph(l, sh, prefix+strconv.Itoa(p), p == 0))
	}
	paras = append(append(paras, kept...), tail...)
	return &genArticle{id: id, title: g.title(l), source: parent.source, role: "update", paras: paras}
}

// republish derives an outlet's copy from parent: sometimes a new lead,
// paragraphs dropped, merged or split, words edited, ad markers and
// subheadings dropped in, the credit line kept or not.
func (g *generator) republish(l *genLang, sh genShape, parent *genArticle, id string) *genArticle {
	text, tail := genSplitTail(parent.paras)
	text = slices.Clone(text)
	if g.rng.IntN(4) == 0 {
		if g.rng.IntN(2) == 0 {
			text = text[1:]
		}
		text = slices.Insert(text, 0, g.paragraph(l, sh, "new:"+id+":0", true))
	}
	text = g.regroup(g.drop(text))
	for i := range text {
		if g.rng.IntN(10) < 3 {
			text[i] = g.editPara(l, text[i], 0.05, 0.25)
		}
	}
	paras := g.decorate(l, text)
	if g.rng.IntN(10) < 6 {
		paras = append(paras, tail...)
	}
	title := parent.title
	if g.rng.IntN(2) == 0 {
		title = g.title(l)
	}
	return &genArticle{id: id, title: title, source: g.outlet(l), role: "republish", paras: paras}
}

// followup writes a story of its own that reuses one background paragraph
// of a recent story word for word.
func (g *generator) followup(l *genLang, sid string) error {
	bg := l.ring.take(g.rng, genBackground, 1, 1)
	if bg == nil {
		return g.single(l, sid)
	}
	src := g.source(l, sid, g.shape(l))
	src[2+g.rng.IntN(len(src)-2)] = bg[0]
	a := &genArticle{id: sid + "-1", title: g.title(l), role: "followup", date: g.clock}
	g.byline(l, a, src)
	return g.emit(l, sid, a)
}

// roundup writes a digest of its own that quotes the leads of 4–6 recent
// stories between paragraphs of its own.
func (g *generator) roundup(l *genLang, sid string) error {
	leads := l.ring.take(g.rng, genLead, 4+g.rng.IntN(3), 4)
	if leads == nil {
		return g.single(l, sid)
	}
	sh := g.shape(l)
	var paras []genPara
	own := func() {
		p := len(paras)
		paras = append(paras, g.paragraph(l, sh, sid+":"+strconv.Itoa(p), p == 0))
	}
	own()
	if g.rng.IntN(2) == 0 {
		own()
	}
	for _, lead := range leads {
		if paras = append(paras, lead); g.rng.IntN(2) == 0 {
			own()
		}
	}
	a := &genArticle{id: sid + "-1", title: g.title(l), source: g.outlet(l), role: "roundup", date: g.clock, paras: paras}
	return g.emit(l, sid, a)
}

// emit writes a to the corpus and its labels to the truth.
// Its body is fitted to genMinBody–genMaxBody bytes first (a no-op for
// the articles already fitted where they were derived).
func (g *generator) emit(l *genLang, story string, a *genArticle) error {
	a = g.fit(l, story, a)
	g.body = g.body[:0]
	for i := range a.paras {
		if i > 0 {
			g.body = append(g.body, "\n\n"...)
		}
		g.body = a.paras[i].appendText(g.body)
	}
	line := genCorpusLine{
		ID: a.id, Title: a.title, Body: string(g.body),
		Date: a.date.Format(time.RFC3339), Source: a.source, Lang: l.spec.code,
	}
	if err := g.cenc.Encode(&line); err != nil {
		return fmt.Errorf("write corpus: %w", err)
	}
	g.written++
	if g.tenc == nil {
		return nil
	}
	g.tparas, g.origins = g.tparas[:0], g.origins[:0]
	for i, p := range a.paras {
		start, edit := len(g.origins), 0.0
		for _, s := range p.sents {
			g.origins = append(g.origins, s.id)
			edit = max(edit, s.edit())
		}
		end := len(g.origins)
		g.tparas = append(g.tparas, genTruthPara{
			Index: i, Kind: p.kind, Origins: g.origins[start:end:end], Edit: math.Round(edit*1000) / 1000,
		})
	}
	t := genTruthLine{ID: a.id, Story: story, Role: a.role, Paragraphs: g.tparas}
	if err := g.tenc.Encode(&t); err != nil {
		return fmt.Errorf("write truth: %w", err)
	}
	return nil
}

// genCorpusLine is one line of the corpus.
type genCorpusLine struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Body   string `json:"body"`
	Date   string `json:"date"`
	Source string `json:"source"`
	Lang   string `json:"lang"`
}

// genTruthLine is one line of the truth.
type genTruthLine struct {
	ID         string         `json:"id"`
	Story      string         `json:"story"`
	Role       string         `json:"role"`
	Paragraphs []genTruthPara `json:"paragraphs"`
}

// genTruthPara labels one paragraph.
type genTruthPara struct {
	Index   int      `json:"index"`
	Kind    string   `json:"kind"`
	Origins []string `json:"origins"`
	Edit    float64  `json:"edit"`
}
