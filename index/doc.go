/*
Package index keeps a bleve full-text index of articles beside the dedupe
state that groups them into stories, so that new articles join the stories
already known as they arrive, and searches return one result per story.

# Layout

An index is a directory:

	DIR/write.lock  flock: exclusive, held by the one index run
	DIR/lock        flock: shared by readers, exclusive while a run commits a batch
	DIR/knock       flock: shared by readers waiting for DIR/lock
	DIR/bleve/      the bleve v2 scorch index (one document per article)
	DIR/dedupe.db   the dedupe state (bbolt), see state.Store
	DIR/keys/       the state's LSH and paragraph postings, immutable sorted runs

Each article is one bleve document, id = article id, of the type of its
language (da, nb, sv, en, other): title and body are analysed with that
language's analyser (bleve's da, no, sv and en packages, imported here so
that they register; other uses the standard analyser); date, date_text,
source, lang, url, credits, story, canonical and status (one per paragraph:
shared, unique, heading, boilerplate, credit) are stored beside them. A
query string is parsed once per language, its text terms analysed by that
language's analyser (a term without a field searches title and body).
Languages whose analysers make the same terms of the query's text share
one copy of it, restricted to them (or to nothing, when they are all the
languages: most queries), and the copies are joined with a disjunction.
The restrictions and the search filters do not score.

# The dedupe state

The state (package state) holds what the engine found: per article its
Doc, links, story and paragraph statuses; per story its members; the
learned boilerplate; and the postings of the LSH keys. Adding a batch
analyses only the new articles and re-clusters only the stories their
links touch, so indexing a corpus in parts gives the stories of indexing
it at once (the tests check this on the dev set, and on the demo corpus
export is byte for byte dedupe --out). The state's files and its crash
protocol are described in package state.

# Story ids

A new story is named "s:" + its canonical version's id. An existing
article keeps its story id: when new articles join two or more stories,
the largest keeps its id and Add reports the others as merged into it
(Report.Merges); when an article is indexed again with new content, or a
paragraph is learned as boilerplate, links can disappear and a story can
split (Report.Splits), the larger part keeping the id. The canonical
version can change (an earlier version arrives) without changing the id.

# Batches, commit order and crashes

Add reads articles into batches bounded by count and bytes. For each batch
the state is committed first: one bbolt transaction with every record and
the list of documents bleve must receive (new articles with their text,
existing ones whose story fields changed), after the new key runs are
written and synced. Then the documents go to bleve in one scorch batch
(without unsafe_batch, so it is durable when Batch returns) together with
the batch number, and the state marks the batch done. A process killed at
any moment leaves either the batch absent from both halves, or committed
to the state and pending; Open finds the pending batch, writes it to bleve
(again, if bleve had it: a document written by id replaces itself) and
marks it done. Key runs not named by the state are removed. A rerun of the
same input skips the articles already indexed with the same content (a
content hash per article) and adds the rest.

# Readers beside an index run

Only one index run may use a directory: it holds an exclusive flock on
DIR/write.lock for its whole run, and a second run fails at once with
ErrLocked ("index is locked"). Readers (search, similar, check, export)
work while it runs. Between batches the run keeps both halves open
read-only, as readers do (bbolt and scorch take shared file locks then);
it analyses and verifies the next batch on them. To commit a batch it
takes DIR/lock exclusively, waiting for the readers inside to finish,
reopens both halves for writing (state.Store.Reopen keeps what the store
holds in memory, so the prepared Update stays valid), commits the state,
writes bleve, marks the batch done, and goes back to read-only before it
lets go. Readers take DIR/lock shared, waiting out a commit (up to
Options.LockWait, a minute by default). So a reader sees whole batches
only, and never waits longer than one batch's commit.

Reopening both halves for every batch costs more than the reopening:
scorch stops its background segment merges when it closes, so an index of
100,000 articles built that way was left with 179 segments, each searched
by every query (search p99 98 ms), and the merges' work was lost. So Add
keeps the commit window open from batch to batch while no reader waits. A
reader that finds DIR/lock taken holds DIR/knock shared while it waits;
after each batch the run tries DIR/knock exclusively, and when it cannot
have it, it goes back to rest and lets the readers in. Built that way the
same index has 16 segments (search p99 15 ms), and it is built faster.

# Search

Bleve has no field collapse: Search fetches the best hits, groups them by
story in order of each story's best hit until it has the stories of the
requested page and one more, and returns the page: page p holds the
stories ranked (p−1)·Limit+1 … p·Limit, so no story is on two pages. Hits
rank by score, then id. Bleve is asked for the best 256 by score alone,
which it collects without reading each match's id (sorting by _id reads
the stored id of every match: a query matching 20,000 articles took
100 ms); ties are ranked by id here, and a run of equal scores that the
fetched hits end inside is left out, so that the hits kept do not depend
on the order of bleve's segments. Too few stories: four times as many
hits are fetched. A page that is all one run (a query of filters alone)
is fetched again sorted by bleve, score then id. The stories of the hits,
the canonical version's title, date and source and the list of versions
come from the state; the highlighted fragment is of the story's best hit.

# Limits

The status field is what the links say: a paragraph holding copy matched
in another version of the story is shared. The finer statuses of
articles.jsonl (edited, with word diffs) come from aligning a whole story
and are computed by Export, not stored in the index.
*/
package index
