package valuation

import (
	"fmt"
	"math"
	"sync"
)

// ALOScheme is the precision setting of the Andersen-Lake-Offengelt
// boundary method (see ALO): the number of Chebyshev nodes of the boundary
// (Nodes + 1 points including tau = 0), the Gauss-Legendre order of the
// fixed-point integrals, the number of fixed-point iterations (the first is
// a Jacobi-Newton step) and the Gauss-Legendre order of the integral that
// turns the boundary into a price.
type ALOScheme struct {
	Nodes, FixedPointOrder, Iterations, PriceOrder int
}

// The precision settings of the boundary method. Relative errors against
// QuantLib 1.29's high-precision QdFp values over 1,700 calls and puts
// (S/X 0.5-2, t 0.1-10, sigma 0.05-1, r -0.02-0.1, q 0-0.15), median / 90th
// percentile / maximum: ALOFast 1.7e-7 / 1.2e-5 / 8.6e-4, ALOStandard
// 5.3e-10 / 2.4e-7 / 6.3e-5, ALOAccurate 1.3e-10 / 4.4e-8 / 4.5e-6 (the
// maxima at sigma = 0.05, t = 10 and |r - q| large). See alo_test.go.
var (
	ALOFast     = ALOScheme{Nodes: 8, FixedPointOrder: 12, Iterations: 2, PriceOrder: 24}
	ALOAccurate = ALOScheme{Nodes: 24, FixedPointOrder: 48, Iterations: 12, PriceOrder: 96}
)

// ALOStandard is the scheme of RealOption.Value and Trigger (the trigger
// is the boundary's node at tau = T: within 1e-5 relative of a 49-node
// boundary over the tested grid, typically 1e-7).
var ALOStandard = ALOScheme{Nodes: 16, FixedPointOrder: 16, Iterations: 6, PriceOrder: 48}

// aloTriggerScheme is the scheme Trigger uses. It is the scheme of
// RealOption.Value, so that valuing an option leaves its trigger in the
// boundary cache.
var aloTriggerScheme = ALOStandard

// aloGreeksScheme is the scheme of ALO's vega and rho (forward differences
// of its values): at most 1.5% (vega) and 0.7% (rho) from central
// differences of ALOAccurate values over the tested grid, relative to
// max(|Greek|, X/100).
var aloGreeksScheme = ALOScheme{Nodes: 10, FixedPointOrder: 12, Iterations: 3, PriceOrder: 32}

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
// r > 0 (single boundary) or q < r < 0 (two boundaries, not handled); a call
// by put-call symmetry iff q > 0, or r < q < 0.
func aloDefined(typ OptionType, r, q float64) (single, early bool) {
	if typ == Call {
		r, q = q, r
	}
	switch {
	case r > 0:
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
	return b.value(), nil
}

// ALO prices the American call or put with inputs in like ALOValue and adds
// its Greeks: delta and gamma by central differences on the same boundary
// (the boundary does not depend on S), theta from the Black-Scholes-Merton
// equation, which the value satisfies off the boundary
// (theta = rV - (r-q) S delta - sigma^2 S^2 gamma/2; 0 in the exercise
// region), vega and rho by forward differences (VegaBump, RhoBump) over
// re-solved boundaries of a small scheme (11 nodes): within 1.5% (vega)
// and 0.7% (rho) over the tested grid. Result.Method names the method and
// the scheme.
func ALO(typ OptionType, in Inputs, s ALOScheme) (Result, error) {
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
	method := aloMethod(s)
	b := aloPutBoundary(typ, in, s)
	v := b.value()
	h := 1e-4 * in.S
	vu, vd := b.valueAt(in.S+h), b.valueAt(in.S-h)
	b.release()
	var g Greeks
	ex := in.S - in.X
	if typ == Put {
		ex = -ex
	}
	if v <= ex*(1+1e-12) {
		// Exercise region: the value is the payoff.
		g.Delta = 1
		if typ == Put {
			g.Delta = -1
		}
	} else {
		g.Delta = (vu - vd) / (2 * h)
		g.Gamma = (vu - 2*v + vd) / (h * h)
		g.Theta = in.R*v - (in.R-in.Q)*in.S*g.Delta - 0.5*in.Sigma*in.Sigma*in.S*in.S*g.Gamma
	}
	// Vega and rho: forward differences of values by aloGreeksScheme. Its
	// error is smooth in sigma and r (same nodes and rules), so the
	// difference is far more accurate than the values.
	fs := s
	if s.Nodes > aloGreeksScheme.Nodes {
		fs = aloGreeksScheme
	}
	v0, _ := ALOValue(typ, in, fs)
	hv := VegaBump
	if in.Sigma+hv > MaxSigma || (in.Sigma+hv)*math.Sqrt(in.T) > MaxCumVol {
		hv = -hv
	}
	up := in
	up.Sigma += hv
	if x, err := ALOValue(typ, up, fs); err == nil {
		g.Vega = (x - v0) / hv
	}
	hr := RhoBump
	if in.R+hr > MaxRate || (typ == Put && in.R+hr <= 0) {
		hr = -hr
	}
	up = in
	up.R += hr
	if x, err := ALOValue(typ, up, fs); err == nil {
		g.Rho = (x - v0) / hr
	}
	return Result{Value: v, Greeks: g, Method: method}, nil
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
	if cb := boundaryCache.get(boundaryKey{r, q, in.Sigma, in.T, s}); cb != nil {
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
	switch {
	case s.Nodes < 2 || s.Nodes > 64:
		return &InputError{Input: "nodes", Value: float64(s.Nodes), Reason: "is outside [2, 64]"}
	case s.FixedPointOrder < 2 || s.FixedPointOrder > 128:
		return &InputError{Input: "fixed-point order", Value: float64(s.FixedPointOrder), Reason: "is outside [2, 128]"}
	case s.Iterations < 1 || s.Iterations > 100:
		return &InputError{Input: "iterations", Value: float64(s.Iterations), Reason: "is outside [1, 100]"}
	case s.PriceOrder < 2 || s.PriceOrder > 256:
		return &InputError{Input: "price order", Value: float64(s.PriceOrder), Reason: "is outside [2, 256]"}
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

// quadTheta holds a Gauss-Legendre rule mapped to theta in (0, pi/2) with
// sin(theta), cos(theta) and the weights times pi/4.
type quadTheta struct {
	sin, cos, w []float64
}

var quadRules sync.Map

func thetaRule(n int) *quadTheta {
	if r, ok := quadRules.Load(n); ok {
		return r.(*quadTheta)
	}
	x, w := gaussLegendre(n)
	q := &quadTheta{make([]float64, n), make([]float64, n), make([]float64, n)}
	for i := range x {
		th := math.Pi / 4 * (1 + x[i])
		q.sin[i], q.cos[i] = math.Sin(th), math.Cos(th)
		q.w[i] = w[i] * math.Pi / 4
	}
	quadRules.Store(n, q)
	return q
}

// aloBoundary is the exercise boundary of an American put with strike 1,
// rates r and q, volatility sig and maturity T (a call is mapped to this put
// by put-call symmetry), as a Chebyshev interpolant of
// H(z) = ln(B(tau)/xmax)^2 in z = 2 sqrt(tau/T) - 1.
type aloBoundary struct {
	call          bool
	S, X          float64 // the caller's spot and strike
	r, q, sig, T  float64 // of the put with strike 1
	xmax          float64
	n             int
	h, a, cs, tau []float64 // node values, Chebyshev coefficients, cosine table, node times
	nb            []float64 // new node boundaries during an iteration
	deriv         bool
	pre           []fpPoint
	tj            []float64 // T_j at the points of pre, n+1 per point
	scheme        ALOScheme
}

// aloDerivW bounds |omega| = |2(r-q)/sigma^2| below which the fixed point
// uses the second (derivative) form of Andersen, Lake and Offengelt, which
// converges faster there but is unstable for large |omega|.
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
	b.call, b.S, b.X, b.scheme = typ == Call, in.S, in.X, s
	b.r, b.q, b.sig, b.T = in.R, in.Q, in.Sigma, in.T
	if b.call {
		// C(S, X, r, q) = P(X, S, q, r): the put with rates swapped; its
		// boundary in units of the strike is X/S*(call).
		b.r, b.q = in.Q, in.R
	}
	b.xmax = 1.0
	if b.q > b.r {
		b.xmax = b.r / b.q
	}
	b.deriv = math.Abs(2*(b.r-b.q)/(b.sig*b.sig)) < aloDerivW
	n := s.Nodes
	b.n = n
	key := boundaryKey{b.r, b.q, b.sig, b.T, s}
	if cb := boundaryCache.get(key); cb != nil {
		b.a = append(b.a[:0], cb.a...)
		return b
	}
	b.h, b.a, b.tau, b.nb = grow(b.h, n+1), grow(b.a, n+1), grow(b.tau, n+1), grow(b.nb, n+1)
	b.cs = grow(b.cs, 2*n)
	for m := range b.cs {
		b.cs[m] = math.Cos(math.Pi * float64(m) / float64(n))
	}
	// Nodes z_k = cos(k pi/n): k = 0 is tau = T, k = n is tau = 0.
	for k := 0; k <= n; k++ {
		x := 0.5 * math.Sqrt(b.T) * (1 + b.cs[k%(2*n)])
		b.tau[k] = x * x
	}
	b.tau[n] = 0
	// Seed with QD+.
	// From the shortest time to expiry up, each node starts Newton's
	// method at its neighbour's boundary.
	x0 := b.xmax
	for k := n - 1; k >= 0; k-- {
		x0 = qdPlusPut(b.r, b.q, b.sig, b.tau[k], b.xmax, x0)
		b.nb[k] = x0
	}
	b.nb[n] = b.xmax
	b.setNodes()
	rule := thetaRule(s.FixedPointOrder)
	b.precompute(rule)
	for it := 0; it < s.Iterations; it++ {
		for k := 0; k < n; k++ {
			b.nb[k] = b.step(k, rule, it == 0)
		}
		b.setNodes()
	}
	boundaryCache.put(key, &cachedBoundary{a: append([]float64(nil), b.a...), bp: b.xmax * math.Exp(-b.sqrtH(1))})
	return b
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
// node needs and what does not change between iterations: the node z_u of
// B(u), 1/v and v = sigma sqrt(m), the drift part of d+, and the weights
// (times e^{ru}, e^{qu}) of the Phi and phi terms.
type fpPoint struct {
	zu, invv, v, drift, wr, wq, pr, pq float64
}

// precompute fills b.pre for the nodes and the rule: m = tau sin^2(theta),
// u = tau cos^2(theta), dm = 2 tau sin cos dtheta, dm/(sigma sqrt m) =
// 2 sqrt(tau) cos/sigma dtheta.
func (b *aloBoundary) precompute(rule *quadTheta) {
	l := len(rule.w)
	if cap(b.pre) < b.n*l {
		b.pre = make([]fpPoint, b.n*l)
	}
	b.pre = b.pre[:b.n*l]
	r, q, sig := b.r, b.q, b.sig
	s2 := 0.5 * sig * sig
	n1 := b.n + 1
	if cap(b.tj) < b.n*l*n1 {
		b.tj = make([]float64, b.n*l*n1)
	}
	b.tj = b.tj[:b.n*l*n1]
	for k := 0; k < b.n; k++ {
		tau := b.tau[k]
		sqT := math.Sqrt(tau)
		c := 2 * sqT / math.Sqrt(b.T)
		cj := 2 * sqT / sig
		for i, w := range rule.w {
			st, ct := rule.sin[i], rule.cos[i]
			m, u := tau*st*st, tau*ct*ct
			v := sig * sqT * st
			er, eq := math.Exp(r*u), math.Exp(q*u)
			jac := w * 2 * tau * st * ct
			b.pre[k*l+i] = fpPoint{
				zu: c*ct - 1, invv: 1 / v, v: v, drift: (r - q + s2) * m / v,
				wr: jac * er, wq: jac * eq, pr: w * cj * ct * er, pq: w * cj * ct * eq,
			}
			// T_j(z_u), j = 0..n, with the halved end terms of the sum.
			z := c*ct - 1
			t := b.tj[(k*l+i)*n1 : (k*l+i+1)*n1]
			t0, t1 := 1.0, z
			t[0], t[1] = 0.5, z
			for j := 2; j < n1; j++ {
				t0, t1 = t1, 2*z*t1-t0
				t[j] = t1
			}
			t[n1-1] *= 0.5
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
	for j := 0; j <= n; j++ {
		s := 0.5 * (b.h[0] + b.h[n]*b.cs[(j*n)%(2*n)])
		for k := 1; k < n; k++ {
			s += b.h[k] * b.cs[(j*k)%(2*n)]
		}
		b.a[j] = 2 * s / float64(n)
	}
}

// sqrtHAt returns sqrt(max(H, 0)) at a point whose Chebyshev polynomials
// (end terms halved) are t.
func (b *aloBoundary) sqrtHAt(t []float64) float64 {
	a := b.a[:len(t)]
	var s0, s1, s2, s3 float64
	j := 0
	for ; j+3 < len(t); j += 4 {
		s0 += a[j] * t[j]
		s1 += a[j+1] * t[j+1]
		s2 += a[j+2] * t[j+2]
		s3 += a[j+3] * t[j+3]
	}
	for ; j < len(t); j++ {
		s0 += a[j] * t[j]
	}
	v := (s0 + s1) + (s2 + s3)
	if v <= 0 {
		return 0
	}
	return math.Sqrt(v)
}

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

// step returns the next iterate of the boundary at node k from
// B = e^{-(r-q)tau} N/D with
//
//	N = Phi(d-(tau, B/1)) + r int_0^tau e^{r u} Phi(d-(tau-u, B(tau)/B(u))) du
//	D = Phi(d+(tau, B/1)) + q int_0^tau e^{q u} Phi(d+(tau-u, B(tau)/B(u))) du
//
// (newton: one Jacobi-Newton step instead of the plain fixed-point step).
func (b *aloBoundary) step(k int, rule *quadTheta, newton bool) float64 {
	tau := b.tau[k]
	r, q, sig := b.r, b.q, b.sig
	lnb := -b.sqrtH(b.cs[k%(2*b.n)]) // ln(B(tau)/xmax)
	bv := b.xmax * math.Exp(lnb)
	lnbx := lnb + math.Log(b.xmax) // ln(B/K), K = 1
	sqT := math.Sqrt(tau)
	var in, id, jn, jd float64
	l := len(rule.w)
	p := b.pre[k*l : (k+1)*l]
	for i := range p {
		c := &p[i]
		// ln(B(tau)/B(u)) = lnb + sqrtH(z_u), H(z_u) from the stored
		// Chebyshev polynomials at z_u (no serial recurrence).
		lz := lnb + b.sqrtHAt(b.tj[(k*l+i)*(b.n+1):(k*l+i+1)*(b.n+1)])
		dp := lz*c.invv + c.drift
		dm := dp - c.v
		in += c.wr * normCDF(dm)
		id += c.wq * normCDF(dp)
		if b.deriv {
			jn += c.pr * normPDF(dm)
			jd += c.pq * normPDF(dp)
		}
	}
	v := sig * sqT
	dp := (lnbx+(r-q)*tau)/v + 0.5*v
	dm := dp - v
	N := normCDF(dm) + r*in
	D := normCDF(dp) + q*id
	nd := normPDF(dm) / (bv * v)
	dd := normPDF(dp) / (bv * v)
	if b.deriv {
		N = normPDF(dm)/v + r*jn
		D = normPDF(dp)/v + normCDF(dp) + q*(id+jd)
		nd = -normPDF(dm) * dm / (bv * v * v)
		dd = -normPDF(dp)*dp/(bv*v*v) + normPDF(dp)/(bv*v)
	}
	alpha := math.Exp(-(r - q) * tau)
	f := alpha * N / D
	if newton {
		fd := alpha * (nd/D - dd*N/(D*D))
		if g := bv - (f-bv)/(fd-1); g > 0 && g <= b.xmax && !math.IsNaN(g) {
			return g
		}
	}
	return f
}

// value returns the option value at the caller's spot.
func (b *aloBoundary) value() float64 { return b.valueAt(b.S) }

// valueAt returns the option value at spot S (the caller's units): the
// European value plus the early-exercise premium
//
//	int_0^T [r e^{-r t} Phi(-d-(t, s/B(T-t))) - q s e^{-q t} Phi(-d+(t, s/B(T-t)))] dt
//
// for the put with strike 1 and spot s, with t = T sin^2(theta) so that
// both sqrt(t) and sqrt(T - t) are smooth in theta.
func (b *aloBoundary) valueAt(S float64) float64 {
	var s, scale float64
	if b.call {
		// C(S, X, r, q) = P(X, S, q, r) = S P(X/S, 1, q, r).
		s, scale = b.X/S, S
	} else {
		s, scale = S/b.X, b.X
	}
	r, q, sig, T := b.r, b.q, b.sig, b.T
	eu, _ := BlackScholes(Put, Inputs{S: s, X: 1, T: T, Sigma: sig, R: r, Q: q})
	rule := thetaRule(b.scheme.PriceOrder)
	lns := math.Log(s / b.xmax)
	s2 := 0.5 * sig * sig
	sqT := math.Sqrt(T)
	var prem float64
	for i, w := range rule.w {
		st, ct := rule.sin[i], rule.cos[i]
		t := T * st * st
		// ln(s/B(T-t)) = ln(s/xmax) + sqrtH(z), z = 2 cos(theta) - 1
		lz := lns + b.sqrtH(2*ct-1)
		v := sig * sqT * st
		dp := (lz + (r-q+s2)*t) / v
		dm := dp - v
		f := r*math.Exp(-r*t)*normCDF(-dm) - q*s*math.Exp(-q*t)*normCDF(-dp)
		prem += w * 2 * T * st * ct * f
	}
	return scale * math.Max(eu+math.Max(prem, 0), math.Max(1-s, 0))
}
