package pipeline

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"hash/fnv"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/output"
)

// The framing of stories.json around its story lines, as
// output.Writer.WriteStories writes it; storyLine checks that a one-story
// file has it, so a change there fails the run rather than the merge.
const (
	storiesHead = "{\"stories\": [\n"
	storiesSep  = ",\n"
	storiesTail = "\n]}\n"
)

// assembleFn joins each article's Doc (marked), body and write unit: an
// article alone in its story (and in its agency item) is written at once,
// the others go to their unit's worker as members.
type assembleFn struct {
	Params dedupe.Params
	Shards int
}

func (f *assembleFn) ProcessElement(ctx context.Context, idx uint32, docs func(*[]byte) bool, bodies func(*string) bool, stories func(*[]byte) bool,
	members func(uint32, []byte), articles func(int, []byte), storyLines func(int, []byte)) error {
	var doc []byte
	if !docs(&doc) {
		return fmt.Errorf("article %d has no Doc", idx)
	}
	var so []byte
	if !stories(&so) {
		d, err := decodeDoc(doc)
		if err != nil {
			return err
		}
		res := dedupe.NewResultShared(f.Params, []*dedupe.Doc{d}, []int32{0}, []int64{0})
		return emitRecords(ctx, res, f.Shards, articles, storyLines)
	}
	unit, story, shared, err := readStoryOf(so)
	if err != nil {
		return err
	}
	var body string
	bodies(&body)
	m, err := encode(&member{Idx: idx, Story: story, Shared: shared, Doc: doc, Body: body})
	if err != nil {
		return err
	}
	members(unit, m)
	return nil
}

// alignFn builds the Result of one write unit (its stories) from its
// members, in article order, aligns it (Result.Align) and writes its
// records.
type alignFn struct {
	Params dedupe.Params
	Shards int
}

func (f *alignFn) ProcessElement(ctx context.Context, _ uint32, encoded func(*[]byte) bool, articles func(int, []byte), storyLines func(int, []byte)) error {
	var ms []member
	var b []byte
	for encoded(&b) {
		var m member
		if err := decode(b, &m); err != nil {
			return err
		}
		ms = append(ms, m)
	}
	slices.SortFunc(ms, func(x, y member) int { return cmp.Compare(x.Idx, y.Idx) })
	docs := make([]*dedupe.Doc, len(ms))
	shared := make([]int64, len(ms))
	labels := make([]int32, len(ms))
	for i, m := range ms {
		d, err := decodeDoc(m.Doc)
		if err != nil {
			return err
		}
		docs[i], shared[i], labels[i] = d, m.Shared, int32(m.Story)
	}
	res := dedupe.NewResultShared(f.Params, docs, labels, shared)
	res.SetBodies(func(i int) (string, error) { return ms[i].Body, nil })
	if err := res.Align(ctx, options(f.Params)); err != nil {
		return err
	}
	return emitRecords(ctx, res, f.Shards, articles, storyLines)
}

// emitRecords writes the articles.jsonl lines and the stories.json lines
// of res, a Result of a few stories, with output's writers: records keyed
// by their sort key (the article ID; the story's size, largest first, and
// ID), sent to their shard.
func emitRecords(ctx context.Context, res *dedupe.Result, shards int, articles, storyLines func(int, []byte)) error {
	var ab bytes.Buffer
	if err := output.WriteArticles(&ab, res); err != nil {
		return err
	}
	ids := make([]string, len(res.Docs))
	for i, d := range res.Docs {
		ids[i] = d.ID
	}
	slices.Sort(ids) // WriteArticles's order
	lines := bytes.SplitAfter(ab.Bytes(), []byte("\n"))
	if n := len(lines) - 1; n != len(ids) || len(lines[n]) != 0 {
		return fmt.Errorf("articles.jsonl of %d articles has %d lines", len(ids), n)
	}
	for i, id := range ids {
		articles(shardOf(id, shards), record(id, lines[i]))
	}
	var sb bytes.Buffer
	if err := output.NewWriter(res).WriteStories(&sb); err != nil {
		return err
	}
	body, ok := bytes.CutPrefix(sb.Bytes(), []byte(storiesHead))
	if ok {
		body, ok = bytes.CutSuffix(body, []byte(storiesTail))
	}
	// Story lines hold no line break (JSON escapes it in strings).
	slines := bytes.Split(body, []byte(storiesSep))
	if !ok || len(slines) != len(res.Stories) {
		return fmt.Errorf("stories.json of %d stories is not %q, lines joined by %q, %q: update beam/pipeline/stories.go", len(res.Stories), storiesHead, storiesSep, storiesTail)
	}
	for i, s := range res.Stories {
		if bytes.Contains(slines[i], []byte("\n")) {
			return fmt.Errorf("story %s: its stories.json record is not one line", s.ID)
		}
		storyLines(shardOf(s.ID, shards), record(storyKey(len(s.Members), s.ID), slines[i]))
	}
	storyCount.Inc(ctx, int64(len(res.Stories)))
	return nil
}

// storyKey orders stories as stories.json does: the largest first, then
// by ID (bytewise, as cmp.Compare orders strings).
func storyKey(size int, id string) string {
	return fmt.Sprintf("%010d", maxArticles-size) + id
}

// shardOf spreads keys over the shards.
func shardOf(key string, shards int) int {
	h := fnv.New64a()
	h.Write([]byte(key)) // a hash.Hash never fails
	return int(h.Sum64() % uint64(shards))
}

// stories aligns every story of two or more versions and returns the
// records of the two outputs, keyed by shard.
func stories(s beam.Scope, cfg *Config, docs, bodies, storyOf beam.PCollection) (articles, storyLines beam.PCollection) {
	s = s.Scope("stories")
	members, singleArts, singleStories := beam.ParDo3(s, &assembleFn{Params: cfg.Params, Shards: cfg.Shards},
		beam.CoGroupByKey(s, docs, bodies, storyOf))
	multiArts, multiStories := beam.ParDo2(s, &alignFn{Params: cfg.Params, Shards: cfg.Shards}, beam.GroupByKey(s, members))
	return beam.Flatten(s, singleArts, multiArts), beam.Flatten(s, singleStories, multiStories)
}
