package portfolio

import (
	"math"
	"math/rand/v2"

	"github.com/optionspace/optionspace/valuation"
)

// Early exercise in the simulation: a leg whose option can pay to exercise
// early (a call with leakage, a put with a positive rate) is monitored on
// monthly dates against its exercise boundary.

const (
	// monitorPerYear is the number of monitoring dates per year before the
	// horizon (every two months).
	monitorPerYear = 6
	// deadlinePerYear is the number of monitoring dates per year when the
	// deadline comes before the horizon (twice a month), with
	// deadlineDates more.
	deadlinePerYear = 6
	// maxMonitor caps the monitoring dates of one leg (50 years monthly).
	maxMonitor = 600
	// bridgeCut skips the Brownian-bridge draw where the crossing
	// probability exp(-x) is below exp(-bridgeCut) (about 2e-16).
	bridgeCut = 36
)

// monitor watches one leg's path for the first time S reaches its
// early-exercise boundary before min(horizon, deadline).
//
// With W the leg's Brownian motion (ln S(t) = ln S + drift t + vol W(t)),
// the path at the monitoring dates t_1 < ... < t_n is built from its end
// W(span) = sqrt(span) z, the normal the one-step simulation draws, as a
// Brownian bridge: W(t_k) = W(t_{k-1}) + a_k (W(span) - W(t_{k-1})) +
// c_k e_k with a_k = dt_k / (span - t_{k-1}) and
// c_k^2 = dt_k (span - t_k) / (span - t_{k-1}), e_k independent normals
// (of a stream of their own, so that legs without monitoring draw exactly
// what they drew before). In u = sgn vol W (sgn = +1 for a call, -1 for a
// put) the boundary is beta(t) = sgn (ln S*(T - t) - ln S - drift t),
// exercise where u >= beta. Between two dates the boundary is taken linear
// in t (log-linear in S) and the path crosses it with the Brownian-bridge
// probability exp(-2 d_{k-1} d_k / (vol^2 dt_k)), d = beta - u > 0 at both
// dates (Glasserman, Monte Carlo Methods in Financial Engineering, 2004,
// sect. 6.4; exact for a linear boundary).
type monitor struct {
	t        []float64 // dates 0 to n
	sqrtSpan float64
	sv       float64   // sgn * vol
	inv      []float64 // 2 / (vol^2 dt_k), dates 1 to n
	a, c     []float64 // bridge coefficients, dates 1 to n
	beta     []float64 // boundary in u at dates 0 to n
	lnB      []float64 // ln of the boundary in S at dates 0 to n
	// bmin[k] is the smallest beta at dates k to n (+Inf past n), rem[k]
	// 2 / (vol^2 (span - t_k)): a path whose bridge to its end stays below
	// bmin[k+1] with probability above 1 - exp(-bridgeCut) is not
	// followed further.
	bmin, rem []float64
	// band is set for a leg whose exercise band is closed today
	// (setClosedBand): lnB is then the near boundary, lnFar the far one,
	// NaN where the band is closed; lnS and drift place the path.
	band       bool
	lnFar      []float64
	lnS, drift float64
}

// plainKind reports whether o is a defer, expand, abandon or contract
// option, a call (put false) or a put on scale * S: scale 1, its expand
// factor, 1 or its contract factor.
func plainKind(o valuation.RealOption) (put bool, scale float64, ok bool) {
	switch o.Kind {
	case valuation.Defer:
		return false, 1, true
	case valuation.Expand:
		return false, o.ExpandFactor, true
	case valuation.Abandon:
		return true, 1, true
	case valuation.Contract:
		return true, o.ContractFactor, true
	}
	return false, 0, false
}

// neverEarly reports whether a plain call (put false) or put with inputs
// in never pays to exercise before its deadline: a call without leakage
// (q <= 0, r >= 0), a put with r <= 0 and q >= 0. Its value is then the
// European one.
func neverEarly(put bool, in valuation.Inputs) bool {
	if put {
		return in.R <= 0 && in.Q >= 0
	}
	return in.Q <= 0 && in.R >= 0
}

// beyondBand reports whether a plain call (put false) or put on scale * S
// with inputs in has two exercise boundaries at sigma > 0 (a call with
// r < q < 0, a put with q < r < 0: valuation.FarTrigger) and S beyond the
// far one today (above the band for a call, below it for a put). Such a
// path reaches the band first through its far boundary: the band only
// widens as the time left falls (Battauz, De Donno and Sbuelz 2015), and
// S is continuous, so it is watched on that boundary, crossed the other
// way, instead of the trigger.
func beyondBand(put bool, scale float64, in valuation.Inputs) (bool, error) {
	fb, err := valuation.FarTrigger(exerciseType(put), in)
	if err != nil || fb == 0 {
		return false, err
	}
	u := scale * in.S
	return !put && u > fb || put && u < fb, nil
}

// exerciseType is the American option type of a plain leg.
func exerciseType(put bool) valuation.OptionType {
	if put {
		return valuation.Put
	}
	return valuation.Call
}

// newMonitor returns the monitor of option o (inputs as today) over
// (0, span], span = min(horizon, T), or nil when it is never exercised
// early: kinds other than defer, expand, abandon and contract (staged and
// choose options are not monitored), a call without leakage (q <= 0,
// r >= 0), a put with r <= 0 and q >= 0, zero volatility or S. With two
// exercise boundaries (see beyondBand) a path that starts below the band
// (call) is watched on the trigger, one that starts beyond it on the far
// boundary; one whose band is closed today is watched for the first time
// it is inside the band once that has opened (see setClosedBand).
//
// The dates are monthly, span/n apart with n = ceil(12 span) (at most
// 600). When the deadline comes first (span = T) the boundary steepens
// towards it (like sqrt(tau |ln tau|) in the time left tau) and goes to
// a limit other than X (Kim, "The analytic valuation of American
// options", Review of Financial Studies 3, 1990): the last month is then
// watched on 6 more dates at T - dt/2, T - dt/4, ..., T - dt/64 and the
// deadline itself is left to the exercise value at T. The boundary at each
// date is the engine's trigger at the time left (cachedTrigger:
// valuation.Trigger or PutTrigger with t = T - t_k).
func newMonitor(o valuation.RealOption, drift, span float64) (*monitor, error) {
	put, scale, ok := plainKind(o)
	if !ok {
		return nil, nil
	}
	in := o.Inputs
	if !(in.Sigma > 0) || !(in.S > 0) || !(span > 0) || !(in.T > 0) || !(scale > 0) || !(in.X > 0) {
		return nil, nil
	}
	if neverEarly(put, in) {
		return nil, nil
	}
	deadline := span >= in.T
	perYear := float64(monitorPerYear)
	if deadline {
		perYear = deadlinePerYear
	}
	n := int(math.Ceil(span*perYear - 1e-9))
	n = min(max(n, 1), maxMonitor)
	if deadline {
		n += deadlineDates
	}
	// Dates evenly spaced in the square root of the time left.
	rt, re := math.Sqrt(in.T), math.Sqrt(math.Max(in.T-span, 0))
	ts := make([]float64, 0, n+1)
	for k := 0; k <= n; k++ {
		q := rt - float64(k)/float64(n)*(rt-re)
		ts = append(ts, in.T-q*q)
	}
	ts[0] = 0
	if deadline {
		// The deadline is not a monitoring date.
		ts = ts[:n]
	} else {
		ts[n] = span
	}
	n = len(ts) - 1
	m := &monitor{t: ts, sqrtSpan: math.Sqrt(span), inv: make([]float64, n+1),
		a: make([]float64, n+1), c: make([]float64, n+1), beta: make([]float64, n+1), lnB: make([]float64, n+1)}
	sgn := 1.0
	if put {
		sgn = -1
	}
	if closed, err := closedBand(put, in); err != nil {
		return nil, err
	} else if closed {
		m.sv, m.lnS, m.drift = in.Sigma, math.Log(in.S), drift
		m.setBridge(in.Sigma, span)
		if open, err := m.setClosedBand(put, scale, in); err != nil || !open {
			return nil, err
		}
		return m, nil
	}
	far, err := beyondBand(put, scale, in)
	if err != nil {
		return nil, err
	}
	if far {
		sgn = -sgn // S must come back to the band's far boundary
	}
	m.sv = sgn * in.Sigma
	lnS := math.Log(in.S)
	for k, tk := range ts {
		x := in
		x.T = in.T - tk
		var b float64
		var none bool
		if far {
			b, err = valuation.FarTrigger(exerciseType(put), x)
			none = b == 0
		} else {
			b, err = cachedTrigger(put, x)
			none = !put && math.IsInf(b, 1) || put && b <= 0
		}
		if err != nil {
			return nil, err
		}
		if none {
			if k == 0 {
				return nil, nil // never exercised early
			}
			// No boundary at this date: no exercise there.
			b = math.Inf(1)
			if sgn < 0 {
				b = 0
			}
		}
		m.lnB[k] = math.Log(b / scale)
		m.beta[k] = sgn * (m.lnB[k] - lnS - drift*tk)
	}
	m.setBridge(in.Sigma, span)
	m.bmin = make([]float64, n+2)
	m.rem = make([]float64, n+1)
	m.bmin[n+1] = math.Inf(1)
	for k := n; k >= 0; k-- {
		m.bmin[k] = math.Min(m.beta[k], m.bmin[k+1])
		m.rem[k] = 2 / (in.Sigma * in.Sigma * (span - ts[k]))
	}
	return m, nil
}

// setBridge sets the bridge coefficients a and c and the inverse
// variances inv of m's dates over (0, span] for volatility vol.
func (m *monitor) setBridge(vol, span float64) {
	ts := m.t
	for k := 1; k < len(ts); k++ {
		d := ts[k] - ts[k-1]
		m.inv[k] = 2 / (vol * vol * d)
		m.a[k] = d / (span - ts[k-1])
		m.c[k] = math.Sqrt(d * (span - ts[k]) / (span - ts[k-1]))
	}
}

// below reports whether the bridge from u at date k to ue at the end stays
// below every later boundary value but with probability exp(-bridgeCut).
func (m *monitor) below(k int, u, ue float64) bool {
	b := m.bmin[k+1]
	g1, g2 := b-u, b-ue
	return g1 > 0 && g2 > 0 && g1*g2*m.rem[k] > bridgeCut
}

// deadlineDates is the number of dates added in the last month before a
// deadline that falls within the horizon.
const deadlineDates = 6

// cross follows one path, whose Brownian motion ends at sqrt(span) z, and
// returns when (years from today) and at which S it first reaches the
// boundary, and false when it does not by the last monitoring date. S
// there is the boundary.
func (m *monitor) cross(z float64, rng *rand.Rand) (t, s float64, ok bool) {
	if m.band {
		return m.crossBand(z, rng)
	}
	d := m.beta[0]
	if !(d > 0) {
		return 0, math.Exp(m.lnB[0]), true
	}
	we := m.sqrtSpan * z
	ue := m.sv * we
	if m.below(0, 0, ue) {
		return 0, 0, false
	}
	w := 0.0
	for k := 1; k < len(m.t); k++ {
		wk := w + m.a[k]*(we-w) + m.c[k]*rng.NormFloat64()
		dk := m.beta[k] - m.sv*wk
		crossed := !(dk > 0)
		if !crossed {
			if x := d * dk * m.inv[k]; x < bridgeCut {
				// exp(-x) <= 1/(1+x): most draws are decided without it.
				u := rng.Float64()
				crossed = u*(1+x) < 1 && u < math.Exp(-x)
			}
		}
		if crossed {
			dep := placeDepth
			if dk > 0 {
				dep = placeDepthBridge
			}
			f := m.place(d, dk, 1/m.inv[k], 0, 1, dep, rng)
			lb := m.lnB[k-1] + f*(m.lnB[k]-m.lnB[k-1])
			if math.IsInf(m.lnB[k], 0) || math.IsNaN(lb) {
				lb = m.lnB[k-1]
			}
			return m.t[k-1] + f*(m.t[k]-m.t[k-1]), math.Exp(lb), true
		}
		if k+1 < len(m.t) && m.below(k, m.sv*wk, ue) {
			return 0, 0, false
		}
		w, d = wk, dk
	}
	return 0, 0, false
}

// placeDepth is how many times the interval in which the path crosses
// the boundary is halved to place the crossing.
const placeDepth = 4

// expCut is exp(-x), 0 where x > bridgeCut.
func expCut(x float64) float64 {
	if x > bridgeCut {
		return 0
	}
	return math.Exp(-x)
}

// placeDepthBridge is placeDepth for a crossing found by the bridge
// between two dates below the boundary (halving such a piece needs the
// rejection step; the placement matters less).
const placeDepthBridge = 2

// placeTries bounds the draws of place's rejection step.
const placeTries = 64

// place returns where, as a fraction of the monitoring interval, a path
// known to cross the boundary between fractions f0 and f1 crosses it first.
// d0 > 0 and d1 are its distances below the boundary (linear in t) there,
// half vol^2 dt / 2 of the piece. The piece is halved depth times: the
// path's middle dm is drawn from the Brownian bridge (d is one, mean
// (d0 + d1)/2, variance vol^2 dt / 4) given the crossing (by rejection,
// with the probability of a crossing given dm, 1 - (1 - p1)(1 - p2), p_i
// the halves' bridge crossing probabilities, 1 where dm <= 0; directly when
// d1 <= 0, where every dm crosses), then the half where the path first
// crosses, p1 against (1 - p1) p2. At the end a crossing seen at f1
// (d1 <= 0) is placed by linear interpolation of d, one between by the
// bridge at the middle. The crossing's time is so drawn to 2^-depth of
// the interval; where the crossing is so unlikely that the rejection
// finds no middle in placeTries draws, at the middle.
func (m *monitor) place(d0, d1, half, f0, f1 float64, depth int, rng *rand.Rand) float64 {
	for ; depth > 0; depth-- {
		fm := 0.5 * (f0 + f1)
		sd := math.Sqrt(half / 2)
		q := 2 / half // 1 / (vol^2 dt / 4), a half's scale
		var dm, p1, p2 float64
		found := false
		for try := 0; try < placeTries; try++ {
			dm = 0.5*(d0+d1) + sd*rng.NormFloat64()
			if !(dm > 0) {
				found = true
				break
			}
			p1 = expCut(d0 * dm * q)
			if !(d1 > 0) {
				found = true
				break
			}
			u := rng.Float64()
			p2 = expCut(dm * d1 * q)
			if u < 1-(1-p1)*(1-p2) {
				found = true
				break
			}
		}
		if !found {
			break
		}
		half /= 2
		first := !(dm > 0)
		if !first {
			if d1 > 0 {
				first = rng.Float64()*(1-(1-p1)*(1-p2)) < p1
			} else {
				first = rng.Float64() < p1
			}
		}
		if first {
			f1, d1 = fm, dm
		} else {
			f0, d0 = fm, dm
		}
	}
	if !(d1 > 0) {
		return f0 + d0/(d0-d1)*(f1-f0)
	}
	return 0.5 * (f0 + f1)
}
