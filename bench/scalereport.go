package bench

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// The targets of issues 5 and 13, checked by WriteMarkdown.
const (
	targetRate100k  = 10000 // articles/s at 100,000 articles
	targetRate1M    = 8000  // articles/s at 1,000,000 articles
	targetRSS1M     = 1.5e9 // peak RSS bytes at 1,000,000 articles, on either corpus
	targetF1Drift   = 0.01  // |F1(1M) − F1(10k)|
	targetRecallMin = 0.99  // candidate recall against the exact reference
	// On the speed corpus, 1M against 100k, per article:
	targetTimeGrowth       = 1.2 // wall time
	targetCandidatesGrowth = 1.5 // candidate pairs
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

	writeLinearity(&b, r.Runs)

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
		if run.Perf != nil {
			fmt.Fprintf(&b, "\n%s articles of the speed corpus:\n\n```\n%s\n```\n", count(run.Articles), run.Perf.Summary.Stats)
		}
	}
	b.WriteString("\n## Commands\n\n```\n" + r.Command + "\n")
	for _, run := range r.Runs {
		for _, c := range []string{run.Generate.Command, run.Summary.Command, run.Full.Command} {
			b.WriteString(c + "\n")
		}
		if run.Perf != nil {
			b.WriteString(run.Perf.Generate.Command + "\n" + run.Perf.Summary.Command + "\n")
		}
	}
	b.WriteString("```\n\nThe exact reference (`dedupe.ExactReference`) and the textbook configuration\n")
	b.WriteString("(`bench.Textbook`) run inside `neardup bench scale` on the same corpus files.\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// writeLinearity writes, per corpus and size, what each article costs in
// the summary run: wall time, candidate pairs and peak RSS, each beside
// its value at 100,000 articles, so that growth beyond linear shows.
func writeLinearity(b *strings.Builder, runs []SizeRun) {
	b.WriteString("\n## Linearity\n\n")
	b.WriteString("Per article of the `summary` run, and as a multiple of the same figure at 100,000 articles of the same\n")
	b.WriteString("corpus (1.00 is linear). `generator` is `neardup bench gen`; `speed corpus` is real text from\n")
	b.WriteString("`../shared/eval/perf/perfgen.py`, where passages recur across unrelated articles more as it grows.\n\n")
	b.WriteString("| corpus | articles | wall per article | × | candidate pairs per article | × | peak RSS per article | × |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|\n")
	type point struct {
		n int
		m Measure
	}
	for _, c := range []struct {
		name   string
		points func(SizeRun) (Measure, bool)
	}{
		{"generator", func(r SizeRun) (Measure, bool) { return r.Summary, true }},
		{"speed corpus", func(r SizeRun) (Measure, bool) {
			if r.Perf == nil {
				return Measure{}, false
			}
			return r.Perf.Summary, true
		}},
	} {
		var pts []point
		var base *point
		for _, r := range runs {
			if m, ok := c.points(r); ok {
				pts = append(pts, point{r.Articles, m})
				if r.Articles == 100000 {
					base = &pts[len(pts)-1]
				}
			}
		}
		for _, p := range pts {
			us, cands, rss := perArticle(p.m, p.n)
			var bus, bcands, brss float64
			if base != nil {
				bus, bcands, brss = perArticle(base.m, base.n)
			}
			fmt.Fprintf(b, "| %s | %s | %.1f µs | %s | %.2f | %s | %s | %s |\n", c.name, count(p.n), us, ratio(us, bus),
				cands, ratio(cands, bcands), kb(rss), ratio(rss, brss))
		}
	}
}

// perArticle is a summary run's wall time (µs), candidate pairs and peak
// RSS (bytes), per article.
func perArticle(m Measure, n int) (us, cands, rss float64) {
	c, _ := statNumber(m.Stats, "candidate pairs")
	return m.WallSeconds * 1e6 / float64(n), float64(c) / float64(n), float64(m.PeakRSS) / float64(n)
}

// ratio formats x/base, or "—" without a base.
func ratio(x, base float64) string {
	if base == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f", x/base)
}

// kb formats bytes in decimal kilobytes.
func kb(n float64) string { return fmt.Sprintf("%.2f KB", n/1e3) }

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
	rssTarget := fmt.Sprintf("peak RSS at 1,000,000 ≤ %.1f GB", targetRSS1M/1e9)
	if r := at(1000000); r != nil {
		rss := max(r.Summary.PeakRSS, r.Full.PeakRSS)
		measured := fmt.Sprintf("%s (summary), %s (full)", gb(r.Summary.PeakRSS), gb(r.Full.PeakRSS))
		if r.Perf != nil {
			rss = max(rss, r.Perf.Summary.PeakRSS)
			measured += fmt.Sprintf(", %s (speed corpus)", gb(r.Perf.Summary.PeakRSS))
		}
		row(rssTarget, measured, rss <= targetRSS1M)
	} else {
		row(rssTarget, "not run", false)
	}
	if big, base := at(1000000), at(100000); big != nil && base != nil && big.Perf != nil && base.Perf != nil {
		us1, c1, _ := perArticle(big.Perf.Summary, big.Articles)
		us0, c0, _ := perArticle(base.Perf.Summary, base.Articles)
		row(fmt.Sprintf("speed corpus: wall per article at 1,000,000 ≤ %.1f× 100,000's", targetTimeGrowth),
			fmt.Sprintf("%.1f µs vs %.1f µs (%s×)", us1, us0, ratio(us1, us0)), us1 <= targetTimeGrowth*us0)
		row(fmt.Sprintf("speed corpus: candidate pairs per article at 1,000,000 ≤ %.1f× 100,000's", targetCandidatesGrowth),
			fmt.Sprintf("%.2f vs %.2f (%s×)", c1, c0, ratio(c1, c0)), c1 <= targetCandidatesGrowth*c0)
	} else {
		row("speed corpus: wall and candidate pairs per article at 1,000,000 against 100,000", "not run", false)
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
	for i := range runs {
		if p := runs[i].Perf; p != nil && p.Reference != nil {
			row("speed corpus: candidate recall vs the exact reference ≥ 0.99",
				fmt.Sprintf("%.4f at %s (%s of %s pairs)", p.Reference.Recall, count(runs[i].Articles), count(p.Reference.Found),
					count(p.Reference.Pairs)), p.Reference.Recall >= targetRecallMin)
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
	if n, ok := statNumber(stats, label); ok {
		return count(n)
	}
	return "—"
}

// statNumber finds "N label" in the first line of a --stats text.
func statNumber(stats, label string) (int, bool) {
	for _, part := range strings.Split(strings.SplitN(stats, "\n", 2)[0], ",") {
		part = strings.TrimSpace(part)
		if num, rest, ok := strings.Cut(part, " "); ok && rest == label {
			var n int
			if _, err := fmt.Sscan(num, &n); err == nil {
				return n, true
			}
		}
	}
	return 0, false
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
