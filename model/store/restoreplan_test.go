package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// TestPlanRestore: on a healthy file PlanRestore names the backup and the
// actions newer than the backup's newest (not those the backup holds); on
// a damaged file it is not Healthy; it changes nothing.
func TestPlanRestore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	s, err := Open(path, Options{NoSync: true})
	must(t, err)
	p := modeltest.Sample(t)
	must(t, s.Create(p)) // backup-1 holds the creation
	for _, d := range []string{"a", "b"} {
		_, err := s.Apply(p.Name, "edit "+d, func(q *model.Portfolio) error { q.Description = d; return nil })
		must(t, err)
	}
	s.Close()
	before, _ := os.ReadFile(path)
	plan, err := PlanRestore(path, "")
	must(t, err)
	if plan.From != backupName(path, 1) || !plan.Healthy || !plan.LostKnown || plan.Written.IsZero() {
		t.Fatalf("plan %+v", plan)
	}
	var labels []string
	for _, st := range plan.Lost {
		labels = append(labels, st.Label)
	}
	if strings.Join(labels, ",") != "edit b,edit a" {
		t.Fatalf("lost %v, want the two edits newest first", labels)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("PlanRestore changed the file")
	}
	must(t, os.WriteFile(path, []byte(strings.Repeat("not a database ", 1000)), 0o600))
	plan, err = PlanRestore(path, "")
	must(t, err)
	if plan.Healthy || plan.From != backupName(path, 1) {
		t.Fatalf("plan of a damaged file %+v", plan)
	}
}
