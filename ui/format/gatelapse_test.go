package format

import (
	"strings"
	"testing"
)

// TestGateLapsesOneLabel: the heading is the label capitalized, not a
// second wording ("Lapse with their gate" beside "lapse with gate").
func TestGateLapsesOneLabel(t *testing.T) {
	if GateLapses != "lapses with gate" {
		t.Errorf("GateLapses = %q, want %q", GateLapses, "lapses with gate")
	}
	if want := strings.ToUpper(GateLapses[:1]) + GateLapses[1:]; GateLapsesHeading != want {
		t.Errorf("GateLapsesHeading = %q, want %q", GateLapsesHeading, want)
	}
}
