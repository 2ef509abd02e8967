package dedupe

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/neardup/neardup/text"

	"github.com/neardup/neardup/corpus"
)

// babble returns a paragraph of n random words from a large made-up
// vocabulary: paragraphs from different calls share no shingles.
func babble(r *rand.Rand, n int) string {
	words := make([]string, n)
	for i := range words {
		words[i] = letters(r.IntN(50000))
	}
	return strings.Join(words, " ") + "."
}

// letters spells n in the letters a–z (words with digits are figures).
func letters(n int) string {
	b := []byte{'w'}
	for ; n > 0; n /= 26 {
		b = append(b, byte('a'+n%26))
	}
	return string(b)
}

func runArticles(t *testing.T, arts []corpus.Article) *Result {
	t.Helper()
	read := corpus.Slice(arts)
	res, err := Run(context.Background(), read, Options{Workers: 2, TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Close() })
	return res
}

func TestLearnedBoilerplate(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	const follow = "Følg os på Facebook og Instagram for flere nyheder fra lokalområdet"
	const newsletter = "Tilmeld dig vores nyhedsbrev og få dagens vigtigste historier i indbakken"
	var arts []corpus.Article
	// Five unrelated short stories carry the same two furniture lines.
	for i := 0; i < 5; i++ {
		body := strings.Join([]string{babble(r, 30), follow, babble(r, 25), newsletter}, "\n\n")
		arts = append(arts, corpus.Article{ID: fmt.Sprintf("local-%d", i), Body: body, Lang: "da"})
	}
	// One story in five versions keeps a background paragraph word for word.
	background := babble(r, 40)
	lead, second := babble(r, 30), babble(r, 30)
	for i := 0; i < 5; i++ {
		body := strings.Join([]string{babble(r, 20), lead, background, second}, "\n\n")
		arts = append(arts, corpus.Article{ID: fmt.Sprintf("story-%d", i), Body: body, Lang: "da"})
	}
	res := runArticles(t, arts)
	storyOf := func(i int) string { return res.Stories[res.StoryOf[i]].ID }
	for i := 0; i < 5; i++ {
		id := fmt.Sprintf("local-%d", i)
		x := docIndex(t, res, id)
		if got := storyOf(x); got != StoryIDPrefix+id {
			t.Errorf("%s joined story %s: furniture glued unrelated articles", id, got)
		}
		for _, p := range []int{1, 3} {
			if got, _ := res.Status(x, p); got != StatusBoilerplate {
				t.Errorf("%s ¶%d (recurring furniture): status %q, want boilerplate", id, p, got)
			}
		}
		id = fmt.Sprintf("story-%d", i)
		x = docIndex(t, res, id)
		if got := storyOf(x); got != StoryIDPrefix+"story-0" {
			t.Errorf("%s: story %s, want s:story-0", id, got)
		}
		if got, _ := res.Status(x, 2); got != StatusShared || len(res.ParaMatches(x, 2)) != 4 {
			t.Errorf("%s ¶2 (background kept by every version): status %q with %d matches, want shared with 4",
				id, got, len(res.ParaMatches(x, 2)))
		}
	}
}

// TestFiguresAreNotBoilerplate checks that a paragraph of figures that
// recurs word for word in many unrelated articles (an earnings line that
// desks paste under their own reports) stays text: it carries news.
func TestFiguresAreNotBoilerplate(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	figures := "Shr 22 cts vs 17 cts, net 4,120,000 vs 3,950,000, revs 41.2 mln vs 38.7 mln, backlog 96 mln."
	var arts []corpus.Article
	for i := range 8 {
		body := strings.Join([]string{babble(r, 30), figures, babble(r, 25)}, "\n\n")
		arts = append(arts, corpus.Article{ID: fmt.Sprintf("co-%d", i), Body: body, Lang: "en"})
	}
	res := runArticles(t, arts)
	for i := range arts {
		if st, _ := res.Status(i, 1); st == StatusBoilerplate {
			t.Errorf("%s ¶1 (an earnings line): learned as boilerplate", res.Docs[i].ID)
		}
	}
}

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		para string
		want text.Kind
	}{
		{"/ritzau/", text.KindCredit},
		{"/ritzau/Reuters", text.KindCredit},
		{"(©NTB)", text.KindCredit},
		{"NTB", text.KindCredit},
		{"/TT/", text.KindCredit},
		{"(Reuters)", text.KindCredit},
		{"Reuters", text.KindCredit},
		{"/ritzau/AFP", text.KindCredit},
		{"Reuters reports that the talks failed.", text.KindText},
		{"Artiklen fortsætter under annoncen", text.KindBoilerplate},
		{"ARTIKLEN FORTSÆTTER UNDER ANNONCEN", text.KindBoilerplate},
		{"Annonce:", text.KindBoilerplate},
		{"Saken fortsetter under annonsen", text.KindBoilerplate},
		{"Artikeln fortsätter under annonsen", text.KindBoilerplate},
		{"Story continues below advertisement", text.KindBoilerplate},
		{"Advertisement", text.KindBoilerplate},
		{"– – –", text.KindBoilerplate},
		{"Støtter krigen", text.KindHeading},
		{"Vil styrke båndene med Nord-Korea", text.KindHeading},
		{"Det skriver Reuters.", text.KindText},
		{"kim rejste i nat", text.KindText},
	} {
		if got := text.Classify(tc.para); got != tc.want {
			t.Errorf("Classify(%q) = %v, want %v", tc.para, got, tc.want)
		}
	}
}
