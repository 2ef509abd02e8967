package index

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/neardup/neardup/corpus"
)

// TestRebuildResumes interrupts a rebuild after it saved the articles and
// moved the old files aside, as a kill would, and checks that running it
// again gives the whole index back, with the stories of the original.
func TestRebuildResumes(t *testing.T) {
	x, dir := openTemp(t)
	if _, err := x.Add(context.Background(), corpus.Slice(readArticles(t, demoCorpus)), AddOptions{}); err != nil {
		t.Fatal(err)
	}
	want := storiesOf(t, x)
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := salvage(context.Background(), dir, nil); err != nil {
		t.Fatal(err)
	}
	if err := moveAside(dir); err != nil {
		t.Fatal(err)
	}
	// Killed here: no index in dir, the salvage beside it.
	rep, err := Rebuild(context.Background(), dir, nil, RebuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Recovered != 22 || len(rep.Lost) != 0 || rep.StateError != "" || rep.BleveError != "" {
		t.Errorf("report %+v, want 22 recovered, none lost", rep)
	}
	x, err = Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	mustCheck(t, x)
	got := storiesOf(t, x)
	for id, s := range want {
		if got[id] != s {
			t.Errorf("%s is in story %q after the rebuild, %q before", id, got[id], s)
		}
	}
	for _, name := range []string{damagedName, salvageName, salvageMeta} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("%s left behind", name)
		}
	}
}

// storiesOf returns each indexed article's story.
func storiesOf(t *testing.T, x *Index) map[string]string {
	t.Helper()
	out := map[string]string{}
	if err := x.eachIndexed(context.Background(), func(id string, f map[string]interface{}) {
		out[id] = indexedState(f).Story
	}); err != nil {
		t.Fatal(err)
	}
	return out
}
