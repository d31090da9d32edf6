package modeltest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/samples"
)

// Sample returns the SCRM Northwind sample portfolio (samples.SCRMNorthwind),
// read afresh on every call so that a test may change it; it fails t when
// the sample does not read.
func Sample(t testing.TB) *model.Portfolio {
	t.Helper()
	p, err := model.ReadJSON(bytes.NewReader(samples.SCRMNorthwind))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// JSON returns p as model.WriteJSON writes it, failing t on an error: two
// portfolios are equal field by field when their JSON is.
func JSON(t testing.TB, p *model.Portfolio) string {
	t.Helper()
	var b strings.Builder
	if err := model.WriteJSON(&b, p); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
