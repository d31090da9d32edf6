package modeltest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
)

// words holds names with the characters that break careless encoders:
// quotes, commas, newlines, non-ASCII letters, HTML and JSON punctuation.
var words = []string{"pilot", "Rollout", "Kundenforum", "café", "ünïcödé", "a,b", `say "hi"`, "line\nbreak",
	"<script>", "tab\there", "{json}", "[x]", "back\\slash", "€ 5", "日本", "x", "  padded  ", "emoji 🎉"}

func text(r *rand.Rand, n int) string {
	var parts []string
	for range 1 + r.IntN(n) {
		parts = append(parts, words[r.IntN(len(words))])
	}
	return strings.Join(parts, " ")
}

// oneLine is text for a single-line field (a name, an owner, a label):
// the same words with line breaks and tabs as spaces, which validation
// refuses there (the same random draws as text, so that the portfolios
// are otherwise those text makes).
func oneLine(r *rand.Rand, n int) string {
	return singleLine.Replace(text(r, n))
}

var singleLine = strings.NewReplacer("\n", " ", "\t", " ")

func maybe(r *rand.Rand, s string) string {
	if r.IntN(2) == 0 {
		return ""
	}
	return s
}

// num returns a float that needs all 17 digits, within [lo, hi).
func num(r *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

// id is model.NewID drawn from r, so a seed gives the same portfolio.
func id(r *rand.Rand, prefix string) string { return fmt.Sprintf("%s-%08x", prefix, r.Uint32()) }

func date(r *rand.Rand, from model.Date, maxDays int) model.Date {
	return model.Date{Time: from.AddDate(0, 0, 1+r.IntN(maxDays))}
}

// Random returns a valid portfolio of up to n initiatives with every
// optional field sometimes set, drawn from r. Empty optional collections
// are nil, as ReadJSON returns them, so the portfolio survives a JSON
// round trip unchanged.
func Random(r *rand.Rand, n int) *model.Portfolio {
	asOf := model.NewDate(2020+r.IntN(10), time.Month(1+r.IntN(12)), 1+r.IntN(28))
	p := model.NewSCRMTemplate("portfolio "+oneLine(r, 3), asOf)
	p.Description = maybe(r, text(r, 8))
	p.Client = maybe(r, oneLine(r, 2))
	p.Author = maybe(r, oneLine(r, 2))
	p.Currency = []string{"EUR", "USD", "£", "CHF"}[r.IntN(4)]
	if r.IntN(2) == 0 {
		p.Settings.Discounting = valuation.Continuous
	}
	p.Settings.RiskFree = num(r, -0.01, 0.12)
	p.Settings.Thresholds = valuation.Thresholds{InvestNowPremium: num(r, 0, 0.05), ProbablyNever: num(r, 0, 0.05), MaybeLater: num(r, 0.05, 0.5)}
	if r.IntN(3) == 0 {
		p.Tags = append(p.Tags, "extra "+oneLine(r, 1))
	}
	for i := range r.IntN(5) {
		lo := num(r, -100, 100)
		hi := lo + num(r, 0, 1000)
		p.Drivers = append(p.Drivers, model.Driver{Name: fmt.Sprintf("d%d_%s", i, []string{"rate", "members", "x"}[r.IntN(3)]),
			Label: maybe(r, oneLine(r, 3)), Unit: maybe(r, "EUR"), Value: num(r, lo, hi), Low: lo, High: hi})
	}
	ni := r.IntN(n + 1)
	for i := range ni {
		p.Initiatives = append(p.Initiatives, randomInitiative(r, p, i))
	}
	for range r.IntN(2*ni + 1) {
		a, b := r.IntN(ni), r.IntN(ni)
		if a == b {
			continue
		}
		kind := model.LinkKinds[r.IntN(len(model.LinkKinds))]
		if (kind == model.LinkGates || kind == model.LinkFollowOn) && a > b {
			a, b = b, a // forward only: no cycles
		}
		l := model.Link{From: p.Initiatives[a].ID, To: p.Initiatives[b].ID, Kind: kind, Note: maybe(r, text(r, 3))}
		if kind == model.LinkSynergy {
			l.Correlation = num(r, -1, 1)
		}
		p.Links = append(p.Links, l)
	}
	if ni == 0 {
		return p
	}
	pick := func() string { return p.Initiatives[r.IntN(ni)].ID }
	for range r.IntN(3) {
		d := model.Decision{ID: id(r, "dec"), Date: date(r, asOf, 400), Initiative: pick(),
			Decision:  []model.DecisionKind{model.DecideInvest, model.DecideWait, model.DecideAbandon}[r.IntN(3)],
			Rationale: maybe(r, text(r, 6)), Who: maybe(r, oneLine(r, 1)),
			Numbers: model.Numbers{S: num(r, 0, 1e6), X: num(r, 1, 1e6), T: num(r, 0, 3), Sigma: num(r, 0, 1), Value: num(r, 0, 1e6),
				NPV: num(r, -1e6, 1e6), NPVq: num(r, 0, 3), CumVol: num(r, 0, 2), Region: 1 + r.IntN(6)}}
		if r.IntN(2) == 0 {
			d.Review, d.ReviewDate = text(r, 5), date(r, d.Date, 300)
		}
		p.Decisions = append(p.Decisions, d)
	}
	for range r.IntN(3) {
		l := model.LearningEntry{ID: id(r, "learn"), Date: date(r, asOf, 200), Initiative: pick(), Learned: text(r, 6), Cost: num(r, 0, 1e5)}
		for range r.IntN(3) {
			l.Changes = append(l.Changes, model.InputChange{Input: "sigma", Before: fmt.Sprint(num(r, 0, 1)), After: fmt.Sprint(num(r, 0, 1))})
		}
		p.Learning = append(p.Learning, l)
	}
	for i := range r.IntN(3) {
		s := model.Snapshot{ID: id(r, "snap"), Label: fmt.Sprintf("Q%d %s", i+1, oneLine(r, 2)), Taken: date(r, asOf, 300),
			AsOf: asOf, Settings: p.Settings, Initiatives: p.Clone().Initiatives, Drivers: p.Clone().Drivers, Links: p.Clone().Links}
		if r.IntN(2) == 0 {
			s.Numbers = map[string]model.Numbers{pick(): {S: num(r, 0, 1e6), X: num(r, 1, 1e6), Region: 1 + r.IntN(6)}}
		}
		p.Snapshots = append(p.Snapshots, s)
	}
	return p
}

func randomInitiative(r *rand.Rand, p *model.Portfolio, i int) model.Initiative {
	name := fmt.Sprintf("%d %s", i, oneLine(r, 3))
	in := model.Initiative{
		ID:        p.UniqueID(name),
		Name:      name,
		Rationale: maybe(r, text(r, 10)),
		Owner:     maybe(r, oneLine(r, 2)),
		Tag:       p.Tags[r.IntN(len(p.Tags))],
		Kind:      model.OptionKinds[r.IntN(len(model.OptionKinds))],
		Status:    model.Statuses[r.IntN(len(model.Statuses))],
		S:         model.Number(num(r, 0, 1e7)),
		X:         model.Number(num(r, 1, 1e7)),
		Sigma:     model.Number(num(r, 0, 3)),
		Deadline:  date(r, p.AsOf, 3000),
		Leakage:   num(r, 0, 0.2),
	}
	if len(p.Drivers) > 0 && r.IntN(3) == 0 {
		in.S = model.Formula(p.Drivers[0].Name + " * 1000")
	}
	if r.IntN(4) == 0 {
		in.X = model.Formula("2 * (1 + 3)")
	}
	if r.IntN(3) == 0 {
		rate := num(r, 0, 0.1)
		in.Rate = &rate
	}
	switch in.Kind {
	case model.KindExpand:
		in.ExpandFactor = num(r, 0.01, 2)
	case model.KindContract:
		in.ContractFactor = num(r, 0.01, 1)
	case model.KindChoose:
		in.ExpandFactor, in.ContractFactor, in.Salvage = num(r, 0.01, 2), num(r, 0, 1), num(r, 0, 1e6)
	case model.KindStaged:
		in.StageCost = num(r, 0, 1e5)
		in.StageDeadline = model.Date{Time: p.AsOf.AddDate(0, 0, 1+r.IntN(int(in.Deadline.Sub(p.AsOf.Time).Hours()/24)))}
	}
	for range r.IntN(3) {
		a := model.Assumption{Name: oneLine(r, 2), Value: oneLine(r, 1), Source: maybe(r, oneLine(r, 3)), Confidence: []string{"", "low", "medium", "high"}[r.IntN(4)]}
		if r.IntN(2) == 0 {
			a.Date = date(r, p.AsOf, 100)
		}
		in.Assumptions = append(in.Assumptions, a)
	}
	for range r.IntN(3) {
		in.Risks = append(in.Risks, model.Risk{Description: text(r, 4), Mitigation: maybe(r, text(r, 4)), Owner: maybe(r, oneLine(r, 1)),
			Status: []string{"", "open", "mitigated", "closed"}[r.IntN(4)]})
	}
	return in
}

// Large returns a valid portfolio with the given numbers of initiatives,
// links and drivers, each initiative with two assumptions and a risk: the
// size of the store's benchmarks (1,000, 2,000, 200), and ten times that
// for issue 19's 10,000 initiatives. Driver i has the value 100 + i within
// [50, 500], or [50, 2 (100 + i)] once 100 + i passes 500. With fewer than
// two initiatives there are no links (a link joins two).
func Large(initiatives, links, drivers int) *model.Portfolio {
	r := rand.New(rand.NewPCG(1, 2))
	asOf := model.NewDate(2026, time.October, 1)
	p := model.NewSCRMTemplate("Large portfolio", asOf)
	for i := range drivers {
		v, hi := 100+float64(i), 500.0
		if v > hi {
			hi = 2 * v
		}
		p.Drivers = append(p.Drivers, model.Driver{Name: fmt.Sprintf("driver_%d", i), Label: "Driver " + fmt.Sprint(i), Unit: "EUR",
			Value: v, Low: 50, High: hi})
	}
	for i := range initiatives {
		name := fmt.Sprintf("Initiative %04d", i)
		in := model.Initiative{ID: fmt.Sprintf("init-%04d", i), Name: name, Rationale: "Why initiative " + fmt.Sprint(i) + " exists, in one sentence of moderate length.",
			Owner: "Owner " + fmt.Sprint(i%17), Tag: model.SCRMTags[i%4], Kind: model.KindDefer, Status: model.StatusOpen,
			S: model.Number(num(r, 1e5, 1e7)), X: model.Number(num(r, 1e5, 1e7)), Sigma: model.Number(num(r, 0.1, 0.8)),
			Deadline: model.Date{Time: asOf.AddDate(0, 1+i%60, 0)}, Leakage: num(r, 0, 0.1),
			Assumptions: []model.Assumption{{Name: "Adoption", Value: "40%", Source: "Survey", Confidence: "medium"}, {Name: "Price", Value: "EUR 12", Confidence: "high"}},
			Risks:       []model.Risk{{Description: "Competitor moves first", Mitigation: "Pilot early", Owner: "PMO", Status: "open"}}}
		if drivers > 0 && i%5 == 0 {
			in.S = model.Formula(fmt.Sprintf("driver_%d * 1000", i%drivers))
		}
		p.Initiatives = append(p.Initiatives, in)
	}
	if initiatives < 2 {
		links = 0
	}
	for i := range links {
		a := i % initiatives
		b := (a + 1 + i/initiatives) % initiatives
		if a == b {
			b = (a + 1) % initiatives
		}
		if b < a {
			a, b = b, a // forward only: no cycles
		}
		kind := model.LinkKinds[i%4]
		l := model.Link{From: p.Initiatives[a].ID, To: p.Initiatives[b].ID, Kind: kind}
		if kind == model.LinkSynergy {
			l.Correlation = 0.3
		}
		p.Links = append(p.Links, l)
	}
	return p
}
