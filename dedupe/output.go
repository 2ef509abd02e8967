package dedupe

import (
	"bufio"
	"cmp"
	"fmt"
	"github.com/neardup/neardup/text"
	"io"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/neardup/neardup/corpus"
)

// ArticleRecord is one line of articles.jsonl.
type ArticleRecord struct {
	ID         string  `json:"id"`
	Story      string  `json:"story"`
	Canonical  bool    `json:"canonical"`
	Similarity float64 `json:"similarity"`
	Lang       string  `json:"lang"`
	// Credits are the agency credit lines, as written.
	Credits []string `json:"credits"`
	// Credited is set when the article carries an agency credit line.
	Credited bool `json:"credited"`
	// CopyShare is the share of the article's text that is copy first seen
	// in an earlier version of its story; the rest is its own new text.
	CopyShare float64 `json:"copy_share"`
	// Flags name what an editor should check: "uncredited_copy" when most
	// of the text is earlier copy and no credit line is kept.
	Flags      []string          `json:"flags"`
	Paragraphs []ParagraphRecord `json:"paragraphs"`
}

// ParagraphRecord describes one paragraph of an article.
type ParagraphRecord struct {
	Index int `json:"index"`
	// Status is shared (copy also in another version, verbatim or nearly),
	// edited (copy with words changed from the closest earlier version),
	// unique (new in this version), heading, boilerplate or credit.
	Status string `json:"status"`
	// Similarity, for edited paragraphs, is the word similarity to the
	// closest earlier version's paragraph.
	Similarity float64 `json:"similarity,omitempty"`
	// Blocks are the ids of the copy blocks the paragraph carries (see
	// StoryRecord.Blocks).
	Blocks  []string      `json:"blocks"`
	Matches []MatchRecord `json:"matches"`
	// Diff, for edited paragraphs, is the word diff from the closest
	// earlier version's paragraph to this one: "-" and "+" runs carry their
	// words in text; "=" runs carry in n the number of words kept, which are
	// the next n words of this paragraph.
	Diff *DiffRecord `json:"diff,omitempty"`
}

// DiffRecord is a word diff against a paragraph of another version.
type DiffRecord struct {
	ID    string   `json:"id"`
	Index int      `json:"index"`
	Ops   []DiffOp `json:"ops"`
}

// MatchRecord names a paragraph of another version that shares copy.
type MatchRecord struct {
	ID         string  `json:"id"`
	Index      int     `json:"index"`
	Similarity float64 `json:"similarity"`
}

// StoriesFile is the content of stories.json.
type StoriesFile struct {
	Stories []StoryRecord `json:"stories"`
}

// StoryRecord is one story of stories.json.
type StoryRecord struct {
	ID        string `json:"id"`
	Canonical string `json:"canonical"`
	Size      int    `json:"size"`
	// Members are the versions: the canonical one first, then by date.
	// They are the columns of the story map.
	Members []MemberRecord `json:"members"`
	// Blocks are the rows of the story map: the copy blocks, in order of
	// first appearance.
	Blocks []BlockRecord `json:"blocks"`
}

// MemberRecord is one version of a story.
type MemberRecord struct {
	ID         string  `json:"id"`
	Title      string  `json:"title"`
	Date       string  `json:"date,omitempty"`
	Source     string  `json:"source,omitempty"`
	Similarity float64 `json:"similarity"`
	// CopyShare, Credited and Flags are as in ArticleRecord.
	CopyShare float64  `json:"copy_share"`
	Credited  bool     `json:"credited"`
	Flags     []string `json:"flags"`
	// NewParagraphs are the version's own paragraphs (status unique).
	NewParagraphs []int `json:"new_paragraphs"`
}

// BlockRecord is one row of the story map.
type BlockRecord struct {
	ID string `json:"id"`
	// FirstSeen is the version that carried the copy first.
	FirstSeen string `json:"first_seen"`
	// Cells are the versions that carry it; versions absent from the list
	// do not.
	Cells []CellRecord `json:"cells"`
}

// CellRecord is one version's copy of a block.
type CellRecord struct {
	ID string `json:"id"`
	// State is verbatim or edited.
	State      string  `json:"state"`
	Similarity float64 `json:"similarity"`
	Paragraphs []int   `json:"paragraphs"`
}

// blockID names block i of a story.
func blockID(i int32) string { return "b" + strconv.Itoa(int(i)+1) }

// round4 keeps four decimals, so output is stable and readable.
func round4(x float32) float64 { return math.Round(float64(x)*1e4) / 1e4 }

// Article returns the record of Doc i. It reads article bodies back for
// the word diffs of edited paragraphs.
func (r *Result) Article(i int) (ArticleRecord, error) {
	d := r.Docs[i]
	s := r.Stories[r.StoryOf[i]]
	rec := ArticleRecord{
		ID:         d.ID,
		Story:      s.ID,
		Canonical:  s.Canonical == int32(i),
		Similarity: round4(r.Similarity[i]),
		Lang:       string(d.Lang),
		Credits:    d.Credits,
		Credited:   len(d.Credits) > 0,
		CopyShare:  round4(r.CopyShare[i]),
		Flags:      r.flags(i),
		Paragraphs: make([]ParagraphRecord, len(d.Paras)),
	}
	if rec.Credits == nil {
		rec.Credits = []string{}
	}
	diffs, err := r.diffsOf(i, nil)
	if err != nil {
		return ArticleRecord{}, err
	}
	for p := range d.Paras {
		pr := ParagraphRecord{Index: p, Blocks: []string{}, Matches: []MatchRecord{}}
		for _, m := range r.ParaMatches(i, p) {
			pr.Matches = append(pr.Matches, MatchRecord{ID: r.Docs[m.Doc].ID, Index: int(m.Para), Similarity: round4(m.Sim)})
		}
		for _, b := range r.ParaBlocks(i, p) {
			pr.Blocks = append(pr.Blocks, blockID(b))
		}
		var earlier ParaMatch
		pr.Status, earlier = r.status(i, p)
		if pr.Status == "edited" {
			pr.Similarity = round4(earlier.Sim)
			if diffs != nil {
				pr.Diff = diffs[p]
			}
			if pr.Diff == nil {
				return ArticleRecord{}, fmt.Errorf("article %s ¶%d: edited but no diff (result closed before alignment?)", d.ID, p)
			}
		}
		rec.Paragraphs[p] = pr
	}
	return rec, nil
}

// status names paragraph p of Doc i in the output and, for edited copy,
// returns the closest earlier version's paragraph.
func (r *Result) status(i, p int) (string, ParaMatch) {
	para := r.Docs[i].Paras[p]
	matches := r.ParaMatches(i, p)
	switch {
	case para.Kind == text.KindBoilerplate || para.Kind == text.KindCredit:
		return para.Kind.String(), ParaMatch{}
	case len(matches) == 0 && para.Kind == text.KindHeading:
		return "heading", ParaMatch{}
	case len(matches) == 0:
		return "unique", ParaMatch{}
	}
	// The closest earlier version's paragraph is the most similar one, for
	// the diff. The paragraph is edited when a sentence of its copy changed
	// against every earlier version, or when it added a sentence to copy.
	best, found := ParaMatch{Sim: -1}, false
	for _, m := range matches {
		if r.Position[m.Doc] < r.Position[i] && m.Sim > best.Sim {
			best, found = m, true
		}
	}
	if sim := r.ParaSim(i, p); found && sim < verbatimSim {
		best.Sim = sim
		return "edited", best
	}
	return "shared", ParaMatch{}
}

// flags returns what an editor should check about Doc i.
func (r *Result) flags(i int) []string {
	flags := []string{}
	s := r.Stories[r.StoryOf[i]]
	if s.Canonical != int32(i) && len(r.Docs[i].Credits) == 0 && r.CopyShare[i] > 0.5 {
		flags = append(flags, "uncredited_copy")
	}
	return flags
}

// storyDiffs computes the word diff of every edited paragraph of the
// versions of s, against the closest earlier version's paragraph, and
// stores them in r.diffs. Called once per story (see diffsOf), so the
// outputs share them.
func (r *Result) storyDiffs(s *Story, texts *diffTexts) error {
	for _, m := range s.Members {
		d := r.Docs[m]
		for p := range d.Paras {
			st, earlier := r.status(int(m), p)
			if st != "edited" {
				continue
			}
			ops, err := texts.diff(earlier, m, int32(p))
			if err != nil {
				return err
			}
			for k := range ops { // kept runs as counts (their words are the paragraph's own), changed runs as text
				if ops[k].Op != "=" {
					ops[k].N = 0
				}
			}
			if r.diffs[m] == nil {
				r.diffs[m] = make([]*DiffRecord, len(d.Paras))
			}
			r.diffs[m][p] = &DiffRecord{ID: r.Docs[earlier.Doc].ID, Index: int(earlier.Para), Ops: ops}
		}
	}
	return nil
}

// diffTexts reads and splits the bodies a story's diffs need, once each.
type diffTexts struct {
	r      *Result
	paras  map[int32][]string
	differ *differ // nil: one from differs
}

// differs recycles differs between stories, for their scratch space.
var differs = sync.Pool{New: func() any { return new(differ) }}

func (t *diffTexts) get(doc int32) ([]string, error) {
	if ps, ok := t.paras[doc]; ok {
		return ps, nil
	}
	body, err := t.r.Body(int(doc))
	if err != nil {
		return nil, fmt.Errorf("diff %s: %w", t.r.Docs[doc].ID, err)
	}
	ps := corpus.SplitParagraphs(body)
	t.paras[doc] = ps
	return ps, nil
}

// diff returns the word diff from the earlier paragraph to paragraph p of
// Doc i, kept runs as word counts.
func (t *diffTexts) diff(earlier ParaMatch, i, p int32) ([]DiffOp, error) {
	from, err := t.get(earlier.Doc)
	if err != nil {
		return nil, err
	}
	to, err := t.get(i)
	if err != nil {
		return nil, err
	}
	if int(earlier.Para) >= len(from) || int(p) >= len(to) {
		return nil, fmt.Errorf("diff %s: paragraph out of range", t.r.Docs[i].ID)
	}
	df := t.differ
	if df == nil {
		df = differs.Get().(*differ)
		defer differs.Put(df)
	}
	return df.diffCounts(from[earlier.Para], to[p]), nil
}

// byID returns the Doc indices sorted by article ID.
func (r *Result) byID() []int {
	order := make([]int, len(r.Docs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(r.Docs[a].ID, r.Docs[b].ID) })
	return order
}

// WriteArticles writes articles.jsonl: one ArticleRecord a line, sorted by
// ID, as encoding/json would write it without HTML escaping. Records are
// built in parallel (word diffs read text back), a bounded number of
// batches ahead of the writer, and written in order.
func (r *Result) WriteArticles(w io.Writer) error {
	order := r.byID()
	const batchSize = 256
	batches := (len(order) + batchSize - 1) / batchSize
	workers := runtime.GOMAXPROCS(0)
	results := make([]chan []byte, batches)
	for i := range results {
		results[i] = make(chan []byte, 1)
	}
	ahead := make(chan struct{}, 4*workers)      // batches built but not yet written
	free := make(chan []byte, 4*workers+workers) // written batches' buffers, for reuse
	next := make(chan int)
	go func() {
		defer close(next)
		for b := 0; b < batches; b++ {
			ahead <- struct{}{}
			next <- b
		}
	}()
	var (
		mu       sync.Mutex
		firstErr error
	)
	for range workers {
		go func() {
			for b := range next {
				var buf []byte
				select {
				case buf = <-free:
				default:
				}
				buf = buf[:0]
				for _, i := range order[b*batchSize : min(len(order), (b+1)*batchSize)] {
					rec, err := r.Article(i)
					r.diffsUsed(i)
					if err != nil {
						mu.Lock()
						firstErr = cmp.Or(firstErr, err)
						mu.Unlock()
						buf = nil
						break
					}
					buf = rec.appendJSON(buf)
				}
				results[b] <- buf
			}
		}()
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	var werr error
	for b := range results {
		buf := <-results[b]
		<-ahead
		if werr == nil && buf != nil {
			if _, err := bw.Write(buf); err != nil {
				werr = fmt.Errorf("write articles: %w", err)
			}
		}
		select {
		case free <- buf:
		default:
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if err := cmp.Or(firstErr, werr); err != nil {
		return err
	}
	return bw.Flush()
}

// StoriesFile returns the content of stories.json.
func (r *Result) StoriesFile() StoriesFile {
	f := StoriesFile{Stories: make([]StoryRecord, len(r.Stories))}
	for si := range r.Stories {
		f.Stories[si] = r.storyRecord(si)
	}
	return f
}

// storyRecord returns the stories.json record of story si.
func (r *Result) storyRecord(si int) StoryRecord {
	s := r.Stories[si]
	rec := StoryRecord{ID: s.ID, Canonical: r.Docs[s.Canonical].ID, Size: len(s.Members), Blocks: []BlockRecord{}}
	for _, m := range s.Members {
		rec.Members = append(rec.Members, r.member(int(m)))
	}
	for bi, b := range s.Blocks {
		br := BlockRecord{ID: blockID(int32(bi)), FirstSeen: r.Docs[b.FirstSeen].ID}
		for _, c := range b.Cells {
			cr := CellRecord{ID: r.Docs[c.Doc].ID, State: "edited", Similarity: round4(c.Sim)}
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
func (r *Result) WriteStories(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("{\"stories\": [\n") // bufio.Writer keeps the first error for Flush
	var line []byte
	for si := range r.Stories {
		if si > 0 {
			bw.WriteString(",\n")
		}
		rec := r.storyRecord(si)
		line = rec.appendJSON(line[:0])
		bw.Write(line)
	}
	bw.WriteString("\n]}\n")
	return bw.Flush()
}

// WriteSummary writes a readable list of every story with two or more
// versions, canonical version first, and a closing count.
func (r *Result) WriteSummary(w io.Writer) error {
	bw := bufio.NewWriter(w)
	multi := 0
	for _, s := range r.Stories {
		if len(s.Members) < 2 {
			continue
		}
		multi++
		fmt.Fprintf(bw, "%s  (%d versions)\n", s.ID, len(s.Members))
		for _, m := range s.Members {
			d := r.Docs[m]
			mark := " "
			if m == s.Canonical {
				mark = "*"
			}
			fmt.Fprintf(bw, "  %s %-28s %-16s %-16s %.2f  %s\n", mark, d.ID, shortDate(d), orDash(d.Source),
				r.Similarity[m], oneLine(d.Title))
		}
		fmt.Fprintln(bw)
	}
	fmt.Fprintf(bw, "%d articles, %d stories, %d with two or more versions (* = canonical)\n",
		len(r.Docs), len(r.Stories), multi)
	return bw.Flush()
}

// shortDate shows a date to the minute, or as given when it has no time.
func shortDate(d *Doc) string {
	if len(d.DateText) > 10 && !d.Date.IsZero() {
		return d.Date.Format("2006-01-02 15:04")
	}
	return orDash(d.DateText)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// member returns the stories.json record of version m.
func (r *Result) member(m int) MemberRecord {
	d := r.Docs[m]
	mr := MemberRecord{
		ID: d.ID, Title: d.Title, Date: d.DateText, Source: d.Source,
		Similarity: round4(r.Similarity[m]), CopyShare: round4(r.CopyShare[m]),
		Credited: len(d.Credits) > 0, Flags: r.flags(m), NewParagraphs: []int{},
	}
	for p := range d.Paras {
		if st, _ := r.status(m, p); st == "unique" {
			mr.NewParagraphs = append(mr.NewParagraphs, p)
		}
	}
	return mr
}
