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
	// GUID is the agency's identifier of the item across its versions
	// (NewsML-G2 guid, NITF doc-id, ninjs uri); empty when the input has
	// none. Versions of one item share it.
	GUID string `json:"guid,omitempty"`
	// Version is the agency's version number of the item (1, 2, …): the
	// NewsML-G2 version attribute, the ninjs version; 0 when unknown.
	Version int `json:"version,omitempty"`
	// FirstCreated is when the item's first version was created, as it
	// appeared in the input (NewsML-G2 firstCreated); Date is this
	// version's time. Empty when unknown.
	FirstCreated string `json:"first_created,omitempty"`
	// Credit is the credit line the input carries as metadata (NewsML-G2
	// creditline, ninjs by, NITF distributor); may be empty.
	Credit string `json:"credit,omitempty"`
	// Copyright names the copyright holder (NewsML-G2 copyrightHolder,
	// NITF doc.copyright holder, ninjs copyrightholder); may be empty.
	Copyright string `json:"copyright,omitempty"`
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
