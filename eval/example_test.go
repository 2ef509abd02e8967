package eval_test

import (
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/neardup/neardup/eval"
)

// exampleTruth labels three articles: a1 and a2 are versions of story S
// sharing two text paragraphs, b1 is story T.
const exampleTruth = `{"id":"a1","story":"S","paragraphs":[{"index":0,"kind":"text","origins":["o1"]},{"index":1,"kind":"text","origins":["o2"]},{"index":2,"kind":"credit","origins":[]}]}
{"id":"a2","story":"S","paragraphs":[{"index":0,"kind":"text","origins":["o1"]},{"index":1,"kind":"boilerplate","origins":[]},{"index":2,"kind":"text","origins":["o2"]}]}
{"id":"b1","story":"T","paragraphs":[{"index":0,"kind":"text","origins":["o3"]}]}
`

// examplePredictions clusters a1 with a2 and finds one of their two shared
// paragraphs; b1 is missing.
const examplePredictions = `{"id":"a1","story":"x","paragraphs":[{"index":0,"status":"shared","matches":[{"id":"a2","index":0,"similarity":1}]},{"index":1,"status":"unique"},{"index":2,"status":"credit"}]}
{"id":"a2","story":"x","paragraphs":[{"index":0,"status":"shared"},{"index":1,"status":"boilerplate"},{"index":2,"status":"unique"}]}
`

func ExampleEvaluate() {
	truth, err := eval.ReadTruth(strings.NewReader(exampleTruth), "truth.jsonl")
	if err != nil {
		log.Fatal(err)
	}
	pred, err := eval.ReadPredictions(strings.NewReader(examplePredictions), "articles.jsonl")
	if err != nil {
		log.Fatal(err)
	}
	r := eval.Evaluate(truth, pred)
	fmt.Printf("pairwise F1 %.2f, B-cubed F1 %.2f\n", r.Pairwise.F1, r.BCubed.F1)
	fmt.Printf("paragraph pairs: precision %.2f, recall %.2f\n", r.Paragraphs.Precision, r.Paragraphs.Recall)
	fmt.Printf("credit recall %.2f, missing articles %d\n", r.Credit.Recall, r.Missing)
	// Output:
	// pairwise F1 1.00, B-cubed F1 1.00
	// paragraph pairs: precision 1.00, recall 0.50
	// credit recall 1.00, missing articles 1
}

func ExampleReport_WriteText() {
	truth, err := eval.ReadTruth(strings.NewReader(exampleTruth), "truth.jsonl")
	if err != nil {
		log.Fatal(err)
	}
	pred, err := eval.ReadPredictions(strings.NewReader(examplePredictions), "articles.jsonl")
	if err != nil {
		log.Fatal(err)
	}
	if err := eval.Evaluate(truth, pred).WriteText(os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// articles                    3
	// true stories                2
	// predicted stories           2  (each missing article counts as one)
	// missing articles            1  (in the truth, not predicted: scored as singleton stories)
	// extra articles              0  (predicted, not in the truth: ignored)
	// paragraph count mismatches  0
	//
	// figure           precision  recall  f1      tp  fp  fn
	// pairwise         1.0000     1.0000  1.0000  1   0   0
	// b-cubed          1.0000     1.0000  1.0000  -   -   -
	// paragraph pairs  1.0000     0.5000  0.6667  1   0   1
	//
	// reported pairs outside the universe  0  (ignored)
	//
	// marking      recall  precision  count  marked  correct
	// boilerplate  1.0000  1.0000     1      1       1
	// credit       1.0000  1.0000     1      1       1
	// heading      1.0000  1.0000     0      0       0
}

func ExampleReadTruth_error() {
	_, err := eval.ReadTruth(strings.NewReader(exampleTruth+exampleTruth), "truth.jsonl")
	fmt.Println(err)
	// Output:
	// truth.jsonl:4: duplicate id "a1" (first on line 1)
}
