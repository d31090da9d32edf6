package workbook

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// MaxUnzipped is the most a workbook may unpack to, 100 MB (a workbook of
// model.MaxCSVRows initiatives unpacks to about 30 MB): a zip bomb is
// refused from the sizes its archive declares, before it is inflated.
const MaxUnzipped = 100 << 20

// maxColumns is the widest row read; cells beyond it are refused.
const maxColumns = 200

// Options control Read.
type Options struct {
	// Name names the portfolio (default: the one in the workbook's data
	// sheet; without that sheet, the "portfolio" row of the Read me
	// sheet, else Fallback).
	Name string
	// Fallback is the name of a portfolio from a workbook without a data
	// sheet, without Name and without a name on its Read me sheet (the
	// CLI passes the file's base name).
	Fallback string
	// AsOf is the as-of date of a portfolio from a workbook without a
	// data sheet (default: the "as of" row of the Read me sheet, else
	// today).
	AsOf model.Date
}

// Imported is a portfolio read from a workbook, with notes on what was
// ignored.
type Imported struct {
	Portfolio *model.Portfolio
	// Notes say what was ignored: unknown sheets and columns.
	Notes []string
}

// CellError is a problem in one cell of a sheet.
type CellError struct {
	Sheet  string
	Cell   string // "D7"; empty for the whole sheet
	Column string // the column's header name, when known
	Err    error
}

func (e *CellError) Error() string {
	switch {
	case e.Cell == "":
		return fmt.Sprintf("sheet %s: %v", e.Sheet, e.Err)
	case e.Column == "":
		return fmt.Sprintf("sheet %s, cell %s: %v", e.Sheet, e.Cell, e.Err)
	}
	return fmt.Sprintf("sheet %s, cell %s (%s): %v", e.Sheet, e.Cell, e.Column, e.Err)
}

func (e *CellError) Unwrap() error { return e.Err }

// ReadFile reads a workbook file (see Read), refusing a file larger than
// model.MaxFileSize before reading it.
func ReadFile(path string, opt Options) (*Imported, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Size() > model.MaxFileSize {
		return nil, fmt.Errorf("the workbook is %d MB, larger than %d MB", fi.Size()>>20, model.MaxFileSize>>20)
	}
	return Read(f, opt)
}

// Read reads a workbook into a portfolio (see the package
// documentation). Nothing is returned unless the whole workbook is valid;
// the error lists the problems with their sheet and cell.
func Read(r io.Reader, opt Options) (*Imported, error) {
	data, err := io.ReadAll(io.LimitReader(r, model.MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > model.MaxFileSize {
		return nil, fmt.Errorf("the workbook is larger than %d MB", model.MaxFileSize>>20)
	}
	if !bytes.HasPrefix(data, []byte("PK")) {
		return nil, errors.New("not an Excel workbook (.xlsx): the file is not a zip archive (an old .xls? save it as .xlsx)")
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: MaxUnzipped, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size exceeds") {
			return nil, fmt.Errorf("the workbook unpacks to more than %d MB: refused (a zip bomb?)", MaxUnzipped>>20)
		}
		return nil, fmt.Errorf("not a readable Excel workbook: %v", err)
	}
	defer f.Close()
	rd := &reader{f: f, opt: opt}
	return rd.read()
}

type reader struct {
	f     *excelize.File
	opt   Options
	notes []string
	errs  []error
	// linkRows and linkCol place the Links sheet's rows (by the link's
	// index) and columns, for validate to name a link's cell.
	linkRows []int
	linkCol  map[string]int
}

func (rd *reader) fail(sheet, cell, column string, err error) {
	rd.errs = append(rd.errs, &CellError{Sheet: sheet, Cell: cell, Column: column, Err: err})
}

// rows reads a sheet's rows (raw stored values: numbers unformatted, a
// formula's cached value; a formula without one is an error naming its
// cell), refusing merged cells, over-wide rows and more
// than model.MaxCSVRows rows. Row numbers are 1-based; empty rows are
// skipped (a row of formulas with no saved values is not empty: its
// cells are reported).
func (rd *reader) rows(sheet string) (header []string, rows [][]string, nums []int, ok bool) {
	it, err := rd.f.Rows(sheet)
	if err != nil {
		rd.fail(sheet, "", "", err)
		return nil, nil, nil, false
	}
	defer it.Close()
	n := 0
	formulas := false
	unsaved := 0 // rows of formulas only, none with a saved value
	for it.Next() {
		n++
		cells, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			rd.fail(sheet, "", "", fmt.Errorf("row %d: %v", n, err))
			return nil, nil, nil, false
		}
		empty := true
		for _, c := range cells {
			empty = empty && strings.TrimSpace(c) == ""
		}
		if empty {
			// The iterator lists a cell without a value only when it holds
			// a formula: a row of formulas with no saved values is not
			// empty but unread, and said so as a single such cell is.
			if len(cells) > 0 && rd.unsavedFormulas(sheet, header, cells, n) {
				if header == nil {
					return nil, nil, nil, false
				}
				formulas = true
				if unsaved++; len(rows)+unsaved > model.MaxCSVRows {
					rd.fail(sheet, "", "", fmt.Errorf("has more than %d rows: split it", model.MaxCSVRows))
					return nil, nil, nil, false
				}
			}
			continue
		}
		if len(cells) > maxColumns {
			rd.fail(sheet, "", "", fmt.Errorf("row %d has %d columns, more than %d", n, len(cells), maxColumns))
			return nil, nil, nil, false
		}
		if header == nil {
			if n != 1 {
				rd.fail(sheet, "", "", fmt.Errorf("the header must be on row 1 (found it on row %d)", n))
				return nil, nil, nil, false
			}
			header = cells
			continue
		}
		if len(rows) >= model.MaxCSVRows {
			rd.fail(sheet, "", "", fmt.Errorf("has more than %d rows: split it", model.MaxCSVRows))
			return nil, nil, nil, false
		}
		if rd.unsavedFormulas(sheet, header, cells, n) {
			formulas = true
		}
		rows = append(rows, cells)
		nums = append(nums, n)
	}
	if formulas {
		return nil, nil, nil, false
	}
	if err := it.Error(); err != nil {
		rd.fail(sheet, "", "", err)
		return nil, nil, nil, false
	}
	if header == nil {
		rd.fail(sheet, "", "", errors.New("is empty: it needs a header row"))
		return nil, nil, nil, false
	}
	// Merged cells are looked up only now: excelize parses the whole
	// sheet for them, which the row limit above has bounded.
	merged, err := rd.f.GetMergeCells(sheet)
	if err != nil {
		rd.fail(sheet, "", "", err)
		return nil, nil, nil, false
	}
	if len(merged) > 0 {
		rd.fail(sheet, "", "", fmt.Errorf("has merged cells (%s): a table needs one value per cell; unmerge them", merged[0].GetStartAxis()+":"+merged[0].GetEndAxis()))
		return nil, nil, nil, false
	}
	return header, rows, nums, true
}

// unsavedFormulas reports each cell of row n that is blank but holds a
// formula with no saved value, in the header's columns (every cell of the
// row when header is nil: the header row itself), and whether there was
// one.
func (rd *reader) unsavedFormulas(sheet string, header, cells []string, n int) bool {
	width := len(header)
	if header == nil {
		width = len(cells)
	}
	found := false
	for i := 0; i < width; i++ {
		if i < len(cells) && strings.TrimSpace(cells[i]) != "" {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(i+1, n)
		if fm, err := rd.f.GetCellFormula(sheet, cell); err == nil && fm != "" {
			column := ""
			if i < len(header) {
				column = strings.TrimSpace(header[i])
			}
			rd.fail(sheet, cell, column, unsavedFormula(fm))
			found = true
		}
	}
	return found
}

// unsavedFormula is the error of a cell that holds the formula fm with no
// saved value (a program that does not calculate wrote it).
func unsavedFormula(fm string) error {
	return fmt.Errorf("holds the formula =%s with no saved value: open and save the workbook in Excel or LibreOffice first (they store each formula's value), or type the value", fm)
}

// columnsOf maps header names to indexes; unknown ones become notes.
func (rd *reader) columnsOf(sheet string, header []string, known []column, required ...string) (map[string]int, bool) {
	col := map[string]int{}
	isKnown := map[string]bool{}
	for _, c := range known {
		isKnown[c.name] = true
	}
	for i, h := range header {
		h = strings.TrimSpace(h)
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		switch {
		case h == "":
		case !isKnown[h]:
			rd.notes = append(rd.notes, fmt.Sprintf("sheet %s: column %s (%s) ignored", sheet, cell, h))
		case hasKey(col, h):
			rd.fail(sheet, cell, h, errors.New("the column appears twice"))
		default:
			col[h] = i
		}
	}
	okAll := true
	for _, r := range required {
		if !hasKey(col, r) {
			rd.fail(sheet, "", "", fmt.Errorf("required column %s missing", r))
			okAll = false
		}
	}
	return col, okAll
}

func hasKey(m map[string]int, k string) bool { _, ok := m[k]; return ok }

// dateCells turns Excel date serials in the date columns into
// YYYY-MM-DD, as the table reader wants.
func dateCell(s string) string {
	s = strings.TrimSpace(s)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 1 || v > 2958465 {
		return s
	}
	d := excelEpoch.Add(time.Duration(math.Floor(v)) * 24 * time.Hour)
	return d.Format("2006-01-02")
}

func (rd *reader) read() (*Imported, error) {
	sheets := rd.f.GetSheetList()
	have := map[string]bool{}
	for _, s := range sheets {
		have[s] = true
		switch s {
		case SheetInitiatives, SheetDrivers, SheetLinks, SheetData:
		case SheetReadMe, SheetResults, SheetDecisions, SheetLearning, SheetSnapshots, SheetCashFlows:
		default:
			rd.notes = append(rd.notes, fmt.Sprintf("sheet %s ignored", s))
		}
	}
	if !have[SheetInitiatives] {
		return nil, fmt.Errorf("the workbook has no sheet named %q (it has %s)", SheetInitiatives, strings.Join(sheets, ", "))
	}
	if !have[SheetData] {
		// What only the hidden data sheet carries is not read from the
		// sheets that show it: say so rather than drop it in silence.
		var shown []string
		for _, s := range []string{SheetCashFlows, SheetDecisions, SheetLearning, SheetSnapshots} {
			if have[s] {
				shown = append(shown, s)
			}
		}
		if len(shown) > 0 {
			rd.notes = append(rd.notes, fmt.Sprintf("sheet %s not read: the cash flows, assumptions, risks, decisions, learning, snapshots and driver uncertainties are read from the hidden sheet %q, which this workbook does not have (copying the sheets into a new workbook leaves it behind); the initiatives, drivers and links are imported, the rest is not: import the workbook as exported, or enter them in the app",
				strings.Join(shown, ", "), SheetData))
		}
	}
	base, err := rd.base(have[SheetData])
	if err != nil {
		return nil, err
	}
	p := base.Clone()
	ins, rowOf := rd.initiatives(base, have[SheetData])
	if have[SheetDrivers] {
		p.Drivers = rd.drivers(base)
	}
	if have[SheetLinks] {
		p.Links = rd.links()
	}
	if len(rd.errs) > 0 {
		return nil, joinCapped(rd.errs)
	}
	p.Initiatives = ins
	if !have[SheetData] {
		// A new portfolio takes the sheet's layers, as a CSV import does.
		known := map[string]bool{}
		for _, t := range p.Tags {
			known[t] = true
		}
		for i := range ins {
			if t := ins[i].Tag; strings.TrimSpace(t) != "" && !known[t] {
				known[t] = true
				p.Tags = append(p.Tags, t)
			}
		}
	}
	p.Normalize()
	if p.AsOf.IsZero() {
		p.AsOf = model.Today()
	}
	if err := rd.validate(p, rowOf); err != nil {
		return nil, err
	}
	return &Imported{Portfolio: p, Notes: rd.notes}, nil
}

// base is the portfolio from the data sheet, or a new one.
func (rd *reader) base(hasData bool) (*model.Portfolio, error) {
	asOf := rd.opt.AsOf
	name := rd.opt.Name
	if !hasData {
		rmName, rmAsOf, err := rd.readMe()
		if err != nil {
			return nil, err
		}
		if name == "" {
			name = rmName
		}
		if asOf.IsZero() {
			asOf = rmAsOf
		}
		if asOf.IsZero() {
			asOf = model.Today()
		}
		if name == "" {
			name = rd.opt.Fallback
		}
		if name == "" {
			name = "Imported workbook"
		}
		return model.NewSCRMTemplate(name, asOf), nil
	}
	it, err := rd.f.Rows(SheetData)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var b strings.Builder
	for it.Next() {
		cells, err := it.Columns()
		if err != nil {
			return nil, err
		}
		if len(cells) > 0 {
			b.WriteString(cells[0])
		}
		if b.Len() > model.MaxFileSize {
			return nil, fmt.Errorf("sheet %s is larger than %d MB", SheetData, model.MaxFileSize>>20)
		}
	}
	p, err := model.ReadJSON(strings.NewReader(b.String()))
	if err != nil {
		return nil, fmt.Errorf("sheet %s (kept by Option Space) is damaged: %v; delete the sheet to import the visible sheets alone", SheetData, err)
	}
	if name != "" {
		p.Name = name
	}
	return p, nil
}

// readMeRows is how many rows of the Read me sheet are searched for the
// portfolio's name and as-of date (Write puts them on rows 2 and 3).
const readMeRows = 20

// readMe returns the portfolio name and as-of date the Read me sheet
// carries (column A "portfolio" and "as of", the value in column B), each
// zero when the sheet or the row is missing or the value blank. An as-of
// that is neither YYYY-MM-DD nor an Excel date is an error naming its
// cell, and so is either value when it is a formula with no saved value
// (it would otherwise read as blank: the file's name or today, silently).
func (rd *reader) readMe() (string, model.Date, error) {
	var name string
	var asOf model.Date
	it, err := rd.f.Rows(SheetReadMe)
	if err != nil {
		return "", model.Date{}, nil // no Read me sheet
	}
	defer it.Close()
	for n := 1; n <= readMeRows && it.Next(); n++ {
		cells, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil || len(cells) < 1 {
			continue
		}
		label := strings.TrimSpace(cells[0])
		if label != "portfolio" && label != "as of" {
			continue
		}
		v := ""
		if len(cells) >= 2 {
			v = strings.TrimSpace(cells[1])
		}
		cell := "B" + strconv.Itoa(n)
		if v == "" {
			if fm, err := rd.f.GetCellFormula(SheetReadMe, cell); err == nil && fm != "" {
				return "", model.Date{}, &CellError{Sheet: SheetReadMe, Cell: cell, Column: label, Err: unsavedFormula(fm)}
			}
		}
		switch label {
		case "portfolio":
			if name == "" {
				name = v
			}
		case "as of":
			if v == "" || !asOf.IsZero() {
				continue
			}
			d, err := model.ParseDate(dateCell(v))
			if err != nil {
				return "", model.Date{}, &CellError{Sheet: SheetReadMe, Cell: cell, Column: "as of", Err: err}
			}
			asOf = d
		}
	}
	return name, asOf, nil
}

// initiatives reads the Initiatives sheet, merging each initiative it
// holds with base's of the same ID; hasData says whether the workbook has
// the data sheet (is Option Space's), where a sheet without initiatives is
// an empty portfolio.
func (rd *reader) initiatives(base *model.Portfolio, hasData bool) ([]model.Initiative, map[string]int) {
	const sh = SheetInitiatives
	header, rows, nums, ok := rd.rows(sh)
	if !ok {
		return nil, nil
	}
	dateCols := map[int]bool{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if h == "deadline" || h == "stage_deadline" {
			dateCols[i] = true
		}
	}
	k := 0
	next := func() ([]string, int, error) {
		if k >= len(rows) {
			return nil, 0, io.EOF
		}
		rec := rows[k]
		for i := range rec {
			if dateCols[i] {
				rec[i] = dateCell(rec[i])
			}
		}
		k++
		return rec, nums[k-1], nil
	}
	t, err := model.ReadRecords(header, next, model.TableOptions{IgnoreUnknown: true, Raw: true})
	colIndex := map[string]int{}
	for i, h := range header {
		colIndex[strings.TrimSpace(h)] = i
	}
	if err != nil {
		rd.mapTableErrors(sh, err, colIndex)
		return nil, nil
	}
	for _, c := range t.Ignored {
		rd.notes = append(rd.notes, fmt.Sprintf("sheet %s: column %s ignored", sh, c))
	}
	if len(t.Initiatives) == 0 {
		if hasData {
			// Option Space's own workbook of a portfolio without
			// initiatives (or whose rows were all deleted): the sheet
			// wins, as it does for every initiative.
			return []model.Initiative{}, map[string]int{}
		}
		// A workbook without the data sheet is a new portfolio: an empty
		// sheet is more likely the wrong sheet than what was meant.
		rd.fail(sh, "", "", errors.New("has a header but no initiatives"))
		return nil, nil
	}
	old := map[string]*model.Initiative{}
	for i := range base.Initiatives {
		old[base.Initiatives[i].ID] = &base.Initiatives[i]
	}
	out := make([]model.Initiative, len(t.Initiatives))
	rowOf := map[string]int{}
	for i := range t.Initiatives {
		in := &t.Initiatives[i]
		rowOf[in.ID] = t.Lines[i]
		if o, ok := old[in.ID]; ok {
			// What the sheet does not hold (assumptions, risks, cash-flow
			// model, estimate) comes from the data sheet.
			merged := *o
			model.MergeCSV(&merged, in, t.Columns)
			out[i] = merged
			continue
		}
		out[i] = *in
	}
	return out, rowOf
}

// mapTableErrors rewrites the table reader's "line N, column C" errors as
// cells of the sheet.
func (rd *reader) mapTableErrors(sheet string, err error, colIndex map[string]int) {
	var list []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	} else {
		list = []error{err}
	}
	for _, e := range list {
		var ce *model.CSVError
		if !errors.As(e, &ce) {
			rd.errs = append(rd.errs, fmt.Errorf("sheet %s: %v", sheet, e))
			continue
		}
		cell := ""
		if i, ok := colIndex[ce.Column]; ok {
			cell, _ = excelize.CoordinatesToCellName(i+1, ce.Line)
		} else {
			cell = "row " + strconv.Itoa(ce.Line)
			rd.errs = append(rd.errs, fmt.Errorf("sheet %s, %s (%s): %v", sheet, cell, ce.Column, ce.Err))
			continue
		}
		rd.fail(sheet, cell, ce.Column, ce.Err)
	}
}

// cellReader reads typed cells of a row, recording errors by cell.
type cellReader struct {
	rd    *reader
	sheet string
	col   map[string]int
	rec   []string
	row   int
}

func (c *cellReader) raw(name string) (string, string) {
	i, ok := c.col[name]
	cell, _ := excelize.CoordinatesToCellName(i+1, c.row)
	if !ok || i >= len(c.rec) {
		return "", cell
	}
	return c.rec[i], cell
}

func (c *cellReader) text(name string) string {
	s, _ := c.raw(name)
	return s
}

func (c *cellReader) required(name string) string {
	s, cell := c.raw(name)
	if strings.TrimSpace(s) == "" {
		c.rd.fail(c.sheet, cell, name, errors.New("is empty"))
	}
	return s
}

func (c *cellReader) num(name string) float64 {
	s, cell := c.raw(name)
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		c.rd.fail(c.sheet, cell, name, fmt.Errorf("%q is not a number", s))
		return 0
	}
	return v
}

func (rd *reader) drivers(base *model.Portfolio) []model.Driver {
	const sh = SheetDrivers
	header, rows, nums, ok := rd.rows(sh)
	if !ok {
		return nil
	}
	col, ok := rd.columnsOf(sh, header, driverColumns, "name", "value")
	if !ok {
		return nil
	}
	old := map[string]*model.Driver{}
	for i := range base.Drivers {
		old[base.Drivers[i].Name] = &base.Drivers[i]
	}
	out := []model.Driver{}
	for k, rec := range rows {
		c := &cellReader{rd: rd, sheet: sh, col: col, rec: rec, row: nums[k]}
		d := model.Driver{Name: strings.TrimSpace(c.required("name")), Label: c.text("label"), Unit: c.text("unit"), Value: c.num("value")}
		d.Low, d.High = d.Value, d.Value
		if hasKey(col, "low") {
			d.Low = c.num("low")
		}
		if hasKey(col, "high") {
			d.High = c.num("high")
		}
		if o, ok := old[d.Name]; ok {
			d.Uncertainty = o.Uncertainty
		}
		out = append(out, d)
	}
	return out
}

func (rd *reader) links() []model.Link {
	const sh = SheetLinks
	header, rows, nums, ok := rd.rows(sh)
	if !ok {
		return nil
	}
	col, ok := rd.columnsOf(sh, header, linkColumns, "from", "to", "kind")
	if !ok {
		return nil
	}
	out := []model.Link{}
	rd.linkRows, rd.linkCol = nums, col
	for k, rec := range rows {
		c := &cellReader{rd: rd, sheet: sh, col: col, rec: rec, row: nums[k]}
		out = append(out, model.Link{From: strings.TrimSpace(c.required("from")), To: strings.TrimSpace(c.required("to")),
			Kind: model.LinkKind(strings.TrimSpace(c.required("kind"))), Correlation: c.num("correlation"), Note: c.text("note")})
	}
	return out
}

// linkCell returns the Links sheet's cell and column of a validation
// problem's field "links[N].name" (N the link's index, in the sheet's
// order), ok false for another field or a link not from the sheet.
func (rd *reader) linkCell(field string) (cell, column string, ok bool) {
	rest, found := strings.CutPrefix(field, "links[")
	if !found {
		return "", "", false
	}
	idx, name, found := strings.Cut(rest, "].")
	if !found {
		return "", "", false
	}
	k, err := strconv.Atoi(idx)
	if err != nil || k < 0 || k >= len(rd.linkRows) {
		return "", "", false
	}
	i, ok := rd.linkCol[name]
	if !ok {
		return "", "", false
	}
	cell, _ = excelize.CoordinatesToCellName(i+1, rd.linkRows[k])
	return cell, name, true
}

// validate checks the whole portfolio and its formulas, naming the cell
// of an initiative's problem.
func (rd *reader) validate(p *model.Portfolio, rowOf map[string]int) error {
	colIndex := map[string]int{}
	header, _ := rd.f.GetRows(SheetInitiatives, excelize.Options{RawCellValue: true})
	if len(header) > 0 {
		for i, h := range header[0] {
			colIndex[strings.TrimSpace(h)] = i
		}
	}
	at := func(id, column string, err error) {
		row := rowOf[id]
		if i, ok := colIndex[column]; ok && row > 0 {
			cell, _ := excelize.CoordinatesToCellName(i+1, row)
			rd.fail(SheetInitiatives, cell, column, err)
			return
		}
		rd.errs = append(rd.errs, fmt.Errorf("sheet %s, row %d: %s: %v", SheetInitiatives, row, column, err))
	}
	var ve *model.ValidationError
	if err := p.Validate(); errors.As(err, &ve) {
		fields := model.NewInitiativeFields(p, nil)
		for _, pr := range ve.Problems {
			if i, column, ok := fields.Locate(pr.Field); ok {
				at(p.Initiatives[i].ID, column, errors.New(pr.Message))
			} else if cell, column, ok := rd.linkCell(pr.Field); ok {
				rd.fail(SheetLinks, cell, column, errors.New(pr.Message))
			} else {
				rd.errs = append(rd.errs, errors.New(pr.String()))
			}
		}
	} else if err != nil {
		return err
	}
	if len(rd.errs) == 0 {
		for _, fp := range portfolio.CheckFormulas(p) {
			at(p.Initiatives[fp.Index].ID, fp.Field, fp.Err)
		}
	}
	if len(rd.errs) > 0 {
		return joinCapped(rd.errs)
	}
	return nil
}

func joinCapped(errs []error) error {
	if len(errs) > 50 {
		errs = append(errs[:50:50], fmt.Errorf("%d more problems follow; fix these first", len(errs)-50))
	}
	return errors.Join(errs...)
}
