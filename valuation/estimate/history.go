package estimate

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"time"
)

// Point is one dated value of a history.
type Point struct {
	Date  time.Time
	Value float64
}

// HistoryResult is the volatility of a history.
type HistoryResult struct {
	// Sigma is the annualised standard deviation of the log returns.
	Sigma float64 `json:"sigma"`
	// SigmaSE is its standard error, Sigma/√(2(n−1)) for n returns.
	SigmaSE float64 `json:"sigma_se"`
	// EWMA is the RiskMetrics exponentially weighted estimate (λ = Lambda)
	// at the last date, annualised.
	EWMA   float64 `json:"ewma"`
	Lambda float64 `json:"lambda"`
	// Returns is the number of log returns used (points − 1).
	Returns int `json:"returns"`
	// Years is the span of the history in years.
	Years float64 `json:"years"`
	// MeanSpacingDays is the average gap between two dates.
	MeanSpacingDays float64 `json:"mean_spacing_days"`
	From            string  `json:"from"`
	To              string  `json:"to"`
	// OutOfOrder is the place (1-based) of the first point dated before
	// the one given above it, 0 when the points came in date order; they
	// are sorted either way, but a mistyped date would sort in silently.
	OutOfOrder int `json:"out_of_order,omitempty"`
}

// EWMALambda is the RiskMetrics decay factor for daily data.
const EWMALambda = 0.94

// MaxHistoryPoints bounds a history so that any input costs bounded time.
const MaxHistoryPoints = 10_000_000

// daysPerYear turns date gaps into years.
const daysPerYear = 365.25

// History estimates σ from a dated series. The points may come in any order;
// they are sorted by date. Every value must be positive and finite, and two
// points may not share a date.
func History(points []Point) (HistoryResult, error) {
	n := len(points)
	if n < 3 {
		return HistoryResult{}, fmt.Errorf("a history needs at least 3 dated values, got %d", n)
	}
	if n > MaxHistoryPoints {
		return HistoryResult{}, fmt.Errorf("a history holds at most %d values, got %d", MaxHistoryPoints, n)
	}
	ps := points
	outOfOrder := 0
	for i := 1; i < n; i++ {
		if points[i].Date.Before(points[i-1].Date) {
			outOfOrder = i + 1
			break
		}
	}
	if outOfOrder > 0 {
		ps = make([]Point, n)
		copy(ps, points)
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].Date.Before(ps[j].Date) })
	}
	for i, p := range ps {
		if !(p.Value > 0) || math.IsInf(p.Value, 0) {
			return HistoryResult{}, fmt.Errorf("value %g on %s: every value must be a positive finite number (log returns need it)", p.Value, p.Date.Format(time.DateOnly))
		}
		if i > 0 && !p.Date.After(ps[i-1].Date) {
			return HistoryResult{}, fmt.Errorf("two values on %s: each date may appear once", p.Date.Format(time.DateOnly))
		}
	}
	m := n - 1
	var sumR, sumDt float64
	r := make([]float64, m)
	dt := make([]float64, m)
	for i := 0; i < m; i++ {
		r[i] = math.Log(ps[i+1].Value / ps[i].Value)
		dt[i] = ps[i+1].Date.Sub(ps[i].Date).Hours() / 24 / daysPerYear
		sumR += r[i]
		sumDt += dt[i]
	}
	mu := sumR / sumDt
	var ss float64
	for i := 0; i < m; i++ {
		d := r[i] - mu*dt[i]
		ss += d * d / dt[i]
	}
	sigma := math.Sqrt(ss / float64(m-1))
	// EWMA over returns scaled to one year; seeded with the first return.
	u0 := r[0] / math.Sqrt(dt[0])
	v := u0 * u0
	for i := 1; i < m; i++ {
		u := r[i] / math.Sqrt(dt[i])
		v = EWMALambda*v + (1-EWMALambda)*u*u
	}
	return HistoryResult{
		Sigma:           sigma,
		SigmaSE:         sigma / math.Sqrt(2*float64(m-1)),
		EWMA:            math.Sqrt(v),
		Lambda:          EWMALambda,
		Returns:         m,
		Years:           sumDt,
		MeanSpacingDays: sumDt * daysPerYear / float64(m),
		From:            ps[0].Date.Format(time.DateOnly),
		To:              ps[n-1].Date.Format(time.DateOnly),
		OutOfOrder:      outOfOrder,
	}, nil
}

// z90 is the 90th percentile of the standard normal distribution.
const z90 = 1.2815515655446004

// ThreePoint returns σ of a lognormal whose 10th, 50th and 90th percentiles
// at horizon years are p10, p50 and p90: (ln p90 − ln p10)/(2·z₀.₉·√T). The
// likely value p50 is not needed for σ but must lie between the two.
func ThreePoint(p10, p50, p90, years float64) (float64, error) {
	if err := checkThree(p10, p50, p90); err != nil {
		return 0, err
	}
	if !(years > 0) || years > 1000 || math.IsInf(years, 0) {
		return 0, fmt.Errorf("the horizon must be a positive number of years up to 1000, got %g", years)
	}
	return (math.Log(p90) - math.Log(p10)) / (2 * z90 * math.Sqrt(years)), nil
}

// ThreePointMean returns the expected value at the horizon of the
// lognormal ThreePoint reads: median p50 and σ over years, so
// E[V] = p50 · exp(σ² T / 2). S, the present value of the cash flows, is
// this expectation discounted (not the median: with σ 0.3 over 2 years the
// median is 8.6% below the mean).
func ThreePointMean(p50, sigma, years float64) float64 {
	return p50 * math.Exp(sigma*sigma*years/2)
}

// ThreePointMedian returns the median the pessimistic and optimistic
// values imply, √(p10 · p90): where the likely value p50 is far from it,
// the three are not percentiles of one lognormal (σ reads p10 and p90
// only).
func ThreePointMedian(p10, p90 float64) float64 { return math.Sqrt(p10) * math.Sqrt(p90) }

func checkThree(low, mode, high float64) error {
	for _, v := range []float64{low, mode, high} {
		if !(v > 0) || math.IsInf(v, 0) || v > 1e15 {
			return fmt.Errorf("the three values must be positive finite numbers up to 1e15, got %g", v)
		}
	}
	if !(low < high) || mode < low || mode > high {
		return errors.New("the values must be ordered pessimistic <= likely <= optimistic, with pessimistic < optimistic")
	}
	return nil
}

// DatarMathews returns E[max(V − x, 0)] for V triangular on [low, high] with
// mode mode, multiplied by discount (the present-value factor of the
// horizon): the Datar–Mathews value of a three-point estimate, in closed
// form.
func DatarMathews(low, mode, high, x, discount float64) (float64, error) {
	if err := checkThree(low, mode, high); err != nil {
		return 0, err
	}
	if !(x >= 0) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("the investment must be a non-negative finite number, got %g", x)
	}
	if !(discount > 0) || discount > 1e6 {
		return 0, fmt.Errorf("the discount factor must be positive, got %g", discount)
	}
	return discount * triangularCallPayoff(low, mode, high, x), nil
}

// triangularCallPayoff is E[max(V − x, 0)], V ~ Triangular(a, c, b) with
// mode c. It integrates (v − x)·f(v) piecewise: on [a, c] the density is
// 2(v−a)/((b−a)(c−a)), on [c, b] it is 2(b−v)/((b−a)(b−c)).
func triangularCallPayoff(a, c, b, x float64) float64 {
	if x <= a {
		mean := (a + b + c) / 3
		return mean - x
	}
	if x >= b {
		return 0
	}
	w := b - a
	// Upper piece: ∫_{max(x,c)}^{b} (v − x)·2(b−v)/(w(b−c)) dv.
	var up float64
	if b > c {
		lo := math.Max(x, c)
		up = 2 / (w * (b - c)) * antiUpper(lo, b, x)
	}
	// Lower piece: ∫_{x}^{c} (v − x)·2(v−a)/(w(c−a)) dv when x < c.
	var low float64
	if x < c && c > a {
		low = 2 / (w * (c - a)) * (antiLower(c, a, x) - antiLower(x, a, x))
	}
	return up + low
}

// antiUpper is ∫_{lo}^{b} (v − x)(b − v) dv.
func antiUpper(lo, b, x float64) float64 {
	// Substitute u = b − v: ∫_0^{b−lo} (b − x − u) u du.
	h := b - lo
	return (b-x)*h*h/2 - h*h*h/3
}

// antiLower is an antiderivative of (v − x)(v − a) at v.
func antiLower(v, a, x float64) float64 {
	return v*v*v/3 - (a+x)*v*v/2 + a*x*v
}
