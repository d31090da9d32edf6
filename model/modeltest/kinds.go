package modeltest

import "github.com/optionspace/optionspace/model"

// MixedKinds is the cycle of option kinds MixKinds gives initiatives:
// every kind a one-stage option has, defer twice.
var MixedKinds = []model.OptionKind{model.KindDefer, model.KindExpand, model.KindContract, model.KindAbandon, model.KindChoose, model.KindDefer}

// MixKinds gives p's initiatives the kinds of MixedKinds in turn
// (initiative i the kind i mod 6), each with an expand factor of 0.5, a
// contract factor of 0.3 and a salvage of 0.4 X, so that each kind is
// valid; a portfolio of every kind, as Large makes only defer options.
func MixKinds(p *model.Portfolio) {
	for i := range p.Initiatives {
		in := &p.Initiatives[i]
		in.Kind = MixedKinds[i%len(MixedKinds)]
		in.ExpandFactor, in.ContractFactor, in.Salvage = 0.5, 0.3, in.X.Value*0.4
	}
}
