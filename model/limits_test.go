package model_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/samples"
)

// TestTextLimits: over-long text and NULs are refused with their field,
// wherever they are.
func TestTextLimits(t *testing.T) {
	long := strings.Repeat("x", model.MaxTextLen+1)
	cases := []struct {
		edit func(p *model.Portfolio)
		want string
	}{
		{func(p *model.Portfolio) { p.Name = "a\x00b" }, "name: holds a NUL character"},
		{func(p *model.Portfolio) { p.Initiatives[0].Rationale = long }, ".rationale: is 20001 bytes long, more than 20000"},
		{func(p *model.Portfolio) { p.Initiatives[0].Owner = long[:model.MaxNameLen+1] }, ".owner: is 1001 bytes long"},
		{func(p *model.Portfolio) { p.Drivers[0].Label = long[:model.MaxNameLen+1] }, ".label: is 1001 bytes long"},
		{func(p *model.Portfolio) { p.Links[0].Note = long }, "links[0].note: is 20001 bytes long"},
		{func(p *model.Portfolio) {
			p.Decisions = append(p.Decisions, model.Decision{ID: "d", Date: p.AsOf, Initiative: p.Initiatives[0].ID, Decision: model.DecideWait, Rationale: long})
		}, "].rationale: is 20001 bytes long"},
		{func(p *model.Portfolio) { p.Initiatives[0].X = model.Number(1e-320) }, "is too small to be an amount"},
	}
	for _, c := range cases {
		p, err := model.ReadJSON(bytes.NewReader(samples.SCRMNorthwind))
		if err != nil {
			t.Fatal(err)
		}
		c.edit(p)
		if err := p.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want %q", err, c.want)
		}
	}
}
