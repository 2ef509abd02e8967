package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// defaultMemoryLimit is the soft heap limit of a dedupe run. Go's collector
// lets the heap grow to twice the live data by default; a soft limit makes
// it collect sooner as the heap nears the limit instead. Word hashes, LSH
// keys and bodies wait on disk, so the live heap is about 1.4 KB an
// article: a 100,000-article run stays near 0.45 GB whatever the limit,
// and a 1,000,000-article run peaks at 2.6 GB under this one. A limit
// below the live heap would make the collector run without pause (1.5 GiB
// at 1M: 125 s instead of 95 s).
const defaultMemoryLimit = "2.5GiB"

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
// environment variable already set one. Zero means no limit.
func setMemoryLimit(size string) error {
	if os.Getenv("GOMEMLIMIT") != "" {
		return nil
	}
	n, err := parseSize(size)
	if err != nil {
		return usageError{"--max-memory: " + err.Error()}
	}
	if n > 0 {
		debug.SetMemoryLimit(n)
	}
	return nil
}
