package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/eval"
)

// ScaleOptions configures Scale.
type ScaleOptions struct {
	// Sizes are the corpus sizes to run, in articles.
	Sizes []int
	// Seed is the generator's seed.
	Seed uint64
	// Dir receives each size's corpus, truth and outputs, in a folder
	// named after the size.
	Dir string
	// Exe is the neardup binary that runs as a child process, so that its
	// wall time and peak RSS are its own.
	Exe string
	// ReferenceMax is the largest size that also gets the exact all-pairs
	// reference (dedupe.ExactReference); TextbookMax the largest that gets
	// the textbook configuration (Textbook).
	ReferenceMax, TextbookMax int
	// Repeat is how many times each dedupe run is made at sizes up to
	// RepeatMax; the fastest is kept and all wall times are recorded, since
	// a shared machine slows some runs down. Larger sizes run once.
	Repeat, RepeatMax int
	// Keep leaves each size's corpus and outputs in Dir; otherwise they
	// are removed once scored.
	Keep bool
	// PerfDir, when set, is the folder of the speed corpus of real text
	// (../shared/eval/perf: perfgen.py and its sources). Each size then
	// also runs on a corpus perfgen.py makes (with Python), summary only:
	// it has no truth; and the exact reference at sizes up to
	// ReferenceMax.
	PerfDir string
	// Python runs perfgen.py; "" means python3.
	Python string
	// Log receives progress lines; nil discards them.
	Log io.Writer
}

// SetDefaults fills the zero fields of o: Log discards, Repeat is one.
func (o *ScaleOptions) SetDefaults() {
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.Python == "" {
		o.Python = "python3"
	}
	o.Repeat = max(1, o.Repeat)
}

// ScaleResults are the measurements of one Scale call.
type ScaleResults struct {
	Machine Machine `json:"machine"`
	// Command is the command line that made the results.
	Command string     `json:"command"`
	Runs    []SizeRun  `json:"runs"`
	Started time.Time  `json:"started"`
	Options ScaleFlags `json:"options"`
}

// ScaleFlags are the options recorded with the results.
type ScaleFlags struct {
	Seed         uint64 `json:"seed"`
	ReferenceMax int    `json:"reference_max"`
	TextbookMax  int    `json:"textbook_max"`
	Repeat       int    `json:"repeat,omitempty"`
	RepeatMax    int    `json:"repeat_max,omitempty"`
}

// SizeRun is everything measured at one corpus size.
type SizeRun struct {
	Articles    int   `json:"articles"`
	CorpusBytes int64 `json:"corpus_bytes"`
	// Generate is `neardup bench gen`; Summary is `neardup dedupe` with
	// its default output (the stories summary); Full writes articles.jsonl
	// and stories.json with the paragraph map (--out, --views=false).
	Generate Measure `json:"generate"`
	Summary  Measure `json:"summary"`
	Full     Measure `json:"full"`
	// Quality scores Full's articles.jsonl against the generator's truth.
	Quality   eval.Report      `json:"quality"`
	Reference *ReferenceResult `json:"reference,omitempty"`
	Textbook  *TextbookScore   `json:"textbook,omitempty"`
	// Perf is the same size of the speed corpus of real text
	// (ScaleOptions.PerfDir); nil when not run.
	Perf *PerfRun `json:"perf,omitempty"`
}

// PerfRun is one size of the speed corpus of real text: passages recur
// across unrelated articles more as it grows, the load of a real archive.
type PerfRun struct {
	CorpusBytes int64 `json:"corpus_bytes"`
	// Generate is perfgen.py; Summary is `neardup dedupe` as in SizeRun.
	Generate  Measure          `json:"generate"`
	Summary   Measure          `json:"summary"`
	Reference *ReferenceResult `json:"reference,omitempty"`
}

// Measure is one child process: its command, wall time and peak RSS.
type Measure struct {
	Command     string  `json:"command"`
	WallSeconds float64 `json:"wall_seconds"`
	UserSeconds float64 `json:"user_seconds"`
	SysSeconds  float64 `json:"sys_seconds"`
	PeakRSS     int64   `json:"peak_rss_bytes"`
	// Stats is what --stats printed (counts and stage times).
	Stats string `json:"stats,omitempty"`
	// Walls are the wall times of every repeat, in order, when the run was
	// repeated; the other fields are those of the fastest.
	Walls []float64 `json:"walls,omitempty"`
}

// best runs measure repeat times and returns the fastest run, with the
// wall times of all of them when there was more than one.
func best(repeat int, measure func() (Measure, error)) (Measure, error) {
	var fastest Measure
	var walls []float64
	for i := range repeat {
		m, err := measure()
		if err != nil {
			return m, err
		}
		walls = append(walls, m.WallSeconds)
		if i == 0 || m.WallSeconds < fastest.WallSeconds {
			fastest = m
		}
	}
	if repeat > 1 {
		fastest.Walls = walls
	}
	return fastest, nil
}

// childToFile is child with its stdout written to the file path.
func childToFile(ctx context.Context, exe, path string, args ...string) (Measure, error) {
	f, err := os.Create(path)
	if err != nil {
		return Measure{}, err
	}
	m, err := child(ctx, exe, f, args...)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = cerr
	}
	return m, err
}

// ArticlesPerSec is n divided by the wall time.
func (m Measure) ArticlesPerSec(n int) float64 {
	if m.WallSeconds == 0 {
		return 0
	}
	return float64(n) / m.WallSeconds
}

// ReferenceResult compares LSH candidates with the exact reference.
type ReferenceResult struct {
	Pairs      int     `json:"pairs"`      // pairs that pass the story rule
	Candidates int     `json:"candidates"` // LSH candidate pairs
	Found      int     `json:"found"`      // reference pairs among the candidates
	Recall     float64 `json:"recall"`
	Verified   int     `json:"verified"` // pairs the reference verified
	Seconds    float64 `json:"seconds"`
	// Missed names up to 20 missed pairs by article ID.
	Missed [][2]string `json:"missed,omitempty"`
}

// TextbookScore is the textbook configuration on the same corpus.
type TextbookScore struct {
	Bands      int         `json:"bands"`
	Rows       int         `json:"rows"`
	Candidates int         `json:"candidates"`
	Links      int         `json:"links"`
	Seconds    float64     `json:"seconds"`
	Quality    eval.Report `json:"quality"`
}

// Scale generates a corpus of each size, runs neardup on it as a child
// process (wall time, peak RSS), scores the output against the truth and,
// at the small sizes, runs the exact reference and the textbook
// configuration in this process. After each size it calls save with the
// results so far, so that a long run keeps what it measured.
func Scale(ctx context.Context, opt ScaleOptions, res *ScaleResults, save func(*ScaleResults) error) error {
	opt.SetDefaults()
	logf := func(format string, args ...any) { fmt.Fprintf(opt.Log, format+"\n", args...) }
	for _, n := range opt.Sizes {
		dir := filepath.Join(opt.Dir, strconv.Itoa(n))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("scale: %w", err)
		}
		run, err := scaleSize(ctx, opt, n, dir, logf)
		if err != nil {
			return fmt.Errorf("scale: %d articles: %w", n, err)
		}
		if opt.PerfDir != "" {
			if run.Perf, err = scalePerf(ctx, opt, n, dir, logf); err != nil {
				return fmt.Errorf("scale: %d articles of the speed corpus: %w", n, err)
			}
		}
		res.Runs = append(res.Runs, run)
		if err := save(res); err != nil {
			return err
		}
		if !opt.Keep {
			if err := os.RemoveAll(dir); err != nil {
				return fmt.Errorf("scale: %w", err)
			}
		}
	}
	return nil
}

// scaleSize measures one size in dir.
//
// It is a script of steps (generate, run, score, compare) that read as one.
func scaleSize(ctx context.Context, opt ScaleOptions, n int, dir string, logf func(string, ...any)) (SizeRun, error) {
	run := SizeRun{Articles: n}
	corpusPath, truthPath := filepath.Join(dir, "corpus.jsonl"), filepath.Join(dir, "truth.jsonl")
	outDir := filepath.Join(dir, "out")
	var err error
	logf("%d articles: generating", n)
	if run.Generate, err = child(ctx, opt.Exe, io.Discard, "bench", "gen", "--articles", strconv.Itoa(n),
		"--seed", strconv.FormatUint(opt.Seed, 10), "--out", corpusPath, "--truth", truthPath); err != nil {
		return run, err
	}
	if run.CorpusBytes, err = fileSize(corpusPath); err != nil {
		return run, err
	}
	repeat := opt.repeats(n)
	logf("%d articles: neardup dedupe (summary), %d time(s)", n, repeat)
	summaryPath := filepath.Join(dir, "summary.txt")
	if run.Summary, err = best(repeat, func() (Measure, error) {
		return childToFile(ctx, opt.Exe, summaryPath, "dedupe", "--quiet", "--stats", corpusPath)
	}); err != nil {
		return run, err
	}
	logf("%d articles: %.1f s, %.0f articles/s, %.2f GB peak RSS", n, run.Summary.WallSeconds,
		run.Summary.ArticlesPerSec(n), float64(run.Summary.PeakRSS)/1e9)
	logf("%d articles: neardup dedupe --out (paragraph map), %d time(s)", n, repeat)
	if run.Full, err = best(repeat, func() (Measure, error) {
		return child(ctx, opt.Exe, io.Discard, "dedupe", "--quiet", "--stats", "--views=false", "--out", outDir, corpusPath)
	}); err != nil {
		return run, err
	}
	logf("%d articles: scoring", n)
	truth, err := readTruthFile(truthPath)
	if err != nil {
		return run, err
	}
	pred, err := readPredictionsFile(filepath.Join(outDir, "articles.jsonl"))
	if err != nil {
		return run, err
	}
	run.Quality = eval.Evaluate(truth, pred)
	read := corpus.Files(ctx, []string{corpusPath}, corpus.ReadOptions{})
	if n <= opt.ReferenceMax {
		logf("%d articles: exact all-pairs reference", n)
		if run.Reference, err = referenceRun(ctx, read, dir); err != nil {
			return run, err
		}
		logf("%d articles: candidate recall %.4f (%d of %d)", n, run.Reference.Recall, run.Reference.Found, run.Reference.Pairs)
	}
	if n <= opt.TextbookMax {
		logf("%d articles: textbook configuration", n)
		start := time.Now()
		tb, err := Textbook(ctx, read, TextbookOptions{})
		if err != nil {
			return run, err
		}
		run.Textbook = &TextbookScore{Bands: tb.Bands, Rows: tb.Rows, Candidates: tb.Candidates, Links: tb.Links,
			Seconds: time.Since(start).Seconds(), Quality: eval.Evaluate(truth, tb.Predictions())}
	}
	return run, nil
}

// scalePerf measures one size of the speed corpus in dir: generate it,
// run the summary (repeated as scaleSize does) and, at sizes up to
// ReferenceMax, the exact reference.
func scalePerf(ctx context.Context, opt ScaleOptions, n int, dir string, logf func(string, ...any)) (*PerfRun, error) {
	run := &PerfRun{}
	corpusPath := filepath.Join(dir, "perf.jsonl")
	logf("%d articles: generating the speed corpus", n)
	var err error
	gen := []string{opt.Python, filepath.Join(opt.PerfDir, "perfgen.py"), opt.PerfDir, strconv.Itoa(n), corpusPath, strconv.FormatUint(opt.Seed, 10)}
	if run.Generate, err = measured(ctx, opt.Exe, io.Discard, strings.Join(gen, " "), gen); err != nil {
		return run, err
	}
	if run.CorpusBytes, err = fileSize(corpusPath); err != nil {
		return run, err
	}
	repeat := opt.repeats(n)
	logf("%d articles of the speed corpus: neardup dedupe (summary), %d time(s)", n, repeat)
	if run.Summary, err = best(repeat, func() (Measure, error) {
		return child(ctx, opt.Exe, io.Discard, "dedupe", "--quiet", "--stats", corpusPath)
	}); err != nil {
		return run, err
	}
	logf("%d articles of the speed corpus: %.1f s, %.0f articles/s, %.2f GB peak RSS", n, run.Summary.WallSeconds,
		run.Summary.ArticlesPerSec(n), float64(run.Summary.PeakRSS)/1e9)
	if n <= opt.ReferenceMax {
		logf("%d articles of the speed corpus: exact all-pairs reference", n)
		read := corpus.Files(ctx, []string{corpusPath}, corpus.ReadOptions{})
		if run.Reference, err = referenceRun(ctx, read, dir); err != nil {
			return run, err
		}
		logf("%d articles of the speed corpus: candidate recall %.4f (%d of %d)", n, run.Reference.Recall, run.Reference.Found, run.Reference.Pairs)
	}
	if !opt.Keep {
		if err := os.Remove(corpusPath); err != nil {
			return run, err
		}
	}
	return run, nil
}

// repeats is how many times a dedupe run is made at n articles (Repeat
// up to RepeatMax, else once).
func (o ScaleOptions) repeats(n int) int {
	if n <= o.RepeatMax {
		return o.Repeat
	}
	return 1
}

// fileSize is the size of the file at path.
func fileSize(path string) (int64, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}

// referenceRun runs the exact reference and compares it with LSH.
func referenceRun(ctx context.Context, read corpus.Source, tmp string) (*ReferenceResult, error) {
	start := time.Now()
	ref, err := dedupe.ExactReference(ctx, read, dedupe.ReferenceOptions{Options: dedupe.Options{TempDir: tmp}})
	if err != nil {
		return nil, err
	}
	missed := ref.Missed()
	r := &ReferenceResult{Pairs: len(ref.Pairs), Candidates: len(ref.Candidates), Found: len(ref.Pairs) - len(missed),
		Recall: ref.CandidateRecall(), Verified: ref.Verified, Seconds: time.Since(start).Seconds()}
	for _, p := range missed[:min(20, len(missed))] {
		r.Missed = append(r.Missed, [2]string{ref.IDs[p.A], ref.IDs[p.B]})
	}
	return r, nil
}

// child runs exe with args through the launcher `exe bench measure` (see
// RunMeasured), its stdout to stdout, and measures it. What it prints on
// stderr is kept as Stats, and quoted in the error if it fails.
func child(ctx context.Context, exe string, stdout io.Writer, args ...string) (Measure, error) {
	return measured(ctx, exe, stdout, "neardup "+strings.Join(args, " "), append([]string{exe}, args...))
}

// measured runs the command argv through the launcher `exe bench measure`
// and measures it (see child); command names it in the results.
func measured(ctx context.Context, exe string, stdout io.Writer, command string, argv []string) (Measure, error) {
	m := Measure{Command: command}
	usage, err := os.CreateTemp("", "neardup-usage-*.json")
	if err != nil {
		return m, err
	}
	usagePath := usage.Name()
	usage.Close() // the launcher writes it
	defer os.Remove(usagePath)
	cmd := exec.CommandContext(ctx, exe, append([]string{"bench", "measure", "--usage", usagePath, "--"}, argv...)...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = stdout, &stderr
	if err := cmd.Run(); err != nil {
		return m, fmt.Errorf("%s: %w: %s", m.Command, err, strings.TrimSpace(stderr.String()))
	}
	u, err := ReadUsage(usagePath)
	if err != nil {
		return m, fmt.Errorf("%s: %w", m.Command, err)
	}
	m.WallSeconds, m.UserSeconds, m.SysSeconds, m.PeakRSS = u.WallSeconds, u.UserSeconds, u.SysSeconds, u.PeakRSS
	m.Stats = strings.TrimSpace(stderr.String())
	return m, nil
}

// readTruthFile reads a truth file.
func readTruthFile(path string) (*eval.Truth, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close() // read-only
	return eval.ReadTruth(f, path)
}

// readPredictionsFile reads an articles.jsonl.
func readPredictionsFile(path string) (*eval.Predictions, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close() // read-only
	return eval.ReadPredictions(f, path)
}

// ReadScaleResults reads the JSON that WriteJSON wrote.
func ReadScaleResults(path string) (*ScaleResults, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r ScaleResults
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &r, nil
}

// WriteJSON writes the results as indented JSON.
func (r *ScaleResults) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
