package valuation

import (
	"fmt"
	"math"
)

// Geske returns the value of a European call on a European call (Geske
// 1979, with leakage q as in Haug's "The Complete Guide to Option Pricing
// Formulas"): at stageT the holder may pay stageCost (K1) to receive the call
// on S at in.X expiring at in.T:
//
//	V = S e^{-qT} M(a1, b1; rho) - X e^{-rT} M(a2, b2; rho) - K1 e^{-r t1} N(a2)
//	a1 = (ln(S/S*) + (r - q + sigma^2/2) t1)/(sigma sqrt t1),  a2 = a1 - sigma sqrt t1
//	b1 = (ln(S/X) + (r - q + sigma^2/2) T)/(sigma sqrt T),     b2 = b1 - sigma sqrt T
//	rho = sqrt(t1/T)
//
// where S* solves C_BSM(S*, X, T - t1) = K1 (by bisection) and M is the
// bivariate normal distribution (Genz's algorithm). stageT must be in
// [0, T] and stageCost >= 0. Limits: stageCost = 0 gives the plain call,
// stageT = 0 gives max(C - K1, 0), sigma = 0 the deterministic limit.
func Geske(in Inputs, stageCost, stageT float64) (float64, error) {
	if err := in.Validate(); err != nil {
		return 0, err
	}
	if err := checkStage(in, stageCost, stageT); err != nil {
		return 0, err
	}
	c, _ := BlackScholes(Call, in)
	switch {
	case stageCost == 0:
		return c, nil
	case stageT == 0:
		return math.Max(c-stageCost, 0), nil
	}
	inner := in
	inner.T = in.T - stageT
	v1 := in.Sigma * math.Sqrt(stageT)
	if v1 == 0 || in.S == 0 || in.X == 0 || inner.T == 0 {
		// Deterministic, or an inner option that is a forward/intrinsic:
		// the bivariate formula degenerates. Roll S to the stage date.
		if v1 == 0 || in.S == 0 {
			inner.S = in.S * math.Exp((in.R-in.Q)*stageT)
			ci, _ := BlackScholes(Call, inner)
			return math.Exp(-in.R*stageT) * math.Max(ci-stageCost, 0), nil
		}
		if inner.T == 0 {
			// Call on max(S - X, 0) - K1 at t1 = T: a call on S at X + K1.
			in2 := in
			in2.X = in.X + stageCost
			return BlackScholes(Call, in2)
		}
		// X = 0: the inner call is worth S e^{-q(T-t1)}: a call on it at K1.
		in2 := in
		in2.T = stageT
		in2.S = in.S * math.Exp(-in.Q*inner.T)
		in2.X = stageCost
		return BlackScholes(Call, in2)
	}
	sStar := criticalPrice(inner, stageCost)
	a1 := (math.Log(in.S/sStar) + (in.R-in.Q+0.5*in.Sigma*in.Sigma)*stageT) / v1
	a2 := a1 - v1
	v := in.Sigma * math.Sqrt(in.T)
	b1 := (math.Log(in.S/in.X) + (in.R-in.Q+0.5*in.Sigma*in.Sigma)*in.T) / v
	b2 := b1 - v
	// Clamp to +-40: N(-40) underflows to 0, so M(a, b; rho) is unchanged
	// in floating point, and tiny volatilities cannot produce Inf - Inf.
	clamp := func(x float64) float64 { return math.Max(-40, math.Min(40, x)) }
	a1, a2, b1, b2 = clamp(a1), clamp(a2), clamp(b1), clamp(b2)
	rho := math.Sqrt(stageT / in.T)
	val := in.S*math.Exp(-in.Q*in.T)*bivariateNormal(a1, b1, rho) -
		in.X*math.Exp(-in.R*in.T)*bivariateNormal(a2, b2, rho) -
		stageCost*math.Exp(-in.R*stageT)*normCDF(a2)
	return math.Max(val, 0), nil
}

// checkStage validates the stage-1 inputs of a compound option.
func checkStage(in Inputs, stageCost, stageT float64) error {
	if err := checkRange("stage_cost", stageCost, 0, MaxAmount); err != nil {
		return err
	}
	if err := checkRange("stage_t", stageT, 0, MaxT); err != nil {
		return err
	}
	if stageT > in.T {
		return &InputError{Input: "stage_t", Value: stageT, Reason: fmt.Sprintf("is after the final deadline t = %g", in.T)}
	}
	return nil
}

// criticalPrice returns S* with C_BSM(S*, X, T) = k for k > 0, by bisection
// to full precision (C is increasing in S). The bracket is [0, (k + X) e^{qT}]
// since C(S) >= S e^{-qT} - X e^{-rT} >= S e^{-qT} - X for r >= 0 (and the
// upper end is doubled until C exceeds k otherwise).
func criticalPrice(in Inputs, k float64) float64 {
	lo, hi := 0.0, (k+in.X)*math.Exp(in.Q*in.T)
	for {
		in.S = hi
		if c, _ := BlackScholes(Call, in); c >= k || hi > MaxAmount {
			break
		}
		lo, hi = hi, 2*hi
	}
	for i := 0; i < 200; i++ {
		mid := 0.5 * (lo + hi)
		if mid <= lo || mid >= hi {
			break
		}
		in.S = mid
		if c, _ := BlackScholes(Call, in); c >= k {
			hi = mid
		} else {
			lo = mid
		}
	}
	return 0.5 * (lo + hi)
}

// CompoundLattice values a call on a call on one Leisen-Reimer tree of
// steps steps (raised to odd) over [0, T]: the inner call (on S at X, expiry
// T) is rolled back from T to the stage date, American when innerAmerican is
// true; there the holder keeps max(inner - stageCost, 0); that is rolled back
// to 0 as a European option. The stage date is rounded to the nearest step
// (exact when stageT/T*steps is an integer), so the error is O(T/steps).
// It is the lattice cross-check of Geske and the method for staged options
// whose second stage may be exercised early (q > 0).
func CompoundLattice(in Inputs, stageCost, stageT float64, steps int, innerAmerican bool) (float64, error) {
	if err := in.Validate(); err != nil {
		return 0, err
	}
	if err := checkStage(in, stageCost, stageT); err != nil {
		return 0, err
	}
	if err := checkSteps(steps); err != nil {
		return 0, err
	}
	if steps%2 == 0 {
		steps++
	}
	if err := checkSpread(in, steps); err != nil {
		return 0, err
	}
	if in.T == 0 || in.S == 0 || in.X == 0 || in.Sigma == 0 {
		return Geske(in, stageCost, stageT)
	}
	t, err := lrTree(in, steps)
	if err != nil {
		return Geske(in, stageCost, stageT)
	}
	n := t.n
	n1 := int(math.Round(stageT / t.dt))
	lb, pu, pd := rollbackBuf(t, in.R)
	defer latticePool.Put(lb)
	upw, dpw, v := lb.upw, lb.dpw, lb.a
	for j := 0; j <= n; j++ {
		v[j] = math.Max(in.S*upw[j]*dpw[n-j]-in.X, 0)
		if n1 == n {
			v[j] = math.Max(v[j]-stageCost, 0)
		}
	}
	for i := n - 1; i >= 0; i-- {
		for j := 0; j <= i; j++ {
			c := pu*v[j+1] + pd*v[j]
			if innerAmerican && i >= n1 {
				c = math.Max(c, in.S*upw[j]*dpw[i-j]-in.X)
			}
			v[j] = c
		}
		if i == n1 {
			for j := 0; j <= i; j++ {
				v[j] = math.Max(v[j]-stageCost, 0)
			}
		}
	}
	return v[0], nil
}

// stagedALO values a call on an American call whose first stage is European
// (pay stageCost K1 at stageT t1 to hold the American call on S at X
// expiring at T), as the expectation
//
//	V = e^{-r t1} E[max(C_A(S_t1) - K1, 0)],  S_t1 = S e^{(r-q-sigma^2/2) t1 + sigma sqrt(t1) z}
//
// where C_A is the American call over T - t1 by the Andersen-Lake-Offengelt
// boundary method (ALOStandard; Andersen, Lake and Offengelt 2016). This is
// the definition of the compound option (Geske 1979 with an American inner
// option, as in the lattice of CompoundLattice): the first stage can only
// be decided at t1, the second at any time from t1 to T. C_A is increasing
// in S_t1 and equals S_t1 - X from the inner option's trigger B up, so the
// integrand vanishes below the S_c with C_A(S_c) = K1 (found by the
// Illinois method on the same boundary) and is S_t1 - X - K1 above B, a
// closed form; between them it is smooth and integrated by composite
// Gauss-Legendre in z (stagedPanels panels of stagedPanelOrder points).
// With K1 >= B - X the American feature never matters at the decision and
// the value is the European call on S at X + K1 over t1.
//
// ok is false where the boundary method does not apply (two boundaries,
// r < 0 with q <= 0, or a degenerate input); the caller then uses the
// lattice. (Below sigma sqrt(T - t1) = minBoundaryCumVol it used the
// lattice too, which converges slowly there: at S 200, t 10, sigma 1e-4,
// r -0.02, q 0.05, stage 10 at 5 it gave 34.140 for 34.191; its inner
// values are ALOValue's, kept within smallVolBracket's bounds, and
// TestStagedSmallSigma checks them against a brute-force expectation.)
func stagedALO(in Inputs, stageCost, stageT float64) (float64, bool) {
	inner := in
	inner.T = in.T - stageT
	single, early := aloDefined(Call, in.R, in.Q)
	if !single || !early || stageCost <= 0 || in.S <= 0 || in.X <= 0 || in.Sigma <= 0 {
		return 0, false
	}
	if inner.T <= 0 {
		// The decision at T: max(S_T - X, 0) - K1 when positive, the call
		// on S at X + K1 (as in Geske).
		e := in
		e.X = in.X + stageCost
		c, err := BlackScholes(Call, e)
		return c, err == nil
	}
	if stageT <= 0 {
		v, err := ALOValue(Call, in, ALOStandard)
		return math.Max(v-stageCost, 0), err == nil
	}
	bnd, err := ALOBoundary(Call, inner, ALOStandard)
	if err != nil || math.IsInf(bnd, 0) || bnd <= in.X {
		return 0, false
	}
	s := in.Sigma * math.Sqrt(stageT)
	mu := (in.R - in.Q - 0.5*in.Sigma*in.Sigma) * stageT
	disc := math.Exp(-in.R * stageT)
	fwd := in.S * math.Exp((in.R-in.Q)*stageT)
	if stageCost >= bnd-in.X {
		e := in
		e.T, e.X = stageT, in.X+stageCost
		c, err := BlackScholes(Call, e)
		return c, err == nil
	}
	var failed bool
	am := func(s1 float64) float64 {
		x := inner
		x.S = s1
		v, err := ALOValue(Call, x, ALOStandard)
		if err != nil {
			failed = true
		}
		return math.Max(v, s1-in.X)
	}
	sc := stagedCritical(am, stageCost, bnd)
	if failed {
		return 0, false
	}
	// z at S_c and at B; beyond z = 8.5 (+ s at the top, where the
	// integrand grows like e^{s z}) the Gaussian weight is below 1e-16.
	zc := (math.Log(sc/in.S) - mu) / s
	zb := (math.Log(bnd/in.S) - mu) / s
	top := fwd*normCDF(s-zb) - (in.X+stageCost)*normCDF(-zb)
	lo, hi := math.Max(zc, -8.5), math.Min(zb, 8.5+s)
	var mid float64
	if hi > lo {
		xs, ws := gaussLegendre(stagedPanelOrder)
		w := (hi - lo) / stagedPanels
		for p := range stagedPanels {
			a := lo + float64(p)*w
			for k, x := range xs {
				z := a + 0.5*w*(1+x)
				c := am(in.S*math.Exp(mu+s*z)) - stageCost
				mid += 0.5 * w * ws[k] * math.Max(c, 0) * normPDF(z)
			}
		}
	}
	if failed {
		return 0, false
	}
	return disc * (mid + math.Max(top, 0)), true
}

// The composite Gauss-Legendre rule of stagedALO: stagedPanels panels of
// stagedPanelOrder points between the critical price and the inner
// trigger (at most 17 standard deviations wide). See TestStagedALOQuadrature
// for the error against a rule of 16 panels of 24 points.
const (
	stagedPanels     = 4
	stagedPanelOrder = 8
)

// stagedCritical returns the S_c in (0, bnd) with am(S_c) = k, where am is
// increasing with am(bnd) > k, by the Illinois variant of regula falsi on
// ln S to 1e-12 relative (at most 60 evaluations; about 8 in practice).
func stagedCritical(am func(float64) float64, k, bnd float64) float64 {
	hi, fhi := math.Log(bnd), am(bnd)-k
	lo := hi - 0.25
	flo := am(math.Exp(lo)) - k
	for i := 0; flo >= 0 && i < 60; i++ {
		hi, fhi = lo, flo
		lo -= 0.25 * float64(int(1)<<min(i, 6))
		flo = am(math.Exp(lo)) - k
	}
	if flo >= 0 {
		return math.Exp(lo)
	}
	side := 0
	for i := 0; i < 60 && hi-lo > 1e-12; i++ {
		x := (lo*fhi - hi*flo) / (fhi - flo)
		if !(x > lo && x < hi) {
			x = 0.5 * (lo + hi)
		}
		fx := am(math.Exp(x)) - k
		switch {
		case fx == 0:
			return math.Exp(x)
		case fx > 0:
			hi, fhi = x, fx
			if side == 1 {
				flo /= 2
			}
			side = 1
		default:
			lo, flo = x, fx
			if side == -1 {
				fhi /= 2
			}
			side = -1
		}
	}
	return math.Exp(0.5 * (lo + hi))
}

// rollbackBuf takes a buffer from latticePool (the caller puts it back)
// holding the powers of t's up and down factors from 0 to t.n steps, and
// returns it with the up and down probabilities of one step discounted at
// the rate r: the start of a backward induction over t.
func rollbackBuf(t tree, r float64) (lb *latticeBuf, pu, pd float64) {
	lb = latticePool.Get().(*latticeBuf)
	lb.grow(t.n)
	powers(lb.upw[:t.n+1], t.lnu)
	powers(lb.dpw[:t.n+1], t.lnd)
	disc := math.Exp(-r * t.dt)
	return lb, disc * t.p, disc * (1 - t.p)
}
