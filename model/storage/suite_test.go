package storage

// The store's trust suite, run against the bbolt file and PostgreSQL alike:
// from the one table of cases in storage_test.go random round trips,
// validation refusals and import limits; and over the same table of stores
// TestRandomEditsUndoRedo (a chain of random edits undone and redone) and
// the property test, TestPropertyRandomActions (random actions of every
// kind, close and reopen among them, checked after every step against a
// model replay). The
// bbolt-only tests (damaged pages, the file lock, kill -9 mid-write) stay
// in model/store; PostgreSQL's own (conflicts, several processes, kill -9,
// a lost connection) in model/store/pgstore.

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/model/store"
)

// normal is p as a store must return it: the current format version and
// model.Normalize's empty-versus-nil lists. Both stores' Load returns a
// portfolio at the current format Version with its lists as Normalize
// leaves them, while one built in memory (modeltest.Random, the model
// replay) may hold another Version and nil or empty lists as it was
// built; that is all a store may change of what it was given.
func normal(p *model.Portfolio) *model.Portfolio {
	q := p.Clone()
	q.Version = model.FormatVersion
	q.Normalize()
	return q
}

// same reports whether the loaded got equals want as a store must return
// it (normal: only want is normalized, got is compared as loaded), field
// by field, and says where they differ first.
func same(got, want *model.Portfolio) (bool, string) {
	w := normal(want)
	if reflect.DeepEqual(got, w) {
		return true, ""
	}
	gj, wj := jsonText(got), jsonText(w)
	for i := 0; i < len(gj) && i < len(wj); i++ {
		if gj[i] != wj[i] {
			lo := max(0, i-80)
			return false, fmt.Sprintf("first difference at byte %d:\n got  …%s…\n want …%s…", i, gj[lo:min(len(gj), i+80)], wj[lo:min(len(wj), i+80)])
		}
	}
	return false, fmt.Sprintf("JSON lengths %d and %d (or equal JSON, different values: nil against empty lists, or the version)", len(gj), len(wj))
}

// summaryNames returns the names of l in its order.
func summaryNames(l []store.Summary) []string {
	var out []string
	for _, s := range l {
		out = append(out, s.Name)
	}
	return out
}

func jsonText(p *model.Portfolio) string {
	var b strings.Builder
	_ = model.WriteJSON(&b, p)
	return b.String()
}

// testRandomRoundTrip stores random portfolios (every optional field
// sometimes set, awkward text, floats with 17 digits) and loads them back
// unchanged, after a restart too.
func testRandomRoundTrip(t *testing.T, _ kind, addr string) {
	b := open(t, addr)
	r := rand.New(rand.NewPCG(7, 11))
	var want []*model.Portfolio
	for i := range 60 {
		p := modeltest.Random(r, 12)
		p.Name = fmt.Sprintf("%s #%d", p.Name, i)
		if err := b.Create(p); err != nil {
			t.Fatalf("portfolio %d: %v", i, err)
		}
		want = append(want, p)
	}
	var names []string
	for _, p := range want {
		names = append(names, p.Name)
	}
	slices.Sort(names)
	check := func(when string) {
		for i, p := range want {
			got, err := b.Load(p.Name)
			if err != nil {
				t.Fatalf("%s, portfolio %d: %v", when, i, err)
			}
			if ok, diff := same(got, p); !ok {
				t.Fatalf("%s, portfolio %d (%q) differs from the one stored: %s", when, i, p.Name, diff)
			}
		}
		l, err := b.List()
		if err != nil {
			t.Fatalf("%s: List: %v", when, err)
		}
		if got := summaryNames(l); !slices.Equal(got, names) {
			t.Fatalf("%s: listed %q, want %q (by name)", when, got, names)
		}
	}
	check("before restart")
	b.Close()
	b = open(t, addr)
	defer b.Close()
	check("after restart")
}

// TestRandomEditsUndoRedo applies, on every store of kinds, a chain of
// random edits (each replacing the portfolio's content with another random
// portfolio's) and checks that undoing them all gives back the first
// state, state by state, and redoing them all the last one, with a restart
// half way: each action's before-image is exact.
func TestRandomEditsUndoRedo(t *testing.T) {
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) { randomEditsUndoRedo(t, k.fresh(t)) })
	}
}

func randomEditsUndoRedo(t *testing.T, addr string) {
	b := open(t, addr)
	defer func() { b.Close() }()
	r := rand.New(rand.NewPCG(3, 5))
	first := modeltest.Random(r, 8)
	first.Name = "Edited"
	if err := b.Create(first); err != nil {
		t.Fatal(err)
	}
	states := []*model.Portfolio{first}
	for i := range 15 {
		next := modeltest.Random(r, 8)
		next.Name = "Edited"
		if _, err := b.Apply("Edited", fmt.Sprint("edit ", i), func(p *model.Portfolio) error {
			*p = *next.Clone()
			return nil
		}); err != nil {
			t.Fatalf("edit %d: %v", i, err)
		}
		states = append(states, next)
	}
	// step takes an undo (or a redo) to state i, restarting first half
	// way, and checks that the portfolio is that state.
	step := func(what string, take func(Backend) (string, error), i int) {
		if i == len(states)/2 {
			b.Close()
			b = open(t, addr)
		}
		if _, err := take(b); err != nil {
			t.Fatalf("%s to state %d: %v", what, i, err)
		}
		got, err := b.Load("Edited")
		if err != nil {
			t.Fatal(err)
		}
		if ok, diff := same(got, states[i]); !ok {
			t.Fatalf("after %s to state %d the portfolio differs: %s", what, i, diff)
		}
	}
	for i := len(states) - 2; i >= 0; i-- {
		step("undo", Backend.Undo, i)
	}
	for i := 1; i < len(states); i++ {
		step("redo", Backend.Redo, i)
	}
	if _, err := b.Redo(); !errors.Is(err, store.ErrNothingToRedo) {
		t.Fatalf("redo past the last state: %v, want %v", err, store.ErrNothingToRedo)
	}
}

// world is the property test's model: every portfolio by name; the undo
// and redo histories are whole earlier worlds (a replay that shares no
// code with either store's change records).
type world map[string]*model.Portfolio

func (w world) clone() world {
	out := world{}
	for k, p := range w {
		out[k] = p.Clone()
	}
	return out
}

var errSkipped = errors.New("skipped")

// propertySteps is the number of random actions per seed:
// OPTIONSPACE_PROPERTY_STEPS, else 500.
func propertySteps() int {
	if v, err := strconv.Atoi(os.Getenv("OPTIONSPACE_PROPERTY_STEPS")); err == nil && v > 0 {
		return v
	}
	return 500
}

// TestPropertyRandomActions runs random sequences of every kind of action
// (creates, edits, driver changes, links added and removed, initiatives
// deleted, portfolios deleted, renamed and duplicated, imports, undos,
// redos, close and reopen) on every store of kinds, over four seeds of 500
// steps each by default (OPTIONSPACE_PROPERTY_STEPS per seed for more), and
// after every step checks the store against the model replay: the same
// portfolios, each equal field by field, the same undo and redo
// availability, and (the file) the whole file verified: page walk and
// tx.Check clean, never "damaged". The file is opened with 2 backups and
// without fsync (kind.openQuick).
func TestPropertyRandomActions(t *testing.T) {
	steps := propertySteps()
	for _, k := range append(kinds[:len(kinds):len(kinds)], fileAtFirstWrite) {
		for seed := uint64(1); seed <= 4; seed++ {
			t.Run(fmt.Sprintf("%s/seed%d", k.name, seed), func(t *testing.T) { propertyRun(t, k, k.fresh(t), seed, steps) })
		}
	}
}

// fileAtFirstWrite is the file opened as the CLI's write commands open it
// (store.Options.BackupAtFirstWrite: the backup rotates at the first write,
// not at Open), so that the property test walks that path too.
var fileAtFirstWrite = kind{name: "file-at-first-write", fresh: kinds[0].fresh, undoLimit: store.MaxUndo, verify: store.VerifyFile,
	openQuick: func(addr string) (Backend, error) {
		s, err := store.Open(addr, store.Options{Backups: 2, NoSync: true, BackupAtFirstWrite: true})
		if err != nil {
			return nil, err
		}
		return File{Store: s}, nil
	}}

// property is one run of the property test.
type property struct {
	t          *testing.T
	k          kind
	addr       string
	b          Backend
	r          *rand.Rand
	cur        world
	undo, redo []world
	fresh      int
}

func (pr *property) freshName() string {
	pr.fresh++
	return fmt.Sprintf("P%d %s", pr.fresh, []string{"α", "b", "Ω", "x/y"}[pr.fresh%4])
}

// pick returns a random portfolio's name, "" when there is none.
func (pr *property) pick() string {
	if len(pr.cur) == 0 {
		return ""
	}
	names := make([]string, 0, len(pr.cur))
	for n := range pr.cur {
		names = append(names, n)
	}
	slices.Sort(names)
	return names[pr.r.IntN(len(names))]
}

// did records a successful action on the model.
func (pr *property) did(next world) {
	pr.undo = append(pr.undo, pr.cur)
	if pr.k.undoLimit > 0 && len(pr.undo) > pr.k.undoLimit {
		pr.undo = pr.undo[1:]
	}
	pr.redo = nil
	pr.cur = next
}

// edit applies f through the store's Apply and to the model.
func (pr *property) edit(kind string, f func(p *model.Portfolio)) error {
	name := pr.pick()
	next := pr.cur.clone()
	f(next[name])
	if err := next[name].Validate(); err != nil {
		return errSkipped // not a valid edit (both sides stay)
	}
	if _, err := pr.b.Apply(name, kind, func(p *model.Portfolio) error { f(p); return nil }); err != nil {
		return fmt.Errorf("%s of %q: %w", kind, name, err)
	}
	pr.did(next)
	return nil
}

// editFor returns the edit of the given kind with the random value v.
func editFor(kind string, v float64, r *rand.Rand) func(p *model.Portfolio) {
	switch kind {
	case "edit":
		return func(p *model.Portfolio) {
			if len(p.Initiatives) == 0 {
				p.Description = fmt.Sprint(v)
				return
			}
			in := &p.Initiatives[int(v*1e6)%len(p.Initiatives)]
			in.Leakage = v / 10
			in.Rationale = fmt.Sprint(v)
		}
	case "driver":
		return func(p *model.Portfolio) {
			if len(p.Drivers) == 0 {
				p.Author = fmt.Sprint(v)
				return
			}
			d := &p.Drivers[int(v*1e6)%len(p.Drivers)]
			d.Value = d.Low + (d.High-d.Low)*v
			if d.Value == d.Low && d.High == d.Low {
				d.High, d.Value = d.Low+1, d.Low+v
			}
		}
	case "link+":
		return func(p *model.Portfolio) {
			p.Description = fmt.Sprint("links ", v)
			if len(p.Initiatives) < 2 {
				return
			}
			i := int(v*1e6) % len(p.Initiatives)
			j := (i + 1) % len(p.Initiatives)
			p.Links = append(p.Links, model.Link{From: p.Initiatives[i].ID, To: p.Initiatives[j].ID, Kind: model.LinkSynergy, Correlation: v - 0.5})
		}
	case "link-":
		return func(p *model.Portfolio) {
			p.Description = fmt.Sprint("unlink ", v)
			if len(p.Links) > 0 {
				k := int(v*1e6) % len(p.Links)
				p.Links = slices.Delete(p.Links, k, k+1)
			}
		}
	case "delinit":
		return func(p *model.Portfolio) {
			p.Description = fmt.Sprint("delete ", v)
			if len(p.Initiatives) == 0 {
				return
			}
			id := p.Initiatives[int(v*1e6)%len(p.Initiatives)].ID
			p.Initiatives = slices.DeleteFunc(p.Initiatives, func(in model.Initiative) bool { return in.ID == id })
			p.Links = slices.DeleteFunc(p.Links, func(l model.Link) bool { return l.From == id || l.To == id })
		}
	}
	// "import": an import into an existing portfolio replaces its
	// content (the CLI's import of a whole file does this).
	q := modeltest.Random(r, 1+r.IntN(12))
	return func(p *model.Portfolio) {
		name := p.Name
		*p = *q.Clone()
		p.Name = name
	}
}

// step takes one action of the given kind on the store and the model.
func (pr *property) step(kind string) error {
	switch kind {
	case "create":
		p := modeltest.Random(pr.r, 1+pr.r.IntN(7))
		p.Name = pr.freshName()
		if err := pr.b.Create(p); err != nil {
			return err
		}
		next := pr.cur.clone()
		next[p.Name] = p.Clone()
		pr.did(next)
	case "edit", "driver", "link+", "link-", "delinit", "import":
		return pr.edit(kind, editFor(kind, pr.r.Float64(), pr.r))
	case "delete":
		name := pr.pick()
		if err := pr.b.Delete(name); err != nil {
			return err
		}
		next := pr.cur.clone()
		delete(next, name)
		pr.did(next)
	case "rename", "duplicate":
		name, to := pr.pick(), pr.freshName()
		next := pr.cur.clone()
		next[to] = next[name].Clone()
		next[to].Name = to
		var err error
		if kind == "rename" {
			delete(next, name)
			err = pr.b.Rename(name, to)
		} else {
			err = pr.b.Duplicate(name, to)
		}
		if err != nil {
			return err
		}
		pr.did(next)
	case "undo", "redo":
		return pr.undoRedo(kind == "redo")
	case "reopen":
		pr.b.Close()
		b, err := pr.k.openQuick(pr.addr)
		if err != nil {
			return err
		}
		pr.b = b
	}
	return nil
}

// undoRedo takes an undo (or a redo) on the store and the model; with
// nothing to take, the store must say so with its sentinel error.
func (pr *property) undoRedo(redo bool) error {
	from, to, take, nothing := &pr.undo, &pr.redo, pr.b.Undo, store.ErrNothingToUndo
	if redo {
		from, to, take, nothing = &pr.redo, &pr.undo, pr.b.Redo, store.ErrNothingToRedo
	}
	_, err := take()
	if len(*from) == 0 {
		if !errors.Is(err, nothing) {
			return fmt.Errorf("with an empty history: %v, want %v", err, nothing)
		}
		return nil
	}
	if err != nil {
		return err
	}
	*to = append(*to, pr.cur)
	pr.cur, *from = (*from)[len(*from)-1], (*from)[:len(*from)-1]
	return nil
}

func propertyRun(t *testing.T, k kind, addr string, seed uint64, steps int) {
	b, err := k.openQuick(addr)
	if err != nil {
		t.Fatal(err)
	}
	pr := &property{t: t, k: k, addr: addr, b: b, r: rand.New(rand.NewPCG(seed, 77)), cur: world{}}
	defer func() { pr.b.Close() }()
	counts := map[string]int{}
	kinds := []string{"create", "create", "edit", "edit", "edit", "driver", "link+", "link-", "delinit",
		"delete", "rename", "duplicate", "import", "undo", "undo", "redo", "reopen"}
	for i := 0; i < steps; i++ {
		kind := kinds[pr.r.IntN(len(kinds))]
		if len(pr.cur) == 0 && kind != "undo" && kind != "redo" {
			kind = "create"
		}
		err := pr.step(kind)
		if errors.Is(err, errSkipped) {
			kind, err = "skipped "+kind, nil
		}
		at := fmt.Sprintf("%s seed %d step %d (%s)", k.name, seed, i, kind)
		if err != nil {
			t.Fatalf("%s: %v", at, err)
		}
		counts[kind]++
		pr.check(at)
	}
	t.Logf("%s seed %d: %d steps %v", k.name, seed, steps, counts)
}

// check compares the store with the model.
func (pr *property) check(at string) {
	t := pr.t
	t.Helper()
	list, err := pr.b.List()
	if err != nil {
		t.Fatalf("%s: List: %v", at, err)
	}
	names := summaryNames(list)
	var wantNames []string
	for n := range pr.cur {
		wantNames = append(wantNames, n)
	}
	// Both stores list by name (store.Store.List sorts in byte order;
	// pgstore.Store.List orders by the database's collation, byte order on
	// the test server's C.UTF-8, not under en-US, where "apple" comes
	// before "Banana"): the list as returned, against the model's names
	// sorted.
	slices.Sort(wantNames)
	if !slices.Equal(names, wantNames) {
		t.Fatalf("%s: portfolios %q, want %q", at, names, wantNames)
	}
	for _, n := range wantNames {
		got, err := pr.b.Load(n)
		if err != nil {
			t.Fatalf("%s: Load %q: %v", at, n, err)
		}
		if ok, diff := same(got, pr.cur[n]); !ok {
			t.Fatalf("%s: portfolio %q differs from the model: %s", at, n, diff)
		}
	}
	if _, ok := pr.b.CanUndo(); ok != (len(pr.undo) > 0) {
		t.Fatalf("%s: CanUndo %v, want %v", at, ok, len(pr.undo) > 0)
	}
	if _, ok := pr.b.CanRedo(); ok != (len(pr.redo) > 0) {
		t.Fatalf("%s: CanRedo %v, want %v", at, ok, len(pr.redo) > 0)
	}
	if pr.k.verify != nil {
		if err := pr.k.verify(pr.addr); err != nil {
			t.Fatalf("%s: the database does not verify: %v", at, err)
		}
	}
}

// testValidationRefusals: every invalid edit is refused with a
// *model.ValidationError naming the field, and nothing of it is saved: the
// portfolio, the list and the undo history are as before.
func testValidationRefusals(t *testing.T, _ kind, addr string) {
	b, p := openSample(t, addr)
	defer b.Close()
	before := modeltest.JSON(t, p)
	undoBefore, _ := b.CanUndo()
	long := strings.Repeat("x", model.MaxTextLen+1)
	for _, c := range []struct {
		name, field string
		edit        func(q *model.Portfolio)
	}{
		{"σ above the limit", "sigma", func(q *model.Portfolio) { q.Initiatives[1].Sigma = model.Number(model.MaxSigma + 1) }},
		{"deadline on the as-of date", "deadline", func(q *model.Portfolio) { q.Initiatives[0].Deadline = q.AsOf }},
		{"empty initiative name", "name", func(q *model.Portfolio) { q.Initiatives[2].Name = "" }},
		{"two initiatives with one ID", "id", func(q *model.Portfolio) { q.Initiatives[3].ID = q.Initiatives[4].ID }},
		{"a link to no initiative", "links", func(q *model.Portfolio) {
			q.Links = append(q.Links, model.Link{From: q.Initiatives[0].ID, To: "nobody", Kind: model.LinkSynergy, Correlation: 0.2})
		}},
		{"a rationale over the text limit", "rationale", func(q *model.Portfolio) { q.Initiatives[5].Rationale = long }},
		{"a NUL in an owner", "owner", func(q *model.Portfolio) { q.Initiatives[6].Owner = "a\x00b" }},
	} {
		_, err := b.Apply(p.Name, "bad: "+c.name, func(q *model.Portfolio) error {
			c.edit(q)
			q.Description = "changed too" // a valid change in the same edit
			return nil
		})
		var ve *model.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s: err = %v, want a validation error", c.name, err)
			continue
		}
		if !strings.Contains(err.Error(), c.field) {
			t.Errorf("%s: the message does not name the field %q: %v", c.name, c.field, err)
		}
		got, err := b.Load(p.Name)
		if err != nil {
			t.Fatal(err)
		}
		if modeltest.JSON(t, got) != before {
			t.Fatalf("%s: part of the refused edit was saved", c.name)
		}
		if l, _ := b.CanUndo(); l != undoBefore {
			t.Fatalf("%s: the refused edit is in the undo history (%q)", c.name, l)
		}
	}
	// An edit that fails by itself saves nothing either.
	if _, err := b.Apply(p.Name, "fails", func(q *model.Portfolio) error {
		q.Description = "half"
		return errors.New("the edit failed")
	}); err == nil || !strings.Contains(err.Error(), "the edit failed") {
		t.Fatalf("a failing edit: %v", err)
	}
	if got, _ := b.Load(p.Name); modeltest.JSON(t, got) != before {
		t.Fatal("part of a failed edit was saved")
	}
	// Rename refuses an empty or too long name and a taken one.
	if err := b.Create(func() *model.Portfolio { q := modeltest.Sample(t); q.Name = "Other"; return q }()); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"", strings.Repeat("n", model.MaxNameLen+1), "Other"} {
		if err := b.Rename(p.Name, name); err == nil {
			t.Errorf("rename to %.20q… was accepted", name)
		}
	}
	if l, err := b.List(); err != nil || len(l) != 2 || l[0].Name != p.Name || l[1].Name != "Other" {
		t.Fatalf("after the refused renames: %+v %v", l, err)
	}
}

// testImportLimits: an imported portfolio (JSON read by model.ReadJSON) at
// the limits of names and text is kept whole; one over them is refused and
// nothing of it is stored.
func testImportLimits(t *testing.T, _ kind, addr string) {
	b := open(t, addr)
	defer b.Close()
	atLimit := modeltest.Sample(t)
	atLimit.Name = strings.Repeat("N", model.MaxNameLen-3) + "end"
	atLimit.Description = strings.Repeat("d", model.MaxTextLen)
	atLimit.Initiatives[0].Name = strings.Repeat("é", model.MaxNameLen/2) // 2 bytes each
	atLimit.Initiatives[0].Rationale = strings.Repeat("r", model.MaxTextLen)
	read := func(p *model.Portfolio) *model.Portfolio {
		q, err := model.ReadJSON(strings.NewReader(modeltest.JSON(t, p)))
		if err != nil {
			t.Fatalf("the file does not read back: %v", err)
		}
		return q
	}
	in := read(atLimit)
	if err := b.Create(in); err != nil {
		t.Fatalf("a portfolio at the limits was refused: %v", err)
	}
	b.Close()
	b = open(t, addr)
	got, err := b.Load(atLimit.Name)
	if err != nil {
		t.Fatal(err)
	}
	if ok, diff := same(got, atLimit); !ok {
		t.Fatalf("the portfolio at the limits differs after a restart: %s", diff)
	}
	for _, c := range []struct {
		name string
		edit func(p *model.Portfolio)
	}{
		{"name one byte too long", func(p *model.Portfolio) { p.Name = strings.Repeat("N", model.MaxNameLen+1) }},
		{"rationale one byte too long", func(p *model.Portfolio) {
			p.Name = "r"
			p.Initiatives[1].Rationale = strings.Repeat("r", model.MaxTextLen+1)
		}},
		{"initiative name one byte too long", func(p *model.Portfolio) {
			p.Name = "i"
			p.Initiatives[0].Name = strings.Repeat("i", model.MaxNameLen+1)
		}},
		{"a NUL in the name", func(p *model.Portfolio) { p.Name = "nul\x00name" }},
	} {
		p := modeltest.Sample(t)
		c.edit(p)
		if err := b.Create(p); err == nil {
			t.Errorf("%s: imported", c.name)
		}
	}
	if l, err := b.List(); err != nil || len(l) != 1 {
		t.Fatalf("after the refused imports %d portfolios (%v), want the one at the limits", len(l), err)
	}
}

// testLargeImportIsOneAction: 2,000 initiatives read from a CSV table are
// added as one action, and one undo takes them all away.
func testLargeImportIsOneAction(t *testing.T, _ kind, addr string) {
	b, p := openSample(t, addr)
	defer b.Close()
	src := modeltest.Sample(t)
	base := src.Initiatives
	src.Initiatives = nil
	for i := range 2000 {
		in := base[i%len(base)]
		in.ID = fmt.Sprintf("csv-%d", i)
		in.Name = fmt.Sprintf("%s %d", in.Name, i)
		src.Initiatives = append(src.Initiatives, in)
	}
	var csv strings.Builder
	if err := model.WriteCSV(&csv, src); err != nil {
		t.Fatal(err)
	}
	ins, err := model.ReadCSV(strings.NewReader(csv.String()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Apply(p.Name, "Import 2000 initiatives", func(q *model.Portfolio) error {
		q.Initiatives = append(q.Initiatives, ins...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	got, err := b.Load(p.Name)
	if err != nil || len(got.Initiatives) != 13+2000 {
		t.Fatalf("after the import: %d initiatives, %v", len(got.Initiatives), err)
	}
	if l, ok := b.CanUndo(); !ok || l != "Import 2000 initiatives" {
		t.Fatalf("CanUndo %q %v", l, ok)
	}
	if _, err := b.Undo(); err != nil {
		t.Fatal(err)
	}
	got, _ = b.Load(p.Name)
	if modeltest.JSON(t, got) != modeltest.JSON(t, p) {
		t.Fatal("one undo did not take the whole import away")
	}
}
