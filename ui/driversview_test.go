package ui

import (
	"strings"
	"testing"

	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// TestImpactTextNamesTheGate: the Drivers view's "What moved" says which
// gate a follow-on is counted in by its name (Move.CountedInName), never
// its ID (Move.CountedIn, the key): two follow-ons of gates both named
// "Pilot" read "counted in Pilot", and the IDs do not show.
func TestImpactTextNamesTheGate(t *testing.T) {
	snap := func(v float64, counted bool, in string) portfolio.Snapshot {
		return portfolio.Snapshot{Value: v, WithFollowOns: v, Region: 2, Counted: counted, CountedIn: in}
	}
	im := &portfolio.Impact{TotalBefore: 1000, TotalAfter: 1000, Moved: []portfolio.Move{
		{ID: "rollout", Name: "Rollout", Before: snap(100, false, "pilot-a"), After: snap(300, false, "pilot-a"), CountedIn: "pilot-a", CountedInName: "Pilot"},
		{ID: "care", Name: "Care team", Before: snap(50, false, "pilot-b"), After: snap(80, false, "pilot-b"), CountedIn: "pilot-b", CountedInName: "Pilot"},
	}}
	txt := impactText(im, format.New("EUR", format.Full))
	lines := strings.Split(txt, "\n")
	if len(lines) != 3 {
		t.Fatalf("what moved:\n%s\nwant a header and 2 rows", txt)
	}
	for _, l := range lines[1:] {
		if !strings.Contains(l, "counted in Pilot (own value ") {
			t.Errorf("row %q: want counted in Pilot", l)
		}
	}
	if strings.Contains(txt, "pilot-a") || strings.Contains(txt, "pilot-b") {
		t.Errorf("what moved shows a gate's ID:\n%s", txt)
	}
}
