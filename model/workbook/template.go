package workbook

import (
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/optionspace/optionspace/model"
)

// templateRows is how many rows of the template's Initiatives sheet get
// the drop-down lists.
const templateRows = 1000

// WriteTemplate writes a workbook for a client to fill in: the
// Initiatives, Drivers and Links sheets with their headers, one example
// row on Initiatives and on Drivers to overwrite (imported unfilled, the
// template is a portfolio of that example), drop-down lists for tag (the SCRM tags), kind and status on
// the Initiatives sheet, and a Read me sheet. Read imports a filled-in
// template.
func WriteTemplate(w io.Writer) error {
	b, err := newBook("EUR")
	if err != nil {
		return err
	}
	f := b.f
	defer f.Close()
	if err := b.makeSheets(1, SheetReadMe, SheetInitiatives, SheetDrivers, SheetLinks); err != nil {
		return err
	}
	p := model.NewSCRMTemplate("Template", model.Today())
	example := model.Initiative{ID: "community", Name: "Launch a customer community", Tag: model.SCRMTags[0], Kind: model.KindDefer,
		Status: model.StatusOpen, S: model.Formula("members * 12"), X: model.Number(1_500_000), Sigma: model.Number(0.35),
		Deadline: p.AsOf.AddMonths(18), Owner: "Head of CRM", Rationale: "members who help each other call the contact center less"}
	p.Drivers = []model.Driver{{Name: "members", Label: "community members", Unit: "people", Value: 120000, Low: 60000, High: 200000}}
	// The drop-down lists go on the sheets before they are streamed.
	for _, l := range []struct {
		sheet, column string
		values        []string
	}{{SheetInitiatives, "tag", model.SCRMTags}, {SheetInitiatives, "kind", asStrings(model.OptionKinds)},
		{SheetInitiatives, "status", asStrings(model.Statuses)}, {SheetLinks, "kind", asStrings(model.LinkKinds)}} {
		if err := dropList(f, l.sheet, l.column, l.values); err != nil {
			return err
		}
	}
	// The Read me's name and as-of stay blank for the client to fill in:
	// an import takes them from there, else from the file name and today.
	blank := *p
	blank.Name, blank.AsOf = "", model.Date{}
	if err := writeReadMe(f, &blank, nil); err != nil {
		return err
	}
	if err := writeInitiatives(b, []model.Initiative{example}); err != nil {
		return err
	}
	if err := writeDrivers(b, p.Drivers); err != nil {
		return err
	}
	if err := writeLinks(b, nil); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// asStrings returns the values of a string enum (kinds, statuses) as
// strings, in their order.
func asStrings[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// dropList adds a data-validation list to a column of a sheet's rows 2 to
// templateRows+1.
func dropList(f *excelize.File, sheet, column string, values []string) error {
	cols := initiativeColumns
	if sheet == SheetLinks {
		cols = linkColumns
	}
	for i, c := range cols {
		if c.name != column {
			continue
		}
		name, _ := excelize.ColumnNumberToName(i + 1)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = name + "2:" + name + strconv.Itoa(templateRows+1)
		if err := dv.SetDropList(values); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, column, fmt.Sprintf("choose one of the listed %s values", column))
		return f.AddDataValidation(sheet, dv)
	}
	panic("workbook: dropList: no column " + column)
}

// DataSheet is a table of numbers or text for WriteSheets.
type DataSheet struct {
	Name   string
	Header []string
	// Rows hold string, float64 or int cells (nil for an empty cell).
	Rows [][]any
}

// WriteSheets writes tables (a chart's data) as a workbook, one sheet
// each, with a bold frozen header, a filter and fitted column widths.
func WriteSheets(w io.Writer, sheets []DataSheet) error {
	b, err := newBook("")
	if err != nil {
		return err
	}
	f := b.f
	defer f.Close()
	for i, s := range sheets {
		cols := make([]column, len(s.Header))
		for j, h := range s.Header {
			cols[j] = column{name: h, kind: num}
		}
		t, err := newTable(b, s.Name, cols)
		if err != nil {
			return err
		}
		if i == 0 {
			if err := f.DeleteSheet("Sheet1"); err != nil {
				return err
			}
		}
		for _, r := range s.Rows {
			if err := t.add(r...); err != nil {
				return err
			}
		}
		if err := t.finish(); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}
