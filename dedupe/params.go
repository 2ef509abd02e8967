package dedupe

import (
	"errors"
	"flag"
	"fmt"
	"reflect"
	"strings"
)

// Params are the settings that decide which articles are versions of one
// story. Output depends on every field, so an index stores them beside its
// data. The zero value is not usable: call SetDefaults or start from
// DefaultParams.
type Params struct {
	// ShingleSize is the number of consecutive stemmed words in one shingle.
	// Zero means 3.
	ShingleSize int `json:"ShingleSize"`
	// NumHashes is the number of values in a passage's MinHash signature.
	// Zero means 128; at least 16.
	NumHashes int `json:"NumHashes"`
	// PassageThreshold is the Jaccard similarity of two passages (paragraphs)
	// at which the LSH stage should report them as candidates; Bands and
	// Rows are derived from it. Zero means 0.4.
	PassageThreshold float64 `json:"PassageThreshold"`
	// Bands and Rows split the signature for LSH banding (Bands×Rows ≤
	// NumHashes). Zero means: derived from PassageThreshold by
	// OptimalBands.
	Bands int `json:"Bands"`
	// Rows is the number of signature values per band; see Bands.
	Rows int `json:"Rows"`
	// Threshold is the story rule: two articles are versions of one story
	// when the copy they share covers at least this fraction of the words
	// of one of them (normally the shorter). Zero means 0.2; at most 1.
	Threshold float64 `json:"Threshold"`
	// MinParagraphs is how many distinct paragraphs the shared copy must
	// span in each of the two articles. One shared background paragraph is
	// not a story. Zero means 2.
	MinParagraphs int `json:"MinParagraphs"`
	// BriefCover is the story rule for copy in fewer than MinParagraphs
	// paragraphs: it makes two articles versions when copy close to
	// verbatim covers at least this fraction of one of them (most of a
	// brief), so that a one-paragraph brief republished word for word is a
	// version, while a follow-up or a roundup, which quote a small share of
	// their own text, are not. Zero means 0.5; at most 1.
	BriefCover float64 `json:"BriefCover"`
	// BoilerplateStories: a short paragraph that recurs word for word in
	// articles of at least this many different stories is page furniture,
	// not evidence; longer paragraphs need one more story per 8 words.
	// Zero means 4.
	BoilerplateStories int `json:"BoilerplateStories"`
	// MaxBucket caps the articles compared all-pairs within one LSH bucket;
	// larger buckets are linked as a chain and a star, so a paragraph used by
	// thousands of articles costs linear, not quadratic, work. Zero means 64.
	MaxBucket int `json:"MaxBucket"`
	// MinSharedKeys is how many LSH keys (bands of any passages) two
	// articles must share to be compared. Versions that share two
	// paragraphs word for word share 2×Bands keys; two unrelated articles
	// whose paragraphs collide by chance share one. The keys must also come
	// from two passages of one of the articles (the passage rule, see the
	// package doc) unless MinParagraphs is 1 or one article is brief.
	// Zero means 2.
	MinSharedKeys int `json:"MinSharedKeys"`
	// Seed seeds every hash function. The same seed and input give the same
	// output.
	Seed uint64 `json:"Seed"`
}

// DefaultParams returns the default settings.
func DefaultParams() Params {
	var p Params
	p.SetDefaults()
	return p
}

// SetDefaults fills every zero field with its default.
func (p *Params) SetDefaults() {
	if p.ShingleSize == 0 {
		p.ShingleSize = 3
	}
	if p.NumHashes == 0 {
		p.NumHashes = 128
	}
	if p.PassageThreshold == 0 {
		p.PassageThreshold = 0.4
	}
	if p.Bands == 0 || p.Rows == 0 {
		p.Bands, p.Rows = OptimalBands(p.PassageThreshold, p.NumHashes, 0.5, 0.5)
	}
	if p.Threshold == 0 {
		p.Threshold = 0.2
	}
	if p.MinParagraphs == 0 {
		p.MinParagraphs = 2
	}
	if p.BriefCover == 0 {
		p.BriefCover = 0.5
	}
	if p.BoilerplateStories == 0 {
		p.BoilerplateStories = 4
	}
	if p.MaxBucket == 0 {
		p.MaxBucket = 64
	}
	if p.MinSharedKeys == 0 {
		p.MinSharedKeys = 2
	}
	if p.Seed == 0 {
		p.Seed = 0x6e65617264757021 // "neardup!"
	}
}

// Validate reports the first field out of range, naming the flag that
// sets it. It has no side effects.
func (p Params) Validate() error {
	switch {
	case p.ShingleSize < 1 || p.ShingleSize > 16:
		return fmt.Errorf("dedupe: --shingle %d out of range 1..16", p.ShingleSize)
	case p.NumHashes < 16 || p.NumHashes > 4096:
		return fmt.Errorf("dedupe: --hashes %d out of range 16..4096", p.NumHashes)
	case p.Bands < 1 || p.Rows < 1 || p.Bands*p.Rows > p.NumHashes:
		return fmt.Errorf("dedupe: %d bands × %d rows do not fit --hashes %d", p.Bands, p.Rows, p.NumHashes)
	case !(p.PassageThreshold > 0 && p.PassageThreshold <= 1):
		return fmt.Errorf("dedupe: --passage-threshold %g out of range (0,1]", p.PassageThreshold)
	case !(p.Threshold > 0 && p.Threshold <= 1):
		return fmt.Errorf("dedupe: --threshold %g out of range (0,1]", p.Threshold)
	case !(p.BriefCover > 0 && p.BriefCover <= 1):
		return fmt.Errorf("dedupe: --brief-cover %g out of range (0,1]", p.BriefCover)
	case p.MinParagraphs < 1:
		return errors.New("dedupe: --min-paragraphs must be at least 1")
	case p.BoilerplateStories < 2:
		return errors.New("dedupe: boilerplate stories must be at least 2")
	case p.MinSharedKeys < 1:
		return errors.New("dedupe: --min-keys must be at least 1")
	case p.MaxBucket < 2:
		return errors.New("dedupe: max bucket must be at least 2")
	}
	return nil
}

// paramFlags names the command-line flag of each Params field that has one
// (AddFlags); the others are set in code only.
var paramFlags = map[string]string{
	"ShingleSize":      "--shingle",
	"NumHashes":        "--hashes",
	"PassageThreshold": "--passage-threshold",
	"Threshold":        "--threshold",
	"MinParagraphs":    "--min-paragraphs",
	"BriefCover":       "--brief-cover",
	"MinSharedKeys":    "--min-keys",
	"Seed":             "--seed",
}

// Differences lists, in field order, how q differs from p, each named by
// the flag a user would type: with the labels "in the index" and "given",
// "--threshold: 0.2 in the index, 0.3 given". Bands and Rows, which follow
// from --passage-threshold and --hashes, say so; fields without a flag say
// that too. Empty when p == q.
func (p Params) Differences(q Params, pLabel, qLabel string) []string {
	pv, qv := reflect.ValueOf(p), reflect.ValueOf(q)
	var diffs []string
	for i := range pv.NumField() {
		a, b := pv.Field(i).Interface(), qv.Field(i).Interface()
		if a == b {
			continue
		}
		field := pv.Type().Field(i).Name
		name, ok := paramFlags[field]
		switch {
		case ok:
		case field == "Bands" || field == "Rows":
			name = strings.ToLower(field) + " (from --passage-threshold and --hashes)"
		default:
			name = field + " (no flag; set in code)"
		}
		diffs = append(diffs, fmt.Sprintf("%s: %v %s, %v %s", name, a, pLabel, b, qLabel))
	}
	return diffs
}

// AddFlags registers the flags that set p on fs. Call SetDefaults after
// parsing to fill what the user left at zero.
func (p *Params) AddFlags(fs *flag.FlagSet) {
	fs.Float64Var(&p.Threshold, "threshold", p.Threshold,
		"story rule: shared copy must cover at least this `fraction` of one article's words (0 = 0.2)")
	fs.IntVar(&p.ShingleSize, "shingle", p.ShingleSize, "shingle size in `words` (0 = 3)")
	fs.IntVar(&p.NumHashes, "hashes", p.NumHashes, "MinHash signature `size` per passage (0 = 128)")
	fs.Float64Var(&p.PassageThreshold, "passage-threshold", p.PassageThreshold,
		"passage Jaccard at which LSH reports candidates; sets bands and rows (0 = 0.4)")
	fs.IntVar(&p.MinParagraphs, "min-paragraphs", p.MinParagraphs,
		"shared copy must span at least this many paragraphs of each article (0 = 2)")
	fs.Float64Var(&p.BriefCover, "brief-cover", p.BriefCover,
		"story rule in fewer paragraphs: near-verbatim copy must cover at least this `fraction` of one article (0 = 0.5)")
	fs.IntVar(&p.MinSharedKeys, "min-keys", p.MinSharedKeys, "LSH keys two articles must share to be compared, from two passages of one of them; a key of a bucket of more than 8 articles counts half (0 = 2)")
	fs.Uint64Var(&p.Seed, "seed", p.Seed, "hash seed (0 = built-in seed)")
}
