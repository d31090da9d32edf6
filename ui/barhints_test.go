package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// barButtons are the bar's hinted buttons, by action.
func barButtons(win *Window) map[string]*tipButton {
	out := map[string]*tipButton{}
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if b, ok := o.(*tipButton); ok {
			out[b.name] = b
			return
		}
		for _, c := range children(o) {
			walk(c)
		}
	}
	walk(win.win.Content())
	return out
}

// The bar is one row in the window of a 1024x700 screen (921x630, as the
// window opens there), in a 1024x700 window and in the windows of the
// larger screens: every button of it lies on the first row inside the
// window, and the panes start just below it (with labels on every button
// the bar was 1036 wide and wrapped at 1024; and the root placed the
// panes for a two-row bar under a one-row one).
func TestBarOneRowAt1024(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 921, Height: 630}, {Width: 1024, Height: 700}, {Width: 1296, Height: 810}, {Width: 1728, Height: 972}} {
		win := mountWindow(test.NewTempApp(t), newTestSession(t), ThemeLight, fyne.NewSize(760, 600))
		win.win.Resize(size) // from two rows back to one
		if win.bar.layout.twoRows {
			t.Errorf("%v: the bar wraps onto two rows", size)
			continue
		}
		d := fyne.CurrentApp().Driver()
		bs := barButtons(win)
		if len(bs) != 10 {
			t.Fatalf("%d hinted buttons in the bar, want 10: %v", len(bs), bs)
		}
		inner := size.Width - 2*4 // the window's padding
		rowH := win.bar.undo.Size().Height
		for name, b := range bs {
			pos := d.AbsolutePositionForObject(b)
			if b.Size().Width == 0 || pos.X+b.Size().Width > inner+4+0.5 || pos.Y > 4+0.5 {
				t.Errorf("%v: %s at %v, %v: not on the bar's one row inside the window", size, name, pos, b.Size())
			}
		}
		split := win.splitList
		if y := d.AbsolutePositionForObject(split).Y; y > 4+rowH+20 {
			t.Errorf("%v: the panes start at y %.0f under a bar %.0f high", size, y, rowH)
		}
	}
}

// Resting the pointer on an icon-only button of the bar shows its hint
// (the action and its shortcut) just below it inside the window, without
// rebuilding the button; moving off hides it, and tapping hides it before
// the action runs.
func TestBarButtonHints(t *testing.T) {
	old := tipDelay
	tipDelay = 0
	t.Cleanup(func() { tipDelay = old })
	win := mountWindow(test.NewTempApp(t), newTestSession(t), ThemeLight, fyne.NewSize(921, 630))
	c := win.win.Canvas()
	d := fyne.CurrentApp().Driver()
	bs := barButtons(win)
	for name, want := range map[string]string{
		"Import":      "Import JSON, CSV or Excel… (Ctrl+O)",
		"Snapshot":    "Take snapshot… (Ctrl+Shift+S)",
		"Help":        "Help (F1)",
		"Preferences": "Preferences… (Ctrl+,)",
	} {
		b := bs[name]
		if b == nil {
			t.Fatalf("no %s button", name)
		}
		pos := d.AbsolutePositionForObject(b)
		test.MoveMouse(c, pos.AddXY(b.Size().Width/2, b.Size().Height/2))
		if got := win.bar.tips.shown(); got != want {
			t.Errorf("hovering %s: hint %q, want %q", name, got, want)
		}
		box := win.bar.tips.box
		at := d.AbsolutePositionForObject(box)
		if at.Y < pos.Y+b.Size().Height || at.X < 0 || at.X+box.Size().Width > 921 {
			t.Errorf("%s's hint at %v, %v: not below the button inside the window", name, at, box.Size())
		}
		if bs2 := barButtons(win); bs2[name] != b {
			t.Errorf("hovering %s rebuilt it", name)
		}
		test.MoveMouse(c, fyne.NewPos(400, 400))
		if got := win.bar.tips.shown(); got != "" {
			t.Errorf("after leaving %s the hint %q stays", name, got)
		}
	}
	// After an edit the undo hint says what Ctrl+Z undoes.
	win.list.onAdd()
	u := bs["Undo"]
	test.MoveMouse(c, d.AbsolutePositionForObject(u).AddXY(5, 5))
	if label, _ := win.ses.CanUndo(); win.bar.tips.shown() != "Undo: "+label+" (Ctrl+Z)" {
		t.Errorf("undo hint %q, label %q", win.bar.tips.shown(), label)
	}
	test.Tap(u)
	if got := win.bar.tips.shown(); got != "" {
		t.Errorf("the hint %q stays after the tap", got)
	}
}
