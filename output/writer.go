package output

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/dedupe"
)

// Writer writes the files of one Result. It owns the word diffs of edited
// paragraphs: a story's diffs are computed once, on first use, and shared by
// every file that shows them (articles.jsonl, report.html). A Writer is safe
// for concurrent use by several of its Write methods.
type Writer struct {
	r *dedupe.Result
	// diffs holds, per Doc in a story of two or more versions and per
	// paragraph, the word diff of an edited paragraph (nil otherwise).
	diffs    [][]*Diff
	diffOnce []sync.Once // per story
	diffErr  []error     // per story
	// diffUses, when not nil, counts per story the reads of its diffs
	// still to come; at zero the story's diffs are dropped (see newWriter).
	diffUses []atomic.Int32
	// updates holds, per Doc, the agency's previous version of it (see
	// agencyUpdates); nil when the input carries no item ids.
	updates []int32
}

// NewWriter returns a Writer of r's files. It keeps every story's word
// diffs once computed, for as long as it lives.
func NewWriter(r *dedupe.Result) *Writer { return newWriter(r, 0) }

// newWriter returns a Writer whose word diffs are read by readers files
// (WriteArticles, WriteReport), each reading every article's once, so that
// a story's diffs are freed as soon as the last reader is done with them:
// at a million articles they would otherwise hold about 1 GB to the end. A
// reader beyond the count finds the diffs gone and fails. Zero readers
// keeps the diffs.
func newWriter(r *dedupe.Result, readers int) *Writer {
	w := &Writer{
		r:        r,
		diffs:    make([][]*Diff, len(r.Docs)),
		diffOnce: make([]sync.Once, len(r.Stories)),
		diffErr:  make([]error, len(r.Stories)),
		updates:  agencyUpdates(r.Docs),
	}
	if readers > 0 {
		w.diffUses = make([]atomic.Int32, len(r.Stories))
		for si, s := range r.Stories {
			w.diffUses[si].Store(int32(readers * len(s.Members)))
		}
	}
	return w
}

// diffsUsed records that a reader is done with Doc i's diffs.
func (w *Writer) diffsUsed(i int) {
	if w.diffUses == nil {
		return
	}
	si := w.r.StoryOf[i]
	if w.diffUses[si].Add(-1) == 0 {
		for _, m := range w.r.Stories[si].Members {
			w.diffs[m] = nil
		}
	}
}

// diffsOf returns the word diffs of Doc i's paragraphs (nil entries where
// a paragraph is not edited), computing its story's diffs on first use
// with texts, the caller's cache of the story's bodies (nil for a new one).
func (w *Writer) diffsOf(i int, texts *diffTexts) ([]*Diff, error) {
	si := w.r.StoryOf[i]
	w.diffOnce[si].Do(func() {
		if texts == nil {
			texts = &diffTexts{r: w.r, paras: map[int32][]string{}}
		}
		w.diffErr[si] = w.storyDiffs(&w.r.Stories[si], texts)
	})
	return w.diffs[i], w.diffErr[si]
}

// storyDiffs computes the word diff of every edited paragraph of the
// versions of s, against the closest earlier version's paragraph, and
// stores them in w.diffs. Called once per story (see diffsOf), so the
// files share them.
func (w *Writer) storyDiffs(s *dedupe.Story, texts *diffTexts) error {
	r := w.r
	for _, m := range s.Members {
		d := r.Docs[m]
		for p := range d.Paras {
			st, earlier := r.Status(int(m), p)
			if st != dedupe.StatusEdited {
				continue
			}
			ops, err := texts.diff(earlier, m, int32(p))
			if err != nil {
				return err
			}
			for k := range ops { // kept runs as counts (their words are the paragraph's own), changed runs as text
				if ops[k].Op != "=" {
					ops[k].N = 0
				}
			}
			if w.diffs[m] == nil {
				w.diffs[m] = make([]*Diff, len(d.Paras))
			}
			w.diffs[m][p] = &Diff{ID: r.Docs[earlier.Doc].ID, Index: int(earlier.Para), Ops: ops}
		}
	}
	return nil
}

// diffTexts reads and splits the bodies a story's diffs need, once each.
type diffTexts struct {
	r      *dedupe.Result
	paras  map[int32][]string
	differ *differ // nil: one from differs
}

// differs recycles differs between stories, for their scratch space.
var differs = sync.Pool{New: func() any { return new(differ) }}

func (t *diffTexts) get(doc int32) ([]string, error) {
	if ps, ok := t.paras[doc]; ok {
		return ps, nil
	}
	body, err := t.r.Body(int(doc))
	if err != nil {
		return nil, fmt.Errorf("diff %s: %w", t.r.Docs[doc].ID, err)
	}
	ps := corpus.SplitParagraphs(body)
	t.paras[doc] = ps
	return ps, nil
}

// diff returns the word diff from the earlier paragraph to paragraph p of
// Doc i, kept runs as word counts.
func (t *diffTexts) diff(earlier dedupe.ParaMatch, i, p int32) ([]DiffOp, error) {
	from, err := t.get(earlier.Doc)
	if err != nil {
		return nil, err
	}
	to, err := t.get(i)
	if err != nil {
		return nil, err
	}
	if int(earlier.Para) >= len(from) || int(p) >= len(to) {
		return nil, fmt.Errorf("diff %s: paragraph out of range", t.r.Docs[i].ID)
	}
	df := t.differ
	if df == nil {
		df = differs.Get().(*differ)
		defer differs.Put(df)
	}
	return df.diffCounts(from[earlier.Para], to[p]), nil
}
