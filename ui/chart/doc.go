// Package chart draws Option Space's charts with gonum/plot: the option
// space map, the invest/wait chart, the sensitivity tornado, the payoff
// diagram, the lattice view, history, simulation and portfolio-by-layer
// charts.
//
// It imports no GUI toolkit, so the desktop app, the PDF report and the
// command-line tool share one implementation, and it builds with
// CGO_ENABLED=0.
//
// # Inputs
//
// Every chart takes plain data structs defined here (SpacePoint,
// InvestWaitRow, TornadoBar, PayoffInput, LatticeInput, HistorySeries,
// SimulationInput, LayerRow), validates them and copies them, so a caller
// may reuse its slices. fromportfolio.go builds these inputs from the
// portfolio engine's results.
//
// # Output
//
// A chart function returns a *plot.Plot. Render draws it into an
// image.Image at a pixel size and DPI (for the screen); Save and WriteTo
// write PNG, SVG or PDF. Colours, fonts and sizes come from a Style
// (LightStyle, DarkStyle) so the app can pass its theme.
//
// # Sizes
//
// A chart is built without knowing its size. FitTo, which Render,
// RenderWithHits, WriteTo and Save call just before drawing, adapts it to
// the canvas: value axes label as many ticks as fit the room (compact
// amounts such as 500k and 1.25M, the currency in the axis label), titles
// wrap to two lines or are cut, and axis labels are cut to the chart. Below
// 320x200 points (the app's inspector pane, 330x200 pixels at 96 dpi) the
// charts are compact: the tornado names its inputs by symbol, drops the
// bar-end labels and lists the inputs that change nothing in the axis
// label; the invest/wait chart drops its action notes; the map drops its
// contour labels and shrinks its bubbles; history and layers drop their
// point notes and totals. Fitting is repeatable, so one plot may be drawn
// at several sizes. A caller drawing a plot itself with Plot.Draw should
// call FitTo first.
//
// # The option space map
//
// Space draws Luehrman's option space: value-to-cost NPVq across on a log
// scale, cumulative volatility sigma*sqrt(t) growing downward from 0. The
// background is the option value as a share of S, C/S =
// valuation.CallShare(NPVq, sigma*sqrt(t)), which depends on the two axes
// alone, drawn as a heat map with labelled contour lines. The region
// boundaries are those of valuation.RegionOf:
//
//   - the NPVq = 1 line (exact);
//   - left of it, the 4/5 and 5/6 boundaries are the C/S contours at
//     Thresholds.MaybeLater and Thresholds.ProbablyNever (exact: they
//     depend on the axes only);
//   - right of it, the 2/3 boundary NPV = S - X = 0 is the curve
//     NPVq = exp(rc*t). It depends on each option's t, not on sigma*sqrt(t)
//     alone, so the chart draws it for t = (sigma*sqrt(t)/RefSigma)^2, the
//     portfolio's rate and a reference volatility, and says so;
//   - the 1/2 boundary depends on each option's leakage (its early-exercise
//     trigger): the chart draws it for an option without leakage, where
//     region 1 is where the time value C - (S - X) is at most
//     Thresholds.InvestNowPremium of S, again for t = (sigma*sqrt(t)/RefSigma)^2.
//
// Each initiative is a bubble whose area is proportional to its X, placed
// at its (NPVq, sigma*sqrt(t)) and coloured by the region the engine
// reports for it (or by tag). RenderWithHits also returns each bubble's
// centre in pixels, so a caller can hit-test clicks and tests can read the
// plotted positions back.
package chart
