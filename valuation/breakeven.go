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
// S below the trigger S*(sigma) (see Trigger), found by bisection to 1e-4.
// It returns 0
// when waiting pays already at sigma = 0 (for example S <= X, or no leakage
// with r >= 0), and +Inf when investing now beats waiting for every sigma up
// to MaxSigma.
func BreakEvenVolatility(in Inputs) (float64, error) {
	if err := in.Validate(); err != nil {
		return 0, err
	}
	now := func(sigma float64) bool {
		x := in
		x.Sigma = sigma
		trig, err := Trigger(x)
		return err == nil && in.S >= trig
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

// BreakEvenInvestment returns the investment X at or below which investing
// now beats waiting (S >= S*(X)) for the American call with inputs in. The
// trigger is homogeneous of degree one in X, so it is S X / S*(X). It
// returns 0 when waiting always pays (no trigger: q <= 0 with r >= 0).
func BreakEvenInvestment(in Inputs) (float64, error) {
	if err := in.Validate(); err != nil {
		return 0, err
	}
	x := in
	x.X = 1
	trig, err := Trigger(x)
	if err != nil {
		return 0, err
	}
	if math.IsInf(trig, 1) || trig == 0 {
		return 0, nil
	}
	return in.S / trig, nil
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

// Tornado returns the data of a tornado chart for o: for each of S, X, t and
// sigma the value at (1 - rel) and (1 + rel) times the base, for r and q at
// the base minus and plus rateShift (t and sigma not below 0, each within
// the input limits), sorted by Impact, largest first (ties in the order S,
// X, t, sigma, r, q).
func Tornado(o RealOption, rel, rateShift float64) ([]Swing, error) {
	if err := checkRange("rel", rel, 0, 1); err != nil {
		return nil, err
	}
	if err := checkRange("rate_shift", rateShift, 0, MaxRate); err != nil {
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
	// The options to value: the base, then each field's low and high.
	opts := make([]RealOption, 1, 1+2*len(fields))
	opts[0] = o
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
	// Values alone (ValueOnly: Value's value without the Greeks' bumped
	// boundaries). A choose option's are lattices of milliseconds each, so
	// they are valued side by side on the available cores; the others
	// take microseconds, one after another. The first error in this order
	// is returned either way.
	vals, errs := make([]float64, len(opts)), make([]error, len(opts))
	valueAt := func(k int) { vals[k], _, errs[k] = opts[k].ValueOnly() }
	if procs := runtime.GOMAXPROCS(0); o.Kind == Choose && procs > 1 {
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
	out := make([]Swing, 0, len(fields))
	for i, f := range fields {
		lo, hi := opts[1+2*i], opts[2+2*i]
		vl, vh := vals[1+2*i], vals[2+2*i]
		out = append(out, Swing{Input: f.name, Low: *f.ptr(&lo), High: *f.ptr(&hi), ValueLow: vl, ValueHigh: vh, Base: vals[0], Impact: math.Abs(vh - vl)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Impact > out[j].Impact })
	return out, nil
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
