package dedupe

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestValidateNamesFlags pins that an out-of-range setting is reported by
// the flag a user typed, not by the Go field behind it.
func TestValidateNamesFlags(t *testing.T) {
	tests := []struct {
		name string
		set  func(*Params)
		want string
	}{
		{"shingle", func(p *Params) { p.ShingleSize = 17 }, "--shingle 17"},
		{"hashes", func(p *Params) { p.NumHashes = 8 }, "--hashes 8"},
		{"passage threshold", func(p *Params) { p.PassageThreshold = 1.5 }, "--passage-threshold 1.5"},
		{"threshold", func(p *Params) { p.Threshold = 0 }, "--threshold 0"},
		{"brief cover", func(p *Params) { p.BriefCover = -1 }, "--brief-cover -1"},
		{"min paragraphs", func(p *Params) { p.MinParagraphs = 0 }, "--min-paragraphs"},
		{"min keys", func(p *Params) { p.MinSharedKeys = 0 }, "--min-keys"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := DefaultParams()
			tc.set(&p)
			err := p.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Validate() = %v, want an error naming %q", err, tc.want)
			}
		})
	}
	if err := DefaultParams().Validate(); err != nil {
		t.Errorf("defaults: %v", err)
	}
}

func TestParamsDifferences(t *testing.T) {
	p := DefaultParams()
	if d := p.Differences(p, "a", "b"); len(d) != 0 {
		t.Errorf("equal params differ: %q", d)
	}
	q := p
	q.Threshold = 0.3
	q.Bands++
	q.MaxBucket = p.MaxBucket + 1
	got := p.Differences(q, "in the index", "given")
	want := []string{
		"bands (from --passage-threshold and --hashes): " + strconv.Itoa(p.Bands) + " in the index, " + strconv.Itoa(q.Bands) + " given",
		"--threshold: 0.2 in the index, 0.3 given",
		"MaxBucket (no flag; set in code): " + strconv.Itoa(p.MaxBucket) + " in the index, " + strconv.Itoa(q.MaxBucket) + " given",
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("Differences:\n got %q\nwant %q", got, want)
	}
}
