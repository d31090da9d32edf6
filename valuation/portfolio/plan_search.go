package portfolio

import (
	"math"
	"sort"
	"time"
)

// mckp is the multiple-choice knapsack the funding plan reduces to: pick
// one configuration per group, total cost within the budget, most value.
// It is solved by depth-first branch and bound; the bound at each node is
// the optimum of the linear relaxation of the groups not yet fixed, which
// for a multiple-choice knapsack is found exactly by filling the budget
// along the upper convex hulls of the groups' (cost, value) points in
// order of decreasing slope (Sinha and Zoltners 1979).
type mckp struct {
	gs      []group
	order   []int // groups with a choice, in search order
	rank    []int // group -> depth in order (-1: fixed at its base)
	segs    []segment
	base    float64 // value of every group at its cheapest configuration
	budget  float64 // budget left above the cheapest configurations
	choice  []int   // current configuration per group
	best    []int
	bestVal float64 // relative to base
	nodes   int
	max     int
	stop    time.Time
	stopped bool
	// openBound is the largest bound of the nodes left unexplored when the
	// search stopped on a limit (absolute, with base).
	openBound float64
}

type segment struct {
	g, to  int // group, configuration at the segment's end
	dc, dv float64
	slope  float64
}

// newMCKP prepares the search at the budget, or returns nil when the
// cheapest configurations already exceed it.
func newMCKP(gs []group, budget float64, lim PlanLimits) *mckp {
	s := &mckp{gs: gs, rank: make([]int, len(gs)), choice: make([]int, len(gs)), best: make([]int, len(gs)), max: lim.MaxNodes, bestVal: math.Inf(-1), openBound: math.Inf(-1)}
	if s.max <= 0 {
		s.max = 5_000_000
	}
	if lim.Timeout > 0 {
		s.stop = time.Now().Add(lim.Timeout)
	}
	c0 := 0.0
	for _, g := range gs {
		c0 += g.configs[0].cost
		s.base += g.configs[0].value
	}
	s.budget = withSlack(budget) - c0
	if s.budget < -1e-9*math.Max(1, math.Abs(budget)) {
		return nil
	}
	if s.budget < 0 {
		s.budget = 0
	}
	first := make([]float64, len(gs))
	for gi, g := range gs {
		s.rank[gi] = -1
		cs := g.configs
		// Upper concave hull from the cheapest point, over points that fit.
		hull := []int{0}
		for j := 1; j < len(cs) && cs[j].cost-cs[0].cost <= s.budget; j++ {
			for len(hull) >= 2 {
				a, b := cs[hull[len(hull)-2]], cs[hull[len(hull)-1]]
				// drop b when it lies on or below the line from a to cs[j]
				if (b.value-a.value)*(cs[j].cost-a.cost) <= (cs[j].value-a.value)*(b.cost-a.cost) {
					hull = hull[:len(hull)-1]
					continue
				}
				break
			}
			hull = append(hull, j)
		}
		if len(cs) > 1 && cs[1].cost-cs[0].cost <= s.budget {
			s.rank[gi] = 0 // has a choice
		}
		for k := 1; k < len(hull); k++ {
			a, b := cs[hull[k-1]], cs[hull[k]]
			sg := segment{g: gi, to: hull[k], dc: b.cost - a.cost, dv: b.value - a.value}
			sg.slope = sg.dv / sg.dc
			if k == 1 {
				first[gi] = sg.slope
			}
			s.segs = append(s.segs, sg)
		}
	}
	sort.SliceStable(s.segs, func(a, b int) bool { return s.segs[a].slope > s.segs[b].slope })
	for gi := range gs {
		if s.rank[gi] == 0 {
			s.order = append(s.order, gi)
		}
	}
	sort.SliceStable(s.order, func(a, b int) bool { return first[s.order[a]] > first[s.order[b]] })
	for d, gi := range s.order {
		s.rank[gi] = d
	}
	return s
}

// lp is the linear-relaxation optimum of the groups at depth >= d with
// budget w, relative to their cheapest configurations.
func (s *mckp) lp(d int, w float64) float64 {
	v := 0.0
	for _, sg := range s.segs {
		if s.rank[sg.g] < d {
			continue
		}
		if sg.dc <= w {
			w -= sg.dc
			v += sg.dv
			continue
		}
		return v + sg.slope*w
	}
	return v
}

func (s *mckp) run() {
	s.dfs(0, s.budget, 0)
	if s.bestVal == math.Inf(-1) { // no choice at all: every group at its base
		s.bestVal = 0
	}
}

// funded returns, for each of the n items, whether the best solution found
// funds it (the items of each group's best configuration).
func (s *mckp) funded(n int) []bool {
	out := make([]bool, n)
	for gi, g := range s.gs {
		for _, m := range g.configs[s.best[gi]].fund {
			out[m] = true
		}
	}
	return out
}

type child struct {
	j     int
	bound float64
}

func (s *mckp) better(b float64) bool {
	if math.IsInf(s.bestVal, -1) {
		return true
	}
	return b > s.bestVal+1e-12*math.Max(1, math.Abs(s.bestVal+s.base))
}

func (s *mckp) dfs(d int, w, val float64) {
	s.nodes++
	if d == len(s.order) {
		if val > s.bestVal {
			s.bestVal = val
			copy(s.best, s.choice)
		}
		return
	}
	if s.nodes >= s.max || (!s.stop.IsZero() && s.nodes&1023 == 0 && time.Now().After(s.stop)) {
		s.stopped = true
	}
	gi := s.order[d]
	cs := s.gs[gi].configs
	kids := make([]child, 0, len(cs))
	for j := range cs {
		dc := cs[j].cost - cs[0].cost
		if dc > w {
			break
		}
		kids = append(kids, child{j, val + cs[j].value - cs[0].value + s.lp(d+1, w-dc)})
	}
	sort.SliceStable(kids, func(a, b int) bool { return kids[a].bound > kids[b].bound })
	for _, k := range kids {
		if !s.better(k.bound) {
			break
		}
		if s.stopped {
			s.openBound = math.Max(s.openBound, k.bound+s.base)
			continue
		}
		s.choice[gi] = k.j
		s.dfs(d+1, w-(cs[k.j].cost-cs[0].cost), val+cs[k.j].value-cs[0].value)
	}
	s.choice[gi] = 0
}
