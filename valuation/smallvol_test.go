package valuation

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"testing"
)

// The small-sigma corner of the plain American call and put: sigma
// 1e-4-0.02, S/X 0.5-2, t 0.1-10, r -0.02-0.1, q 0-0.15. Its references,
// independent of the engine's code:
//   - refBounds: the perpetual option (the test's own closed form,
//     perpetual) bounds the value from above; exercising at the first
//     passage of its trigger before t bounds it from below, short of it by
//     at most (X - B_inf) e^{-rt} P(t < tau < inf), whose first-passage
//     probability the test integrates from the inverse Gaussian density
//     (not the engine's closed form); the European value (BSM) plus the
//     largest early-exercise premium (the premium's integrand, at most
//     X (r + max(0, -q)), is 0 until S first reaches the boundary's
//     expiry limit X min(1, r/q)) bounds it from above too.
//   - testdata/smallvol_reference.csv: where those bounds do not meet,
//     pdePut (Crank-Nicolson in ln S with the exact exercise constraint)
//     at two grids, Richardson-extrapolated, with its error estimate (the
//     rows with |drift| sqrt(t)/sigma <= 10, where the grid resolves the
//     boundary layer).
// A call is the put with S and X and r and q swapped.

// smallVolGrid is the corner's grid (calls and puts with early exercise
// and one boundary).
func smallVolGrid() []struct {
	typ OptionType
	in  Inputs
} {
	var out []struct {
		typ OptionType
		in  Inputs
	}
	for _, typ := range []OptionType{Put, Call} {
		for _, sg := range []float64{1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.02} {
			for _, sx := range []float64{0.5, 0.8, 0.9, 1, 1.1, 1.25, 2} {
				for _, T := range []float64{0.1, 0.5, 1, 3, 10} {
					for _, r := range []float64{-0.02, 0, 0.02, 0.05, 0.1} {
						for _, q := range []float64{0, 0.02, 0.05, 0.1, 0.15} {
							in := Inputs{S: 100 * sx, X: 100, T: T, Sigma: sg, R: r, Q: q}
							if earlyNeverOptimal(typ, in) {
								continue
							}
							if s, _ := aloDefined(typ, r, q); !s {
								continue
							}
							out = append(out, struct {
								typ OptionType
								in  Inputs
							}{typ, in})
						}
					}
				}
			}
		}
	}
	return out
}

// asPut returns the put equivalent of typ with inputs in: S, X, r, q.
func asPut(typ OptionType, in Inputs) (s, x, r, q float64) {
	if typ == Call {
		return in.X, in.S, in.Q, in.R
	}
	return in.S, in.X, in.R, in.Q
}

// firstPassage is P(tau <= t) for Brownian motion with drift nu and
// volatility sig started d > 0 above a barrier, by integrating the
// inverse Gaussian density d/(sig sqrt(2 pi u^3)) e^{-(d + nu u)^2/(2 sig^2 u)}
// with 16-point Gauss-Legendre on 300 panels in sqrt(u) (the density is
// 0 to all orders at u = 0) over each piece between 0, 50 times its
// mode without drift d^2/(3 sig^2) (next to the trigger it rises within
// 1e-8 of t), its peak at u = d/|nu| +- 40 widths sig sqrt(u)/|nu| (at
// sigma 1e-4 a few 1e-3 of t wide) and t.
func firstPassage(d, nu, sig, t float64) float64 {
	if d <= 0 {
		return 1
	}
	x, w := gaussLegendre(16)
	dens := func(u float64) float64 {
		return d / (sig * math.Sqrt(2*math.Pi*u*u*u)) * math.Exp(-(d+nu*u)*(d+nu*u)/(2*sig*sig*u))
	}
	// in u from a to b (panels in sqrt(u) when root).
	part := func(a, b float64, root bool) float64 {
		const panels = 300
		sum := 0.0
		if root {
			a, b = math.Sqrt(a), math.Sqrt(b)
		}
		h := (b - a) / panels
		for p := 0; p < panels; p++ {
			for i := range x {
				v := a + h*(float64(p)+(x[i]+1)/2)
				if root {
					sum += w[i] / 2 * h * dens(v*v) * 2 * v
				} else {
					sum += w[i] / 2 * h * dens(v)
				}
			}
		}
		return sum
	}
	// Breakpoints: the density's rise near 0 (its mode without drift,
	// d^2/(3 sig^2), times 50) and its peak, each piece in sqrt(u).
	cuts := []float64{0, t, math.Min(t, 50*d*d/(3*sig*sig))}
	if nu != 0 {
		peak := d / math.Abs(nu)
		width := sig * math.Sqrt(peak) / math.Abs(nu)
		cuts = append(cuts, math.Max(0, math.Min(t, peak-40*width)), math.Min(t, peak+40*width))
	}
	sort.Float64s(cuts)
	sum := 0.0
	for i := 1; i < len(cuts); i++ {
		if cuts[i] > cuts[i-1] {
			sum += part(cuts[i-1], cuts[i], true)
		}
	}
	return math.Min(sum, 1)
}

// refPerpetualPut is the perpetual put (McKean 1965; Merton 1973) with
// its trigger and exponent: beta is the negative root of
// a b^2 + nu b - r = 0 (a = sigma^2/2, nu = r - q - a), taken as
// -r/(a b+) from the positive root b+ where nu < 0 (the product of the
// roots is -r/a), which has no cancellation (perpetual, the older test's
// closed form, loses digits there below sigma 1e-4).
func refPerpetualPut(s, x, sig, r, q float64) (v, trigger, beta float64) {
	a := sig * sig / 2
	nu := r - q - a
	bp := (math.Abs(nu) + math.Sqrt(nu*nu+4*a*r)) / (2 * a) // the larger |root|
	beta = -bp
	if nu < 0 {
		beta = -r / (a * bp)
	}
	trigger = x * beta / (beta - 1)
	if s <= trigger {
		return x - s, trigger, beta
	}
	return x / (1 - beta) * math.Pow(s*(beta-1)/(x*beta), beta), trigger, beta
}

// refBounds are the test's bounds of the American put (r > 0, or
// r = 0 > q), ok false where they do not apply.
func refBounds(s, x, t, sig, r, q float64) (lo, hi float64, ok bool) {
	if !(r > 0 || r == 0 && q < 0) {
		return 0, 0, false
	}
	nu := r - q - sig*sig/2
	vinf, binf, beta := refPerpetualPut(s, x, sig, r, q)
	if s <= binf {
		return x - s, x - s, true
	}
	euro, _ := BlackScholes(Put, Inputs{S: s, X: x, T: t, Sigma: sig, R: r, Q: q})
	d := math.Log(s * (beta - 1) / (x * beta))
	reach := 1.0 // P(tau < inf)
	if nu > 0 {
		reach = math.Exp(-2 * nu * d / (sig * sig))
	}
	later := math.Max(reach-firstPassage(d, nu, sig, t), 0)
	lo = math.Max(math.Max(euro, math.Max(x-s, 0)), vinf-(x-binf)*math.Exp(-r*t)*later)
	hi = vinf
	lim := x
	if q > r {
		lim = x * r / q
	}
	if s > lim {
		span := t
		if r > 0 {
			span = (1 - math.Exp(-r*t)) / r
		}
		hi = math.Min(hi, euro+x*(r+math.Max(0, -q))*span*firstPassage(math.Log(s/lim), nu, sig, t))
	}
	return lo, math.Max(hi, lo), true
}

// smallVolTolTest is the tolerance of the corner's tests: 1e-6 of the
// value or 1e-8 of X, whichever is larger.
func smallVolTolTest(v, x float64) float64 { return math.Max(1e-6*math.Abs(v), 1e-8*x) }

type smallVolRef struct {
	typ          OptionType
	in           Inputs
	value, error float64
}

func readSmallVolRef(t *testing.T) []smallVolRef {
	t.Helper()
	f, err := os.Open("testdata/smallvol_reference.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []smallVolRef
	for _, row := range rows[1:] {
		var v [9]float64
		for i := 1; i < 9; i++ {
			if v[i], err = strconv.ParseFloat(row[i], 64); err != nil {
				t.Fatal(err)
			}
		}
		typ := Put
		if row[0] == "call" {
			typ = Call
		}
		out = append(out, smallVolRef{typ, Inputs{S: v[1], X: v[2], T: v[3], Sigma: v[4], R: v[5], Q: v[6]}, v[7], v[8]})
	}
	return out
}

// TestGenerateSmallVolReference writes testdata/smallvol_reference.csv
// (set OPTIONSPACE_SMALLVOL_REFERENCE=1; about 20 minutes on one
// loaded core).
func TestGenerateSmallVolReference(t *testing.T) {
	if os.Getenv("OPTIONSPACE_SMALLVOL_REFERENCE") == "" {
		t.Skip("set OPTIONSPACE_SMALLVOL_REFERENCE=1 to regenerate testdata/smallvol_reference.csv")
	}
	f, err := os.Create("testdata/smallvol_reference.csv.tmp")
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.Write([]string{"type", "S", "X", "t", "sigma", "r", "q", "value", "error"})
	g := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	for _, c := range smallVolGrid() {
		s, x, r, q := asPut(c.typ, c.in)
		lo, hi, ok := refBounds(s, x, c.in.T, c.in.Sigma, r, q)
		if ok && hi-lo <= smallVolTolTest(hi, x)/10 {
			continue
		}
		lam := math.Abs(r-q-c.in.Sigma*c.in.Sigma/2) * math.Sqrt(c.in.T) / c.in.Sigma
		if lam > 10 {
			continue
		}
		L := 9 + lam
		nz := 2 * int(math.Ceil(L/(0.018/math.Max(1, lam))))
		nt := 1000
		v1 := pdePut(s, x, c.in.T, c.in.Sigma, r, q, nz, nt)
		v2 := pdePut(s, x, c.in.T, c.in.Sigma, r, q, 2*nz, 2*nt)
		ref := v2 + (v2-v1)/3
		est := math.Abs(v2-v1) / 3
		w.Write([]string{c.typ.String(), g(c.in.S), g(c.in.X), g(c.in.T), g(c.in.Sigma), g(c.in.R), g(c.in.Q), g(ref), g(est)})
		w.Flush()
		t.Logf("%v %+v: %.10g (est %.2g, nz %d)", c.typ, c.in, ref, est, 2*nz)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename("testdata/smallvol_reference.csv.tmp", "testdata/smallvol_reference.csv"); err != nil {
		t.Fatal(err)
	}
	fmt.Println("written")
}

// smallVolRefFor returns the reference of the corner's case: the bounds'
// midpoint where they meet within a tenth of the tolerance, else the
// PDE's row; ok false where neither is sharp (lo and hi still bound it).
func smallVolRefFor(typ OptionType, in Inputs, pde map[[7]float64]smallVolRef) (ref, lo, hi float64, kind string, ok bool) {
	s, x, r, q := asPut(typ, in)
	lo, hi, ok = refBounds(s, x, in.T, in.Sigma, r, q)
	if !ok {
		lo, hi = 0, math.Inf(1)
	}
	if ok && hi-lo <= smallVolTolTest(hi, in.X)/10 {
		return (lo + hi) / 2, lo, hi, "bounds", true
	}
	if p, found := pde[smallVolKey(typ, in)]; found && p.error <= smallVolTolTest(p.value, in.X)/4 {
		return p.value, lo, hi, "pde", true
	}
	return 0, lo, hi, "", false
}

func smallVolKey(typ OptionType, in Inputs) [7]float64 {
	return [7]float64{float64(typ), in.S, in.X, in.T, in.Sigma, in.R, in.Q}
}

// TestSmallVolEngine: RealOption's defer (call) and abandon (put) values
// and ValueOnly over the small-sigma corner against the references,
// within 1e-6 of the value or 1e-8 of X; where no reference is sharp
// (PDE rows with a drift too strong for its grid, the bounds apart) the
// value lies within the bounds. Logs the Leisen-Reimer lattice's and
// ALOStandard's largest errors, for comparison.
func TestSmallVolEngine(t *testing.T) {
	pde := map[[7]float64]smallVolRef{}
	for _, p := range readSmallVolRef(t) {
		pde[smallVolKey(p.typ, p.in)] = p
	}
	var n, sharp, byPDE int
	worst, worstLR, worstALO := 0.0, 0.0, 0.0
	lrBad, aloBad := 0, 0
	for _, c := range smallVolGrid() {
		n++
		kind := Abandon
		if c.typ == Call {
			kind = Defer
		}
		o := RealOption{Kind: kind, Inputs: c.in}
		res, err := o.Value()
		if err != nil {
			t.Fatalf("%v %+v: %v", c.typ, c.in, err)
		}
		vo, _, err := o.ValueOnly()
		if err != nil || vo != res.Value {
			t.Errorf("%v %+v: ValueOnly %v (%v), Value %v", c.typ, c.in, vo, err, res.Value)
		}
		ref, lo, hi, how, ok := smallVolRefFor(c.typ, c.in, pde)
		tol := smallVolTolTest(ref, c.in.X)
		if !ok {
			tol = smallVolTolTest(hi, c.in.X)
			if res.Value < lo-tol || res.Value > hi+tol {
				t.Errorf("%v %+v: %.10g outside the bounds [%.10g, %.10g]", c.typ, c.in, res.Value, lo, hi)
			}
			continue
		}
		sharp++
		if how == "pde" {
			byPDE++
		}
		e := math.Abs(res.Value-ref) / tol
		worst = math.Max(worst, e)
		if e > 1 {
			t.Errorf("%v %+v: %.10g (%s), %s reference %.10g: %.3g times the tolerance", c.typ, c.in, res.Value, res.Method, how, ref, e)
		}
		if lr, err := LeisenReimerValue(c.typ, American, c.in, DefaultSteps); err == nil {
			e := math.Abs(lr-ref) / tol
			worstLR = math.Max(worstLR, e)
			if e > 1 {
				lrBad++
			}
		}
		if a, err := ALOValue(c.typ, c.in, ALOStandard); err == nil {
			e := math.Abs(a-ref) / tol
			worstALO = math.Max(worstALO, e)
			if e > 1 {
				aloBad++
			}
		}
	}
	t.Logf("%d cases, %d with a sharp reference (%d by the PDE): engine within %.3g of the tolerance; LR %d steps off in %d (up to %.3g times), ALOStandard (clamped to the bounds) in %d (up to %.3g times)",
		n, sharp, byPDE, worst, DefaultSteps, lrBad, worstLR, aloBad, worstALO)
}

// TestSmallVolBracketAgainstTest: the engine's bounds (smallVolBracket,
// closed-form first-passage probabilities) against the test's (refBounds,
// the passage density integrated) over the corner, within 1e-9 of X
// plus 1e-9 of the bound; and the put that kept the boundary method
// above minBoundaryCumVol (S 90, X 100, t 4, sigma 0.003, r 0.06,
// q -0.02; the boundary method gave 10.0426) is its payoff 10.
func TestSmallVolBracketAgainstTest(t *testing.T) {
	for _, c := range smallVolGrid() {
		s, x, r, q := asPut(c.typ, c.in)
		lo, hi, ok := smallVolBracket(s, x, c.in.T, c.in.Sigma, r, q)
		wlo, whi, wok := refBounds(s, x, c.in.T, c.in.Sigma, r, q)
		if ok != wok {
			t.Fatalf("%v %+v: applies %v, test's %v", c.typ, c.in, ok, wok)
		}
		if !ok {
			continue
		}
		if math.Abs(lo-wlo) > 1e-9*(x+wlo) || math.Abs(hi-whi) > 1e-9*(x+whi) {
			t.Errorf("%v %+v: bounds [%.12g, %.12g], test's [%.12g, %.12g]", c.typ, c.in, lo, hi, wlo, whi)
		}
	}
	o := RealOption{Kind: Abandon, Inputs: Inputs{S: 90, X: 100, T: 4, Sigma: 0.003, R: 0.06, Q: -0.02}}
	r, err := o.Value()
	if err != nil || r.Value != 10 || r.Greeks.Delta != -1 {
		t.Errorf("deep put: %+v (%v), want the payoff 10 with delta -1", r, err)
	}
}

// TestSmallVolGreeks: where the bounds meet at the perpetual option the
// Greeks are the perpetual closed form's (the test's own, perpetual):
// delta and gamma by central differences in S, vega and rho in sigma and
// r, within 1e-4 relative; at the European value they are
// Black-Scholes-Merton's.
func TestSmallVolGreeks(t *testing.T) {
	for _, c := range []struct {
		typ OptionType
		in  Inputs
	}{
		{Put, Inputs{S: 100, X: 100, T: 1, Sigma: 0.001, R: 0.05}},
		{Put, Inputs{S: 100, X: 100, T: 10, Sigma: 0.0003, R: 0.1, Q: 0.15}},
		{Call, Inputs{S: 100, X: 100, T: 3, Sigma: 0.001, R: 0.02, Q: 0.1}},
		{Call, Inputs{S: 100, X: 100, T: 10, Sigma: 0.003, R: 0.05, Q: 0.15}},
	} {
		r, ok := smallVolOption(c.typ, c.in)
		if !ok || r.Method != MethodSmallVolPerpetual {
			t.Fatalf("%v %+v: %+v %v, want the perpetual closed form", c.typ, c.in, r, ok)
		}
		p := func(s, sg, rr float64) float64 {
			in := c.in
			in.S, in.Sigma, in.R = s, sg, rr
			// The test's perpetual put (perpetual, the older test's
			// closed form, loses digits for r < q puts at these sigma).
			ps, px, pr, pq := asPut(c.typ, in)
			v, _, _ := refPerpetualPut(ps, px, sg, pr, pq)
			return v
		}
		// V is a power of S, S^e with |e| <= |beta| + 1: a step of
		// 2% of S/(|beta| + 1) leaves the second difference 4e-5 off.
		ps, px, pr, pq := asPut(c.typ, c.in)
		_, _, beta := refPerpetualPut(ps, px, c.in.Sigma, pr, pq)
		hs := 0.02 * c.in.S / (math.Abs(beta) + 1)
		hv, hr := 1e-5*c.in.Sigma, 1e-7
		v := p(c.in.S, c.in.Sigma, c.in.R)
		want := Greeks{
			Delta: (p(c.in.S+hs, c.in.Sigma, c.in.R) - p(c.in.S-hs, c.in.Sigma, c.in.R)) / (2 * hs),
			Gamma: (p(c.in.S+hs, c.in.Sigma, c.in.R) - 2*v + p(c.in.S-hs, c.in.Sigma, c.in.R)) / (hs * hs),
			Vega:  (p(c.in.S, c.in.Sigma+hv, c.in.R) - p(c.in.S, c.in.Sigma-hv, c.in.R)) / (2 * hv),
			Rho:   (p(c.in.S, c.in.Sigma, c.in.R+hr) - p(c.in.S, c.in.Sigma, c.in.R-hr)) / (2 * hr),
		}
		for _, g := range []struct {
			name      string
			got, want float64
		}{{"value", r.Value, v}, {"delta", r.Greeks.Delta, want.Delta}, {"gamma", r.Greeks.Gamma, want.Gamma}, {"vega", r.Greeks.Vega, want.Vega}, {"rho", r.Greeks.Rho, want.Rho}} {
			if math.Abs(g.got-g.want) > 1e-4*math.Abs(g.want)+1e-12 {
				t.Errorf("%v %+v: %s %.8g, perpetual %.8g", c.typ, c.in, g.name, g.got, g.want)
			}
		}
	}
	in := Inputs{S: 200, X: 100, T: 1, Sigma: 0.005, R: 0.05}
	r, ok := smallVolOption(Put, in)
	want, _ := BlackScholesGreeks(Put, in)
	if !ok || r.Method != MethodSmallVolEuropean || r.Greeks != want.Greeks {
		t.Errorf("put S 200: %+v %v, want Black-Scholes-Merton's %+v", r, ok, want)
	}
}

// TestSigmaToZeroEveryKind: every kind's value at sigma 1e-9-1e-4 against
// its value at sigma = 0 (the deterministic limits with the exact best
// exercise date, TestDeterministic*), within 1e-6 of the value or 1e-8
// of X plus 0.4 S sigma sqrt(t) (the most a volatility of sigma can add
// at a kink: the at-the-money vega times sigma). At sigma 1e-7 the
// perpetual closed form's exponent lost its digits to cancellation
// (14.8119 for the limit's 14.8148: perpetualPutBeta), and the staged
// option at sigma 1e-4 took the compound lattice (34.140 for 34.191 at
// S 200, t 10, r -0.02, q 0.05; see stagedALO).
func TestSigmaToZeroEveryKind(t *testing.T) {
	for _, k := range []Kind{Defer, Expand, Contract, Abandon, Staged, Choose} {
		for _, sx := range []float64{0.5, 0.9, 1, 1.1, 2} {
			for _, T := range []float64{0.5, 3, 10} {
				for _, r := range []float64{-0.02, 0, 0.05, 0.1} {
					for _, q := range []float64{0, 0.05, 0.15} {
						o := RealOption{Kind: k, Inputs: Inputs{S: 100 * sx, X: 100, T: T, R: r, Q: q}, ExpandFactor: 1.3, ContractFactor: 0.6, Salvage: 70}
						if k == Staged {
							o.StageCost, o.StageT = 10, T/2
							if sx == 1 {
								o.StageT = T // stage deadline = final deadline
							}
						}
						r0, err := o.Value()
						if err != nil {
							t.Fatalf("%v %+v: %v", k, o.Inputs, err)
						}
						for _, sg := range []float64{1e-9, 1e-7, 1e-5, 1e-4} {
							o.Sigma = sg
							r1, err := o.Value()
							if err != nil {
								t.Fatalf("%v %+v: %v", k, o.Inputs, err)
							}
							tol := smallVolTolTest(r0.Value, 100) + 0.4*o.S*sg*math.Sqrt(T)
							if k == Expand {
								tol += 0.4 * 0.3 * o.S * sg * math.Sqrt(T)
							}
							if math.Abs(r1.Value-r0.Value) > tol {
								t.Errorf("%v %+v: %.10g (%s), sigma 0: %.10g (%s)", k, o.Inputs, r1.Value, r1.Method, r0.Value, r0.Method)
							}
						}
					}
				}
			}
		}
	}
}

// TestStagedSmallSigma: the staged option (stage cost 10 at t/2, the
// second stage American) at sigma 1e-4-0.02 against the expectation at
// the stage date by brute force, e^{-r t1} E[max(C_A(S_t1) - K1, 0)] on a
// 4000-point midpoint rule over z in [-9, 9], with C_A the defer option's
// ValueOnly (TestSmallVolEngine checks it against the references),
// within 1e-6 of the value or 1e-8 of X.
func TestStagedSmallSigma(t *testing.T) {
	for _, sx := range []float64{0.5, 1, 1.1, 2} {
		for _, T := range []float64{0.5, 10} {
			for _, r := range []float64{-0.02, 0.05, 0.1} {
				for _, q := range []float64{0.05, 0.15} {
					for _, sg := range []float64{1e-4, 1e-3, 0.02} {
						in := Inputs{S: 100 * sx, X: 100, T: T, Sigma: sg, R: r, Q: q}
						k1, t1 := 10.0, T/2
						res, err := RealOption{Kind: Staged, Inputs: in, StageCost: k1, StageT: t1}.Value()
						if err != nil {
							t.Fatal(err)
						}
						s := sg * math.Sqrt(t1)
						mu := (r - q - sg*sg/2) * t1
						sum := 0.0
						const n = 4000
						for i := 0; i < n; i++ {
							z := -9 + 18*(float64(i)+0.5)/n
							inner := RealOption{Kind: Defer, Inputs: Inputs{S: in.S * math.Exp(mu+s*z), X: 100, T: T - t1, Sigma: sg, R: r, Q: q}}
							v, _, err := inner.ValueOnly()
							if err != nil {
								t.Fatal(err)
							}
							sum += math.Max(v-k1, 0) * math.Exp(-z*z/2) / math.Sqrt(2*math.Pi) * 18 / n
						}
						ref := math.Exp(-r*t1) * sum
						if e := math.Abs(res.Value - ref); e > smallVolTolTest(ref, in.X) {
							t.Errorf("%+v: %.10g (%s), brute force %.10g", in, res.Value, res.Method, ref)
						}
					}
				}
			}
		}
	}
}

// TestSmallVolTrigger: the put's trigger (PutTrigger; a call's by the
// symmetry, X^2/S* for S = X) over every 13th case of the corner at
// S = X lies in the test's bracket: at least the perpetual trigger B_inf
// (the boundary falls to it with time) and at most the S at which the
// test's lower bound first exceeds the payoff (there waiting pays), within
// 1e-7 of X. Measured over all 785 such cases: at most 2e-8 of X below
// B_inf (at sigma 1e-4-0.02), none above.
func TestSmallVolTrigger(t *testing.T) {
	i := 0
	for _, c := range smallVolGrid() {
		if c.in.S != c.in.X {
			continue
		}
		if i++; i%13 != 0 {
			continue
		}
		_, x, r, q := asPut(c.typ, c.in)
		if !(r > 0) {
			continue
		}
		_, binf, _ := refPerpetualPut(x, x, c.in.Sigma, r, q)
		lim := x
		if q > r {
			lim = x * r / q
		}
		waits := func(s float64) bool {
			lo, _, _ := refBounds(s, x, c.in.T, c.in.Sigma, r, q)
			return lo-(x-s) > 1e-9*x // above the integration's error
		}
		if !waits(lim) {
			continue
		}
		l, h := binf, lim
		for k := 0; k < 60; k++ {
			if m := (l + h) / 2; waits(m) {
				h = m
			} else {
				l = m
			}
		}
		var tr float64
		var err error
		if c.typ == Call {
			tr, err = Trigger(c.in)
			tr = x * x / tr
		} else {
			tr, err = PutTrigger(c.in)
		}
		if err != nil {
			t.Fatalf("%v %+v: %v", c.typ, c.in, err)
		}
		if tr < binf-1e-7*x || tr > h+1e-7*x {
			t.Errorf("%v %+v: trigger (as the put's) %.10g outside [%.10g, %.10g]", c.typ, c.in, tr, binf, h)
		}
	}
}

// TestEdgesEveryKind: every kind is continuous into its exact limits at
// t = 0 (t 1e-10, the stage at t/2; within 1e-6 of X plus the most
// 1e-5 of volatility can add, 1.3 S sigma sqrt(1e-10)), S = 0 and X = 0
// (1e-9; within 1e-6), with r < 0 and q > r among the rates; at
// MaxSigma (t 10) every value is finite, at least 0 and below the most
// any kind pays (1.3 S + X + salvage), and no kind but choose loses value
// from sigma 0.999 MaxSigma to MaxSigma. The staged option at X = 0
// took Geske plus the lattice's premium: 59.808 for the 59.986 of
// X = 1e-9 (S 80, X 120 -> 0, t 2, sigma 1, r 0.1, q 0.15).
func TestEdgesEveryKind(t *testing.T) {
	val := func(o RealOption) float64 {
		t.Helper()
		r, err := o.Value()
		if err != nil || math.IsNaN(r.Value) || math.IsInf(r.Value, 0) {
			t.Fatalf("%v %+v: %+v, %v", o.Kind, o.Inputs, r, err)
		}
		return r.Value
	}
	for _, k := range []Kind{Defer, Expand, Contract, Abandon, Staged, Choose} {
		for _, c := range []struct{ s, x, r, q, sg float64 }{{100, 100, 0.05, 0.02, 0.3}, {100, 100, -0.02, 0.1, 0.3}, {80, 120, 0.1, 0.15, 1}, {120, 80, 0.03, 0.2, 0.05}} {
			base := RealOption{Kind: k, Inputs: Inputs{S: c.s, X: c.x, T: 2, Sigma: c.sg, R: c.r, Q: c.q}, ExpandFactor: 1.3, ContractFactor: 0.6, Salvage: 70, StageCost: 10, StageT: 1}
			check := func(name string, a, b RealOption, tol float64) {
				t.Helper()
				if va, vb := val(a), val(b); math.Abs(va-vb) > tol {
					t.Errorf("%s %v %+v: %.10g, limit %.10g", name, k, a.Inputs, va, vb)
				}
			}
			a, b := base, base
			a.T, b.T = 1e-10, 0
			a.StageT, b.StageT = 0.5e-10, 0
			check("t -> 0", a, b, 1e-6*100+1.3*c.s*c.sg*1e-5)
			a, b = base, base
			a.S, b.S = 1e-9, 0
			check("S -> 0", a, b, 1e-6)
			a, b = base, base
			a.X, b.X = 1e-9, 0
			check("X -> 0", a, b, 1e-6)
			a = base
			a.Sigma, a.T, a.StageT = MaxSigma, 10, 5
			v := val(a)
			if v < 0 || v > 1.3*c.s+c.x+70 {
				t.Errorf("%v %+v: %v outside [0, %v]", k, a.Inputs, v, 1.3*c.s+c.x+70)
			}
			b = a
			b.Sigma = 0.999 * MaxSigma
			if vb := val(b); k != Choose && vb > v+1e-9*(v+1) {
				t.Errorf("%v %+v: %v, above the %v at MaxSigma", k, b.Inputs, vb, v)
			}
		}
	}
}
