package valuation

import (
	"fmt"
	"math"
	"sync"
	"sync/atomic"
)

// ALOScheme is the precision setting of the Andersen-Lake-Offengelt
// boundary method (see ALO): the number of Chebyshev nodes of the boundary
// (Nodes + 1 points including tau = 0), the Gauss-Legendre order of the
// fixed-point integrals, the largest number of Newton steps on the node
// equations and the Gauss-Legendre order of the integral that turns the
// boundary into a price. Newton stops after a step that changes no node by
// more than Tolerance relative (0: 1e-7), or when the next step, predicted
// from the last two at a quadratic rate (d^3/prev^2), would be below a
// tenth of Tolerance: it converges quadratically from the QD+ seed (the
// steps fall like 1e-2, 1e-4, 1e-7, 1e-12). Each node moves by at most
// 2 sigma sqrt(tau) in a step (a trust region), a step that makes the
// residual worse is halved, and a solve whose last step is still above
// max(Tolerance, 1e-7) takes up to 12 more, so that the result does not
// depend on the seed's last digits.
//
// Stiff, when set, is the scheme used instead where the inputs are stiff:
// kappa = max(r, |r-q|) sqrt(T)/sigma > StiffKappa, with r and q the rates
// of the put (a call's are swapped). There the boundary falls from its
// limit at expiry within a time of order sigma^2/max(r, |r-q|)^2, far
// shorter than T, and the interpolation and the integrals need more points.
// Stiff may itself have a Stiff scheme (a chain of tiers).
type ALOScheme struct {
	Nodes, FixedPointOrder, Iterations, PriceOrder int
	Tolerance                                      float64
	StiffKappa                                     float64
	Stiff                                          *ALOScheme

	// variable fixes the node variable (0: by kappa; 1: sqrt(tau/T);
	// 2: (tau/T)^(1/4)), so that ALO's bumped valuations for vega and rho
	// use the variable of the unbumped one.
	variable int8
	// chordFrom is the first Newton step (counted from 0) that reuses the
	// factorized Jacobian of the step before (0: the third, 2).
	chordFrom int8
	// truncate, when set, ends each node's fixed-point integrals where
	// the time gap tau_k - u passes the m_c of aloBoundary.truncation and
	// adds the rest in closed form.
	truncate bool
	// coarse, when set, is the Gauss-Legendre order of the first Newton
	// step's fixed-point integrals (the later steps take
	// FixedPointOrder): from the QD+ seed, about 1% off, the first step
	// gains as much on a coarser rule, whose error the next step, with a
	// fresh Jacobian at the full order, removes. ALOStandard's tiers to
	// kappa 4 take it (the same errors and Newton steps over the grid and
	// the random inputs; 349k to 332k instructions per trigger); on
	// ALOFast's tiers, whose second step reuses the first Jacobian, the
	// second table of points cost more than the first step saved (147.5k
	// to 151.8k per option), and ALOStandard's stiffest tier left values
	// of 1.7e-5 with 8 points of 16.
	coarse int8
	// lowQ, when set, is the scheme of this tier for the puts with
	// q <= r (a call's rates swapped), whose boundary starts at the
	// strike: the q > r puts, whose boundary starts at X r/q, need more
	// nodes (see ALOStandard).
	lowQ *ALOScheme
}

// aloTruncD is the |d+-| beyond which truncation treats Phi(d+-) as 0 or
// 1 and phi(d+-) as 0 (Phi(-5) = 2.9e-7, phi(5) = 1.5e-6). Measured on
// ALOFast's stiffest tier (15 nodes, 12 points; the grid's 70 cases with
// kappa > 4 against the reference, 44 random ones against ALOAccurate):
// 1.2e-6 and 4.6e-7, where 6 left 3.4e-5 and 8.3 (where Phi rounds to
// 1) 6.2e-4 (with w_c not yet rounded to its levels), 12 points without
// truncation 1.3e-3, and 20 points without truncation 2.3e-6.
const aloTruncD = 5

// truncation returns the time gap m_c = tau_k - u beyond which both
// kernels of the fixed-point integrals are settled: Phi(d+-(m, B_k/B_u))
// within Phi(-aloTruncD) of 0 or 1 and phi(d+-) below phi(aloTruncD).
// It sets dPlusOne and dMinusOne to whether Phi(d+) and Phi(d-) tend to 1
// there (their parts beyond m_c are then the closed forms of
// int e^{qu} du and int e^{ru} du). With kappa large the kernels settle
// after a gap of order sigma^2/(r-q)^2, far shorter than T: in the
// variable w of a node near tau = T, Phi(d-) rises over w ~ 1/(2 kappa),
// which 12 points on (0, 1) do not resolve (4e-6 off at kappa 10.8 with
// 14, and 1.5e-8 with 20), but do on (0, w_c). (Andersen, Lake and
// Offengelt 2016 take the integrals over the whole of (0, tau_k).)
//
// With drift a = r - q +- sigma^2/2, d+- = (ln(B_k/B_u) + a m)/(sigma
// sqrt m), and |ln(B_k/B_u)| <= L, the boundary lying between the
// perpetual one and xmax (L has a margin, 1.5 ln(xmax/B_inf) + 1e-3, for
// Newton's intermediate nodes): |d+-| >= aloTruncD for every
// m >= m_c = s^2, s = (D sigma + sqrt(D^2 sigma^2 + 4 |a| L))/(2 |a|),
// D = aloTruncD, as (|a| m - L)/sqrt(m) increases with m.
func (b *aloBoundary) truncation() float64 {
	r, q, sig := b.r, b.q, b.sig
	s2 := 0.5 * sig * sig
	L := 1.5*math.Log(b.xmax/perpetualPut(r, q, sig)) + 1e-3
	b.dPlusOne, b.dMinusOne = r-q+s2 > 0, r-q-s2 > 0
	mc := 0.0
	for _, a := range []float64{math.Abs(r - q + s2), math.Abs(r - q - s2)} {
		if !(a > 0) || !(L >= 0) {
			return math.Inf(1)
		}
		x := aloTruncD * sig
		sq := (x + math.Sqrt(x*x+4*a*L)) / (2 * a)
		mc = max(mc, sq*sq)
	}
	return mc
}

// aloDefaultTol is the Newton tolerance of a scheme with Tolerance 0.
const aloDefaultTol = 1e-7

// effective returns the scheme used for a put with rates r and q,
// volatility sig and maturity T: the last tier of the Stiff chain whose
// StiffKappa kappa exceeds, without its Stiff link.
func (s ALOScheme) effective(r, q, sig, T float64) ALOScheme {
	k := aloKappa(r, q, sig, T)
	for depth := 0; s.Stiff != nil && k > s.StiffKappa && depth < 8; depth++ {
		s = *s.Stiff
	}
	if s.lowQ != nil && q <= r {
		s = *s.lowQ
	}
	s.Stiff, s.StiffKappa, s.lowQ = nil, 0, nil
	return s
}

// aloKappa is the stiffness of the put with rates r and q: the time scale
// of its boundary, sigma^2 / max(r, |r-q|)^2, against T, as
// kappa = max(r, |r-q|) sqrt(T)/sigma.
func aloKappa(r, q, sig, T float64) float64 {
	return max(r, math.Abs(r-q)) * math.Sqrt(T) / sig
}

// The largest node count and quadrature orders of a scheme.
const aloMaxNodes, aloMaxOrder = 160, 256

// The precision settings of the boundary method, each a chain of tiers by
// the stiffness kappa (see ALOScheme.Stiff). Measured relative errors
// against the reference values of testdata/alo_reference.csv (1,700 calls
// and puts, S/X 0.5-2, t 0.1-10, sigma 0.05-1, r -0.02-0.1, q 0-0.15; see
// TestALOGrid): ALOFast at most 5.4e-6 (its trigger 3e-5), ALOStandard
// 3.5e-7 (its trigger 5e-7), ALOAccurate 5e-9; over 3,000 random inputs
// in the same ranges (TestTriggerRandomInGrid), against ALOAccurate,
// ALOFast's values 4e-6 and ALOStandard's triggers 6.4e-7 (before
// aloNodeOrder and the present fixed-point orders of ALOStandard, 12-14
// and 16 truncated where they were 14-16 and 24 whole: ALOFast 5.6e-6 and
// 3.8e-6, ALOStandard 6.3e-7, its triggers 5.5e-7 and 7e-7; with the node
// orders ALOStandard's tiers to kappa 4 at 11, 12 and 13 points left
// triggers of 2.5e-6, 9.6e-7 and 1.4e-6 over the random inputs) (the q > r puts
// at kappa 0.5-4 need the 21 nodes of ALOStandard's middle tier: 19 left
// 1.3e-6; the other puts there take 17 nodes and 12 points, its lowQ
// scheme, with triggers within 1.2e-8 and values 3.6e-7 on the grid,
// where 13 nodes left values of 7e-7, while ALOFast's q <= r puts there
// are the harder ones; ALOFast's middle tier needs its 48-point price rule: 32 left
// 2e-5 at kappa 2.4). CPU time per option solved cold on the shared
// 2-core development machine (bench_test.go, cpu-ns/op, 3 runs at load
// average 3-5; in the same session the build before Cody's Phi, fastExp
// and the present tiers took 26-34 us for ALOFast over the grid, 84-96 us
// at its stiffest, 62-73 us for the trigger over the grid and 269-339 us
// for ALOAccurate over the grid): ALOFast 20.6-22.0 us
// over the grid's 340 boundaries and 52-54 us at its stiffest case
// (17-18 us at kappa 0.2), ALOStandard 58-60 us over the grid (a trigger
// alone 54-56 us over the grid, 49-58 us at kappa 0.4; TestALOTune:
// 48.5 us), ALOAccurate 233-244 us over the grid and 326-330 us at the
// stiffest; revaluing at another S on a solved boundary 4.3-4.7 us.
// Later hot-loop changes (Phi = 1 from 8.3 up without its rational, QD+
// seeds that stop at a predicted step, Jacobian rows and LU elimination
// two at a time) cut the instructions per option by 8-12% (callgrind,
// GOMAXPROCS=1: ALOFast over the grid 203k to 187k, at its stiffest 568k
// to 503k; ALOStandard over the grid 635k to 565k; a trigger over the grid
// 596k to 530k); side by side on a slower machine at load average 2-10
// (where the times above read about twice as long) cpu-ns/op fell by
// 0-15%, within that machine's noise. ALOFast's stiffest tier then ended
// its fixed-point integrals where the kernels settle (truncate, see
// aloBoundary.truncation) with 12 points instead of 20 (its grid error
// 1.2e-6, was 2.3e-6): 503k to 363k instructions at the stiffest case,
// 187k to 181k over the grid, and cpu-ns/op 57-74 us at the stiffest
// (31.7-37.9 us over the grid) against 84-106 us (33-43 us) for the build
// before this series, side by side at load average 3-5.
// Then (issue 19, a later session) the nodes near tau = 0 took fewer
// fixed-point points (aloNodeOrder), ALOFast's first tier reused its first
// Jacobian for the second step like the others, the node terms took Phi
// and phi from one exp (cdfPDF), a Newton step set H from ln B without a
// log and an exp per node, fastExp took 64 table entries and a shorter
// polynomial, and each node's QD+ solve started on the line through its
// neighbours: 181.6k to 152.9k instructions per option over the grid
// (callgrind, GOMAXPROCS=1), 363k to 305k at the stiffest case, 531k to
// 432k for a trigger; cpu-ns/op side by side, 5 runs each at load average
// 7-9: ALOFast over the grid 20.0-23.4 us (was 24.2-31.7), at its
// stiffest 37.2-53.4 us (45.6-54.2), ALOStandard over the grid
// 56-72 us (68-78), a trigger over the grid 49.5-62.5 us (59.4-66.5).
// ALOStandard's fixed-point orders then fell to 12-14 (its stiffest tier
// truncated at 16), its q <= r puts at kappa 0.5-4 took 17 nodes (lowQ)
// and its first Newton step a coarser rule (coarse). Over the whole
// series, side by side with the build before it in one run (5 runs each,
// load average 4-6; cpu-ns/op): ALOFast over the grid 19.6-24.0 us (was
// 24.8-28.9), at its stiffest 38.5-54.8 us (47.0-53.2), the put of
// BenchmarkALOFastPutCold 15.8-21.5 us (19.2-23.3), ALOStandard over the
// grid 45.5-49.3 us (67.3-98.5), a trigger over the grid 37.3-45.0 us
// (62.1-95.1); callgrind: 181.6k to 147.2k instructions per option over
// the grid, 363k to 299k at the stiffest case, 531k to 332k per trigger.
// Tried and dropped in that series: QD+ solved to 1e-5 or 1e-4 instead of
// 1e-7 (11-20% fewer QD+ evaluations, 13-36% more Newton steps); QD+ at
// every other node with the rest interpolated (ALOFast 5.1e-4 off, 3.9
// steps); fewer nodes or points in ALOFast's tiers (each lost accuracy:
// 7/7/24 1.8e-5, 8/6/24 8e-6, 9/11/48 2.6e-5, 14/11/64 1.6e-5); a
// coarse first step on ALOFast (more instructions, see coarse).
// Then (issue 19, 2026-12-03) the untruncated nodes' points came from
// tables in units of T (aloGeo), QD+ took Phi(-d-) from phi(d+) without an
// exp of its own (cdfOf), fastCDF no exp in Cody's central range, and
// nodeIntegrals summed Y(u) in place: callgrind (GOMAXPROCS=1) per option
// over the grid 148.7k to 142.6k instructions, at ALOFast's stiffest
// 303.2k to 292.9k, ALOStandard over the grid 372.4k to 355.5k, a trigger
// 338.5k to 320.7k (the exps avoided weigh more than their instructions:
// ALOFast over the grid 20.0-21.3 us against 23.0-23.8 us, least and
// first quartile of 8 interleaved runs at load 1.8, cpu-ns/op; at load
// 6-16 both read 26-32 us). Tried and dropped then: price rules of
// 20 and 40 points on ALOFast's first two tiers (grid 6.4e-6, was 5.4e-6;
// 32 on the second: 7.1e-6 over 6,000 random inputs, was 4.7e-6; 16 on the
// first 1.1e-5).
// Newton steps per boundary over the grid (TestALOTune): ALOFast 2.00-2.18
// (each tier reuses the first step's Jacobian for the second; the first
// tier's 2.18 counts its halved steps, and its 2.00 with a fresh Jacobian
// each step cost 2% more instructions),
// ALOStandard 2.39 at kappa <= 0.3, 2.15 to 0.5, 2.00-2.01 above.
var (
	ALOFast = ALOScheme{Nodes: 8, FixedPointOrder: 7, Iterations: 2, PriceOrder: 24, Tolerance: 1e-5, chordFrom: 1,
		StiffKappa: 0.5, Stiff: &ALOScheme{Nodes: 10, FixedPointOrder: 11, Iterations: 2, PriceOrder: 48, Tolerance: 1e-5, chordFrom: 1,
			StiffKappa: 4, Stiff: &ALOScheme{Nodes: 14, FixedPointOrder: 12, Iterations: 2, PriceOrder: 64, Tolerance: 1e-5, chordFrom: 1, truncate: true}}}
	ALOAccurate = ALOScheme{Nodes: 28, FixedPointOrder: 40, Iterations: 4, PriceOrder: 112, Tolerance: 1e-8,
		StiffKappa: 0.5, Stiff: &ALOScheme{Nodes: 24, FixedPointOrder: 32, Iterations: 4, PriceOrder: 96, Tolerance: 1e-8,
			StiffKappa: 8, Stiff: &ALOScheme{Nodes: 32, FixedPointOrder: 48, Iterations: 4, PriceOrder: 128, Tolerance: 1e-8}}}
)

// ALOStandard is the scheme of RealOption.Value and Trigger (the trigger
// is the boundary's node at tau = T). At kappa 0.5-4 its puts with q <= r
// (calls with r <= q) take fewer nodes than those with q > r (lowQ).
var ALOStandard = ALOScheme{Nodes: 14, FixedPointOrder: 12, Iterations: 3, PriceOrder: 48, Tolerance: 1e-6, coarse: 6,
	StiffKappa: 0.3, Stiff: &ALOScheme{Nodes: 16, FixedPointOrder: 13, Iterations: 3, PriceOrder: 48, Tolerance: 1e-6, coarse: 7,
		StiffKappa: 0.5, Stiff: &ALOScheme{Nodes: 20, FixedPointOrder: 14, Iterations: 3, PriceOrder: 64, Tolerance: 1e-6, coarse: 7,
			lowQ:       &ALOScheme{Nodes: 16, FixedPointOrder: 12, Iterations: 3, PriceOrder: 64, Tolerance: 1e-6},
			StiffKappa: 4, Stiff: &ALOScheme{Nodes: 16, FixedPointOrder: 16, Iterations: 3, PriceOrder: 80, Tolerance: 1e-6, chordFrom: 1, truncate: true}}}}

// aloTriggerScheme is the scheme Trigger uses. It is the scheme of
// RealOption.Value, so that valuing an option leaves its trigger in the
// boundary cache.
var aloTriggerScheme = ALOStandard

// aloGreeksScheme caps the scheme of ALO's vega and rho (central
// differences of its values; the pricing scheme's own tier when it has
// fewer nodes): within 5e-4 (vega and rho, measured 9.1e-5 and 1.1e-4)
// of central differences of ALOAccurate values over the tested grid and
// of a Richardson-extrapolated 4001-step lattice (measured 1.3e-4 and
// 2.5e-4), relative to max(|Greek|, X/100).
var aloGreeksScheme = ALOScheme{Nodes: 16, FixedPointOrder: 16, Iterations: 3, PriceOrder: 48, Tolerance: 1e-5}

// MethodALO begins the Result.Method of values by the boundary method.
const MethodALO = "Andersen-Lake-Offengelt exercise boundary"

// minPositive is the smallest positive amount the boundary method and the
// triggers accept: below it (subnormal numbers) the ratios S/X lose their
// precision, so they get an *InputError instead of a wrong number.
const minPositive = 0x1p-1022

// checkTiny returns an *InputError when v is positive but subnormal.
func checkTiny(name string, v float64) error {
	if v > 0 && v < minPositive {
		return &InputError{Input: name, Value: v, Reason: fmt.Sprintf("is below the smallest amount that can be priced (%g)", minPositive)}
	}
	return nil
}

// aloDefined reports whether the American option of type typ with rates r
// and q has a single early-exercise boundary (the boundary method applies)
// and whether it is ever exercised early. A put is exercised early iff
// r > 0 (single boundary), r = 0 > q (single boundary) or q < r < 0 (two
// boundaries, not handled); a call by put-call symmetry iff q > 0,
// q = 0 > r, or r < q < 0. At r = 0 > q the lower boundary of the
// two-boundary case (Battauz, De Donno and Sbuelz 2015) is 0: deep in the
// money the put's continuation value tends to X, its exercise value, and
// with S drifting up at r - q > 0 exercising there pays (a call with q = 0
// and r < 0 is such a put); with r = 0 <= q the put is never exercised
// early.
func aloDefined(typ OptionType, r, q float64) (single, early bool) {
	if typ == Call {
		r, q = q, r
	}
	switch {
	case r > 0, r == 0 && q < 0:
		return true, true
	case q < r:
		return false, true
	}
	return false, false
}

// ALOValue returns the value of the American call or put with inputs in by
// the Andersen-Lake-Offengelt boundary method at the precision s (ALOFast,
// ALOAccurate or a scheme of your own). Where the option is never exercised
// early it is the Black-Scholes-Merton value; where the boundary method
// does not apply (two exercise boundaries: a put with q < r < 0, a call with
// r < q < 0) it returns an *InputError on r. T = 0, S = 0, X = 0 and
// sigma = 0 get their exact limits. It does not allocate in steady state.
func ALOValue(typ OptionType, in Inputs, s ALOScheme) (float64, error) {
	checkTypeStyle(typ, American)
	if err := aloCheck(in, s); err != nil {
		return 0, err
	}
	if r, ok := degenerate(typ, American, in); ok {
		return r.Value, nil
	}
	single, early := aloDefined(typ, in.R, in.Q)
	if !early {
		return BlackScholes(typ, in)
	}
	if !single {
		return 0, errTwoBoundaries(in)
	}
	b := aloPutBoundary(typ, in, s)
	defer b.release()
	return smallVolClamp(typ, in, b.value()), nil
}

// ALO prices the American call or put with inputs in like ALOValue and adds
// its Greeks: delta and gamma by central differences on the same boundary
// (the boundary does not depend on S), vega and rho by central differences
// (VegaBump, RhoBump each side; one-sided at the input limits and next to
// r = 0) over re-solved boundaries of the pricing scheme capped at 17
// nodes (aloGreeksScheme; the node variable and Newton step count of the
// unbumped inputs): within 5e-4 of max(|Greek|, X/100) over the tested
// grid. Theta is -dV/dT by a central difference in T (bump T/1000 each
// side, one-sided at the input limits) over re-solved boundaries of the
// pricing scheme's own tier, likewise with the unbumped node variable and
// step count; 0 in the exercise region. Against QuantLib's
// QdFpAmericanEngine (400 random cases and one just off the boundary,
// TestALOThetaAgainstQuantLib) it is within 1e-5 of max(|theta|, X/100)
// with ALOAccurate, 5e-4 with ALOStandard and 1e-3 with ALOFast.
// (Theta from the Black-Scholes-Merton equation,
// rV - (r-q) S delta - sigma^2 S^2 gamma/2, which the value satisfies off
// the boundary, was up to 3.4e-3 (ALOAccurate) and 0.24 (ALOStandard)
// of max(|theta|, X/100) off there: next to the boundary it is the difference of two
// terms far larger than theta, so gamma's small error is magnified.)
// Result.Method names the method and the tier.
func ALO(typ OptionType, in Inputs, s ALOScheme) (Result, error) {
	return positiveZeros(aloResult(typ, in, s))
}

// aloResult is ALO, with the signs of its zeros as they fall.
func aloResult(typ OptionType, in Inputs, s ALOScheme) (Result, error) {
	checkTypeStyle(typ, American)
	if err := aloCheck(in, s); err != nil {
		return Result{}, err
	}
	if r, ok := degenerate(typ, American, in); ok {
		return r, nil
	}
	single, early := aloDefined(typ, in.R, in.Q)
	if !early {
		r, err := BlackScholesGreeks(typ, in)
		r.Method = "Black-Scholes-Merton (never exercised early)"
		return r, err
	}
	if !single {
		return Result{}, errTwoBoundaries(in)
	}
	method := aloMethod(aloSchemeFor(typ, in, s))
	b := aloPutBoundary(typ, in, s)
	v := b.value()
	h := aloSpotBump(typ, in, b.xmax*math.Exp(-b.sqrtH(1)))
	vu, vd := b.valueAt(in.S+h), b.valueAt(in.S-h)
	b.release()
	var g Greeks
	ex := in.S - in.X
	if typ == Put {
		ex = -ex
	}
	exercised := v <= ex*(1+1e-12)
	if exercised {
		// Exercise region: the value is the payoff.
		g.Delta = 1
		if typ == Put {
			g.Delta = -1
		}
	} else {
		g.Delta = (vu - vd) / (2 * h)
		g.Gamma = (vu - 2*v + vd) / (h * h)
	}
	// Vega and rho: central differences of values by aloGreeksScheme. Its
	// error is smooth in sigma and r (same nodes and rules), so the
	// difference is far more accurate than the values.
	fs := aloSchemeFor(typ, in, s)
	if fs.Nodes > aloGreeksScheme.Nodes && in.Sigma*math.Sqrt(in.T) >= minBoundaryCumVol {
		// Below minBoundaryCumVol the capped scheme's values are off
		// (vega 0.98 against 0.736 at sigma 0.001, t 1): the pricing tier's.
		fs = aloGreeksScheme
	}
	// The bumps keep the node variable of the unbumped inputs (kappa
	// depends on sigma and r), and every Newton step: a switch of either
	// between the values would be a step in the difference.
	pr, pq := in.R, in.Q
	if typ == Call {
		pr, pq = pq, pr
	}
	fs.variable = 1
	if aloQuarticOf(pr, pq, in.Sigma, in.T, fs.Nodes) {
		fs.variable = 2
	}
	fs.Tolerance = 1e-300
	// Central differences where both bumped inputs may be valued
	// (aloBumpOK), else one-sided from the unbumped value (aloDiff).
	hv, hr := math.Min(VegaBump, in.Sigma/4), RhoBump
	g.Vega = aloDiff(typ, in, fs, aloSigma, hv)
	g.Rho = aloDiff(typ, in, fs, aloRate, hr)
	if !exercised {
		// Theta = -dV/dT, a central difference in T like vega (see
		// aloThetaBump), over the pricing tier uncapped: at the tester's
		// call (S 186.14, X 100, t 0.3102, sigma 0.7198, r 0.0046,
		// q 0.1009) the 17-node cap left 3.4e-4 with ALOAccurate, its own
		// 29 nodes 3e-6. The Black-Scholes-Merton equation,
		// rV - (r-q) S delta - sigma^2 S^2 gamma/2, is there the difference
		// of two terms about 80 times theta, and gamma's error made it
		// 1.5% off (ALOAccurate; ALOStandard 106%).
		ht := aloThetaBump * in.T
		ft := aloSchemeFor(typ, in, s)
		ft.variable, ft.Tolerance = fs.variable, fs.Tolerance
		g.Theta = -aloDiff(typ, in, ft, aloTime, ht)
	}
	// The value (not the Greeks, differences on one boundary) kept within
	// the closed-form bounds where they apply (smallVolClamp).
	return Result{Value: smallVolClamp(typ, in, v), Greeks: g, Method: method}, nil
}

// aloInput names the input aloDiff bumps.
type aloInput int

const (
	aloSigma aloInput = iota // sigma (vega)
	aloRate                  // r (rho)
	aloTime                  // T (theta, with the sign turned)
)

// aloThetaBump is the bump of ALO's theta relative to T: the central
// difference's own error, about (h/T)^2 of theta's curvature in ln T,
// is below 1e-6 of theta, and the values' smooth error in T (same nodes,
// rules and Newton steps on both sides) cancels.
const aloThetaBump = 1e-3

// aloDiff returns the derivative of ALOValue(typ, ., fs) at in in the
// input which (sigma, r or T): the central difference with bump h when
// both sides may be valued (aloBumpOK) and are; else the second-order
// one-sided difference (-3 V(0) + 4 V(h) - V(2h)) / 2h of the side that
// is, or the first-order one where its second point is not; 0 when
// neither side is. (The first-order difference was 5% high for vega at
// sigma 0.01, t 1, one side below minBoundaryCumVol: an error of about
// h/sigma.)
func aloDiff(typ OptionType, in Inputs, fs ALOScheme, which aloInput, h float64) float64 {
	at := func(d float64) (float64, bool) {
		if !aloBumpOK(typ, in, which, d) {
			return 0, false
		}
		x := in
		switch which {
		case aloRate:
			x.R += d
		case aloTime:
			x.T += d
		default:
			x.Sigma += d
		}
		v, err := ALOValue(typ, x, fs)
		return v, err == nil
	}
	vu, upOK := at(h)
	vd, dnOK := at(-h)
	if upOK && dnOK {
		return (vu - vd) / (2 * h)
	}
	side, v1 := h, vu
	if !upOK {
		if !dnOK {
			return 0
		}
		side, v1 = -h, vd
	}
	v0, _ := ALOValue(typ, in, fs)
	if v2, ok := at(2 * side); ok {
		return (-3*v0 + 4*v1 - v2) / (2 * side)
	}
	return (v1 - v0) / side
}

// aloBumpOK reports whether in with the input which moved by d (d != 0)
// may be valued for a difference of the option typ: within the input
// limits; sigma sqrt(T)
// not moved below minBoundaryCumVol; r on the side of 0 the unbumped r is
// on (the early-exercise rules change at r = 0), and for a put not at or
// below 0.
func aloBumpOK(typ OptionType, in Inputs, which aloInput, d float64) bool {
	switch which {
	case aloRate:
		r := in.R + d
		sameSide := (r > 0) == (in.R > 0) && (r < 0) == (in.R < 0)
		return math.Abs(r) <= MaxRate && sameSide && !(typ == Put && r <= 0)
	case aloTime:
		t := in.T + d
		cv := in.Sigma * math.Sqrt(t)
		return t > 0 && t <= MaxT && cv <= MaxCumVol && (d > 0 || cv >= minBoundaryCumVol)
	default:
		sg := in.Sigma + d
		cv := sg * math.Sqrt(in.T)
		return sg > 0 && sg <= MaxSigma && cv <= MaxCumVol && (d > 0 || cv >= minBoundaryCumVol)
	}
}

// aloSpotBump is the bump of S for ALO's delta and gamma: 1e-4 S, made
// smaller where the value bends on a shorter scale, so that the central
// difference neither straddles the exercise boundary nor spans the bend.
// At small sigma the value's scale in ln S is about sigma^2 / 2|r - q|
// (the perpetual put is (X - S*) (S/S*)^-gamma with gamma = 2r/sigma^2),
// and S may lie closer to the boundary than 1e-4 S: at sigma 0.001
// (S = X = 100, t 1, r 0.05) S - S* is 0.001, and the 0.01 bump gave
// delta -0.5 and gamma 93 against the perpetual put's -0.368 and 368.
// bp is the boundary at tau = T relative to X in put terms (the call's
// boundary is X / bp).
func aloSpotBump(typ OptionType, in Inputs, bp float64) float64 {
	trigger := in.X * bp
	if typ == Call {
		trigger = in.X / bp
	}
	rel := 1e-4
	if d := math.Abs(math.Log(in.S / trigger)); d/10 < rel {
		rel = d / 10
	}
	if drift := math.Max(math.Abs(in.R), math.Abs(in.Q)); drift > 0 {
		if sc := in.Sigma * in.Sigma / (2 * drift) / 20; sc < rel {
			rel = sc
		}
	}
	return in.S * math.Max(rel, 1e-7)
}

// aloSchemeFor is the tier of s that prices the option typ with inputs in.
func aloSchemeFor(typ OptionType, in Inputs, s ALOScheme) ALOScheme {
	if typ == Call {
		return s.effective(in.Q, in.R, in.Sigma, in.T)
	}
	return s.effective(in.R, in.Q, in.Sigma, in.T)
}

// aloMethod is the Result.Method of the boundary method with scheme s.
func aloMethod(s ALOScheme) string {
	return fmt.Sprintf("%s (%d nodes, %d iterations)", MethodALO, s.Nodes+1, s.Iterations)
}

// aloOption prices a plain American call or put by the boundary method
// with ALOStandard when the method applies (ok false otherwise: two
// boundaries, or a degenerate input the lattices handle).
func aloOption(typ OptionType, in Inputs) (Result, bool) {
	if single, _ := aloDefined(typ, in.R, in.Q); !single || in.T == 0 || in.Sigma == 0 || in.S == 0 || in.X == 0 {
		return Result{}, false
	}
	r, err := ALO(typ, in, ALOStandard)
	return r, err == nil
}

// ALOBoundary returns the early-exercise boundary of the American call or
// put with inputs in (in.S is ignored) at tau = in.T, the trigger S* (call)
// or S** (put), by the boundary method at precision s. It returns +Inf for
// a call and 0 for a put that is never exercised early, X when T = 0, and
// the deterministic trigger X max(1, r/q) (call) or X min(1, r/q) (put)
// when sigma = 0.
func ALOBoundary(typ OptionType, in Inputs, s ALOScheme) (float64, error) {
	checkTypeStyle(typ, American)
	in.S = in.X
	if err := aloCheck(in, s); err != nil {
		return 0, err
	}
	single, early := aloDefined(typ, in.R, in.Q)
	switch {
	case in.T == 0:
		return in.X, nil
	case !early && typ == Call:
		return math.Inf(1), nil
	case !early:
		return 0, nil
	case !single:
		return 0, errTwoBoundaries(in)
	case in.X == 0:
		return 0, nil
	case in.Sigma == 0:
		return deterministicTrigger(typ, in), nil
	}
	r, q := in.R, in.Q
	if typ == Call {
		r, q = q, r
	}
	var bp float64
	if cb := boundaryCache.get(boundaryKey{r, q, in.Sigma, in.T, s.effective(r, q, in.Sigma, in.T).cacheKey()}); cb != nil {
		bp = cb.bp
	} else {
		b := aloPutBoundary(typ, in, s)
		bp = b.xmax * math.Exp(-b.sqrtH(1))
		b.release()
	}
	if typ == Call {
		return in.X / bp, nil
	}
	return in.X * bp, nil
}

// deterministicTrigger is the trigger when sigma = 0: S moves as
// S e^{(r-q)tau}, and exercising now beats every later date iff
// q S >= r X for the call (S > X), q S <= r X for the put.
func deterministicTrigger(typ OptionType, in Inputs) float64 {
	if typ == Call {
		return in.X * math.Max(1, in.R/in.Q)
	}
	return in.X * math.Min(1, in.R/in.Q)
}

func errTwoBoundaries(in Inputs) error {
	return &InputError{Input: "r", Value: in.R, Reason: fmt.Sprintf("with q = %g gives two exercise boundaries, which the boundary method does not handle (use a lattice)", in.Q)}
}

func aloCheck(in Inputs, s ALOScheme) error {
	if err := in.Validate(); err != nil {
		return err
	}
	if err := checkTiny("S", in.S); err != nil {
		return err
	}
	if err := checkTiny("X", in.X); err != nil {
		return err
	}
	for depth := 0; s.Stiff != nil; depth++ {
		if err := aloCheckTier(s); err != nil || depth > 8 {
			if err == nil {
				err = &InputError{Input: "stiff", Value: float64(depth), Reason: "chains more than 8 schemes"}
			}
			return err
		}
		s = *s.Stiff
	}
	return aloCheckTier(s)
}

// aloCheckTier checks one tier of a scheme (and its lowQ scheme).
func aloCheckTier(s ALOScheme) error {
	if s.lowQ != nil {
		if err := aloCheckTier(*s.lowQ); err != nil {
			return err
		}
	}
	switch {
	case s.Nodes < 2 || s.Nodes > aloMaxNodes:
		return &InputError{Input: "nodes", Value: float64(s.Nodes), Reason: fmt.Sprintf("is outside [2, %d]", aloMaxNodes)}
	case s.FixedPointOrder < 2 || s.FixedPointOrder > aloMaxOrder:
		return &InputError{Input: "fixed-point order", Value: float64(s.FixedPointOrder), Reason: fmt.Sprintf("is outside [2, %d]", aloMaxOrder)}
	case !(s.Tolerance >= 0 && s.Tolerance < 1):
		return &InputError{Input: "tolerance", Value: s.Tolerance, Reason: "is outside [0, 1)"}
	case s.Iterations < 1 || s.Iterations > 100:
		return &InputError{Input: "iterations", Value: float64(s.Iterations), Reason: "is outside [1, 100]"}
	case s.PriceOrder < 2 || s.PriceOrder > aloMaxOrder:
		return &InputError{Input: "price order", Value: float64(s.PriceOrder), Reason: fmt.Sprintf("is outside [2, %d]", aloMaxOrder)}
	}
	return nil
}

// gaussLegendre returns the nodes and weights of the n-point
// Gauss-Legendre rule on [-1, 1], computed once per n by Newton's method on
// the three-term recurrence of the Legendre polynomials.
func gaussLegendre(n int) (x, w []float64) {
	if r, ok := glRules.Load(n); ok {
		g := r.(*glRule)
		return g.x, g.w
	}
	x, w = make([]float64, n), make([]float64, n)
	for i := 0; i < (n+1)/2; i++ {
		z := math.Cos(math.Pi * (float64(i) + 0.75) / (float64(n) + 0.5))
		var dp float64
		for it := 0; it < 100; it++ {
			p0, p1 := 1.0, z
			for k := 2; k <= n; k++ {
				p0, p1 = p1, ((2*float64(k)-1)*z*p1-(float64(k)-1)*p0)/float64(k)
			}
			if n == 1 {
				p0, p1 = 1, z
			}
			dp = float64(n) * (z*p1 - p0) / (z*z - 1)
			dz := p1 / dp
			z -= dz
			if math.Abs(dz) < 1e-16 {
				break
			}
		}
		// Recompute the derivative at the converged node for the weight.
		p0, p1 := 1.0, z
		for k := 2; k <= n; k++ {
			p0, p1 = p1, ((2*float64(k)-1)*z*p1-(float64(k)-1)*p0)/float64(k)
		}
		dp = float64(n) * (z*p1 - p0) / (z*z - 1)
		x[i], x[n-1-i] = -z, z
		w[i] = 2 / ((1 - z*z) * dp * dp)
		w[n-1-i] = w[i]
	}
	glRules.Store(n, &glRule{x, w})
	return x, w
}

type glRule struct{ x, w []float64 }

var glRules sync.Map

// unitRule is a Gauss-Legendre rule mapped to (0, 1): nodes w and weights.
type unitRule struct {
	w, wt []float64
}

// unitRules holds the rules built, by order (an array: a sync.Map look-up
// took about 600 instructions, a few per cent of a fast valuation).
var unitRules [aloMaxOrder + 1]atomic.Pointer[unitRule]

// unitGL returns the n-point rule on (0, 1), n <= aloMaxOrder.
func unitGL(n int) *unitRule {
	if r := unitRules[n].Load(); r != nil {
		return r
	}
	x, w := gaussLegendre(n)
	q := &unitRule{make([]float64, n), make([]float64, n)}
	for i := range x {
		q.w[i], q.wt[i] = 0.5*(1+x[i]), 0.5*w[i]
	}
	unitRules[n].Store(q)
	return q
}

// aloBoundary is the exercise boundary of an American put with strike 1,
// rates r and q, volatility sig and maturity T (a call is mapped to this put
// by put-call symmetry), as a Chebyshev interpolant of
// H(z) = ln(B(tau)/xmax)^2 in z = 2x - 1, tau = T x^2 or T x^4 (quartic).
type aloBoundary struct {
	call                bool
	S, X                float64 // the caller's spot and strike
	r, q, sig, T        float64 // of the put with strike 1
	xmax                float64
	n                   int
	h, a, cs, tau       []float64 // node values, Chebyshev coefficients, the nodes' cosines, node times
	nb                  []float64 // new node boundaries during an iteration
	deriv               bool
	pre                 []fpPoint
	tjk                 [][]float64 // node k's T_m(z_u) at its points of pre, n+1 per point (shared, read-only: aloPoints, aloNodePoints)
	lagk                [][]float64 // node k's Lagrange basis at the points, n per point, or nil (the same tables)
	acc                 []float64   // sum over a node's points of their weight times T_m(z_u)
	quartic             bool        // tau = T x^4 instead of T x^2 (see aloQuarticKappa)
	jac, res, gy        []float64   // Newton's Jacobian (n x n), residual and per-point derivatives
	fp                  []float64   // the fixed-point map's ln f at each node
	piv                 []int       // the row swaps of the factorized Jacobian
	lo                  float64     // ln of the perpetual boundary minus 1/2, below every node
	lastRes             float64     // the residual where the last Newton step started
	yPrev               []float64   // the y_k = ln(xmax/B_k) there
	backtracks          int         // halvings of the last step since
	steps               int         // the Newton steps the last solve took
	tailR, tailQ        []float64
	dPlusOne, dMinusOne bool
	truncated           int   // the nodes whose integrals end before u = 0
	lk                  []int // node k's number of points
	scheme              ALOScheme
}

// The node variable x in [0, 1] of the boundary's Chebyshev interpolant:
// tau = T x^2 (sqrt(tau) = sqrt(T) x, the variable of Andersen, Lake and
// Offengelt), or tau = T x^4 when the boundary moves on a time scale
// sigma^2/r^2 well below T (kappa = r sqrt(T)/sigma above aloQuarticKappa,
// r the put's rate). Near tau = 0 the boundary of the put is
// B ~ xmax (1 - sigma sqrt(tau ln(1/tau))), so H = ln(B/xmax)^2 behaves like
// tau ln(1/tau): like x^2 ln x in the first variable and x^4 ln x in the
// second, whose Chebyshev coefficients decay far faster; with kappa large
// the logarithmic layer fills a small part of [0, T] and dominates the
// interpolation error (measured over the tested grid: 32 nodes give
// 9e-7 in x = sqrt(tau/T) and 8e-10 in x = (tau/T)^(1/4) at kappa 8-16).
const aloQuarticKappa = 0.5

// aloQuarticMaxNodes is the largest node count with tau = T x^4: beyond it
// the first node above tau = 0 falls below 1e-14 T, where the fixed-point
// terms underflow, and the first variable resolves the layer anyway.
const aloQuarticMaxNodes = 64

// perpetualPut is the exercise boundary of the perpetual American put with
// strike 1 (McKean 1965, Merton 1973): beta/(beta - 1), beta the negative
// root of sigma^2/2 b(b-1) + (r-q) b - r = 0 (r > 0). At r = 0 the roots
// are 0 and 1 + 2q/sigma^2: the boundary is 0 when q >= -sigma^2/2 (S
// tends to 0, and the put to X, without exercise).
func perpetualPut(r, q, sig float64) float64 {
	a := (r - q) / (sig * sig)
	beta := 0.5 - a - math.Sqrt((a-0.5)*(a-0.5)+2*r/(sig*sig))
	return max(beta/(beta-1), 0)
}

// aloQuarticOf reports whether the put with rates r and q, volatility sig
// and maturity T uses tau = T x^4 with n nodes.
func aloQuarticOf(r, q, sig, T float64, n int) bool {
	return aloKappa(r, q, sig, T) > aloQuarticKappa && n <= aloQuarticMaxNodes
}

// tpow is tau/T at x: x^2 or x^4.
func (b *aloBoundary) tpow(x float64) float64 {
	if !b.quartic {
		return x * x
	}
	x2 := x * x
	return x2 * x2
}

// dtpow is d(tau/T)/dx.
func (b *aloBoundary) dtpow(x float64) float64 {
	if !b.quartic {
		return 2 * x
	}
	return 4 * x * x * x
}

// tgap is (tpow(a) - tpow(c))/(a - c), without cancellation.
func (b *aloBoundary) tgap(a, c float64) float64 {
	if !b.quartic {
		return a + c
	}
	return (a + c) * (a*a + c*c)
}

// aloTrust is the largest Newton step of a node, in units of sigma
// sqrt(tau_k) (see newton).
const aloTrust = 2

// aloMaxBacktracks is the most halvings of one Newton step.
const aloMaxBacktracks = 8

// aloExtraSteps is the most Newton steps a solve takes beyond its scheme's
// Iterations when the last step was still above max(Tolerance, 1e-7)
// (a seed far from the solution, or backtracking).
const aloExtraSteps = 12

// aloDerivW bounds |omega| = |2(r-q)/sigma^2| below which the node
// equations use the second (derivative, FP-B) form of Andersen, Lake and
// Offengelt, which converges faster there but whose fixed point is
// unstable for large |omega| (FP-A there).
const aloDerivW = 2

var aloPool = sync.Pool{New: func() any { return new(aloBoundary) }}

func (b *aloBoundary) release() { aloPool.Put(b) }

func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// aloPutBoundary solves the boundary for the option typ with inputs in
// (sigma > 0, T > 0, S, X > 0, a single boundary).
func aloPutBoundary(typ OptionType, in Inputs, s ALOScheme) *aloBoundary {
	b := aloPool.Get().(*aloBoundary)
	b.call, b.S, b.X = typ == Call, in.S, in.X
	b.r, b.q, b.sig, b.T = in.R, in.Q, in.Sigma, in.T
	if b.call {
		// C(S, X, r, q) = P(X, S, q, r): the put with rates swapped; its
		// boundary in units of the strike is X/S*(call).
		b.r, b.q = in.Q, in.R
	}
	s = s.effective(b.r, b.q, b.sig, b.T)
	b.scheme = s
	b.xmax = 1.0
	if b.q > b.r {
		b.xmax = b.r / b.q
	}
	b.deriv = math.Abs(2*(b.r-b.q)/(b.sig*b.sig)) < aloDerivW
	n := s.Nodes
	b.n = n
	b.quartic = s.variable == 2 || s.variable == 0 && aloQuarticOf(b.r, b.q, b.sig, b.T, n)
	key := boundaryKey{b.r, b.q, b.sig, b.T, s.cacheKey()}
	if cb := boundaryCache.get(key); s.variable == 0 && cb != nil {
		b.a = append(b.a[:0], cb.a...)
		return b
	}
	b.h, b.a, b.tau, b.nb = grow(b.h, n+1), grow(b.a, n+1), grow(b.tau, n+1), grow(b.nb, n+1)
	b.cs = grow(b.cs, n+1)
	for m := range b.cs {
		b.cs[m] = math.Cos(math.Pi * float64(m) / float64(n))
	}
	// Nodes z_k = cos(k pi/n): k = 0 is tau = T, k = n is tau = 0.
	for k := 0; k <= n; k++ {
		x := 0.5 * (1 + b.cs[k])
		b.tau[k] = b.T * b.tpow(x)
	}
	b.tau[n] = 0
	// Seed with QD+.
	// From the shortest time to expiry up, each node starts Newton's
	// method on the line through its two neighbours' ln(xmax/B) in the
	// node variable (the first two from xmax and that line through
	// tau = 0): 14-19% fewer QD+ evaluations over the grid than from the
	// neighbour's boundary, the same Newton steps.
	x0 := b.xmax
	var y1, y2 float64 // ln(xmax/B) at the nodes k+1 and k+2
	for k := n - 1; k >= 0; k-- {
		if k < n-1 {
			y := y1 + (y1-y2)*(b.cs[k]-b.cs[k+1])/(b.cs[k+1]-b.cs[k+2])
			x0 = b.xmax * fastExp(-y)
		}
		x0 = qdPlusPut(b.r, b.q, b.sig, b.tau[k], b.xmax, x0)
		b.nb[k] = x0
		y1, y2 = math.Log(b.xmax/x0), y1
	}
	b.nb[n] = b.xmax
	if aloSeedHook != nil {
		aloSeedHook(b.nb[:n])
	}
	b.setNodes()
	rule := unitGL(s.FixedPointOrder)
	fine := rule
	if s.coarse > 0 {
		rule = unitGL(int(s.coarse))
	}
	b.precompute(rule)
	tol := s.Tolerance
	if tol == 0 {
		tol = aloDefaultTol
	}
	// Stop after a step below tol, or when the next one, predicted from
	// the last two, would be: below tol/10 at Newton's quadratic rate,
	// d (d/prev)^2, after a step with a fresh Jacobian, below tol at the
	// linear rate d/prev after a chord step (Newton's error after a step
	// is about the next step).
	prev := math.Inf(1)
	b.lo, b.lastRes = math.Log(perpetualPut(b.r, b.q, b.sig))-0.5, math.Inf(1)
	b.steps, b.backtracks, b.yPrev = 0, 0, b.yPrev[:0]
	chordFrom := 2
	if s.chordFrom > 0 {
		chordFrom = int(s.chordFrom)
	}
	// Beyond s.Iterations (a solve that has not converged: the last step
	// above max(tol, 1e-7)), up to aloExtraSteps more steps, each with a
	// fresh Jacobian.
	extend := max(tol, 1e-7)
	for it, last := 0, s.Iterations; it < last; it++ {
		b.steps++
		if it > 0 && rule != fine {
			rule = fine
			b.precompute(rule)
		}
		chord := it >= chordFrom && it < s.Iterations
		d := b.newton(rule, chord)
		next := math.Inf(1) // no prediction after the first step
		if !math.IsInf(prev, 1) {
			next = d * d / prev
			if !chord {
				next *= 10 * d / prev
			}
		}
		if d < tol || next < tol {
			break
		}
		if it == last-1 && last < s.Iterations+aloExtraSteps && !(d <= extend) {
			last++
		}
		prev = d
	}
	if s.variable == 0 {
		boundaryCache.put(key, &cachedBoundary{a: append([]float64(nil), b.a...), bp: b.xmax * math.Exp(-b.sqrtH(1))})
	}
	return b
}

// aloSeedHook, when set (by tests), changes the QD+ seeds of the nodes
// (tau_0 = T first) before Newton's method starts from them.
var aloSeedHook func(seed []float64)

// cacheKey is the scheme of a tier as the boundary cache (and the
// persistent cache of boundary_store.go, which stores the four counts)
// knows it: without its Newton tolerance and its first step's order
// (coarse), so schemes that differ only in those share boundaries (the
// fixed points are the same; they differ by less than the tolerance).
// Boundaries with
// a forced node variable (ALO's bumps) are not cached.
func (s ALOScheme) cacheKey() ALOScheme {
	return ALOScheme{Nodes: s.Nodes, FixedPointOrder: s.FixedPointOrder, Iterations: s.Iterations, PriceOrder: s.PriceOrder, truncate: s.truncate}
}

// boundaryKey is what the put boundary at tau = T, in units of the strike,
// depends on.
type boundaryKey struct {
	r, q, sig, T float64
	s            ALOScheme
}

// cachedBoundary is a solved boundary: its Chebyshev coefficients and its
// value at tau = T in units of the strike.
type cachedBoundary struct {
	a  []float64
	bp float64
}

// boundaryCache remembers every boundary solved (it does not depend on S
// or X), so that revaluing an option after S moved costs the price integral
// only and the trigger of an option just valued costs a map look-up. It is
// cleared when it holds maxBoundaries entries (about 10 MB at most).
var boundaryCache = &bcache{m: map[boundaryKey]*cachedBoundary{}}

type bcache struct {
	sync.Mutex
	m map[boundaryKey]*cachedBoundary
}

const maxBoundaries = 1 << 16

func (c *bcache) get(k boundaryKey) *cachedBoundary {
	c.Lock()
	v := c.m[k]
	c.Unlock()
	return v
}

// ClearBoundaryCache empties the caches of solved exercise boundaries and of
// staged (compound lattice) values (for
// benchmarks of cold valuations and for tests).
func ClearBoundaryCache() {
	boundaryCache.Lock()
	clear(boundaryCache.m)
	boundaryCache.Unlock()
	stagedCache.Lock()
	clear(stagedCache.m)
	stagedCache.Unlock()
}

func (c *bcache) put(k boundaryKey, v *cachedBoundary) {
	c.Lock()
	if len(c.m) >= maxBoundaries {
		clear(c.m)
	}
	c.m[k] = v
	c.Unlock()
}

// fpPoint holds what a quadrature point of the fixed-point integrals at a
// node needs and what does not change between iterations: 1/v and
// v = sigma sqrt(m), the drift part of d+, and the weights (times e^{ru},
// e^{qu}) of the Phi and phi terms.
type fpPoint struct {
	invv, v, drift, wr, wq, pr, pq float64
}

// precompute fills b.pre for the nodes and the rule. At node k (x_k, tau_k)
// the integrals over u in (0, tau_k) are taken in w in (0, 1) with
// x_u = x_k (1 - w^2): tau_k - u is then w^2 times a smooth function of w
// (so sqrt(tau_k - u), which the kernels see, is smooth), and u = 0 at
// w = 1 is a regular end in the node variable x. With truncation, a node
// with tau_k > m_c takes the rule on (0, w_c) instead, w_c the w of the
// gap m_c, and tailR, tailQ hold the integrals beyond, in closed form:
// int_0^{u_c} e^{ru} du = expm1(r u_c)/r (and with q), u_c = tau_k - m_c,
// where Phi tends to 1; the point table is then the solve's own.
func (b *aloBoundary) precompute(rule *unitRule) {
	l := len(rule.w)
	if cap(b.pre) < b.n*l {
		b.pre = make([]fpPoint, b.n*l)
	}
	b.pre = b.pre[:b.n*l]
	r, q, sig, T := b.r, b.q, b.sig, b.T
	s2 := 0.5 * sig * sig
	nr := aloRulesOf(b.n, rule, b.quartic)
	b.tailR, b.tailQ = grow(b.tailR, b.n), grow(b.tailQ, b.n)
	clear(b.tailR)
	clear(b.tailQ)
	if cap(b.tjk) < b.n {
		b.tjk, b.lagk = make([][]float64, b.n), make([][]float64, b.n)
	}
	b.tjk, b.lagk = b.tjk[:b.n], b.lagk[:b.n]
	if cap(b.lk) < b.n {
		b.lk = make([]int, b.n)
	}
	b.lk = b.lk[:b.n]
	b.truncated = 0
	mc := math.Inf(1)
	if b.scheme.truncate {
		mc = b.truncation()
	}
	for k := 0; k < b.n; k++ {
		xk := 0.5 * (1 + b.cs[k])
		wc := 1.0
		nrule := nr.rule[k]
		b.tjk[k], b.lagk[k], b.lk[k] = nr.tj[k], nr.lag[k], len(nrule.w)
		if tk := b.tau[k]; mc < tk {
			// w_c, rounded up to a level 2^(-j/4) (a longer gap than
			// m_c), so that the node's points and their table recur.
			xc := math.Sqrt((tk - mc) / T)
			if b.quartic {
				xc = math.Sqrt(xc)
			}
			if j := int(-4 * math.Log2(math.Sqrt(1-xc/xk))); j > 0 {
				j = min(j, aloTruncLevels)
				wc = math.Exp2(-float64(j) / 4)
				b.truncated++
				nrule = rule
				nt := aloNodePoints(b.n, rule, k, j)
				b.tjk[k], b.lagk[k], b.lk[k] = nt.tj, nt.lag, l
				uc := T * b.tpow(xk*(1-wc*wc))
				if b.dPlusOne {
					b.tailQ[k] = uc
					if q != 0 {
						b.tailQ[k] = math.Expm1(q*uc) / q
					}
				}
				if b.dMinusOne {
					b.tailR[k] = uc
					if r != 0 {
						b.tailR[k] = math.Expm1(r*uc) / r
					}
				}
			}
		}
		if wc == 1 {
			// The points in units of T from the table.
			sT, iST := sig*math.Sqrt(T), 1/(sig*math.Sqrt(T))
			pre := b.pre[k*l : k*l+len(nrule.w)]
			for i, g := range nr.geo[k][:len(pre)] {
				u := T * g.u
				jac := T * g.jac
				er, eq := fastExp(r*u), 1.0
				if q != 0 {
					eq = fastExp(q * u)
				}
				iv := iST * g.ism
				wr, wq := jac*er, jac*eq
				pre[i] = fpPoint{
					invv: iv, v: sT * g.sm, drift: (r - q + s2) * T * g.m * iv,
					wr: wr, wq: wq, pr: wr * iv, pq: wq * iv,
				}
			}
			continue
		}
		for i, w := range nrule.w {
			w *= wc
			d := xk * w * w
			xu := xk - d
			u := T * b.tpow(xu)
			m := T * d * b.tgap(xk, xu)
			v := sig * math.Sqrt(m)
			jac := wc * nrule.wt[i] * T * b.dtpow(xu) * 2 * xk * w
			er, eq := fastExp(r*u), 1.0
			if q != 0 {
				eq = fastExp(q * u)
			}
			iv := 1 / v
			wr, wq := jac*er, jac*eq
			b.pre[k*l+i] = fpPoint{
				invv: iv, v: v, drift: (r - q + s2) * m * iv,
				wr: wr, wq: wq, pr: wr * iv, pq: wq * iv,
			}
		}
	}
}

// setNodes stores the boundary values nb at the nodes as H and recomputes
// the Chebyshev coefficients.
func (b *aloBoundary) setNodes() {
	n := b.n
	for k := 0; k <= n; k++ {
		v := math.Min(b.nb[k], b.xmax)
		if !(v > 0) {
			v = b.xmax * 1e-300
		}
		l := math.Log(v / b.xmax)
		b.h[k] = l * l
	}
	b.h[n] = 0
	b.chebCoefficients()
}

// setLogNodes is setNodes for nb holding ln(B_k/xmax) <= 0 at the nodes
// k < n instead of B_k (without a log per node).
func (b *aloBoundary) setLogNodes() {
	n := b.n
	for k := 0; k < n; k++ {
		l := b.nb[k]
		b.h[k] = l * l
	}
	b.h[n] = 0
	b.chebCoefficients()
}

// chebCoefficients recomputes the Chebyshev coefficients from b.h.
func (b *aloBoundary) chebCoefficients() {
	n := b.n
	c := chebMatrix(n)
	for m := 0; m <= n; m++ {
		row := c[m*n : (m+1)*n]
		h := b.h[:len(row)]
		var s float64
		for j, v := range row {
			s += v * h[j]
		}
		b.a[m] = s
	}
}

// chebMatrix returns the (n+1) x n matrix C (row-major) that maps the node
// values h_0..h_{n-1} (h_n = 0 at tau = 0) to the Chebyshev coefficients
// of their interpolant at the nodes cos(j pi/n):
// a_m = sum_j C_mj h_j, C_mj = (2/n) c_j cos(m j pi/n), c_0 = 1/2.
// It is computed once per n.
func chebMatrix(n int) []float64 {
	if c := chebMatrices[n].Load(); c != nil {
		return *c
	}
	c := make([]float64, (n+1)*n)
	for m := 0; m <= n; m++ {
		for j := 0; j < n; j++ {
			v := 2 / float64(n) * math.Cos(math.Pi*float64((m*j)%(2*n))/float64(n))
			if j == 0 {
				v *= 0.5
			}
			c[m*n+j] = v
		}
	}
	chebMatrices[n].Store(&c)
	return c
}

// chebMatrices holds the matrices built, by node count.
var chebMatrices [aloMaxNodes + 1]atomic.Pointer[[]float64]

// sqrtH returns sqrt(max(H(z), 0)) = ln(xmax/B) by Clenshaw's recurrence.
func (b *aloBoundary) sqrtH(z float64) float64 {
	n := b.n
	a := b.a
	var b1, b2 float64
	z2 := 2 * z
	b1 = 0.5 * a[n]
	for j := n - 1; j >= 1; j-- {
		b1, b2 = z2*b1-b2+a[j], b1
	}
	v := z*b1 - b2 + 0.5*a[0]
	if v <= 0 {
		return 0
	}
	return math.Sqrt(v)
}

// value returns the option value at the caller's spot.
func (b *aloBoundary) value() float64 { return b.valueAt(b.S) }

// valueAt returns the option value at spot S (the caller's units): the
// European value plus the early-exercise premium
//
//	int_0^T [r e^{-r t} Phi(-d-(t, s/B(T-t))) - q s e^{-q t} Phi(-d+(t, s/B(T-t)))] dt
//
// for the put with strike 1 and spot s, taken in w in (0, 1) with
// x = 1 - w^2 the node variable of tau = T - t, so that sqrt(t) is w times
// a smooth function and the boundary is sampled in its own variable.
func (b *aloBoundary) valueAt(S float64) float64 {
	var s, scale float64
	if b.call {
		// C(S, X, r, q) = P(X, S, q, r) = S P(X/S, 1, q, r).
		s, scale = b.X/S, S
	} else {
		s, scale = S/b.X, b.X
	}
	r, q, sig, T := b.r, b.q, b.sig, b.T
	lns := math.Log(s / b.xmax)
	if lns <= -b.sqrtH(1) {
		// At or beyond the boundary at tau = T: the exercise region, where
		// the value is the payoff (and the premium integrand a step in t
		// that no fixed rule resolves when sigma^2 T is tiny). The payoff
		// is S - X or X - S in the caller's units, exactly: scale*(1 - s)
		// rounds (1950.5 - 1000 came out 950.4999999999999, which the
		// tables then showed as 950 beside an NPV of 951).
		if b.call {
			return math.Max(S-b.X, 0)
		}
		return math.Max(b.X-S, 0)
	}
	eu, _ := BlackScholes(Put, Inputs{S: s, X: 1, T: T, Sigma: sig, R: r, Q: q})
	rule := unitGL(b.scheme.PriceOrder)
	s2 := 0.5 * sig * sig
	var prem float64
	for i, w := range rule.w {
		// tau = T tpow(x) with x = 1 - w^2, t = T - tau.
		w2 := w * w
		x := 1 - w2
		t := T * w2 * b.tgap(1, x)
		// ln(s/B(T-t)) = ln(s/xmax) + sqrtH(z), z = 2x - 1
		lz := lns + b.sqrtH(1-2*w2)
		v := sig * math.Sqrt(t)
		dp := (lz + (r-q+s2)*t) / v
		dm := dp - v
		f := r * fastExp(-r*t) * fastCDF(-dm)
		if q != 0 {
			f -= q * s * fastExp(-q*t) * fastCDF(-dp)
		}
		prem += rule.wt[i] * T * b.dtpow(x) * 2 * w * f
	}
	return scale * math.Max(eu+math.Max(prem, 0), math.Max(1-s, 0))
}

// newton takes one Newton step on the node equations
//
//	R_k(x) = x_k - ln f_k(x) = 0,  x_k = ln B(tau_k), k < n,
//
// where f_k = e^{-(r-q) tau_k} N_k/D_k is the fixed-point map at node k
// (FP-A or FP-B of Andersen, Lake and Offengelt) and depends on every node
// through the interpolated boundary in its integrals. With
// y_j = ln(xmax/B_j) = sqrt(h_j) and Y(u) = sqrt(H(u)) =
// sqrt(sum_j y_j^2 L_j(z_u)), the kernels see
// ln(B(tau_k)/B(u)) = Y(u) - y_k, with dy_k/dx_j = -delta_kj and
// dY(u)/dx_j = -y_j L_j(z_u)/Y(u) (L_j the Lagrange basis of the nodes).
// The Jacobian is dense (n x n) and costs about as much as one
// fixed-point sweep; the iteration converges quadratically from the QD+
// seed (steps of about 1e-2, 1e-4, 1e-7 relative), where the plain fixed
// point (and the paper's Jacobi-Newton step, which keeps only the
// derivative of the terms outside the integrals) converges linearly and
// slowly when sigma^2 is small against r and |r - q|: 12 sweeps left
// errors of 5e-7 at sigma = 0.05 that two Newton steps remove.
//
// With chord set it reuses the factorized Jacobian of the previous step
// (the chord method): from the third step on, that Jacobian is within
// about the second step's size of the current one, so the step loses
// nothing visible and skips the derivatives, the assembly and the
// factorization.
func (b *aloBoundary) newton(rule *unitRule, chord bool) (step float64) {
	n := b.n
	r, q, sig := b.r, b.q, b.sig
	lx := math.Log(b.xmax)
	l := len(rule.w)
	b.jac, b.res, b.fp = grow(b.jac, n*n), grow(b.res, n), grow(b.fp, n)
	fp := b.fp
	b.gy = grow(b.gy, 3*l)
	b.acc = grow(b.acc, n+1)
	J, R := b.jac, b.res
	if len(b.piv) != n {
		chord = false
	}
	if !chord {
		clear(J)
	}
	deriv := b.deriv
	y := b.nb // y_j = sqrt(h_j); nb is rewritten at the end
	for j := 0; j < n; j++ {
		y[j] = math.Sqrt(b.h[j])
	}
	for k := 0; k < n; k++ {
		tau := b.tau[k]
		lnb := -y[k] // ln(B(tau_k)/xmax)
		in, id, jn, jd := b.nodeIntegrals(k, l, lnb, chord)
		lk := b.lk[k]
		v := sig * math.Sqrt(tau)
		dp := (lnb+lx+(r-q)*tau)/v + 0.5*v
		dm := dp - v
		// Phi and phi at d+ (and at d- for FP-A) from one exp each.
		cp, pp := cdfPDF(dp)
		var N, D, nd, dd float64 // nd, dd: d/dx_k of the terms outside the integrals
		if deriv {
			pm := fastPDF(dm)
			N = pm/v + r*jn
			D = pp/v + cp + q*(id+jd)
			nd = -pm * dm / (v * v)
			dd = (1 - dp/v) * pp / v
		} else {
			cm, pm := cdfPDF(dm)
			N = cm + r*in
			D = cp + q*id
			nd = pm / v
			dd = pp / v
		}
		row := J[k*n : (k+1)*n]
		if !(N > 0 && D > 0 && N <= math.MaxFloat64 && D <= math.MaxFloat64) {
			// Both terms underflow (a node far too close to tau = 0 for
			// double precision): keep the node.
			R[k], fp[k] = 0, lnb+lx
			if !chord {
				row[k] = 1
			}
			continue
		}
		lnf := -(r-q)*tau + math.Log(N/D)
		R[k] = lnb + lx - lnf
		fp[k] = lnf
		if chord {
			continue
		}
		b.jacobianRow(row, k, lk, 1-(nd/N-dd/D), 1/N, 1/D)
	}
	res := 0.0
	for _, v := range R {
		res = max(res, math.Abs(v))
	}
	if res > b.lastRes && res > 1e-11 && b.backtracks < aloMaxBacktracks && len(b.yPrev) == n {
		// The last step made the residual worse (a seed or step outside
		// the region where the linear model holds, as near tau = 0 where
		// the kernels change on the scale sigma sqrt(tau)): go back half
		// way to where it started (backtracking, Dennis and Schnabel,
		// "Numerical methods for unconstrained optimization and nonlinear
		// equations", 1983, 6.3), and take a fresh Jacobian there.
		b.backtracks++
		for k := 0; k < n; k++ {
			yk := b.yPrev[k] + 0.5*(y[k]-b.yPrev[k])
			b.nb[k] = b.xmax * math.Exp(-yk)
		}
		b.setNodes()
		b.piv = b.piv[:0]
		return math.Inf(1)
	}
	b.backtracks = 0
	b.lastRes = res
	b.yPrev = append(b.yPrev[:0], y[:n]...)
	if !chord {
		b.piv = luFactor(J, b.piv[:0], n)
	}
	luSolve(J, b.piv, R, n)
	ok := true
	for k := 0; k < n; k++ {
		if x := lx - y[k] - R[k]; math.IsNaN(x) || math.IsInf(x, 0) {
			ok = false
		}
	}
	for k := 0; k < n; k++ {
		// x_k = ln B_k = lx - y_k moves by -R_k.
		x := lx - y[k] - R[k]
		step = max(step, math.Abs(R[k]))
		if !ok {
			// A singular or overflowing system: the plain fixed-point
			// step x_k = ln f_k instead.
			x = fp[k]
		}
		// A trust region: y_k = ln(xmax/B_k) moves by at most 2 sigma
		// sqrt(tau_k) in a step, the scale on which node k's kernels
		// change (near tau = 0 a longer step leaves the region where the
		// linear model holds, and the node's terms all underflow), and
		// stays >= 0.
		if v := aloTrust * sig * math.Sqrt(b.tau[k]); x > lx-y[k]+v {
			x = lx - y[k] + v
		} else if x < lx-y[k]-v {
			x = lx - y[k] - v
		}
		x = min(x, lx)
		// Never far below the perpetual boundary, which every finite-
		// maturity one exceeds (a step that ran away; b.lo has a margin
		// so that ordinary overshoots, which Newton corrects, are kept).
		x = max(x, b.lo)
		b.nb[k] = x - lx // ln(B_k/xmax), for setLogNodes (the next step's y)
	}
	b.setLogNodes()
	if !ok {
		return math.Inf(1)
	}
	return step
}

// nodeIntegrals returns the integrals of node k's fixed-point terms
// (Phi(d-), Phi(d+) with the weights wr, wq; phi(d-), phi(d+) with pr, pq)
// for ln(B(tau_k)/xmax) = lnb, and unless chord leaves in b.gy, per point,
// dN/dlz, dD/dlz and Y(u) for the Jacobian. FP-B needs no Phi(d-); neither
// form needs the d+ terms when q = 0.
func (b *aloBoundary) nodeIntegrals(k, l int, lnb float64, chord bool) (in, id, jn, jd float64) {
	r, q, deriv, n1 := b.r, b.q, b.deriv, b.n+1
	p := b.pre[k*l : k*l+b.lk[k]]
	lts := b.tjk[k]
	g := b.gy
	a := b.a[:n1]
	for i := range p {
		c := &p[i]
		// Y(u) = sqrt(max(H(z_u), 0)) from the point's Chebyshev
		// polynomials t (end terms halved), four sums at a time.
		t := lts[i*n1 : (i+1)*n1]
		t = t[:len(a)]
		var s0, s1, s2, s3 float64
		j := 0
		for ; j < len(t)-3; j += 4 {
			s0 += a[j] * t[j]
			s1 += a[j+1] * t[j+1]
			s2 += a[j+2] * t[j+2]
			s3 += a[j+3] * t[j+3]
		}
		for ; j < len(t); j++ {
			s0 += a[j] * t[j]
		}
		var yu float64
		if h := (s0 + s1) + (s2 + s3); h > 0 {
			yu = math.Sqrt(h)
		}
		dp := (lnb+yu)*c.invv + c.drift
		dm := dp - c.v
		if chord {
			if deriv {
				jn += c.pr * fastPDF(dm)
				if q != 0 {
					cp, pp := cdfPDF(dp)
					id += c.wq * cp
					jd += c.pq * pp
				}
			} else {
				in += c.wr * fastCDF(dm)
				if q != 0 {
					id += c.wq * fastCDF(dp)
				}
			}
			continue
		}
		g[3*i+1] = 0
		if deriv {
			pm := fastPDF(dm)
			jn += c.pr * pm
			g[3*i] = -r * c.pr * pm * dm * c.invv
			if q != 0 {
				cp, pp := cdfPDF(dp)
				id += c.wq * cp
				jd += c.pq * pp
				g[3*i+1] = q * c.pq * pp * (1 - dp*c.invv)
			}
		} else {
			cm, pm := cdfPDF(dm)
			in += c.wr * cm
			g[3*i] = r * c.pr * pm
			if q != 0 {
				cp, pp := cdfPDF(dp)
				id += c.wq * cp
				g[3*i+1] = q * c.pq * pp
			}
		}
		g[3*i+2] = yu
	}
	return in + b.tailR[k], id + b.tailQ[k], jn, jd
}

// jacobianRow fills row k of the Jacobian from the per-point derivatives
// of nodeIntegrals: dR_k/dx_j = delta_kj diag + y_j sum_i c_i L_j(z_i)/Y_i
// with c_i = (dN/dlz)/N - (dD/dlz)/D, where diag holds the terms outside
// the integrals and L_j(z) = sum_m T_m(z) C_mj (a = C h the Chebyshev
// coefficients, chebMatrix).
func (b *aloBoundary) jacobianRow(row []float64, k, l int, diag, iN, iD float64) {
	n := b.n
	y := b.nb
	if lag := b.lagk[k]; lag != nil {
		diag = b.weighPoints(row, lag, l, diag, iN, iD)
	} else {
		acc := b.acc
		clear(acc)
		diag = b.weighPoints(acc, b.tjk[k], l, diag, iN, iD)
		cmat := chebMatrix(n)
		for m, am := range acc {
			if am == 0 {
				continue
			}
			cm := cmat[m*n : (m+1)*n]
			for j, v := range cm {
				row[j] += am * v
			}
		}
	}
	for j := range row {
		row[j] *= y[j]
	}
	row[k] += diag
}

// weighPoints adds to dst, for each of a node's l points i, c_i/Y_i times
// the point's row of per (len(dst) wide), with c_i from nodeIntegrals'
// derivatives as in jacobianRow, and returns diag less the sum of the c_i.
func (b *aloBoundary) weighPoints(dst, per []float64, l int, diag, iN, iD float64) float64 {
	w := len(dst)
	// The rows are added two at a time (one load and store of dst for
	// both); a point whose c_i is 0 (its densities underflow) or whose
	// Y_i is 0 adds nothing.
	var s0 float64
	var p0 []float64
	for i := 0; i < l; i++ {
		gi := b.gy[3*i : 3*i+3 : 3*i+3]
		ci := gi[0]*iN - gi[1]*iD
		diag -= ci
		yu := gi[2]
		if ci == 0 || !(yu > 1e-150) {
			continue
		}
		s, pi := ci/yu, per[i*w:(i+1)*w]
		if p0 == nil {
			s0, p0 = s, pi
			continue
		}
		addRows(dst, p0, pi, s0, s)
		p0 = nil
	}
	if p0 != nil {
		p0 = p0[:len(dst)]
		for j, v := range p0 {
			dst[j] += s0 * v
		}
	}
	return diag
}

// addRows adds a times pa and b times pb to dst (all of dst's length).
func addRows(dst, pa, pb []float64, a, b float64) {
	pa, pb = pa[:len(dst)], pb[:len(dst)] // no bounds checks in the loop
	for j := range dst {
		dst[j] += a*pa[j] + b*pb[j]
	}
}

// fastPDF is normPDF by fastExp, 0 where it is below 1e-300 (|x| > 37):
// math.Exp is about 40 times slower where its result is subnormal.
func fastPDF(x float64) float64 {
	if x*x > 1380 {
		return 0
	}
	return invSqrt2Pi * fastExp(-0.5*x*x)
}

// luFactor factorizes the n x n row-major J in place by Gaussian
// elimination with partial pivoting (the multipliers below the diagonal)
// and returns the row swaps in piv (appended to piv[:0]).
func luFactor(J []float64, piv []int, n int) []int {
	J = J[:n*n]
	for c := 0; c < n; c++ {
		pv := c
		for rr := c + 1; rr < n; rr++ {
			if math.Abs(J[rr*n+c]) > math.Abs(J[pv*n+c]) {
				pv = rr
			}
		}
		piv = append(piv, pv)
		rowc := J[c*n : (c+1)*n]
		if pv != c {
			rowp := J[pv*n : (pv+1)*n]
			rowp = rowp[:len(rowc)]
			for j, v := range rowp {
				rowc[j], rowp[j] = v, rowc[j]
			}
		}
		d := rowc[c]
		if d == 0 {
			continue
		}
		tail := rowc[c+1:]
		// The rows below are eliminated two at a time (one load of the
		// pivot row for both).
		rr := c + 1
		for ; rr+1 < n; rr += 2 {
			ra, rb := J[rr*n:(rr+1)*n], J[(rr+1)*n:(rr+2)*n]
			fa, fb := ra[c]/d, rb[c]/d
			ra[c], rb[c] = fa, fb
			ta, tb := ra[c+1:], rb[c+1:]
			if fa == 0 || fb == 0 {
				eliminate(ta, tail, fa)
				eliminate(tb, tail, fb)
				continue
			}
			ta, tb = ta[:len(tail)], tb[:len(tail)] // no bounds checks in the loop
			for j, v := range tail {
				ta[j] -= fa * v
				tb[j] -= fb * v
			}
		}
		if rr < n {
			row := J[rr*n : (rr+1)*n]
			f := row[c] / d
			row[c] = f
			eliminate(row[c+1:], tail, f)
		}
	}
	return piv
}

// eliminate subtracts f times src from dst (a row of the elimination;
// nothing when f is 0).
func eliminate(dst, src []float64, f float64) {
	if f == 0 {
		return
	}
	dst = dst[:len(src)]
	for j, v := range src {
		dst[j] -= f * v
	}
}

// luSolve solves J d = rhs with the factors of luFactor, leaving d in rhs.
func luSolve(J []float64, piv []int, rhs []float64, n int) {
	// The factorization swapped whole rows, multipliers included: apply
	// every swap first, then the unit lower triangle.
	for c, p := range piv {
		rhs[c], rhs[p] = rhs[p], rhs[c]
	}
	for c := 0; c < n; c++ {
		for rr := c + 1; rr < n; rr++ {
			rhs[rr] -= J[rr*n+c] * rhs[c]
		}
	}
	for c := n - 1; c >= 0; c-- {
		s := rhs[c]
		for j := c + 1; j < n; j++ {
			s -= J[c*n+j] * rhs[j]
		}
		rhs[c] = s / J[c*n+c]
	}
}

// aloNodeOrder is the number of points of the fixed-point integrals at a
// node with tau_k = f T in a scheme of l points: l (1 + sqrt f)/2 rounded
// up, at least 3. The integrals are over (0, tau_k), and their share of the
// node equations falls with tau_k (N = Phi(d-) + r int_0^tau_k ...), so
// the nodes near tau = 0 need fewer points: over the grid and the 3,000
// random inputs of TestTriggerRandomInGrid the errors of ALOFast and of
// the trigger stay as with l points everywhere (ALOFast 5.4e-6 and 4e-6,
// the trigger 5.5e-7 and 7e-7, with ALOStandard's earlier orders) with
// 21-23% fewer points per Newton step;
// l (0.4 + 0.6 sqrt f) left ALOFast 6.8e-6, l (0.5 + 0.5 f) 8e-6, and
// l (0.3 + 0.7 sqrt f) broke a trigger (2.8e-3 off).
func aloNodeOrder(f float64, l int) int {
	return max(3, int(math.Ceil(0.5*float64(l)*(1+math.Sqrt(f)))))
}
