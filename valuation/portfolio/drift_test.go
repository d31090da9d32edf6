package portfolio

import (
	"math/rand/v2"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// driftByValuations is the reference: a whole valuation as of each later
// date (Options.AsOf moved by the months), the definition Drift documents.
func driftByValuations(t *testing.T, p *model.Portfolio, opt Options, months []int) map[string][]DriftPoint {
	t.Helper()
	now, err := Evaluate(p, opt)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]DriftPoint{}
	for _, m := range months {
		o := opt
		o.AsOf = now.AsOf.AddMonths(m)
		v, err := Evaluate(p, o)
		if err != nil {
			t.Fatal(err)
		}
		for i := range now.Initiatives {
			r, l := &now.Initiatives[i], &v.Initiatives[i]
			if !usable(r) || l.Err != nil {
				continue
			}
			out[r.ID] = append(out[r.ID], DriftPoint{Months: m, AsOf: v.AsOf, T: l.T, Value: l.Position.Value,
				NPVq: l.Position.NPVq, CumVol: l.Position.CumVol, Region: l.Position.Region})
		}
	}
	return out
}

// TestDriftOfEqualsValuationsAtLaterDates: DriftOf, from the valuation
// already made, gives exactly the positions of whole valuations as of the
// later dates, for the sample and random portfolios of every kind, with the
// default method and with a step count, cold and from its cache.
func TestDriftOfEqualsValuationsAtLaterDates(t *testing.T) {
	sample := modeltest.Sample(t)
	// A staged option whose pilot decision (in 8 months) passes between
	// the horizons: the stage date counts from the later date too.
	staged := sample.Clone()
	st := staged.Initiatives[0]
	st.ID, st.Name, st.Kind = "staged-pilot", "Staged pilot", model.KindStaged
	st.S, st.X, st.Sigma, st.Leakage = model.Number(1.2e6), model.Number(1e6), model.Number(0.4), 0.03
	st.StageCost = 5e4
	st.StageDeadline = model.Date{Time: staged.AsOf.AddDate(0, 8, 0)}
	st.Deadline = model.Date{Time: staged.AsOf.AddDate(2, 0, 0)}
	staged.Initiatives = append(staged.Initiatives, st)
	if err := staged.Validate(); err != nil {
		t.Fatal(err)
	}
	ports := []*model.Portfolio{sample, staged, modeltest.Random(rand.New(rand.NewPCG(7, 11)), 60), modeltest.Large(200, 80, 8)}
	months := []int{3, 6, 12, 30}
	for _, p := range ports {
		for _, steps := range []int{0, 51} {
			opt := Options{WithLinks: true, Steps: steps}
			want := driftByValuations(t, p, opt, months)
			v, err := Evaluate(p, opt)
			if err != nil {
				t.Fatal(err)
			}
			for pass := range 2 { // cold, then from the cache
				if pass == 0 {
					driftCache.Lock()
					clear(driftCache.m)
					driftCache.Unlock()
				}
				rows := DriftOf(p, v, months...)
				if len(rows) != len(want) || len(rows) == 0 {
					t.Fatalf("%s, %d steps: %d rows, want %d", p.Name, steps, len(rows), len(want))
				}
				for _, row := range rows {
					w := want[row.ID]
					if len(row.Later) != len(w) {
						t.Fatalf("%s: %d points, want %d", row.ID, len(row.Later), len(w))
					}
					for k, pt := range row.Later {
						if pt != w[k] {
							t.Fatalf("%s, %d steps, pass %d: %s at %d months %+v, a valuation as of then %+v", p.Name, steps, pass, row.Name, pt.Months, pt, w[k])
						}
					}
					r := v.ByID(row.ID)
					if row.Now.Value != r.Position.Value || row.Now.Region != r.Position.Region || row.Now.T != r.T {
						t.Fatalf("%s now %+v, valuation %+v", row.ID, row.Now, r.Position)
					}
				}
			}
		}
	}
}

// TestDriftOfRepricesOnlyWhatMoved: after a driver change, a second DriftOf
// prices only the initiatives whose inputs moved (the others come from the
// cache), and still equals whole valuations as of the later dates.
func TestDriftOfRepricesOnlyWhatMoved(t *testing.T) {
	p := modeltest.Large(300, 100, 10)
	en := linkedEngine(t, p)
	driftCache.Lock()
	clear(driftCache.m)
	driftCache.Unlock()
	DriftOf(en.Portfolio(), en.Valuation())
	d := p.Drivers[0]
	im, err := en.SetDriver(d.Name, (d.Low+d.High)/2+0.01*(d.High-d.Low))
	if err != nil {
		t.Fatal(err)
	}
	driftCache.Lock()
	before := len(driftCache.m)
	driftCache.Unlock()
	rows := DriftOf(en.Portfolio(), en.Valuation())
	driftCache.Lock()
	added := len(driftCache.m) - before
	driftCache.Unlock()
	moved := 0
	for _, m := range im.Moved {
		if m.Before.Value != m.After.Value {
			moved++
		}
	}
	if moved == 0 || added > moved*len(DefaultDriftMonths) {
		t.Errorf("after a driver change that moved %d values, %d drift positions were priced; want at most %d", moved, added, moved*len(DefaultDriftMonths))
	}
	want := driftByValuations(t, en.Portfolio(), Options{WithLinks: true}, DefaultDriftMonths)
	for _, row := range rows {
		for k, pt := range row.Later {
			if pt != want[row.ID][k] {
				t.Fatalf("%s at %d months %+v, want %+v", row.ID, pt.Months, pt, want[row.ID][k])
			}
		}
	}
}

// BenchmarkDriftOf times the map's drift of 1,000 initiatives at 3, 6 and
// 12 months: cold (every position priced) and warm (from the cache, as
// after a change that moved nothing of the initiative).
func BenchmarkDriftOf(b *testing.B) {
	p := modeltest.Large(1000, 500, 20)
	v, err := Evaluate(p, Options{WithLinks: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("cold1000", func(b *testing.B) {
		for b.Loop() {
			driftCache.Lock()
			clear(driftCache.m)
			driftCache.Unlock()
			DriftOf(p, v)
		}
	})
	b.Run("warm1000", func(b *testing.B) {
		DriftOf(p, v)
		for b.Loop() {
			DriftOf(p, v)
		}
	})
}
