package valuation

import (
	"fmt"
	"math"
)

// ChooseSteps is the step count of the choose lattice (the extrapolation
// also runs ChooseSteps/2 steps); it is lowered when sigma*sqrt(t) and the
// drift would push the lattice's outer nodes beyond floating-point range.
const ChooseSteps = 1000

// piece is one exercise value of a choose option, linear in S: a*S + b.
type piece struct{ a, b float64 }

// choosePieces returns the exercise values of a choose option: expand
// (e*S - X), contract (c*X - c*S), abandon (Salvage - S) and keeping the
// option unexercised at expiry (0).
func (o RealOption) choosePieces() [4]piece {
	e, c := o.ExpandFactor, o.ContractFactor
	return [4]piece{{-1, o.Salvage}, {-c, c * o.X}, {0, 0}, {e, -o.X}}
}

// envelope is the payoff max_k (a_k S + b_k) over S >= 0, a convex
// piecewise-linear function, written as a0*S + b0 + sum_i da[i] (S - K[i])^+
// with 0 < K[0] < K[1] < ... (at most 3 kinks).
type envelope struct {
	a0, b0 float64
	n      int
	k, da  [3]float64
}

// newEnvelope builds the upper envelope of the pieces over S >= 0.
func newEnvelope(ps [4]piece) envelope {
	// The line on top at S = 0 (ties: the steeper one, which stays on top).
	cur := 0
	for i, p := range ps {
		if p.b > ps[cur].b || (p.b == ps[cur].b && p.a > ps[cur].a) {
			cur = i
		}
	}
	env := envelope{a0: ps[cur].a, b0: ps[cur].b}
	s := 0.0
	for env.n < 3 {
		next, at := -1, math.Inf(1)
		for i, p := range ps {
			if p.a <= ps[cur].a {
				continue
			}
			x := (ps[cur].b - p.b) / (p.a - ps[cur].a)
			if x < s {
				x = s
			}
			if x < at || (x == at && p.a > ps[next].a) {
				next, at = i, x
			}
		}
		if next < 0 || math.IsInf(at, 1) {
			break
		}
		if at > 0 {
			env.k[env.n], env.da[env.n] = at, ps[next].a-ps[cur].a
			env.n++
		} else {
			// Steeper line equal at S = 0: it is on top from 0.
			env.a0, env.b0 = ps[next].a, ps[next].b
		}
		cur, s = next, at
	}
	return env
}

// at returns the payoff at s.
func (env *envelope) at(s float64) float64 {
	v := env.a0*s + env.b0
	for i := 0; i < env.n; i++ {
		v += env.da[i] * math.Max(s-env.k[i], 0)
	}
	return v
}

// european returns the Black-Scholes-Merton value of receiving the payoff
// after dt: a0 S e^{-q dt} + b0 e^{-r dt} + sum_i da[i] C(S, K[i], dt).
func (env *envelope) european(s, dt, sigma, r, q float64) float64 {
	return env.europeanAt(s, dt, r, q, newStepDisc(dt, sigma, r, q))
}

// stepDisc is what envelope.european computes from dt alone: e^{-q dt},
// e^{-r dt} and sigma sqrt(dt).
type stepDisc struct{ dq, dr, sd float64 }

// newStepDisc returns the stepDisc of dt.
func newStepDisc(dt, sigma, r, q float64) stepDisc {
	return stepDisc{math.Exp(-q * dt), math.Exp(-r * dt), sigma * math.Sqrt(dt)}
}

// europeanAt is envelope.european with dt's stepDisc worked out once (the
// same operations on the same values).
func (env *envelope) europeanAt(s, dt, r, q float64, c stepDisc) float64 {
	dq, dr, sd := c.dq, c.dr, c.sd
	v := env.a0*s*dq + env.b0*dr
	if !(s > 0) {
		return v
	}
	for i := 0; i < env.n; i++ {
		k := env.k[i]
		d1 := (math.Log(s/k)+(r-q)*dt)/sd + 0.5*sd
		v += env.da[i] * (s*dq*normCDF(d1) - k*dr*normCDF(d1-sd))
	}
	return v
}

// chooseDeterministic is the exact value when S moves deterministically
// (sigma = 0, S = 0 or T = 0): exercising piece k at tau pays
// h(tau) = a S e^{-q tau} + b e^{-r tau}, whose maximum over [0, T] is at 0,
// T or where h'(tau) = 0, e^{(r-q) tau} = -r b / (q a S). The option takes
// the best piece at its best date (0 when none pays).
func (o RealOption) chooseDeterministic() Result {
	in := o.Inputs
	best, bestTau, bestA := 0.0, 0.0, 0.0
	for _, p := range o.choosePieces() {
		h := func(tau float64) float64 { return p.a*in.S*math.Exp(-in.Q*tau) + p.b*math.Exp(-in.R*tau) }
		taus := [3]float64{0, in.T, -1}
		if in.R != in.Q && in.Q != 0 && p.a != 0 && in.S > 0 {
			if ratio := -in.R * p.b / (in.Q * p.a * in.S); ratio > 0 {
				taus[2] = math.Log(ratio) / (in.R - in.Q)
			}
		}
		for _, tau := range taus {
			if tau >= 0 && tau <= in.T {
				if v := h(tau); v > best {
					best, bestTau, bestA = v, tau, p.a
				}
			}
		}
	}
	g := Greeks{Delta: bestA * math.Exp(-in.Q*bestTau)}
	method := "deterministic limit (sigma*sqrt(t) = 0), best exercise date in closed form"
	if in.T == 0 {
		method = "intrinsic value (t = 0)"
	}
	return Result{Value: best, Greeks: g, Method: method}
}

// chooseSteps returns the (even) step count of the choose lattice: at most
// ChooseSteps, and few enough that the outer nodes S e^{±(|mu| T +
// sigma sqrt(T n))} stay within maxSpread in log units.
func chooseSteps(in Inputs) int {
	mu := math.Abs(in.R - in.Q - 0.5*in.Sigma*in.Sigma)
	v := in.Sigma * math.Sqrt(in.T)
	n := ChooseSteps
	if room := maxSpread - mu*in.T; room < v*math.Sqrt(float64(n)) {
		n = int(room * room / (v * v))
	}
	n &^= 1
	return max(n, 4)
}

// chooseLattice rolls the choose option back on a binomial tree of n steps
// centred on the drift, ln u = (r - q - sigma^2/2) dt + sigma sqrt(dt),
// ln d = ... - sigma sqrt(dt), p = (e^{(r-q)dt} - d)/(u - d), which is in
// (0, 1) for every sigma > 0 (unlike CRR's), and whose node prices do not
// depend on any strike. The last step is smoothed: the continuation value
// one step before expiry is the exact Black-Scholes-Merton value of the
// payoff (Broadie and Detemple's binomial Black-Scholes), so the kinks of
// the payoff need not fall on nodes. It returns the root and, when greeks,
// the first nodes.
func (o RealOption) chooseLattice(env *envelope, n int, greeks bool) nodes {
	return o.chooseLatticeBand(env, n, greeks, chooseBand, true)
}

// chooseLatticeBand is chooseLattice rolling back the band of
// chooseRollBand (the whole tree when band <= 0).
func (o RealOption) chooseLatticeBand(env *envelope, n int, greeks bool, band float64, prune bool) nodes {
	var nd nodes
	o.chooseRollBand(env, n, 0, o.S, &nd, greeks, nil, band, prune)
	return nd
}

// chooseBand is the half-width of the band of nodes the choose lattice
// rolls back (chooseRollBand), in standard deviations of ln S over the
// lattice's n steps: the band holds the nodes within chooseBand standard
// deviations of where the row the roll-back ends on can reach, below under
// the risk-neutral measure and above under the share measure (the one
// that weights a node by its S). A path from the end row leaves the band
// with a probability of about 4 Phi(-8) = 2.5e-15 (reflection principle),
// and what a node beyond it is worth enters the end row's values only
// through such paths; see chooseRollBand.
const chooseBand = 8

// chooseRoll is chooseLattice's roll-back started k steps early: a tree
// of n+k steps of the same dt = T/n from s0, rolled back to step k, whose
// k+1 nodes s0 u^j d^{k-j} (time to expiry T) each hold the value an
// n-step chooseLattice from that spot gives (the same node prices up to
// the rounding of their products, the same arithmetic otherwise). With
// k = 0 it is chooseLattice: nd gets the root and, when greeks, the first
// nodes. With dst != nil the values at step k are copied to dst[0..k],
// from the lowest node up. It rolls back the band of chooseBand
// (chooseRollBand).
func (o RealOption) chooseRoll(env *envelope, n, k int, s0 float64, nd *nodes, greeks bool, dst []float64) {
	o.chooseRollBand(env, n, k, s0, nd, greeks, dst, chooseBand, true)
}

// chooseRollBand is chooseRoll over the nodes of a band only, band
// standard deviations of ln S over n steps wide on each side (the whole
// tree when band <= 0). At step i it rolls back the nodes j in
// [p (i-k) - w, k + p* (i-k) + w], w = band sqrt(n)/2, p the tree's up
// probability and p* = p u e^{-(r-q) dt} the share measure's (the row k
// is inside, whole). A node just outside the band that a band node needs
// is given chooseEdge's value: at the smoothed step (one before expiry)
// the exact one; earlier max(the exercise values, e^{-r tau} payoff(S
// e^{(r-q) tau})), a lower bound of the node's lattice value (Jensen's
// inequality: the lattice's expectation of S one step on is S e^{(r-q)
// dt}, and the value is never below an exercise value), so the band's
// values are never above the whole tree's (the roll-back's max and
// weighted sums are monotone) and fall short of them by the probability
// of a path from row k reaching the band's edge times what the edge node
// lacks (TestChooseBandMatchesTree: not one bit on 2,000 random options).
// With prune it also skips the runs of nodes at a row's edges that are
// exercised and stay so (chooseRun), which changes no bit
// (TestChooseStepBitIdentical); nd.updated counts the nodes it computes.
func (o RealOption) chooseRollBand(env *envelope, n, k int, s0 float64, nd *nodes, greeks bool, dst []float64, band float64, prune bool) {
	o.chooseRollFrom(env, n, k, s0, rollOrigin{}, nd, greeks, dst, band, prune)
}

// rollOrigin places the nodes of chooseRollFrom's tree: node (i, j) is
// at s0 u^{j-a} d^{i-j-b} (a = b = 0: the tree from s0). With a + b = k
// node a of row k is at s0, and the nodes of the rows from k on that
// descend from it are priced s0 u^{j'} d^{i'-j'} with the powers of the
// n-step tree from s0 (i' = i-k, j' = j-a), by the same products as
// there: the values of that subtree are those of chooseLattice from s0
// wherever the wider band changes no bit (TestChooseCurveRootIsValue).
type rollOrigin struct{ a, b int }

// chooseRollFrom is chooseRollBand with the nodes placed by org.
func (o RealOption) chooseRollFrom(env *envelope, n, k int, s0 float64, org rollOrigin, nd *nodes, greeks bool, dst []float64, band float64, prune bool) {
	in := o.Inputs
	dt := in.T / float64(n)
	sd := in.Sigma * math.Sqrt(dt)
	mu := (in.R - in.Q - 0.5*in.Sigma*in.Sigma) * dt
	m := n + k
	t := tree{n: m, dt: dt, lnu: mu + sd, lnd: mu - sd}
	u, d := math.Exp(t.lnu), math.Exp(t.lnd)
	t.p = (math.Exp((in.R-in.Q)*dt) - d) / (u - d)
	lb, pu, pd := rollbackBuf(t, in.R)
	defer latticePool.Put(lb)
	upw, dpw, v := lb.upw, lb.dpw, lb.a
	su := lb.b[:m]
	if org.a > 0 {
		shiftPowers(su, upw, org.a, t.lnu)
	} else {
		copy(su, upw)
	}
	for j := range su {
		su[j] *= s0 // node (i, j) is at su[j]*dpw[i-j], as s0*upw[j]*dpw[i-j] (a = b = 0)
	}
	if org.b > 0 {
		// Node (i, j) is at su[j]*dpw[i-j] with dpw[t] = d^{t-b}.
		dpw = lb.c[:m+1]
		shiftPowers(dpw, lb.dpw, org.b, t.lnd)
	}
	// The band's rows: [lo(i), hi(i)] within [0, i].
	pStar := t.p * u * math.Exp(-(in.R-in.Q)*dt)
	w := band * math.Sqrt(float64(n)) / 2
	lo := func(i int) int {
		if band <= 0 {
			return 0
		}
		return max(int(math.Floor(t.p*float64(i-k)-w)), 0)
	}
	hi := func(i int) int {
		if band <= 0 {
			return i
		}
		return min(int(math.Ceil(float64(k)+pStar*float64(i-k)+w)), i)
	}
	ps := o.choosePieces()
	top, bot := newChooseRun(&ps, in, dt, true), newChooseRun(&ps, in, dt, false)
	top.ok, bot.ok = top.ok && prune, bot.ok && prune
	// Row i+1 (after the step that made it): the band [bl, bh], the nodes
	// stored in v [cl, ch], those above ch (to bh) worth top's piece and
	// those below cl worth bot's (pruned); all of [rt, bh] are worth top's
	// piece and all of [bl, rb] bot's (rt = bh+1, rb = bl-1: none known).
	disc := chooseDisc{step: newStepDisc(dt, in.Sigma, in.R, in.Q)}
	bl, bh := lo(m-1), hi(m-1)
	for j := bl; j <= bh; j++ {
		s := su[j] * dpw[m-1-j]
		v[j] = math.Max(env.europeanAt(s, dt, in.R, in.Q, disc.step), env.at(s))
	}
	cl, ch, rt, rb := bl, bh, bh+1, bl-1
	count := bh - bl + 1
	price := func(i, j int) float64 { return su[j] * dpw[i-j] }
	// value is node j of row i+1 (i+1 < m-1 or j outside the band).
	value := func(i1, j int) float64 {
		s := price(i1, j)
		switch {
		case j < bl || j > bh:
			return o.chooseEdge(env, &ps, s, m-i1, dt, &disc)
		case j > ch:
			return top.a*s + top.b
		case j < cl:
			return bot.a*s + bot.b
		}
		return v[j]
	}
	for i := m - 2; i >= k; i-- {
		nl, nh := lo(i), hi(i)
		// Step i computes nodes Q+1..P-1 of its band [nl, nh] from nodes
		// Q+1..P of row i+1; [P, nh] is worth top's piece and [nl, Q]
		// bot's (see chooseRun). The rows the result is read from (k to
		// k+2) are computed whole.
		p, q := nh+1, nl-1
		if i > k+2 && top.ok && rt <= bh {
			// Node j needs nodes j and j+1 of row i+1 in the run; nh+1,
			// beyond the band, is an edge value.
			from := max(rt, nl)
			edgeOK := nh+1 <= bh || value(i+1, nh+1) == top.a*price(i+1, nh+1)+top.b
			if edgeOK && from <= nh && top.holds(price(i, nh)) {
				p = firstHolds(&top, from, nh, func(j int) float64 { return price(i, j) })
			}
		}
		if i > k+2 && bot.ok && rb >= bl {
			to := min(rb-1, nh)
			edgeOK := nl >= bl || value(i+1, nl) == bot.a*price(i+1, nl)+bot.b
			if edgeOK && nl <= to && bot.holds(price(i, nl)) {
				q = lastHolds(&bot, nl, to, func(j int) float64 { return price(i, j) })
			}
		}
		for j := q + 1; j <= p; j++ {
			if j < cl || j > ch {
				v[j] = value(i+1, j)
			}
		}
		if q+1 < p {
			chooseStep(v[q+1:p+1], su[q+1:p], dpw[i-(p-1):i-q], pu, pd, &ps)
		}
		count += p - 1 - q
		// The runs of row i: the pruned nodes and the computed ones next
		// to them that took the same piece (or, with none pruned, those
		// from the band's edge, when the piece's conditions hold there).
		nrt, nrb := nh+1, nl-1
		if top.ok && (p <= nh || top.holds(price(i, nh))) {
			nrt = p
			for j := p - 1; j > q && v[j] == top.a*price(i, j)+top.b; j-- {
				nrt = j
			}
		}
		if bot.ok && (q >= nl || bot.holds(price(i, nl))) {
			nrb = q
			for j := q + 1; j < p && v[j] == bot.a*price(i, j)+bot.b; j++ {
				nrb = j
			}
		}
		bl, bh, cl, ch, rt, rb = nl, nh, q+1, p-1, nrt, nrb
		if k == 0 {
			switch i {
			case 2:
				nd.v20, nd.v21, nd.v22 = v[0], v[1], v[2]
			case 1:
				nd.v10, nd.v11 = v[0], v[1]
			}
		}
	}
	if dst != nil {
		copy(dst[:k+1], v[:k+1])
	}
	if nd != nil {
		nd.updated = count
	}
	if k == 0 {
		nd.v0 = v[0]
		if greeks {
			// The node prices of steps 1 and 2, as the roll-back computes them.
			nd.s10, nd.s11 = s0*dpw[1], s0*upw[1]
			nd.s20, nd.s21, nd.s22 = s0*dpw[2], s0*upw[1]*dpw[1], s0*upw[2]
		}
	}
}

// shiftPowers sets dst[t] = x^{t-off}: pw[t-off] (pw[e] = x^e, as
// powers fills it) for t >= off, exp((t-off) ln x) below.
func shiftPowers(dst, pw []float64, off int, lnx float64) {
	for t := range dst {
		if e := t - off; e >= 0 {
			dst[t] = pw[e]
		} else {
			dst[t] = math.Exp(float64(e) * lnx)
		}
	}
}

// chooseRunMargin is the relative margin by which chooseRun's conditions
// must hold: a million times the rounding of the node prices (powers'
// 16 ulp, twice) and of the continuation's few operations.
const chooseRunMargin = 1e-9

// chooseRun is the exercise value a*S + b that a choose lattice takes at
// one edge of its rows: top, the steepest piece (for large S), or bottom,
// the one largest at S = 0. Where node j of a step has both its next
// step's nodes j and j+1 worth the piece exactly (a s' + b, s' their
// prices), its continuation is a s e^{-q dt} + b e^{-r dt} up to rounding
// (the lattice's p matches the forward: pu u + pd d = e^{-q dt}), and the
// node takes the piece, to the bit, when at its price s
//
//	a s + b - (a s e^{-q dt} + b e^{-r dt}) > margin (|a| s + |b|)
//	a s + b - (a_k s + b_k) > margin (|a| s + |b| + |a_k| s + |b_k|)  for every other piece k,
//
// (chooseStep then takes the piece's value, the largest by more than any
// rounding); each is linear in s, so they hold on an interval of s and
// hold between two prices where they hold at both. chooseRollBand skips
// such nodes (pruning, as the American put's lattice does below its
// boundary) and writes their value when a computed node needs it.
type chooseRun struct {
	a, b float64
	cond [4][2]float64 // alpha, beta: alpha*s + beta > 0
	ok   bool          // whether the conditions can hold at all
}

// newChooseRun returns the top (steepest) or bottom (largest at S = 0)
// piece's chooseRun for steps of dt.
func newChooseRun(ps *[4]piece, in Inputs, dt float64, top bool) chooseRun {
	best := 0
	for i, p := range ps {
		b := ps[best]
		if top && (p.a > b.a || (p.a == b.a && p.b > b.b)) || !top && (p.b > b.b || (p.b == b.b && p.a > b.a)) {
			best = i
		}
	}
	x := ps[best]
	r := chooseRun{a: x.a, b: x.b, ok: true}
	m := chooseRunMargin
	r.cond[0] = [2]float64{-x.a*math.Expm1(-in.Q*dt) - m*math.Abs(x.a), -x.b*math.Expm1(-in.R*dt) - m*math.Abs(x.b)}
	c := 1
	for i, p := range ps {
		if i == best {
			continue
		}
		r.cond[c] = [2]float64{x.a - p.a - m*(math.Abs(x.a)+math.Abs(p.a)), x.b - p.b - m*(math.Abs(x.b)+math.Abs(p.b))}
		c++
	}
	// On s > 0 a condition with alpha <= 0 and beta <= 0 never holds.
	for _, cd := range r.cond {
		if cd[0] <= 0 && cd[1] <= 0 {
			r.ok = false
		}
	}
	return r
}

// holds reports whether every condition holds at price s.
func (r *chooseRun) holds(s float64) bool {
	for _, c := range r.cond {
		if !(c[0]*s+c[1] > 0) {
			return false
		}
	}
	return true
}

// firstHolds returns the first j in [from, to] where r holds at price(j),
// given that it holds at to (the prices rise with j, and r holds on an
// interval of them).
func firstHolds(r *chooseRun, from, to int, price func(int) float64) int {
	if r.holds(price(from)) {
		return from
	}
	for to-from > 1 { // holds at to, not at from
		mid := (from + to) / 2
		if r.holds(price(mid)) {
			to = mid
		} else {
			from = mid
		}
	}
	return to
}

// lastHolds returns the last j in [from, to] where r holds at price(j),
// given that it holds at from.
func lastHolds(r *chooseRun, from, to int, price func(int) float64) int {
	if r.holds(price(to)) {
		return to
	}
	for to-from > 1 { // holds at from, not at to
		mid := (from + to) / 2
		if r.holds(price(mid)) {
			from = mid
		} else {
			to = mid
		}
	}
	return from
}

// chooseEdge is the value chooseRollBand gives a node at price s just
// outside its band, steps steps before expiry of the tree's dt: at the
// smoothed step (steps = 1) the roll-back's own, max(European over dt,
// payoff); earlier max(e^{-r tau} payoff(s e^{(r-q) tau}), the exercise
// values) with tau = steps*dt, a lower bound of the node's value. disc
// keeps e^{-q tau} and e^{-r tau} of the last steps asked (a step on by
// one product each).
func (o RealOption) chooseEdge(env *envelope, ps *[4]piece, s float64, steps int, dt float64, disc *chooseDisc) float64 {
	in := o.Inputs
	if steps == 1 {
		return math.Max(env.europeanAt(s, dt, in.R, in.Q, disc.step), env.at(s))
	}
	if disc.steps != steps {
		if disc.steps == steps-1 && steps%16 != 0 {
			// One step on: times e^{-q dt} and e^{-r dt}, recomputed
			// every 16 steps (as powers does, within 16 ulp).
			disc.eq *= disc.step.dq
			disc.er *= disc.step.dr
		} else {
			tau := float64(steps) * dt
			disc.eq, disc.er = math.Exp(-in.Q*tau), math.Exp(-in.R*tau)
		}
		disc.steps = steps
	}
	eq, er := disc.eq, disc.er
	c := env.a0*s*eq + env.b0*er
	for i := 0; i < env.n; i++ {
		c += env.da[i] * math.Max(s*eq-env.k[i]*er, 0)
	}
	for _, p := range ps {
		if x := p.a*s + p.b; x > c {
			c = x
		}
	}
	return c
}

// chooseDisc is chooseEdge's e^{-q tau} and e^{-r tau} for tau =
// steps*dt, and the stepDisc of dt.
type chooseDisc struct {
	steps  int
	eq, er float64
	step   stepDisc
}

// chooseStep rolls one step of the choose lattice back in place: for
// node j of the step (len(su) nodes, at su[j]*dp[len(su)-1-j]) it sets
// v[j] to the larger of the continuation pu*v[j+1] + pd*v[j] and every
// exercise value a_k s + b_k of ps, by plain comparisons in the order of
// ps (values are finite, so math.Max's NaN and -0 rules are not needed).
// It is the plain loop with the pieces in registers, the node above
// carried to the next node and the slices cut so that the compiler drops
// the bounds checks: the same operations on the same values, so results
// are unchanged to the bit (TestChooseStepBitIdentical).
func chooseStep(v, su, dp []float64, pu, pd float64, ps *[4]piece) {
	n := len(su)
	if n == 0 {
		return
	}
	v = v[:n+1]
	dp = dp[:n]
	a0, b0, a1, b1 := ps[0].a, ps[0].b, ps[1].a, ps[1].b
	a2, b2, a3, b3 := ps[2].a, ps[2].b, ps[3].a, ps[3].b
	lo := v[0]
	for j := 0; j < n; j++ {
		hi := v[j+1]
		c := pu*hi + pd*lo
		s := su[j] * dp[n-1-j]
		if x := a0*s + b0; x > c {
			c = x
		}
		if x := a1*s + b1; x > c {
			c = x
		}
		if x := a2*s + b2; x > c {
			c = x
		}
		if x := a3*s + b3; x > c {
			c = x
		}
		v[j] = c
		lo = hi
	}
}

// choose values the choose option (see RealOption): the smoothed lattice
// of chooseLattice with n and n/2 steps, extrapolated (2 V_n - V_{n/2},
// Richardson, as in Broadie and Detemple's BBSR), and never below any of
// its components valued alone (expand, contract at c*X, abandon at
// Salvage, each by RealOption.ValueOnly, the engine's value of that
// option), which it dominates. Delta and gamma
// come from the first nodes of the n-step lattice.
func (o RealOption) choose() Result {
	return o.chooseBanded(chooseBand, true)
}

// chooseBanded is choose with lattices that roll back the band of
// chooseRollBand (the whole trees when band <= 0).
func (o RealOption) chooseBanded(band float64, prune bool) Result {
	in := o.Inputs
	if in.T == 0 || in.S == 0 || in.Sigma == 0 {
		return o.chooseDeterministic()
	}
	env := newEnvelope(o.choosePieces())
	n := chooseSteps(in)
	nd := o.chooseLatticeBand(&env, n, true, band, prune)
	half := o.chooseLatticeBand(&env, n/2, false, band, prune)
	g := Greeks{Delta: (nd.v11 - nd.v10) / (nd.s11 - nd.s10)}
	du := (nd.v22 - nd.v21) / (nd.s22 - nd.s21)
	dd := (nd.v21 - nd.v20) / (nd.s21 - nd.s20)
	g.Gamma = (du - dd) / (0.5 * (nd.s22 - nd.s20))
	return o.chooseRaised(2*nd.v0-half.v0, g, n)
}

// chooseRaised is choose's result from the extrapolated lattice value
// val of n and n/2 steps and its Greeks g: raised to a component valued
// alone where that is more (with the component's Greeks), floored at 0.
func (o RealOption) chooseRaised(val float64, g Greeks, n int) Result {
	method := fmt.Sprintf("binomial Black-Scholes lattice with Richardson extrapolation (%d and %d steps), one lattice for expand/contract/abandon", n, n/2)
	for _, k := range []Kind{Expand, Contract, Abandon} {
		// The component's value alone is ValueOnly's (Value's value without
		// the Greeks' bumped boundaries); its Greeks only when it is used.
		c := o.component(k)
		if v, _, err := c.ValueOnly(); err == nil && v > val {
			r, err := c.Value()
			if err != nil {
				continue
			}
			val, g = v, r.Greeks
			method = fmt.Sprintf("binomial Black-Scholes lattice with Richardson extrapolation (%d and %d steps), raised to its %s component alone (%s)", n, n/2, k, r.Method)
		}
	}
	return Result{Value: math.Max(val, 0), Greeks: g, Method: method}
}

// component returns the choose option's component k valued alone: expand
// (e*S for X), contract (give up c*S to save c*X) or abandon (S for
// Salvage).
func (o RealOption) component(k Kind) RealOption {
	c := o
	c.Kind = k
	switch k {
	case Abandon:
		c.X = o.Salvage
	case Contract:
		c.X = o.ContractFactor * o.X
	}
	return c
}
