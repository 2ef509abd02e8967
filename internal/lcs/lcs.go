// Package lcs is the textbook longest-common-subsequence table: the
// reference that the faster word diff (output) and sentence similarity
// (dedupe) are tested against. It is quadratic; only tests use it.
package lcs

// Len returns the length of the longest common subsequence of a and b.
func Len[T comparable](a, b []T) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}
