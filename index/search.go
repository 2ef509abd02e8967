package index

import (
	"cmp"
	"context"
	"fmt"
	"html"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
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

// hitPage is how many hits are fetched at first while grouping (a
// variable for tests).
var hitPage = 256

// Search runs a query and groups its hits by story: one result per story,
// in order of its best hit (bleve has no field collapse). Pages count
// stories: page p holds the stories ranked (p−1)·Limit+1 … p·Limit, so
// that no story appears on two pages. Hits of equal score are ranked by
// id, so that the same index gives the same page whatever the order its
// segments were merged in.
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
	g, err := x.rankedHits(ctx, q, want, &res.Hits)
	if err != nil {
		return nil, err
	}
	lo := min(len(g.order), (r.Page-1)*r.Limit)
	hi := min(len(g.order), r.Page*r.Limit)
	res.More = len(g.order) > hi
	for _, id := range g.order[lo:hi] {
		res.Stories = append(res.Stories, *g.byStory[id])
	}
	if err := x.describe(res.Stories); err != nil {
		return nil, err
	}
	return res, x.highlight(ctx, q, res.Stories)
}

// storyGroups are hits grouped by story, in order of each story's best hit.
type storyGroups struct {
	order   []string
	byStory map[string]*StoryHit
}

// add adds hits, ranked, and their stories (from the dedupe state).
func (g *storyGroups) add(hits []*search.DocumentMatch, stories []string) {
	for i, h := range hits {
		story := stories[i]
		if story == "" { // not in the state: bleve lags it, or check has more to say
			story = "?" + h.ID
		}
		s, ok := g.byStory[story]
		if !ok {
			s = &StoryHit{Story: story, Best: h.ID, Score: h.Score}
			g.byStory[story] = s
			g.order = append(g.order, story)
		}
		s.Matched = append(s.Matched, h.ID)
	}
}

// rankedHits groups the best hits of q by story, until want stories (or
// every hit) are in, and sets *total to the number of hits. It asks bleve
// for the best hits by score alone, which bleve collects without reading
// each match's id, and ranks equal scores by id itself. When the hits
// fetched end inside a run of equal scores, which of that run are in
// would depend on the order bleve met them, so the run is left out: the
// hits kept are all those above a score. When they hold too few stories,
// it asks for more; when the whole page is one run (a query of filters
// alone, say), it asks bleve to sort by score and id instead.
func (x *Index) rankedHits(ctx context.Context, q query.Query, want int, total *uint64) (*storyGroups, error) {
	for size := hitPage; ; size *= 4 {
		req := bleve.NewSearchRequestOptions(q, size+1, 0, false) // one more, to see whether the last is tied
		sr, err := x.bleve.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		*total = sr.Total
		hits, more := sr.Hits, len(sr.Hits) > size
		if more {
			// Bleve returns them by score, best first.
			out := hits[size].Score
			hits = hits[:size]
			for len(hits) > 0 && hits[len(hits)-1].Score == out {
				hits = hits[:len(hits)-1]
			}
			if len(hits) == 0 {
				return x.sortedHits(ctx, q, want)
			}
		}
		slices.SortStableFunc(hits, func(a, b *search.DocumentMatch) int {
			return cmp.Or(cmp.Compare(b.Score, a.Score), strings.Compare(a.ID, b.ID))
		})
		g := &storyGroups{byStory: map[string]*StoryHit{}}
		if err := x.addHits(g, hits); err != nil {
			return nil, err
		}
		if !more || len(g.order) >= want {
			return g, nil
		}
	}
}

// sortedHits groups the hits of q, sorted by bleve by score and id, a
// page at a time, until want stories (or every hit) are in.
func (x *Index) sortedHits(ctx context.Context, q query.Query, want int) (*storyGroups, error) {
	g := &storyGroups{byStory: map[string]*StoryHit{}}
	for from := 0; len(g.order) < want; from += hitPage {
		req := bleve.NewSearchRequestOptions(q, hitPage, from, false)
		req.SortBy([]string{"-_score", "_id"})
		sr, err := x.bleve.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		if err := x.addHits(g, sr.Hits); err != nil {
			return nil, err
		}
		if len(sr.Hits) < hitPage {
			break
		}
	}
	return g, nil
}

// addHits adds ranked hits to g, with their stories from the dedupe state
// (reading bleve's stored story field would decompress each article).
func (x *Index) addHits(g *storyGroups, hits []*search.DocumentMatch) error {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	stories, err := x.state.StoriesOf(ids)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	g.add(hits, stories)
	return nil
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
