package eval

import (
	"errors"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"

	"github.com/neardup/neardup/corpus"
)

// allowInternals lets cmp look into the parsed types.
var allowInternals = cmp.AllowUnexported(Truth{}, truthArticle{}, truthParagraph{},
	Predictions{}, predArticle{}, predParagraph{}, paragraphRef{})

// errorCase is a bad input and the error a reader must return for it.
type errorCase struct {
	name     string
	in       string
	want     string // the whole message, or its start when prefix is set
	prefix   bool   // the rest comes from encoding/json
	line     int
	sentinel error
}

// checkError compares err with the case's expectations.
func checkError(t *testing.T, tc errorCase, err error) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %q", tc.want)
	}
	got := err.Error()
	if tc.prefix && len(got) > len(tc.want) {
		got = got[:len(tc.want)]
	}
	if diff := cmp.Diff(tc.want, got); diff != "" {
		t.Errorf("message mismatch (-want +got):\n%s", diff)
	}
	if !errors.Is(err, tc.sentinel) {
		t.Errorf("errors.Is(%v, %v) = false", err, tc.sentinel)
	}
	var ie *corpus.InputError
	if !errors.As(err, &ie) {
		t.Fatalf("error %v is not a *corpus.InputError", err)
	}
	if diff := cmp.Diff(tc.line, ie.Line); diff != "" {
		t.Errorf("line mismatch (-want +got):\n%s", diff)
	}
}

func TestReadTruth(t *testing.T) {
	long := strings.Repeat("x", 200<<10) // longer than the reader's buffer
	tests := []struct {
		name string
		in   string
		want *Truth
	}{
		{
			name: "empty",
			in:   "",
			want: &Truth{byID: map[string]int{}},
		},
		{
			name: "bom, blank lines, crlf, unknown fields, unordered paragraphs",
			in: "\ufeff" + `{"id":"a","story":"s","role":"wire","extra":{"x":1},"paragraphs":[` +
				`{"index":1,"kind":"credit","origins":[],"edit":0},` +
				`{"index":0,"kind":"text","origins":["o1","o2"],"edit":0.5}]}` + "\r\n\n  \n" +
				`{"id":"b","story":"s","paragraphs":[{"index":0,"kind":"heading"}]}`,
			want: &Truth{
				articles: []truthArticle{
					{id: "a", story: "s", paragraphs: []truthParagraph{
						{kind: kindText, origins: []string{"o1", "o2"}},
						{kind: kindCredit, origins: []string{}},
					}},
					{id: "b", story: "s", paragraphs: []truthParagraph{{kind: kindHeading}}},
				},
				byID: map[string]int{"a": 0, "b": 1},
			},
		},
		{
			name: "line longer than the buffer",
			in:   `{"id":"a","story":"s","paragraphs":[{"index":0,"kind":"boilerplate","origins":["` + long + `"]}]}`,
			want: &Truth{
				articles: []truthArticle{{id: "a", story: "s", paragraphs: []truthParagraph{
					{kind: kindBoilerplate, origins: []string{long}},
				}}},
				byID: map[string]int{"a": 0},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadTruth(strings.NewReader(tc.in), "t.jsonl")
			if err != nil {
				t.Fatalf("ReadTruth: %v", err)
			}
			if diff := cmp.Diff(tc.want, got, allowInternals); diff != "" {
				t.Errorf("truth mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadTruthErrors(t *testing.T) {
	ok := `{"id":"a","story":"s","paragraphs":[]}`
	tests := []errorCase{
		{"truncated JSON", ok + "\n" + `{"id":`, "t.jsonl:2: invalid JSON: ", true, 2, ErrInvalidJSON},
		{"not an object", `[1]`, "t.jsonl:1: invalid JSON: ", true, 1, ErrInvalidJSON},
		{"trailing garbage", ok + ` x`, "t.jsonl:1: invalid JSON: ", true, 1, ErrInvalidJSON},
		{"wrong type", `{"id":"a","story":"s","paragraphs":[{"index":0,"kind":3}]}`, "t.jsonl:1: invalid JSON: ", true, 1, ErrInvalidJSON},
		{"null", `null`, "t.jsonl:1: missing id", false, 1, ErrMissingField},
		{"missing id", `{"story":"s","paragraphs":[]}`, "t.jsonl:1: missing id", false, 1, ErrMissingField},
		{"missing story", `{"id":"a","paragraphs":[]}`, `t.jsonl:1: article "a": missing story`, false, 1, ErrMissingField},
		{"duplicate id", ok + "\n\n" + ok, `t.jsonl:3: duplicate id "a" (first on line 1)`, false, 3, ErrDuplicateID},
		{
			"index past the end",
			`{"id":"a","story":"s","paragraphs":[{"index":0,"kind":"text"},{"index":2,"kind":"text"}]}`,
			"t.jsonl:1: paragraphs[1]: index 2 out of range [0,2)", false, 1, ErrBadIndex,
		},
		{
			"negative index",
			`{"id":"a","story":"s","paragraphs":[{"index":-1,"kind":"text"}]}`,
			"t.jsonl:1: paragraphs[0]: index -1 out of range [0,1)", false, 1, ErrBadIndex,
		},
		{
			"duplicate index",
			`{"id":"a","story":"s","paragraphs":[{"index":0,"kind":"text"},{"index":0,"kind":"text"}]}`,
			"t.jsonl:1: paragraphs[1]: duplicate index 0", false, 1, ErrBadIndex,
		},
		{
			"missing index",
			`{"id":"a","story":"s","paragraphs":[{"kind":"text"}]}`,
			"t.jsonl:1: paragraphs[0]: missing index", false, 1, ErrMissingField,
		},
		{
			"unknown kind",
			`{"id":"a","story":"s","paragraphs":[{"index":0,"kind":"caption"}]}`,
			`t.jsonl:1: paragraphs[0]: unknown kind "caption"`, false, 1, ErrUnknownKind,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadTruth(strings.NewReader(tc.in), "t.jsonl")
			checkError(t, tc, err)
			if got != nil {
				t.Errorf("got truth %v with the error, want nil", got)
			}
		})
	}
}

func TestReadPredictions(t *testing.T) {
	in := `{"id":"b","story":"x","canonical":true,"similarity":0.9,"lang":"da","credits":["ritzau"],"future":1,` +
		`"paragraphs":[{"index":1,"status":"credit","matches":[]},` +
		`{"index":0,"status":"edited","similarity":0.8,"matches":[{"id":"a","index":3,"similarity":0.8},{"id":"c","index":0}]}]}` + "\n" +
		`{"id":"a","story":"x","paragraphs":[{"index":0,"status":"new-status"}]}` + "\n"
	want := &Predictions{articles: map[string]predArticle{
		"b": {story: "x", paragraphs: []predParagraph{
			{status: "edited", matches: []paragraphRef{{id: "a", index: 3}, {id: "c", index: 0}}},
			{status: "credit", matches: []paragraphRef{}},
		}},
		"a": {story: "x", paragraphs: []predParagraph{{status: "new-status", matches: []paragraphRef{}}}},
	}}
	got, err := ReadPredictions(strings.NewReader(in), "p.jsonl")
	if err != nil {
		t.Fatalf("ReadPredictions: %v", err)
	}
	if diff := cmp.Diff(want, got, allowInternals); diff != "" {
		t.Errorf("predictions mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(2, got.Len()); diff != "" {
		t.Errorf("Len mismatch (-want +got):\n%s", diff)
	}
}

func TestNewStoryPredictions(t *testing.T) {
	tests := []struct {
		name    string
		stories map[string]string
		want    *Predictions
	}{
		{"nil", nil, &Predictions{articles: map[string]predArticle{}}},
		{
			"two stories",
			map[string]string{"a": "x", "b": "x", "c": "y"},
			&Predictions{articles: map[string]predArticle{"a": {story: "x"}, "b": {story: "x"}, "c": {story: "y"}}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, NewStoryPredictions(tc.stories), allowInternals); diff != "" {
				t.Errorf("predictions mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadPredictionsErrors(t *testing.T) {
	ok := `{"id":"a","story":"s","paragraphs":[]}`
	para := func(p string) string { return `{"id":"a","story":"s","paragraphs":[` + p + `]}` }
	tests := []errorCase{
		{"invalid JSON", `{"id":"a",}`, "p.jsonl:1: invalid JSON: ", true, 1, ErrInvalidJSON},
		{"wrong type", `{"id":"a","story":"s","similarity":"high"}`, "p.jsonl:1: invalid JSON: ", true, 1, ErrInvalidJSON},
		{"missing id", `{"id":"","story":"s"}`, "p.jsonl:1: missing id", false, 1, ErrMissingField},
		{"missing story", `{"id":"a"}`, `p.jsonl:1: article "a": missing story`, false, 1, ErrMissingField},
		{"duplicate id", ok + "\n" + ok, `p.jsonl:2: duplicate id "a" (first on line 1)`, false, 2, ErrDuplicateID},
		{
			"index out of range", para(`{"index":1,"status":"unique"}`),
			"p.jsonl:1: paragraphs[0]: index 1 out of range [0,1)", false, 1, ErrBadIndex,
		},
		{
			"match without id", para(`{"index":0,"status":"shared","matches":[{"index":0}]}`),
			"p.jsonl:1: paragraphs[0].matches[0]: missing id", false, 1, ErrMissingField,
		},
		{
			"match without index", para(`{"index":0,"status":"shared","matches":[{"id":"b","index":0},{"id":"b"}]}`),
			"p.jsonl:1: paragraphs[0].matches[1]: missing index", false, 1, ErrMissingField,
		},
		{
			"match with negative index", para(`{"index":0,"status":"shared","matches":[{"id":"b","index":-2}]}`),
			"p.jsonl:1: paragraphs[0].matches[0]: negative index -2", false, 1, ErrBadIndex,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadPredictions(strings.NewReader(tc.in), "p.jsonl")
			checkError(t, tc, err)
			if got != nil {
				t.Errorf("got predictions %v with the error, want nil", got)
			}
		})
	}
}

func TestReadError(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name string
		read func() error
	}{
		{"truth", func() error { _, err := ReadTruth(iotest.ErrReader(boom), "t.jsonl"); return err }},
		{"predictions", func() error { _, err := ReadPredictions(iotest.ErrReader(boom), "t.jsonl"); return err }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.read()
			if err == nil {
				t.Fatal("got no error")
			}
			if diff := cmp.Diff("read t.jsonl: boom", err.Error()); diff != "" {
				t.Errorf("message mismatch (-want +got):\n%s", diff)
			}
			if !errors.Is(err, boom) {
				t.Errorf("errors.Is(%v, boom) = false", err)
			}
		})
	}
}
