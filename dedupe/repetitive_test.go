package dedupe_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/dedupe"
)

// repetitiveArticles returns two identical articles of n paragraphs, five
// sentences of 16 words each, drawn from a vocabulary of 20 words: every
// shingle recurs in hundreds of sentences.
func repetitiveArticles(n int) []corpus.Article {
	vocab := strings.Fields("the a of and to in is was for on that with by he it at from his an were")
	rng := rand.New(rand.NewPCG(1, 2))
	paras := make([]string, n)
	for i := range paras {
		var sents []string
		for range 5 {
			ws := make([]string, 16)
			for k := range ws {
				ws[k] = vocab[rng.IntN(len(vocab))]
			}
			sents = append(sents, strings.Join(ws, " ")+".")
		}
		paras[i] = strings.Join(sents, " ")
	}
	body := strings.Join(paras, "\n\n")
	return []corpus.Article{{ID: "a", Body: body, Lang: "en"}, {ID: "b", Body: body, Lang: "en"}}
}

// TestRepetitiveStory checks that two identical articles of a tiny
// vocabulary (whose alignment once took minutes and gigabytes) are one
// story with every paragraph shared, and that the story says that its
// sentences were matched by their words alone.
func TestRepetitiveStory(t *testing.T) {
	res, err := dedupe.Run(context.Background(), corpus.Slice(repetitiveArticles(1500)), dedupe.Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	if len(res.Stories) != 1 {
		t.Fatalf("%d stories, want 1", len(res.Stories))
	}
	s := res.Stories[0]
	if s.Repetitive == 0 {
		t.Error("story has no repetitive sentences counted")
	}
	for _, m := range s.Members {
		for p := range res.Docs[m].Paras {
			if st, _ := res.Status(int(m), p); st != dedupe.StatusShared {
				t.Fatalf("article %s paragraph %d is %v, want shared", res.Docs[m].ID, p, st)
			}
		}
	}
}

// BenchmarkRepetitiveStory runs the pair of repetitive articles at two
// lengths: sentences/s that holds as the articles grow shows the cost per
// story is linear.
func BenchmarkRepetitiveStory(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		arts := repetitiveArticles(n)
		b.Run(fmt.Sprintf("paragraphs=%d", n), func(b *testing.B) {
			for b.Loop() {
				res, err := dedupe.Run(context.Background(), corpus.Slice(arts), dedupe.Options{TempDir: b.TempDir()})
				if err != nil {
					b.Fatal(err)
				}
				res.Close()
			}
			b.ReportMetric(float64(2*5*n*b.N)/b.Elapsed().Seconds(), "sentences/s")
		})
	}
}
