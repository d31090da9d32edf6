package model_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/optionspace/optionspace/model"
)

// Validate returns every problem at once, each naming its field; the UI
// and the CLI show the messages as they are.
func ExamplePortfolio_Validate() {
	p := model.NewSCRMTemplate("Northwind", model.NewDate(2026, time.October, 1))
	p.Initiatives = []model.Initiative{{ID: "pilot", Name: "Community pilot", Tag: "community", Kind: model.KindDefer,
		Status: model.StatusOpen, S: model.Number(700000), X: model.Number(0), Sigma: model.Number(3.5),
		Deadline: model.NewDate(2026, time.September, 1)}}
	p.Links = []model.Link{{From: "pilot", To: "rollout", Kind: model.LinkGates}}
	var ve *model.ValidationError
	if errors.As(p.Validate(), &ve) {
		for _, pr := range ve.Problems {
			fmt.Println(pr)
		}
	}
	// Output:
	// initiatives["Community pilot"].X: 0: the investment must be positive
	// initiatives["Community pilot"].sigma: 3.5 is outside [0, 3] (volatility per year)
	// initiatives["Community pilot"].deadline: 2026-09-01 is not after the as-of date 2026-10-01
	// links[0].to: "rollout" is not an initiative of this portfolio
}

// ReadCSV names the line and column of every problem and returns nothing
// unless the whole table is valid.
func ExampleReadCSV() {
	table := "name,tag,S,X,sigma,deadline\n" +
		"Community pilot,community,700000,420000,0.25,2027-04-01\n" +
		"Listening tool,analytics,lots,90000,4,2027-01-01\n"
	ins, err := model.ReadCSV(strings.NewReader(table))
	fmt.Println(len(ins), "initiatives")
	fmt.Println(err)
	// Output:
	// 0 initiatives
	// line 3, column sigma: 4 is outside [0, 3] (volatility per year)
}

// ReadJSON refuses what this build cannot read faithfully.
func ExampleReadJSON() {
	for _, doc := range []string{
		`{"name": "x"}`,
		`{"version": 2, "name": "x"}`,
		`{"version": 1, "name": "x", "colour": "red"}`,
	} {
		_, err := model.ReadJSON(strings.NewReader(doc))
		fmt.Println(err)
	}
	// Output:
	// not an Option Space portfolio: the "version" field is missing
	// the portfolio is in format version 2, newer than this Option Space reads (1): update Option Space
	// unknown field "colour" (this Option Space reads format version 1)
}
