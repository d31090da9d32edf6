package main

import (
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
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

// priceOne prices spec with the engine.
func priceOne(sp priceSpec) (valuation.Result, error) {
	typ, ok := optionTypes[sp.typ]
	if !ok {
		return valuation.Result{}, fmt.Errorf("type %q: want call or put", sp.typ)
	}
	style, ok := optionStyles[sp.style]
	if !ok {
		return valuation.Result{}, fmt.Errorf("style %q: want european or american", sp.style)
	}
	switch sp.model {
	case "bs":
		if style != valuation.European {
			return valuation.Result{}, errors.New("model bs prices european options only: use alo, crr or lr for american")
		}
		if sp.steps != 0 {
			return valuation.Result{}, errors.New("steps: not used by model bs (leave it empty)")
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
			return valuation.Result{}, errors.New("model alo prices american options only: use bs for european")
		}
		if sp.steps != 0 {
			return valuation.Result{}, errors.New("steps: not used by model alo (leave it empty)")
		}
		return valuation.ALO(typ, sp.in, valuation.ALOAccurate)
	}
	return valuation.Result{}, fmt.Errorf("model %q: want bs, crr, lr or alo", sp.model)
}

func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// priceJSON is the --json output of a single price.
type priceJSON struct {
	Model  string  `json:"model"`
	Style  string  `json:"style"`
	Type   string  `json:"type"`
	Value  float64 `json:"value"`
	Delta  float64 `json:"delta"`
	Gamma  float64 `json:"gamma"`
	Vega   float64 `json:"vega"`
	Theta  float64 `json:"theta"`
	Rho    float64 `json:"rho"`
	Method string  `json:"method"`
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
		"batch CSV columns (any order, extra ignored): id,model,style,type,S,X,t,sigma,r,q,steps",
		"batch output: id,value,delta,gamma,vega,theta,error; exit 1 if any row fails",
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
	if set["steps"] && sp.steps == 0 {
		return fmt.Errorf("%w: --steps must be positive", errUsage)
	}
	res, err := priceOne(sp)
	if err != nil {
		var ie *valuation.InputError
		if errors.As(err, &ie) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if *asJSON {
		g := res.Greeks
		return writeJSON(stdout, priceJSON{Model: sp.model, Style: sp.style, Type: sp.typ, Value: res.Value,
			Delta: g.Delta, Gamma: g.Gamma, Vega: g.Vega, Theta: g.Theta, Rho: g.Rho, Method: res.Method})
	}
	g := res.Greeks
	fmt.Fprintf(stdout, "value  %s\ndelta  %s\ngamma  %s\nvega   %s\ntheta  %s\nrho    %s\nmethod %s\n",
		fmtFloat(res.Value), fmtFloat(g.Delta), fmtFloat(g.Gamma), fmtFloat(g.Vega), fmtFloat(g.Theta), fmtFloat(g.Rho), res.Method)
	return nil
}

// batchColumns are the columns a batch CSV must have.
var batchColumns = []string{"id", "model", "style", "type", "S", "X", "t", "sigma", "r", "q", "steps"}

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

func priceCSV(r io.Reader, stdout, stderr io.Writer) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("batch: reading the header: %v", err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	var missing []string
	for _, c := range batchColumns {
		if _, ok := col[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("batch: header lacks column(s) %s (need %s)", strings.Join(missing, ","), strings.Join(batchColumns, ","))
	}
	w := model.NewCSVWriter(stdout) // escapes cells a spreadsheet would run
	w.Write([]string{"id", "value", "delta", "gamma", "vega", "theta", "error"})
	failed, line := 0, 1
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line++
		var out []string
		if err != nil {
			out = []string{"", "", "", "", "", "", fmt.Sprintf("line %d: %v", line, err)}
		} else {
			out = priceRow(rec, col)
		}
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

// priceRow prices one batch record: id,value,delta,gamma,vega,theta,error.
func priceRow(rec []string, col map[string]int) []string {
	get := func(name string) string {
		if i := col[name]; i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	id := get("id")
	fail := func(err error) []string { return []string{id, "", "", "", "", "", err.Error()} }
	if col[batchColumns[len(batchColumns)-1]] >= len(rec) && len(rec) < len(col) {
		// Short rows are priced if every needed column is present.
		for _, c := range batchColumns {
			if col[c] >= len(rec) {
				return fail(fmt.Errorf("row has %d fields, column %s is missing", len(rec), c))
			}
		}
	}
	sp := priceSpec{model: strings.ToLower(get("model")), style: strings.ToLower(get("style")), typ: strings.ToLower(get("type"))}
	for _, f := range []struct {
		name string
		dst  *float64
	}{{"S", &sp.in.S}, {"X", &sp.in.X}, {"t", &sp.in.T}, {"sigma", &sp.in.Sigma}, {"r", &sp.in.R}, {"q", &sp.in.Q}} {
		v, err := strconv.ParseFloat(get(f.name), 64)
		if err != nil {
			return fail(fmt.Errorf("%s %q is not a number", f.name, get(f.name)))
		}
		*f.dst = v
	}
	if s := get("steps"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			return fail(fmt.Errorf("steps %q is not a positive integer", s))
		}
		sp.steps = n
	}
	res, err := priceOne(sp)
	if err != nil {
		return fail(err)
	}
	g := res.Greeks
	return []string{id, fmtFloat(res.Value), fmtFloat(g.Delta), fmtFloat(g.Gamma), fmtFloat(g.Vega), fmtFloat(g.Theta), ""}
}
