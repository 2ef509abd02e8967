// Package internal holds, in its subpackages, the small pieces that two or
// more neardup packages share and that are no part of their API: a worker
// pool (workpool), a disjoint-set forest (unionfind), atomic file writes
// (atomicfile) and the LCS reference that tests check the fast diff and
// similarity code against (lcs). The architecture test (arch_test.go)
// keeps every package's imports in order.
package internal
