package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestInspectorKeepsItsFormAfterUndo: at 1024x700 (and in the 921x630
// window a 1024x700 screen opens) an undo or a redo leaves the inspector's
// form as it was before: labels above the fields, nothing wider than the
// pane, also after selecting another initiative. The "Undid: Edit … ·
// Ctrl+Shift+Z to redo" note was an unwrapped label wider than the pane:
// the scroll area laid the form out that wide and the rows went side by
// side, their fields cut at the pane's right edge.
func TestInspectorKeepsItsFormAfterUndo(t *testing.T) {
	for _, size := range []fyne.Size{fyne.NewSize(921, 630), fyne.NewSize(1024, 700)} {
		ses := newTestSession(t)
		win := mountWindow(test.NewTempApp(t), ses, "", size)
		first, other := ses.Portfolio.Initiatives[0], ses.Portfolio.Initiatives[1]
		ses.Select(first.ID)
		check := func(when string) {
			t.Helper()
			where := fmt.Sprintf("window %v, %s", size, when)
			pane := win.insp.scroll.Size().Width
			if need := win.insp.body.MinSize().Width; need > pane+0.5 {
				t.Errorf("%s: the inspector needs %.0f units, its pane is %.0f", where, need, pane)
			}
			if w := win.insp.body.Size().Width; w > pane+0.5 {
				t.Errorf("%s: the form is laid out %.0f wide in a %.0f pane", where, w, pane)
			}
			checkFieldsFit(t, win, where)
		}
		check("before the edit")
		stackedX := fyne.CurrentApp().Driver().AbsolutePositionForObject(win.insp.s).X
		retype(win.insp.s, "1.3M")
		submit(win.insp.s)
		check("after the edit")
		win.Undo()
		check("after Undo")
		if x := fyne.CurrentApp().Driver().AbsolutePositionForObject(win.insp.s).X; x != stackedX {
			t.Errorf("window %v: after Undo the S field starts at %.0f, before at %.0f (its label moved beside it)", size, x, stackedX)
		}
		ses.Select(other.ID)
		check("after Undo, another initiative")
		ses.Select(first.ID)
		win.Redo()
		check("after Redo")
	}
}
