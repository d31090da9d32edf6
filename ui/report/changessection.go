package report

// The "what changed" section.

import (
	"fmt"

	"github.com/optionspace/optionspace/valuation"
)

// changesSection writes what changed since the chosen snapshot.
func (w *writer) changesSection(d *reportData) {
	w.sectionPage(secChanges, titleChange, false)
	cur := d.cur
	if d.since == nil {
		msg := "No snapshot was chosen to compare with."
		if n := len(d.p.Snapshots); n > 0 {
			msg += fmt.Sprintf(" The portfolio has %d snapshots; build the report with --since SNAPSHOT (or choose one in the app) to see what moved, by how much and why.", n)
		} else {
			msg += " The portfolio has no snapshots yet: take one at each review so the next report can show what moved."
		}
		w.paragraph(msg, 0)
		return
	}
	if d.chErr != nil {
		w.paragraph("The snapshot could not be valued: "+d.chErr.Error(), 0)
		return
	}
	c := d.changes
	s := c.Snapshot
	y := w.keyValues(marginX, w.y(), w.contentW()*0.6, [][2]string{
		{"Snapshot", orDash(s.Label)},
		{"Taken", formatDate(s.Taken)},
		{"Valued as of", formatDate(s.AsOf) + " → " + formatDate(d.v.AsOf)},
		{"Portfolio value then", formatMoney(c.TotalBefore, cur)},
		{"Portfolio value now", formatMoney(c.TotalAfter, cur)},
		{"Change", signedMoney(c.TotalAfter-c.TotalBefore, cur)},
	})
	w.setY(y + 10)
	w.muted("Each change is what the initiative adds to the portfolio value: its value with follow-ons where it counts on its own. A follow-on counted inside another initiative's value moves the total through that one (change 0 here, \"counted in\"), so the changes add up to the Change above. A change is split by input: the inputs are moved from the snapshot's values to today's one at a time (S, X, σ, t, r, q), and each step's change in value is that input's share; an input whose formula reads a driver that changed names it (\"through members\"). An initiative that starts counting on its own adds what it would have added at the snapshot (\"counts on its own now\") and its inputs' shares; one that stops loses its value with follow-ons as of today.")
	rows := [][]string{}
	var regions []valuation.Region
	for _, m := range c.Moves {
		rows = append(rows, []string{m.Name, counted(m.Before, m.CountedBefore, cur), counted(m.After, m.CountedAfter, cur), signedMoney(m.Delta, cur),
			regionMove(m.RegionBefore, m.RegionAfter), m.why(cur)})
		regions = append(regions, m.RegionAfter)
	}
	w.h2("What moved", 2*rowHeight)
	if len(rows) == 0 {
		w.muted("Nothing moved.")
	} else {
		w.cappedTable([]column{{"Initiative", 4, false, true}, {"Then", 1.2, true, false}, {"Now", 1.2, true, false}, {"Change", 1.3, true, false}, {"Region", 1.1, false, false}, {"Why", 5.6, false, true}}, rows,
			func(i int) (rgb, bool) { return d.regionSwatch(regions[i]) }, d.tableCap(boardMoveRows), "initiatives that moved")
		w.whyNotes(d, c)
	}
	if len(c.Drivers) > 0 {
		w.h2("Drivers that changed", 2*rowHeight)
		rows = rows[:0]
		for _, dc := range c.Drivers {
			unit := ""
			if dr := d.p.Driver(dc.Name); dr != nil {
				unit = dr.Unit
			}
			rows = append(rows, []string{dc.Name, driverValue(dc.Before, unit), driverValue(dc.After, unit)})
		}
		w.table([]column{{"Driver", 4, false, false}, {"Then", 2, true, false}, {"Now", 2, true, false}}, rows, nil)
	}
}

// counted formats a move's contribution at one date: a dash where the
// initiative did not count on its own (counted in another, excluded,
// closed, not valued, or not there).
func counted(v float64, counts bool, cur string) string {
	if !counts {
		return dash
	}
	return formatMoneyShort(v, cur)
}

// whyNotes writes the full "why" of the largest moves, which the table
// cuts to one line: those that changed the total or their own value.
func (w *writer) whyNotes(d *reportData, c *Changes) {
	n := 0
	for _, m := range c.Moves {
		if n == 10 {
			break
		}
		if m.Delta == 0 && m.StandAloneBefore == m.StandAloneAfter {
			continue
		}
		if n == 0 {
			w.h2("Why the largest moves happened", 3*leadSmall)
		}
		n++
		w.paragraphAt(marginX, w.contentW(), clean(m.Name)+": "+m.why(d.cur)+".", 3, "", sizeSmall, leadSmall, colText)
	}
}

func regionMove(a, b valuation.Region) string {
	f := func(g valuation.Region) string {
		if g == 0 {
			return dash
		}
		return fmt.Sprint(int(g))
	}
	if a == b {
		return f(b)
	}
	return f(a) + " → " + f(b)
}
