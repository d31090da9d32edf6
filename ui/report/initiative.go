package report

// The per-initiative pages.

import (
	"fmt"
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"gonum.org/v1/plot"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/chart"
	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// initiativePage writes one initiative's page(s).
func (w *writer) initiativePage(d *reportData, k, i int) {
	in := &d.p.Initiatives[i]
	r := &d.v.Initiatives[i]
	cur := d.cur
	w.newPage(false)
	if k == 0 {
		w.anchor(secEach, titleEach, 0)
	}
	w.anchor(initAnchor(i), d.initTitle(k, i), 1)
	w.font("", sizeSmall)
	w.textColor(colMuted)
	w.text(marginX, w.y()+sizeSmall, fmt.Sprintf("Initiative %d of %d", k+1, len(d.order)))
	w.setY(w.y() + 14)
	w.h1(in.Name)

	// Badges: region, then tag, kind, status, owner.
	x := marginX
	y := w.y() - 4
	if reg := regionOf(r); reg > 0 {
		c := d.regionC[reg]
		fg := colWhite
		if c.light() {
			fg = colText
		}
		x += w.badge(x, y, fmt.Sprintf("Region %d · %s", int(reg), reg.String()), c, fg) + 6
		x += w.badge(x, y, "Action: "+reg.Action(), colTint, colAccent) + 6
		if _, now := d.sum.GateAction(r.ID); now != "" {
			// The link-aware action beside the region's (Summary.Waits,
			// GateLapsed; the gate is named in the summary and the CSV).
			x += w.badge(x, y, "Now: "+now, colTint, colAccent) + 6
		}
	} else if r.Err != nil {
		x += w.badge(x, y, "Not valued", colTint, colAccent) + 6
	} else {
		x += w.badge(x, y, "Status: "+string(r.Status), colTint, colAccent) + 6
	}
	w.font("", sizeSmall)
	w.textColor(colMuted)
	meta := fmt.Sprintf("%s · %s · %s · owner %s", orDash(in.Tag), orDash(string(in.Kind)), orDash(string(in.Status)), orDash(in.Owner))
	w.text(x+2, y+10, w.fit(meta, w.pageW()-marginX-x-2))
	w.setY(y + 24)

	w.paragraph(in.Rationale, 0)

	// Numbers (left) and method (right).
	colW := (w.contentW() - 16) / 2
	w.ensure(15 * rowHeight)
	top := w.y()
	w.subhead(marginX, top, "Numbers")
	w.subhead(marginX+colW+16, top, "Method")
	pairs := numberPairs(in, r, cur, d.passed(in, r))
	yl := w.keyValues(marginX, top+18, colW, pairs)
	yr := w.methodBlock(d, marginX+colW+16, top+18, colW, in, r)
	w.setY(math.Max(yl, yr) + 10)

	if r.Err == nil {
		w.initiativeCharts(d, in, r, colW)
	}
	w.initiativeLists(d, in)
}

// numberPairs are the rows of an initiative's "Numbers" block; a passed
// deadline (pm, the report's date) shows its date "(passed)" and its time
// to deadline t "passed".
func numberPairs(in *model.Initiative, r *portfolio.InitiativeResult, cur string, pm passedMarks) [][2]string {
	pairs := [][2]string{}
	deadline := [2]string{"Deadline", format.Deadline(in.Deadline, pm.deadline)}
	if r.Err != nil {
		pairs = append(pairs, deadline)
	} else {
		pos := r.Position
		t := formatFloat(r.T, 2) + " years"
		if pm.deadline {
			t = format.Passed
		}
		pairs = append(pairs,
			[2]string{"Value of cash flows S", formatMoney(r.S, cur)},
			[2]string{"Investment X", formatMoney(r.X, cur)},
			deadline,
			[2]string{"Time to deadline t", t},
			[2]string{"Volatility σ", formatPercent(r.Sigma, 1)},
			[2]string{"S and σ from", "S " + in.InputOrigin("S") + ", σ " + in.InputOrigin("sigma")},
			[2]string{"Rate r (continuous)", formatPercent(r.R, 2)},
			[2]string{"Leakage q", formatPercent(r.Q, 1)},
			[2]string{"Option value", formatMoney(pos.Value, cur)},
			[2]string{"NPV now (" + npvLabel(pos.PutLike) + ")", formatMoney(pos.NPV, cur)},
			[2]string{"NPVq", formatFloat(pos.NPVq, 3)},
			[2]string{"σ√t", formatFloat(pos.CumVol, 3)},
			[2]string{"C/S (from NPVq, σ√t)", formatPercent(pos.CallShare, 1)},
			[2]string{"Trigger", triggerBandText(r, cur)},
		)
		if r.FollowOn != 0 {
			pairs = append(pairs, [2]string{"Follow-on value", formatMoney(r.FollowOn, cur)}, [2]string{"Value with follow-ons", formatMoney(r.WithFollowOns, cur)})
		}
	}
	if in.Kind == model.KindStaged && !in.StageDeadline.IsZero() {
		pairs = append(pairs, [2]string{"Stage deadline", format.Deadline(in.StageDeadline, pm.stage)})
	}
	return pairs
}

// passedMarks say which of an initiative's deadlines have passed on the
// report's date.
type passedMarks struct{ deadline, stage bool }

// passed returns the marks of initiative in, valued in r: the engine's
// (InitiativeResult.DeadlinePassed, StageDeadlinePassed) when the report
// is dated on the valuation's as-of date, else the engine's rule
// (portfolio.DeadlinePassed) on the report's date, as the decisions due
// apply it.
func (d *reportData) passed(in *model.Initiative, r *portfolio.InitiativeResult) passedMarks {
	if d.now.Equal(d.v.AsOf.Time) {
		return passedMarks{r.DeadlinePassed, r.StageDeadlinePassed}
	}
	return passedMarks{portfolio.DeadlinePassed(in.Deadline, d.now), portfolio.StageDeadlinePassed(in, d.now)}
}

// The initiative page's charts: each chartW() wide and chartH high, the
// tornado laid out at tornadoScale, the payoff at payoffScale (see
// drawPlot).
const (
	chartH       = 185.0
	tornadoScale = 0.68
	payoffScale  = 0.72
)

// chartW is the width of each of an initiative page's two charts, side
// by side on a portrait page (initiativePage's colW).
func chartW() float64 { return (pageSize().Wd - 2*marginX - 16) / 2 }

// initiativeCharts draws the tornado and payoff charts of a valued
// initiative side by side, each colW wide: their recordings when
// prefetchPages made them for this box, else drawn here.
func (w *writer) initiativeCharts(d *reportData, in *model.Initiative, r *portfolio.InitiativeResult, colW float64) {
	w.ensure(chartH + 10)
	y := w.y()
	pc := w.charts[in.ID]
	var c *chartData
	if pc != nil {
		c = pc.data
	}
	data := func() *chartData {
		if c == nil {
			c = chartDataOf(d, in.ID, r)
		}
		return c
	}
	draw := func(x, scale float64, rc *recording, rerr error, build func(*reportData, *chartData) (*plot.Plot, error)) {
		if w.dry {
			return
		}
		if pc != nil && rerr != nil {
			w.placeholder(x, y, colW, chartH, "Chart not available: "+errText(rerr))
			return
		}
		if rc != nil && rc.fits(colW, chartH, scale) {
			drawRecording(w, rc, x, y, colW, chartH, scale)
			return
		}
		w.chart(x, y, colW, chartH, scale, func() (*plot.Plot, error) { return build(d, data()) })
	}
	var trec, prec *recording
	var terr, perr error
	if pc != nil {
		trec, prec, terr, perr = pc.trec, pc.prec, pc.trecErr, pc.precErr
	}
	draw(marginX, tornadoScale, trec, terr, tornadoPlot)
	draw(marginX+colW+16, payoffScale, prec, perr, payoffPlot)
	w.setY(y + chartH + 6)
}

// tornadoPlot is the plot of an initiative page's tornado chart of c.
func tornadoPlot(d *reportData, c *chartData) (*plot.Plot, error) {
	if c.terr != nil {
		return nil, c.terr
	}
	ti := c.tornado
	ti.Title = "Sensitivity of the option value"
	return chart.Tornado(ti, d.style)
}

// payoffPlot is the plot of an initiative page's payoff chart of c.
func payoffPlot(d *reportData, c *chartData) (*plot.Plot, error) {
	if c.perr != nil {
		return nil, c.perr
	}
	pi := c.payoff
	pi.Title = "Payoff"
	return chart.Payoff(pi, d.style)
}

// chartData is what an initiative page's two charts show: the tornado's
// and the payoff's inputs (valuation work: about 190 option values), or
// the error each chart shows instead.
type chartData struct {
	tornado    chart.TornadoInput
	payoff     chart.PayoffInput
	terr, perr error
}

// chartDataOf computes the charts' inputs of initiative id, whose result
// is r.
func chartDataOf(d *reportData, id string, r *portfolio.InitiativeResult) *chartData {
	c := &chartData{}
	o, err := chart.OptionOf(d.p, d.v, id)
	if err != nil {
		c.terr, c.perr = err, err
		return c
	}
	c.tornado, c.terr = chart.TornadoFor(r, "", d.cur)
	c.payoff, c.perr = chart.PayoffForCurve(o, r.PayoffCurve(), r.Trigger(), "", d.cur)
	return c
}

// pageCharts are an initiative page's charts made ahead (prefetchPages):
// their inputs, and the two charts recorded for their boxes (trec, prec;
// nil for a nil plot, which the page then draws itself), or the error
// building the plot returned (trecErr, precErr), which the page shows.
type pageCharts struct {
	data             *chartData
	trec, prec       *recording
	trecErr, precErr error
}

// pageChartsOf computes the charts' inputs of initiative id, whose result
// is r, and records the two charts for the boxes initiativeCharts draws
// them in (chartW by chartH).
func pageChartsOf(d *reportData, id string, r *portfolio.InitiativeResult) *pageCharts {
	pc := &pageCharts{data: chartDataOf(d, id, r)}
	wd := chartW()
	rec := func(build func(*reportData, *chartData) (*plot.Plot, error), scale float64) (*recording, error) {
		p, err := build(d, pc.data)
		if err != nil || p == nil {
			return nil, err
		}
		return recordPlot(p, wd, chartH, scale), nil
	}
	pc.trec, pc.trecErr = rec(tornadoPlot, tornadoScale)
	pc.prec, pc.precErr = rec(payoffPlot, payoffScale)
	return pc
}

// prefetchPages computes, off the caller's goroutine, the charts of the
// initiatives idx that initiativePage draws charts for (those valued):
// their inputs and their recordings (pageChartsOf), so that only the
// replay into the PDF is left to the page; it sends them, by initiative
// ID, on the channel it returns. The final pass computes the next batch
// of initiative pages' charts this way while it draws the current batch.
// The initiatives are shared out among up to GOMAXPROCS workers (a choose
// option's charts take tens of milliseconds, the others' well under
// one), each initiative's charts computed by one worker exactly as on its
// own, so the map holds the same values whatever the workers' order.
func prefetchPages(d *reportData, idx []int) <-chan map[string]*pageCharts {
	ch := make(chan map[string]*pageCharts, 1) // never blocks: a cancelled report leaves no goroutine behind
	go func() {
		valued := make([]int, 0, len(idx))
		for _, i := range idx {
			if d.v.Initiatives[i].Err == nil {
				valued = append(valued, i)
			}
		}
		out := make([]*pageCharts, len(valued))
		var next atomic.Int64
		var wg sync.WaitGroup
		for range min(runtime.GOMAXPROCS(0), len(valued)) {
			wg.Go(func() {
				for k := int(next.Add(1)) - 1; k < len(valued); k = int(next.Add(1)) - 1 {
					i := valued[k]
					out[k] = pageChartsOf(d, d.p.Initiatives[i].ID, &d.v.Initiatives[i])
				}
			})
		}
		wg.Wait()
		m := make(map[string]*pageCharts, len(valued))
		for k, i := range valued {
			m[d.p.Initiatives[i].ID] = out[k]
		}
		ch <- m
	}()
	return ch
}

// prefetchCharts is prefetchPages' charts' inputs alone, by initiative
// ID (TestPrefetchChartsEqualsOneByOne compares them with chartDataOf's).
func prefetchCharts(d *reportData, idx []int) <-chan map[string]*chartData {
	ch := make(chan map[string]*chartData, 1)
	pages := prefetchPages(d, idx)
	go func() {
		pm := <-pages
		m := make(map[string]*chartData, len(pm))
		for id, pc := range pm {
			m[id] = pc.data
		}
		ch <- m
	}()
	return ch
}

// initiativeLists writes an initiative's assumptions, risks, decisions
// and learning log, each capped, with the text people wrote printed whole
// after its table, and names the empty ones in one line.
func (w *writer) initiativeLists(d *reportData, in *model.Initiative) {
	cur := d.cur
	var decs []model.Decision
	for _, dc := range d.p.Decisions {
		if dc.Initiative == in.ID {
			decs = append(decs, dc)
		}
	}
	sort.SliceStable(decs, func(a, b int) bool { return decs[a].Date.After(decs[b].Date.Time) })
	var learn []model.LearningEntry
	for _, l := range d.p.Learning {
		if l.Initiative == in.ID {
			learn = append(learn, l)
		}
	}
	sort.SliceStable(learn, func(a, b int) bool { return learn[a].Date.After(learn[b].Date.Time) })
	// Empty lists are named in one line at the end rather than each under
	// its own heading.
	var none []string

	listTable(w, &none, in.Assumptions, listSection{"Assumptions", "assumptions", "assumptions", maxAssumptionRows,
		[]column{{"Assumption", 3, false, false}, {"Value", 2.4, false, false}, {"Source", 3.6, false, false}, {"Confidence", 1.3, false, false}, {"Date", 1.4, false, false}}},
		func(a model.Assumption) []string {
			return []string{a.Name, a.Value, a.Source, a.Confidence, formatDate(a.Date)}
		})
	listTable(w, &none, in.Risks, listSection{"Risks and mitigations", "risks", "risks", maxRiskRows,
		[]column{{"Risk", 4, false, false}, {"Mitigation", 4, false, false}, {"Owner", 2.2, false, false}, {"Status", 1.3, false, false}}},
		func(rk model.Risk) []string { return []string{rk.Description, rk.Mitigation, rk.Owner, rk.Status} })
	shownDecs := listTable(w, &none, decs, listSection{"Decision history", "decisions", "decisions", maxDecisionRows,
		[]column{{"Date", 1.5, false, false}, {"Decision", 1.3, false, false}, {"Who", 1.8, false, false}, {"Rationale", 4, false, false}, {"Value then", 1.4, true, false}, {"Review", 3, false, false}}},
		func(dc model.Decision) []string {
			return []string{formatDate(dc.Date), string(dc.Decision), dc.Who, dc.Rationale, formatMoneyShort(dc.Numbers.Value, cur), dc.Review}
		})
	for j, dc := range shownDecs {
		w.fullText(fmt.Sprintf("%s %s, rationale", formatDate(dc.Date), dc.Decision), dc.Rationale, j == 0)
		if strings.TrimSpace(dc.Review) != "" {
			w.fullText(fmt.Sprintf("%s %s, review", formatDate(dc.Date), dc.Decision), dc.Review, false)
		}
	}
	shownLearn := listTable(w, &none, learn, listSection{"Learning log", "research steps (learning log)", "entries", maxLearningRows,
		[]column{{"Date", 1.5, false, false}, {"What was learned", 5.5, false, false}, {"Cost", 1.3, true, false}, {"Inputs changed", 4, false, false}}},
		func(l model.LearningEntry) []string {
			return []string{formatDate(l.Date), l.Learned, learningCost(l, cur), learningChanges(l)}
		})
	for j, l := range shownLearn {
		w.fullText(formatDate(l.Date)+" learned", l.Learned, j == 0)
	}
	if len(none) > 0 {
		w.setY(w.y() + 4)
		w.muted("No " + joinList(none) + " recorded yet.")
	}
}

// joinList joins words as "a, b and c".
func joinList(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

func npvLabel(putLike bool) string {
	if putLike {
		return "X − S"
	}
	return "S − X"
}

// triggerText formats the early-exercise trigger (InitiativeResult.Trigger)
// of a call-like or put-like option.
func triggerText(putLike bool, trigger float64, cur string) string {
	if math.IsInf(trigger, 1) || (putLike && trigger == 0) {
		return "none (waiting pays)"
	}
	return formatMoney(trigger, cur)
}

// triggerBandText is the Trigger row: the exercise band "LOW to HIGH"
// where the option has two exercise boundaries (negative rates: r < q < 0
// for a call, q < r < 0 for a put; InitiativeResult.ExerciseBand), outside
// which waiting pays (the region's reason beside it says so: the row's
// cell has room for the two amounts only); else triggerText of the
// trigger.
func triggerBandText(r *portfolio.InitiativeResult, cur string) string {
	if lo, hi, ok := r.TwoBoundaryBand(); ok {
		return formatMoney(lo, cur) + " to " + formatMoney(hi, cur)
	}
	return triggerText(r.Position.PutLike, r.Trigger(), cur)
}

// subhead writes a small heading at (x, y).
func (w *writer) subhead(x, y float64, title string) {
	w.font("B", sizeH2-1)
	w.textColor(colAccent)
	w.text(x, y+sizeH2-1, title)
}

// listSection is one of the lists of an initiative's page (assumptions,
// risks, decisions, the learning log): its heading, its name where empty
// lists are named ("No assumptions ... recorded yet."), the items' name
// in "… and 3 more entries", the rows shown at most, and the columns.
type listSection struct {
	title, empty, what string
	max                int
	cols               []column
}

// listTable writes items under s's heading, one row each for the first
// s.max, and says how many more there are; an empty list is only added
// to none. It returns the items shown.
func listTable[T any](w *writer, none *[]string, items []T, s listSection, row func(T) []string) []T {
	if len(items) == 0 {
		*none = append(*none, s.empty)
		return nil
	}
	w.h2(s.title, 2*rowHeight)
	shown := items[:min(len(items), s.max)]
	rows := make([][]string, 0, len(shown))
	for _, it := range shown {
		rows = append(rows, row(it))
	}
	w.table(s.cols, rows, nil)
	w.more(len(items), s.max, s.what)
	return shown
}

// learningCost is a learning entry's cost, a dash when none was recorded.
func learningCost(l model.LearningEntry, cur string) string {
	if l.Cost == 0 {
		return dash
	}
	return formatMoneyShort(l.Cost, cur)
}

// learningChanges lists the inputs a learning entry changed, "input
// before → after", separated by semicolons.
func learningChanges(l model.LearningEntry) string {
	ch := ""
	for n, c := range l.Changes {
		if n > 0 {
			ch += "; "
		}
		ch += clean(c.Input) + " " + orDash(c.Before) + " → " + orDash(c.After)
	}
	return ch
}

// more notes rows left out of a capped list.
func (w *writer) more(n, shown int, what string) {
	if n > shown {
		w.muted(fmt.Sprintf("… and %d more %s (all are in the CSV export).", n-shown, what))
	}
}

// methodBlock writes how an initiative was valued, in a column; it returns
// the y below it.
func (w *writer) methodBlock(d *reportData, x, y, width float64, in *model.Initiative, r *portfolio.InitiativeResult) float64 {
	pairs := [][2]string{{"Option kind", orDash(string(in.Kind))}}
	if r.Err == nil {
		pairs = append(pairs, [2]string{"Pricing method", orDash(r.Position.Method)})
	}
	counts := "yes"
	switch {
	case r.Err != nil:
		counts = "no: not valued"
	case r.Status != model.StatusOpen:
		counts = "no: " + string(r.Status)
	case r.ExcludedBy != "":
		counts = "no: excluded by " + d.nameOf(r.ExcludedBy)
	case r.CountedIn != "":
		counts = "inside " + d.nameOf(r.CountedIn)
	}
	pairs = append(pairs, [2]string{"Counts in the total", counts})
	y = w.keyValues(x, y, width, pairs)
	var notes []string
	if r.Err != nil {
		notes = append(notes, "Why not valued: "+r.Err.Error())
	} else if r.Position.Method != "" {
		notes = append(notes, "Method: "+r.Position.Method)
	}
	if r.Err == nil && r.Position.Region.Valid() {
		money := func(v float64) string { return formatMoney(v, d.cur) }
		notes = append(notes, "Region: "+r.Position.Explain(d.p.Settings.Thresholds, money))
	}
	for _, f := range []struct {
		name string
		q    model.Quantity
	}{{"S", in.S}, {"X", in.X}, {"σ", in.Sigma}} {
		if f.q.IsFormula() {
			notes = append(notes, f.name+" = "+f.q.Formula)
		}
	}
	save := w.y()
	w.setY(y + 6)
	for _, n := range notes {
		w.font("", sizeSmall)
		for _, l := range w.wrap(n, width-6, 0) {
			w.textColor(colMuted)
			w.text(x+3, w.y()+sizeSmall, l)
			w.setY(w.y() + leadSmall)
		}
		w.setY(w.y() + 3)
	}
	end := w.y()
	w.setY(save)
	return end
}
