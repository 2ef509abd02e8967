package dedupe

import (
	"cmp"
	"context"
	"slices"
	"sync"

	"github.com/neardup/neardup/internal/workpool"
	"github.com/neardup/neardup/text"
)

// recurringParagraphs finds the paragraphs that recur word for word in at
// least minDocs articles: the suspects for learned boilerplate. It returns,
// for each such paragraph's Fold, the articles that hold it, in order.
func recurringParagraphs(docs []*Doc, minDocs int) map[uint64][]uint32 {
	type occ struct {
		fold uint64
		doc  uint32
	}
	var all []occ
	var folds []uint64
	for i, d := range docs {
		folds = d.RecurrenceFolds(folds[:0])
		for _, f := range folds {
			all = append(all, occ{f, uint32(i)})
		}
	}
	slices.SortFunc(all, func(x, y occ) int {
		if x.fold != y.fold {
			if x.fold < y.fold {
				return -1
			}
			return 1
		}
		return int(x.doc) - int(y.doc)
	})
	all = slices.Compact(all)
	suspects := map[uint64][]uint32{}
	for i := 0; i < len(all); {
		j := i
		for j < len(all) && all[j].fold == all[i].fold {
			j++
		}
		if j-i >= minDocs {
			ds := make([]uint32, 0, j-i)
			for _, o := range all[i:j] {
				ds = append(ds, o.doc)
			}
			suspects[all[i].fold] = ds
		}
		i = j
	}
	return suspects
}

// wordsPerStory: a recurring paragraph needs one more unrelated story per
// this many words to count as furniture. A lead quoted word for word by a
// few roundups and follow-ups is story copy; furniture is short.
const wordsPerStory = 8

// learnBoilerplate marks as boilerplate each recurring paragraph that
// stands in articles sharing nothing else: "Følg os på Facebook" under
// unrelated local stories. For a suspect paragraph it takes the articles
// that hold it and have text of their own (at least a third of their words
// in paragraphs that do not recur: a verbatim copy of a wire story carries
// no independent evidence), and groups them by the story rule with every
// recurring paragraph masked out. If they fall into at least
// Params.BoilerplateStories groups (one more per wordsPerStory words of the
// paragraph), the paragraph is furniture. A background paragraph kept by
// every version of one story stays text: its articles group together. It
// returns the number of paragraphs learned.
func learnBoilerplate(ctx context.Context, docs []*Doc, suspects map[uint64][]uint32, opt Options) (int, error) {
	if len(suspects) == 0 {
		return 0, nil
	}
	masked := make(map[uint64]bool, len(suspects))
	folds := make([]uint64, 0, len(suspects))
	for f := range suspects {
		masked[f] = true
		folds = append(folds, f)
	}
	slices.Sort(folds)
	learned := make([]bool, len(folds))
	memo := &relatedMemo{m: map[Pair]bool{}}
	var cs comparers
	err := workpool.Run(ctx, len(folds), opt.Workers, func() func(int) {
		c := cs.new(opt.Params, false)
		c.mask = masked
		return func(i int) {
			learned[i] = isFurniture(c, memo, docs, folds[i], suspects[folds[i]], masked, opt.Params)
		}
	}, func(int) {})
	if err = cmp.Or(err, cs.err()); err != nil {
		return 0, err
	}
	n := 0
	for i, f := range folds {
		if !learned[i] {
			continue
		}
		n++
		for _, d := range suspects[f] {
			docs[d].MarkLearned(f)
		}
	}
	return n, nil
}

// isFurniture decides one suspect paragraph; see learnBoilerplate.
func isFurniture(c *Comparer, memo *relatedMemo, docs []*Doc, fold uint64, holders []uint32, masked map[uint64]bool, p Params) bool {
	if docs[holders[0]].foldFigures(fold) >= minFigures {
		return false // a table or a result carries news, whatever recurs around it
	}
	need := p.BoilerplateStories + docs[holders[0]].foldWords(fold)/wordsPerStory
	var reps []uint32 // one article per group found so far
	for _, h := range holders {
		if own, total := docs[h].ownWords(masked); 3*own < total {
			continue
		}
		grouped, loaded := false, false
		for _, r := range reps {
			related, known := memo.get(r, h)
			if !known {
				if !loaded {
					c.SetA(docs[h])
					loaded = true
				}
				cmp := c.Compare(docs[r])
				related = p.IsStory(&cmp)
				memo.put(r, h, related)
			}
			if related {
				grouped = true
				break
			}
		}
		if !grouped {
			if reps = append(reps, h); len(reps) >= need {
				return true
			}
		}
	}
	return false
}

// relatedMemo remembers, across suspect paragraphs, whether two articles
// pass the story rule with the recurring paragraphs masked: the versions of
// one story hold many of the same suspects.
type relatedMemo struct {
	mu sync.Mutex
	m  map[Pair]bool
}

func (r *relatedMemo) get(a, b uint32) (related, known bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	related, known = r.m[Pair{min(a, b), max(a, b)}]
	return related, known
}

func (r *relatedMemo) put(a, b uint32, related bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.m[Pair{min(a, b), max(a, b)}] = related
}

// ownWords counts the words of d's text paragraphs, and of those whose Fold
// is not masked.
func (d *Doc) ownWords(masked map[uint64]bool) (own, total int) {
	for i, p := range d.Paras {
		if p.Kind != text.KindText {
			continue
		}
		n := d.paraWords(i)
		total += n
		if !masked[p.Fold] {
			own += n
		}
	}
	return own, total
}

// paraWords counts the words of a paragraph of d.
func (d *Doc) paraWords(i int) int {
	first, end := d.ParaSents(i)
	if first == end {
		return 0
	}
	return int(d.SentEnd(int(end)-1) - d.Sents[first].Start)
}

// minFigures is how many figures make a paragraph specific: an earnings
// line or a table row, never page furniture, however many unrelated
// articles carry it.
const minFigures = 2

// foldFigures returns the number of figures of the first paragraph with
// the given Fold.
func (d *Doc) foldFigures(fold uint64) int {
	for i, p := range d.Paras {
		if p.Fold != fold {
			continue
		}
		n := 0
		first, end := d.ParaSents(i)
		if first == end {
			return 0
		}
		for k := d.Sents[first].Start; k < d.SentEnd(int(end)-1); k++ {
			if d.IsNumber(int(k)) {
				n++
			}
		}
		return n
	}
	return 0
}

// foldWords returns the number of words of the first paragraph with the
// given Fold.
func (d *Doc) foldWords(fold uint64) int {
	for i, p := range d.Paras {
		if p.Fold == fold {
			return d.paraWords(i)
		}
	}
	return 0
}
