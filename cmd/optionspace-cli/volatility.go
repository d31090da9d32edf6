package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/estimate"
)

// maxSeriesBytes bounds a history file.
const maxSeriesBytes = 200 << 20

// threePointJSON is the JSON output of volatility with a three-point range.
type threePointJSON struct {
	Method string  `json:"method"`
	P10    float64 `json:"p10"`
	P50    float64 `json:"p50"`
	P90    float64 `json:"p90"`
	Years  float64 `json:"years"`
	Sigma  float64 `json:"sigma"`
	// Mean is the lognormal's expected value at the horizon, P50 e^(σ²T/2);
	// S is its present value.
	Mean float64 `json:"mean"`
	// ImpliedMedian is √(P10·P90), the median P10 and P90 imply.
	ImpliedMedian float64  `json:"implied_median"`
	S             float64  `json:"S"`
	R             float64  `json:"r"`
	Discounting   string   `json:"discounting"`
	X             *float64 `json:"X,omitempty"`
	BlackScholes  *float64 `json:"black_scholes,omitempty"`
	DatarMathews  *float64 `json:"datar_mathews,omitempty"`
}

func runVolatility(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	series := fs.String("series", "", "history CSV `file` of date,value rows (ISO dates; a header row is allowed)")
	p10 := fs.Float64("p10", 0, "pessimistic value of S at the horizon (10th percentile)")
	p50 := fs.Float64("p50", 0, "likely value of S at the horizon (median)")
	p90 := fs.Float64("p90", 0, "optimistic value of S at the horizon (90th percentile)")
	years := fs.Float64("years", 0, "the horizon T in years")
	x := fs.Float64("X", 0, "investment X, for the Black-Scholes and Datar-Mathews values")
	r := fs.Float64("r", 0.04, "risk-free rate per year, read per --discounting")
	disc := fs.String("discounting", "discrete", "how r is read: discrete (Luehrman, the portfolios' default) or continuous")
	format := addFormatFlag(fs, "table", "json")
	setUsage(fs, stderr,
		"usage: optionspace-cli volatility --series FILE.csv [--format table|json]",
		"       optionspace-cli volatility --p10 A --p50 B --p90 C --years T [--X X --r R] [--format table|json]",
	)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if err := format.check(); err != nil {
		return err
	}
	set := givenFlags(fs)
	three := set["p10"] || set["p50"] || set["p90"] || set["years"]
	switch {
	case *series != "" && three:
		return fmt.Errorf("%w: give --series or --p10/--p50/--p90/--years, not both", errUsage)
	case *series != "":
		return historyVolatility(*series, format.value, stdout, stderr)
	case !three:
		return fmt.Errorf("%w: give --series FILE.csv, or --p10, --p50, --p90 and --years", errUsage)
	}
	for _, n := range []string{"p10", "p50", "p90", "years"} {
		if !set[n] {
			return fmt.Errorf("%w: --%s is required with a three-point range", errUsage, n)
		}
	}
	var d valuation.Discounting
	if err := d.UnmarshalText([]byte(*disc)); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if d == valuation.Discrete && !(*r > -1) || math.IsNaN(*r) || math.Abs(*r) > 1 {
		return fmt.Errorf("%w: --r %g is not a usable rate", errUsage, *r)
	}
	sigma, err := estimate.ThreePoint(*p10, *p50, *p90, *years)
	if err != nil {
		return err
	}
	rc := d.ContinuousRate(*r)
	df := math.Exp(-rc * *years)
	mean := estimate.ThreePointMean(*p50, sigma, *years)
	out := threePointJSON{Method: "three_point", P10: *p10, P50: *p50, P90: *p90, Years: *years,
		Sigma: sigma, Mean: mean, ImpliedMedian: estimate.ThreePointMedian(*p10, *p90), S: mean * df, R: *r, Discounting: *disc}
	if m := out.ImpliedMedian; math.Abs(*p50/m-1) > 0.1 {
		fmt.Fprintf(stderr, "optionspace-cli volatility: warning: P10 %g and P90 %g imply a median of %.6g, not P50 %g: the three are not percentiles of one lognormal (sigma reads P10 and P90, S the mean of a lognormal with median P50)\n", *p10, *p90, m, *p50)
	}
	if set["X"] {
		bs, err := valuation.BlackScholes(valuation.Call, valuation.Inputs{S: out.S, X: *x, T: *years, Sigma: sigma, R: rc})
		if err != nil {
			return err
		}
		dm, err := estimate.DatarMathews(*p10, *p50, *p90, *x, df)
		if err != nil {
			return err
		}
		out.X, out.BlackScholes, out.DatarMathews = x, &bs, &dm
	}
	if format.value == "json" {
		return writeJSON(stdout, out)
	}
	tw := newTable(stdout)
	fmt.Fprintf(tw, "sigma\t%.6g\t(lognormal with P10 %g, P90 %g at %g years)\n", sigma, *p10, *p90, *years)
	fmt.Fprintf(tw, "S\t%.6g\t(the lognormal's mean P50 e^(sigma^2 t/2) = %.6g, discounted at %g%% %s)\n", out.S, mean, *r*100, *disc)
	if out.X != nil {
		fmt.Fprintf(tw, "Black-Scholes value\t%.6g\t(call on S at X %g)\n", *out.BlackScholes, *x)
		fmt.Fprintf(tw, "Datar-Mathews value\t%.6g\t(E[max(V - X, 0)] over triangular(P10, P50, P90), discounted)\n", *out.DatarMathews)
	}
	return tw.Flush()
}

// historyVolatility reads a date,value CSV and prints σ of its log returns.
func historyVolatility(path, format string, stdout, stderr io.Writer) error {
	pts, err := readSeries(path)
	if err != nil {
		return err
	}
	res, err := estimate.History(pts)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if k := res.OutOfOrder; k > 0 {
		fmt.Fprintf(stderr, "note: %s: the rows are not in date order (value %d, dated %s, comes after %s); they were sorted by date: check the dates for a typing mistake\n",
			path, k, pts[k-1].Date.Format(time.DateOnly), pts[k-2].Date.Format(time.DateOnly))
	}
	if format == "json" {
		return writeJSON(stdout, struct {
			Method string `json:"method"`
			estimate.HistoryResult
		}{"history", res})
	}
	tw := newTable(stdout)
	fmt.Fprintf(tw, "sigma\t%.6g\t± %.3g\t(log returns, annualised by the dates' spacing)\n", res.Sigma, res.SigmaSE)
	fmt.Fprintf(tw, "sigma (EWMA)\t%.6g\t\t(RiskMetrics, lambda %.2f, at %s)\n", res.EWMA, res.Lambda, res.To)
	fmt.Fprintf(tw, "history\t%d returns\t\t(%s to %s, %.3g years, every %.3g days on average)\n", res.Returns, res.From, res.To, res.Years, res.MeanSpacingDays)
	return tw.Flush()
}

// readSeries reads date,value rows; a first row whose value is not a number
// is a header.
func readSeries(path string) ([]estimate.Point, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("%s is a folder, not a CSV file", path)
	} else if err == nil && fi.Size() > maxSeriesBytes {
		return nil, fmt.Errorf("%s is %d MB: a history file may be at most %d MB", path, fi.Size()>>20, maxSeriesBytes>>20)
	}
	br := bufio.NewReader(io.LimitReader(f, maxSeriesBytes))
	if b, _ := br.Peek(3); string(b) == "\xef\xbb\xbf" {
		_, _ = br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	var pts []estimate.Point
	for line := 1; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) < 2 {
			return nil, fmt.Errorf("%s, line %d: want date,value, got %d column(s)", path, line, len(rec))
		}
		ds, vs := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1])
		v, verr := strconv.ParseFloat(vs, 64)
		if line == 1 && verr != nil {
			continue // header
		}
		if verr != nil {
			return nil, fmt.Errorf("%s, line %d, column 2: %q is not a number", path, line, model.Truncate(vs, 41))
		}
		d, err := time.Parse(time.DateOnly, ds)
		if err != nil {
			return nil, fmt.Errorf("%s, line %d, column 1: %q is not a date (want YYYY-MM-DD)", path, line, model.Truncate(ds, 41))
		}
		if len(pts) >= estimate.MaxHistoryPoints {
			return nil, fmt.Errorf("%s: more than %d rows", path, estimate.MaxHistoryPoints)
		}
		pts = append(pts, estimate.Point{Date: d, Value: v})
	}
	return pts, nil
}
