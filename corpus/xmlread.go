package corpus

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// The XML side of the agency formats: one decoder per file, the root
// element telling NewsML-G2 from NITF, and the errors.

// errStopFile tells readXML that the file cannot be read further; the
// problem is in xmlFile.failErr.
var errStopFile = errors.New("corpus: stop reading the file")

// xmlFile is the state of reading one NewsML-G2 or NITF file.
type xmlFile struct {
	r        *reader
	dec      *xml.Decoder
	in       *budget
	sink     *itemSink
	itemLine int // where the item being read starts
	failLine int
	failErr  error
}

// newXMLDecoder returns the decoder of a file: strict, knowing the HTML
// entities (&nbsp; &oslash; …) besides XML's, and the Latin encodings.
func newXMLDecoder(r io.Reader) *xml.Decoder {
	dec := xml.NewDecoder(r)
	dec.Strict = true
	dec.Entity = xml.HTMLEntity
	dec.CharsetReader = charsetReader
	return dec
}

// charsetReader decodes the encodings an XML prolog may declare besides
// UTF-8: ISO-8859-1 (read as Windows-1252, its superset, as browsers do),
// Windows-1252 and ISO-8859-15. Others are an ErrNotUTF8.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return in, nil
	case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "windows-1252", "cp1252", "x-cp1252":
		return charmap.Windows1252.NewDecoder().Reader(in), nil
	case "iso-8859-15", "iso8859-15", "iso_8859-15", "latin9", "latin-9":
		return charmap.ISO8859_15.NewDecoder().Reader(in), nil
	}
	return nil, problem(ErrNotUTF8, "unsupported encoding %q: want UTF-8, ISO-8859-1, ISO-8859-15 or Windows-1252", shortText(label))
}

// readXML reads the NewsML-G2 or NITF file whose bytes in reads (after any
// byte order mark) and hands its items to sink.
func (r *reader) readXML(in *budget, sink *itemSink) error {
	x := &xmlFile{r: r, dec: newXMLDecoder(in), in: in, sink: sink}
	err := x.read()
	if err == errStopFile {
		if err := sink.flush(true); err != nil {
			return err
		}
		return r.bad(sink.path, x.failLine, x.failErr)
	}
	if err != nil {
		return err
	}
	return sink.finish()
}

// read reads the file from its root element to its end.
func (x *xmlFile) read() error {
	root, line, off, err := x.root()
	if err != nil {
		return err
	}
	switch root.Name.Local {
	case "newsMessage":
		err = x.newsMessage()
	case "newsItem":
		err = x.newsItem(root, line, off)
	case "packageItem":
		err = x.dec.Skip() // it references items and has no body
		if err != nil {
			err = x.failDecode(err)
		}
	case "nitf":
		err = x.nitf(root, line, off)
	default:
		return x.fail(line, problem(ErrUnsupportedFile,
			"root element <%s> is neither NewsML-G2 (newsMessage, newsItem, packageItem) nor NITF (nitf)", shortText(root.Name.Local)))
	}
	if err != nil {
		return err
	}
	return x.end()
}

// next returns the next token with the line and offset where it starts,
// and lets the decoder read one more item's worth of bytes.
func (x *xmlFile) next() (tok xml.Token, line int, off int64, err error) {
	x.in.allow(x.r.max)
	line, _ = x.dec.InputPos()
	off = x.dec.InputOffset()
	x.itemLine = line
	tok, err = x.dec.Token()
	return tok, line, off, err
}

// root returns the root element.
func (x *xmlFile) root() (xml.StartElement, int, int64, error) {
	for {
		tok, line, off, err := x.next()
		if err == io.EOF {
			return xml.StartElement{}, 0, 0, x.fail(line, problem(ErrInvalidXML, "invalid XML: no root element"))
		}
		if err != nil {
			return xml.StartElement{}, 0, 0, x.failDecode(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t, line, off, nil
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return xml.StartElement{}, 0, 0, x.fail(textLine(line, t), problem(ErrUnsupportedFile, "text before the root element: not XML"))
			}
		}
	}
}

// end reads what follows the root element: comments and white space only.
func (x *xmlFile) end() error {
	for {
		tok, line, _, err := x.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return x.failDecode(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return x.fail(line, problem(ErrInvalidXML, "invalid XML: element <%s> after the root element", shortText(t.Name.Local)))
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return x.fail(textLine(line, t), problem(ErrInvalidXML, "invalid XML: text after the root element"))
			}
		}
	}
}

// textLine returns the line of the first non-space byte of text, which
// starts at line.
func textLine(line int, text []byte) int {
	lead := text[:len(text)-len(bytes.TrimLeft(text, " \t\r\n"))]
	return line + bytes.Count(lead, []byte{'\n'})
}

// decodeItem decodes the item that start began at offset off into v. It
// returns a problem for an item larger than MaxBytes, and errStopFile when
// the file cannot be read further.
func (x *xmlFile) decodeItem(v any, start xml.StartElement, off int64) (tooLarge error, err error) {
	if err := x.dec.DecodeElement(v, &start); err != nil {
		return nil, x.failDecode(err)
	}
	if x.dec.InputOffset()-off > int64(x.r.max) {
		return x.tooLarge(), nil
	}
	return nil, nil
}

func (x *xmlFile) tooLarge() error {
	return problem(ErrItemTooLarge, "item larger than %d bytes", x.r.max)
}

// fail records the problem that ends the reading of the file, at line.
func (x *xmlFile) fail(line int, err error) error {
	x.failLine, x.failErr = line, err
	return errStopFile
}

// failDecode turns an error of the decoder into the end of the file: an
// I/O error as it is (it stops Read), anything else a problem at its line.
func (x *xmlFile) failDecode(err error) error {
	if x.in.err != nil {
		return fmt.Errorf("read %s: %w", x.sink.path, x.in.err)
	}
	line, _ := x.dec.InputPos()
	if errors.Is(err, errOverBudget) {
		return x.fail(x.itemLine, x.tooLarge())
	}
	if p, ok := errors.AsType[*detailError](err); ok { // from charsetReader
		return x.fail(line, p)
	}
	if se, ok := errors.AsType[*xml.SyntaxError](err); ok {
		line = se.Line
		if se.Msg == "invalid UTF-8" {
			return x.fail(line, &detailError{msg: "not UTF-8 text (declare the encoding in the XML prolog)",
				errs: []error{ErrNotUTF8, ErrInvalidXML, se}})
		}
		return x.fail(line, problemCause(ErrInvalidXML, se, "invalid XML: %s", se.Msg))
	}
	return x.fail(line, problemCause(ErrInvalidXML, err, "invalid XML: %v", strings.TrimPrefix(err.Error(), "xml: ")))
}

// markup is an element kept as its inner XML, to read as text later.
type markup struct {
	Inner string `xml:",innerxml"`
}

// line returns the element's text on one line.
func (m markup) line() (string, error) {
	if m.Inner == "" {
		return "", nil
	}
	return markupLine(m.Inner)
}

// firstLine returns the text of the first of ms that has some, on one line.
func firstLine(ms []markup) (string, error) {
	for _, m := range ms {
		s, err := m.line()
		if s != "" || err != nil {
			return s, err
		}
	}
	return "", nil
}
