package state

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/dedupe"
)

// TestIncrementalWeakLinksReachOutside adds the one article that joins
// two stories P and Q, each of which holds weak links into a third story
// S that the new article does not touch. Apart, neither P nor Q has the
// links of a majority of S's members; together they do, so one batch run
// puts all three in one story, and the state must regroup S as well.
func TestIncrementalWeakLinksReachOutside(t *testing.T) {
	next := 0
	// para is a new sentence of twelve words no other paragraph has.
	para := func() []string {
		ws := make([]string, 12)
		for i := range ws {
			ws[i] = fmt.Sprintf("zq%sx", letters(next))
			next++
		}
		return ws
	}
	text := func(ws []string) string { return strings.Join(ws, " ") + "." }
	// templated is ws with its middle word changed: a stock sentence with
	// a name changed, a strict match that is not close to verbatim.
	templated := func(ws []string) []string {
		out := append([]string(nil), ws...)
		out[6] = fmt.Sprintf("zq%sx", letters(next))
		next++
		return out
	}
	type art struct {
		id    string
		paras [][]string
	}
	group := func(prefix string) []art {
		lead, a, b := para(), para(), para()
		return []art{{prefix + "1", [][]string{lead, a, b}}, {prefix + "2", [][]string{lead, a, b}}, {prefix + "3", [][]string{lead, a, b}}}
	}
	p, q, s := group("p"), group("q"), group("s")
	// weak makes x and y share one verbatim paragraph and one templated
	// sentence.
	weak := func(x, y *art) {
		v, tm := para(), para()
		x.paras = append(x.paras, v, tm)
		y.paras = append(y.paras, v, templated(tm))
	}
	weak(&p[0], &s[0])
	weak(&p[1], &s[0])
	weak(&q[0], &s[1])
	weak(&q[1], &s[1])
	// n links strongly to p3 and to q3 through paragraphs only they hold.
	n := art{id: "n"}
	for _, x := range []*art{&p[2], &q[2]} {
		a, b := para(), para()
		x.paras = append(x.paras, a, b)
		n.paras = append(n.paras, a, b)
	}
	var arts []corpus.Article
	for _, a := range append(append(append(p, q...), s...), n) {
		var body []string
		for _, ws := range a.paras {
			body = append(body, text(ws))
		}
		arts = append(arts, corpus.Article{ID: a.id, Body: strings.Join(body, "\n\n"), Lang: "en"})
	}

	res, err := dedupe.Run(context.Background(), corpus.Slice(arts), dedupe.Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	want := resultStories(res)
	if want["p1"] != want["s1"] || want["q1"] != want["s1"] {
		t.Fatalf("the batch run does not join P, Q and S as the test means it to: %v", want)
	}
	s1 := addBatches(t, arts, len(arts)-1)
	got := storeStories(t, s1)
	mustCheckStore(t, s1)
	if f1 := pairF1(got, want); f1 != 1 {
		t.Errorf("stories after adding n: %v, want those of one run: %v", got, want)
	}
}

// letters spells n in base 26 with the letters a–z.
func letters(n int) string {
	var b []byte
	for {
		b = append(b, byte('a'+n%26))
		n /= 26
		if n == 0 {
			return string(b)
		}
	}
}
