package dedupe

import (
	"unsafe"
)

// What the stage benchmarks (stages_bench_test.go, package dedupe_test)
// measure that is no part of the API; compiled into the package only for
// its tests.

// DocBytes estimates the heap a Doc keeps for the whole run: the struct,
// its slices' capacity and its strings' bytes.
func DocBytes(d *Doc) int {
	n := int(unsafe.Sizeof(*d)) + len(d.ID) + len(d.Title) + len(d.DateText) + len(d.Source) + len(d.Lang)
	n += cap(d.Paras)*int(unsafe.Sizeof(Para{})) + cap(d.Sents)*int(unsafe.Sizeof(Sent{})) + cap(d.Tokens)*4
	for _, c := range d.Credits {
		n += int(unsafe.Sizeof(c)) + len(c)
	}
	return n
}
