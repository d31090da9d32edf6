package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// cellText is what the initiatives table shows in row, col.
func cellText(l *initiativesList, row, col int) string {
	o := l.table.CreateCell()
	l.table.UpdateCell(widget.TableCellID{Row: row, Col: col}, o)
	return o.(*fyne.Container).Objects[0].(*middleLabel).full
}

// columnOf is the index of the initiatives table's column title.
func columnOf(t *testing.T, title string) int {
	t.Helper()
	for i, c := range initiativeColumns {
		if c.title == title {
			return i
		}
	}
	t.Fatalf("no column %q", title)
	return -1
}

// TestListBeforeValuation: while the valuation runs the list shows every
// initiative of the portfolio with its inputs (S as entered, a formula's
// S as the valuation then shows it) and "…" for the values; it searches;
// when the values arrive they fill the same rows in place (same order, the
// selection kept) and equal the valuation's.
func TestListBeforeValuation(t *testing.T) {
	ses := newPendingSession(t)
	win := windowOn(t, ses)
	l := win.list
	p := ses.Portfolio
	if len(l.rows) != len(p.Initiatives) || len(p.Initiatives) == 0 {
		t.Fatalf("pending list: %d rows, want the portfolio's %d initiatives", len(l.rows), len(p.Initiatives))
	}
	sCol, valCol, regCol := columnOf(t, "S"), columnOf(t, "Value"), columnOf(t, "Region")
	names := map[string]bool{}
	for i, r := range l.rows {
		names[cellText(l, i, 0)] = true
		if got := cellText(l, i, valCol); got != pendingCell {
			t.Errorf("row %d %s: value %q while valuing, want %q", i, r.Name, got, pendingCell)
		}
		if got := cellText(l, i, regCol); got != pendingCell {
			t.Errorf("row %d %s: region %q while valuing, want %q", i, r.Name, got, pendingCell)
		}
		in := p.Initiative(r.ID)
		if !in.S.IsFormula() && cellText(l, i, sCol) != money(in.S.Value) {
			t.Errorf("row %d %s: S %q, want the entered %s", i, r.Name, cellText(l, i, sCol), money(in.S.Value))
		}
	}
	for _, in := range p.Initiatives {
		if !names[in.Name] {
			t.Errorf("%q not listed while valuing", in.Name)
		}
	}
	// Search works on the pending rows.
	first := p.Initiatives[0]
	l.search.SetText(first.Name)
	if len(l.rows) == 0 || len(l.rows) == len(p.Initiatives) || l.rows[0].Name != first.Name {
		t.Fatalf("search %q while valuing: %d rows", first.Name, len(l.rows))
	}
	l.search.SetText("")
	// Select one, then let the values arrive.
	sel := l.rows[len(l.rows)/2]
	ses.Select(sel.ID)
	var order []string
	for _, r := range l.rows {
		order = append(order, r.ID)
	}
	waitValued(t, win)
	if ses.Pending() || !sameIDs(order, l.rows) {
		t.Fatalf("after valuing: pending %v, rows reordered %v", ses.Pending(), !sameIDs(order, l.rows))
	}
	if ses.Selected != sel.ID {
		t.Fatalf("selection after valuing %q, want %q", ses.Selected, sel.ID)
	}
	for i, r := range l.rows {
		want := ses.Valuation.ByID(r.ID)
		if want == nil {
			t.Fatalf("%s has no result", r.Name)
		}
		if got := cellText(l, i, valCol); got != money(want.Position.Value) || got == pendingCell {
			t.Errorf("row %d %s: value %q, want %q", i, r.Name, got, money(want.Position.Value))
		}
		if got := cellText(l, i, sCol); got != money(want.S) {
			t.Errorf("row %d %s: S %q after valuing, want %q", i, r.Name, got, money(want.S))
		}
	}
}

// TestListPendingFormulaInput: a formula's S is listed while valuing as
// the valuation then resolves it.
func TestListPendingFormulaInput(t *testing.T) {
	ses := newPendingSession(t)
	win := windowOn(t, ses)
	var idx = -1
	for i, r := range win.list.rows {
		if in := ses.Portfolio.Initiative(r.ID); in.S.IsFormula() {
			idx = i
		}
	}
	if idx < 0 {
		t.Fatal("the sample has no formula S (community-rollout had one)")
	}
	id := win.list.rows[idx].ID
	before := cellText(win.list, idx, columnOf(t, "S"))
	waitValued(t, win)
	if r := ses.Valuation.ByID(id); before != money(r.S) {
		t.Fatalf("formula S while valuing %q, valued %q", before, money(r.S))
	}
}

// TestFundingViewWaitsForValues: before the values the funding view says it
// waits for them (no "Fund 0" plan of no values, Accept disabled); the
// plan follows when they arrive.
func TestFundingViewWaitsForValues(t *testing.T) {
	ses := newPendingSession(t)
	win := windowOn(t, ses)
	v := showView[*fundingView](t, win, "funding")
	if v.summary.Text != waitingText || v.report != nil || !v.accept.Disabled() || len(v.rows.Objects) != 0 {
		t.Fatalf("funding while valuing: %q, report %v, accept disabled %v, %d rows", v.summary.Text, v.report != nil, v.accept.Disabled(), len(v.rows.Objects))
	}
	v.budget.SetText("2000000")
	v.onBudgetText("")
	if v.summary.Text != waitingText || strings.Contains(v.summary.Text, "Fund 0") {
		t.Fatalf("funding while valuing after a budget: %q", v.summary.Text)
	}
	waitValued(t, win)
	if v.report == nil || !strings.HasPrefix(v.summary.Text, "Review ") || len(v.rows.Objects) == 0 {
		t.Fatalf("funding after valuing: %q, report %v, %d rows", v.summary.Text, v.report != nil, len(v.rows.Objects))
	}
}
