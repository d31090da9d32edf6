package report

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// initiativesCSV values p with its links and returns the initiative table
// WriteInitiativesCSV writes of it, with the valuation.
func initiativesCSV(t testing.TB, p *model.Portfolio) ([]byte, *portfolio.Valuation) {
	t.Helper()
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteInitiativesCSV(&b, p, v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), v
}

// whatMoved values p with its links and returns what moved since snap.
func whatMoved(t testing.TB, p *model.Portfolio, snap *model.Snapshot) *Changes {
	t.Helper()
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	ch, err := WhatMoved(p, v, snap)
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

// sensitivities values p with its links and returns the valuation and
// the drivers' swings DriverSensitivities gives of it.
func sensitivities(t testing.TB, p *model.Portfolio) (*portfolio.Valuation, []DriverSensitivity) {
	t.Helper()
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := DriverSensitivities(p, v)
	if err != nil {
		t.Fatal(err)
	}
	return v, ds
}

// snapshotNow makes a snapshot of p as it is now (a deep copy of its
// initiatives, drivers and links, taken and valued on on) p's only
// snapshot, and returns it.
func snapshotNow(p *model.Portfolio, label string, on model.Date) *model.Snapshot {
	c := p.Clone()
	snap := model.Snapshot{ID: "s", Label: label, Taken: on, AsOf: on, Settings: p.Settings,
		Initiatives: c.Initiatives, Drivers: c.Drivers, Links: c.Links}
	p.Snapshots = []model.Snapshot{snap}
	return &snap
}

// pdfText returns the text of the PDF in b (pdftotext -layout), skipping
// the test when pdftotext is not installed.
func pdfText(t testing.TB, b []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "r.pdf")
	if err := os.WriteFile(in, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// closedFormPortfolio returns three defer options without leakage (so
// every value is the Black-Scholes call, in closed form), one in each of
// regions 1, 2 and 6 (see TestReportClosedFormNumbers).
func closedFormPortfolio() *model.Portfolio {
	asOf := model.NewDate(2026, time.January, 1)
	p := model.NewSCRMTemplate("Closed form", asOf)
	p.Client, p.Author = "Müller & Société AG", "Zoë Ørsted"
	p.Currency = "EUR"
	p.Settings = model.DefaultSettings()
	four := model.Date{Time: asOf.AddDate(0, 0, 1461)} // 1461 days = 4 years of 365.25 days
	p.Initiatives = []model.Initiative{
		{ID: "a", Name: "Alpha option at NPVq 1.5", Tag: "community", Kind: model.KindDefer, Status: model.StatusOpen,
			S: model.Number(1e6), X: model.Number(1e6 * math.Pow(1.04, 4) / 1.5), Sigma: model.Number(0.5), Deadline: four},
		{ID: "b", Name: "Bravo deep in the money", Tag: "action", Kind: model.KindDefer, Status: model.StatusOpen,
			S: model.Number(2e6), X: model.Number(5e5), Sigma: model.Number(0), Deadline: model.Date{Time: asOf.AddDate(0, 0, 30)}},
		{ID: "c", Name: "Charlie far out of the money", Tag: "analytics", Kind: model.KindDefer, Status: model.StatusOpen,
			S: model.Number(1e5), X: model.Number(1e6), Sigma: model.Number(0.05), Deadline: four},
	}
	return p
}

// bsCall is the Black-Scholes call value with a continuous rate rc and no
// dividends, written out here as the test's independent reference.
func bsCall(S, X, t, sigma, rc float64) float64 {
	pv := X * math.Exp(-rc*t)
	if sigma == 0 || t == 0 {
		return math.Max(S-pv, 0)
	}
	v := sigma * math.Sqrt(t)
	d1 := math.Log(S/pv)/v + v/2
	d2 := d1 - v
	n := func(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }
	return S*n(d1) - pv*n(d2)
}

// bigPortfolio returns a portfolio of n initiatives made from the sample's
// (every kind of its, formulas over its drivers), with a decision, a
// learning entry, assumptions and risks on some, and a snapshot.
func bigPortfolio(t testing.TB, n int) *model.Portfolio {
	t.Helper()
	s := modeltest.Sample(t)
	p := s.Clone()
	p.Initiatives = p.Initiatives[:0]
	p.Links = nil
	for k := 0; len(p.Initiatives) < n; k++ {
		for _, in := range s.Initiatives {
			if len(p.Initiatives) == n {
				break
			}
			c := in
			c.ID = fmt.Sprintf("%s-%d", in.ID, k)
			c.Name = fmt.Sprintf("%s %d", in.Name, k)
			c.S.Value *= 1 + 0.01*float64(k)
			if !c.S.IsFormula() && k%3 == 1 {
				c.S.Value *= 1.2
			}
			p.Initiatives = append(p.Initiatives, c)
			if len(p.Initiatives)%4 == 0 {
				p.Decisions = append(p.Decisions, model.Decision{ID: "d-" + c.ID, Date: p.AsOf, Initiative: c.ID, Decision: model.DecideWait, Who: "Board", Rationale: "Wait for the pilot"})
				p.Learning = append(p.Learning, model.LearningEntry{ID: "l-" + c.ID, Date: p.AsOf, Initiative: c.ID, Learned: "Vendor quotes came in lower", Cost: 5000,
					Changes: []model.InputChange{{Input: "X", Before: "500000", After: "450000"}}})
			}
		}
	}
	return p
}

// snapshotOf returns a snapshot of p as it is, with every S 10% lower, so
// a report against it shows moves.
func snapshotOf(p *model.Portfolio) model.Snapshot {
	s := model.Snapshot{ID: "snap", Label: "Last review", Taken: p.AsOf, AsOf: p.AsOf, Settings: p.Settings,
		Initiatives: append([]model.Initiative(nil), p.Initiatives...), Drivers: append([]model.Driver(nil), p.Drivers...),
		Links: append([]model.Link(nil), p.Links...)}
	for i := range s.Initiatives {
		if !s.Initiatives[i].S.IsFormula() {
			s.Initiatives[i].S.Value *= 0.9
		}
	}
	for i := range s.Drivers {
		s.Drivers[i].Value *= 0.95
	}
	return s
}
