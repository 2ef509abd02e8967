package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
)

// chromiumPath is where Debian's chromium package puts the browser.
const chromiumPath = "/usr/bin/chromium"

// seedsDir holds the real seed articles, beside the repository.
const seedsDir = "../../../shared/seeds"

// browser is a headless chromium driven by chromedp, with what the page
// asked of the network and the JavaScript errors it threw.
type browser struct {
	ctx context.Context

	mu       sync.Mutex
	requests []string
	errors   []string
}

// newBrowser starts chromium with a fresh profile under dir. It skips the
// test when chromium is not installed, except on CI (CI=true), which
// installs it and must run the test.
func newBrowser(t *testing.T, dir string) *browser {
	t.Helper()
	return newBrowserFor(t, dir, 60*time.Second)
}

// newBrowserFor is newBrowser with the time the whole test may take in
// the browser.
func newBrowserFor(t *testing.T, dir string, limit time.Duration) *browser {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not found: CI must install chromium (see .ci/run): %v", chromiumPath, err)
		}
		t.Skipf("%s not found: install chromium (apt-get install chromium) to run the browser test", chromiumPath)
	}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	t.Cleanup(cancel)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(dir, "chromium-profile")),
	)
	t.Cleanup(cancelAlloc)
	b := &browser{}
	tabCtx, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithErrorf(t.Logf),
		chromedp.WithListener(b.listen))
	t.Cleanup(cancelTab)
	b.ctx = tabCtx
	return b
}

// listen records the page's requests and uncaught exceptions. It runs in
// the tab's event loop: it must return fast and run no command.
func (b *browser) listen(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		b.requests = append(b.requests, ev.Request.URL)
	case *runtime.EventExceptionThrown:
		msg := ev.ExceptionDetails.Text
		if ex := ev.ExceptionDetails.Exception; ex != nil {
			msg += " " + ex.Description
		}
		b.errors = append(b.errors, msg)
	}
}

// do runs chromedp actions and fails the test on error.
func (b *browser) do(t *testing.T, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// value runs one chromedp action and returns its value, failing the test
// on error.
func value[T any](t *testing.T, b *browser, what string, action chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, action)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// listRow is a row of the report's story list.
type listRow struct {
	ID string `json:"id"`
	N  string `json:"n"`
}

const jsListRows = `Array.from(document.querySelectorAll('#stories tbody tr')).map(function (tr) {
  return {id: tr.dataset.story, n: tr.querySelector('td.n').textContent};
})`

// highlight is how one version shows the copy block holding a sentence.
type highlight struct {
	Version string  `json:"version"`
	Block   string  `json:"block"`
	Colour  string  `json:"colour"`
	Row     int     `json:"row"`
	Left    float64 `json:"left"`
	Top     float64 `json:"top"`
}

// jsHighlights finds, in each version column of the comparison, the copy
// block span holding "4. september skrev" (the sentence "Den 4. september
// skrev …", whose "Den" one version cut): its block, colour, table row and
// where its paragraph stands.
const jsHighlights = `Array.from(document.querySelectorAll('#compare table.compare thead th.vcol')).map(function (th) {
  var cells = Array.from(document.querySelectorAll('#compare table.compare tbody td[data-x="' + th.dataset.x + '"]'));
  var span = null;
  cells.some(function (td) {
    span = Array.from(td.querySelectorAll('.blk')).find(function (s) {
      return s.textContent.indexOf('4. september skrev') >= 0;
    }) || null;
    return span;
  });
  var para = span ? span.closest('.para').getBoundingClientRect() : {left: 0, top: 0};
  return {version: th.dataset.version, block: span ? span.dataset.block : '',
    colour: span ? getComputedStyle(span).backgroundColor : '',
    row: span ? span.closest('tr').rowIndex : -1, left: para.left, top: para.top};
})`

// jsCompared is the IDs of the versions shown side by side, in order.
const jsCompared = `Array.from(document.querySelectorAll('#compare table.compare thead th.vcol')).map(function (th) { return th.dataset.version; })`

// TestReportE2E opens the report of the seed articles in chromium: the
// three-version story is listed, the filter narrows the list, and the
// opened story compares two versions side by side, three once the third is
// chosen, with the shared sentence highlighted as one copy block in one
// colour on one row. It saves a screenshot, also
// to $NEARDUP_SCREENSHOT when set.
func TestReportE2E(t *testing.T) {
	if _, err := os.Stat(seedsDir); err != nil {
		t.Skipf("seed articles not found at %s (the shared folder beside the repository): %v", seedsDir, err)
	}
	dir := t.TempDir()
	b := newBrowser(t, dir)
	out := filepath.Join(dir, "out")
	if code, _, stderr := runCLI(t, "", "dedupe", "--quiet", "--out", out, seedsDir); code != 0 {
		t.Fatalf("dedupe: exit %d: %s", code, stderr)
	}
	page, err := filepath.Abs(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	b.do(t, "open report", chromedp.EmulateViewport(1440, 1200), chromedp.Navigate("file://"+page),
		chromedp.WaitVisible(chromedp.CSS(`#stories tbody tr`)))
	story := checkList(t, value(t, b, "list rows", chromedp.Evaluate[[]listRow](jsListRows)))

	b.do(t, "filter", chromedp.SendKeys(chromedp.CSS(`#filter`), "003_99bb"))
	filtered := value(t, b, "filtered rows", chromedp.Evaluate[[]listRow](jsListRows))
	if diff := cmp.Diff([]listRow{{ID: "s:003_99bbd8881046820a", N: "1"}}, filtered); diff != "" {
		t.Errorf("list filtered by %q (-want +got):\n%s", "003_99bb", diff)
	}
	if count, want := value(t, b, "count", chromedp.Text(chromedp.CSS(`#count`))), "1 of 3 stories"; count != want {
		t.Errorf("count = %q, want %q", count, want)
	}

	b.do(t, "open story",
		chromedp.Evaluate[chromedp.Void](`var f = document.getElementById('filter'); f.value = ''; f.dispatchEvent(new Event('input'))`),
		chromedp.Click(chromedp.CSS(`tr[data-story="`+story+`"] td.title`)),
		chromedp.WaitVisible(chromedp.CSS(`#compare table.compare thead th.vcol`)))
	if got := value(t, b, "compared", chromedp.Evaluate[[]string](jsCompared)); len(got) != 2 {
		t.Fatalf("the story compares %q by default, want the canonical version and the next", got)
	}
	b.do(t, "choose the third version", chromedp.Click(chromedp.CSS(`#picker input[data-x="2"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#compare table.compare[data-cols="3"]`)))
	checkHighlights(t, value(t, b, "highlights", chromedp.Evaluate[[]highlight](jsHighlights)))
	checkEdits(t, value(t, b, "edited paragraphs", chromedp.Evaluate[[]editedPara](jsEditedParas)))
	saveScreenshot(t, dir, value(t, b, "screenshot", chromedp.CaptureScreenshot()))

	b.checkQuiet(t)
}

// checkQuiet fails the test when the page made a request or raised a
// JavaScript error.
func (b *browser) checkQuiet(t *testing.T) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, u := range b.requests {
		if !strings.HasPrefix(u, "file://") {
			t.Errorf("page requested %s; the report must make no request", u)
		}
	}
	if len(b.errors) > 0 {
		t.Errorf("JavaScript errors: %q", b.errors)
	}
}

// checkList checks that the story of the three seed versions is listed
// first with 3 versions, and returns its ID.
func checkList(t *testing.T, rows []listRow) string {
	t.Helper()
	if len(rows) != 3 {
		t.Fatalf("list has %d rows, want 3 (one per story): %v", len(rows), rows)
	}
	first := rows[0]
	versions := []string{"s:000_99c926d0dad501c2", "s:001_d6982268f6dcb9fe", "s:002_a75ab9e7c9efdf67"}
	if first.N != "3" || !slices.Contains(versions, first.ID) {
		t.Fatalf("first row = %+v, want the story of 000, 001 and 002 with 3 versions", first)
	}
	return first.ID
}

// checkHighlights checks that the three versions stand side by side and
// show the shared sentence in one block with one background colour, on one
// row of the comparison.
func checkHighlights(t *testing.T, hls []highlight) {
	t.Helper()
	if len(hls) != 3 {
		t.Fatalf("%d version columns, want 3: %+v", len(hls), hls)
	}
	for i, h := range hls {
		if h.Block == "" {
			t.Errorf("version %s: no highlighted block holds %q", h.Version, "4. september skrev")
			continue
		}
		if h.Colour == "" || h.Colour == "rgba(0, 0, 0, 0)" || h.Colour == "transparent" {
			t.Errorf("version %s: block %s has no background colour", h.Version, h.Block)
		}
		if i == 0 {
			continue
		}
		if h.Block != hls[0].Block || h.Colour != hls[0].Colour {
			t.Errorf("version %s shows the sentence as %s in %s; version %s as %s in %s",
				h.Version, h.Block, h.Colour, hls[0].Version, hls[0].Block, hls[0].Colour)
		}
		if h.Row != hls[0].Row || h.Left <= hls[i-1].Left {
			t.Errorf("version %s shows the sentence in row %d at x %v, not beside version %s (row %d at x %v)",
				h.Version, h.Row, h.Left, hls[i-1].Version, hls[i-1].Row, hls[i-1].Left)
		}
	}
}

// editedPara is how the page shows an edited paragraph.
type editedPara struct {
	Version string `json:"version"`
	Para    string `json:"para"`
	Del     int    `json:"del"`
	Ins     int    `json:"ins"`
}

const jsEditedParas = `Array.from(document.querySelectorAll('#compare td[data-version] .para.k-edited')).map(function (p) {
  return {version: p.closest('td').dataset.version, para: p.dataset.para,
    del: p.querySelectorAll('del').length, ins: p.querySelectorAll('ins').length};
})`

// checkEdits checks that the opened story has edited paragraphs and that
// the page folded each one's word diff into its text: a diff it could not
// fold shows no deleted or inserted word.
func checkEdits(t *testing.T, paras []editedPara) {
	t.Helper()
	if len(paras) == 0 {
		t.Fatal("the three-version story shows no edited paragraph")
	}
	for _, p := range paras {
		if p.Del+p.Ins == 0 {
			t.Errorf("version %s ¶%s is edited but shows no deleted or inserted word", p.Version, p.Para)
		}
	}
}

// saveScreenshot writes the PNG into dir and, when NEARDUP_SCREENSHOT is
// set, to that path too (docs/report.png in the README is made so).
func saveScreenshot(t *testing.T, dir string, png []byte) {
	t.Helper()
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("screenshot is not a PNG (%d bytes)", len(png))
	}
	paths := []string{filepath.Join(dir, "report.png")}
	if p := os.Getenv("NEARDUP_SCREENSHOT"); p != "" {
		paths = append(paths, p)
	}
	for _, p := range paths {
		if err := os.WriteFile(p, png, 0o644); err != nil {
			t.Fatalf("save screenshot: %v", err)
		}
	}
	t.Logf("screenshot: %s", strings.Join(paths, ", "))
}
