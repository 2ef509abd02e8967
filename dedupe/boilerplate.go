package dedupe

import "slices"

// recurringParagraphs finds the paragraphs that recur word for word in at
// least minDocs articles: the suspects for learned boilerplate. It returns,
// for each such paragraph's Fold, the articles that hold it.
func recurringParagraphs(docs []*Doc, minDocs int) map[uint64][]uint32 {
	type occ struct {
		fold uint64
		doc  uint32
	}
	var all []occ
	for i, d := range docs {
		for _, p := range d.Paras {
			if p.textual() && p.Fold != 0 {
				all = append(all, occ{p.Fold, uint32(i)})
			}
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

// learnBoilerplate marks as boilerplate every suspect paragraph whose
// articles belong to at least minStories different stories: text that
// recurs across articles that share nothing else is page furniture, while a
// background paragraph kept by every version of one story stays text. It
// returns the articles that changed.
func learnBoilerplate(docs []*Doc, suspects map[uint64][]uint32, labels []int32, minStories int) map[uint32]bool {
	changed := map[uint32]bool{}
	for fold, ds := range suspects {
		stories := map[int32]bool{}
		for _, d := range ds {
			stories[labels[d]] = true
		}
		if len(stories) < minStories {
			continue
		}
		for _, d := range ds {
			for i := range docs[d].Paras {
				p := &docs[d].Paras[i]
				if p.Fold == fold && p.textual() {
					p.Kind, p.Learned = KindBoilerplate, true
					changed[d] = true
				}
			}
		}
	}
	return changed
}
