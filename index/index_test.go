package index

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/state"
	"github.com/neardup/neardup/text"
)

const demoCorpus = "../demo/corpus.jsonl"

// readArticles reads every article of the inputs.
func readArticles(t testing.TB, inputs ...string) []corpus.Article {
	t.Helper()
	var arts []corpus.Article
	_, err := corpus.Read(context.Background(), inputs, corpus.ReadOptions{}, func(a corpus.Article) error {
		arts = append(arts, a)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return arts
}

// openTemp opens a new index in a temporary directory.
func openTemp(t testing.TB) (*Index, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "idx")
	x, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return x, dir
}

// mustCheck fails the test unless Check finds the index sound.
func mustCheck(t testing.TB, x *Index) *CheckReport {
	t.Helper()
	rep, err := x.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) > 0 {
		t.Fatalf("check found problems:\n%s", strings.Join(rep.Problems, "\n"))
	}
	return rep
}

func TestAddSearchAndReopen(t *testing.T) {
	arts := readArticles(t, demoCorpus)
	x, dir := openTemp(t)
	rep, err := x.Add(context.Background(), corpus.Slice(arts), AddOptions{BatchSize: 5})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != len(arts) || rep.Batches != (len(arts)+4)/5 {
		t.Errorf("report %+v, want %d added in %d batches", rep, len(arts), (len(arts)+4)/5)
	}
	if c := mustCheck(t, x); c.Articles != len(arts) || c.Indexed != len(arts) {
		t.Errorf("check counts %d articles, %d indexed; want %d", c.Articles, c.Indexed, len(arts))
	}
	// Adding the same input again changes nothing.
	again, err := x.Add(context.Background(), corpus.Slice(arts), AddOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Unchanged != len(arts) || again.Added != 0 || again.Updated != 0 {
		t.Errorf("second add: %+v, want all %d unchanged", again, len(arts))
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	res, err := r.Search(context.Background(), SearchRequest{Query: "Lemvig"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Stories) == 0 || res.Stories[0].Story != "s:storm-ritzau" || res.Stories[0].Versions != 5 {
		t.Fatalf("search Lemvig: got %+v, want the 5-version story s:storm-ritzau first", res.Stories)
	}
	seen := map[string]bool{}
	for _, s := range res.Stories {
		if seen[s.Story] {
			t.Errorf("story %s listed twice", s.Story)
		}
		seen[s.Story] = true
	}
	if !strings.Contains(res.Stories[0].Fragment, Mark+"Lemvig"+EndMark) {
		t.Errorf("fragment %q does not mark Lemvig", res.Stories[0].Fragment)
	}
}

func TestSearchPagesCountStories(t *testing.T) {
	x, _ := openTemp(t)
	if _, err := x.Add(context.Background(), corpus.Slice(readArticles(t, demoCorpus)), AddOptions{}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	all, err := x.Search(ctx, SearchRequest{Query: "d* s* t*", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Stories) < 5 {
		t.Fatalf("want at least 5 stories for a common query, got %d", len(all.Stories))
	}
	var paged []string
	for page := 1; ; page++ {
		res, err := x.Search(ctx, SearchRequest{Query: "d* s* t*", Limit: 2, Page: page})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range res.Stories {
			paged = append(paged, s.Story)
		}
		if len(res.Stories) > 2 {
			t.Fatalf("page %d has %d stories, limit 2", page, len(res.Stories))
		}
		if !res.More {
			break
		}
	}
	var want []string
	for _, s := range all.Stories {
		want = append(want, s.Story)
	}
	if diff := cmp.Diff(want, paged); diff != "" {
		t.Errorf("pages of 2 do not list the stories of one page in order (-want +got):\n%s", diff)
	}
}

func TestSearchFiltersAndLanguages(t *testing.T) {
	x, _ := openTemp(t)
	arts := []corpus.Article{
		{ID: "da1", Lang: "da", Source: "ritzau", DateText: "2026-01-10", Body: "Oversvømmelserne ramte byen i nat.\n\nBeboerne blev evakueret af beredskabet."},
		{ID: "en1", Lang: "en", Source: "reuters", DateText: "2026-02-10", Body: "The floods hit the town overnight.\n\nResidents were evacuated by the fire service."},
	}
	for i := range arts {
		d, err := parseTestDate(arts[i].DateText)
		if err != nil {
			t.Fatal(err)
		}
		arts[i].Date = d
	}
	if _, err := x.Add(context.Background(), corpus.Slice(arts), AddOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		req  SearchRequest
		want []string
	}{
		{"danish stem matches another form", SearchRequest{Query: "oversvømmelse"}, []string{"s:da1"}},
		{"english stem", SearchRequest{Query: "flooding"}, []string{"s:en1"}},
		{"field query", SearchRequest{Query: "body:evacuated"}, []string{"s:en1"}},
		{"source filter", SearchRequest{Query: "evakueret evacuated", Filter: Filter{Source: "ritzau"}}, []string{"s:da1"}},
		{"lang filter", SearchRequest{Query: "evakueret evacuated", Filter: Filter{Lang: text.English}}, []string{"s:en1"}},
		{"since", SearchRequest{Query: "evakueret evacuated", Filter: Filter{Since: arts[1].Date}}, []string{"s:en1"}},
		{"until", SearchRequest{Query: "evakueret evacuated", Filter: Filter{Until: arts[0].Date}}, []string{"s:da1"}},
		{"keyword field", SearchRequest{Query: "story:s\\:da1"}, []string{"s:da1"}},
		{"no match", SearchRequest{Query: "volcano"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := x.Search(context.Background(), tc.req)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range res.Stories {
				got = append(got, s.Story)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("stories (-want +got):\n%s", diff)
			}
		})
	}
	if _, err := x.Search(context.Background(), SearchRequest{Query: `"unclosed`}); err == nil {
		t.Error("a malformed query gave no error")
	}
}

func TestLockAndParams(t *testing.T) {
	x, dir := openTemp(t)
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrLocked) {
		t.Errorf("second writer: err = %v, want ErrLocked", err)
	}
	r, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Errorf("reader beside a writer between batches: %v", err)
	} else {
		r.Close()
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	r1, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	r2, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("two readers: %v", err)
	}
	if _, err := Open(dir, Options{LockWait: 20 * time.Millisecond}); !errors.Is(err, ErrLocked) {
		t.Errorf("writer while readers run, past its wait: err = %v, want ErrLocked", err)
	}
	r1.Close()
	r2.Close()
	p := dedupe.DefaultParams()
	p.Threshold = 0.3
	if _, err := Open(dir, Options{Params: &p}); !errors.Is(err, ErrParamsMismatch) {
		t.Errorf("other params: err = %v, want ErrParamsMismatch", err)
	} else if want := "--threshold: 0.2 in the index, 0.3 given"; !strings.Contains(err.Error(), want) {
		t.Errorf("other params: err = %q, want it to name the flag: %q", err, want)
	}
	def := dedupe.DefaultParams()
	w, err := Open(dir, Options{Params: &def})
	if err != nil {
		t.Fatalf("same params: %v", err)
	}
	w.Close()
	if _, err := Open(filepath.Join(t.TempDir(), "none"), Options{ReadOnly: true}); !errors.Is(err, ErrNoIndex) {
		t.Errorf("reading a directory without an index: err = %v, want ErrNoIndex", err)
	}
}

// TestPendingBatchIsCompleted plays a crash between the two commits: the
// dedupe state has the batch, bleve has not. Opening completes it.
func TestPendingBatchIsCompleted(t *testing.T) {
	arts := readArticles(t, demoCorpus)
	x, dir := openTemp(t)
	if _, err := x.Add(context.Background(), corpus.Slice(arts[:10]), AddOptions{}); err != nil {
		t.Fatal(err)
	}
	u, err := x.state.Prepare(context.Background(), arts[10:], state.AddOptions{})
	if err != nil {
		t.Fatal(err)
	}
	payload, err := encodePending(pendingDocs(u))
	if err != nil {
		t.Fatal(err)
	}
	// "crash": bleve never sees the batch.
	if err := x.commitWindow(context.Background(), func() error { return x.state.Commit(u, payload) }); err != nil {
		t.Fatal(err)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if c := mustCheck(t, r); c.Indexed != len(arts) {
		t.Errorf("after reopening, bleve holds %d articles, want %d", c.Indexed, len(arts))
	}
}

func TestCheckFindsDisagreement(t *testing.T) {
	x, _ := openTemp(t)
	arts := readArticles(t, demoCorpus)
	if _, err := x.Add(context.Background(), corpus.Slice(arts), AddOptions{}); err != nil {
		t.Fatal(err)
	}
	// Write a wrong story into bleve behind the state's back.
	err := x.commitWindow(context.Background(), func() error {
		return x.apply(99, []pendingDoc{{ID: arts[0].ID, Text: &articleText{Body: arts[0].Body}, Lang: "da", Story: "s:wrong"}})
	})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := x.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(rep.Problems, func(p string) bool { return strings.Contains(p, "s:wrong") }) {
		t.Errorf("check did not report the wrong story: %q", rep.Problems)
	}
}

func TestIndexingAgainReplacesByID(t *testing.T) {
	arts := readArticles(t, demoCorpus)
	x, _ := openTemp(t)
	if _, err := x.Add(context.Background(), corpus.Slice(arts), AddOptions{}); err != nil {
		t.Fatal(err)
	}
	changed := arts[0]
	changed.Body = "Kommunen har vedtaget et nyt budget for næste år efter en lang debat i byrådet.\n\nSkolerne får flere penge, mens den nye idrætshal må vente."
	rep, err := x.Add(context.Background(), corpus.Slice([]corpus.Article{changed}), AddOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 1 || rep.Replaced != 1 {
		t.Errorf("report %+v, want 1 added replacing 1", rep)
	}
	if c := mustCheck(t, x); c.Articles != len(arts) || c.Indexed != len(arts) {
		t.Errorf("%d articles, %d indexed; want %d of each", c.Articles, c.Indexed, len(arts))
	}
	res, err := x.Search(context.Background(), SearchRequest{Query: "budget byrådet"})
	if err != nil {
		t.Fatal(err)
	}
	// The story keeps its id with its other four versions; the changed
	// article starts a story of its own, whose natural id is taken.
	if len(res.Stories) == 0 || res.Stories[0].Best != changed.ID || res.Stories[0].Versions != 1 || res.Stories[0].Story != "s:storm-ritzau~2" {
		t.Fatalf("search for the new text: %+v, want %s alone in story s:storm-ritzau~2", res.Stories, changed.ID)
	}
	res, err = x.Search(context.Background(), SearchRequest{Query: "Lemvig"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Stories) == 0 || res.Stories[0].Story != "s:storm-ritzau" || res.Stories[0].Versions != 4 {
		t.Errorf("search Lemvig: %+v, want s:storm-ritzau with its 4 other versions", res.Stories)
	}
}

// TestTitleSearchWithoutTitle checks that an article without a title (a
// .txt file) is found by title: through the start of its first
// paragraph, which stands in for the title in every view.
func TestTitleSearchWithoutTitle(t *testing.T) {
	x, _ := openTemp(t)
	arts := []corpus.Article{
		{ID: "txt", Body: "Færgen til Fanø sejler igen efter strejken\n\nRederiet meddeler, at alle afgange kører efter planen fra i morgen."},
		{ID: "titled", Title: "Ny bro over Limfjorden", Body: "Byggeriet af broen begynder til foråret, og færgen stopper."},
	}
	if _, err := x.Add(context.Background(), corpus.Slice(arts), AddOptions{}); err != nil {
		t.Fatal(err)
	}
	for query, want := range map[string]string{"title:fanø": "txt", "title:limfjorden": "titled"} {
		res, err := x.Search(context.Background(), SearchRequest{Query: query})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Stories) != 1 || res.Stories[0].Best != want {
			t.Errorf("search %s: %+v, want %s alone", query, res.Stories, want)
		}
	}
	// The body's later words are not in the stand-in title.
	res, err := x.Search(context.Background(), SearchRequest{Query: "title:afgange"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Stories) != 0 {
		t.Errorf("title:afgange found %+v; the stand-in title is the first paragraph's start only", res.Stories)
	}
}

// TestStoredAgencyFields checks that bleve keeps an article's link and
// agency item id and version, which a rebuild reads back as the article.
func TestStoredAgencyFields(t *testing.T) {
	x, _ := openTemp(t)
	art := corpus.Article{ID: "r@2", Body: "Broen åbner for cyklister torsdag.", Source: "Ritzau Fiktiv", URL: "https://example.dk/bro", GUID: "urn:newsml:example.dk:1", Version: 2}
	if _, err := x.Add(context.Background(), corpus.Slice([]corpus.Article{art}), AddOptions{}); err != nil {
		t.Fatal(err)
	}
	got, err := x.storedText(art.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.URL != art.URL || got.GUID != art.GUID || got.Version != art.Version {
		t.Errorf("stored url %q, guid %q, version %d; want %q, %q, %d", got.URL, got.GUID, got.Version, art.URL, art.GUID, art.Version)
	}
	// Too short for its language to be detected, the article is still
	// found; a quoted value of a keyword field matches it whole.
	for _, q := range []string{`guid:"urn:newsml:example.dk:1"`, "cyklister", `source:"Ritzau Fiktiv"`} {
		res, err := x.Search(context.Background(), SearchRequest{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Stories) != 1 || res.Stories[0].Best != art.ID {
			t.Errorf("search %s: %+v, want %s", q, res.Stories, art.ID)
		}
	}
}
