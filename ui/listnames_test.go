package ui

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation"
)

// shownCells are the list's drawn cells in sight, by their full text:
// what each shows (one per full text, the last drawn), and its right
// edge.
func shownCells(l *initiativesList) map[string]struct {
	text  string
	right float32
} {
	d := fyne.CurrentApp().Driver()
	edge := d.AbsolutePositionForObject(l.table).X + l.table.Size().Width
	out := map[string]struct {
		text  string
		right float32
	}{}
	walkRendered(l.table, func(o fyne.CanvasObject) bool {
		if !o.Visible() {
			return false
		}
		if m, ok := o.(*middleLabel); ok {
			x := d.AbsolutePositionForObject(m).X
			if x < edge && m.Size().Width > 0 {
				out[m.full] = struct {
					text  string
					right float32
				}{m.Text, x + m.Size().Width}
			}
			return false
		}
		return true
	})
	return out
}

// TestListNamesReadableAt1024: in the window of a 1024x700 screen
// (921x630) and in a 1024x700 window the list is compact: the name, the
// value and the region (its short form, "prob. never") in sight, t left
// just after them to the right. Every name drawn shows at least 13 of its
// characters (14 to 17 but for the widest-lettered, "Knowled…nswers" at
// 921), or is whole; every value and region is whole, inside the
// table's visible width. The windows of a 1440x900 and a 1920x1080 screen
// (1296x810, 1536x864) keep the four columns, regions in full. Hovering
// a region cell names the region in full; tapping a header sorts by its
// column wherever it is. Before, at 921x630 the names read "Bra…use",
// "Cust…lot" (7 characters) beside t left.
func TestListNamesReadableAt1024(t *testing.T) {
	for _, c := range []struct {
		size    fyne.Size
		compact bool
	}{{fyne.NewSize(921, 630), true}, {fyne.NewSize(1024, 700), true}, {fyne.NewSize(1296, 810), false}, {fyne.NewSize(1536, 864), false}} {
		ses := newTestSession(t)
		win := mountWindow(test.NewTempApp(t), ses, ThemeLight, c.size)
		l := win.list
		if l.compact != c.compact {
			t.Errorf("%v: compact %v, want %v", c.size, l.compact, c.compact)
		}
		d := fyne.CurrentApp().Driver()
		edge := d.AbsolutePositionForObject(l.table).X + l.table.Size().Width
		inSight := []string{"Initiative", "Value", "Region"}
		if !c.compact {
			inSight = append(inSight, "t left")
		}
		for _, title := range inSight {
			if r := headerRight(l, title); r < 0 || r > edge+0.5 {
				t.Errorf("%v: column %q ends at %.0f, the table's visible width at %.0f", c.size, title, r, edge)
			}
		}
		cells := shownCells(l)
		names := 0
		for _, r := range l.rows {
			region := r.Position.Region.String()
			if c.compact {
				region = format.RegionShort(r.Position.Region)
			}
			for _, want := range []string{r.Name, money(r.Position.Value), region} {
				got, ok := cells[want]
				if !ok {
					continue // scrolled out of sight below
				}
				if want == r.Name {
					names++
					shown := utf8.RuneCountInString(strings.Replace(got.text, "…", "", 1))
					if got.text != want && shown < 13 {
						t.Errorf("%v: name %q shows as %q: %d characters, want at least 13", c.size, want, got.text, shown)
					}
				} else if got.text != want || got.right > edge+0.5 {
					t.Errorf("%v: cell %q shows %q, ending at %.0f (visible to %.0f): want it whole in sight", c.size, want, got.text, got.right, edge)
				}
			}
		}
		if names < 8 {
			t.Errorf("%v: %d names drawn, want at least 8", c.size, names)
		}
		// Hovering a region cell names the region in full in the status
		// line, short form or not.
		cell := l.table.CreateCell()
		col := 3
		if c.compact {
			col = 2
		}
		for row, r := range l.rows {
			l.table.UpdateCell(widget.TableCellID{Row: row, Col: col}, cell)
			lb := cell.(*fyne.Container).Objects[0].(*middleLabel)
			lb.MouseIn(nil)
			if want := r.Position.Region.String(); win.hovered != want {
				t.Errorf("%v: hovering %s's region cell (%q) reports %q, want %q", c.size, r.Name, lb.full, win.hovered, want)
			}
			lb.MouseOut()
		}
		// Tapping a header sorts by that column, whichever place it has.
		for _, title := range []string{"Region", "t left"} {
			var header *widget.Button
			walkRendered(l.table, func(o fyne.CanvasObject) bool {
				if b, ok := o.(*widget.Button); ok && b.Text == title {
					header = b
				}
				return true
			})
			if header == nil {
				if title == "t left" && c.compact {
					continue // to the right, out of sight
				}
				t.Fatalf("%v: no %q header drawn", c.size, title)
			}
			test.Tap(header)
			for i := 1; i < len(l.rows); i++ {
				a, b := l.rows[i-1], l.rows[i]
				if (title == "Region" && a.Position.Region > b.Position.Region) || (title == "t left" && a.T > b.T) {
					t.Errorf("%v: sorted by %q, row %d (%s) before row %d (%s)", c.size, title, i-1, a.Name, i, b.Name)
				}
			}
		}
	}
	// The short regions are the ones the compact list's column is sized
	// for: each fits regionShortWidth less the cell's inner padding.
	test.NewTempApp(t)
	for r := valuation.RegionInvestNow; r <= valuation.RegionNever; r++ {
		lb := newMiddleLabel()
		lb.Resize(fyne.NewSize(regionShortWidth, 30))
		lb.SetFull(format.RegionShort(r))
		if lb.Text != lb.full {
			t.Errorf("region %q shows as %q in a %d column", lb.full, lb.Text, regionShortWidth)
		}
	}
}
