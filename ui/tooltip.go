package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tipDelay is how long the pointer rests on a control before its hint
// shows (0: at once, as the tests have it).
var tipDelay = 450 * time.Millisecond

// tipLayer shows hover hints ("Import JSON, CSV or Excel… (Ctrl+O)") in a
// small box just below the control the pointer rests on or the keyboard
// focus is on. Fyne v2.8.0 has no tooltips. The layer lies above the
// window's content but holds only a rectangle and a text, no widget, so
// it takes no pointer event: the control under the pointer keeps its
// hover and its taps, and showing or hiding a hint moves two canvas
// objects, it rebuilds nothing.
type tipLayer struct {
	box   *canvas.Rectangle
	text  *canvas.Text
	layer *fyne.Container
	// owner is the control whose hint shows or is about to.
	owner fyne.CanvasObject
}

func newTipLayer() *tipLayer {
	t := &tipLayer{box: canvas.NewRectangle(nil), text: canvas.NewText("", nil)}
	t.box.Hide()
	t.text.Hide()
	t.layer = container.NewWithoutLayout(t.box, t.text)
	return t
}

// show shows hint below owner after tipDelay, unless owner's hint is
// hidden before.
func (t *tipLayer) show(owner fyne.CanvasObject, hint string) {
	if t == nil || hint == "" {
		return
	}
	t.owner = owner
	if tipDelay <= 0 {
		t.place(owner, hint)
		return
	}
	time.AfterFunc(tipDelay, func() {
		fyne.Do(func() {
			if t.owner == owner {
				t.place(owner, hint)
			}
		})
	})
}

// hide hides owner's hint (another control's stays).
func (t *tipLayer) hide(owner fyne.CanvasObject) {
	if t == nil || t.owner != owner {
		return
	}
	t.owner = nil
	t.box.Hide()
	t.text.Hide()
	// The layer, not the box: a canvas object's Hide does not repaint.
	t.layer.Refresh()
}

// place puts the hint under owner, inside the layer (so inside the
// window), in the current theme's colours.
func (t *tipLayer) place(owner fyne.CanvasObject, hint string) {
	d := fyne.CurrentApp().Driver()
	if d.CanvasForObject(owner) == nil || d.CanvasForObject(t.layer) == nil {
		return // not shown (any more)
	}
	pad := theme.InnerPadding() / 2
	t.text.Text = hint
	t.text.TextSize = theme.TextSize() * 0.9
	t.text.Color = theme.Color(theme.ColorNameForeground)
	t.box.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	t.box.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	t.box.StrokeWidth = 1
	t.box.CornerRadius = theme.InputRadiusSize()
	size := fyne.MeasureText(hint, t.text.TextSize, t.text.TextStyle)
	boxSize := size.AddWidthHeight(2*pad, 2*pad)
	at := d.AbsolutePositionForObject(owner).Subtract(d.AbsolutePositionForObject(t.layer))
	at.Y += owner.Size().Height + 2
	if limit := t.layer.Size().Width - boxSize.Width; at.X > limit {
		at.X = max(0, limit)
	}
	t.box.Resize(boxSize)
	t.box.Move(at)
	t.text.Resize(size)
	t.text.Move(at.AddXY(pad, pad))
	t.box.Show()
	t.text.Show()
	// The layer, not the box and the text: hidden when the window was
	// drawn, they are not known to its canvas, which their own Refresh
	// needs to repaint.
	t.layer.Refresh()
}

// shown is the hint on show, "" when none is.
func (t *tipLayer) shown() string {
	if t == nil || !t.text.Visible() {
		return ""
	}
	return t.text.Text
}

// tipButton is a button with a hover hint: the bar's icon-only buttons
// say what they do and their shortcut. name is the action ("Import"),
// which the read-only mode looks buttons up by when they have no label.
type tipButton struct {
	widget.Button
	name string
	tip  func() string
	tips *tipLayer
}

// newTipButton returns a low-importance button showing label (or only the
// icon when label is ""), with the hint tip() on hover and focus.
func newTipButton(name, label string, icon fyne.Resource, tips *tipLayer, tip func() string, tapped func()) *tipButton {
	b := &tipButton{name: name, tip: tip, tips: tips}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.Importance = widget.LowImportance
	b.ExtendBaseWidget(b)
	return b
}

// MouseIn implements desktop.Hoverable: the hint after a short rest.
func (b *tipButton) MouseIn(e *desktop.MouseEvent) {
	b.Button.MouseIn(e)
	b.tips.show(b, b.tip())
}

// MouseOut implements desktop.Hoverable.
func (b *tipButton) MouseOut() {
	b.Button.MouseOut()
	b.tips.hide(b)
}

// Tapped implements fyne.Tappable: the hint goes before the action (which
// may open a dialog over it).
func (b *tipButton) Tapped(e *fyne.PointEvent) {
	b.tips.hide(b)
	b.Button.Tapped(e)
}

// FocusGained implements fyne.Focusable: keyboard users get the hint too.
func (b *tipButton) FocusGained() {
	b.Button.FocusGained()
	b.tips.show(b, b.tip())
}

// FocusLost implements fyne.Focusable.
func (b *tipButton) FocusLost() {
	b.Button.FocusLost()
	b.tips.hide(b)
}

// AccessibilityLabel implements fyne.Accessible: the hint, for an
// icon-only button whose label would otherwise be its icon's file name.
func (b *tipButton) AccessibilityLabel() string {
	if hint := b.tip(); hint != "" {
		return hint
	}
	return b.Button.AccessibilityLabel()
}
