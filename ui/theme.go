package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/optionspace/optionspace/ui/chart"
)

// Theme preference values.
const (
	ThemeSystem = "system"
	ThemeLight  = "light"
	ThemeDark   = "dark"
)

// appTheme is Fyne's default theme with the variant forced to light or dark
// when the user chose one ("system" follows the desktop).
type appTheme struct {
	fyne.Theme
	mode string
}

func newAppTheme(mode string) *appTheme {
	return &appTheme{Theme: theme.DefaultTheme(), mode: mode}
}

// Color implements fyne.Theme, replacing the variant when one was chosen.
func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.mode {
	case ThemeLight:
		v = theme.VariantLight
	case ThemeDark:
		v = theme.VariantDark
	}
	return t.Theme.Color(n, v)
}

// isDark reports whether the current theme's background is dark.
func isDark(a fyne.App) bool {
	th := a.Settings().Theme()
	if th == nil {
		th = theme.DefaultTheme()
	}
	return luminance(th.Color(theme.ColorNameBackground, a.Settings().ThemeVariant())) < 0.5
}

// luminance is the relative luminance of c in [0, 1] (Rec. 709 weights on
// the gamma-encoded channels, enough to tell light from dark).
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
}

// chartStyle returns the chart style matching the app's theme.
func chartStyle(a fyne.App) chart.Style {
	if isDark(a) {
		return chart.DarkStyle()
	}
	return chart.LightStyle()
}
