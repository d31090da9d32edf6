package ui

import (
	"math"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// TestWhatMovedRowsAddUp checks that History's comparison and the Drivers
// view's "What moved" present the engine's rows: after the community grows
// (members 150000) in the sample, where the pilot gates the rollout, each
// row's change is Move.Change (what the initiative adds to the total), the
// rollout counted in the pilot changes by 0 and says so, and the changes
// add up to the portfolio's change shown above them.
func TestWhatMovedRowsAddUp(t *testing.T) {
	win, ses, start := membersGrown(t)
	im := portfolio.Compare(start, ses.Valuation)
	sum := 0.0
	for _, mv := range im.Moved {
		sum += mv.Change()
	}
	if len(im.Moved) < 2 || math.Abs(sum-im.Change()) > 1e-6*math.Abs(im.Change()) || im.Change() < 1e5 {
		t.Fatalf("moves %+v add up to %v, portfolio change %v", im.Moved, sum, im.Change())
	}
	hv := showView[*historyView](t, win, "history")
	m := win.formatter().Amount
	lines := strings.Split(hv.comparison("Before", now), "\n")
	if len(lines) != 3+len(im.Moved) {
		t.Fatalf("%d rows for %d moves:\n%s", len(lines)-3, len(im.Moved), strings.Join(lines, "\n"))
	}
	for i, mv := range im.Moved {
		row := []rune(lines[3+i])
		// initiative (34), then, now, Δ (9 each), one space apart.
		if got, want := strings.TrimSpace(string(row[55:64])), signed(m(mv.Change())); !strings.HasPrefix(string(row), trunc(mv.Name, 34)) || got != want {
			t.Errorf("History row %d %q: Δ %q, want %s %s", i, lines[3+i], got, mv.Name, want)
		}
		if mv.ID == "community-rollout" && (mv.Change() != 0 || !strings.Contains(lines[3+i], "counted in Customer community pilot")) {
			t.Errorf("the rollout's row %q: want change 0, counted in the pilot", lines[3+i])
		}
	}

	f := win.formatter()
	drv := strings.Split(impactText(im, f), "\n")
	if want := "(" + f.Signed(im.Change()) + ")"; !strings.HasSuffix(drv[0], want) || len(drv) != 1+len(im.Moved) {
		t.Fatalf("Drivers' what moved:\n%s\nwant the change %s and %d rows", strings.Join(drv, "\n"), want, len(im.Moved))
	}
	for i, mv := range im.Moved {
		if !strings.HasPrefix(drv[1+i], trunc(mv.Name, 34)) || !strings.Contains(drv[1+i], " "+f.Signed(mv.Change())) {
			t.Errorf("Drivers row %d %q, want %s %s", i, drv[1+i], mv.Name, f.Signed(mv.Change()))
		}
	}
}

// membersGrown opens the sample in a test window, takes the snapshot
// "Before" and sets members to 150000 through the session; it returns the
// valuation before the change too.
func membersGrown(t *testing.T) (*Window, *Session, *portfolio.Valuation) {
	t.Helper()
	win, ses := newTestWindow(t)
	start := ses.Valuation.Clone()
	if err := ses.TakeSnapshot("Before"); err != nil {
		t.Fatal(err)
	}
	if err := ses.Apply("Set members", func(p *model.Portfolio) error {
		p.Driver("members").Value = 150000
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return win, ses, start
}
