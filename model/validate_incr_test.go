package model_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// randomEdit changes q in one of the ways a user action can, some of them
// breaking an invariant (a negative S, a duplicate name or ID, an unknown
// tag, a deadline before the as-of date, a link to nowhere or closing a
// cycle, a driver outside its range, a duplicate snapshot label, ...).
func randomEdit(r *rand.Rand, q *model.Portfolio) {
	n := len(q.Initiatives)
	pickIn := func() *model.Initiative { return &q.Initiatives[r.IntN(n)] }
	otherID := func() string {
		if r.IntN(5) == 0 {
			return "nowhere"
		}
		return q.Initiatives[r.IntN(n)].ID
	}
	switch k := r.IntN(20); {
	case n == 0:
		q.Initiatives = append(q.Initiatives, model.Initiative{ID: "new", Name: "New", Tag: q.Tags[0], Kind: model.KindDefer,
			Status: model.StatusOpen, S: model.Number(10), X: model.Number(5), Sigma: model.Number(0.3), Deadline: model.Date{Time: q.AsOf.AddDate(1, 0, 0)}})
	case k == 0:
		pickIn().S = model.Number([]float64{1e6, -5, math.NaN(), 2e15, 1e-9}[r.IntN(5)])
	case k == 1:
		pickIn().Sigma = model.Number([]float64{0.3, 5, 0}[r.IntN(3)])
	case k == 2:
		pickIn().Name = []string{q.Initiatives[r.IntN(n)].Name, "renamed", " "}[r.IntN(3)]
	case k == 3:
		pickIn().ID = []string{q.Initiatives[r.IntN(n)].ID, "fresh-id"}[r.IntN(2)]
	case k == 4:
		pickIn().Tag = []string{q.Tags[0], "no such tag"}[r.IntN(2)]
	case k == 5:
		pickIn().Deadline = model.Date{Time: q.AsOf.AddDate(0, 0, []int{-10, 30, 0}[r.IntN(3)])}
	case k == 6:
		in := q.Initiatives[r.IntN(n)]
		in.ID, in.Name = fmt.Sprintf("copy-%d", r.IntN(3)), fmt.Sprintf("Copy %d", r.IntN(3))
		if r.IntN(4) == 0 {
			in.ID = q.Initiatives[0].ID
		}
		q.Initiatives = append(q.Initiatives, (&model.Portfolio{Initiatives: []model.Initiative{in}}).Clone().Initiatives[0])
	case k == 7:
		i := r.IntN(n)
		q.Initiatives = append(q.Initiatives[:i], q.Initiatives[i+1:]...)
	case k == 8 || k == 9:
		l := model.Link{From: otherID(), To: otherID(), Kind: model.LinkKinds[r.IntN(len(model.LinkKinds))]}
		if l.Kind == model.LinkSynergy {
			l.Correlation = []float64{0.5, 2}[r.IntN(2)]
		}
		q.Links = append(q.Links, l)
	case k == 10 && len(q.Links) > 0:
		l := &q.Links[r.IntN(len(q.Links))]
		if r.IntN(2) == 0 {
			l.Correlation = []float64{0.2, -3}[r.IntN(2)]
		} else {
			l.From, l.To = l.To, l.From // a gate reversed may close a cycle
		}
	case k == 11 && len(q.Drivers) > 0:
		d := &q.Drivers[r.IntN(len(q.Drivers))]
		switch r.IntN(4) {
		case 0:
			d.Value = d.Low + (d.High-d.Low)*r.Float64()
		case 1:
			d.Value = d.High + 1
		case 2:
			d.Name = []string{"year", "9bad", "fresh"}[r.IntN(3)]
		default:
			d.Low = d.High + 1
		}
	case k == 12:
		q.Decisions = append(q.Decisions, model.Decision{ID: "d", Date: q.AsOf, Initiative: otherID(), Decision: []model.DecisionKind{model.DecideWait, "maybe"}[r.IntN(2)]})
	case k == 13:
		q.Learning = append(q.Learning, model.LearningEntry{ID: "l", Date: q.AsOf, Initiative: otherID(), Learned: []string{"a lesson", " "}[r.IntN(2)]})
	case k == 14 && len(q.Snapshots) > 0:
		s := &q.Snapshots[r.IntN(len(q.Snapshots))]
		s.Label = []string{q.Snapshots[0].Label, "new label", ""}[r.IntN(3)]
	case k == 15:
		q.AsOf = model.Date{Time: q.AsOf.AddDate(0, 0, []int{1, 4000}[r.IntN(2)])}
	case k == 16:
		in := pickIn()
		in.Kind = model.KindStaged
		if r.IntN(2) == 0 {
			in.StageDeadline, in.StageCost = in.Deadline, 10
		}
	case k == 17:
		pickIn().CashFlows = &model.CashFlows{Years: r.IntN(3), Rate: 0.05}
	case k == 18:
		pickIn().Assumptions = append(pickIn().Assumptions, model.Assumption{Name: []string{"volume", ""}[r.IntN(2)], Confidence: []string{"low", "certain"}[r.IntN(2)]})
	default:
		pickIn().Leakage = []float64{0.05, 2}[r.IntN(2)]
	}
}

// TestValidateEditMatchesValidate is the property test of incremental
// validation: over random valid portfolios and 1 to 3 random edits each,
// ValidateEdit accepts exactly what Validate accepts and refuses with the
// same error; for the valid ones CopyEdit gives what Clone gives and
// shares no memory with the edited portfolio.
func TestValidateEditMatchesValidate(t *testing.T) {
	r := rand.New(rand.NewPCG(19, 3))
	accepted, refused := 0, 0
	for trial := range 3000 {
		p := modeltest.Random(r, 12)
		if err := p.Validate(); err != nil {
			t.Fatalf("trial %d: the random portfolio is invalid: %v", trial, err)
		}
		q := p.Clone()
		for range 1 + r.IntN(3) {
			randomEdit(r, q)
		}
		e := model.Diff(p, q)
		got, want := q.ValidateEdit(p, e), q.Validate()
		if (got == nil) != (want == nil) || (got != nil && got.Error() != want.Error()) {
			t.Fatalf("trial %d (%+v): ValidateEdit %v, Validate %v", trial, e, got, want)
		}
		if want == nil {
			accepted++
		} else {
			refused++
		}
		if want != nil {
			continue // CopyEdit copies valid edits (and NaN != NaN)
		}
		dst := p.Clone()
		q.CopyEdit(dst, e)
		if !reflect.DeepEqual(dst, q.Clone()) {
			t.Fatalf("trial %d (%+v): CopyEdit differs from Clone", trial, e)
		}
		for i := range q.Initiatives {
			q.Initiatives[i].Name += " changed"
			if len(q.Initiatives[i].Assumptions) > 0 {
				q.Initiatives[i].Assumptions[0].Name = "changed"
			}
		}
		for i := range dst.Initiatives {
			if in := &dst.Initiatives[i]; in.Name == q.Initiatives[i].Name || len(in.Assumptions) > 0 && in.Assumptions[0].Name == "changed" {
				t.Fatalf("trial %d: CopyEdit's copy shares memory with the edited portfolio", trial)
			}
		}
	}
	if accepted < 500 || refused < 500 {
		t.Errorf("accepted %d, refused %d: the edits do not exercise both outcomes", accepted, refused)
	}
}
