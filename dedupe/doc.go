/*
Package dedupe finds the versions of each news story in a corpus and the
paragraphs they share.

A desk republishes agency copy lightly rewritten: a new lead, a paragraph
cut, two merged, a background paragraph kept word for word, an ad marker
dropped in. Versions of one story often share only 10–20% of their word
shingles, so a document-level MinHash at Jaccard 0.5 finds none of them. This
package matches at passage level instead and decides by how much of an
article the shared copy covers.

# Near-duplicate

Two articles A and B are versions of one story when

	max(CoverA, CoverB) ≥ Threshold  and  min(ParasA, ParasB) ≥ MinParagraphs

or, in fewer paragraphs,

	min(ParasA, ParasB) ≥ 1  and  max(CloseA/TotalA, CloseB/TotalB) ≥ BriefCover

where CoverX = SharedX / TotalX is the share of X's text words that are
matched copy, ParasX the paragraphs of X that hold matches, and CloseX the
matched words whose sentences are close to verbatim (at least 0.8 of the
larger sentence's shingles shared). Defaults: Threshold 0.2, MinParagraphs
2, BriefCover 0.5.

Shared copy is counted in sentences: a sentence of A and one of B match
when they share at least two word shingles and at least half of the
shingles of the smaller (strict), or, as edited copy, when both have at
least 8 words, share at least one shingle and their words agree in order,

	2·LCS(a, b) / (|a| + |b|) ≥ 0.7  (and word-bag Dice ≥ 0.7),

that is, at most about a third of the words changed. With k = 3 every
changed word kills up to three shingles, so a sentence of 15 words with
three words changed keeps 4 of its 13 shingles and fails the strict test
although it is plainly copy: without the edited test a republish that
rewrites every sentence a little shares "nothing" outside the one
paragraph it kept. An edited match is never close to verbatim (see
CloseA below), and in both kinds two sentences that hold figures must
agree on them (see Figures). The matches form a one-to-one alignment of
words (see Alignment of sentences below), and a match counts the shorter
sentence's words as shared on both sides.

Why each part is there. The paragraph rule keeps apart a follow-up that
quotes one background paragraph, and a roundup that quotes one lead from
each of five stories: each holds copy in one paragraph only. The brief
rule lets through what the paragraph rule can never see: a one-paragraph
brief republished word for word, or an article whose "paragraphs" are
single sentences; it asks that most of one article be close to verbatim
copy, so a follow-up or a roundup, which quote a small share of their own
text, stay apart, and so does a brief that shares only a stock sentence
with its names and figures changed (the overlap of such a pair is well
under 0.8). Stories are the connected components of this relation, so
updates chain (v1 ~ v2 ~ v3 is one story even when v1 and v3 share
little), except through hubs (see Clustering).

# Normalisation and shingles

Text is NFC-normalised, case-folded, quotes and dashes folded, split on
Unicode word boundaries (numbers kept) and stemmed with the Snowball
stemmer of the article's language (given or detected; Danish, Norwegian,
Swedish, English). Each stem is hashed with seeded xxh3 to 64 bits and kept
as its low 32 bits (about 4 bytes a word). A shingle is k = Params.ShingleSize
(default 3) consecutive stemmed words, hashed by a seeded combination of the
word hashes finished with the SplitMix64 mixer; a sentence shorter than k is
one shingle. Paragraphs that are credit lines ("/ritzau/", "(©NTB)"), known
ad markers ("Artiklen fortsætter under annoncen") or boilerplate learned from
the corpus are not story text.

# MinHash by one-permutation hashing

Each text paragraph (a passage) gets a signature of K = Params.NumHashes
values (default 128). Instead of K hash functions, one-permutation hashing
(Li, Owen, Zhang 2012) hashes each shingle s once, h = mix(s ⊕ seed), puts it
in bin ⌊h·K / 2⁶⁴⌋ and keeps the bin's minimum of a second mix of h: one
pass, O(n). Bins that no shingle fell into are filled by densification
(Shrivastava & Li 2014, "improved densification"): empty bin i borrows the
value of the nearest non-empty bin to its right or left, the direction chosen
by a seeded coin per bin, mixed with the distance. Filling is two linear
scans, so a signature costs O(n + K). For sets A and B every bin agrees with
probability J(A,B) = |A∩B| / |A∪B|, so the share of agreeing values
estimates J with standard error √(J(1−J)/K): ±0.044 at K = 128 and J = 0.5.

# LSH banding

The signature is cut into b bands of r rows (b·r ≤ K); two passages are
candidates when all r values of some band agree, which happens with
probability P(s) = 1 − (1 − s^r)^b for Jaccard s. The curve rises steepest
near s ≈ (1/b)^(1/r). OptimalBands picks b and r for a threshold t
(Params.PassageThreshold, default 0.4) by minimising the weighted area of
false positives below t and false negatives above it:

	cost(b, r) = w_fp ∫₀ᵗ P(s) ds + w_fn ∫ₜ¹ (1 − P(s)) ds

For t = 0.4 and K = 128 this gives b = 32, r = 4: P(0.3) = 0.23,
P(0.5) = 0.87, P(0.6) = 0.99. Two versions usually share several passages,
each a separate chance, so a pair is missed only when all of them are. A
pair of articles is a candidate only when it shares at least
Params.MinSharedKeys (default 2) keys, counted over all bands of all their
passages: versions that keep two paragraphs word for word share 64, while
two unrelated articles whose paragraphs meet by chance (stock phrases such as
"det er ikke") share one. A key counts in full only when its bucket holds at
most RareBucket (8) articles, and half when more: in a large archive the
same stock passage recurs across many unrelated articles, so its keys are
weak evidence. On the perf corpus (real sentences, recurring as the pool
runs out) at 100,000 articles this cuts the candidate pairs from 1,003,895
to 290,126, and on the generator from 203,530 to 161,187, while every link
found before is found. On a generated corpus of 100,000 articles this
keeps 202,000 of 1,100,000 colliding pairs and loses none of the 144,000
links.

The passage rule. The same stock passage also collides in every band, so
one identical paragraph gives two unrelated articles 32 keys: on 20,000
articles of the perf corpus 98% of the candidates that failed verification
shared keys from one passage, and no link did. Versions share copy in at
least MinParagraphs paragraphs, so a pair is a candidate only when its
shared keys come from two passages of one of the two articles. Analyze
tags each key with its passage's number (KeyTag, in the key's top 7
bits, above the 40 a bucket keeps), Buckets keeps the tag where the
shard's number makes the key's top byte redundant, and each pair
occurrence carries both tags (Evidence counts them). An article is exempt
when the story rule asks for one paragraph only (every key a wildcard) or
its largest passage holds at least half the brief rule's share of its
text (BriefCover/2: learned boilerplate, found later, can raise a
passage's share): a brief republished inside a longer article shares one
passage and is still a candidate. Then each passage large enough to
exempt it on its own is a wildcard, and its other passages are weak
(tags from 64 up): a weak passage's keys make a pair a candidate on their
own only when at least MinSharedKeys of them come from rare buckets (at
most RareBucket articles). An update whose one colliding passage is
small shares it with its few versions; copy that recurs across many
articles is stock text.

Figures. The rule as first made (every key of an exempt article a
wildcard): at 100,000 articles the perf corpus's candidates fell from
290,126 to 102,650 (links 25,227 → 25,226), at 1,000,000 from 5,621,405
to 1,903,081, but 15% of its articles are exempt and took part in 70% of
its candidates, so the candidates per article still grew 1.85× from
100,000 to 1,000,000. Making only the large passage's keys wildcards
kept the candidates flat (0.30 an article at 100,000, 0.27 at 1,000,000)
but lost update chains whose one colliding passage is a small one
(hard-case chain recall 1.0 → 0.987, generator candidate recall 0.9989).
With weak passages that need rare keys (2026-12-08): the perf corpus's
candidates are 68,610 at 100,000 (0.69 an article; the output is byte for
byte the same, candidate recall against ExactReference 1.0000) and
676,866 at 1,000,000 (0.68: 0.99× of 100,000's; 248,872 links, one link
of similarity 0.09 lost of 248,873); the generator's at 100,000 are
148,783 (148,830 before), candidate recall 0.9994 (145,577 of 145,659,
as before: versions whose second shared paragraph was rewritten or
merged past the passage threshold: a 47-word paragraph inside a 102-word
one has Jaccard 0.46 and collides with probability 0.74), its stories,
the hard cases (chain recall 1.0) and dev unchanged.

Each band of each passage is stored as 8 bytes (a 40-bit key and a 24-bit
article number); a radix sort on the key bits, in 256 shards sorted in
parallel, brings every bucket together. A bucket of more
than Params.MaxBucket articles (a paragraph reused very widely) yields a
chain and a star over its articles instead of all pairs, so its cost is
linear. In a Run the shards wait in an unlinked temporary file while the
articles are read, and so do the pairs found (binned by their first
article, each bin sorted and counted alone): memory holds one shard or
one bin at a time.

# Alignment of sentences

Every pair of sentences that passes the rule is a candidate; the kept
matches are those of a greedy alignment in which every word of A and of B
is matched at most once. Each sentence starts with its length in words; a
match (a, b) takes min(|a|, |b|) words from both, and is kept only while
both have that much left. Candidates are taken most similar first (word
similarity, then the share of the larger sentence's shingles shared, then
position order). So:

  - a sentence repeated in one version (a template row, a second ad
    line, a table header) matches its counterpart once, not every copy:
    without this a paragraph already linked to its true counterpart was
    also linked to every paragraph it overlapped;
  - a short sentence found inside a long one ("X is arrested on
    suspicion of drunk driving" in a 24-word sentence about someone else)
    credits min(|a|, |b|) words, not the whole long sentence;
  - a long sentence that a desk split in two still matches both parts,
    whose lengths add up to its own.

# Figures

Words with a digit (figures, dates, scores: text.Term.Number, marked per
token in Doc.Numbers) are evidence only beside words. A shingle made of
figures alone is dropped from the sentence comparison: a header line of
dates ("04/09/87 03/09/87 …") is in every table of its day. And in the
story rule two sentences that both hold figures match only when they share
more than half of the fewer: a template line with other figures ("Exports
at 740, vs 712 last month" / "Exports at 1,241, vs 712 last month") is not
copy, while a republish that edits one figure of four still is. Within a
story, the alignment keeps matching such lines as edited copy (an update
that changes the death toll edits its sentence).

SharedA and SharedB sum the credited words of each side's text paragraphs,
so coverage, CoverA = SharedA / TotalA, is the share of words that actually
match.

# Verification

Every candidate pair is verified exactly, sentence by sentence, on the
stored word hashes, and kept when it passes the story rule above. The
candidate phase keeps only band keys and word hashes, never the text; in a
Run the word hashes too wait on disk once an article is analysed, and each
comparison reads back the two articles' (about 2 KB each, from the page
cache), so memory holds about 1.4 KB an article.

# Boilerplate learned from the corpus

A paragraph that recurs word for word in many articles is either copy that
travelled (a background paragraph kept by every version of a story) or page
furniture ("Følg os på Facebook …"). The difference is whether the articles
share anything else. Before any linking, each paragraph found word for word
in at least Params.BoilerplateStories (default 4) articles is tested: the
articles holding it that have text of their own (a third of their words in
paragraphs that do not recur) are grouped by the story rule with every
recurring paragraph masked out. If they fall into at least
BoilerplateStories groups (one more per 8 words of the paragraph, since a
lead quoted by a few roundups is copy, and furniture is short), the paragraph
is boilerplate: it is neither evidence nor shared copy. A paragraph with
two or more figures is never learned: an earnings line or a table row that
desks paste under their own reports carries news, and learning it would
hide real shared copy.

# Clustering

Stories are the connected components of the verified links (union–find),
with two refinements.

Strong and weak links. A link is strong when its evidence lies in more
than one passage: close-to-verbatim copy in at least MinParagraphs
paragraphs of each article, or the brief rule, or the story rule still
holding once the one paragraph of each side holding most of the copy is
taken away (an update that kept one paragraph and rewrote two). Otherwise
it is weak: one verbatim passage beside edited or templated sentences,
such as two arrests reported with the same stock sentences and the name
changed, which pass the story rule just as an edited republish does. The
strong links are joined first. Two of the groups they form are then
joined through weak links when either has at most two members (a single
version, or a version and one copy of it: a weak link is the normal
evidence of a rewritten version), or when more than half of the members
of each hold a weak link into the other. Between two established groups
(ten versions of one arrest, six of another) a few weak links from a
minority of their members are stock phrasing, not a story: in the issue's
real case three such links chained sixteen articles of two events. All
decisions are taken on the groups of the strong links, so the result does
not depend on link order. An update chain holds because consecutive
updates keep enough copy for a strong link, or are single articles joined
by weak ones; a chain whose every link is weak between groups of three or
more would split (not seen on dev or the generator).

Hubs. An article whose neighbours fall into three or more groups —
neighbours that neither link to each other nor share copy in the same
sentences of it — is a hub, such as a roundup quoting several unrelated
leads. A hub keeps its links out of the union, so it cannot chain those
stories together. Its twins (articles that are each at least 0.8 close
copy of the other: a desk running the roundup as it came) are left out of
the test, since they share every sentence and would join all the groups;
and two hubs that are twins stay one story.

# Canonical version and alignment

A story's canonical version is its earliest by date; without dates, the
version holding most of the story's shared copy. Within each story, versions
are aligned sentence by sentence with a relaxed rule that also accepts
edited sentences (word Dice ≥ 0.7) and short sentences copied word for word,
and the sentence matches are rolled up to paragraphs: a paragraph that merges
copy from two places lists both. An article's similarity to the canonical
version is the share of their combined text that is shared copy.
*/
package dedupe
