package report

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// TestInitiativesCSVStagePassed: the report's initiatives CSV ends with
// stage_deadline_passed, as value --format csv does: true for a staged
// initiative whose stage deadline is before the report's date (and its
// final deadline not), false for the others.
func TestInitiativesCSVStagePassed(t *testing.T) {
	p := modeltest.Sample(t)
	in := &p.Initiatives[1]
	in.Kind, in.StageCost = model.KindStaged, 50000
	in.StageDeadline = p.AsOf.AddMonths(3)
	in.Deadline = p.AsOf.AddMonths(30)
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteInitiativesCSVOn(&b, p, v, p.AsOf.AddMonths(4)); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	last := len(recs[0]) - 2 // stage_deadline_passed, then action_now
	if recs[0][last] != "stage_deadline_passed" {
		t.Fatalf("header %v", recs[0])
	}
	for _, rec := range recs[1:] {
		if want := map[bool]string{true: "true", false: "false"}[rec[0] == in.ID]; rec[last] != want || rec[last-1] != "false" {
			t.Errorf("%s: deadline_passed %q stage_deadline_passed %q, want false and %s", rec[0], rec[last-1], rec[last], want)
		}
	}
}
