package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// TestPassedDeadlinesInTheListAndInspector: in the sample (as of
// 2026-10-01) the pilot, expired, had its deadline on 2026-09-01 (an open
// initiative's deadline must be after the as-of date, a decided one's
// need not): the list's "t left" cell and the inspector's inputs say
// "passed" for it alone, and an initiative due 2028-04-01 shows its years
// left (1.50 y).
func TestPassedDeadlinesInTheListAndInspector(t *testing.T) {
	p := modeltest.Sample(t)
	pilot := p.InitiativeByName("Customer community pilot")
	pilot.Status, pilot.Deadline = model.StatusExpired, model.NewDate(2026, time.September, 1)
	ses := sessionWith(t, p)
	win := windowOn(t, ses)

	col := -1
	for i, c := range initiativeColumns {
		if c.title == "t left" {
			col = i
		}
	}
	if col < 0 {
		t.Fatal("no t left column")
	}
	tab := win.list.table
	cell := tab.CreateCell()
	seen := 0
	for row, r := range win.list.rows {
		in := ses.Portfolio.Initiative(r.ID)
		passed := in.Deadline.String() < "2026-10-01"
		tab.UpdateCell(widget.TableCellID{Row: row, Col: col}, cell)
		got := cell.(*fyne.Container).Objects[0].(*middleLabel).full
		if passed {
			seen++
		}
		if (got == "passed") != passed {
			t.Errorf("%s (deadline %s): t left %q, want passed %v", r.Name, in.Deadline, got, passed)
		}
		if in.Deadline.String() == "2028-04-01" && got != "1.50 y" {
			t.Errorf("%s: t left %q, want 1.50 y", r.Name, got)
		}
	}
	if seen != 1 {
		t.Fatalf("%d passed deadlines listed, want 1", seen)
	}

	for _, c := range []struct {
		name   string
		passed bool
	}{{"Customer community pilot", true}, {"Lightweight listening tool", false}} {
		ses.Select(ses.Portfolio.InitiativeByName(c.name).ID)
		var inputs string
		objs := win.insp.results.Objects
		for i := 0; i+1 < len(objs); i += 2 {
			if objs[i].(*widget.Label).Text == "Inputs" {
				inputs = objs[i+1].(*widget.Label).Text
			}
		}
		if got := strings.Contains(inputs, "t passed ·"); got != c.passed || inputs == "" {
			t.Errorf("%s: inspector inputs %q, want t passed %v", c.name, inputs, c.passed)
		}
	}
}
