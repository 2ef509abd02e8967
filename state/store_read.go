package state

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/neardup/neardup/dedupe"

	bolt "go.etcd.io/bbolt"
)

// EachArticle calls fn with the state of every article, in the order they
// were added (Article is nil).
func (s *Store) EachArticle(fn func(Article) error) error {
	return s.db.View(func(tx *bolt.Tx) error {
		docs := tx.Bucket(bucketDocs)
		return tx.Bucket(bucketArts).ForEach(func(k, v []byte) error {
			rec, err := decodeArt(v)
			if err != nil {
				return fmt.Errorf("article number %x: %w", k, err)
			}
			d, _, err := decodeDoc(docs.Get(k))
			if err != nil {
				return fmt.Errorf("article number %x: %w", k, err)
			}
			return fn(Article{ID: d.ID, Story: rec.Story, Canonical: rec.Canonical,
				Statuses: statuses(rec.Statuses), Credits: d.Credits, Lang: d.Lang})
		})
	})
}

// StoryInfo is a story as the state knows it.
type StoryInfo struct {
	ID string
	// Canonical is the canonical version's Doc; Members are the versions'
	// Docs, canonical first, then by date and id.
	Canonical *dedupe.Doc
	Members   []*dedupe.Doc
}

// Story returns the story with the given id, or nil when there is none.
func (s *Store) Story(id string) (*StoryInfo, error) {
	var info *StoryInfo
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketStories).Get([]byte(id))
		if v == nil {
			return nil
		}
		rec, err := decodeStory(v)
		if err != nil {
			return fmt.Errorf("story %s: %w", id, err)
		}
		info, err = storyInfo(tx, id, rec)
		return err
	})
	return info, err
}

// storyInfo loads the Docs of a story's members.
func storyInfo(tx *bolt.Tx, id string, rec storyRecord) (*StoryInfo, error) {
	info := &StoryInfo{ID: id}
	docs := tx.Bucket(bucketDocs)
	for _, m := range rec.Members {
		d, _, err := decodeDoc(docs.Get(numKey(m)))
		if err != nil {
			return nil, fmt.Errorf("story %s: member %d: %w", id, m, err)
		}
		if m == rec.Canonical {
			info.Canonical = d
		}
		info.Members = append(info.Members, d)
	}
	if info.Canonical == nil {
		return nil, fmt.Errorf("%w: story %s: canonical version is not a member", ErrCorruptRecord, id)
	}
	c := info.Canonical
	slices.SortFunc(info.Members, func(a, b *dedupe.Doc) int {
		if (a == c) != (b == c) {
			if a == c {
				return -1
			}
			return 1
		}
		return dedupe.CompareByDate(a, b)
	})
	return info, nil
}

// StorySizes returns the number of versions of each story.
func (s *Store) StorySizes() (map[string]int, error) {
	sizes := map[string]int{}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketStories).ForEach(func(k, v []byte) error {
			rec, err := decodeStory(v)
			if err != nil {
				return fmt.Errorf("story %s: %w", k, err)
			}
			sizes[string(k)] = len(rec.Members)
			return nil
		})
	})
	return sizes, err
}

// loadAll reads every live Doc, in article order, with its number, and the
// links between them.
func (s *Store) loadAll(tx *bolt.Tx) (docs []*dedupe.Doc, nums []uint32, links []dedupe.Link, err error) {
	local := map[uint32]uint32{}
	err = tx.Bucket(bucketDocs).ForEach(func(k, v []byte) error {
		if len(k) != 4 {
			return fmt.Errorf("%w: doc key", ErrCorruptRecord)
		}
		d, _, err := decodeDoc(v)
		if err != nil {
			return fmt.Errorf("article number %x: %w", k, err)
		}
		num := binary.BigEndian.Uint32(k)
		local[num] = uint32(len(docs))
		docs = append(docs, d)
		nums = append(nums, num)
		return nil
	})
	if err != nil {
		return nil, nil, nil, err
	}
	err = tx.Bucket(bucketLinks).ForEach(func(k, v []byte) error {
		a, ok := local[binary.BigEndian.Uint32(k)]
		if !ok || len(k) != 4 {
			return fmt.Errorf("%w: links of an unknown article %x", ErrCorruptRecord, k)
		}
		ls, err := decodeLinks(v)
		if err != nil {
			return fmt.Errorf("links of article number %x: %w", k, err)
		}
		for _, h := range ls {
			b, ok := local[h.Other]
			if !ok {
				return fmt.Errorf("%w: link from %s to an unknown article %d", ErrCorruptRecord, docs[a].ID, h.Other)
			}
			if a < b {
				links = append(links, dedupe.Link{A: a, B: b, SentsA: h.Mine, SentsB: h.Theirs, SharedA: h.SharedMine, SharedB: h.SharedTheirs, Weak: h.Weak, Twin: h.Twin})
			}
		}
		return nil
	})
	slices.SortFunc(links, func(x, y dedupe.Link) int {
		return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B))
	})
	return docs, nums, links, err
}

// StoriesOf returns the story of each article id, in the order given: ""
// for an id the state does not hold.
func (s *Store) StoriesOf(ids []string) ([]string, error) {
	out := make([]string, len(ids))
	err := s.db.View(func(tx *bolt.Tx) error {
		idb, arts := tx.Bucket(bucketIDs), tx.Bucket(bucketArts)
		for i, id := range ids {
			v := idb.Get([]byte(id))
			if v == nil {
				continue
			}
			num, _, err := parseIDValue(v)
			if err != nil {
				return fmt.Errorf("article %s: %w", id, err)
			}
			rec, err := decodeArt(arts.Get(numKey(num)))
			if err != nil {
				return fmt.Errorf("article %s: %w", id, err)
			}
			out[i] = rec.Story
		}
		return nil
	})
	return out, err
}
