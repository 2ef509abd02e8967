package dedupe

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

// ArticleRecord is one line of articles.jsonl.
type ArticleRecord struct {
	ID         string            `json:"id"`
	Story      string            `json:"story"`
	Canonical  bool              `json:"canonical"`
	Similarity float64           `json:"similarity"`
	Lang       string            `json:"lang"`
	Credits    []string          `json:"credits"`
	Paragraphs []ParagraphRecord `json:"paragraphs"`
}

// ParagraphRecord describes one paragraph of an article.
type ParagraphRecord struct {
	Index int `json:"index"`
	// Status is shared, unique, heading, boilerplate or credit.
	Status  string        `json:"status"`
	Matches []MatchRecord `json:"matches"`
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
	ID        string         `json:"id"`
	Canonical string         `json:"canonical"`
	Size      int            `json:"size"`
	Members   []MemberRecord `json:"members"`
}

// MemberRecord is one version of a story.
type MemberRecord struct {
	ID         string  `json:"id"`
	Title      string  `json:"title"`
	Date       string  `json:"date,omitempty"`
	Source     string  `json:"source,omitempty"`
	Similarity float64 `json:"similarity"`
}

// round4 keeps four decimals, so output is stable and readable.
func round4(x float32) float64 { return math.Round(float64(x)*1e4) / 1e4 }

// Article returns the record of Doc i.
func (r *Result) Article(i int) ArticleRecord {
	d := r.Docs[i]
	s := r.Stories[r.StoryOf[i]]
	rec := ArticleRecord{
		ID:         d.ID,
		Story:      s.ID,
		Canonical:  s.Canonical == int32(i),
		Similarity: round4(r.Similarity[i]),
		Lang:       string(d.Lang),
		Credits:    d.Credits,
		Paragraphs: make([]ParagraphRecord, len(d.Paras)),
	}
	if rec.Credits == nil {
		rec.Credits = []string{}
	}
	for p, para := range d.Paras {
		pr := ParagraphRecord{Index: p, Matches: []MatchRecord{}}
		for _, m := range r.Matches[i][p] {
			pr.Matches = append(pr.Matches, MatchRecord{ID: r.Docs[m.Doc].ID, Index: int(m.Para), Similarity: round4(m.Sim)})
		}
		pr.Status = status(para, len(pr.Matches) > 0)
		rec.Paragraphs[p] = pr
	}
	return rec
}

// status names a paragraph's role in the output.
func status(p Para, matched bool) string {
	switch {
	case p.Kind == KindBoilerplate || p.Kind == KindCredit:
		return p.Kind.String()
	case matched:
		return "shared"
	case p.Kind == KindHeading:
		return "heading"
	}
	return "unique"
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

// WriteArticles writes articles.jsonl: one ArticleRecord a line, sorted by ID.
func (r *Result) WriteArticles(w io.Writer) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, i := range r.byID() {
		if err := enc.Encode(r.Article(i)); err != nil {
			return fmt.Errorf("write article %s: %w", r.Docs[i].ID, err)
		}
	}
	return bw.Flush()
}

// StoriesFile returns the content of stories.json.
func (r *Result) StoriesFile() StoriesFile {
	f := StoriesFile{Stories: make([]StoryRecord, len(r.Stories))}
	for si, s := range r.Stories {
		rec := StoryRecord{ID: s.ID, Canonical: r.Docs[s.Canonical].ID, Size: len(s.Members)}
		for _, m := range s.Members {
			d := r.Docs[m]
			rec.Members = append(rec.Members, MemberRecord{
				ID: d.ID, Title: d.Title, Date: d.DateText, Source: d.Source,
				Similarity: round4(r.Similarity[m]),
			})
		}
		f.Stories[si] = rec
	}
	return f
}

// WriteStories writes stories.json, indented.
func (r *Result) WriteStories(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r.StoriesFile()); err != nil {
		return fmt.Errorf("write stories: %w", err)
	}
	return nil
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
