package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/neardup/neardup/corpus"
)

// detailError is a problem described in words of its own that still
// matches its sentinel (and cause) with errors.Is, so messages do not repeat
// the "eval: " prefix after the file and line.
type detailError struct {
	msg  string
	errs []error // the sentinel first, then any cause
}

func (e *detailError) Error() string   { return e.msg }
func (e *detailError) Unwrap() []error { return e.errs }

// problem returns an error with the formatted message that wraps sentinel.
func problem(sentinel error, format string, args ...any) error {
	return &detailError{msg: fmt.Sprintf(format, args...), errs: []error{sentinel}}
}

// kind is the truth kind of a paragraph.
type kind uint8

// The truth kinds. Their names are also the statuses that mark them.
const (
	kindText kind = iota
	kindBoilerplate
	kindHeading
	kindCredit
	numKinds
)

var kindNames = [numKinds]string{"text", "boilerplate", "heading", "credit"}

// parseKind returns the kind named s.
func parseKind(s string) (kind, bool) {
	for k, name := range kindNames {
		if s == name {
			return kind(k), true
		}
	}
	return 0, false
}

// Truth is a parsed truth file: the labelled articles in file order, with
// an index by id. The zero value is an empty truth.
type Truth struct {
	articles []truthArticle
	byID     map[string]int // id → position in articles
}

// truthArticle is one labelled article.
type truthArticle struct {
	id, story  string
	paragraphs []truthParagraph // by paragraph index
}

// truthParagraph is the label of one paragraph.
type truthParagraph struct {
	kind    kind
	origins []string
}

// Len returns the number of articles in the truth.
func (t *Truth) Len() int { return len(t.articles) }

// truthLine is one line of truth.jsonl. Unknown fields are ignored.
type truthLine struct {
	ID         string `json:"id"`
	Story      string `json:"story"`
	Role       string `json:"role"`
	Paragraphs []struct {
		Index   *int     `json:"index"`
		Kind    string   `json:"kind"`
		Origins []string `json:"origins"`
		Edit    float64  `json:"edit"`
	} `json:"paragraphs"`
}

// ReadTruth reads a truth file, one JSON article a line (blank lines are
// skipped). name is used in error messages, which have the form
// "name:line: problem" (see corpus.InputError).
func ReadTruth(r io.Reader, name string) (*Truth, error) {
	t := &Truth{byID: make(map[string]int)}
	lines := make(map[string]int) // id → line, for duplicate messages
	err := readLines(r, name, func(line int, b []byte) error {
		a, err := parseTruthLine(b)
		if err != nil {
			return err
		}
		if first, ok := lines[a.id]; ok {
			return problem(ErrDuplicateID, "duplicate id %q (first on line %d)", a.id, first)
		}
		lines[a.id] = line
		t.byID[a.id] = len(t.articles)
		t.articles = append(t.articles, a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// parseTruthLine decodes and checks one truth line.
func parseTruthLine(b []byte) (truthArticle, error) {
	var l truthLine
	if err := decodeLine(b, &l); err != nil {
		return truthArticle{}, err
	}
	if err := checkArticle(l.ID, l.Story); err != nil {
		return truthArticle{}, err
	}
	a := truthArticle{id: l.ID, story: l.Story, paragraphs: make([]truthParagraph, len(l.Paragraphs))}
	seen := make([]bool, len(l.Paragraphs))
	for i, p := range l.Paragraphs {
		idx, err := placeParagraph(i, p.Index, seen)
		if err != nil {
			return truthArticle{}, err
		}
		k, ok := parseKind(p.Kind)
		if !ok {
			return truthArticle{}, problem(ErrUnknownKind, "paragraphs[%d]: unknown kind %q", i, p.Kind)
		}
		a.paragraphs[idx] = truthParagraph{kind: k, origins: p.Origins}
	}
	return a, nil
}

// Predictions is a parsed articles.jsonl written by neardup: the predicted
// story and the paragraph marks of each article, by id. The zero value is
// an empty set of predictions.
type Predictions struct {
	articles map[string]predArticle
}

// predArticle is the prediction for one article.
type predArticle struct {
	story      string
	paragraphs []predParagraph // by paragraph index
}

// predParagraph is the prediction for one paragraph.
type predParagraph struct {
	status  string
	matches []paragraphRef
}

// paragraphRef names a paragraph of an article.
type paragraphRef struct {
	id    string
	index int
}

// NewStoryPredictions returns predictions that carry stories only, no
// paragraph marks: each article id of stories is in the story it maps to.
func NewStoryPredictions(stories map[string]string) *Predictions {
	p := &Predictions{articles: make(map[string]predArticle, len(stories))}
	for id, story := range stories {
		p.articles[id] = predArticle{story: story}
	}
	return p
}

// Len returns the number of predicted articles.
func (p *Predictions) Len() int { return len(p.articles) }

// predLine is one line of articles.jsonl. Unknown fields are ignored; the
// ones Evaluate does not use are decoded only to check their types.
type predLine struct {
	ID         string   `json:"id"`
	Story      string   `json:"story"`
	Canonical  bool     `json:"canonical"`
	Similarity float64  `json:"similarity"`
	Lang       string   `json:"lang"`
	Credits    []string `json:"credits"`
	Paragraphs []struct {
		Index      *int     `json:"index"`
		Status     string   `json:"status"`
		Similarity *float64 `json:"similarity"`
		Matches    []struct {
			ID         string  `json:"id"`
			Index      *int    `json:"index"`
			Similarity float64 `json:"similarity"`
		} `json:"matches"`
	} `json:"paragraphs"`
}

// ReadPredictions reads neardup's articles.jsonl, one JSON article a line
// (blank lines are skipped; the lines may come in any order). name is used
// in error messages, which have the form "name:line: problem" (see
// corpus.InputError).
func ReadPredictions(r io.Reader, name string) (*Predictions, error) {
	p := &Predictions{articles: make(map[string]predArticle)}
	lines := make(map[string]int) // id → line, for duplicate messages
	err := readLines(r, name, func(line int, b []byte) error {
		id, a, err := parsePredLine(b)
		if err != nil {
			return err
		}
		if first, ok := lines[id]; ok {
			return problem(ErrDuplicateID, "duplicate id %q (first on line %d)", id, first)
		}
		lines[id] = line
		p.articles[id] = a
		return nil
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// parsePredLine decodes and checks one line of articles.jsonl.
func parsePredLine(b []byte) (string, predArticle, error) {
	var l predLine
	if err := decodeLine(b, &l); err != nil {
		return "", predArticle{}, err
	}
	if err := checkArticle(l.ID, l.Story); err != nil {
		return "", predArticle{}, err
	}
	a := predArticle{story: l.Story, paragraphs: make([]predParagraph, len(l.Paragraphs))}
	seen := make([]bool, len(l.Paragraphs))
	for i, p := range l.Paragraphs {
		idx, err := placeParagraph(i, p.Index, seen)
		if err != nil {
			return "", predArticle{}, err
		}
		pp := predParagraph{status: p.Status, matches: make([]paragraphRef, 0, len(p.Matches))}
		for j, m := range p.Matches {
			switch {
			case m.ID == "":
				return "", predArticle{}, problem(ErrMissingField, "paragraphs[%d].matches[%d]: missing id", i, j)
			case m.Index == nil:
				return "", predArticle{}, problem(ErrMissingField, "paragraphs[%d].matches[%d]: missing index", i, j)
			case *m.Index < 0:
				return "", predArticle{}, problem(ErrBadIndex, "paragraphs[%d].matches[%d]: negative index %d", i, j, *m.Index)
			}
			pp.matches = append(pp.matches, paragraphRef{id: m.ID, index: *m.Index})
		}
		a.paragraphs[idx] = pp
	}
	return l.ID, a, nil
}

// decodeLine unmarshals one JSON line into v.
func decodeLine(b []byte, v any) error {
	if err := json.Unmarshal(b, v); err != nil {
		return &detailError{msg: "invalid JSON: " + err.Error(), errs: []error{ErrInvalidJSON, err}}
	}
	return nil
}

// checkArticle checks the fields every article line needs.
func checkArticle(id, story string) error {
	if id == "" {
		return problem(ErrMissingField, "missing id")
	}
	if story == "" {
		return problem(ErrMissingField, "article %q: missing story", id)
	}
	return nil
}

// placeParagraph checks the index of the i-th paragraph of an article with
// len(seen) paragraphs, marks it seen, and returns it.
func placeParagraph(i int, index *int, seen []bool) (int, error) {
	switch {
	case index == nil:
		return 0, problem(ErrMissingField, "paragraphs[%d]: missing index", i)
	case *index < 0 || *index >= len(seen):
		return 0, problem(ErrBadIndex, "paragraphs[%d]: index %d out of range [0,%d)", i, *index, len(seen))
	case seen[*index]:
		return 0, problem(ErrBadIndex, "paragraphs[%d]: duplicate index %d", i, *index)
	}
	seen[*index] = true
	return *index, nil
}

// utf8BOM may start the first line of a file.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// readLines calls fn with each non-blank line of r and its 1-based number.
// Errors from fn come back wrapped in a *corpus.InputError; read errors are
// wrapped with the file name.
func readLines(r io.Reader, name string, fn func(line int, b []byte) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		b, err := br.ReadBytes('\n')
		if err != nil && err != io.EOF {
			return fmt.Errorf("read %s: %w", name, err)
		}
		if n == 1 {
			b = bytes.TrimPrefix(b, utf8BOM)
		}
		if len(bytes.TrimSpace(b)) > 0 {
			if ferr := fn(n, b); ferr != nil {
				return &corpus.InputError{Path: name, Line: n, Err: ferr}
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}
