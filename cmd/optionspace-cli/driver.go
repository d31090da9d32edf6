package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/atomicfile"
	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

func runDriver(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	src := addSourceFlags(fs)
	format := addFormatFlag(fs, "table", "json")
	withLinks := fs.Bool("with-links", true, "add follow-on (compound) values and count only the best of each excludes set")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := format.check(); err != nil {
		return err
	}
	if len(pos) == 0 {
		return fmt.Errorf("%w: want a subcommand: list, or set DRIVER VALUE", errUsage)
	}
	switch pos[0] {
	case "list":
		if len(pos) != 1 {
			return fmt.Errorf("%w: list takes no arguments", errUsage)
		}
		p, err := src.load()
		if err != nil {
			return err
		}
		return writeDrivers(stdout, p, format.value)
	case "set":
		if len(pos) != 3 {
			return fmt.Errorf("%w: want set DRIVER VALUE", errUsage)
		}
		value, err := strconv.ParseFloat(pos[2], 64)
		if err != nil || math.IsNaN(value) || math.IsInf(value, 0) {
			return fmt.Errorf("%w: value %q is not a number", errUsage, pos[2])
		}
		return setDriver(stdout, stderr, src, pos[1], value, format.value, *withLinks)
	}
	return fmt.Errorf("%w: unknown subcommand %q: want list or set", errUsage, pos[0])
}

// setDriver values the portfolio before and after the change, saves the
// change (one undoable action in the database, or the JSON file
// rewritten) and prints what moved. In a database the portfolio is valued
// inside the action's transaction: before is the state the change was
// applied to and after the state saved, even when another process changed
// the portfolio since this one started.
func setDriver(w, stderr io.Writer, src *source, name string, value float64, format string, withLinks bool) error {
	var im *portfolio.Impact
	change := func(q *model.Portfolio) error {
		en, err := portfolio.NewEngine(q, portfolio.Options{WithLinks: withLinks})
		if err != nil {
			return err
		}
		if im, err = en.SetDriver(name, value); err != nil {
			return err
		}
		d := q.Driver(name)
		if d == nil {
			return fmt.Errorf("driver %q: no such driver", name)
		}
		d.Value = value
		return nil
	}
	var p *model.Portfolio
	file, err := src.fromFile()
	if err != nil {
		return err
	}
	if file {
		if p, err = model.ReadJSONFile(*src.file); err != nil {
			return err
		}
		if err := change(p); err != nil {
			return err
		}
		if err := atomicfile.Write(*src.file, 0o644, func(w io.Writer) error { return model.WriteJSON(w, p) }); err != nil {
			return err
		}
	} else {
		path := dbPath(*src.db)
		st, err := openExisting(path)
		if err != nil {
			return err
		}
		defer st.Close()
		defer warnStore(stderr, st)
		pname, err := portfolioName(st, path, *src.name, "")
		if err != nil {
			return err
		}
		if p, err = st.Apply(pname, model.SetDriverLabel(name, value), change); err != nil {
			return err
		}
	}
	if format == "json" {
		return writeImpactJSON(w, p, name, value, im)
	}
	return writeImpactTable(w, p, name, value, im)
}

// writeDrivers lists p's drivers: as JSON with their raw numbers, or as a
// table whose numbers print as the report prints them (format.Quantity:
// 120,000; the unit has its column).
func writeDrivers(w io.Writer, p *model.Portfolio, form string) error {
	if form == "json" {
		// The drivers as the portfolio format writes them, without
		// their uncertainty (which the list does not show).
		rows := []model.Driver{}
		for _, d := range p.Drivers {
			d.Uncertainty = nil
			rows = append(rows, d)
		}
		return writeJSON(w, rows)
	}
	tw := newTable(w)
	fmt.Fprintln(tw, "Driver\tValue\tLow\tHigh\tUnit\tLabel\t")
	for _, d := range p.Drivers {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t\n", d.Name, format.Quantity(d.Value, ""), format.Quantity(d.Low, ""), format.Quantity(d.High, ""), d.Unit, d.Label)
	}
	return tw.Flush()
}

// snapshotJSON is one side of a move in `driver set --format json`:
// contribution is what the initiative adds to the portfolio value
// (portfolio.Snapshot.Contribution), counted_in the ID of the initiative
// whose value with follow-ons includes it.
type snapshotJSON struct {
	Value         float64  `json:"value"`
	WithFollowOns float64  `json:"with_follow_ons"`
	Contribution  float64  `json:"contribution"`
	NPV           float64  `json:"npv"`
	NPVq          *float64 `json:"npvq"`
	CumVol        float64  `json:"cumvol"`
	Sigma         float64  `json:"sigma"`
	Region        int      `json:"region"`
	RegionName    string   `json:"region_name"`
	Counted       bool     `json:"counted"`
	CountedIn     string   `json:"counted_in,omitempty"`
	Error         string   `json:"error,omitempty"`
}

func toSnapshotJSON(s portfolio.Snapshot) snapshotJSON {
	out := snapshotJSON{Value: s.Value, WithFollowOns: s.WithFollowOns, Contribution: s.Contribution(), NPV: s.NPV, CumVol: s.CumVol, Sigma: s.Sigma,
		Region: s.Region, Counted: s.Counted, CountedIn: s.CountedIn, Error: s.Err}
	if s.Region > 0 {
		out.RegionName = regionName(s.Region)
	}
	if !math.IsInf(s.NPVq, 0) && !math.IsNaN(s.NPVq) {
		v := s.NPVq
		out.NPVq = &v
	}
	return out
}

// writeImpactJSON writes the engine's Impact: each move's change is
// portfolio.Move.Change (its contribution to the total), so the moves'
// changes add up to the portfolio's change; counted_in is the ID of the
// initiative a follow-on is counted in (its change then 0; an ID, as in
// the snapshots' counted_in and in value --format json) and
// standalone_change is the change of its own value.
func writeImpactJSON(w io.Writer, p *model.Portfolio, name string, value float64, im *portfolio.Impact) error {
	type moveJSON struct {
		ID               string       `json:"id"`
		Name             string       `json:"name"`
		Change           float64      `json:"change"`
		StandAloneChange float64      `json:"standalone_change"`
		CountedIn        string       `json:"counted_in"`
		Before           snapshotJSON `json:"before"`
		After            snapshotJSON `json:"after"`
	}
	out := struct {
		Portfolio   string     `json:"portfolio"`
		Driver      string     `json:"driver"`
		Value       float64    `json:"value"`
		TotalBefore float64    `json:"total_before"`
		TotalAfter  float64    `json:"total_after"`
		Change      float64    `json:"change"`
		Moved       []moveJSON `json:"moved"`
	}{Portfolio: p.Name, Driver: name, Value: value, TotalBefore: im.TotalBefore, TotalAfter: im.TotalAfter,
		Change: im.TotalAfter - im.TotalBefore, Moved: []moveJSON{}}
	for _, m := range im.Moved {
		out.Moved = append(out.Moved, moveJSON{ID: m.ID, Name: m.Name, Change: m.Change(), StandAloneChange: m.StandAloneChange(), CountedIn: m.CountedIn,
			Before: toSnapshotJSON(m.Before), After: toSnapshotJSON(m.After)})
	}
	return writeJSON(w, out)
}

func writeImpactTable(w io.Writer, p *model.Portfolio, name string, value float64, im *portfolio.Impact) error {
	unit := ""
	if d := p.Driver(name); d != nil {
		unit = d.Unit
	}
	fmt.Fprintf(w, "%s: driver %s set to %s (saved); %s moved\n\n", p.Name, name, format.Quantity(value, unit), format.Count(len(im.Moved), "initiative", "initiatives"))
	if len(im.Moved) > 0 {
		tw := newTable(w)
		fmt.Fprintln(tw, "Initiative\tValue before\tafter\tWith follow-ons before\tafter\tChange\tNPVq before\tafter\tsigma*sqrt(t) before\tafter\tRegion before\tafter\tCounted in\t")
		signed := format.New("", format.Full).Signed
		for _, m := range im.Moved {
			b, a := m.Before, m.After
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", m.Name, amount(b.Value), amount(a.Value), amount(b.WithFollowOns), amount(a.WithFollowOns),
				signed(m.Change()), format.Ratio(b.NPVq), format.Ratio(a.NPVq), format.Ratio(b.CumVol), format.Ratio(a.CumVol), regionLabel(b), regionLabel(a), m.CountedInName)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintln(w)
	}
	note := "" // as the value table's footer: each amount rounded on its own
	if !format.AddsUpInFull(im.TotalAfter, im.TotalBefore, im.Change()) {
		note = "; " + format.RoundedApart
	}
	_, err := fmt.Fprintf(w, "Portfolio value %s -> %s (%s%s)\n", amount(im.TotalBefore), amount(im.TotalAfter), format.New("", format.Full).Signed(im.Change()), note)
	if err == nil && len(im.Moved) > 0 {
		_, err = fmt.Fprintln(w, "Change is what each initiative adds to the portfolio value; one counted in another's follow-on value moves it through that one, so the changes add up to the portfolio's.")
	}
	return err
}

func regionLabel(s portfolio.Snapshot) string {
	if s.Err != "" {
		return "error"
	}
	return format.Region(valuation.Region(s.Region))
}

func regionName(r int) string { return valuation.Region(r).String() }
