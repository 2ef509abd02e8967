package index

import (
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/neardup/neardup/text"
)

// textFields are the fields an unqualified query term searches.
var textFields = []string{FieldTitle, FieldBody}

// buildQuery turns a query string into the query run on the index. Bleve
// analyses a field's query text with one analyser, but every language has
// its own stemmer: so the query is parsed once per language, its text
// terms are analysed with that language's analyser (an unqualified term
// searches title and body), and each copy is restricted to the articles of
// its language. The filters are added as conjuncts.
func buildQuery(qs string, f Filter) (query.Query, error) {
	if err := checkBrackets(qs); err != nil {
		return nil, fmt.Errorf("query %q: %w", qs, err)
	}
	var perLang []query.Query
	for _, typ := range docTypes {
		q, err := query.NewQueryStringQuery(qs).Parse()
		if err != nil {
			return nil, fmt.Errorf("query %q: %w (%w)", qs, ErrQuerySyntax, err)
		}
		perLang = append(perLang, ofType(typ, rewrite(q, langAnalyzers[typ])))
	}
	var q query.Query = bleve.NewDisjunctionQuery(perLang...)
	filters := f.queries()
	if len(filters) == 0 {
		return q, nil
	}
	return bleve.NewConjunctionQuery(append([]query.Query{q}, filters...)...), nil
}

// ofType restricts q to the articles of a document type, the analyser
// that indexed them: their language's, or for "other" the standard one
// (articles of no language neardup analyses: their lang field holds the
// code given, or nothing). An index written before the doctype field
// existed holds it for none of its articles; there the languages are told
// by lang, and articles of other languages are not found.
func ofType(typ string, q query.Query) query.Query {
	field := FieldLang
	if typ == "other" {
		field = FieldDocType
	}
	t := bleve.NewTermQuery(typ)
	t.SetField(field)
	return bleve.NewConjunctionQuery(t, q)
}

// checkBrackets reports unbalanced parentheses outside quotes. Bleve's
// query syntax has no grouping, so "(((" or "title:(unclosed" would search
// for nothing and say "no matches": it is a mistake to report instead.
func checkBrackets(qs string) error {
	depth, quoted := 0, false
	for i := 0; i < len(qs); i++ {
		switch c := qs[i]; {
		case c == '\\':
			i++ // an escaped character
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '(':
			depth++
		case c == ')':
			if depth--; depth < 0 {
				return fmt.Errorf("%w: unbalanced ')' at byte %d", ErrQuerySyntax, i)
			}
		}
	}
	if depth > 0 {
		return fmt.Errorf("%w: unclosed '(' (the query syntax has no grouping)", ErrQuerySyntax)
	}
	return nil
}

// rewrite sets the analyser of the text terms of q and expands the terms
// without a field to title and body.
func rewrite(q query.Query, analyzer string) query.Query {
	switch t := q.(type) {
	case *query.BooleanQuery:
		t.Must = rewrite(t.Must, analyzer)
		t.Should = rewrite(t.Should, analyzer)
		t.MustNot = rewrite(t.MustNot, analyzer)
	case *query.ConjunctionQuery:
		for i := range t.Conjuncts {
			t.Conjuncts[i] = rewrite(t.Conjuncts[i], analyzer)
		}
	case *query.DisjunctionQuery:
		for i := range t.Disjuncts {
			t.Disjuncts[i] = rewrite(t.Disjuncts[i], analyzer)
		}
	case *query.MatchQuery:
		if t.FieldVal == "" {
			return perField(func(f string) query.Query { c := *t; c.FieldVal, c.Analyzer = f, analyzer; return &c })
		}
		if isText(t.FieldVal) {
			t.Analyzer = analyzer
		}
	case *query.MatchPhraseQuery:
		if t.FieldVal == "" {
			return perField(func(f string) query.Query { c := *t; c.FieldVal, c.Analyzer = f, analyzer; return &c })
		}
		if isText(t.FieldVal) {
			t.Analyzer = analyzer
		} else if isKeyword(t.FieldVal) {
			// A keyword field keeps no positions, so a phrase never
			// matches it: source:"Ritzau Fiktiv" means the whole value.
			term := bleve.NewTermQuery(t.MatchPhrase)
			term.SetField(t.FieldVal)
			term.SetBoost(t.Boost())
			return term
		}
	case *query.WildcardQuery:
		if t.FieldVal == "" {
			return perField(func(f string) query.Query { c := *t; c.FieldVal = f; return &c })
		}
	case *query.RegexpQuery:
		if t.FieldVal == "" {
			return perField(func(f string) query.Query { c := *t; c.FieldVal = f; return &c })
		}
	}
	return q
}

func isText(field string) bool { return field == FieldTitle || field == FieldBody }

// isKeyword reports a field indexed whole, as one term (see langMapping).
func isKeyword(field string) bool {
	switch field {
	case FieldSource, FieldLang, FieldCredits, FieldStory, FieldStatus, FieldGUID:
		return true
	}
	return false
}

// perField is the disjunction of one query per text field.
func perField(build func(field string) query.Query) query.Query {
	qs := make([]query.Query, len(textFields))
	for i, f := range textFields {
		qs[i] = build(f)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// Filter narrows a search. Zero fields do not filter.
type Filter struct {
	// Lang keeps the articles of one language (da, nb, sv, en; "no" is
	// nb).
	Lang text.Lang
	// Source keeps the articles of one source, exactly as written.
	Source string
	// Since and Until keep the articles dated in [Since, Until]; articles
	// without a date are left out when either is set.
	Since, Until time.Time
}

// queries returns the filter as conjuncts.
func (f Filter) queries() []query.Query {
	var qs []query.Query
	if f.Lang != "" {
		q := bleve.NewTermQuery(docType(f.Lang))
		q.SetField(FieldLang)
		qs = append(qs, q)
	}
	if f.Source != "" {
		q := bleve.NewTermQuery(f.Source)
		q.SetField(FieldSource)
		qs = append(qs, q)
	}
	if !f.Since.IsZero() || !f.Until.IsZero() {
		yes := true
		q := bleve.NewDateRangeInclusiveQuery(f.Since, f.Until, &yes, &yes)
		q.SetField(FieldDate)
		qs = append(qs, q)
	}
	return qs
}
