package modeltest_test

import (
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// TestMixKinds: MixKinds cycles defer, expand, contract, abandon, choose,
// defer over the initiatives, with expand 0.5, contract 0.3 and salvage
// 0.4 X, and the portfolio stays valid.
func TestMixKinds(t *testing.T) {
	p := modeltest.Large(13, 20, 3)
	modeltest.MixKinds(p)
	want := []model.OptionKind{"defer", "expand", "contract", "abandon", "choose", "defer"}
	for i, in := range p.Initiatives {
		if in.Kind != want[i%6] || in.ExpandFactor != 0.5 || in.ContractFactor != 0.3 || in.Salvage != 0.4*in.X.Value {
			t.Errorf("initiative %d: kind %s, expand %v, contract %v, salvage %v (X %v)", i, in.Kind, in.ExpandFactor, in.ContractFactor, in.Salvage, in.X.Value)
		}
	}
	if err := p.Validate(); err != nil {
		t.Error(err)
	}
}
