package ui

import (
	"image/color"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// relLuminance is WCAG 2.x relative luminance of c (sRGB linearised).
func relLuminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}

// over composites fg (with its alpha) over an opaque bg.
func over(fg, bg color.Color) color.Color {
	f := color.NRGBAModel.Convert(fg).(color.NRGBA)
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	a := float64(f.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{mix(f.R, b.R), mix(f.G, b.G), mix(f.B, b.B), 255}
}

// contrast is the WCAG contrast ratio of text colour fg on background bg.
func contrast(fg, bg color.Color) float64 {
	fg = over(fg, bg)
	a, b := relLuminance(fg), relLuminance(bg)
	if a < b {
		a, b = b, a
	}
	return (a + 0.05) / (b + 0.05)
}

// textColors are the theme colours the window draws text in; surfaces the
// ones it draws text on.
var (
	textColors = []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNamePlaceHolder, theme.ColorNamePrimary,
		theme.ColorNameError, theme.ColorNameDisabled, theme.ColorNameHyperlink, theme.ColorNameSuccess, theme.ColorNameWarning}
	surfaces = []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground, theme.ColorNameMenuBackground,
		theme.ColorNameOverlayBackground, theme.ColorNameHeaderBackground}
)

// TestThemeContrastAA checks WCAG AA (4.5:1) for every text colour on
// every surface of both themes.
func TestThemeContrastAA(t *testing.T) {
	test.NewTempApp(t)
	for _, mode := range []string{ThemeLight, ThemeDark} {
		th := newAppTheme(mode)
		for _, s := range surfaces {
			bg := over(th.Color(s, theme.VariantDark), th.Color(theme.ColorNameBackground, theme.VariantDark))
			for _, f := range textColors {
				if r := contrast(th.Color(f, theme.VariantDark), bg); r < 4.5 {
					t.Errorf("%s theme: %s on %s has contrast %.2f:1, want >= 4.5", mode, f, s, r)
				}
			}
		}
		onPrimary := contrast(th.Color(theme.ColorNameForegroundOnPrimary, theme.VariantDark), th.Color(theme.ColorNamePrimary, theme.VariantDark))
		if onPrimary < 4.5 {
			t.Errorf("%s theme: text on primary buttons has contrast %.2f:1", mode, onPrimary)
		}
	}
}

// textBox is a drawn text and where it is on the canvas.
type textBox struct {
	t   *canvas.Text
	pos fyne.Position
}

// visibleTexts returns the visible texts under o with their absolute
// positions (o at off), leaving out those not wholly inside the viewport
// of every scroll container around them (clip, absolute).
func visibleTexts(o fyne.CanvasObject, off fyne.Position, clip [2]fyne.Position, out []textBox) []textBox {
	if o == nil || !o.Visible() {
		return out
	}
	pos := off.Add(o.Position())
	if sc, ok := o.(*container.Scroll); ok {
		end := pos.Add(fyne.NewPos(sc.Size().Width, sc.Size().Height))
		clip = [2]fyne.Position{{X: max(clip[0].X, pos.X), Y: max(clip[0].Y, pos.Y)}, {X: min(clip[1].X, end.X), Y: min(clip[1].Y, end.Y)}}
	}
	if x, ok := o.(*canvas.Text); ok {
		sz := x.MinSize()
		inside := pos.X >= clip[0].X && pos.Y >= clip[0].Y && pos.X+sz.Width <= clip[1].X && pos.Y+sz.Height <= clip[1].Y
		if strings.TrimSpace(x.Text) != "" && inside {
			out = append(out, textBox{x, pos})
		}
	}
	for _, c := range rendered(o) {
		out = visibleTexts(c, pos, clip, out)
	}
	return out
}

// TestWindowTextContrast renders the window in both themes, selects an
// initiative and samples the rendered image behind every visible text: the
// commonest colour in the text's box is its background, and the text's
// colour on it must reach WCAG AA (4.5:1).
func TestWindowTextContrast(t *testing.T) {
	for _, mode := range []string{ThemeLight, ThemeDark} {
		t.Run(mode, func(t *testing.T) {
			ses := newTestSession(t)
			win := mountWindow(test.NewTempApp(t), ses, mode, fyne.NewSize(1440, 900))
			w := win.win
			ses.Select(ses.Portfolio.Initiatives[0].ID)
			for _, view := range []string{"invest", "links", "drivers", "decisions", "space"} {
				if err := win.ShowView(view); err != nil {
					t.Fatal(err)
				}
				// Lay the window out afresh, as the desktop driver does on
				// every frame (the test canvas lays out on resize only).
				w.Resize(fyne.NewSize(1441, 900))
				w.Resize(fyne.NewSize(1440, 900))
				img := w.Canvas().Capture()
				scale := float32(img.Bounds().Dx()) / w.Canvas().Size().Width
				bad := 0
				for _, tb := range visibleTexts(w.Content(), fyne.Position{}, [2]fyne.Position{{}, {X: 1e9, Y: 1e9}}, nil) {
					sz := tb.t.MinSize()
					x0, y0 := int(tb.pos.X*scale), int(tb.pos.Y*scale)
					x1, y1 := int((tb.pos.X+sz.Width)*scale), int((tb.pos.Y+sz.Height)*scale)
					if x0 < 0 || y0 < 0 || x1 > img.Bounds().Dx() || y1 > img.Bounds().Dy() || x1-x0 < 2 || y1-y0 < 2 {
						continue
					}
					counts := map[color.NRGBA]int{}
					for y := y0; y < y1; y++ {
						for x := x0; x < x1; x++ {
							counts[color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)]++
						}
					}
					var bg color.NRGBA
					best := -1
					for c, n := range counts {
						if n > best || (n == best && (c.R+c.G+c.B) < (bg.R+bg.G+bg.B)) {
							bg, best = c, n
						}
					}
					if r := contrast(tb.t.Color, bg); r < 4.5 && bad < 10 {
						bad++
						t.Errorf("%v %s view: %q drawn in %v on %v: contrast %.2f:1", tb.pos, view, tb.t.Text, tb.t.Color, bg, r)
					}
				}
			}
		})
	}
}
