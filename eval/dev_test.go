package eval

import (
	"errors"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// devTruth is the labelled dev corpus, relative to the package directory.
const devTruth = "../../shared/eval/dev/truth.jsonl"

// TestDevSelfEvaluation scores a prediction built from the dev truth itself
// and expects every figure to be perfect. The counts were worked out
// independently of this package from the same file.
func TestDevSelfEvaluation(t *testing.T) {
	f, err := os.Open(devTruth)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("dev truth %s not found; it lives in the shared eval data, outside this repo", devTruth)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close() // read-only: a close error cannot lose data
	truth, err := ReadTruth(f, devTruth)
	if err != nil {
		t.Fatalf("ReadTruth: %v", err)
	}
	lines := perfectPredictions(t, truth)
	pred, err := ReadPredictions(strings.NewReader(strings.Join(lines, "\n")), "articles.jsonl")
	if err != nil {
		t.Fatalf("ReadPredictions: %v", err)
	}
	one := func(n int64) PRF { return PRF{1, 1, 1, n, 0, 0} }
	all := func(n int64) Marking { return Marking{1, 1, n, n, n} }
	want := Report{
		Articles: 891, Stories: 302, PredictedStories: 302,
		Pairwise: one(1344), BCubed: PRF{Precision: 1, Recall: 1, F1: 1}, Paragraphs: one(8863),
		Boilerplate: all(478), Credit: all(684), Heading: all(149),
	}
	if diff := cmp.Diff(want, Evaluate(truth, pred)); diff != "" {
		t.Errorf("report mismatch (-want +got):\n%s", diff)
	}
}

// perfectPredictions returns articles.jsonl lines, sorted by id, that
// predict the truth exactly: the true story, statuses from the kinds, and
// for each text paragraph every text paragraph of another article of the
// story that shares an origin, found by comparing all pairs.
func perfectPredictions(t *testing.T, truth *Truth) []string {
	t.Helper()
	articles := slices.Clone(truth.articles)
	slices.SortFunc(articles, func(x, y truthArticle) int { return strings.Compare(x.id, y.id) })
	var lines []string
	for _, a := range articles {
		paras := make([]string, len(a.paragraphs))
		for i, p := range a.paragraphs {
			paras[i] = kindNames[p.kind]
			if p.kind != kindText {
				continue
			}
			matches := sharing(truth, a, p)
			paras[i] = "unique"
			if len(matches) > 0 {
				paras[i] = "shared>" + strings.Join(matches, ",")
			}
		}
		lines = append(lines, predJSON(t, a.id, "p-"+a.story, paras...))
	}
	return lines
}

// sharing returns "id#index" for every text paragraph of another article of
// a's story whose origins intersect p's.
func sharing(truth *Truth, a truthArticle, p truthParagraph) []string {
	var out []string
	for _, b := range truth.articles {
		if b.story != a.story || b.id == a.id {
			continue
		}
		for j, q := range b.paragraphs {
			if q.kind == kindText && slices.ContainsFunc(p.origins, func(o string) bool { return slices.Contains(q.origins, o) }) {
				out = append(out, b.id+"#"+strconv.Itoa(j))
			}
		}
	}
	return out
}
