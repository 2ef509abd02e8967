package pipeline

import "github.com/apache/beam/sdks/v2/go/pkg/beam"

// The pipeline's counters, in the namespace "neardup".
var (
	articlesRead = beam.NewCounter("neardup", "articles_read")
	candidates   = beam.NewCounter("neardup", "candidate_pairs")
	linkCount    = beam.NewCounter("neardup", "links")
	learned      = beam.NewCounter("neardup", "boilerplate_learned")
	storyCount   = beam.NewCounter("neardup", "stories")
)

// CounterNames are the counters a run reports, in order.
var CounterNames = []string{"articles_read", "candidate_pairs", "links", "boilerplate_learned", "stories"}
