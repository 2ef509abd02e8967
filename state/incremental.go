package state

import (
	"context"
	"fmt"
	"runtime"
	"slices"

	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/text"

	"github.com/zeebo/xxh3"
	bolt "go.etcd.io/bbolt"

	"github.com/neardup/neardup/corpus"
)

// Update is what one batch of new articles does to a Store: computed by
// Prepare without writing, made durable by Commit.
//
// Incremental rules (see docs/design.md): new articles are analysed as Run
// does; candidates are the pairs that involve at least one new article
// (or one whose paragraphs were just learned as boilerplate), found by
// looking their band keys up in the stored postings; they are verified by
// the story rule of Run; the stories those links touch are re-clustered
// as Run would cluster them (chains yes, hubs no). Existing articles keep
// their story ids: when one component holds several old stories, the
// largest keeps its id and the others are reported merged into it; a new
// story is named "s:" + its canonical version's id.
type Update struct {
	// Seq is the number of the batch (1 for the first one).
	Seq uint64
	// Added are the new articles (and the changed ones, indexed again
	// with new content), in input order.
	Added []Article
	// Changed are the existing articles whose story fields changed.
	Changed []Article
	// Unchanged counts the articles skipped because the state already
	// holds them with the same content.
	Unchanged int
	// Replaced counts the Added articles that replace an older version of
	// themselves (same id, new content).
	Replaced int
	// Merges lists the stories that new articles joined together.
	Merges []Merge
	// Splits lists the stories that lost links and fell apart (when an
	// article changes, or a paragraph is learned as boilerplate).
	Splits []Split
	// NewStories counts the stories created by the batch.
	NewStories int
	// Learned counts the paragraphs learned as boilerplate by the batch.
	Learned int

	w *workset
}

// Article is an article's place in the stories: what the index
// stores beside its text.
type Article struct {
	ID        string
	Story     string
	Canonical bool
	// Statuses holds each paragraph's status as the links say: shared
	// (copy matched in another version of the story), unique, heading,
	// boilerplate or credit; never edited, which takes the alignment of
	// the whole story (Store.Result).
	Statuses []dedupe.Status
	// Credits are the agency credit lines, as written.
	Credits []string
	// Lang is the article's language (given or detected).
	Lang text.Lang
	// Title is the article's title or, when it has none (plain text), the
	// start of its first paragraph that stands in for it (dedupe.Doc).
	Title string
	// Article is the input article; set for Added only.
	Article *corpus.Article
}

// Merge says that the stories From now belong to story Into.
type Merge struct {
	Into string
	From []string
}

// Split says that story From lost the articles now in the stories Into.
type Split struct {
	From string
	Into []string
}

// AddOptions configure Prepare.
type AddOptions struct {
	// Lang, when set, is the language of every article (see Options.Lang).
	Lang text.Lang
	// Workers is the number of goroutines for analysis and verification;
	// zero means runtime.GOMAXPROCS(0).
	Workers int
}

// SetDefaults fills the zero fields of o.
func (o *AddOptions) SetDefaults() {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
}

// contentHash identifies an article's content: indexing an article again
// with the same hash is a no-op.
func contentHash(a *corpus.Article, lang text.Lang) uint64 {
	h := xxh3.New()
	for _, s := range []string{a.ID, a.Title, a.Body, a.DateText, a.Source, a.Lang, string(lang)} {
		fmt.Fprintf(h, "%d:%s", len(s), s)
	}
	return h.Sum64()
}

// Prepare computes what adding arts to the state does, reading the state
// but writing nothing. arts must have distinct IDs. Call Commit with the
// result before the next Prepare.
func (s *Store) Prepare(ctx context.Context, arts []corpus.Article, opt AddOptions) (*Update, error) {
	if s.readOnly {
		return nil, errReadOnly
	}
	tx, err := s.db.Begin(false)
	if err != nil {
		return nil, fmt.Errorf("read dedupe state: %w", err)
	}
	defer tx.Rollback() // read-only transaction: nothing to keep
	w := newWorkset(s, tx, opt)
	u := &Update{Seq: s.seq + 1, w: w}
	fresh, err := w.admit(arts, u)
	if err != nil {
		return nil, err
	}
	if err := w.analyze(ctx, arts, fresh); err != nil {
		return nil, err
	}
	if u.Learned, err = w.learn(ctx); err != nil {
		return nil, err
	}
	if err := w.relink(ctx); err != nil {
		return nil, err
	}
	if err := w.recluster(u); err != nil {
		return nil, err
	}
	if err := w.finish(u); err != nil {
		return nil, err
	}
	w.tx = nil // closed by the deferred rollback
	return u, nil
}

// workset holds, for one batch, the part of the state it reads and the
// changes it makes. Docs get local indices (their place in docs), so that
// the batch engine's functions (linkAll, isFurniture, countGroups) run on
// them unchanged.
type workset struct {
	s   *Store
	tx  *bolt.Tx
	p   dedupe.Params
	opt AddOptions

	docs  []*dedupe.Doc // local index → Doc
	orig  [][]text.Kind // per local Doc, its paragraphs' kinds when analysed
	nums  []uint32      // local index → article number
	local map[uint32]int32
	gone  map[uint32]bool // numbers without a Doc (replaced articles)

	adj      map[uint32][]halfLink // adjacency, loaded or changed
	adjDirty map[uint32]bool
	arts     map[uint32]*artRecord // stored records, loaded on demand (nil: none)
	newArts  map[uint32]artRecord
	stories  map[string]*storyRecord // stored, loaded on demand (nil: none)

	next      uint32
	articles  map[uint32]*corpus.Article // the new articles
	fresh     []uint32                   // numbers of the new articles, in input order
	isNew     map[uint32]bool            //
	hashes    map[uint32]uint64          // content hash of each new article
	keys      map[uint32][]uint64        // band keys (40 bits, distinct) of each new article
	tagged    map[uint32][]uint64        // each new article's band keys as Analyze tagged them
	batchKeys map[uint64][]uint32        // band key → new articles holding it, ascending
	dirty     map[uint32]bool            // existing articles whose paragraph kinds changed
	dead      []uint32                   // numbers of replaced articles
	deadStory []string                   // their stories
	nbrs      map[uint32]bool            // articles whose links changed (ends of added or removed links)
	learned   []uint64                   // folds learned by this batch

	storyPut map[string]storyRecord // story records to write
	storyDel []string               // story records to delete
}

func newWorkset(s *Store, tx *bolt.Tx, opt AddOptions) *workset {
	opt.SetDefaults()
	return &workset{
		s: s, tx: tx, p: s.p, opt: opt,
		local: map[uint32]int32{}, gone: map[uint32]bool{},
		adj: map[uint32][]halfLink{}, adjDirty: map[uint32]bool{},
		arts: map[uint32]*artRecord{}, newArts: map[uint32]artRecord{},
		stories: map[string]*storyRecord{}, next: s.next,
		articles: map[uint32]*corpus.Article{}, isNew: map[uint32]bool{}, hashes: map[uint32]uint64{}, keys: map[uint32][]uint64{}, tagged: map[uint32][]uint64{},
		batchKeys: map[uint64][]uint32{}, dirty: map[uint32]bool{}, nbrs: map[uint32]bool{},
		storyPut: map[string]storyRecord{},
	}
}

// admit numbers the articles that are new or changed, and skips those the
// state holds unchanged. A changed article's old number is retired.
func (w *workset) admit(arts []corpus.Article, u *Update) ([]int, error) {
	ids := w.tx.Bucket(bucketIDs)
	var fresh []int
	for i := range arts {
		a := &arts[i]
		h := contentHash(a, w.opt.Lang)
		if v := ids.Get([]byte(a.ID)); v != nil {
			old, oldHash, err := parseIDValue(v)
			if err != nil {
				return nil, fmt.Errorf("article %s: %w", a.ID, err)
			}
			if oldHash == h {
				u.Unchanged++
				continue
			}
			art, err := w.art(old)
			if err != nil {
				return nil, err
			}
			w.dead = append(w.dead, old)
			w.gone[old] = true
			if art != nil {
				w.deadStory = append(w.deadStory, art.Story)
			}
			u.Replaced++
		}
		if w.next >= dedupe.MaxArticles {
			return nil, dedupe.ErrTooMany
		}
		num := w.next
		w.next++
		w.fresh = append(w.fresh, num)
		w.isNew[num] = true
		w.hashes[num] = h
		fresh = append(fresh, i)
	}
	return fresh, nil
}

// load returns the local index of article num, reading its Doc from the
// state the first time; ok is false when the state has no Doc for it.
func (w *workset) load(num uint32) (int32, bool, error) {
	if l, ok := w.local[num]; ok {
		return l, true, nil
	}
	if w.gone[num] {
		return 0, false, nil
	}
	v := w.tx.Bucket(bucketDocs).Get(numKey(num))
	if v == nil {
		w.gone[num] = true
		return 0, false, nil
	}
	d, orig, err := decodeDoc(v)
	if err != nil {
		return 0, false, fmt.Errorf("article number %d: %w", num, err)
	}
	return w.add(num, d, orig), true, nil
}

// add gives a Doc its local index.
func (w *workset) add(num uint32, d *dedupe.Doc, orig []text.Kind) int32 {
	l := int32(len(w.docs))
	w.docs = append(w.docs, d)
	w.orig = append(w.orig, orig)
	w.nums = append(w.nums, num)
	w.local[num] = l
	return l
}

// links returns the current links of article num.
func (w *workset) links(num uint32) ([]halfLink, error) {
	if ls, ok := w.adj[num]; ok {
		return ls, nil
	}
	var ls []halfLink
	if v := w.tx.Bucket(bucketLinks).Get(numKey(num)); v != nil {
		var err error
		if ls, err = decodeLinks(v); err != nil {
			return nil, fmt.Errorf("links of article number %d: %w", num, err)
		}
	}
	w.adj[num] = ls
	return ls, nil
}

// art returns the stored record of article num, or nil.
func (w *workset) art(num uint32) (*artRecord, error) {
	if a, ok := w.arts[num]; ok {
		return a, nil
	}
	var a *artRecord
	if v := w.tx.Bucket(bucketArts).Get(numKey(num)); v != nil {
		r, err := decodeArt(v)
		if err != nil {
			return nil, fmt.Errorf("article number %d: %w", num, err)
		}
		a = &r
	}
	w.arts[num] = a
	return a, nil
}

// story returns the stored record of a story, or nil.
func (w *workset) story(id string) (*storyRecord, error) {
	if s, ok := w.stories[id]; ok {
		return s, nil
	}
	var s *storyRecord
	if v := w.tx.Bucket(bucketStories).Get([]byte(id)); v != nil {
		r, err := decodeStory(v)
		if err != nil {
			return nil, fmt.Errorf("story %s: %w", id, err)
		}
		s = &r
	}
	w.stories[id] = s
	return s, nil
}

// sortedKeys returns the keys of a set of numbers, ascending.
func sortedKeys[V any](m map[uint32]V) []uint32 {
	out := make([]uint32, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
