package main

import "testing"

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    int64
		wantErr bool
	}{
		{"1.5GiB", 3 << 29, false},
		{"800MiB", 800 << 20, false},
		{"2GB", 2e9, false},
		{"4096", 4096, false},
		{"0", 0, false},
		{" 64 KiB ", 64 << 10, false},
		{"lots", 0, true},
		{"-1GiB", 0, true},
		{"GiB", 0, true},
	} {
		got, err := parseSize(tc.in)
		if (err != nil) != tc.wantErr || got != tc.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d, error %v", tc.in, got, err, tc.want, tc.wantErr)
		}
	}
}

func TestLimitFor(t *testing.T) {
	const gib = 1 << 30
	for _, tc := range []struct {
		limit, live, want int64
	}{
		{14 * gib / 10, gib / 2, 14 * gib / 10},     // far below: the limit asked for
		{14 * gib / 10, 5 * gib / 4, 14 * gib / 10}, // a tenth above it is still under the limit
		{14 * gib / 10, 3 * gib / 2, 3*gib/2 + 3*gib/20},
		{14 * gib / 10, 10 * gib, 11 * gib}, // outgrown: a tenth above the live heap
		{gib, 0, gib},
	} {
		if got := limitFor(tc.limit, tc.live); got != tc.want {
			t.Errorf("limitFor(%d, %d) = %d, want %d", tc.limit, tc.live, got, tc.want)
		}
	}
}
