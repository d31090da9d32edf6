package ui

import (
	"testing"

	"github.com/optionspace/optionspace/model"
)

// TestDefaultSince checks that the report compares by default with the
// snapshot before the most recent one, so that right after a review's
// snapshot it still shows what moved since the review before.
func TestDefaultSince(t *testing.T) {
	p := &model.Portfolio{}
	if s := defaultSince(p); s != nil {
		t.Fatalf("no snapshots: got %q", s.Label)
	}
	p.Snapshots = []model.Snapshot{{ID: "1", Label: "Q2 review"}}
	if s := defaultSince(p); s == nil || s.ID != "1" {
		t.Fatalf("one snapshot: got %v", s)
	}
	p.Snapshots = append(p.Snapshots, model.Snapshot{ID: "2", Label: "Q3 review"}, model.Snapshot{ID: "3", Label: "Q4 review"})
	if s := defaultSince(p); s == nil || s.ID != "2" {
		t.Fatalf("three snapshots: got %v, want the one before the last", s)
	}
}
