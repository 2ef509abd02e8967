package state

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/text"

	bolt "go.etcd.io/bbolt"

	"github.com/neardup/neardup/corpus"
)

// Similarity says where an article that is not in the state would go: the
// story it belongs to, how similar each version is, and which paragraphs
// they share.
type Similarity struct {
	// Story is the story the article would join: the one holding most of
	// the articles it passes the story rule with. Empty when none.
	Story string
	// Versions are the versions of Story, canonical first, each compared
	// with the article.
	Versions []VersionMatch
	// Others are the other stories the article passes the story rule with
	// (a roundup quotes several), by id.
	Others []string
	// Paragraphs is the number of paragraphs of the article; Lang its
	// language.
	Paragraphs int
	Lang       text.Lang
	// Candidates is the number of stored articles compared.
	Candidates int
}

// VersionMatch is one version compared with the article.
type VersionMatch struct {
	ID, Title, Date, Source string
	Canonical               bool
	// Linked is set when the pair passes the story rule.
	Linked bool
	// Similarity is the share of the two articles' text that is shared
	// copy, edited sentences included (as a version's similarity to its
	// canonical one in Run).
	Similarity float64
	// Shared lists the pairs of paragraphs holding the same copy.
	Shared []ParaPair
}

// ParaPair is a paragraph of the article (Mine) and one of a version
// (Theirs) that share copy, with the word similarity of that copy (1 for
// verbatim).
type ParaPair struct {
	Mine, Theirs int
	Sim          float64
}

// maxSimilarVersions bounds the versions compared in detail.
const maxSimilarVersions = 256

// Similar analyses art as Prepare would, looks its band keys up in the
// stored postings, verifies the candidates by the story rule and compares
// the article with every version of the story it belongs to. It writes
// nothing. lang, when set, is the article's language. A stored article
// with the same id (an older version of it) is not counted as a version.
func (s *Store) Similar(art *corpus.Article, lang text.Lang) (*Similarity, error) {
	an, err := dedupe.NewAnalyzer(s.p, lang)
	if err != nil {
		return nil, err
	}
	d, keys := an.Analyze(art, nil)
	(&workset{}).markLearned(d, s.learned)
	selfTags := keyTagsOf(keys)
	keys = distinctKeys(keys)
	out := &Similarity{Paragraphs: len(d.Paras), Lang: d.Lang}
	err = s.db.View(func(tx *bolt.Tx) error {
		w := newWorkset(s, tx, AddOptions{Lang: lang})
		const self = ^uint32(0) // the article's number in the workset: above any stored one
		tags := map[int32]map[uint64]uint8{w.add(self, d, nil): selfTags}
		w.keys[self] = keys
		var cands []uint32
		for _, c := range w.candidates(self, nil) {
			l, ok, err := w.load(c.other)
			if err != nil {
				return err
			}
			if ok && w.passageRule(an, w.local[self], l, c, tags) {
				cands = append(cands, c.other)
			}
		}
		out.Candidates = len(cands)
		c := dedupe.NewComparer(s.p, false)
		c.SetA(d)
		linked := map[string]int{}
		isLinked := map[uint32]bool{}
		for _, num := range cands {
			l, ok, err := w.load(num)
			if err != nil {
				return err
			}
			if !ok || w.docs[l].ID == art.ID {
				continue // an older version of this very article is not another version
			}
			if cmp := c.Compare(w.docs[l]); s.p.IsStory(&cmp) {
				a, err := w.art(num)
				if err != nil {
					return err
				}
				if a != nil {
					linked[a.Story]++
					isLinked[num] = true
				}
			}
		}
		if len(linked) == 0 {
			return nil
		}
		ids := make([]string, 0, len(linked))
		for id := range linked {
			ids = append(ids, id)
		}
		slices.SortFunc(ids, func(a, b string) int { return cmp.Or(cmp.Compare(linked[b], linked[a]), cmp.Compare(a, b)) })
		out.Story, out.Others = ids[0], ids[1:]
		return s.compareStory(tx, w, out, d, isLinked)
	})
	if err != nil {
		return nil, fmt.Errorf("similar %s: %w", art.ID, err)
	}
	return out, nil
}

// compareStory fills out.Versions: the article compared with each version
// of out.Story by the relaxed alignment rule.
func (s *Store) compareStory(tx *bolt.Tx, w *workset, out *Similarity, d *dedupe.Doc, isLinked map[uint32]bool) error {
	st, err := w.story(out.Story)
	if err != nil || st == nil {
		return err
	}
	info, err := storyInfo(tx, out.Story, *st)
	if err != nil {
		return err
	}
	numOf := map[string]uint32{}
	for _, m := range st.Members {
		l, ok, err := w.load(m)
		if err != nil {
			return err
		}
		if ok {
			numOf[w.docs[l].ID] = m
		}
	}
	rc := dedupe.NewComparer(s.p, true)
	rc.SetA(d)
	for i, v := range info.Members {
		if i == maxSimilarVersions {
			break
		}
		cm := rc.Compare(v)
		vm := VersionMatch{ID: v.ID, Title: v.Title, Date: v.DateText, Source: v.Source,
			Canonical: v == info.Canonical, Linked: isLinked[numOf[v.ID]], Similarity: cm.Similarity()}
		vm.Shared = paraPairs(d, v, cm.Matches)
		out.Versions = append(out.Versions, vm)
	}
	return nil
}

// paraPairs rolls sentence matches up to paragraph pairs, with the
// length-weighted mean similarity, sorted.
func paraPairs(a, b *dedupe.Doc, ms []dedupe.SentMatch) []ParaPair {
	type acc struct{ sum, weight float64 }
	sums := map[[2]int]acc{}
	for _, m := range ms {
		k := [2]int{int(a.SentPara(int(m.A))), int(b.SentPara(int(m.B)))}
		w := float64(min(a.SentLen(int(m.A)), b.SentLen(int(m.B))))
		v := sums[k]
		sums[k] = acc{v.sum + w*float64(m.Sim), v.weight + w}
	}
	out := make([]ParaPair, 0, len(sums))
	for k, v := range sums {
		sim := 1.0
		if v.weight > 0 {
			sim = v.sum / v.weight
		}
		out = append(out, ParaPair{Mine: k[0], Theirs: k[1], Sim: sim})
	}
	slices.SortFunc(out, func(x, y ParaPair) int { return cmp.Or(cmp.Compare(x.Mine, y.Mine), cmp.Compare(x.Theirs, y.Theirs)) })
	return out
}
