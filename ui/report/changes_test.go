package report

import (
	"bytes"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// TestWhatMovedFollowOn checks that what moved since a snapshot counts a
// follow-on once: in the sample the pilot gates the rollout, so when the
// community grows (members 120000 -> 150000) the rollout's own value
// rises but the total moves through the pilot's value with follow-ons,
// in the table, the CSV and the PDF.
//
// The expected numbers are worked out here from the fixture's inputs, not
// taken from the engine. The fixture is the sample with two changes that
// make them closed forms: the rollout has no leakage (q = 0, so its
// American call is never exercised early and is worth the Black-Scholes
// call) and no follow-on of its own (the link to the knowledge base is
// dropped). Then:
//   - the rollout's S is members * value_per_member * 0.6 = 3,960,000 at
//     the snapshot and 4,950,000 now; X 4,300,000, sigma 0.45, t =
//     913/365.25 years (2026-10-01 to 2029-04-01), r = ln 1.04 (the
//     sample's 4% discrete rate): its own values are bsCall of those;
//   - the pilot's own inputs do not move, and its stage pays for itself
//     (F = 700,000 exp((ln 1.04 - 0.12) 182/365.25) = 672,384 > X =
//     420,000, so K1 = 0): its follow-on value is the rollout's own value
//     (portfolio's doc: FollowOn = V_B when K1 = 0), and its change is the
//     rollout's own change, all of it "follow-ons";
//   - no other initiative reads members, so the pilot and the rollout are
//     the only moves and the portfolio changes by the same amount.
func TestWhatMovedFollowOn(t *testing.T) {
	p := modeltest.Sample(t)
	p.Initiative("community-rollout").Leakage = 0
	p.Links = slices.DeleteFunc(p.Links, func(l model.Link) bool { return l.From == "community-rollout" })
	snap := snapshotNow(p, "before members", p.AsOf)
	p.Driver("members").Value = 150000
	ch := whatMoved(t, p, snap)

	rc, tR := math.Log(1.04), 913/365.25
	ownBefore, ownAfter := bsCall(120000*55*0.6, 4.3e6, tR, 0.45, rc), bsCall(150000*55*0.6, 4.3e6, tR, 0.45, rc)
	// 1,820,929.12 - 1,123,194.18 = 697,734.94, the same closed form
	// evaluated apart from bsCall (Python, math.erf).
	total := ownAfter - ownBefore
	if math.Abs(total-697734.94) > 0.01 {
		t.Fatalf("bsCall gives the rollout's change %v, want 697734.94", total)
	}
	near := func(got, want float64) bool { return math.Abs(got-want) <= 1e-6*math.Max(1, math.Abs(want)) }
	if len(ch.Moves) != 2 || !near(ch.TotalAfter-ch.TotalBefore, total) {
		t.Fatalf("%d moves, portfolio change %v; want the pilot and the rollout, %v", len(ch.Moves), ch.TotalAfter-ch.TotalBefore, total)
	}
	var pilot, rollout *Move
	sum := 0.0
	for i := range ch.Moves {
		sum += ch.Moves[i].Delta
		switch ch.Moves[i].ID {
		case "community-pilot":
			pilot = &ch.Moves[i]
		case "community-rollout":
			rollout = &ch.Moves[i]
		}
	}
	if pilot == nil || rollout == nil {
		t.Fatalf("moves %+v: want the pilot and the rollout", ch.Moves)
	}
	if !near(sum, total) || ch.Moves[0].ID != "community-pilot" {
		t.Errorf("moves add up to %v, want %v, the pilot first (largest change)", sum, total)
	}
	if !near(pilot.Delta, total) || !near(pilot.After-pilot.Before, total) || pilot.StandAloneAfter != pilot.StandAloneBefore ||
		len(pilot.Contributions) != 1 || pilot.Contributions[0].Input != "follow-ons" || !near(pilot.Contributions[0].Delta, total) {
		t.Errorf("pilot: change %v (%v -> %v), own %v -> %v, contributions %+v; want %v, all follow-ons, own value unchanged",
			pilot.Delta, pilot.Before, pilot.After, pilot.StandAloneBefore, pilot.StandAloneAfter, pilot.Contributions, total)
	}
	if rollout.Delta != 0 || rollout.CountedIn != "community-pilot" || rollout.CountedInName != "Customer community pilot" ||
		!near(rollout.StandAloneBefore, ownBefore) || !near(rollout.StandAloneAfter, ownAfter) {
		t.Errorf("rollout: change %v, counted in %q (%q), own %v -> %v; want 0, counted in community-pilot, own %v -> %v",
			rollout.Delta, rollout.CountedIn, rollout.CountedInName, rollout.StandAloneBefore, rollout.StandAloneAfter, ownBefore, ownAfter)
	}
	if why := pilot.why(p.Currency); !strings.Contains(why, "follow-ons Customer community rollout") {
		t.Errorf("pilot why %q: want its follow-on named", why)
	}
	if why, want := rollout.why(p.Currency), "counted in Customer community pilot; own value "+signedMoney(ownAfter-ownBefore, p.Currency); why != want {
		t.Errorf("rollout why %q, want %q", why, want)
	}

	var b bytes.Buffer
	if err := WriteMovesCSV(&b, ch, p.Currency); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, b.Bytes())
	want := map[string]struct{ delta, followOns, saBefore, saAfter float64 }{
		"community-pilot":   {total, total, pilot.StandAloneBefore, pilot.StandAloneBefore},
		"community-rollout": {0, 0, ownBefore, ownAfter},
	}
	if len(rows) != len(want) {
		t.Fatalf("CSV: %d rows, want %d", len(rows), len(want))
	}
	for _, r := range rows {
		w, ok := want[r["initiative_id"]]
		f := func(k string) float64 { x, _ := strconv.ParseFloat(r[k], 64); return x }
		if !ok || !near(f("delta"), w.delta) || !near(f("from_follow_ons"), w.followOns) || !near(f("standalone_before"), w.saBefore) || !near(f("standalone_after"), w.saAfter) {
			t.Errorf("CSV row %v; want %+v", r, w)
		}
		if r["initiative_id"] == "community-rollout" && r["counted_in"] != "community-pilot" {
			t.Errorf("rollout CSV counted_in %q, want the pilot's ID community-pilot (as in the initiatives CSV)", r["counted_in"])
		}
	}

	pdf, _ := build(t, Input{Portfolio: p, Since: snap}, Options{})
	txt := squash(pdfText(t, pdf))
	for _, want := range []string{"Change " + signedMoney(total, p.Currency), "counted in Customer community pilot",
		"follow-ons Customer community rollout (" + signedMoney(total, p.Currency) + ")"} {
		if !strings.Contains(txt, want) {
			i := strings.Index(txt, "What moved")
			t.Log(txt[max(0, i):min(len(txt), i+1200)])
			t.Errorf("the report lacks %q", want)
		}
	}
}

// TestWhatMovedFollowOnsByID: a gate lists the follow-ons counted in it
// by the fixture's links, matched by ID: two gates of one name ("Pilot")
// each list their own follow-on, not both.
func TestWhatMovedFollowOnsByID(t *testing.T) {
	asOf := model.NewDate(2026, time.January, 1)
	p := model.NewSCRMTemplate("two pilots", asOf)
	p.Drivers = []model.Driver{{Name: "members", Value: 1000, Low: 500, High: 2000}}
	in := func(id, name string, s model.Quantity, x float64) model.Initiative {
		return model.Initiative{ID: id, Name: name, Tag: "community", Kind: model.KindDefer, Status: model.StatusOpen,
			S: s, X: model.Number(x), Sigma: model.Number(0.3), Deadline: model.NewDate(2028, time.January, 1)}
	}
	p.Initiatives = []model.Initiative{
		in("g1", "Pilot", model.Number(20000), 10000), in("g2", "Pilot", model.Number(30000), 10000),
		in("f1", "Rollout A", model.Formula("members * 100"), 110000), in("f2", "Rollout B", model.Formula("members * 120"), 110000),
	}
	p.Links = []model.Link{{From: "g1", To: "f1", Kind: model.LinkGates}, {From: "g2", To: "f2", Kind: model.LinkGates}}
	snap := snapshotNow(p, "before", asOf)
	p.Driver("members").Value = 1500
	ch := whatMoved(t, p, snap)
	want := map[string][]string{"g1": {"Rollout A"}, "g2": {"Rollout B"}, "f1": nil, "f2": nil}
	wantIn := map[string]string{"f1": "g1", "f2": "g2"}
	if len(ch.Moves) != len(want) {
		t.Fatalf("moves %+v, want g1, g2, f1, f2", ch.Moves)
	}
	for _, m := range ch.Moves {
		if !slices.Equal(m.FollowOns, want[m.ID]) || m.CountedIn != wantIn[m.ID] {
			t.Errorf("%s: follow-ons %q, counted in %q; want %q, %q", m.ID, m.FollowOns, m.CountedIn, want[m.ID], wantIn[m.ID])
		}
	}
}

// TestWhatMovedNamesTheDriverAndCounting: the tester's case on the sample
// (the gate community-pilot -> community-rollout removed since the
// snapshot, and members 120,000 -> 150,000): the rollout now counts on its
// own, and its row says both why — what it would have added at the
// snapshot ("counts on its own now") and its S moving through members —
// where before the whole change read "counts on its own now". The parts
// are the engine's (portfolio.Explain) and add up to the row's change.
func TestWhatMovedNamesTheDriverAndCounting(t *testing.T) {
	p := modeltest.Sample(t)
	snap := snapshotNow(p, "before", p.AsOf)
	p.Links = slices.DeleteFunc(p.Links, func(l model.Link) bool {
		return l.From == "community-pilot" && l.To == "community-rollout"
	})
	p.Driver("members").Value = 150000
	ch := whatMoved(t, p, snap)
	for _, m := range ch.Moves {
		if m.ID != "community-rollout" {
			continue
		}
		sum, inputs := 0.0, []string{}
		for _, c := range m.Contributions {
			sum += c.Delta
			inputs = append(inputs, c.Input)
		}
		if math.Abs(sum-m.Delta) > 1e-9*math.Abs(m.Delta) || !slices.Contains(inputs, "counting") || !slices.Contains(inputs, "S") {
			t.Fatalf("rollout: contributions %+v add up to %v (change %v); want counting and S", m.Contributions, sum, m.Delta)
		}
		why := m.why(p.Currency)
		if !strings.Contains(why, "counts on its own now (") || !strings.Contains(why, " through members (") {
			t.Errorf("rollout why %q: want it to say it counts on its own now and that S moved through members", why)
		}
		return
	}
	t.Fatal("the rollout did not move")
}
