package bench

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// The targets of issue 5, checked by WriteMarkdown.
const (
	targetRate100k  = 10000 // articles/s at 100,000 articles
	targetRate1M    = 8000  // articles/s at 1,000,000 articles
	targetRSS1M     = 3e9   // peak RSS bytes at 1,000,000 articles
	targetF1Drift   = 0.01  // |F1(1M) − F1(10k)|
	targetRecallMin = 0.99  // candidate recall against the exact reference
)

// WriteMarkdown renders the results as BENCH.md: the machine, speed and
// memory per size, quality against the truth, neardup beside the textbook
// configuration and the exact reference, the targets, the stage times and
// the commands.
//
// It is long because it writes the report's sections in order.
func (r *ScaleResults) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	m := r.Machine
	fmt.Fprintf(&b, "# neardup benchmarks\n\n")
	fmt.Fprintf(&b, "Made by `make bench-scale` (`%s`); `make bench-report` renders this file again from\n", r.Command)
	fmt.Fprintf(&b, "the results JSON (`out/scale/results.json`). Corpora come from the generator (`neardup bench gen`, seed %d), which\n", r.Options.Seed)
	fmt.Fprintf(&b, "also writes the truth every figure is scored against. Each `neardup dedupe` runs as a child\n")
	fmt.Fprintf(&b, "process: wall time and peak RSS (getrusage) are its own.\n\n")
	b.WriteString("| machine | |\n|---|---|\n")
	fmt.Fprintf(&b, "| CPU | %s |\n| cores | %d |\n| memory | %.1f GB |\n| OS | %s |\n| Go | %s |\n| commit | %s |\n| date | %s |\n\n",
		m.CPU, m.Cores, float64(m.MemBytes)/1e9, m.OS, m.Go, m.Commit, m.Date)

	b.WriteString("## Speed and memory\n\n")
	b.WriteString("`summary` is `neardup dedupe corpus.jsonl` (stories on stdout, the default); `full` adds the\n")
	b.WriteString("paragraph map and writes articles.jsonl and stories.json (`--out DIR --views=false`).\n\n")
	if r.Options.Repeat > 1 {
		fmt.Fprintf(&b, "Up to %s articles each dedupe run was made %d times and the fastest is shown (the machine is\n"+
			"shared: other runs were slowed down); the wall times of all of them are in the last column.\n\n",
			count(r.Options.RepeatMax), r.Options.Repeat)
	}
	b.WriteString("| articles | corpus | run | wall | articles/s | peak RSS | user + sys CPU | all walls |\n|---:|---:|---|---:|---:|---:|---:|---|\n")
	for _, run := range r.Runs {
		for _, x := range []struct {
			name string
			m    Measure
		}{{"generate", run.Generate}, {"summary", run.Summary}, {"full", run.Full}} {
			fmt.Fprintf(&b, "| %s | %s | %s | %.1f s | %s | %s | %.1f s | %s |\n", count(run.Articles), mb(run.CorpusBytes), x.name,
				x.m.WallSeconds, count(int(math.Round(x.m.ArticlesPerSec(run.Articles)))), gb(x.m.PeakRSS), x.m.UserSeconds+x.m.SysSeconds,
				walls(x.m.Walls))
		}
	}

	b.WriteString("\n## Quality against the generator's truth\n\n")
	b.WriteString("From the `full` run's articles.jsonl (definitions: `../shared/eval/README.md`, `eval/doc.go`).\n\n")
	b.WriteString("| articles | true stories | pairwise P | pairwise R | pairwise F1 | B-cubed F1 | paragraph F1 | boilerplate R | credit R |\n")
	b.WriteString("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, run := range r.Runs {
		q := run.Quality
		fmt.Fprintf(&b, "| %s | %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f |\n", count(run.Articles), count(q.Stories),
			q.Pairwise.Precision, q.Pairwise.Recall, q.Pairwise.F1, q.BCubed.F1, q.Paragraphs.F1, q.Boilerplate.Recall, q.Credit.Recall)
	}
	for _, run := range r.Runs {
		if run.Reference != nil || run.Textbook != nil {
			writeSideBySide(&b, run)
		}
	}
	writeTargets(&b, r.Runs)

	b.WriteString("\n## Stage times\n\n`--stats` of each `summary` run.\n")
	for _, run := range r.Runs {
		fmt.Fprintf(&b, "\n%s articles:\n\n```\n%s\n```\n", count(run.Articles), run.Summary.Stats)
	}
	b.WriteString("\n## Commands\n\n```\n" + r.Command + "\n")
	for _, run := range r.Runs {
		for _, c := range []string{run.Generate.Command, run.Summary.Command, run.Full.Command} {
			b.WriteString(c + "\n")
		}
	}
	b.WriteString("```\n\nThe exact reference (`dedupe.ExactReference`) and the textbook configuration\n")
	b.WriteString("(`bench.Textbook`) run inside `neardup bench scale` on the same corpus files.\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// writeSideBySide writes neardup beside the textbook configuration and
// the exact reference on one corpus.
func writeSideBySide(b *strings.Builder, run SizeRun) {
	fmt.Fprintf(b, "\n## Side by side on the same %s articles\n\n", count(run.Articles))
	b.WriteString("| method | candidate pairs | linked pairs | pairwise P | pairwise R | pairwise F1 | B-cubed F1 | paragraph F1 | time |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	q := run.Quality
	cands, links := statCount(run.Summary.Stats, "candidate pairs"), statCount(run.Summary.Stats, "links")
	fmt.Fprintf(b, "| **neardup** (passage MinHash/LSH, sentence verification) | %s | %s | %.4f | %.4f | **%.4f** | %.4f | %.4f | %.1f s |\n",
		cands, links, q.Pairwise.Precision, q.Pairwise.Recall, q.Pairwise.F1, q.BCubed.F1, q.Paragraphs.F1, run.Summary.WallSeconds)
	if t := run.Textbook; t != nil {
		tq := t.Quality
		fmt.Fprintf(b, "| textbook: one MinHash per document, word 5-shingles, LSH %d×%d at Jaccard 0.5 | %s | %s | %.4f | %.4f | %.4f | %.4f | — | %.1f s |\n",
			t.Bands, t.Rows, count(t.Candidates), count(t.Links), tq.Pairwise.Precision, tq.Pairwise.Recall, tq.Pairwise.F1, tq.BCubed.F1, t.Seconds)
	}
	if ref := run.Reference; ref != nil {
		fmt.Fprintf(b, "| exact all-pairs reference (no LSH; every pair that can pass verified) | %s verified | %s | — | — | — | — | — | %.1f s |\n",
			count(ref.Verified), count(ref.Pairs), ref.Seconds)
		fmt.Fprintf(b, "\nCandidate recall of neardup's LSH against the exact reference: **%.4f** (%s of the %s pairs that\n",
			ref.Recall, count(ref.Found), count(ref.Pairs))
		b.WriteString("pass the story rule when every pair is verified are among the LSH candidates).\n")
		if len(ref.Missed) > 0 {
			fmt.Fprintf(b, "Missed pairs (first %d): %s.\n", len(ref.Missed), missedList(ref.Missed))
		}
	}
	b.WriteString("\nneardup's timing is the whole `summary` process; the textbook and the reference run in process\n")
	b.WriteString("on the parsed corpus. The textbook marks no paragraphs, so it has no paragraph figure.\n")
}

// writeTargets checks the done-when figures of issue 5.
func writeTargets(b *strings.Builder, runs []SizeRun) {
	b.WriteString("\n## Targets\n\n| target | measured | met |\n|---|---|---|\n")
	at := func(n int) *SizeRun {
		for i := range runs {
			if runs[i].Articles == n {
				return &runs[i]
			}
		}
		return nil
	}
	row := func(target, measured string, ok bool) {
		fmt.Fprintf(b, "| %s | %s | %s |\n", target, measured, map[bool]string{true: "yes", false: "**no**"}[ok])
	}
	for _, t := range []struct {
		n    int
		rate float64
	}{{100000, targetRate100k}, {1000000, targetRate1M}} {
		if r := at(t.n); r != nil {
			s, f := r.Summary.ArticlesPerSec(t.n), r.Full.ArticlesPerSec(t.n)
			row(fmt.Sprintf("dedupe ≥ %s articles/s at %s", count(int(t.rate)), count(t.n)),
				fmt.Sprintf("%s (summary), %s (full)", count(int(math.Round(s))), count(int(math.Round(f)))), s >= t.rate)
		} else {
			row(fmt.Sprintf("dedupe ≥ %s articles/s at %s", count(int(t.rate)), count(t.n)), "not run", false)
		}
	}
	if r := at(1000000); r != nil {
		rss := max(r.Summary.PeakRSS, r.Full.PeakRSS)
		row("peak RSS at 1,000,000 ≤ 3 GB", fmt.Sprintf("%s (summary), %s (full)", gb(r.Summary.PeakRSS), gb(r.Full.PeakRSS)), rss <= targetRSS1M)
	} else {
		row("peak RSS at 1,000,000 ≤ 3 GB", "not run", false)
	}
	if big, small := at(1000000), at(10000); big != nil && small != nil {
		d := big.Quality.Pairwise.F1 - small.Quality.Pairwise.F1
		row("pairwise F1 at 1,000,000 within 0.01 of 10,000",
			fmt.Sprintf("%.4f vs %.4f (%+.4f)", big.Quality.Pairwise.F1, small.Quality.Pairwise.F1, d), math.Abs(d) <= targetF1Drift)
	} else {
		row("pairwise F1 at 1,000,000 within 0.01 of 10,000", "not run", false)
	}
	var ref *SizeRun
	for i := range runs {
		if runs[i].Reference != nil {
			ref = &runs[i]
		}
	}
	if ref != nil {
		row("candidate recall vs the exact reference ≥ 0.99",
			fmt.Sprintf("%.4f at %s (%s of %s pairs)", ref.Reference.Recall, count(ref.Articles), count(ref.Reference.Found),
				count(ref.Reference.Pairs)), ref.Reference.Recall >= targetRecallMin)
	} else {
		row("candidate recall vs the exact reference ≥ 0.99", "not run", false)
	}
}

// statCount finds "N label" in a --stats text and returns N with thousands
// separators, or "—".
func statCount(stats, label string) string {
	for _, part := range strings.Split(strings.SplitN(stats, "\n", 2)[0], ",") {
		part = strings.TrimSpace(part)
		if num, rest, ok := strings.Cut(part, " "); ok && rest == label {
			var n int
			if _, err := fmt.Sscan(num, &n); err == nil {
				return count(n)
			}
		}
	}
	return "—"
}

// walls formats repeated wall times, or "" for a single run.
func walls(w []float64) string {
	s := make([]string, len(w))
	for i, x := range w {
		s[i] = fmt.Sprintf("%.1f", x)
	}
	return strings.Join(s, ", ")
}

// missedList formats missed pairs as "a–b".
func missedList(pairs [][2]string) string {
	s := make([]string, len(pairs))
	for i, p := range pairs {
		s[i] = "`" + p[0] + "`–`" + p[1] + "`"
	}
	return strings.Join(s, ", ")
}

// count formats n with thousands separators.
func count(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// mb and gb format bytes in decimal megabytes and gigabytes.
func mb(n int64) string { return count(int(math.Round(float64(n)/1e6))) + " MB" }
func gb(n int64) string { return fmt.Sprintf("%.2f GB", float64(n)/1e9) }
