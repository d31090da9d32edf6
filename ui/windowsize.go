package ui

import (
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"github.com/go-gl/glfw/v3.4/glfw"
)

// preferredWindowSize is the main window's size where nothing else is
// known: no screen to ask (tests, an unknown driver) and no size
// remembered.
var preferredWindowSize = fyne.NewSize(1360, 860)

// Window size rules (windowSizeFor).
var (
	// maxWindowSize caps the first window on a very large screen: wider
	// than this, lines of text and the map get long without showing more.
	maxWindowSize = fyne.NewSize(2400, 1500)
	// minRememberedSize is the smallest remembered size that is restored;
	// anything smaller (a window never shown, a bad preference) is not.
	minRememberedSize = fyne.NewSize(640, 480)
)

const (
	// screenShare is the share of the screen the window opens at on a
	// screen with room (1536x864 on a 1920x1080 screen).
	screenShare = 0.8
	// screenMost is the most of the screen a new window takes (921x630
	// on a 1024x700 screen), so that its edges and title bar stay on it.
	screenMost = 0.9
)

// Preferences holding the main window's last size, in Fyne units.
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
)

// initialWindowSize is the size the main window opens at
// (windowSizeFor): the size it had when it was last closed, if that fits
// the screen, else a share of the screen. Fyne v2.8.0 does not say how big
// the screen is, so the size comes from GLFW's primary monitor
// (screenSize); without it (tests, an unknown driver) the screen is taken
// as unknown.
func initialWindowSize(a fyne.App, w fyne.Window) fyne.Size {
	screen, _ := screenSize(a, w)
	return windowSizeFor(screen, rememberedWindowSize(a))
}

// windowSizeFor is the size the main window opens at on a screen of the
// given size (zero when unknown), with saved the size it had when it was
// last closed (zero when none):
//   - saved, when it is at least minRememberedSize and fits the screen
//     (or the screen is unknown);
//   - else, on an unknown screen, preferredWindowSize;
//   - else screenShare of the screen, at least preferredWindowSize, at most
//     maxWindowSize, and never more than screenMost of the screen in
//     either direction.
func windowSizeFor(screen, saved fyne.Size) fyne.Size {
	known := screen.Width > 0 && screen.Height > 0
	if saved.Width >= minRememberedSize.Width && saved.Height >= minRememberedSize.Height &&
		(!known || (saved.Width <= screen.Width && saved.Height <= screen.Height)) {
		return saved
	}
	if !known {
		return preferredWindowSize
	}
	side := func(screen, preferred, most float32) float32 {
		want := min(max(preferred, float32(math.Floor(float64(screen)*screenShare))), most)
		return min(want, float32(math.Floor(float64(screen)*screenMost)))
	}
	return fyne.NewSize(side(screen.Width, preferredWindowSize.Width, maxWindowSize.Width),
		side(screen.Height, preferredWindowSize.Height, maxWindowSize.Height))
}

// rememberedWindowSize is the window size saved by rememberWindowSize, or
// zero.
func rememberedWindowSize(a fyne.App) fyne.Size {
	p := a.Preferences()
	return fyne.NewSize(float32(p.Float(prefWindowWidth)), float32(p.Float(prefWindowHeight)))
}

// rememberWindowSize saves w's size for the next start, when w has been
// shown at a size worth restoring (windowSizeFor).
func rememberWindowSize(a fyne.App, w fyne.Window) {
	s := w.Canvas().Size()
	if s.Width < minRememberedSize.Width || s.Height < minRememberedSize.Height {
		return
	}
	p := a.Preferences()
	p.SetFloat(prefWindowWidth, float64(s.Width))
	p.SetFloat(prefWindowHeight, float64(s.Height))
}

// screenSize is the work area of the primary monitor (the screen without
// panels and task bars) in Fyne units, when w is a window of Fyne's GLFW
// driver (it has a native window). It must run on the main thread, as
// startWindow does (before ShowAndRun, or in a fyne.Do callback): GLFW
// has been initialised by then, when the window was made.
func screenSize(a fyne.App, w fyne.Window) (fyne.Size, bool) {
	if _, ok := w.(driver.NativeWindow); !ok {
		return fyne.Size{}, false
	}
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return fyne.Size{}, false
	}
	_, _, width, height := m.GetWorkarea()
	if width <= 0 || height <= 0 {
		mode := m.GetVideoMode()
		if mode == nil {
			return fyne.Size{}, false
		}
		width, height = mode.Width, mode.Height
	}
	scale := windowScale(a, m)
	return fyne.NewSize(float32(width)/scale, float32(height)/scale), true
}

// windowScale is the scale Fyne will draw a window on monitor m with (its
// pixels per Fyne unit), worked out as Fyne's GLFW driver does: the user's
// FYNE_SCALE or setting, times the system's (Windows), or times the
// monitor's DPI over 120 (Linux and BSD, unless DPI detection is off).
func windowScale(a fyne.App, m *glfw.Monitor) float32 {
	user := float32(1)
	env := os.Getenv("FYNE_SCALE")
	if v, err := strconv.ParseFloat(env, 32); err == nil && v > 0 {
		user = float32(v)
	} else if env != "auto" && a.Settings().Scale() > 0 {
		user = a.Settings().Scale()
	}
	system := float32(1)
	switch runtime.GOOS {
	case "darwin":
		// macOS sizes are in points already.
	case "windows":
		system, _ = m.GetContentScale()
	default:
		off := os.Getenv("FYNE_DISABLE_DPI_DETECTION")
		if !strings.EqualFold(off, "true") && !strings.EqualFold(off, "t") && off != "1" {
			system = detectedScale(m)
		}
	}
	s := float32(math.Round(float64(user*system)*10) / 10)
	if s <= 0 {
		return 1
	}
	return s
}

// detectedScale is the monitor's DPI over Fyne's baseline of 120, at
// least 1.
func detectedScale(m *glfw.Monitor) float32 {
	widthMm, _ := m.GetPhysicalSize()
	mode := m.GetVideoMode()
	if mode == nil || widthMm <= 0 {
		return 1
	}
	dpi := float32(mode.Width) / (float32(widthMm) / 25.4)
	if dpi > 1000 || dpi < 10 {
		return 1
	}
	return max(1, dpi/120)
}
