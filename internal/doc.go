// Package internal holds, in its subpackages, the small pieces that two or
// more neardup packages share and that are no part of their API: a worker
// pool (workpool), a disjoint-set forest (unionfind) and atomic file writes
// (atomicfile). The architecture test (arch_test.go) keeps the packages'
// imports in order.
package internal
