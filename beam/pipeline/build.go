package pipeline

import (
	"github.com/apache/beam/sdks/v2/go/pkg/beam"
)

// Build adds the pipeline of cfg (defaults set, validated) to s: read,
// analyse, LSH, boilerplate, verify, cluster, align and write the shards
// under cfg.Out/shards. Merge joins them once the pipeline has run.
func Build(s beam.Scope, cfg *Config) {
	arts, _ := read(s, cfg)
	a := analyze(s, cfg, arts)
	beam.ParDo0(s.Scope("check ids"), checkIDsFn, beam.GroupByKey(s.Scope("check ids"), a.ids))
	pairs := candidatePairs(s, cfg, a.keys)
	docs := learnBoilerplate(s, cfg, a)
	links := verify(s, cfg, pairs, docs)
	storyOf := cluster(s, links, a.guids)
	articles, storyLines := stories(s, cfg, docs, a.bodies, storyOf)
	writeShards(s, cfg, articlesStem, articles)
	writeShards(s, cfg, storiesStem, storyLines)
}
