package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
)

// reportStory is a story as report.html's data has it (the fields the
// browser tests check the page against).
type reportStory struct {
	ID  string   `json:"id"`
	N   int      `json:"n"`
	D0  string   `json:"d0"`
	D1  string   `json:"d1"`
	Src []string `json:"src"`
	CS  *float64 `json:"cs"`
	F   []string `json:"f"`
	V   []struct {
		ID  string `json:"id"`
		D   string `json:"d"`
		URL string `json:"url"`
		G   string `json:"g"`
		GV  int    `json:"gv"`
		Up  string `json:"up"`
	} `json:"v"`
}

// reportData reads the stories embedded in a report.html.
func reportData(t *testing.T, page string) []reportStory {
	t.Helper()
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	const open = `<script type="application/json" id="data">`
	_, rest, ok := bytes.Cut(html, []byte(open))
	if !ok {
		t.Fatalf("%s: no data element", page)
	}
	js, _, ok := bytes.Cut(rest, []byte("</script>"))
	if !ok {
		t.Fatalf("%s: data element not closed", page)
	}
	var data struct {
		Stories []reportStory `json:"stories"`
	}
	if err := json.Unmarshal(js, &data); err != nil {
		t.Fatalf("%s: data: %v", page, err)
	}
	return data.Stories
}

// emulateZone makes the page see the time zone and locale given, whatever
// the machine's, so that the dates it shows can be checked.
func emulateZone(zone, locale string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: zone}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, emulation.SetLocaleOverride, emulation.SetLocaleOverrideParams{Locale: locale})
		return err
	})
}

// demoReport writes the report of the bundled demo corpus under dir and
// returns the path of its report.html.
func demoReport(t *testing.T, dir string) string {
	t.Helper()
	out := filepath.Join(dir, "out")
	if code, _, stderr := runCLI(t, "", "dedupe", "--quiet", "--out", out, demoCorpus); code != 0 {
		t.Fatalf("dedupe: exit %d: %s", code, stderr)
	}
	page, err := filepath.Abs(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	return page
}

// sortHead is the state of a sortable column head of the story list.
type sortHead struct {
	Key   string `json:"key"`
	Sort  string `json:"sort"` // aria-sort, "" when unset
	Arrow string `json:"arrow"`
}

const jsSortHeads = `Array.from(document.querySelectorAll('#stories thead th[data-sort]')).map(function (th) {
  return {key: th.dataset.sort, sort: th.getAttribute('aria-sort') || '', arrow: th.querySelector('.arrow').textContent};
})`

// listDate is how the list shows a story's first date.
type listDate struct {
	ID    string `json:"id"`
	Text  string `json:"text"`
	Title string `json:"title"`
}

const jsListDates = `Array.from(document.querySelectorAll('#stories tbody tr')).map(function (tr) {
  var td = tr.querySelector('td.dates');
  return {id: tr.dataset.story, text: td.textContent, title: td.title};
})`

// TestReportListSortFilter drives the story list of the demo corpus's
// report in chromium, in New York's time zone and a British locale: the
// column heads sort it (stable, ties and stories without a value in the
// data's order), the filter finds flags, sources and dates as well as
// text, with all its words required, and dates read as local dates with
// the raw text in their title.
func TestReportListSortFilter(t *testing.T) {
	dir := t.TempDir()
	b := newBrowser(t, dir)
	page := demoReport(t, dir)
	stories := reportData(t, page)
	b.do(t, "open report", emulateZone("America/New_York", "en_GB"), chromedp.EmulateViewport(1366, 900),
		chromedp.Navigate("file://"+page), chromedp.WaitVisible(chromedp.CSS(`#stories tbody tr`)))

	ids := func(what string) []string {
		t.Helper()
		var out []string
		for _, r := range value(t, b, what, chromedp.Evaluate[[]listRow](jsListRows)) {
			out = append(out, r.ID)
		}
		return out
	}
	dataOrder := make([]string, len(stories))
	for i, s := range stories {
		dataOrder[i] = s.ID
	}
	if diff := cmp.Diff(dataOrder, ids("rows")); diff != "" {
		t.Errorf("the list is not in the data's order (-want +got):\n%s", diff)
	}

	// sorted orders the stories by key (ok false: no value, listed last),
	// ties in the data's order.
	sorted := func(dir int, key func(s reportStory) (float64, bool)) []string {
		idx := make([]int, len(stories))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(a, b int) int {
			ka, oka := key(stories[a])
			kb, okb := key(stories[b])
			switch {
			case !oka || !okb:
				if oka == okb {
					return 0
				}
				if !oka {
					return 1
				}
				return -1
			case ka < kb:
				return -dir
			case ka > kb:
				return dir
			}
			return 0
		})
		out := make([]string, len(idx))
		for i, x := range idx {
			out[i] = stories[x].ID
		}
		return out
	}
	copyShare := func(s reportStory) (float64, bool) {
		if s.N < 2 {
			return 0, false
		}
		if s.CS == nil {
			return 0, true
		}
		return *s.CS, true
	}
	versions := func(s reportStory) (float64, bool) { return float64(s.N), true }
	for _, step := range []struct {
		key  string
		want []string
		aria string
	}{
		{"cs", sorted(-1, copyShare), "descending"},
		{"cs", sorted(1, copyShare), "ascending"},
		{"n", sorted(-1, versions), "descending"},
		{"n", sorted(1, versions), "ascending"},
	} {
		b.do(t, "sort by "+step.key, chromedp.Click(chromedp.CSS(`#stories th[data-sort="`+step.key+`"] button`)))
		if diff := cmp.Diff(step.want, ids("sorted rows")); diff != "" {
			t.Errorf("sorted by %s %s (-want +got):\n%s", step.key, step.aria, diff)
		}
		for _, h := range value(t, b, "sort heads", chromedp.Evaluate[[]sortHead](jsSortHeads)) {
			want := ""
			if h.Key == step.key {
				want = step.aria
			}
			if h.Sort != want {
				t.Errorf("sorted by %s %s: head %s has aria-sort %q, want %q", step.key, step.aria, h.Key, h.Sort, want)
			}
			if wantArrow := map[string]string{"ascending": "▲", "descending": "▼"}[want]; want != "" && h.Arrow != wantArrow {
				t.Errorf("sorted by %s %s: head shows %q, want %q", step.key, step.aria, h.Arrow, wantArrow)
			}
		}
	}
	if got := sorted(-1, copyShare); got[0] == dataOrder[0] && slices.Equal(got, dataOrder) {
		t.Fatalf("the demo's copy shares are in the data's order: the sort test shows nothing")
	}

	// Readable dates, in the page's time zone, raw text in the title.
	wantDates := map[string]string{
		"s:storm-ritzau": "14 Jan 2026, 00:42", // 06:42 in Copenhagen, 00:42 in New York
		"s:fire-reuters": "10 Mar 2026, 02:30", // 06:30 UTC, summer time in New York
	}
	for _, d := range value(t, b, "list dates", chromedp.Evaluate[[]listDate](jsListDates)) {
		var s reportStory
		for _, x := range stories {
			if x.ID == d.ID {
				s = x
			}
		}
		if s.D0 == "" {
			continue
		}
		if !strings.HasPrefix(d.Title, s.D0) || d.Text == "" || d.Text == s.D0 {
			t.Errorf("story %s shows first seen %q titled %q; want a readable date titled %q", d.ID, d.Text, d.Title, s.D0)
		}
		if want, ok := wantDates[d.ID]; ok && d.Text != want {
			t.Errorf("story %s shows first seen %q, want %q (%s in New York)", d.ID, d.Text, want, s.D0)
		}
	}

	// The filter: flags, sources, dates, text; words ANDed.
	// where is the stories pred holds for, in the list's order (still
	// sorted by versions, ascending).
	where := func(pred func(reportStory) bool) []string {
		var out []string
		for _, id := range sorted(1, versions) {
			for _, s := range stories {
				if s.ID == id && pred(s) {
					out = append(out, id)
				}
			}
		}
		return out
	}
	uncredited := where(func(s reportStory) bool { return slices.Contains(s.F, "uncredited_copy") })
	datedIn := func(prefix string) func(reportStory) bool {
		return func(s reportStory) bool {
			if strings.HasPrefix(s.D0, prefix) || strings.HasPrefix(s.D1, prefix) {
				return true
			}
			for _, v := range s.V {
				if strings.HasPrefix(v.D, prefix) {
					return true
				}
			}
			return false
		}
	}
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"uncredited", uncredited},
		{"UNCREDITED copy", uncredited},
		{"teesside-echo-demo", where(func(s reportStory) bool { return slices.Contains(s.Src, "teesside-echo-demo") })},
		{"2026-03", where(datedIn("2026-03"))},
		{"2026-03-10", where(datedIn("2026-03-10"))},
		{"ritzau 2026-01-21", []string{"s:insurance-followup"}},
		{"reuters uncredited", where(func(s reportStory) bool {
			return slices.Contains(s.Src, "reuters") && slices.Contains(s.F, "uncredited_copy")
		})},
		{"14 Jan 2026, 00:42", []string{"s:storm-ritzau"}},
		{"no-such-thing", nil},
	} {
		b.do(t, "filter "+tc.query, chromedp.SetValue(chromedp.CSS(`#filter`), tc.query),
			chromedp.Evaluate[chromedp.Void](`document.getElementById('filter').dispatchEvent(new Event('input'))`))
		if len(tc.want) == 0 && tc.query != "no-such-thing" {
			t.Fatalf("filter %q: the demo has no story to find", tc.query)
		}
		if diff := cmp.Diff(tc.want, ids("filtered rows")); diff != "" {
			t.Errorf("filter %q (-want +got):\n%s", tc.query, diff)
		}
	}
	if ph := value(t, b, "placeholder", chromedp.Evaluate[string](`document.getElementById('filter').placeholder`)); !strings.Contains(ph, "flag") || !strings.Contains(ph, "date") {
		t.Errorf("filter placeholder %q does not say flags and dates are matched", ph)
	}

	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.errors) > 0 {
		t.Errorf("JavaScript errors: %q", b.errors)
	}
}
