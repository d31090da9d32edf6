package valuation

import "math"

// Bounds of the American put (single boundary: r > 0) in closed form,
// which meet at small sigma: there the lattices converge slowly (the
// boundary settles within a time of order sigma^2/r^2, which a lattice of
// N steps resolves only for N far above (r sqrt(T)/sigma)^2) and the
// boundary method's nodes miss the boundary's fall (kappa in the
// thousands).
//
//   - V >= the payoff, V >= the European value (BSM).
//   - V <= the perpetual put V_inf (McKean 1965; Merton 1973), whose
//     trigger is B_inf = X beta/(beta-1), beta the negative root of
//     sigma^2/2 b(b-1) + (r-q) b - r = 0.
//   - V >= the value of exercising at the first time tau that S reaches
//     B_inf if tau <= T: V_inf - (X - B_inf) E[e^{-r tau}; T < tau < inf]
//     >= V_inf - (X - B_inf) e^{-rT} P(T < tau < inf), in closed form for
//     Brownian motion with drift.
//   - V <= V_E + the largest early-exercise premium: the premium is
//     int_0^T e^{-rt} E[(rX - qS_t) 1{S_t <= B(T-t)}] dt (Kim 1990), the
//     boundary B lies below its expiry limit X min(1, r/q), the integrand
//     is at most c = X (r + max(0, -q)), and it is 0 until S first reaches
//     that limit: premium <= c (1 - e^{-rT})/r P(tau_lim <= T).
//
// The same holds for r = 0 > q (the put is then exercised deep in the
// money; beta = 1 + q/(sigma^2/2)), with int_0^T e^{-rt} dt = T.
//
// smallVolBracket returns the lower and upper bounds; ok false where they
// do not apply (r < 0, r = 0 <= q, or sigma, T, S or X 0).
func smallVolBracket(s, x, t, sig, r, q float64) (lo, hi float64, ok bool) {
	if !((r > 0 || r == 0 && q < 0) && sig > 0 && t > 0 && s > 0 && x > 0) {
		return 0, 0, false
	}
	a := sig * sig / 2
	nu := r - q - a // drift of ln S
	beta := perpetualPutBeta(a, nu, r)
	if !(beta < 0) || math.IsInf(beta, 0) {
		return 0, 0, false
	}
	binf := x * beta / (beta - 1)
	euro, err := BlackScholes(Put, Inputs{S: s, X: x, T: t, Sigma: sig, R: r, Q: q})
	if err != nil {
		return 0, 0, false
	}
	payoff := math.Max(x-s, 0)
	lo = math.Max(euro, payoff)
	// Perpetual side.
	if s <= binf {
		vinf := x - s
		return vinf, vinf, true
	}
	// X - B_inf = X/(1 - beta) and ln(S/B_inf) = ln(S/X) + ln(1 - 1/beta)
	// without the cancellation of B_inf close to X.
	gap, d := x/(1-beta), math.Log(s/x)+math.Log1p(-1/beta)
	vinf := gap * math.Exp(beta*d)
	hi = vinf
	lo = math.Max(lo, vinf-gap*math.Exp(-r*t)*passLater(d, nu, sig, t))
	// European side.
	lim := x
	if q > r {
		lim = x * r / q
	}
	if s > lim {
		c := x * (r + math.Max(0, -q))
		span := t // int_0^T e^{-rt} dt
		if r > 0 {
			span = -math.Expm1(-r*t) / r
		}
		hi = math.Min(hi, euro+c*span*passBy(math.Log(s/lim), nu, sig, t))
	}
	if hi < lo {
		// Rounding only: the bounds are proven.
		hi = lo
	}
	return lo, hi, true
}

// passBy is the probability that Brownian motion with drift nu and
// volatility sig, started d > 0 above a barrier, reaches it by time t:
// Phi((-d - nu t)/(sig sqrt t)) + e^{-2 nu d/sig^2} Phi((-d + nu t)/(sig sqrt t)).
func passBy(d, nu, sig, t float64) float64 {
	st := sig * math.Sqrt(t)
	p := normCDF((-d-nu*t)/st) + math.Exp(-2*nu*d/(sig*sig)+logNormCDF((-d+nu*t)/st))
	return math.Min(p, 1)
}

// passLater is the probability that the motion of passBy reaches the
// barrier after t (but at all): for nu <= 0 (it reaches it surely)
// P(tau > t) = Phi((d + nu t)/(sig sqrt t)) - e^{-2 nu d/sig^2} Phi((-d + nu t)/(sig sqrt t)),
// for nu > 0 e^{-2 nu d/sig^2} Phi((d - nu t)/(sig sqrt t)) - Phi((-d - nu t)/(sig sqrt t)).
func passLater(d, nu, sig, t float64) float64 {
	st := sig * math.Sqrt(t)
	e := -2 * nu * d / (sig * sig)
	var p float64
	if nu <= 0 {
		p = normCDF((d+nu*t)/st) - math.Exp(e+logNormCDF((-d+nu*t)/st))
	} else {
		p = math.Exp(e+logNormCDF((d-nu*t)/st)) - normCDF((-d-nu*t)/st)
	}
	return math.Max(p, 0)
}

// logNormCDF is ln Phi(x), also far in the lower tail (x < -37, where
// Phi underflows), by the asymptotic series there.
func logNormCDF(x float64) float64 {
	if x > -30 {
		return math.Log(normCDF(x))
	}
	z2 := 1 / (x * x)
	return -x*x/2 - math.Log(-x) - 0.5*math.Log(2*math.Pi) + math.Log1p(z2*(-1+z2*(3-15*z2)))
}

// stiffBracketKappa is the stiffness (aloKappa) above which RealOption
// tries the closed-form bounds of smallVolBracket before the boundary
// method (below minBoundaryCumVol it always does). Measured against the
// bounds where they meet (sigma 1e-4-0.02, S/X 0.5-2, t 0.1-10,
// r -0.02-0.1, q 0-0.15, TestSmallVolEngine): ALOStandard's values were
// off by more than max(1e-6 V, 1e-8 X) only above kappa 25 (1.1 times
// that at kappa 27, sigma 0.02, t 10; up to 100 times at kappa 316), and
// the Leisen-Reimer lattice of DefaultSteps below minBoundaryCumVol by up
// to the whole value (2.5e-8 for 3.68e-4 at sigma 0.001, t 1).
const stiffBracketKappa = 20

// smallVolTol is the largest width of smallVolBracket's bounds at which
// RealOption takes their midpoint: 1e-7 of the value or 1e-9 of X.
func smallVolTol(v, x float64) float64 { return math.Max(1e-7*v, 1e-9*x) }

// smallVolOption values the plain American call or put typ with inputs in
// from the bounds of smallVolBracket when they meet within smallVolTol
// (ok false otherwise).
// A call is the put with S and X and r and q swapped (McDonald and
// Schroder 1998). Where the bounds meet at the perpetual option the
// value is a power of S, V = A S^e (e = beta for the put, 1 - beta' for
// the call), so delta = e V/S and gamma = e(e-1) V/S^2; vega and rho are
// central differences of the perpetual closed form and theta is 0 (the
// value no longer depends on t). Where they meet at the European value
// the Greeks are Black-Scholes-Merton's.
func smallVolOption(typ OptionType, in Inputs) (Result, bool) {
	s, x, r, q := in.S, in.X, in.R, in.Q
	if typ == Call {
		s, x, r, q = x, s, q, r
	}
	lo, hi, ok := smallVolBracket(s, x, in.T, in.Sigma, r, q)
	v := (lo + hi) / 2
	if !ok || hi-lo > smallVolTol(v, in.X) {
		return Result{}, false
	}
	euro, _ := BlackScholesGreeks(typ, in)
	vinf, e := perpetualOf(typ, in)
	switch {
	case math.Abs(v-euro.Value) <= smallVolTol(v, in.X) && math.Abs(v-euro.Value) <= math.Abs(v-vinf):
		euro.Value = v
		euro.Method = MethodSmallVolEuropean
		return euro, true
	case e == 0:
		// Exercised at once: the payoff.
		d := 1.0
		if typ == Put {
			d = -1
		}
		return Result{Value: v, Greeks: Greeks{Delta: d}, Method: MethodSmallVolPerpetual}, true
	}
	g := Greeks{Delta: e * vinf / in.S, Gamma: e * (e - 1) * vinf / (in.S * in.S)}
	hv, hr := 1e-4*in.Sigma, 1e-6
	at := func(sig, r float64) float64 {
		b := in
		b.Sigma, b.R = sig, r
		p, _ := perpetualOf(typ, b)
		return p
	}
	g.Vega = (at(in.Sigma+hv, in.R) - at(in.Sigma-hv, in.R)) / (2 * hv)
	g.Rho = (at(in.Sigma, in.R+hr) - at(in.Sigma, in.R-hr)) / (2 * hr)
	return Result{Value: v, Greeks: g, Method: MethodSmallVolPerpetual}, true
}

// The Result.Method of smallVolOption's values.
const (
	MethodSmallVolPerpetual = "perpetual closed form (McKean; the finite-t bounds meet)"
	MethodSmallVolEuropean  = "Black-Scholes-Merton (early-exercise premium bounded below 1e-7)"
)

// perpetualOf returns the perpetual American call or put typ with the
// inputs of in (T ignored) and the exponent e of its value A S^e; e is 0
// where S is beyond the trigger (the value is the payoff). It assumes the
// put (a call's rates swapped) has r > 0 or r = 0 > q.
func perpetualOf(typ OptionType, in Inputs) (v, e float64) {
	s, x, r, q := in.S, in.X, in.R, in.Q
	if typ == Call {
		s, x, r, q = x, s, q, r
	}
	a := in.Sigma * in.Sigma / 2
	beta := perpetualPutBeta(a, r-q-a, r)
	binf := x * beta / (beta - 1)
	if s <= binf {
		return x - s, 0
	}
	v = x / (1 - beta) * math.Exp(beta*(math.Log(s/x)+math.Log1p(-1/beta)))
	if typ == Call {
		// V as a function of the call's S (the put's x, binf = k x):
		// (x - k x)(s/(k x))^beta is proportional to x^(1-beta).
		return v, 1 - beta
	}
	return v, beta
}

// smallVolClamp keeps v, a value of the American call or put typ with
// inputs in, within the bounds of smallVolBracket where smallVolCase
// holds (the boundary method's values there, off by up to 1e-4 of the
// value at kappa in the thousands, then lie within the bounds' width of
// the truth where the bounds meet).
func smallVolClamp(typ OptionType, in Inputs, v float64) float64 {
	if !smallVolCase(typ, in) {
		return v
	}
	s, x, r, q := in.S, in.X, in.R, in.Q
	if typ == Call {
		s, x, r, q = x, s, q, r
	}
	if lo, hi, ok := smallVolBracket(s, x, in.T, in.Sigma, r, q); ok {
		return math.Min(math.Max(v, lo), hi)
	}
	return v
}

// perpetualPutBeta is the negative root of a b^2 + nu b - r = 0 (a =
// sigma^2/2, nu = r - q - a), the exponent of the perpetual put, in the
// form without cancellation: -(nu + D)/(2a) for nu >= 0 and
// -2r/(D - nu) for nu < 0, D = sqrt(nu^2 + 4ar). (The textbook
// (-nu - D)/(2a) loses the digits of D - |nu| ~ 2ar/|nu| when nu < 0:
// at sigma 1e-7 it put the put S = X = 100, r 0.1, q 0.15, t 10 at
// 14.8119 for the deterministic limit's 14.8148.)
func perpetualPutBeta(a, nu, r float64) float64 {
	d := math.Sqrt(nu*nu + 4*a*r)
	if nu >= 0 {
		return -(nu + d) / (2 * a)
	}
	return -2 * r / (d - nu)
}

// smallVolTrigger keeps tr, the boundary method's trigger of the American
// call or put typ with inputs in (in.S ignored), within the interval that
// smallVolBracket proves where smallVolCase holds: the put's trigger (per
// unit of X, the call's by the symmetry S* = X/b of the put with r and q
// swapped) is at least the perpetual trigger B_inf (the boundary falls to
// it with time) and below every S at which the lower bound exceeds the
// payoff (waiting pays there), found by bisection (60 halvings of
// [B_inf, X min(1, r/q)]). Measured: the boundary method's trigger was up
// to 2e-8 of X below B_inf at sigma 1e-4 (TestSmallVolTrigger).
func smallVolTrigger(typ OptionType, in Inputs, tr float64) float64 {
	if !smallVolCase(typ, in) || !(tr > 0) || math.IsInf(tr, 0) || !(in.X > 0) {
		return tr
	}
	r, q := in.R, in.Q
	if typ == Call {
		r, q = q, r
	}
	if _, _, ok := smallVolBracket(1, 1, in.T, in.Sigma, r, q); !ok {
		return tr
	}
	a := in.Sigma * in.Sigma / 2
	beta := perpetualPutBeta(a, r-q-a, r)
	binf := beta / (beta - 1)
	lim := 1.0
	if q > r {
		lim = r / q
	}
	waits := func(s float64) bool {
		lo, _, _ := smallVolBracket(s, 1, in.T, in.Sigma, r, q)
		return lo-(1-s) > 1e-11 // well above the rounding of lo
	}
	if !(binf < lim) || !waits(lim) {
		return tr
	}
	lo, hi := binf, lim
	for range 60 {
		if m := (lo + hi) / 2; waits(m) {
			hi = m
		} else {
			lo = m
		}
	}
	if typ == Call {
		b := math.Min(math.Max(in.X/tr, binf), hi)
		return in.X / b
	}
	return in.X * math.Min(math.Max(tr/in.X, binf), hi)
}
