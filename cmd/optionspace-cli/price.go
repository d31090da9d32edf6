package main

import (
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
)

// Default lattice steps of the price command.
const (
	defaultCRRSteps = 1000
	defaultLRSteps  = 201
)

// priceSpec is one pricing request.
type priceSpec struct {
	model, style, typ string
	in                valuation.Inputs
	steps             int // 0: the model's default
}

// optionTypes and optionStyles name the engine's option types and
// exercise styles as --type and --style (and the batch columns) spell them.
var (
	optionTypes  = map[string]valuation.OptionType{"call": valuation.Call, "put": valuation.Put}
	optionStyles = map[string]valuation.Style{"european": valuation.European, "american": valuation.American}
)

// priceOne prices spec with the engine. An error about a type, style,
// model or steps that cannot go together is a *columnError naming the
// input (the engine's own are *valuation.InputError).
func priceOne(sp priceSpec) (valuation.Result, error) {
	typ, ok := optionTypes[sp.typ]
	if !ok {
		return valuation.Result{}, &columnError{column: "type", value: sp.typ, reason: "want call or put"}
	}
	style, ok := optionStyles[sp.style]
	if !ok {
		return valuation.Result{}, &columnError{column: "style", value: sp.style, reason: "want european or american"}
	}
	switch sp.model {
	case "bs":
		if style != valuation.European {
			return valuation.Result{}, &columnError{column: "style", reason: "model bs prices european options only: use alo, crr or lr for american"}
		}
		if sp.steps != 0 {
			return valuation.Result{}, unusedSteps(sp)
		}
		return valuation.BlackScholesGreeks(typ, sp.in)
	case "crr":
		if sp.steps == 0 {
			sp.steps = defaultCRRSteps
		}
		return valuation.CRR(typ, style, sp.in, sp.steps)
	case "lr":
		if sp.steps == 0 {
			sp.steps = defaultLRSteps
		}
		return valuation.LeisenReimer(typ, style, sp.in, sp.steps)
	case "alo":
		if style != valuation.American {
			return valuation.Result{}, &columnError{column: "style", reason: "model alo prices american options only: use bs for european"}
		}
		if sp.steps != 0 {
			return valuation.Result{}, unusedSteps(sp)
		}
		return valuation.ALO(typ, sp.in, valuation.ALOAccurate)
	}
	return valuation.Result{}, &columnError{column: "model", value: sp.model, reason: "want bs, crr, lr or alo"}
}

// unusedSteps is the error of steps given to a model without a lattice.
func unusedSteps(sp priceSpec) *columnError {
	return &columnError{column: "steps", value: strconv.Itoa(sp.steps), reason: "not used by model " + sp.model + " (leave it out)"}
}

// latticeWarning says, for an American option priced on a lattice the
// user chose (crr or lr), when the lattice's value is far from the
// boundary method's (valuation.ALOAccurate, about 1e-8 relative): by more
// than 1% of that value and 1e-8 of X. That happens where the lattice's
// grid is too coarse for the option, at small sigma*sqrt(t) above all
// (Leisen-Reimer with 201 steps gives 2.5e-8 for an at-the-money put worth
// 3.7e-4 at sigma 0.001). The value printed stays the lattice's: the user
// asked for it. "" when there is nothing to say or no reference.
func latticeWarning(sp priceSpec, value float64) string {
	if sp.style != "american" || (sp.model != "crr" && sp.model != "lr") {
		return ""
	}
	ref, err := valuation.ALOValue(optionTypes[sp.typ], sp.in, valuation.ALOAccurate)
	if err != nil || math.IsNaN(value) || math.Abs(value-ref) <= 0.01*ref+1e-8*sp.in.X {
		return ""
	}
	steps := sp.steps
	if steps == 0 {
		steps = map[string]int{"crr": defaultCRRSteps, "lr": defaultLRSteps}[sp.model]
	}
	cause := "its grid is too coarse for this option"
	if cv := sp.in.Sigma * math.Sqrt(sp.in.T); cv < 0.05 {
		cause = fmt.Sprintf("sigma*sqrt(t) = %.3g is small for %d steps", cv, steps)
	}
	return fmt.Sprintf("the %s lattice of %d steps gives %s where the boundary method (--model alo) gives %s: %s; use --model alo or more --steps",
		sp.model, steps, fmtFloat(value), fmtFloat(ref), cause)
}

// columnError is a problem with one input of a pricing request: column
// names it as the batch columns and the flags do, value is the input as
// given ("" when reason names it) and reason what is wrong with it. The
// input is named once: as the flag in Error ("--type pat: want call or
// put") and by the batch's CSVError in cell ("column type: "pat": want
// call or put").
type columnError struct {
	column, value, reason string
}

// Error is the message for a flag: "--steps 5: not used by model alo
// (leave it out)", or the reason alone when value is "".
func (e *columnError) Error() string {
	if e.value == "" {
		return e.reason
	}
	return "--" + e.column + " " + e.value + ": " + e.reason
}

// cell is the message for a batch row, after the CSVError's "column C: ":
// the cell quoted as typed, then the reason.
func (e *columnError) cell() error {
	if e.value == "" {
		return errors.New(e.reason)
	}
	return fmt.Errorf("%q: %s", e.value, e.reason)
}

// inputMessage is the engine's complaint about an input with the value as
// the user typed it (typed), or in plain decimals when typed is "" (never
// %g's 1e+08 for 100000000): e.g. "input steps = 100000000 is outside
// [2, 100000]". A value beyond plainLimit (1e308 would be 309 digits)
// is written like the limits are, 1e+308.
func inputMessage(ie *valuation.InputError, typed string) string {
	if typed == "" {
		typed = num(ie.Value)
		if a := math.Abs(ie.Value); a >= plainLimit || (a != 0 && a < 1/plainLimit) {
			typed = fmtFloat(ie.Value)
		}
	}
	return fmt.Sprintf("input %s = %s %s", ie.Input, typed, ie.Reason)
}

// plainLimit is the size from which an input in a message is written with
// an exponent: the engine's amount limit, 1e15, has 16 digits.
const plainLimit = 1e15

// errSteps is the one message for lattice steps out of range, for the
// flag and the batch column alike (0 and 1 used to get different ones),
// after the flag or the column that names them: "--steps 1: must be a
// whole number in [2, 100000]".
var errSteps = fmt.Errorf("must be a whole number in [2, %d]", valuation.MaxSteps)

// checkSteps returns errSteps unless 2 <= n <= valuation.MaxSteps.
func checkSteps(n int) error {
	if n < 2 || n > valuation.MaxSteps {
		return errSteps
	}
	return nil
}

func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// finiteOrNil is &v, or nil (JSON null) where v is not finite: theta at
// T = 0 with S = X is -Inf (the table prints "-Inf"), which JSON has no
// number for.
func finiteOrNil(v float64) *float64 {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return nil
	}
	return &v
}

// priceJSON is the --json output of a single price.
type priceJSON struct {
	Model  string   `json:"model"`
	Style  string   `json:"style"`
	Type   string   `json:"type"`
	Value  float64  `json:"value"`
	Delta  float64  `json:"delta"`
	Gamma  float64  `json:"gamma"`
	Vega   float64  `json:"vega"`
	Theta  *float64 `json:"theta"` // null where not finite: -Inf at T = 0 with S = X
	Rho    float64  `json:"rho"`
	Method string   `json:"method"`
}

func runPrice(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	var sp priceSpec
	fs.StringVar(&sp.model, "model", "bs", "pricing model: bs, crr, lr or alo (American exercise boundary, Andersen-Lake-Offengelt)")
	fs.StringVar(&sp.style, "style", "european", "exercise style: european or american")
	fs.StringVar(&sp.typ, "type", "call", "option type: call or put")
	fs.Float64Var(&sp.in.S, "S", 0, "underlying value S (required)")
	fs.Float64Var(&sp.in.X, "X", 0, "exercise price X (required)")
	fs.Float64Var(&sp.in.T, "t", 0, "time to expiry in years (required)")
	fs.Float64Var(&sp.in.Sigma, "sigma", 0, "volatility per year (required)")
	fs.Float64Var(&sp.in.R, "r", 0, "risk-free rate, continuously compounded")
	fs.Float64Var(&sp.in.Q, "q", 0, "leakage (dividend yield), continuously compounded")
	fs.IntVar(&sp.steps, "steps", 0, fmt.Sprintf("lattice steps (default %d for crr, %d for lr)", defaultCRRSteps, defaultLRSteps))
	asJSON := fs.Bool("json", false, "print JSON")
	batch := fs.String("batch", "", "price a CSV batch from FILE ('-' for standard input) instead of one option")
	setUsage(fs, stderr,
		"usage: optionspace-cli price --model bs|crr|lr|alo --style european|american --type call|put --S .. --X .. --t .. --sigma .. [--r ..] [--q ..] [--steps N] [--json]",
		"       optionspace-cli price --batch FILE|-",
		"batch CSV: a header line, then one option a line. Columns (any order, others ignored): id,model,style,type,S,X,t,sigma;",
		"  optional: r and q (absent or empty: 0, as the flags), steps (absent or empty: the model's default; leave it empty for bs and alo)",
		"batch output: id,value,delta,gamma,vega,theta,error, one row per input row; a row that cannot be priced gets its error",
		"  (\"line N (id ...), column C: ...\") in the error column and the batch goes on; exit 1 if any row fails.",
		"  A line that is not valid CSV (a stray quote) stops the batch there, with its line on standard error.",
	)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if *batch != "" {
		return priceBatch(*batch, stdout, stderr)
	}
	set := givenFlags(fs)
	if err := requireFlags(set, "S", "X", "t", "sigma"); err != nil {
		return err
	}
	if set["steps"] {
		if err := checkSteps(sp.steps); err != nil {
			return fmt.Errorf("%w: --steps %d: %v", errUsage, sp.steps, err)
		}
	}
	res, err := priceOne(sp)
	if err != nil {
		var ie *valuation.InputError
		if errors.As(err, &ie) {
			return errors.New(inputMessage(ie, ""))
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if w := latticeWarning(sp, res.Value); w != "" {
		fmt.Fprintln(stderr, "optionspace-cli price: warning: "+w)
	}
	if *asJSON {
		g := res.Greeks
		return writeJSON(stdout, priceJSON{Model: sp.model, Style: sp.style, Type: sp.typ, Value: res.Value,
			Delta: g.Delta, Gamma: g.Gamma, Vega: g.Vega, Theta: finiteOrNil(g.Theta), Rho: g.Rho, Method: res.Method})
	}
	g := res.Greeks
	fmt.Fprintf(stdout, "value  %s\ndelta  %s\ngamma  %s\nvega   %s\ntheta  %s\nrho    %s\nmethod %s\n",
		fmtFloat(res.Value), fmtFloat(g.Delta), fmtFloat(g.Gamma), fmtFloat(g.Vega), fmtFloat(g.Theta), fmtFloat(g.Rho), res.Method)
	return nil
}

// The columns of a batch CSV: those it must have, and the optional ones
// (r and q 0 when absent or empty, as the flags; steps the model's
// default).
var (
	batchRequired = []string{"id", "model", "style", "type", "S", "X", "t", "sigma"}
	batchOptional = []string{"r", "q", "steps"}
)

// priceBatch prices every row of the CSV at path ("-": standard input) and
// writes one output row per input row, in order.
func priceBatch(path string, stdout, stderr io.Writer) error {
	var r io.Reader
	if path == "-" {
		r = os.Stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	return priceCSV(r, stdout, stderr)
}

// priceCSV prices the batch CSV r, read by the model's CSV reader (a
// byte order mark, CR-only line ends and lines of spaces as for an
// initiative table; spaces before a cell ignored). A row that cannot be
// priced gets its error (a *model.CSVError naming the line, id and
// column) in the error column and the others go on (exit 1 at the end);
// a line that is not valid CSV stops the batch, since the reader cannot
// tell where the next row starts.
func priceCSV(r io.Reader, stdout, stderr io.Writer) error {
	cr := model.NewCSVReader(r)
	cr.TrimLeadingSpace()
	header, _, err := cr.Read()
	if err == io.EOF {
		return fmt.Errorf("batch: the batch is empty: want a header line with the columns %s (and optionally %s)",
			strings.Join(batchRequired, ","), strings.Join(batchOptional, ","))
	}
	if err != nil {
		return csvSyntaxError(err)
	}
	col, err := batchHeader(header)
	if err != nil {
		return err
	}
	width := len(header)
	w := model.NewCSVWriter(stdout) // escapes cells a spreadsheet would run
	w.Write([]string{"id", "value", "delta", "gamma", "vega", "theta", "error"})
	failed := 0
	for {
		rec, line, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			w.Flush()
			return csvSyntaxError(err)
		}
		out := priceRow(rec, width, line, col)
		if out[6] != "" {
			failed++
		}
		w.Write(out)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "optionspace-cli price: %d row(s) could not be priced (see the error column)\n", failed)
		return errSilent
	}
	return nil
}

// batchHeader maps the batch's column names to their indexes; a required
// column missing or a column named twice is an error.
func batchHeader(header []string) (map[string]int, error) {
	col := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h) // the reader has dropped a byte order mark
		if _, dup := col[h]; dup && h != "" {
			return nil, fmt.Errorf("batch: %w", &model.CSVError{Line: 1, Column: h, Err: errors.New("the column appears twice")})
		}
		col[h] = i
	}
	var missing []string
	for _, c := range batchRequired {
		if _, ok := col[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("batch: line 1: the header lacks column(s) %s (need %s; optional %s)",
			strings.Join(missing, ","), strings.Join(batchRequired, ","), strings.Join(batchOptional, ","))
	}
	return col, nil
}

// csvSyntaxError is the message of a line that is not valid CSV: where
// (the line and column of the fault, and the line its row starts on when
// that is another), and that the batch stopped there.
func csvSyntaxError(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return fmt.Errorf("batch: %v", err)
	}
	where := fmt.Sprintf("line %d, column %d", pe.Line, pe.Column)
	if pe.StartLine != pe.Line {
		where += fmt.Sprintf(" (in the row that starts on line %d)", pe.StartLine)
	}
	return fmt.Errorf("batch: %s: %v; the batch stops there (no row from line %d on was priced)", where, pe.Err, pe.StartLine)
}

// priceRow prices the batch record rec of line (its header has width
// columns): id,value,delta,gamma,vega,theta,error. A cell past the end of
// a short row counts as empty.
func priceRow(rec []string, width, line int, col map[string]int) []string {
	get := func(name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	id := get("id")
	fail := func(column string, err error) []string {
		return []string{id, "", "", "", "", "", (&model.CSVError{Line: line, ID: id, Column: column, Err: err}).Error()}
	}
	if len(rec) > width {
		return fail("", fmt.Errorf("the row has %d fields, the header %d", len(rec), width))
	}
	for _, c := range batchRequired {
		if c != "id" && get(c) == "" {
			return fail(c, errors.New("is empty"))
		}
	}
	sp := priceSpec{model: strings.ToLower(get("model")), style: strings.ToLower(get("style")), typ: strings.ToLower(get("type"))}
	for _, f := range []struct {
		name string
		dst  *float64
	}{{"S", &sp.in.S}, {"X", &sp.in.X}, {"t", &sp.in.T}, {"sigma", &sp.in.Sigma}, {"r", &sp.in.R}, {"q", &sp.in.Q}} {
		cell := get(f.name)
		if cell == "" {
			continue // r or q: 0
		}
		v, err := strconv.ParseFloat(cell, 64)
		if err != nil {
			return fail(f.name, fmt.Errorf("%q is not a number", cell))
		}
		*f.dst = v
	}
	if s := get("steps"); s != "" {
		n, err := strconv.Atoi(s)
		if err == nil {
			err = checkSteps(n)
		}
		if err != nil {
			return fail("steps", fmt.Errorf("%q: %v", s, errSteps))
		}
		sp.steps = n
	}
	res, err := priceOne(sp)
	if err != nil {
		var ie *valuation.InputError
		var ce *columnError
		switch {
		case errors.As(err, &ie):
			if typed := get(ie.Input); typed != "" { // the column names the input: "column S: -1 is negative"
				return fail(ie.Input, fmt.Errorf("%s %s", typed, ie.Reason))
			}
			return fail("", errors.New(inputMessage(ie, "")))
		case errors.As(err, &ce):
			return fail(ce.column, ce.cell())
		}
		return fail("", err)
	}
	g := res.Greeks
	// Numbers as every CSV of ours writes them (model.CSVNumber): theta
	// at the expiry kink, -Inf, is an empty cell as JSON has null.
	return []string{id, num(res.Value), num(g.Delta), num(g.Gamma), num(g.Vega), num(g.Theta), ""}
}
