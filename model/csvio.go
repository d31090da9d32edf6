package model

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// CSVColumns are the columns of the initiative table in CSV, in the order
// WriteCSV writes them. ReadCSV needs a header naming at least name, tag, S,
// X, sigma and deadline, in any order; other known columns are optional and
// unknown ones are refused.
var CSVColumns = []string{"id", "name", "tag", "kind", "status", "S", "X", "sigma", "deadline", "r", "q",
	"expand_factor", "contract_factor", "salvage", "stage_cost", "stage_deadline", "owner", "rationale"}

var csvRequired = []string{"name", "tag", "S", "X", "sigma", "deadline"}

// WriteCSV writes the portfolio's initiatives as a CSV table with a header
// row (CSVColumns). S, X and sigma are numbers or formulas; numbers are
// written in plain decimals, without an exponent, with the shortest digits
// that read back exactly.
func WriteCSV(w io.Writer, p *Portfolio) error {
	cw := NewCSVWriter(w)
	cw.Write(CSVColumns)
	for _, in := range p.Initiatives {
		rate := ""
		if in.Rate != nil {
			rate = fmtNum(*in.Rate)
		}
		cw.Write([]string{in.ID, in.Name, in.Tag, string(in.Kind), string(in.Status), csvQty(in.S), csvQty(in.X), csvQty(in.Sigma),
			in.Deadline.String(), rate, fmtNum(in.Leakage), fmtNum(in.ExpandFactor), fmtNum(in.ContractFactor), fmtNum(in.Salvage),
			fmtNum(in.StageCost), in.StageDeadline.String(), in.Owner, in.Rationale})
	}
	cw.Flush()
	return cw.Error()
}

// fmtNum writes a number of the CSV table as CSVNumber does.
func fmtNum(v float64) string { return CSVNumber(v) }

// CSVNumber is the one form of a number in every CSV file Option Space
// writes (the initiative table, the value table, the report's exports,
// the price batch), with the shortest digits that read back exactly:
//
//   - plain decimals for 0 and for 1e-6 <= |v| < 1e21, the range of any
//     amount, rate or ratio: 2967278.14, not 2.96727814e+06 (a
//     spreadsheet may take the exponent form of an ordinary amount for
//     text, and a reader has to decode it);
//   - the exponent form outside it, which spreadsheets read as numbers:
//     7.043873052589143e-181 (an option worth nothing), where plain
//     decimals would be 198 characters;
//   - an empty cell for a number that is not finite (JSON's null), and
//     "0" for -0.
//
// It is here, not in ui/format, because the model writes CSV and
// imports no presentation package.
func CSVNumber(v float64) string {
	a := math.Abs(v)
	switch {
	case math.IsInf(v, 0) || math.IsNaN(v):
		return ""
	case a == 0:
		return "0"
	case a >= 1e-6 && a < 1e21:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// csvQty is a quantity's cell: its formula, or its number as fmtNum
// writes it.
func csvQty(q Quantity) string {
	if q.IsFormula() {
		return q.Formula
	}
	return fmtNum(q.Value)
}

// CSVError is a problem at a line and column of a CSV file: "line 4,
// column S: is empty", or with the row's id `line 4 (id "a"), column S:
// is empty`.
type CSVError struct {
	Line int
	// ID is the id of the row, "" when the message need not name it.
	ID string
	// Column names the column, "" when the problem is the whole row.
	Column string
	Err    error
}

func (e *CSVError) Error() string {
	s := "line " + strconv.Itoa(e.Line)
	if e.ID != "" {
		s += fmt.Sprintf(" (id %q)", e.ID)
	}
	if e.Column != "" {
		s += ", column " + e.Column
	}
	return s + ": " + e.Err.Error()
}

func (e *CSVError) Unwrap() error { return e.Err }

// CSVTable is an initiative table read from CSV.
type CSVTable struct {
	// Columns are the header's columns, in file order.
	Columns []string
	// Initiatives are the rows, in file order.
	Initiatives []Initiative
	// Lines are the line numbers the rows start on (1 is the header).
	Lines []int
	// Ignored are the header's unknown columns that were ignored
	// (TableOptions.IgnoreUnknown).
	Ignored []string
}

// Has reports whether the table has the column.
func (t *CSVTable) Has(column string) bool {
	for _, c := range t.Columns {
		if c == column {
			return true
		}
	}
	return false
}

// ReadCSV reads an initiative table. Every row must be valid or nothing is
// returned: the error lists each problem with its line and column. Missing
// kind and status default to defer and open; a missing id is made from the
// name. S, X and sigma may be numbers or formulas.
func ReadCSV(r io.Reader) ([]Initiative, error) {
	t, err := ReadCSVTable(r)
	if err != nil {
		return nil, err
	}
	return t.Initiatives, nil
}

// MaxCSVRows is the largest number of rows an initiative table (CSV or
// workbook sheet) may have; a longer table is refused as soon as the row
// after it is read.
const MaxCSVRows = 100000

// ReadCSVTable is ReadCSV that also returns the columns the file has (so an
// import can update only those) and the line of each row. Each row is
// checked on its own as Validate checks an initiative (kind, status,
// positive X, sigma within [0, 3], ...; not the portfolio's tags or as-of
// date), and ids and names must be unique within the file.
func ReadCSVTable(r io.Reader) (*CSVTable, error) {
	cr := NewCSVReader(r)
	header, _, err := cr.Read()
	if err == io.EOF {
		return nil, errors.New("the CSV file is empty: it needs a header row naming " + strings.Join(csvRequired, ", "))
	}
	if err != nil {
		return nil, csvReadError(err)
	}
	header = slices.Clone(header) // the reader reuses its records
	next := func() ([]string, int, error) {
		rec, line, err := cr.Read()
		if err != nil && err != io.EOF {
			err = csvReadError(err)
		}
		return rec, line, err
	}
	t, err := ReadRecords(header, next, TableOptions{})
	if cr.lr.over {
		return nil, csvTooLarge()
	}
	if err != nil {
		return nil, err
	}
	if len(t.Initiatives) == 0 {
		return nil, errors.New("the CSV file has a header but no initiatives")
	}
	return t, nil
}

// TableOptions control ReadRecords.
type TableOptions struct {
	// IgnoreUnknown ignores columns the table does not know (listed in
	// CSVTable.Ignored) instead of refusing them.
	IgnoreUnknown bool
	// Raw reads text cells as they are; without it a cell escaped by
	// EscapeCSVCell is un-escaped (CSV files).
	Raw bool
}

// ReadRecords reads an initiative table already split into cells, as
// ReadCSVTable does: header is the first row (line 1); next returns each
// following row with its line (or row) number, and io.EOF at the end.
// Errors are *CSVError values naming that line and the column. The
// workbook reader uses it for its Initiatives sheet.
func ReadRecords(header []string, next func() (rec []string, line int, err error), opt TableOptions) (*CSVTable, error) {
	col := map[string]int{}
	known := map[string]bool{}
	for _, c := range CSVColumns {
		known[c] = true
	}
	var errs []error
	t := &CSVTable{}
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		h = strings.TrimSpace(h)
		switch {
		case h == "":
			errs = append(errs, &CSVError{Line: 1, Column: "#" + strconv.Itoa(i+1), Err: errors.New("the header names no column here")})
			continue
		case !known[h] && opt.IgnoreUnknown:
			t.Ignored = append(t.Ignored, h)
			continue
		case !known[h]:
			errs = append(errs, &CSVError{Line: 1, Column: h, Err: fmt.Errorf("unknown column (known: %s)", strings.Join(CSVColumns, ", "))})
			continue
		}
		if _, dup := col[h]; dup {
			errs = append(errs, &CSVError{Line: 1, Column: h, Err: errors.New("the column appears twice")})
			continue
		}
		col[h] = i
		t.Columns = append(t.Columns, h)
	}
	for _, req := range csvRequired {
		if _, ok := col[req]; !ok {
			errs = append(errs, &CSVError{Line: 1, Column: req, Err: errors.New("required column missing")})
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	ids := map[string]int{}
	names := map[string]int{}
	for {
		rec, line, err := next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if BlankRecord(rec) {
			continue
		}
		in, rowErrs := csvRow(rec, col, line, opt.Raw)
		if len(rec) > len(header) {
			rowErrs = append(rowErrs, &CSVError{Line: line, Column: "#" + strconv.Itoa(len(header)+1),
				Err: fmt.Errorf("the row has %d fields, the header only %d", len(rec), len(header))})
		}
		if in.Name != "" {
			if first, dup := names[in.Name]; dup {
				rowErrs = append(rowErrs, &CSVError{Line: line, Column: "name", Err: fmt.Errorf("%q is also the name on line %d", Truncate(in.Name, MaxNameInMessage), first)})
			} else {
				names[in.Name] = line
			}
		}
		if first, dup := ids[in.ID]; dup {
			column := "id"
			if _, ok := col["id"]; !ok || strings.TrimSpace(rec[col["id"]]) == "" {
				column = "name"
			}
			rowErrs = append(rowErrs, &CSVError{Line: line, Column: column, Err: fmt.Errorf("id %q is also the id on line %d", Truncate(in.ID, MaxNameInMessage), first)})
		} else {
			ids[in.ID] = line
		}
		errs = append(errs, rowErrs...)
		t.Initiatives = append(t.Initiatives, in)
		t.Lines = append(t.Lines, line)
		if len(t.Initiatives) > MaxCSVRows {
			return nil, fmt.Errorf("the CSV file has more than %d rows: split it", MaxCSVRows)
		}
		if len(errs) > 50 {
			errs = append(errs, errors.New("more problems follow; fix these first"))
			break
		}
	}
	if len(errs) > 0 {
		return nil, &RowsError{Errs: errs, Table: t}
	}
	return t, nil
}

// RowsError is the refusal of a table whose rows have problems: Errs lists
// them (*CSVError values; it reads as errors.Join of them) and Table holds
// the rows as read, so that an importer can report the problems only the
// whole portfolio shows (a formula naming an unknown driver) in the same
// pass.
type RowsError struct {
	Errs  []error
	Table *CSVTable
}

func (e *RowsError) Error() string   { return errors.Join(e.Errs...).Error() }
func (e *RowsError) Unwrap() []error { return e.Errs }

// MergeCSV copies into dst the fields of src that the columns hold, leaving
// the others (and the assumptions and risks, which CSV does not hold) as
// they are: an import of a table updates only what the table has.
func MergeCSV(dst *Initiative, src *Initiative, columns []string) {
	for _, c := range columns {
		switch c {
		case "id":
			dst.ID = src.ID
		case "name":
			dst.Name = src.Name
		case "tag":
			dst.Tag = src.Tag
		case "kind":
			dst.Kind = src.Kind
		case "status":
			dst.Status = src.Status
		case "S":
			dst.S = src.S
		case "X":
			dst.X = src.X
		case "sigma":
			dst.Sigma = src.Sigma
		case "deadline":
			dst.Deadline = src.Deadline
		case "r":
			dst.Rate = src.Rate
		case "q":
			dst.Leakage = src.Leakage
		case "expand_factor":
			dst.ExpandFactor = src.ExpandFactor
		case "contract_factor":
			dst.ContractFactor = src.ContractFactor
		case "salvage":
			dst.Salvage = src.Salvage
		case "stage_cost":
			dst.StageCost = src.StageCost
		case "stage_deadline":
			dst.StageDeadline = src.StageDeadline
		case "owner":
			dst.Owner = src.Owner
		case "rationale":
			dst.Rationale = src.Rationale
		default:
			panic("model: MergeCSV: unknown column " + strconv.Quote(c))
		}
	}
}

// BlankRecord reports whether a CSV record is a line of spaces, which is
// no row.
func BlankRecord(rec []string) bool { return len(rec) == 1 && strings.TrimSpace(rec[0]) == "" }

// CSVReader reads the records of a CSV file as every CSV reader of the
// product does (the initiative table, the CLI's price batch): a byte order
// mark at the start is dropped, lines ending in a carriage return alone
// read as lines (newlineReader), at most MaxFileSize bytes are read, rows
// may have any number of fields, and after the first record (the header)
// a line of spaces is no row.
type CSVReader struct {
	cr      *csv.Reader
	lr      *limitedReader
	started bool
}

// NewCSVReader returns a CSVReader of r.
func NewCSVReader(r io.Reader) *CSVReader {
	lr := &limitedReader{r: newlineReader(bomReader(r)), n: MaxFileSize}
	cr := csv.NewReader(lr)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	return &CSVReader{cr: cr, lr: lr}
}

// TrimLeadingSpace makes the reader ignore spaces before a cell (so that
// ` "a, b"` is a quoted cell), as encoding/csv's option of that name.
func (c *CSVReader) TrimLeadingSpace() { c.cr.TrimLeadingSpace = true }

// Read returns the next record and the line it starts on, io.EOF at the
// end. The record is reused by the next Read. A line that is not valid CSV
// gives a *csv.ParseError (with its line and column); a file larger than
// MaxFileSize an error saying so.
func (c *CSVReader) Read() (rec []string, line int, err error) {
	for {
		rec, err = c.cr.Read()
		if c.lr.over {
			return nil, 0, csvTooLarge()
		}
		if err != nil {
			return nil, 0, err
		}
		if c.started && BlankRecord(rec) {
			continue
		}
		c.started = true
		line, _ = c.cr.FieldPos(0)
		return rec, line, nil
	}
}

// bomReader returns r without the UTF-8 byte order mark it may start with
// (spreadsheets write one; encoding/csv would read it as part of the first
// cell, and a quoted first cell as a stray quote).
func bomReader(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && string(b) == "\ufeff" {
		br.Discard(3)
	}
	return br
}

// limitedReader reads at most n bytes of r and notes whether r had more.
type limitedReader struct {
	r    io.Reader
	n    int64
	over bool
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		var one [1]byte
		if k, _ := l.r.Read(one[:]); k > 0 {
			l.over = true
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	k, err := l.r.Read(p)
	l.n -= int64(k)
	return k, err
}

func csvTooLarge() error {
	return fmt.Errorf("the CSV file is larger than %d MB", MaxFileSize>>20)
}

// csvReadError is a CSVReader error as ReadCSVTable reports it: a line
// that is not valid CSV as a *CSVError.
func csvReadError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &CSVError{Line: pe.Line, Column: strconv.Itoa(pe.Column), Err: pe.Err}
	}
	return err
}

func csvRow(rec []string, col map[string]int, line int, rawText bool) (Initiative, []error) {
	var errs []error
	raw := func(name string) string {
		i, ok := col[name]
		if !ok || i >= len(rec) {
			return ""
		}
		if rawText {
			return rec[i]
		}
		return UnescapeCSVCell(rec[i])
	}
	get := func(name string) string { return strings.TrimSpace(raw(name)) }
	fail := func(name string, err error) { errs = append(errs, &CSVError{Line: line, Column: name, Err: err}) }
	num := func(name string, dst *float64) {
		s := get(name)
		if s == "" {
			return
		}
		v, err := strconv.ParseFloat(s, 64)
		var ne *strconv.NumError
		switch {
		case errors.As(err, &ne) && ne.Err == strconv.ErrRange:
			fail(name, fmt.Errorf("%q is out of the range of numbers", s))
			return
		case err != nil:
			fail(name, fmt.Errorf("%q is not a number", s))
			return
		case math.IsNaN(v) || math.IsInf(v, 0):
			fail(name, fmt.Errorf("%q is not a finite number", s))
			return
		}
		*dst = v
	}
	qty := func(name string, dst *Quantity) {
		s := get(name)
		if s == "" {
			fail(name, errors.New("is empty"))
			return
		}
		v, err := strconv.ParseFloat(s, 64)
		var ne *strconv.NumError
		switch {
		case err == nil && (math.IsNaN(v) || math.IsInf(v, 0)):
			fail(name, fmt.Errorf("%q is not a finite number", s))
		case err == nil:
			*dst = Number(v)
		case errors.As(err, &ne) && ne.Err == strconv.ErrRange:
			fail(name, fmt.Errorf("%q is out of the range of numbers", s))
		case strings.HasPrefix(s, "="):
			fail(name, fmt.Errorf("%q is a spreadsheet formula: write its value, or a formula over the portfolio's drivers without the =", s))
		default:
			*dst = Formula(s)
		}
	}
	date := func(name string, dst *Date) {
		s := get(name)
		if s == "" {
			return
		}
		d, err := ParseDate(s)
		if err != nil {
			fail(name, err)
			return
		}
		*dst = d
	}
	// Text is kept as written (a CSV written by WriteCSV reads back
	// unchanged); numbers, dates, kinds and IDs are trimmed.
	in := Initiative{ID: get("id"), Name: raw("name"), Tag: raw("tag"), Kind: OptionKind(get("kind")), Status: Status(get("status")),
		Owner: raw("owner"), Rationale: raw("rationale")}
	if strings.TrimSpace(in.Name) == "" {
		fail("name", errors.New("is empty"))
	}
	if in.ID == "" {
		in.ID = Slug(in.Name)
	}
	if in.Kind == "" {
		in.Kind = KindDefer
	}
	if in.Status == "" {
		in.Status = StatusOpen
	}
	qty("S", &in.S)
	qty("X", &in.X)
	qty("sigma", &in.Sigma)
	date("deadline", &in.Deadline)
	if in.Deadline.IsZero() && get("deadline") == "" {
		fail("deadline", errors.New("is empty"))
	}
	if s := get("r"); s != "" {
		r := math.NaN()
		num("r", &r)
		if !math.IsNaN(r) {
			in.Rate = &r
		}
	}
	num("q", &in.Leakage)
	num("expand_factor", &in.ExpandFactor)
	num("contract_factor", &in.ContractFactor)
	num("salvage", &in.Salvage)
	num("stage_cost", &in.StageCost)
	date("stage_deadline", &in.StageDeadline)
	if len(errs) == 0 {
		// The row's own invariants, as Validate checks them, reported at
		// the column that holds the field.
		var v validator
		v.initiative(&Portfolio{}, &in, "", nil)
		for _, p := range v.problems {
			column := strings.TrimPrefix(p.Field, ".")
			if i := strings.IndexAny(column, ".["); i >= 0 {
				column = column[:i]
			}
			errs = append(errs, &CSVError{Line: line, Column: column, Err: errors.New(p.Message)})
		}
	}
	return in, errs
}

// newlineReader returns r, reading a file whose lines end in a carriage
// return alone (classic Mac OS, some spreadsheet exports) as if they ended
// in a newline: encoding/csv only knows LF and CRLF and would read such a
// file as one long header row. The choice is made on the first block: a
// block with a CR and no LF marks a CR-only file.
func newlineReader(r io.Reader) io.Reader {
	return &crReader{r: r}
}

type crReader struct {
	r       io.Reader
	decided bool
	crOnly  bool
}

func (c *crReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if !c.decided && n > 0 {
		c.decided = true
		c.crOnly = bytes.IndexByte(p[:n], '\n') < 0 && bytes.IndexByte(p[:n], '\r') >= 0
	}
	if c.crOnly {
		for i := range p[:n] {
			if p[i] == '\r' {
				p[i] = '\n'
			}
		}
	}
	return n, err
}
