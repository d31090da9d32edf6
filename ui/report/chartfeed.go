package report

import (
	"github.com/optionspace/optionspace/ui/chart"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// valuationOptions are the options of the report's valuation of the
// portfolio (when Input.Valuation is nil): with its links and, for the
// full profile, whose initiative pages draw payoff curves, with the
// choose options' curves kept over the chart's spots
// (portfolio.Options.PayoffRange; the same values, and the curve then
// costs no lattice of its own).
func valuationOptions(prof Profile) portfolio.Options {
	o := portfolio.Options{WithLinks: true}
	if prof == ProfileFull || prof == "" {
		o.PayoffRange = chart.PayoffRange
	}
	return o
}

// chartFeed computes the charts of the initiative pages (prefetchPages)
// batch by batch in the pages' order, up to its channel's capacity of
// batches ahead of the one the final pass draws. Build starts it before
// the layout pass, which draws no charts and runs on one goroutine, so
// that the other cores compute the first batches meanwhile (the charts
// do not depend on the layout); the final pass then takes the batches
// from it. The batches held ahead bound the charts kept in memory
// whatever the portfolio's size.
type chartFeed struct {
	batches chan map[string]*pageCharts
	stop    chan struct{}
}

// chartBatch is the number of initiative pages in a batch of the final
// pass (spooled together, their charts computed together).
const chartBatch = 16

// chartsAhead is the most batches chartFeed holds computed ahead of the
// one being drawn: about what the workers compute during the layout pass
// of a report of choose options (its pages' charts take a few
// milliseconds each, the layout pass about half a millisecond a page).
const chartsAhead = 8

// startChartFeed starts computing the charts of d's initiative pages,
// batches of chartBatch pages in d.order.
func startChartFeed(d *reportData) *chartFeed {
	f := &chartFeed{batches: make(chan map[string]*pageCharts, chartsAhead), stop: make(chan struct{})}
	go func() {
		defer close(f.batches)
		for k0 := 0; k0 < len(d.order); k0 += chartBatch {
			select {
			case <-f.stop:
				return
			default:
			}
			m := <-prefetchPages(d, d.order[k0:min(k0+chartBatch, len(d.order))])
			select {
			case f.batches <- m:
			case <-f.stop:
				return
			}
		}
	}()
	return f
}

// next returns the next batch's charts (nil after the last).
func (f *chartFeed) next() map[string]*pageCharts { return <-f.batches }

// close stops the feed: it computes no batch after the current one and
// leaves no goroutine behind. close may be called more than once.
func (f *chartFeed) close() {
	select {
	case <-f.stop:
	default:
		close(f.stop)
	}
}
