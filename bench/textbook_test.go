package bench

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/eval"
)

func TestTextbookGroups(t *testing.T) {
	wire := "The harbour in Esbjerg flooded at dawn and forty homes were evacuated by the fire service on Tuesday.\n\n" +
		"The mayor said the sea wall had been raised in 2019, but the storm surge was higher than any on record.\n\n" +
		"Ferries to Fanø were cancelled for the day, the operator said, and the bridge to the island was closed."
	// A desk's rewrite: a new lead and one paragraph kept, about a third of
	// the shingles: a version of the story that the textbook misses.
	rewrite := "Forty families spent the night in a school gym in Esbjerg after a storm surge broke over the wall.\n\n" +
		"The mayor said the sea wall had been raised in 2019, but the storm surge was higher than any on record.\n\n" +
		"Schools reopen on Thursday, the council said in a statement late on Tuesday evening."
	other := "A new cycle bridge over the fjord opens in May, three months late, the council said on Monday.\n\n" +
		"The cost had risen by a fifth since the plans were approved, mostly because steel prices rose."
	for _, tc := range []struct {
		name string
		arts []corpus.Article
		want []int32
	}{
		{"copies group, rewrite and unrelated stay apart",
			[]corpus.Article{{ID: "a", Body: wire}, {ID: "b", Body: rewrite}, {ID: "c", Body: wire}, {ID: "d", Body: other}},
			[]int32{0, 1, 0, 3}},
		{"copy with a line added still groups",
			[]corpus.Article{{ID: "a", Body: other}, {ID: "b", Body: other + "\n\nCorrection: the bridge opens in June."}},
			[]int32{0, 0}},
		{"empty articles group with nothing",
			[]corpus.Article{{ID: "a", Body: ""}, {ID: "b", Body: ""}, {ID: "c", Body: wire}},
			[]int32{0, 1, 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Textbook(context.Background(), corpus.Slice(tc.arts), TextbookOptions{Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, res.Story); diff != "" {
				t.Errorf("stories (-want +got):\n%s", diff)
			}
			if res.Bands*res.Rows > 128 || res.Bands < 2 {
				t.Errorf("banding %d×%d", res.Bands, res.Rows)
			}
		})
	}
}

// TestTextbookDev reproduces the textbook row of ../shared/eval/README.md
// (pairwise F1 0.36, B-cubed F1 0.65 on the dev corpus), and checks that
// WriteJSONL round-trips through eval.ReadPredictions.
func TestTextbookDev(t *testing.T) {
	path := filepath.Join(devDir, "corpus.jsonl")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("dev corpus not found at %s (it lives in the team's shared folder, beside the repo): %v", devDir, err)
	}
	read := corpus.Files(context.Background(), []string{path}, corpus.ReadOptions{})
	res, err := Textbook(context.Background(), read, TextbookOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tf, err := os.Open(filepath.Join(devDir, "truth.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer tf.Close()
	truth, err := eval.ReadTruth(tf, "truth.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	rep := eval.Evaluate(truth, res.Predictions())
	t.Logf("textbook on dev: pairwise %+v, b-cubed F1 %.4f", rep.Pairwise, rep.BCubed.F1)
	if rep.Pairwise.F1 < 0.26 || rep.Pairwise.F1 > 0.46 || rep.BCubed.F1 < 0.55 || rep.BCubed.F1 > 0.75 {
		t.Errorf("pairwise F1 %.4f, B-cubed F1 %.4f: far from the documented 0.36 and 0.65", rep.Pairwise.F1, rep.BCubed.F1)
	}
	var buf bytes.Buffer
	if err := res.WriteJSONL(&buf); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), "\n"); n != len(res.IDs) {
		t.Errorf("%d lines for %d articles", n, len(res.IDs))
	}
	pred, err := eval.ReadPredictions(&buf, "textbook.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if again := eval.Evaluate(truth, pred); again.Pairwise != rep.Pairwise || again.BCubed != rep.BCubed {
		t.Errorf("scores after WriteJSONL differ: %+v vs %+v", again.Pairwise, rep.Pairwise)
	}
}
