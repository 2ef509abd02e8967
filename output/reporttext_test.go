package output

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/neardup/neardup/corpus"
)

// TestReportTexts checks that the text of every version of every story can
// be read back from the report, exactly as it was read.
func TestReportTexts(t *testing.T) {
	res := runOn(t, "../demo/corpus.jsonl")
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
