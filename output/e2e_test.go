package output

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/neardup/neardup/dedupe"

	"github.com/google/go-cmp/cmp"

	"github.com/neardup/neardup/corpus"
)

// records returns the articles.jsonl records by article ID.
func records(t *testing.T, res *dedupe.Result) map[string]Article {
	t.Helper()
	out := map[string]Article{}
	w := NewWriter(res)
	for i := range res.Docs {
		r, err := w.Article(i)
		if err != nil {
			t.Fatal(err)
		}
		out[r.ID] = r
	}
	return out
}

// partition returns the stories as sorted lists of article IDs, sorted.
func partition(res *dedupe.Result) [][]string {
	var out [][]string
	for _, s := range res.Stories {
		var ids []string
		for _, m := range s.Members {
			ids = append(ids, res.Docs[m].ID)
		}
		sort.Strings(ids)
		out = append(out, ids)
	}
	slices.SortFunc(out, func(a, b []string) int { return cmpStrings(a[0], b[0]) })
	return out
}

func cmpStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func matched(recs map[string]Article, a string, i int, b string, j int) bool {
	for _, m := range recs[a].Paragraphs[i].Matches {
		if m.ID == b && m.Index == j {
			return true
		}
	}
	return false
}

// seedsDir is the hand-labelled seed set, shared with the team, not shipped.
const seedsDir = "../../shared/seeds"

type seedRef struct {
	Doc       string `json:"doc"`
	Paragraph int    `json:"paragraph"`
}

type seedTruth struct {
	Stories     [][]string   `json:"stories"`
	MustShare   [][2]seedRef `json:"must_share"`
	MustUnique  []seedRef    `json:"must_unique"`
	Boilerplate []seedRef    `json:"boilerplate"`
	Credit      []seedRef    `json:"credit"`
}

func TestSeeds(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(seedsDir, "expected.json"))
	if os.IsNotExist(err) {
		t.Skipf("seed articles not found at %s (they live in the team's shared folder, beside the repo)", seedsDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	var want seedTruth
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	res := runOn(t, seedsDir)
	recs := records(t, res)

	t.Run("stories", func(t *testing.T) {
		for _, s := range want.Stories {
			sort.Strings(s)
		}
		slices.SortFunc(want.Stories, func(a, b []string) int { return cmpStrings(a[0], b[0]) })
		if diff := cmp.Diff(want.Stories, partition(res)); diff != "" {
			t.Errorf("stories (-want +got):\n%s", diff)
		}
	})
	t.Run("must_share", func(t *testing.T) {
		for _, p := range want.MustShare {
			a, b := p[0], p[1]
			if !matched(recs, a.Doc, a.Paragraph, b.Doc, b.Paragraph) || !matched(recs, b.Doc, b.Paragraph, a.Doc, a.Paragraph) {
				t.Errorf("%s ¶%d and %s ¶%d derive from the same copy but are not matched", a.Doc, a.Paragraph, b.Doc, b.Paragraph)
			}
		}
	})
	t.Run("must_unique", func(t *testing.T) {
		for _, u := range want.MustUnique {
			p := recs[u.Doc].Paragraphs[u.Paragraph]
			if len(p.Matches) > 0 || p.Status == dedupe.StatusShared {
				t.Errorf("%s ¶%d is unique to its article but is %s with %v", u.Doc, u.Paragraph, p.Status, p.Matches)
			}
		}
	})
	t.Run("story map", func(t *testing.T) {
		// "Den 4. september skrev … New York Times" travelled to all three
		// versions: 000 ¶9, 001 ¶4 (merged with 000 ¶11), 002 ¶6.
		blocks := recs["000_99c926d0dad501c2"].Paragraphs[9].Blocks
		if len(blocks) != 1 {
			t.Fatalf("000 ¶9 carries blocks %v, want one", blocks)
		}
		for _, ref := range []seedRef{{"001_d6982268f6dcb9fe", 4}, {"002_a75ab9e7c9efdf67", 6}} {
			if !slices.Contains(recs[ref.Doc].Paragraphs[ref.Paragraph].Blocks, blocks[0]) {
				t.Errorf("%s ¶%d does not carry block %s", ref.Doc, ref.Paragraph, blocks[0])
			}
		}
		story := NewWriter(res).StoriesFile().Stories[0]
		for _, b := range story.Blocks {
			if b.ID == blocks[0] && len(b.Cells) != 3 {
				t.Errorf("block %s has %d cells, want all three versions", b.ID, len(b.Cells))
			}
		}
	})
	t.Run("furniture", func(t *testing.T) {
		for _, c := range []struct {
			refs   []seedRef
			status dedupe.Status
		}{{want.Boilerplate, dedupe.StatusBoilerplate}, {want.Credit, dedupe.StatusCredit}} {
			for _, u := range c.refs {
				if got := recs[u.Doc].Paragraphs[u.Paragraph].Status; got != c.status {
					t.Errorf("%s ¶%d: status %q, want %q", u.Doc, u.Paragraph, got, c.status)
				}
			}
		}
		if got := recs["000_99c926d0dad501c2"].Credits; !slices.Equal(got, []string{"/ritzau/Reuters"}) {
			t.Errorf("credits of 000: %q, want [/ritzau/Reuters]", got)
		}
	})
}

// demoTruth reads the story label of every demo article and its paragraphs'
// kinds and origins.
type demoTruth struct {
	ID         string `json:"id"`
	Story      string `json:"story"`
	Role       string `json:"role"`
	Paragraphs []struct {
		Kind    string   `json:"kind"`
		Origins []string `json:"origins"`
		Edit    float64  `json:"edit"`
	} `json:"paragraphs"`
}

func readDemoTruth(t *testing.T) []demoTruth {
	t.Helper()
	f, err := os.Open("../demo/truth.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []demoTruth
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var d demoTruth
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	return out
}

// TestDemoStories runs the bundled demo corpus, which holds a wire story
// with republished versions and two chained updates, a follow-up that
// reuses one background paragraph, a roundup quoting the leads of four
// stories and same-topic singletons, and checks the stories and the
// paragraph marks against its hand truth.
func TestDemoStories(t *testing.T) {
	truth := readDemoTruth(t)
	res := runOn(t, "../demo/corpus.jsonl")
	recs := records(t, res)

	byStory := map[string][]string{}
	for _, d := range truth {
		byStory[d.Story] = append(byStory[d.Story], d.ID)
	}
	var want [][]string
	for _, ids := range byStory {
		sort.Strings(ids)
		want = append(want, ids)
	}
	slices.SortFunc(want, func(a, b []string) int { return cmpStrings(a[0], b[0]) })
	if diff := cmp.Diff(want, partition(res)); diff != "" {
		t.Fatalf("stories (-want +got):\n%s", diff)
	}

	for _, a := range truth {
		for i, pa := range a.Paragraphs {
			got := recs[a.ID].Paragraphs[i].Status.String()
			switch pa.Kind {
			case "boilerplate", "credit":
				if got != pa.Kind {
					t.Errorf("%s ¶%d: status %q, want %q", a.ID, i, got, pa.Kind)
				}
				continue
			}
			for _, b := range truth {
				if b.Story != a.Story || b.ID == a.ID {
					continue
				}
				for j, pb := range b.Paragraphs {
					if pb.Kind != "text" || pa.Kind != "text" {
						continue
					}
					share := intersects2(pa.Origins, pb.Origins)
					if got := matched(recs, a.ID, i, b.ID, j); got != share {
						t.Errorf("%s ¶%d ~ %s ¶%d: matched %v, want %v", a.ID, i, b.ID, j, got, share)
					}
				}
			}
		}
	}
}

// TestDemoParagraphMap checks the paragraph map of the demo corpus against
// its truth: copy with words changed is edited, word-for-word copy shared,
// and a republished version without a credit line that is mostly agency
// copy is flagged.
func TestDemoParagraphMap(t *testing.T) {
	truth := readDemoTruth(t)
	res := runOn(t, "../demo/corpus.jsonl")
	recs := records(t, res)
	for _, a := range truth {
		rec := recs[a.ID]
		for i, pa := range a.Paragraphs {
			st := rec.Paragraphs[i].Status
			if pa.Kind != "text" || (st != dedupe.StatusShared && st != dedupe.StatusEdited) {
				continue
			}
			if want := pa.Edit > 0; want != (st == dedupe.StatusEdited) {
				t.Errorf("%s ¶%d: status %s, but the truth says edit %.2f", a.ID, i, st, pa.Edit)
			}
			if st == dedupe.StatusEdited && (rec.Paragraphs[i].Diff == nil || rec.Paragraphs[i].Similarity >= 1) {
				t.Errorf("%s ¶%d: edited without a diff or with similarity %v", a.ID, i, rec.Paragraphs[i].Similarity)
			}
		}
	}
	for _, tc := range []struct {
		id      string
		flagged bool
	}{
		{"storm-vestkysten", true},      // republished, no credit line, mostly wire copy
		{"storm-dagbladet-nord", false}, // keeps /ritzau/
		{"storm-ritzau", false},         // the agency copy itself
		{"insurance-followup", false},   // its own story
	} {
		if got := slices.Contains(recs[tc.id].Flags, "uncredited_copy"); got != tc.flagged {
			t.Errorf("%s: uncredited_copy flag %v, want %v (copy share %.2f, credits %q)",
				tc.id, got, tc.flagged, recs[tc.id].CopyShare, recs[tc.id].Credits)
		}
	}
	if got := recs["storm-ritzau"].CopyShare; got != 0 {
		t.Errorf("the first version's copy share is %v, want 0: nothing in it came from earlier", got)
	}
	if got := recs["storm-vestkysten"].CopyShare; got < 0.6 {
		t.Errorf("storm-vestkysten copy share %v, want most of it (it adds one new lead)", got)
	}
}

func intersects2(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

func TestCanonicalIsEarliest(t *testing.T) {
	res := runOn(t, "../demo/corpus.jsonl")
	for _, s := range res.Stories {
		c := res.Docs[s.Canonical]
		for _, m := range s.Members {
			if res.Docs[m].Date.Before(c.Date) {
				t.Errorf("story %s: canonical %s (%s) is later than %s (%s)", s.ID, c.ID, c.DateText, res.Docs[m].ID, res.Docs[m].DateText)
			}
		}
		if s.ID != dedupe.StoryIDPrefix+c.ID {
			t.Errorf("story id %q does not derive from canonical %q", s.ID, c.ID)
		}
	}
}

// TestSimilarityOnly checks that the quick mode for story summaries gives
// the same stories and similarities as the full alignment.
func TestSimilarityOnly(t *testing.T) {
	full := runOn(t, "../demo/corpus.jsonl")
	read := corpus.Files(context.Background(), []string{"../demo/corpus.jsonl"}, corpus.ReadOptions{})
	quick, err := dedupe.Run(context.Background(), read, dedupe.Options{SimilarityOnly: true, TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer quick.Close()
	if diff := cmp.Diff(partition(full), partition(quick)); diff != "" {
		t.Errorf("stories differ (-full +quick):\n%s", diff)
	}
	if diff := cmp.Diff(full.Similarity, quick.Similarity); diff != "" {
		t.Errorf("similarities differ (-full +quick):\n%s", diff)
	}
}
