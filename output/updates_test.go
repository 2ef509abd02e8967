package output

import (
	"testing"
	"time"

	"github.com/neardup/neardup/dedupe"
)

func TestAgencyUpdates(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, d, 10, 0, 0, 0, time.UTC) }
	docs := []*dedupe.Doc{
		{ID: "r3", GUID: "urn:r", Version: 3, Date: day(3)},
		{ID: "r1", GUID: "urn:r", Version: 1, Date: day(1)},
		{ID: "r2", GUID: "urn:r", Version: 2, Date: day(2)},
		{ID: "r2-again", GUID: "urn:r", Version: 2, Date: day(2)}, // the same version delivered twice
		{ID: "plain"},
		{ID: "n-late", GUID: "nitf-1", Date: day(5)}, // no version numbers: by date
		{ID: "n-early", GUID: "nitf-1", Date: day(4)},
		{ID: "alone", GUID: "urn:alone", Version: 4},
	}
	want := map[string]string{"r3": "r2", "r1": "", "r2": "r1", "r2-again": "r1", "plain": "", "n-late": "n-early", "n-early": "", "alone": ""}
	prev := agencyUpdates(docs)
	for i, d := range docs {
		got := ""
		if prev[i] >= 0 {
			got = docs[prev[i]].ID
		}
		if got != want[d.ID] {
			t.Errorf("update of %s = %q, want %q", d.ID, got, want[d.ID])
		}
	}
	if prev := agencyUpdates([]*dedupe.Doc{{ID: "a"}, {ID: "b"}}); prev != nil {
		t.Errorf("no GUIDs: got %v, want nil", prev)
	}
}
