package output

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"text/template"

	"github.com/neardup/neardup/dedupe"
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
func (w *Writer) WriteReport(dst io.Writer) error {
	r := w.r
	// bufio.Writer keeps its first write error and Flush returns it, so the
	// writes below go unchecked until then.
	bw := bufio.NewWriterSize(dst, 1<<16)
	if err := reportTemplate.ExecuteTemplate(bw, "head", nil); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	fmt.Fprintf(bw, "{\"articles\":%d,\"stories\":[\n", len(r.Docs))
	for start := 0; start < len(r.Stories); start += reportWindow {
		recs, err := w.reportStories(start, min(start+reportWindow, len(r.Stories)))
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
func (w *Writer) docIndex(si int32, id string) (int32, error) {
	r := w.r
	for _, m := range r.Stories[si].Members {
		if r.Docs[m].ID == id {
			return m, nil
		}
	}
	return 0, fmt.Errorf("diff against %s, not a version of %s", id, r.Stories[si].ID)
}

// sentenceRuns splits paragraph p of Doc i into runs by sentence: each
// sentence in its copy block (or none), the space between two sentences of
// one block inside it. The runs join back to the paragraph's text.
func (w *Writer) sentenceRuns(texts *diffTexts, i, p int32) ([]reportRun, error) {
	r := w.r
	paras, err := texts.get(i)
	if err != nil {
		return nil, err
	}
	d := r.Docs[i]
	if len(paras) != len(d.Paras) || int(p) >= len(paras) {
		return nil, fmt.Errorf("report %s: %d paragraphs in the text, %d analysed", d.ID, len(paras), len(d.Paras))
	}
	first, end := d.ParaSents(int(p))
	blocks := r.SentBlocks(int(i))
	if blocks != nil {
		blocks = blocks[first:end]
	}
	return sentenceRunsOf(paras[p], d.Sents[first:end], blocks), nil
}

// sentenceRunsOf splits text into runs by sentence (sents, with their
// blocks; nil blocks for none): each sentence in its block, the space
// between two sentences of one block inside it, other text in none.
func sentenceRunsOf(text string, sents []dedupe.Sent, blocks []int32) []reportRun {
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
	for k, sent := range sents {
		block := int32(-1)
		if blocks != nil {
			block = blocks[k]
		}
		gapBlock := int32(-1)
		if block == prev {
			gapBlock = block
		}
		add(at, int(sent.From), gapBlock)
		add(int(sent.From), int(sent.To), block)
		at, prev = int(sent.To), block
	}
	add(at, len(text), -1)
	return runs
}
