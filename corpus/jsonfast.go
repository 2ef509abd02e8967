package corpus

import (
	"bytes"
	"strings"

	"github.com/valyala/fastjson"
)

// parseJSONLFast parses a JSONL line as parseJSONL does, several times
// faster: fastjson scans the line once, where encoding/json validates it and
// then decodes every field again. Whenever the line is not a plain object
// whose keys are spelled exactly as ours or are foreign (for example a JSON
// error, or "ID" where encoding/json would match "id" regardless of case),
// it defers to parseJSONL, so results and messages are the same.
func parseJSONLFast(p *fastjson.Parser, line []byte) (Article, error) {
	if hasSurrogateEscape(line) || hasControl(line) {
		// fastjson keeps a lone surrogate as written where encoding/json
		// makes it U+FFFD, and accepts raw control bytes in strings.
		return parseJSONL(line)
	}
	if fastjson.ValidateBytes(line) != nil {
		return parseJSONL(line) // the parser alone is lenient, e.g. on numbers
	}
	v, err := p.ParseBytes(line)
	if err != nil || v.Type() != fastjson.TypeObject {
		return parseJSONL(line)
	}
	obj, _ := v.Object() // cannot fail: v is an object
	var rec jsonRecord
	plain := true
	obj.Visit(func(key []byte, val *fastjson.Value) {
		dst := rec.field(string(key))
		if dst == nil {
			if foldsToField(key) {
				plain = false
			}
			return
		}
		if !fastValue(val, dst) {
			plain = false
		}
	})
	if !plain {
		return parseJSONL(line)
	}
	return rec.article()
}

// field returns the member of rec that the JSON key names exactly, or nil.
func (rec *jsonRecord) field(key string) *jsonValue {
	switch key {
	case "id":
		return &rec.ID
	case "body":
		return &rec.Body
	case "text":
		return &rec.Text
	case "title":
		return &rec.Title
	case "date":
		return &rec.Date
	case "source":
		return &rec.Source
	case "lang":
		return &rec.Lang
	case "url":
		return &rec.URL
	case "guid":
		return &rec.GUID
	case "version":
		return &rec.Version
	case "first_created":
		return &rec.FirstCreated
	case "credit":
		return &rec.Credit
	case "copyright":
		return &rec.Copyright
	}
	return nil
}

// foldsToField reports whether encoding/json might match key to one of our
// fields although it is not spelled exactly so: any key with upper-case or
// non-ASCII letters.
func foldsToField(key []byte) bool {
	for _, c := range key {
		if c >= 'A' && c <= 'Z' || c >= 0x80 {
			return true
		}
	}
	return false
}

// fastValue stores val in dst as jsonValue.UnmarshalJSON would. It reports
// false when it cannot be sure to agree (a string that fastjson cannot
// unescape).
func fastValue(val *fastjson.Value, dst *jsonValue) bool {
	switch val.Type() {
	case fastjson.TypeString:
		b, err := val.StringBytes()
		if err != nil {
			return false
		}
		*dst = jsonValue{kind: jsonString, text: string(b)}
	case fastjson.TypeNumber:
		*dst = jsonValue{kind: jsonNumber, text: string(val.MarshalTo(nil))}
	case fastjson.TypeNull:
		*dst = jsonValue{kind: jsonNull}
	case fastjson.TypeTrue, fastjson.TypeFalse:
		*dst = jsonValue{kind: jsonBool}
	case fastjson.TypeObject:
		*dst = jsonValue{kind: jsonObject}
	case fastjson.TypeArray:
		*dst = jsonValue{kind: jsonArray}
	}
	return true
}

// hasSurrogateEscape reports whether line holds an escape \uD800–\uDFFF.
func hasSurrogateEscape(line []byte) bool {
	for i := bytes.Index(line, []byte(`\u`)); i >= 0; {
		if r := line[i+2:]; len(r) >= 2 && (r[0] == 'd' || r[0] == 'D') && strings.IndexByte("89abcdefABCDEF", r[1]) >= 0 {
			return true
		}
		j := bytes.Index(line[i+2:], []byte(`\u`))
		if j < 0 {
			break
		}
		i += 2 + j
	}
	return false
}

// hasControl reports whether line holds a byte below 0x20 (raw tabs and
// line breaks included: JSON allows them only between tokens, rare in JSONL).
func hasControl(line []byte) bool {
	for _, c := range line {
		if c < 0x20 {
			return true
		}
	}
	return false
}
