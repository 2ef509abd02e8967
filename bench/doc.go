// Package bench generates labelled news corpora and measures neardup on
// them: how fast it runs, how much memory it takes and, through package
// eval, how well its output matches the truth.
//
// # Generator
//
// Generate writes a synthetic corpus and its truth in the formats of the
// evaluation data (corpus.jsonl and truth.jsonl, see shared/eval/README.md):
// wire stories with their updates and republished copies, follow-ups,
// roundups and singles, in four languages. The same GenOptions give
// byte-identical output. `neardup bench gen` calls it.
//
// # Scale harness
//
// Scale generates a corpus of each size, runs neardup on it as a child
// process, measured through RunMeasured and `neardup bench measure` (wall
// time, peak RSS), and scores the output with eval.Evaluate. At the small
// sizes it also compares the LSH candidates with the exact all-pairs
// reference (dedupe.ExactReference) and runs the textbook baseline.
// ScaleResults.WriteMarkdown renders the results as BENCH.md, on the
// Machine they were measured on. `neardup bench scale` and `neardup bench
// report` call them.
//
// # Textbook baseline
//
// Textbook groups articles the way the textbook does near-duplicate
// detection: one MinHash signature per document over word 5-shingles, LSH
// and connected components at Jaccard 0.5. It is the document-level
// baseline that neardup's figures are set beside.
//
// # Benchmarks
//
// The package's tests hold the Go benchmarks of the detector and the index
// (make bench, make bench-index-100k), and the quality tests: TestDevQuality
// and TestECBQuality run neardup on the team's labelled corpora (dev and
// ecb-dev) and check their figures against floors and against their
// sections of testdata/quality.txt (-update rewrites them).
package bench
