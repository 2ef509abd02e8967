package state

import (
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/neardup/neardup/dedupe"

	bolt "go.etcd.io/bbolt"
)

// maxProblems bounds the problems Check lists.
const maxProblems = 50

// Check verifies the state's consistency and returns the problems found
// (at most maxProblems; nil when there are none): every id has a Doc and
// a story record, stories and their members point at each other, links
// are symmetric, the stories are exactly the groups that clustering all
// stored links gives (so incremental adds grouped as one run would), and
// every key run is intact.
func (s *Store) Check() ([]string, error) {
	var problems []string
	report := func(format string, args ...any) {
		if len(problems) < maxProblems {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		docs, nums, links, err := s.loadAll(tx)
		if err != nil {
			return err
		}
		local := map[uint32]int{}
		for i, n := range nums {
			local[n] = i
		}
		if err := checkIDs(tx, docs, local, report); err != nil {
			return err
		}
		arts, err := checkArts(tx, nums, local, docs, report)
		if err != nil {
			return err
		}
		if err := checkStories(tx, local, arts, docs, report); err != nil {
			return err
		}
		checkLinks(tx, local, docs, report)
		checkClusters(docs, links, arts, report)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for t := range numTables {
		for _, r := range s.runs[t] {
			if err := r.verify(); err != nil {
				report("%v", err)
			}
		}
	}
	return problems, nil
}

// checkIDs checks that each id entry names a Doc with that id, and the
// reverse.
func checkIDs(tx *bolt.Tx, docs []*dedupe.Doc, local map[uint32]int, report func(string, ...any)) error {
	seen := map[uint32]bool{}
	err := tx.Bucket(bucketIDs).ForEach(func(k, v []byte) error {
		num, _, err := parseIDValue(v)
		if err != nil {
			return fmt.Errorf("id %s: %w", k, err)
		}
		i, ok := local[num]
		switch {
		case !ok:
			report("article %s: no doc", k)
		case docs[i].ID != string(k):
			report("article %s: its doc is %s", k, docs[i].ID)
		}
		seen[num] = true
		return nil
	})
	for num, i := range local {
		if !seen[num] {
			report("doc %s: no id entry", docs[i].ID)
		}
	}
	return err
}

// checkArts reads every article record.
func checkArts(tx *bolt.Tx, nums []uint32, local map[uint32]int, docs []*dedupe.Doc, report func(string, ...any)) ([]artRecord, error) {
	b := tx.Bucket(bucketArts)
	arts := make([]artRecord, len(nums))
	for i, num := range nums {
		v := b.Get(numKey(num))
		if v == nil {
			report("article %s: no story record", docs[i].ID)
			continue
		}
		a, err := decodeArt(v)
		if err != nil {
			return nil, fmt.Errorf("article %s: %w", docs[i].ID, err)
		}
		if len(a.Statuses) != len(docs[i].Paras) {
			report("article %s: %d statuses for %d paragraphs", docs[i].ID, len(a.Statuses), len(docs[i].Paras))
		}
		arts[i] = a
	}
	return arts, b.ForEach(func(k, _ []byte) error {
		if len(k) != 4 {
			report("story record with a bad key %x", k)
		} else if _, ok := local[binary.BigEndian.Uint32(k)]; !ok {
			report("story record for an unknown article number %x", k)
		}
		return nil
	})
}

// checkStories checks that each story lists exactly the articles naming
// it, and that its canonical version is one of them.
func checkStories(tx *bolt.Tx, local map[uint32]int, arts []artRecord, docs []*dedupe.Doc, report func(string, ...any)) error {
	named := map[string]int{}
	for _, a := range arts {
		named[a.Story]++
	}
	err := tx.Bucket(bucketStories).ForEach(func(k, v []byte) error {
		st, err := decodeStory(v)
		if err != nil {
			return fmt.Errorf("story %s: %w", k, err)
		}
		id := string(k)
		if named[id] != len(st.Members) {
			report("story %s: %d members, %d articles name it", id, len(st.Members), named[id])
		}
		delete(named, id)
		if !slices.Contains(st.Members, st.Canonical) {
			report("story %s: canonical version is not a member", id)
		}
		canon := 0
		for _, m := range st.Members {
			i, ok := local[m]
			if !ok {
				report("story %s: member number %d has no doc", id, m)
				continue
			}
			if arts[i].Story != id {
				report("story %s lists %s, which names story %s", id, docs[i].ID, arts[i].Story)
			}
			if arts[i].Canonical {
				canon++
				if m != st.Canonical {
					report("article %s is marked canonical of %s but is not", docs[i].ID, id)
				}
			}
		}
		if canon != 1 {
			report("story %s: %d versions marked canonical", id, canon)
		}
		return nil
	})
	for id, n := range named {
		report("%d articles name story %s, which has no record", n, id)
	}
	return err
}

// checkLinks checks that every link is stored on both ends.
func checkLinks(tx *bolt.Tx, local map[uint32]int, docs []*dedupe.Doc, report func(string, ...any)) {
	halves := map[dedupe.Pair]int{}
	tx.Bucket(bucketLinks).ForEach(func(k, v []byte) error {
		ls, err := decodeLinks(v)
		if err != nil || len(k) != 4 {
			return nil // loadAll already decoded every record
		}
		a := binary.BigEndian.Uint32(k)
		for _, h := range ls {
			halves[dedupe.Pair{A: a, B: h.Other}]++
		}
		return nil
	})
	for p := range halves {
		if halves[dedupe.Pair{A: p.B, B: p.A}] != 1 {
			report("link %s → %s is not stored on both ends", docs[local[p.A]].ID, docs[local[p.B]].ID)
		}
	}
}

// checkClusters clusters all stored links as Run does and compares the
// groups and hubs with the stored stories.
func checkClusters(docs []*dedupe.Doc, links []dedupe.Link, arts []artRecord, report func(string, ...any)) {
	hubs := dedupe.FindHubs(len(docs), links)
	labels := dedupe.Cluster(len(docs), links)
	storyOfLabel := map[int32]string{}
	labelOfStory := map[string]int32{}
	for i, l := range labels {
		id := arts[i].Story
		if hubs[i] != arts[i].Hub {
			report("article %s: hub is %v, stored %v", docs[i].ID, hubs[i], arts[i].Hub)
		}
		if s, ok := storyOfLabel[l]; ok && s != id {
			report("articles %s and %s are linked but in stories %s and %s", docs[l].ID, docs[i].ID, s, id)
		}
		if m, ok := labelOfStory[id]; ok && m != l {
			report("story %s holds %s and %s, which are not linked", id, docs[m].ID, docs[i].ID)
		}
		storyOfLabel[l], labelOfStory[id] = id, l
	}
}
