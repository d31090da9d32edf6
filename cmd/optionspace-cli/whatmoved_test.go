package main

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// movedRow is one row of "what moved": an initiative and its change.
type movedRow struct {
	id     string
	change float64
}

// TestWhatMovedOneImpact checks that "what moved" is one list wherever it
// is shown, for the sample after a driver change (members 120000 ->
// 150000, which moves the rollout the pilot gates) and after a link
// change (the pilot no longer gates the rollout): the engine's Impact
// (Engine.SetDriver or SetLink, and portfolio.Compare of the valuations),
// `driver set --format json`, the report's what-moved CSV and its PDF
// (pdftotext) list the same initiatives with the same changes, and the
// changes add up to the portfolio's change. The independent reference
// is `value --format json` before and after: an initiative's change is
// the change of what it adds to the total (its value with follow-ons
// when counted, 0 when not), so each initiative counts once.
func TestWhatMovedOneImpact(t *testing.T) {
	orig := modeltest.Sample(t)
	gate := orig.Links[0]
	if gate.From != "community-pilot" || gate.To != "community-rollout" || gate.Kind != model.LinkGates {
		t.Fatalf("the sample's first link is %+v, want the pilot gating the rollout", gate)
	}
	for _, c := range []struct {
		name, label string
		edit        func(p *model.Portfolio)
		engine      func(en *portfolio.Engine) (*portfolio.Impact, error)
	}{
		{"driver", "before members", func(p *model.Portfolio) { p.Driver("members").Value = 150000 },
			func(en *portfolio.Engine) (*portfolio.Impact, error) { return en.SetDriver("members", 150000) }},
		{"link", "before link", func(p *model.Portfolio) { p.Links = p.Links[1:] },
			func(en *portfolio.Engine) (*portfolio.Impact, error) { return en.SetLink(gate, true) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			// x.db holds the sample as it was; y.db the edited sample
			// with a snapshot of the original.
			x := filepath.Join(dir, "x.db")
			mustCLI(t, "import", "--db", x, writeTemp(t, "x.json", []byte(modeltest.JSON(t, orig))))
			valueBefore := valueContributions(t, x)
			p := orig.Clone()
			s := orig.Clone()
			p.Snapshots = []model.Snapshot{{ID: "s1", Label: c.label, Taken: p.AsOf, AsOf: p.AsOf, Settings: p.Settings,
				Initiatives: s.Initiatives, Drivers: s.Drivers, Links: s.Links}}
			c.edit(p)
			y := filepath.Join(dir, "y.db")
			mustCLI(t, "import", "--db", y, writeTemp(t, "y.json", []byte(modeltest.JSON(t, p))))
			valueAfter := valueContributions(t, y)

			en, err := portfolio.NewEngine(orig, portfolio.Options{WithLinks: true})
			if err != nil {
				t.Fatal(err)
			}
			im, err := c.engine(en)
			if err != nil {
				t.Fatal(err)
			}
			total := im.Change()
			want := make([]movedRow, len(im.Moved))
			sum := 0.0
			for i, m := range im.Moved {
				want[i] = movedRow{m.ID, m.Change()}
				sum += m.Change()
				// The reference: the change of what it adds to the total,
				// from the value command's rows.
				if ref := valueAfter[m.ID] - valueBefore[m.ID]; !agree(m.Change(), ref, total) {
					t.Errorf("engine: %s changes by %v; value --format json says %v", m.ID, m.Change(), ref)
				}
			}
			if len(want) < 2 || total == 0 && c.name == "driver" || !agree(sum, total, total) {
				t.Fatalf("engine: %v add up to %v, portfolio change %v", want, sum, total)
			}
			refTotal := 0.0
			for id := range valueAfter {
				refTotal += valueAfter[id] - valueBefore[id]
			}
			if !agree(refTotal, total, total) {
				t.Errorf("value --format json: contributions change by %v, engine total %v", refTotal, total)
			}
			// The snapshot comparison (History, the report) is the same
			// Impact.
			before, _ := portfolio.Evaluate(orig, portfolio.Options{WithLinks: true})
			after, _ := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
			cmp := portfolio.Compare(before, after)
			sameRows(t, "Compare", rowsOf(cmp), want, total)

			if c.name == "driver" {
				// driver set on the original state prints the same Impact.
				out := mustCLI(t, "driver", "--db", x, "set", "members", "150000", "--format", "json")
				var j impactOut
				if err := json.Unmarshal([]byte(out), &j); err != nil {
					t.Fatal(err, out)
				}
				got := make([]movedRow, len(j.Moved))
				for i, m := range j.Moved {
					got[i] = movedRow{m.ID, m.Change}
				}
				if !agree(j.Change, total, total) {
					t.Errorf("driver set: change %v, engine %v", j.Change, total)
				}
				sameRows(t, "driver set --format json", got, want, total)
			}

			rep := filepath.Join(dir, "rep")
			pdf := filepath.Join(rep, "r2.pdf")
			if err := os.MkdirAll(rep, 0o755); err != nil {
				t.Fatal(err)
			}
			mustCLI(t, "report", "--db", y, "--since", c.label, "--csv", rep, "-o", pdf)
			csvRows := readCSV(t, filepath.Join(rep, "r2-what-moved.csv"))
			col := map[string]int{}
			for i, h := range csvRows[0] {
				col[strings.Fields(h)[0]] = i
			}
			var got []movedRow
			for _, r := range csvRows[1:] {
				d, err := strconv.ParseFloat(r[col["delta"]], 64)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, movedRow{r[col["initiative_id"]], d})
			}
			sameRows(t, "r2-what-moved.csv", got, want, total)

			bin, err := exec.LookPath("pdftotext")
			if err != nil {
				t.Skip("pdftotext is not installed")
			}
			txt, err := exec.Command(bin, "-layout", "-enc", "UTF-8", pdf, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			flat := strings.Join(strings.Fields(string(txt)), " ")
			i := strings.Index(flat, "What moved Initiative Then Now Change")
			if i < 0 || !strings.Contains(flat[:i], "Change "+signedCompact(total, p.Currency)) {
				t.Log(flat[max(0, strings.Index(flat, "Portfolio value then")):][:1500])
				t.Fatalf("the report lacks its what moved table or Change %s", signedCompact(total, p.Currency))
			}
			table := flat[i:]
			last := 0
			for _, m := range im.Moved {
				row := m.Name + " " + cell(m.Before, p.Currency) + " " + cell(m.After, p.Currency) + " " + signedCompact(m.Change(), p.Currency)
				k := strings.Index(table, row)
				if k < last {
					t.Errorf("the report's What moved lacks %q after position %d:\n%s", row, last, table[:min(len(table), 800)])
					continue
				}
				last = k
			}
		})
	}
}

// valueContributions runs `value --format json` on db and returns what
// each initiative adds to the portfolio value: its value with follow-ons
// when it counts, 0 when it does not.
func valueContributions(t *testing.T, db string) map[string]float64 {
	t.Helper()
	var v struct {
		Initiatives []struct {
			ID            string  `json:"id"`
			WithFollowOns float64 `json:"with_follow_ons"`
			Counted       bool    `json:"counted"`
		} `json:"initiatives"`
	}
	if err := json.Unmarshal([]byte(mustCLI(t, "value", "--db", db, "--format", "json")), &v); err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, r := range v.Initiatives {
		if r.Counted {
			out[r.ID] = r.WithFollowOns
		} else {
			out[r.ID] = 0
		}
	}
	return out
}

func rowsOf(im *portfolio.Impact) []movedRow {
	out := make([]movedRow, len(im.Moved))
	for i, m := range im.Moved {
		out[i] = movedRow{m.ID, m.Change()}
	}
	return out
}

// sameRows checks that got lists the rows of want, in order, with the
// same changes (within rounding of the CSV), adding up to total.
func sameRows(t *testing.T, what string, got, want []movedRow, total float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %v, engine %v", what, got, want)
		return
	}
	sum := 0.0
	for i := range want {
		if got[i].id != want[i].id || !agree(got[i].change, want[i].change, total) {
			t.Errorf("%s row %d: %v, engine %v", what, i, got[i], want[i])
		}
		sum += got[i].change
	}
	if !agree(sum, total, total) {
		t.Errorf("%s: rows add up to %v, the portfolio changed by %v", what, sum, total)
	}
}

// agree reports whether a and b agree to rounding (1e-6 of the size of
// scale, at least 1e-6).
func agree(a, b, scale float64) bool {
	return math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(scale))
}

// signedCompact is a compact amount with an explicit plus sign, as the
// report writes changes.
func signedCompact(v float64, cur string) string {
	s := format.MoneyCompact(v, cur)
	if v > 0 && s != format.MoneyCompact(0, cur) {
		return "+" + s
	}
	return s
}

// cell is the report's Then or Now cell of a move: what it adds to the
// total, a dash when it does not count on its own.
func cell(s portfolio.Snapshot, cur string) string {
	if !s.Counted {
		return "–"
	}
	return format.MoneyCompact(s.Contribution(), cur)
}
