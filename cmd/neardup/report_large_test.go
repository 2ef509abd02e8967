package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestReportLarge opens a large report in chromium and logs how long the
// story list takes to show, to filter and to open the largest story: the
// check that report.html stays usable at tens of thousands of stories. It
// runs only when NEARDUP_REPORT_LARGE names a report.html, for example:
//
//	neardup bench gen --articles 100000 --seed 1 --out out/gen100k.jsonl
//	neardup dedupe --quiet --out out/gen100k out/gen100k.jsonl
//	NEARDUP_REPORT_LARGE=$PWD/out/gen100k/report.html go test ./cmd/neardup -run ReportLarge -v
//
// It asserts what a user relies on (every story counted, rows listed, the
// filter narrowing, the story's versions mapped and two compared); the times are logged,
// not asserted.
func TestReportLarge(t *testing.T) {
	page := os.Getenv("NEARDUP_REPORT_LARGE")
	if page == "" {
		t.Skip("set NEARDUP_REPORT_LARGE to a report.html to run")
	}
	page, err := filepath.Abs(page)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(page)
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowserFor(t, t.TempDir(), 10*time.Minute) // a page of hundreds of MB takes a minute to load
	start := time.Now()
	b.do(t, "open report", chromedp.EmulateViewport(1440, 1200), chromedp.Navigate("file://"+page),
		chromedp.WaitVisible(chromedp.CSS(`#stories tbody tr`)))
	listed := time.Since(start)
	count := value(t, b, "count", chromedp.Text(chromedp.CSS(`#count`)))
	rows := value(t, b, "list rows", chromedp.Evaluate[[]listRow](jsListRows))
	if len(rows) == 0 || rows[0].N == "1" {
		t.Fatalf("first rows %v: want the largest story first", rows[:min(3, len(rows))])
	}
	total := strings.Fields(count)[0] // "37284 stories", or "N of M stories"
	if n, err := strconv.Atoi(strings.ReplaceAll(total, ",", "")); err != nil || n < 2 {
		t.Fatalf("count %q: want the number of stories", count)
	}

	start = time.Now()
	b.do(t, "filter", chromedp.SendKeys(chromedp.CSS(`#filter`), rows[0].ID))
	filtered := value(t, b, "filtered rows", chromedp.Evaluate[[]listRow](jsListRows))
	filterTime := time.Since(start)
	if len(filtered) != 1 || filtered[0].ID != rows[0].ID {
		t.Errorf("filter by %q: rows %v", rows[0].ID, filtered)
	}

	start = time.Now()
	b.do(t, "open story",
		chromedp.Click(chromedp.CSS(`tr[data-story="`+rows[0].ID+`"] td.title`)),
		chromedp.WaitVisible(chromedp.CSS(`#compare table.compare thead th.vcol`)))
	opened := time.Since(start)
	versions := value(t, b, "versions", chromedp.Evaluate[int](`document.querySelectorAll('#map table.map thead th.vh').length`))
	if strconv.Itoa(versions) != rows[0].N {
		t.Errorf("story %s maps %d versions, list says %s", rows[0].ID, versions, rows[0].N)
	}
	if compared := value(t, b, "compared", chromedp.Evaluate[int](`document.querySelectorAll('#compare th.vcol').length`)); compared != 2 {
		t.Errorf("story %s compares %d versions, want 2", rows[0].ID, compared)
	}
	t.Logf("%s (%d MB, %s): list shown in %v, filter in %v, story of %d versions opened in %v",
		page, info.Size()>>20, count, listed.Round(time.Millisecond), filterTime.Round(time.Millisecond),
		versions, opened.Round(time.Millisecond))
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.errors) > 0 {
		t.Errorf("JavaScript errors: %q", b.errors)
	}
}
