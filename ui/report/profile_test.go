package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/ui/chart"
)

// TestReportDates checks that the cover shows the day the report was made
// and the valuation's as-of date, each labelled.
func TestReportDates(t *testing.T) {
	p := modeltest.Sample(t)
	made := model.NewDate(2026, time.December, 3)
	pdf, _ := build(t, Input{Portfolio: p}, Options{Generated: made, Profile: ProfileBoard})
	cover := squash(pages(pdfText(t, pdf))[0])
	for _, want := range []string{"Valuation as of " + formatLongDate(p.AsOf), "Report generated 3 December 2026"} {
		if !strings.Contains(cover, want) {
			t.Errorf("the cover lacks %q:\n%s", want, cover)
		}
	}
}

// TestReportWholeRationale checks that a 2,000-character rationale and a
// decision's rationale are printed whole.
func TestReportWholeRationale(t *testing.T) {
	p := modeltest.Sample(t)
	var b strings.Builder
	for n := 0; b.Len() < 2000; n++ {
		fmt.Fprintf(&b, "Satz%04d begründet die Entscheidung. ", n)
	}
	long := strings.TrimSpace(b.String())
	p.Initiatives[0].Rationale = long
	p.Decisions = append(p.Decisions, model.Decision{ID: "long", Date: p.AsOf, Initiative: p.Initiatives[0].ID, Decision: model.DecideWait,
		Who: "Board", Rationale: "Decision" + long})
	p.Links[0].Note = "Link" + long
	pdf, _ := build(t, Input{Portfolio: p}, Options{Profile: ProfileFull})
	all := squash(pdfText(t, pdf))
	if !strings.Contains(all, "Link"+long) {
		t.Error("the link's 2,000-character note is not in the report whole")
	}
	if !strings.Contains(all, long) {
		t.Error("the 2,000-character rationale is not in the report whole")
	}
	if !strings.Contains(all, "Decision"+long) {
		t.Error("the decision's 2,000-character rationale is not in the report whole")
	}
}

// TestReportComparison checks that the page says which snapshot and date
// it compares with.
func TestReportComparison(t *testing.T) {
	p := modeltest.Sample(t)
	snap := snapshotOf(p)
	snap.Label = "Board review Q3"
	snap.Taken = model.NewDate(2026, time.July, 14)
	pdf, _ := build(t, Input{Portfolio: p, Since: &snap}, Options{Profile: ProfileBoard})
	all := squash(pdfText(t, pdf))
	for _, want := range []string{"Snapshot Board review Q3", "Taken 2026-07-14"} {
		if !strings.Contains(all, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

// TestReportProfiles checks the board profile of 300 initiatives stays
// within 20 pages and the full profile has every initiative.
func TestReportProfiles(t *testing.T) {
	p := bigPortfolio(t, 300)
	snap := snapshotOf(p)
	_, st := build(t, Input{Portfolio: p, Since: &snap}, Options{Profile: ProfileBoard})
	if st.Pages > 20 {
		t.Errorf("board profile of 300 initiatives: %d pages, want <= 20", st.Pages)
	}
	// The full profile of the same 300: a page for each.
	small := p
	pdf, _ := build(t, Input{Portfolio: small, Since: &snap}, Options{Profile: ProfileFull})
	all := squash(pdfText(t, pdf))
	for k := range small.Initiatives {
		if want := fmt.Sprintf("Initiative %d of %d", k+1, len(small.Initiatives)); !strings.Contains(all, want) {
			t.Errorf("full profile lacks %q", want)
		}
	}
	for _, in := range small.Initiatives {
		if !strings.Contains(all, in.Name) {
			t.Errorf("full profile lacks %q", in.Name)
		}
	}
	pdf, st = build(t, Input{Portfolio: small}, Options{Profile: ProfileAppendix})
	if all := squash(pdfText(t, pdf)); !strings.Contains(all, "1 Method") || strings.Contains(all, "Executive summary") {
		t.Errorf("appendix profile (%d pages) is not the method appendix alone", st.Pages)
	}
}

// TestReportDecisionsDue checks the decisions due against the deadlines.
func TestReportDecisionsDue(t *testing.T) {
	p := closedFormPortfolio() // b's deadline is in 30 days, a's and c's in 4 years
	pdf, _ := build(t, Input{Portfolio: p}, Options{Profile: ProfileBoard})
	var sec string
	for _, s := range pages(pdfText(t, pdf)) {
		if strings.Contains(s, "4 Decisions due") && !strings.Contains(s, "Contents") {
			sec = squash(s)
		}
	}
	if !strings.Contains(sec, "Bravo deep in the money") || strings.Contains(sec, "Alpha option") || strings.Contains(sec, "Charlie far") {
		t.Errorf("decisions due should list Bravo alone:\n%s", sec)
	}
	if !strings.Contains(sec, "invest now") {
		t.Errorf("decisions due lacks Bravo's recommended action:\n%s", sec)
	}
}

// TestCSVPlainNumbers reads the initiative CSV back and checks that every
// amount is a plain decimal equal to the engine's number.
func TestCSVPlainNumbers(t *testing.T) {
	p := bigPortfolio(t, 40)
	p.Initiatives[0].S = model.Number(4.3e6)
	p.Initiatives[0].X = model.Number(1.25e-7 + 3e6)
	out, v := initiativesCSV(t, p)
	recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if h := recs[0]; h[5] != "S ["+p.Currency+"]" || h[8] != "t [years]" {
		t.Errorf("header %q does not name the units", h)
	}
	for k, r := range recs[1:] {
		res := &v.Initiatives[k]
		if res.Err != nil {
			continue
		}
		for col, want := range map[int]float64{5: res.S, 6: res.X, 8: res.T, 12: res.Position.Value, 13: res.Position.NPV, 14: res.Position.NPVq} {
			cell := r[col]
			if strings.ContainsAny(cell, "eE") {
				t.Errorf("row %d %s: %q is in scientific notation", k, recs[0][col], cell)
			}
			got, err := strconv.ParseFloat(cell, 64)
			if err != nil || got != want {
				t.Errorf("row %d %s: %q reads as %v (%v), the engine says %v", k, recs[0][col], cell, got, err, want)
			}
		}
	}
}

// TestReportScripts checks that names in German, Greek, Russian,
// Japanese, Arabic and with emoji read back from the PDF character for
// character, and that the emoji, which no embedded font has, is listed on
// the appendix page.
func TestReportScripts(t *testing.T) {
	if !chart.FallbackFonts[0].Load() || !chart.FallbackFonts[1].Load() {
		t.Skip("fonts-dejavu-core and fonts-droid-fallback are not installed (.ci/deps.sh test installs them)")
	}
	p := closedFormPortfolio()
	names := []string{"Größenwachstum Süd", "Ελληνική αγορά", "Российский рынок", "日本市場の開拓", "السوق العربية", "Launch 🚀 party"}
	p.Initiatives[0].Name = names[0] + " / " + names[1]
	p.Initiatives[1].Name = names[2] + " / " + names[3]
	p.Initiatives[2].Name = names[4] + " / " + names[5]
	pdf, _ := build(t, Input{Portfolio: p}, Options{Profile: ProfileFull})
	txt := pdfText(t, pdf)
	have := map[rune]bool{}
	for _, r := range txt {
		have[r] = true
	}
	for _, n := range names {
		for _, r := range n {
			if !have[r] {
				t.Errorf("%q: %q (U+%04X) is not in the PDF's text", n, r, r)
			}
		}
	}
	// Left-to-right names read back whole.
	all := squash(txt)
	for _, n := range names[:4] {
		if !strings.Contains(all, n) {
			t.Errorf("the report lacks %q", n)
		}
	}
	if !strings.Contains(all, "U+1F680") {
		t.Error("the appendix does not list the emoji no font has")
	}
}

// TestVisualOrder checks the display order of mixed-direction text.
func TestVisualOrder(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"abc", "abc"},
		{"אבג", "גבא"},
		{"Plan אבג", "Plan גבא"},
		{"אבג דה", "הד גבא"},
		{"السوق العربية", "ةيبرعلا قوسلا"},
	} {
		if got := visual(c.in); got != c.want {
			t.Errorf("visual(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestBoardTableNamesWhole: the board profile has no page per initiative,
// so its table of all initiatives wraps names and actions instead of
// cutting them ("Knowledge base from community answers" was cut to
// "Knowledge base from community ans…").
func TestBoardTableNamesWhole(t *testing.T) {
	p := modeltest.Sample(t)
	pdf, _ := build(t, Input{Portfolio: p}, Options{Profile: ProfileBoard})
	var table string
	for _, pg := range pages(pdfText(t, pdf)) {
		if strings.Contains(pg, "5 All initiatives") && strings.Contains(pg, "Recommended action") {
			table = pg
		}
	}
	if table == "" {
		t.Fatal("no table of all initiatives")
	}
	if strings.Contains(table, "…") {
		t.Errorf("the board table cuts a cell:\n%s", table)
	}
	all := squash(table)
	for _, w := range []string{"Knowledge base from community", "answers", "invest early only if leakage outweighs", "waiting"} {
		if !strings.Contains(all, w) {
			t.Errorf("the board table lacks %q", w)
		}
	}
}

// TestBoardShortSectionsShareAPage: in the board profile a short "What
// changed" and "Decisions due" continue the page before them.
func TestBoardShortSectionsShareAPage(t *testing.T) {
	pdf, _ := build(t, Input{Portfolio: modeltest.Sample(t)}, Options{Profile: ProfileBoard})
	for _, pg := range pages(pdfText(t, pdf)) {
		if strings.Contains(pg, "3 What changed") && strings.Contains(pg, "No snapshot was chosen") {
			if !strings.Contains(pg, "4 Decisions due") {
				t.Errorf("the short sections are on pages of their own:\n%s", pg)
			}
			return
		}
	}
	t.Error("no page with the \"What changed\" section")
}

// TestSectionReferences: the notes that send the reader to the table of
// all initiatives name its number in the profile at hand (3 in the full
// profile, 5 in the board's).
func TestSectionReferences(t *testing.T) {
	p := bigPortfolio(t, 60)
	for prof, want := range map[Profile]string{ProfileFull: "section 3 lists all", ProfileBoard: "section 5 lists all"} {
		pdf, _ := build(t, Input{Portfolio: p}, Options{Profile: prof})
		if all := squash(pdfText(t, pdf)); !strings.Contains(all, want) {
			t.Errorf("%s profile: no %q", prof, want)
		}
	}
}

// A report dated after its valuation (report --now) looks ahead to the next
// review after its own date, lists the deadlines due by then, passed ones
// marked passed (decisions due used a review before the report date and
// listed nothing), and its summary lists the passed deadlines with their
// dates apart from the table of those to come, none here (the table
// listed them, "passed 61…" cut off, then "passed").
func TestReportDecisionsDueAfterTheAsOfDate(t *testing.T) {
	p := modeltest.Sample(t) // as of 1 October 2026; pilot and Route social posts due 1 April 2027
	now := model.NewDate(2027, time.June, 1)
	pdf, _ := build(t, Input{Portfolio: p}, Options{Profile: ProfileBoard, Now: now})
	var sec, sum string
	for _, s := range pages(pdfText(t, pdf)) {
		if strings.Contains(s, "4 Decisions due") && !strings.Contains(s, "Contents") {
			sec = squash(s)
		}
		if strings.Contains(s, "Deadlines in the next") && !strings.Contains(s, "Contents") {
			sum = s
		}
	}
	if !strings.Contains(sec, "next review (1 October 2027)") {
		t.Errorf("decisions due should look to the review of 1 October 2027:\n%s", sec)
	}
	if !strings.Contains(sec, "Customer community pilot") || !strings.Contains(sec, "2027-04-01 1 invest now deadline passed; invest") {
		t.Errorf("decisions due should list the pilot, its deadline passed:\n%s", sec)
	}
	_, table, _ := strings.Cut(squash(sum), "Deadlines in the next")
	table, passed, _ := strings.Cut(table, "Passed deadlines")
	passed, _, _ = strings.Cut(passed, "Investment and option value by layer")
	if !strings.Contains(table, "No decision deadline falls within 90 days of 1 June 2027") {
		t.Errorf("no deadline is to come in the 90 days:\n%s", table)
	}
	if !strings.Contains(passed, "(2) — lapsed before 2027-06-01 Customer community pilot (2027-04-01); Route social posts to the contact center (2027-04-01)") || strings.Contains(passed, "…") {
		t.Errorf("the passed deadlines should be listed with their dates, uncut:\n%s", passed)
	}
}
