package ui

import (
	"reflect"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// TestOneStateOneAnswer builds one portfolio state (the sample after a
// driver change, a link change and a snapshot) through the session and
// checks that the session's valuation (kept by incremental engine updates),
// a fresh portfolio.Evaluate of what the store saved, the status line and
// History's comparison all show the same portfolio value, the same value
// and region for each initiative and the same "what moved".
func TestOneStateOneAnswer(t *testing.T) {
	win, ses, start := membersGrown(t)
	if ses.Impact == nil || ses.Impact.Repriced == 0 && len(ses.Impact.Moved) == 0 {
		t.Fatalf("the driver change moved nothing: %+v", ses.Impact)
	}
	if err := ses.Apply("Unlink", func(p *model.Portfolio) error {
		p.Links = p.Links[1:] // community-pilot gates community-rollout
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := ses.TakeSnapshot("After"); err != nil {
		t.Fatal(err)
	}

	saved, err := ses.Store().Load(ses.Portfolio.Name)
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := portfolio.Evaluate(saved, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	// The engine's incremental state is the full valuation of the store's.
	if im := portfolio.Compare(fresh, ses.Valuation); len(im.Moved) != 0 || im.Change() != 0 {
		t.Fatalf("incremental session and fresh valuation differ: %+v", im)
	}
	for i := range fresh.Initiatives {
		a, b := &fresh.Initiatives[i], &ses.Valuation.Initiatives[i]
		if a.Position.Value != b.Position.Value || a.Position.Region != b.Position.Region || a.WithFollowOns != b.WithFollowOns {
			t.Errorf("%s: fresh %v (region %d), session %v (region %d)", a.Name, a.Position.Value, a.Position.Region, b.Position.Value, b.Position.Region)
		}
	}
	// The status line shows that portfolio value.
	win.refreshStatus()
	if want := win.money(fresh.Total); !strings.Contains(win.status.Text, "portfolio value "+want) {
		t.Errorf("status %q lacks the portfolio value %s", win.status.Text, want)
	}
	// What moved from the start is the same Impact for the engine and for
	// the two snapshots valued again.
	im := portfolio.Compare(start, fresh)
	snaps := map[string]*model.Snapshot{}
	for i := range saved.Snapshots {
		snaps[saved.Snapshots[i].Label] = &saved.Snapshots[i]
	}
	before, err := portfolio.ValueSnapshot(saved, snaps["Before"], portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	after, err := portfolio.ValueSnapshot(saved, snaps["After"], portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := portfolio.Compare(before, after); !reflect.DeepEqual(got, im) {
		t.Errorf("snapshots compare as\n%+v\nthe engine as\n%+v", got, im)
	}
	if len(im.Moved) < 2 {
		t.Fatalf("expected the rollout and the pilot to move, got %+v", im.Moved)
	}
	// History's comparison prints that Impact: its totals and its moves in
	// its order.
	hv := showView[*historyView](t, win, "history")
	m := win.formatter().Amount
	for _, pair := range [][2]string{{"Before", "After"}, {"Before", now}} {
		txt := hv.comparison(pair[0], pair[1])
		lines := strings.Split(txt, "\n")
		f := win.formatter()
		head := "portfolio value " + f.Money(im.TotalBefore) + " → " + f.Money(im.TotalAfter) + " (" + f.Signed(im.Change()) + ")"
		if !strings.Contains(lines[0], head) {
			t.Errorf("%v: head %q, want %q", pair, lines[0], head)
		}
		if len(lines) != 3+len(im.Moved) {
			t.Fatalf("%v: %d rows for %d moves:\n%s", pair, len(lines)-3, len(im.Moved), txt)
		}
		for i, mv := range im.Moved {
			if !strings.HasPrefix(lines[3+i], trunc(mv.Name, 34)) || !strings.Contains(lines[3+i], " "+signed(m(mv.Change()))+" ") {
				t.Errorf("%v: row %d %q, want %s %s", pair, i, lines[3+i], mv.Name, signed(m(mv.Change())))
			}
		}
	}
}
