package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/ui/chart"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// headerRight is the right edge (absolute) of the list table's drawn
// header button titled title (a sort arrow may follow), or -1 when that
// header is not drawn (scrolled out of sight).
func headerRight(l *initiativesList, title string) float32 {
	d := fyne.CurrentApp().Driver()
	right := float32(-1)
	walkRendered(l.table, func(o fyne.CanvasObject) bool {
		if !o.Visible() {
			return false
		}
		if b, ok := o.(*widget.Button); ok {
			if b.Text == title || strings.HasPrefix(b.Text, title+" ") {
				right = d.AbsolutePositionForObject(b).X + b.Size().Width
			}
			return false
		}
		return true
	})
	return right
}

// TestListKeepsTheValuesInSight: in a 1024x700 window, in a 1152x720 one
// and in the window a 1920x1080 screen opens (1536x864) the list shows
// the name, value and region columns whole, inside the table's visible
// width, and t left too where the list is not compact (at 1536; at 1024
// and 1152 it is just to the right, TestListNamesReadableAt1024); at 1024
// and 1152 the name column is narrowed (its cells shorten with an
// ellipsis) rather than the values pushed off to the right, at 1536 it
// has its full width. Before, at 1152, only Initiative and Layer showed.
func TestListKeepsTheValuesInSight(t *testing.T) {
	for _, c := range []struct {
		size      fyne.Size
		fullNames bool
	}{{fyne.NewSize(1024, 700), false}, {fyne.NewSize(1152, 720), false}, {fyne.NewSize(1536, 864), true}} {
		ses := newTestSession(t)
		win := mountWindow(test.NewTempApp(t), ses, "", c.size)
		l := win.list
		d := fyne.CurrentApp().Driver()
		edge := d.AbsolutePositionForObject(l.table).X + l.table.Size().Width
		titles := []string{"Initiative", "Value", "Region"}
		if !l.compact {
			titles = append(titles, "t left")
		}
		for _, title := range titles {
			r := headerRight(l, title)
			if r < 0 || r > edge+0.5 {
				t.Errorf("%v: column %q ends at %.0f, the table's visible width at %.0f: want it in sight", c.size, title, r, edge)
			}
		}
		full := initiativeColumns[0].width
		if got := l.nameWidth; (got == full) != c.fullNames || got < nameMinWidth {
			t.Errorf("%v: name column %.0f wide, want full (%.0f) %v and at least %d", c.size, got, full, c.fullNames, nameMinWidth)
		}
		// A name wider than its column is shortened, and in full on hover.
		cell := l.table.CreateCell()
		for row, r := range l.rows {
			l.table.UpdateCell(widget.TableCellID{Row: row, Col: 0}, cell)
			if got := cell.(*fyne.Container).Objects[0].(*middleLabel).full; got != r.Name {
				t.Errorf("%v: row %d name cell holds %q, want the full name %q", c.size, row, got, r.Name)
			}
		}
	}
}

// TestNameWidthFor: the name column takes what the other columns in sight
// leave (each followed by a padding, one more kept for the scroll bar),
// between nameMinWidth and its own width.
func TestNameWidthFor(t *testing.T) {
	const pad = 6
	// Value 64, t left 56, region 118, 5 paddings: 268 besides the name.
	for _, c := range []struct{ width, want float32 }{
		{418, 150}, {300, 100}, {368, 100}, {440, 172}, {518, 250}, {900, 250},
	} {
		if got := nameWidthFor(c.width, pad); got != c.want {
			t.Errorf("nameWidthFor(%.0f) = %.0f, want %.0f", c.width, got, c.want)
		}
	}
}

// TestPassedDeadlineHasItsOwnIcon: with the as-of date moved past some open
// initiatives' deadlines, the list marks exactly those (the deadline
// before the as-of date, the engine's DeadlinePassed) with the passed
// icon, the others due within 90 days with the warning, and the legend
// explains the passed icon.
func TestPassedDeadlineHasItsOwnIcon(t *testing.T) {
	passed, closing := 0, 0
	for _, asOf := range []model.Date{model.NewDate(2027, time.June, 1), model.NewDate(2027, time.February, 15)} {
		p := modeltest.Sample(t)
		p.AsOf = asOf
		for _, r := range portfolio.Inputs(p) {
			in := p.Initiative(r.ID)
			if in.Status != model.StatusOpen || r.Err != nil {
				continue
			}
			days := in.Deadline.Sub(p.AsOf.Time).Hours() / 24
			got := statusIcon(&r)
			switch {
			case in.Deadline.Before(p.AsOf.Time):
				passed++
				if got != passedIcon() {
					t.Errorf("%s (deadline %s, as of %s): icon %v, want the passed icon", in.Name, in.Deadline, p.AsOf, got.Name())
				}
			case days <= closingDays:
				closing++
				if got.Name() != theme.WarningIcon().Name() {
					t.Errorf("%s (deadline %s, %.0f days): icon %v, want the warning", in.Name, in.Deadline, days, got.Name())
				}
			default:
				if got == passedIcon() {
					t.Errorf("%s (deadline %s): the passed icon on an open deadline", in.Name, in.Deadline)
				}
			}
		}
	}
	if passed == 0 || closing == 0 {
		t.Fatalf("%d open initiatives with a passed deadline, %d closing: the test checks too little", passed, closing)
	}
	t.Logf("%d passed, %d closing", passed, closing)

	win := windowOn(t, newTestSession(t))
	found := false
	walkRendered(win.list.legend(), func(o fyne.CanvasObject) bool {
		if ic, ok := o.(*widget.Icon); ok && ic.Resource == passedIcon() {
			found = true
		}
		return true
	})
	if !found {
		t.Error("the legend does not explain the passed icon")
	}
}

// TestInspectorHintWrapsFreely: the empty inspector's hint breaks only
// between its paragraphs; within them it wraps at the pane's width (a hard
// line break left "Ctrl+Z undoes." alone on a line).
func TestInspectorHintWrapsFreely(t *testing.T) {
	win := windowOn(t, newTestSession(t))
	text := win.insp.empty.Text
	for i, par := range strings.Split(text, "\n\n") {
		if strings.Contains(par, "\n") {
			t.Errorf("paragraph %d of the hint has a hard line break: %q", i, par)
		}
	}
	if !strings.Contains(text, "leave it; Ctrl+Z undoes.") {
		t.Errorf("hint %q: want the undo sentence after the saving one", text)
	}
}

// scrollHolding is the drawn scroll container under root whose content is
// or holds obj, nil if none.
func scrollHolding(root, obj fyne.CanvasObject) *container.Scroll {
	var found *container.Scroll
	walkRendered(root, func(o fyne.CanvasObject) bool {
		if s, ok := o.(*container.Scroll); ok {
			if s.Content == obj {
				found = s
			} else if c, ok := s.Content.(*fyne.Container); ok {
				for _, x := range c.Objects {
					if x == obj {
						found = s
					}
				}
			}
		}
		return true
	})
	return found
}

// TestDriversEntriesClearOfTheScrollBar: in the Drivers view each driver's
// value field ends at least the scroll bar's width and a padding inside
// the right edge of the scroll area that holds the rows (they touched the
// bar), at 1024x700's window and 1440x900's.
func TestDriversEntriesClearOfTheScrollBar(t *testing.T) {
	for _, size := range []fyne.Size{fyne.NewSize(921, 630), fyne.NewSize(1152, 720)} {
		win := mountWindow(test.NewTempApp(t), newTestSession(t), "", size)
		v := showView[*driversView](t, win, "drivers")
		if len(v.entries) == 0 {
			t.Fatal("the sample has no drivers")
		}
		s := scrollHolding(win.win.Content(), v.rows)
		if s == nil {
			t.Fatal("no scroll area holds the drivers' rows")
		}
		d := fyne.CurrentApp().Driver()
		edge := d.AbsolutePositionForObject(s).X + s.Size().Width
		for name, e := range v.entries {
			right := d.AbsolutePositionForObject(e).X + e.Size().Width
			if room := edge - right; room < theme.ScrollBarSize()+theme.Padding()-0.5 {
				t.Errorf("%v: driver %s's field ends %.1f from the scroll area's edge, want at least %.1f", size, name, room, theme.ScrollBarSize()+theme.Padding())
			}
		}
	}
}

// TestFundingChartsWholeWidthWhenNarrow: in the 1024x700 screen's window
// the funding view's charts are each the view's whole width and at least
// planChartMin high, under the plan's list (the view scrolls to them);
// side by side under the list they were about 180x120. In the 1920x1080
// screen's window the charts stand at the right of the list.
func TestFundingChartsWholeWidthWhenNarrow(t *testing.T) {
	d := func() fyne.Driver { return fyne.CurrentApp().Driver() }
	win := mountWindow(test.NewTempApp(t), newTestSession(t), "", fyne.NewSize(921, 630))
	v := showView[*fundingView](t, win, "funding")
	width := v.root.Size().Width
	if width >= planWide {
		t.Fatalf("the funding view is %.0f wide at 921x630, want a narrow pane", width)
	}
	rootX := d().AbsolutePositionForObject(v.root).X
	for name, p := range map[string]*chartPane{"map": v.mapPane, "frontier": v.pane} {
		sz, x := p.raster.Size(), d().AbsolutePositionForObject(p.raster).X
		if sz.Width < width-1 || x > rootX+1 || sz.Height < planChartMin {
			t.Errorf("narrow: the %s chart is %v at x %.0f, want the view's width %.0f from x %.0f, at least %d high", name, sz, x, width, rootX, planChartMin)
		}
	}
	if s := scrollHolding(win.win.Content(), v.root); s == nil || s.Content.Size().Height <= s.Size().Height {
		t.Error("narrow: the funding view does not scroll to its charts")
	}

	win = mountWindow(test.NewTempApp(t), newTestSession(t), "", fyne.NewSize(1536, 864))
	v = showView[*fundingView](t, win, "funding")
	if w := v.root.Size().Width; w < planWide {
		t.Fatalf("the funding view is %.0f wide at 1536x864, want a wide pane", w)
	}
	if mx, px := d().AbsolutePositionForObject(v.mapPane.raster).X, d().AbsolutePositionForObject(v.pane.raster).X; mx < v.root.Size().Width/3 || mx != px {
		t.Errorf("wide: map at x %.0f, frontier at x %.0f, want both at the right of the list", mx, px)
	}
}

// TestInvestClosingListFitsItsRows: the invest view's list of closing
// decisions is as tall as its rows, up to closingRowsShown: one line when
// none is due (it was three rows' height, taken from the chart), two when
// two are due.
func TestInvestClosingListFitsItsRows(t *testing.T) {
	row := widget.NewLabel("Xg").MinSize().Height
	for _, c := range []struct {
		asOf model.Date
		rows int
	}{{model.NewDate(2026, time.October, 1), 1}, {model.NewDate(2027, time.February, 15), 2}} {
		p := modeltest.Sample(t)
		p.AsOf = c.asOf
		due := len(portfolio.Deadlines(p, p.AsOf, closingDays))
		win := mountWindow(test.NewTempApp(t), sessionWith(t, p), "", fyne.NewSize(921, 630))
		v := showView[*investView](t, win, "invest")
		if max(due, 1) != c.rows {
			t.Fatalf("as of %s: %d decisions due, the test wants %d rows", c.asOf, due, c.rows)
		}
		h := v.closing.Size().Height
		if h < float32(c.rows)*row || h > float32(c.rows)*(row+2*theme.Padding()) {
			t.Errorf("as of %s: the closing list is %.0f high for %d rows of %.0f", c.asOf, h, c.rows, row)
		}
	}
}

// TestSimulationFieldsAligned: the simulation's Paths, Seed and Review in
// fields start at the same x when they stand one under another (at
// 1024x700's window), beside labels of one width.
func TestSimulationFieldsAligned(t *testing.T) {
	win := mountWindow(test.NewTempApp(t), newTestSession(t), "", fyne.NewSize(921, 630))
	v := showView[*simView](t, win, "simulation")
	d := fyne.CurrentApp().Driver()
	xs := []float32{d.AbsolutePositionForObject(v.n).X, d.AbsolutePositionForObject(v.seed).X, d.AbsolutePositionForObject(v.horizon).X}
	ys := []float32{d.AbsolutePositionForObject(v.n).Y, d.AbsolutePositionForObject(v.seed).Y, d.AbsolutePositionForObject(v.horizon).Y}
	if ys[0] == ys[1] {
		t.Skipf("the fields stand side by side at 921x630 (y %v): nothing to align", ys)
	}
	for i := 1; i < len(xs); i++ {
		if ys[i] != ys[0] && xs[i] != xs[0] {
			t.Errorf("field %d starts at x %.1f, the first at %.1f: want them aligned", i, xs[i], xs[0])
		}
	}
}

// TestInvestViewWhileValuing: while the portfolio's valuation runs the
// invest view says it is valuing, not "No open initiative to decide on."
// (the sample has eleven open initiatives).
func TestInvestViewWhileValuing(t *testing.T) {
	ses := newPendingSession(t)
	if !ses.Pending() {
		t.Fatal("the session is not pending")
	}
	win := windowOn(t, ses)
	v := showView[*investView](t, win, "invest")
	if got, want := v.pane.msg.Text, valuingStatus(ses); got != want || !v.pane.msg.Visible() {
		t.Errorf("invest view while valuing says %q (shown %v), want %q", got, v.pane.msg.Visible(), want)
	}
}

// TestInvestChartShowsTheLargest: with more open initiatives than
// investRowsShown the invest / wait chart gets the investRowsShown whose
// larger of NPV and option value is largest (checked against a count of
// the rows above each kept one) and a title that says how many of how
// many; with fewer it gets them all and its own title.
func TestInvestChartShowsTheLargest(t *testing.T) {
	var rows []chart.InvestWaitRow
	for i := 0; i < 100; i++ {
		// A permutation of 0..99 (37 is prime to 100), NPV below or above
		// the option value by turns.
		v := float64((i * 37) % 100)
		r := chart.InvestWaitRow{Name: fmt.Sprintf("i%02d", i), NPV: v, OptionValue: v - 5}
		if i%2 == 1 {
			r.NPV, r.OptionValue = v-50, v
		}
		rows = append(rows, r)
	}
	got, title := investRowsShownOf(rows, investRowsShown)
	if len(got) != investRowsShown || title != "The 40 largest of 100 open initiatives: invest now or keep the option" {
		t.Fatalf("%d rows, title %q", len(got), title)
	}
	for _, r := range got {
		v := max(r.NPV, r.OptionValue)
		above := 0
		for _, o := range rows {
			if max(o.NPV, o.OptionValue) > v {
				above++
			}
		}
		if above >= investRowsShown {
			t.Errorf("%s (%.0f) kept with %d larger rows", r.Name, v, above)
		}
	}
	if few, title := investRowsShownOf(rows[:12], investRowsShown); len(few) != 12 || title != "" {
		t.Errorf("12 rows: %d kept, title %q, want all and the chart's own", len(few), title)
	}
}

// TestInvestRowsFitThePane: the invest chart shows as many rows as its
// pane gives a name at the tick size: at 96 dpi and tick size 10 pt a
// 310 px pane (1024x700's) has 232.5 pt, (232.5 - 80) / 14 = 10 rows; a
// 470 px one (352.5 - 80) / 14 = 19; a 900 px one 40 (the most); a
// 150 px one the fewest, 8. And the chart
// drawn in the short pane names every row (fitNames hid the 40 names).
func TestInvestRowsFitThePane(t *testing.T) {
	st := chart.LightStyle()
	for _, c := range []struct{ h, want int }{{310, 10}, {900, 40}, {150, investRowsMin}, {470, 19}} {
		if got := investRowsFit(c.h, 96, st); got != c.want {
			t.Errorf("%d px: %d rows, want %d", c.h, got, c.want)
		}
	}
	var rows []chart.InvestWaitRow
	for i := 0; i < 1000; i++ {
		rows = append(rows, chart.InvestWaitRow{Name: fmt.Sprintf("Initiative %04d", i), NPV: float64(i), OptionValue: float64(i) + 10})
	}
	shown, title := investRowsShownOf(rows, investRowsFit(310, 96, st))
	p, err := chart.InvestWait(shown, chart.InvestWaitOptions{Title: title}, st)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chart.Render(p, 420, 310, 96); err != nil {
		t.Fatal(err)
	}
	named := 0
	for _, tk := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
		if tk.Label != "" {
			named++
		}
	}
	if named != len(shown) {
		t.Errorf("%d of %d rows named in a 420x310 chart", named, len(shown))
	}
}
