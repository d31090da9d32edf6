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

// preferredWindowSize is the main window's size on a screen with room.
var preferredWindowSize = fyne.NewSize(1360, 860)

// initialWindowSize is the size the main window opens at: 1360x860, or
// 90% of the screen's work area where that is smaller, so that the window
// fits a 1024x700 screen. Fyne v2.8.0 does not say how big the screen is,
// so the size comes from GLFW's primary monitor (screenSize); without it
// (tests, an unknown driver) the preferred size is used.
func initialWindowSize(a fyne.App, w fyne.Window) fyne.Size {
	if s, ok := screenSize(a, w); ok {
		return fitScreen(preferredWindowSize, s)
	}
	return preferredWindowSize
}

// fitScreen is want, made no larger than 90% of screen in either
// direction.
func fitScreen(want, screen fyne.Size) fyne.Size {
	if screen.Width <= 0 || screen.Height <= 0 {
		return want
	}
	return fyne.NewSize(min(want.Width, float32(math.Floor(float64(screen.Width)*0.9))),
		min(want.Height, float32(math.Floor(float64(screen.Height)*0.9))))
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
