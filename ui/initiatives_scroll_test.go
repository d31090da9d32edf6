package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Selecting an initiative whose row is scrolled out of sight (from the
// map, a search, the keyboard) scrolls the list so that the row is wholly
// below the sticky header and above the list's bottom edge: selecting the
// last row, then the second, then the last again, then the first. Fyne's
// Table.ScrollTo put a row above the visible ones under the header.
func TestListScrollsTheSelectedRowIntoSight(t *testing.T) {
	ses := newTestSession(t)
	win := narrowWindow(t, ses)
	l := win.list
	if len(l.rows) < 10 {
		t.Fatalf("%d rows: the list is not long enough to scroll", len(l.rows))
	}
	for _, i := range []int{len(l.rows) - 1, 1, len(l.rows) - 1, 0, len(l.rows) - 2, 2} {
		ses.Select(l.rows[i].ID)
		checkRowInSight(t, l, i)
	}
}

// checkRowInSight fails t unless row i's name cell lies between the
// bottom of the table's header and the table's bottom edge.
func checkRowInSight(t *testing.T, l *initiativesList, i int) {
	t.Helper()
	d := fyne.CurrentApp().Driver()
	name := l.rows[i].Name
	top := d.AbsolutePositionForObject(l.table).Y
	bottom := top + l.table.Size().Height
	headerBottom := float32(-1)
	var cell fyne.CanvasObject
	walkRendered(l.table, func(o fyne.CanvasObject) bool {
		if !o.Visible() {
			return false
		}
		switch x := o.(type) {
		case *widget.Button:
			if x.Text == initiativeColumns[0].title || x.Text == initiativeColumns[0].title+" ▲" {
				headerBottom = d.AbsolutePositionForObject(x).Y + x.Size().Height
			}
			return false
		case *middleLabel:
			if x.full == name {
				cell = x
			}
			return false
		}
		return true
	})
	if headerBottom < 0 {
		t.Fatal("no header button found")
	}
	if cell == nil {
		t.Errorf("row %d (%s): no cell drawn", i, name)
		return
	}
	y := d.AbsolutePositionForObject(cell).Y
	if y+0.5 < headerBottom || y+cell.Size().Height > bottom+0.5 {
		t.Errorf("row %d (%s) is drawn at %.0f-%.0f, outside the rows' area %.0f-%.0f (under the header or below the edge)",
			i, name, y, y+cell.Size().Height, headerBottom, bottom)
	}
}
