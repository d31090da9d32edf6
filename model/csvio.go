package model

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
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
// row (CSVColumns). S, X and sigma are numbers or formulas.
func WriteCSV(w io.Writer, p *Portfolio) error {
	cw := csv.NewWriter(w)
	cw.Write(CSVColumns)
	for _, in := range p.Initiatives {
		rate := ""
		if in.Rate != nil {
			rate = fmtNum(*in.Rate)
		}
		cw.Write([]string{in.ID, in.Name, in.Tag, string(in.Kind), string(in.Status), in.S.String(), in.X.String(), in.Sigma.String(),
			in.Deadline.String(), rate, fmtNum(in.Leakage), fmtNum(in.ExpandFactor), fmtNum(in.ContractFactor), fmtNum(in.Salvage),
			fmtNum(in.StageCost), in.StageDeadline.String(), in.Owner, in.Rationale})
	}
	cw.Flush()
	return cw.Error()
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// CSVError is a problem at a line and column of a CSV file.
type CSVError struct {
	Line   int
	Column string
	Err    error
}

func (e *CSVError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("line %d, column %s: %v", e.Line, e.Column, e.Err)
}

func (e *CSVError) Unwrap() error { return e.Err }

// ReadCSV reads an initiative table. Every row must be valid or nothing is
// returned: the error lists each problem with its line and column. Missing
// kind and status default to defer and open; a missing id is made from the
// name. S, X and sigma may be numbers or formulas.
func ReadCSV(r io.Reader) ([]Initiative, error) {
	cr := csv.NewReader(io.LimitReader(r, MaxFileSize+1))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, errors.New("the CSV file is empty: it needs a header row naming " + strings.Join(csvRequired, ", "))
	}
	if err != nil {
		return nil, csvReadError(err)
	}
	col := map[string]int{}
	known := map[string]bool{}
	for _, c := range CSVColumns {
		known[c] = true
	}
	var errs []error
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if !known[h] {
			errs = append(errs, &CSVError{Line: 1, Column: h, Err: fmt.Errorf("unknown column (known: %s)", strings.Join(CSVColumns, ", "))})
			continue
		}
		if _, dup := col[h]; dup {
			errs = append(errs, &CSVError{Line: 1, Column: h, Err: errors.New("the column appears twice")})
		}
		col[h] = i
	}
	for _, req := range csvRequired {
		if _, ok := col[req]; !ok {
			errs = append(errs, &CSVError{Line: 1, Column: req, Err: errors.New("required column missing")})
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	var out []Initiative
	line := 1
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line++
		if err != nil {
			return nil, csvReadError(err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		in, rowErrs := csvRow(rec, col, line)
		errs = append(errs, rowErrs...)
		out = append(out, in)
		if len(errs) > 50 {
			errs = append(errs, errors.New("more problems follow; fix these first"))
			break
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if len(out) == 0 {
		return nil, errors.New("the CSV file has a header but no initiatives")
	}
	return out, nil
}

func csvReadError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &CSVError{Line: pe.Line, Column: strconv.Itoa(pe.Column), Err: pe.Err}
	}
	return err
}

func csvRow(rec []string, col map[string]int, line int) (Initiative, []error) {
	var errs []error
	get := func(name string) string {
		i, ok := col[name]
		if !ok || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	fail := func(name string, err error) { errs = append(errs, &CSVError{Line: line, Column: name, Err: err}) }
	num := func(name string, dst *float64) {
		s := get(name)
		if s == "" {
			return
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			fail(name, fmt.Errorf("%q is not a number", s))
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
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			*dst = Number(v)
		} else {
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
	in := Initiative{ID: get("id"), Name: get("name"), Tag: get("tag"), Kind: OptionKind(get("kind")), Status: Status(get("status")),
		Owner: get("owner"), Rationale: get("rationale")}
	if in.Name == "" {
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
		var r float64
		num("r", &r)
		in.Rate = &r
	}
	num("q", &in.Leakage)
	num("expand_factor", &in.ExpandFactor)
	num("contract_factor", &in.ContractFactor)
	num("salvage", &in.Salvage)
	num("stage_cost", &in.StageCost)
	date("stage_deadline", &in.StageDeadline)
	return in, errs
}
