package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestReadIPTCEquivalence reads a folder mixing NewsML-G2, NITF, ninjs,
// .txt and .jsonl, and checks that it gives the very articles of the JSONL
// file written by hand beside it, field by field but for Origin.
func TestReadIPTCEquivalence(t *testing.T) {
	dir := filepath.Join("testdata", "iptc")
	got, err := readAll(t, dir, []string{filepath.Join(dir, "mixed")}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := readAll(t, dir, []string{filepath.Join(dir, "mixed.jsonl")}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Articles) != 7 {
		t.Fatalf("mixed.jsonl holds %d articles, want 7", len(want.Articles))
	}
	noOrigin := cmpopts.IgnoreFields(Article{}, "Origin")
	if diff := cmp.Diff(want.Articles, got.Articles, noOrigin); diff != "" {
		t.Errorf("the folder's articles differ from mixed.jsonl's (-jsonl +folder):\n%s", diff)
	}
	var origins []string
	for _, a := range got.Articles {
		origins = append(origins, a.Origin)
	}
	wantOrigins := []string{
		"mixed/feed.jsonl:1",
		"mixed/notits.txt",
		"mixed/ntb-ferjekai.nitf:3",
		"mixed/ntb-strom.json:1",
		"mixed/ritzau-havnebro.xml:9",
		"mixed/ritzau-havnebro.xml:44",
		"mixed/ritzau-storm.ninjs:2",
	}
	if diff := cmp.Diff(wantOrigins, origins); diff != "" {
		t.Errorf("origins mismatch (-want +got):\n%s", diff)
	}
	wantStats := ReadStats{Articles: 7, Files: 6}
	if diff := cmp.Diff(wantStats, got.Stats); diff != "" {
		t.Errorf("stats mismatch (-want +got):\n%s", diff)
	}
	if len(got.Warnings) > 0 {
		t.Errorf("warnings: %q", got.Warnings)
	}
}

// TestIPTCRoundTrip marshals the articles of the mixed folder with
// encoding/json, as the outputs do, and reads them back as JSON Lines.
func TestIPTCRoundTrip(t *testing.T) {
	dir := filepath.Join("testdata", "iptc")
	arts, err := ReadAll(t.Context(), []string{filepath.Join(dir, "mixed")}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var lines []byte
	for _, a := range arts {
		b, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(append(lines, b...), '\n')
	}
	back, err := ReadAll(t.Context(), []string{"-"}, ReadOptions{Stdin: bytes.NewReader(lines)})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(arts, back, cmpopts.IgnoreFields(Article{}, "Origin")); diff != "" {
		t.Errorf("articles read back differ (-read +read back):\n%s", diff)
	}
}

// iptcCase is a file of an agency format and what reading it gives.
type iptcCase struct {
	name     string
	file     string // the file's name; the case's format's usual one when empty
	in       string
	want     []Article // Origin relative to the directory
	wantWarn []string
}

// iptcErrorCase is a bad file and the error it gives, as it is without
// SkipBad; with SkipBad the message is a warning, and the articles before
// the problem are read.
type iptcErrorCase struct {
	name    string
	file    string
	in      string
	wantIs  error
	wantMsg string
	want    []string // IDs of the articles read with SkipBad
}

// runIPTCCases reads each case's file in a directory of its own and
// compares the articles and warnings.
func runIPTCCases(t *testing.T, defaultFile string, cases []iptcCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			file := cmpOr(tt.file, defaultFile)
			dir := writeTree(t, map[string]string{file: tt.in})
			got, err := readAll(t, dir, []string{dir}, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			want := result{
				Articles: tt.want,
				Stats:    ReadStats{Articles: len(tt.want), Files: 1},
				Warnings: tt.wantWarn,
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Read mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// runIPTCErrorCases reads each case's file, strictly and with SkipBad.
func runIPTCErrorCases(t *testing.T, defaultFile string, cases []iptcErrorCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			file := cmpOr(tt.file, defaultFile)
			dir := writeTree(t, map[string]string{file: tt.in})
			_, err := readAll(t, dir, []string{dir}, ReadOptions{MaxBytes: 2048})
			if !errors.Is(err, tt.wantIs) {
				t.Fatalf("Read error = %v, want %v", err, tt.wantIs)
			}
			if _, ok := errors.AsType[*InputError](err); !ok {
				t.Fatalf("Read error %T is not an *InputError", err)
			}
			if diff := cmp.Diff(tt.wantMsg, relTo(dir, err.Error())); diff != "" {
				t.Errorf("message mismatch (-want +got):\n%s", diff)
			}
			got, err := readAll(t, dir, []string{dir}, ReadOptions{MaxBytes: 2048, SkipBad: true})
			if err != nil {
				t.Fatalf("Read with SkipBad: %v", err)
			}
			var ids []string
			for _, a := range got.Articles {
				ids = append(ids, a.ID)
			}
			if diff := cmp.Diff(tt.want, ids); diff != "" {
				t.Errorf("articles read with SkipBad (-want +got):\n%s", diff)
			}
			if !slices.Contains(got.Warnings, tt.wantMsg+", skipped") {
				t.Errorf("warnings %q, want one to be %q", got.Warnings, tt.wantMsg+", skipped")
			}
			if got.Stats.Skipped == 0 {
				t.Errorf("stats.Skipped = 0")
			}
		})
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// at returns the time in the zone offset hours east of UTC.
func at(y int, m time.Month, d, h, min, offset int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.FixedZone("", offset*3600))
}

func TestParseNewsDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2026-03-12T10:15:00+01:00", at(2026, 3, 12, 10, 15, 1)},
		{"2026-03-12T10:15:00.25Z", time.Date(2026, 3, 12, 10, 15, 0, 25e7, time.UTC)},
		{"20260312T101500+0100", at(2026, 3, 12, 10, 15, 1)},
		{"20260312T101500Z", at(2026, 3, 12, 10, 15, 0)},
		{"20260312T1015+0100", at(2026, 3, 12, 10, 15, 1)},
		{"20260312T101500", at(2026, 3, 12, 10, 15, 0)},
		{"20260312", day(2026, 3, 12)},
		{"2026-03-12", day(2026, 3, 12)},
		{"2026-03", day(2026, 3, 1)},
		{"2026-03-12T10:15:00", at(2026, 3, 12, 10, 15, 0)},
	}
	for _, tt := range tests {
		got, err := parseNewsDate(tt.in, "x")
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("parseNewsDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"12.03.2026", "2026-13-01", "20261312T101500", "yesterday", "2026-03-12 10:15"} {
		if _, err := parseNewsDate(bad, "x"); !errors.Is(err, ErrBadDate) {
			t.Errorf("parseNewsDate(%q) error = %v, want ErrBadDate", bad, err)
		}
	}
}

func TestPrimaryLang(t *testing.T) {
	for in, want := range map[string]string{
		"da": "da", "da-DK": "da", "DA-dk": "da", "nb-NO": "nb", "no": "no", "nn_NO": "nn", " en-GB ": "en", "": "",
	} {
		if got := primaryLang(in); got != want {
			t.Errorf("primaryLang(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestItemID(t *testing.T) {
	tests := []struct {
		guid    string
		version int
		want    string
	}{
		{"urn:newsml:ritzau.dk:20260312:RB12345", 2, "urn:newsml:ritzau.dk:20260312:RB12345@2"},
		{"urn:newsml:ritzau.dk:20260312:RB12345", 0, "urn:newsml:ritzau.dk:20260312:RB12345"},
		{"", 3, ""},
	}
	for _, tt := range tests {
		if got := itemID(tt.guid, tt.version); got != tt.want {
			t.Errorf("itemID(%q, %d) = %q, want %q", tt.guid, tt.version, got, tt.want)
		}
	}
}

// latin1 returns s, UTF-8, encoded in ISO-8859-1; s must hold only runes
// below U+0100.
func latin1(t *testing.T, s string) string {
	t.Helper()
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xff {
			t.Fatalf("latin1: %q has %q", s, r)
		}
		b = append(b, byte(r))
	}
	return string(b)
}

// TestReadIPTCFixtures reads the files of testdata/iptc/formats, one of
// each format and form, against what they hold.
func TestReadIPTCFixtures(t *testing.T) {
	dir := filepath.Join("testdata", "iptc", "formats")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got, err := readAll(t, dir, []string{dir}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Stats.Files != len(entries) || len(got.Warnings) > 0 {
		t.Errorf("stats %+v, warnings %q; want %d files read, no warnings", got.Stats, got.Warnings, len(entries))
	}
	byFile := map[string][]string{}
	for _, a := range got.Articles {
		file, _, _ := strings.Cut(a.Origin, ":")
		byFile[file] = append(byFile[file], a.ID+" | "+a.Title+" | "+a.Lang+" | "+a.Body)
	}
	want := map[string][]string{
		"prefixed.xml": {"urn:newsml:example.dk:20260312:RB12346@1 | Færgen sejler igen | da | " +
			"Færgen mellem Aarhus og Odden sejler igen efter stormen.\n\nRederiet beklager forsinkelserne."},
		"cdata.newsml": {"cdata | Havnebad åbner i maj | da | Det nye havnebad i Aarhus åbner i maj.\n\nVandet er rent, siger kommunen."},
		"basic.nitf": {"NTB-20260314-0007@2 | Snøskred stenger E16 | nb | " +
			"E16 er stengt over Filefjell etter et snøskred natt til lørdag.\n\nIngen kjøretøy ble tatt av skredet.\n\nOmkjøring\n\nTrafikken ledes om Hemsedal."},
		"ninjs1.json": {"urn:newsml:example.no:20260314:X1@1 | Ny bybane til Fyllingsdalen | nb | Bybanen åpner neste måned.\n\nReisetiden blir 20 minutter."},
		"ninjs2.json": {
			"urn:newsml:example.dk:20260314:A1@1 | Regn i hele landet | da | Det regner i hele landet i dag.",
			"urn:newsml:example.dk:20260314:A2@1 | Sol i morgen | da | I morgen skinner solen.\n\nDet bliver 12 grader.",
		},
	}
	if diff := cmp.Diff(want, byFile); diff != "" {
		t.Errorf("articles by file (-want +got):\n%s", diff)
	}
}
