package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// middleLabel is a one-line label that, when its text is wider than the
// label, takes out the middle of the text ("Customer community … phase 2")
// so the distinguishing end stays visible; hovering it reports the full
// text (the window shows it in the status line).
type middleLabel struct {
	widget.Label
	full    string
	onHover func(full string, in bool)
	// long, when set, is what hovering reports instead of full (the
	// region's name where the cell shows its short form).
	long string
}

// hoverText is what hovering the label reports: long, or the full text.
func (l *middleLabel) hoverText() string {
	if l.long != "" {
		return l.long
	}
	return l.full
}

func newMiddleLabel() *middleLabel {
	l := &middleLabel{}
	l.Truncation = fyne.TextTruncateClip
	l.ExtendBaseWidget(l)
	return l
}

// SetFull sets the full text and shows as much of it as fits.
func (l *middleLabel) SetFull(s string) {
	l.full = s
	l.fit(l.Size().Width)
}

// Resize implements fyne.CanvasObject: the shown text follows the width.
func (l *middleLabel) Resize(s fyne.Size) {
	l.Label.Resize(s)
	l.fit(s.Width)
}

func (l *middleLabel) fit(w float32) {
	text := l.full
	if w > 0 {
		style := l.TextStyle
		size := theme.TextSize()
		avail := w - 2*theme.InnerPadding()
		text = fitMiddle(l.full, func(s string) bool { return fyne.MeasureText(s, size, style).Width <= avail })
	}
	if text != l.Text {
		l.SetText(text)
	}
}

// fitMiddle returns s, or s with its middle replaced by "…", the longest
// such text that fits (fits is monotone in the length).
func fitMiddle(s string, fits func(string) bool) string {
	if fits(s) {
		return s
	}
	r := []rune(s)
	cut := func(n int) string { // keep n runes
		head := (n + 1) / 2
		return string(r[:head]) + "…" + string(r[len(r)-(n-head):])
	}
	lo, hi := 0, len(r)-1 // cut(lo) fits or lo == 0
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fits(cut(mid)) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return "…"
	}
	return cut(lo)
}

// MouseIn implements desktop.Hoverable.
func (l *middleLabel) MouseIn(*desktop.MouseEvent) {
	if l.onHover != nil && l.hoverText() != "" {
		l.onHover(l.hoverText(), true)
	}
}

// MouseMoved implements desktop.Hoverable.
func (l *middleLabel) MouseMoved(*desktop.MouseEvent) {}

// MouseOut implements desktop.Hoverable.
func (l *middleLabel) MouseOut() {
	if l.onHover != nil {
		l.onHover(l.hoverText(), false)
	}
}
