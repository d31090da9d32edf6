package ui

import (
	"testing"

	"github.com/optionspace/optionspace/model/modeltest"
)

// TestMapAndInvestSayHowFar: while a 200-initiative portfolio is valued in
// chunks, the map's and the invest chart's own message over the empty
// chart says how far the valuation is, as the status line does
// ("Valuing 200 initiatives… 25%"; the map said only "Valuing 200
// initiatives…"), and it goes when the values are shown.
func TestMapAndInvestSayHowFar(t *testing.T) {
	base := sessionWith(t, modeltest.Large(200, 50, 5))
	ses, err := NewSessionPending(base.Store(), "")
	if err != nil {
		t.Fatal(err)
	}
	win := windowOn(t, ses)
	sv := showView[*spaceView](t, win, "space")
	iv := showView[*investView](t, win, "invest")
	watchProgress(win)
	run, _, steps, en := manualRun(t, ses, 25)
	check := func(want string) {
		t.Helper()
		for name, pane := range map[string]*chartPane{"map": sv.pane, "invest": iv.pane} {
			if got := pane.msg.Text; got != want || !pane.msg.Visible() {
				t.Errorf("%s says %q (shown %v), want %q", name, got, pane.msg.Visible(), want)
			}
		}
	}
	feed(ses, run, steps[:2]...)
	check("Valuing 200 initiatives… 25%")
	feed(ses, run, steps[2:5]...)
	check("Valuing 200 initiatives… 62%")
	feed(ses, run, steps[5:]...)
	check("Valuing 200 initiatives… 100% · linking…")
	ses.finishValuing(ses.Saved(), en, nil)
	for name, pane := range map[string]*chartPane{"map": sv.pane, "invest": iv.pane} {
		if pane.msg.Visible() && pane.msg.Text != "" {
			t.Errorf("%s still says %q after the valuation", name, pane.msg.Text)
		}
	}
}
