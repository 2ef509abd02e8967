package pipeline

import (
	"context"
	"os"
	"slices"
	"testing"

	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/dedupe"
)

// TestShuffleSizes reports the bytes an article puts through each shuffle
// of the pipeline, encoded as the pipeline encodes them, on the JSONL
// corpus NEARDUP_BEAM_SIZES names (docs/scale.md quotes them). Skipped
// without it.
func TestShuffleSizes(t *testing.T) {
	path := os.Getenv("NEARDUP_BEAM_SIZES")
	if path == "" {
		t.Skip("set NEARDUP_BEAM_SIZES to a corpus to measure")
	}
	ctx := context.Background()
	p := dedupe.DefaultParams()
	an, err := dedupe.NewAnalyzer(p, "")
	if err != nil {
		t.Fatal(err)
	}
	var n, artB, docB, bodyB, keys, folds, linkB, linkN int64
	var all []*dedupe.Doc
	buckets := map[uint64][]uint32{}
	_, err = corpus.Read(ctx, []string{path}, corpus.ReadOptions{}, func(a corpus.Article) error {
		ab, err := encode(&a)
		if err != nil {
			return err
		}
		d, ks := an.Analyze(&a, nil)
		db, err := encode(d)
		if err != nil {
			return err
		}
		for _, k := range ks {
			buckets[dedupe.BucketKey(k)] = append(buckets[dedupe.BucketKey(k)], dedupe.BucketMember(uint32(n), k))
		}
		n++
		artB += int64(len(ab))
		docB += int64(len(db))
		bodyB += int64(len(a.Body))
		keys += int64(len(ks))
		folds += int64(len(d.RecurrenceFolds(nil)))
		all = append(all, d)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var occ []uint64
	biggest := 0
	for _, members := range buckets {
		slices.Sort(members)
		docs := slices.CompactFunc(slices.Clone(members), func(a, b uint32) bool { return dedupe.MemberDoc(a) == dedupe.MemberDoc(b) })
		biggest = max(biggest, len(docs))
		if len(members) > 1 {
			occ = dedupe.BucketPairs(members, p.MaxBucket, occ)
		}
	}
	pairs := dedupe.CandidatePairs(occ, p.MinSharedKeys)
	links, err := dedupe.Verify(ctx, all, pairs, options(p))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range links {
		lb, err := encode(&l)
		if err != nil {
			t.Fatal(err)
		}
		linkB += int64(len(lb))
		linkN++
	}
	per := func(x int64) float64 { return float64(x) / float64(n) }
	t.Logf("%d articles, %d distinct bucket keys, biggest bucket %d articles", n, len(buckets), biggest)
	t.Logf("article (gob)        %8.0f B/article", per(artB))
	t.Logf("Doc (gob)            %8.0f B/article", per(docB))
	t.Logf("body                 %8.0f B/article", per(bodyB))
	t.Logf("bucket keys          %8.1f keys/article, %6.0f B/article at 12 B", per(keys), per(12*keys))
	t.Logf("folds                %8.1f /article, %6.0f B/article at 12 B", per(folds), per(12*folds))
	t.Logf("pair occurrences     %8.1f /article, %6.0f B/article at 8 B", per(int64(len(occ))), per(8*int64(len(occ))))
	t.Logf("candidate pairs      %8.2f /article", per(int64(len(pairs))))
	t.Logf("links                %8.2f /article, %6.0f B/link (gob)", per(linkN), float64(linkB)/float64(max(1, linkN)))
}
