package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// TestCoverCountsUnvaluedInitiatives: the cover counts every open
// initiative, says how many cannot be valued, and writes "1 open
// initiative" in the singular (it said "holds 1 open initiatives" of a
// portfolio with two open, one of them not valued).
func TestCoverCountsUnvaluedInitiatives(t *testing.T) {
	p := modeltest.Sample(t)
	open := 0
	broken := false
	for i := range p.Initiatives {
		in := &p.Initiatives[i]
		if in.Status != model.StatusOpen {
			continue
		}
		open++
		if !broken {
			in.S = model.Formula("members / 0")
			broken = true
		}
	}
	if open < 2 {
		t.Fatalf("the sample has %d open initiatives", open)
	}
	text := squash(pdfText(t, mustBuild(t, Input{Portfolio: p})))
	want := fmt.Sprintf("%d open initiatives", open) + " (1 cannot be valued and is left out of the figures)"
	if !strings.Contains(text, "the portfolio holds "+want) {
		t.Errorf("cover: want %q in %q", want, text[:min(len(text), 600)])
	}

	one := modeltest.Sample(t)
	kept := one.Initiatives[:0]
	for _, in := range one.Initiatives {
		if in.Status == model.StatusOpen && len(kept) == 0 {
			kept = append(kept, in)
		}
	}
	one.Initiatives, one.Links = kept, nil
	if text := squash(pdfText(t, mustBuild(t, Input{Portfolio: one}))); !strings.Contains(text, "the portfolio holds 1 open initiative.") {
		t.Errorf("cover of one initiative: %q", text[:min(len(text), 600)])
	}
}
