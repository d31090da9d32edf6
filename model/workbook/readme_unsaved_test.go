package workbook_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/optionspace/optionspace/model/workbook"
)

// TestReadMeFormulaWithoutSavedValue: a formula with no saved value in the
// Read me's "portfolio" (B2) or "as of" (B3) cell of the template is
// refused naming its cell, as in Initiatives; it was read as blank, and
// the import was named after the file, as of today, silently.
func TestReadMeFormulaWithoutSavedValue(t *testing.T) {
	for _, c := range []struct{ cell, column, formula string }{
		{"B2", "portfolio", `UPPER("x")`},
		{"B3", "as of", "TODAY()"},
	} {
		var tpl bytes.Buffer
		if err := workbook.WriteTemplate(&tpl); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&tpl)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := f.GetCellValue(workbook.SheetReadMe, "A"+c.cell[1:]); got != c.column {
			t.Fatalf("the template's Read me has %q in A%s, want %q", got, c.cell[1:], c.column)
		}
		// A blank cell first: the template's holds an empty string, which
		// excelize would keep as the formula's saved value.
		if err := f.SetCellValue(workbook.SheetReadMe, c.cell, nil); err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellFormula(workbook.SheetReadMe, c.cell, c.formula); err != nil {
			t.Fatal(err)
		}
		data := saved(t, f, nil)
		f.Close()
		imp, err := workbook.Read(bytes.NewReader(data), workbook.Options{Fallback: "clients"})
		want := "sheet Read me, cell " + c.cell + " (" + c.column + "): holds the formula =" + c.formula + " with no saved value: open and save the workbook in Excel or LibreOffice first"
		if err == nil || !strings.Contains(err.Error(), want) {
			var name string
			if imp != nil && imp.Portfolio != nil {
				name = imp.Portfolio.Name + " as of " + imp.Portfolio.AsOf.String()
			}
			t.Errorf("%s: error %v (imported %q), want %q", c.cell, err, name, want)
		}
	}
}
