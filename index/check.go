package index

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/neardup/neardup/state"
)

// CheckReport is what Check found.
type CheckReport struct {
	Articles int // in the dedupe state
	Indexed  int // documents in bleve
	Stories  int
	// Problems lists each disagreement or inconsistency found (at most a
	// few dozen); empty when the index is sound.
	Problems []string
}

// maxCheckProblems bounds the disagreements listed.
const maxCheckProblems = 50

// Check verifies that the index is sound: the dedupe state is consistent
// (see state.Store.Check), no batch is left pending, and bleve holds
// exactly the state's articles with the same story fields (story,
// canonical flag, paragraph statuses, language).
func (x *Index) Check(ctx context.Context) (_ *CheckReport, err error) {
	defer guard(x.dir, &err)
	rep := &CheckReport{}
	problems, err := x.state.Check()
	if err != nil {
		return nil, err
	}
	rep.Problems = problems
	if seq, _, err := x.state.Pending(); err != nil {
		return nil, err
	} else if seq != 0 {
		rep.Problems = append(rep.Problems, fmt.Sprintf("batch %d is committed to the dedupe state but not marked written to bleve (open the index for writing to complete it)", seq))
	}
	want := map[string]state.Article{}
	err = x.state.EachArticle(func(a state.Article) error {
		want[a.ID] = a
		return nil
	})
	if err != nil {
		return nil, err
	}
	rep.Articles = len(want)
	sizes, err := x.state.StorySizes()
	if err != nil {
		return nil, err
	}
	rep.Stories = len(sizes)
	report := func(format string, args ...any) {
		if len(rep.Problems) < maxCheckProblems {
			rep.Problems = append(rep.Problems, fmt.Sprintf(format, args...))
		}
	}
	err = x.eachIndexed(ctx, func(id string, fields map[string]interface{}) {
		rep.Indexed++
		a, ok := want[id]
		if !ok {
			report("%s is in bleve but not in the dedupe state", id)
			return
		}
		delete(want, id)
		got, names := indexedState(fields), statusNames(a.Statuses)
		if got.Story != a.Story || got.Canonical != a.Canonical || !slices.Equal(got.Statuses, names) || got.Lang != docType(a.Lang) {
			report("%s: bleve has story %s canonical %v lang %s statuses %s; the state has %s %v %s %s", id,
				got.Story, got.Canonical, got.Lang, strings.Join(got.Statuses, ","),
				a.Story, a.Canonical, docType(a.Lang), strings.Join(names, ","))
		}
	})
	if err != nil {
		return nil, err
	}
	missing := make([]string, 0, len(want))
	for id := range want {
		missing = append(missing, id)
	}
	slices.Sort(missing)
	for _, id := range missing {
		report("%s is in the dedupe state but not in bleve", id)
	}
	return rep, nil
}

// indexed is what bleve stores of an article's story fields.
type indexed struct {
	Story, Lang string
	Canonical   bool
	Statuses    []string
}

func indexedState(fields map[string]interface{}) indexed {
	var s indexed
	s.Story, _ = fields[FieldStory].(string)       // missing: compared as ""
	s.Lang, _ = fields[FieldLang].(string)         // missing: compared as ""
	s.Canonical, _ = fields[FieldCanonical].(bool) // missing: false
	switch v := fields[FieldStatus].(type) {
	case string:
		s.Statuses = []string{v}
	case []interface{}:
		for _, x := range v {
			str, _ := x.(string) // stored statuses are strings
			s.Statuses = append(s.Statuses, str)
		}
	}
	return s
}

// eachIndexed calls fn with every bleve document's id and story fields,
// in id order, a page at a time.
func (x *Index) eachIndexed(ctx context.Context, fn func(id string, fields map[string]interface{})) error {
	const page = 1000
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), page, 0, false)
		req.SortBy([]string{"_id"})
		req.Fields = []string{FieldStory, FieldCanonical, FieldStatus, FieldLang}
		if after != nil {
			req.SetSearchAfter(after)
		}
		sr, err := x.bleve.SearchInContext(ctx, req)
		if err != nil {
			return fmt.Errorf("check: read bleve: %w", err)
		}
		for _, h := range sr.Hits {
			fn(h.ID, h.Fields)
		}
		if len(sr.Hits) < page {
			return nil
		}
		after = []string{sr.Hits[len(sr.Hits)-1].ID}
	}
}
