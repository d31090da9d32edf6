package portfolio_test

import (
	"bytes"
	"fmt"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/samples"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// Compare says what moved between two valuations of one portfolio: here
// the SCRM sample before and after its community grows. The rollout's own
// value moves, but it is counted inside the pilot's value with follow-ons,
// so it adds to the total through the pilot: the Changes add up to the
// portfolio's change.
func ExampleCompare() {
	p, _ := model.ReadJSON(bytes.NewReader(samples.SCRMNorthwind))
	before, _ := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	p.Driver("members").Value = 150000
	after, _ := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	im := portfolio.Compare(before, after)
	fmt.Printf("portfolio %.0f -> %.0f\n", im.TotalBefore, im.TotalAfter)
	for _, m := range im.Moved {
		fmt.Printf("%s: %+.0f (stand-alone %+.0f), region %d -> %d", m.Name, m.Change(), m.StandAloneChange(), m.Before.Region, m.After.Region)
		if m.CountedIn != "" {
			fmt.Printf(", counted in %s (%s)", m.CountedInName, m.CountedIn)
		}
		fmt.Println()
	}
	fmt.Println(portfolio.DriverUsers(p, "members"))
	// Output:
	// portfolio 5063819 -> 5764422
	// Customer community pilot: +700603 (stand-alone +0), region 1 -> 1
	// Customer community rollout: +0 (stand-alone +645775), region 3 -> 2, counted in Customer community pilot (community-pilot)
	// [Customer community rollout]
}

// Deadlines lists the open decisions due within DeadlineDays, and those
// already passed: seven months after the sample's as-of date, two
// deadlines passed a month ago.
func ExampleDeadlines() {
	p, _ := model.ReadJSON(bytes.NewReader(samples.SCRMNorthwind))
	for _, d := range portfolio.Deadlines(p, p.AsOf.AddMonths(7), portfolio.DeadlineDays) {
		fmt.Println(d.Date, d.Days, d.Passed, d.Name)
	}
	// Output:
	// 2027-04-01 -30 true Customer community pilot
	// 2027-04-01 -30 true Route social posts to the contact center
}

// Explain splits a move into its causes: here the SCRM sample after its
// rollout is no longer gated by the pilot and its community grows. The
// rollout now counts on its own: what it would have added before, and its
// S moving through the members driver; the pilot loses its follow-on.
func ExampleExplain() {
	before, _ := model.ReadJSON(bytes.NewReader(samples.SCRMNorthwind))
	bv, _ := portfolio.Evaluate(before, portfolio.Options{WithLinks: true})
	after := before.Clone()
	var links []model.Link
	for _, l := range after.Links {
		if l.From != "community-pilot" || l.To != "community-rollout" {
			links = append(links, l)
		}
	}
	after.Links = links
	after.Driver("members").Value = 150000
	av, _ := portfolio.Evaluate(after, portfolio.Options{WithLinks: true})
	for _, m := range portfolio.Compare(bv, av).Moved {
		fmt.Printf("%s %+.0f:", m.Name, m.Change())
		for _, c := range portfolio.Explain(m, before, bv, after, av) {
			fmt.Printf(" %s %+.0f %v", c.Input, c.Delta, c.Drivers)
		}
		fmt.Println()
	}
	// Output:
	// Customer community rollout +2169564: counting +1468960 [] S +645775 [members] follow-ons +54829 []
	// Customer community pilot -1468960: follow-ons -1468960 []
}
