package store

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

var errSkipped = errors.New("skipped")

// world is the property test's model: every portfolio by name, and the
// undo and redo histories as whole earlier worlds (a replay that shares
// no code with the store's change records).
type world map[string]*model.Portfolio

func (w world) clone() world {
	out := world{}
	for k, p := range w {
		out[k] = p.Clone()
	}
	return out
}

// TestPropertyRandomActions runs random sequences of every kind of action
// (creates, edits, driver changes, links added and removed, initiatives
// deleted, portfolios deleted, renamed and duplicated, imports, undos,
// redos, close and reopen) over several seeds, 2,000 steps in all by
// default (OPTIONSPACE_PROPERTY_STEPS per seed for more), and after every
// step checks the store against the model replay: the same portfolios,
// each equal field by field, the same undo and redo availability, and the
// whole file verified (page walk and tx.Check clean, never "damaged").
func TestPropertyRandomActions(t *testing.T) {
	steps := 500
	if v, err := strconv.Atoi(os.Getenv("OPTIONSPACE_PROPERTY_STEPS")); err == nil && v > 0 {
		steps = v
	}
	for seed := uint64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { propertyRun(t, seed, steps) })
	}
}

func propertyRun(t *testing.T, seed uint64, steps int) {
	r := rand.New(rand.NewPCG(seed, 77))
	path := filepath.Join(t.TempDir(), "prop.db")
	opt := Options{NoSync: true, Backups: 2}
	s, err := Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	cur := world{}
	var undo, redo []world
	counts := map[string]int{}
	fresh := 0
	freshName := func() string { fresh++; return fmt.Sprintf("P%d %s", fresh, []string{"α", "b", "Ω", "x/y"}[fresh%4]) }
	pick := func() string {
		if len(cur) == 0 {
			return ""
		}
		names := make([]string, 0, len(cur))
		for n := range cur {
			names = append(names, n)
		}
		slices.Sort(names)
		return names[r.IntN(len(names))]
	}
	// did records a successful action on the model.
	did := func(next world) {
		undo = append(undo, cur)
		if len(undo) > MaxUndo {
			undo = undo[1:]
		}
		redo = nil
		cur = next
	}
	// edit applies f through the store's Apply and to the model.
	edit := func(kind string, f func(p *model.Portfolio)) error {
		name := pick()
		if name == "" {
			return nil
		}
		next := cur.clone()
		f(next[name])
		if err := next[name].Validate(); err != nil {
			return errSkipped // not a valid edit (both sides stay)
		}
		if _, err := s.Apply(name, kind, func(p *model.Portfolio) error { f(p); return nil }); err != nil {
			return fmt.Errorf("%s of %q: %w", kind, name, err)
		}
		did(next)
		return nil
	}
	for step := 0; step < steps; step++ {
		kind := []string{"create", "create", "edit", "edit", "edit", "driver", "link+", "link-", "delinit", "delete", "rename", "duplicate", "import", "undo", "undo", "redo", "reopen"}[r.IntN(17)]
		if len(cur) == 0 && kind != "undo" && kind != "redo" {
			kind = "create"
		}
		var err error
		switch kind {
		case "create":
			p := modeltest.Random(r, 1+r.IntN(7))
			p.Name = freshName()
			if err = s.Create(p); err == nil {
				next := cur.clone()
				next[p.Name] = p.Clone()
				did(next)
			}
		case "edit":
			v := r.Float64()
			err = edit(kind, func(p *model.Portfolio) {
				if len(p.Initiatives) == 0 {
					p.Description = fmt.Sprint(v)
					return
				}
				in := &p.Initiatives[int(v*1e6)%len(p.Initiatives)]
				in.Leakage = v / 10
				in.Rationale = fmt.Sprint(v)
			})
		case "driver":
			v := r.Float64()
			err = edit(kind, func(p *model.Portfolio) {
				if len(p.Drivers) == 0 {
					p.Author = fmt.Sprint(v)
					return
				}
				d := &p.Drivers[int(v*1e6)%len(p.Drivers)]
				d.Value = d.Low + (d.High-d.Low)*v
				if d.Value == d.Low && d.High == d.Low {
					d.High, d.Value = d.Low+1, d.Low+v
				}
			})
		case "link+":
			v := r.Float64()
			err = edit(kind, func(p *model.Portfolio) {
				p.Description = fmt.Sprint("links ", v)
				if len(p.Initiatives) < 2 {
					return
				}
				i := int(v*1e6) % len(p.Initiatives)
				j := (i + 1) % len(p.Initiatives)
				p.Links = append(p.Links, model.Link{From: p.Initiatives[i].ID, To: p.Initiatives[j].ID, Kind: model.LinkSynergy, Correlation: v - 0.5})
			})
		case "link-":
			v := r.Float64()
			err = edit(kind, func(p *model.Portfolio) {
				p.Description = fmt.Sprint("unlink ", v)
				if len(p.Links) > 0 {
					k := int(v*1e6) % len(p.Links)
					p.Links = slices.Delete(p.Links, k, k+1)
				}
			})
		case "delinit":
			v := r.Float64()
			err = edit(kind, func(p *model.Portfolio) {
				p.Description = fmt.Sprint("delete ", v)
				if len(p.Initiatives) == 0 {
					return
				}
				id := p.Initiatives[int(v*1e6)%len(p.Initiatives)].ID
				p.Initiatives = slices.DeleteFunc(p.Initiatives, func(in model.Initiative) bool { return in.ID == id })
				p.Links = slices.DeleteFunc(p.Links, func(l model.Link) bool { return l.From == id || l.To == id })
			})
		case "delete":
			name := pick()
			if err = s.Delete(name); err == nil {
				next := cur.clone()
				delete(next, name)
				did(next)
			}
		case "rename":
			name, to := pick(), freshName()
			if err = s.Rename(name, to); err == nil {
				next := cur.clone()
				next[to] = next[name]
				next[to].Name = to
				delete(next, name)
				did(next)
			}
		case "duplicate":
			name, to := pick(), freshName()
			if err = s.Duplicate(name, to); err == nil {
				next := cur.clone()
				next[to] = next[name].Clone()
				next[to].Name = to
				did(next)
			}
		case "import":
			// An import into an existing portfolio replaces its content
			// (the CLI's import of a whole file does this).
			q := modeltest.Random(r, 1+r.IntN(12))
			err = edit(kind, func(p *model.Portfolio) {
				name := p.Name
				*p = *q.Clone()
				p.Name = name
			})
		case "undo":
			_, err = s.Undo()
			if len(undo) == 0 {
				if !errors.Is(err, ErrNothingToUndo) {
					t.Fatalf("step %d: undo with an empty history: %v", step, err)
				}
				err = nil
				break
			}
			if err == nil {
				redo = append(redo, cur)
				cur, undo = undo[len(undo)-1], undo[:len(undo)-1]
			}
		case "redo":
			_, err = s.Redo()
			if len(redo) == 0 {
				if !errors.Is(err, ErrNothingToRedo) {
					t.Fatalf("step %d: redo with nothing undone: %v", step, err)
				}
				err = nil
				break
			}
			if err == nil {
				undo = append(undo, cur)
				cur, redo = redo[len(redo)-1], redo[:len(redo)-1]
			}
		case "reopen":
			s.Close()
			s, err = Open(path, opt)
		}
		if errors.Is(err, errSkipped) {
			kind, err = "skipped "+kind, nil
		}
		if err != nil {
			t.Fatalf("seed %d step %d (%s): %v", seed, step, kind, err)
		}
		counts[kind]++
		propertyCheck(t, s, path, cur, len(undo) > 0, len(redo) > 0, fmt.Sprintf("seed %d step %d (%s)", seed, step, kind))
	}
	s.Close()
	t.Logf("seed %d: %d steps %v", seed, steps, counts)
}

func propertyCheck(t *testing.T, s *Store, path string, want world, canUndo, canRedo bool, at string) {
	t.Helper()
	list, err := s.List()
	if err != nil {
		t.Fatalf("%s: List: %v", at, err)
	}
	var names, wantNames []string
	for _, l := range list {
		names = append(names, l.Name)
	}
	for n := range want {
		wantNames = append(wantNames, n)
	}
	slices.Sort(wantNames)
	if !slices.Equal(names, wantNames) {
		t.Fatalf("%s: portfolios %q, want %q", at, names, wantNames)
	}
	for _, n := range wantNames {
		got, err := s.Load(n)
		if err != nil {
			t.Fatalf("%s: Load %q: %v", at, n, err)
		}
		w := want[n].Clone()
		w.Version = model.FormatVersion
		w.Normalize()
		if !reflect.DeepEqual(got, w) {
			t.Fatalf("%s: portfolio %q differs from the model", at, n)
		}
	}
	if _, ok := s.CanUndo(); ok != canUndo {
		t.Fatalf("%s: CanUndo %v, want %v", at, ok, canUndo)
	}
	if _, ok := s.CanRedo(); ok != canRedo {
		t.Fatalf("%s: CanRedo %v, want %v", at, ok, canRedo)
	}
	if err := VerifyFile(path); err != nil {
		t.Fatalf("%s: the file does not verify: %v", at, err)
	}
}
