package workbook_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/model/workbook"
)

// TestFormulaWithoutSavedValue: a formula cell without a cached value (as
// a program that does not calculate writes it) is reported as such, in a
// required column (it was "is empty") and in an optional one (it was read
// as blank, silently).
func TestFormulaWithoutSavedValue(t *testing.T) {
	for _, c := range []struct{ cell, column string }{{"D2", "X"}, {"G2", "q"}} {
		row := []any{"A", "community", 100, 90, 0.3, "2030-01-01", 0}
		if c.cell == "D2" {
			row[3] = nil
		} else {
			row[6] = nil
		}
		data := client(t, [][]any{header, row}, func(f *excelize.File) {
			if err := f.SetCellFormula(workbook.SheetInitiatives, c.cell, "1000*2"); err != nil {
				t.Fatal(err)
			}
		})
		_, err := workbook.Read(bytes.NewReader(data), workbook.Options{AsOf: model.NewDate(2027, 1, 1)})
		want := "sheet Initiatives, cell " + c.cell + " (" + c.column + "): holds the formula =1000*2 with no saved value: open and save the workbook in Excel or LibreOffice first"
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "is empty") {
			t.Errorf("%s: error %v, want %q", c.cell, err, want)
		}
	}
}

// TestReadMeNamesAWorkbookWithoutDataSheet: without the hidden data
// sheet, the name and as-of come from Options, then the Read me sheet,
// then Fallback and today.
func TestReadMeNamesAWorkbookWithoutDataSheet(t *testing.T) {
	p := modeltest.Sample(t)
	p.Name, p.AsOf = "Read me portfolio", model.NewDate(2026, 6, 30)
	strip := func(edit func(f *excelize.File)) []byte {
		f, err := excelize.OpenReader(bytes.NewReader(export(t, p)))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := f.DeleteSheet(workbook.SheetData); err != nil {
			t.Fatal(err)
		}
		return saved(t, f, edit)
	}
	read := func(data []byte, opt workbook.Options) *model.Portfolio {
		t.Helper()
		imp, err := workbook.Read(bytes.NewReader(data), opt)
		if err != nil {
			t.Fatal(err)
		}
		return imp.Portfolio
	}
	got := read(strip(nil), workbook.Options{Fallback: "file"})
	if got.Name != p.Name || got.AsOf != p.AsOf {
		t.Errorf("from the Read me: name %q as of %s, want %q %s", got.Name, got.AsOf, p.Name, p.AsOf)
	}
	got = read(strip(nil), workbook.Options{Name: "flag", AsOf: model.NewDate(2025, 1, 2), Fallback: "file"})
	if got.Name != "flag" || got.AsOf != model.NewDate(2025, 1, 2) {
		t.Errorf("with Options: name %q as of %s, want flag 2025-01-02", got.Name, got.AsOf)
	}
	// An as-of typed as an Excel date is read as that date.
	serial := strip(func(f *excelize.File) {
		if err := f.SetCellValue(workbook.SheetReadMe, "B3", 46203); err != nil { // 2026-06-30
			t.Fatal(err)
		}
	})
	if got = read(serial, workbook.Options{}); got.AsOf != p.AsOf {
		t.Errorf("Excel-date as-of: %s, want %s", got.AsOf, p.AsOf)
	}
	blank := strip(func(f *excelize.File) {
		for _, c := range []string{"B2", "B3"} {
			if err := f.SetCellValue(workbook.SheetReadMe, c, ""); err != nil {
				t.Fatal(err)
			}
		}
	})
	got = read(blank, workbook.Options{Fallback: "file"})
	if got.Name != "file" || got.AsOf != model.Today() {
		t.Errorf("blank Read me: name %q as of %s, want file %s", got.Name, got.AsOf, model.Today())
	}
	bad := strip(func(f *excelize.File) {
		if err := f.SetCellValue(workbook.SheetReadMe, "B3", "30/06/2026"); err != nil {
			t.Fatal(err)
		}
	})
	if _, err := workbook.Read(bytes.NewReader(bad), workbook.Options{}); err == nil || !strings.Contains(err.Error(), "sheet Read me, cell B3 (as of)") {
		t.Errorf("bad as-of: error %v, want it named by cell", err)
	}
	// The template leaves both blank: its import is named after the file.
	var b bytes.Buffer
	if err := workbook.WriteTemplate(&b); err != nil {
		t.Fatal(err)
	}
	if got = read(b.Bytes(), workbook.Options{Fallback: "clients"}); got.Name != "clients" || got.AsOf != model.Today() {
		t.Errorf("template: name %q as of %s, want clients %s", got.Name, got.AsOf, model.Today())
	}
}
