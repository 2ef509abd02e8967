package corpus

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// jsonlCases are good JSONL inputs, read from stdin. They also seed
// FuzzReadJSONL.
var jsonlCases = []struct {
	name     string
	in       string
	want     []Article
	wantWarn []string
}{
	{
		name: "all fields",
		in: `{"id":"ntb-1","title":"Ny tunnel","body":"Første avsnitt.\n\nAndre avsnitt.","date":"2023-09-14T07:56:00Z",` +
			`"source":"ntb","lang":"nb","url":"https://example.com/1","extra":{"x":[1,2]},"n":null}` + "\n",
		want: []Article{{
			ID: "ntb-1", Title: "Ny tunnel", Body: "Første avsnitt.\n\nAndre avsnitt.",
			Date: time.Date(2023, 9, 14, 7, 56, 0, 0, time.UTC), DateText: "2023-09-14T07:56:00Z",
			Source: "ntb", Lang: "nb", URL: "https://example.com/1", Origin: "stdin:1",
		}},
	},
	{
		name: "text, and body wins",
		in:   `{"id":"a","text":"From text."}` + "\n" + `{"text":"T","body":"B","id":"b"}` + "\n" + `{"id":"c","body":"B","text":"T"}`,
		want: []Article{
			{ID: "a", Body: "From text.", Origin: "stdin:1"},
			{ID: "b", Body: "B", Origin: "stdin:2"},
			{ID: "c", Body: "B", Origin: "stdin:3"},
		},
	},
	{
		name: "numeric ids",
		in:   `{"id":1234,"body":"x"}` + "\n" + `{"id":-7,"body":"y"}` + "\n" + `{"id":1.50e3,"body":"z"}` + "\n",
		want: []Article{
			{ID: "1234", Body: "x", Origin: "stdin:1"},
			{ID: "-7", Body: "y", Origin: "stdin:2"},
			{ID: "1.50e3", Body: "z", Origin: "stdin:3"},
		},
	},
	{
		name: "date forms",
		in: `{"id":"m","date":"2023-09"}` + "\n" + `{"id":"d","date":"2023-09-14"}` + "\n" +
			`{"id":"z","date":"2023-09-14T09:56:00.5+02:00"}` + "\n" + `{"id":"e","date":""}` + "\n",
		want: []Article{
			{ID: "m", Date: day(2023, 9, 1), DateText: "2023-09", Origin: "stdin:1"},
			{ID: "d", Date: day(2023, 9, 14), DateText: "2023-09-14", Origin: "stdin:2"},
			{ID: "z", Date: time.Date(2023, 9, 14, 7, 56, 0, 5e8, time.UTC), DateText: "2023-09-14T09:56:00.5+02:00", Origin: "stdin:3"},
			{ID: "e", Origin: "stdin:4"},
		},
	},
	{
		name: "blank lines, crlf, bom, no final newline",
		in:   "\ufeff\n{\"id\":\"a\",\"body\":\"A\"}\r\n\n  \t\n {\"id\":\"b\",\"body\":\"B\"} ",
		want: []Article{
			{ID: "a", Body: "A", Origin: "stdin:2"},
			{ID: "b", Body: "B", Origin: "stdin:5"},
		},
	},
	{
		name: "bom on a record",
		in:   "\ufeff{\"id\":\"a\"}\n",
		want: []Article{{ID: "a", Origin: "stdin:1"}},
	},
	{
		name: "agency fields",
		in: `{"id":"a","guid":"urn:x:1","version":2,"first_created":"2026-03-11T10:00:00Z","credit":"Ritzau","copyright":"Ritzau A/S"}` + "\n" +
			`{"id":"b","version":"0042"}` + "\n" + `{"id":"c","version":""}` + "\n" + `{"id":"d","version":null,"guid":null}` + "\n" +
			`{"id":"e","version":0}` + "\n",
		want: []Article{
			{ID: "a", GUID: "urn:x:1", Version: 2, FirstCreated: "2026-03-11T10:00:00Z", Credit: "Ritzau", Copyright: "Ritzau A/S", Origin: "stdin:1"},
			{ID: "b", Version: 42, Origin: "stdin:2"},
			{ID: "c", Origin: "stdin:3"},
			{ID: "d", Origin: "stdin:4"},
			{ID: "e", Origin: "stdin:5"},
		},
	},
	{
		name: "nulls",
		in:   `{"id":"a","body":null,"text":null,"title":null,"date":null,"source":null,"lang":null,"url":null}`,
		want: []Article{{ID: "a", Origin: "stdin:1"}},
	},
	{
		name: "escapes",
		in:   `{"id":"\u00e6","body":"\u00e6\u00f8\u00e5 \ud83d\ude00 \"citat\" \\ \/ \t","title":"\ud800"}`,
		want: []Article{{ID: "æ", Body: "æøå 😀 \"citat\" \\ / \t", Title: "\ufffd", Origin: "stdin:1"}},
	},
	{
		name: "latin-1 lines, one note",
		in: "{\"id\":\"a\",\"body\":\"S\xf8ren g\xe5r til K\xf8benhavn.\"}\n" +
			"{\"id\":\"b\",\"body\":\"Plain ASCII.\"}\n" +
			"{\"id\":\"c\",\"body\":\"Bl\xe5b\xe6r og r\xf8dgr\xf8d.\"}\n" +
			"{\"id\":\"d\",\"body\":\"Blåbær i UTF-8.\"}\n",
		want: []Article{
			{ID: "a", Body: "Søren går til København.", Origin: "stdin:1"},
			{ID: "b", Body: "Plain ASCII.", Origin: "stdin:2"},
			{ID: "c", Body: "Blåbær og rødgrød.", Origin: "stdin:3"},
			{ID: "d", Body: "Blåbær i UTF-8.", Origin: "stdin:4"},
		},
		wantWarn: []string{"stdin: not UTF-8, decoded as Windows-1252 (Latin-1), first at line 1"},
	},
}

func TestReadJSONL(t *testing.T) {
	for _, tt := range jsonlCases {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readAll(t, "", []string{"-"}, ReadOptions{Stdin: strings.NewReader(tt.in)})
			if err != nil {
				t.Fatal(err)
			}
			want := result{
				Articles: tt.want,
				Stats:    ReadStats{Articles: len(tt.want), Files: 1},
				Warnings: tt.wantWarn,
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Read mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadJSONLFile(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"feed.JSONL": `{"id":"a","body":"A."}` + "\n\n" + `{"id":"b","body":"B."}` + "\n",
	})
	got, err := readAll(t, dir, []string{filepath.Join(dir, "feed.JSONL")}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := result{
		Articles: []Article{
			{ID: "a", Body: "A.", Origin: "feed.JSONL:1"},
			{ID: "b", Body: "B.", Origin: "feed.JSONL:3"},
		},
		Stats: ReadStats{Articles: 2, Files: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Read mismatch (-want +got):\n%s", diff)
	}
}

// jsonlErrorCases are bad JSONL inputs, read from stdin with MaxBytes 64.
// They also seed FuzzReadJSONL.
var jsonlErrorCases = []struct {
	name    string
	in      string
	wantIs  error
	wantMsg string
}{
	{"missing id", `{"body":"x"}`, ErrMissingID, "stdin:1: missing id"},
	{"null id", `{"id":null}`, ErrMissingID, "stdin:1: missing id"},
	{"empty id", "\n" + `{"id":""}`, ErrMissingID, "stdin:2: empty id"},
	{"boolean id", `{"id":true}`, ErrBadField, "stdin:1: id is a boolean, want a string or number"},
	{"object id", `{"id":{"v":1}}`, ErrBadField, "stdin:1: id is an object, want a string or number"},
	{"number body", `{"id":"a","body":12}`, ErrBodyNotText, `stdin:1: "body" is a number, want a string`},
	{"object body", `{"id":"a","body":{"p":"x"}}`, ErrBodyNotText, `stdin:1: "body" is an object, want a string`},
	{"array text", `{"id":"a","text":["x"]}`, ErrBodyNotText, `stdin:1: "text" is an array, want a string`},
	{"bad text beside body", `{"id":"a","body":"x","text":false}`, ErrBodyNotText, `stdin:1: "text" is a boolean, want a string`},
	{"number title", `{"id":"a","title":7}`, ErrBadField, `stdin:1: "title" is a number, want a string`},
	{"array lang", `{"id":"a","lang":["da"]}`, ErrBadField, `stdin:1: "lang" is an array, want a string`},
	{"month 13", `{"id":"a","date":"2023-13-01"}`, ErrBadDate, `stdin:1: bad date "2023-13-01": want RFC 3339, YYYY-MM or YYYY-MM-DD`},
	{"european date", `{"id":"a","date":"14.09.2023"}`, ErrBadDate, `stdin:1: bad date "14.09.2023": want RFC 3339, YYYY-MM or YYYY-MM-DD`},
	{"no zone", `{"id":"a","date":"2023-09-14T07:56:00"}`, ErrBadDate, `stdin:1: bad date "2023-09-14T07:56:00": want RFC 3339, YYYY-MM or YYYY-MM-DD`},
	{"number date", `{"id":"a","date":2023}`, ErrBadDate, `stdin:1: "date" is a number, want a string`},
	{"truncated", `{"id":"a","body":`, ErrInvalidJSON, "stdin:1: invalid JSON: unexpected end of JSON input"},
	{"trailing garbage", `{"id":"a"} x`, ErrInvalidJSON, "stdin:1: invalid JSON: invalid character 'x' after top-level value"},
	{"array", `["a"]`, ErrInvalidJSON, "stdin:1: invalid JSON: want an object, got an array"},
	{"string", `"a"`, ErrInvalidJSON, "stdin:1: invalid JSON: want an object, got a string"},
	{"word", `hello`, ErrInvalidJSON, "stdin:1: invalid JSON: invalid character 'h' looking for beginning of value"},
	{"fraction version", `{"id":"a","version":2.5}`, ErrBadField, `stdin:1: "version" is 2.5, want a whole number or a string of digits`},
	{"exponent version", `{"id":"a","version":1e3}`, ErrBadField, `stdin:1: "version" is 1e3, want a whole number or a string of digits`},
	{"negative version", `{"id":"a","version":-1}`, ErrBadField, `stdin:1: "version" is -1, want a whole number or a string of digits`},
	{"word version", `{"id":"a","version":"v2"}`, ErrBadField, `stdin:1: "version" is "v2", want a whole number or a string of digits`},
	{"huge version", `{"id":"a","version":99999999999999999999}`, ErrBadField, `stdin:1: "version" is 99999999999999999999, want a whole number or a string of digits`},
	{"boolean version", `{"id":"a","version":true}`, ErrBadField, `stdin:1: "version" is a boolean, want a whole number or a string of digits`},
	{"number guid", `{"id":"a","guid":7}`, ErrBadField, `stdin:1: "guid" is a number, want a string`},
	{"array credit", `{"id":"a","credit":["x"]}`, ErrBadField, `stdin:1: "credit" is an array, want a string`},
	{"object copyright", `{"id":"a","copyright":{}}`, ErrBadField, `stdin:1: "copyright" is an object, want a string`},
	{"number first_created", `{"id":"a","first_created":2026}`, ErrBadField, `stdin:1: "first_created" is a number, want a string`},
	{"duplicate", `{"id":"a"}` + "\n" + `{"id":"b"}` + "\n" + `{"id":"a"}`, ErrDuplicateID, `stdin:3: duplicate id "a" (first at stdin:1)`},
	{"number and string id", `{"id":12}` + "\n" + `{"id":"12"}`, ErrDuplicateID, `stdin:2: duplicate id "12" (first at stdin:1)`},
	{"garbage bytes", `{"id":"a"}` + "\n" + "\x01\x02\xfe\xff\x00", ErrNotUTF8, "stdin:2: not UTF-8 or Windows-1252 text (byte 0xfe at column 3)"},
	{"dos code page", `{"id":"a","body":"S` + "\x9b" + `ren"}`, ErrNotUTF8, "stdin:1: not UTF-8 or Windows-1252 text (byte 0x9b at column 20)"},
	{"too long", `{"id":"a"}` + "\n" + `{"id":"b","body":"` + strings.Repeat("x", 50) + `"}`, ErrLineTooLong, "stdin:2: line longer than 64 bytes"},
}

func TestReadJSONLErrors(t *testing.T) {
	for _, tt := range jsonlErrorCases {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readAll(t, "", []string{"-"}, ReadOptions{Stdin: strings.NewReader(tt.in), MaxBytes: 64})
			if !errors.Is(err, tt.wantIs) {
				t.Fatalf("Read error = %v, want %v", err, tt.wantIs)
			}
			var ierr *InputError
			if !errors.As(err, &ierr) {
				t.Fatalf("Read error %T is not an *InputError", err)
			}
			if diff := cmp.Diff(tt.wantMsg, err.Error()); diff != "" {
				t.Errorf("message mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadJSONLSyntaxErrorCause(t *testing.T) {
	_, err := readAll(t, "", []string{"-"}, ReadOptions{Stdin: strings.NewReader(`{"id":`)})
	var serr *json.SyntaxError
	if !errors.As(err, &serr) {
		t.Fatalf("Read error = %v, want one wrapping a *json.SyntaxError", err)
	}
}

// TestReadJSONLDefaultMax checks the default 64 MiB limit without storing
// the long line anywhere but in the reader.
func TestReadJSONLDefaultMax(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 64 MiB")
	}
	long := func(n int) io.Reader {
		return io.MultiReader(
			strings.NewReader(`{"id":"long","body":"`),
			io.LimitReader(repeatByte('x'), int64(n-len(`{"id":"long","body":""}`))),
			strings.NewReader(`"}`+"\n"+`{"id":"next","body":"short"}`+"\n"))
	}
	tests := []struct {
		name string
		size int
		want []string
	}{
		{"at the limit", DefaultMaxBytes, []string{"long", "next"}},
		{"one byte more", DefaultMaxBytes + 1, []string{"next"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			_, err := Read(t.Context(), []string{"-"}, ReadOptions{Stdin: long(tt.size), SkipBad: true}, func(a Article) error {
				got = append(got, a.ID)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ids mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// repeatByte is an endless stream of one byte.
type repeatByte byte

func (b repeatByte) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}

func TestLineReader(t *testing.T) {
	const tooLong = "<too long>"
	tests := []struct {
		name string
		in   string
		max  int
		want []string
	}{
		{"empty", "", 10, nil},
		{"one newline", "\n", 10, []string{""}},
		{"no final newline", "a\nb", 10, []string{"a", "b"}},
		{"crlf", "a\r\nb\r\n", 10, []string{"a", "b"}},
		{"longer than the buffer", strings.Repeat("a", 40) + "\nb\n", 100, []string{strings.Repeat("a", 40), "b"}},
		{"long crlf", strings.Repeat("a", 40) + "\r\nb", 100, []string{strings.Repeat("a", 40), "b"}},
		{"at max", strings.Repeat("a", 40) + "\n" + strings.Repeat("b", 40), 40, []string{strings.Repeat("a", 40), strings.Repeat("b", 40)}},
		{"over max", strings.Repeat("a", 41) + "\nb\n" + strings.Repeat("c", 41), 40, []string{tooLong, "b", tooLong}},
		{"far over max", strings.Repeat("a", 200) + "\nb", 40, []string{tooLong, "b"}},
		{"short over max", "abcdef\nabc\n", 5, []string{tooLong, "abc"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lr := lineReader{br: bufio.NewReaderSize(strings.NewReader(tt.in), 16), max: tt.max}
			var got []string
			for {
				line, err := lr.next()
				if err == io.EOF {
					break
				}
				switch {
				case errors.Is(err, ErrLineTooLong):
					got = append(got, tooLong)
				case err != nil:
					t.Fatal(err)
				default:
					got = append(got, string(line))
				}
				if lr.line != len(got) {
					t.Errorf("line number %d after %d lines", lr.line, len(got))
				}
				if cap(lr.buf) > 2*(tt.max+16) {
					t.Errorf("buffer grew to %d bytes, max is %d", cap(lr.buf), tt.max)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("lines mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestUnknownLangWarned checks that a lang code the caller does not
// analyse is said once per code, with file and line, and the articles
// still read.
func TestUnknownLangWarned(t *testing.T) {
	in := `{"id":"a","body":"x","lang":"de"}
{"id":"b","body":"y","lang":"en"}
{"id":"c","body":"z","lang":"de"}
{"id":"d","body":"w","lang":"fr-FR"}
`
	var warns []string
	var ids []string
	opts := ReadOptions{
		Stdin:     strings.NewReader(in),
		Warn:      func(m string) { warns = append(warns, m) },
		KnownLang: func(c string) bool { return c == "en" },
	}
	if _, err := Read(context.Background(), []string{"-"}, opts, func(a Article) error { ids = append(ids, a.ID+":"+a.Lang); return nil }); err != nil {
		t.Fatal(err)
	}
	if want := []string{"a:de", "b:en", "c:de", "d:fr-FR"}; !slices.Equal(ids, want) {
		t.Errorf("articles %v, want %v", ids, want)
	}
	want := []string{
		`stdin:1: lang "de" is not a language neardup analyses (da, nb, sv, en): detected from the text instead (said once per code)`,
		`stdin:4: lang "fr-FR" is not a language neardup analyses (da, nb, sv, en): detected from the text instead (said once per code)`,
	}
	if !slices.Equal(warns, want) {
		t.Errorf("warnings:\n%q\nwant\n%q", warns, want)
	}
}
