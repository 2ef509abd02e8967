package eval

import (
	"fmt"
	"strconv"
	"testing"
)

// syntheticCorpus returns a truth of n articles in stories of five, each
// with eight text paragraphs and a credit line, and perfect predictions.
func syntheticCorpus(n int) (*Truth, *Predictions) {
	t := &Truth{byID: make(map[string]int, n)}
	for i := range n {
		story := "s" + strconv.Itoa(i/5)
		a := truthArticle{id: "a" + strconv.Itoa(i), story: story}
		for j := range 8 {
			// Paragraph j of every version derives from sentence j, and
			// odd articles merge in sentence j+1 as well.
			origins := []string{story + ":" + strconv.Itoa(j)}
			if i%2 == 1 {
				origins = append(origins, story+":"+strconv.Itoa(j+1))
			}
			a.paragraphs = append(a.paragraphs, truthParagraph{kind: kindText, origins: origins})
		}
		a.paragraphs = append(a.paragraphs, truthParagraph{kind: kindCredit})
		t.byID[a.id] = len(t.articles)
		t.articles = append(t.articles, a)
	}
	return t, selfPredictions(t)
}

func BenchmarkEvaluate(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		t, p := syntheticCorpus(n)
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if r := Evaluate(t, p); r.Paragraphs.F1 != 1 {
					b.Fatalf("paragraph F1 = %v, want 1", r.Paragraphs.F1)
				}
			}
			b.ReportMetric(float64(n), "articles/op")
		})
	}
}
