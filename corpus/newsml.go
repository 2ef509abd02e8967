package corpus

import (
	"encoding/xml"
	"fmt"
	"strings"
)

// NewsML-G2: a newsMessage with newsItems (and packageItems) in its
// itemSet, or a bare newsItem. The package documentation lists the fields.

// g2Item is what Read takes from a newsItem. Tags name local names only,
// so elements and attributes match in any namespace, under any prefix.
type g2Item struct {
	GUID           string      `xml:"guid,attr"`
	Version        string      `xml:"version,attr"`
	Lang           string      `xml:"lang,attr"` // xml:lang
	Holders        []g2Party   `xml:"rightsInfo>copyrightHolder"`
	Class          g2Party     `xml:"itemMeta>itemClass"`
	Providers      []g2Party   `xml:"itemMeta>provider"`
	VersionCreated string      `xml:"itemMeta>versionCreated"`
	FirstCreated   string      `xml:"itemMeta>firstCreated"`
	Links          []g2Link    `xml:"itemMeta>link"`
	Languages      []g2Lang    `xml:"contentMeta>language"`
	Headlines      []markup    `xml:"contentMeta>headline"`
	Creditlines    []markup    `xml:"contentMeta>creditline"`
	InfoSources    []g2Party   `xml:"contentMeta>infoSource"`
	InlineXML      []g2Content `xml:"contentSet>inlineXML"`
	InlineData     []g2Content `xml:"contentSet>inlineData"`
}

// g2Party is a provider, infoSource or copyrightHolder.
type g2Party struct {
	QCode   string   `xml:"qcode,attr"`
	Literal string   `xml:"literal,attr"`
	Names   []markup `xml:"name"`
}

type g2Link struct {
	Rel  string `xml:"rel,attr"`
	Href string `xml:"href,attr"`
}

type g2Lang struct {
	Tag string `xml:"tag,attr"`
}

// g2Content is an inlineXML or inlineData element.
type g2Content struct {
	ContentType string `xml:"contenttype,attr"`
	Inner       string `xml:",innerxml"`
	Text        string `xml:",chardata"`
}

// newsMessage reads the items of a newsMessage, after its start tag: the
// newsItems in its itemSet (or directly under it) are articles; the
// header, packageItems and other items are skipped.
func (x *xmlFile) newsMessage() error {
	depth := 0 // of itemSet elements entered
	for {
		tok, line, off, err := x.next()
		if err != nil {
			return x.failDecode(err) // io.EOF cannot come before the root's end
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "itemSet":
				depth++
			case "newsItem":
				err = x.newsItem(t, line, off)
			default:
				if err = x.dec.Skip(); err != nil {
					err = x.failDecode(err)
				}
			}
		case xml.EndElement:
			if depth == 0 {
				return nil // the newsMessage's end
			}
			depth--
		}
		if err != nil {
			return err
		}
	}
}

// newsItem reads the newsItem that start began, at line and offset off,
// and hands it to the sink. A picture, graphic, audio or video item is
// skipped with a note.
func (x *xmlFile) newsItem(start xml.StartElement, line int, off int64) error {
	var it g2Item
	tooLarge, err := x.decodeItem(&it, start, off)
	if err != nil {
		return err
	}
	if tooLarge != nil {
		return x.sink.bad(line, tooLarge)
	}
	if isMediaClass(it.Class.QCode) {
		x.sink.skips++
		x.r.warn(fmt.Sprintf("%s:%d: newsItem of class %s has no text, skipped", x.sink.path, line, shortText(it.Class.QCode)))
		return nil
	}
	a, err := it.article()
	if err != nil {
		return x.sink.bad(line, err)
	}
	return x.sink.add(a, line)
}

// article builds the Article of the item, without Origin.
func (it *g2Item) article() (Article, error) {
	var a Article
	var err error
	a.GUID = strings.TrimSpace(it.GUID)
	if a.Version, err = itemVersion(it.Version, "newsItem version"); err != nil {
		return Article{}, err
	}
	a.ID = itemID(a.GUID, a.Version)
	if err = setDate(&a, it.VersionCreated, "versionCreated"); err != nil {
		return Article{}, err
	}
	a.FirstCreated = strings.TrimSpace(it.FirstCreated)
	for _, l := range it.Languages {
		if a.Lang = primaryLang(l.Tag); a.Lang != "" {
			break
		}
	}
	if a.Lang == "" {
		a.Lang = primaryLang(it.Lang)
	}
	for _, l := range it.Links {
		if href := strings.TrimSpace(l.Href); isWebURL(href) {
			a.URL = href
			break
		}
	}
	if a.Title, err = firstLine(it.Headlines); err != nil {
		return Article{}, err
	}
	if a.Credit, err = firstLine(it.Creditlines); err != nil {
		return Article{}, err
	}
	if a.Source, err = sourceOf(append(it.Providers, it.InfoSources...)); err != nil {
		return Article{}, err
	}
	if a.Copyright, err = holderOf(it.Holders); err != nil {
		return Article{}, err
	}
	a.Body, err = it.body()
	return a, err
}

// body returns the text of the first inlineXML, or else of the first
// inlineData (plain text split at blank lines, or HTML when its
// contenttype says so).
func (it *g2Item) body() (string, error) {
	if len(it.InlineXML) > 0 {
		return markupBody(it.InlineXML[0].Inner)
	}
	if len(it.InlineData) > 0 {
		d := it.InlineData[0]
		if strings.Contains(strings.ToLower(d.ContentType), "html") {
			return htmlBody(d.Text)
		}
		return plainBody(d.Text), nil
	}
	return "", nil
}

// sourceOf returns the Source named by the first of ps that names one:
// its qcode's code lower-cased ("nprov:RITZAU" → "ritzau"), else its
// literal, else its name.
func sourceOf(ps []g2Party) (string, error) {
	for _, p := range ps {
		if code := strings.ToLower(codeOf(p.QCode)); code != "" {
			return code, nil
		}
		if s := oneLine(p.Literal); s != "" {
			return s, nil
		}
		if s, err := firstLine(p.Names); s != "" || err != nil {
			return s, err
		}
	}
	return "", nil
}

// holderOf returns the Copyright named by the first of ps that names one:
// its literal, else its name, else its qcode's code.
func holderOf(ps []g2Party) (string, error) {
	for _, p := range ps {
		if s := oneLine(p.Literal); s != "" {
			return s, nil
		}
		if s, err := firstLine(p.Names); s != "" || err != nil {
			return s, err
		}
		if code := codeOf(p.QCode); code != "" {
			return code, nil
		}
	}
	return "", nil
}

// isWebURL reports whether s is an http or https URL.
func isWebURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// plainBody returns plain text as a body: its blank-line-separated
// paragraphs, as in a .txt file.
func plainBody(s string) string {
	return strings.Join(SplitParagraphs(strings.ReplaceAll(s, "\r\n", "\n")), "\n\n")
}
