// Package unionfind is a disjoint-set forest with path halving and union
// by size (ties to the smaller index), for grouping articles into stories.
package unionfind

// Forest partitions the integers [0, n) into disjoint sets.
type Forest struct {
	parent []int32
	size   []int32
}

// New returns a Forest of n singletons.
func New(n int) *Forest {
	u := &Forest{parent: make([]int32, n), size: make([]int32, n)}
	for i := range u.parent {
		u.parent[i] = int32(i)
		u.size[i] = 1
	}
	return u
}

// Find returns the representative of x's set.
func (u *Forest) Find(x int32) int32 {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

// Union merges the sets of x and y.
func (u *Forest) Union(x, y int32) {
	x, y = u.Find(x), u.Find(y)
	if x == y {
		return
	}
	if u.size[x] < u.size[y] || (u.size[x] == u.size[y] && y < x) {
		x, y = y, x
	}
	u.parent[y] = x
	u.size[x] += u.size[y]
}
