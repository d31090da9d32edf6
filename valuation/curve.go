package valuation

import (
	"math"
)

// Curve returns o's value at each spot of s: out[i] is the value
// RealOption.ValueOnly gives o with S = s[i] (every other input as in o),
// computed in one pass where the kind allows it, for payoff charts.
//
//   - choose (sigma*sqrt(t) > 0): one lattice of chooseLattice's n steps
//     started k steps early, and one of its n/2 steps likewise (the
//     Richardson pair), so that the k+1 nodes at step k hold the n-step
//     values at time to expiry T of spots spaced 2 sigma sqrt(T/n) apart
//     in ln S, one of them o's S (the lattice from S is inside, its value
//     is Value's: ValueOnlyCurve), covering the positive spots of s; each
//     spot's value is the cubic (4-node Lagrange) interpolation in ln S of
//     each lattice's nodes, extrapolated 2 V_n - V_{n/2}, and raised to its
//     components alone at that spot (ValueOnly), as RealOption.Value does.
//     At a node spot the n-step part equals the per-spot lattice up to the
//     rounding of node prices (1e-12 relative in the tests); elsewhere the
//     interpolation adds an error of about 2e-4 of the spot's value plus
//     1e-7 of X (at most 1.07 times that over the chart's spots of 40 of
//     TestCurveMatchesValueOnly's random options; 6.7 times with the nodes
//     centred on the spots' range instead of placed on S), below the
//     lattice's own discretisation error.
//     S = 0, and spots a lattice of at most 4n extra steps does not
//     reach, are valued one by one.
//   - the other kinds: one valuation per spot, value only. Defer, expand,
//     contract and abandon priced by the exercise boundary solve their
//     boundary once (it does not depend on S; boundaryCache keeps it), so
//     the other spots cost one revaluation each.
//
// It returns the first error a valuation returns, and an *InputError for a
// spot that is negative, infinite or not a number.
func (o RealOption) Curve(s []float64) ([]float64, error) { return o.curve(s, nil) }

// curve is Curve with the choose lattices' rows from pc where it covers
// s (chooseCurve).
func (o RealOption) curve(s []float64, pc *PayoffCurve) ([]float64, error) {
	for _, x := range s {
		if err := checkRange("S", x, 0, MaxAmount); err != nil {
			return nil, err
		}
	}
	out := make([]float64, len(s))
	if len(s) == 0 {
		return out, nil
	}
	probe := o
	probe.S = s[0]
	if err := probe.Validate(); err != nil {
		return nil, err
	}
	done := make([]bool, len(s))
	if o.Kind == Choose && o.T > 0 && o.Sigma > 0 {
		o.chooseCurve(s, out, done, pc)
	}
	for i, x := range s {
		if done[i] {
			continue
		}
		at := o
		at.S = x
		v, _, err := at.ValueOnly()
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// maxCurveExtraSteps is the most steps, in units of the lattice's n, that
// chooseCurve starts a lattice early; spots beyond it are valued alone.
const maxCurveExtraSteps = 4

// spotRange returns the smallest and largest positive spot of s (hi 0:
// none).
func spotRange(s []float64) (lo, hi float64) {
	lo = math.Inf(1)
	for _, x := range s {
		if x > 0 {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
	}
	return lo, hi
}

// chooseCurve fills out[i] and sets done[i] for the positive spots of s
// that the choose lattices reach (see Curve), from the rows of pc where
// pc (computed for o) covers the spots, else from lattices of its own.
func (o RealOption) chooseCurve(s []float64, out []float64, done []bool, pc *PayoffCurve) {
	lo, hi := spotRange(s)
	if hi == 0 {
		return
	}
	var full, half chooseGrid
	if pc.covers(o, lo, hi) {
		full, half = pc.full, pc.half
	} else {
		env := newEnvelope(o.choosePieces())
		n := chooseSteps(o.Inputs)
		var ok1, ok2 bool
		full, ok1 = o.chooseNodes(&env, n, lo, hi)
		half, ok2 = o.chooseNodes(&env, n/2, lo, hi)
		if !ok1 || !ok2 {
			return
		}
	}
	ps := o.choosePieces()
	comps := [3]RealOption{o.component(Expand), o.component(Contract), o.component(Abandon)}
	for i, x := range s {
		if !(x > 0) || !full.covers(x) || !half.covers(x) {
			continue
		}
		val := 2*full.at(x) - half.at(x)
		if full.exercised(x) && half.exercised(x) {
			// Between exercised nodes on both lattices: the exercise
			// value, exactly (the cubic in ln S of a line in S is not).
			val = 0
			for _, p := range ps {
				val = math.Max(val, p.a*x+p.b)
			}
		}
		if math.IsNaN(val) || math.IsInf(val, 0) {
			continue
		}
		// The components alone by the boundary method's fast scheme
		// (within about 5e-6 relative, far below a chart's pixel; 3 per
		// spot of the curve).
		for _, c := range comps {
			c.S = x
			if v, _, err := c.valueOnly(ALOFast); err == nil && v > val {
				val = v
			}
		}
		out[i], done[i] = math.Max(val, 0), true
	}
}

// chooseGrid is the step-k row of a choose lattice started k steps early:
// v[j] is the value at ln S = x0 + j*h; node root is at the option's S.
type chooseGrid struct {
	x0, h float64
	v     []float64
	root  int
	// ex[j] is true where node j is exercised (its value is a piece's).
	ex []bool
}

// chooseNodes rolls the n-step choose lattice started k steps early back
// to step k, its nodes placed so that node root of row k is at o's S
// (rollOrigin) and the row covers [lo, hi] and S with two nodes to spare
// on each side (for the cubic interpolation): the nodes lie at ln S plus
// a multiple of 2 sigma sqrt(T/n) whatever the range, and the value at
// S is the n-step lattice's own. ok is false when that takes more than
// maxCurveExtraSteps*n steps or a node value is not finite.
func (o RealOption) chooseNodes(env *envelope, n int, lo, hi float64) (chooseGrid, bool) {
	in := o.Inputs
	dt := in.T / float64(n)
	sd := in.Sigma * math.Sqrt(dt)
	h := 2 * sd
	below := math.Max(math.Log(in.S/lo), 0)
	above := math.Max(math.Log(hi/in.S), 0)
	if math.IsNaN(below+above) || math.IsInf(below+above, 0) || (below+above)/h > float64(maxCurveExtraSteps*n) {
		return chooseGrid{}, false
	}
	// Row k's node j is at S u^{j-a} d^{k-j-b} = S (u/d)^{j-a}.
	a := int(math.Ceil(below/h)) + 2
	b := int(math.Ceil(above/h)) + 2
	k := a + b
	if k > maxCurveExtraSteps*n {
		return chooseGrid{}, false
	}
	g := chooseGrid{h: h, v: make([]float64, k+1), root: a}
	o.chooseRollFrom(env, n, k, in.S, rollOrigin{a, b}, nil, false, g.v, chooseBand, true)
	for _, v := range g.v {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return chooseGrid{}, false
		}
	}
	g.x0 = math.Log(in.S) - float64(a)*h
	g.ex = make([]bool, k+1)
	ps := o.choosePieces()
	for j, v := range g.v {
		s := math.Exp(g.x0 + float64(j)*h)
		for _, p := range ps {
			if x := p.a*s + p.b; x >= v*(1-1e-12) {
				g.ex[j] = true
			}
		}
	}
	return g, true
}

// exercised reports whether the nodes of g on both sides of x are
// exercised.
func (g *chooseGrid) exercised(x float64) bool {
	f := (math.Log(x) - g.x0) / g.h
	j := min(max(int(math.Floor(f)), 1), len(g.v)-3)
	return g.ex[j] && g.ex[j+1]
}

// covers reports whether x has two nodes of g on each side.
func (g *chooseGrid) covers(x float64) bool {
	f := (math.Log(x) - g.x0) / g.h
	return f >= 1 && f <= float64(len(g.v)-2)
}

// at returns the cubic (4-node Lagrange) interpolation of g at spot x, in
// ln S; at a node it is the node's value.
func (g *chooseGrid) at(x float64) float64 {
	f := (math.Log(x) - g.x0) / g.h
	j := int(math.Floor(f))
	j = min(max(j, 1), len(g.v)-3)
	t := f - float64(j)
	if t == 0 {
		return g.v[j]
	}
	a, b, c, d := g.v[j-1], g.v[j], g.v[j+1], g.v[j+2]
	// Lagrange weights at nodes -1, 0, 1, 2.
	wa := -t * (t - 1) * (t - 2) / 6
	wb := (t + 1) * (t - 1) * (t - 2) / 2
	wc := -(t + 1) * t * (t - 2) / 2
	wd := (t + 1) * t * (t - 1) / 6
	return wa*a + wb*b + wc*c + wd*d
}
