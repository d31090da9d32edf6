package estimate

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strconv"
	"sync"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/vm"
	"gonum.org/v1/gonum/stat/distuv"
)

// Uncertainty says how a driver's value is uncertain. Exactly one of
// Process ("gbm") or Dist is set.
type Uncertainty struct {
	// Process "gbm": the driver follows a geometric Brownian motion, with
	// volatility Sigma and drift Drift per year, starting at its value.
	Process string  `json:"process,omitempty"`
	Sigma   float64 `json:"sigma,omitempty"`
	Drift   float64 `json:"drift,omitempty"`
	// Dist: the driver's value is revealed during the first year, drawn
	// from "normal" (Mean, SD), "lognormal" (Mu, SigmaLog: of the log),
	// "triangular" or "pert" (Low, Mode, High), or "uniform" (Low, High).
	Dist     string  `json:"dist,omitempty"`
	Mean     float64 `json:"mean,omitempty"`
	SD       float64 `json:"sd,omitempty"`
	Mu       float64 `json:"mu,omitempty"`
	SigmaLog float64 `json:"sigma_log,omitempty"`
	Low      float64 `json:"low,omitempty"`
	Mode     float64 `json:"mode,omitempty"`
	High     float64 `json:"high,omitempty"`
}

// Driver is a named input of the cash-flow lines: its base value and,
// optionally, its uncertainty.
type Driver struct {
	Name        string
	Value       float64
	Uncertainty *Uncertainty
}

// Line is one line of a cash-flow model: a name and a formula over the
// drivers and `year` (1 for the first year).
type Line struct {
	Name    string `json:"name"`
	Formula string `json:"formula"`
}

// CashFlowModel is a yearly cash-flow model of an initiative.
type CashFlowModel struct {
	// Years is the horizon, 1 to MaxYears.
	Years int
	// Rate is the risk-adjusted discount rate per year (discrete).
	Rate    float64
	Lines   []Line
	Drivers []Driver
}

// Limits that bound the work of one estimate.
const (
	MaxYears = 100
	MaxLines = 100
	MaxPaths = 1_000_000
	// DefaultPaths is the number of paths when Options.Paths is 0.
	DefaultPaths = 20_000
	blockSize    = 256
)

// Options control a Monte Carlo estimate.
type Options struct {
	// Paths is the number of simulated paths (DefaultPaths when 0).
	Paths int
	// Seed makes the estimate repeatable: the same seed gives the same
	// numbers on any number of cores.
	Seed uint64
	// Progress, when set, is called with the paths done so far (from any
	// goroutine, at most once per block).
	Progress func(done, total int)
	// Workers bounds the goroutines (GOMAXPROCS when 0).
	Workers int
}

// YearRow is the expected cash flow of one year, by line.
type YearRow struct {
	Year  int       `json:"year"`
	Lines []float64 `json:"lines"`
	Net   float64   `json:"net"`
	// PV is Net discounted to the as-of date.
	PV float64 `json:"pv"`
}

// Result is a cash-flow estimate of S and σ.
type Result struct {
	// S is the expected present value of the net flows, with its
	// standard error.
	S   float64 `json:"S"`
	SSE float64 `json:"S_se"`
	// Sigma is the corrected estimate (PV₁ as a conditional expectation),
	// the one to use; SigmaNaive the Copeland–Antikarov one, for comparison.
	Sigma        float64 `json:"sigma"`
	SigmaSE      float64 `json:"sigma_se"`
	SigmaNaive   float64 `json:"sigma_naive"`
	SigmaNaiveSE float64 `json:"sigma_naive_se"`
	Paths        int     `json:"paths"`
	Seed         uint64  `json:"seed"`
	// Method names how σ was estimated.
	Method string `json:"method"`
	// Table holds the expected flow of each year by line.
	LineNames []string  `json:"line_names"`
	Table     []YearRow `json:"table"`
	// Returns are the corrected one-year log returns z, one per path (for a
	// histogram).
	Returns []float64 `json:"-"`
}

// MethodCorrected names the corrected estimate in results and provenance.
const MethodCorrected = "cash-flow Monte Carlo, σ of ln((PV₁+CF₁)/PV₀) with PV₁ = E[remaining flows | year-1 state] (Brandão–Dyer–Hahn 2005, Godinho 2006)"

// compiled is a CashFlowModel ready to run.
type compiled struct {
	m     CashFlowModel
	progs []*vm.Program
	fast  []fastFn  // nil where a line runs on the VM
	disc  []float64 // disc[y] = (1+k)^-y
	gbm   []int     // indices of GBM drivers
	drawn []int     // indices of revealed drivers
}

// Check validates a model: horizon, rate, lines and their formulas (which
// must compile to a number over the drivers and year), and each driver's
// uncertainty. It returns nil or an error naming the part at fault.
//
// Results are cached by the model's content (a portfolio revalidated on
// every edit checks the same models again).
func (m CashFlowModel) Check() error {
	key := m.key()
	checks.Lock()
	err, ok := checks.m[key]
	checks.Unlock()
	if ok {
		return err
	}
	_, err = m.compile()
	checks.Lock()
	if len(checks.m) >= 4096 {
		clear(checks.m)
	}
	checks.m[key] = err
	checks.Unlock()
	return err
}

// checks caches Check's results by model content.
var checks = struct {
	sync.Mutex
	m map[string]error
}{m: map[string]error{}}

// key is the model's content as a string.
func (m CashFlowModel) key() string {
	b := make([]byte, 0, 256)
	b = strconv.AppendInt(b, int64(m.Years), 10)
	b = strconv.AppendUint(append(b, '|'), math.Float64bits(m.Rate), 16)
	for _, l := range m.Lines {
		b = append(strconv.AppendInt(append(b, '|'), int64(len(l.Name)), 10), ':')
		b = append(b, l.Name...)
		b = append(strconv.AppendInt(b, int64(len(l.Formula)), 10), ':')
		b = append(b, l.Formula...)
	}
	for _, d := range m.Drivers {
		b = append(strconv.AppendInt(append(b, ';'), int64(len(d.Name)), 10), ':')
		b = append(b, d.Name...)
		b = strconv.AppendUint(append(b, '='), math.Float64bits(d.Value), 16)
		if u := d.Uncertainty; u != nil {
			b = append(append(b, '~'), u.Process...)
			b = append(append(b, '/'), u.Dist...)
			for _, v := range []float64{u.Sigma, u.Drift, u.Mean, u.SD, u.Mu, u.SigmaLog, u.Low, u.Mode, u.High} {
				b = strconv.AppendUint(append(b, ','), math.Float64bits(v), 16)
			}
		}
	}
	return string(b)
}

func (m CashFlowModel) compile() (*compiled, error) {
	if m.Years < 1 || m.Years > MaxYears {
		return nil, fmt.Errorf("years: must be 1 to %d, got %d", MaxYears, m.Years)
	}
	if !(m.Rate > -0.99) || m.Rate > 10 || math.IsNaN(m.Rate) {
		return nil, fmt.Errorf("rate: the risk-adjusted discount rate must be above -0.99 and at most 10 (1000%%), got %g", m.Rate)
	}
	if len(m.Lines) == 0 {
		return nil, errors.New("lines: a cash-flow model needs at least one line")
	}
	if len(m.Lines) > MaxLines {
		return nil, fmt.Errorf("lines: at most %d lines, got %d", MaxLines, len(m.Lines))
	}
	c := &compiled{m: m}
	env := map[string]float64{"year": 1}
	slots := map[string]int{"year": len(m.Drivers)}
	for i, d := range m.Drivers {
		if d.Name == "year" {
			return nil, errors.New(`drivers: "year" is the year of a cash-flow line and cannot be a driver's name`)
		}
		env[d.Name] = d.Value
		slots[d.Name] = i
		if u := d.Uncertainty; u != nil {
			if err := u.Check(); err != nil {
				return nil, fmt.Errorf("driver %q: uncertainty: %w", d.Name, err)
			}
			if u.Process != "" {
				c.gbm = append(c.gbm, i)
			} else {
				c.drawn = append(c.drawn, i)
			}
		}
	}
	for i, l := range m.Lines {
		if len(l.Formula) > 10_000 {
			return nil, fmt.Errorf("line %d (%s): the formula is longer than 10,000 characters", i+1, l.Name)
		}
		prog, err := expr.Compile(l.Formula, expr.Env(env), expr.AsFloat64())
		if err != nil {
			return nil, fmt.Errorf("line %d (%s): %q: %v", i+1, l.Name, l.Formula, err)
		}
		for y := 1; y <= m.Years; y++ {
			env["year"] = float64(y)
			out, err := expr.Run(prog, env)
			if err != nil {
				return nil, fmt.Errorf("line %d (%s), year %d: %v", i+1, l.Name, y, err)
			}
			if v, ok := out.(float64); !ok || math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e15 {
				return nil, fmt.Errorf("line %d (%s), year %d: %q gives %v, not a finite amount up to 1e15", i+1, l.Name, y, l.Formula, out)
			}
		}
		c.progs = append(c.progs, prog)
		c.fast = append(c.fast, compileFast(l.Formula, slots))
	}
	c.disc = make([]float64, m.Years+1)
	for y := range c.disc {
		c.disc[y] = math.Pow(1+m.Rate, -float64(y))
	}
	return c, nil
}

// Check validates one uncertainty.
func (u *Uncertainty) Check() error {
	finite := func(vs ...float64) bool {
		for _, v := range vs {
			if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e15 {
				return false
			}
		}
		return true
	}
	switch {
	case u.Process != "" && u.Dist != "":
		return errors.New(`give either "process" or "dist", not both`)
	case u.Process == "gbm":
		if !(u.Sigma >= 0) || u.Sigma > 3 {
			return fmt.Errorf("sigma must be 0 to 3 per year, got %g", u.Sigma)
		}
		if !(math.Abs(u.Drift) <= 1) {
			return fmt.Errorf("drift must be between -1 and 1 per year, got %g", u.Drift)
		}
		return nil
	case u.Process != "":
		return fmt.Errorf(`unknown process %q (known: "gbm")`, u.Process)
	}
	if !finite(u.Mean, u.SD, u.Mu, u.SigmaLog, u.Low, u.Mode, u.High) {
		return errors.New("parameters must be finite numbers up to 1e15")
	}
	switch u.Dist {
	case "normal":
		if !(u.SD > 0) {
			return fmt.Errorf("normal: sd must be positive, got %g", u.SD)
		}
	case "lognormal":
		if !(u.SigmaLog > 0) || u.SigmaLog > 5 || math.Abs(u.Mu) > 700 {
			return fmt.Errorf("lognormal: sigma_log must be in (0, 5] and |mu| <= 700, got sigma_log %g, mu %g", u.SigmaLog, u.Mu)
		}
	case "triangular", "pert":
		if !(u.Low < u.High) || u.Mode < u.Low || u.Mode > u.High {
			return fmt.Errorf("%s: needs low < high and low <= mode <= high, got %g, %g, %g", u.Dist, u.Low, u.Mode, u.High)
		}
	case "uniform":
		if !(u.Low < u.High) {
			return fmt.Errorf("uniform: needs low < high, got %g, %g", u.Low, u.High)
		}
	case "":
		return errors.New(`needs "process" ("gbm") or "dist" (normal, lognormal, triangular, uniform, pert)`)
	default:
		return fmt.Errorf("unknown dist %q (known: normal, lognormal, triangular, uniform, pert)", u.Dist)
	}
	return nil
}

// sampler draws revealed values of a distribution.
func (u *Uncertainty) sampler(src rand.Source) func() float64 {
	switch u.Dist {
	case "normal":
		d := distuv.Normal{Mu: u.Mean, Sigma: u.SD, Src: src}
		return d.Rand
	case "lognormal":
		d := distuv.LogNormal{Mu: u.Mu, Sigma: u.SigmaLog, Src: src}
		return d.Rand
	case "triangular":
		d := distuv.NewTriangle(u.Low, u.High, u.Mode, src)
		return d.Rand
	case "uniform":
		d := distuv.Uniform{Min: u.Low, Max: u.High, Src: src}
		return d.Rand
	case "pert":
		w := u.High - u.Low
		d := distuv.Beta{Alpha: 1 + 4*(u.Mode-u.Low)/w, Beta: 1 + 4*(u.High-u.Mode)/w, Src: src}
		return func() float64 { return u.Low + w*d.Rand() }
	}
	return func() float64 { return math.NaN() }
}

// pathOut is what one path contributes.
type pathOut struct {
	pv, zc1, zn1 float64 // PV₀ of the path, PV₁+CF₁ corrected and naive
}

// Estimate runs the Monte Carlo estimate. It stops early with ctx's error
// when ctx is cancelled.
func (m CashFlowModel) Estimate(ctx context.Context, opt Options) (*Result, error) {
	c, err := m.compile()
	if err != nil {
		return nil, err
	}
	n := opt.Paths
	if n == 0 {
		n = DefaultPaths
	}
	if n < 100 || n > MaxPaths {
		return nil, fmt.Errorf("paths must be 100 to %d, got %d", MaxPaths, n)
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	nb := (n + blockSize - 1) / blockSize
	outs := make([]pathOut, n)
	// lineSums[block][y*nl+l] sums the sampled line values, for the table.
	lineSums := make([][]float64, nb)
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	var firstErr error
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := newRunner(c)
			for b := range jobs {
				lo, hi := b*blockSize, min((b+1)*blockSize, n)
				sums, err := r.block(opt.Seed, uint64(b), outs[lo:hi])
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				lineSums[b] = sums
				done += hi - lo
				d := done
				mu.Unlock()
				if opt.Progress != nil {
					opt.Progress(d, n)
				}
			}
		}()
	}
feed:
	for b := 0; b < nb; b++ {
		select {
		case <-ctx.Done():
			break feed
		case jobs <- b:
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return c.summarise(outs, lineSums, opt.Seed)
}

// runner evaluates paths; one per goroutine.
type runner struct {
	c      *compiled
	vm     vm.VM
	env    map[string]float64
	vals   [][]float64 // vals[y][driver] for the sampled path, y = 0..N
	proj   []float64   // projected driver values for the corrected PV₁
	slots  []float64   // driver values then year, for the compiled lines
	cfPath []float64
}

func newRunner(c *compiled) *runner {
	r := &runner{c: c, env: make(map[string]float64, len(c.m.Drivers)+1), proj: make([]float64, len(c.m.Drivers)), slots: make([]float64, len(c.m.Drivers)+1)}
	r.vals = make([][]float64, c.m.Years+1)
	for y := range r.vals {
		r.vals[y] = make([]float64, len(c.m.Drivers))
	}
	r.cfPath = make([]float64, c.m.Years+1)
	return r
}

// net evaluates every line at year y with driver values d and returns the
// net flow; when lines is not nil it adds each line's value to it.
func (r *runner) net(y int, d []float64, lines []float64) (float64, error) {
	copy(r.slots, d)
	r.slots[len(d)] = float64(y)
	envSet := false
	var sum float64
	for l, p := range r.c.progs {
		var v float64
		if f := r.c.fast[l]; f != nil {
			v = f(r.slots)
		} else {
			if !envSet {
				for i, dr := range r.c.m.Drivers {
					r.env[dr.Name] = d[i]
				}
				r.env["year"] = float64(y)
				envSet = true
			}
			out, err := r.vm.Run(p, r.env)
			if err != nil {
				return 0, fmt.Errorf("line %d (%s), year %d: %v", l+1, r.c.m.Lines[l].Name, y, err)
			}
			v, _ = out.(float64)
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, fmt.Errorf("line %d (%s), year %d: the formula gives %v on a simulated path (drivers %v)", l+1, r.c.m.Lines[l].Name, y, v, d)
		}
		sum += v
		if lines != nil {
			lines[l] += v
		}
	}
	return sum, nil
}

// block simulates the paths of block b into out and returns the sums of
// the sampled line values by year.
func (r *runner) block(seed, b uint64, out []pathOut) ([]float64, error) {
	c := r.c
	N, nl := c.m.Years, len(c.m.Lines)
	src := rand.NewPCG(seed, b+1)
	rng := rand.New(src)
	draws := make([]func() float64, len(c.m.Drivers))
	for _, i := range c.drawn {
		draws[i] = c.m.Drivers[i].Uncertainty.sampler(src)
	}
	sums := make([]float64, (N+1)*nl)
	for p := range out {
		// Sample the drivers' path.
		for i, d := range c.m.Drivers {
			r.vals[0][i] = d.Value
		}
		for _, i := range c.drawn {
			v := draws[i]()
			for y := 1; y <= N; y++ {
				r.vals[y][i] = v
			}
		}
		for i, d := range c.m.Drivers {
			if d.Uncertainty == nil {
				for y := 1; y <= N; y++ {
					r.vals[y][i] = d.Value
				}
			}
		}
		for _, i := range c.gbm {
			u := c.m.Drivers[i].Uncertainty
			step := u.Drift - u.Sigma*u.Sigma/2
			v := c.m.Drivers[i].Value
			for y := 1; y <= N; y++ {
				v *= math.Exp(step + u.Sigma*rng.NormFloat64())
				r.vals[y][i] = v
			}
		}
		var pv, naive1 float64
		for y := 1; y <= N; y++ {
			cf, err := r.net(y, r.vals[y], sums[y*nl:(y+1)*nl])
			if err != nil {
				return nil, err
			}
			r.cfPath[y] = cf
			pv += cf * c.disc[y]
			if y >= 2 {
				naive1 += cf * c.disc[y-1]
			}
		}
		// Corrected PV₁: the lines on the drivers' expected path given year 1.
		var corr1 float64
		copy(r.proj, r.vals[1])
		for y := 2; y <= N; y++ {
			for _, i := range c.gbm {
				r.proj[i] = r.vals[1][i] * math.Exp(c.m.Drivers[i].Uncertainty.Drift*float64(y-1))
			}
			cf, err := r.net(y, r.proj, nil)
			if err != nil {
				return nil, err
			}
			corr1 += cf * c.disc[y-1]
		}
		out[p] = pathOut{pv: pv, zc1: corr1 + r.cfPath[1], zn1: naive1 + r.cfPath[1]}
	}
	return sums, nil
}

// summarise turns the paths into S, σ and their standard errors.
func (c *compiled) summarise(outs []pathOut, lineSums [][]float64, seed uint64) (*Result, error) {
	n := float64(len(outs))
	var mean, m2 float64
	for i, o := range outs { // Welford, in path order: repeatable.
		d := o.pv - mean
		mean += d / float64(i+1)
		m2 += d * (o.pv - mean)
	}
	if !(mean > 0) {
		return nil, fmt.Errorf("the expected present value of the flows is %.6g: S must be positive for an option (check the lines' signs)", mean)
	}
	zc := make([]float64, len(outs))
	zn := make([]float64, len(outs))
	for i, o := range outs {
		if !(o.zc1 > 0) || !(o.zn1 > 0) {
			return nil, fmt.Errorf("on path %d the value at year 1 (PV₁ + CF₁) is not positive: the one-year return ln((PV₁+CF₁)/PV₀) is undefined; the model's flows can turn negative, so σ of a log return does not describe it", i+1)
		}
		zc[i] = math.Log(o.zc1 / mean)
		zn[i] = math.Log(o.zn1 / mean)
	}
	sc, sce := sdWithSE(zc)
	sn, sne := sdWithSE(zn)
	N, nl := c.m.Years, len(c.m.Lines)
	res := &Result{
		S: mean, SSE: math.Sqrt(m2/(n-1)) / math.Sqrt(n),
		Sigma: sc, SigmaSE: sce, SigmaNaive: sn, SigmaNaiveSE: sne,
		Paths: len(outs), Seed: seed, Method: MethodCorrected, Returns: zc,
	}
	for _, l := range c.m.Lines {
		res.LineNames = append(res.LineNames, l.Name)
	}
	for y := 1; y <= N; y++ {
		row := YearRow{Year: y, Lines: make([]float64, nl)}
		for _, s := range lineSums {
			for l := 0; l < nl; l++ {
				row.Lines[l] += s[y*nl+l]
			}
		}
		for l := range row.Lines {
			row.Lines[l] /= n
			row.Net += row.Lines[l]
		}
		row.PV = row.Net * c.disc[y]
		res.Table = append(res.Table, row)
	}
	return res, nil
}

// sdWithSE returns the sample standard deviation of x and its standard
// error from the fourth central moment: Var(s²) ≈ (μ₄ − σ⁴)/n, so
// se(s) ≈ √(μ₄ − σ⁴) / (2σ√n).
func sdWithSE(x []float64) (sd, se float64) {
	n := float64(len(x))
	var mean float64
	for _, v := range x {
		mean += v
	}
	mean /= n
	var m2, m4 float64
	for _, v := range x {
		d := (v - mean) * (v - mean)
		m2 += d
		m4 += d * d
	}
	sd = math.Sqrt(m2 / (n - 1))
	mu2, mu4 := m2/n, m4/n
	if sd == 0 {
		return 0, 0
	}
	return sd, math.Sqrt(math.Max(mu4-mu2*mu2, 0)) / (2 * sd * math.Sqrt(n))
}
