package output

import (
	"cmp"
	"slices"

	"github.com/neardup/neardup/dedupe"
)

// agencyUpdates finds the agency's own update chains: the Docs that carry
// one item id (Doc.GUID) are the agency's versions of that item, in the
// order of their version numbers, then of their dates (NITF numbers no
// versions). It returns, per Doc, the index of the agency's previous
// version, the one this Doc updates; -1 for none (no GUID, or the first
// version). Two Docs of one item with the same version and date (the same
// version delivered twice) update the same previous one, and a later version
// updates the first of them by ID. The result is nil
// when no Doc has a GUID.
func agencyUpdates(docs []*dedupe.Doc) []int32 {
	items := map[string][]int32{}
	for i, d := range docs {
		if d.GUID != "" {
			items[d.GUID] = append(items[d.GUID], int32(i))
		}
	}
	if len(items) == 0 {
		return nil
	}
	prev := make([]int32, len(docs))
	for i := range prev {
		prev[i] = -1
	}
	older := func(a, b int32) int {
		da, db := docs[a], docs[b]
		return cmp.Or(cmp.Compare(da.Version, db.Version), da.Date.Compare(db.Date))
	}
	for _, versions := range items {
		if len(versions) < 2 {
			continue
		}
		slices.SortFunc(versions, func(a, b int32) int {
			return cmp.Or(older(a, b), cmp.Compare(docs[a].ID, docs[b].ID))
		})
		// Runs of equal versions; each version of a run updates the first
		// (by ID) of the run before.
		before, first := int32(-1), 0
		for k := 1; k < len(versions); k++ {
			if older(versions[k-1], versions[k]) != 0 {
				before, first = versions[first], k
			}
			prev[versions[k]] = before
		}
	}
	return prev
}

// updateOf returns the ID of the agency's previous version of Doc i, or ""
// (see agencyUpdates).
func (w *Writer) updateOf(i int) string {
	if w.updates == nil || w.updates[i] < 0 {
		return ""
	}
	return w.r.Docs[w.updates[i]].ID
}
