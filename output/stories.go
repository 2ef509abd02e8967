package output

import (
	"bufio"
	"io"
	"math"
	"strconv"

	"github.com/neardup/neardup/dedupe"
)

// StoriesFile returns the content of stories.json.
func (w *Writer) StoriesFile() StoriesFile {
	r := w.r
	f := StoriesFile{Stories: make([]Story, len(r.Stories))}
	for si := range r.Stories {
		f.Stories[si] = w.storyRecord(si)
	}
	return f
}

// storyRecord returns the stories.json record of story si.
func (w *Writer) storyRecord(si int) Story {
	r := w.r
	s := r.Stories[si]
	rec := Story{ID: s.ID, Canonical: r.Docs[s.Canonical].ID, Size: len(s.Members), Blocks: []Block{}, Repetitive: s.Repetitive}
	for _, m := range s.Members {
		rec.Members = append(rec.Members, w.member(int(m)))
	}
	for bi, b := range s.Blocks {
		br := Block{ID: blockID(int32(bi)), FirstSeen: r.Docs[b.FirstSeen].ID}
		for _, c := range b.Cells {
			cr := Cell{ID: r.Docs[c.Doc].ID, State: "edited", Similarity: Round4(c.Sim)}
			if c.Verbatim() {
				cr.State = "verbatim"
			}
			for _, p := range c.Paras {
				cr.Paragraphs = append(cr.Paragraphs, int(p))
			}
			br.Cells = append(br.Cells, cr)
		}
		rec.Blocks = append(rec.Blocks, br)
	}
	return rec
}

// WriteStories writes stories.json: {"stories": [...]}, one story a line,
// so that large files stay readable with line tools.
func (w *Writer) WriteStories(dst io.Writer) error {
	r := w.r
	bw := bufio.NewWriterSize(dst, 1<<16)
	bw.WriteString("{\"stories\": [\n") // bufio.Writer keeps the first error for Flush
	var line []byte
	for si := range r.Stories {
		if si > 0 {
			bw.WriteString(",\n")
		}
		rec := w.storyRecord(si)
		line = rec.appendJSON(line[:0])
		bw.Write(line)
	}
	bw.WriteString("\n]}\n")
	return bw.Flush()
}

// member returns the stories.json record of version m.
func (w *Writer) member(m int) Member {
	r := w.r
	d := r.Docs[m]
	mr := Member{
		ID: d.ID, Title: d.Title, Date: d.DateText, Source: d.Source,
		URL: d.URL, GUID: d.GUID, Version: d.Version, UpdateOf: w.updateOf(m),
		Similarity: Round4(r.Similarity[m]), CopyShare: Round4(r.CopyShare[m]),
		Credited: len(d.Credits) > 0, Flags: r.Flags(m), NewParagraphs: []int{},
	}
	for p := range d.Paras {
		if st, _ := r.Status(m, p); st == dedupe.StatusUnique {
			mr.NewParagraphs = append(mr.NewParagraphs, p)
		}
	}
	return mr
}

// blockID names block i of a story.
func blockID(i int32) string { return "b" + strconv.Itoa(int(i)+1) }

// Round4 keeps four decimals, so output is stable and readable.
func Round4[F float32 | float64](x F) float64 { return math.Round(float64(x)*1e4) / 1e4 }
