package portfolio

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
)

// SimOptions control Simulate.
type SimOptions struct {
	// Paths is the number of simulated paths (10,000 when 0).
	Paths int
	// Seed makes the simulation reproducible: the same seed gives the same
	// numbers whatever the number of workers.
	Seed uint64
	// Horizon is the date of the next review in years from the as-of date
	// (1 when 0).
	Horizon float64
	// Workers is the number of goroutines (GOMAXPROCS when 0).
	Workers int
	// Progress, when not nil, is called after each block of paths with the
	// number of paths done and the total, from one goroutine at a time.
	Progress func(done, total int)
	// Valuation are the options of today's valuation (as-of date, links,
	// steps).
	Valuation Options
}

// SimInitiative is one initiative's simulated outcome at the horizon.
type SimInitiative struct {
	ID, Name string
	// Today is its value today as the portfolio counts it: its stand-alone
	// value (Position.Value), or for the child a gate compounds the
	// compound value its parent counts.
	Today float64
	// Mean and StdErr are its value at the horizon, in horizon money.
	Mean, StdErr float64
	// Region[k] is the probability that it is in region k (1 to 6) at the
	// horizon; Region[0] that its deadline passed before the horizon, or
	// that it lapsed with its gate (a gate deciding before the horizon not
	// to open it, or one not worth exercising today: see followOn).
	Region [valuation.NumRegions + 1]float64
	// Exercised is the probability that it is exercised by the horizon:
	// before it (S reached the exercise boundary), at its deadline with a
	// positive payoff, or it is in region 1 ("invest now") at the horizon.
	// Exercised early before the horizon it counts in region 1, before a
	// deadline within the horizon in Region[0]. A gate's own decision to
	// open the child it compounds is not counted in the gate's Exercised:
	// the child's counts the paths where it is then exercised.
	Exercised float64
}

// SimResult is the distribution of the portfolio's value at the horizon.
type SimResult struct {
	Paths   int
	Seed    uint64
	Horizon float64
	// Mean, StdDev and StdErr of the portfolio value at the horizon (sum of
	// the simulated initiatives' values, in horizon money); P5, P50 and P95
	// its percentiles (empirical quantiles).
	Mean, StdDev, StdErr float64
	P5, P50, P95         float64
	// PresentMean and PresentStdErr are the mean of each path's value
	// discounted back to today at each initiative's rate. Under the
	// risk-neutral measure it converges to Today (up to the monitoring and
	// follow-on approximations of Simulate).
	PresentMean, PresentStdErr float64
	// Today is the sum of today's values of the simulated initiatives: the
	// portfolio's value (Valuation.Total, Options.WithLinks as given).
	Today float64
	// Values are the portfolio values at the horizon, by path.
	Values []float64
	// Initiatives are the simulated initiatives, in portfolio order.
	Initiatives []SimInitiative
	// Shrink is the factor applied to the link correlations to make their
	// matrix positive definite (1 when they were usable as entered).
	Shrink float64
	// LeftOut are the open initiatives not simulated, in portfolio order:
	// excluded alternatives, what is counted inside them, and those that
	// could not be valued (closed initiatives are not listed).
	LeftOut []SimLeftOut
}

// SimLeftOut is an open initiative Simulate leaves out, and why.
type SimLeftOut struct {
	ID, Name string
	// Reason says why: `excluded: the alternative "Name" counts instead`,
	// `counted inside "Name", which is left out`, or "not valued: ...".
	Reason string
}

// leg is one simulated initiative.
type leg struct {
	idx                  int
	s0, t, r, drift, vol float64                      // drift and vol of ln S per year
	tau                  float64                      // time left at the horizon (<= 0: expired before)
	today                float64                      // its contribution to the portfolio value today
	own                  float64                      // its stand-alone value today (Position.Value)
	now                  bool                         // exercised today (at or beyond its trigger)
	value                func(s, lns float64) float64 // value at the horizon (S and ln S), tau > 0
	payoff               func(s float64) float64      // exercise value, for tau <= 0
	pos                  valuation.Position           // template position at the horizon
	// regions classifies the positions at the horizon, which all have
	// pos.CumVol: as valuation.RegionOf, without its CallShare per path.
	regions valuation.RegionClassifier
	ratio   float64 // Underlying / S
	lns0    float64 // ln S today
	pvCost  float64
	// mon watches for early exercise before min(horizon, deadline); nil
	// when the option is never exercised early.
	mon *monitor
	// comp, when not nil, is the compound value its gate counts instead
	// of value (see followOn); hasK1 subtracts k1, the gate's price carried
	// to the horizon, from its simulated value instead (the gate decided
	// today); gate, when not nil, is its gate's decision before the
	// horizon; lapsed, that its gate lapses today (it contributes 0).
	comp   func(s, lns float64) float64
	k1     float64
	hasK1  bool
	gate   *gateAt
	lapsed bool
	// disc is e^{-r h} and carry e^{r (h - t)}, for a deadline before the
	// horizon.
	disc, carry float64
}

const simBlock = 256

// bridgeSeed separates the stream of bridge normals from the paths' own.
const bridgeSeed = 0x9e3779b97f4a7c15

// Simulate runs a Monte Carlo simulation of the portfolio to the horizon:
// the underlyings S of the open, valued initiatives that count and of
// those counted inside them through gates and follow-on links (excluded
// alternatives, and what is counted inside them, are left out, as from the
// portfolio's total) follow correlated geometric Brownian motions under
// the risk-neutral measure,
//
//	S_i(h) = S_i exp((r_i - q_i - sigma_i^2/2) h + sigma_i sqrt(h) Z_i),  Z = L e
//
// where L is the Cholesky factor (gonum mat) of the correlation matrix built
// from synergy links (identity elsewhere) and e are independent standard
// normals (math/rand/v2 PCG seeded with (Seed, block)). At the horizon
// each initiative is valued with the time it has left: exactly (Black-
// Scholes-Merton) where its stand-alone value is a closed form, otherwise by
// Catmull-Rom interpolation in ln S of its valuation on a grid of 64 values
// of S (valuation.RealOption.Value). An initiative whose deadline falls
// before the horizon pays its exercise value at its deadline (S simulated
// to that date), carried to the horizon at r; one whose value today equals
// its NPV (at or beyond its trigger) is exercised today, its NPV held to
// the horizon at r.
//
// Early exercise: a defer, expand, abandon or contract option that can pay
// to exercise early (a call with leakage, a put with a positive rate) is
// exercised when its S first reaches the exercise boundary S*(tau), the
// engine's trigger at the time left tau (valuation.Trigger, PutTrigger),
// before the horizon or its deadline: its exercise value then, carried to
// the horizon at r. The boundary is found at 6 monitoring dates a year
// (at least one), evenly spaced in the square root of the time left, with
// 6 more in the last interval before a deadline that falls within the
// horizon; the path between dates is a Brownian bridge to its end (bridge
// normals independent of the other initiatives', a PCG stream per
// initiative and block; the correlations hold at the horizon), the boundary log-linear between dates, a crossing between
// dates detected by the bridge's crossing probability and its time placed
// to 1/16 of the interval (1/4 for one the bridge finds; see monitor).
// Against the exercise-boundary value of one American option (horizon at
// the deadline) the discounted mean agrees within about 0.1% (one to two
// standard errors at 200,000 paths). Staged and choose options are not
// exercised before the horizon.
//
// Follow-ons: the child a gate or follow-on parent compounds (see the
// package documentation) contributes at the horizon the compound value its
// parent counts instead of its own value, as a function of its own S with
// the parent's first-stage price at the parent's forward (see followOn);
// the further children count at their own value, as in the total. A
// parent whose deadline falls before the horizon decides at it, on the
// child's value then (the compound's exercise rule): the child lapses with
// it, or counts from then on less the price paid. The discounted mean is
// so today's portfolio value (Valuation.Total) at any horizon, up to the
// grids' and the monitoring's bias; the structure (which child is
// compounded, which alternative of an excludes set counts) is today's.
// On samples/scrm-northwind.json (100,000 paths) the discounted mean is
// within one standard error of the portfolio value at horizons of 3
// months to 5 years (it was 0.7%, 3 standard errors, above it at 3 and 5
// years, when a gate deciding before the horizon was taken to decide at
// it).
//
// Paths are split into blocks of 256 across Workers goroutines; ctx
// cancels between blocks (returning ctx.Err()).
func Simulate(ctx context.Context, p *model.Portfolio, so SimOptions) (*SimResult, error) {
	if so.Paths == 0 {
		so.Paths = 10000
	}
	if so.Horizon == 0 {
		so.Horizon = 1
	}
	if so.Paths < 0 || so.Paths > 100_000_000 {
		return nil, fmt.Errorf("simulation: paths %d: want 1 to 100,000,000", so.Paths)
	}
	if !(so.Horizon > 0) || so.Horizon > valuation.MaxT {
		return nil, fmt.Errorf("simulation: horizon %g years: want more than 0 and at most %d", so.Horizon, valuation.MaxT)
	}
	v, err := Evaluate(p, so.Valuation)
	if err != nil {
		return nil, err
	}
	legs, err := makeLegs(p, v, so)
	if err != nil {
		return nil, err
	}
	n := len(legs)
	L, shrink := correlation(p, v, legs)
	smp := newSampler(legs, L, so)
	res := &SimResult{Paths: so.Paths, Seed: so.Seed, Horizon: so.Horizon, Shrink: shrink, Values: make([]float64, so.Paths)}
	for _, l := range legs {
		res.Today += l.today
	}
	blocks := (so.Paths + simBlock - 1) / simBlock
	parts := make([]blockSums, blocks)
	workers := so.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, blocks)
	var next, done atomic.Int64
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			w := smp.newScratch()
			for {
				b := int(next.Add(1)) - 1
				if b >= blocks || ctx.Err() != nil {
					return
				}
				lo, hi := b*simBlock, min((b+1)*simBlock, so.Paths)
				parts[b] = smp.block(b, res.Values[lo:hi], w)
				d := int(done.Add(int64(hi - lo)))
				if so.Progress != nil {
					mu.Lock()
					so.Progress(d, so.Paths)
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Merge in block order, so that the sums do not depend on scheduling.
	var sum, sq, pv, pvsq float64
	legSum := make([]legAcc, n)
	for _, a := range parts {
		sum += a.sum
		sq += a.sq
		pv += a.pv
		pvsq += a.pvsq
		for i := range legSum {
			legSum[i].add(a.leg[i])
		}
	}
	N := float64(so.Paths)
	res.Mean, res.StdDev = meanSD(sum, sq, N)
	res.StdErr = res.StdDev / math.Sqrt(N)
	var pvSD float64
	res.PresentMean, pvSD = meanSD(pv, pvsq, N)
	res.PresentStdErr = pvSD / math.Sqrt(N)
	sorted := slices.Clone(res.Values)
	slices.Sort(sorted)
	res.P5 = stat.Quantile(0.05, stat.Empirical, sorted, nil)
	res.P50 = stat.Quantile(0.50, stat.Empirical, sorted, nil)
	res.P95 = stat.Quantile(0.95, stat.Empirical, sorted, nil)
	for i, l := range legs {
		r := &v.Initiatives[l.idx]
		la := legSum[i]
		m, sd := meanSD(la.sum, la.sq, N)
		si := SimInitiative{ID: r.ID, Name: r.Name, Today: l.today, Mean: m, StdErr: sd / math.Sqrt(N), Exercised: float64(la.exercised) / N}
		for k := range si.Region {
			si.Region[k] = float64(la.region[k]) / N
		}
		res.Initiatives = append(res.Initiatives, si)
	}
	res.LeftOut = leftOut(v, legs)
	return res, nil
}

// simName is the name of the initiative id in v, id when it has none.
func simName(v *Valuation, id string) string {
	if n := nameOf(v, id); n != "" {
		return n
	}
	return id
}

// leftOut lists the open initiatives of v that no leg simulates, and why.
func leftOut(v *Valuation, legs []leg) []SimLeftOut {
	in := make([]bool, len(v.Initiatives))
	for _, l := range legs {
		in[l.idx] = true
	}
	var out []SimLeftOut
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		if in[i] || r.Status != model.StatusOpen {
			continue
		}
		why := "not valued"
		switch {
		case r.Err != nil:
			why = "not valued: " + r.Err.Error()
		case r.ExcludedBy != "":
			why = fmt.Sprintf("excluded: the alternative %q counts instead", simName(v, r.ExcludedBy))
		case r.CountedIn != "":
			why = fmt.Sprintf("counted inside %q, which is left out", simName(v, r.CountedIn))
		}
		out = append(out, SimLeftOut{ID: r.ID, Name: r.Name, Reason: why})
	}
	return out
}

type legAcc struct {
	sum, sq   float64
	region    [valuation.NumRegions + 1]int
	exercised int
}

func (a *legAcc) add(b legAcc) {
	a.sum += b.sum
	a.sq += b.sq
	a.exercised += b.exercised
	for k := range a.region {
		a.region[k] += b.region[k]
	}
}

func meanSD(sum, sq, n float64) (mean, sd float64) {
	mean = sum / n
	if n > 1 {
		sd = math.Sqrt(math.Max(sq-n*mean*mean, 0) / (n - 1))
	}
	return mean, sd
}

// sampler is what the paths of a simulation share: the legs, the nonzeros
// of the correlation factor by row and the options.
type sampler struct {
	legs     []leg
	rowStart []int // row i's nonzeros are cols, vals[rowStart[i]:rowStart[i+1]]
	cols     []int32
	vals     []float64
	so       SimOptions
}

// newSampler keeps the nonzeros of the lower Cholesky factor L (row-major
// n*n) by row: legs in different connected components of the synergy
// links have no common nonzero, so a path costs the nonzeros (n without
// links) instead of n^2/2.
func newSampler(legs []leg, L []float64, so SimOptions) *sampler {
	n := len(legs)
	s := &sampler{legs: legs, rowStart: make([]int, n+1), so: so}
	for i := range n {
		for j := 0; j <= i; j++ {
			if x := L[i*n+j]; x != 0 {
				s.cols = append(s.cols, int32(j))
				s.vals = append(s.vals, x)
			}
		}
		s.rowStart[i+1] = len(s.cols)
	}
	return s
}

// blockSums are the sums over one block of paths: of the portfolio value,
// its square, the value discounted to today and its square, and each
// leg's.
type blockSums struct {
	sum, sq, pv, pvsq float64
	leg               []legAcc
}

// scratch is one worker's buffers: z one path's draws, combined in place
// into its correlated normals (row i of the factor reads only the draws
// 0 to i), zt the block's correlated normals by leg (zt[i*simBlock+k]
// that of leg i on the block's path k), total and pv the block's path
// values, brg the bridge normals' generator on bsrc.
type scratch struct {
	z, zt, total, pv []float64
	bsrc             *rand.PCG
	brg              *rand.Rand
}

// newScratch returns a worker's buffers for blocks of s's paths.
func (s *sampler) newScratch() *scratch {
	n := len(s.legs)
	w := &scratch{z: make([]float64, n), zt: make([]float64, n*simBlock),
		total: make([]float64, simBlock), pv: make([]float64, simBlock), bsrc: rand.NewPCG(0, 0)}
	w.brg = rand.New(w.bsrc)
	return w
}

// block simulates the paths of block b, writing their portfolio values to
// values (one per path of the block), and returns their sums. The block is
// simulated leg by leg (each leg's grid, monitor and accumulator stay in
// cache for its 256 paths, where path by path all legs' data were read
// again for each path): first every path's normals, in path order (PCG
// seeded with (Seed, b)), then each leg on every path, so that each
// path's value is the sum of its legs' in leg order as before.
func (s *sampler) block(b int, values []float64, w *scratch) blockSums {
	n := len(s.legs)
	rng := rand.New(rand.NewPCG(s.so.Seed, uint64(b)))
	a := blockSums{leg: make([]legAcc, n)}
	for k := range values {
		for i := range w.z {
			w.z[i] = rng.NormFloat64()
		}
		for i := n - 1; i >= 0; i-- {
			x := 0.0
			for q := s.rowStart[i]; q < s.rowStart[i+1]; q++ {
				x += s.vals[q] * w.z[s.cols[q]]
			}
			w.z[i] = x
			w.zt[i*simBlock+k] = x
		}
		w.total[k], w.pv[k] = 0, 0
	}
	for i := range s.legs {
		l := &s.legs[i]
		// The bridge normals of a monitored leg have a stream of their
		// own for the block (seeded with the block and the leg), apart
		// from the paths' normals: legs without monitoring draw exactly
		// what they drew before it.
		w.bsrc.Seed(s.so.Seed^bridgeSeed, uint64(b)*uint64(n)+uint64(i))
		for k, z := range w.zt[i*simBlock : i*simBlock+len(values)] {
			val := l.simulate(z, s.so.Horizon, &a.leg[i], w.brg)
			w.total[k] += val
			w.pv[k] += val * l.disc
		}
	}
	for k := range values {
		values[k] = w.total[k]
		a.sum += w.total[k]
		a.sq += w.total[k] * w.total[k]
		a.pv += w.pv[k]
		a.pvsq += w.pv[k] * w.pv[k]
	}
	return a
}

// simulate draws the leg's value at the horizon given its normal z (and,
// for a monitored leg, the bridge normals from rng) and records its
// region.
func (l *leg) simulate(z, h float64, a *legAcc, rng *rand.Rand) float64 {
	var val float64
	switch {
	case l.lapsed:
		a.region[0]++
	case l.gate != nil:
		val = l.gated(z, h, a, rng)
	default:
		val = l.stand(z, h, a, rng)
		if l.hasK1 {
			val -= l.k1
		}
	}
	a.sum += val
	a.sq += val * val
	return val
}

// stand draws the leg's own value at the horizon (the compound's, for a
// leg with comp) and records its region.
func (l *leg) stand(z, h float64, a *legAcc, rng *rand.Rand) float64 {
	var val float64
	if l.now {
		val = l.own * math.Exp(l.r*h)
		a.region[valuation.RegionInvestNow]++
		a.exercised++
	} else if tc, sc, ok := l.early(z, rng); ok {
		// Exercised at tc, before min(horizon, deadline): its exercise
		// value then, carried to the horizon.
		val = l.payoff(sc) * math.Exp(l.r*(h-tc))
		if l.tau <= 0 {
			a.region[0]++
		} else {
			a.region[valuation.RegionInvestNow]++
		}
		a.exercised++
	} else if l.tau <= 0 {
		s := l.s0 * math.Exp(l.drift*l.t+l.vol*math.Sqrt(l.t)*z)
		pay := l.payoff(s)
		val = pay * l.carry
		a.region[0]++
		if pay > 0 {
			a.exercised++
		}
	} else {
		x := l.drift*h + l.vol*math.Sqrt(h)*z
		s := l.s0 * math.Exp(x)
		lns := l.lns0 + x
		val = l.value(s, lns)
		p := l.pos
		p.Value = val
		p.Underlying = l.ratio * s
		if p.PutLike {
			p.NPV = p.Cost - p.Underlying
			if p.Underlying == 0 {
				p.NPVq = math.Inf(1)
			} else {
				p.NPVq = l.pvCost / p.Underlying
			}
		} else {
			p.NPV = p.Underlying - p.Cost
			p.NPVq = p.Underlying / l.pvCost
		}
		reg := l.regions.Of(p)
		a.region[reg]++
		if reg == valuation.RegionInvestNow {
			a.exercised++
		}
		if l.comp != nil {
			val = l.comp(s, lns)
		}
	}
	return val
}

// early reports whether and when a monitored leg is exercised before
// min(horizon, deadline) on the path ending at z.
func (l *leg) early(z float64, rng *rand.Rand) (t, s float64, ok bool) {
	if l.mon == nil {
		return 0, 0, false
	}
	return l.mon.cross(z, rng)
}

// makeLegs prepares the simulated initiatives: those that count and those
// counted inside them through gates and follow-on links (see simTree).
func makeLegs(p *model.Portfolio, v *Valuation, so SimOptions) ([]leg, error) {
	include, parent := simTree(p, v)
	var idx []int
	for i := range v.Initiatives {
		if include[i] {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return nil, errors.New("simulation: no open initiative can be valued")
	}
	// Each leg's grids, boundary dates and compound grid, in parallel.
	legs := make([]leg, len(idx))
	errs := make([]error, len(idx))
	parallel(len(idx), poolSize(so.Workers, len(idx)), func(k int) {
		legs[k], errs[k] = makeLeg(p, v, idx[k], parent[idx[k]], so)
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return legs, nil
}

// makeLeg prepares initiative i, whose compounding parent is pi (-1 when
// none).
func makeLeg(p *model.Portfolio, v *Valuation, i, pi int, so SimOptions) (leg, error) {
	h := so.Horizon
	r := &v.Initiatives[i]
	o := *r.opt
	l := leg{idx: i, s0: r.S, t: r.T, r: r.R, drift: r.R - r.Q - r.Sigma*r.Sigma/2, vol: r.Sigma, tau: r.T - h, today: r.Position.Value, own: r.Position.Value}
	l.payoff = exerciseValue(o)
	l.disc, l.carry = math.Exp(-l.r*h), math.Exp(l.r*(h-l.t))
	l.lns0 = math.Log(math.Max(l.s0, 1e-300))
	// An option at or beyond its trigger is exercised today: its value
	// is its NPV, held to the horizon at r.
	l.now = r.Position.NPV > 0 && r.Position.Value <= r.Position.NPV*(1+1e-9)
	if !l.now {
		m, err := newMonitor(o, l.drift, math.Min(h, r.T))
		if err != nil {
			return leg{}, fmt.Errorf("simulation: initiative %q: exercise boundary: %w", r.Name, err)
		}
		l.mon = m
	}
	if l.tau > 0 {
		at := o
		at.T = l.tau
		if at.Kind == valuation.Staged {
			at.StageT = math.Max(o.StageT-h, 0)
		}
		pos, err := positionFor(at, 0, p.Settings.Thresholds)
		if err != nil {
			return leg{}, fmt.Errorf("simulation: initiative %q at the horizon: %w", r.Name, err)
		}
		l.pos = pos
		l.regions = valuation.RegionsAt(pos.CumVol, p.Settings.Thresholds)
		l.ratio = 1
		if r.S > 0 {
			l.ratio = pos.Underlying / r.S
		}
		if pos.PutLike {
			l.pvCost = pos.Underlying * pos.NPVq
		} else {
			l.pvCost = pos.Cost * math.Exp(-at.R*at.T)
			if at.Kind == valuation.Staged {
				l.pvCost = at.X*math.Exp(-at.R*at.T) + at.StageCost*math.Exp(-at.R*at.StageT)
			}
		}
		if pos.PutLike && pos.Underlying == 0 {
			l.pvCost = pos.Cost * math.Exp(-at.R*at.T)
		}
		f, err := valueAt(at, l, h, so.Valuation.Steps)
		if err != nil {
			return leg{}, fmt.Errorf("simulation: initiative %q: %w", r.Name, err)
		}
		l.value = f
	}
	if pi >= 0 {
		today, err := followOn(&l, &v.Initiatives[pi], r, h, so.Valuation.Steps)
		if err != nil {
			return leg{}, fmt.Errorf("simulation: follow-on %q of %q: %w", r.Name, v.Initiatives[pi].Name, err)
		}
		l.today = today
		if l.comp != nil {
			l.now = false
		}
	}
	return l, nil
}

// exerciseValue is the payoff of exercising o at its deadline.
func exerciseValue(o valuation.RealOption) func(float64) float64 {
	switch o.Kind {
	case valuation.Expand:
		return func(s float64) float64 { return math.Max(o.ExpandFactor*s-o.X, 0) }
	case valuation.Abandon:
		return func(s float64) float64 { return math.Max(o.X-s, 0) }
	case valuation.Contract:
		return func(s float64) float64 { return math.Max(o.X-o.ContractFactor*s, 0) }
	case valuation.Choose:
		return func(s float64) float64 {
			return math.Max(math.Max(o.ExpandFactor*s-o.X, o.ContractFactor*(o.X-s)), math.Max(o.Salvage-s, 0))
		}
	case valuation.Staged:
		return func(s float64) float64 { return math.Max(s-o.X-o.StageCost, 0) }
	}
	return func(s float64) float64 { return math.Max(s-o.X, 0) }
}

// valueAt returns the value of o (with its time left at the horizon) as a
// function of S: Black-Scholes-Merton where that is exact (a defer,
// expand, abandon or contract option never exercised early: the call or
// put on scale * S), else a grid.
func valueAt(o valuation.RealOption, l leg, h float64, steps int) (func(s, lns float64) float64, error) {
	in := o.Inputs
	if put, scale, ok := plainKind(o); ok && neverEarly(put, in) {
		typ := valuation.Call
		if put {
			typ = valuation.Put
		}
		return func(s, _ float64) float64 {
			x := in
			x.S = scale * s
			v, _ := valuation.BlackScholes(typ, x)
			return v
		}, nil
	}
	return gridValue(l, h, func(s float64) (float64, error) {
		x := o
		x.S = s
		v, _, err := priceValue(x, steps)
		return v, err
	})
}

// gridValue returns price as a function of the leg's S at the horizon:
// linear interpolation in ln S between its values at 64 points spaced
// evenly over ln S's mean at the horizon plus or minus 6 standard
// deviations (the end values beyond), floored at 0.
func gridValue(l leg, h float64, price func(s float64) (float64, error)) (func(s, lns float64) float64, error) {
	const g = 64
	sd := l.vol * math.Sqrt(h)
	lo := l.lns0 + l.drift*h - 6*sd
	step := 12 * sd / (g - 1)
	if step == 0 || l.s0 == 0 {
		v, err := price(l.s0)
		return func(float64, float64) float64 { return v }, err
	}
	vals := make([]float64, g)
	for k := range vals {
		var err error
		if vals[k], err = price(math.Exp(lo + float64(k)*step)); err != nil {
			return nil, err
		}
	}
	return func(_, lns float64) float64 {
		u := (lns - lo) / step
		k := int(math.Floor(u))
		k = max(0, min(k, g-2))
		w := u - float64(k)
		if k == 0 || k == g-2 || w < 0 || w > 1 {
			return math.Max(vals[k]+w*(vals[k+1]-vals[k]), 0)
		}
		// Catmull-Rom: the cubic through the two points either side with
		// central-difference slopes (linear interpolation overstated the
		// convex values by about 0.2%).
		p0, p1, p2, p3 := vals[k-1], vals[k], vals[k+1], vals[k+2]
		v := p1 + 0.5*w*(p2-p0+w*(2*p0-5*p1+4*p2-p3+w*(3*(p1-p2)+p3-p0)))
		return math.Max(v, 0)
	}, nil
}

// correlation returns the lower Cholesky factor (row-major n*n) of the legs'
// correlation matrix from synergy links, shrinking the correlations until
// the matrix is positive definite, and the factor used.
func correlation(p *model.Portfolio, v *Valuation, legs []leg) ([]float64, float64) {
	n := len(legs)
	pos := map[string]int{}
	for k, l := range legs {
		pos[v.Initiatives[l.idx].ID] = k
	}
	c := mat.NewSymDense(n, nil)
	for i := range n {
		c.SetSym(i, i, 1)
	}
	any := false
	for _, l := range p.Links {
		if l.Kind != model.LinkSynergy {
			continue
		}
		a, okA := pos[l.From]
		b, okB := pos[l.To]
		if okA && okB && a != b {
			c.SetSym(a, b, l.Correlation)
			any = true
		}
	}
	out := make([]float64, n*n)
	if !any {
		for i := range n {
			out[i*n+i] = 1
		}
		return out, 1
	}
	shrink := 1.0
	for {
		m := mat.NewSymDense(n, nil)
		for i := range n {
			for j := i; j < n; j++ {
				x := c.At(i, j)
				if i != j {
					x *= shrink
				}
				m.SetSym(i, j, x)
			}
		}
		var ch mat.Cholesky
		if ch.Factorize(m) {
			var L mat.TriDense
			ch.LTo(&L)
			for i := range n {
				for j := 0; j <= i; j++ {
					out[i*n+j] = L.At(i, j)
				}
			}
			return out, shrink
		}
		shrink *= 0.95
	}
}
