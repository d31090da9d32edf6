package portfolio_test

import (
	"fmt"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

func ExampleEngine_SetDriver() {
	p := model.NewSCRMTemplate("example", model.NewDate(2026, time.January, 1))
	p.Settings.Discounting = valuation.Continuous
	p.Settings.RiskFree = 0.05
	p.Drivers = []model.Driver{{Name: "members", Value: 1000, Low: 500, High: 2000}}
	p.Initiatives = []model.Initiative{{ID: "community", Name: "Community", Tag: "community", Kind: model.KindDefer,
		Status: model.StatusOpen, S: model.Formula("members * 100"), X: model.Number(110000), Sigma: model.Number(0.4),
		Deadline: model.NewDate(2029, time.January, 1)}}
	en, err := portfolio.NewEngine(p, portfolio.Options{WithLinks: true})
	if err != nil {
		panic(err)
	}
	im, err := en.SetDriver("members", 1500)
	if err != nil {
		panic(err)
	}
	for _, m := range im.Moved {
		fmt.Printf("%s: value %.0f -> %.0f, region %d -> %d\n", m.Name, m.Before.Value, m.After.Value, m.Before.Region, m.After.Region)
	}
	// Output:
	// Community: value 29120 -> 67446, region 3 -> 2
}
