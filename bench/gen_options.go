package bench

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"time"
)

// GenOptions configures Generate. Zero fields take defaults (see
// SetDefaults).
type GenOptions struct {
	// Articles is the number of articles to write. Zero means 10,000;
	// negative is an error.
	Articles int
	// Seed selects the corpus: the same options and Seed give
	// byte-identical output, another Seed an unrelated corpus. Zero is a
	// seed like any other.
	Seed uint64
	// Langs weights the languages of the stories. nil or empty means
	// DefaultLangs: en 0.45, nb 0.3, da 0.15, sv 0.1.
	Langs []LangWeight
	// Start is the date of the first story. Zero means
	// 2026-01-05T06:00:00Z. Stories start 1–9 minutes apart, and the
	// versions of a story follow its first one by 4–120 minutes each.
	Start time.Time
}

// LangWeight is the share of stories written in one language.
type LangWeight struct {
	// Lang is the language code: "da", "nb", "sv" or "en".
	Lang string
	// Weight is the relative share of stories in Lang; the weights need
	// not sum to 1. It must be finite and ≥ 0; 0 leaves Lang out.
	Weight float64
}

// DefaultLangs returns the default language weights.
func DefaultLangs() []LangWeight {
	return []LangWeight{{"en", 0.45}, {"nb", 0.3}, {"da", 0.15}, {"sv", 0.1}}
}

// SetDefaults replaces the zero fields of o with their defaults.
func (o *GenOptions) SetDefaults() {
	if o.Articles == 0 {
		o.Articles = 10000
	}
	if len(o.Langs) == 0 {
		o.Langs = DefaultLangs()
	}
	if o.Start.IsZero() {
		o.Start = time.Date(2026, 1, 5, 6, 0, 0, 0, time.UTC)
	}
}

// Validate reports the first problem of o, to be called after SetDefaults.
func (o *GenOptions) Validate() error {
	if o.Articles < 0 {
		return fmt.Errorf("generate: negative article count %d", o.Articles)
	}
	total := 0.0
	for i, lw := range o.Langs {
		if _, ok := genSpec(lw.Lang); !ok {
			return fmt.Errorf("generate: unknown language %q (want one of %v)", lw.Lang, genLangCodes())
		}
		if !(lw.Weight >= 0) || math.IsInf(lw.Weight, 1) {
			return fmt.Errorf("generate: language %s: bad weight %v", lw.Lang, lw.Weight)
		}
		if slices.ContainsFunc(o.Langs[:i], func(x LangWeight) bool { return x.Lang == lw.Lang }) {
			return fmt.Errorf("generate: language %s weighted twice", lw.Lang)
		}
		total += lw.Weight
	}
	if !(total > 0) {
		return errors.New("generate: no language has a positive weight")
	}
	return nil
}

// The story model. Shares are of stories; a followup or roundup that finds
// too few recent stories to quote becomes a single.
const (
	genFollowupShare = 0.02
	genRoundupShare  = 0.01
	genSingleShare   = 0.35
	genNoWireShare   = 0.1 // multi-version stories whose wire copy is not written
	genUpdateShare   = 0.3 // later versions that are agency updates
	genMaxUpdates    = 3   // updates per story
	genRingSize      = 200 // recent stories per language that followups and roundups quote
	genMeanBytes     = 3150
	genMinBytes      = 1650 // text bytes a republished copy keeps when dropping paragraphs
)
