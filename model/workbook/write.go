package workbook

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// Sheet names.
const (
	SheetReadMe      = "Read me"
	SheetInitiatives = "Initiatives"
	SheetResults     = "Results"
	SheetDrivers     = "Drivers"
	SheetLinks       = "Links"
	SheetDecisions   = "Decisions"
	SheetLearning    = "Learning"
	SheetSnapshots   = "Snapshots"
	SheetCashFlows   = "Cash flows"
	// SheetData is the very hidden sheet holding the portfolio's JSON.
	SheetData = "Portfolio data"
)

// kind is how a column's cells are written.
type kind int

const (
	text  kind = iota
	num        // a plain number
	money      // an amount in the portfolio's currency
	pct        // a share or rate shown as a percentage
	date       // an Excel date
	qty        // a number (money or pct style) or a formula as text
	qtyPct
	integer
)

// column is one column of a sheet: its header, kind and meaning (for the
// Read me sheet).
type column struct {
	name    string
	kind    kind
	meaning string
}

var initiativeColumns = []column{
	{"id", text, "identifier (made from the name when empty)"},
	{"name", text, "the initiative's name (required, unique)"},
	{"tag", text, "its layer, one of the portfolio's tags (required)"},
	{"kind", text, "option kind: defer, expand, contract, abandon, choose or staged (default defer)"},
	{"status", text, "open, invested, abandoned or expired (default open)"},
	{"S", qty, "present value of the payoff if invested (a number or a formula over drivers)"},
	{"X", qty, "the investment at the deadline (a number or a formula over drivers)"},
	{"sigma", qtyPct, "volatility per year, a share (30% is 0.3), or a formula"},
	{"deadline", date, "the last date the option can be exercised"},
	{"r", pct, "risk-free rate per year for this initiative (empty: the portfolio's)"},
	{"q", pct, "leakage (value lost per year of waiting)"},
	{"expand_factor", pct, "expand/choose: fraction of S gained"},
	{"contract_factor", pct, "contract: fraction of S given up"},
	{"salvage", money, "abandon/contract/choose: the amount recovered"},
	{"stage_cost", money, "staged: the cost of the first stage"},
	{"stage_deadline", date, "staged: the date of the first stage"},
	{"owner", text, "who owns it"},
	{"rationale", text, "why it is in the portfolio"},
}

var resultColumns = []column{
	{"id", text, "the initiative's identifier"},
	{"name", text, "its name"},
	{"tag", text, "its layer"},
	{"S", money, "S resolved (formulas evaluated)"},
	{"X", money, "X resolved"},
	{"t", num, "years from the as-of date to the deadline"},
	{"sigma", pct, "sigma resolved"},
	{"r", pct, "the rate used, continuously compounded"},
	{"q", pct, "leakage"},
	{"value", money, "the option value"},
	{"method", text, "how the value was computed"},
	{"npv", money, "static NPV, S - X"},
	{"npvq", num, "value-to-cost, S / PV(X)"},
	{"cumvol", pct, "cumulative volatility, sigma times the square root of t"},
	{"cs", pct, "option value as a share of S, N(d1) - N(d2)/NPVq"},
	{"region", integer, "the option-space region, 1 (invest now) to 6 (never)"},
	{"region_name", text, "the region's name"},
	{"action", text, "the recommended action"},
	{"trigger", money, "S*, the value of S at which investing at once is best (empty: none)"},
	{"follow_on", money, "value added by the options it gates or creates"},
	{"with_follow_ons", money, "value with follow-ons"},
	{"counted", text, "whether it counts in the portfolio totals"},
	{"error", text, "why it could not be valued"},
	{"deadline_passed", text, "true when the deadline is before the as-of date (t is then 0: exercised or lapsed at once)"},
	{"stage_deadline_passed", text, "staged: true when the stage deadline is before the as-of date"},
}

var driverColumns = []column{
	{"name", text, "the driver's name as used in formulas"},
	{"label", text, "a readable label"},
	{"unit", text, "its unit"},
	{"value", num, "its value"},
	{"low", num, "the low end of its range"},
	{"high", num, "the high end of its range"},
}

var linkColumns = []column{
	{"from", text, "the id of the initiative the link starts at"},
	{"to", text, "the id of the initiative it points to"},
	{"kind", text, "gates, follow_on, excludes or synergy"},
	{"correlation", num, "synergy: correlation of the two underlyings, -1 to 1"},
	{"note", text, "a note"},
}

var decisionColumns = []column{
	{"id", text, "the decision's identifier"},
	{"date", date, "when it was taken"},
	{"initiative_id", text, "the initiative"},
	{"decision", text, "invest, wait or abandon"},
	{"who", text, "who decided"},
	{"rationale", text, "why"},
	{"S", money, "S at the time"},
	{"X", money, "X at the time"},
	{"sigma", pct, "sigma at the time"},
	{"value", money, "option value at the time"},
	{"npvq", num, "NPVq at the time"},
	{"cumvol", pct, "cumulative volatility at the time"},
	{"region", integer, "region at the time"},
	{"review", text, "the later review"},
	{"review_date", date, "when it was reviewed"},
}

var learningColumns = []column{
	{"id", text, "the entry's identifier"},
	{"date", date, "when it was learned"},
	{"initiative_id", text, "the initiative"},
	{"learned", text, "what was learned"},
	{"cost", money, "what learning it cost"},
	{"changes", text, "the inputs it changed (input: before -> after)"},
}

var snapshotColumns = []column{
	{"snapshot_id", text, "the snapshot's identifier"},
	{"label", text, "its label"},
	{"taken", date, "when it was taken"},
	{"as_of", date, "its as-of date"},
	{"initiative_id", text, "the initiative"},
	{"name", text, "its name then"},
	{"S", text, "S then (number or formula)"},
	{"X", text, "X then"},
	{"sigma", text, "sigma then"},
	{"deadline", date, "deadline then"},
	{"value", money, "option value then"},
	{"npvq", num, "NPVq then"},
	{"cumvol", pct, "cumulative volatility then"},
	{"region", integer, "region then"},
}

var cashFlowColumns = []column{
	{"initiative_id", text, "the initiative"},
	{"initiative", text, "its name"},
	{"years", integer, "the model's horizon in years"},
	{"rate", pct, "risk-adjusted discount rate per year"},
	{"line", text, "the cash-flow line"},
	{"formula", text, "its formula per year over drivers and year"},
}

// styles are the workbook's cell styles.
type styles struct {
	header, money, pct, date, num int
}

func newStyles(f *excelize.File, currency string) (*styles, error) {
	var s styles
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	cur := strings.NewReplacer(`"`, "", `\`, "").Replace(currency)
	moneyFmt := `#,##0`
	if cur != "" {
		moneyFmt = `#,##0 "` + cur + `";-#,##0 "` + cur + `"`
	}
	dateFmt := "yyyy-mm-dd"
	pctFmt := "0.0%"
	numFmt := "0.00"
	s.header = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE4EE"}}})
	s.money = mk(&excelize.Style{CustomNumFmt: &moneyFmt})
	s.pct = mk(&excelize.Style{CustomNumFmt: &pctFmt})
	s.date = mk(&excelize.Style{CustomNumFmt: &dateFmt})
	s.num = mk(&excelize.Style{CustomNumFmt: &numFmt})
	return &s, err
}

// excelEpoch is day 0 of Excel's 1900 date system (with its 1900 leap
// year bug, serials from 1 March 1900 on count from here).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// serial is d as an Excel date serial.
func serial(d model.Date) float64 {
	return math.Round(d.Time.Sub(excelEpoch).Hours() / 24)
}

// table writes rows under a header into a sheet, with styles by column
// kind, a frozen header, a filter and widths fitted to the content. The
// rows are kept (converted, as add takes them) until finish streams the
// sheet (excelize's StreamWriter: the columns' widths go before the first
// row, and the cells are written as XML once, not kept as excelize's
// cell structures and encoded at the end).
type table struct {
	f     *excelize.File
	st    *styles
	ex    *exactNumbers
	name  string
	cols  []column
	rows  [][]any // string, float64, int or nil (an empty cell)
	width []int
}

// book is a workbook being written: the file, its styles and the
// numbers of its streamed sheets.
type book struct {
	f  *excelize.File
	st *styles
	ex *exactNumbers
}

// newBook starts a workbook whose amounts are in currency.
func newBook(currency string) (*book, error) {
	f := excelize.NewFile()
	st, err := newStyles(f, currency)
	if err != nil {
		f.Close()
		return nil, err
	}
	b := &book{f: f, st: st, ex: &exactNumbers{parts: map[string]*exactPart{}}}
	b.ex.install(f)
	return b, nil
}

// makeSheets makes the sheets in order, the first in place of Sheet1,
// then makes the sheet of index active: before any sheet is streamed,
// since SetActiveSheet (and the data sheet's visibility) change every
// sheet's view, which a streamed sheet has written already.
func (b *book) makeSheets(active int, names ...string) error {
	if err := b.f.SetSheetName("Sheet1", names[0]); err != nil {
		return err
	}
	for _, n := range names[1:] {
		if _, err := b.f.NewSheet(n); err != nil {
			return err
		}
	}
	b.f.SetActiveSheet(active)
	return nil
}

// newTable starts a table in the sheet name (made when missing).
func newTable(b *book, name string, cols []column) (*table, error) {
	if _, err := b.f.NewSheet(name); err != nil {
		return nil, err
	}
	t := &table{f: b.f, st: b.st, ex: b.ex, name: name, cols: cols, width: make([]int, len(cols))}
	for i, c := range cols {
		t.width[i] = len(c.name) + 3
	}
	return t, nil
}

// add writes one row: each value a string, float64, int, bool, model.Date
// or model.Quantity (nil or NaN for an empty cell).
func (t *table) add(vals ...any) error {
	if len(vals) != len(t.cols) {
		panic(fmt.Sprintf("workbook: sheet %s: %d values for %d columns", t.name, len(vals), len(t.cols)))
	}
	out := make([]any, len(vals))
	for i, v := range vals {
		switch x := v.(type) {
		case model.Quantity:
			if x.IsFormula() {
				v = x.Formula
			} else {
				v = x.Value
			}
		case model.Date:
			if x.IsZero() {
				v = nil
			} else {
				v = serial(x)
			}
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				v = nil
			}
		case bool:
			v = strconv.FormatBool(x)
		}
		switch x := v.(type) {
		case string:
			t.fit(i, utf8.RuneCountInString(x))
		case float64:
			t.fit(i, len(strconv.FormatFloat(x, 'f', 2, 64))+4)
		case int:
			t.fit(i, len(strconv.Itoa(x))+2)
		case nil:
		default:
			panic(fmt.Sprintf("workbook: value of type %T", v))
		}
		out[i] = v
	}
	t.rows = append(t.rows, out)
	return nil
}

// setFloat writes v with all its digits: excelize's automatic precision
// keeps 15 significant digits (what Excel displays), which would change
// the engine's numbers and break the round trip; the shortest decimal
// that reads back as v is written instead.
func setFloat(f *excelize.File, sheet, cell string, v float64) error {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	prec := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		prec = len(s) - i - 1
	}
	return f.SetCellFloat(sheet, cell, v, prec, 64)
}

func (t *table) style(i int) int {
	switch t.cols[i].kind {
	case money, qty:
		return t.st.money
	case pct, qtyPct:
		return t.st.pct
	case date:
		return t.st.date
	case num:
		return t.st.num
	}
	return 0
}

func (t *table) fit(i, n int) {
	if t.cols[i].kind == date {
		n = 12
	}
	if n > 60 {
		n = 60
	}
	if n > t.width[i] {
		t.width[i] = n
	}
}

// finish streams the sheet: the widths, the frozen header and the filter
// first, then the header row and the rows, each cell of a styled column
// with its style (empty cells too, as a style set on the column's range
// would), every number with all its digits (exactNumbers).
func (t *table) finish() error {
	f := t.f
	last, _ := excelize.CoordinatesToCellName(len(t.cols), len(t.rows)+1)
	if err := f.AutoFilter(t.name, "A1:"+last, nil); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(t.name)
	if err != nil {
		return err
	}
	for i, w := range t.width {
		if err := sw.SetColWidth(i+1, i+1, float64(w)+1); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	cells := make([]any, len(t.cols))
	for i, c := range t.cols {
		cells[i] = excelize.Cell{StyleID: t.st.header, Value: c.name}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return err
	}
	style := make([]int, len(t.cols))
	for i := range t.cols {
		style[i] = t.style(i)
	}
	exact := t.ex.sheet(sw)
	for r, row := range t.rows {
		for i, v := range row {
			switch x := v.(type) {
			case float64:
				exact.add(x)
			case int:
				exact.add(float64(x))
			}
			if style[i] != 0 {
				v = excelize.Cell{StyleID: style[i], Value: v}
			}
			cells[i] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	t.rows = nil
	return sw.Flush()
}

// Write writes p as a workbook (see the package documentation). The
// Results sheet holds the engine's valuation of p with links, as of p's
// as-of date.
func Write(w io.Writer, p *model.Portfolio) error {
	b, err := newBook(p.Currency)
	if err != nil {
		return err
	}
	f := b.f
	defer f.Close()
	v, verr := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	sheets := []string{SheetReadMe, SheetInitiatives}
	if verr == nil {
		sheets = append(sheets, SheetResults)
	}
	sheets = append(sheets, SheetDrivers, SheetLinks, SheetDecisions, SheetLearning, SheetSnapshots)
	if hasCashFlows(p) {
		sheets = append(sheets, SheetCashFlows)
	}
	if err := b.makeSheets(1, append(sheets, SheetData)...); err != nil {
		return err
	}
	if err := f.SetSheetVisible(SheetData, false, true); err != nil {
		return err
	}
	if err := writeReadMe(f, p, v); err != nil {
		return err
	}
	if err := writeInitiatives(b, p.Initiatives); err != nil {
		return err
	}
	if verr == nil {
		if err := writeResults(b, v); err != nil {
			return err
		}
	}
	if err := writeDrivers(b, p.Drivers); err != nil {
		return err
	}
	if err := writeLinks(b, p.Links); err != nil {
		return err
	}
	if err := writeHistory(b, p); err != nil {
		return err
	}
	if err := writeData(f, p); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// hasCashFlows reports whether an initiative of p has a cash-flow model
// (the Cash flows sheet).
func hasCashFlows(p *model.Portfolio) bool {
	for i := range p.Initiatives {
		if p.Initiatives[i].CashFlows != nil {
			return true
		}
	}
	return false
}

// writeRows writes the sheet of the columns cols with a row per item, the
// row's values (in the columns' order) given by row.
func writeRows[T any](b *book, sheet string, cols []column, items []T, row func(*T) []any) error {
	t, err := newTable(b, sheet, cols)
	if err != nil {
		return err
	}
	for i := range items {
		if err := t.add(row(&items[i])...); err != nil {
			return err
		}
	}
	return t.finish()
}

func writeInitiatives(b *book, ins []model.Initiative) error {
	return writeRows(b, SheetInitiatives, initiativeColumns, ins, func(in *model.Initiative) []any {
		rate := math.NaN()
		if in.Rate != nil {
			rate = *in.Rate
		}
		return []any{in.ID, in.Name, in.Tag, string(in.Kind), string(in.Status), in.S, in.X, in.Sigma, in.Deadline,
			rate, in.Leakage, in.ExpandFactor, in.ContractFactor, in.Salvage, in.StageCost, in.StageDeadline, in.Owner, in.Rationale}
	})
}

func writeResults(b *book, v *portfolio.Valuation) error {
	return writeRows(b, SheetResults, resultColumns, v.Initiatives, func(r *portfolio.InitiativeResult) []any {
		if r.Err != nil {
			nan := math.NaN()
			return []any{r.ID, r.Name, r.Tag, nan, nan, nan, nan, nan, nan, nan, "", nan, nan, nan, nan, nil, "", "", nan, nan, nan, r.Counts(), r.Err.Error(),
				r.DeadlinePassed, r.StageDeadlinePassed}
		}
		pos := r.Position
		return []any{r.ID, r.Name, r.Tag, r.S, r.X, r.T, r.Sigma, r.R, r.Q, pos.Value, pos.Method, pos.NPV, pos.NPVq, pos.CumVol,
			pos.CallShare, int(pos.Region), pos.Region.String(), pos.Region.Action(), r.Trigger(), r.FollowOn, r.WithFollowOns, r.Counts(), "",
			r.DeadlinePassed, r.StageDeadlinePassed}
	})
}

func writeDrivers(b *book, ds []model.Driver) error {
	return writeRows(b, SheetDrivers, driverColumns, ds, func(d *model.Driver) []any {
		return []any{d.Name, d.Label, d.Unit, d.Value, d.Low, d.High}
	})
}

func writeLinks(b *book, ls []model.Link) error {
	return writeRows(b, SheetLinks, linkColumns, ls, func(l *model.Link) []any {
		return []any{l.From, l.To, string(l.Kind), l.Correlation, l.Note}
	})
}

// writeHistory writes the sheets that are read back from the Portfolio
// data sheet: decisions, learning, snapshots and cash-flow models.
func writeHistory(b *book, p *model.Portfolio) error {
	err := writeRows(b, SheetDecisions, decisionColumns, p.Decisions, func(d *model.Decision) []any {
		n := d.Numbers
		return []any{d.ID, d.Date, d.Initiative, string(d.Decision), d.Who, d.Rationale, n.S, n.X, n.Sigma, n.Value, n.NPVq, n.CumVol,
			n.Region, d.Review, d.ReviewDate}
	})
	if err != nil {
		return err
	}
	err = writeRows(b, SheetLearning, learningColumns, p.Learning, func(e *model.LearningEntry) []any {
		var ch []string
		for _, c := range e.Changes {
			ch = append(ch, fmt.Sprintf("%s: %s -> %s", c.Input, c.Before, c.After))
		}
		return []any{e.ID, e.Date, e.Initiative, e.Learned, e.Cost, strings.Join(ch, "; ")}
	})
	if err != nil {
		return err
	}
	t, err := newTable(b, SheetSnapshots, snapshotColumns)
	if err != nil {
		return err
	}
	for _, s := range p.Snapshots {
		for _, in := range s.Initiatives {
			n, ok := s.Numbers[in.ID]
			value, npvq, cumvol, region := math.NaN(), math.NaN(), math.NaN(), any(nil)
			if ok {
				value, npvq, cumvol, region = n.Value, n.NPVq, n.CumVol, n.Region
			}
			if err := t.add(s.ID, s.Label, s.Taken, s.AsOf, in.ID, in.Name, in.S.String(), in.X.String(), in.Sigma.String(), in.Deadline,
				value, npvq, cumvol, region); err != nil {
				return err
			}
		}
	}
	if err := t.finish(); err != nil {
		return err
	}
	if !hasCashFlows(p) {
		return nil
	}
	if t, err = newTable(b, SheetCashFlows, cashFlowColumns); err != nil {
		return err
	}
	for i := range p.Initiatives {
		in := &p.Initiatives[i]
		if in.CashFlows == nil {
			continue
		}
		for _, l := range in.CashFlows.Lines {
			if err := t.add(in.ID, in.Name, in.CashFlows.Years, in.CashFlows.Rate, l.Name, l.Formula); err != nil {
				return err
			}
		}
	}
	return t.finish()
}

// chunk is the longest text written to one cell of the data sheet (Excel
// holds at most 32,767 characters in a cell).
const chunk = 30000

// writeData stores p's JSON, split over the cells of column A, in the
// very hidden data sheet (made hidden by Write), streamed: the JSON of
// 10,000 initiatives is 10 MB.
func writeData(f *excelize.File, p *model.Portfolio) error {
	data, err := json.Marshal(p)
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(SheetData)
	if err != nil {
		return err
	}
	s := string(data)
	for row := 1; s != ""; row++ {
		n := min(chunk, len(s))
		for n < len(s) && !utf8.RuneStart(s[n]) {
			n--
		}
		if err := sw.SetRow("A"+strconv.Itoa(row), []any{s[:n]}); err != nil {
			return err
		}
		s = s[n:]
	}
	return sw.Flush()
}

func writeReadMe(f *excelize.File, p *model.Portfolio, v *portfolio.Valuation) error {
	sh := SheetReadMe
	lines := [][]any{
		{"Option Space portfolio workbook"},
		{"portfolio", p.Name},
		{"as of", p.AsOf.String()},
		{"currency", p.Currency},
		{"discounting", p.Settings.Discounting.String() + " (the engine prices with the equivalent continuous rate)"},
		{"risk-free rate", p.Settings.RiskFree},
	}
	if v != nil {
		lines = append(lines, []any{"portfolio value", v.Total}, []any{"static NPV", v.StaticNPV})
	}
	lines = append(lines, []any{},
		[]any{"Import reads Initiatives, Drivers and Links by header name (any order, extra columns ignored);"},
		[]any{"Results, Decisions, Learning, Snapshots and Cash flows are for reading: an import takes them from the"},
		[]any{"hidden Portfolio data sheet, which keeps what the sheets do not show. Percent cells hold shares (30% is 0.3)."},
		[]any{},
		[]any{"sheet", "column", "meaning"})
	for _, s := range []struct {
		name string
		cols []column
	}{{SheetInitiatives, initiativeColumns}, {SheetResults, resultColumns}, {SheetDrivers, driverColumns}, {SheetLinks, linkColumns},
		{SheetDecisions, decisionColumns}, {SheetLearning, learningColumns}, {SheetSnapshots, snapshotColumns}, {SheetCashFlows, cashFlowColumns}} {
		for _, c := range s.cols {
			lines = append(lines, []any{s.name, c.name, c.meaning})
		}
	}
	for i, l := range lines {
		if err := f.SetSheetRow(sh, "A"+strconv.Itoa(i+1), &l); err != nil {
			return err
		}
		// The totals and the rate with all their digits, as the other
		// sheets' numbers (SetSheetRow keeps 15 significant digits).
		for j, c := range l {
			if x, ok := c.(float64); ok && !math.IsNaN(x) && !math.IsInf(x, 0) {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if err := setFloat(f, sh, cell, x); err != nil {
					return err
				}
			}
		}
	}
	if err := f.SetColWidth(sh, "A", "A", 18); err != nil {
		return err
	}
	if err := f.SetColWidth(sh, "B", "B", 18); err != nil {
		return err
	}
	return f.SetColWidth(sh, "C", "C", 80)
}
