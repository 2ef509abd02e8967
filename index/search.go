package index

import (
	"context"
	"fmt"
	"html"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// SearchRequest is a search by story.
type SearchRequest struct {
	// Query is in bleve's query string syntax: words, "phrases", +must,
	// -not, field:value (title, body, source, lang, story, status,
	// credits, canonical), date:>"2024-01-01", fuzzy~ and wild*cards.
	Query string
	Filter
	// Limit is the number of stories per page; zero means 10.
	Limit int
	// Page is the page of stories, from 1; zero means 1.
	Page int
}

// SearchResult is one page of stories.
type SearchResult struct {
	// Stories are the stories of the page, in order of their best hit.
	Stories []StoryHit
	// Hits is the number of matching articles (all pages).
	Hits uint64
	// More is set when a later page has stories.
	More bool
}

// StoryHit is one story that matched.
type StoryHit struct {
	Story string
	// Title, Date and Source are the canonical version's.
	Title, Date, Source string
	// Versions is the number of versions of the story, matched or not.
	Versions int
	// Best is the id of its best-scoring matching version, Score that
	// score and Fragment a piece of its body with the matched terms
	// between Mark and EndMark.
	Best     string
	Score    float64
	Fragment string
	// Matched are the ids of its versions that match, best first.
	Matched []string
	// All lists every version (canonical first), for --versions.
	All []Version
}

// Version is one version of a story.
type Version struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Date      string `json:"date,omitempty"`
	Source    string `json:"source,omitempty"`
	Canonical bool   `json:"canonical"`
	Matched   bool   `json:"matched"`
}

// Markers around a highlighted term in StoryHit.Fragment.
const (
	Mark    = "\x02"
	EndMark = "\x03"
)

// hitPage is how many hits are fetched at a time while grouping.
const hitPage = 256

// Search runs a query and groups its hits by story: one result per story,
// in order of its best hit (bleve has no field collapse). Pages count
// stories: page p holds the stories ranked (p−1)·Limit+1 … p·Limit, so
// that no story appears on two pages.
func (x *Index) Search(ctx context.Context, r SearchRequest) (_ *SearchResult, err error) {
	defer guard(x.dir, &err)
	if r.Limit <= 0 {
		r.Limit = 10
	}
	if r.Page <= 0 {
		r.Page = 1
	}
	q, err := buildQuery(r.Query, r.Filter)
	if err != nil {
		return nil, err
	}
	want := r.Page*r.Limit + 1 // one more, to know whether there is a next page
	res := &SearchResult{}
	var order []string
	byStory := map[string]*StoryHit{}
	for from := 0; len(order) < want; from += hitPage {
		req := bleve.NewSearchRequestOptions(q, hitPage, from, false)
		req.SortBy([]string{"-_score", "_id"})
		req.Fields = []string{FieldStory}
		sr, err := x.bleve.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		res.Hits = sr.Total
		for _, h := range sr.Hits {
			story, _ := h.Fields[FieldStory].(string) // always stored; an article without one is its own story
			if story == "" {
				story = "?" + h.ID
			}
			s, ok := byStory[story]
			if !ok {
				s = &StoryHit{Story: story, Best: h.ID, Score: h.Score}
				byStory[story] = s
				order = append(order, story)
			}
			s.Matched = append(s.Matched, h.ID)
		}
		if len(sr.Hits) < hitPage {
			break
		}
	}
	lo := min(len(order), (r.Page-1)*r.Limit)
	hi := min(len(order), r.Page*r.Limit)
	res.More = len(order) > hi
	for _, id := range order[lo:hi] {
		res.Stories = append(res.Stories, *byStory[id])
	}
	if err := x.describe(res.Stories); err != nil {
		return nil, err
	}
	return res, x.highlight(ctx, q, res.Stories)
}

// describe fills in each story's canonical version and versions from the
// dedupe state.
func (x *Index) describe(stories []StoryHit) error {
	for i := range stories {
		s := &stories[i]
		info, err := x.state.Story(s.Story)
		if err != nil {
			return err
		}
		if info == nil {
			return fmt.Errorf("search: story %s of %s is not in the dedupe state (run neardup check)", s.Story, s.Best)
		}
		c := info.Canonical
		s.Title, s.Date, s.Source, s.Versions = c.Title, c.DateText, c.Source, len(info.Members)
		matched := map[string]bool{}
		for _, id := range s.Matched {
			matched[id] = true
		}
		for _, m := range info.Members {
			s.All = append(s.All, Version{ID: m.ID, Title: m.Title, Date: m.DateText, Source: m.Source,
				Canonical: m == c, Matched: matched[m.ID]})
		}
	}
	return nil
}

// highlight fetches a highlighted body fragment of each story's best hit,
// in one more search restricted to those articles.
func (x *Index) highlight(ctx context.Context, q query.Query, stories []StoryHit) error {
	if len(stories) == 0 {
		return nil
	}
	ids := make([]string, len(stories))
	for i, s := range stories {
		ids[i] = s.Best
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(q, bleve.NewDocIDQuery(ids)), len(ids), 0, false)
	req.Highlight = bleve.NewHighlightWithStyle("html")
	req.Highlight.AddField(FieldBody)
	sr, err := x.bleve.SearchInContext(ctx, req)
	if err != nil {
		return fmt.Errorf("search: highlight: %w", err)
	}
	frag := map[string]string{}
	for _, h := range sr.Hits {
		if fs := h.Fragments[FieldBody]; len(fs) > 0 {
			frag[h.ID] = plainFragment(fs[0])
		}
	}
	for i := range stories {
		stories[i].Fragment = frag[stories[i].Best]
	}
	return nil
}

// plainFragment turns bleve's HTML fragment into text with Mark and
// EndMark around the matched terms, on one line.
func plainFragment(s string) string {
	s = strings.NewReplacer("<mark>", Mark, "</mark>", EndMark).Replace(s)
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}
