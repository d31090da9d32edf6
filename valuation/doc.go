// Package valuation prices strategic initiatives as real options and places
// them in Luehrman's option space. It imports no UI code.
//
// # Inputs and conventions
//
// Inputs holds S (value of the underlying), X (exercise price), T (years),
// Sigma (volatility per year), R (risk-free rate) and Q (leakage, a dividend
// yield), R and Q continuously compounded. A portfolio whose rate is entered
// as an annual effective rate (Luehrman's discrete convention, the default
// Discounting) converts it once with Discounting.ContinuousRate, so that
// PV(X) = X e^{-R T} = X/(1+r)^T; the option values, NPVq and the NPV = 0
// curve then all use the same discounting. Valid inputs: S, X in
// [0, MaxAmount], T in [0, MaxT], Sigma in [0, MaxSigma], |R|, |Q| <=
// MaxRate and sigma*sqrt(T) <= MaxCumVol; anything else (negative, NaN, Inf)
// returns an *InputError naming the input and why. Programmer errors (an
// OptionType or Style that is not one of the constants) panic with the
// prefix "valuation:".
//
// # Black-Scholes-Merton
//
//	call = S e^{-qT} N(d1) - X e^{-rT} N(d2),  put = X e^{-rT} N(-d2) - S e^{-qT} N(-d1)
//	d1 = (ln(S/X) + (r - q + sigma^2/2) T)/(sigma sqrt T),  d2 = d1 - sigma sqrt T
//
// with analytic delta, gamma, vega (per 1.00 of sigma), theta (per year,
// -dV/dT) and rho (see BlackScholesGreeks). N is computed as
// erfc(-x/sqrt 2)/2 with math.Erfc: full relative precision in the lower
// tail, no allocation; gonum's distuv.Normal.CDF evaluates the same
// expression behind a struct. Edge cases: T = 0 gives the intrinsic value;
// sigma sqrt T = 0 the deterministic limit max(±(S e^{-qT} - X e^{-rT}), 0)
// without dividing by zero; S = 0 and X = 0 their exact limits.
//
// # Lattices
//
// CRR is the textbook Cox-Ross-Rubinstein tree (u = e^{sigma sqrt dt},
// d = 1/u, p = (e^{(r-q)dt} - d)/(u - d)); when p falls outside (0, 1) it
// returns an *InputError on sigma that names the inputs. LeisenReimer uses
// the Peizer-Pratt inversion (method 2) and an odd step count (even counts
// are raised by one). Both price European and American calls and puts;
// Greeks: delta and gamma from the nodes of steps 1 and 2, theta from the
// middle node of step 2 (corrected for S u d != S), vega and rho by forward
// bump-and-reprice (VegaBump, RhoBump). The roll-back stops at the exercise
// boundary (exact for q >= 0), skips the comparison where exercise is
// impossible, and prunes puts' far out-of-the-money nodes with an
// Azuma-Hoeffding bound that keeps the error below 1e-13 of the value (see
// latticePut). Buffers are pooled: no allocation in steady state.
//
// # American options by the exercise boundary
//
// ALO and ALOValue price plain American calls and puts, and ALOBoundary,
// Trigger and PutTrigger find the early-exercise trigger, by the
// fixed-point method of Andersen, Lake and Offengelt ("High-performance
// American option pricing", Journal of Computational Finance 20(1), 2016).
// The put boundary B(tau) (a call is the put with r and q swapped, by
// McDonald-Schroder put-call symmetry: C(S, X, r, q) = P(X, S, q, r)) solves
//
//	B(tau) = X e^{-(r-q)tau} N(tau, B)/D(tau, B)
//	N = Phi(d-(tau, B/X)) + r int_0^tau e^{ru} Phi(d-(tau-u, B(tau)/B(u))) du
//	D = Phi(d+(tau, B/X)) + q int_0^tau e^{qu} Phi(d+(tau-u, B(tau)/B(u))) du
//
// (the paper's second, derivative form when |2(r-q)/sigma^2| < 2, where it
// converges faster), started from the QD+ approximation of Li ("Analytical
// approximations for the critical stock prices of American options", 2005,
// after Ju and Zhong 1999) and solved at Chebyshev nodes by Newton's method
// on the node equations (a dense Jacobian through the interpolant,
// factorized at the first steps and reused after; Newton stops when the
// next step, predicted from the last two, falls below the scheme's
// tolerance), the boundary interpolated as H = ln(B/xmax)^2 with
// xmax = X min(1, r/q) (X when q <= 0) in sqrt(tau), or in tau^(1/4) when
// kappa = max(r, |r-q|) sqrt(t)/sigma > 0.5 (H behaves like tau ln(1/tau)
// near expiry). The integrals use
// Gauss-Legendre rules in w with x_u = x_k (1 - w^2), which makes
// sqrt(tau - u) smooth; the price is the European value plus the
// early-exercise premium integrated the same way. Schemes: ALOFast,
// ALOStandard (RealOption.Value, triggers) and ALOAccurate, each a chain of
// tiers by kappa; their errors against a converged reference and QuantLib's
// QdFpAmericanEngine are tested. Two exercise boundaries (a put with
// q < r < 0) are left to the lattices.
//
// # Real options
//
// RealOption.Value picks the method and says which in Result.Method:
// defer and expand are American calls (on S, on e*S), exact by
// Black-Scholes-Merton when q <= 0 and r >= 0, else the exercise-boundary
// method (ALOStandard; Leisen-Reimer with DefaultSteps where it does not
// apply; at small sigma*sqrt(t) or large kappa the perpetual or European
// closed form where proven bounds meet); abandon and contract are American puts (on S, on c*S),
// exact by Black-Scholes-Merton when r <= 0 and q >= 0; choose is one
// American lattice whose exercise value is the best of expand, contract and
// abandon; staged is Geske's compound call-on-call (bivariate normal by
// Genz's algorithm)
//
//	V = S e^{-qT} M(a1, b1; sqrt(t1/T)) - X e^{-rT} M(a2, b2; sqrt(t1/T)) - K1 e^{-r t1} N(a2)
//
// when stage 2 is never exercised early (q <= 0, r >= 0), else the
// expectation at the stage date of max(C_A - K1, 0), C_A the American
// second stage by the exercise boundary (Gauss-Legendre over the stage
// date's distribution; closed forms above the boundary), never below
// Geske; where the boundary method does not apply, Geske plus the
// early-exercise premium of CompoundLattice (American minus European
// second stage on one tree).
//
// # The option space
//
//	NPVq = S / PV(X) = S / (X e^{-R t})        CumulativeVolatility = sigma sqrt t
//	C/S  = N(d1) - N(d2)/NPVq,  d1 = ln(NPVq)/(sigma sqrt t) + sigma sqrt t / 2
//
// (CallShare: the European call without leakage as a share of S, from the
// two metrics alone). Regions (RegionOf, thresholds in Thresholds):
//
//   - NPVq <= 1: region 4 if C/S >= MaybeLater (default 10%), 5 if C/S >=
//     ProbablyNever (default 2%), else 6. These are contours of CallShare.
//   - NPVq > 1 and NPV = S - X <= 0: region 3. The NPV = 0 boundary is the
//     curve NPVq = e^{R t} (= (1+r)^t with discrete r).
//   - NPVq > 1 and NPV > 0: region 1 if S >= S*, the early-exercise
//     trigger of the American call with leakage q (Trigger: the exercise
//     boundary at tau = t), or if the time value (C - NPV)/S <= InvestNowPremium (default
//     1%); else region 2.
//
// Put-like kinds (abandon, contract) use the mirrored metric
// NPVq = PV(X)/S' (what is received over what is given up), NPV = X - S'
// and the put's trigger S** (region 1 when S' <= S**); for a European put
// without leakage P/PV(X) = CallShare(PV(X)/S', sigma sqrt t) exactly.
// Expand is placed with e*S, staged with the whole investment X + StageCost,
// choose as its most valuable component (see Place).
//
// # Break-even and sensitivity
//
// Trigger (S*), BreakEvenVolatility (the sigma above which waiting is worth
// more than investing now), BreakEvenInvestment (the X for which investing
// now beats waiting: at or below one value, or an interval with two
// exercise boundaries), Tornado (value at low and high S, X, t,
// sigma, r, q, sorted by impact) and RankLearning (options ranked by vega:
// where reducing uncertainty moves value most).
package valuation
