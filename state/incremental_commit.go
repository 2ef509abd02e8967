package state

import (
	"cmp"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"os"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// finish lists the added and changed articles.
func (w *workset) finish(u *Update) error {
	for _, num := range w.fresh {
		rec, ok := w.newArts[num]
		if !ok {
			return fmt.Errorf("dedupe: new article number %d got no story", num)
		}
		u.Added = append(u.Added, w.state(num, rec))
	}
	for _, num := range sortedKeys(w.newArts) {
		if w.isNew[num] {
			continue
		}
		rec := w.newArts[num]
		old, err := w.art(num)
		if err != nil {
			return err
		}
		if old != nil && old.Story == rec.Story && old.Canonical == rec.Canonical && old.Statuses == rec.Statuses {
			continue
		}
		u.Changed = append(u.Changed, w.state(num, rec))
	}
	slices.SortFunc(u.Changed, func(a, b Article) int { return cmp.Compare(a.ID, b.ID) })
	return nil
}

// state returns the Article of article num with record rec.
func (w *workset) state(num uint32, rec artRecord) Article {
	d := w.docs[w.local[num]]
	return Article{
		ID: d.ID, Story: rec.Story, Canonical: rec.Canonical, Statuses: statuses(rec.Statuses),
		Credits: d.Credits, Lang: d.Lang, Title: d.Title, Article: w.articles[num],
	}
}

// Commit makes an Update durable: it writes the new key runs (synced),
// then one transaction with every record, the run manifest and pending,
// an opaque payload that Pending returns until ClearPending(u.Seq) (the
// index keeps there the documents it must still write, so that a crash
// between the two halves is repaired on the next open). A nil pending
// leaves nothing pending. After the commit it may merge key runs.
func (s *Store) Commit(u *Update, pending []byte) error {
	w := u.w
	if s.readOnly {
		return errReadOnly
	}
	if w == nil || w.s != s || u.Seq != s.seq+1 {
		return errStaleUpdate
	}
	man := s.man
	man.Tables = [numTables][]runRef{slices.Clone(s.man.Tables[0]), slices.Clone(s.man.Tables[1])}
	var written []string
	var opened [numTables]*keyRun
	fail := func(err error) error {
		for _, r := range opened {
			if r != nil {
				r.close() // the file is removed next; its close error does not matter
			}
		}
		for _, name := range written {
			os.Remove(s.runsPath(name)) // unnamed by the manifest: removed on the next open otherwise
		}
		return err
	}
	for t, entries := range [numTables][]uint64{w.bandEntries(), w.foldEntries()} {
		if len(entries) == 0 {
			continue
		}
		name := s.newRunName(&man, t)
		if err := writeRun(s.runsPath(name), entries); err != nil {
			return fail(err)
		}
		written = append(written, name)
		r, err := openRun(s.runsPath(name), len(entries))
		if err != nil {
			return fail(err)
		}
		opened[t] = r
		man.Tables[t] = append(man.Tables[t], runRef{Name: name, Count: len(entries)})
	}
	if err := s.db.Update(func(tx *bolt.Tx) error { return w.write(tx, u, man, pending) }); err != nil {
		return fail(fmt.Errorf("commit dedupe state: %w", err))
	}
	s.man, s.next, s.seq = man, w.next, u.Seq
	for _, f := range w.learned {
		s.learned[f] = true
	}
	for t, r := range opened {
		if r != nil {
			s.runs[t] = append(s.runs[t], r)
		}
	}
	u.w = nil
	return s.compact()
}

// bandEntries returns the sorted postings of the new articles' band keys.
func (w *workset) bandEntries() []uint64 {
	var out []uint64
	for _, num := range w.fresh {
		for _, k := range w.keys[num] {
			out = append(out, k<<docBits|uint64(num))
		}
	}
	slices.Sort(out)
	return out
}

// foldEntries returns the sorted postings of the new articles' textual
// paragraph folds.
func (w *workset) foldEntries() []uint64 {
	var out []uint64
	for _, num := range w.fresh {
		for _, p := range w.docs[w.local[num]].Paras {
			if p.Fold != 0 && (p.Textual() || p.Learned) {
				out = append(out, (p.Fold&keyMask)<<docBits|uint64(num))
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// write puts every change of the batch in tx.
//
// It stays in one piece: every record of the batch is written in the one
// bbolt transaction, bucket by bucket.
func (w *workset) write(tx *bolt.Tx, u *Update, man manifest, pending []byte) error {
	docs, arts, links := tx.Bucket(bucketDocs), tx.Bucket(bucketArts), tx.Bucket(bucketLinks)
	ids, stories, meta := tx.Bucket(bucketIDs), tx.Bucket(bucketStories), tx.Bucket(bucketMeta)
	var buf []byte // a new slice for each Put: bbolt keeps them until the commit
	for _, num := range w.dead {
		if err := errors.Join(docs.Delete(numKey(num)), arts.Delete(numKey(num)), links.Delete(numKey(num))); err != nil {
			return err
		}
	}
	for _, num := range slices.Concat(w.fresh, sortedKeys(w.dirty)) {
		l := w.local[num]
		buf = encodeDoc(nil, w.docs[l], w.orig[l])
		if err := docs.Put(numKey(num), buf); err != nil {
			return err
		}
	}
	for _, num := range w.fresh {
		if err := ids.Put([]byte(w.docs[w.local[num]].ID), idValue(num, w.hashes[num])); err != nil {
			return err
		}
	}
	for _, num := range sortedKeys(w.adjDirty) {
		if w.gone[num] {
			continue
		}
		var err error
		if ls := w.adj[num]; len(ls) == 0 {
			err = links.Delete(numKey(num))
		} else {
			buf = encodeLinks(nil, ls)
			err = links.Put(numKey(num), buf)
		}
		if err != nil {
			return err
		}
	}
	for _, num := range sortedKeys(w.newArts) {
		buf = encodeArt(nil, w.newArts[num])
		if err := arts.Put(numKey(num), buf); err != nil {
			return err
		}
	}
	for _, id := range w.storyDel {
		if err := stories.Delete([]byte(id)); err != nil {
			return err
		}
	}
	for _, id := range slices.Sorted(func(yield func(string) bool) {
		for id := range w.storyPut {
			if !yield(id) {
				return
			}
		}
	}) {
		buf = encodeStory(nil, w.storyPut[id])
		if err := stories.Put([]byte(id), buf); err != nil {
			return err
		}
	}
	for _, f := range w.learned {
		if err := tx.Bucket(bucketLearned).Put(foldKey(f), nil); err != nil {
			return err
		}
	}
	return writeMeta(meta, man, uint64(w.next), u.Seq, pending)
}

// writeMeta writes the counters, the run manifest and the pending payload.
func writeMeta(meta *bolt.Bucket, man manifest, next, seq uint64, pending []byte) error {
	mj, err := json.Marshal(man)
	if err != nil {
		return err
	}
	if err := errors.Join(meta.Put(keyManifest, mj), putUint(meta, keyNext, next), putUint(meta, keySeq, seq)); err != nil {
		return err
	}
	if pending == nil {
		return meta.Delete(keyPending)
	}
	return meta.Put(keyPending, append(binary.BigEndian.AppendUint64(nil, seq), pending...))
}

// mergeFanIn is how many runs of one size class are merged into one: each
// posting is rewritten about log₄(batches) times.
const mergeFanIn = 4

// runLevel is a run's size class: runs within a factor of four share one.
func runLevel(count int) int { return bits.Len(uint(count)) / 2 }

// compact merges the newest runs of each table while mergeFanIn of them
// share a size class. The merged run is written and synced, the manifest
// committed, then the old files removed; a crash in between leaves
// either the old runs or the new one named, and the others are removed on
// the next open.
func (s *Store) compact() error {
	for t := range numTables {
		for {
			runs := s.runs[t]
			n := len(runs)
			if n < mergeFanIn {
				break
			}
			lvl := runLevel(runs[n-1].count)
			k := 0
			for k < n && runLevel(runs[n-1-k].count) == lvl {
				k++
			}
			if k < mergeFanIn {
				break
			}
			if err := s.merge(t, n-k); err != nil {
				return err
			}
		}
	}
	return nil
}

// merge replaces runs[from:] of table t by one run.
func (s *Store) merge(t, from int) error {
	old := s.runs[t][from:]
	parts := make([][]uint64, len(old))
	for i, r := range old {
		parts[i] = r.entries()
	}
	entries := mergeSorted(parts, nil)
	man := s.man
	man.Tables = [numTables][]runRef{slices.Clone(s.man.Tables[0]), slices.Clone(s.man.Tables[1])}
	name := s.newRunName(&man, t)
	if err := writeRun(s.runsPath(name), entries); err != nil {
		return err
	}
	r, err := openRun(s.runsPath(name), len(entries))
	if err != nil {
		return err
	}
	man.Tables[t] = append(man.Tables[t][:from:from], runRef{Name: name, Count: len(entries)})
	err = s.db.Update(func(tx *bolt.Tx) error {
		mj, err := json.Marshal(man)
		if err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keyManifest, mj)
	})
	if err != nil {
		r.close() // not named by the manifest; removed on the next open
		return fmt.Errorf("merge key runs: %w", err)
	}
	s.man = man
	s.runs[t] = append(s.runs[t][:from:from], r)
	var errs error
	for _, o := range old {
		errs = errors.Join(errs, o.close(), os.Remove(s.runsPath(o.name)))
	}
	return errs
}
