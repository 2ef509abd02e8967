/*
Package text turns an article's text into what the dedupe engine compares:
languages, sentences, paragraph kinds and stemmed, hashed words. It is the
leaf of the pipeline: it knows nothing of articles, stories or files, and it
is the only package that uses the Snowball stemmers.

# Languages

Lang names the four languages neardup stems (Danish, Norwegian, Swedish,
English); ParseLang reads an ISO 639 code ("da", "nob", "en-GB"), DetectLang guesses
from function words and spelling cues and returns "" when the text is too
short or too mixed to tell.

# Words

A Normalizer folds a text and splits it into words on Unicode word
boundaries (UAX #29, numbers kept): NFC, case folding, quotes and dashes
folded to one form each, then the Snowball stemmer of the language. Each
stem is hashed with seeded xxh3 (Term.Hash); a Normalizer caches the hashes
of words it has seen, so use one per goroutine. Fold applies the same
folding to a whole string, without splitting or stemming.

# Sentences and paragraph kinds

Sentences splits a paragraph into sentences, knowing the abbreviations of
the four languages ("f.eks.", "bl.a.", "Mr.") and dotted initials. Classify
tells a paragraph's kind on its own: a credit line ("/ritzau/", "(©NTB)"), a
known ad marker ("Artiklen fortsætter under annoncen"), a heading, or text.
Boilerplate learned from a corpus is the engine's job (package dedupe).
*/
package text
