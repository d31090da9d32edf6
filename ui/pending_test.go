package ui

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// newPendingSession opens the sample without valuing it (as the app does at
// start-up).
func newPendingSession(t *testing.T) *Session {
	t.Helper()
	ses, err := NewSessionPending(newTestSession(t).Store(), "")
	if err != nil {
		t.Fatal(err)
	}
	return ses
}

// setDriverSaved saves driver name = x as one action.
func setDriverSaved(t *testing.T, ses *Session, name string, x float64) {
	t.Helper()
	if err := ses.Apply("Set "+name, func(p *model.Portfolio) error {
		p.Driver(name).Value = x
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// waitDone waits for a callback's error on done.
func waitDone(t *testing.T, done <-chan error) {
	t.Helper()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("no valuation within 60 s")
	}
}

// waitValued runs startValuing and waits for its done callback.
func waitValued(t *testing.T, win *Window) {
	t.Helper()
	done := make(chan error, 1)
	startValuing(win, func(err error) { done <- err })
	waitDone(t, done)
}

// sameValues checks the session's valuation against an independent
// synchronous valuation of its saved portfolio.
func sameValues(t *testing.T, ses *Session) {
	t.Helper()
	ref, err := portfolio.Evaluate(ses.Saved().Clone(), portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	v := ses.Valuation
	if len(v.Initiatives) != len(ref.Initiatives) || v.Total != ref.Total {
		t.Fatalf("valuation: %d initiatives, total %.6f; want %d, %.6f", len(v.Initiatives), v.Total, len(ref.Initiatives), ref.Total)
	}
	for i := range ref.Initiatives {
		a, b := &v.Initiatives[i], &ref.Initiatives[i]
		if a.Name != b.Name || a.Position.Value != b.Position.Value || a.Position.Region != b.Position.Region || a.WithFollowOns != b.WithFollowOns {
			t.Fatalf("initiative %d: %q value %g region %d; want %q %g region %d", i, a.Name, a.Position.Value, a.Position.Region, b.Name, b.Position.Value, b.Position.Region)
		}
	}
}

// TestWindowBeforeValuation: the window is built and every view shown
// while the portfolio has no values yet (the status line says it is being
// valued); what needs the values says so instead of failing; an edit made
// meanwhile is kept and valued; then the values fill in and equal a
// synchronous valuation.
func TestWindowBeforeValuation(t *testing.T) {
	ses := newPendingSession(t)
	if !ses.Pending() || ses.Valuation == nil || len(ses.Valuation.Initiatives) != 0 || ses.Valuation.ByID(ses.Portfolio.Initiatives[0].ID) != nil {
		t.Fatalf("pending session: Pending %v, valuation %+v: want pending with an empty valuation", ses.Pending(), ses.Valuation)
	}
	win := windowOn(t, ses)
	n := len(ses.Portfolio.Initiatives)
	if got, want := win.status.Text, "Valuing 13 initiatives…"; n != 13 || !strings.Contains(got, want) || strings.Contains(got, "portfolio value") {
		t.Fatalf("status while valuing: %q (%d initiatives): want %q and no portfolio value", got, n, want)
	}
	first := ses.Portfolio.Initiatives[0]
	for _, v := range views {
		if err := win.ShowView(v.name); err != nil {
			t.Fatal(err)
		}
		if err := win.SelectByName(first.Name); err != nil {
			t.Fatalf("view %s: %v", v.name, err)
		}
		ses.Select("")
	}
	if err := ses.RecordDecision(first.ID, model.DecideWait, "not yet", ""); !errors.Is(err, ErrPending) {
		t.Fatalf("decision while valuing: %v, want ErrPending", err)
	}
	if err := ses.TakeSnapshot("Q3"); !errors.Is(err, ErrPending) {
		t.Fatalf("snapshot while valuing: %v, want ErrPending", err)
	}
	if err := ses.Apply("Rename", func(p *model.Portfolio) error {
		p.Initiatives[0].Name = "Renamed while valuing"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if !ses.Pending() || ses.Portfolio.Initiatives[0].Name != "Renamed while valuing" {
		t.Fatal("an edit while valuing: want it shown, still pending")
	}

	waitValued(t, win)
	if ses.Pending() {
		t.Fatal("still pending after the valuation")
	}
	sameValues(t, ses)
	if r := ses.Valuation.ByID(first.ID); r == nil || r.Name != "Renamed while valuing" {
		t.Fatalf("after valuing: %+v, want the renamed initiative", r)
	}
	if got := win.status.Text; strings.Contains(got, "Valuing") || !strings.Contains(got, "portfolio value") {
		t.Fatalf("status after valuing: %q", got)
	}
	for _, v := range views {
		if err := win.ShowView(v.name); err != nil {
			t.Fatal(err)
		}
	}
	if err := ses.TakeSnapshot("Q3"); err != nil {
		t.Fatalf("snapshot after valuing: %v", err)
	}
}

// TestValuationOfAnEditedPortfolioIsRedone: a background valuation that
// finishes after an edit is not shown; the edited portfolio is valued
// instead.
func TestValuationOfAnEditedPortfolioIsRedone(t *testing.T) {
	ses := newPendingSession(t)
	windowOn(t, ses)
	old := ses.Saved()
	stale, err := portfolio.NewEngine(old, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	setDriverSaved(t, ses, "members", 150000)
	done := make(chan error, 1)
	ses.valued = func(err error) { done <- err }
	ses.valuing = old
	// The valuation of the portfolio before the edit comes back: dropped,
	// and the saved portfolio valued again. (The test driver runs fyne.Do
	// on the calling goroutine, so the session is read only after done.)
	ses.finishValuing(old, stale, nil)
	waitDone(t, done)
	sameValues(t, ses)
	// members 150000: the rollout's S = members * value_per_member * 0.6
	// = 150000 * 55 * 0.6.
	if r := ses.Valuation.ByID("community-rollout"); r == nil || math.Abs(r.S-4.95e6) > 1e-6 {
		t.Fatalf("rollout after the edit: %+v, want S = 4950000", r)
	}
	// A synchronous open while a valuation runs wins over it.
	ses2 := newPendingSession(t)
	ses2.valuing = ses2.Saved()
	if err := ses2.Open(ses2.Saved().Name); err != nil {
		t.Fatal(err)
	}
	v := ses2.Valuation
	ses2.finishValuing(ses2.valuing, stale, nil)
	if ses2.Valuation != v || ses2.valuing != nil {
		t.Fatal("a background valuation replaced a synchronous open")
	}
}
