package dedupe

import (
	"slices"
	"testing"
)

// TestSpilledWords checks that word hashes sent to disk come back as they
// were, that a comparer reads them, and that a store that can no longer be
// read makes the comparer report an error rather than a silent match.
func TestSpilledWords(t *testing.T) {
	docs := demoDocs(t)
	a, b := docs[0], docs[1]
	want := [][]uint32{slices.Clone(a.Tokens), slices.Clone(b.Tokens)}
	before := NewComparer(DefaultParams(), false)
	before.SetA(a)
	wantCmp := before.Compare(b)
	if len(wantCmp.Matches) == 0 {
		t.Fatalf("%s and %s share nothing: pick two versions of one story", a.ID, b.ID)
	}

	store := newTextStore(t.TempDir())
	id, shard, err := store.shard()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []*Doc{a, b} {
		if err := d.spillWords(store, id, shard); err != nil {
			t.Fatal(err)
		}
		if d.Tokens != nil {
			t.Fatalf("%s: Tokens kept in memory after spillWords", d.ID)
		}
	}
	if err := store.finish(); err != nil {
		t.Fatal(err)
	}
	for i, d := range []*Doc{a, b} {
		got, err := d.words(nil)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want[i]) {
			t.Errorf("%s: words read back differ from Tokens", d.ID)
		}
	}
	c := NewComparer(DefaultParams(), false)
	c.SetA(a)
	if got := c.Compare(b); got.SharedA != wantCmp.SharedA || got.SharedB != wantCmp.SharedB || len(got.Matches) != len(wantCmp.Matches) {
		t.Errorf("comparison on words read back = %+v, want %+v", got, wantCmp)
	}
	if c.err != nil {
		t.Fatal(c.err)
	}

	// A comparer that met a Doc with Tokens in memory must not read the
	// next Doc's words into them.
	kept := &Doc{Tokens: slices.Clone(want[1]), Sents: b.Sents, Paras: b.Paras, ID: "in-memory"}
	mixed := NewComparer(DefaultParams(), false)
	mixed.SetA(kept)
	mixed.Compare(kept)
	mixed.SetA(a) // spilled: read back into the comparer's own buffer
	mixed.Compare(a)
	if !slices.Equal(kept.Tokens, want[1]) {
		t.Error("reading spilled words overwrote another Doc's Tokens")
	}

	if err := store.close(); err != nil {
		t.Fatal(err)
	}
	c = NewComparer(DefaultParams(), false)
	c.SetA(a)
	if got := c.Compare(b); len(got.Matches) != 0 {
		t.Errorf("unreadable words matched %d sentences", len(got.Matches))
	}
	if c.err == nil {
		t.Error("reading words from a closed store: no error")
	}
}
