package store

import (
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// TestRandomPortfoliosRoundTrip stores random portfolios (every optional
// field sometimes set, awkward text) and loads them back unchanged, after a
// restart too.
func TestRandomPortfoliosRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	s, err := Open(path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 11))
	var want []*model.Portfolio
	for i := range 60 {
		p := modeltest.Random(r, 12)
		p.Name = p.Name + " #" + string(rune('A'+i%26)) + string(rune('a'+i/26))
		if err := s.Create(p); err != nil {
			t.Fatalf("portfolio %d: %v", i, err)
		}
		p.Normalize()
		want = append(want, p)
	}
	check := func(when string) {
		for i, p := range want {
			got, err := s.Load(p.Name)
			if err != nil {
				t.Fatalf("%s, portfolio %d: %v", when, i, err)
			}
			if !reflect.DeepEqual(got, p) {
				t.Fatalf("%s, portfolio %d (%q) differs from the one stored", when, i, p.Name)
			}
		}
	}
	check("before restart")
	s.Close()
	s, err = Open(path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	check("after restart")
}

// TestRandomEditsUndoRedo applies a chain of random edits (each replacing
// the portfolio's content with another random portfolio's) and checks that
// undoing them all gives back the first state, state by state, and redoing
// them all the last one: the before-images of each action are exact.
func TestRandomEditsUndoRedo(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "p.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r := rand.New(rand.NewPCG(3, 5))
	first := modeltest.Random(r, 8)
	first.Name = "Edited"
	if err := s.Create(first); err != nil {
		t.Fatal(err)
	}
	first.Normalize()
	states := []*model.Portfolio{first}
	for i := range 15 {
		next := modeltest.Random(r, 8)
		next.Name = "Edited"
		if _, err := s.Apply("Edited", "edit", func(p *model.Portfolio) error {
			*p = *next.Clone()
			return nil
		}); err != nil {
			t.Fatalf("edit %d: %v", i, err)
		}
		next.Normalize()
		states = append(states, next)
	}
	for i := len(states) - 2; i >= 0; i-- {
		if _, err := s.Undo(); err != nil {
			t.Fatal(err)
		}
		got, err := s.Load("Edited")
		if err != nil || !reflect.DeepEqual(got, states[i]) {
			t.Fatalf("after undoing back to state %d the portfolio differs (%v)", i, err)
		}
	}
	for i := 1; i < len(states); i++ {
		if _, err := s.Redo(); err != nil {
			t.Fatal(err)
		}
		got, err := s.Load("Edited")
		if err != nil || !reflect.DeepEqual(got, states[i]) {
			t.Fatalf("after redoing to state %d the portfolio differs (%v)", i, err)
		}
	}
}

// TestDefaultPath: OPTIONSPACE_DB wins; otherwise the Fyne app storage
// folder of io.optionspace.app under the user config directory, which on
// Linux is $XDG_CONFIG_HOME/fyne/io.optionspace.app/optionspace.db.
func TestDefaultPath(t *testing.T) {
	t.Setenv("OPTIONSPACE_DB", "/tmp/x/my.db")
	if got := DefaultPath(); got != "/tmp/x/my.db" {
		t.Errorf("with OPTIONSPACE_DB: %q", got)
	}
	t.Setenv("OPTIONSPACE_DB", "")
	if runtime.GOOS != "linux" {
		return
	}
	t.Setenv("XDG_CONFIG_HOME", "/home/someone/.config")
	if got, want := DefaultPath(), "/home/someone/.config/fyne/io.optionspace.app/optionspace.db"; got != want {
		t.Errorf("DefaultPath() = %q, want %q", got, want)
	}
}
