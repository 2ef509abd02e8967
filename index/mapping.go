package index

import (
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/analysis/lang/da"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/no"
	"github.com/blevesearch/bleve/v2/analysis/lang/sv"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/neardup/neardup/text"
)

// Field names of an indexed article. Query strings use them
// ("title:storm", "source:ritzau", "story:s:x", "status:unique").
const (
	FieldTitle     = "title"     // the headline; language analyser
	FieldBody      = "body"      // the text; language analyser, stored with term vectors for highlighting
	FieldDate      = "date"      // publication time (datetime), when known
	FieldDateText  = "date_text" // the date as given (stored only)
	FieldSource    = "source"    // outlet or agency (keyword)
	FieldLang      = "lang"      // da, nb, sv, en or "" (keyword)
	FieldURL       = "url"       // stored only
	FieldGUID      = "guid"      // the agency's item id (keyword)
	FieldVersion   = "version"   // the agency's version number, as text (stored only)
	FieldDocType   = "doctype"   // the document type (da, nb, sv, en or other) whose analyser indexed it (keyword, not stored)
	FieldCredits   = "credits"   // agency credit lines (keyword)
	FieldStory     = "story"     // story id (keyword)
	FieldCanonical = "canonical" // whether it is its story's canonical version (boolean)
	FieldStatus    = "status"    // per paragraph: shared, unique, heading, boilerplate, credit (keyword)
)

// docType is the bleve document type (one mapping per language, so that
// each language's analyser stems its text) of a language; "other" uses
// the standard analyser.
func docType(l text.Lang) string {
	switch l {
	case text.Danish, text.Norwegian, text.Swedish, text.English:
		return string(l)
	}
	return "other"
}

// langAnalyzers maps each document type to its analyser.
var langAnalyzers = map[string]string{
	string(text.Danish):    da.AnalyzerName,
	string(text.Norwegian): no.AnalyzerName,
	string(text.Swedish):   sv.AnalyzerName,
	string(text.English):   en.AnalyzerName,
	"other":                standard.Name,
}

// docTypes lists the document types in a fixed order.
var docTypes = []string{"da", "nb", "sv", "en", "other"}

// bleveDoc is the document indexed for an article.
type bleveDoc struct {
	Title     string     `json:"title"`
	Body      string     `json:"body"`
	Date      *time.Time `json:"date,omitempty"`
	DateText  string     `json:"date_text"`
	Source    string     `json:"source"`
	Lang      string     `json:"lang"`
	URL       string     `json:"url"`
	GUID      string     `json:"guid,omitempty"`
	Version   string     `json:"version,omitempty"`
	Credits   []string   `json:"credits"`
	Story     string     `json:"story"`
	Canonical bool       `json:"canonical"`
	Status    []string   `json:"status"`
	// DocType is typ, indexed so that a search can keep to the articles
	// of one analyser: "other" ones have no lang value to match.
	DocType string `json:"doctype"`
	typ     string
}

// BleveType tells bleve which document mapping (language) applies.
func (d *bleveDoc) BleveType() string { return d.typ }

// newMapping returns the index mapping: one static document mapping per
// language, nothing dynamic, no _all field (unqualified query terms are
// rewritten to title and body, see rewriteQuery).
func newMapping() *mapping.IndexMappingImpl {
	im := bleve.NewIndexMapping()
	im.DefaultMapping = bleve.NewDocumentDisabledMapping()
	im.IndexDynamic, im.StoreDynamic, im.DocValuesDynamic = false, false, false
	im.DefaultAnalyzer = standard.Name
	for _, typ := range docTypes {
		im.AddDocumentMapping(typ, langMapping(langAnalyzers[typ]))
	}
	return im
}

// langMapping is the document mapping of one language.
func langMapping(analyzer string) *mapping.DocumentMapping {
	dm := bleve.NewDocumentStaticMapping()
	text := func(store, vectors bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer, f.Store, f.IncludeTermVectors = analyzer, store, vectors
		f.IncludeInAll, f.DocValues = false, false
		return f
	}
	kw := func(store bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer, f.Store = keyword.Name, store
		f.IncludeInAll, f.DocValues, f.IncludeTermVectors = false, false, false
		return f
	}
	storedOnly := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Index, f.Store, f.IncludeInAll, f.DocValues, f.IncludeTermVectors = false, true, false, false, false
		return f
	}
	dm.AddFieldMappingsAt(FieldTitle, text(true, false)) // fragments come from the body
	dm.AddFieldMappingsAt(FieldBody, text(true, true))
	date := bleve.NewDateTimeFieldMapping()
	date.Store, date.IncludeInAll, date.DocValues = true, false, false
	dm.AddFieldMappingsAt(FieldDate, date)
	dm.AddFieldMappingsAt(FieldDateText, storedOnly())
	dm.AddFieldMappingsAt(FieldURL, storedOnly())
	dm.AddFieldMappingsAt(FieldGUID, kw(true))
	dm.AddFieldMappingsAt(FieldDocType, kw(false))
	dm.AddFieldMappingsAt(FieldVersion, storedOnly())
	dm.AddFieldMappingsAt(FieldSource, kw(true))
	dm.AddFieldMappingsAt(FieldLang, kw(true))
	dm.AddFieldMappingsAt(FieldCredits, kw(true))
	dm.AddFieldMappingsAt(FieldStory, kw(true))
	dm.AddFieldMappingsAt(FieldStatus, kw(true))
	canon := bleve.NewBooleanFieldMapping()
	canon.Store, canon.IncludeInAll, canon.DocValues = true, false, false
	dm.AddFieldMappingsAt(FieldCanonical, canon)
	return dm
}
