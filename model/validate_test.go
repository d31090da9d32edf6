package model_test

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
)

// base is a small valid portfolio: a pilot that gates a rollout, one
// driver, one decision, one learning entry and one snapshot.
func base() *model.Portfolio {
	p := model.NewSCRMTemplate("Base", model.NewDate(2026, time.October, 1))
	p.Drivers = []model.Driver{{Name: "members", Value: 100, Low: 50, High: 200}}
	p.Initiatives = []model.Initiative{
		{ID: "pilot", Name: "Pilot", Tag: "community", Kind: model.KindDefer, Status: model.StatusOpen,
			S: model.Number(700), X: model.Number(420), Sigma: model.Number(0.25), Deadline: model.NewDate(2027, time.April, 1), Leakage: 0.1,
			Assumptions: []model.Assumption{{Name: "Members", Value: "4000", Confidence: "medium"}},
			Risks:       []model.Risk{{Description: "Too few posts"}}},
		{ID: "rollout", Name: "Rollout", Tag: "community", Kind: model.KindDefer, Status: model.StatusOpen,
			S: model.Formula("members * 60"), X: model.Number(5000), Sigma: model.Number(0.5), Deadline: model.NewDate(2028, time.April, 1)},
	}
	p.Links = []model.Link{{From: "pilot", To: "rollout", Kind: model.LinkGates}}
	p.Decisions = []model.Decision{{ID: "d1", Date: model.NewDate(2026, time.October, 2), Initiative: "pilot", Decision: model.DecideWait}}
	p.Learning = []model.LearningEntry{{ID: "l1", Date: model.NewDate(2026, time.October, 3), Initiative: "pilot", Learned: "owners post"}}
	p.Snapshots = []model.Snapshot{{ID: "s1", Label: "Q3", Taken: p.AsOf, AsOf: p.AsOf, Settings: p.Settings,
		Initiatives: []model.Initiative{}, Drivers: []model.Driver{}, Links: []model.Link{}}}
	return p
}

func TestValidateBaseIsValid(t *testing.T) {
	if err := base().Validate(); err != nil {
		t.Fatal(err)
	}
}

// TestValidateRules breaks one invariant at a time (some cases break two
// that always come together) and checks that Validate reports exactly the
// expected problems: the field path and the message, as the UI and the CLI
// show them.
func TestValidateRules(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	rate := func(r float64) *float64 { return &r }
	pilot := func(p *model.Portfolio) *model.Initiative { return &p.Initiatives[0] }
	const pf = `initiatives["Pilot"]`
	for _, c := range []struct {
		name  string
		edit  func(p *model.Portfolio)
		probs []model.Problem
	}{
		// The boundaries that are valid.
		{"sigma 0 is valid", func(p *model.Portfolio) { pilot(p).Sigma = model.Number(0) }, nil},
		{"sigma 3 is valid", func(p *model.Portfolio) { pilot(p).Sigma = model.Number(3) }, nil},
		{"sigma formula is left to the engine", func(p *model.Portfolio) { pilot(p).Sigma = model.Formula("members / 10") }, nil},
		{"deadline one day after as-of", func(p *model.Portfolio) { pilot(p).Deadline = model.NewDate(2026, time.October, 2) }, nil},
		{"past deadline of an expired initiative", func(p *model.Portfolio) {
			pilot(p).Deadline, pilot(p).Status = model.NewDate(2026, time.January, 1), model.StatusExpired
		}, nil},
		{"excludes links may go both ways", func(p *model.Portfolio) {
			p.Links = append(p.Links, model.Link{From: "rollout", To: "pilot", Kind: model.LinkExcludes})
		}, nil},
		{"no tags: any tag", func(p *model.Portfolio) { p.Tags = nil; pilot(p).Tag = "anything" }, nil},
		{"correlation -1", func(p *model.Portfolio) {
			p.Links = append(p.Links, model.Link{From: "rollout", To: "pilot", Kind: model.LinkSynergy, Correlation: -1})
		}, nil},

		// Portfolio.
		{"name empty", func(p *model.Portfolio) { p.Name = "  " }, []model.Problem{{"name", "is empty"}}},
		{"name too long", func(p *model.Portfolio) { p.Name = strings.Repeat("n", 1001) }, []model.Problem{{"name", "is 1001 bytes long, more than 1000"}}},
		{"as-of missing", func(p *model.Portfolio) { p.AsOf = model.Date{} }, []model.Problem{{"as_of", "is missing"}}},
		{"discounting unknown", func(p *model.Portfolio) { p.Settings.Discounting = 7 }, []model.Problem{{"settings.discounting", "7: want discrete or continuous"}}},
		{"risk-free NaN", func(p *model.Portfolio) { p.Settings.RiskFree = nan }, []model.Problem{{"settings.risk_free", "is not a finite number"}}},
		{"risk-free -100%", func(p *model.Portfolio) { p.Settings.RiskFree = -1 }, []model.Problem{{"settings.risk_free", "-1 is not a usable rate: want -63.21% <= r <= 100% (discrete, per year)"}}},
		// The engine prices with ln(1+r), which must be >= -1: a discrete
		// -99 % (ln = -4.6) is refused in the discrete convention.
		{"discrete risk-free -99%", func(p *model.Portfolio) { p.Settings.RiskFree = -0.99 }, []model.Problem{{"settings.risk_free", "-0.99 is not a usable rate: want -63.21% <= r <= 100% (discrete, per year)"}}},
		{"discrete risk-free -63%", func(p *model.Portfolio) { p.Settings.RiskFree = -0.63 }, nil},
		{"continuous risk-free -99%", func(p *model.Portfolio) { p.Settings.Discounting = valuation.Continuous; p.Settings.RiskFree = -0.99 }, nil},
		{"continuous risk-free -120%", func(p *model.Portfolio) { p.Settings.Discounting = valuation.Continuous; p.Settings.RiskFree = -1.2 },
			[]model.Problem{{"settings.risk_free", "-1.2 is not a usable rate: want -100% <= r <= 100% (continuously compounded)"}}},
		{"thresholds", func(p *model.Portfolio) { p.Settings.Thresholds.MaybeLater = 1.5 }, []model.Problem{{"settings.thresholds", "threshold maybe_later_cs = 1.5: want a share in [0, 1)"}}},
		{"tag empty", func(p *model.Portfolio) { p.Tags[1] = "" }, []model.Problem{{"tags[1]", "is empty"}}},
		{"tag twice", func(p *model.Portfolio) { p.Tags = append(p.Tags, "action") }, []model.Problem{{"tags[4]", `"action" is listed twice`}}},

		// Drivers.
		{"driver name empty", func(p *model.Portfolio) { p.Drivers[0].Name = "" }, []model.Problem{{"drivers[0].name", "is empty"}}},
		{"driver name not an identifier", func(p *model.Portfolio) { p.Drivers[0].Name = "2x" },
			[]model.Problem{{`drivers["2x"].name`, "must be a letter or _ followed by letters, digits or _ (it is used in formulas)"}}},
		{"driver name twice", func(p *model.Portfolio) { p.Drivers = append(p.Drivers, p.Drivers[0]) },
			[]model.Problem{{`drivers["members"].name`, "is used by another driver"}}},
		{"driver value NaN", func(p *model.Portfolio) { p.Drivers[0].Value = nan }, []model.Problem{{`drivers["members"].value`, "is not a finite number"}}},
		{"driver low above high", func(p *model.Portfolio) { p.Drivers[0].Low = 300 }, []model.Problem{{`drivers["members"].low`, "300 is above high 200"}}},
		{"driver value outside", func(p *model.Portfolio) { p.Drivers[0].Value = 201 }, []model.Problem{{`drivers["members"].value`, "201 is outside [low 50, high 200]"}}},

		// Initiatives: identity.
		{"id empty", func(p *model.Portfolio) { pilot(p).ID = ""; p.Links = nil; p.Decisions = nil; p.Learning = nil },
			[]model.Problem{{pf + ".id", "is empty"}}},
		{"id twice", func(p *model.Portfolio) { p.Initiatives[1].ID = "pilot"; p.Links = nil },
			[]model.Problem{{`initiatives["Rollout"].id`, `"pilot" is used by another initiative ("Pilot", initiatives[0])`}}},
		{"name empty names the index", func(p *model.Portfolio) { p.Initiatives[1].Name = "" }, []model.Problem{{"initiatives[1].name", "is empty"}}},
		{"name twice (unique names)", func(p *model.Portfolio) { p.Initiatives[1].Name = "Pilot" }, []model.Problem{{pf + ".name", `is used by another initiative (id "pilot", initiatives[0])`}}},
		{"tag unknown", func(p *model.Portfolio) { pilot(p).Tag = "nope" },
			[]model.Problem{{pf + ".tag", `"nope" is not one of the portfolio's tags [community analytics action integration]`}}},
		{"kind unknown", func(p *model.Portfolio) { pilot(p).Kind = "swap" },
			[]model.Problem{{pf + ".kind", `"swap": want one of defer, expand, contract, abandon, choose, staged`}}},
		{"status unknown", func(p *model.Portfolio) { pilot(p).Status = "done" },
			[]model.Problem{{pf + ".status", `"done": want open, invested, abandoned or expired`}}},

		// Initiatives: numbers.
		{"S negative", func(p *model.Portfolio) { pilot(p).S = model.Number(-1) }, []model.Problem{{pf + ".S", "-1 must be between 0 and 1e15"}}},
		{"S NaN", func(p *model.Portfolio) { pilot(p).S = model.Number(nan) }, []model.Problem{{pf + ".S", "is not a finite number"}}},
		{"X zero (positive X)", func(p *model.Portfolio) { pilot(p).X = model.Number(0) }, []model.Problem{{pf + ".X", "0: the investment must be positive"}}},
		{"X negative", func(p *model.Portfolio) { pilot(p).X = model.Number(-5) }, []model.Problem{{pf + ".X", "-5: the investment must be positive"}}},
		{"X NaN", func(p *model.Portfolio) { pilot(p).X = model.Number(nan) }, []model.Problem{{pf + ".X", "is not a finite number"}}},
		{"X infinite", func(p *model.Portfolio) { pilot(p).X = model.Number(inf) }, []model.Problem{{pf + ".X", "is not a finite number"}}},
		{"sigma above 3", func(p *model.Portfolio) { pilot(p).Sigma = model.Number(3.5) }, []model.Problem{{pf + ".sigma", "3.5 is outside [0, 3] (volatility per year)"}}},
		{"sigma negative", func(p *model.Portfolio) { pilot(p).Sigma = model.Number(-0.1) }, []model.Problem{{pf + ".sigma", "-0.1 is outside [0, 3] (volatility per year)"}}},
		{"deadline missing", func(p *model.Portfolio) { pilot(p).Deadline = model.Date{} }, []model.Problem{{pf + ".deadline", "is missing"}}},
		{"deadline on the as-of date", func(p *model.Portfolio) { pilot(p).Deadline = p.AsOf },
			[]model.Problem{{pf + ".deadline", "2026-10-01 is not after the as-of date 2026-10-01"}}},
		{"deadline before the as-of date", func(p *model.Portfolio) { pilot(p).Deadline = model.NewDate(2025, time.March, 9) },
			[]model.Problem{{pf + ".deadline", "2025-03-09 is not after the as-of date 2026-10-01"}}},
		{"leakage above 1", func(p *model.Portfolio) { pilot(p).Leakage = 1.5 }, []model.Problem{{pf + ".q", "1.5: leakage must be within [-1, 1] per year"}}},
		{"rate NaN", func(p *model.Portfolio) { pilot(p).Rate = rate(nan) }, []model.Problem{{pf + ".r", "is not a finite number"}}},
		{"rate -100%", func(p *model.Portfolio) { pilot(p).Rate = rate(-1) }, []model.Problem{{pf + ".r", "-1 is not a usable rate: want -63.21% <= r <= 100% (discrete, per year)"}}},
		// Limits the engine applies, named by the field typed.
		{"stage cost 1e15", func(p *model.Portfolio) {
			pilot(p).Kind, pilot(p).StageCost, pilot(p).StageDeadline = model.KindStaged, 1e15, model.NewDate(2027, time.January, 1)
		}, []model.Problem{{pf + ".stage_cost", "1e+15 plus X = 420 gives a whole investment of 1.00000000000042e+15, above the limit 1e+15"}}},
		{"stage cost 2e15", func(p *model.Portfolio) { pilot(p).StageCost = 2e15 }, []model.Problem{{pf + ".stage_cost", "2e+15 is above the limit 1e+15"}}},
		{"salvage 2e15", func(p *model.Portfolio) { pilot(p).Salvage = 2e15 }, []model.Problem{{pf + ".salvage", "2e+15 is above the limit 1e+15"}}},
		{"expand factor 2e6", func(p *model.Portfolio) { pilot(p).Kind, pilot(p).ExpandFactor = model.KindExpand, 2e6 }, []model.Problem{{pf + ".expand_factor", "2e+06 is above the limit 1e6"}}},
		{"expand factor times S", func(p *model.Portfolio) {
			pilot(p).Kind, pilot(p).ExpandFactor, pilot(p).S = model.KindExpand, 1e6, model.Number(1e10)
		}, []model.Problem{{pf + ".expand_factor", "1e+06 times S = 1e+10 gives 1e+16, above the limit 1e+15"}}},
		{"deadline 150 years out", func(p *model.Portfolio) { pilot(p).Deadline = model.NewDate(2176, time.October, 1) },
			[]model.Problem{{pf + ".deadline", "2176-10-01 is 150.0 years after the as-of date 2026-10-01, more than the 100 years the engine prices"}}},
		{"sigma*sqrt(t) above 20", func(p *model.Portfolio) {
			pilot(p).Deadline, pilot(p).Sigma = model.NewDate(2086, time.October, 1), model.Number(3)
		},
			[]model.Problem{{pf + ".sigma", "3 gives sigma*sqrt(t) = 23.2 over 60.0 years, above the limit 20"}}},
		{"expand without factor", func(p *model.Portfolio) { pilot(p).Kind = model.KindExpand },
			[]model.Problem{{pf + ".expand_factor", "an option of kind expand needs the fraction of S it gains (> 0)"}}},
		{"expand factor infinite", func(p *model.Portfolio) { pilot(p).ExpandFactor = inf }, []model.Problem{{pf + ".expand_factor", "is not a finite number"}}},
		{"contract factor above 1", func(p *model.Portfolio) { pilot(p).ContractFactor = 1.5 }, []model.Problem{{pf + ".contract_factor", "1.5 must be within [0, 1]"}}},
		{"contract without factor", func(p *model.Portfolio) { pilot(p).Kind = model.KindContract },
			[]model.Problem{{pf + ".contract_factor", "an option of kind contract needs the fraction of S it gives up (> 0)"}}},
		{"salvage negative", func(p *model.Portfolio) { pilot(p).Salvage = -1 }, []model.Problem{{pf + ".salvage", "-1 must not be negative"}}},
		{"stage cost infinite", func(p *model.Portfolio) { pilot(p).StageCost = inf }, []model.Problem{{pf + ".stage_cost", "is not a finite number"}}},
		{"staged without stage deadline", func(p *model.Portfolio) { pilot(p).Kind = model.KindStaged },
			[]model.Problem{{pf + ".stage_deadline", "an option of kind staged needs the date of its first stage"}}},
		{"stage deadline after deadline", func(p *model.Portfolio) {
			pilot(p).Kind, pilot(p).StageDeadline = model.KindStaged, model.NewDate(2027, time.May, 1)
		}, []model.Problem{{pf + ".stage_deadline", "2027-05-01 is after the deadline 2027-04-01"}}},
		{"risk without description", func(p *model.Portfolio) { pilot(p).Risks[0].Description = "" }, []model.Problem{{pf + ".risks[0].description", "is empty"}}},
		{"assumption without name", func(p *model.Portfolio) { pilot(p).Assumptions[0].Name = " " }, []model.Problem{{pf + ".assumptions[0].name", "is empty"}}},
		{"assumption confidence", func(p *model.Portfolio) { pilot(p).Assumptions[0].Confidence = "sure" },
			[]model.Problem{{pf + ".assumptions[0].confidence", `"sure": want low, medium or high`}}},

		// Links.
		{"link kind unknown", func(p *model.Portfolio) { p.Links[0].Kind = "blocks" }, []model.Problem{{"links[0].kind", `"blocks": want gates, follow_on, excludes or synergy`}}},
		{"link to another portfolio's initiative", func(p *model.Portfolio) { p.Links[0].To = "elsewhere" },
			[]model.Problem{{"links[0].to", `"elsewhere" is not an initiative of this portfolio`}}},
		{"link from an unknown initiative", func(p *model.Portfolio) { p.Links[0].From = "ghost" },
			[]model.Problem{{"links[0].from", `"ghost" is not an initiative of this portfolio`}}},
		{"self-link", func(p *model.Portfolio) { p.Links[0].To = "pilot" },
			[]model.Problem{{"links[0]", `links "pilot" to itself`}, {"links", "gates and follow-on links form a cycle: pilot -> pilot"}}},
		{"correlation above 1", func(p *model.Portfolio) { p.Links[0].Correlation = 1.5 }, []model.Problem{{"links[0].correlation", "1.5 is outside [-1, 1]"}}},
		{"cycle of gates and follow-ons", func(p *model.Portfolio) {
			p.Links = append(p.Links, model.Link{From: "rollout", To: "pilot", Kind: model.LinkFollowOn})
		}, []model.Problem{{"links", "gates and follow-on links form a cycle: pilot -> rollout -> pilot"}}},

		// Decisions, learning, snapshots.
		{"decision on an unknown initiative", func(p *model.Portfolio) { p.Decisions[0].Initiative = "ghost" },
			[]model.Problem{{"decisions[0].initiative", `"ghost" is not an initiative of this portfolio`}}},
		{"decision unknown", func(p *model.Portfolio) { p.Decisions[0].Decision = "maybe" }, []model.Problem{{"decisions[0].decision", `"maybe": want invest, wait or abandon`}}},
		{"decision date missing", func(p *model.Portfolio) { p.Decisions[0].Date = model.Date{} }, []model.Problem{{"decisions[0].date", "is missing"}}},
		{"decision numbers NaN", func(p *model.Portfolio) { p.Decisions[0].Numbers.NPVq = nan }, []model.Problem{{"decisions[0].numbers.npvq", "is not a finite number"}}},
		{"learning on an unknown initiative", func(p *model.Portfolio) { p.Learning[0].Initiative = "ghost" },
			[]model.Problem{{"learning[0].initiative", `"ghost" is not an initiative of this portfolio`}}},
		{"learning empty", func(p *model.Portfolio) { p.Learning[0].Learned = "" }, []model.Problem{{"learning[0].learned", "is empty"}}},
		{"learning cost negative", func(p *model.Portfolio) { p.Learning[0].Cost = -3 }, []model.Problem{{"learning[0].cost", "must be a finite number, not negative"}}},
		{"snapshot label empty", func(p *model.Portfolio) { p.Snapshots[0].Label = "" }, []model.Problem{{"snapshots[0].label", "is empty"}}},
		{"snapshot label twice", func(p *model.Portfolio) { p.Snapshots = append(p.Snapshots, p.Snapshots[0]) },
			[]model.Problem{{"snapshots[1].label", `"Q3" is used by another snapshot`}}},
		{"snapshot numbers infinite", func(p *model.Portfolio) { p.Snapshots[0].Numbers = map[string]model.Numbers{"pilot": {Value: inf}} },
			[]model.Problem{{`snapshots[0].numbers["pilot"].value`, "is not a finite number"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := base()
			c.edit(p)
			err := p.Validate()
			if c.probs == nil {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			var ve *model.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Validate = %v, want a *ValidationError", err)
			}
			if !reflect.DeepEqual(ve.Problems, c.probs) {
				t.Fatalf("problems\n got %q\nwant %q", ve.Problems, c.probs)
			}
		})
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	p := base()
	p.Name = ""
	p.Initiatives[0].Sigma = model.Number(4)
	p.Initiatives[1].X = model.Number(0)
	err := p.Validate()
	var ve *model.ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 3 {
		t.Fatalf("Validate = %v, want 3 problems", err)
	}
	want := "invalid portfolio: 3 problems:\n" +
		"  - name: is empty\n" +
		`  - initiatives["Pilot"].sigma: 4 is outside [0, 3] (volatility per year)` + "\n" +
		`  - initiatives["Rollout"].X: 0: the investment must be positive`
	if err.Error() != want {
		t.Fatalf("message\n%s\nwant\n%s", err, want)
	}
	if got := ve.For(`initiatives["Rollout"]`); len(got) != 1 || got[0].Field != `initiatives["Rollout"].X` {
		t.Fatalf("For = %v", got)
	}
	one := base()
	one.Name = ""
	if got := one.Validate().Error(); got != "invalid portfolio: name: is empty" {
		t.Fatalf("one problem: %q", got)
	}
}

func TestFindCycle(t *testing.T) {
	for _, c := range []struct {
		next map[string][]string
		want []string
	}{
		{nil, nil},
		{map[string][]string{"a": {"b"}, "b": {"c"}}, nil},
		{map[string][]string{"a": {"b", "c"}, "b": {"d"}, "c": {"d"}}, nil}, // a diamond is no cycle
		{map[string][]string{"a": {"a"}}, []string{"a", "a"}},
		{map[string][]string{"a": {"b"}, "b": {"c"}, "c": {"a"}}, []string{"a", "b", "c", "a"}},
		{map[string][]string{"x": {"y"}, "y": {"z"}, "z": {"y"}}, []string{"y", "z", "y"}},
	} {
		if got := model.FindCycle(c.next); !reflect.DeepEqual(got, c.want) {
			t.Errorf("FindCycle(%v) = %v, want %v", c.next, got, c.want)
		}
	}
}

func TestIsIdentifierSlugUniqueID(t *testing.T) {
	for s, want := range map[string]bool{"members": true, "_x1": true, "A_b_9": true, "": false, "9a": false, "a-b": false, "ä": false, "a b": false} {
		if got := model.IsIdentifier(s); got != want {
			t.Errorf("IsIdentifier(%q) = %v", s, got)
		}
	}
	for in, want := range map[string]string{"Customer community pilot": "customer-community-pilot", "  Café & Co. 2! ": "caf-co-2", "日本": "initiative", "a--b": "a-b"} {
		if got := model.Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	p := base()
	p.Initiatives = append(p.Initiatives, model.Initiative{ID: "pilot-2"})
	if got := p.UniqueID("Pilot"); got != "pilot-3" {
		t.Errorf("UniqueID = %q, want pilot-3", got)
	}
	if got := p.UniqueID("New one"); got != "new-one" {
		t.Errorf("UniqueID = %q", got)
	}
}

func TestCloneIsDeep(t *testing.T) {
	p := base()
	r := 0.05
	p.Initiatives[0].Rate = &r
	p.Snapshots[0].Numbers = map[string]model.Numbers{"pilot": {S: 1}}
	q := p.Clone()
	if !reflect.DeepEqual(p, q) {
		t.Fatal("clone differs")
	}
	*q.Initiatives[0].Rate = 0.09
	q.Initiatives[0].Assumptions[0].Name = "changed"
	q.Tags[0] = "changed"
	q.Snapshots[0].Numbers["pilot"] = model.Numbers{S: 2}
	q.Links[0].Kind = model.LinkSynergy
	if *p.Initiatives[0].Rate != 0.05 || p.Initiatives[0].Assumptions[0].Name != "Members" || p.Tags[0] != "community" ||
		p.Snapshots[0].Numbers["pilot"].S != 1 || p.Links[0].Kind != model.LinkGates {
		t.Fatal("editing the clone changed the original")
	}
	if err := (&model.Portfolio{}).Clone().Validate(); err == nil {
		t.Fatal("an empty portfolio validates")
	}
}

func TestDatesAndT(t *testing.T) {
	p := base()
	in := &p.Initiatives[0] // 2026-10-01 to 2027-04-01: 182 days
	if got, want := p.T(in), 182/365.25; got != want {
		t.Errorf("T = %v, want %v", got, want)
	}
	in.Deadline = model.NewDate(2025, time.January, 1)
	if p.T(in) != 0 {
		t.Error("T of a past deadline is not 0")
	}
	if got := p.RiskFree(in); got != 0.04 {
		t.Errorf("RiskFree = %v", got)
	}
	if _, err := model.ParseDate("2026-13-01"); err == nil || err.Error() != `date "2026-13-01": want YYYY-MM-DD` {
		t.Errorf("ParseDate error %v", err)
	}
	if got := model.NewDate(2026, time.January, 31).AddMonths(1).String(); got != "2026-03-03" {
		t.Errorf("AddMonths = %s (time.AddDate normalises Feb 31 to Mar 3)", got)
	}
}
