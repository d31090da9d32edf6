package workbook_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/model/workbook"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

func export(t testing.TB, p *model.Portfolio) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := workbook.Write(&b, p); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestRoundTrip: export, import, export gives the same JSON, for the
// sample (decisions, learning, snapshots, cash flows) and for random
// portfolios.
func TestRoundTrip(t *testing.T) {
	ps := []*model.Portfolio{modeltest.Sample(t)}
	for i := 0; i < 3; i++ {
		ps = append(ps, modeltest.Large(30+i, 10, 5))
	}
	for _, p := range ps {
		imp, err := workbook.Read(bytes.NewReader(export(t, p)), workbook.Options{})
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		if got, want := modeltest.JSON(t, imp.Portfolio), modeltest.JSON(t, p); got != want {
			t.Fatalf("%s: round trip differs:\n got %.2000s\nwant %.2000s", p.Name, got, want)
		}
		if len(imp.Notes) != 0 {
			t.Errorf("notes on our own workbook: %v", imp.Notes)
		}
	}
}

// TestEditedSheetWins: a value changed in the Initiatives sheet is what
// the import holds; the rest of the initiative (assumptions) is kept.
func TestEditedSheetWins(t *testing.T) {
	p := modeltest.Sample(t)
	f, err := excelize.OpenReader(bytes.NewReader(export(t, p)))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue(workbook.SheetInitiatives, "H2", 0.55); err != nil { // sigma of the first initiative
		t.Fatal(err)
	}
	imp, err := workbook.Read(bytes.NewReader(saved(t, f, nil)), workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := imp.Portfolio.Initiatives[0]
	if got.Sigma != model.Number(0.55) || len(got.Assumptions) != len(p.Initiatives[0].Assumptions) {
		t.Fatalf("sigma %v, %d assumptions", got.Sigma, len(got.Assumptions))
	}
}

// python returns a Python 3 with openpyxl, or skips (fails under CI=true).
func python(t *testing.T) string {
	t.Helper()
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		path, err := exec.LookPath(py)
		if err != nil {
			continue
		}
		if exec.Command(path, "-c", "import openpyxl").Run() == nil {
			return path
		}
	}
	msg := "Python 3 with openpyxl not found: install it with `sudo apt-get install python3-openpyxl` (.ci/deps.sh test does)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

func runPython(t *testing.T, script string, args ...string) []byte {
	t.Helper()
	py := python(t)
	file := filepath.Join(t.TempDir(), "script.py")
	if err := os.WriteFile(file, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, append([]string{file}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python: %v\n%s", err, stderr.String())
	}
	return out
}

// readScript dumps every sheet with openpyxl: values (numbers as Python
// floats, dates as ISO text), number formats, frozen panes and filters.
const readScript = `
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb.worksheets:
    rows = []
    for row in ws.iter_rows():
        cells = []
        for c in row:
            v = c.value
            if isinstance(v, (datetime.datetime, datetime.date)):
                v = {"date": v.strftime("%Y-%m-%d")}
            cells.append({"v": v, "fmt": c.number_format})
        rows.append(cells)
    out[ws.title] = {"rows": rows, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref, "state": ws.sheet_state,
                     "widths": {k: d.width for k, d in ws.column_dimensions.items()}}
json.dump(out, sys.stdout)
`

type pyCell struct {
	V   any    `json:"v"`
	Fmt string `json:"fmt"`
}

type pySheet struct {
	Rows   [][]pyCell         `json:"rows"`
	Freeze *string            `json:"freeze"`
	Filter *string            `json:"filter"`
	State  string             `json:"state"`
	Widths map[string]float64 `json:"widths"`
}

// TestOpenpyxlReadsExport: the exported workbook read by openpyxl holds
// the engine's numbers exactly, dates as dates, amounts in the portfolio's
// currency, sigma and rates as percentages, frozen filtered headers and
// fitted widths.
func TestOpenpyxlReadsExport(t *testing.T) {
	p := modeltest.Sample(t)
	file := filepath.Join(t.TempDir(), "p.xlsx")
	if err := os.WriteFile(file, export(t, p), 0o644); err != nil {
		t.Fatal(err)
	}
	var book map[string]pySheet
	if err := json.Unmarshal(runPython(t, readScript, file), &book); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{workbook.SheetReadMe, workbook.SheetInitiatives, workbook.SheetResults, workbook.SheetDrivers, workbook.SheetLinks,
		workbook.SheetDecisions, workbook.SheetLearning, workbook.SheetSnapshots, workbook.SheetCashFlows} {
		sh, ok := book[name]
		if !ok {
			t.Fatalf("no sheet %q", name)
		}
		if name == workbook.SheetReadMe {
			continue
		}
		if sh.Freeze == nil || *sh.Freeze != "A2" || sh.Filter == nil || !strings.HasPrefix(strings.ReplaceAll(*sh.Filter, "$", ""), "A1:") {
			t.Errorf("sheet %s: freeze %s filter %s", name, deref(sh.Freeze), deref(sh.Filter))
		}
	}
	if book[workbook.SheetData].State != "veryHidden" {
		t.Errorf("data sheet state %q", book[workbook.SheetData].State)
	}
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	res := book[workbook.SheetResults]
	col := map[string]int{}
	for i, c := range res.Rows[0] {
		col[c.V.(string)] = i
	}
	if len(res.Rows)-1 != len(v.Initiatives) {
		t.Fatalf("%d result rows for %d initiatives", len(res.Rows)-1, len(v.Initiatives))
	}
	checked := 0
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		row := res.Rows[i+1]
		if row[col["id"]].V != r.ID {
			t.Fatalf("row %d is %v, want %s", i+2, row[col["id"]].V, r.ID)
		}
		pos := r.Position
		for name, want := range map[string]float64{"S": r.S, "X": r.X, "t": r.T, "sigma": r.Sigma, "r": r.R, "q": r.Q,
			"value": pos.Value, "npv": pos.NPV, "npvq": pos.NPVq, "cumvol": pos.CumVol, "cs": pos.CallShare,
			"trigger": r.Trigger(), "follow_on": r.FollowOn, "with_follow_ons": r.WithFollowOns, "region": float64(pos.Region)} {
			got := row[col[name]].V
			if math.IsInf(want, 0) || math.IsNaN(want) {
				if got != nil {
					t.Errorf("%s %s = %v, want an empty cell", r.ID, name, got)
				}
				continue
			}
			if g, ok := got.(float64); !ok || g != want {
				t.Errorf("%s %s = %v, want %v (engine)", r.ID, name, got, want)
			}
			checked++
		}
		if row[col["method"]].V != pos.Method {
			t.Errorf("%s method %v, want %s", r.ID, row[col["method"]].V, pos.Method)
		}
		if f := row[col["value"]].Fmt; !strings.Contains(f, p.Currency) {
			t.Errorf("value format %q lacks the currency %s", f, p.Currency)
		}
		if f := row[col["sigma"]].Fmt; !strings.Contains(f, "%") {
			t.Errorf("sigma format %q is not a percentage", f)
		}
	}
	if checked < 100 {
		t.Fatalf("only %d numbers checked", checked)
	}
	ins := book[workbook.SheetInitiatives]
	for i, c := range ins.Rows[0] {
		col[c.V.(string)] = i
	}
	for i := range p.Initiatives {
		in := &p.Initiatives[i]
		row := ins.Rows[i+1]
		d, ok := row[col["deadline"]].V.(map[string]any)
		if !ok || d["date"] != in.Deadline.String() {
			t.Errorf("%s deadline %v, want the date %s", in.ID, row[col["deadline"]].V, in.Deadline)
		}
		if !in.Sigma.IsFormula() {
			if g, ok := row[col["sigma"]].V.(float64); !ok || g != in.Sigma.Value {
				t.Errorf("%s sigma %v, want %v", in.ID, row[col["sigma"]].V, in.Sigma.Value)
			}
		}
	}
	if w := ins.Widths["B"]; w < 20 {
		t.Errorf("name column width %v: not fitted to the names", w)
	}
}

// writeScript makes a client's workbook with openpyxl: columns in another
// order, an extra column and sheet, a date, a percentage stored as a
// number, and a formula cell whose cached value is added to the XML
// afterwards (openpyxl does not compute formulas; Excel stores the result
// next to the formula, which is what an import reads).
const writeScript = `
import sys, datetime, zipfile, openpyxl
path = sys.argv[1]
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Initiatives"
ws.append(["notes", "deadline", "sigma", "X", "S", "tag", "name", "kind", "q"])
ws.append(["an extra column", datetime.datetime(2030, 6, 30), 0.35, 90000, "=100000*2", "community", "Alpha", "defer", 0.02])
ws.append([None, datetime.date(2031, 1, 15), 0.2, 50000, 70000.5, "analytics", "Beta", "defer", None])
ws.append([None, None, None, None, None, None, None, None, None])
ws.append([None, datetime.date(2029, 3, 1), 0.25, 1000, "growth * 400", "action", "Gamma", "defer", None])
for r in (2, 3, 5):
    ws.cell(row=r, column=3).number_format = "0%"
d = wb.create_sheet("Drivers")
d.append(["value", "name", "high", "low"])
d.append([3, "growth", 5, 1])
wb.create_sheet("Client notes").append(["hello"])
wb.save(path + ".tmp")
with zipfile.ZipFile(path + ".tmp") as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
    for item in src.infolist():
        data = src.read(item.filename)
        if item.filename == "xl/worksheets/sheet1.xml":
            assert b"<f>100000*2</f><v></v>" in data, data
            data = data.replace(b"<f>100000*2</f><v></v>", b"<f>100000*2</f><v>200000</v>")
        dst.writestr(item, data)
`

// TestImportOpenpyxlWorkbook: a workbook written by openpyxl (not by
// excelize) imports: columns by name, dates, percentages as numbers, the
// formula cell by its cached value, extras ignored with notes.
func TestImportOpenpyxlWorkbook(t *testing.T) {
	file := filepath.Join(t.TempDir(), "client.xlsx")
	runPython(t, writeScript, file)
	imp, err := workbook.ReadFile(file, workbook.Options{Fallback: "client", AsOf: model.NewDate(2027, 1, 1)})
	if err != nil {
		t.Fatal(err)
	}
	p := imp.Portfolio
	if p.Name != "client" || len(p.Initiatives) != 3 || len(p.Drivers) != 1 {
		t.Fatalf("got %s with %d initiatives, %d drivers", p.Name, len(p.Initiatives), len(p.Drivers))
	}
	a, b, g := p.Initiatives[0], p.Initiatives[1], p.Initiatives[2]
	if a.Name != "Alpha" || a.S != model.Number(200000) || a.X != model.Number(90000) || a.Sigma != model.Number(0.35) ||
		a.Deadline.String() != "2030-06-30" || a.Leakage != 0.02 || a.ID != "alpha" {
		t.Errorf("Alpha: %+v", a)
	}
	if b.S != model.Number(70000.5) || b.Deadline.String() != "2031-01-15" || b.Sigma != model.Number(0.2) {
		t.Errorf("Beta: %+v", b)
	}
	if g.S != model.Formula("growth * 400") || g.Deadline.String() != "2029-03-01" {
		t.Errorf("Gamma: %+v", g)
	}
	if d := p.Drivers[0]; d.Name != "growth" || d.Value != 3 || d.Low != 1 || d.High != 5 {
		t.Errorf("driver %+v", d)
	}
	notes := strings.Join(imp.Notes, "\n")
	if !strings.Contains(notes, "sheet Client notes ignored") || !strings.Contains(notes, "column notes ignored") {
		t.Errorf("notes %q", notes)
	}
	if !slices.Contains(p.Tags, "community") || len(p.Tags) != len(model.SCRMTags) {
		t.Errorf("tags %v", p.Tags)
	}
	if _, err := portfolio.Evaluate(p, portfolio.Options{}); err != nil {
		t.Fatal(err)
	}
}

// client builds a small workbook with excelize from rows of the
// Initiatives sheet, applying edit before saving.
func client(t *testing.T, rows [][]any, edit func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", workbook.SheetInitiatives); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if err := f.SetSheetRow(workbook.SheetInitiatives, fmt.Sprintf("A%d", i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	return saved(t, f, edit)
}

// saved returns the bytes of f as saved, after applying edit when it is
// not nil.
func saved(t *testing.T, f *excelize.File, edit func(f *excelize.File)) []byte {
	t.Helper()
	if edit != nil {
		edit(f)
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var header = []any{"name", "tag", "S", "X", "sigma", "deadline", "q"}

// TestCellErrors: problems name the sheet, the cell and the column; the
// formulas the inspector refuses are refused.
func TestCellErrors(t *testing.T) {
	cases := []struct {
		row  []any
		want string
	}{
		{[]any{"A", "community", 100, 90, "abc", "2030-01-01", 0}, `sheet Initiatives, cell E2 (sigma): sigma = "abc": unknown name abc`},
		{[]any{"A", "community", 100, "ninety", 0.3, "2030-01-01", 0}, `sheet Initiatives, cell D2 (X): X = "ninety": unknown name ninety`},
		{[]any{"A", "community", 100, 90, 0.3, "2030-01-01", "lots"}, `sheet Initiatives, cell G2 (q): "lots" is not a number`},
		{[]any{"A", "community", "", 90, 0.3, "2030-01-01", 0}, "sheet Initiatives, cell C2 (S): is empty"},
		{[]any{"A", "community", "1/0", 90, 0.3, "2030-01-01", 0}, "sheet Initiatives, cell C2 (S)"},
		{[]any{"A", "community", "Exit(1)", 90, 0.3, "2030-01-01", 0}, "sheet Initiatives, cell C2 (S)"},
		{[]any{"A", "community", "1e999", 90, 0.3, "2030-01-01", 0}, "sheet Initiatives, cell C2 (S)"},
		{[]any{"A", "community", "sum(1..100000000)", 90, 0.3, "2030-01-01", 0}, "sheet Initiatives, cell C2 (S)"},
		{[]any{"A", "community", "=1+1", 90, 0.3, "2030-01-01", 0}, "sheet Initiatives, cell C2 (S)"},
		{[]any{"A", " ", 100, 90, 0.3, "2030-01-01", 0}, "sheet Initiatives, cell B2 (tag)"},
	}
	for _, c := range cases {
		_, err := workbook.Read(bytes.NewReader(client(t, [][]any{header, c.row}, nil)), workbook.Options{AsOf: model.NewDate(2027, 1, 1)})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("row %v: error %v, want %q", c.row, err, c.want)
		}
	}
}

// bounded runs fn and fails if it takes longer than d or allocates more
// than maxAlloc bytes in total.
func bounded(t *testing.T, d time.Duration, maxAlloc uint64, fn func() error) error {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	t0 := time.Now()
	err := fn()
	el := time.Since(t0)
	runtime.ReadMemStats(&after)
	t.Logf("%v, %d MB allocated", el, (after.TotalAlloc-before.TotalAlloc)>>20)
	if el > d {
		t.Errorf("took %v, more than %v", el, d)
	}
	if a := after.TotalAlloc - before.TotalAlloc; a > maxAlloc {
		t.Errorf("allocated %d MB, more than %d MB", a>>20, maxAlloc>>20)
	}
	return err
}

// zipWith returns a copy of the xlsx archive src with the named part
// replaced by the output of write.
func zipWith(t *testing.T, src []byte, part string, write func(w *zip.Writer)) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		if f.Name == part {
			continue
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		r, _ := f.Open()
		var buf bytes.Buffer
		buf.ReadFrom(r)
		w.Write(buf.Bytes())
	}
	write(zw)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestHostileWorkbooks: a zip bomb, a million rows, a 60 MB file, merged
// and empty cells and text in number columns are each refused with a
// clear message, in bounded time and memory.
func TestHostileWorkbooks(t *testing.T) {
	opt := workbook.Options{AsOf: model.NewDate(2027, 1, 1)}
	small := client(t, [][]any{header, {"A", "community", 100, 90, 0.3, "2030-01-01", 0}}, nil)
	if _, err := workbook.Read(bytes.NewReader(small), opt); err != nil {
		t.Fatalf("the valid base workbook: %v", err)
	}
	t.Run("zip bomb", func(t *testing.T) {
		bomb := zipWith(t, small, "xl/worksheets/sheet1.xml", func(zw *zip.Writer) {
			w, _ := zw.Create("xl/worksheets/sheet1.xml")
			chunk := make([]byte, 1<<20)
			for i := 0; i < 200; i++ { // 200 MB of zeros, about 200 KB zipped
				w.Write(chunk)
			}
		})
		if len(bomb) > 2<<20 {
			t.Fatalf("bomb is %d bytes", len(bomb))
		}
		err := bounded(t, 5*time.Second, 64<<20, func() error { _, err := workbook.Read(bytes.NewReader(bomb), opt); return err })
		if err == nil || !strings.Contains(err.Error(), "unpacks to more than 100 MB") {
			t.Fatalf("error %v", err)
		}
	})
	t.Run("a million rows", func(t *testing.T) {
		big := zipWith(t, small, "xl/worksheets/sheet1.xml", func(zw *zip.Writer) {
			w, _ := zw.Create("xl/worksheets/sheet1.xml")
			fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
			fmt.Fprint(w, `<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row>`)
			for i := 2; i <= 1_000_000; i++ {
				fmt.Fprintf(w, `<row r="%d"><c r="A%d"><v>%d</v></c></row>`, i, i, i)
			}
			fmt.Fprint(w, `</sheetData></worksheet>`)
		})
		err := bounded(t, 10*time.Second, 400<<20, func() error { _, err := workbook.Read(bytes.NewReader(big), opt); return err })
		if err == nil || !strings.Contains(err.Error(), "sheet Initiatives: has more than 100000 rows") {
			t.Fatalf("error %v", err)
		}
	})
	t.Run("60 MB file", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "big.xlsx")
		f, err := os.Create(file)
		if err != nil {
			t.Fatal(err)
		}
		f.Write(small)
		f.Truncate(60 << 20)
		f.Close()
		err = bounded(t, time.Second, 1<<20, func() error { _, err := workbook.ReadFile(file, opt); return err })
		if err == nil || !strings.Contains(err.Error(), "larger than 50 MB") {
			t.Fatalf("error %v", err)
		}
	})
	t.Run("merged cells", func(t *testing.T) {
		wb := client(t, [][]any{header, {"A", "community", 100, 90, 0.3, "2030-01-01", 0}, {"B"}}, func(f *excelize.File) {
			f.MergeCell(workbook.SheetInitiatives, "A3", "C3")
		})
		_, err := workbook.Read(bytes.NewReader(wb), opt)
		if err == nil || !strings.Contains(err.Error(), "sheet Initiatives: has merged cells (A3:C3)") {
			t.Fatalf("error %v", err)
		}
	})
	t.Run("empty cells and text in numbers", func(t *testing.T) {
		wb := client(t, [][]any{header, {"A", "community", nil, 90, 0.3, "2030-01-01", 0}, {}, {"B", "community", 100, "ninety", 0.3, nil, "x"}}, nil)
		_, err := workbook.Read(bytes.NewReader(wb), opt)
		for _, want := range []string{"cell C2 (S): is empty", "cell F4 (deadline): is empty", `cell G4 (q): "x" is not a number`} {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("error %v, want %q", err, want)
			}
		}
	})
	t.Run("not a workbook", func(t *testing.T) {
		_, err := workbook.Read(strings.NewReader("name,tag\n"), opt)
		if err == nil || !strings.Contains(err.Error(), "not an Excel workbook") {
			t.Fatalf("error %v", err)
		}
	})
}

// TestTemplate: the template has the headers, an example row that
// imports, and drop-down lists for tag, kind and status.
func TestTemplate(t *testing.T) {
	var b bytes.Buffer
	if err := workbook.WriteTemplate(&b); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	dvs, err := f.GetDataValidations(workbook.SheetInitiatives)
	if err != nil {
		t.Fatal(err)
	}
	lists := map[string]string{}
	for _, dv := range dvs {
		lists[dv.Sqref] = dv.Formula1
	}
	for ref, want := range map[string]string{"C2:C1001": "community", "D2:D1001": "staged", "E2:E1001": "expired"} {
		if !strings.Contains(lists[ref], want) {
			t.Errorf("validation on %s = %q, want a list with %s (all: %v)", ref, lists[ref], want, lists)
		}
	}
	imp, err := workbook.Read(bytes.NewReader(b.Bytes()), workbook.Options{Fallback: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if len(imp.Portfolio.Initiatives) != 1 || len(imp.Portfolio.Drivers) != 1 {
		t.Fatalf("template imports as %+v", imp.Portfolio)
	}
}

func BenchmarkWrite1000(b *testing.B) {
	p := modeltest.Large(1000, 300, 50)
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := workbook.Write(&buf, p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRead1000(b *testing.B) {
	p := modeltest.Large(1000, 300, 50)
	data := export(b, p)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := workbook.Read(bytes.NewReader(data), workbook.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return "<none>"
	}
	return *s
}

// TestNewTagsJoinANewPortfolio: a client's workbook may use its own
// layers; they join the new portfolio's tags, as with a CSV import.
func TestNewTagsJoinANewPortfolio(t *testing.T) {
	wb := client(t, [][]any{header, {"A", "dealers", 100, 90, 0.3, "2030-01-01", 0}}, nil)
	imp, err := workbook.Read(bytes.NewReader(wb), workbook.Options{AsOf: model.NewDate(2027, 1, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if tags := imp.Portfolio.Tags; !slices.Contains(tags, "dealers") || !slices.Contains(tags, "community") {
		t.Fatalf("tags %v", tags)
	}
}

// readMeNumber returns the number stored (raw, unformatted) next to label
// in column A of the Read me sheet.
func readMeNumber(t *testing.T, f *excelize.File, label string) string {
	t.Helper()
	rows, err := f.GetRows(workbook.SheetReadMe, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if len(r) >= 2 && r[0] == label {
			return r[1]
		}
	}
	t.Fatalf("no %q row in the Read me sheet", label)
	return ""
}

// TestReadMeTotalsExact: the Read me sheet's portfolio value and static
// NPV are the engine's float64s with all their digits (excelize's
// automatic precision keeps 15 significant digits: 2107198480.00117 for
// 2107198480.0011766).
func TestReadMeTotalsExact(t *testing.T) {
	ps := []*model.Portfolio{modeltest.Sample(t), modeltest.Large(40, 10, 5)}
	for _, p := range ps {
		v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(export(t, p)))
		if err != nil {
			t.Fatal(err)
		}
		for label, want := range map[string]float64{"portfolio value": v.Total, "static NPV": v.StaticNPV, "risk-free rate": p.Settings.RiskFree} {
			s := readMeNumber(t, f, label)
			var got float64
			if _, err := fmt.Sscan(s, &got); err != nil || got != want {
				t.Errorf("%s: Read me %s = %q, want %v (engine, shortest round trip %s)", p.Name, label, s, want, strconv.FormatFloat(want, 'g', -1, 64))
			}
		}
	}
}

// TestEmptyPortfolioRoundTrip: the workbook of a portfolio without
// initiatives imports back to the same portfolio (as its JSON does), and
// openpyxl reads its Initiatives sheet as a header alone.
func TestEmptyPortfolioRoundTrip(t *testing.T) {
	p := model.NewSCRMTemplate("Empty", model.NewDate(2026, time.January, 15))
	p.Normalize()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	data := export(t, p)
	imp, err := workbook.Read(bytes.NewReader(data), workbook.Options{})
	if err != nil {
		t.Fatalf("import of the empty portfolio's workbook: %v", err)
	}
	if got, want := modeltest.JSON(t, imp.Portfolio), modeltest.JSON(t, p); got != want {
		t.Fatalf("round trip differs:\n got %s\nwant %s", got, want)
	}
	again, err := workbook.Read(bytes.NewReader(export(t, imp.Portfolio)), workbook.Options{})
	if err != nil || modeltest.JSON(t, again.Portfolio) != modeltest.JSON(t, p) {
		t.Fatalf("second round trip: %v", err)
	}
	file := filepath.Join(t.TempDir(), "empty.xlsx")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var book map[string]pySheet
	if err := json.Unmarshal(runPython(t, readScript, file), &book); err != nil {
		t.Fatal(err)
	}
	ins := book[workbook.SheetInitiatives]
	if len(ins.Rows) != 1 || len(ins.Rows[0]) == 0 || ins.Rows[0][0].V != "id" {
		t.Fatalf("openpyxl reads the Initiatives sheet as %d rows (%v), want the header alone", len(ins.Rows), ins.Rows)
	}
}

// TestEmptySheetWithoutDataSheet: a workbook not made by Option Space
// (no data sheet) whose Initiatives sheet has a header alone is still
// refused: it is more likely the wrong sheet than an empty portfolio.
func TestEmptySheetWithoutDataSheet(t *testing.T) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", workbook.SheetInitiatives); err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetRow(workbook.SheetInitiatives, "A1", &[]any{"id", "name", "tag", "S", "X", "sigma", "deadline"}); err != nil {
		t.Fatal(err)
	}
	_, err := workbook.Read(bytes.NewReader(saved(t, f, nil)), workbook.Options{})
	if err == nil || !strings.Contains(err.Error(), "no initiatives") {
		t.Fatalf("err = %v, want the header-only sheet refused", err)
	}
}

// TestNoDataSheetSaysWhatIsNotRead: the sample's workbook without its
// hidden data sheet (its sheets copied into a new workbook) still imports
// its initiatives, but what only the data sheet carries (the cash flows
// shown on "Cash flows", decisions, learning, snapshots) is not read, and
// a note says so; it was dropped in silence.
func TestNoDataSheetSaysWhatIsNotRead(t *testing.T) {
	p := modeltest.Sample(t)
	f, err := excelize.OpenReader(bytes.NewReader(export(t, p)))
	if err != nil {
		t.Fatal(err)
	}
	b := saved(t, f, func(f *excelize.File) {
		if err := f.DeleteSheet(workbook.SheetData); err != nil {
			t.Fatal(err)
		}
	})
	imp, err := workbook.Read(bytes.NewReader(b), workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(imp.Portfolio.Initiatives) != len(p.Initiatives) {
		t.Fatalf("%d initiatives imported, want %d", len(imp.Portfolio.Initiatives), len(p.Initiatives))
	}
	found := false
	for _, n := range imp.Notes {
		if strings.Contains(n, workbook.SheetCashFlows) && strings.Contains(n, "not read") && strings.Contains(n, workbook.SheetData) {
			found = true
		}
	}
	if !found {
		t.Errorf("notes %q: want one saying the Cash flows sheet is not read without %q", imp.Notes, workbook.SheetData)
	}
	// With the data sheet: no such note.
	imp, err = workbook.Read(bytes.NewReader(export(t, p)), workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range imp.Notes {
		if strings.Contains(n, "not read") {
			t.Errorf("the exported workbook got the note %q", n)
		}
	}
}

// TestLinkErrorNamesItsCell: a link to an initiative that is not in the
// portfolio (Links!B2 edited to "nope") is refused naming the sheet, cell
// and column, as every other sheet's problem is; it named the JSON path
// links[0].to.
func TestLinkErrorNamesItsCell(t *testing.T) {
	p := modeltest.Sample(t)
	f, err := excelize.OpenReader(bytes.NewReader(export(t, p)))
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := f.GetCellValue(workbook.SheetLinks, "B1"); v != "to" {
		t.Fatalf("Links!B1 is %q, want the to column", v)
	}
	b := saved(t, f, func(f *excelize.File) {
		if err := f.SetCellStr(workbook.SheetLinks, "B2", "nope"); err != nil {
			t.Fatal(err)
		}
	})
	_, err = workbook.Read(bytes.NewReader(b), workbook.Options{})
	if err == nil || !strings.Contains(err.Error(), "sheet Links, cell B2 (to):") || strings.Contains(err.Error(), "links[0]") {
		t.Fatalf("err = %v, want it to name sheet Links, cell B2 (to)", err)
	}
}
