package report

// The links and drivers section.

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/chart"
	"github.com/optionspace/optionspace/ui/format"
)

// nameOf returns the name of the initiative with the given ID.
func (d *reportData) nameOf(id string) string {
	if in := d.p.Initiative(id); in != nil {
		return clean(in.Name)
	}
	return clean(id)
}

// linksSection writes the links between initiatives and the drivers'
// sensitivities.
func (w *writer) linksSection(d *reportData) {
	w.sectionPage(secLinks, titleLinks, false)
	cur := d.cur
	w.h2("Which initiatives depend on which", 3*rowHeight)
	if len(d.p.Links) == 0 {
		w.muted("The portfolio has no links.")
	} else {
		rows := make([][]string, 0, len(d.p.Links))
		for _, l := range d.p.Links {
			corr := dash
			if l.Kind == model.LinkSynergy {
				corr = formatFloat(l.Correlation, 2)
			}
			rows = append(rows, []string{d.nameOf(l.From), linkVerb(l.Kind), d.nameOf(l.To), corr, l.Note})
		}
		cols := []column{{"From", 3.2, false, true}, {"Link", 1.5, false, false}, {"To", 3.2, false, true}, {"ρ", 0.8, true, false}, {"Note", 4.5, false, true}}
		w.table(cols, rows, nil)
		// Notes too long for their cell are printed whole below.
		first := true
		for _, l := range d.p.Links {
			if strings.TrimSpace(l.Note) != "" && w.cutCell(cols, 4, l.Note) {
				w.fullText(d.nameOf(l.From)+" "+linkVerb(l.Kind)+" "+d.nameOf(l.To), l.Note, first)
				first = false
			}
		}
	}
	var fo [][]string
	for _, i := range d.order {
		r := &d.v.Initiatives[i]
		if r.Err == nil && r.FollowOn != 0 {
			fo = append(fo, []string{r.Name, formatMoneyShort(r.Position.Value, cur), formatMoneyShort(r.FollowOn, cur), formatMoneyShort(r.WithFollowOns, cur)})
		}
	}
	if len(fo) > 0 {
		w.h2("Value of the follow-on options that gates open", 2*rowHeight)
		w.table([]column{{"Initiative", 5, false, true}, {"Stand-alone", 2, true, false}, {"Follow-on", 2, true, false}, {"With follow-ons", 2, true, false}}, fo, nil)
	}
	w.h2("How sensitive the portfolio is to each driver", 4*rowHeight)
	switch {
	case d.driveErr != nil:
		w.muted("Driver sensitivities could not be computed: " + d.driveErr.Error())
		return
	case len(d.drivers) == 0:
		w.muted("The portfolio has no drivers.")
		return
	}
	w.muted(fmt.Sprintf("The portfolio's value with options (now %s) with each driver at its low and its high value, the others unchanged.", formatMoney(d.v.Total, cur)))
	rows := make([][]string, 0, len(d.drivers))
	for _, ds := range d.drivers {
		label := ds.Name
		if ds.Label != "" {
			label = ds.Label
		}
		rows = append(rows, []string{label, ds.Name, orDash(ds.Unit), driverValue(ds.Value, ""), driverValue(ds.Low, ""), driverValue(ds.High, ""),
			formatMoneyShort(ds.TotalLow, cur), formatMoneyShort(ds.TotalHigh, cur), formatMoneyShort(ds.Swing, cur), fmt.Sprint(len(ds.Initiatives))})
	}
	w.table([]column{{"Driver", 3.4, false, true}, {"Name", 2.9, false, true}, {"Unit", 1.6, false, false}, {"Value", 1.6, true, false}, {"Low", 1.6, true, false}, {"High", 1.6, true, false}, {"At low", 1.5, true, false},
		{"At high", 1.5, true, false}, {"Swing", 1.4, true, false}, {"Used by", 1.6, true, false}}, rows, nil)
	h := math.Min(300, 60+22*float64(len(d.drivers)))
	w.ensure(h)
	y := w.y()
	w.chart(marginX, y, w.contentW(), h, 0.8, func() (*plot.Plot, error) {
		ti := chart.TornadoInput{Title: "Portfolio value by driver, low to high", Unit: cur, Base: d.v.Total}
		for _, ds := range d.drivers {
			lbl := ds.Name
			ti.Bars = append(ti.Bars, chart.TornadoBar{Input: lbl, Low: ds.TotalLow, High: ds.TotalHigh,
				LowLabel: driverValue(ds.Low, ds.Unit), HighLabel: driverValue(ds.High, ds.Unit)})
		}
		return chart.Tornado(ti, d.style)
	})
	w.setY(y + h + 6)
	for _, ds := range d.drivers {
		if len(ds.Initiatives) == 0 {
			continue
		}
		w.paragraphAt(marginX, w.contentW(), clean(ds.Name)+" feeds: "+joinNames(ds.Initiatives), 3, "", sizeSmall, leadSmall, colMuted)
	}
}

func joinNames(names []string) string {
	s := ""
	for i, n := range names {
		if i > 0 {
			s += "; "
		}
		s += clean(n)
	}
	return s
}

func linkVerb(k model.LinkKind) string {
	switch k {
	case model.LinkGates:
		return "gates"
	case model.LinkFollowOn:
		return "opens"
	case model.LinkExcludes:
		return "excludes"
	case model.LinkSynergy:
		return "moves with"
	}
	return orDash(string(k))
}

// driverValue formats a driver's value with its unit (format.Quantity,
// as the CLI prints it): "120,000 members".
func driverValue(v float64, unit string) string { return format.Quantity(v, clean(unit)) }
