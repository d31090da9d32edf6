package main

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model/modeltest"
)

// footer matches the value table's last line.
var footer = regexp.MustCompile(`Portfolio value (\S+) = options (\S+) \+ follow-ons (\S+); static NPV (\S+); flexibility (\S+?)( \(amounts rounded separately\))?\n`)

// cents reads an amount as the table prints it ("5,063,819", "12.50").
func cents(t *testing.T, s string) int64 {
	t.Helper()
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		t.Fatalf("amount %q: %v", s, err)
	}
	return int64(v*100 + 0.5*sign(v))
}

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

// TestValueFooterSaysWhenPartsAreRounded: the value table's footer prints
// each amount rounded on its own (the value JSON's, the report's) and says
// "(amounts rounded separately)" exactly when the printed parts do not
// add up to the printed total (options + follow-ons, or static NPV +
// flexibility), checked by adding the printed digits; the sample as
// shipped is such a case (5,063,819 = 3,594,858 + 1,468,960, which add to
// 5,063,818), and the report's summary sentence carries the same note.
// Over a range of the members driver both cases must occur.
func TestValueFooterSaysWhenPartsAreRounded(t *testing.T) {
	seen := map[bool]int{}
	var apart, together string
	for _, members := range []float64{120000, 100000, 110000, 130000, 140000, 150000, 160000, 170000, 180000, 190000, 200000} {
		p := modeltest.Sample(t)
		p.Driver("members").Value = members
		file := jsonFile(t, p)
		out := mustCLI(t, "value", "--file", file)
		m := footer.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("members %v: no footer in\n%s", members, out)
		}
		total, opts, fo, npv, flex := cents(t, m[1]), cents(t, m[2]), cents(t, m[3]), cents(t, m[4]), cents(t, m[5])
		adds := opts+fo == total && npv+flex == total
		if noted := m[6] != ""; noted == adds {
			t.Errorf("members %v: %q: parts add up %v, note %v", members, strings.TrimSpace(m[0]), adds, noted)
		}
		seen[adds]++
		if adds {
			together = file
		} else {
			apart = file
		}
		if members == 120000 && adds {
			t.Errorf("the sample's footer %q adds up: the case the tester found is gone", strings.TrimSpace(m[0]))
		}
	}
	if seen[true] == 0 || seen[false] == 0 {
		t.Fatalf("footers that add up: %d, that do not: %d; want both", seen[true], seen[false])
	}
	for _, c := range []struct {
		file string
		note bool
	}{{apart, true}, {together, false}} {
		pdf := filepath.Join(t.TempDir(), "r.pdf")
		mustCLI(t, "report", "--file", c.file, "-o", pdf)
		txt := reportText(t, pdf)
		if got := strings.Contains(txt, "on top (amounts rounded separately)."); got != c.note || !strings.Contains(txt, "add €") {
			t.Errorf("report summary: note %v, want %v", got, c.note)
		}
	}
}

// TestDriverSetChangeSaysWhenRounded: `driver set`'s last line "Portfolio
// value A -> B (+C)" notes "amounts rounded separately" exactly when the
// printed B - A is not the printed C (members 170000: 6,247,462 -
// 5,063,819 = 1,183,643, the change prints as +1,183,644).
func TestDriverSetChangeSaysWhenRounded(t *testing.T) {
	line := regexp.MustCompile(`Portfolio value (\S+) -> (\S+) \(([-+]?[^;)]+)(; amounts rounded separately)?\)\n`)
	seen := map[bool]int{}
	for _, members := range []string{"130000", "150000", "170000", "190000"} {
		out := mustCLI(t, "driver", "--file", chartSampleFile(t), "set", "members", members)
		m := line.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("members %s: no total line in\n%s", members, out)
		}
		adds := cents(t, m[2])-cents(t, m[1]) == cents(t, strings.TrimPrefix(m[3], "+"))
		if noted := m[4] != ""; noted == adds {
			t.Errorf("members %s: %q: adds up %v, note %v", members, strings.TrimSpace(m[0]), adds, noted)
		}
		seen[adds]++
	}
	if seen[true] == 0 || seen[false] == 0 {
		t.Errorf("lines that add up: %d, that do not: %d; want both", seen[true], seen[false])
	}
}
