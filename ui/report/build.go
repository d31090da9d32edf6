package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/chart"
	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// Input is what a report is built from.
type Input struct {
	// Portfolio is the portfolio to report on (required).
	Portfolio *model.Portfolio
	// Since, when not nil, is the snapshot the "what changed" section
	// compares with.
	Since *model.Snapshot
	// Funding, when not nil, adds the "Funding plan" section at its
	// budget (see funding.go).
	Funding *Funding
	// Valuation, when not nil, is Portfolio's valuation with links
	// (portfolio.Evaluate, or an Engine's, with Options.WithLinks), which
	// the caller already has; nil: the report values the portfolio.
	Valuation *portfolio.Valuation
}

// Options control how a report is built.
type Options struct {
	// Progress, when not nil, is called after each step with the steps
	// done and the total; it is called from Build's goroutine.
	Progress func(done, total int)
	// Context cancels the build (nil: never cancelled).
	Context context.Context
	// Now is the report's date: printed on the cover and the start of the
	// deadline window. Zero means the portfolio's as-of date, so a report
	// built twice from the same data is the same.
	Now model.Date
	// Generated is the day the report is made, printed on the cover next
	// to the valuation's as-of date. Zero means Now.
	Generated model.Date
	// Profile chooses the sections (zero: ProfileFull).
	Profile Profile
}

// Stats describe a built report.
type Stats struct {
	// Pages is the number of pages.
	Pages int
	// changes and chErr are what moved since Input.Since (WhatMoved), for
	// Export's CSV of it: the snapshot is valued once.
	changes *Changes
	chErr   error
	// actNow is the summary's Summary.ActionsNow, for Export's
	// initiatives CSV: the summary is made once.
	actNow map[string]string
}

// maxInvestWaitRows bounds the rows of the invest/wait chart; the largest
// options are shown, the table lists all.
const maxInvestWaitRows = 40

// Caps on the rows of each list on an initiative's page; the CSV exports
// hold every row.
const (
	maxAssumptionRows = 8
	maxRiskRows       = 6
	maxDecisionRows   = 6
	maxLearningRows   = 6
	maxSummaryNames   = 8
)

// reportData is everything computed once and laid out twice.
type reportData struct {
	p        *model.Portfolio
	v        *portfolio.Valuation
	sum      Summary
	drivers  []DriverSensitivity
	driveErr error
	changes  *Changes
	chErr    error
	since    *model.Snapshot
	cur      string // currency prefix code
	now      model.Date
	order    []int // initiative indexes in report order
	style    chart.Style
	regionC  [valuation.NumRegions + 1]rgb
	profile  Profile
	made     model.Date               // the generation date
	funding  *portfolio.FundingReport // with Input.Funding
	fundErr  error
	hasFund  bool
}

// Build writes the PDF report of in.Portfolio to w and returns its page
// count. It returns ctx.Err() when cancelled and an error naming the
// problem when the portfolio cannot be valued at all; initiatives that
// cannot be valued are reported as such.
//
// The report is laid out twice: a fast layout pass without charts finds
// the page of every section, then the final pass writes the table of
// contents and "page n of N" with those numbers.
func Build(w io.Writer, in Input, opt Options) (Stats, error) {
	if w == nil {
		panic("report: Build with a nil writer")
	}
	if in.Portfolio == nil {
		return Stats{}, errors.New("report: no portfolio to report on")
	}
	ctx := opt.Context
	if ctx == nil {
		ctx = context.Background()
	}
	progress := func(int) {}
	total := 0
	done := 0
	if opt.Progress != nil {
		total = 2 + 2*(8+len(in.Portfolio.Initiatives))
		progress = func(n int) { done += n; opt.Progress(min(done, total), total) }
	}
	if err := ctx.Err(); err != nil {
		return Stats{}, err
	}
	d, err := prepareOrder(in, opt)
	if err != nil {
		return Stats{}, err
	}
	var feed *chartFeed
	if d.profile == ProfileFull && len(d.order) > 0 {
		// The final pass's charts, computed while the driver sweeps and
		// the layout pass run.
		feed = startChartFeed(d)
		defer feed.close()
	}
	d.measure(in)
	progress(1)
	plan := d.plan()
	lay := newWriter(true)
	if err := render(ctx, lay, d, plan, progress); err != nil {
		return Stats{}, err
	}
	if len(lay.toc) != len(plan) {
		panic(fmt.Sprintf("report: %d contents entries planned, %d laid out", len(plan), len(lay.toc)))
	}
	fin := newWriter(false)
	fin.feed = feed
	fin.total = lay.doc.PageNo()
	if err := render(ctx, fin, d, lay.toc, progress); err != nil {
		return Stats{}, err
	}
	if fin.doc.PageNo() != fin.total {
		panic(fmt.Sprintf("report: layout pass made %d pages, final pass %d", fin.total, fin.doc.PageNo()))
	}
	if err := fin.doc.Output(w); err != nil {
		return Stats{}, fmt.Errorf("report: writing the PDF: %w", err)
	}
	progress(1)
	return Stats{Pages: fin.total, changes: d.changes, chErr: d.chErr, actNow: d.sum.ActionsNow()}, nil
}

// prepareOrder values the portfolio (unless in.Valuation is given) and
// sets what the initiative pages' charts need: the dates, the style and
// the report order of the initiatives.
func prepareOrder(in Input, opt Options) (*reportData, error) {
	p, v := in.Portfolio, in.Valuation
	if v == nil {
		var err error
		if v, err = portfolio.Evaluate(p, valuationOptions(opt.Profile)); err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
	} else if len(v.Initiatives) != len(p.Initiatives) {
		return nil, fmt.Errorf("report: a valuation of %d initiatives for a portfolio of %d", len(v.Initiatives), len(p.Initiatives))
	}
	d := &reportData{p: p, v: v, since: in.Since, cur: p.Currency, now: opt.Now}
	if d.now.IsZero() {
		d.now = v.AsOf
	}
	d.made, d.profile = opt.Generated, opt.Profile
	if d.made.IsZero() {
		d.made = d.now
	}
	if d.profile == "" {
		d.profile = ProfileFull
	}
	d.style = reportStyle()
	for g := valuation.RegionInvestNow; g <= valuation.NumRegions; g++ {
		d.regionC[g] = toRGB(d.style.RegionColor(g))
	}
	d.order = make([]int, len(p.Initiatives))
	for i := range d.order {
		d.order[i] = i
	}
	rank := func(i int) (int, float64) {
		r := &v.Initiatives[i]
		if reg := regionOf(r); reg > 0 {
			return int(reg), -r.Position.Value
		}
		return 7, 0
	}
	sort.SliceStable(d.order, func(a, b int) bool {
		ra, va := rank(d.order[a])
		rb, vb := rank(d.order[b])
		if ra != rb {
			return ra < rb
		}
		return va < vb
	})
	return d, nil
}

// measure computes the summary, the driver sensitivities (the driver
// sweeps: each driver's initiatives re-valued at its low and high), what
// moved and the funding plan. It writes only these fields of d, so the
// chart feed may read the others meanwhile.
func (d *reportData) measure(in Input) {
	p, v := d.p, d.v
	d.sum = Summarize(p, v, d.now)
	d.drivers, d.driveErr = DriverSensitivities(p, v)
	if in.Since != nil {
		d.changes, d.chErr = WhatMoved(p, v, in.Since)
	}
	if in.Funding != nil {
		d.hasFund = true
		f := *in.Funding
		if f.PeriodEnd.IsZero() {
			// The review the decisions due look to: the next one after
			// the report's date, not six months after the as-of date.
			f.PeriodEnd = portfolio.NextReviewAfter(v.AsOf, d.now)
		}
		f.on = d.now
		d.funding, d.fundErr = planFunding(p, v, &f)
	}
}

// reportStyle is the charts' light style with type sized for print.
func reportStyle() chart.Style {
	st := chart.LightStyle()
	st.TitleSize, st.LabelSize, st.TickSize, st.SmallSize = 10, 8.5, 7.5, 7
	st.LineWidth = 1.2
	return st
}

// Section anchors and titles.
const (
	secSummary  = "summary"
	secMap      = "map"
	secTable    = "table"
	secEach     = "initiatives"
	secLinks    = "links"
	secChanges  = "changes"
	secMethod   = "method"
	titleTOC    = "Contents"
	titleSum    = "1  Executive summary"
	titleMap    = "2  The option space"
	titleTable  = "3  All initiatives"
	titleEach   = "4  Initiatives one by one"
	titleLinks  = "5  Links and drivers"
	titleChange = "6  What changed"
	titleMethod = "7  Method"
)

// fullTitles are the full profile's section titles by anchor.
var fullTitles = map[string]string{secSummary: titleSum, secMap: titleMap, secTable: titleTable, secEach: titleEach,
	secLinks: titleLinks, secChanges: titleChange, secMethod: titleMethod}

// plan returns the contents entries the sections will record, in order.
func (d *reportData) plan() []tocEntry {
	if d.profile != ProfileFull {
		return d.profilePlan()
	}
	e := []tocEntry{{anchor: secSummary, title: titleSum}, {anchor: secMap, title: titleMap},
		{anchor: secTable, title: titleTable}, {anchor: secEach, title: titleEach}}
	for k, i := range d.order {
		e = append(e, tocEntry{anchor: initAnchor(i), title: d.initTitle(k, i), level: 1})
	}
	e = append(e, tocEntry{anchor: secLinks, title: titleLinks}, tocEntry{anchor: secChanges, title: titleChange},
		tocEntry{anchor: secMethod, title: titleMethod})
	if d.hasFund {
		e = append(e, tocEntry{anchor: secFunding, title: titleFunding})
	}
	return e
}

func initAnchor(i int) string { return fmt.Sprintf("initiative-%d", i) }

func (d *reportData) initTitle(k, i int) string {
	return fmt.Sprintf("4.%d  %s", k+1, clean(d.p.Initiatives[i].Name))
}

// render lays the whole report out on w, with toc as the contents.
func render(ctx context.Context, w *writer, d *reportData, toc []tocEntry, progress func(int)) error {
	if d.profile != ProfileFull {
		return renderProfile(ctx, w, d, toc, progress)
	}
	w.header = orDash(d.p.Name)
	w.footer = footerText(d)
	w.shareKeys = map[string]bool{secChanges: true}
	// The contents, the table, the initiative pages and the links, which
	// grow with the portfolio, are spooled (spool.go); the summary and
	// the map have translucent charts and stay as they are.
	steps := []func(){
		func() { w.cover(d) },
		func() { w.spool(func() { w.contents(toc) }) },
		func() { w.summary(d) },
		func() { w.spaceSection(d) },
		func() { w.spool(func() { w.tableSection(d) }) },
	}
	for _, s := range steps {
		if err := ctx.Err(); err != nil {
			return err
		}
		s()
		progress(1)
	}
	w.section = titleEach
	if len(d.order) == 0 {
		w.sectionPage(secEach, titleEach, false)
		w.paragraph("The portfolio has no initiatives yet.", 0)
	}
	// The initiative pages, the bulk of a large report, are spooled
	// (spool.go) in batches, so that they are kept compressed.
	// The final pass takes each batch's charts from the chart feed
	// (chartFeed), which computes the batches ahead on the other cores.
	const batch = chartBatch
	feed := w.feed
	if !w.dry && feed == nil && len(d.order) > 0 {
		feed = startChartFeed(d)
		defer feed.close()
	}
	for k0 := 0; k0 < len(d.order); k0 += batch {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !w.dry {
			w.charts = feed.next()
		}
		w.spool(func() {
			for k := k0; k < min(k0+batch, len(d.order)); k++ {
				w.initiativePage(d, k, d.order[k])
			}
		})
		w.charts = nil
		progress(min(batch, len(d.order)-k0))
	}
	for _, s := range []func(){func() { w.spool(func() { w.linksSection(d) }) }, func() { w.changesSection(d) }, func() { w.methodSection(d) }} {
		if err := ctx.Err(); err != nil {
			return err
		}
		s()
		progress(1)
	}
	if d.hasFund {
		w.fundingSection(d, d.funding, d.fundErr)
	}
	return nil
}

func footerText(d *reportData) string {
	s := "Portfolio review"
	if c := clean(d.p.Client); c != "" {
		s += " for " + c
	}
	return s + " · as of " + formatLongDate(d.v.AsOf) + " · Confidential"
}
