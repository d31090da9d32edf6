package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// build builds the report of p and returns the PDF and its stats.
func build(t testing.TB, in Input, opt Options) ([]byte, Stats) {
	t.Helper()
	var b bytes.Buffer
	st, err := Build(&b, in, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
		t.Fatalf("output does not start with %%PDF-: %q", b.Bytes()[:min(16, b.Len())])
	}
	return b.Bytes(), st
}

// squash collapses all white space to single spaces, so text that the
// layout wrapped or aligned can be searched for.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// pages splits pdftotext output into pages (form feeds).
func pages(txt string) []string { return strings.Split(strings.TrimRight(txt, "\f"), "\f") }

func TestReportSample(t *testing.T) {
	p := modeltest.Sample(t)
	pdf, st := build(t, Input{Portfolio: p}, Options{})
	txt := pdfText(t, pdf)
	pg := pages(txt)
	if len(pg) != st.Pages {
		t.Fatalf("pdftotext found %d pages, Stats.Pages = %d", len(pg), st.Pages)
	}
	all := squash(txt)
	for _, in := range p.Initiatives {
		if !strings.Contains(all, in.Name) {
			t.Errorf("the report lacks the initiative %q", in.Name)
		}
	}
	for _, want := range []string{p.Name, "Northwind Appliances GmbH", "1 October 2026", "Contents", "1 Executive summary",
		"2 The option space", "3 All initiatives", "4 Initiatives one by one", "5 Links and drivers", "6 What changed", "7 Method",
		"Fund now", "Keep open", "Watch", "Drop", "Deadlines in the next 90 days", "€"} {
		if !strings.Contains(all, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	// Every page after the cover says "Page n of N" with the right n.
	for i, s := range pg[1:] {
		if want := fmt.Sprintf("Page %d of %d", i+2, st.Pages); !strings.Contains(s, want) {
			t.Errorf("page %d lacks %q", i+2, want)
		}
	}
	// The region counts the engine reports are in the summary table.
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	counts := v.RegionCounts()
	for g, name := range []string{"", "invest now", "maybe now", "probably later", "maybe later", "probably never", "never"} {
		if g == 0 {
			continue
		}
		re := regexp.MustCompile(fmt.Sprintf(`(?m)^\s*%d %s\s{2,}.*?\s(\d+)\s*$`, g, name))
		m := re.FindStringSubmatch(pg[2])
		if m == nil {
			t.Errorf("summary page: no row for region %d %s", g, name)
			continue
		}
		if got, _ := strconv.Atoi(m[1]); got != counts[g] {
			t.Errorf("region %d: the report says %d initiatives, the engine %d", g, got, counts[g])
		}
	}
	checkContents(t, pg)
}

// checkContents checks that each initiative's contents entry points at
// the page that carries its heading.
func checkContents(t *testing.T, pg []string) {
	t.Helper()
	re := regexp.MustCompile(`(?m)^\s*4\.(\d+)\s+(.+?)\s*\.*\s+(\d+)\s*$`)
	found := 0
	for _, s := range pg[1:4] {
		for _, m := range re.FindAllStringSubmatch(s, -1) {
			found++
			n, _ := strconv.Atoi(m[3])
			if n < 1 || n > len(pg) {
				t.Errorf("contents entry %q points at page %d of %d", m[2], n, len(pg))
				continue
			}
			name := strings.TrimSuffix(m[2], "…")
			if want := fmt.Sprintf("Initiative %s of", m[1]); !strings.Contains(pg[n-1], want) || !strings.Contains(squash(pg[n-1]), name) {
				t.Errorf("contents entry 4.%s %q: page %d does not start that initiative", m[1], m[2], n)
			}
		}
	}
	if found == 0 {
		t.Error("no initiative entries found in the contents")
	}
}

// amount finds the money amount that follows prefix in txt ("€1,234,567"
// or "-€12") and returns it as a number.
func amount(t *testing.T, txt, prefix string) float64 {
	t.Helper()
	re := regexp.MustCompile(regexp.QuoteMeta(prefix) + `\s*(-?)€([0-9,]+(?:\.[0-9]+)?)`)
	m := re.FindStringSubmatch(txt)
	if m == nil {
		t.Fatalf("no amount after %q", prefix)
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(m[2], ",", ""), 64)
	if err != nil {
		t.Fatal(err)
	}
	if m[1] == "-" {
		v = -v
	}
	return v
}

// TestReportClosedFormNumbers checks the executive summary's numbers
// against Black-Scholes values written out in the test, and against the
// published check value C/S = 50.9% at NPVq 1.50, sigma*sqrt(t) 1.00
// (Luehrman 1998, table of call values).
func TestReportClosedFormNumbers(t *testing.T) {
	p := closedFormPortfolio()
	rc := math.Log(1.04)
	a := bsCall(1e6, 1e6*math.Pow(1.04, 4)/1.5, 4, 0.5, rc)
	if !scalar.EqualWithinAbsOrRel(a/1e6, 0.509, 5e-4, 0) {
		t.Fatalf("reference: C/S = %.4f, want 0.509 (published)", a/1e6)
	}
	tb := 30 / 365.25
	b := 2e6 - 5e5*math.Pow(1.04, -tb) // sigma = 0: S - PV(X)
	c := bsCall(1e5, 1e6, 4, 0.05, rc)
	total := a + b + c
	static := (1e6 - 1e6*math.Pow(1.04, 4)/1.5) + (2e6 - 5e5) + (1e5 - 1e6)

	pdf, _ := build(t, Input{Portfolio: p}, Options{})
	txt := squash(pdfText(t, pdf))
	for _, n := range []struct {
		name, prefix string
		want         float64
	}{
		{"value with options", "Portfolio value with options", total},
		{"static NPV", "against a static NPV of", static},
		{"flexibility", "the flexibility to wait, learn and stage is worth", total - static},
		{"fund now cost", "total investment", 5e5},
		{"keep open value", "Keep open (1) — option value", a},
		{"keep open time value", "of which", a - (1e6 - 1e6*math.Pow(1.04, 4)/1.5)},
	} {
		if got := amount(t, txt, n.prefix); !scalar.EqualWithinAbsOrRel(got, n.want, 1, 1e-9) {
			t.Errorf("%s: report says %.0f, want %.2f", n.name, got, n.want)
		}
	}
	for _, want := range []string{"Fund now (1)", "Keep open (1)", "Watch (0)", "Drop (1)", "Müller & Société AG", "Zoë Ørsted",
		"Bravo deep in the money", "One decision falls due in the next 90 days: Bravo deep in the money"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	// Region rows: 1, 2 and 6 hold one initiative each.
	for g, n := range map[int]int{1: 1, 2: 1, 3: 0, 4: 0, 5: 0, 6: 1} {
		re := regexp.MustCompile(fmt.Sprintf(`%d (invest now|maybe now|probably later|maybe later|probably never|never) [a-z ,]+? (\d+) `, g))
		m := re.FindStringSubmatch(txt)
		if m == nil || m[2] != strconv.Itoa(n) {
			t.Errorf("region %d: want %d initiatives, found %v", g, n, m)
		}
	}
}

// TestReportHostileText checks that text from the portfolio cannot break
// the layout: Unicode prints, very long names are cut or wrapped, control
// characters vanish, empty fields show a dash, and each initiative's page
// stays within two pages.
func TestReportHostileText(t *testing.T) {
	p := closedFormPortfolio()
	long := strings.Repeat("Überlange Initiative mit sehr vielen Wörtern ", 20)
	p.Name = "Société Générale — €uro σ-Portfolio\twith\x00control\x07chars"
	p.Initiatives[0].Name = long
	p.Initiatives[0].Rationale = strings.Repeat("Ein Absatz ohne Ende. ", 2000) + strings.Repeat("x", 5000)
	p.Initiatives[1].Name = strings.Repeat("W", 400) // one word wider than the page
	p.Initiatives[1].Owner = ""
	p.Initiatives[1].Tag = ""
	p.Initiatives[2].Name = "日本語 initiative 🙂"
	p.Initiatives[2].Assumptions = []model.Assumption{{Name: "", Value: strings.Repeat("v", 300), Source: "=HYPERLINK(\"x\")"}}
	for i := 0; i < 30; i++ {
		p.Initiatives[2].Risks = append(p.Initiatives[2].Risks, model.Risk{Description: fmt.Sprintf("Risk %d", i)})
	}
	pdf, st := build(t, Input{Portfolio: p}, Options{})
	if st.Pages > 22 {
		t.Errorf("%d pages for 3 initiatives: long text spilled", st.Pages)
	}
	txt := pdfText(t, pdf)
	all := squash(txt)
	for _, want := range []string{"Société Générale — €uro σ-Portfolio with control chars", "Überlange Initiative", "…", "and 24 more risks", "initiative"} {
		if !strings.Contains(all, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if strings.ContainsAny(txt, "\x00\x07") {
		t.Error("control characters reached the PDF text")
	}
}

func TestBuildCancelAndProgress(t *testing.T) {
	p := modeltest.Sample(t)
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err := Build(&bytes.Buffer{}, Input{Portfolio: p}, Options{Context: ctx, Progress: func(done, total int) {
		calls++
		if calls == 3 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled build: err = %v, want context.Canceled", err)
	}
	last, total := -1, 0
	_, err = Build(&bytes.Buffer{}, Input{Portfolio: p}, Options{Progress: func(done, tot int) {
		if done < last || done > tot {
			t.Errorf("progress %d of %d after %d", done, tot, last)
		}
		last, total = done, tot
	}})
	if err != nil {
		t.Fatal(err)
	}
	if last != total || total == 0 {
		t.Errorf("progress ended at %d of %d", last, total)
	}
	if _, err := Build(&bytes.Buffer{}, Input{}, Options{}); err == nil {
		t.Error("Build without a portfolio: no error")
	}
}

// TestWhatMoved checks the split of a change by input against closed-form
// values: only S of initiative a and the as-of date change.
func TestWhatMoved(t *testing.T) {
	p := closedFormPortfolio()
	v0, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	snap := model.Snapshot{ID: "s1", Label: "Q1 review", Taken: p.AsOf, AsOf: p.AsOf, Settings: p.Settings,
		Initiatives: append([]model.Initiative(nil), p.Initiatives...)}
	_ = v0
	now := p.Clone()
	now.Snapshots = []model.Snapshot{snap}
	now.Initiatives[0].S = model.Number(1.2e6)
	now.AsOf = model.Date{Time: p.AsOf.AddDate(0, 0, 1461-365)} // t of a goes from 4 to about 3
	ch := whatMoved(t, now, &snap)
	var m *Move
	for i := range ch.Moves {
		if ch.Moves[i].ID == "a" {
			m = &ch.Moves[i]
		}
	}
	rc := math.Log(1.04)
	x := 1e6 * math.Pow(1.04, 4) / 1.5
	t1 := 1.0 * 1461 / 365.25
	t2 := float64(365) / 365.25 // the time left now
	wantS := bsCall(1.2e6, x, t1, 0.5, rc) - bsCall(1e6, x, t1, 0.5, rc)
	wantT := bsCall(1.2e6, x, t2, 0.5, rc) - bsCall(1.2e6, x, t1, 0.5, rc)
	got := map[string]float64{}
	sum := 0.0
	for _, c := range m.Contributions {
		got[c.Input] = c.Delta
		sum += c.Delta
	}
	if !scalar.EqualWithinAbsOrRel(got["S"], wantS, 1e-6, 1e-9) || !scalar.EqualWithinAbsOrRel(got["t"], wantT, 1e-6, 1e-9) {
		t.Errorf("contributions S %g, t %g; want %g, %g", got["S"], got["t"], wantS, wantT)
	}
	if len(got) != 2 {
		t.Errorf("contributions %v: want only S and t", got)
	}
	if !scalar.EqualWithinAbsOrRel(sum, m.Delta, 1e-6, 1e-12) || !scalar.EqualWithinAbsOrRel(m.Delta, bsCall(1.2e6, x, t2, 0.5, rc)-bsCall(1e6, x, t1, 0.5, rc), 1e-6, 1e-9) {
		t.Errorf("delta %g, contributions sum to %g", m.Delta, sum)
	}

	pdf, _ := build(t, Input{Portfolio: now, Since: &snap}, Options{})
	txt := squash(pdfText(t, pdf))
	for _, want := range []string{"Q1 review", "What moved", "Alpha option at NPVq 1.5: t 4.00 y → 1.00 y", "S €1M → €1.2M (+€168k)"} {
		if !strings.Contains(txt, want) {
			i := strings.Index(txt, "Why the largest")
			t.Log(txt[i:min(len(txt), i+600)])
			t.Errorf("the report lacks %q", want)
		}
	}
}

// TestDriverSensitivities checks one driver's swing against closed-form
// values: S = k * 1,000,000 with k from 0.5 to 2.
func TestDriverSensitivities(t *testing.T) {
	p := closedFormPortfolio()
	p.Initiatives = p.Initiatives[:1]
	p.Drivers = []model.Driver{{Name: "k", Value: 1, Low: 0.5, High: 2}, {Name: "unused", Value: 1, Low: 0, High: 2}}
	p.Initiatives[0].S = model.Formula("k * 1000000")
	_, ds := sensitivities(t, p)
	rc := math.Log(1.04)
	x := 1e6 * math.Pow(1.04, 4) / 1.5
	lo, hi := bsCall(5e5, x, 4, 0.5, rc), bsCall(2e6, x, 4, 0.5, rc)
	if ds[0].Name != "k" || !scalar.EqualWithinAbsOrRel(ds[0].TotalLow, lo, 1e-6, 1e-9) || !scalar.EqualWithinAbsOrRel(ds[0].TotalHigh, hi, 1e-6, 1e-9) ||
		!scalar.EqualWithinAbsOrRel(ds[0].Swing, hi-lo, 1e-6, 1e-9) {
		t.Errorf("driver k: %+v; want low %g, high %g", ds[0], lo, hi)
	}
	if len(ds[0].Initiatives) != 1 || ds[1].Swing != 0 || len(ds[1].Initiatives) != 0 {
		t.Errorf("initiatives using the drivers: %v, %v (swing %g)", ds[0].Initiatives, ds[1].Initiatives, ds[1].Swing)
	}
}

func TestFormat(t *testing.T) {
	for _, c := range []struct {
		got, want string
	}{
		{formatMoney(1234567.4, "EUR"), "€1,234,567"},
		{formatMoney(-590000, "EUR"), "-€590,000"},
		{formatMoney(12.345, "USD"), "$12.35"},
		{formatMoney(-0.2, "EUR"), "-€0.20"},
		{formatMoney(999, "NOK"), "NOK 999"},
		{formatMoney(math.NaN(), "EUR"), dash},
		{formatMoneyShort(197413, "EUR"), "€197k"},
		{formatMoneyShort(1254000, "EUR"), "€1.25M"},
		{formatMoneyShort(999600, "EUR"), "€1M"},
		{formatMoneyShort(-53500, "EUR"), "-€53.5k"},
		{formatMoneyShort(0.001, "EUR"), "€0"},
		{formatMoneyShort(4.2e9, ""), "4.2B"},
		{groupDigits(-1234), "-1,234"},
		{groupDigits(100), "100"},
		{formatPercent(0.25, 1), "25.0%"},
		{formatFloat(-0.0001, 2), "0.00"},
		{clean("  a\tb\n\x00c  "), "a b c"},
		{clean("Müller €"), "Müller €"},
		{clean("日本"), "日本"}, // kept: the writer prints it in a fallback font or as a marker
		{orDash("   "), dash},
		{joinList([]string{"a", "b", "c"}), "a, b and c"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestWrapAndFit(t *testing.T) {
	w := newWriter(true)
	w.doc.AddPage()
	w.font("", 10)
	for _, s := range []string{"short", strings.Repeat("word ", 200), strings.Repeat("X", 500), ""} {
		for _, width := range []float64{40, 200} {
			f := w.fit(s, width)
			if w.doc.GetStringWidth(f) > width+1e-9 && f != dash {
				t.Errorf("fit(%.20q, %g) = %.20q is %g wide", s, width, f, w.doc.GetStringWidth(f))
			}
			for _, l := range w.wrap(s, width, 0) {
				if w.doc.GetStringWidth(l) > width+1e-9 {
					t.Errorf("wrap(%.20q, %g): line %.20q is %g wide", s, width, l, w.doc.GetStringWidth(l))
				}
			}
			if ls := w.wrap(s, width, 3); len(ls) > 3 {
				t.Errorf("wrap with 3 lines gave %d", len(ls))
			}
		}
	}
	if got := w.fit("short", 200); got != "short" {
		t.Errorf("fit cut %q", got)
	}
	if ls := w.wrap("a b c", 200, 0); len(ls) != 1 || ls[0] != "a b c" {
		t.Errorf("wrap(a b c) = %q", ls)
	}
}

// TestReportLarge checks a 100-initiative report with a snapshot: every
// name is printed, the contents (over several pages) point at the right
// pages, and what moved is listed. REPORT_KEEP=file keeps the PDF.
func TestReportLarge(t *testing.T) {
	p := bigPortfolio(t, 100)
	snap := snapshotOf(p)
	pdf, st := build(t, Input{Portfolio: p, Since: &snap}, Options{})
	if keep := os.Getenv("REPORT_KEEP"); keep != "" {
		if err := os.WriteFile(keep, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	txt := pdfText(t, pdf)
	pg := pages(txt)
	if len(pg) != st.Pages || st.Pages < 100 {
		t.Fatalf("%d pages (Stats %d) for 100 initiatives", len(pg), st.Pages)
	}
	all := squash(txt)
	for _, in := range p.Initiatives {
		if !strings.Contains(all, in.Name) {
			t.Errorf("the report lacks %q", in.Name)
		}
	}
	checkContents(t, pg)
	for _, want := range []string{"Last review", "What moved", "Drivers that changed", "The 40 largest of"} {
		if !strings.Contains(all, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

// TestReportEdgeCases: an empty portfolio and initiatives that cannot be
// valued still give a complete report that says so.
func TestReportEdgeCases(t *testing.T) {
	empty := model.NewSCRMTemplate("Empty", model.NewDate(2026, 1, 1))
	pdf, st := build(t, Input{Portfolio: empty}, Options{})
	txt := squash(pdfText(t, pdf))
	if !strings.Contains(txt, "The portfolio has no initiatives yet.") || st.Pages < 8 {
		t.Errorf("empty portfolio: %d pages, text %.300q", st.Pages, txt)
	}

	p := closedFormPortfolio()
	p.Initiatives[0].S = model.Formula("no_such_driver * 2")
	p.Initiatives[1].Status = model.StatusInvested
	pdf, _ = build(t, Input{Portfolio: p}, Options{})
	txt = squash(pdfText(t, pdf))
	for _, want := range []string{"Not valued", "not valued:", "1 initiative could not be valued", "Not in the map: 1 invested"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}
