package dedupe

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"unicode"

	"golang.org/x/sync/errgroup"
)

// reportHTML is the page of report.html: inline CSS and JS, no requests.
// It defines two templates, "head" and "tail"; the story data is written
// as JSON between them, one story at a time.
//
//go:embed report.html
var reportHTML string

var reportTemplate = template.Must(template.New("report").Parse(reportHTML))

// The report's data is one JSON object, {"articles": N, "stories": [...]},
// written inside <script type="application/json" id="data">. Keys are short
// to keep the file small; each is documented on its field. Every story is
// listed, but only stories of two or more versions carry versions, blocks
// and paragraph text.

// reportStory is one story of the report: a row of the list and, for
// stories of two or more versions, the story's detail.
type reportStory struct {
	ID    string `json:"id"` // story ID, as in stories.json
	Size  int    `json:"n"`  // number of versions
	Title string `json:"t"`  // the canonical version's title
	// First and Last are the earliest and latest dates of the versions, as
	// given; empty when no version is dated. Last is omitted when equal.
	First string `json:"d0,omitempty"`
	Last  string `json:"d1,omitempty"`
	// Sources are the versions' distinct sources, sorted.
	Sources []string `json:"src,omitempty"`
	// Versions are the members in story order (n ≥ 2 only).
	Versions []reportVersion `json:"v,omitempty"`
	// Blocks are the copy blocks in order of first appearance (n ≥ 2 only).
	Blocks []reportBlock `json:"b,omitempty"`
}

// reportVersion is one version of a story of two or more versions.
type reportVersion struct {
	ID         string       `json:"id"`
	Title      string       `json:"t"`
	Date       string       `json:"d,omitempty"`   // as given
	Source     string       `json:"src,omitempty"` // as given
	Similarity float64      `json:"sim"`           // to the canonical version
	CopyShare  float64      `json:"cs"`            // as MemberRecord.CopyShare
	Credits    []string     `json:"cr,omitempty"`  // agency credit lines; none means uncredited
	Flags      []string     `json:"f,omitempty"`   // as MemberRecord.Flags
	New        int          `json:"np"`            // count of new (unique) paragraphs
	Paras      []reportPara `json:"p"`
}

// reportPara is one paragraph of a version.
type reportPara struct {
	// Status is as ParagraphRecord.Status: shared, edited, unique,
	// heading, boilerplate or credit.
	Status string `json:"k"`
	// Heading is set for a heading line, whatever its status.
	Heading bool `json:"h,omitempty"`
	// Similarity, for edited paragraphs, is the word similarity to From.
	Similarity float64 `json:"sim,omitempty"`
	// From, for edited paragraphs, is the earlier paragraph the word diff
	// runs from: [version position in the story, paragraph index].
	From []int `json:"fr,omitempty"`
	// Runs are the paragraph's text in pieces (see reportRun); omitted
	// when Same is set.
	Runs []reportRun `json:"r,omitempty"`
	// Same, set instead of Runs, names an earlier paragraph of the story
	// with the same runs (verbatim copy): [version position, paragraph].
	Same []int `json:"eq,omitempty"`
}

// reportRun is a piece of a paragraph's text, written as a JSON array
// [text], [text, block] or [text, block, op]: block is the index in the
// story's blocks of the copy block the text belongs to (-1 for none); op
// is 0 for text kept, -1 for words deleted from the earlier version and 1
// for words inserted. The kept and inserted runs of a paragraph, joined,
// are its text.
type reportRun struct {
	Text  string
	Block int32
	Op    int8
}

// MarshalJSON writes the run as its short array form.
func (u reportRun) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, len(u.Text)+16)
	b = append(b, '[')
	b = appendJSONString(b, u.Text) // encoding/json escapes <, > and & in what we return
	switch {
	case u.Op != 0:
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(u.Block), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(u.Op), 10)
	case u.Block != -1:
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(u.Block), 10)
	}
	return append(b, ']'), nil
}

// reportBlock is one row of a story map: one cell per version, in story
// order, null where the version does not carry the block, else [state,
// similarity, paragraphs] with state "v" (verbatim) or "e" (edited).
type reportBlock struct {
	Cells []any `json:"c"`
}

// WriteReport writes report.html: one self-contained page (inline CSS and
// JS, no external requests) that lists every story and, for a story opened,
// shows its story map and its versions side by side, each copy block in its
// own colour and edited paragraphs as word diffs. The data is embedded once
// as JSON with <, > and & escaped, so article text can never close the
// script element; the page puts text into the document only as text. The
// same Result gives the same bytes.
func (r *Result) WriteReport(w io.Writer) error {
	// bufio.Writer keeps its first write error and Flush returns it, so the
	// writes below go unchecked until then.
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := reportTemplate.ExecuteTemplate(bw, "head", nil); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	fmt.Fprintf(bw, "{\"articles\":%d,\"stories\":[\n", len(r.Docs))
	for start := 0; start < len(r.Stories); start += reportWindow {
		recs, err := r.reportStories(start, min(start+reportWindow, len(r.Stories)))
		if err != nil {
			return err
		}
		for k, rec := range recs {
			if start+k > 0 {
				bw.WriteString(",\n")
			}
			bw.Write(rec)
		}
	}
	bw.WriteString("\n]}")
	if err := reportTemplate.ExecuteTemplate(bw, "tail", nil); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// reportWindow is how many stories WriteReport builds at a time, in
// parallel, before writing them in order.
const reportWindow = 256

// reportStories returns the JSON of stories start to end, built in
// parallel. json.Marshal escapes <, > and &: no "</script" or "<!--" can
// appear in the data.
func (r *Result) reportStories(start, end int) ([][]byte, error) {
	recs := make([][]byte, end-start)
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for si := start; si < end; si++ {
		g.Go(func() error {
			rec, err := r.reportStory(si)
			if err != nil {
				return err
			}
			b, err := json.Marshal(rec)
			if err != nil {
				return fmt.Errorf("write report story %s: %w", rec.ID, err)
			}
			recs[si-start] = b
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return recs, nil
}

// reportStory builds the report record of story si.
func (r *Result) reportStory(si int) (reportStory, error) {
	s := r.Stories[si]
	rec := reportStory{ID: s.ID, Size: len(s.Members), Title: oneLine(r.Docs[s.Canonical].Title)}
	first, last := -1, -1
	for _, m := range s.Members {
		d := r.Docs[m]
		if d.Source != "" && !slices.Contains(rec.Sources, d.Source) {
			rec.Sources = append(rec.Sources, d.Source)
		}
		if d.Date.IsZero() {
			continue
		}
		if first < 0 || compareByDate(d, r.Docs[first]) < 0 {
			first = int(m)
		}
		if last < 0 || compareByDate(d, r.Docs[last]) > 0 {
			last = int(m)
		}
	}
	slices.Sort(rec.Sources)
	if first >= 0 {
		rec.First = r.Docs[first].DateText
		if l := r.Docs[last].DateText; l != rec.First {
			rec.Last = l
		}
	}
	if len(s.Members) < 2 {
		return rec, nil
	}
	texts := &diffTexts{r: r, paras: map[int32][]string{}}
	for _, m := range s.Members {
		v, err := r.reportVersion(int(m), texts)
		if err != nil {
			return reportStory{}, err
		}
		rec.Versions = append(rec.Versions, v)
	}
	shareRuns(rec.Versions)
	rec.Blocks = r.reportBlocks(&s)
	return rec, nil
}

// shareRuns replaces the runs of each paragraph that repeats an earlier
// paragraph of the story, block for block, by a reference to it: verbatim
// copy is then written once.
func shareRuns(versions []reportVersion) {
	first := map[string][]int{}
	var key strings.Builder
	for x, v := range versions {
		for p := range v.Paras {
			para := &v.Paras[p]
			key.Reset()
			for _, u := range para.Runs {
				fmt.Fprintf(&key, "%d,%d,%d:%s", u.Block, u.Op, len(u.Text), u.Text)
			}
			if same, ok := first[key.String()]; ok {
				para.Runs, para.Same = nil, same
				continue
			}
			first[key.String()] = []int{x, p}
		}
	}
}

// reportBlocks returns the rows of a story's map.
func (r *Result) reportBlocks(s *Story) []reportBlock {
	blocks := make([]reportBlock, len(s.Blocks))
	for bi, b := range s.Blocks {
		cells := make([]any, len(s.Members))
		for _, c := range b.Cells {
			state := "e"
			if c.Verbatim() {
				state = "v"
			}
			paras := make([]int, len(c.Paras))
			for k, p := range c.Paras {
				paras[k] = int(p)
			}
			cells[r.Position[c.Doc]] = []any{state, round4(c.Sim), paras}
		}
		blocks[bi] = reportBlock{Cells: cells}
	}
	return blocks
}

// reportVersion builds the record of version i, with its paragraphs'
// text; texts caches the split bodies of the story's versions.
func (r *Result) reportVersion(i int, texts *diffTexts) (reportVersion, error) {
	d := r.Docs[i]
	m := r.member(i)
	v := reportVersion{
		ID: d.ID, Title: oneLine(d.Title), Date: d.DateText, Source: d.Source,
		Similarity: m.Similarity, CopyShare: m.CopyShare, Credits: d.Credits,
		Flags: m.Flags, New: len(m.NewParagraphs),
	}
	art, err := r.Article(i)
	if err != nil {
		return reportVersion{}, fmt.Errorf("report %s: %w", d.ID, err)
	}
	carried := map[int32]bool{} // the blocks this version carries
	for _, b := range r.SentBlocks[i] {
		carried[b] = true
	}
	v.Paras = make([]reportPara, len(d.Paras))
	for p, para := range d.Paras {
		pr := art.Paragraphs[p]
		rp := reportPara{Status: pr.Status, Heading: para.Kind == KindHeading, Similarity: pr.Similarity}
		if pr.Diff == nil {
			// No diff to merge: runs follow the sentences, no need for words.
			runs, err := r.sentenceRuns(texts, int32(i), int32(p))
			if err != nil {
				return reportVersion{}, err
			}
			rp.Runs = runs
			v.Paras[p] = rp
			continue
		}
		toks, err := r.paraTokens(texts, int32(i), int32(p))
		if err != nil {
			return reportVersion{}, err
		}
		if pr.Diff != nil {
			from, err := r.docIndex(r.StoryOf[i], pr.Diff.ID)
			if err != nil {
				return reportVersion{}, fmt.Errorf("report %s: %w", d.ID, err)
			}
			rp.From = []int{int(r.Position[from]), pr.Diff.Index}
			earlier, err := r.paraTokens(texts, from, int32(pr.Diff.Index))
			if err != nil {
				return reportVersion{}, err
			}
			if merged, ok := applyDiff(toks, earlier, pr.Diff.Ops, carried); ok {
				toks = merged
			}
		}
		rp.Runs = tokenRuns(toks)
		v.Paras[p] = rp
	}
	return v, nil
}

// docIndex returns the Doc index of the member of story si with the given
// ID.
func (r *Result) docIndex(si int32, id string) (int32, error) {
	for _, m := range r.Stories[si].Members {
		if r.Docs[m].ID == id {
			return m, nil
		}
	}
	return 0, fmt.Errorf("diff against %s, not a version of %s", id, r.Stories[si].ID)
}

// reportToken is one word of a paragraph as the report shows it, with the
// space before it, its copy block (-1 for none) and its diff op.
type reportToken struct {
	gap, word string
	block     int32
	op        int8
}

// paraTokens returns the words of paragraph p of Doc i, each with the
// block of the sentence it starts in.
// sentenceRuns splits paragraph p of Doc i into runs by sentence: each
// sentence in its copy block (or none), the space between two sentences of
// one block inside it. The runs join back to the paragraph's text.
func (r *Result) sentenceRuns(texts *diffTexts, i, p int32) ([]reportRun, error) {
	paras, err := texts.get(i)
	if err != nil {
		return nil, err
	}
	d := r.Docs[i]
	if len(paras) != len(d.Paras) || int(p) >= len(paras) {
		return nil, fmt.Errorf("report %s: %d paragraphs in the text, %d analysed", d.ID, len(paras), len(d.Paras))
	}
	text, para := paras[p], d.Paras[p]
	runs := []reportRun{}
	var starts []int // where each run begins in text: runs are consecutive slices of it
	add := func(from, to int, block int32) {
		if from >= to {
			return
		}
		if n := len(runs); n > 0 && runs[n-1].Block == block {
			runs[n-1].Text = text[starts[n-1]:to]
			return
		}
		runs = append(runs, reportRun{Text: text[from:to], Block: block})
		starts = append(starts, from)
	}
	at, prev := 0, int32(-1)
	for s := para.First; s < para.End; s++ {
		sent, block := d.Sents[s], r.SentBlocks[i][s]
		gapBlock := int32(-1)
		if block == prev {
			gapBlock = block
		}
		add(at, int(sent.From), gapBlock)
		add(int(sent.From), int(sent.To), block)
		at, prev = int(sent.To), block
	}
	add(at, len(text), -1)
	return runs, nil
}

func (r *Result) paraTokens(texts *diffTexts, i, p int32) ([]reportToken, error) {
	paras, err := texts.get(i)
	if err != nil {
		return nil, err
	}
	d := r.Docs[i]
	if len(paras) != len(d.Paras) || int(p) >= len(paras) {
		return nil, fmt.Errorf("report %s: %d paragraphs in the text, %d analysed", d.ID, len(paras), len(d.Paras))
	}
	para := d.Paras[p]
	return wordTokens(paras[p], d.Sents[para.First:para.End], r.SentBlocks[i][para.First:para.End]), nil
}

// wordTokens splits text into words, each with the space before it and
// the block of the sentence it starts in; blocks are the sentences'.
func wordTokens(text string, sents []Sent, blocks []int32) []reportToken {
	var toks []reportToken
	s, end := 0, 0
	notSpace := func(r rune) bool { return !unicode.IsSpace(r) }
	for i := strings.IndexFunc(text, notSpace); i >= 0; {
		j := len(text)
		if k := strings.IndexFunc(text[i:], unicode.IsSpace); k >= 0 {
			j = i + k
		}
		for s < len(sents) && int(sents[s].To) <= i {
			s++
		}
		block := int32(-1)
		if s < len(sents) && int(sents[s].From) <= i {
			block = blocks[s]
		}
		toks = append(toks, reportToken{gap: text[end:i], word: text[i:j], block: block})
		end = j
		if k := strings.IndexFunc(text[j:], notSpace); k >= 0 {
			i = j + k
		} else {
			i = -1
		}
	}
	return toks
}

// applyDiff merges a word diff into the words of the later paragraph:
// kept and inserted words must match later in order, kept and deleted
// ones earlier (kept runs may be given as word counts, DiffOp.N). A
// deleted word is left out when its block in the earlier version is
// carried by the later version in another paragraph (the copy moved, it
// was not cut); placeDeleted gives the others their block.
func applyDiff(later, earlier []reportToken, ops []DiffOp, carried map[int32]bool) ([]reportToken, bool) {
	here := map[int32]bool{}
	for _, t := range later {
		here[t.block] = true
	}
	out := make([]reportToken, 0, len(later)+len(ops))
	j, k := 0, 0 // next word of earlier, of later
	for _, op := range ops {
		words := strings.Fields(op.Text)
		n := len(words)
		if op.Text == "" {
			n = op.N // a kept run given as a word count
		}
		for x := range n {
			w := ""
			if x < len(words) {
				w = words[x]
			}
			inEarlier, inLater := op.Op != "+", op.Op != "-"
			if inEarlier && j >= len(earlier) || inLater && k >= len(later) ||
				op.Op == "-" && earlier[j].word != w || op.Op == "+" && later[k].word != w {
				return nil, false
			}
			if op.Op == "-" {
				b := earlier[j].block
				j++
				if b >= 0 && !here[b] && carried[b] {
					continue // moved to another paragraph, not cut
				}
				out = append(out, reportToken{gap: " ", word: w, block: b, op: -1})
				continue
			}
			t := later[k]
			k++
			if inEarlier {
				j++
			} else {
				t.op = 1
			}
			out = append(out, t)
		}
	}
	if j != len(earlier) || k != len(later) {
		return nil, false
	}
	placeDeleted(out)
	return out, true
}

// placeDeleted decides the block of each deleted word from the words
// kept around it: the block it had in the earlier version when a
// neighbour has it too, else the neighbours' block when they agree (a cut
// inside a sentence), else none. A deleted word's space goes with it,
// before it, or after it at the start of the paragraph, so that the kept
// and inserted words keep the paragraph's own spacing.
func placeDeleted(toks []reportToken) {
	prev, lead := int32(-1), true // block of the last word not deleted; no such word yet
	for x := range toks {
		if toks[x].op != -1 {
			prev, lead = toks[x].block, false
			continue
		}
		next := int32(-1)
		for y := x + 1; y < len(toks); y++ {
			if toks[y].op != -1 {
				next = toks[y].block
				break
			}
		}
		switch b := toks[x].block; {
		case b >= 0 && (b == prev || b == next):
		case prev == next:
			toks[x].block = prev
		default:
			toks[x].block = -1
		}
		if lead {
			toks[x].gap = ""
			if x+1 < len(toks) {
				toks[x].word += " "
			}
		}
	}
}

// tokenRuns joins tokens into runs of one block and op. The space before
// a word goes with it when it is deleted or continues the run before it;
// else it goes with neither's op, and neither's block where they differ.
func tokenRuns(toks []reportToken) []reportRun {
	runs := []reportRun{}
	var text [][]byte // the text of each run, built without quadratic copying
	emit := func(s string, block int32, op int8) {
		if s == "" {
			return
		}
		if n := len(runs); n > 0 && runs[n-1].Block == block && runs[n-1].Op == op {
			text[n-1] = append(text[n-1], s...)
			return
		}
		runs = append(runs, reportRun{"", block, op})
		text = append(text, []byte(s))
	}
	prev := reportToken{block: -1}
	for _, t := range toks {
		switch {
		case t.op == -1 || t.block == prev.block && t.op == prev.op:
			emit(t.gap, t.block, t.op)
		case t.block == prev.block:
			emit(t.gap, t.block, 0)
		default:
			emit(t.gap, -1, 0)
		}
		emit(t.word, t.block, t.op)
		prev = t
	}
	for k := range runs {
		runs[k].Text = string(text[k])
	}
	return runs
}
