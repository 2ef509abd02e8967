/*
Package output writes what a dedupe run found as the files a desk reads:
articles.jsonl, stories.json and report.html, plus the terminal summary. It
renders a dedupe.Result and decides nothing: statuses, matches, copy
blocks and flags come from the engine.

# Files

WriteDir writes a directory: ArticlesName, StoriesName, CSVName and, with
DirOptions.Views, ReportName, each to a temporary file renamed into place.
WriteArticles writes articles.jsonl alone (to standard output, say),
WriteCSV the rows of articles.csv, and WriteSummary the readable list of
stories.

articles.jsonl holds one Article a line, sorted by ID: its story, whether
it is the canonical version, its similarity to it, its credit lines, its
copy share and flags, and per paragraph (Paragraph) its dedupe.Status, the
copy blocks it carries, the paragraphs of other versions it matches and,
for edited copy, the word Diff from the closest earlier version: "=" runs
count the words kept, "-" and "+" runs carry the words deleted and
inserted.

Where the input gave them, an article carries its URL and the agency's
item id (GUID) and Version, and UpdateOf names the agency's previous
version of the same item (agencyUpdates): the feed's own update chain,
beside the story the engine found.

articles.csv holds CSVHeader and a row per article, story by story, for a
desk's spreadsheet; text cells that would run as formulas are guarded.

stories.json holds a StoriesFile, one Story a line, largest first: its
Members in the story's order (canonical first), and its map, the copy
Blocks in order of first appearance with one Cell per version carrying the
block (verbatim or edited, with its similarity and paragraphs).

report.html is one self-contained page (inline CSS and script from
report.html in this package, no requests): the story list and, for a story
opened, its map and versions side by side. The story data is embedded as
JSON with <, > and & escaped; the page inserts article text only as text.
ReportTexts reads a story's paragraph texts back from a report, for
`neardup show`.

The records are written by hand, byte for byte as encoding/json writes
them without HTML escaping (tested against it); they read back with
encoding/json.

# Word diffs

A Writer owns the word diffs of edited paragraphs: a story's are computed
on first use, once, from the article bodies the Result keeps, and shared
by articles.jsonl and report.html. WriteDir and WriteArticles free each
story's diffs once every file that shows them is done with it, so memory
stays flat at a million articles; NewWriter keeps them.
*/
package output
