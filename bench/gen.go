package bench

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"
)

// GenOptions configures Generate. Zero fields take defaults (see
// SetDefaults).
type GenOptions struct {
	// Articles is the number of articles to write. Zero means 10,000;
	// negative is an error.
	Articles int
	// Seed selects the corpus: the same options and Seed give
	// byte-identical output, another Seed an unrelated corpus. Zero is a
	// seed like any other.
	Seed uint64
	// Langs weights the languages of the stories. nil or empty means
	// DefaultLangs: en 0.45, nb 0.3, da 0.15, sv 0.1.
	Langs []LangWeight
	// Start is the date of the first story. Zero means
	// 2026-01-05T06:00:00Z. Stories start 1–9 minutes apart, and the
	// versions of a story follow its first one by 4–120 minutes each.
	Start time.Time
}

// LangWeight is the share of stories written in one language.
type LangWeight struct {
	// Lang is the language code: "da", "nb", "sv" or "en".
	Lang string
	// Weight is the relative share of stories in Lang; the weights need
	// not sum to 1. It must be finite and ≥ 0; 0 leaves Lang out.
	Weight float64
}

// DefaultLangs returns the default language weights.
func DefaultLangs() []LangWeight {
	return []LangWeight{{"en", 0.45}, {"nb", 0.3}, {"da", 0.15}, {"sv", 0.1}}
}

// SetDefaults replaces the zero fields of o with their defaults.
func (o *GenOptions) SetDefaults() {
	if o.Articles == 0 {
		o.Articles = 10000
	}
	if len(o.Langs) == 0 {
		o.Langs = DefaultLangs()
	}
	if o.Start.IsZero() {
		o.Start = time.Date(2026, 1, 5, 6, 0, 0, 0, time.UTC)
	}
}

// Validate reports the first problem of o, to be called after SetDefaults.
func (o *GenOptions) Validate() error {
	if o.Articles < 0 {
		return fmt.Errorf("generate: negative article count %d", o.Articles)
	}
	total := 0.0
	for i, lw := range o.Langs {
		if _, ok := genSpec(lw.Lang); !ok {
			return fmt.Errorf("generate: unknown language %q (want one of %v)", lw.Lang, genLangCodes())
		}
		if !(lw.Weight >= 0) || math.IsInf(lw.Weight, 1) {
			return fmt.Errorf("generate: language %s: bad weight %v", lw.Lang, lw.Weight)
		}
		if slices.ContainsFunc(o.Langs[:i], func(x LangWeight) bool { return x.Lang == lw.Lang }) {
			return fmt.Errorf("generate: language %s weighted twice", lw.Lang)
		}
		total += lw.Weight
	}
	if !(total > 0) {
		return errors.New("generate: no language has a positive weight")
	}
	return nil
}

// The story model. Shares are of stories; a followup or roundup that finds
// too few recent stories to quote becomes a single.
const (
	genFollowupShare = 0.02
	genRoundupShare  = 0.01
	genSingleShare   = 0.35
	genNoWireShare   = 0.1 // multi-version stories whose wire copy is not written
	genUpdateShare   = 0.3 // later versions that are agency updates
	genMaxUpdates    = 3   // updates per story
	genRingSize      = 200 // recent stories per language that followups and roundups quote
	genMeanBytes     = 3150
	genMinBytes      = 1650 // text bytes a republished copy keeps when dropping paragraphs
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

// subset returns k of ps, a random choice in their order.
func (g *generator) subset(ps []genPara, k int) []genPara {
	out := make([]genPara, 0, k+4)
	for i := range ps {
		if g.rng.IntN(len(ps)-i) < k-len(out) {
			out = append(out, ps[i])
		}
	}
	return out
}

// drop removes some paragraphs after the first from ps, in place, keeping
// at least four and genMinBytes of text.
func (g *generator) drop(ps []genPara) []genPara {
	size := 0
	for i := range ps {
		size += ps[i].size()
	}
	out := ps[:1]
	for i := 1; i < len(ps); i++ {
		n, s := len(out)+len(ps)-i, ps[i].size()
		if g.rng.IntN(100) < 15 && n > 4 && size-s >= genMinBytes {
			size -= s
			continue
		}
		out = append(out, ps[i])
	}
	return out
}

// regroup merges some neighbouring paragraphs of ps and splits others.
func (g *generator) regroup(ps []genPara) []genPara {
	out := make([]genPara, 0, len(ps)+4)
	for i := 0; i < len(ps); i++ {
		p := ps[i]
		switch r := g.rng.IntN(100); {
		case r < 10 && i+1 < len(ps) && len(p.sents)+len(ps[i+1].sents) <= 4:
			out = append(out, genPara{kind: "text", sents: slices.Concat(p.sents, ps[i+1].sents)})
			i++
		case r >= 90 && len(p.sents) >= 2:
			cut := 1 + g.rng.IntN(len(p.sents)-1)
			out = append(out, genPara{kind: "text", sents: p.sents[:cut:cut]}, genPara{kind: "text", sents: p.sents[cut:]})
		default:
			out = append(out, p)
		}
	}
	return out
}

// editPara returns a copy of p in which one or more sentences have a share
// of their words in [lo, hi) replaced.
func (g *generator) editPara(l *genLang, p genPara, lo, hi float64) genPara {
	p.sents = slices.Clone(p.sents)
	first := g.rng.IntN(len(p.sents))
	for i, s := range p.sents {
		if i == first || g.rng.IntN(10) < 3 {
			p.sents[i] = g.edited(l, s, lo+(hi-lo)*g.rng.Float64())
		}
	}
	return p
}

// decorate returns text with ad markers and subheadings dropped in
// between its paragraphs, never before the second one.
func (g *generator) decorate(l *genLang, text []genPara) []genPara {
	var ads, heads int
	if g.rng.IntN(100) < 55 {
		ads = 1 + g.rng.IntN(2)
	}
	if g.rng.IntN(100) < 35 {
		heads = 1 + g.rng.IntN(2)
	}
	out := make([]genPara, 0, len(text)+ads+heads+1)
	out = append(out, text...)
	for i := range ads + heads {
		p := genPara{kind: "heading", text: g.heading(l)}
		if i < ads {
			p = genPara{kind: "boilerplate", text: l.spec.ads[g.rng.IntN(len(l.spec.ads))]}
		}
		at := min(2+g.rng.IntN(max(len(out)-2, 1)), len(out))
		out = slices.Insert(out, at, p)
	}
	return out
}

// genRing holds the quotable paragraphs of the last genRingSize stories of
// one language. The zero value is an empty ring.
type genRing struct {
	entries []genRingEntry
	next    int // entry to overwrite when full
}

// Which paragraph of a genRingEntry to quote.
const (
	genLead       = 0
	genBackground = 1
)

// genRingEntry is the lead and one background paragraph of a story. Each
// is quoted at most once, so that no two followups or roundups share text.
type genRingEntry struct {
	paras [2]genPara // by genLead, genBackground
	used  [2]bool
}

// quotable returns the ring entry of a story with source paragraphs src
// and the written articles: the lead and a random background paragraph,
// each marked used when no written article carries it (the wire copy may
// be withheld, and its copies drop paragraphs).
func (g *generator) quotable(src []genPara, written ...*genArticle) genRingEntry {
	e := genRingEntry{paras: [2]genPara{src[0], src[2+g.rng.IntN(len(src)-2)]}}
	for w, p := range e.paras {
		e.used[w] = !slices.ContainsFunc(written, func(a *genArticle) bool {
			return slices.ContainsFunc(a.paras, func(q genPara) bool {
				return slices.ContainsFunc(q.sents, func(s *genSentence) bool { return s.id == p.sents[0].id })
			})
		})
	}
	return e
}

// add remembers the quotable paragraphs of a story.
func (r *genRing) add(e genRingEntry) {
	if len(r.entries) < genRingSize {
		r.entries = append(r.entries, e)
		return
	}
	r.entries[r.next] = e
	r.next = (r.next + 1) % genRingSize
}

// take returns up to n unquoted paragraphs of kind which (genLead or
// genBackground) of distinct random stories and marks them quoted, or nil
// when fewer than least are left.
func (r *genRing) take(rng *rand.Rand, which, n, least int) []genPara {
	var free []int
	for i := range r.entries {
		if !r.entries[i].used[which] {
			free = append(free, i)
		}
	}
	if len(free) < least {
		return nil
	}
	ps := make([]genPara, min(n, len(free)))
	for i := range ps {
		j := i + rng.IntN(len(free)-i)
		free[i], free[j] = free[j], free[i]
		e := &r.entries[free[i]]
		e.used[which] = true
		ps[i] = e.paras[which]
	}
	return ps
}
