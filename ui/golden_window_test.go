package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// goldenSizes are the window sizes the main window's goldens are taken at.
var goldenSizes = []fyne.Size{{Width: 1024, Height: 700}, {Width: 1600, Height: 1000}}

// TestGoldenMainWindow compares the main window with the sample portfolio
// at 1024x700 and 1600x1000, in the light and the dark theme, with markup
// goldens in testdata/main_window_<width>x<height>_<theme>.xml (markup,
// not images: it does not depend on the machine's rendering).
//
// They are stable: the sample has a fixed as-of date, nothing random is
// drawn and the one text that depends on today (the status line's warning
// when the as-of date is far from today) is cut from the status line.
//
// To regenerate them after an intended change of the window:
//
//	go test -count=1 -timeout 15m -run TestGoldenMainWindow ./ui/
//	cp ui/testdata/failed/main_window_*.xml ui/testdata/
//
// (Fyne's test package writes what it got to testdata/failed/ when it
// differs), then look at the diff before committing it.
func TestGoldenMainWindow(t *testing.T) {
	for _, mode := range []string{ThemeLight, ThemeDark} {
		for _, size := range goldenSizes {
			name := fmt.Sprintf("main_window_%.0fx%.0f_%s.xml", size.Width, size.Height, mode)
			t.Run(name, func(t *testing.T) {
				win := mountWindow(test.NewTempApp(t), newTestSession(t), mode, size)
				stableStatus(win)
				test.AssertRendersToMarkup(t, name, win.win.Canvas())
			})
		}
	}
}

// stableStatus cuts the part of the status line that depends on today.
func stableStatus(win *Window) {
	if before, _, ok := strings.Cut(win.status.Text, "  ·  ⚠ "); ok {
		win.status.SetText(before)
	}
}

// The window opens at 1360x860 where the screen has room and at 90% of a
// smaller screen (1024x700: 921x630); without a screen to ask (the test
// driver) at 1360x860.
func TestWindowFitsTheScreen(t *testing.T) {
	cases := []struct{ screen, want fyne.Size }{
		{fyne.NewSize(1024, 700), fyne.NewSize(921, 630)},
		{fyne.NewSize(1280, 800), fyne.NewSize(1152, 720)},
		{fyne.NewSize(1440, 900), fyne.NewSize(1296, 810)},
		{fyne.NewSize(1920, 1080), fyne.NewSize(1360, 860)},
		{fyne.NewSize(3840, 2160), fyne.NewSize(1360, 860)},
		{fyne.Size{}, fyne.NewSize(1360, 860)},
	}
	for _, c := range cases {
		if got := fitScreen(preferredWindowSize, c.screen); got != c.want {
			t.Errorf("on a %.0fx%.0f screen the window opens at %.0fx%.0f, want %.0fx%.0f",
				c.screen.Width, c.screen.Height, got.Width, got.Height, c.want.Width, c.want.Height)
		}
	}
	a := test.NewTempApp(t)
	if got := initialWindowSize(a, a.NewWindow("test")); got != preferredWindowSize {
		t.Errorf("without a screen the window opens at %.0fx%.0f", got.Width, got.Height)
	}
}
