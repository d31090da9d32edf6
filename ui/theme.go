package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
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
	if c, ok := accessibleColor(n, v); ok {
		return c
	}
	return t.Theme.Color(n, v)
}

// accessibleColor replaces the default theme's text colours that miss
// WCAG AA contrast (4.5:1) on some surface of the window: placeholder,
// low-importance and disabled text (fyne draws low-importance labels in
// the disabled colour), primary and hyperlink, error, success, warning, and the text
// on primary buttons. Checked by TestThemeContrastAA.
func accessibleColor(n fyne.ThemeColorName, v fyne.ThemeVariant) (color.Color, bool) {
	c, ok := accessiblePalette[n]
	if !ok {
		return nil, false
	}
	if v == theme.VariantLight {
		return c.light, true
	}
	return c.dark, true
}

// primaryLight and primaryDark colour both primary and hyperlink.
var (
	primaryLight = color.NRGBA{0x0d, 0x5c, 0xb6, 0xff}
	primaryDark  = color.NRGBA{0x7c, 0xc0, 0xff, 0xff}
)

// accessiblePalette holds accessibleColor's replacements, for the light
// variant and for the dark.
var accessiblePalette = map[fyne.ThemeColorName]struct{ light, dark color.Color }{
	theme.ColorNamePlaceHolder:         {color.NRGBA{0x55, 0x55, 0x58, 0xff}, color.NRGBA{0xb4, 0xb4, 0xb9, 0xff}},
	theme.ColorNameDisabled:            {color.NRGBA{0x60, 0x60, 0x64, 0xff}, color.NRGBA{0xa6, 0xa6, 0xab, 0xff}},
	theme.ColorNamePrimary:             {primaryLight, primaryDark},
	theme.ColorNameHyperlink:           {primaryLight, primaryDark},
	theme.ColorNameError:               {color.NRGBA{0xb7, 0x1c, 0x1c, 0xff}, color.NRGBA{0xff, 0x85, 0x80, 0xff}},
	theme.ColorNameForegroundOnPrimary: {color.White, color.NRGBA{0x10, 0x10, 0x14, 0xff}},
	// Success and warning text (the funding view's "Fund now" rows, the
	// read-only badge, link lines): fyne's light green and orange were
	// about 1.5:1 and 2.2:1 on white; the dark variant keeps fyne's.
	theme.ColorNameSuccess: {color.NRGBA{0x1b, 0x6e, 0x20, 0xff}, color.NRGBA{0x43, 0xf4, 0x36, 0xff}},
	theme.ColorNameWarning: {color.NRGBA{0x8a, 0x4f, 0x00, 0xff}, color.NRGBA{0xff, 0x98, 0x00, 0xff}},
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
