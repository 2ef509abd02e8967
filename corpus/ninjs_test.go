package corpus

import (
	"strings"
	"testing"
)

// ninjsCases are good ninjs files, read as "a.json". They also seed
// FuzzNinjs.
var ninjsCases = []iptcCase{
	{
		name: "1.x, every field",
		in: `{"uri":"urn:x:n1","type":"text","version":"12","versioncreated":"2026-03-12T10:15:00+01:00","firstcreated":"2026-03-12T08:00:00+01:00",
"language":"sv-SE","headline":" Ny  bro ","byline":"TT","copyrightholder":"TT Nyhetsbyrån","url":"https://example.se/bro",
"body_html":"<p>Bron &ouml;ppnar.</p>\n<h2>Mer</h2><p>Snart.</p>","body_text":"Not used: the HTML body wins.","associations":{"x":{"uri":"y"}}}`,
		want: []Article{{
			ID: "urn:x:n1@12", GUID: "urn:x:n1", Version: 12, Title: "Ny bro", Body: "Bron öppnar.\n\nMer\n\nSnart.",
			Date: at(2026, 3, 12, 10, 15, 1), DateText: "2026-03-12T10:15:00+01:00", FirstCreated: "2026-03-12T08:00:00+01:00",
			Lang: "sv", URL: "https://example.se/bro", Credit: "TT", Copyright: "TT Nyhetsbyrån", Origin: "a.json:1",
		}},
	},
	{
		name: "2.x, every field",
		in: `{"uri":"urn:x:n2","version":3,"headlines":[{"role":"main","value":""},{"value":"Anden <b>rubrik</b>"}],
"bodies":[{"contenttype":"text/plain","value":"Linje.\n\nLinje to."}],"by":"Ritzau","byline":"not used","language":"da",
"infosources":[{"name":""},{"name":"ritzau"}],"links":[{"rel":"self","href":"urn:x"},{"rel":"self","href":"https://api.example.dk/n2"}]}`,
		want: []Article{{
			ID: "urn:x:n2@3", GUID: "urn:x:n2", Version: 3, Title: "Anden rubrik", Body: "Linje.\n\nLinje to.",
			Lang: "da", Source: "ritzau", URL: "https://api.example.dk/n2", Credit: "Ritzau", Origin: "a.json:1",
		}},
	},
	{
		name: "an array over lines",
		in:   "\ufeff[\n  {\"uri\":\"urn:x:a\",\"body_text\":\"A.\"},\n\n  {\"uri\":\"urn:x:b\",\n\"body_text\":\"B.\"}\n]\n",
		want: []Article{
			{ID: "urn:x:a", GUID: "urn:x:a", Body: "A.", Origin: "a.json:2"},
			{ID: "urn:x:b", GUID: "urn:x:b", Body: "B.", Origin: "a.json:4"},
		},
	},
	{
		name: "objects one after another",
		in:   "{\"uri\":\"urn:x:a\",\"headline\":\"A\"}\n{\"uri\":\"urn:x:b\",\"headline\":\"B\"}",
		want: []Article{
			{ID: "urn:x:a", GUID: "urn:x:a", Title: "A", Origin: "a.json:1"},
			{ID: "urn:x:b", GUID: "urn:x:b", Title: "B", Origin: "a.json:2"},
		},
	},
	{
		name: "no uri in a lone item takes the file's name",
		in:   `{"headline":"Uden uri","uri":"","body_text":"Tekst."}`,
		want: []Article{{ID: "a", Title: "Uden uri", Body: "Tekst.", Origin: "a.json:1"}},
	},
	{
		name:     "a picture is skipped",
		in:       `[{"uri":"urn:x:pic","type":"picture","headline":"Foto"},{"uri":"urn:x:t","type":"text","headline":"Tekst"}]`,
		want:     []Article{{ID: "urn:x:t", GUID: "urn:x:t", Title: "Tekst", Origin: "a.json:1"}},
		wantWarn: []string{`a.json:1: ninjs item of type "picture" has no text, skipped`},
	},
	{
		name:     "Windows-1252",
		in:       "{\"uri\":\"urn:x:w\",\"headline\":\"S\xf8ren\",\"body_text\":\"K\xf8benhavn.\"}",
		want:     []Article{{ID: "urn:x:w", GUID: "urn:x:w", Title: "Søren", Body: "København.", Origin: "a.json:1"}},
		wantWarn: []string{"a.json: not UTF-8, decoded as Windows-1252 (Latin-1), first at line 1"},
	},
	{
		name: ".ninjs extension",
		file: "a.ninjs",
		in:   `{"uri":"urn:x:e","versioncreated":"20260312T101500Z"}`,
		want: []Article{{ID: "urn:x:e", GUID: "urn:x:e", Date: at(2026, 3, 12, 10, 15, 0), DateText: "2026-03-12T10:15:00Z", Origin: "a.ninjs:1"}},
	},
}

func TestReadNinjs(t *testing.T) {
	runIPTCCases(t, "a.json", ninjsCases)
}

// ninjsErrorCases are bad ninjs files, read as "a.json" with MaxBytes
// 2048. They also seed FuzzNinjs.
var ninjsErrorCases = []iptcErrorCase{
	{
		name:    "bad JSON",
		in:      "[\n{\"uri\":\"urn:x:1\",\"headline\":\"A\"},\n{\"uri\":\"urn:x:2\",\n\"headline\" \"B\"}\n]",
		wantIs:  ErrInvalidJSON,
		wantMsg: "a.json:4: invalid JSON: invalid character '\"' after object key",
		want:    []string{"urn:x:1"},
	},
	{
		name:    "cut short",
		in:      "[{\"uri\":\"urn:x:1\",\"headline\":\"A\"},\n{\"uri\":\"urn:x:2\",",
		wantIs:  ErrInvalidJSON,
		wantMsg: "a.json:2: invalid JSON: unexpected end of JSON input",
		want:    []string{"urn:x:1"},
	},
	{
		name:    "no closing bracket",
		in:      "[{\"uri\":\"urn:x:1\",\"headline\":\"A\"}\n",
		wantIs:  ErrInvalidJSON,
		wantMsg: "a.json:1: invalid JSON: unexpected end of JSON input",
		want:    []string{"urn:x:1"},
	},
	{
		name:    "more after the array",
		in:      "[{\"uri\":\"urn:x:1\",\"headline\":\"A\"}]\n\n{}",
		wantIs:  ErrInvalidJSON,
		wantMsg: "a.json:3: invalid JSON: more after the array",
		want:    []string{"urn:x:1"},
	},
	{
		name:    "element not an object",
		in:      "[{\"uri\":\"urn:x:1\",\"headline\":\"A\"},\n\"x\",\n{\"uri\":\"urn:x:2\"}]",
		wantIs:  ErrInvalidJSON,
		wantMsg: "a.json:2: invalid JSON: want an object, got a string",
		want:    []string{"urn:x:1", "urn:x:2"},
	},
	{
		name:    "headline of the wrong type",
		in:      `{"uri":"urn:x:1","headline":42}`,
		wantIs:  ErrBadField,
		wantMsg: `a.json:1: "headline" is a number, want a string`,
	},
	{
		name:    "bodies of the wrong type",
		in:      `{"uri":"urn:x:1","bodies":{"value":"x"}}`,
		wantIs:  ErrBodyNotText,
		wantMsg: `a.json:1: "bodies" is an object, want an array`,
	},
	{
		name:    "bad version",
		in:      `{"uri":"urn:x:1","headline":"A","version":"1.2"}`,
		wantIs:  ErrBadField,
		wantMsg: `a.json:1: "version" is "1.2", want a whole number or a string of digits`,
	},
	{
		name:    "bad date",
		in:      `{"uri":"urn:x:1","headline":"A","versioncreated":"today"}`,
		wantIs:  ErrBadDate,
		wantMsg: `a.json:1: bad date "today" in versioncreated: want ISO 8601, as 2026-03-12T10:15:00+01:00 or 20260312T101500+0100`,
	},
	{
		name:    "not UTF-8",
		in:      "{\"uri\":\"urn:x:1\",\n\"headline\":\"\x01\x02\xfe\xff\"}",
		wantIs:  ErrInvalidJSON,
		wantMsg: "a.json:2: invalid JSON: invalid character '\\x01' in string literal",
	},
	{
		name:    "too large",
		in:      `[{"uri":"urn:x:1","body_text":"` + strings.Repeat("x", 3000) + `"},{"uri":"urn:x:2","headline":"B"}]`,
		wantIs:  ErrItemTooLarge,
		wantMsg: "a.json:1: item larger than 2048 bytes",
		want:    []string{"urn:x:2"},
	},
	{
		name:    "far too large",
		in:      "[\n" + `{"uri":"urn:x:1","body_text":"` + strings.Repeat("x", 40000) + `"},{"uri":"urn:x:2","headline":"B"}]`,
		wantIs:  ErrItemTooLarge,
		wantMsg: "a.json:2: item larger than 2048 bytes",
	},
}

func TestReadNinjsErrors(t *testing.T) {
	runIPTCErrorCases(t, "a.json", ninjsErrorCases)
}
