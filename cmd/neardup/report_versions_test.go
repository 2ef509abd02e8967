package main

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The ferry strike: a fictional agency story on a Danish ferry strike, as
// the agency updated it through the day (one item id, versions 1 to 5) and
// as seven papers rewrote it. Every version opens with its own top and
// keeps most of the background, some of it edited or moved.
var ferryBackground = []string{
	"Strejken blev varslet i sidste uge af Sømændenes Fællesforbund, efter at forhandlingerne om en ny overenskomst for færgepersonalet brød sammen natten til fredag. Forbundet kræver lønstigninger på 4,5 procent om året og bedre hviletidsregler på de lange overfarter.",
	"Rederiet Østersølinjen, der driver ruterne mellem Køge og Rønne samt mellem Ystad og Rønne, har tilbudt 2,8 procent og kalder forbundets krav urealistiske i en tid med stigende brændstofpriser og faldende godsmængder.",
	"Bornholm er afhængig af færgerne for både passagerer og gods. Hver dag sejler omkring 4.000 passagerer og 300 lastbiler over Østersøen, og øens dagligvarebutikker får det meste af deres varer med natfærgen fra Køge.",
	"Erhvervsforeningen på Bornholm advarer om, at en strejke på mere end et par dage vil ramme turismen hårdt, fordi påskeferien nærmer sig, og mange sommerhusudlejere allerede har gæster booket til de kommende uger.",
	"Forligsinstitutionen har indkaldt parterne til et nyt møde i København, men ifølge begge parter er der langt mellem positionerne. Forligsmanden kan udsætte strejken med to uger, hvis han vurderer, at der er udsigt til en aftale.",
	"Det er første gang siden 2011, at færgetrafikken til Bornholm er ramt af en strejke. Dengang varede konflikten i fem dage og kostede ifølge regionskommunen øens erhvervsliv omkring 40 millioner kroner i tabt omsætning.",
}

// ferryTops are the versions' own opening paragraphs.
var ferryTops = [][]string{
	{"Færgetrafikken mellem Bornholm og resten af landet kan gå i stå fra torsdag morgen, hvis rederiet og de ansatte ikke når til enighed i løbet af natten."},
	{"Strejken på færgerne til Bornholm er en realitet. De første afgange fra Rønne blev aflyst torsdag morgen, og rederiet oplyser, at alle afgange resten af dagen er aflyst.", "Omkring 900 passagerer havde billet til morgenfærgen, som i stedet blev liggende ved kajen i Rønne med lukkede porte."},
	{"Hundredvis af rejsende sidder fast i Køge og Ystad, efter at strejken har stoppet al færgetrafik til Bornholm. Rederiet henviser passagererne til flyet, men de ekstra afgange fra Kastrup er allerede udsolgt."},
	{"Regeringen følger strejken på Bornholmerfærgerne tæt, siger transportministeren. Hun vil dog ikke blande sig i forhandlingerne, så længe parterne mødes i Forligsinstitutionen.", "Transportministeren oplyser, at Forsvaret står klar til at sejle medicin og andre nødvendige varer til øen, hvis strejken trækker ud."},
	{"Forligsmanden har udsat strejken på færgerne til Bornholm med to uger. Færgerne sejler igen fra fredag morgen efter den normale sejlplan.", "Beslutningen kom sent torsdag aften efter et møde, der varede i ti timer."},
	{"Bornholmerne kan ikke komme hjem. Sådan lyder det fra flere læsere, efter at færgestrejken torsdag morgen lukkede al trafik til øen."},
	{"En familie fra Aakirkeby sov i nat i bilen på havnen i Køge. De havde billet til aftenfærgen, som aldrig sejlede, og alle hoteller i byen var fulde."},
	{"Butikkerne på Bornholm mærker allerede strejken. Flere supermarkeder i Rønne melder om tomme hylder med mælk og frugt, fordi natfærgen med varer ikke sejlede."},
	{"Turistforeningen på Bornholm frygter aflysninger i påsken. Allerede nu ringer gæster og spørger, om de kan komme til øen, siger direktøren."},
	{"Strejken koster rederiet millioner. Hver dag uden sejlads betyder ifølge rederiet et tab på omkring tre millioner kroner i billetindtægter og fragt."},
	{"Lastbilchauffører holder i kø ved terminalen i Ystad. Mange har kølevarer, der skal til Bornholm, og frygter at måtte kassere læsset, hvis strejken varer."},
	{"Færgerne sejler igen fra fredag. Forligsmanden udsatte sent torsdag strejken med to uger, og rederiet forventer normal drift fra morgenstunden."},
}

// ferryArticle is one version of the ferry strike story.
type ferryArticle struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Body    string `json:"body"`
	Date    string `json:"date"`
	Source  string `json:"source"`
	Lang    string `json:"lang"`
	URL     string `json:"url,omitempty"`
	GUID    string `json:"guid,omitempty"`
	Version int    `json:"version,omitempty"`
}

const ferryGUID = "urn:newsml:ritzau.test:20260312:faergestrejke"

// ferryCorpus writes the twelve versions as JSONL into dir and returns the
// file's path and the articles.
func ferryCorpus(t *testing.T, dir string) (string, []ferryArticle) {
	t.Helper()
	type version struct {
		id, source, date, url, title string
		agency                       int // agency version number; 0 for a paper
		credit                       bool
		edit                         func(bg []string) []string
	}
	same := func(bg []string) []string { return bg }
	versions := []version{
		{"ferry-ritzau-1", "ritzau", "2026-03-12T06:10:00+01:00", "https://ritzau.example.test/faerge/1", "Færgestrejke truer Bornholm fra torsdag", 1, true, same},
		{"ferry-ritzau-2", "ritzau", "2026-03-12T08:25:00+01:00", "https://ritzau.example.test/faerge/2", "Strejke lukker færgetrafikken til Bornholm", 2, true, same},
		{"ferry-ritzau-3", "ritzau", "2026-03-12T11:40:00+01:00", "https://ritzau.example.test/faerge/3", "Rejsende strandet i Køge og Ystad", 3, true, func(bg []string) []string {
			return append([]string{bg[0], bg[1], bg[2]}, bg[4], bg[3], bg[5]) // two paragraphs swapped
		}},
		{"ferry-ritzau-4", "ritzau", "2026-03-12T15:05:00+01:00", "https://ritzau.example.test/faerge/4", "Regeringen følger færgestrejken tæt", 4, true, same},
		{"ferry-ritzau-5", "ritzau", "2026-03-12T22:50:00+01:00", "https://ritzau.example.test/faerge/5", "Forligsmanden udsætter færgestrejken", 5, true, func(bg []string) []string {
			out := append([]string{}, bg...)
			out[4] = "Forligsmanden udsatte torsdag aften strejken med to uger, fordi han vurderer, at der er udsigt til en aftale. Parterne mødes igen i Forligsinstitutionen i København i næste uge."
			return out
		}},
		{"ferry-oestersoeavisen", "oestersoeavisen-demo", "2026-03-12T09:05:00+01:00", "https://oestersoeavisen.example.test/nyheder/faergestrejke", "Bornholmere strandet: Vi kan ikke komme hjem", 0, false, same},
		{"ferry-kystbladet", "kystbladet-demo", "2026-03-13", "https://kystbladet.example.test/2026/03/12/familie-sov-i-bilen", "Familie sov i bilen på havnen i Køge", 0, true, func(bg []string) []string {
			out := append([]string{}, bg...)
			out[2] = "Bornholm er afhængig af færgerne. Hver dag sejler omkring 4.000 passagerer og 300 lastbiler over Østersøen, og øens butikker får det meste af deres varer med natfærgen fra Køge."
			return out
		}},
		{"ferry-sundposten", "sundposten-demo", "2026-03-12T12:30:00+01:00", "javascript:alert(1)", "<img src=x onerror=alert(1)>Tomme hylder i Rønne", 0, false, same},
		{"ferry-turistnyt", "turistnyt-demo", "2026-03-12T13:15:00+01:00", "", "Påsken i fare på Bornholm", 0, true, func(bg []string) []string { return bg[:5] }},
		{"ferry-erhvervsugen", "erhvervsugen-demo", "2026-03-12T14:00:00+01:00", "https://erhvervsugen.example.test/shipping/strejken-koster-millioner?ref=rss&utm=1", "Strejken koster rederiet millioner", 0, true, same},
		{"ferry-transportnyt", "transportnyt-demo", "2026-03-12T16:45:00+01:00", "ftp://transportnyt.example.test/faerge.txt", "Lastbiler i kø i Ystad", 0, false, func(bg []string) []string {
			return append([]string{bg[2], bg[0]}, bg[1], bg[3], bg[4], bg[5])
		}},
		{"ferry-nordlys", "nordlys-demo", "2026-03-13T07:00:00+01:00", "https://nordlys.example.test/a/faergerne-sejler-igen", "Færgerne sejler igen fra i dag", 0, true, same},
	}
	if len(versions) != len(ferryTops) {
		t.Fatalf("%d versions, %d tops", len(versions), len(ferryTops))
	}
	var lines []string
	var arts []ferryArticle
	for k, v := range versions {
		paras := append(append([]string{}, ferryTops[k]...), v.edit(ferryBackground)...)
		if v.credit {
			paras = append(paras, "/ritzau/")
		}
		a := ferryArticle{ID: v.id, Title: v.title, Body: strings.Join(paras, "\n\n"), Date: v.date,
			Source: v.source, Lang: "da", URL: v.url}
		if v.agency > 0 {
			a.GUID, a.Version = ferryGUID, v.agency
		}
		line, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, string(line))
		arts = append(arts, a)
	}
	path := filepath.Join(dir, "ferry.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, arts
}

// layout is what the story view of the ferry strike looks like.
type layout struct {
	PageWidth  float64  `json:"pageWidth"`  // document.documentElement.scrollWidth
	Window     float64  `json:"window"`     // window.innerWidth
	BodyWidth  float64  `json:"bodyWidth"`  // document.body.scrollWidth
	Compared   []string `json:"compared"`   // the versions side by side
	CompareW   float64  `json:"compareW"`   // the comparison's width
	MapScrollW float64  `json:"mapScrollW"` // the map box's scrollWidth
	MapClientW float64  `json:"mapClientW"` // and clientWidth
	MapOverX   string   `json:"mapOverX"`   // its overflow-x
	MapHeads   int      `json:"mapHeads"`   // version columns of the map
	Misaligned []string `json:"misaligned"` // copy shown in more than one row, or rows not level
	Aligned    int      `json:"aligned"`    // blocks checked on one row
}

// jsLayout measures the story view. A copy block carried by two or more of
// the compared versions must have all their paragraphs carrying it in one
// row of the comparison, the first paragraph of each cell level with the
// others.
const jsLayout = `(function () {
  var data = JSON.parse(document.getElementById('data').textContent);
  var id = decodeURIComponent(/^#story=([^&]*)/.exec(location.hash)[1]);
  var s = data.stories.find(function (x) { return x.id === id; });
  var table = document.querySelector('#compare table.compare');
  var xs = Array.from(table.querySelectorAll('thead th.vcol')).map(function (th) { return Number(th.dataset.x); });
  var bad = [], aligned = 0;
  s.b.forEach(function (blk, b) {
    var rows = new Set(), cols = 0;
    xs.forEach(function (x) {
      if (!blk.c[x]) return;
      cols++;
      blk.c[x][2].forEach(function (p) {
        var para = table.querySelector('tbody td[data-x="' + x + '"] .para[data-para="' + p + '"]');
        rows.add(para ? para.closest('tr') : null);
      });
    });
    if (cols < 2) return;
    if (rows.size !== 1 || rows.has(null)) { bad.push('b' + (b + 1) + ': in ' + rows.size + ' rows'); return; }
    var tr = rows.values().next().value, tops = [];
    tr.querySelectorAll('td.ccell').forEach(function (td) {
      var first = td.querySelector('.para');
      if (first) tops.push(first.getBoundingClientRect().top);
    });
    if (Math.max.apply(null, tops) - Math.min.apply(null, tops) > 2) bad.push('b' + (b + 1) + ': tops ' + tops.join(', '));
    else aligned++;
  });
  var map = document.getElementById('map');
  return {
    pageWidth: document.documentElement.scrollWidth, window: window.innerWidth, bodyWidth: document.body.scrollWidth,
    compared: Array.from(table.querySelectorAll('thead th.vcol')).map(function (th) { return th.dataset.version; }),
    compareW: table.getBoundingClientRect().width,
    mapScrollW: map.scrollWidth, mapClientW: map.clientWidth, mapOverX: getComputedStyle(map).overflowX,
    mapHeads: map.querySelectorAll('thead th.vh').length,
    misaligned: bad, aligned: aligned
  };
})()`

// versionLink is how the comparison shows where a version was published.
type versionLink struct {
	Version string `json:"version"`
	Href    string `json:"href"`   // the link's href; "" for none
	Text    string `json:"text"`   // the URL as shown
	Rel     string `json:"rel"`    // the link's rel
	Target  string `json:"target"` // and target
	Agency  string `json:"agency"` // "v2 of urn:…"
	Update  string `json:"update"` // "update of #1"
	Date    string `json:"date"`   // the date shown
	Raw     string `json:"raw"`    // the date's title: as written
}

const jsVersionLinks = `Array.from(document.querySelectorAll('#compare thead th.vcol')).map(function (th) {
  var a = th.querySelector('.vlinks a'), u = th.querySelector('.vlinks .url');
  var g = th.querySelector('.vlinks .agency'), up = th.querySelector('.vlinks .upd'), d = th.querySelector('.vmeta .date');
  return {version: th.dataset.version, href: a ? a.getAttribute('href') : '', text: u ? u.textContent : '',
    rel: a ? a.rel : '', target: a ? a.target : '', agency: g ? g.textContent : '', update: up ? up.textContent : '',
    date: d ? d.textContent : '', raw: d ? d.title : ''};
})`

// TestReportManyVersions opens a story of twelve versions in a window 1,366
// pixels wide: the page never scrolls sideways, the story map scrolls in
// its own box, two versions are compared by default and three once a third
// is chosen, each copy block they share on one row; every version links to
// its article (http and https only) and names the agency item it updates.
func TestReportManyVersions(t *testing.T) {
	dir := t.TempDir()
	b := newBrowser(t, dir)
	corpus, arts := ferryCorpus(t, dir)
	out := filepath.Join(dir, "out")
	if code, _, stderr := runCLI(t, "", "dedupe", "--quiet", "--out", out, corpus); code != 0 {
		t.Fatalf("dedupe: exit %d: %s", code, stderr)
	}
	page, err := filepath.Abs(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	stories := reportData(t, page)
	if len(stories) != 1 || stories[0].N != len(arts) {
		var ns []int
		for _, s := range stories {
			ns = append(ns, s.N)
		}
		t.Fatalf("the ferry corpus makes stories of %v versions, want one of %d", ns, len(arts))
	}
	story := stories[0]

	b.do(t, "open report", emulateZone("America/New_York", "en_GB"), chromedp.EmulateViewport(1366, 900),
		chromedp.Navigate("file://"+page), chromedp.WaitVisible(chromedp.CSS(`#stories tbody tr`)),
		chromedp.Click(chromedp.CSS(`tr[data-story="`+story.ID+`"] td.title`)),
		chromedp.WaitVisible(chromedp.CSS(`#compare table.compare thead th.vcol`)))
	check := func(what string, want []string) layout {
		t.Helper()
		l := value(t, b, what, chromedp.Evaluate[layout](jsLayout))
		if l.PageWidth > l.Window || l.BodyWidth > l.Window {
			t.Errorf("%s: the page is %v px wide (body %v) in a window of %v: it scrolls sideways", what, l.PageWidth, l.BodyWidth, l.Window)
		}
		if l.CompareW > l.Window {
			t.Errorf("%s: the comparison is %v px wide in a window of %v", what, l.CompareW, l.Window)
		}
		if strings.Join(l.Compared, " ") != strings.Join(want, " ") {
			t.Errorf("%s: compares %q, want %q", what, l.Compared, want)
		}
		if l.MapHeads != len(arts) {
			t.Errorf("%s: the map has %d version columns, want %d", what, l.MapHeads, len(arts))
		}
		if l.MapOverX != "auto" && l.MapOverX != "scroll" || l.MapScrollW <= l.MapClientW {
			t.Errorf("%s: the map box (overflow-x %s) is %v px wide and scrolls %v: want twelve versions to scroll inside it",
				what, l.MapOverX, l.MapClientW, l.MapScrollW)
		}
		if len(l.Misaligned) > 0 {
			t.Errorf("%s: copy blocks not on one row: %q", what, l.Misaligned)
		}
		if l.Aligned == 0 {
			t.Errorf("%s: no copy block shared by the compared versions", what)
		}
		return l
	}
	v := func(x int) string { return story.V[x].ID }
	check("by default", []string{v(0), v(1)})

	// A third version from the picker, a fourth from the map's column head
	// (it replaces the one chosen longest ago), one taken away.
	b.do(t, "choose #8", chromedp.Click(chromedp.CSS(`#picker input[data-x="7"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#compare table.compare[data-cols="3"]`)))
	check("#8 chosen", []string{v(0), v(1), v(7)})
	checkLinks(t, story, value(t, b, "links", chromedp.Evaluate[[]versionLink](jsVersionLinks)))
	b.do(t, "choose #11 in the map", chromedp.Click(chromedp.CSS(`#map th.vh[data-x="10"] label.cmp input`)),
		chromedp.WaitVisible(chromedp.CSS(`#compare th.vcol[data-x="10"]`)))
	check("#11 chosen", []string{v(1), v(7), v(10)})
	checkLinks(t, story, value(t, b, "links", chromedp.Evaluate[[]versionLink](jsVersionLinks)))
	b.do(t, "take #2 away", chromedp.Click(chromedp.CSS(`#picker input[data-x="1"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#compare table.compare[data-cols="2"]`)))
	check("#2 taken away", []string{v(7), v(10)})
	if hash := value(t, b, "hash", chromedp.Evaluate[string](`location.hash`)); !strings.HasSuffix(hash, "&v=8,11") {
		t.Errorf("address %q does not name the versions compared (&v=8,11)", hash)
	}

	// A cell of the map chooses its version and outlines its block.
	b.do(t, "click b1 of #5 in the map",
		chromedp.Evaluate[chromedp.Void](`document.getElementById('map').scrollLeft = 0`), // as a user scrolls back to it
		chromedp.Click(chromedp.CSS(`#map tbody tr[data-block="b1"] td.cell:nth-of-type(5)`)),
		chromedp.WaitVisible(chromedp.CSS(`#compare th.vcol[data-x="4"]`)))
	check("b1 of #5 clicked", []string{v(4), v(7), v(10)})
	outlined := value(t, b, "outlined", chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#compare .blk.hl')).map(function (e) {
  return e.closest('td').dataset.x + ':' + e.dataset.block;
})`))
	for _, x := range []string{"4", "7", "10"} {
		if !slices.Contains(outlined, x+":b1") {
			t.Errorf("b1 clicked in the map: outlined %q, want b1 in column %s", outlined, x)
		}
	}
	for _, o := range outlined {
		if !strings.HasSuffix(o, ":b1") {
			t.Errorf("b1 clicked in the map: %s outlined too", o)
		}
	}

	// Every version's links and dates, three at a time, chosen by address.
	markup := false
	for x := 0; x < len(story.V); x += 3 {
		hash := "#story=" + url.PathEscape(story.ID) + "&v=" + strconv.Itoa(x+1) + "," + strconv.Itoa(x+2) + "," + strconv.Itoa(x+3)
		b.do(t, "open "+hash, chromedp.Evaluate[chromedp.Void](`location.hash = `+strconv.Quote(hash)),
			chromedp.WaitVisible(chromedp.CSS(`#compare th.vcol[data-x="`+strconv.Itoa(x+2)+`"]`)))
		l := check(hash, []string{v(x), v(x + 1), v(x + 2)})
		checkLinks(t, story, value(t, b, "links", chromedp.Evaluate[[]versionLink](jsVersionLinks)))
		if slices.Contains(l.Compared, "ferry-sundposten") {
			markup = true
			title := value(t, b, "title", chromedp.Text(chromedp.CSS(`#compare th.vcol[data-version="ferry-sundposten"] .vtitle`)))
			if !strings.Contains(title, "<img src=x onerror=alert(1)>Tomme hylder") {
				t.Errorf("ferry-sundposten's title shows as %q, want its markup as text", title)
			}
		}
	}
	if !markup {
		t.Errorf("ferry-sundposten, whose title has markup, was never compared")
	}
	if n := value(t, b, "images", chromedp.Evaluate[int](`document.querySelectorAll('img').length`)); n != 0 {
		t.Errorf("a title's markup became %d img elements", n)
	}
	if n := value(t, b, "bad links", chromedp.Evaluate[int](`document.querySelectorAll('a[href^="javascript"], a[href^="ftp"]').length`)); n != 0 {
		t.Errorf("%d links to javascript: or ftp: URLs", n)
	}
	saveScreenshot(t, dir, value(t, b, "screenshot", chromedp.CaptureScreenshot()))

	b.checkQuiet(t)
}

// checkLinks checks each compared version's links against the data: http
// and https URLs are links opening apart with no referrer, other URLs text;
// the agency item and version and the version updated are named when the
// data has them; the date reads in New York's time, a bare day unshifted.
func checkLinks(t *testing.T, s reportStory, links []versionLink) {
	t.Helper()
	pos := map[string]int{}
	for x, v := range s.V {
		pos[v.ID] = x
	}
	for _, l := range links {
		v := s.V[pos[l.Version]]
		switch {
		case strings.HasPrefix(v.URL, "https://") || strings.HasPrefix(v.URL, "http://"):
			if l.Href != v.URL || l.Rel != "noopener noreferrer" || l.Target != "_blank" {
				t.Errorf("%s: link href %q rel %q target %q, want %q, noopener noreferrer, _blank", v.ID, l.Href, l.Rel, l.Target, v.URL)
			}
		case v.URL != "":
			if l.Href != "" || l.Text != v.URL {
				t.Errorf("%s: URL %q shown as %q with link %q, want text and no link", v.ID, v.URL, l.Text, l.Href)
			}
		default:
			if l.Href != "" || l.Text != "" {
				t.Errorf("%s: no URL, but shows %q (link %q)", v.ID, l.Text, l.Href)
			}
		}
		if v.G != "" && v.GV != 0 {
			if want := "v" + strconv.Itoa(v.GV) + " of " + v.G; l.Agency != want {
				t.Errorf("%s: agency item shown as %q, want %q", v.ID, l.Agency, want)
			}
		}
		if x, ok := pos[v.Up]; ok && v.Up != "" {
			if want := "update of #" + strconv.Itoa(x+1); l.Update != want {
				t.Errorf("%s: shows %q, want %q", v.ID, l.Update, want)
			}
		}
		if l.Raw != v.D {
			t.Errorf("%s: date titled %q, want the date as written, %q", v.ID, l.Raw, v.D)
		}
		want := map[string]string{
			"2026-03-13":                "13 Mar 2026", // a day: not shifted to the 12th in New York
			"2026-03-12T06:10:00+01:00": "12 Mar 2026, 01:10",
			"2026-03-13T07:00:00+01:00": "13 Mar 2026, 02:00",
		}[v.D]
		if want != "" && l.Date != want {
			t.Errorf("%s: date %s shown as %q, want %q", v.ID, v.D, l.Date, want)
		}
	}
}
