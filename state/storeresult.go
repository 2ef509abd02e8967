package state

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/neardup/neardup/dedupe"

	bolt "go.etcd.io/bbolt"
)

// Result builds the Result of the articles in the state, as Run builds it
// for a corpus: the stored stories, with their stored ids, each aligned
// paragraph by paragraph. body returns an article's text (for the word
// diffs); it is called from several goroutines. opt.Params is ignored:
// the state's are used.
func (s *Store) Result(ctx context.Context, body func(id string) (string, error), opt dedupe.Options) (*dedupe.Result, error) {
	var (
		docs   []*dedupe.Doc
		links  []dedupe.Link
		labels []int32
		ids    []string
	)
	err := s.db.View(func(tx *bolt.Tx) error {
		var nums []uint32
		var err error
		docs, nums, links, err = s.loadAll(tx)
		if err != nil {
			return err
		}
		labels = make([]int32, len(docs))
		ids = make([]string, len(docs))
		first := map[string]int32{}
		arts := tx.Bucket(bucketArts)
		for i, num := range nums {
			rec, err := decodeArt(arts.Get(numKey(num)))
			if err != nil {
				return fmt.Errorf("article %s: %w", docs[i].ID, err)
			}
			if _, ok := first[rec.Story]; !ok {
				first[rec.Story] = int32(i)
			}
			labels[i], ids[i] = first[rec.Story], rec.Story
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	opt.Params = s.p
	opt.SetDefaults()
	res := dedupe.NewResult(s.p, docs, labels, links)
	for i := range res.Stories {
		res.Stories[i].ID = ids[res.Stories[i].Members[0]]
	}
	slices.SortFunc(res.Stories, func(a, b dedupe.Story) int {
		return cmp.Or(cmp.Compare(len(b.Members), len(a.Members)), cmp.Compare(a.ID, b.ID))
	})
	for si, st := range res.Stories {
		for _, m := range st.Members {
			res.StoryOf[m] = int32(si)
		}
	}
	res.SetBodies(func(i int) (string, error) { return body(docs[i].ID) })
	res.Stats.Articles, res.Stats.Links = len(docs), len(links)
	if err := res.Align(ctx, opt); err != nil {
		return nil, err
	}
	return res, nil
}
