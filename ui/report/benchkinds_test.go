package report

import (
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// withKinds sets the kinds of p's initiatives in turn from kinds, with
// the expand, contract and abandon terms a choose option needs (expand
// by half, contract by 30%, salvage 40% of X).
func withKinds(p *model.Portfolio, kinds ...model.OptionKind) *model.Portfolio {
	for i := range p.Initiatives {
		in := &p.Initiatives[i]
		in.Kind = kinds[i%len(kinds)]
		in.ExpandFactor, in.ContractFactor, in.Salvage = 0.5, 0.3, in.X.Value*0.4
	}
	return p
}

// BenchmarkReport1000Mixed builds the full profile of
// modeltest.Large(1000, 2000, 200) with its kinds in turn defer, expand,
// contract, abandon, choose, defer (a sixth of them choose options, whose
// tornado and payoff are lattices); BenchmarkReport1000Choose with every
// initiative a choose option. Issue 19's goal is at most 5 s for either,
// as for BenchmarkReportFull1000 (all defer). Run with -benchtime 1x.
func BenchmarkReport1000Mixed(b *testing.B) {
	p := withKinds(modeltest.Large(1000, 2000, 200), model.KindDefer, model.KindExpand, model.KindContract, model.KindAbandon, model.KindChoose, model.KindDefer)
	if err := p.Validate(); err != nil {
		b.Fatal(err)
	}
	benchBuild(b, Input{Portfolio: p}, Options{Profile: ProfileFull})
}

func BenchmarkReport1000Choose(b *testing.B) {
	p := withKinds(modeltest.Large(1000, 2000, 200), model.KindChoose)
	if err := p.Validate(); err != nil {
		b.Fatal(err)
	}
	benchBuild(b, Input{Portfolio: p}, Options{Profile: ProfileFull})
}
