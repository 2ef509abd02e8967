package pipeline

import (
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/neardup/neardup/dedupe"
)

// flushBytes is the size at which a buffered group of entries is emitted.
const flushBytes = 1 << 20

// keyEntrySize is an LSH entry: the band key as Analyze returns it (8
// bytes: the bucket key and the passage tag) and the article.
const keyEntrySize = 12

// batchKeysFn sends each article's bucket keys to their key shards, many
// articles' entries to an element: one element per key would put some 300
// elements an article through the shuffle.
type batchKeysFn struct {
	Shards int
	buf    [][]byte
}

func (f *batchKeysFn) StartBundle(_ context.Context, _ func(int, []byte)) {
	f.buf = make([][]byte, f.Shards)
}

func (f *batchKeysFn) ProcessElement(idx uint32, keys []byte, emit func(int, []byte)) {
	for k := 0; k+8 <= len(keys); k += 8 {
		key := binary.LittleEndian.Uint64(keys[k:])
		s := int(dedupe.BucketKey(key) % uint64(f.Shards))
		f.buf[s] = binary.LittleEndian.AppendUint32(binary.LittleEndian.AppendUint64(f.buf[s], key), idx)
		if len(f.buf[s]) >= flushBytes {
			emit(s, f.buf[s])
			f.buf[s] = nil
		}
	}
}

func (f *batchKeysFn) FinishBundle(_ context.Context, emit func(int, []byte)) {
	for s, b := range f.buf {
		if len(b) > 0 {
			emit(s, b)
		}
	}
	f.buf = nil
}

// bucketsFn finds the buckets of one key shard (the articles of each
// bucket key, with their passage tags) and their pair occurrences
// (dedupe.BucketPairs), which it sends on by the first article's bin.
type bucketsFn struct {
	MaxBucket int
}

func (f *bucketsFn) ProcessElement(ctx context.Context, _ int, chunks func(*[]byte) bool, emit func(int, []byte)) error {
	type entry struct {
		key uint64
		doc uint32
	}
	var es []entry
	var chunk []byte
	for chunks(&chunk) {
		if len(chunk)%keyEntrySize != 0 {
			return fmt.Errorf("key chunk of %d bytes", len(chunk))
		}
		for k := 0; k < len(chunk); k += keyEntrySize {
			es = append(es, entry{binary.LittleEndian.Uint64(chunk[k:]), binary.LittleEndian.Uint32(chunk[k+8:])})
		}
	}
	slices.SortFunc(es, func(a, b entry) int { return cmp.Compare(dedupe.BucketKey(a.key), dedupe.BucketKey(b.key)) })
	bins := make([][]byte, pairBins)
	var members []uint32
	var occ []uint64
	for i := 0; i < len(es); {
		j := i
		members = members[:0]
		bucket := dedupe.BucketKey(es[i].key)
		for ; j < len(es) && dedupe.BucketKey(es[j].key) == bucket; j++ {
			members = append(members, dedupe.BucketMember(es[j].doc, es[j].key))
		}
		i = j
		if len(members) < 2 {
			continue
		}
		slices.Sort(members)
		occ = dedupe.BucketPairs(members, f.MaxBucket, occ[:0])
		for _, o := range occ {
			p := dedupe.OccurrencePair(o)
			b := int(p.A % pairBins)
			bins[b] = binary.LittleEndian.AppendUint64(bins[b], o)
			if len(bins[b]) >= flushBytes {
				emit(b, bins[b])
				bins[b] = nil
			}
		}
	}
	for b, o := range bins {
		if len(o) > 0 {
			emit(b, o)
		}
	}
	return nil
}

// pairsFn sums the occurrences of each pair of one bin and keeps the
// candidates (dedupe.CandidatePairs), keyed by their second article.
type pairsFn struct {
	MinShared int
}

func (f *pairsFn) ProcessElement(ctx context.Context, _ int, chunks func(*[]byte) bool, emit func(uint32, uint32)) error {
	var occ []uint64
	var chunk []byte
	for chunks(&chunk) {
		if len(chunk)%8 != 0 {
			return fmt.Errorf("pair chunk of %d bytes", len(chunk))
		}
		for k := 0; k < len(chunk); k += 8 {
			occ = append(occ, binary.LittleEndian.Uint64(chunk[k:]))
		}
	}
	pairs := dedupe.CandidatePairs(occ, f.MinShared) // a bin holds every occurrence of its pairs
	for _, p := range pairs {
		emit(p.B, p.A)
	}
	candidates.Inc(ctx, int64(len(pairs)))
	return nil
}

// candidatePairs turns the articles' bucket keys into the candidate
// pairs, KV<B, A>.
func candidatePairs(s beam.Scope, cfg *Config, keys beam.PCollection) beam.PCollection {
	s = s.Scope("lsh")
	chunks := beam.ParDo(s, &batchKeysFn{Shards: cfg.KeyShards}, keys)
	occ := beam.ParDo(s, &bucketsFn{MaxBucket: cfg.Params.MaxBucket}, beam.GroupByKey(s, chunks))
	return beam.ParDo(s, &pairsFn{MinShared: cfg.Params.MinSharedKeys}, beam.GroupByKey(s, occ))
}
