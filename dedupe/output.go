package dedupe

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
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

// WriteArticles writes articles.jsonl: one ArticleRecord a line, sorted by
// ID, as encoding/json would write it without HTML escaping.
func (r *Result) WriteArticles(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	var line []byte
	for _, i := range r.byID() {
		rec := r.Article(i)
		line = rec.appendJSON(line[:0])
		if _, err := bw.Write(line); err != nil {
			return fmt.Errorf("write article %s: %w", r.Docs[i].ID, err)
		}
	}
	return bw.Flush()
}

// appendJSON appends the record as one line of JSON, byte for byte what
// encoding/json writes with SetEscapeHTML(false), without reflection.
func (a *ArticleRecord) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, a.ID)
	b = append(b, `,"story":`...)
	b = appendJSONString(b, a.Story)
	b = append(b, `,"canonical":`...)
	b = strconv.AppendBool(b, a.Canonical)
	b = append(b, `,"similarity":`...)
	b = appendJSONFloat(b, a.Similarity)
	b = append(b, `,"lang":`...)
	b = appendJSONString(b, a.Lang)
	b = append(b, `,"credits":[`...)
	for i, c := range a.Credits {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, c)
	}
	b = append(b, `],"paragraphs":[`...)
	for i, p := range a.Paragraphs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"index":`...)
		b = strconv.AppendInt(b, int64(p.Index), 10)
		b = append(b, `,"status":`...)
		b = appendJSONString(b, p.Status)
		b = append(b, `,"matches":[`...)
		for j, m := range p.Matches {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"id":`...)
			b = appendJSONString(b, m.ID)
			b = append(b, `,"index":`...)
			b = strconv.AppendInt(b, int64(m.Index), 10)
			b = append(b, `,"similarity":`...)
			b = appendJSONFloat(b, m.Similarity)
			b = append(b, '}')
		}
		b = append(b, "]}"...)
	}
	return append(b, "]}\n"...)
}

// appendJSONString appends s as a JSON string as encoding/json does with
// HTML escaping off: quotes, backslashes and control characters escaped,
// invalid UTF-8 replaced by U+FFFD, and U+2028/U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendJSONFloat appends f as encoding/json formats a float64 in the
// range output uses (similarities in [0, 1]).
func appendJSONFloat(b []byte, f float64) []byte {
	abs := math.Abs(f)
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		b = strconv.AppendFloat(b, f, 'e', -1, 64)
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1] // e-07 → e-7, as encoding/json writes it
			b = b[:n-1]
		}
		return b
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64)
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
