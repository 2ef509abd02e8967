package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Choosing the reader of an .xml, .nitf, .newsml, .json or .ninjs file by
// its content.

// ninjsContentKeys are the keys that, beside "uri", make a JSON object
// ninjs.
var ninjsContentKeys = map[string]bool{
	"headline": true, "headlines": true, "body_html": true, "bodies": true, "body_text": true, "versioncreated": true,
}

// readSniffed reads the file at path, whose extension says its format is
// told by its content. id is its ID as a .txt file's; walked says it was
// found by a directory walk, where a .json file that is not ninjs is
// skipped (as data files beside the articles often are) rather than read
// as JSON Lines.
func (r *reader) readSniffed(path, id string, walked bool) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read articles: %w", err)
	}
	defer f.Close() // read-only: a close error cannot lose data
	r.stats.Files++
	first, err := r.sniffStart(f)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	sink := &itemSink{r: r, path: path, fileID: id}
	switch first {
	case 0:
		r.warn(path + ": empty file, skipped")
		return nil
	case 0xfe, 0xff:
		return r.bad(path, 1, problem(ErrNotUTF8, "UTF-16 text: want UTF-8, or XML declaring ISO-8859-1 or Windows-1252"))
	case '<':
		return r.readXML(newBudget(r.br, r.max, false), sink)
	case '{', '[':
		ninjs := sniffNinjs(io.LimitReader(r.br, int64(r.max)+1))
		if _, err := r.sniffStart(f); err != nil { // back to the start
			return fmt.Errorf("read %s: %w", path, err)
		}
		if ninjs {
			return r.readNinjs(newBudget(r.br, r.max, true), sink, first)
		}
	}
	if !strings.EqualFold(filepath.Ext(path), ".json") {
		return r.bad(path, 1, problem(ErrUnsupportedFile, "neither NewsML-G2, NITF nor ninjs"))
	}
	if walked {
		r.unsupported(path, "skipped: a .json file that is not ninjs")
		return nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return r.readJSONL(f, path)
}

// sniffStart reads f from its start into r.br, drops a UTF-8 byte order
// mark and returns the first byte that is not white space: 0 when the
// file holds nothing else, ' ' when its first 64 KiB are white space, and
// 0xfe or 0xff for a UTF-16 byte order mark.
func (r *reader) sniffStart(f *os.File) (byte, error) {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return 0, err
	}
	r.br.Reset(f)
	head, err := r.br.Peek(r.br.Size())
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return 0, err
	}
	if bytes.HasPrefix(head, []byte{0xfe, 0xff}) || bytes.HasPrefix(head, []byte{0xff, 0xfe}) {
		return head[0], nil
	}
	if bytes.HasPrefix(head, utf8BOM) {
		if _, err := r.br.Discard(len(utf8BOM)); err != nil {
			return 0, err
		}
		head = head[len(utf8BOM):]
	}
	if i := bytes.IndexFunc(head, func(c rune) bool { return !isJSONSpace(c) }); i >= 0 {
		return head[i], nil
	}
	if len(head) == r.br.Size() {
		return ' ', nil
	}
	return 0, nil
}

// isJSONSpace reports whether c is white space in JSON and XML.
func isJSONSpace(c rune) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n'
}

// sniffNinjs reports whether the JSON src starts with a ninjs object: the
// object it holds first, or the first element of its array, has the key
// "uri" and one of ninjsContentKeys before any syntax error.
func sniffNinjs(src io.Reader) bool {
	dec := json.NewDecoder(src)
	tok, err := dec.Token()
	if err == nil && tok == json.Delim('[') {
		tok, err = dec.Token()
	}
	if err != nil || tok != json.Delim('{') {
		return false
	}
	var uri, content bool
	for dec.More() {
		tok, err := dec.Token()
		key, ok := tok.(string)
		if err != nil || !ok {
			return false
		}
		uri = uri || key == "uri"
		content = content || ninjsContentKeys[key]
		if uri && content {
			return true
		}
		if skipJSONValue(dec) != nil {
			return false
		}
	}
	return false
}

// skipJSONValue reads past the next JSON value of dec, token by token.
func skipJSONValue(dec *json.Decoder) error {
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

// unsupported counts the walked file at path in ReadStats.Unsupported and
// says why through Warn.
func (r *reader) unsupported(path, why string) {
	if r.stats.Unsupported == nil {
		r.stats.Unsupported = map[string]int{}
	}
	r.stats.Unsupported[strings.ToLower(filepath.Ext(path))]++
	r.warn(path + ": " + why)
}
