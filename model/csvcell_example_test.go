package model_test

import (
	"fmt"
	"os"

	"github.com/optionspace/optionspace/model"
)

// Cells a spreadsheet would run as a formula get a quote; numbers do not,
// and UnescapeCSVCell gives the original back.
func ExampleEscapeCSVCell() {
	for _, s := range []string{"=HYPERLINK(\"x\")", "-5", "Pilot"} {
		e := model.EscapeCSVCell(s)
		fmt.Println(e, model.UnescapeCSVCell(e) == s)
	}
	// Output:
	// '=HYPERLINK("x") true
	// -5 true
	// Pilot true
}

// Every CSV writer of the product escapes its cells through a CSVWriter.
func ExampleNewCSVWriter() {
	w := model.NewCSVWriter(os.Stdout)
	w.Write([]string{"name", "q"})
	w.Write([]string{"@owner's pick", "-0.02"})
	w.Flush()
	// Output:
	// name,q
	// '@owner's pick,-0.02
}
