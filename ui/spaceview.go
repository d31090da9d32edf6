package ui

import (
	"fmt"
	"image"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/chart"
	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// spaceView shows the option space map of the current portfolio. Tapping a
// bubble selects its initiative; hovering shows its numbers; toggles colour
// the bubbles by layer and draw drift arrows and history trails; the wheel
// zooms, a drag pans and Reset zoom (Ctrl+0, a double click) shows the
// whole map again (see spacezoom.go).
type spaceView struct {
	w      *Window
	pane   *chartPane
	hover  *widget.Label
	byTag  *widget.Check
	drift  *widget.Check
	trails *widget.Check
	// filter fades every bubble outside one layer or one region.
	filter *widget.Select
	// window is the part of the map shown (zero: all of it), kept for the
	// session; frames holds the frames of the rendered images.
	window   chart.SpaceWindow
	frames   spaceFrames
	resetBtn *widget.Button
	area     *mapArea
	anchor   zoomAnchor // the last zoom's point under the pointer
	// portfolio is the one the zoom belongs to (its name).
	portfolio *model.Portfolio
	// pts and opt are the map's last points and options, redrawn as they
	// are when only the window changes.
	pts []chart.SpacePoint
	opt chart.SpaceOptions
}

func newSpaceView(w *Window) *spaceView {
	v := &spaceView{w: w, pane: newChartPane(w.app)}
	v.hover = widget.NewLabel(mapHoverHint)
	v.hover.Truncation = fyne.TextTruncateEllipsis
	v.filter = widget.NewSelect(nil, func(string) { v.onOptionsChanged() })
	v.syncFilterOptions()
	v.byTag = widget.NewCheck("By layer", func(bool) { v.onOptionsChanged() })
	v.drift = widget.NewCheck("Drift (3, 6 and 12 months)", func(bool) { v.onOptionsChanged() })
	v.trails = widget.NewCheck("Trails", func(bool) { v.onOptionsChanged() })
	v.trails.SetChecked(true)
	v.resetBtn = widget.NewButtonWithIcon("Reset zoom", theme.ZoomFitIcon(), v.resetZoom)
	v.resetBtn.Disable()
	v.area = newMapArea(v, v.pane.content())
	v.pane.onRendered = v.area.rendered
	v.portfolio = w.ses.Portfolio
	w.ses.OnChange(func(c Change) {
		if c != ChangedSelection {
			v.forgetZoomOnOpen()
			v.syncFilterOptions()
			v.onOptionsChanged()
		}
	})
	w.onThemeChanged(v.pane.themeChanged)
	v.onOptionsChanged()
	return v
}

func (v *spaceView) content() fyne.CanvasObject {
	return container.New(&mapViewLayout{options: 5}, v.byTag, v.drift, v.trails, v.resetBtn, v.filter, v.area, v.hover)
}

// onOptionsChanged captures the current data and options and redraws.
func (v *spaceView) onOptionsChanged() {
	pts, opt := v.points()
	switch {
	case len(pts) == 0 && v.w.ses.Pending():
		// The status line's words and share (valuingStatus), kept up to
		// date by showProgress.
		v.pane.setMessage(valuingStatus(v.w.ses))
	case len(pts) == 0:
		v.pane.setMessage("No initiative to place yet: add one with + (Ctrl+N) in the list.")
	default:
		v.pane.setMessage("")
	}
	v.pts, v.opt = pts, opt
	v.pane.invalidate(spaceDrawFramed(pts, opt, &v.frames))
}

// showProgress updates the "Valuing N initiatives… 40%" message while the
// map waits for the values (watchProgress calls it with each chunk).
func (v *spaceView) showProgress() {
	if len(v.pts) == 0 && v.w.ses.Pending() {
		v.pane.setMessage(valuingStatus(v.w.ses))
	}
}

// redrawWindow redraws the last points in the current window (a zoom or a
// pan changes nothing else).
func (v *spaceView) redrawWindow() {
	opt := v.opt
	opt.Window = v.window
	v.opt = opt
	v.pane.invalidate(spaceDrawFramed(v.pts, opt, &v.frames))
}

// points returns the map's bubbles and options for the current valuation.
func (v *spaceView) points() ([]chart.SpacePoint, chart.SpaceOptions) {
	// The drift is priced only when its arrows are drawn.
	pts, opt := chart.SpaceFromValuationWith(v.w.ses.Portfolio, v.w.ses.Valuation, chart.SpaceFrom{ByTag: v.byTag.Checked, Drift: v.drift.Checked})
	opt.ShowDrift = v.drift.Checked
	opt.ShowTrails = opt.ShowTrails && v.trails.Checked
	opt.Window = v.window
	// The list's search and the filter highlight on the map: the others
	// fade.
	q := strings.ToLower(strings.TrimSpace(v.w.list.search.Text))
	f := v.filter.Selected
	var soon map[string]bool
	if f == filterDeadlineSoon {
		soon = map[string]bool{}
		for _, d := range portfolio.Deadlines(v.w.ses.Portfolio, model.Date{}, portfolio.DeadlineDays) {
			soon[d.ID] = true
		}
	}
	for i := range pts {
		if q != "" && !strings.Contains(strings.ToLower(pts[i].Name), q) && !strings.Contains(strings.ToLower(pts[i].Tag), q) {
			pts[i].Dim = true
		}
		if tag, ok := strings.CutPrefix(f, filterLayer); ok && pts[i].Tag != tag {
			pts[i].Dim = true
		}
		if f != "" && strings.HasPrefix(f, filterRegion) && f != regionFilter(pts[i].Region) {
			pts[i].Dim = true
		}
		if soon != nil && !soon[pts[i].ID] {
			pts[i].Dim = true
		}
	}
	return pts, opt
}

// The map filter's choices: every bubble, one layer, one region, or by
// status the open initiatives whose deadline is within
// portfolio.DeadlineDays (or passed). The map shows open initiatives
// only: invested, abandoned and expired ones are in the list.
const (
	filterAll    = "All layers and regions"
	filterLayer  = "Layer: "
	filterRegion = "Region "
)

// filterDeadlineSoon is the status choice of the map filter.
var filterDeadlineSoon = fmt.Sprintf("Status: deadline within %d days", portfolio.DeadlineDays)

// regionFilter is the filter choice of region g.
func regionFilter(g valuation.Region) string { return fmt.Sprintf("%s%d %s", filterRegion, int(g), g) }

// syncFilterOptions offers the portfolio's layers and the six regions,
// keeping the choice when it is still offered.
func (v *spaceView) syncFilterOptions() {
	opts := []string{filterAll}
	if p := v.w.ses.Portfolio; p != nil {
		for _, t := range p.Tags {
			opts = append(opts, filterLayer+t)
		}
	}
	for g := valuation.RegionInvestNow; g <= valuation.NumRegions; g++ {
		opts = append(opts, regionFilter(g))
	}
	opts = append(opts, filterDeadlineSoon)
	v.filter.Options = opts
	keep := false
	for _, o := range opts {
		keep = keep || o == v.filter.Selected
	}
	if !keep {
		v.filter.Selected = filterAll
	}
	v.filter.Refresh()
}

// spaceDraw renders the map; the x-axis legend is wrapped to the width.
func spaceDraw(pts []chart.SpacePoint, opt chart.SpaceOptions) drawFunc {
	return spaceDrawFramed(pts, opt, nil)
}

// spaceDrawFramed is spaceDraw that records each image's frame in frames
// (when not nil), for zooming and panning.
func spaceDrawFramed(pts []chart.SpacePoint, opt chart.SpaceOptions, frames *spaceFrames) drawFunc {
	opt.Interactive = true // in the window a bubble's hover names it
	return func(w, h int, dpi float64, st chart.Style) (image.Image, []chart.Hit, error) {
		p, err := chart.Space(pts, opt, st)
		if err != nil {
			return nil, nil, err
		}
		img, hits, f, err := chart.RenderSpace(p, pts, w, h, dpi)
		if err == nil && frames != nil {
			frames.record(img, f)
		}
		return img, hits, err
	}
}

// hitAt returns the bubble under pos (device-independent units), or nil.
func (v *spaceView) hitAt(pos fyne.Position) *chart.Hit {
	hits, sx, sy := v.pane.hitsAndScale()
	px, py := float64(pos.X)*sx, float64(pos.Y)*sy
	var best *chart.Hit
	bestD := math.Inf(1)
	for i := range hits {
		h := &hits[i]
		d := math.Hypot(h.X-px, h.Y-py)
		if d <= math.Max(h.R, 6*sx) && d < bestD {
			best, bestD = h, d
		}
	}
	return best
}

func (v *spaceView) onTapped(pos fyne.Position) {
	if h := v.hitAt(pos); h != nil {
		v.w.ses.Select(h.ID)
	}
}

func (v *spaceView) onHovered(pos fyne.Position) {
	h := v.hitAt(pos)
	if h == nil {
		return
	}
	if r := v.w.ses.Valuation.ByID(h.ID); r != nil {
		v.hover.SetText(hoverText(r, v.w.formatter()))
	}
}

// mapHoverHint is the read-out under the map while no bubble is hovered.
const mapHoverHint = "Hover over a bubble to see its numbers; click it to select the initiative. Scroll to zoom, drag to pan, double-click to see the whole map."

// onLeft shows the hint again when the pointer leaves the map (the
// read-out kept the last bubble's numbers).
func (v *spaceView) onLeft() { v.hover.SetText(mapHoverHint) }

// hoverText is one line with an initiative's option-space numbers, the
// value first and the name last: a narrow pane (1024x700: about 500
// units) cuts the line's end, and the bubble's own hover label names it.
// Amounts are the user's presentation (f: the portfolio's currency, compact
// or full numbers), as in the inspector and the status line.
func hoverText(r *portfolio.InitiativeResult, f format.Formatter) string {
	return fmt.Sprintf("value %s · NPV %s · NPVq %s · σ√t %s · region %d %s · %s",
		f.Money(r.Position.Value), f.Money(r.Position.NPV), ratio(r.Position.NPVq), ratio(r.Position.CumVol),
		r.Position.Region, r.Position.Region, r.Name)
}
