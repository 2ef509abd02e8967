package lcs

import "testing"

func TestLen(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"abc", "", 0}, {"abcbdab", "bdcaba", 4}, {"same", "same", 4}, {"ab", "ba", 1}} {
		if got := Len([]byte(tc.a), []byte(tc.b)); got != tc.want {
			t.Errorf("Len(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
