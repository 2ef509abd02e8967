package corpus

import (
	"strings"
	"time"
)

// Article is one news article as read from the input.
type Article struct {
	// ID identifies the article; unique within a run. Required.
	ID string `json:"id"`
	// Title is the headline; may be empty.
	Title string `json:"title,omitempty"`
	// Body holds the text; paragraphs are separated by a blank line.
	Body string `json:"body"`
	// Date is the publication time; the zero value means unknown.
	Date time.Time `json:"-"`
	// DateText is the date as it appeared in the input ("2023-09",
	// "2022-02-18T07:56:00Z"); empty when unknown. Written back unchanged.
	DateText string `json:"date,omitempty"`
	// Source names the outlet or agency ("ritzau", "post-e"); may be empty.
	Source string `json:"source,omitempty"`
	// Lang is an ISO 639-1 code ("da", "nb", "sv", "en") when the input
	// gave one; empty means unknown (the dedupe stage detects it).
	Lang string `json:"lang,omitempty"`
	// URL is where the article was published; may be empty.
	URL string `json:"url,omitempty"`
	// Origin says where the article came from, for messages:
	// "dir/a.txt" or "corpus.jsonl:12".
	Origin string `json:"-"`
}

// Paragraphs splits the body into its blank-line-separated paragraphs, in
// order. A blank line is a line holding only white space; runs of blank lines
// count as one separator, and leading and trailing blank lines are ignored.
// Each paragraph is returned with surrounding white space trimmed. Index i of
// the result is paragraph i in every output and in the evaluation files.
func (a *Article) Paragraphs() []string {
	return SplitParagraphs(a.Body)
}

// SplitParagraphs splits text into blank-line-separated paragraphs as
// described on Article.Paragraphs.
func SplitParagraphs(text string) []string {
	var paras []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.TrimSpace(strings.Join(cur, "\n")))
			cur = cur[:0]
		}
	}
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\r\n")
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		cur = append(cur, line)
	}
	flush()
	return paras
}
