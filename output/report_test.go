package output

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/neardup/neardup/dedupe"

	"github.com/google/go-cmp/cmp"

	"github.com/neardup/neardup/corpus"
)

// reportArticles are fictional: a wire story, a paper's version of it
// (new lead, one sentence edited, an ad marker, a paragraph of its own, no
// credit) and an unrelated article. Two hold markup meant to break out of
// the report's script element.
var reportArticles = []corpus.Article{
	{ID: "storm-ritzau", Title: "Storm vælter træer i Sønderjylland", Source: "ritzau", DateText: "2026-01-12", Body: strings.Join([]string{
		"Stormen Ingrid har natten til mandag væltet hundredvis af træer i Sønderjylland, og flere veje er spærret, oplyser politiet. Beredskabet har haft over tre hundrede udrykninger siden søndag aften.",
		"Vinden nåede op på orkanstyrke ved Rømø, hvor en måler ved havnen registrerede vindstød på 38 meter i sekundet. Det er den kraftigste storm i regionen i næsten ti år.",
		"Ifølge Sønderborg Forsyning er omkring 12.000 husstande uden strøm, og det kan tage flere dage at reparere alle ledninger. Forsyningen beder folk holde sig væk fra nedfaldne kabler.",
		"Politiet skriver på sin side <script>alert(1)</script> at bilister skal blive hjemme, indtil vinden har lagt sig. Broerne over Als Sund er lukket for al trafik indtil videre.",
		"DMI venter, at vinden aftager i løbet af tirsdag formiddag, men advarer om høj vandstand langs vestkysten frem til onsdag. Kommunerne har uddelt sandsække i de mest udsatte områder.",
		"/ritzau/",
	}, "\n\n")},
	{ID: "storm-avisen", Title: "Nattens storm ramte os hårdt", Source: "Avisen", DateText: "2026-01-13", Body: strings.Join([]string{
		"Mange sønderjyder vågnede mandag op til haver fulde af grene og væltede træer efter nattens voldsomme uvejr, som også ramte vores eget område hårdt.",
		"Stormen Ingrid har natten til mandag væltet hundredvis af træer i Sønderjylland, og flere veje er spærret, oplyser politiet. Beredskabet har haft over tre hundrede udrykninger siden søndag aften.",
		"Vinden nåede op på orkanstyrke ved Rømø, hvor en måler ved havnen målte vindstød på hele 38 meter i sekundet. Det er den kraftigste storm i regionen i næsten ti år.",
		"Artiklen fortsætter under annoncen",
		"Ifølge Sønderborg Forsyning er omkring 12.000 husstande uden strøm, og det kan tage flere dage at reparere alle ledninger. Forsyningen beder folk holde sig væk fra nedfaldne kabler.",
		"Politiet skriver på sin side <script>alert(1)</script> at bilister skal blive hjemme, indtil vinden har lagt sig. Broerne over Als Sund er lukket for al trafik indtil videre.",
		"En læser skrev til redaktionen </script><!-- og spurgte, hvornår der igen kommer strøm på hendes vej i Nordborg.",
	}, "\n\n")},
	{ID: "budget-byraad", Title: "Byrådet </script><!-- vedtager budget", Source: "Avisen", DateText: "2026-01-10", Body: strings.Join([]string{
		"Kommunalbudgettet for det kommende år blev vedtaget torsdag aften efter en lang debat i byrådssalen, hvor oppositionen stemte imod.",
		"Skatten forbliver uændret, mens der afsættes flere penge til ældreplejen og til vedligeholdelse af skolerne i de mindre landsbyer.",
	}, "\n\n")},
}

// runReport runs the engine on reportArticles and writes the report.
func runReport(t *testing.T) (*dedupe.Result, []byte) {
	t.Helper()
	read := func(fn func(corpus.Article) error) error {
		for _, a := range reportArticles {
			d, err := time.Parse("2006-01-02", a.DateText)
			if err != nil {
				return err
			}
			a.Date = d
			if err := fn(a); err != nil {
				return err
			}
		}
		return nil
	}
	res, err := dedupe.Run(context.Background(), read, dedupe.Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := NewWriter(res).WriteReport(&buf); err != nil {
		t.Fatal(err)
	}
	return res, buf.Bytes()
}

// reportPayload is the report's JSON as the page reads it.
type reportPayload struct {
	Articles int `json:"articles"`
	Stories  []struct {
		ID  string   `json:"id"`
		N   int      `json:"n"`
		T   string   `json:"t"`
		D0  string   `json:"d0"`
		D1  string   `json:"d1"`
		Src []string `json:"src"`
		V   []struct {
			ID string `json:"id"`
			P  []struct {
				K  string  `json:"k"`
				R  [][]any `json:"r"`
				Eq []int   `json:"eq"`
				Fr []int   `json:"fr"`
				D  []any   `json:"d"`
			} `json:"p"`
		} `json:"v"`
		B []struct {
			C []any `json:"c"`
		} `json:"b"`
	} `json:"stories"`
}

var dataElement = regexp.MustCompile(`(?s)<script type="application/json" id="data">(.*?)</script>`)

func TestWriteReport(t *testing.T) {
	res, html := runReport(t)
	defer res.Close()
	page := string(html)

	t.Run("self-contained", func(t *testing.T) {
		for _, banned := range []string{"http://", "https://", "src=", "<link", "@import", "url("} {
			if strings.Contains(page, banned) {
				t.Errorf("report contains %q: it must make no request", banned)
			}
		}
	})
	t.Run("markup in text stays text", func(t *testing.T) {
		for _, raw := range []string{"<script>alert(1)</script>", "</script><!--", "<!--"} {
			if strings.Contains(page, raw) {
				t.Errorf("report contains %q raw", raw)
			}
		}
		if got := strings.Count(strings.ToLower(page), "<script"); got != 2 {
			t.Errorf("%d script elements, want 2 (data and code)", got)
		}
		if !strings.Contains(page, `\u003cscript\u003ealert(1)\u003c/script\u003e`) {
			t.Errorf("escaped article markup not found")
		}
	})
	t.Run("deterministic", func(t *testing.T) {
		var again bytes.Buffer
		if err := NewWriter(res).WriteReport(&again); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(html, again.Bytes()) {
			t.Errorf("two writes of one Result differ")
		}
	})

	m := dataElement.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no data element")
	}
	var data reportPayload
	if err := json.Unmarshal([]byte(m[1]), &data); err != nil {
		t.Fatalf("data does not parse: %v", err)
	}
	t.Run("stories", func(t *testing.T) {
		type row struct {
			ID, T, D0, D1 string
			N             int
			Src           []string
			Versions      int
		}
		var got []row
		for _, s := range data.Stories {
			got = append(got, row{s.ID, s.T, s.D0, s.D1, s.N, s.Src, len(s.V)})
		}
		want := []row{
			{"s:storm-ritzau", "Storm vælter træer i Sønderjylland", "2026-01-12", "2026-01-13", 2, []string{"Avisen", "ritzau"}, 2},
			{"s:budget-byraad", "Byrådet </script><!-- vedtager budget", "2026-01-10", "", 1, []string{"Avisen"}, 0},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("stories (-want +got):\n%s", diff)
		}
		if data.Articles != 3 {
			t.Errorf("articles = %d, want 3", data.Articles)
		}
	})
	t.Run("singletons carry no text", func(t *testing.T) {
		if strings.Contains(page, "Kommunalbudgettet") || strings.Contains(page, "ældreplejen") {
			t.Errorf("the text of a single-version story is in the report")
		}
	})
	t.Run("versions", func(t *testing.T) {
		checkReportVersions(t, data)
	})
}

// checkReportVersions checks the paper's paragraph statuses and that the
// runs of every paragraph give back its text.
func checkReportVersions(t *testing.T, data reportPayload) {
	t.Helper()
	if len(data.Stories) == 0 || len(data.Stories[0].V) != 2 {
		t.Fatalf("no two-version story in %+v", data.Stories)
	}
	s := data.Stories[0]
	var statuses []string
	for _, p := range s.V[1].P {
		statuses = append(statuses, p.K)
	}
	want := []string{"unique", "shared", "edited", "boilerplate", "shared", "shared", "unique"}
	if diff := cmp.Diff(want, statuses); diff != "" {
		t.Errorf("statuses of %s (-want +got):\n%s", s.V[1].ID, diff)
	}
	for x, v := range s.V {
		paras := corpus.SplitParagraphs(reportArticles[x].Body)
		for p, para := range v.P {
			runs := para.R
			if para.Eq != nil {
				runs = s.V[para.Eq[0]].P[para.Eq[1]].R
			}
			var text strings.Builder
			for _, r := range runs {
				text.WriteString(r[0].(string))
			}
			if text.String() != paras[p] {
				t.Errorf("%s ¶%d: runs give %q, want %q", v.ID, p, text.String(), paras[p])
			}
			if para.K != "edited" {
				if para.D != nil || para.Fr != nil {
					t.Errorf("%s ¶%d: %s, but with a diff", v.ID, p, para.K)
				}
				continue
			}
			deleted := ""
			for _, op := range para.D {
				if op, ok := op.([]any); ok && op[0] == "-" {
					deleted += op[1].(string) + " "
				}
			}
			if !strings.Contains(deleted, "registrerede") || len(para.Fr) != 2 || para.Fr[0] >= x {
				t.Errorf("%s ¶%d: edited, but no diff from an earlier version deleting the word: fr %v, d %v", v.ID, p, para.Fr, para.D)
			}
		}
	}
}

// sentsOf returns the sentences of text, given as substrings in order.
func sentsOf(text string, sents ...string) []dedupe.Sent {
	var out []dedupe.Sent
	from := 0
	for _, s := range sents {
		i := strings.Index(text[from:], s) + from
		out = append(out, dedupe.Sent{From: int32(i), To: int32(i + len(s))})
		from = i + len(s)
	}
	return out
}

// TestSentenceRuns checks how a paragraph is cut into runs by the blocks
// of its sentences. (The page folds word diffs into these runs; the
// browser test in cmd/neardup checks that.)
func TestSentenceRuns(t *testing.T) {
	const (
		a = "Vinden tog til i nat."
		b = "Broen er lukket."
	)
	for _, tc := range []struct {
		name   string
		text   string
		sents  []string
		blocks []int32
		want   []reportRun
	}{
		{"two blocks, space between in neither", a + " " + b, []string{a, b}, []int32{0, 1},
			[]reportRun{{a, 0, 0}, {" ", -1, 0}, {b, 1, 0}}},
		{"one block, space between inside it", a + " " + b, []string{a, b}, []int32{2, 2},
			[]reportRun{{a + " " + b, 2, 0}}},
		{"text outside any sentence", "Annonce: " + b, []string{b}, []int32{2},
			[]reportRun{{"Annonce: ", -1, 0}, {b, 2, 0}}},
		{"not aligned: no blocks", a + " " + b, []string{a, b}, nil,
			[]reportRun{{a + " " + b, -1, 0}}},
		{"empty paragraph", "", nil, nil, []reportRun{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := sentenceRunsOf(tc.text, sentsOf(tc.text, tc.sents...), tc.blocks)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("runs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDiffOpsJSON(t *testing.T) {
	ops := []DiffOp{{Op: "=", N: 3}, {Op: "-", Text: "i går"}, {Op: "+", Text: "</script>"}, {Op: "=", Text: "kept text", N: 2}}
	want := `,"d":[3,["-","i går"],["+","\u003c/script\u003e"],["=","kept text"]]`
	if got := string(appendDiffOps(nil, ops)); got != want {
		t.Errorf("appendDiffOps = %s, want %s", got, want)
	}
}

func TestReportRunJSON(t *testing.T) {
	for _, tc := range []struct {
		run  reportRun
		want string
	}{
		{reportRun{"tekst", -1, 0}, `["tekst"]`},
		{reportRun{"tekst", 2, 0}, `["tekst",2]`},
		{reportRun{"tekst", -1, 1}, `["tekst",-1,1]`},
		{reportRun{"</script><!--", 0, -1}, `["\u003c/script\u003e\u003c!--",0,-1]`},
	} {
		got := tc.run.appendJSON(nil)
		if string(got) != tc.want {
			t.Errorf("%+v: got %s, want %s", tc.run, got, tc.want)
		}
	}
}
