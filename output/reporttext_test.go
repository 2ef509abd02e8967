package output

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/dedupe"
)

// TestReportTexts checks that the text of every version of every story can
// be read back from the report, exactly as it was read.
func TestReportTexts(t *testing.T) {
	checkReportTexts(t, runOn(t, "../demo/corpus.jsonl"))
}

// TestReportTextsRepeatedParagraph checks a version that carries one
// paragraph twice (a second ad line): the report names the first copy, and
// the text read back must still hold both.
func TestReportTextsRepeatedParagraph(t *testing.T) {
	lead := "The harbour in Esbjerg flooded at dawn and forty homes were evacuated by the fire service."
	wall := "The mayor said the sea wall had been raised in 2019, but the storm surge was higher than any on record."
	ad := "Artiklen fortsætter under annoncen"
	arts := []corpus.Article{
		{ID: "wire", Body: strings.Join([]string{lead, wall, "/ritzau/"}, "\n\n"), Lang: "en"},
		{ID: "desk", Body: strings.Join([]string{lead, ad, wall, ad}, "\n\n"), Lang: "en"},
	}
	res, err := dedupe.Run(context.Background(), corpus.Slice(arts), dedupe.Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	if len(res.Stories) != 1 {
		t.Fatalf("%d stories, want the two versions in one", len(res.Stories))
	}
	checkReportTexts(t, res)
}

// checkReportTexts checks that every story's texts read back from the
// report of res are the bodies as read.
func checkReportTexts(t *testing.T, res *dedupe.Result) {
	t.Helper()
	var report bytes.Buffer
	if err := NewWriter(res).WriteReport(&report); err != nil {
		t.Fatal(err)
	}
	for _, s := range res.Stories {
		got, err := ReportTexts(bytes.NewReader(report.Bytes()), s.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][]string{}
		if len(s.Members) > 1 {
			for _, m := range s.Members {
				body, err := res.Body(int(m))
				if err != nil {
					t.Fatal(err)
				}
				want[res.Docs[m].ID] = corpus.SplitParagraphs(body)
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("story %s: texts (-want +got):\n%s", s.ID, diff)
		}
	}
}

// FuzzReportTexts feeds ReportTexts damaged and hand-made reports: lines
// of a real report cut, flipped or rewritten. It must return texts or an
// error, never panic, whatever the story asked for.
func FuzzReportTexts(f *testing.F) {
	lead := "The harbour in Esbjerg flooded at dawn and forty homes were evacuated by the fire service."
	wall := "The mayor said the sea wall had been raised in 2019, but the storm surge was higher than any on record."
	arts := []corpus.Article{
		{ID: "wire", Body: strings.Join([]string{lead, wall, "/ritzau/"}, "\n\n"), Lang: "en"},
		{ID: "desk", Body: strings.Join([]string{lead, "Artiklen fortsætter under annoncen", wall}, "\n\n"), Lang: "en"},
	}
	res, err := dedupe.Run(context.Background(), corpus.Slice(arts), dedupe.Options{TempDir: f.TempDir()})
	if err != nil {
		f.Fatal(err)
	}
	var report bytes.Buffer
	if err := NewWriter(res).WriteReport(&report); err != nil {
		f.Fatal(err)
	}
	res.Close()
	id := res.Stories[0].ID
	f.Add(report.Bytes(), id)
	for _, line := range bytes.Split(report.Bytes(), []byte("\n")) {
		if bytes.HasPrefix(line, []byte(`{"id":`)) {
			f.Add(line, id)
			f.Add(line[:len(line)/2], id)
			f.Add(bytes.Replace(line, []byte(`"eq":[`), []byte(`"eq":[9,`), 1), id)
			f.Add(bytes.Replace(line, []byte(`"eq":[`), []byte(`"eq":[-1,`), 1), id)
		}
	}
	f.Add([]byte(`{"id":"s:x","v":[{"id":"a","p":[{"eq":[0,0]}]}]}`), "s:x")
	f.Add([]byte(`{"id":"s:x","v":[{"id":"a","p":[{"r":[1,2,"x"]}]}]}`), "s:x")
	f.Fuzz(func(t *testing.T, data []byte, story string) {
		texts, err := ReportTexts(bytes.NewReader(data), story)
		if err != nil && texts != nil {
			t.Errorf("error %v with texts %v", err, texts)
		}
	})
}
