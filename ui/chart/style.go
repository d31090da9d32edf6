package chart

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/optionspace/optionspace/valuation"
)

// Style holds the colours, font and sizes of every chart, so the app can
// pass its light or dark theme.
type Style struct {
	// Background fills the whole chart; Foreground draws text, axes and
	// outlines; Grid draws grid lines; Muted draws secondary lines and text.
	Background, Foreground, Grid, Muted color.Color
	// Regions are the colours of regions 1 to 6 (index 0 is unused).
	Regions [valuation.NumRegions + 1]color.Color
	// Tags is the palette for tags, used in order and cycled.
	Tags []color.Color
	// HeatLow and HeatHigh are the option space background at C/S = 0 and
	// C/S = 1.
	HeatLow, HeatHigh color.Color
	// Positive and Negative colour values above and below a base (tornado,
	// invest/wait).
	Positive, Negative color.Color
	// Font is the typeface of all text (it must be registered in
	// plot's font cache; the Liberation fonts are).
	Font font.Font
	// TitleSize, LabelSize, TickSize and SmallSize are font sizes of the
	// title, axis labels, tick labels and in-plot labels.
	TitleSize, LabelSize, TickSize, SmallSize vg.Length
	// LineWidth is the width of data lines.
	LineWidth vg.Length
}

// okabeIto is the Okabe-Ito colour-blind safe palette.
var okabeIto = []color.Color{
	rgb(0x00, 0x72, 0xB2), // blue
	rgb(0xE6, 0x9F, 0x00), // orange
	rgb(0x00, 0x9E, 0x73), // bluish green
	rgb(0xCC, 0x79, 0xA7), // reddish purple
	rgb(0x56, 0xB4, 0xE9), // sky blue
	rgb(0xD5, 0x5E, 0x00), // vermillion
	rgb(0x99, 0x88, 0x22), // olive (the palette's yellow is too light on white)
	rgb(0x66, 0x66, 0x66), // grey
}

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{R: r, G: g, B: b, A: 0xFF} }

// LightStyle returns the style for light backgrounds: Okabe-Ito region
// colours (1 bluish green, 2 sky blue, 3 blue, 4 orange, 5 vermillion,
// 6 grey), distinct for the common colour-vision deficiencies.
func LightStyle() Style {
	return Style{
		Background: color.White,
		Foreground: rgb(0x20, 0x20, 0x20),
		Grid:       rgb(0xDD, 0xDD, 0xDD),
		Muted:      rgb(0x70, 0x70, 0x70),
		Regions: [valuation.NumRegions + 1]color.Color{nil,
			rgb(0x00, 0x9E, 0x73), rgb(0x56, 0xB4, 0xE9), rgb(0x00, 0x72, 0xB2),
			rgb(0xE6, 0x9F, 0x00), rgb(0xD5, 0x5E, 0x00), rgb(0x88, 0x88, 0x88)},
		Tags:      okabeIto,
		HeatLow:   rgb(0xFF, 0xFF, 0xFF),
		HeatHigh:  rgb(0xC8, 0xD7, 0xEA),
		Positive:  rgb(0x00, 0x72, 0xB2),
		Negative:  rgb(0xD5, 0x5E, 0x00),
		Font:      font.Font{Typeface: "Liberation", Variant: "Sans"},
		TitleSize: 14, LabelSize: 11, TickSize: 10, SmallSize: 9,
		LineWidth: 1.5,
	}
}

// DarkStyle returns the style for dark backgrounds, with the same region
// hues lightened where needed.
func DarkStyle() Style {
	st := LightStyle()
	st.Background = rgb(0x1E, 0x1E, 0x1E)
	st.Foreground = rgb(0xEE, 0xEE, 0xEE)
	st.Grid = rgb(0x3A, 0x3A, 0x3A)
	st.Muted = rgb(0xAA, 0xAA, 0xAA)
	st.Regions = [valuation.NumRegions + 1]color.Color{nil,
		rgb(0x2F, 0xC4, 0x9A), rgb(0x7C, 0xC8, 0xF2), rgb(0x4A, 0x9B, 0xE0),
		rgb(0xF0, 0xB4, 0x30), rgb(0xE8, 0x60, 0x3A), rgb(0xA8, 0xA8, 0xA8)}
	st.Tags = []color.Color{
		rgb(0x4A, 0x9B, 0xE0), rgb(0xF0, 0xB4, 0x30), rgb(0x2F, 0xC4, 0x9A), rgb(0xE0, 0x9A, 0xC4),
		rgb(0x7C, 0xC8, 0xF2), rgb(0xF0, 0x7E, 0x33), rgb(0xC8, 0xB8, 0x50), rgb(0xBB, 0xBB, 0xBB)}
	st.HeatLow = rgb(0x1E, 0x1E, 0x1E)
	st.HeatHigh = rgb(0x2E, 0x4A, 0x6E)
	st.Positive = rgb(0x4A, 0x9B, 0xE0)
	st.Negative = rgb(0xF0, 0x7E, 0x33)
	return st
}

// RegionColor returns the colour of region g, or Muted when g is not 1 to 6.
func (st Style) RegionColor(g valuation.Region) color.Color {
	if g.Valid() && st.Regions[g] != nil {
		return st.Regions[g]
	}
	return st.Muted
}

// TagColor returns the colour of the i-th tag (cycling the palette).
func (st Style) TagColor(i int) color.Color {
	if len(st.Tags) == 0 || i < 0 {
		return st.Muted
	}
	return st.Tags[i%len(st.Tags)]
}

// font returns a face description of the style's font at size.
func (st Style) font(size vg.Length) font.Font {
	return font.From(st.Font, size)
}

// newPlot returns a plot with the style's colours and fonts applied.
func (st Style) newPlot(title string) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = st.Background
	p.Title.Text = title
	p.Title.TextStyle.Color = st.Foreground
	p.Title.TextStyle.Font = st.font(st.TitleSize)
	p.Title.Padding = st.TitleSize / 2
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Color = st.Foreground
		a.Tick.Color = st.Foreground
		a.Label.TextStyle.Color = st.Foreground
		a.Label.TextStyle.Font = st.font(st.LabelSize)
		a.Tick.Label.Color = st.Foreground
		a.Tick.Label.Font = st.font(st.TickSize)
	}
	p.Legend.TextStyle.Color = st.Foreground
	p.Legend.TextStyle.Font = st.font(st.SmallSize + 1)
	return p
}

// text returns a text style in the style's font at size and colour c,
// aligned by xa and ya.
func (st Style) text(size vg.Length, c color.Color, xa draw.XAlignment, ya draw.YAlignment) draw.TextStyle {
	return draw.TextStyle{Color: c, Font: st.font(size), XAlign: xa, YAlign: ya, Handler: plot.DefaultTextHandler}
}

// check panics when st is unusable (a programmer error: a zero Style).
func (st Style) check() {
	if st.Foreground == nil || st.Background == nil || st.TitleSize <= 0 {
		panic("chart: zero Style (use LightStyle or DarkStyle)")
	}
}

// grid returns grid lines in the style's grid colour.
func (st Style) grid() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Color = st.Grid
	g.Horizontal.Color = st.Grid
	return g
}
