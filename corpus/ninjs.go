package corpus

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// ninjs 1.x and 2.x: a JSON object per item; a file holds one, several
// one after another, or an array of them. The package documentation lists
// the fields.

// ninjsDoc is what Read takes from a ninjs object, 1.x and 2.x fields
// alike.
type ninjsDoc struct {
	URI             string        `json:"uri"`
	Type            string        `json:"type"`
	Version         jsonValue     `json:"version"`
	Headline        string        `json:"headline"`
	Headlines       []ninjsText   `json:"headlines"`
	BodyHTML        string        `json:"body_html"`
	BodyText        string        `json:"body_text"`
	Bodies          []ninjsText   `json:"bodies"`
	VersionCreated  string        `json:"versioncreated"`
	FirstCreated    string        `json:"firstcreated"`
	Language        string        `json:"language"`
	Byline          string        `json:"byline"`
	By              string        `json:"by"`
	CopyrightHolder string        `json:"copyrightholder"`
	InfoSources     []ninjsSource `json:"infosources"`
	Links           []ninjsLink   `json:"links"`
	URL             string        `json:"url"`
}

// ninjsText is one of ninjs 2.x's headlines or bodies.
type ninjsText struct {
	ContentType string `json:"contenttype"`
	Value       string `json:"value"`
}

type ninjsSource struct {
	Name string `json:"name"`
}

type ninjsLink struct {
	Rel  string `json:"rel"`
	Href string `json:"href"`
	URI  string `json:"uri"`
}

// ninjsFile is the state of reading one ninjs file.
type ninjsFile struct {
	r        *reader
	dec      *json.Decoder
	in       *budget
	sink     *itemSink
	raw      json.RawMessage // reused for every item
	warned   bool            // the file was said to be Windows-1252
	failLine int
	failErr  error
}

// readNinjs reads the ninjs file whose bytes in holds (after any byte
// order mark), which starts with first ('{' or '['), and hands its items
// to sink.
func (r *reader) readNinjs(in *budget, sink *itemSink, first byte) error {
	n := &ninjsFile{r: r, dec: json.NewDecoder(in), in: in, sink: sink}
	err := n.read(first)
	if err == errStopFile {
		if err := sink.flush(true); err != nil {
			return err
		}
		return r.bad(sink.path, n.failLine, n.failErr)
	}
	if err != nil {
		return err
	}
	return sink.finish()
}

// read reads the objects of the file, or the elements of its array.
func (n *ninjsFile) read(first byte) error {
	if first != '[' {
		for {
			if err := n.item(); err != nil {
				if err == io.EOF {
					return nil
				}
				return err
			}
		}
	}
	if _, err := n.dec.Token(); err != nil { // the '['
		return n.failDecode(err)
	}
	for n.dec.More() {
		if err := n.item(); err != nil {
			if err == io.EOF {
				err = n.failDecode(io.ErrUnexpectedEOF)
			}
			return err
		}
	}
	if _, err := n.dec.Token(); err != nil { // the ']'
		return n.failDecode(err)
	}
	off := n.dec.InputOffset()
	if _, err := n.dec.Token(); err != io.EOF {
		if err != nil {
			return n.failDecode(err)
		}
		return n.fail(n.in.lineAt(n.in.skipSpace(off)), problem(ErrInvalidJSON, "invalid JSON: more after the array"))
	}
	return nil
}

// item reads the next item and hands it to the sink; io.EOF at the end.
func (n *ninjsFile) item() error {
	n.in.allow(n.r.max)
	if err := n.dec.Decode(&n.raw); err != nil {
		if err == io.EOF {
			return err
		}
		return n.failDecode(err)
	}
	line := n.in.lineAt(n.dec.InputOffset() - int64(len(n.raw)))
	if len(n.raw) > n.r.max {
		return n.sink.bad(line, problem(ErrItemTooLarge, "item larger than %d bytes", n.r.max))
	}
	if n.raw[0] != '{' {
		return n.sink.bad(line, problem(ErrInvalidJSON, "invalid JSON: want an object, got %s", kindName(jsonKind(n.raw[0]))))
	}
	text, latin1, bad := toUTF8(n.raw)
	if bad >= 0 {
		at, err := notUTF8(n.raw, bad)
		return n.sink.bad(line+at-1, err)
	}
	if latin1 && !n.warned {
		n.warned = true
		n.r.warn(fmt.Sprintf("%s: not UTF-8, decoded as Windows-1252 (Latin-1), first at line %d", n.sink.path, line))
	}
	var doc ninjsDoc
	if err := json.Unmarshal(text, &doc); err != nil {
		return n.sink.bad(line, ninjsFieldError(err))
	}
	if isMediaClass(doc.Type) {
		n.sink.skips++
		n.r.warn(fmt.Sprintf("%s:%d: ninjs item of type %q has no text, skipped", n.sink.path, line, shortText(doc.Type)))
		return nil
	}
	a, err := doc.article()
	if err != nil {
		return n.sink.bad(line, err)
	}
	return n.sink.add(a, line)
}

// fail records the problem that ends the reading of the file, at line.
func (n *ninjsFile) fail(line int, err error) error {
	n.failLine, n.failErr = line, err
	return errStopFile
}

// failDecode turns an error of the decoder into the end of the file: an
// I/O error as it is (it stops Read), anything else a problem at its line.
func (n *ninjsFile) failDecode(err error) error {
	if n.in.err != nil {
		return fmt.Errorf("read %s: %w", n.sink.path, n.in.err)
	}
	at := n.dec.InputOffset()
	if se, ok := errors.AsType[*json.SyntaxError](err); ok {
		at = max(se.Offset, at) // the decoder's offsets count from the start
	} else if n.in.off > at {
		at = n.in.off - 1 // the end of the input, for an unexpected EOF
	}
	line := n.in.lineAt(at)
	switch {
	case errors.Is(err, errOverBudget):
		return n.fail(n.in.lineAt(n.in.skipSpace(n.dec.InputOffset())), problem(ErrItemTooLarge, "item larger than %d bytes", n.r.max))
	case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
		return n.fail(line, problemCause(ErrInvalidJSON, io.ErrUnexpectedEOF, "invalid JSON: unexpected end of JSON input"))
	}
	return n.fail(line, problemCause(ErrInvalidJSON, err, "invalid JSON: %v", err))
}

// ninjsFieldError describes an error of json.Unmarshal on one valid JSON
// object: a field of the wrong type.
func ninjsFieldError(err error) error {
	te, ok := errors.AsType[*json.UnmarshalTypeError](err)
	if !ok {
		return problemCause(ErrInvalidJSON, err, "invalid JSON: %v", err)
	}
	sentinel := ErrBadField
	switch te.Field {
	case "body_html", "body_text", "bodies", "bodies.value":
		sentinel = ErrBodyNotText
	case "versioncreated":
		sentinel = ErrBadDate
	}
	got := map[string]string{"string": "a string", "number": "a number", "bool": "a boolean", "array": "an array", "object": "an object"}[te.Value]
	if got == "" {
		got = te.Value
	}
	want := "a string"
	switch te.Type.Kind() {
	case reflect.Slice:
		want = "an array"
	case reflect.Struct:
		want = "an object"
	}
	return problemCause(sentinel, err, "%q is %s, want %s", te.Field, got, want)
}

// article builds the Article of the item, without Origin.
func (doc *ninjsDoc) article() (Article, error) {
	var a Article
	var err error
	a.GUID = strings.TrimSpace(doc.URI)
	if a.Version, err = jsonVersion(doc.Version); err != nil {
		return Article{}, err
	}
	a.ID = itemID(a.GUID, a.Version)
	if err = setDate(&a, doc.VersionCreated, "versioncreated"); err != nil {
		return Article{}, err
	}
	a.FirstCreated = strings.TrimSpace(doc.FirstCreated)
	a.Lang = primaryLang(doc.Language)
	a.Credit = oneLine(firstOf(doc.By, doc.Byline))
	a.Copyright = oneLine(doc.CopyrightHolder)
	for _, s := range doc.InfoSources {
		if a.Source = oneLine(s.Name); a.Source != "" {
			break
		}
	}
	a.URL = doc.url()
	if a.Title, err = doc.title(); err != nil {
		return Article{}, err
	}
	a.Body, err = doc.body()
	return a, err
}

// title returns "headline", or the first of "headlines" that has a value.
func (doc *ninjsDoc) title() (string, error) {
	hl := doc.Headline
	for _, h := range doc.Headlines {
		if hl != "" {
			break
		}
		hl = h.Value
	}
	if !holdsMarkup([]byte(hl)) {
		return oneLine(hl), nil
	}
	body, err := htmlBody(hl)
	return strings.ReplaceAll(body, "\n\n", " "), err
}

// body returns the HTML body ("body_html", or the first of "bodies" whose
// contenttype names HTML) as paragraphs, or else the plain text one
// ("body_text", or the first text/plain of "bodies") split at blank lines.
func (doc *ninjsDoc) body() (string, error) {
	html, plain := doc.BodyHTML, doc.BodyText
	for _, b := range doc.Bodies {
		ct := strings.ToLower(strings.TrimSpace(b.ContentType))
		if html == "" && strings.Contains(ct, "html") {
			html = b.Value
		}
		if plain == "" && (ct == "" || strings.HasPrefix(ct, "text/plain")) {
			plain = b.Value
		}
	}
	if strings.TrimSpace(html) != "" {
		return htmlBody(html)
	}
	return plainBody(plain), nil
}

// url returns "url", or else the href (or uri) of the first link whose rel
// is "canonical", or else of the first whose rel is "self"; http(s) URLs
// only.
func (doc *ninjsDoc) url() string {
	if u := strings.TrimSpace(doc.URL); isWebURL(u) {
		return u
	}
	for _, rel := range []string{"canonical", "self"} {
		for _, l := range doc.Links {
			if strings.ToLower(codeOf(l.Rel)) != rel {
				continue
			}
			if u := strings.TrimSpace(firstOf(l.Href, l.URI)); isWebURL(u) {
				return u
			}
		}
	}
	return ""
}
