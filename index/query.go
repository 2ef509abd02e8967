package index

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
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
// its language. Languages whose analysers make the same terms of the
// query's text (most words outside the stemmers' rules) share one copy,
// restricted to them all, or to none when they are all the languages:
// each copy costs a search of every segment. The restrictions and the
// filters do not score, so a hit's score is its text's alone.
func buildQuery(qs string, f Filter) (query.Query, error) {
	groups, err := typeGroups(qs)
	if err != nil {
		return nil, err
	}
	var copies []query.Query
	for _, g := range groups {
		q := rewrite(g.parsed, langAnalyzers[g.types[0]])
		if len(groups) > 1 {
			q = filtered(q, ofTypes(g.types))
		}
		copies = append(copies, q)
	}
	q := copies[0]
	if len(copies) > 1 {
		q = bleve.NewDisjunctionQuery(copies...)
	}
	if filters := f.queries(); len(filters) > 0 {
		q = filtered(q, bleve.NewConjunctionQuery(filters...))
	}
	return q, nil
}

// typeGroup is the document types whose analysers make the same terms of
// a query's text, with the query parsed for the group (rewrite changes it
// in place, so each group has its own).
type typeGroup struct {
	types  []string
	parsed query.Query
}

// typeGroups groups the document types by the terms their analysers make
// of the text of the query string, in the order of docTypes.
func typeGroups(qs string) ([]typeGroup, error) {
	if err := checkBrackets(qs); err != nil {
		return nil, fmt.Errorf("query %q: %w", qs, err)
	}
	var groups []typeGroup
	bySig := map[string]int{}
	for _, typ := range docTypes {
		q, err := query.NewQueryStringQuery(qs).Parse()
		if err != nil {
			return nil, fmt.Errorf("query %q: %w (%w)", qs, ErrQuerySyntax, err)
		}
		sig := textTerms(q, queryAnalyzer(langAnalyzers[typ]))
		i, ok := bySig[sig]
		if !ok {
			i = len(groups)
			bySig[sig] = i
			groups = append(groups, typeGroup{parsed: q})
		}
		groups[i].types = append(groups[i].types, typ)
	}
	return groups, nil
}

// filtered is q restricted to the documents filter matches, which adds
// nothing to their scores.
func filtered(q, filter query.Query) query.Query {
	b := bleve.NewBooleanQuery()
	b.AddMust(q)
	b.AddFilter(filter)
	return b
}

// ofTypes matches the articles of the given document types, each the
// analyser that indexed them: their language's, or for "other" the
// standard one (articles of no language neardup analyses: their lang field
// holds the code given, or nothing). An index written before the doctype
// field existed holds it for none of its articles; there the languages are
// told by lang, and articles of other languages are found only by a query
// that all languages analyse alike.
func ofTypes(types []string) query.Query {
	qs := make([]query.Query, len(types))
	for i, typ := range types {
		field := FieldLang
		if typ == "other" {
			field = FieldDocType
		}
		t := bleve.NewTermQuery(typ)
		t.SetField(field)
		qs[i] = t
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// queryAnalyzers holds the analysers of the document types, by name.
var queryAnalyzers = sync.OnceValue(func() map[string]analysis.Analyzer {
	m := newMapping()
	out := map[string]analysis.Analyzer{}
	for _, name := range langAnalyzers {
		out[name] = m.AnalyzerNamed(name)
	}
	return out
})

func queryAnalyzer(name string) analysis.Analyzer { return queryAnalyzers()[name] }

// textTerms lists the terms and positions an analyser makes of the text
// of every text query in q (match and phrase queries on title, body or
// no field), in order: two analysers that give the same list make the
// same query of q.
func textTerms(q query.Query, a analysis.Analyzer) string {
	var b strings.Builder
	add := func(field, text string) {
		if field != "" && !isText(field) {
			return
		}
		for _, t := range a.Analyze([]byte(text)) {
			fmt.Fprintf(&b, "%d:%s ", t.Position, t.Term)
		}
		b.WriteByte('|')
	}
	var walk func(q query.Query)
	walk = func(q query.Query) {
		switch t := q.(type) {
		case *query.BooleanQuery:
			for _, c := range []query.Query{t.Must, t.Should, t.MustNot, t.Filter} {
				if c != nil {
					walk(c)
				}
			}
		case *query.ConjunctionQuery:
			for _, c := range t.Conjuncts {
				walk(c)
			}
		case *query.DisjunctionQuery:
			for _, c := range t.Disjuncts {
				walk(c)
			}
		case *query.MatchQuery:
			add(t.FieldVal, t.Match)
		case *query.MatchPhraseQuery:
			add(t.FieldVal, t.MatchPhrase)
		}
	}
	walk(q)
	return b.String()
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
