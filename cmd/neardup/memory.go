package main

import (
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"
)

// defaultMemoryLimit is the soft heap limit of a dedupe run. Go's collector
// lets the heap grow to twice the live data by default; a soft limit makes
// it collect sooner as the heap nears the limit instead. Word hashes, LSH
// keys and bodies wait on disk, so the live heap is about 1.1 KB an
// article on the speed corpus (1.7 KB on the generator's, whose stories
// have more versions to align): a 100,000-article run stays near 0.3 GB
// whatever the limit, and a 1,000,000-article run of the speed corpus
// peaks at 1.42 GB under this one in the time it takes under 2.5 GiB
// (2.51 GB). A run whose live heap outgrows the limit gets headroom in
// proportion (see liveHeadroom) instead of a collector that never rests.
const defaultMemoryLimit = "1.3GiB"

// liveHeadroom is the heap a run may reach above its live data once that
// outgrows the limit: the limit follows the live heap up, at live ×
// (1 + liveHeadroom), as GOGC=10 would. At 1,000,000 generated articles
// (1.67 GB live) a fixed 1.4 GiB limit took 142 s, the old 2.5 GiB 130 s;
// a quarter's headroom let the speed corpus at 1M, whose live heap stays
// near 1.1 GB, peak at 1.57 GB instead of 1.48 GB once in three runs.
const liveHeadroom = 0.1

// limitFor is the soft heap limit for a live heap of live bytes under the
// limit asked for.
func limitFor(limit, live int64) int64 {
	return max(limit, live+int64(float64(live)*liveHeadroom))
}

// parseSize reads a byte size such as "1.5GiB", "800MiB", "2GB", "4096" or
// "0" (no limit).
func parseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   float64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}}
	num, mult := strings.TrimSpace(s), 1.0
	for _, u := range units {
		if strings.HasSuffix(num, u.suffix) {
			num, mult = strings.TrimSpace(strings.TrimSuffix(num, u.suffix)), u.mult
			break
		}
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || v < 0 || v*mult > 1<<62 {
		return 0, fmt.Errorf("bad size %q: want a number with an optional unit (GiB, MiB, KiB, GB, MB, KB, B)", s)
	}
	return int64(v * mult), nil
}

// setMemoryLimit applies a soft heap limit unless the GOMEMLIMIT
// environment variable already set one. Zero means no limit. The limit
// rises with the live heap once that nears it (limitFor), checked every
// limitEvery until stop is called.
func setMemoryLimit(size string) (stop func(), err error) {
	stop = func() {}
	if os.Getenv("GOMEMLIMIT") != "" {
		return stop, nil
	}
	n, err := parseSize(size)
	if err != nil {
		return stop, usageError{"--max-memory: " + err.Error()}
	}
	if n <= 0 {
		return stop, nil
	}
	debug.SetMemoryLimit(n)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(limitEvery)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 {
				debug.SetMemoryLimit(limitFor(n, int64(sample[0].Value.Uint64())))
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
		debug.SetMemoryLimit(math.MaxInt64)
	}, nil
}

// limitEvery is how often setMemoryLimit looks at the live heap; it
// changes only once a collection ends.
const limitEvery = 250 * time.Millisecond
