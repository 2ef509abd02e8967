package dedupe

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/text"
)

// fictionalParagraph returns a paragraph of made-up words, one of its own
// for every seed: no two seeds share a shingle but by chance.
func fictionalParagraph(seed uint64, sentences int) string {
	r := rand.New(rand.NewPCG(seed, 99))
	syll := []string{"ka", "lo", "mer", "tu", "vin", "sa", "de", "rok", "pil", "an", "gus", "te"}
	var b strings.Builder
	for s := range sentences {
		if s > 0 {
			b.WriteString(" ")
		}
		for w := range 9 {
			if w > 0 {
				b.WriteString(" ")
			}
			word := syll[r.IntN(len(syll))] + syll[r.IntN(len(syll))] + syll[r.IntN(len(syll))]
			if w == 0 {
				word = strings.ToUpper(word[:1]) + word[1:]
			}
			b.WriteString(word)
		}
		b.WriteString(".")
	}
	return b.String()
}

// body joins paragraphs with blank lines.
func body(paras ...string) string { return strings.Join(paras, "\n\n") }

func TestAnalyzeTagsKeysByPassage(t *testing.T) {
	p := DefaultParams()
	an, err := NewAnalyzer(p, "en")
	if err != nil {
		t.Fatal(err)
	}
	tagsOf := func(keys []uint64) []uint8 {
		var tags []uint8
		for i, k := range keys {
			if i%p.Bands == 0 {
				tags = append(tags, KeyTag(k))
			}
			if KeyTag(k) != KeyTag(keys[i-i%p.Bands]) {
				t.Fatalf("key %d: tag %d within a passage of tag %d", i, KeyTag(k), KeyTag(keys[i-i%p.Bands]))
			}
		}
		return tags
	}
	for _, tc := range []struct {
		name string
		body string
		want []uint8
	}{
		{"one tag a passage, too short a paragraph skipped",
			body(fictionalParagraph(1, 2), fictionalParagraph(2, 2), "Kort.", fictionalParagraph(3, 2), fictionalParagraph(4, 2), fictionalParagraph(5, 2)),
			[]uint8{0, 1, 2, 3, 4}},
		{"a brief: its one passage could carry the brief rule alone",
			body(fictionalParagraph(6, 3)),
			[]uint8{wildTag}},
		{"a passage of a quarter of the text exempts the article",
			body(fictionalParagraph(7, 4), fictionalParagraph(8, 4), fictionalParagraph(9, 4), fictionalParagraph(10, 4)),
			[]uint8{wildTag, wildTag, wildTag, wildTag}},
		{"an exempt article's large passage is a wildcard, its small ones weak",
			body(fictionalParagraph(11, 8), fictionalParagraph(12, 2), fictionalParagraph(13, 2), fictionalParagraph(14, 2)),
			[]uint8{wildTag, weakBase + 1, weakBase + 2, weakBase + 3}},
	} {
		art := corpus.Article{ID: "x", Body: tc.body}
		d, keys := an.Analyze(&art, nil)
		if got := tagsOf(keys); !slices.Equal(got, tc.want) {
			t.Errorf("%s: tags %v, want %v", tc.name, got, tc.want)
		}
		kinds := make([]text.Kind, len(d.Paras))
		for i, para := range d.Paras {
			kinds[i] = para.Kind
		}
		if again := an.PassageKeys(d, kinds, nil); !slices.Equal(again, keys) {
			t.Errorf("%s: PassageKeys differs from Analyze's keys", tc.name)
		}
	}
	// One paragraph is enough for the story rule: no passage rule.
	p.MinParagraphs = 1
	an, err = NewAnalyzer(p, "en")
	if err != nil {
		t.Fatal(err)
	}
	art := corpus.Article{ID: "x", Body: body(fictionalParagraph(1, 2), fictionalParagraph(2, 2), fictionalParagraph(3, 2), fictionalParagraph(4, 2), fictionalParagraph(5, 2))}
	if _, keys := an.Analyze(&art, nil); !slices.Equal(tagsOf(keys), []uint8{wildTag, wildTag, wildTag, wildTag, wildTag}) {
		t.Errorf("MinParagraphs 1: tags %v, want every one a wildcard", tagsOf(keys))
	}
}

// TestRunPassageRule checks the passage rule end to end: an article that
// shares one stock paragraph word for word with another story is not even
// compared with it, while versions sharing several paragraphs are, and a
// brief republished as one paragraph of a longer article is still linked.
func TestRunPassageRule(t *testing.T) {
	para := func(i uint64) string { return fictionalParagraph(100+i, 2) }
	stock := para(0)
	brief := fictionalParagraph(200, 3)
	arts := []corpus.Article{
		{ID: "story-1", Body: body(para(1), stock, para(2), para(3), para(4), para(5))},
		{ID: "story-2", Body: body(para(6), stock, para(2), para(3), para(4), para(7))},      // a version of story-1
		{ID: "other", Body: body(para(8), para(9), stock, para(10), para(11), para(12))},     // the stock paragraph only
		{ID: "roundup", Body: body(para(13), para(14), brief, para(15), para(16), para(17))}, // quotes the brief whole
		{ID: "brief", Body: brief},
	}
	res, err := Run(context.Background(), corpus.Slice(arts), Options{Workers: 2, Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	story := func(id string) string {
		for _, s := range res.Stories {
			for _, m := range s.Members {
				if res.Docs[m].ID == id {
					return fmt.Sprint(s.Members)
				}
			}
		}
		return "none"
	}
	if story("story-1") != story("story-2") {
		t.Error("two versions sharing four paragraphs are not one story")
	}
	if story("other") == story("story-1") {
		t.Error("one stock paragraph made a story")
	}
	if story("brief") != story("roundup") {
		t.Error("a brief republished as one paragraph of a longer article is not linked")
	}
	// Candidates: story-1–story-2 and brief–roundup; none with "other",
	// whose keys come from one passage of each.
	if res.Stats.Candidates != 2 {
		t.Errorf("%d candidate pairs, want 2", res.Stats.Candidates)
	}
}
