package corpus

import (
	"encoding/xml"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Turning a marked-up body (XHTML, NITF body.content, or HTML given as
// text, as in a CDATA section or ninjs body_html) into paragraphs.

// blockElements break paragraphs: each starts a new one and ends it. Their
// names are matched lower-cased, in any namespace.
var blockElements = map[string]bool{
	"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"hl1": true, "hl2": true, "li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true,
	"blockquote": true, "bq": true, "pre": true, "div": true, "section": true, "article": true,
	"header": true, "footer": true, "aside": true, "main": true, "figure": true, "figcaption": true,
	"table": true, "tr": true, "caption": true, "hr": true, "address": true, "body": true, "html": true,
	"nitf": true, "body.content": true, "block": true, "note": true, "fn": true,
	"media": true, "media-caption": true,
}

// cellElements are separated from their neighbours by a space.
var cellElements = map[string]bool{"td": true, "th": true, "br": true}

// skipElements are dropped with what they hold: page furniture, scripts,
// and NITF's metadata inside an embedded <nitf> (its head, body.head with
// the headline already in Title, body.end with the tagline).
var skipElements = map[string]bool{
	"head": true, "title": true, "script": true, "style": true, "noscript": true, "template": true,
	"iframe": true, "object": true, "svg": true, "math": true,
	"body.head": true, "body.end": true,
	"media-reference": true, "media-object": true, "media-metadata": true,
}

// paraBuilder gathers paragraphs from text in pieces, collapsing white
// space (no-break spaces included) to single spaces.
type paraBuilder struct {
	paras []string
	cur   []byte
	space bool // a space is due before the next non-space text
}

// text adds s to the current paragraph.
func (b *paraBuilder) text(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) {
			b.space = len(b.cur) > 0
			continue
		}
		if b.space {
			b.cur = append(b.cur, ' ')
			b.space = false
		}
		b.cur = utf8.AppendRune(b.cur, r)
	}
}

// flush ends the current paragraph, if it holds any text.
func (b *paraBuilder) flush() {
	if len(b.cur) > 0 {
		b.paras = append(b.paras, string(b.cur))
	}
	b.cur, b.space = b.cur[:0], false
}

// body returns the paragraphs so far joined by blank lines.
func (b *paraBuilder) body() string {
	b.flush()
	return strings.Join(b.paras, "\n\n")
}

// newMarkupDecoder returns a decoder for XML text already checked by the
// file's decoder (the inner XML of an element): strict, with the HTML
// entities.
func newMarkupDecoder(s string) *xml.Decoder {
	dec := xml.NewDecoder(strings.NewReader(s))
	dec.Strict = true
	dec.Entity = xml.HTMLEntity
	return dec
}

// newHTMLDecoder returns a lenient decoder for HTML given as text: not
// strict, with HTML's entities and its elements that need no end tag.
func newHTMLDecoder(s string) *xml.Decoder {
	dec := xml.NewDecoder(strings.NewReader(s))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	return dec
}

// markupBody returns the body held by inner, the inner XML of an element:
// its paragraphs joined by blank lines. Inner XML of text alone (escaped,
// or in a CDATA section) is read as HTML when it holds markup, else as
// plain text split at blank lines.
func markupBody(inner string) (string, error) {
	if text, ok := textOnly(inner); ok {
		if holdsMarkup([]byte(text)) {
			return htmlBody(text)
		}
		return plainBody(text), nil
	}
	var b paraBuilder
	err := walkMarkup(newMarkupDecoder(inner), &b, false)
	return b.body(), err
}

// textOnly returns the text of the inner XML inner, and whether it holds
// no element.
func textOnly(inner string) (string, bool) {
	if !strings.ContainsAny(inner, "<&") {
		return inner, true
	}
	dec := newMarkupDecoder(inner)
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			return text.String(), err == io.EOF
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return "", false
		case xml.CharData:
			text.Write(t)
		}
	}
}

// htmlBody returns the body held by the HTML text s.
func htmlBody(s string) (string, error) {
	var b paraBuilder
	err := walkMarkup(newHTMLDecoder(s), &b, true)
	return b.body(), err
}

// markupLine returns the text of the inner XML inner on one line: a
// headline or credit line, tags stripped and white space collapsed.
func markupLine(inner string) (string, error) {
	var b paraBuilder
	err := walkMarkup(newMarkupDecoder(inner), &b, false)
	b.flush()
	return strings.Join(b.paras, " "), err
}

// walkMarkup reads dec to its end and adds the text it holds to b: each
// block element (blockElements) is a paragraph, <br> and table cells a
// space, skipElements are dropped, and other tags are stripped. html says
// dec reads HTML given as text, whose errors are described as such.
func walkMarkup(dec *xml.Decoder, b *paraBuilder, html bool) error {
	for {
		tok, err := nextToken(dec, html)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if html {
				return problemCause(ErrInvalidXML, err, "bad HTML in the body: %v", err)
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			switch {
			case skipElements[name]:
				if err := skipElement(dec, t.Name.Local, html); err != nil {
					return err
				}
			case blockElements[name]:
				b.flush()
			case cellElements[name]:
				b.text(" ")
			}
		case xml.EndElement:
			name := strings.ToLower(t.Name.Local)
			switch {
			case blockElements[name]:
				b.flush()
			case cellElements[name]:
				b.text(" ")
			}
		case xml.CharData:
			b.text(string(t))
		}
	}
}

// nextToken returns dec's next token. HTML is read token by token as
// written (RawToken), so that a stray end tag is no error.
func nextToken(dec *xml.Decoder, html bool) (xml.Token, error) {
	if html {
		return dec.RawToken()
	}
	return dec.Token()
}

// skipElement reads past the end of the element name just started. In
// HTML, where elements such as <meta> have no end tag, only the elements
// of the same name are counted.
func skipElement(dec *xml.Decoder, name string, html bool) error {
	if !html {
		return dec.Skip()
	}
	for depth := 1; depth > 0; {
		tok, err := dec.RawToken()
		if err != nil {
			if err == io.EOF {
				return nil // an element left open at the end of HTML text
			}
			return problemCause(ErrInvalidXML, err, "bad HTML in the body: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if strings.EqualFold(t.Name.Local, name) {
				depth++
			}
		case xml.EndElement:
			if strings.EqualFold(t.Name.Local, name) {
				depth--
			}
		}
	}
	return nil
}

// holdsMarkup reports whether text looks like HTML: "<" followed by a
// letter, "/" or "!".
func holdsMarkup(text []byte) bool {
	for i := 0; i+1 < len(text); i++ {
		if text[i] != '<' {
			continue
		}
		if c := text[i+1]; c == '/' || c == '!' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			return true
		}
	}
	return false
}
