package store

import (
	"fmt"
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
	s := openWith(t, path, Options{NoSync: true}, nil)
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

// TestPlanRestoreUndoneSteps: the undone steps newer than the backup are
// lost too. Each write below is its own session (a new backup-1 before
// it): create, members 100000, 110000, 120000, undo, undo. backup-1 is
// the state before the second undo (110000 in effect, 120000 undone); the
// file has 100000 with 110000 and 120000 undone. The plan lists no lost
// action, the undone 110000 step (the backup holds it in effect) and
// different data. Then an action done and undone after a backup (the
// backup does not hold it at all) is an undone step lost; a Seed (no undo
// step) shows only as different data; a copy of the file loses nothing.
func TestPlanRestoreUndoneSteps(t *testing.T) {
	path := filepath.Join(t.TempDir(), "e.db")
	p := modeltest.Sample(t)
	session := func(f func(s *Store)) {
		t.Helper()
		s := openWith(t, path, Options{NoSync: true}, nil)
		f(s)
		must(t, s.Close())
	}
	session(func(s *Store) { must(t, s.Create(p)) })
	for _, v := range []float64{100000, 110000, 120000} {
		session(func(s *Store) {
			_, err := s.Apply(p.Name, fmt.Sprintf("set members %v", v), func(q *model.Portfolio) error {
				q.Drivers[0].Value = v
				return nil
			})
			must(t, err)
		})
	}
	for range 2 {
		session(func(s *Store) { _, err := s.Undo(); must(t, err) })
	}
	labels := func(steps []Step) string {
		var l []string
		for _, st := range steps {
			l = append(l, st.Label)
		}
		return strings.Join(l, ",")
	}
	plan, err := PlanRestore(path, "")
	must(t, err)
	if !plan.Healthy || !plan.LostKnown || plan.NothingLost() {
		t.Fatalf("plan %+v", plan)
	}
	if got := labels(plan.Lost); got != "" {
		t.Errorf("lost actions %q, want none (every action in effect is in effect in the backup)", got)
	}
	if got := labels(plan.LostUndone); got != "set members 110000" {
		t.Errorf("lost undone steps %q, want the undone 110000 the backup holds in effect", got)
	}
	if !plan.DataDiffer {
		t.Error("the data of 100000 and of 110000 compared equal")
	}

	// An action taken and undone after the newest backup: the backup
	// holds it nowhere, restoring loses it as a step to redo.
	session(func(s *Store) {
		_, err := s.Apply(p.Name, "describe", func(q *model.Portfolio) error { q.Description = "x"; return nil })
		must(t, err)
		_, err = s.Undo()
		must(t, err)
	})
	plan, err = PlanRestore(path, "")
	must(t, err)
	if got := labels(plan.LostUndone); got != "describe" || labels(plan.Lost) != "" || plan.DataDiffer {
		t.Errorf("after describe and its undo: lost %q, undone %q, data differ %v; want only the undone describe",
			labels(plan.Lost), got, plan.DataDiffer)
	}

	// A portfolio seeded after the backup: no step, different data.
	session(func(s *Store) {
		q := modeltest.Sample(t)
		q.Name = "seeded"
		must(t, s.Seed(q))
	})
	plan, err = PlanRestore(path, "")
	must(t, err)
	if !plan.DataDiffer || plan.NothingLost() {
		t.Errorf("a seeded portfolio not seen: %+v", plan)
	}

	cp := filepath.Join(t.TempDir(), "copy.db")
	session(func(s *Store) { must(t, s.Backup(cp)) })
	plan, err = PlanRestore(path, cp)
	must(t, err)
	if !plan.NothingLost() {
		t.Errorf("a copy of the file: %+v, want nothing lost", plan)
	}
}
