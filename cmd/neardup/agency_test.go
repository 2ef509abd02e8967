package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/neardup/neardup/output"
)

// agencyCorpus is a fictional Ritzau item in two versions (same guid,
// versions 1 and 2) and a local outlet's uncredited rewrite of it.
const agencyCorpus = `{"id":"r-1","guid":"urn:newsml:ritzau.dk:20260312:RB1","version":1,"url":"https://example.dk/r1","date":"2026-03-12T08:00:00+01:00","source":"ritzau","body":"Færgen mellem Aarhus og Odder er aflyst i hele dag på grund af storm, oplyser rederiet.\n\nRederiet venter, at færgen sejler igen i morgen tidlig, hvis vinden har lagt sig.\n\nPassagerer kan få pengene tilbage for billetter til aflyste afgange ved at kontakte kundeservice."}
{"id":"r-2","guid":"urn:newsml:ritzau.dk:20260312:RB1","version":2,"url":"https://example.dk/r2","date":"2026-03-12T10:00:00+01:00","source":"ritzau","body":"Stormen har nu også lukket broen over Vejle Fjord for lastbiler, oplyser politiet.\n\nFærgen mellem Aarhus og Odder er aflyst i hele dag på grund af storm, oplyser rederiet.\n\nRederiet venter, at færgen sejler igen i morgen tidlig, hvis vinden har lagt sig.\n\nPassagerer kan få pengene tilbage for billetter til aflyste afgange ved at kontakte kundeservice."}
{"id":"local","url":"https://lokal.example.dk/faerge","date":"2026-03-12T11:00:00+01:00","source":"lokalavisen","body":"Ingen færger i dag: Odder-færgen bliver i havn.\n\nFærgen mellem Aarhus og Odder er aflyst i hele dag på grund af storm, oplyser rederiet.\n\nRederiet venter, at færgen sejler igen i morgen tidlig, hvis vinden har lagt sig.\n\nPassagerer kan få pengene tilbage for billetter til aflyste afgange ved at kontakte kundeservice."}
`

// TestAgencyUpdates checks that the agency's own versions of an item (same
// guid, rising version) are marked as its updates in every output, with
// their links, and that only the outlet's uncredited rewrite is flagged.
func TestAgencyUpdates(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "agency.jsonl")
	if err := os.WriteFile(in, []byte(agencyCorpus), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	mustRun(t, "", "dedupe", "--quiet", "--out", out, in)

	arts := map[string]output.Article{}
	if err := scanJSONL(filepath.Join(out, "articles.jsonl"), func(line []byte) error {
		var a output.Article
		if err := json.Unmarshal(line, &a); err != nil {
			return err
		}
		arts[a.ID] = a
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		updateOf, url string
		version       int
		flagged       bool
	}{
		"r-1":   {"", "https://example.dk/r1", 1, false},
		"r-2":   {"r-1", "https://example.dk/r2", 2, false},
		"local": {"", "https://lokal.example.dk/faerge", 0, true},
	}
	for id, w := range want {
		a := arts[id]
		if a.UpdateOf != w.updateOf || a.URL != w.url || a.Version != w.version {
			t.Errorf("%s: update_of %q, url %q, version %d; want %q, %q, %d", id, a.UpdateOf, a.URL, a.Version, w.updateOf, w.url, w.version)
		}
		if got := slices.Contains(a.Flags, "uncredited_copy"); got != w.flagged || a.Story != "s:r-1" {
			t.Errorf("%s: story %s, flagged %v; want s:r-1, flagged %v", id, a.Story, got, w.flagged)
		}
	}

	raw, err := os.ReadFile(filepath.Join(out, "stories.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sf output.StoriesFile
	if err := json.Unmarshal(raw, &sf); err != nil {
		t.Fatal(err)
	}
	if m := sf.Stories[0].Members[1]; m.ID != "r-2" || m.UpdateOf != "r-1" || m.GUID != "urn:newsml:ritzau.dk:20260312:RB1" || m.URL != "https://example.dk/r2" {
		t.Errorf("stories.json member %+v; want r-2 as the agency's update of r-1, with its guid and url", m)
	}

	f, err := os.Open(filepath.Join(out, "articles.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[2]; got[0] != "r-2" || got[len(got)-1] != "r-1" || got[9] != "https://example.dk/r2" {
		t.Errorf("articles.csv row of r-2: %q; want its url and update_of r-1", got)
	}

	show := mustRun(t, "", "show", "--dir", out, "r-2")
	if !strings.Contains(show, "version 2 of item urn:newsml:ritzau.dk:20260312:RB1 · the agency's update of r-1") {
		t.Errorf("show does not name the agency's update:\n%s", show)
	}
}
