package report

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// TestWhatMovedFollowOn checks that what moved since a snapshot counts a
// follow-on once: in the sample the pilot gates the rollout, so when the
// community grows (members 120000 -> 150000) the rollout's own value
// rises but the total moves through the pilot's value with follow-ons.
// The rows are the engine's Impact (portfolio.Compare), their changes
// add up to the portfolio's change, and the pilot's change is its value
// with follow-ons' change, all in the table, the CSV and the PDF.
func TestWhatMovedFollowOn(t *testing.T) {
	p := modeltest.Sample(t)
	snap := model.Snapshot{ID: "s", Label: "before members", Taken: p.AsOf, AsOf: p.AsOf, Settings: p.Settings}
	c := p.Clone()
	snap.Initiatives, snap.Drivers, snap.Links = c.Initiatives, c.Drivers, c.Links
	p.Snapshots = []model.Snapshot{snap}
	p.Driver("members").Value = 150000
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	ov, err := portfolio.ValueSnapshot(p, &snap, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	ch, err := WhatMoved(p, v, &snap)
	if err != nil {
		t.Fatal(err)
	}
	im := portfolio.Compare(ov, v)
	if len(ch.Moves) != len(im.Moved) || ch.TotalBefore != ov.Total || ch.TotalAfter != v.Total {
		t.Fatalf("%d moves, totals %v -> %v; the engine's Impact has %d, %v -> %v", len(ch.Moves), ch.TotalBefore, ch.TotalAfter, len(im.Moved), ov.Total, v.Total)
	}
	sum := 0.0
	for i, m := range ch.Moves {
		if m.ID != im.Moved[i].ID || m.Delta != im.Moved[i].Change() {
			t.Errorf("move %d: %s %v, engine %s %v", i, m.ID, m.Delta, im.Moved[i].ID, im.Moved[i].Change())
		}
		sum += m.Delta
	}
	total := v.Total - ov.Total
	if total < 1e5 || math.Abs(sum-total) > 1e-6*total {
		t.Errorf("moves add up to %v, the portfolio changed by %v", sum, total)
	}
	var pilot, rollout *Move
	for i := range ch.Moves {
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
	pb, pa := ov.ByID("community-pilot"), v.ByID("community-pilot")
	if pilot.Delta != pa.WithFollowOns-pb.WithFollowOns || pilot.StandAloneAfter != pilot.StandAloneBefore {
		t.Errorf("pilot: change %v, own %v -> %v; want its value with follow-ons' change %v, own value unchanged",
			pilot.Delta, pilot.StandAloneBefore, pilot.StandAloneAfter, pa.WithFollowOns-pb.WithFollowOns)
	}
	if rollout.Delta != 0 || rollout.CountedIn != "community-pilot" || rollout.CountedInName != pa.Name || rollout.StandAloneAfter-rollout.StandAloneBefore < 1e5 {
		t.Errorf("rollout: change %v, counted in %q (%q), own %v -> %v; want 0, counted in the pilot, own value up",
			rollout.Delta, rollout.CountedIn, rollout.CountedInName, rollout.StandAloneBefore, rollout.StandAloneAfter)
	}
	if why := pilot.why(p.Currency); !strings.Contains(why, "follow-ons "+rollout.Name) {
		t.Errorf("pilot why %q: want its follow-on named", why)
	}
	if why := rollout.why(p.Currency); !strings.HasPrefix(why, "counted in "+pa.Name+"; own value +") {
		t.Errorf("rollout why %q", why)
	}

	var b bytes.Buffer
	if err := WriteMovesCSV(&b, ch, p.Currency); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, b.Bytes())
	csvSum := 0.0
	for i, r := range rows {
		d, _ := strconv.ParseFloat(r["delta"], 64)
		csvSum += d
		if r["initiative_id"] != im.Moved[i].ID || math.Abs(d-im.Moved[i].Change()) > 1e-6 {
			t.Errorf("CSV row %d: %s %v, engine %s %v", i, r["initiative_id"], d, im.Moved[i].ID, im.Moved[i].Change())
		}
		if r["initiative_id"] == "community-rollout" && r["counted_in"] != "community-pilot" {
			t.Errorf("rollout CSV counted_in %q, want the pilot's ID community-pilot (as in the initiatives CSV)", r["counted_in"])
		}
		if r["initiative_id"] == "community-pilot" {
			fo, _ := strconv.ParseFloat(r["from_follow_ons"], 64)
			if math.Abs(fo-total) > 1e-6*total {
				t.Errorf("pilot from_follow_ons %v, want the whole change %v", fo, total)
			}
		}
	}
	if len(rows) != len(im.Moved) || math.Abs(csvSum-total) > 1e-6*total {
		t.Errorf("CSV: %d rows adding up to %v; want %d adding up to %v", len(rows), csvSum, len(im.Moved), total)
	}

	pdf, _ := build(t, Input{Portfolio: p, Since: &snap}, Options{})
	txt := squash(pdfText(t, pdf))
	for _, want := range []string{"Change " + signedMoney(total, p.Currency), "counted in " + pa.Name, "follow-ons " + rollout.Name + " (" + signedMoney(total, p.Currency) + ")"} {
		if !strings.Contains(txt, want) {
			i := strings.Index(txt, "What moved")
			t.Log(txt[max(0, i):min(len(txt), i+1200)])
			t.Errorf("the report lacks %q", want)
		}
	}
}
