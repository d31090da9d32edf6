package portfolio

// disjointSets is a union-find over 0..n-1 with path halving: the
// excludes sets and the linked groups of the valuation and the funding
// plan.
type disjointSets []int

func newDisjointSets(n int) disjointSets {
	d := make(disjointSets, n)
	for i := range d {
		d[i] = i
	}
	return d
}

// find returns the representative of x's set.
func (d disjointSets) find(x int) int {
	for d[x] != x {
		d[x] = d[d[x]]
		x = d[x]
	}
	return x
}

// union joins the sets of a and b.
func (d disjointSets) union(a, b int) { d[d.find(a)] = d.find(b) }
