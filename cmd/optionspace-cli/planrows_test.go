package main

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"
)

// TestPlanRowsAddUpToTheTotal: the plan's rows add up to its value. With
// members at 150,000 and the pilot never funded, the rollout it gates
// lapses with it (value 0, and why), where the table showed "keep
// 2169564" while the total counted 0 for it.
func TestPlanRowsAddUpToTheTotal(t *testing.T) {
	db, _ := sampleDB(t)
	mustCLI(t, "driver", "--db", db, "set", "members", "150000")
	for _, never := range []string{"", "Customer community pilot"} {
		args := []string{"plan", "--db", db, "--budget", "2000000"}
		if never != "" {
			args = append(args, "--never", never)
		}
		var j planJSON
		if err := json.Unmarshal([]byte(mustCLI(t, append(args, "--format", "json")...)), &j); err != nil {
			t.Fatal(err)
		}
		if len(j.Rows) != len(j.Fund)+len(j.Keep)+len(j.Lapse) {
			t.Fatalf("%d rows for %d initiatives", len(j.Rows), len(j.Fund)+len(j.Keep)+len(j.Lapse))
		}
		sum := 0.0
		var rollout *planRowJSON
		for i, r := range j.Rows {
			sum += r.Value
			if r.Name == "Customer community rollout" {
				rollout = &j.Rows[i]
			}
		}
		if math.Abs(sum-j.Value) > 1e-6*j.Value {
			t.Errorf("never %q: rows add up to %.2f, the plan is worth %.2f", never, sum, j.Value)
		}
		if rollout == nil {
			t.Fatal("no rollout row")
		}
		if never == "" && (rollout.Plan != "keep" || rollout.Value != rollout.Keep || rollout.Value < 2e6) {
			t.Errorf("the pilot funded, the rollout is kept at its value: %+v", *rollout)
		}
		if never != "" && (rollout.Plan != "lapses with gate" || rollout.Value != 0 || !strings.Contains(rollout.Why, `gate "Customer community pilot"`)) {
			t.Errorf("the pilot never funded, the rollout lapses with it: %+v", *rollout)
		}

		// The table: the Counted column adds up to the value printed.
		out := mustCLI(t, args...)
		var total, value float64
		inRows := false
		for _, line := range strings.Split(out, "\n") {
			f := strings.Fields(line)
			switch {
			case strings.HasPrefix(line, "Budget "):
				value, _ = strconv.ParseFloat(strings.ReplaceAll(strings.TrimSuffix(f[5], ","), ",", ""), 64)
			case strings.HasPrefix(line, "Initiative"):
				inRows = true
			case inRows && len(f) > 0:
				// Cost, fund now, keep and counted are the four numbers
				// after the plan's words.
				nums := []float64{}
				for _, w := range f {
					if x, err := strconv.ParseFloat(strings.ReplaceAll(w, ",", ""), 64); err == nil {
						nums = append(nums, x)
					}
				}
				if len(nums) < 4 {
					t.Fatalf("row %q", line)
				}
				total += nums[3]
				if strings.HasPrefix(line, "Customer community rollout") && never != "" && (!strings.Contains(line, "lapses with gate") || nums[3] != 0) {
					t.Errorf("rollout row %q", line)
				}
			}
		}
		if value == 0 || math.Abs(total-value) > float64(len(j.Rows)) {
			t.Errorf("never %q: the table's rows add up to %.0f, the plan is worth %.0f:\n%s", never, total, value, out)
		}
	}
}
