package model_test

import (
	"testing"

	"github.com/optionspace/optionspace/model"
)

func TestSetDriverLabel(t *testing.T) {
	for v, want := range map[float64]string{150000: "Set driver members to 150000", 0.125: "Set driver members to 0.125", 1e25: "Set driver members to 1e+25"} {
		if got := model.SetDriverLabel("members", v); got != want {
			t.Errorf("SetDriverLabel(members, %v) = %q, want %q", v, got, want)
		}
	}
}
