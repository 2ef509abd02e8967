package bench_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/neardup/neardup/bench"
	"github.com/neardup/neardup/eval"
)

// genDoc is one corpus line as Generate writes it.
type genDoc struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Body   string `json:"body"`
	Date   string `json:"date"`
	Source string `json:"source"`
	Lang   string `json:"lang"`
}

// genLabel is one truth line as Generate writes it.
type genLabel struct {
	ID         string `json:"id"`
	Story      string `json:"story"`
	Role       string `json:"role"`
	Paragraphs []struct {
		Index   int      `json:"index"`
		Kind    string   `json:"kind"`
		Origins []string `json:"origins"`
		Edit    float64  `json:"edit"`
	} `json:"paragraphs"`
}

// genRun generates a corpus and parses it, failing the test on lines that
// do not decode strictly into genDoc and genLabel.
func genRun(t testing.TB, opt bench.GenOptions) ([]genDoc, []genLabel) {
	t.Helper()
	var corpus, truth bytes.Buffer
	if err := bench.Generate(opt, &corpus, &truth); err != nil {
		t.Fatalf("Generate: %v", err)
	}
	return genDecode[genDoc](t, &corpus), genDecode[genLabel](t, &truth)
}

// genDecode decodes one T a line, rejecting unknown fields.
func genDecode[T any](t testing.TB, r io.Reader) []T {
	t.Helper()
	var out []T
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		var v T
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("line %d: %v: %.200s", n, err, sc.Text())
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("scan: %v", err)
	}
	return out
}

func TestGenerateDeterministic(t *testing.T) {
	gen := func(opt bench.GenOptions) (corpus, truth []byte) {
		var c, tr bytes.Buffer
		opt.Articles = 300
		if err := bench.Generate(opt, &c, &tr); err != nil {
			t.Fatal(err)
		}
		return c.Bytes(), tr.Bytes()
	}
	baseCorpus, baseTruth := gen(bench.GenOptions{Seed: 7})
	type same struct{ Corpus, Truth bool }
	tests := []struct {
		name string
		opt  bench.GenOptions
		want same
	}{
		{"same seed", bench.GenOptions{Seed: 7}, same{true, true}},
		{"explicit defaults", bench.GenOptions{Seed: 7, Langs: bench.DefaultLangs(), Start: time.Date(2026, 1, 5, 6, 0, 0, 0, time.UTC)}, same{true, true}},
		{"different seed", bench.GenOptions{Seed: 8}, same{false, false}},
		{"seed zero", bench.GenOptions{Seed: 0}, same{false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			corpus, truth := gen(tt.opt)
			got := same{bytes.Equal(baseCorpus, corpus), bytes.Equal(baseTruth, truth)}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("output equal to seed 7's (-want +got):\n%s", diff)
			}
		})
	}
}

// genFixed returns the ad markers and credit lines that the eval README
// and the generator's brief fix per language.
func genFixed() (ads, credits map[string][]string) {
	ads = map[string][]string{
		"da": {"Artiklen fortsætter under annoncen", "Annonce:"},
		"nb": {"Saken fortsetter under annonsen", "Annonse"},
		"sv": {"Artikeln fortsätter under annonsen", "Annons:"},
		"en": {"Advertisement", "Story continues below advertisement"},
	}
	credits = map[string][]string{
		"da": {"/ritzau/", "/ritzau/Reuters"},
		"nb": {"(©NTB)", "NTB"},
		"sv": {"/TT/", "(TT)"},
		"en": {"(Reuters)", "Reuters"},
	}
	return ads, credits
}

// genCheckArticle returns the problems of one article and its label.
func genCheckArticle(d genDoc, l genLabel) []string {
	var bad []string
	genAds, genCredits := genFixed()
	add := func(format string, args ...any) { bad = append(bad, d.ID+": "+fmt.Sprintf(format, args...)) }
	if d.ID != l.ID || !strings.HasPrefix(d.ID, l.Story+"-") {
		add("truth id %q, story %q", l.ID, l.Story)
	}
	if d.Title == "" || d.Source == "" || genAds[d.Lang] == nil {
		add("title %q, source %q, lang %q", d.Title, d.Source, d.Lang)
	}
	if ts, err := time.Parse(time.RFC3339, d.Date); err != nil || !strings.HasSuffix(d.Date, "Z") || ts.Year() != 2026 {
		add("date %q", d.Date)
	}
	paras := strings.Split(d.Body, "\n\n")
	if len(paras) != len(l.Paragraphs) {
		add("%d paragraphs in the body, %d in the truth", len(paras), len(l.Paragraphs))
		return bad
	}
	for i, p := range l.Paragraphs {
		text := paras[i]
		ok := p.Index == i && (p.Kind == "text") == (len(p.Origins) > 0) && p.Edit >= 0 && p.Edit <= 1
		switch p.Kind {
		case "text":
			ok = ok && strings.HasSuffix(text, ".") && text[0] != ' '
		case "heading":
			n := len(strings.Fields(text))
			last, _ := utf8.DecodeLastRuneInString(text)
			ok = ok && n >= 2 && n <= 3 && unicode.IsLetter(last)
		case "boilerplate":
			ok = ok && slices.Contains(genAds[d.Lang], text)
		case "credit":
			ok = ok && slices.Contains(genCredits[d.Lang], text) && i == len(paras)-1
		default:
			ok = false
		}
		if !ok {
			add("paragraph %d %+v: %.80q", i, p, text)
		}
	}
	return bad
}

// genCheckSharing returns the problems with the rule that two text
// paragraphs share text exactly when their origins intersect: paragraphs
// with the same origins and no edit must read the same, and the same text
// must not come from other origins.
func genCheckSharing(docs []genDoc, labels []genLabel) []string {
	var bad []string
	byOrigins, byText := map[string]string{}, map[string]string{}
	for j, l := range labels {
		paras := strings.Split(docs[j].Body, "\n\n")
		for i, p := range l.Paragraphs {
			if p.Kind != "text" || i >= len(paras) {
				continue
			}
			key := strings.Join(p.Origins, " ")
			if prev, ok := byText[paras[i]]; ok && prev != key {
				bad = append(bad, fmt.Sprintf("%s paragraph %d: text also under origins %s", l.ID, i, prev))
			}
			byText[paras[i]] = key
			if p.Edit > 0 {
				continue
			}
			if prev, ok := byOrigins[key]; ok && prev != paras[i] {
				bad = append(bad, fmt.Sprintf("%s paragraph %d: unedited text differs from an earlier copy", l.ID, i))
			}
			byOrigins[key] = paras[i]
		}
	}
	return bad
}

func TestGenerateFormat(t *testing.T) {
	const n = 2000
	docs, labels := genRun(t, bench.GenOptions{Articles: n, Seed: 1})
	type summary struct {
		Articles, Labels, UniqueIDs int
		MeanSizeOK, SizesInRangeOK  bool
		Problems                    []string
	}
	got := summary{Articles: len(docs), Labels: len(labels)}
	ids := map[string]bool{}
	first := map[string]time.Time{} // story → date of its first article
	var total, inRange int
	var prevStart time.Time
	for i, d := range docs {
		ids[d.ID] = true
		size := len(d.Body)
		total += size
		if size >= 1500 && size <= 5000 {
			inRange++
		}
		if i >= len(labels) {
			continue
		}
		got.Problems = append(got.Problems, genCheckArticle(d, labels[i])...)
		date, _ := time.Parse(time.RFC3339, d.Date) // checked by genCheckArticle
		story := labels[i].Story
		if start, ok := first[story]; !ok {
			if date.Before(prevStart.Add(-2 * time.Hour)) {
				got.Problems = append(got.Problems, fmt.Sprintf("%s: story starts %v, before the previous one (%v)", d.ID, date, prevStart))
			}
			first[story], prevStart = date, date
		} else if !date.After(start) {
			got.Problems = append(got.Problems, fmt.Sprintf("%s: version dated %v, not after its story's first (%v)", d.ID, date, start))
		}
	}
	got.Problems = append(got.Problems, genCheckSharing(docs, labels)...)
	if len(got.Problems) > 10 {
		got.Problems = got.Problems[:10]
	}
	got.UniqueIDs = len(ids)
	mean := float64(total) / float64(len(docs))
	got.MeanSizeOK = mean >= 2500 && mean <= 3500
	got.SizesInRangeOK = inRange == len(docs)
	t.Logf("mean body %.0f bytes, %.1f%% within 1500–5000 bytes", mean, 100*float64(inRange)/float64(len(docs)))
	want := summary{Articles: n, Labels: n, UniqueIDs: n, MeanSizeOK: true, SizesInRangeOK: true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("corpus of %d articles (-want +got):\n%s", n, diff)
	}
	truth, err := eval.ReadTruth(strings.NewReader(genJSONL(t, labels)), "truth.jsonl")
	if err != nil || truth.Len() != n {
		t.Errorf("ReadTruth: %v articles, error %v; want %d, nil", truth.Len(), err, n)
	}
}

// genJSONL encodes labels back to JSON lines.
func genJSONL(t testing.TB, labels []genLabel) string {
	t.Helper()
	var b strings.Builder
	enc := json.NewEncoder(&b)
	for _, l := range labels {
		if err := enc.Encode(l); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

// genStory is one story of a generated corpus.
type genStory struct {
	kind     string // the role of a one-article story, else "multi"
	articles []int  // positions in the corpus
}

// genStories groups the labels by story, in order.
func genStories(labels []genLabel) ([]genStory, map[string]int) {
	var stories []genStory
	of := map[string]int{}
	for j, l := range labels {
		s, ok := of[l.Story]
		if !ok {
			s = len(stories)
			of[l.Story] = s
			stories = append(stories, genStory{kind: l.Role})
		}
		stories[s].articles = append(stories[s].articles, j)
		if l.Role == "wire" || l.Role == "republish" || l.Role == "update" {
			stories[s].kind = "multi"
		}
	}
	return stories, of
}

// genSharedWith returns, for article j, the other stories that each of its
// text paragraphs shares an origin with.
func genSharedWith(labels []genLabel, of map[string]int, byOrigin map[string][]int, j int) [][]int {
	out := make([][]int, len(labels[j].Paragraphs))
	own := of[labels[j].Story]
	for i, p := range labels[j].Paragraphs {
		for _, o := range p.Origins {
			for _, s := range byOrigin[o] {
				if s != own && !slices.Contains(out[i], s) {
					out[i] = append(out[i], s)
				}
			}
		}
	}
	return out
}

// genCheckQuotes returns the problems of followups and roundups: a
// followup shares exactly one paragraph with exactly one other story, a
// roundup exactly one paragraph with each of 4–6 other stories, and other
// stories share text only with followups and roundups.
func genCheckQuotes(labels []genLabel, stories []genStory, of map[string]int) []string {
	byOrigin := map[string][]int{} // origin → stories using it
	for _, l := range labels {
		for _, p := range l.Paragraphs {
			for _, o := range p.Origins {
				if s := of[l.Story]; !slices.Contains(byOrigin[o], s) {
					byOrigin[o] = append(byOrigin[o], s)
				}
			}
		}
	}
	var bad []string
	for j, l := range labels {
		perStory := map[int]int{} // other story → paragraphs shared with it
		for _, others := range genSharedWith(labels, of, byOrigin, j) {
			for _, s := range others {
				perStory[s]++
				if l.Role != "followup" && l.Role != "roundup" && stories[s].kind != "followup" && stories[s].kind != "roundup" {
					bad = append(bad, fmt.Sprintf("%s shares text with story %d", l.ID, s))
				}
			}
		}
		counts := slices.Sorted(maps.Values(perStory))
		switch {
		case l.Role == "followup" && !slices.Equal(counts, []int{1}):
			bad = append(bad, fmt.Sprintf("followup %s: paragraphs shared per other story %v, want [1]", l.ID, counts))
		case l.Role == "roundup" && (len(counts) < 4 || len(counts) > 6 || counts[len(counts)-1] != 1):
			bad = append(bad, fmt.Sprintf("roundup %s: paragraphs shared per other story %v, want 4–6 ones", l.ID, counts))
		}
	}
	return bad
}

func TestGenerateRoles(t *testing.T) {
	const n = 5000
	_, labels := genRun(t, bench.GenOptions{Articles: n, Seed: 3})
	stories, of := genStories(labels)
	roles, kinds := map[string]int{}, map[string]int{}
	var badSizes int
	for _, s := range stories {
		kinds[s.kind]++
		for _, j := range s.articles {
			roles[labels[j].Role]++
		}
		if (s.kind == "multi") != (len(s.articles) > 1) || len(s.articles) > 8 {
			badSizes++
		}
	}
	share := func(kind string) float64 { return float64(kinds[kind]) / float64(len(stories)) }
	t.Logf("%d stories: %v; article roles: %v", len(stories), kinds, roles)
	type summary struct {
		Roles                           []string
		SingleOK, FollowupOK, RoundupOK bool
		BadStorySizes                   int
		Problems                        []string
	}
	got := summary{
		Roles:         slices.Sorted(maps.Keys(roles)),
		SingleOK:      share("single") >= 0.30 && share("single") <= 0.42,
		FollowupOK:    share("followup") >= 0.008 && share("followup") <= 0.035,
		RoundupOK:     share("roundup") >= 0.003 && share("roundup") <= 0.02,
		BadStorySizes: badSizes,
		Problems:      genCheckQuotes(labels, stories, of),
	}
	want := summary{
		Roles:    []string{"followup", "republish", "roundup", "single", "update", "wire"},
		SingleOK: true, FollowupOK: true, RoundupOK: true,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("stories of %d articles (-want +got):\n%s", n, diff)
	}
}

func TestGenerateOptions(t *testing.T) {
	lw := func(pairs ...any) []bench.LangWeight {
		var out []bench.LangWeight
		for i := 0; i < len(pairs); i += 2 {
			out = append(out, bench.LangWeight{Lang: pairs[i].(string), Weight: pairs[i+1].(float64)})
		}
		return out
	}
	tests := []struct {
		name string
		opt  bench.GenOptions
		want string // error message, "" for none
	}{
		{"one article", bench.GenOptions{Articles: 1}, ""},
		{"one language", bench.GenOptions{Articles: 5, Langs: lw("sv", 1.0, "da", 0.0)}, ""},
		{"negative articles", bench.GenOptions{Articles: -1}, "generate: negative article count -1"},
		{"unknown language", bench.GenOptions{Articles: 1, Langs: lw("de", 1.0)}, `generate: unknown language "de" (want one of [en nb da sv])`},
		{"negative weight", bench.GenOptions{Articles: 1, Langs: lw("en", -1.0)}, "generate: language en: bad weight -1"},
		{"NaN weight", bench.GenOptions{Articles: 1, Langs: lw("en", math.NaN())}, "generate: language en: bad weight NaN"},
		{"twice", bench.GenOptions{Articles: 1, Langs: lw("en", 1.0, "en", 2.0)}, "generate: language en weighted twice"},
		{"all zero", bench.GenOptions{Articles: 1, Langs: lw("nb", 0.0)}, "generate: no language has a positive weight"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var corpus bytes.Buffer
			got := ""
			if err := bench.Generate(tt.opt, &corpus, nil); err != nil {
				got = err.Error()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			if wantLines := max(tt.opt.Articles, 0); got != "" {
				wantLines = 0
			} else if n := bytes.Count(corpus.Bytes(), []byte{'\n'}); n != wantLines {
				t.Errorf("%d corpus lines, want %d", n, wantLines)
			}
		})
	}
}

// genFailWriter fails every write.
type genFailWriter struct{}

var errGenDiskFull = errors.New("disk full")

func (genFailWriter) Write([]byte) (int, error) { return 0, errGenDiskFull }

func TestGenerateWriteErrors(t *testing.T) {
	tests := []struct {
		name          string
		corpus, truth io.Writer
		want          string
	}{
		{"corpus", genFailWriter{}, io.Discard, "write corpus: disk full"},
		{"truth", io.Discard, genFailWriter{}, "write truth: disk full"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := bench.Generate(bench.GenOptions{Articles: 500}, tt.corpus, tt.truth)
			got := fmt.Sprint(err)
			if diff := cmp.Diff(tt.want, got); diff != "" || !errors.Is(err, errGenDiskFull) {
				t.Errorf("error %v, errors.Is(err, errGenDiskFull) = %v (-want +got):\n%s", err, errors.Is(err, errGenDiskFull), diff)
			}
		})
	}
}

// ExampleGenerate writes a corpus of eight articles and lists them with
// their language, date, role and number of paragraphs.
func ExampleGenerate() {
	var corpus, truth bytes.Buffer
	if err := bench.Generate(bench.GenOptions{Articles: 8, Seed: 28}, &corpus, &truth); err != nil {
		log.Fatal(err)
	}
	docs, labels := json.NewDecoder(&corpus), json.NewDecoder(&truth)
	for docs.More() {
		var d struct{ ID, Lang, Date string }
		var l struct {
			Story, Role string
			Paragraphs  []struct{ Kind string }
		}
		if err := docs.Decode(&d); err != nil {
			log.Fatal(err)
		}
		if err := labels.Decode(&l); err != nil {
			log.Fatal(err)
		}
		fmt.Println(d.ID, d.Lang, d.Date, l.Role, len(l.Paragraphs))
	}
	// Output:
	// g0000001-1 en 2026-01-05T06:09:00Z single 11
	// g0000002-1 da 2026-01-05T06:10:00Z wire 12
	// g0000002-2 da 2026-01-05T06:59:00Z republish 11
	// g0000003-1 da 2026-01-05T06:13:00Z wire 9
	// g0000003-2 da 2026-01-05T06:58:00Z republish 9
	// g0000004-1 da 2026-01-05T06:14:00Z wire 7
	// g0000004-2 da 2026-01-05T06:18:00Z update 7
	// g0000005-1 da 2026-01-05T06:15:00Z followup 9
}
