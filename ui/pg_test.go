package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/jackc/pgx/v5"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/store/pgstore"
	"github.com/optionspace/optionspace/model/store/pgstore/pgtest"
)

// pgSessionAs opens a session as user on a fresh PostgreSQL database (the
// test is skipped without one) and closes its store when the test ends.
func pgSessionAs(t *testing.T, user string) (fyne.App, string, *Session) {
	t.Helper()
	url := pgtest.Fresh(t)
	a := test.NewTempApp(t)
	t.Setenv("OPTIONSPACE_USER", user)
	ses, err := OpenSession(a, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ses.Store().Close() })
	return a, url, ses
}

// The app on a PostgreSQL database: it opens with the sample, a change by
// another user reaches the open window within a second with a notice, and
// an edit of a row someone changed since is refused with who and when,
// nothing saved.
func TestSessionOnPostgres(t *testing.T) {
	a, url, ses := pgSessionAs(t, "ben")
	if len(ses.Portfolio.Initiatives) != 13 {
		t.Fatalf("%d initiatives", len(ses.Portfolio.Initiatives))
	}
	w := a.NewWindow("test")
	win := startWindow(a, w, ses, Config{})
	ana, err := pgstore.Open(context.Background(), url, pgstore.Options{User: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	defer ana.Close()
	id := ses.Portfolio.Initiatives[0].ID
	name := ses.Portfolio.Name
	waitListening(t, url) // the window's watch hears changes from now on
	if _, err := ana.Apply(name, "Ana edits the pilot", func(p *model.Portfolio) error {
		p.Initiative(id).Sigma = model.Number(0.41)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// The reload and its notice run on the UI goroutine: wait for the
	// notice there, then read the portfolio there too.
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) && !strings.Contains(statusOf(win), "ana: Ana edits the pilot") {
		time.Sleep(20 * time.Millisecond)
	}
	if st := statusOf(win); !strings.Contains(st, "ana: Ana edits the pilot") {
		t.Fatalf("no notice of Ana's change within 30 s: status %q", st)
	}
	var sigma float64
	fyne.DoAndWait(func() { sigma = ses.Portfolio.Initiative(id).Sigma.Value })
	if sigma != 0.41 {
		t.Fatalf("the window did not reload Ana's change: σ = %v", sigma)
	}
	// Ana changes the pilot again while Ben's edit is in flight: Ben's is
	// refused with her name, and nothing of it is saved.
	err = ses.Apply("Ben edits the pilot", func(p *model.Portfolio) error {
		if _, err := ana.Apply(name, "Ana again", func(q *model.Portfolio) error {
			q.Initiative(id).Sigma = model.Number(0.42)
			return nil
		}); err != nil {
			return err
		}
		p.Initiative(id).Sigma = model.Number(0.5)
		return nil
	})
	var ce *pgstore.ConflictError
	if !errors.As(err, &ce) || ce.Who != "ana" {
		t.Fatalf("err = %v, want a conflict naming ana", err)
	}
	saved, _ := ana.Load(name)
	if saved.Initiative(id).Sigma.Value != 0.42 {
		t.Fatalf("saved σ = %v", saved.Initiative(id).Sigma.Value)
	}
	// The server drops the window's connection (as on a restart): the
	// window says so, reconnects and reloads what it missed.
	ana.Close()
	ana, err = pgstore.Open(context.Background(), url, pgstore.Options{User: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	defer ana.Close()
	admin, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(context.Background())
	if _, err := admin.Exec(context.Background(), `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`); err != nil {
		t.Fatal(err)
	}
	deadline = time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) && !strings.Contains(statusOf(win), "reconnected") {
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(statusOf(win), "Reloaded: reconnected to PostgreSQL") {
		t.Fatalf("status after the dropped connection %q", statusOf(win))
	}
}

// waitListening waits until a session of the database at url LISTENs.
func waitListening(t *testing.T, url string) {
	t.Helper()
	c, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(context.Background())
	deadline := time.Now().Add(30 * time.Second)
	for {
		var n int
		err := c.QueryRow(context.Background(), `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`).Scan(&n)
		if err == nil && n > 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no LISTEN within 30 s (%v)", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func statusOf(w *Window) string {
	var s string
	fyne.DoAndWait(func() { s = w.status.Text })
	return s
}

// The name in the preferences is recorded with the user's actions in a
// shared database.
func TestSharedDatabaseRecordsThePreferredName(t *testing.T) {
	url := pgtest.Fresh(t)
	a := test.NewTempApp(t)
	t.Setenv("OPTIONSPACE_USER", "")
	a.Preferences().SetString(PrefUserName, "Carla")
	ses, err := OpenSession(a, url)
	if err != nil {
		t.Fatal(err)
	}
	defer ses.Store().Close()
	id := ses.Portfolio.Initiatives[1].ID
	if err := ses.Apply("Carla edits", func(p *model.Portfolio) error { p.Initiative(id).Leakage = 0.03; return nil }); err != nil {
		t.Fatal(err)
	}
	s, err := pgstore.Open(context.Background(), url, pgstore.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h, err := s.History("", 1)
	if err != nil || len(h) != 1 || h[0].Actor != "Carla" || h[0].Label != "Carla edits" {
		t.Fatalf("history %+v %v", h, err)
	}
	// The History view says who did what.
	win := startWindow(a, a.NewWindow("test"), ses, Config{})
	hv := showView[*historyView](t, win, "history")
	if txt := hv.actions.Text; !strings.Contains(txt, "Carla  Carla edits") || !strings.Contains(txt, "Create ") {
		t.Fatalf("History view's actions:\n%s", txt)
	}
}

// Who did what in the decision log: the Decide… form records the user's
// name when who decided is left blank; in a shared database the log shows who recorded each decision
// (the action's user, from the database's history) beside the typed
// name, for one's own decisions and another user's alike.
func TestDecisionLogShowsWhoRecorded(t *testing.T) {
	a, url, ses := pgSessionAs(t, "ben")
	win := startWindow(a, a.NewWindow("test"), ses, Config{})
	ana, err := pgstore.Open(context.Background(), url, pgstore.Options{User: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	defer ana.Close()
	pilot, rollout := ses.Portfolio.Initiatives[0], ses.Portfolio.Initiatives[1]
	fyne.DoAndWait(func() {
		ses.Select(pilot.ID)
		win.insp.onRecordDecision()
		f := win.insp.decision
		if f.who.Text != "" || !strings.Contains(f.who.PlaceHolder, "blank: ben") {
			t.Errorf("the form's who %q, placeholder %q: want blank, proposing the user ben", f.who.Text, f.who.PlaceHolder)
		}
		f.rationale.SetText("the pilot met its targets")
		test.Tap(f.record)
		if ds := ses.Portfolio.Decisions; len(ds) != 1 || ds[0].Who != "ben" {
			t.Errorf("decisions %+v: want one by ben", ds)
		}
	})
	waitListening(t, url)
	if _, err := ana.Apply(ses.Portfolio.Name, "Decide wait: "+rollout.Name, func(p *model.Portfolio) error {
		p.Decisions = append(p.Decisions, model.Decision{ID: "dec-ana", Date: p.AsOf, Initiative: rollout.ID,
			Decision: model.DecideWait, Rationale: "not yet", Who: "the board"})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var rows []string
	deadline := time.Now().Add(30 * time.Second)
	for {
		fyne.DoAndWait(func() {
			dv := showView[*decisionsView](t, win, "decisions")
			rows = rows[:0]
			for _, d := range dv.rows {
				rows = append(rows, dv.rowText(d))
			}
		})
		// Ana's decision arrives by the watch; the rows and who recorded
		// them are filled in by the reload: wait for all of it.
		joined := strings.Join(rows, "\n")
		if len(rows) == 2 && strings.Contains(joined, "recorded by ana") && strings.Contains(joined, "recorded by ben") || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	joined := strings.Join(rows, "\n")
	if len(rows) != 2 || !strings.Contains(joined, "not yet · recorded by ana") || !strings.Contains(joined, "the pilot met its targets · recorded by ben") {
		t.Fatalf("decision log rows:\n%s", joined)
	}
	fyne.DoAndWait(func() {
		dv := win.shown["decisions"].(*decisionsView)
		for i, d := range dv.rows {
			if d.ID == "dec-ana" {
				dv.list.Select(i)
			}
		}
		if txt := dv.detail.Text; !strings.Contains(txt, "by the board\nrecorded by ana at ") || !strings.Contains(txt, "(Decide wait: "+rollout.Name+")") {
			t.Errorf("detail of Ana's decision:\n%s", txt)
		}
	})
}

// On a file the Decide… form records the name of the preferences when
// who decided is left blank, and the log shows it.
func TestDecisionFormProposesThePreferredName(t *testing.T) {
	win, ses := newTestWindow(t)
	win.prefs.User = "Dora"
	ses.Select(ses.Portfolio.Initiatives[0].ID)
	win.insp.onRecordDecision()
	f := win.insp.decision
	if !strings.Contains(f.who.PlaceHolder, "blank: Dora") {
		t.Fatalf("the form proposes %q", f.who.PlaceHolder)
	}
	f.rationale.SetText("go")
	test.Tap(f.record)
	dv := showView[*decisionsView](t, win, "decisions")
	if len(dv.rows) != 1 || !strings.Contains(dv.rowText(dv.rows[0]), "go · by Dora") {
		t.Fatalf("rows %v", dv.rows)
	}
}

// The server restarted under a running window (a real stop and start of
// a server of the test's own): the window says it lost the connection; an
// edit made meanwhile is refused with that message, nothing is written,
// and what was typed stays in the form, across the reload too; when the
// server is back the window says it reconnected and reloads, and the same
// edit then saves.
func TestWindowSurvivesAServerRestart(t *testing.T) {
	srv := pgtest.OwnServer(t)
	a := test.NewTempApp(t)
	t.Setenv("OPTIONSPACE_USER", "ben")
	ses, err := OpenSession(a, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer ses.Store().Close()
	win := startWindow(a, a.NewWindow("test"), ses, Config{})
	var pilot model.Initiative
	var name string
	fyne.DoAndWait(func() { pilot, name = ses.Portfolio.Initiatives[0], ses.Portfolio.Name; ses.Select(pilot.ID) })
	waitStatus := func(want string, within time.Duration) {
		t.Helper()
		deadline := time.Now().Add(within)
		for !strings.Contains(statusOf(win), want) {
			if time.Now().After(deadline) {
				t.Fatalf("no %q in the status within %v: %q", want, within, statusOf(win))
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	srv.Stop(t)
	waitStatus("lost the connection to PostgreSQL", 30*time.Second)
	fyne.DoAndWait(func() {
		retype(win.insp.sigma, "0.41")
		submit(win.insp.sigma)
		if msg := win.insp.general.Text; !strings.Contains(msg, "lost the connection to PostgreSQL") || !strings.Contains(msg, "nothing was written") {
			t.Errorf("the refused edit says %q", msg)
		}
		if win.insp.sigma.Text != "0.41" {
			t.Errorf("the typed σ is gone: %q", win.insp.sigma.Text)
		}
		if win.win.Canvas().Overlays().Top() != nil {
			t.Error("the refused edit opened a dialog")
		}
	})
	srv.Start(t)
	waitStatus("Reloaded: reconnected to PostgreSQL", 60*time.Second)
	fyne.DoAndWait(func() {
		if win.insp.sigma.Text != "0.41" {
			t.Errorf("the reload dropped the typed σ: %q", win.insp.sigma.Text)
		}
		if got := ses.Portfolio.Initiative(pilot.ID).Sigma; got != pilot.Sigma {
			t.Errorf("σ %v saved while the server was down", got)
		}
		submit(win.insp.sigma)
		if got := ses.Portfolio.Initiative(pilot.ID).Sigma.Value; got != 0.41 {
			t.Errorf("σ = %v after saving again (%q)", got, win.insp.general.Text)
		}
	})
	check, err := pgstore.Open(context.Background(), srv.URL, pgstore.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer check.Close()
	p, err := check.Load(name)
	if err != nil {
		t.Fatal(err)
	}
	if p.Initiative(pilot.ID).Sigma.Value != 0.41 {
		t.Fatalf("the database has σ %v", p.Initiative(pilot.ID).Sigma)
	}
}
