package valuation

import "math"

const (
	invSqrt2   = 0.70710678118654752440084436210484903928483593768847
	invSqrt2Pi = 0.39894228040143267793994605993438186847585863116493
)

// normCDF is the standard normal distribution function,
// N(x) = erfc(-x/sqrt 2)/2. math.Erfc keeps full relative precision in the
// lower tail (where 1 - erfc would cancel), costs no allocation and no
// struct set-up, which is why it is used instead of distuv.Normal.CDF
// (which computes the same expression).
func normCDF(x float64) float64 { return 0.5 * math.Erfc(-x*invSqrt2) }

// normPDF is the standard normal density.
func normPDF(x float64) float64 { return invSqrt2Pi * math.Exp(-0.5*x*x) }

// d1d2 returns d1 and d2 of the Black-Scholes-Merton formula for
// v = sigma*sqrt(t) and the discounted values sq = S e^{-qT} and
// xr = X e^{-rT}, which must both be > 0. When v == 0 (the deterministic
// limit) d1 = d2 = +Inf, -Inf or 0 as sq >, < or == xr.
func d1d2(sq, xr, v float64) (d1, d2 float64) {
	if v == 0 {
		switch {
		case sq > xr:
			return math.Inf(1), math.Inf(1)
		case sq < xr:
			return math.Inf(-1), math.Inf(-1)
		}
		return 0, 0
	}
	d1 = math.Log(sq/xr)/v + 0.5*v
	return d1, d1 - v
}

// BlackScholes returns the Black-Scholes-Merton value of a European option
// with continuous rate R and leakage Q:
//
//	call = S e^{-qT} N(d1) - X e^{-rT} N(d2)
//	put  = X e^{-rT} N(-d2) - S e^{-qT} N(-d1)
//	d1 = (ln(S/X) + (r - q + sigma^2/2) T) / (sigma sqrt T),  d2 = d1 - sigma sqrt T
//
// Edge cases: T = 0 or sigma = 0 give the deterministic limit
// max(±(S e^{-qT} - X e^{-rT}), 0); S = 0 or X = 0 give the exact limits.
// Invalid inputs return an *InputError. It does not allocate.
func BlackScholes(typ OptionType, in Inputs) (float64, error) {
	sqrtT := math.Sqrt(in.T)
	v := in.Sigma * sqrtT
	// Fast validity test; NaN fails every comparison and falls through to
	// Validate, which names the input.
	if !(in.S >= 0 && in.S <= MaxAmount && in.X >= 0 && in.X <= MaxAmount && in.T >= 0 && in.T <= MaxT &&
		in.Sigma >= 0 && in.Sigma <= MaxSigma && in.R >= -MaxRate && in.R <= MaxRate &&
		in.Q >= -MaxRate && in.Q <= MaxRate && v <= MaxCumVol) {
		if err := in.Validate(); err != nil {
			return 0, err
		}
	}
	if typ != Call && typ != Put {
		checkTypeStyle(typ, European)
	}
	sq := in.S * math.Exp(-in.Q*in.T)
	xr := in.X * math.Exp(-in.R*in.T)
	var d1, d2 float64
	switch {
	case sq == 0 || xr == 0:
		if typ == Call {
			return math.Max(sq-xr, 0), nil
		}
		return math.Max(xr-sq, 0), nil
	case v > 0:
		// ln(S/X) rather than ln(sq/xr): independent of the exponentials,
		// so the CPU overlaps them.
		d1 = (math.Log(in.S/in.X)+(in.R-in.Q)*in.T)/v + 0.5*v
		d2 = d1 - v
	default:
		d1, d2 = d1d2(sq, xr, v)
	}
	if typ == Call {
		return math.Max(sq*normCDF(d1)-xr*normCDF(d2), 0), nil
	}
	return math.Max(xr*normCDF(-d2)-sq*normCDF(-d1), 0), nil
}

// BlackScholesGreeks returns the Black-Scholes-Merton value and analytic
// Greeks of a European option (see BlackScholes):
//
//	delta = e^{-qT} N(d1)  (put: -e^{-qT} N(-d1))
//	gamma = e^{-qT} n(d1) / (S sigma sqrt T)
//	vega  = S e^{-qT} n(d1) sqrt T             (per 1.00 of sigma)
//	theta = -S e^{-qT} n(d1) sigma / (2 sqrt T) - r X e^{-rT} N(d2) + q S e^{-qT} N(d1)
//	        (put: ... + r X e^{-rT} N(-d2) - q S e^{-qT} N(-d1)),  per year, -dV/dT
//	rho   = X T e^{-rT} N(d2)  (put: -X T e^{-rT} N(-d2))
//
// In the deterministic limit (sigma sqrt T = 0) gamma is reported as 0 and
// the diffusion term of theta vanishes; exactly at the kink
// S e^{-qT} = X e^{-rT} delta is the average of its one-sided limits.
// At T = 0 with S = X theta is -dV/dT from above (expiryKinkTheta): -Inf
// for sigma > 0, so front ends show it as not finite ("-Inf", JSON null,
// the inspector's "∞" of -theta) instead of a number.
func BlackScholesGreeks(typ OptionType, in Inputs) (Result, error) {
	return positiveZeros(blackScholesGreeks(typ, in))
}

// blackScholesGreeks is BlackScholesGreeks, with the signs of its zeros as
// they fall.
func blackScholesGreeks(typ OptionType, in Inputs) (Result, error) {
	if !(in.S >= 0 && in.S <= MaxAmount && in.X >= 0 && in.X <= MaxAmount && in.T >= 0 && in.T <= MaxT &&
		in.Sigma >= 0 && in.Sigma <= MaxSigma && in.R >= -MaxRate && in.R <= MaxRate &&
		in.Q >= -MaxRate && in.Q <= MaxRate && in.Sigma*math.Sqrt(in.T) <= MaxCumVol) {
		if err := in.Validate(); err != nil {
			return Result{}, err
		}
	}
	checkTypeStyle(typ, European)
	const method = "Black-Scholes-Merton"
	eq, er := math.Exp(-in.Q*in.T), math.Exp(-in.R*in.T)
	sq, xr := in.S*eq, in.X*er
	sqrtT := math.Sqrt(in.T)
	v := in.Sigma * sqrtT
	var d1, d2 float64
	switch {
	case sq == 0 && xr == 0:
		d1, d2 = math.Inf(-1), math.Inf(-1)
	case sq == 0:
		d1, d2 = math.Inf(-1), math.Inf(-1)
	case xr == 0:
		d1, d2 = math.Inf(1), math.Inf(1)
	case v > 0:
		d1 = (math.Log(in.S/in.X)+(in.R-in.Q)*in.T)/v + 0.5*v // as in BlackScholes
		d2 = d1 - v
	default:
		d1, d2 = d1d2(sq, xr, v)
	}
	n1 := normPDF(d1)
	var gamma, diffusion float64
	if v > 0 && in.S > 0 {
		gamma = eq * n1 / (in.S * v)
		diffusion = -sq * n1 * in.Sigma / (2 * sqrtT)
	}
	vega := sq * n1 * sqrtT
	var g Greeks
	var value float64
	if typ == Call {
		nd1, nd2 := normCDF(d1), normCDF(d2)
		value = math.Max(sq*nd1-xr*nd2, 0)
		g = Greeks{
			Delta: eq * nd1,
			Gamma: gamma,
			Vega:  vega,
			Theta: diffusion - in.R*xr*nd2 + in.Q*sq*nd1,
			Rho:   in.T * xr * nd2,
		}
	} else {
		nd1, nd2 := normCDF(-d1), normCDF(-d2)
		value = math.Max(xr*nd2-sq*nd1, 0)
		g = Greeks{
			Delta: -eq * nd1,
			Gamma: gamma,
			Vega:  vega,
			Theta: diffusion + in.R*xr*nd2 - in.Q*sq*nd1,
			Rho:   -in.T * xr * nd2,
		}
	}
	if in.T == 0 && in.S == in.X && in.S > 0 {
		g.Theta = expiryKinkTheta(typ, in)
	}
	return Result{Value: value, Greeks: g, Method: method}, nil
}

// expiryKinkTheta is theta at T = 0 with S = X, where the payoff has its
// kink: T cannot fall below 0, so theta is -dV/dT from above. With
// sigma > 0 the value near expiry is S sigma sqrt(T/(2 pi)) to first
// order and theta is -Inf (the average of the one-sided limits in S,
// -rX/2 for a call with q = 0, was printed before: no derivative of the
// value). With sigma = 0 the value is max(±(S e^{-qT} - X e^{-rT}), 0),
// whose slope at T = 0 is (r - q)+ X for the call and (q - r)+ X for the
// put.
func expiryKinkTheta(typ OptionType, in Inputs) float64 {
	if in.Sigma > 0 {
		return math.Inf(-1)
	}
	if typ == Call {
		return -math.Max(in.R-in.Q, 0) * in.X
	}
	return -math.Max(in.Q-in.R, 0) * in.X
}
