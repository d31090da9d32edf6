package valuation

import (
	"math"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
)

// BreakEvenVolatility returns the volatility at which waiting becomes worth
// more than investing now for the American call (investment option) with
// inputs in: the smallest sigma with C(sigma) > S - X, equivalently with
// S below the trigger S*(sigma) (see Trigger) or, with two exercise
// boundaries (r < q < 0), outside the band Trigger to FarTrigger, found by
// bisection to 1e-4 (the American value rises with sigma, so the exercise
// region, the band, only shrinks). It returns 0
// when waiting pays already at sigma = 0 (for example S <= X, no leakage
// with r >= 0, or with two boundaries S above X r/q), and +Inf when
// investing now beats waiting for every sigma up to MaxSigma.
func BreakEvenVolatility(in Inputs) (float64, error) {
	if err := in.Validate(); err != nil {
		return 0, err
	}
	now := func(sigma float64) bool {
		x := in
		x.Sigma = sigma
		return investNowPays(x)
	}
	if !now(0) {
		return 0, nil
	}
	if now(MaxSigma) {
		return math.Inf(1), nil
	}
	lo, hi := 0.0, float64(MaxSigma)
	for hi-lo > 1e-4 {
		mid := 0.5 * (lo + hi)
		if now(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi, nil
}

// BreakEvenInvestment returns the investments X for which investing now
// beats waiting (S >= S*(X)) for the American call with inputs in: low <=
// X <= high. The trigger is homogeneous of degree one in X, so high is
// S X / S*(X) and, with one exercise boundary, low is 0 (every X at or
// below high). With two (r < q < 0) investing now pays only inside the
// band S*(X) <= S <= FarTrigger(X), so low is S X / FarTrigger(X) (at
// sigma = 0 the band is X to X r/q: low = S q/r, high = S). It returns
// 0, 0 when waiting always pays (no trigger: q <= 0 with r >= 0, or a
// band that has closed).
func BreakEvenInvestment(in Inputs) (low, high float64, err error) {
	if err := in.Validate(); err != nil {
		return 0, 0, err
	}
	return breakEvenInvestment(in)
}

// Swing is one bar of a tornado chart: the option value at a low and a high
// value of one input, the others at their base values.
type Swing struct {
	// Input is "S", "X", "t", "sigma", "r" or "q".
	Input string
	// Low and High are the input values tried.
	Low, High float64
	// ValueLow and ValueHigh are the option values there; Base the value at
	// the base inputs.
	ValueLow, ValueHigh, Base float64
	// Impact is |ValueHigh - ValueLow|, the bar's width.
	Impact float64
}

// TornadoChooseSteps is the step count of the coarse lattice on which
// Tornado values a choose option's bumped inputs (with its half for the
// Richardson pair, as in RealOption.Value's lattice of ChooseSteps).
const TornadoChooseSteps = 200

// Tornado returns the data of a tornado chart for o, whose value is base
// (the engine's value of o, e.g. the portfolio's Position.Value; it is
// every Swing's Base as given, not valued again): for each of S, X, t and
// sigma the value at (1 - rel) and (1 + rel) times the base input, for r
// and q at the base minus and plus rateShift (t and sigma not below 0,
// each within the input limits), sorted by Impact, largest first (ties in
// the order S, X, t, sigma, r, q).
//
// Each bar end of a defer, expand, contract, abandon or staged option is
// RealOption.ValueOnly of the bumped option, the engine's own value. A
// choose option's value is a 1000-step lattice (RealOption.Value); its bar
// ends are instead the change on a coarse lattice of TornadoChooseSteps
// steps anchored on the exact base: ValueLow = base + (V_c(low) - V_c(o)),
// where V_c is the choose value of RealOption.Value with that lattice (the
// components valued alone as there, floored at 0), and the same for
// ValueHigh; a bar end whose option has no lattice (t, S or sigma 0) is
// its exact value, and no anchored value is below 0. Over 200 random choose options (S/X 0.3-3, t 0.1-10,
// sigma 0.05-1.5, r -0.02-0.1, q 0-0.15) each bar end is within 1% of the
// chart's widest bar of the full-lattice value (TestTornadoChooseCoarse;
// measured at most 0.51% of the widest bar, 0.29% of the base value), at
// about 1/25 of the lattice work. The discretisation error of the
// Richardson pair does not cancel in the anchored difference where early
// exercise matters (300 or 500 steps were no closer than 200 on the worst
// options); the 1000-step value's own error there is of order 1e-4 of the
// value.
func Tornado(o RealOption, base, rel, rateShift float64) ([]Swing, error) {
	if err := checkRange("rel", rel, 0, 1); err != nil {
		return nil, err
	}
	if err := checkRange("rate_shift", rateShift, 0, MaxRate); err != nil {
		return nil, err
	}
	if err := o.Validate(); err != nil {
		return nil, err
	}
	type field struct {
		name     string
		ptr      func(*RealOption) *float64
		relative bool
		lo, hi   float64
	}
	fields := []field{
		{"S", func(x *RealOption) *float64 { return &x.S }, true, 0, MaxAmount},
		{"X", func(x *RealOption) *float64 { return &x.X }, true, 0, MaxAmount},
		{"t", func(x *RealOption) *float64 { return &x.T }, true, 0, MaxT},
		{"sigma", func(x *RealOption) *float64 { return &x.Sigma }, true, 0, MaxSigma},
		{"r", func(x *RealOption) *float64 { return &x.R }, false, -MaxRate, MaxRate},
		{"q", func(x *RealOption) *float64 { return &x.Q }, false, -MaxRate, MaxRate},
	}
	// The options to value: each field's low and high, then (a choose
	// option on its lattice) the base on the coarse lattice.
	opts := make([]RealOption, 0, 1+2*len(fields))
	for _, f := range fields {
		b := *f.ptr(&o)
		lo, hi := b-rateShift, b+rateShift
		if f.relative {
			lo, hi = b*(1-rel), b*(1+rel)
		}
		lo, hi = math.Max(lo, f.lo), math.Min(hi, f.hi)
		if f.name == "t" && o.Kind == Staged {
			lo = math.Max(lo, o.StageT) // the final deadline cannot precede the stage
		}
		for _, v := range [2]float64{lo, hi} {
			x := o
			*f.ptr(&x) = v
			opts = append(opts, x)
		}
	}
	coarse := o.Kind == Choose && o.chooseOnLattice()
	if coarse {
		opts = append(opts, o)
	}
	// Values alone (ValueOnly: Value's value without the Greeks' bumped
	// boundaries), or a choose option's on the coarse lattice where it has
	// one; those are side by side on the available cores, the others
	// (microseconds each) one after another. The first error in this order
	// is returned either way.
	vals, lat, errs := make([]float64, len(opts)), make([]bool, len(opts)), make([]error, len(opts))
	valueAt := func(k int) {
		if lat[k] = coarse && opts[k].chooseOnLattice(); lat[k] {
			vals[k] = opts[k].chooseCoarse(TornadoChooseSteps)
			return
		}
		vals[k], _, errs[k] = opts[k].ValueOnly()
	}
	if procs := runtime.GOMAXPROCS(0); coarse && procs > 1 {
		var next atomic.Int64
		var wg sync.WaitGroup
		for range min(procs, len(opts)) {
			wg.Go(func() {
				for k := int(next.Add(1)) - 1; k < len(opts); k = int(next.Add(1)) - 1 {
					valueAt(k)
				}
			})
		}
		wg.Wait()
	} else {
		for k := range opts {
			valueAt(k)
		}
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if coarse {
		// Anchor the coarse lattice's values on the exact base.
		vc := vals[len(vals)-1]
		for k := range 2 * len(fields) {
			if lat[k] {
				vals[k] = math.Max(base+(vals[k]-vc), 0)
			}
		}
	}
	out := make([]Swing, 0, len(fields))
	for i, f := range fields {
		lo, hi := opts[2*i], opts[1+2*i]
		vl, vh := vals[2*i], vals[1+2*i]
		out = append(out, Swing{Input: f.name, Low: *f.ptr(&lo), High: *f.ptr(&hi), ValueLow: vl, ValueHigh: vh, Base: base, Impact: math.Abs(vh - vl)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Impact > out[j].Impact })
	return out, nil
}

// chooseOnLattice reports whether RealOption.Value values the choose
// option o on its lattice (t, S and sigma above 0; else its value is
// deterministic, chooseDeterministic).
func (o RealOption) chooseOnLattice() bool {
	return o.T > 0 && o.S > 0 && o.Sigma > 0
}

// chooseCoarse is RealOption.Value's value of the choose option o (on its
// lattice, chooseOnLattice) with a lattice of n steps instead of
// ChooseSteps (fewer where chooseSteps allows fewer; even, at least 4):
// 2 V_n - V_{n/2}, never below a component valued alone (by ALOFast where
// the boundary method values it), nor below 0.
func (o RealOption) chooseCoarse(n int) float64 {
	env := newEnvelope(o.choosePieces())
	n = max(min(n, chooseSteps(o.Inputs))&^1, 4)
	val := 2*o.chooseLattice(&env, n, false).v0 - o.chooseLattice(&env, n/2, false).v0
	for _, k := range []Kind{Expand, Contract, Abandon} {
		// The components alone by the boundary method's fast scheme
		// (within about 5e-6 relative): the coarse lattice's own error
		// is some 1e-4, and only the bump's difference is shown.
		if v, _, err := o.component(k).valueOnly(ALOFast); err == nil && v > val {
			val = v
		}
	}
	return math.Max(val, 0)
}

// Learning says how much one option's value moves with its uncertainty.
type Learning struct {
	// Index is the option's position in the slice given to RankLearning.
	Index int
	// Vega is dV/dsigma per 1.00 of volatility, by central difference of
	// RealOption.Value with a 0.01 bump (forward at sigma < 0.01).
	Vega float64
	// PerPoint is Vega/100: the value change per volatility point.
	PerPoint float64
}

// RankLearning ranks options by vega, largest first: where research that
// changes sigma moves value most, so where learning pays most. Options that
// cannot be valued return the error of the first one.
func RankLearning(opts []RealOption) ([]Learning, error) {
	out := make([]Learning, 0, len(opts))
	const h = 0.01
	for i, o := range opts {
		up, dn := o, o
		up.Sigma = math.Min(o.Sigma+h, MaxSigma)
		dn.Sigma = math.Max(o.Sigma-h, 0)
		vu, _, err := up.ValueOnly()
		if err != nil {
			return nil, err
		}
		vd, _, err := dn.ValueOnly()
		if err != nil {
			return nil, err
		}
		v := (vu - vd) / (up.Sigma - dn.Sigma)
		out = append(out, Learning{Index: i, Vega: v, PerPoint: v / 100})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Vega > out[j].Vega })
	return out, nil
}
