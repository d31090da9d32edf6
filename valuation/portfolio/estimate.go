package portfolio

import (
	"context"
	"fmt"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation/estimate"
)

// EstimateInitiative estimates S and σ of the named initiative (matched by
// name or id) from its cash-flow model over the portfolio's drivers and
// their uncertainties (see package valuation/estimate). It returns the
// estimate and the provenance to store with it when the user adopts it.
func EstimateInitiative(ctx context.Context, p *model.Portfolio, name string, opt estimate.Options) (*estimate.Result, model.Provenance, error) {
	in := p.InitiativeByName(name)
	if in == nil {
		in = p.Initiative(name)
	}
	if in == nil {
		return nil, model.Provenance{}, fmt.Errorf("no initiative named %q in portfolio %q", name, p.Name)
	}
	m, ok := p.CashFlowModel(in)
	if !ok {
		return nil, model.Provenance{}, fmt.Errorf("initiative %q has no cash-flow model (add \"cash_flows\" to it: see the file format)", in.Name)
	}
	res, err := m.Estimate(ctx, opt)
	if err != nil {
		return nil, model.Provenance{}, fmt.Errorf("initiative %q: %w", in.Name, err)
	}
	prov := model.Provenance{
		Method: model.EstimateCashFlows, Date: p.AsOf, Paths: res.Paths, Seed: res.Seed,
		S: res.S, SSE: res.SSE, Sigma: res.Sigma, SigmaSE: res.SigmaSE,
		SigmaNaive: res.SigmaNaive, SigmaNaiveSE: res.SigmaNaiveSE,
	}
	return res, prov, nil
}
