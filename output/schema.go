package output

import "github.com/neardup/neardup/dedupe"

// The file schema: the records of articles.jsonl (Article) and
// stories.json (StoriesFile). Writer writes them by hand, byte for byte as
// encoding/json would (recordjson.go); they read back with encoding/json.

// Article is one line of articles.jsonl.
type Article struct {
	ID         string  `json:"id"`
	Story      string  `json:"story"`
	Canonical  bool    `json:"canonical"`
	Similarity float64 `json:"similarity"`
	Lang       string  `json:"lang"`
	// URL is where the article was published, as the input gave it.
	URL string `json:"url,omitempty"`
	// GUID and Version are the agency's item id and version number, as
	// the input gave them (NewsML-G2 guid and version, NITF doc-id, ninjs
	// uri and version).
	GUID    string `json:"guid,omitempty"`
	Version int    `json:"version,omitempty"`
	// UpdateOf is the id of the article this one is the agency's update
	// of: the previous version of the same item (same GUID, the next lower
	// version).
	UpdateOf string `json:"update_of,omitempty"`
	// Credits are the agency credit lines, as written.
	Credits []string `json:"credits"`
	// Credited is set when the article carries an agency credit line.
	Credited bool `json:"credited"`
	// CopyShare is the share of the article's text that is copy first seen
	// in an earlier version of its story; the rest is its own new text.
	CopyShare float64 `json:"copy_share"`
	// Flags name what an editor should check: "uncredited_copy" when most
	// of the text is earlier copy and no credit line is kept.
	Flags      []string    `json:"flags"`
	Paragraphs []Paragraph `json:"paragraphs"`
}

// Paragraph describes one paragraph of an article.
type Paragraph struct {
	Index int `json:"index"`
	// Status is shared (copy also in another version, verbatim or nearly),
	// edited (copy with words changed from the closest earlier version),
	// unique (new in this version), heading, boilerplate or credit.
	Status dedupe.Status `json:"status"`
	// Similarity, for edited paragraphs, is the word similarity to the
	// closest earlier version's paragraph.
	Similarity float64 `json:"similarity,omitempty"`
	// Blocks are the ids of the copy blocks the paragraph carries (see
	// Story.Blocks).
	Blocks  []string `json:"blocks"`
	Matches []Match  `json:"matches"`
	// Diff, for edited paragraphs, is the word diff from the closest
	// earlier version's paragraph to this one: "-" and "+" runs carry their
	// words in text; "=" runs carry in n the number of words kept, which are
	// the next n words of this paragraph.
	Diff *Diff `json:"diff,omitempty"`
}

// Diff is a word diff against a paragraph of another version.
type Diff struct {
	ID    string   `json:"id"`
	Index int      `json:"index"`
	Ops   []DiffOp `json:"ops"`
}

// Match names a paragraph of another version that shares copy.
type Match struct {
	ID         string  `json:"id"`
	Index      int     `json:"index"`
	Similarity float64 `json:"similarity"`
}

// StoriesFile is the content of stories.json.
type StoriesFile struct {
	Stories []Story `json:"stories"`
}

// Story is one story of stories.json.
type Story struct {
	ID        string `json:"id"`
	Canonical string `json:"canonical"`
	Size      int    `json:"size"`
	// Members are the versions: the canonical one first, then by date.
	// They are the columns of the story map.
	Members []Member `json:"members"`
	// Blocks are the rows of the story map: the copy blocks, in order of
	// first appearance.
	Blocks []Block `json:"blocks"`
	// Repetitive, when not zero, counts the sentences whose words recur so
	// often (text of a tiny vocabulary) that they were matched only where
	// identical: edited copy of them is not shown.
	Repetitive int `json:"repetitive_sentences,omitempty"`
}

// Member is one version of a story.
type Member struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Date   string `json:"date,omitempty"`
	Source string `json:"source,omitempty"`
	// URL, GUID, Version and UpdateOf are as in Article.
	URL        string  `json:"url,omitempty"`
	GUID       string  `json:"guid,omitempty"`
	Version    int     `json:"version,omitempty"`
	UpdateOf   string  `json:"update_of,omitempty"`
	Similarity float64 `json:"similarity"`
	// CopyShare, Credited and Flags are as in Article.
	CopyShare float64  `json:"copy_share"`
	Credited  bool     `json:"credited"`
	Flags     []string `json:"flags"`
	// NewParagraphs are the version's own paragraphs (status unique).
	NewParagraphs []int `json:"new_paragraphs"`
}

// Block is one row of the story map.
type Block struct {
	ID string `json:"id"`
	// FirstSeen is the version that carried the copy first.
	FirstSeen string `json:"first_seen"`
	// Cells are the versions that carry it; versions absent from the list
	// do not.
	Cells []Cell `json:"cells"`
}

// Cell is one version's copy of a block.
type Cell struct {
	ID string `json:"id"`
	// State is verbatim or edited.
	State      string  `json:"state"`
	Similarity float64 `json:"similarity"`
	Paragraphs []int   `json:"paragraphs"`
}
