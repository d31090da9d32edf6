package portfolio

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation"
)

// benchPortfolio builds n initiatives (defer options with leakage, so each
// is an American call with early exercise), nd drivers and links
// gate, excludes and synergy links. S = driver * a; driver d0 feeds the
// first 20 initiatives, the others are spread over the remaining drivers.
func benchPortfolio(n, nd, links int) *model.Portfolio {
	rng := rand.New(rand.NewPCG(1, 2))
	asOf := model.NewDate(2026, time.January, 1)
	p := model.NewSCRMTemplate("bench", asOf)
	for k := range nd {
		p.Drivers = append(p.Drivers, model.Driver{Name: fmt.Sprintf("d%d", k), Value: 1, Low: 0.5, High: 2})
	}
	for i := range n {
		d := 0
		if i >= 20 {
			d = 1 + (i-20)%(nd-1)
		}
		p.Initiatives = append(p.Initiatives, model.Initiative{
			ID: fmt.Sprintf("i%d", i), Name: fmt.Sprintf("Initiative %d", i), Tag: "action", Kind: model.KindDefer, Status: model.StatusOpen,
			S:        model.Formula(fmt.Sprintf("d%d * %.2f", d, 50+100*rng.Float64())),
			X:        model.Number(60 + 100*rng.Float64()),
			Sigma:    model.Number(0.2 + 0.4*rng.Float64()),
			Leakage:  0.01 + 0.07*rng.Float64(),
			Deadline: asOf.AddMonths(6 + rng.IntN(42)),
		})
	}
	for len(p.Links) < links {
		a, b := rng.IntN(n), rng.IntN(n)
		if a == b {
			continue
		}
		if a > b {
			a, b = b, a
		}
		l := model.Link{From: p.Initiatives[a].ID, To: p.Initiatives[b].ID}
		switch k := len(p.Links) % 10; {
		case k < 3:
			l.Kind = model.LinkGates // a -> b with a < b: no cycle
		case k < 5:
			l.Kind = model.LinkExcludes
		default:
			l.Kind, l.Correlation = model.LinkSynergy, 0.1+0.2*rng.Float64()
		}
		p.Links = append(p.Links, l)
	}
	return p
}

var sinkTotal float64

// reportCPU reports the CPU time per operation since start, for n
// operations.
func reportCPU(b *testing.B, start time.Duration, n int) {
	if n > 0 {
		b.ReportMetric(float64(modeltest.CPUTime()-start)/float64(n)/1e6, "cpu-ms/op")
	}
}

// BenchmarkPortfolioRevalue1000: a full valuation of 1,000 initiatives,
// 200 drivers, 2,000 links, by the default method (the exercise boundary),
// after every driver moved (so every S, value and follow-on is recomputed;
// exercise boundaries and triggers, which do not depend on S, come from the
// caches).
func BenchmarkPortfolioRevalue1000(b *testing.B) {
	p := benchPortfolio(1000, 200, 2000)
	opt := Options{WithLinks: true}
	if _, err := Evaluate(p, opt); err != nil {
		b.Fatal(err)
	}
	k := 0
	start := modeltest.CPUTime()
	for b.Loop() {
		k++
		for d := range p.Drivers {
			p.Drivers[d].Value = 1 + 0.01*float64(k%2)
		}
		v, _ := Evaluate(p, opt)
		sinkTotal = v.Total
	}
	reportCPU(b, start, k)
}

// benchCold values p with empty boundary and trigger caches: every
// exercise boundary is solved again.
func benchCold(b *testing.B, n int) {
	benchFirst(b, benchPortfolio(n, n/5, 2*n), Options{WithLinks: true}, nil)
}

// benchFirst times a first valuation of p: the boundary and trigger caches
// emptied before each, then the boundaries of stored loaded back (none when
// stored is nil), as when a portfolio is reopened. It returns the number
// of valuations timed.
func benchFirst(b *testing.B, p *model.Portfolio, opt Options, stored map[string][]byte) int {
	k, start := 0, modeltest.CPUTime()
	for b.Loop() {
		k++
		triggerCache.reset()
		valuation.ClearBoundaryCache()
		if stored != nil {
			valuation.LoadBoundaryCache(stored)
		}
		v, err := Evaluate(p, opt)
		if err != nil {
			b.Fatal(err)
		}
		sinkTotal = v.Total
	}
	reportCPU(b, start, k)
	return k
}

// BenchmarkPortfolioRevalueCold1000 and BenchmarkPortfolioRevalueCold10000:
// a first valuation of 1,000 (10,000) defer options with leakage, n/5
// drivers and 2n links, nothing cached.
func BenchmarkPortfolioRevalueCold1000(b *testing.B)  { benchCold(b, 1000) }
func BenchmarkPortfolioRevalueCold10000(b *testing.B) { benchCold(b, 10000) }

// reopenStored is what BenchmarkPortfolioRevalueReopen1000 stored.
var reopenStored map[string][]byte

// BenchmarkPortfolioRevalueReopen1000: the first valuation after
// reopening a portfolio whose exercise boundaries were kept in the store
// (valuation.BoundaryCacheEntries, loaded back with LoadBoundaryCache):
// the in-memory caches are empty, no boundary is solved again.
func BenchmarkPortfolioRevalueReopen1000(b *testing.B) {
	p := benchPortfolio(1000, 200, 2000)
	opt := Options{WithLinks: true}
	if reopenStored == nil {
		// Once per process: BoundaryCacheEntries returns each boundary
		// once (it is then in the database).
		valuation.ClearBoundaryCache()
		if _, err := Evaluate(p, opt); err != nil {
			b.Fatal(err)
		}
		reopenStored = valuation.BoundaryCacheEntries()
	}
	benchFirst(b, p, opt, reopenStored)
}

// BenchmarkDriverChange1000: one driver feeding 20 of the 1,000
// initiatives moves; the engine re-prices those 20 and redoes links and
// totals.
func BenchmarkDriverChange1000(b *testing.B) {
	p := benchPortfolio(1000, 200, 2000)
	en := linkedEngine(b, p)
	k, start := 0, modeltest.CPUTime()
	for b.Loop() {
		k++
		im, err := en.SetDriver("d0", 1+0.01*float64(k%2))
		if err != nil || im.Repriced != 20 {
			b.Fatal(err, im.Repriced)
		}
		sinkTotal = im.TotalAfter
	}
	reportCPU(b, start, k)
}

// BenchmarkSimulate: 100 initiatives (American lattices, valued at the
// horizon on grids), 10,000 paths, correlated by synergy links.
func BenchmarkSimulate(b *testing.B) {
	p := benchPortfolio(100, 20, 200)
	for b.Loop() {
		res, err := Simulate(context.Background(), p, SimOptions{Paths: 10000, Seed: 1, Horizon: 0.5, Valuation: Options{WithLinks: true}})
		if err != nil {
			b.Fatal(err)
		}
		sinkTotal = res.Mean
	}
}
