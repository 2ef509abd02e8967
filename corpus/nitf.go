package corpus

import (
	"encoding/xml"
	"strings"
)

// NITF 3.x: one <nitf> document, one article. The package documentation
// lists the fields.

// nitfDoc is what Read takes from a <nitf> document. Tags name local names
// only, so elements match in any namespace, under any prefix.
type nitfDoc struct {
	Lang       string        `xml:"lang,attr"` // xml:lang
	BaseLang   string        `xml:"baselang,attr"`
	DocIDs     []nitfDocID   `xml:"head>docdata>doc-id"`
	DateIssues []nitfNorm    `xml:"head>docdata>date.issue"`
	DUKeys     []nitfDUKey   `xml:"head>docdata>du-key"`
	Copyrights []nitfHolder  `xml:"head>docdata>doc.copyright"`
	Pubdata    []nitfPubdata `xml:"head>pubdata"`
	Body       nitfBody      `xml:"body"`
}

type nitfDocID struct {
	IDString string `xml:"id-string,attr"`
	RegSrc   string `xml:"regsrc,attr"`
}

type nitfNorm struct {
	Norm string `xml:"norm,attr"`
}

type nitfDUKey struct {
	Version string `xml:"version,attr"`
}

type nitfHolder struct {
	Holder string `xml:"holder,attr"`
}

type nitfPubdata struct {
	Name string `xml:"name,attr"`
}

type nitfBody struct {
	Lang         string   `xml:"lang,attr"`
	Headlines    []markup `xml:"body.head>hedline>hl1"`
	Bylines      []markup `xml:"body.head>byline"`
	Distributors []markup `xml:"body.head>distributor"`
	Content      []markup `xml:"body.content"`
}

// nitf reads the <nitf> document that start began, at line and offset off,
// and hands it to the sink.
func (x *xmlFile) nitf(start xml.StartElement, line int, off int64) error {
	var doc nitfDoc
	tooLarge, err := x.decodeItem(&doc, start, off)
	if err != nil {
		return err
	}
	if tooLarge != nil {
		return x.sink.bad(line, tooLarge)
	}
	a, err := doc.article()
	if err != nil {
		return x.sink.bad(line, err)
	}
	return x.sink.add(a, line)
}

// article builds the Article of the document, without Origin.
func (doc *nitfDoc) article() (Article, error) {
	var a Article
	var err error
	var regsrc string
	if len(doc.DocIDs) > 0 {
		a.GUID = strings.TrimSpace(doc.DocIDs[0].IDString)
		regsrc = oneLine(doc.DocIDs[0].RegSrc)
	}
	if len(doc.DUKeys) > 0 {
		if a.Version, err = itemVersion(doc.DUKeys[0].Version, "du-key version"); err != nil {
			return Article{}, err
		}
	}
	a.ID = itemID(a.GUID, a.Version)
	if len(doc.DateIssues) > 0 {
		if err = setDate(&a, doc.DateIssues[0].Norm, "date.issue norm"); err != nil {
			return Article{}, err
		}
	}
	if len(doc.Copyrights) > 0 {
		a.Copyright = oneLine(doc.Copyrights[0].Holder)
	}
	for _, p := range doc.Pubdata {
		if a.Source = oneLine(p.Name); a.Source != "" {
			break
		}
	}
	a.Source = firstOf(a.Source, regsrc)
	a.Lang = primaryLang(firstOf(strings.TrimSpace(doc.Body.Lang), strings.TrimSpace(doc.Lang), strings.TrimSpace(doc.BaseLang)))
	b := &doc.Body
	if a.Title, err = firstLine(b.Headlines); err != nil {
		return Article{}, err
	}
	if a.Credit, err = firstLine(b.Distributors); err != nil {
		return Article{}, err
	}
	if a.Credit == "" {
		if a.Credit, err = firstLine(b.Bylines); err != nil {
			return Article{}, err
		}
	}
	var paras []string
	for _, c := range b.Content {
		body, err := markupBody(c.Inner)
		if err != nil {
			return Article{}, err
		}
		if body != "" {
			paras = append(paras, body)
		}
	}
	a.Body = strings.Join(paras, "\n\n")
	return a, nil
}
