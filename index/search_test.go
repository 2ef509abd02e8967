package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/neardup/neardup/corpus"
)

// TestSearchRanksTiesByID pins the order of hits of equal score: by id,
// whatever the order bleve holds them in, on every page, both when the
// fetched hits end inside a run of equal scores (text queries) and when
// they are all one run (a query of a filter alone).
func TestSearchRanksTiesByID(t *testing.T) {
	defer func(n int) { hitPage = n }(hitPage)
	hitPage = 8
	x, _ := openTemp(t)
	// 40 stories of equal length: "vandstand" 3 times in 5 of them, twice
	// in 15, once in 20, so three runs of equal scores. Added in reverse
	// order of id, so that bleve's order is not the ids'.
	var arts []corpus.Article
	tf := map[string]int{}
	for i := 39; i >= 0; i-- {
		id := fmt.Sprintf("a%02d", i)
		n := 1
		if i%8 == 0 {
			n = 3
		} else if i%8 < 4 {
			n = 2
		}
		tf[id] = n
		words := []string{}
		for k := range 9 - n {
			words = append(words, fmt.Sprintf("ord%sx%d", strings.Repeat(string(rune('a'+i%26)), 1+i/26), k))
		}
		for range n {
			words = append(words, "vandstand")
		}
		arts = append(arts, corpus.Article{ID: id, Lang: "da", Source: "ritzau", Title: "Nyt fra byen",
			Body: strings.Join(words, " ") + "."})
	}
	if _, err := x.Add(context.Background(), corpus.Slice(arts), AddOptions{BatchSize: 7}); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, len(arts))
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	slices.Sort(ids)
	byScore := slices.Clone(ids)
	slices.SortStableFunc(byScore, func(a, b string) int { return tf[b] - tf[a] })
	for _, tc := range []struct {
		query string
		want  []string // article ids, in the order of their stories
	}{
		{"vandstand", byScore},
		{"source:ritzau", ids},
	} {
		var got []string
		for page := 1; ; page++ {
			res, err := x.Search(context.Background(), SearchRequest{Query: tc.query, Limit: 6, Page: page})
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range res.Stories {
				got = append(got, s.Best)
			}
			if !res.More {
				break
			}
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%q: the stories' best hits, page by page (-want +got):\n%s", tc.query, diff)
		}
	}
}

// TestQueryCopiesByAnalysis checks that the languages whose analysers
// make the same terms of a query share one copy of it: every language for
// a word no stemmer changes and for a query without text, several for a
// word the Danish stemmer cuts and the English one does not.
func TestQueryCopiesByAnalysis(t *testing.T) {
	all := [][]string{docTypes}
	for _, tc := range []struct {
		query string
		want  func([][]string) bool
	}{
		{"havn", func(g [][]string) bool { return cmp.Equal(g, all) }},
		{"source:ritzau", func(g [][]string) bool { return cmp.Equal(g, all) }},
		{`title:"havn kaj" -body:kaj`, func(g [][]string) bool { return cmp.Equal(g, all) }},
		{"oversvømmelserne", func(g [][]string) bool {
			return len(g) > 1 && !slices.ContainsFunc(g, func(types []string) bool {
				return slices.Contains(types, "da") && slices.Contains(types, "en")
			})
		}},
	} {
		tg, err := typeGroups(tc.query)
		if err != nil {
			t.Fatal(err)
		}
		var groups [][]string
		for _, g := range tg {
			groups = append(groups, g.types)
		}
		if !tc.want(groups) {
			t.Errorf("%q: copies for %v", tc.query, groups)
		}
	}
}
