package bench

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// The hard cases: small families of fictional English articles, each built
// to trip one mechanism that the main generator's corpus never exercises.
// Every family has its own id prefix, so it can be scored on its own.
var hardFamilies = []struct {
	name string
	make func(h *hardGen, i int)
}{
	// One-paragraph wire briefs republished word for word: copy in one
	// paragraph only, yet versions.
	{"brief", (*hardGen).brief},
	// Two statistical releases of one day by one agency: the same header
	// line of dates and the same row template, different figures. Each is
	// republished once; the two releases are different stories.
	{"table", (*hardGen).table},
	// Two different arrests written with the same two stock sentences,
	// the name and age changed. Each is republished once.
	{"stock", (*hardGen).stock},
	// A wire story and a republish with a few words changed in every
	// sentence.
	{"edited", (*hardGen).edited},
	// A wire story and five updates, each keeping three background
	// paragraphs of the one before and writing a new top.
	{"chain", (*hardGen).chain},
	// Five stories (wire and one republish each) and a roundup quoting
	// the lead of every one: the roundup is a story of its own.
	{"roundup", (*hardGen).roundup},
}

// HardFamilies returns the names of the hard-case families, which prefix
// the ids of their articles ("brief-3-wire").
func HardFamilies() []string {
	out := make([]string, len(hardFamilies))
	for i, f := range hardFamilies {
		out[i] = f.name
	}
	return out
}

// GenerateHard writes n instances of every hard-case family as JSONL to
// corpus and their labels to truth, in the formats of Generate. The same n
// and seed give byte-identical output.
func GenerateHard(n int, seed uint64, corpus, truth io.Writer) error {
	spec, _ := genSpec("en")
	h := &hardGen{
		rng:   rand.New(rand.NewPCG(seed, seed^0x243f6a8885a308d3)),
		vocab: newGenVocab(spec),
		clock: time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC),
		cw:    bufio.NewWriter(corpus),
		tw:    bufio.NewWriter(truth),
	}
	for _, f := range hardFamilies {
		for i := range n {
			h.family = f.name
			f.make(h, i)
		}
	}
	if h.err != nil {
		return h.err
	}
	if err := h.cw.Flush(); err != nil {
		return fmt.Errorf("write corpus: %w", err)
	}
	if err := h.tw.Flush(); err != nil {
		return fmt.Errorf("write truth: %w", err)
	}
	return nil
}

// hardGen is the state of one GenerateHard call.
type hardGen struct {
	rng    *rand.Rand
	vocab  *genVocab
	clock  time.Time
	family string
	cw, tw *bufio.Writer
	err    error
}

// hardSent is one sentence: its origin id and its words, the first
// capitalised, a full stop after the last.
type hardSent struct {
	id    string
	words []string
}

func (s hardSent) text() string {
	w := strings.Join(s.words, " ")
	return strings.ToUpper(w[:1]) + w[1:] + "."
}

// hardPara is a text paragraph of sentences, or a credit line.
type hardPara struct {
	sents  []hardSent
	credit string
}

// sent makes a sentence of n words drawn from the vocabulary.
func (h *hardGen) sent(id string, n int) hardSent {
	s := hardSent{id: id, words: make([]string, n)}
	for i := range s.words {
		s.words[i] = h.vocab.word(h.rng)
	}
	return s
}

// para makes a paragraph of k sentences of 14–22 words, ids prefix:j.
func (h *hardGen) para(prefix string, k int) hardPara {
	var p hardPara
	for j := range k {
		p.sents = append(p.sents, h.sent(fmt.Sprintf("%s:%d", prefix, j), 14+h.rng.IntN(9)))
	}
	return p
}

// paras makes n paragraphs of 1–2 sentences.
func (h *hardGen) paras(prefix string, n int) []hardPara {
	out := make([]hardPara, n)
	for i := range out {
		out[i] = h.para(fmt.Sprintf("%s:%d", prefix, i), 1+h.rng.IntN(2))
	}
	return out
}

// edit returns s with k words replaced by others (not the first or last).
func (h *hardGen) edit(s hardSent, k int) hardSent {
	out := hardSent{id: s.id, words: append([]string(nil), s.words...)}
	for range k {
		i := 1 + h.rng.IntN(len(out.words)-2)
		out.words[i] = h.vocab.contentWord(h.rng)
	}
	return out
}

var hardCredit = hardPara{credit: "(Reuters)"}

// emit writes one article: its paragraphs and its story.
func (h *hardGen) emit(id, story, role string, ps []hardPara) {
	if h.err != nil {
		return
	}
	h.clock = h.clock.Add(time.Duration(3+h.rng.IntN(40)) * time.Minute)
	var body []string
	type tpara struct {
		Index   int      `json:"index"`
		Kind    string   `json:"kind"`
		Origins []string `json:"origins"`
		Edit    float64  `json:"edit"`
	}
	tps := make([]tpara, len(ps))
	for i, p := range ps {
		tps[i] = tpara{Index: i, Kind: "text", Origins: []string{}}
		if p.credit != "" {
			body = append(body, p.credit)
			tps[i].Kind = "credit"
			continue
		}
		var ss []string
		for _, s := range p.sents {
			ss = append(ss, s.text())
			tps[i].Origins = append(tps[i].Origins, s.id)
		}
		body = append(body, strings.Join(ss, " "))
	}
	full := h.family + "-" + id
	line, err := json.Marshal(map[string]string{
		"id": full, "title": full, "body": strings.Join(body, "\n\n"),
		"date": h.clock.Format(time.RFC3339), "source": "hard-" + role, "lang": "en",
	})
	if err == nil {
		_, err = fmt.Fprintf(h.cw, "%s\n", line)
	}
	if err == nil {
		var t []byte
		t, err = json.Marshal(map[string]any{"id": full, "story": h.family + "-" + story, "role": role, "paragraphs": tps})
		if err == nil {
			_, err = fmt.Fprintf(h.tw, "%s\n", t)
		}
	}
	if err != nil {
		h.err = fmt.Errorf("generate hard cases: %w", err)
	}
}

func (h *hardGen) brief(i int) {
	s := strconv.Itoa(i)
	p := h.para("brief"+s+":0", 2)
	h.emit(s+"-wire", s, "wire", []hardPara{p, hardCredit})
	h.emit(s+"-desk", s, "republish", []hardPara{p})
	// An unrelated brief of the same length, so a bad rule has something
	// to link.
	h.emit(s+"-other", s+"-other", "single", []hardPara{h.para("brief"+s+":other", 2), hardCredit})
}

func (h *hardGen) table(i int) {
	s := strconv.Itoa(i)
	day := time.Date(1987, 9, 4, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i)
	var dates []string
	for d := range 4 {
		dates = append(dates, day.AddDate(0, 0, -d).Format("02/01/06"))
	}
	header := hardSent{id: "table" + s + ":header", words: append([]string{"figures", "for"}, dates...)}
	items := []string{"exports", "imports", "retail sales", "industrial output", "housing starts", "car sales", "wholesale prices"}
	for _, rel := range []string{"a", "b"} {
		lead := h.para("table"+s+rel+":lead", 1)
		ps := []hardPara{lead, {sents: []hardSent{header}}}
		for k, item := range items {
			now, before := 100+h.rng.IntN(2000), 100+h.rng.IntN(2000)
			row := hardSent{id: fmt.Sprintf("table%s%s:row%d", s, rel, k),
				words: strings.Fields(fmt.Sprintf("%s rose to %d mln crowns in the month from %d mln a year earlier the bureau said", item, now, before))}
			ps = append(ps, hardPara{sents: []hardSent{row}})
		}
		ps = append(ps, hardCredit)
		story := s + rel
		h.emit(story+"-wire", story, "wire", ps)
		h.emit(story+"-desk", story, "republish", ps[:len(ps)-1])
	}
}

func (h *hardGen) stock(i int) {
	s := strconv.Itoa(i)
	// The stock sentences of one instance differ in the name only; across
	// instances they differ in the place too, so they do not recur as
	// page furniture would.
	place := h.vocab.contentWord(h.rng)
	for e, rel := range []string{"a", "b"} {
		// A name of two words, so two arrests in the corpus do not
		// happen to share one.
		name := h.vocab.contentWord(h.rng) + " " + h.vocab.contentWord(h.rng)
		id := "stock" + s + rel
		lead := h.para(id+":lead", 2)
		details := h.paras(id+":detail", 4)
		stock1 := hardPara{sents: []hardSent{{id: id + ":s1", words: strings.Fields("police said " + name + " was arrested on suspicion of driving under the influence late on saturday")}}}
		stock2 := hardPara{sents: []hardSent{{id: id + ":s2", words: strings.Fields("he was on probation for a previous arrest for driving under the influence in " + place + " police said in a statement")}}}
		story := s + rel
		wire := append(append([]hardPara{lead}, details...), stock1, stock2, hardCredit)
		h.emit(story+"-wire", story, "wire", wire)
		// The desks cut the stock end; one outlet runs a brief of the
		// lead and the two stock sentences.
		for d := range 3 - e {
			h.emit(fmt.Sprintf("%s-desk%d", story, d), story, "republish", wire[:5])
		}
		h.emit(story+"-brief", story, "republish", []hardPara{lead, stock1, stock2})
	}
}

// heavy returns p with k or k+1 words of every sentence replaced: with
// k ≥ 3, too many for a sentence of 14–22 words to keep half its shingles
// (so it no longer matches strictly).
func (h *hardGen) heavy(p hardPara, k int) hardPara {
	var out hardPara
	for _, sn := range p.sents {
		out.sents = append(out.sents, h.edit(sn, k+h.rng.IntN(2)))
	}
	return out
}

func (h *hardGen) edited(i int) {
	s := strconv.Itoa(i)
	ps := h.paras("edited"+s, 6)
	// The desk keeps one paragraph as it was and rewrites every sentence
	// of the rest, a few words each.
	ed := []hardPara{ps[0]}
	for _, p := range ps[1:] {
		ed = append(ed, h.heavy(p, 4))
	}
	h.emit(s+"-wire", s, "wire", append(ps, hardCredit))
	h.emit(s+"-desk", s, "republish", ed)
	// A same-topic story of the next day, quoting one background
	// paragraph of the wire word for word: a story of its own.
	h.emit(s+"-followup", s+"-followup", "followup", append(h.paras("edited"+s+":followup", 5), ps[3], hardCredit))
}

func (h *hardGen) chain(i int) {
	s := strconv.Itoa(i)
	prev := h.paras("chain"+s+":v0", 6)
	h.emit(s+"-v0", s, "wire", append(prev, hardCredit))
	h.emit(s+"-v0-desk", s, "republish", prev[:5])
	for v := 1; v <= 8; v++ {
		top := h.paras(fmt.Sprintf("chain%s:v%d", s, v), 2)
		// The update keeps the top three paragraphs of the one before,
		// the first as it was and the other two edited, a few words in
		// every sentence.
		kept := []hardPara{prev[0], h.heavy(prev[1], 3), h.heavy(prev[2], 3)}
		next := append(append(top, kept...), h.paras(fmt.Sprintf("chain%s:v%d:end", s, v), 1)...)
		h.emit(fmt.Sprintf("%s-v%d", s, v), s, "update", append(next, hardCredit))
		if v%2 == 0 {
			h.emit(fmt.Sprintf("%s-v%d-desk", s, v), s, "republish", next[:5])
		}
		prev = next
	}
}

func (h *hardGen) roundup(i int) {
	s := strconv.Itoa(i)
	var quotes []hardPara
	for k := range 5 {
		id := fmt.Sprintf("%s-%d", s, k)
		ps := h.paras("roundup"+id, 5)
		h.emit(id+"-wire", id, "wire", append(ps, hardCredit))
		h.emit(id+"-desk", id, "republish", ps)
		quotes = append(quotes, ps[0], ps[1])
	}
	roundup := append([]hardPara{h.para("roundup"+s+":intro", 1)}, quotes...)
	h.emit(s+"-roundup", s+"-roundup", "roundup", roundup)
	// A desk runs the roundup as it came: the two are one story, and
	// neither glues the five together.
	h.emit(s+"-roundup-desk", s+"-roundup", "republish", roundup)
}
