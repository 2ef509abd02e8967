package dedupe

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"text/template"
	"unicode/utf8"
)

// reportHTML is the page of report.html: inline CSS and JS, no requests.
// It defines two templates, "head" and "tail"; the story data is written
// as JSON between them, one story at a time.
//
//go:embed report.html
var reportHTML string

var reportTemplate = template.Must(template.New("report").Parse(reportHTML))

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
		sent, block := d.Sents[s], r.SentBlock(int(i), int(s))
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

// paraTokens appends to dst the words of paragraph p of Doc i, each with
// the block of the sentence it starts in.
func (r *Result) paraTokens(dst []reportToken, texts *diffTexts, i, p int32) ([]reportToken, error) {
	paras, err := texts.get(i)
	if err != nil {
		return nil, err
	}
	d := r.Docs[i]
	if len(paras) != len(d.Paras) || int(p) >= len(paras) {
		return nil, fmt.Errorf("report %s: %d paragraphs in the text, %d analysed", d.ID, len(paras), len(d.Paras))
	}
	para := d.Paras[p]
	return wordTokens(dst, paras[p], d.Sents[para.First:para.End], r.sentBlocks(int(i))[para.First:para.End]), nil
}

// wordTokens appends to dst the words of text, split at white space, each
// with the space before it and the block of the sentence it starts in;
// blocks are the sentences'.
func wordTokens(dst []reportToken, text string, sents []Sent, blocks []int32) []reportToken {
	s, end := 0, 0 // the sentence of the next word; the end of the last word
	for i := 0; i < len(text); {
		// Skip space to the next word.
		for i < len(text) {
			space, size := spaceAt(text, i)
			if !space {
				break
			}
			i += size
		}
		if i == len(text) {
			break
		}
		j := i // the word runs to the next space
		for j < len(text) {
			space, size := spaceAt(text, j)
			if space {
				break
			}
			j += size
		}
		for s < len(sents) && int(sents[s].To) <= i {
			s++
		}
		block := int32(-1)
		if s < len(sents) && int(sents[s].From) <= i {
			block = blocks[s]
		}
		dst = append(dst, reportToken{gap: text[end:i], word: text[i:j], block: block})
		end, i = j, j
	}
	return dst
}

// asciiSpace marks the ASCII characters unicode.IsSpace accepts.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

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
	var words []string
	for _, op := range ops {
		words = appendFields(words[:0], op.Text)
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
	var text []byte // every run's text, back to back
	var ends []int  // where each run's text ends in text
	emit := func(s string, block int32, op int8) {
		if s == "" {
			return
		}
		if n := len(runs); n > 0 && runs[n-1].Block == block && runs[n-1].Op == op {
			text = append(text, s...)
			ends[n-1] = len(text)
			return
		}
		runs = append(runs, reportRun{"", block, op})
		text = append(text, s...)
		ends = append(ends, len(text))
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
	all, start := string(text), 0 // one string, the runs slices of it
	for k := range runs {
		runs[k].Text = all[start:ends[k]]
		start = ends[k]
	}
	return runs
}
