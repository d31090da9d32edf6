package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"gonum.org/v1/plot"

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
	regionC  [7]rgb
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
	d, err := prepare(in, opt)
	if err != nil {
		return Stats{}, err
	}
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
	return Stats{Pages: fin.total}, nil
}

// prepare values the portfolio and computes the summary, the driver
// sensitivities and what moved.
func prepare(in Input, opt Options) (*reportData, error) {
	p := in.Portfolio
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
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
	d.sum = Summarize(p, v, d.now)
	d.drivers, d.driveErr = DriverSensitivities(p, v)
	if in.Since != nil {
		d.changes, d.chErr = WhatMoved(p, v, in.Since)
	}
	if in.Funding != nil {
		d.hasFund = true
		d.funding, d.fundErr = planFunding(p, v, in.Funding)
	}
	d.style = reportStyle()
	for g := 1; g <= 6; g++ {
		d.regionC[g] = toRGB(d.style.RegionColor(valuation.Region(g)))
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
	const batch = 16
	for k0 := 0; k0 < len(d.order); k0 += batch {
		if err := ctx.Err(); err != nil {
			return err
		}
		w.spool(func() {
			for k := k0; k < min(k0+batch, len(d.order)); k++ {
				w.initiativePage(d, k, d.order[k])
			}
		})
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

// cover writes the title page.
func (w *writer) cover(d *reportData) {
	w.doc.AddPageFormat("P", pageSize())
	pw := w.pageW()
	const band = 330.0
	w.fillColor(colAccent)
	w.doc.Rect(0, 0, pw, band, "F")
	w.font("B", 9)
	w.doc.SetTextColor(170, 190, 215)
	w.text(marginX, 96, "PORTFOLIO REVIEW  ·  REAL OPTIONS")
	w.font("B", sizeCover)
	w.textColor(colWhite)
	y := 150.0
	for _, l := range w.wrap(d.p.Name, pw-2*marginX, 3) {
		w.text(marginX, y, l)
		y += sizeCover * 1.2
	}
	w.font("", 12)
	w.doc.SetTextColor(210, 220, 235)
	sub := fmt.Sprintf("%d initiatives held as a portfolio of real options", len(d.p.Initiatives))
	w.text(marginX, band-40, w.fit(sub, pw-2*marginX))

	y = band + 40
	for _, kv := range [][2]string{
		{"Prepared for", orDash(d.p.Client)},
		{"Prepared by", orDash(d.p.Author)},
		{"Valuation as of", formatLongDate(d.v.AsOf)},
		{"Report generated", formatLongDate(d.made)},
	} {
		w.font("", sizeSmall)
		w.textColor(colMuted)
		w.text(marginX, y, kv[0])
		w.font("B", 11)
		w.textColor(colText)
		w.text(marginX+110, y, w.fit(kv[1], pw-2*marginX-110))
		y += 22
	}
	y += 14
	w.drawColor(colRule)
	w.doc.SetLineWidth(0.5)
	w.doc.Line(marginX, y, pw-marginX, y)
	w.setY(y + 16)
	w.font("B", sizeH2)
	w.textColor(colAccent)
	w.text(marginX, w.y()+sizeH2, "In one paragraph")
	w.setY(w.y() + sizeH2 + 8)
	w.paragraphAt(marginX, w.contentW(), d.coverSummary(), 12, "", 10.5, 15, colText)
	if desc := clean(d.p.Description); desc != "" && w.y() < w.bottom()-80 {
		w.setY(w.y() + 6)
		w.font("B", sizeH2)
		w.textColor(colAccent)
		w.text(marginX, w.y()+sizeH2, "About the portfolio")
		w.setY(w.y() + sizeH2 + 8)
		lines := int((w.bottom() - w.y()) / leadBody)
		w.paragraphAt(marginX, w.contentW(), d.p.Description, min(lines, 10), "", sizeBody, leadBody, colMuted)
	}
	w.font("", sizeHeader)
	w.textColor(colMuted)
	w.text(marginX, w.pageH()-footerGap, "Prepared with Option Space  ·  Confidential")
}

func pageSize() fpdfSize { return fpdfSize{Wd: 595.28, Ht: 841.89} }

// coverSummary is the cover's one-paragraph summary.
func (d *reportData) coverSummary() string {
	s := d.sum
	cur := d.cur
	txt := fmt.Sprintf("As of %s the portfolio holds %d open initiatives. Valued as options they are worth %s, against a static NPV of %s if everything were decided today: keeping the options open is worth %s. ",
		formatLongDate(d.v.AsOf), s.Open, formatMoney(s.Total, cur), formatMoney(s.StaticNPV, cur), formatMoney(s.Flexibility, cur))
	txt += fmt.Sprintf("%s now (total investment %s); keep %d open and garden them (option value %s); watch %d and drop %d. ",
		fundNowPhrase(len(s.FundNow)), formatMoney(s.FundNowCost, cur), len(s.KeepOpen), formatMoney(s.KeepOpenValue, cur), len(s.Watch), len(s.Drop))
	switch n := len(s.Deadlines); n {
	case 0:
		txt += fmt.Sprintf("No decision falls due in the next %d days.", DeadlineWindow)
	case 1:
		txt += fmt.Sprintf("One decision falls due in the next %d days: %s.", DeadlineWindow, clean(s.Deadlines[0].Name))
	default:
		txt += fmt.Sprintf("%d decisions fall due in the next %d days, the first %s.", n, DeadlineWindow, clean(s.Deadlines[0].Name))
	}
	if s.Problems > 0 {
		if s.Problems == 1 {
			txt += " 1 initiative could not be valued; see its page."
		} else {
			txt += fmt.Sprintf(" %d initiatives could not be valued; see their pages.", s.Problems)
		}
	}
	return txt
}

func fundNowPhrase(n int) string {
	switch n {
	case 0:
		return "Fund no initiative"
	case 1:
		return "Fund 1 initiative"
	}
	return fmt.Sprintf("Fund %d initiatives", n)
}

// tocLead is the line height of the contents.
const tocLead = 15.0

// contents writes the table of contents: sections with their initiatives
// indented, dotted leaders and page numbers, each line a link.
func (w *writer) contents(toc []tocEntry) {
	w.section = titleTOC
	w.newPage(false)
	w.h1(titleTOC)
	for _, e := range toc {
		w.ensure(tocLead)
		y := w.y()
		x := marginX
		style, size := "B", 10.0
		if e.level > 0 {
			x += 18
			style, size = "", 9.0
		}
		if e.level == 0 {
			y += 4
			w.setY(y)
		}
		w.font(style, size)
		w.textColor(colText)
		num := ""
		if e.page > 0 {
			num = fmt.Sprint(e.page)
		}
		numW := w.width("0000")
		title := w.fit(e.title, w.pageW()-marginX-numW-x-20)
		w.text(x, y+size, title)
		tw := w.width(title)
		right := w.pageW() - marginX
		w.text(right-w.width(num), y+size, num)
		// Dotted leader.
		w.drawColor(colRule)
		w.doc.SetLineWidth(0.6)
		w.doc.SetDashPattern([]float64{0.6, 2.4}, 0)
		if x+tw+6 < right-numW-2 {
			w.doc.Line(x+tw+6, y+size, right-w.width(num)-4, y+size)
		}
		w.doc.SetDashPattern(nil, 0)
		if !w.dry {
			l := w.main.AddLink()
			w.links[e.anchor] = l
			w.link(x, y, right-x, tocLead, l)
		}
		w.setY(y + tocLead)
	}
}

// regionSwatch returns the colour of region g.
func (d *reportData) regionSwatch(g valuation.Region) (rgb, bool) {
	if g < 1 || g > 6 {
		return rgb{}, false
	}
	return d.regionC[g], true
}

// summary writes the executive summary.
func (w *writer) summary(d *reportData) {
	s := d.sum
	cur := d.cur
	w.sectionPage(secSummary, titleSum, false)
	// Key figures.
	gap := 10.0
	fw := (w.contentW() - 3*gap) / 4
	y := w.y()
	figs := [][2]string{
		{formatMoneyShort(s.Total, cur), "Value with options"},
		{formatMoneyShort(s.StaticNPV, cur), "Static NPV (all now)"},
		{formatMoneyShort(s.Flexibility, cur), "Value of flexibility"},
		{formatMoneyShort(s.FundNowCost, cur), "To fund now"},
	}
	h := 0.0
	for i, f := range figs {
		h = w.figure(marginX+float64(i)*(fw+gap), y, fw, f[0], f[1])
	}
	w.setY(y + h + 12)
	w.paragraph(fmt.Sprintf("Portfolio value with options %s against a static NPV of %s: the flexibility to wait, learn and stage is worth %s. The option value of the initiatives that count is %s, of which follow-on options opened by gates add %s.",
		formatMoney(s.Total, cur), formatMoney(s.StaticNPV, cur), formatMoney(s.Flexibility, cur), formatMoney(d.v.OptionValue, cur), formatMoney(d.v.FollowOnValue, cur)), 0)

	w.h2("Where the initiatives stand", 6*rowHeight)
	rows := make([][]string, 0, 6)
	for g := valuation.Region(1); g <= 6; g++ {
		rows = append(rows, []string{fmt.Sprintf("%d  %s", int(g), g.String()), g.Action(), fmt.Sprint(s.Regions[g])})
	}
	rows = append(rows, []string{"Open initiatives", "", fmt.Sprint(s.Open)})
	w.table([]column{{"Region", 3, false}, {"Recommended action", 5, false}, {"Initiatives", 1.5, true}}, rows,
		func(i int) (rgb, bool) { return d.regionSwatch(valuation.Region(i + 1)) })
	if closed := s.Invested + s.Abandoned + s.Expired; closed > 0 {
		w.paragraphAt(marginX, w.contentW(), fmt.Sprintf("Not in the map: %d invested, %d abandoned, %d expired.", s.Invested, s.Abandoned, s.Expired), 0, "I", sizeSmall, leadSmall, colMuted)
	}

	w.h2("What to do", 4*leadBody)
	w.decisionGroup(d, fmt.Sprintf("Fund now (%d) — total investment %s", len(s.FundNow), formatMoney(s.FundNowCost, cur)), s.FundNow)
	w.decisionGroup(d, fmt.Sprintf("Keep open (%d) — option value %s, of which %s is the value of waiting", len(s.KeepOpen), formatMoney(s.KeepOpenValue, cur), formatMoney(s.KeepOpenTimeValue, cur)), s.KeepOpen)
	w.decisionGroup(d, fmt.Sprintf("Watch (%d)", len(s.Watch)), s.Watch)
	w.decisionGroup(d, fmt.Sprintf("Drop (%d)", len(s.Drop)), s.Drop)

	w.h2(fmt.Sprintf("Deadlines in the next %d days", DeadlineWindow), 2*rowHeight)
	if len(s.Deadlines) == 0 {
		w.muted(fmt.Sprintf("No decision deadline falls within %d days of %s.", DeadlineWindow, formatLongDate(s.Now)))
	} else {
		w.deadlines(d)
	}
	// The layers chart fills what is left of the page, when enough is.
	if h := w.bottom() - w.y() - 8; h >= 170 && len(d.p.Tags) > 0 {
		w.h2("Investment and option value by layer", 0)
		h = math.Min(h-sizeH2-15, 300)
		y := w.y()
		w.chart(marginX, y, w.contentW(), h, 0.85, func() (*plot.Plot, error) {
			li := chart.LayersFromValuation(d.p, d.v)
			li.Title = " "
			return chart.Layers(li, d.style)
		})
		w.setY(y + h)
	}
}

// deadlines writes the table of deadlines in the window.
func (w *writer) deadlines(d *reportData) {
	s, cur := d.sum, d.cur
	rows := make([][]string, 0, len(s.Deadlines))
	for _, it := range s.Deadlines {
		days := fmt.Sprintf("%d days", it.Days)
		if it.Days < 0 {
			days = fmt.Sprintf("passed %d days ago", -it.Days)
		}
		rows = append(rows, []string{it.Name, formatDate(it.Deadline), days, it.Region.Action(), formatMoneyShort(it.Value, cur)})
	}
	w.table([]column{{"Initiative", 5, false}, {"Deadline", 1.6, false}, {"In", 1.6, true}, {"Action", 3.5, false}, {"Option value", 1.6, true}}, rows,
		func(i int) (rgb, bool) { return d.regionSwatch(s.Deadlines[i].Region) })
}

// decisionGroup writes one recommendation and the initiatives in it.
func (w *writer) decisionGroup(d *reportData, title string, items []Item) {
	w.ensure(2 * leadBody)
	w.font("B", sizeBody)
	w.textColor(colText)
	w.text(marginX, w.y()+sizeBody, w.fit(title, w.contentW()))
	w.setY(w.y() + leadBody)
	if len(items) == 0 {
		w.paragraphAt(marginX+12, w.contentW()-12, "None.", 1, "I", sizeSmall, leadSmall, colMuted)
		return
	}
	names := ""
	for i, it := range items {
		if i == maxSummaryNames {
			names += fmt.Sprintf("; and %d more (see section 3)", len(items)-i)
			break
		}
		if i > 0 {
			names += "; "
		}
		names += clean(it.Name) + " (" + formatMoneyShort(it.Value, d.cur) + ")"
	}
	w.paragraphAt(marginX+12, w.contentW()-12, names, 4, "", sizeSmall+0.5, leadSmall+1, colMuted)
}

// muted writes one small italic note.
func (w *writer) muted(s string) {
	w.paragraphAt(marginX, w.contentW(), s, 0, "I", sizeSmall, leadSmall, colMuted)
}

// spaceSection writes the option space map and the invest/wait chart.
func (w *writer) spaceSection(d *reportData) {
	w.sectionPage(secMap, titleMap, false)
	w.paragraphAt(marginX, w.contentW(), "Each initiative sits at its value-to-cost NPVq (across, log scale) and its cumulative volatility σ√t (down). Bubble area is proportional to the investment; colour is the region. Arrows show where each option drifts in 6 and 12 months if nothing is done.", 0, "", sizeSmall+0.5, leadSmall+1, colMuted)
	mapH := 330.0
	y := w.y()
	w.chart(marginX, y, w.contentW(), mapH, 0.82, func() (*plot.Plot, error) {
		pts, opt := chart.SpaceFromValuation(d.p, d.v, false)
		opt.ShowDrift = true
		opt.Title = "Option space"
		return chart.Space(pts, opt, d.style)
	})
	w.setY(y + mapH + 10)

	rows := chart.InvestWaitFromValuation(d.p, d.v)
	note := ""
	if len(rows) > maxInvestWaitRows {
		sort.SliceStable(rows, func(i, j int) bool {
			return math.Max(rows[i].OptionValue, rows[i].NPV) > math.Max(rows[j].OptionValue, rows[j].NPV)
		})
		note = fmt.Sprintf("The %d largest of %d open initiatives; section 3 lists all.", maxInvestWaitRows, len(rows))
		rows = rows[:maxInvestWaitRows]
	}
	h := math.Max(200, 13*float64(len(rows))+90)
	w.h2("Invest now or keep the option", math.Min(h, 300))
	if avail := w.bottom() - w.y() - 14; h > avail {
		if avail < 200 {
			w.newPage(false)
			avail = w.bottom() - w.y() - 14
		}
		h = math.Min(h, avail)
	}
	y = w.y()
	w.chart(marginX, y, w.contentW(), h, 0.85, func() (*plot.Plot, error) {
		return chart.InvestWait(rows, chart.InvestWaitOptions{Title: " ", Unit: d.cur}, d.style)
	})
	w.setY(y + h + 4)
	if note != "" {
		w.muted(note)
	}
}

// tableSection writes the table of all initiatives on landscape pages.
func (w *writer) tableSection(d *reportData) {
	w.sectionPage(secTable, titleTable, true)
	cur := d.cur
	cols := []column{{"Initiative", 5.6, false}, {"Tag", 1.7, false}, {"S", 1.5, true}, {"X", 1.5, true}, {"Deadline", 1.9, false},
		{"σ", 1.1, true}, {"Value", 1.5, true}, {"NPV", 1.5, true}, {"NPVq", 1.2, true}, {"σ√t", 1.1, true}, {"Region", 1.3, true}, {"Recommended action", 4.9, false}}
	rows := make([][]string, 0, len(d.order))
	regions := make([]valuation.Region, 0, len(d.order))
	for _, i := range d.order {
		in := &d.p.Initiatives[i]
		r := &d.v.Initiatives[i]
		row := []string{in.Name, orDash(in.Tag)}
		reg := regionOf(r)
		switch {
		case r.Err != nil:
			row = append(row, dash, dash, formatDate(in.Deadline), dash, dash, dash, dash, dash, dash, "not valued: "+clean(r.Err.Error()))
		default:
			region, action := dash, string(r.Status)
			if reg > 0 {
				region, action = fmt.Sprint(int(reg)), reg.Action()
			}
			if r.ExcludedBy != "" {
				action += " (excluded)"
			}
			row = append(row, formatMoneyShort(r.S, cur), formatMoneyShort(r.X, cur), formatDate(in.Deadline), formatPercent(r.Sigma, 0),
				formatMoneyShort(r.Position.Value, cur), formatMoneyShort(r.Position.NPV, cur), formatFloat(r.Position.NPVq, 2),
				formatFloat(r.Position.CumVol, 2), region, action)
		}
		rows = append(rows, row)
		regions = append(regions, reg)
	}
	w.muted(fmt.Sprintf("Amounts in %s; S and X as resolved from formulas; σ per year; value is the stand-alone option value; NPV = S − X; NPVq = S / PV(X). Sorted by region, then value.", currencyName(cur)))
	w.cappedTable(cols, rows, func(i int) (rgb, bool) { return d.regionSwatch(regions[i]) }, d.tableCap(boardTableRows), "initiatives")
}

func currencyName(cur string) string {
	if cur == "" {
		return "the portfolio's currency"
	}
	return clean(cur)
}

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
	pairs := [][2]string{}
	if r.Err != nil {
		pairs = append(pairs, [2]string{"Deadline", formatDate(in.Deadline)})
	} else {
		pos := r.Position
		pairs = append(pairs,
			[2]string{"Value of cash flows S", formatMoney(r.S, cur)},
			[2]string{"Investment X", formatMoney(r.X, cur)},
			[2]string{"Deadline", formatDate(in.Deadline)},
			[2]string{"Time to deadline t", formatFloat(r.T, 2) + " years"},
			[2]string{"Volatility σ", formatPercent(r.Sigma, 1)},
			[2]string{"S and σ from", "S " + in.InputOrigin("S") + ", σ " + in.InputOrigin("sigma")},
			[2]string{"Rate r (continuous)", formatPercent(r.R, 2)},
			[2]string{"Leakage q", formatPercent(r.Q, 1)},
			[2]string{"Option value", formatMoney(pos.Value, cur)},
			[2]string{"NPV now (" + npvLabel(pos.PutLike) + ")", formatMoney(pos.NPV, cur)},
			[2]string{"NPVq", formatFloat(pos.NPVq, 3)},
			[2]string{"σ√t", formatFloat(pos.CumVol, 3)},
			[2]string{"C/S (from NPVq, σ√t)", formatPercent(pos.CallShare, 1)},
			[2]string{"Trigger", triggerText(pos, cur)},
		)
		if r.FollowOn != 0 {
			pairs = append(pairs, [2]string{"Follow-on value", formatMoney(r.FollowOn, cur)}, [2]string{"Value with follow-ons", formatMoney(r.WithFollowOns, cur)})
		}
	}
	yl := w.keyValues(marginX, top+18, colW, pairs)
	yr := w.methodBlock(d, marginX+colW+16, top+18, colW, in, r)
	w.setY(math.Max(yl, yr) + 10)

	// Charts.
	const chartH = 185.0
	if r.Err == nil {
		w.ensure(chartH + 10)
		y := w.y()
		o, oerr := chart.OptionOf(d.p, d.v, in.ID)
		w.chart(marginX, y, colW, chartH, 0.68, func() (*plot.Plot, error) {
			if oerr != nil {
				return nil, oerr
			}
			ti, err := chart.TornadoFor(o, "", cur)
			if err != nil {
				return nil, err
			}
			ti.Title = "Sensitivity of the option value"
			return chart.Tornado(ti, d.style)
		})
		w.chart(marginX+colW+16, y, colW, chartH, 0.72, func() (*plot.Plot, error) {
			if oerr != nil {
				return nil, oerr
			}
			pi, err := chart.PayoffFor(o, r.Position.Trigger, "", cur)
			if err != nil {
				return nil, err
			}
			pi.Title = "Payoff"
			return chart.Payoff(pi, d.style)
		})
		w.setY(y + chartH + 6)
	}

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

	if len(in.Assumptions) == 0 {
		none = append(none, "assumptions")
	} else {
		w.h2("Assumptions", 2*rowHeight)
		rows := [][]string{}
		for j, a := range in.Assumptions {
			if j == maxAssumptionRows {
				break
			}
			rows = append(rows, []string{a.Name, a.Value, a.Source, a.Confidence, formatDate(a.Date)})
		}
		w.table([]column{{"Assumption", 3, false}, {"Value", 2.4, false}, {"Source", 3.6, false}, {"Confidence", 1.3, false}, {"Date", 1.4, false}}, rows, nil)
		w.more(len(in.Assumptions), maxAssumptionRows, "assumptions")
	}

	if len(in.Risks) == 0 {
		none = append(none, "risks")
	} else {
		w.h2("Risks and mitigations", 2*rowHeight)
		rows := [][]string{}
		for j, rk := range in.Risks {
			if j == maxRiskRows {
				break
			}
			rows = append(rows, []string{rk.Description, rk.Mitigation, rk.Owner, rk.Status})
		}
		w.table([]column{{"Risk", 4, false}, {"Mitigation", 4, false}, {"Owner", 2.2, false}, {"Status", 1.3, false}}, rows, nil)
		w.more(len(in.Risks), maxRiskRows, "risks")
	}

	if len(decs) == 0 {
		none = append(none, "decisions")
	} else {
		w.h2("Decision history", 2*rowHeight)
		rows := [][]string{}
		for j, dc := range decs {
			if j == maxDecisionRows {
				break
			}
			rows = append(rows, []string{formatDate(dc.Date), string(dc.Decision), dc.Who, dc.Rationale, formatMoneyShort(dc.Numbers.Value, cur), dc.Review})
		}
		w.table([]column{{"Date", 1.5, false}, {"Decision", 1.3, false}, {"Who", 1.8, false}, {"Rationale", 4, false}, {"Value then", 1.4, true}, {"Review", 3, false}}, rows, nil)
		w.more(len(decs), maxDecisionRows, "decisions")
		for j, dc := range decs[:min(len(decs), maxDecisionRows)] {
			w.fullText(fmt.Sprintf("%s %s, rationale", formatDate(dc.Date), dc.Decision), dc.Rationale, j == 0)
			if strings.TrimSpace(dc.Review) != "" {
				w.fullText(fmt.Sprintf("%s %s, review", formatDate(dc.Date), dc.Decision), dc.Review, false)
			}
		}
	}

	if len(learn) == 0 {
		none = append(none, "research steps (learning log)")
	} else {
		w.h2("Learning log", 2*rowHeight)
		rows := [][]string{}
		for j, l := range learn {
			if j == maxLearningRows {
				break
			}
			ch := ""
			for n, c := range l.Changes {
				if n > 0 {
					ch += "; "
				}
				ch += clean(c.Input) + " " + orDash(c.Before) + " → " + orDash(c.After)
			}
			cost := dash
			if l.Cost != 0 {
				cost = formatMoneyShort(l.Cost, cur)
			}
			rows = append(rows, []string{formatDate(l.Date), l.Learned, cost, ch})
		}
		w.table([]column{{"Date", 1.5, false}, {"What was learned", 5.5, false}, {"Cost", 1.3, true}, {"Inputs changed", 4, false}}, rows, nil)
		w.more(len(learn), maxLearningRows, "entries")
		for j, l := range learn[:min(len(learn), maxLearningRows)] {
			w.fullText(formatDate(l.Date)+" learned", l.Learned, j == 0)
		}
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

// triggerText formats the early-exercise trigger.
func triggerText(p valuation.Position, cur string) string {
	if math.IsInf(p.Trigger, 1) || (p.PutLike && p.Trigger == 0) {
		return "none (waiting pays)"
	}
	return formatMoney(p.Trigger, cur)
}

// subhead writes a small heading at (x, y).
func (w *writer) subhead(x, y float64, title string) {
	w.font("B", sizeH2-1)
	w.textColor(colAccent)
	w.text(x, y+sizeH2-1, title)
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
	if r.Err == nil && r.Position.Reason != "" {
		notes = append(notes, "Region: "+r.Position.Reason)
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

// nameOf returns the name of the initiative with the given ID.
func (d *reportData) nameOf(id string) string {
	if in := d.p.Initiative(id); in != nil {
		return clean(in.Name)
	}
	return clean(id)
}

// linksSection writes the links between initiatives and the drivers'
// sensitivities.
func (w *writer) linksSection(d *reportData) {
	w.sectionPage(secLinks, titleLinks, false)
	cur := d.cur
	w.h2("Which initiatives depend on which", 3*rowHeight)
	if len(d.p.Links) == 0 {
		w.muted("The portfolio has no links.")
	} else {
		rows := make([][]string, 0, len(d.p.Links))
		for _, l := range d.p.Links {
			corr := dash
			if l.Kind == model.LinkSynergy {
				corr = formatFloat(l.Correlation, 2)
			}
			rows = append(rows, []string{d.nameOf(l.From), linkVerb(l.Kind), d.nameOf(l.To), corr, l.Note})
		}
		w.table([]column{{"From", 3.2, false}, {"Link", 1.5, false}, {"To", 3.2, false}, {"ρ", 0.8, true}, {"Note", 4.5, false}}, rows, nil)
		for j, l := range d.p.Links {
			if strings.TrimSpace(l.Note) != "" {
				w.fullText(d.nameOf(l.From)+" "+linkVerb(l.Kind)+" "+d.nameOf(l.To), l.Note, j == 0)
			}
		}
	}
	var fo [][]string
	for _, i := range d.order {
		r := &d.v.Initiatives[i]
		if r.Err == nil && r.FollowOn != 0 {
			fo = append(fo, []string{r.Name, formatMoneyShort(r.Position.Value, cur), formatMoneyShort(r.FollowOn, cur), formatMoneyShort(r.WithFollowOns, cur)})
		}
	}
	if len(fo) > 0 {
		w.h2("Value of the follow-on options that gates open", 2*rowHeight)
		w.table([]column{{"Initiative", 5, false}, {"Stand-alone", 2, true}, {"Follow-on", 2, true}, {"With follow-ons", 2, true}}, fo, nil)
	}
	w.h2("How sensitive the portfolio is to each driver", 4*rowHeight)
	switch {
	case d.driveErr != nil:
		w.muted("Driver sensitivities could not be computed: " + d.driveErr.Error())
		return
	case len(d.drivers) == 0:
		w.muted("The portfolio has no drivers.")
		return
	}
	w.muted(fmt.Sprintf("The portfolio's value with options (now %s) with each driver at its low and its high value, the others unchanged.", formatMoney(d.v.Total, cur)))
	rows := make([][]string, 0, len(d.drivers))
	for _, ds := range d.drivers {
		label := ds.Name
		if ds.Label != "" {
			label = ds.Label
		}
		rows = append(rows, []string{label, ds.Name, orDash(ds.Unit), driverValue(ds.Value, ""), driverValue(ds.Low, ""), driverValue(ds.High, ""),
			formatMoneyShort(ds.TotalLow, cur), formatMoneyShort(ds.TotalHigh, cur), formatMoneyShort(ds.Swing, cur), fmt.Sprint(len(ds.Initiatives))})
	}
	w.table([]column{{"Driver", 4.2, false}, {"Name", 2.4, false}, {"Unit", 1.5, false}, {"Value", 1.6, true}, {"Low", 1.6, true}, {"High", 1.6, true}, {"At low", 1.5, true},
		{"At high", 1.5, true}, {"Swing", 1.4, true}, {"Used by", 1.3, true}}, rows, nil)
	h := math.Min(300, 60+22*float64(len(d.drivers)))
	w.ensure(h)
	y := w.y()
	w.chart(marginX, y, w.contentW(), h, 0.8, func() (*plot.Plot, error) {
		ti := chart.TornadoInput{Title: "Portfolio value by driver, low to high", Unit: cur, Base: d.v.Total}
		for _, ds := range d.drivers {
			lbl := ds.Name
			ti.Bars = append(ti.Bars, chart.TornadoBar{Input: lbl, Low: ds.TotalLow, High: ds.TotalHigh,
				LowLabel: driverValue(ds.Low, ds.Unit), HighLabel: driverValue(ds.High, ds.Unit)})
		}
		return chart.Tornado(ti, d.style)
	})
	w.setY(y + h + 6)
	for _, ds := range d.drivers {
		if len(ds.Initiatives) == 0 {
			continue
		}
		w.paragraphAt(marginX, w.contentW(), clean(ds.Name)+" feeds: "+joinNames(ds.Initiatives), 3, "", sizeSmall, leadSmall, colMuted)
	}
}

func joinNames(names []string) string {
	s := ""
	for i, n := range names {
		if i > 0 {
			s += "; "
		}
		s += clean(n)
	}
	return s
}

func linkVerb(k model.LinkKind) string {
	switch k {
	case model.LinkGates:
		return "gates"
	case model.LinkFollowOn:
		return "opens"
	case model.LinkExcludes:
		return "excludes"
	case model.LinkSynergy:
		return "moves with"
	}
	return orDash(string(k))
}

// driverValue formats a driver's value with its unit.
func driverValue(v float64, unit string) string {
	s := ""
	switch {
	case math.Abs(v) >= 1000:
		s = groupDigits(int64(math.Round(v)))
	default:
		s = fmt.Sprintf("%.4g", v)
	}
	switch unit {
	case "", "share":
		return s
	}
	return s + " " + clean(unit)
}

// changesSection writes what changed since the chosen snapshot.
func (w *writer) changesSection(d *reportData) {
	w.sectionPage(secChanges, titleChange, false)
	cur := d.cur
	if d.since == nil {
		msg := "No snapshot was chosen to compare with."
		if n := len(d.p.Snapshots); n > 0 {
			msg += fmt.Sprintf(" The portfolio has %d snapshots; build the report with --since SNAPSHOT (or choose one in the app) to see what moved, by how much and why.", n)
		} else {
			msg += " The portfolio has no snapshots yet: take one at each review so the next report can show what moved."
		}
		w.paragraph(msg, 0)
		return
	}
	if d.chErr != nil {
		w.paragraph("The snapshot could not be valued: "+d.chErr.Error(), 0)
		return
	}
	c := d.changes
	s := c.Snapshot
	y := w.keyValues(marginX, w.y(), w.contentW()*0.6, [][2]string{
		{"Snapshot", orDash(s.Label)},
		{"Taken", formatDate(s.Taken)},
		{"Valued as of", formatDate(s.AsOf) + " → " + formatDate(d.v.AsOf)},
		{"Portfolio value then", formatMoney(c.TotalBefore, cur)},
		{"Portfolio value now", formatMoney(c.TotalAfter, cur)},
		{"Change", signedMoney(c.TotalAfter-c.TotalBefore, cur)},
	})
	w.setY(y + 10)
	w.muted("Each change in option value is split by input: the inputs are moved from the snapshot's values to today's one at a time (S, X, σ, t, r, q), and each step's change in value is that input's share.")
	rows := [][]string{}
	var regions []valuation.Region
	for _, m := range c.Moves {
		if m.Delta == 0 && m.RegionBefore == m.RegionAfter && !m.Added && !m.Removed {
			continue
		}
		rows = append(rows, []string{m.Name, formatMoneyShort(m.Before, cur), formatMoneyShort(m.After, cur), signedMoney(m.Delta, cur),
			regionMove(m.RegionBefore, m.RegionAfter), m.why(cur)})
		regions = append(regions, m.RegionAfter)
	}
	w.h2("What moved", 2*rowHeight)
	if len(rows) == 0 {
		w.muted("Nothing moved.")
	} else {
		w.cappedTable([]column{{"Initiative", 4, false}, {"Then", 1.2, true}, {"Now", 1.2, true}, {"Change", 1.3, true}, {"Region", 1.1, false}, {"Why", 5.6, false}}, rows,
			func(i int) (rgb, bool) { return d.regionSwatch(regions[i]) }, d.tableCap(boardMoveRows), "initiatives that moved")
		w.whyNotes(d, c)
	}
	if len(c.Drivers) > 0 {
		w.h2("Drivers that changed", 2*rowHeight)
		rows = rows[:0]
		for _, dc := range c.Drivers {
			unit := ""
			if dr := d.p.Driver(dc.Name); dr != nil {
				unit = dr.Unit
			}
			rows = append(rows, []string{dc.Name, driverValue(dc.Before, unit), driverValue(dc.After, unit)})
		}
		w.table([]column{{"Driver", 4, false}, {"Then", 2, true}, {"Now", 2, true}}, rows, nil)
	}
}

// whyNotes writes the full "why" of the largest moves, which the table
// cuts to one line.
func (w *writer) whyNotes(d *reportData, c *Changes) {
	n := 0
	for _, m := range c.Moves {
		if n == 10 || m.Delta == 0 {
			break
		}
		if n == 0 {
			w.h2("Why the largest moves happened", 3*leadSmall)
		}
		n++
		w.paragraphAt(marginX, w.contentW(), clean(m.Name)+": "+m.why(d.cur)+".", 3, "", sizeSmall, leadSmall, colText)
	}
}

func regionMove(a, b valuation.Region) string {
	f := func(g valuation.Region) string {
		if g == 0 {
			return dash
		}
		return fmt.Sprint(int(g))
	}
	if a == b {
		return f(b)
	}
	return f(a) + " → " + f(b)
}

// methodSection writes the method appendix.
func (w *writer) methodSection(d *reportData) {
	w.sectionPage(secMethod, titleMethod, false)
	st := d.p.Settings
	th := st.Thresholds
	disc := "discrete (Luehrman): the rate r is an annual effective rate and PV(X) = X / (1 + r)^t"
	if st.Discounting == valuation.Continuous {
		disc = "continuous: the rate r is continuously compounded and PV(X) = X · e^(−r t)"
	}
	w.h2("The option space", 3*leadBody)
	w.paragraph("Every initiative is a real option: the right, not the obligation, to invest X (the exercise price) to receive the present value S of its cash flows, until its decision deadline t years from the valuation date. σ is the volatility of S per year, r the risk-free rate and q the value that leaks away per year while waiting (competitors, forgone cash flow).", 0)
	w.paragraph("Two numbers place every option on one map (Luehrman, \"Strategy as a Portfolio of Real Options\", HBR 1998): value-to-cost NPVq = S / PV(X) and cumulative volatility σ√t. For a European call without leakage they give the option value as a share of S alone: C/S = N(d1) − N(d2) / NPVq, with d1 = ln(NPVq) / (σ√t) + (σ√t) / 2 and d2 = d1 − σ√t.", 0)
	w.h2("Discounting", 2*leadBody)
	w.paragraph(fmt.Sprintf("This portfolio uses %s. The rate is %s. Every option value, NPVq and the NPV = 0 boundary use this one convention; the pricing engine works with the equivalent continuous rate rc = ln(1 + r), so X · e^(−rc t) = X / (1 + r)^t.",
		disc, formatPercent(st.RiskFree, 2)), 0)
	w.h2("Regions and their thresholds", 7*rowHeight)
	rows := [][]string{
		{"1  invest now", fmt.Sprintf("NPVq > 1, NPV = S − X > 0 and little option value left: S at or above the early-exercise trigger S*, or the time value C − (S − X) at most %s of S", formatPercent(th.InvestNowPremium, 1))},
		{"2  maybe now", "NPV > 0 but waiting is worth more than the threshold above; invest early only when leakage outweighs the premium"},
		{"3  probably later", "NPVq > 1 but NPV ≤ 0 (the boundary NPV = 0 is the curve NPVq = (1 + r)^t)"},
		{"4  maybe later", fmt.Sprintf("NPVq ≤ 1 and C/S ≥ %s", formatPercent(th.MaybeLater, 1))},
		{"5  probably never", fmt.Sprintf("NPVq ≤ 1 and %s ≤ C/S < %s", formatPercent(th.ProbablyNever, 1), formatPercent(th.MaybeLater, 1))},
		{"6  never", fmt.Sprintf("NPVq ≤ 1 and C/S < %s", formatPercent(th.ProbablyNever, 1))},
	}
	w.tableWrapped([]column{{"Region", 1.4, false}, {"Rule", 5, false}}, rows, func(i int) (rgb, bool) { return d.regionSwatch(valuation.Region(i + 1)) })
	w.paragraph("Abandon and contract options are puts: they use the mirrored metric NPVq = PV(X) / S (what is received over what is given up) and NPV = X − S, so the same regions read the same way. Staged options count the whole investment, X plus the stage cost.", 0)

	w.h2("Pricing methods", 3*rowHeight)
	w.paragraph("Defer and expand options (calls) are priced with Black-Scholes-Merton when nothing leaks (q ≤ 0 and r ≥ 0: early exercise never pays), otherwise as American options by the Andersen-Lake-Offengelt exercise boundary (2016; a Leisen-Reimer lattice where there are two boundaries); abandon and contract options (puts) with Black-Scholes-Merton when r ≤ 0 and q ≥ 0, otherwise as American puts by the same method; early-exercise triggers are that boundary at the deadline; choose options on one Leisen-Reimer lattice; staged options as compound options, with Geske's closed form (1979) when nothing leaks, else a compound lattice. Each initiative's page names the method behind its number.", 0)
	count := map[string]int{}
	for i := range d.v.Initiatives {
		r := &d.v.Initiatives[i]
		if r.Err == nil && r.Position.Method != "" {
			count[r.Position.Method]++
		}
	}
	methods := make([]string, 0, len(count))
	for m := range count {
		methods = append(methods, m)
	}
	sort.Strings(methods)
	mrows := make([][]string, 0, len(methods))
	for _, m := range methods {
		mrows = append(mrows, []string{m, fmt.Sprint(count[m])})
	}
	if len(mrows) > 0 {
		w.table([]column{{"Method", 5, false}, {"Initiatives", 1, true}}, mrows, nil)
	}
	w.h2("Portfolio totals and links", 3*leadBody)
	w.paragraph("A gate or follow-on link A → B means B can only be exercised after A; A's value then includes the option on B it opens, valued as a compound option, and B is not counted again. Of mutually exclusive initiatives only the most valuable counts. The value with options is the sum over the open initiatives that count; the static NPV is the sum of S − X of the same initiatives (investing in everything now); their difference is the value of flexibility.", 0)
	w.paragraph(fmt.Sprintf("Driver sensitivities re-value the whole portfolio with one driver at its low and its high value. Deadlines are counted from %s.", formatLongDate(d.now)), 0)
	w.h2("Fonts and characters", 2*leadBody)
	w.paragraph("Text is set in Liberation Sans (Latin, Greek, Cyrillic), with DejaVu Sans (Arabic, Hebrew, symbols) and Droid Sans Fallback (Chinese, Japanese, Korean) where installed, each embedded as a subset; right-to-left text is printed in display order (Unicode bidirectional algorithm).", 0)
	if miss := w.missingList(); len(miss) > 0 {
		w.paragraph(fmt.Sprintf("%d characters have no glyph in the embedded fonts and print as \"%s\" (copying the text gives the character back): %s.", len(miss), marker, strings.Join(miss, ", ")), 0)
	} else {
		w.paragraph("Every character of the report is in the embedded fonts.", 0)
	}
}

// tableWrapped is table for few rows with long text: each cell wraps
// within its column (at most 4 lines).
func (w *writer) tableWrapped(cols []column, rows [][]string, swatch func(i int) (rgb, bool)) {
	ws, width := w.columnWidths(cols), w.contentW()
	const pad = 4.0
	w.font("", sizeTable)
	for r, row := range rows {
		cells := make([][]string, len(cols))
		n := 1
		for i := range cols {
			avail := ws[i] - 2*pad
			if i == 0 && swatch != nil {
				avail -= 11
			}
			cells[i] = w.wrap(row[i], avail, 4)
			n = max(n, len(cells[i]))
		}
		h := float64(n)*leadSmall + 6
		w.ensure(h)
		y := w.y()
		if r%2 == 1 {
			w.fillColor(colZebra)
			w.doc.Rect(marginX, y, width, h, "F")
		}
		x := marginX
		for i := range cols {
			tx := x + pad
			if i == 0 && swatch != nil {
				if c, ok := swatch(r); ok {
					w.fillColor(c)
					w.doc.Rect(tx, y+4, 7, 7, "F")
				}
				tx += 11
			}
			w.font("", sizeTable)
			if i == 0 {
				w.font("B", sizeTable)
			}
			w.textColor(colText)
			for j, l := range cells[i] {
				w.text(tx, y+3+sizeTable+float64(j)*leadSmall, l)
			}
			x += ws[i]
		}
		w.setY(y + h)
	}
	w.setY(w.y() + 8)
}
