// Package eval measures how well neardup's output matches a labelled truth
// file. It reads the truth (truth.jsonl, see shared/eval/README.md) and the
// detector's articles.jsonl, and computes the figures that README defines.
// It knows nothing of the detector itself: any program that writes
// articles.jsonl can be scored.
//
// # Story clustering
//
// Over the articles of the truth, a pair of articles is positive when both
// have the same true story, and predicted positive when both have the same
// predicted story. Pairwise precision, recall and F1 count such pairs; they
// come from the contingency table of true × predicted stories (sums of
// C(n,2) over cells, rows and columns), so the cost is linear in the number
// of articles. B-cubed precision of an article is |its predicted cluster ∩
// its true cluster| / |its predicted cluster|, recall divides by |its true
// cluster|; both are averaged over the articles and F1 is the harmonic mean
// of the two averages.
//
// Truth articles missing from the predictions are scored as singletons: each
// is alone in a predicted story of its own. Predicted articles that the
// truth does not know are ignored. Report counts both.
//
// # Paragraph marking
//
// The universe is every pair of text paragraphs (truth kind "text") in
// different articles of the same true story. A pair is positive when the
// truth origins of its paragraphs intersect. The detector reports a pair as
// shared when the matches list of either paragraph names the other (article
// id and paragraph index), whatever the paragraph's status. Reported pairs
// outside the universe (another story, the same article, a paragraph that
// is not text, an article or paragraph the truth does not know) do not
// count; Report.OutsidePairs says how many distinct ones there were.
//
// Predicted paragraph i of an article is matched to truth paragraph i of
// the article with the same id.
//
// # Boilerplate, credit and heading marks
//
// For each of the kinds boilerplate, credit and heading, recall is the share
// of truth paragraphs of that kind whose predicted status is the same word,
// and precision is the share of paragraphs with that status whose truth
// kind is that word. Paragraphs of a missing article are unmarked; predicted
// paragraphs past the end of the truth article have no kind, so a mark on
// them is a wrong one. Other statuses (shared, edited, unique, and any that
// a later detector adds) mark nothing.
//
// # Empty denominators
//
// Precision is TP/(TP+FP) and recall is TP/(TP+FN); a ratio whose
// denominator is 0 is 0, except when both denominators are 0 (nothing is
// positive and nothing was predicted), where precision, recall and F1 are
// all 1. F1 is 2PR/(P+R), and 0 when P+R is 0. B-cubed over no articles is
// 1, 1, 1 by the same rule.
package eval
