package bench

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/eval"
	"github.com/neardup/neardup/output"
	"github.com/neardup/neardup/state"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

const (
	devDir      = "../../shared/eval/dev"
	ecbDir      = "../../shared/eval/ecb-dev"
	qualityFile = "testdata/quality.txt"
)

// floor is a figure and the least we promise of it.
type floor struct {
	name       string
	got, least float64
}

func checkFloors(t *testing.T, floors []floor) {
	t.Helper()
	for _, f := range floors {
		if f.got < f.least {
			t.Errorf("%s = %.4f, below the floor %.3f", f.name, f.got, f.least)
		}
	}
}

// TestDevQuality runs neardup on the labelled dev corpus and checks the
// figures of ../shared/eval/README.md against the floors we promise, then
// against its section of testdata/quality.txt, so that every change to
// quality shows in the diff (go test ./bench -run Quality -update rewrites
// it).
func TestDevQuality(t *testing.T) {
	if _, err := os.Stat(filepath.Join(devDir, "corpus.jsonl")); err != nil {
		t.Skipf("dev corpus not found at %s (it lives in the team's shared folder, beside the repo): %v", devDir, err)
	}
	rep := evaluateRun(t, filepath.Join(devDir, "corpus.jsonl"), filepath.Join(devDir, "truth.jsonl"))
	checkFloors(t, []floor{
		{"story pairwise F1", rep.Pairwise.F1, 0.99},
		{"story B-cubed F1", rep.BCubed.F1, 0.99},
		{"paragraph-pair F1", rep.Paragraphs.F1, 0.97},
		{"boilerplate recall", rep.Boilerplate.Recall, 0.95},
		{"credit recall", rep.Credit.Recall, 0.95},
	})
	var got bytes.Buffer
	if err := rep.WriteText(&got); err != nil {
		t.Fatal(err)
	}
	checkQualitySection(t, "dev: ../shared/eval/dev, scored against truth.jsonl", got.String())
}

// TestECBQuality runs neardup on ecb-dev (real English news, two different
// events of the same kind per topic) and checks event precision and reprint
// recall.
func TestECBQuality(t *testing.T) {
	if _, err := os.Stat(filepath.Join(ecbDir, "corpus.jsonl")); err != nil {
		t.Skipf("ecb-dev not found at %s (it lives in the team's shared folder, beside the repo): %v", ecbDir, err)
	}
	pred := predict(t, filepath.Join(ecbDir, "corpus.jsonl"))
	f, err := os.Open(filepath.Join(ecbDir, "pairs.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close() // read-only
	events, err := eval.ReadEvents(f, "pairs.json")
	if err != nil {
		t.Fatal(err)
	}
	rep := eval.EvaluateEvents(events, pred)
	checkFloors(t, []floor{{"event precision", rep.Precision, 0.99}, {"reprint recall", rep.ReprintRecall, 0.95}})
	var got bytes.Buffer
	if err := rep.WriteText(&got); err != nil {
		t.Fatal(err)
	}
	checkQualitySection(t, "ecb-dev: ../shared/eval/ecb-dev, scored against pairs.json", got.String())
}

// checkQualitySection compares text with the section of quality.txt that
// starts with the line "== title", or rewrites that section with -update.
func checkQualitySection(t *testing.T, title, text string) {
	t.Helper()
	raw, err := os.ReadFile(qualityFile)
	if err != nil && !(*update && os.IsNotExist(err)) {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	titles, sections := parseSections(string(raw))
	i := slices.Index(titles, title)
	if !*update {
		if i < 0 {
			t.Fatalf("%s has no section %q (run with -update to add it)", qualityFile, title)
		}
		if sections[i] != text {
			t.Errorf("quality changed (%s); if intended, rerun with -update and commit %s.\ngot:\n%s\nwant:\n%s", title, qualityFile, text, sections[i])
		}
		return
	}
	if i < 0 {
		titles, sections = append(titles, title), append(sections, text)
	} else {
		sections[i] = text
	}
	var b strings.Builder
	for k := range titles {
		if k > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "== %s\n%s", titles[k], sections[k])
	}
	if err := os.WriteFile(qualityFile, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// parseSections splits quality.txt into its sections: "== title" lines,
// each followed by its text, sections separated by one blank line.
func parseSections(s string) (titles, sections []string) {
	for _, part := range strings.Split(s, "\n== ") {
		part = strings.TrimPrefix(part, "== ")
		if part == "" {
			continue
		}
		title, body, _ := strings.Cut(part, "\n")
		titles, sections = append(titles, title), append(sections, strings.TrimSuffix(body, "\n")+"\n")
	}
	return titles, sections
}

// evaluateRun dedupes a corpus with default parameters and scores the
// articles.jsonl it would write against truth.
func evaluateRun(t *testing.T, corpusPath, truthPath string) eval.Report {
	t.Helper()
	pred := predict(t, corpusPath)
	tf, err := os.Open(truthPath)
	if err != nil {
		t.Fatal(err)
	}
	defer tf.Close()
	truth, err := eval.ReadTruth(tf, truthPath)
	if err != nil {
		t.Fatal(err)
	}
	return eval.Evaluate(truth, pred)
}

// predict dedupes a corpus with default parameters and reads back the
// articles.jsonl it would write.
func predict(t *testing.T, corpusPath string) *eval.Predictions {
	t.Helper()
	read := corpus.Files(context.Background(), []string{corpusPath}, corpus.ReadOptions{})
	res, err := dedupe.Run(context.Background(), read, dedupe.Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	var articles bytes.Buffer
	if err := output.WriteArticles(&articles, res); err != nil {
		t.Fatal(err)
	}
	pred, err := eval.ReadPredictions(&articles, "articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	return pred
}

// TestHardCases runs neardup on the generator's hard cases (GenerateHard:
// briefs, tables, stock sentences, heavy edits, update chains, a roundup)
// and checks each family's pairwise precision, and its section of
// quality.txt.
func TestHardCases(t *testing.T) {
	var corpusBuf, truthBuf bytes.Buffer
	if err := GenerateHard(20, 1, &corpusBuf, &truthBuf); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	corpusPath := filepath.Join(dir, "hard.jsonl")
	if err := os.WriteFile(corpusPath, corpusBuf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	pred := predict(t, corpusPath)
	var got strings.Builder
	fmt.Fprintf(&got, "%-8s  %-9s  %-6s  %-6s  %s\n", "family", "precision", "recall", "f1", "paragraph f1")
	for _, fam := range HardFamilies() {
		var lines bytes.Buffer
		for _, l := range bytes.SplitAfter(truthBuf.Bytes(), []byte("\n")) {
			if bytes.HasPrefix(l, []byte(`{"id":"`+fam+"-")) {
				lines.Write(l)
			}
		}
		truth, err := eval.ReadTruth(&lines, fam)
		if err != nil {
			t.Fatal(err)
		}
		rep := eval.Evaluate(truth, pred)
		fmt.Fprintf(&got, "%-8s  %-9.4f  %-6.4f  %-6.4f  %.4f\n", fam, rep.Pairwise.Precision, rep.Pairwise.Recall, rep.Pairwise.F1, rep.Paragraphs.F1)
		checkFloors(t, []floor{{fam + " pairwise precision", rep.Pairwise.Precision, 1}, {fam + " pairwise recall", rep.Pairwise.Recall, 0.95}})
	}
	checkQualitySection(t, "hard cases: neardup bench gen --hard 20 --seed 1", got.String())
}

// TestHardCasesIncremental adds the hard cases to a state in uneven
// batches and checks that it finds the stories of one batch run, and that
// its Check agrees: the group check on weak links and the twin rule of
// hubs must hold when the groups grow one batch at a time.
func TestHardCasesIncremental(t *testing.T) {
	var corpusBuf, truthBuf bytes.Buffer
	if err := GenerateHard(4, 9, &corpusBuf, &truthBuf); err != nil {
		t.Fatal(err)
	}
	arts, err := corpus.ReadAll(context.Background(), []string{"-"}, corpus.ReadOptions{Stdin: bytes.NewReader(corpusBuf.Bytes())})
	if err != nil {
		t.Fatal(err)
	}
	res, err := dedupe.Run(context.Background(), corpus.Slice(arts), dedupe.Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	want := map[string]string{}
	for i, d := range res.Docs {
		want[d.ID] = res.Stories[res.StoryOf[i]].ID
	}
	for _, size := range []int{len(arts), 37, 5} {
		t.Run(fmt.Sprintf("batches of %d", size), func(t *testing.T) {
			s, err := state.Open(t.TempDir(), state.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			for rest := arts; len(rest) > 0; {
				n := min(size, len(rest))
				u, err := s.Prepare(context.Background(), rest[:n], state.AddOptions{})
				if err != nil {
					t.Fatal(err)
				}
				if err := s.Commit(u, nil); err != nil {
					t.Fatal(err)
				}
				rest = rest[n:]
			}
			got := map[string]string{}
			if err := s.EachArticle(func(a state.Article) error { got[a.ID] = a.Story; return nil }); err != nil {
				t.Fatal(err)
			}
			if diff := samePartition(got, want); diff != "" {
				t.Errorf("stories differ from one batch run: %s", diff)
			}
			problems, err := s.Check()
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range problems {
				t.Errorf("check: %s", p)
			}
		})
	}
}

// samePartition describes the first article whose story-mates differ
// between two labellings, or returns "".
func samePartition(got, want map[string]string) string {
	mates := func(m map[string]string) map[string][]string {
		by := map[string][]string{}
		for id, s := range m {
			by[s] = append(by[s], id)
		}
		out := map[string][]string{}
		for _, ids := range by {
			slices.Sort(ids)
			for _, id := range ids {
				out[id] = ids
			}
		}
		return out
	}
	g, w := mates(got), mates(want)
	ids := slices.Sorted(maps.Keys(w))
	for _, id := range ids {
		if !slices.Equal(g[id], w[id]) {
			return fmt.Sprintf("%s is with %v, want %v", id, g[id], w[id])
		}
	}
	if len(g) != len(w) {
		return fmt.Sprintf("%d articles, want %d", len(g), len(w))
	}
	return ""
}
