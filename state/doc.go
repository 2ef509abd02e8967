/*
Package state keeps the dedupe engine's work on disk, so that new articles
join the stories already known without reprocessing the archive: every
article's dedupe.Doc (word hashes, sentence and paragraph bounds; no
text), its links to other versions, its story, the learned boilerplate and
the postings of the LSH band keys and paragraph folds. Package index keeps
a bleve index beside it; this is the only package that uses bbolt.

# Files

A state is a directory:

	DIR/dedupe.db   bbolt: the records below, and a manifest of the key runs
	DIR/keys/       immutable sorted runs of postings (bands-*.run, folds-*.run)

dedupe.db holds the buckets meta (format, the dedupe.Params the state was
created with as JSON, the next article number, the batches committed, the
manifest, a pending payload for the layer above), ids (article id →
number and content hash), docs (number → Doc record), arts (number → story,
hub and paragraph statuses, one letter each), links (number → its half
links: the other article, the sentences matched on each side, the words
shared), stories (story id → members and canonical version) and learned
(folds learned as boilerplate). Records are small binary encodings
(statecodec.go, recordcodec.go) that start with a format byte; decoding
checks every count and bound, so a damaged record is ErrCorruptRecord,
never a panic.

A key run is a file of sorted 8-byte entries, key<<24 | article number,
with fences every 64 entries and a CRC-32C (keyrun.go); a lookup
binary-searches the fences in memory, then one block of the memory-mapped
file. A few runs per table are kept, merged four at a time.

# Adding articles

Store.Prepare analyses a batch with the engine's own stages (dedupe.Analyzer,
Verify, the hub test, BetterCanonical): the new articles' keys are looked
up in the postings, the candidate pairs verified by the story rule, the
stories those links touch clustered again, and boilerplate learned as Run
learns it over the holders of each paragraph that now recurs. So adding a
corpus in parts gives the stories of running dedupe.Run on it at once.
Existing articles keep their story ids; merges and splits are reported in
the Update.

# Commit order and crashes

Store.Commit first writes and syncs the batch's new key runs, then commits
every record, the new manifest and the caller's pending payload in one
bbolt transaction. A process killed before the transaction leaves the
state as it was; a run not named by the manifest is removed by the next
writable Open. The caller (package index) clears the pending payload once
it has applied it elsewhere (Store.ClearPending). One writer at a time,
serialised by the caller. A writer may rest on a read-only bbolt handle
between commits (Store.Reopen), so that readers can open the file, which
bbolt locks: shared for readers, exclusive for a writable handle.
*/
package state
