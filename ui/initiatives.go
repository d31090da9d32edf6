package ui

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// initiativeColumns are the initiatives table's columns. The first
// columnsInSight of them (name, value, t left, region) are the ones users
// need; the list keeps them in sight by narrowing the name column
// (listTableLayout), and the rest are to the right, scrolled to.
var initiativeColumns = []struct {
	title string
	width float32
	cell  func(r *portfolio.InitiativeResult) string
	less  func(a, b *portfolio.InitiativeResult) bool
	// valued: the cell is a value of the valuation (not an input), shown
	// as pendingCell while the valuation runs.
	valued bool
}{
	{"Initiative", 250, func(r *portfolio.InitiativeResult) string { return r.Name },
		func(a, b *portfolio.InitiativeResult) bool { return strings.ToLower(a.Name) < strings.ToLower(b.Name) }, false},
	{"Value", 64, func(r *portfolio.InitiativeResult) string { return money(r.Position.Value) },
		func(a, b *portfolio.InitiativeResult) bool { return a.Position.Value < b.Position.Value }, true},
	{"t left", 56, func(r *portfolio.InitiativeResult) string { return format.YearsLeft(r.T, r.DeadlinePassed) },
		func(a, b *portfolio.InitiativeResult) bool { return a.T < b.T }, false},
	{"Region", 118, func(r *portfolio.InitiativeResult) string { return regionLabel(r) },
		func(a, b *portfolio.InitiativeResult) bool { return a.Position.Region < b.Position.Region }, true},
	{"Layer", 110, func(r *portfolio.InitiativeResult) string { return r.Tag },
		func(a, b *portfolio.InitiativeResult) bool { return a.Tag < b.Tag }, false},
	{"S", 70, func(r *portfolio.InitiativeResult) string { return money(r.S) },
		func(a, b *portfolio.InitiativeResult) bool { return a.S < b.S }, false},
	{"X", 70, func(r *portfolio.InitiativeResult) string { return money(r.X) },
		func(a, b *portfolio.InitiativeResult) bool { return a.X < b.X }, false},
	{"σ", 50, func(r *portfolio.InitiativeResult) string { return percent(r.Sigma) },
		func(a, b *portfolio.InitiativeResult) bool { return a.Sigma < b.Sigma }, false},
	{"NPVq", 50, func(r *portfolio.InitiativeResult) string { return ratio(r.Position.NPVq) },
		func(a, b *portfolio.InitiativeResult) bool { return a.Position.NPVq < b.Position.NPVq }, true},
	{"σ√t", 50, func(r *portfolio.InitiativeResult) string { return ratio(r.Position.CumVol) },
		func(a, b *portfolio.InitiativeResult) bool { return a.Position.CumVol < b.Position.CumVol }, true},
}

// columnsInSight is how many of initiativeColumns, from the first, the
// list keeps in sight: name, value, t left and region.
const columnsInSight = 4

// Where the list is too narrow for the four columns in sight to leave the
// names nameComfortWidth (a 1024x700 screen's window left them 100, "Bra…
// use"), the list is compact: in sight are the name, the value and the
// region by its short form (format.RegionShort, in a regionShortWidth
// column); t left goes to the right, just after the region, with the
// other inputs (it is in the inspector too).
const (
	// nameComfortWidth is the name column's width below which the list
	// turns compact: 120 of text, about 15 characters of the sample's
	// names.
	nameComfortWidth = 160
	// regionShortWidth fits the widest short region, "maybe later"
	// (78.4 of text at 14 pt; "prob. never" 75.7), with the cell's inner
	// padding (16): 94.4.
	regionShortWidth = 95
	// colTLeft and colRegion are the t left and region columns'
	// indices in initiativeColumns.
	colTLeft, colRegion = 2, 3
)

// nameMinWidth is the narrowest the name column gets to keep the columns
// in sight in a narrow list; narrower still, they go off to the right.
// 100, with Value 64 and t left 56 wide, keeps "probably never" whole in
// a 1024x700 window's list (at 140, 70 and 60 the Region column was cut
// to "probably n").
const nameMinWidth = 100

// nameWidthFor is the name column's width in a table width wide: what the
// other columns in sight leave of it (each column is followed by a
// padding, and a padding is kept for the scroll bar), at least
// nameMinWidth and at most the column's own width.
func nameWidthFor(width, pad float32) float32 {
	rest := pad
	for _, c := range initiativeColumns[:columnsInSight] {
		rest += pad
		if c.title != initiativeColumns[0].title {
			rest += c.width
		}
	}
	return min(initiativeColumns[0].width, max(nameMinWidth, width-rest))
}

// listColumnsFor is the list's layout in a table width wide: whether it
// is compact (nameWidthFor leaves the names less than nameComfortWidth)
// and the name column's width. Compact, the columns in sight besides the
// name are the value and the short region.
func listColumnsFor(width, pad float32) (compact bool, name float32) {
	if name = nameWidthFor(width, pad); name >= nameComfortWidth {
		return false, name
	}
	rest := 4*pad + initiativeColumns[1].width + regionShortWidth
	return true, min(initiativeColumns[0].width, max(nameMinWidth, width-rest))
}

// listTableLayout fills its one object, the list's table, and sets the
// table's name column to listColumnsFor the width it is given, so that
// the columns in sight stay in sight as the list pane narrows or widens:
// the names shorten in the middle with an ellipsis (middleLabel), the
// values stay whole; in a narrow pane the list turns compact.
type listTableLayout struct{ l *initiativesList }

// Layout implements fyne.Layout.
func (t listTableLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	compact, w := listColumnsFor(size.Width, theme.Padding())
	if compact != t.l.compact {
		t.l.setCompact(compact)
	}
	if w != t.l.nameWidth {
		t.l.nameWidth = w
		t.l.table.SetColumnWidth(0, w)
	}
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
}

// MinSize implements fyne.Layout.
func (t listTableLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return m
}

// setCompact orders the table's columns for the compact list (region
// before t left, the region short) or the full one (initiativeColumns'
// order).
func (l *initiativesList) setCompact(compact bool) {
	l.compact = compact
	l.order = l.order[:0]
	for i := range initiativeColumns {
		l.order = append(l.order, i)
	}
	if compact {
		l.order[colTLeft], l.order[colRegion] = colRegion, colTLeft
	}
	for col, i := range l.order {
		w := initiativeColumns[i].width
		if i == colRegion && compact {
			w = regionShortWidth
		}
		if col > 0 {
			l.table.SetColumnWidth(col, w)
		}
	}
	l.table.Refresh()
}

// column is the initiativeColumns index shown in the table's column col.
func (l *initiativesList) column(col int) int {
	if col >= 0 && col < len(l.order) {
		return l.order[col]
	}
	return col
}

// cellText is row r's text in initiativeColumns[i]: the region short
// in the compact list.
func (l *initiativesList) cellText(i int, r *portfolio.InitiativeResult) string {
	if i == colRegion && l.compact && r.Err == nil {
		return format.RegionShort(r.Position.Region)
	}
	return initiativeColumns[i].cell(r)
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
	w      *Window
	ses    *Session
	search *appEntry
	table  *widget.Table
	rows   []*portfolio.InitiativeResult
	// pending: the rows are the portfolio's inputs (portfolio.Inputs of
	// inputsOf) while its valuation runs; the valued cells show pendingCell.
	pending  bool
	inputs   []portfolio.InitiativeResult
	inputsOf *model.Portfolio
	sortBy   int  // column index, -1: by layer then name
	desc     bool // descending
	// syncing is set while the table's selection follows the session's.
	syncing bool
	// nameWidth is the name column's width set by listTableLayout.
	nameWidth float32
	// compact: the list is too narrow for t left in sight
	// (listColumnsFor); order maps the table's columns to
	// initiativeColumns (setCompact).
	compact bool
	order   []int
}

func newInitiativesList(w *Window) *initiativesList {
	ses := w.ses
	l := &initiativesList{w: w, ses: ses, sortBy: -1}
	l.search = newAppEntry()
	l.search.SetPlaceHolder("Search initiatives (Ctrl+F)")
	l.search.OnChanged = func(string) {
		l.refresh()
		if sv, ok := w.shown["space"].(*spaceView); ok {
			sv.onOptionsChanged()
		}
	}
	l.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(l.rows), len(initiativeColumns) },
		func() fyne.CanvasObject {
			lb := newMiddleLabel()
			lb.onHover = w.hoverText
			return container.NewBorder(nil, nil, widget.NewIcon(nil), nil, lb)
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < 0 || id.Row >= len(l.rows) {
				return
			}
			c := o.(*fyne.Container)
			lb, icon := c.Objects[0].(*middleLabel), c.Objects[1].(*widget.Icon)
			r, i := l.rows[id.Row], l.column(id.Col)
			lb.long = ""
			if l.pending && initiativeColumns[i].valued && !l.ses.PendingValued(r.ID) {
				lb.SetFull(pendingCell)
			} else {
				lb.SetFull(l.cellText(i, r))
				if i == colRegion && l.compact {
					lb.long = initiativeColumns[i].cell(r) // "probably never"
				}
			}
			shown := icon.Visible()
			if id.Col == 0 {
				icon.SetResource(statusIcon(r))
				icon.Show()
			} else {
				icon.Hide()
			}
			if icon.Visible() != shown {
				// A cell moved to or from the name column: the label
				// gets the icon's room back (or gives it), which the
				// table's Resize does not redo when the size stays.
				c.Layout.Layout(c.Objects, c.Size())
			}
		})
	l.table.ShowHeaderColumn = false
	l.table.CreateHeader = func() fyne.CanvasObject { return widget.NewButton("", nil) }
	l.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		if id.Col < 0 {
			return
		}
		col := l.column(id.Col)
		title := initiativeColumns[col].title
		if l.sortBy == col {
			if l.desc {
				title += " ▼"
			} else {
				title += " ▲"
			}
		}
		b.SetText(title)
		b.OnTapped = func() { l.onHeaderTapped(col) }
	}
	for i, c := range initiativeColumns {
		l.table.SetColumnWidth(i, c.width)
		l.order = append(l.order, i)
	}
	l.table.OnSelected = l.onRowSelected
	ses.OnChange(func(c Change) {
		if c == ChangedSelection {
			l.syncSelection()
		} else {
			l.refresh()
		}
	})
	l.refresh()
	return l
}

func (l *initiativesList) content() fyne.CanvasObject {
	add := widget.NewButtonWithIcon("", theme.ContentAddIcon(), l.onAdd)
	dup := widget.NewButtonWithIcon("", theme.ContentCopyIcon(), l.onDuplicate)
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), l.onDelete)
	top := container.NewBorder(nil, nil, nil, container.NewHBox(add, dup, del), l.search)
	return container.NewBorder(top, l.legend(), nil, nil, container.New(listTableLayout{l}, l.table))
}

// legend explains the status icons. Its rows are tighter than labels'
// (a label's inner padding is taken off above and below) so that its
// seven entries take no more height than six did.
func (l *initiativesList) legend() fyne.CanvasObject {
	item := func(r fyne.Resource, s string) fyne.CanvasObject {
		lb := widget.NewLabel(s)
		lb.Importance = widget.LowImportance
		tight := -theme.InnerPadding() * 0.75
		return container.New(layout.NewCustomPaddedLayout(tight, tight, 0, 0), container.NewHBox(widget.NewIcon(r), lb))
	}
	return container.NewGridWithColumns(2, item(theme.RadioButtonIcon(), "open"), item(theme.WarningIcon(), "deadline ≤ 90 days"),
		item(passedIcon(), "deadline passed"), item(theme.ConfirmIcon(), "invested"),
		item(theme.CancelIcon(), "abandoned"), item(theme.HistoryIcon(), "expired"),
		item(theme.ErrorIcon(), "cannot be valued"))
}

// passedIcon marks an open initiative whose decision deadline has passed
// (the engine's InitiativeResult.DeadlinePassed): a calendar in the
// theme's error colour, apart from the warning of a deadline still to
// come, as the "t left" column says "passed" apart from the years left.
func passedIcon() fyne.Resource { return passedRes }

var passedRes fyne.Resource = theme.NewErrorThemedResource(theme.CalendarIcon())

// closingDays is how near a deadline must be to be flagged as closing.
const closingDays = portfolio.DeadlineDays

// statusIcon is the icon of an initiative's status in the list.
func statusIcon(r *portfolio.InitiativeResult) fyne.Resource {
	switch {
	case r.Err != nil:
		return theme.ErrorIcon()
	case r.Status == model.StatusInvested:
		return theme.ConfirmIcon()
	case r.Status == model.StatusAbandoned:
		return theme.CancelIcon()
	case r.Status == model.StatusExpired:
		return theme.HistoryIcon()
	case r.DeadlinePassed:
		return passedIcon()
	case r.T*365.25 <= closingDays:
		return theme.WarningIcon()
	}
	return theme.RadioButtonIcon()
}

// onAdd adds an initiative with plain defaults (one action) and selects it
// so the inspector opens on it.
func (l *initiativesList) onAdd() {
	p := l.ses.Portfolio
	name := "New initiative"
	for i := 2; p.InitiativeByName(name) != nil; i++ {
		name = fmt.Sprintf("New initiative %d", i)
	}
	tag := ""
	if len(p.Tags) > 0 {
		tag = p.Tags[0]
	}
	id := p.UniqueID(name)
	in := model.Initiative{ID: id, Name: name, Tag: tag, Kind: model.KindDefer, Status: model.StatusOpen,
		S: model.Number(1e6), X: model.Number(1e6), Sigma: model.Number(0.3), Deadline: p.AsOf.AddMonths(24)}
	err := l.ses.Apply("Add "+name, func(p *model.Portfolio) error {
		p.Initiatives = append(p.Initiatives, in)
		return nil
	})
	if err != nil {
		l.w.showError(err)
		return
	}
	l.search.SetText("")
	l.ses.Select(id)
	l.w.focusInspector()
}

// onDuplicate copies the selected initiative under a new name.
func (l *initiativesList) onDuplicate() {
	p := l.ses.Portfolio
	src := p.Initiative(l.ses.Selected)
	if src == nil {
		l.w.setStatus("Select an initiative to duplicate.")
		return
	}
	c := *p.Clone().Initiative(src.ID)
	c.Name = src.Name + " (copy)"
	for i := 2; p.InitiativeByName(c.Name) != nil; i++ {
		c.Name = fmt.Sprintf("%s (copy %d)", src.Name, i)
	}
	c.ID = p.UniqueID(c.Name)
	if err := l.ses.Apply("Duplicate "+src.Name, func(p *model.Portfolio) error {
		p.Initiatives = append(p.Initiatives, c)
		return nil
	}); err != nil {
		l.w.showError(err)
		return
	}
	l.ses.Select(c.ID)
}

// onDelete deletes the selected initiative with its links (undoable).
func (l *initiativesList) onDelete() {
	id := l.ses.Selected
	src := l.ses.Portfolio.Initiative(id)
	if src == nil {
		l.w.setStatus("Select an initiative to delete.")
		return
	}
	name := src.Name
	if err := l.ses.Apply("Delete "+name, func(p *model.Portfolio) error {
		return deleteInitiative(p, id)
	}); err != nil {
		l.w.showError(err)
		return
	}
	l.w.setStatus(fmt.Sprintf("Deleted %q · Ctrl+Z brings it back", name))
}

// deleteInitiative removes the initiative id and everything that refers to
// it: links, decisions, learning entries and its snapshot entries.
func deleteInitiative(p *model.Portfolio, id string) error {
	idx := -1
	for i := range p.Initiatives {
		if p.Initiatives[i].ID == id {
			idx = i
		}
	}
	if idx < 0 {
		return fmt.Errorf("initiative %q no longer exists", id)
	}
	p.Initiatives = append(p.Initiatives[:idx], p.Initiatives[idx+1:]...)
	links := p.Links[:0]
	for _, k := range p.Links {
		if k.From != id && k.To != id {
			links = append(links, k)
		}
	}
	p.Links = links
	decs := p.Decisions[:0]
	for _, d := range p.Decisions {
		if d.Initiative != id {
			decs = append(decs, d)
		}
	}
	p.Decisions = decs
	learn := p.Learning[:0]
	for _, e := range p.Learning {
		if e.Initiative != id {
			learn = append(learn, e)
		}
	}
	p.Learning = learn
	for i := range p.Snapshots {
		s := &p.Snapshots[i]
		delete(s.Numbers, id)
		ins := s.Initiatives[:0]
		for _, in := range s.Initiatives {
			if in.ID != id {
				ins = append(ins, in)
			}
		}
		s.Initiatives = ins
	}
	return nil
}

// onHeaderTapped sorts by initiativeColumns[col], or turns the order
// round when the list is sorted by it.
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

// pendingCell is a value cell's text while the valuation runs.
const pendingCell = "…"

// source is what the rows are made of: the valuation's results, or while
// it runs (Session.Pending) the portfolio's inputs, resolved by the engine
// without pricing (portfolio.Inputs) once per portfolio shown.
func (l *initiativesList) source() []portfolio.InitiativeResult {
	ses := l.ses
	if !ses.Pending() {
		l.inputs, l.inputsOf = nil, nil
		if ses.Valuation == nil {
			return nil
		}
		return ses.Valuation.Initiatives
	}
	if rows := ses.PendingRows(); rows != nil {
		return rows // filled in as the values arrive
	}
	if l.inputsOf != ses.Portfolio {
		l.inputs, l.inputsOf = portfolio.Inputs(ses.Portfolio), ses.Portfolio
	}
	return l.inputs
}

// refresh rebuilds the rows from the session: filter, sort, reselect.
// When the rows are the same initiatives in the same order as before
// (the values arriving for the listed inputs), the table's cells are
// refreshed in place: the selection and the scroll stay where they are.
func (l *initiativesList) refresh() {
	before := make([]string, len(l.rows))
	for i, r := range l.rows {
		before[i] = r.ID
	}
	l.rows = l.rows[:0]
	q := strings.ToLower(strings.TrimSpace(l.search.Text))
	src := l.source()
	wasPending := l.pending
	l.pending = l.ses.Pending()
	for i := range src {
		r := &src[i]
		if q == "" || strings.Contains(strings.ToLower(r.Name), q) || strings.Contains(strings.ToLower(r.Tag), q) {
			l.rows = append(l.rows, r)
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
	if wasPending && sameIDs(before, l.rows) {
		return // values filled in: the selected row is where it was
	}
	l.syncSelection()
}

// sameIDs reports whether rows are the initiatives ids, in order.
func sameIDs(ids []string, rows []*portfolio.InitiativeResult) bool {
	if len(ids) != len(rows) {
		return false
	}
	for i, r := range rows {
		if r.ID != ids[i] {
			return false
		}
	}
	return true
}

// syncSelection selects the session's selected initiative's row.
func (l *initiativesList) syncSelection() {
	l.syncing = true
	defer func() { l.syncing = false }()
	for i, r := range l.rows {
		if r.ID == l.ses.Selected {
			l.table.Select(widget.TableCellID{Row: i, Col: 0})
			l.scrollIntoView(i)
			// Select scrolls the cell into view; before the table is laid
			// out (a selection restored at start-up) that hid the name
			// column, so the names are scrolled back into view.
			l.table.ScrollToLeading()
			return
		}
	}
	l.table.UnselectAll()
}

// scrollIntoView makes row i wholly visible below the table's sticky
// header. Table.Select scrolls the row into view, but Fyne v2.8.0's
// Table.ScrollTo counts the header row's height twice: a row above the
// visible rows is scrolled to one header height too far, under the header
// (hidden), and a row up to a header height above the top counts as
// visible. Scrolling to the row before it as well corrects both, because
// a row is at least as tall as the header (Fyne makes every row the
// taller of the cell and header templates): the wrong test and offset for
// row i-1 are the right ones for row i, give or take the padding between
// rows. Where row i is already in sight this moves nothing (or a few
// units); below the visible rows Select's scroll was already right.
func (l *initiativesList) scrollIntoView(i int) {
	if i == 0 {
		// Not ScrollToTop: in Fyne v2.8.0 it does not move the scrolled
		// content, only the cells.
		l.table.ScrollToOffset(fyne.Position{})
		return
	}
	l.table.ScrollTo(widget.TableCellID{Row: i - 1, Col: 0})
}
