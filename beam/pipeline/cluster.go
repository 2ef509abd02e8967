package pipeline

import (
	"context"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/internal/unionfind"
)

// itemFn sends the versions of one agency item (the articles that share a
// GUID) to the clustering worker as pairs of article numbers, each joined
// to the first: output's update_of links an item's versions whatever
// their stories, so they are written together.
func itemFn(_ string, idx func(*uint32) bool, emit func([]byte)) {
	var first, i uint32
	if !idx(&first) {
		return
	}
	for idx(&i) {
		emit(binary.LittleEndian.AppendUint32(binary.LittleEndian.AppendUint32(nil, first), i))
	}
}

// clusterFn clusters the link graph on one worker (all links under one
// key) with dedupe.Cluster, over the linked articles only: an article
// without links is a story of its own. The linked articles are numbered
// densely in their order, so the clusters, their smallest members and the
// hubs are those of the whole corpus.
//
// The stories are then joined into write units by the agency items
// (itemFn): a unit is written by one worker, so that output sees every
// version of an item. For each article of a unit of two or more it emits
// KV<article, storyOf(unit, story, shared words)>, unit and story each
// named by its smallest article.
//
// Memory: the links (about 1.5 an article, some 100 bytes each in memory
// with their sentence lists) and some 90 bytes per linked article; about
// 26 GB at 100 M articles (docs/scale.md).
func clusterFn(ctx context.Context, _ int, encoded func(*[]byte) bool, items func(*[]byte) bool, emit func(uint32, []byte)) error {
	var links []dedupe.Link
	var b []byte
	for encoded(&b) {
		var l dedupe.Link
		if err := decode(b, &l); err != nil {
			return err
		}
		links = append(links, l)
	}
	var edges [][2]uint32
	for items(&b) {
		if len(b) != 8 {
			return fmt.Errorf("item edge of %d bytes", len(b))
		}
		edges = append(edges, [2]uint32{binary.LittleEndian.Uint32(b), binary.LittleEndian.Uint32(b[4:])})
	}
	slices.SortFunc(links, func(x, y dedupe.Link) int {
		return dedupe.ComparePairs(dedupe.Pair{A: x.A, B: x.B}, dedupe.Pair{A: y.A, B: y.B})
	})
	ids := make([]uint32, 0, 2*len(links)+2*len(edges))
	for _, l := range links {
		ids = append(ids, l.A, l.B)
	}
	for _, e := range edges {
		ids = append(ids, e[0], e[1])
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	dense := func(x uint32) int32 {
		i, _ := slices.BinarySearch(ids, x)
		return int32(i)
	}
	shared := make([]int64, len(ids))
	for i := range links {
		l := &links[i]
		a, b := dense(l.A), dense(l.B)
		l.A, l.B = uint32(a), uint32(b)
		shared[a] += int64(l.SharedA)
		shared[b] += int64(l.SharedB)
	}
	// The stories: Cluster over the articles numbered densely (those of
	// the items without links are stories of their own, as in Cluster).
	labels := dedupe.Cluster(len(ids), links)
	units := unionfind.New(len(ids))
	for i, l := range labels {
		units.Union(int32(i), l)
	}
	for _, e := range edges {
		units.Union(dense(e[0]), dense(e[1]))
	}
	size := make(map[int32]int, len(ids))
	smallest := make(map[int32]int32, len(ids))
	for i := range ids {
		r := units.Find(int32(i))
		if _, ok := smallest[r]; !ok {
			smallest[r] = int32(i) // ids ascend: the first is the smallest
		}
		size[r]++
	}
	for i := range ids {
		r := units.Find(int32(i))
		if size[r] > 1 {
			emit(ids[i], storyOf(ids[smallest[r]], ids[labels[i]], shared[i]))
		}
	}
	return nil
}

// cluster returns each article of a write unit of two or more articles
// (a story of two or more versions, or stories an agency item joins) with
// its unit and story: KV<article, storyOf>.
func cluster(s beam.Scope, links, guids beam.PCollection) beam.PCollection {
	s = s.Scope("cluster")
	edges := beam.ParDo(s, itemFn, beam.GroupByKey(s, guids))
	return beam.ParDo(s, clusterFn, beam.CoGroupByKey(s, beam.AddFixedKey(s, links), beam.AddFixedKey(s, edges)))
}
