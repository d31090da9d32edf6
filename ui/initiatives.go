package ui

import (
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/valuation/portfolio"
)

// initiativeColumns are the initiatives table's columns.
var initiativeColumns = []struct {
	title string
	width float32
	cell  func(r *portfolio.InitiativeResult) string
	less  func(a, b *portfolio.InitiativeResult) bool
}{
	{"Initiative", 250, func(r *portfolio.InitiativeResult) string { return r.Name },
		func(a, b *portfolio.InitiativeResult) bool { return strings.ToLower(a.Name) < strings.ToLower(b.Name) }},
	{"Layer", 90, func(r *portfolio.InitiativeResult) string { return r.Tag },
		func(a, b *portfolio.InitiativeResult) bool { return a.Tag < b.Tag }},
	{"S", 70, func(r *portfolio.InitiativeResult) string { return money(r.S) },
		func(a, b *portfolio.InitiativeResult) bool { return a.S < b.S }},
	{"X", 70, func(r *portfolio.InitiativeResult) string { return money(r.X) },
		func(a, b *portfolio.InitiativeResult) bool { return a.X < b.X }},
	{"t left", 60, func(r *portfolio.InitiativeResult) string { return years(r.T) },
		func(a, b *portfolio.InitiativeResult) bool { return a.T < b.T }},
	{"σ", 50, func(r *portfolio.InitiativeResult) string { return percent(r.Sigma) },
		func(a, b *portfolio.InitiativeResult) bool { return a.Sigma < b.Sigma }},
	{"Value", 70, func(r *portfolio.InitiativeResult) string { return money(r.Position.Value) },
		func(a, b *portfolio.InitiativeResult) bool { return a.Position.Value < b.Position.Value }},
	{"NPVq", 50, func(r *portfolio.InitiativeResult) string { return ratio(r.Position.NPVq) },
		func(a, b *portfolio.InitiativeResult) bool { return a.Position.NPVq < b.Position.NPVq }},
	{"σ√t", 50, func(r *portfolio.InitiativeResult) string { return ratio(r.Position.CumVol) },
		func(a, b *portfolio.InitiativeResult) bool { return a.Position.CumVol < b.Position.CumVol }},
	{"Region", 130, func(r *portfolio.InitiativeResult) string { return regionLabel(r) },
		func(a, b *portfolio.InitiativeResult) bool { return a.Position.Region < b.Position.Region }},
}

func regionLabel(r *portfolio.InitiativeResult) string {
	if r.Err != nil {
		return "⚠ " + r.Err.Error()
	}
	return r.Position.Region.String()
}

// initiativesList is the table of the current portfolio's initiatives:
// grouped by layer by default, searchable, sortable by tapping a column
// header; selecting a row selects the initiative everywhere.
type initiativesList struct {
	ses    *Session
	search *widget.Entry
	table  *widget.Table
	rows   []*portfolio.InitiativeResult
	sortBy int  // column index, -1: by layer then name
	desc   bool // descending
	// syncing is set while the table's selection follows the session's.
	syncing bool
}

func newInitiativesList(ses *Session) *initiativesList {
	l := &initiativesList{ses: ses, sortBy: -1}
	l.search = widget.NewEntry()
	l.search.SetPlaceHolder("Search initiatives (Ctrl+F)")
	l.search.OnChanged = func(string) { l.refresh() }
	l.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(l.rows), len(initiativeColumns) },
		func() fyne.CanvasObject {
			lb := widget.NewLabel("")
			lb.Truncation = fyne.TextTruncateEllipsis
			return lb
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < 0 || id.Row >= len(l.rows) {
				return
			}
			o.(*widget.Label).SetText(initiativeColumns[id.Col].cell(l.rows[id.Row]))
		})
	l.table.ShowHeaderColumn = false
	l.table.CreateHeader = func() fyne.CanvasObject { return widget.NewButton("", nil) }
	l.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		if id.Col < 0 {
			return
		}
		title := initiativeColumns[id.Col].title
		if l.sortBy == id.Col {
			if l.desc {
				title += " ▼"
			} else {
				title += " ▲"
			}
		}
		b.SetText(title)
		col := id.Col
		b.OnTapped = func() { l.onHeaderTapped(col) }
	}
	for i, c := range initiativeColumns {
		l.table.SetColumnWidth(i, c.width)
	}
	l.table.OnSelected = l.onRowSelected
	ses.OnChange(func(Change) { l.refresh() })
	l.refresh()
	return l
}

func (l *initiativesList) content() fyne.CanvasObject {
	return container.NewBorder(l.search, nil, nil, nil, l.table)
}

func (l *initiativesList) onHeaderTapped(col int) {
	if l.sortBy == col {
		l.desc = !l.desc
	} else {
		l.sortBy, l.desc = col, false
	}
	l.refresh()
}

func (l *initiativesList) onRowSelected(id widget.TableCellID) {
	if l.syncing || id.Row < 0 || id.Row >= len(l.rows) {
		return
	}
	l.ses.Select(l.rows[id.Row].ID)
}

// refresh rebuilds the rows from the session: filter, sort, reselect.
func (l *initiativesList) refresh() {
	l.rows = l.rows[:0]
	q := strings.ToLower(strings.TrimSpace(l.search.Text))
	if v := l.ses.Valuation; v != nil {
		for i := range v.Initiatives {
			r := &v.Initiatives[i]
			if q == "" || strings.Contains(strings.ToLower(r.Name), q) || strings.Contains(strings.ToLower(r.Tag), q) {
				l.rows = append(l.rows, r)
			}
		}
	}
	tagOrder := map[string]int{}
	if p := l.ses.Portfolio; p != nil {
		for i, t := range p.Tags {
			tagOrder[t] = i
		}
	}
	sort.SliceStable(l.rows, func(i, j int) bool {
		a, b := l.rows[i], l.rows[j]
		if l.sortBy < 0 {
			if tagOrder[a.Tag] != tagOrder[b.Tag] {
				return tagOrder[a.Tag] < tagOrder[b.Tag]
			}
			return strings.ToLower(a.Name) < strings.ToLower(b.Name)
		}
		if l.desc {
			return initiativeColumns[l.sortBy].less(b, a)
		}
		return initiativeColumns[l.sortBy].less(a, b)
	})
	l.table.Refresh()
	l.syncing = true
	defer func() { l.syncing = false }()
	for i, r := range l.rows {
		if r.ID == l.ses.Selected {
			l.table.Select(widget.TableCellID{Row: i, Col: 0})
			return
		}
	}
	l.table.UnselectAll()
}
