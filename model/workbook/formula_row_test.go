package workbook_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/workbook"
)

// TestFormulaOnlyRowIsReported: an Initiatives row whose only content is
// formulas with no saved values was skipped as empty, silently (one
// initiative fewer); each of its cells is reported as a single such cell
// is. A formula in a column without a header is outside the table, as a
// value there is: that row stays an empty one.
func TestFormulaOnlyRowIsReported(t *testing.T) {
	valid := []any{"A", "community", 100, 90, 0.3, "2030-01-01", 0}
	formulas := func(cells ...string) func(f *excelize.File) {
		return func(f *excelize.File) {
			for _, c := range cells {
				if err := f.SetCellFormula(workbook.SheetInitiatives, c, "1000*2"); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	opt := workbook.Options{AsOf: model.NewDate(2027, 1, 1)}
	data := client(t, [][]any{header, valid}, formulas("A3", "C3"))
	imp, err := workbook.Read(bytes.NewReader(data), opt)
	for _, want := range []string{
		"sheet Initiatives, cell A3 (name): holds the formula =1000*2 with no saved value",
		"sheet Initiatives, cell C3 (S): holds the formula =1000*2 with no saved value",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			n := -1
			if imp != nil && imp.Portfolio != nil {
				n = len(imp.Portfolio.Initiatives)
			}
			t.Errorf("formula-only row 3: error %v (%d initiatives read), want %q", err, n, want)
		}
	}
	data = client(t, [][]any{header, valid}, formulas("H3"))
	imp, err = workbook.Read(bytes.NewReader(data), opt)
	if err != nil || len(imp.Portfolio.Initiatives) != 1 {
		t.Fatalf("formula only outside the table (H3): %v, want the one initiative read", err)
	}
}
