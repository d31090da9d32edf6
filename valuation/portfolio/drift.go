package portfolio

import (
	"math"
	"sync"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
)

// DefaultDriftMonths are the horizons of Drift when none are given.
var DefaultDriftMonths = []int{3, 6, 12}

// DriftPoint is where an initiative sits in the option space at a date.
type DriftPoint struct {
	Months int        // months after the as-of date (0: now)
	AsOf   model.Date // the date
	T      float64    // time left in years (0 at or after the deadline)
	Value  float64
	NPVq   float64
	CumVol float64
	Region valuation.Region
}

// DriftRow is one initiative's drift: where it is now and where it will be
// at each horizon if nothing is done.
type DriftRow struct {
	ID, Name string
	Now      DriftPoint
	Later    []DriftPoint // one per horizon, in the order given
	// CrossesAt is the first horizon (months) at which the initiative is in
	// another region than now; 0 when it stays.
	CrossesAt int
	// DeadlineAt is the first horizon (months) at or after its deadline;
	// 0 when the deadline is later than every horizon.
	DeadlineAt int
}

// Drift shows where each open, valued initiative will be after each of
// months (DefaultDriftMonths when empty) if nothing is done: S, X, sigma
// and the drivers stay as they are while the as-of date moves on, so t
// runs down (cumulative volatility falls) and PV(X) rises towards X
// (NPVq falls): initiatives drift up and left on the map. Each horizon is
// the valuation with Options.AsOf moved by that many calendar months (see
// DriftOf, which gives the same rows from a valuation already made).
func Drift(p *model.Portfolio, opt Options, months ...int) ([]DriftRow, error) {
	now, err := Evaluate(p, opt)
	if err != nil {
		return nil, err
	}
	return DriftOf(p, now, months...), nil
}

// DriftOf returns Drift's rows for v, a valuation of p (with the
// valuation's own method and step count), without valuing the portfolio
// again: the drivers and
// formulas do not depend on the date, so each horizon prices each
// initiative's resolved inputs with t (and a staged option's stage date)
// counted from the later as-of date, by the engine's own pricing and
// placing, which is what a valuation as of that date does. The positions
// are remembered by their pricing inputs, so after a change that moved a
// few initiatives only those are priced again. It is safe for concurrent
// use.
func DriftOf(p *model.Portfolio, v *Valuation, months ...int) []DriftRow {
	if p == nil || v == nil {
		return nil
	}
	months, dates := driftDates(v.AsOf, months)
	th := p.Settings.Thresholds
	type job struct {
		row, k int
		t      float64
	}
	n := len(v.Initiatives)
	rows := make([]DriftRow, 0, n)
	jobs := make([]job, 0, n*len(months))
	keys := make([]driftKey, 0, n*len(months))
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		if !usable(r) || r.opt == nil {
			continue
		}
		in := initiativeAt(p, i, r.ID)
		if in == nil {
			continue
		}
		rows = append(rows, DriftRow{ID: r.ID, Name: r.Name, Now: driftPoint(r.Position, r.T, 0, v.AsOf), Later: make([]DriftPoint, 0, len(months))})
		for k, d := range dates {
			x := r.opt.Inputs
			x.T = math.Max(d.YearsUntil(in.Deadline), 0)
			jobs = append(jobs, job{len(rows) - 1, k, x.T})
			keys = append(keys, driftKey{realOption(in, x, d), th, r.steps})
		}
	}
	pos := make([]driftPosition, len(jobs))
	driftPositions(keys, pos)
	for j, jb := range jobs {
		if pos[j].err != nil {
			continue
		}
		row := &rows[jb.row]
		pt := driftPoint(pos[j].p, jb.t, months[jb.k], dates[jb.k])
		row.Later = append(row.Later, pt)
		if row.CrossesAt == 0 && pt.Region != row.Now.Region {
			row.CrossesAt = pt.Months
		}
		if row.DeadlineAt == 0 && pt.T == 0 {
			row.DeadlineAt = pt.Months
		}
	}
	return rows
}

// initiativeAt returns p's initiative id, looked for first at index i
// (a valuation lists the initiatives in the portfolio's order).
func initiativeAt(p *model.Portfolio, i int, id string) *model.Initiative {
	if i < len(p.Initiatives) && p.Initiatives[i].ID == id {
		return &p.Initiatives[i]
	}
	return p.Initiative(id)
}

func driftPoint(p valuation.Position, t float64, months int, d model.Date) DriftPoint {
	return DriftPoint{Months: months, AsOf: d, T: t, Value: p.Value, NPVq: p.NPVq, CumVol: p.CumVol, Region: p.Region}
}

// driftKey is everything a drift position depends on.
type driftKey struct {
	o     valuation.RealOption
	th    valuation.Thresholds
	steps int
}

// driftPosition is a placed position, or why it could not be placed.
type driftPosition struct {
	p   valuation.Position
	err error
}

// driftCache remembers drift positions by their pricing inputs; it is
// cleared when it grows beyond maxDrift entries.
var driftCache = struct {
	sync.Mutex
	m map[driftKey]driftPosition
}{m: map[driftKey]driftPosition{}}

const maxDrift = 1 << 16

// driftPositions fills out[j] with the placed position of keys[j], from the
// cache or priced in parallel by the engine's priceAll (price and place).
func driftPositions(keys []driftKey, out []driftPosition) {
	type group struct {
		th    valuation.Thresholds
		steps int
	}
	miss := map[group][]int{}
	driftCache.Lock()
	for j, k := range keys {
		if dp, ok := driftCache.m[k]; ok {
			out[j] = dp
		} else {
			g := group{k.th, k.steps}
			miss[g] = append(miss[g], j)
		}
	}
	driftCache.Unlock()
	for g, js := range miss {
		rs := make([]InitiativeResult, len(js))
		idx := make([]int, len(js))
		for n, j := range js {
			rs[n].opt, idx[n] = &keys[j].o, n
		}
		priceAll(rs, idx, g.th, g.steps, 0, nil)
		driftCache.Lock()
		if len(driftCache.m)+len(js) > maxDrift {
			clear(driftCache.m)
		}
		for n, j := range js {
			out[j] = driftPosition{rs[n].Position, rs[n].Err}
			driftCache.m[keys[j]] = out[j]
		}
		driftCache.Unlock()
	}
}

// driftDates returns months (DefaultDriftMonths when empty) and the dates
// that many months after asOf, the horizons of DriftOf and DriftPlacesOf.
func driftDates(asOf model.Date, months []int) ([]int, []model.Date) {
	if len(months) == 0 {
		months = DefaultDriftMonths
	}
	dates := make([]model.Date, len(months))
	for k, m := range months {
		dates[k] = asOf.AddMonths(m)
	}
	return months, dates
}
