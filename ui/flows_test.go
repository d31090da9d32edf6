package ui

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"gonum.org/v1/gonum/floats/scalar"

	"github.com/optionspace/optionspace/model"
)

// newTestWindow opens the SCRM sample in a test window of 1360x860.
func newTestWindow(t *testing.T) (*Window, *Session) {
	t.Helper()
	ses := newTestSession(t)
	return windowOn(t, ses), ses
}

// showView shows the view called name in win and returns it as a V (its
// *…View type).
func showView[V any](t *testing.T, win *Window, name string) V {
	t.Helper()
	if err := win.ShowView(name); err != nil {
		t.Fatal(err)
	}
	return win.shown[name].(V)
}

// rename renames initiative id to name as one action labelled "Rename".
func rename(t *testing.T, ses *Session, id, name string) {
	t.Helper()
	if err := ses.Apply("Rename", func(p *model.Portfolio) error {
		p.Initiative(id).Name = name
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// submit presses Enter in e.
func submit(e *commitEntry) { e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }

// retype replaces e's text as a user would: select all, type.
func retype(e *commitEntry, text string) {
	e.SetText("")
	test.Type(e, text)
}

// bsCall is the Black-Scholes call without leakage, written here from the
// textbook formula (Hull, Options, Futures and Other Derivatives, 15.20) so
// that the app's values are checked against an independent implementation.
func bsCall(s, x, t, sigma, r float64) float64 {
	n := func(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }
	v := sigma * math.Sqrt(t)
	d1 := (math.Log(s/x) + (r+sigma*sigma/2)*t) / v
	return s*n(d1) - x*math.Exp(-r*t)*n(d1-v)
}

func TestCreateInitiativeThroughTheFormShowsInListAndMap(t *testing.T) {
	win, ses := newTestWindow(t)
	before := len(ses.Portfolio.Initiatives)
	win.list.onAdd()
	if ses.Selected == "" || !win.insp.body.Visible() {
		t.Fatal("adding an initiative does not open it in the inspector")
	}
	in := win.insp
	retype(in.name, "Community moderation service")
	submit(in.name)
	retype(in.s, "2.5M")
	submit(in.s)
	retype(in.x, "1,200,000")
	submit(in.x)
	retype(in.sigma, "40%")
	submit(in.sigma)

	p := ses.Portfolio
	if got := len(p.Initiatives); got != before+1 {
		t.Fatalf("%d initiatives, want %d", got, before+1)
	}
	got := p.InitiativeByName("Community moderation service")
	if got == nil {
		t.Fatal("the new name was not saved")
	}
	// 2.5M, 1,200,000 and 40% as typed are 2 500 000, 1 200 000 and 0.4.
	if got.S.Value != 2.5e6 || got.X.Value != 1.2e6 || got.Sigma.Value != 0.4 {
		t.Fatalf("saved S %v X %v sigma %v", got.S, got.X, got.Sigma)
	}
	// In the list ...
	found := false
	for _, r := range win.list.rows {
		found = found || r.Name == "Community moderation service"
	}
	if !found {
		t.Fatal("the new initiative is not in the list")
	}
	// ... and on the map at NPVq = S / (X/(1+r)^t), r = 4% discrete.
	sv := win.shown["space"].(*spaceView)
	pts, _ := sv.points()
	tYears := p.AsOf.YearsUntil(got.Deadline)
	wantNPVq := 2.5e6 / (1.2e6 / math.Pow(1.04, tYears))
	wantCum := 0.4 * math.Sqrt(tYears)
	var on bool
	for _, pt := range pts {
		if pt.ID == got.ID {
			on = true
			if !scalar.EqualWithinAbsOrRel(pt.NPVq, wantNPVq, 1e-9, 1e-9) || !scalar.EqualWithinAbsOrRel(pt.CumVol, wantCum, 1e-12, 1e-12) {
				t.Errorf("map point (%g, %g), want (%g, %g)", pt.NPVq, pt.CumVol, wantNPVq, wantCum)
			}
		}
	}
	if !on {
		t.Fatal("the new initiative is not on the map")
	}
	_, hits, err := sv.pane.renderNow(800, 600)
	if err != nil {
		t.Fatal(err)
	}
	var hit bool
	for _, h := range hits {
		hit = hit || h.ID == got.ID
	}
	if !hit {
		t.Fatal("the rendered map has no bubble for the new initiative")
	}
	// Its value is the Black-Scholes call (no leakage: never exercised
	// early) with the continuous rate ln 1.04.
	r := ses.Valuation.ByID(got.ID)
	want := bsCall(2.5e6, 1.2e6, tYears, 0.4, math.Log(1.04))
	if !scalar.EqualWithinAbsOrRel(r.Position.Value, want, 1e-6, 1e-9) {
		t.Fatalf("value %g, want %g", r.Position.Value, want)
	}
}

func TestInvalidValueShowsMessageAndSavesNothing(t *testing.T) {
	win, ses := newTestWindow(t)
	ses.Select("community-pilot")
	undoBefore, _ := ses.Store().CanUndo()
	in := win.insp
	for _, c := range []struct {
		entry *commitEntry
		key   string
		text  string
		want  string
	}{
		{in.sigma, "sigma", "5", "outside [0, 3]"},
		{in.x, "X", "-10", "must be positive"},
		{in.s, "S", "members * nonsense", "nonsense"},
		{in.name, "name", "Customer community rollout", "used by another initiative"},
	} {
		retype(c.entry, c.text)
		l := in.errs[c.key]
		if !l.Visible() || !strings.Contains(l.Text, c.want) {
			t.Errorf("typing %q in %s shows %q (visible %v), want a message containing %q", c.text, c.key, l.Text, l.Visible(), c.want)
		}
		submit(c.entry)
		saved, err := ses.Store().Load(ses.Portfolio.Name)
		if err != nil {
			t.Fatal(err)
		}
		orig := saved.Initiative("community-pilot")
		if orig.Name != "Customer community pilot" || orig.Sigma.Value != 0.25 || orig.X.Value != 420000 || orig.S.Value != 700000 {
			t.Fatalf("after submitting %q the saved initiative changed: %+v", c.text, orig)
		}
		if label, _ := ses.Store().CanUndo(); label != undoBefore {
			t.Fatalf("an action %q was recorded for an invalid value", label)
		}
		if !strings.Contains(in.saved.Text, "Not saved") {
			t.Errorf("no 'not saved' notice after submitting %q: %q", c.text, in.saved.Text)
		}
		in.load("community-pilot")
	}
	// A valid value clears the message and saves.
	retype(in.sigma, "0.3")
	if in.errs["sigma"].Visible() {
		t.Fatalf("the message stays after a valid value: %q", in.errs["sigma"].Text)
	}
	submit(in.sigma)
	if got := ses.Portfolio.Initiative("community-pilot").Sigma.Value; got != 0.3 {
		t.Fatalf("sigma %g after a valid edit", got)
	}
}

func TestMovingADriverRevaluesWhatDependsOnIt(t *testing.T) {
	win, ses := newTestWindow(t)
	dv := showView[*driversView](t, win, "drivers")
	done := make(chan struct{}, 4)
	dv.onPreviewed = func() { done <- struct{}{} }
	before := ses.Valuation
	rolloutBefore := *before.ByID("community-rollout")
	suiteBefore := *before.ByID("listening-suite")

	// Drag members from 120000 to 150000: a preview, nothing saved.
	dv.sliders["members"].OnChanged(150000)
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("no preview within 30 s")
	}
	// S = members * value_per_member * 0.6 (the sample's formula), by hand:
	// 150000 * 55 * 0.6 = 4 950 000 (was 120000 * 55 * 0.6 = 3 960 000).
	if s := rolloutBefore.S; s != 3.96e6 {
		t.Fatalf("rollout S before %g, want 3960000", s)
	}
	roll := ses.Valuation.ByID("community-rollout")
	if roll.S != 4.95e6 {
		t.Fatalf("rollout S in the preview %g, want 4950000", roll.S)
	}
	if !(roll.Position.Value > rolloutBefore.Position.Value) {
		t.Fatalf("rollout value %g did not rise from %g", roll.Position.Value, rolloutBefore.Position.Value)
	}
	if got := ses.Valuation.ByID("listening-suite").Position.Value; got != suiteBefore.Position.Value {
		t.Fatalf("an initiative that does not use members moved: %g -> %g", suiteBefore.Position.Value, got)
	}
	if !strings.Contains(dv.moved.Text, "Customer community rollout") || strings.Contains(dv.moved.Text, "Enterprise social listening") {
		t.Fatalf("what moved:\n%s", dv.moved.Text)
	}
	if saved, _ := ses.Store().Load(ses.Portfolio.Name); saved.Driver("members").Value != 120000 {
		t.Fatal("dragging saved the driver")
	}
	// Release: saved as one action.
	dv.sliders["members"].OnChangeEnded(150000)
	if saved, _ := ses.Store().Load(ses.Portfolio.Name); saved.Driver("members").Value != 150000 {
		t.Fatal("releasing the slider did not save the driver")
	}
	if label, _ := ses.Store().CanUndo(); label != "Set driver members to 150000" {
		t.Fatalf("undo label %q", label)
	}
	if !strings.Contains(dv.moved.Text, "Customer community rollout") {
		t.Fatalf("what moved after saving:\n%s", dv.moved.Text)
	}
	// Out of range is refused with the model's message.
	retype(dv.entries["members"], "999999")
	submit(dv.entries["members"])
	if l := dv.errs["members"]; !l.Visible() || !strings.Contains(l.Text, "outside") {
		t.Fatalf("out-of-range driver: message %q", dv.errs["members"].Text)
	}
}

func TestRecordedDecisionIsInTheLog(t *testing.T) {
	win, ses := newTestWindow(t)
	ses.Select("social-routing")
	f := win.insp.newDecisionForm("social-routing")
	test.Type(f.rationale, "Leakage of 15% a year outweighs the value of waiting.")
	test.Type(f.who, "Steering board")
	f.kind.SetSelected(string(model.DecideInvest))
	r := *ses.Valuation.ByID("social-routing")
	if err := f.submit(ses); err != nil {
		t.Fatal(err)
	}
	dv := showView[*decisionsView](t, win, "decisions")
	if len(dv.rows) != 1 {
		t.Fatalf("%d decisions in the log", len(dv.rows))
	}
	d := dv.rows[0]
	if d.Decision != model.DecideInvest || d.Initiative != "social-routing" || d.Who != "Steering board" {
		t.Fatalf("logged %+v", d)
	}
	if d.Numbers.Value != r.Position.Value || d.Numbers.NPVq != r.Position.NPVq || d.Numbers.Region != int(r.Position.Region) {
		t.Fatalf("numbers at the time %+v, valuation %+v", d.Numbers, r.Position)
	}
	if txt := dv.rowText(d); !strings.Contains(txt, "INVEST") || !strings.Contains(txt, "Route social posts") {
		t.Fatalf("row %q", txt)
	}
	if st := ses.Portfolio.Initiative("social-routing").Status; st != model.StatusInvested {
		t.Fatalf("status %q after investing", st)
	}
	// Review it.
	dv.list.Select(0)
	dv.review.SetText("Routing cut response times by half.")
	dv.onSaveReview()
	if got := ses.Portfolio.Decisions[0].Review; got != "Routing cut response times by half." {
		t.Fatalf("review %q", got)
	}
	// A decision needs a rationale.
	f2 := win.insp.newDecisionForm("branded-network")
	if err := f2.submit(ses); err == nil || !strings.Contains(err.Error(), "rationale") {
		t.Fatalf("empty rationale: %v", err)
	}
}

func TestUndoRestoresThePreviousState(t *testing.T) {
	win, ses := newTestWindow(t)
	ses.Select("crm-connector")
	retype(win.insp.x, "1M")
	submit(win.insp.x)
	if got := ses.Portfolio.Initiative("crm-connector").X.Value; got != 1e6 {
		t.Fatalf("X %g after the edit", got)
	}
	win.list.onDelete()
	if ses.Portfolio.Initiative("crm-connector") != nil {
		t.Fatal("delete did not delete")
	}
	win.Undo()
	if in := ses.Portfolio.Initiative("crm-connector"); in == nil || in.X.Value != 1e6 {
		t.Fatal("undo did not bring the deleted initiative back")
	}
	if n := len(ses.Portfolio.Links); n != 6 {
		t.Fatalf("%d links after undoing the delete, want the sample's 6", n)
	}
	ses.Select("crm-connector")
	if win.insp.x.Text != "1000000" {
		t.Fatalf("the inspector shows X %q", win.insp.x.Text)
	}
	win.Undo()
	if got := ses.Portfolio.Initiative("crm-connector").X.Value; got != 1.38e6 {
		t.Fatalf("X %g after undoing the edit, want 1380000", got)
	}
	if win.insp.x.Text != "1380000" {
		t.Fatalf("the inspector shows X %q after undo", win.insp.x.Text)
	}
	win.Redo()
	if got := ses.Portfolio.Initiative("crm-connector").X.Value; got != 1e6 {
		t.Fatalf("X %g after redo", got)
	}
}

func TestSnapshotAndCompare(t *testing.T) {
	win, ses := newTestWindow(t)
	if err := ses.TakeSnapshot("Q3 review"); err != nil {
		t.Fatal(err)
	}
	then := ses.Valuation.ByID("listening-lite").Position.Value
	ses.Select("listening-lite")
	retype(win.insp.s, "1.2M")
	submit(win.insp.s)
	nowV := ses.Valuation.ByID("listening-lite").Position.Value
	if !(nowV > then) {
		t.Fatalf("raising S did not raise the value: %g -> %g", then, nowV)
	}
	hv := showView[*historyView](t, win, "history")
	txt := hv.comparison("Q3 review", now)
	lines := strings.Split(txt, "\n")
	// Largest move first: the edited initiative (only its value changed).
	if len(lines) < 4 || !strings.HasPrefix(lines[3], "Lightweight listening tool") {
		t.Fatalf("comparison:\n%s", txt)
	}
	if !strings.Contains(lines[3], signed(money(nowV-then))) {
		t.Fatalf("row %q does not show the change %s", lines[3], signed(money(nowV-then)))
	}
	// The value today is the Black-Scholes call (q = 0): S 1.2M, X 900k,
	// t from 2026-10-01 to 2028-04-01, sigma 30%, r = ln 1.04.
	tt := model.NewDate(2026, 10, 1).YearsUntil(model.NewDate(2028, 4, 1))
	if want := bsCall(1.2e6, 9e5, tt, 0.3, math.Log(1.04)); !scalar.EqualWithinAbsOrRel(nowV, want, 1e-6, 1e-9) {
		t.Fatalf("value %g, want %g", nowV, want)
	}
	if err := ses.TakeSnapshot("Q3 review"); err == nil {
		t.Fatal("a second snapshot with the same label was accepted")
	}
	if err := ses.TakeSnapshot(" "); err == nil || !strings.Contains(err.Error(), "label") {
		t.Fatalf("blank label: %v", err)
	}
}

func TestPortfolioActionsAndImportExport(t *testing.T) {
	win, ses := newTestWindow(t)
	orig := ses.Portfolio.Name
	var buf bytes.Buffer
	if err := ses.Export(&buf, false); err != nil {
		t.Fatal(err)
	}
	if err := ses.ImportJSON(bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatal(err)
	}
	if want := orig + " (2)"; ses.Portfolio.Name != want || len(ses.Portfolio.Initiatives) != 13 {
		t.Fatalf("imported as %q with %d initiatives", ses.Portfolio.Name, len(ses.Portfolio.Initiatives))
	}
	if err := ses.Rename("Copy for the client"); err != nil {
		t.Fatal(err)
	}
	if err := ses.Delete(); err != nil {
		t.Fatal(err)
	}
	if ses.Portfolio.Name != orig {
		t.Fatalf("after delete %q is open", ses.Portfolio.Name)
	}
	if err := ses.Delete(); err == nil {
		t.Fatal("deleting the only portfolio was allowed")
	}
	win.Undo() // the delete
	if names, _ := ses.Names(); len(names) != 2 {
		t.Fatalf("portfolios after undoing the delete: %v", names)
	}
	if err := ses.NewPortfolio("Retail banking", false, model.NewDate(2026, 1, 1)); err != nil {
		t.Fatal(err)
	}
	if p := ses.Portfolio; p.Name != "Retail banking" || len(p.Tags) != 1 || len(p.Initiatives) != 0 {
		t.Fatalf("new portfolio %+v", p)
	}
	// A bad CSV names the line and changes nothing.
	csv := "name,tag,S,X,sigma,deadline\nPilot,general,100,50,0.3,2027-01-01\nBad,general,100,-5,0.3,2027-01-01\n"
	if _, err := ses.ImportCSV(strings.NewReader(csv)); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Fatalf("bad CSV: %v", err)
	}
	if len(ses.Portfolio.Initiatives) != 0 {
		t.Fatal("a bad CSV added initiatives")
	}
	n, err := ses.ImportCSV(strings.NewReader(csv[:strings.LastIndex(csv[:len(csv)-1], "\n")+1]))
	if err != nil || n != 1 || ses.Portfolio.InitiativeByName("Pilot") == nil {
		t.Fatalf("good CSV: %d, %v", n, err)
	}
}
