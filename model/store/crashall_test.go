package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// crashAllSeed, set in a child's environment, makes TestCrashAllChild run.
const crashAllSeed = "OPTIONSPACE_STORE_CRASHALL_SEED"

// digest is the whole visible state of a store: every portfolio (as JSON)
// and the labels of the undo and redo histories.
func digest(s *Store) (string, error) {
	h := sha256.New()
	list, err := s.List()
	if err != nil {
		return "", err
	}
	for _, l := range list {
		p, err := s.Load(l.Name)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "portfolio %q\n", l.Name)
		if err := model.WriteJSON(h, p); err != nil {
			return "", err
		}
	}
	undo, redo, err := s.History()
	if err != nil {
		return "", err
	}
	for _, st := range undo {
		fmt.Fprintf(h, "undo %q\n", st.Label)
	}
	for _, st := range redo {
		fmt.Fprintf(h, "redo %q\n", st.Label)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// crashOp is one write of the crash child, with its inputs drawn up front
// so that it can be run twice (on a copy, then for real) identically.
type crashOp struct {
	kind string
	name string
	to   string
	p    *model.Portfolio
	v    float64
}

func (op crashOp) run(s *Store) error {
	switch op.kind {
	case "create":
		return s.Create(op.p.Clone())
	case "edit", "driver", "import":
		_, err := s.Apply(op.name, op.kind, func(p *model.Portfolio) error {
			switch op.kind {
			case "edit":
				p.Description = fmt.Sprint(op.v)
				if len(p.Initiatives) > 0 {
					p.Initiatives[0].Leakage = op.v / 10
				}
			case "driver":
				p.Author = fmt.Sprint(op.v)
				if len(p.Drivers) > 0 {
					d := &p.Drivers[0]
					d.Value = d.Low + (d.High-d.Low)*op.v
				}
			case "import":
				name := p.Name
				*p = *op.p.Clone()
				p.Name = name
			}
			return nil
		})
		return err
	case "delete":
		return s.Delete(op.name)
	case "rename":
		return s.Rename(op.name, op.to)
	case "duplicate":
		return s.Duplicate(op.name, op.to)
	case "undo":
		_, err := s.Undo()
		return err
	case "redo":
		_, err := s.Redo()
		return err
	}
	return fmt.Errorf("unknown op %q", op.kind)
}

// TestCrashAllChild is the writer of TestCrashEveryWrite: after opening
// (which rotates the backups and may migrate) it prints "ack DIGEST", then
// forever draws a write of any kind, runs it on a copy of the database to
// learn the state it leads to, prints "expect DIGEST", runs it for real
// and prints "ack DIGEST" once it returned. Every few writes it reopens
// the store (a writable open: a backup rotation).
func TestCrashAllChild(t *testing.T) {
	path := os.Getenv(childEnv)
	seed, err := strconv.ParseUint(os.Getenv(crashAllSeed), 10, 64)
	if path == "" || err != nil {
		t.Skip("the child process of TestCrashEveryWrite")
	}
	fail := func(what string, err error) {
		fmt.Println(what+":", err)
		os.Exit(3)
	}
	r := rand.New(rand.NewPCG(seed, 3))
	opt := Options{Backups: 3}
	s, err := Open(path, opt)
	if err != nil {
		fail("open", err)
	}
	d, err := digest(s)
	if err != nil {
		fail("digest", err)
	}
	fmt.Println("ack", d, "open")
	scratch := filepath.Join(filepath.Dir(path), "scratch", "copy.db")
	os.MkdirAll(filepath.Dir(scratch), 0o700)
	for n := 0; ; n++ {
		if n%7 == 6 {
			if s, err = Open(path, opt); err != nil {
				fail("reopen", err)
			}
			fmt.Println("ack", d, "reopen")
			continue
		}
		list, err := s.List()
		if err != nil {
			fail("list", err)
		}
		op := crashOp{kind: []string{"create", "edit", "edit", "driver", "import", "delete", "rename", "duplicate", "undo", "undo", "redo"}[r.IntN(11)], v: r.Float64()}
		if len(list) == 0 {
			op.kind = []string{"create", "undo", "redo"}[r.IntN(3)]
		} else if len(list) > 4 && op.kind != "undo" && op.kind != "redo" {
			op.kind = "delete"
		}
		if len(list) > 0 {
			op.name = list[r.IntN(len(list))].Name
		}
		op.to = fmt.Sprintf("P %d-%d", seed, n)
		if op.kind == "create" || op.kind == "import" {
			op.p = modeltest.Random(r, 1+r.IntN(10))
			op.p.Name = op.to
		}
		// The state the write leads to, from a copy.
		os.Remove(scratch)
		if err := s.Backup(scratch); err != nil {
			fail("copy", err)
		}
		c, err := Open(scratch, Options{Backups: -1, NoSync: true})
		if err != nil {
			fail("open copy", err)
		}
		if err := op.run(c); err != nil {
			continue // not possible now (nothing to undo, a name taken)
		}
		want, err := digest(c)
		if err != nil {
			fail("digest copy", err)
		}
		fmt.Println("expect", want, op.kind)
		if err := op.run(s); err != nil {
			fail(op.kind, err)
		}
		fmt.Println("ack", want, op.kind)
		d = want
	}
}

// TestCrashEveryWrite kills the child above with SIGKILL at random moments
// during every kind of write (create, edit, driver change, import, delete,
// rename, duplicate, undo, redo, the backup rotation of a writable open, and
// a migration from schema 1 every fifth run). After each kill: the file
// opens and verifies (page walk, tx.Check), its state is the last
// acknowledged one or the one the write in flight leads to (no
// acknowledged write is lost), every backup present verifies, and a valid
// backup exists once anything was written. 30 kills by default,
// OPTIONSPACE_CRASH_KILLS for more.
func TestCrashEveryWrite(t *testing.T) {
	if os.Getenv(childEnv) != "" {
		t.Skip("in a child")
	}
	kills := 30
	if v, err := strconv.Atoi(os.Getenv("OPTIONSPACE_CRASH_KILLS")); err == nil && v > 0 {
		kills = v
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "crash.db")
	fixture, err := os.ReadFile(filepath.Join("testdata", "schema-v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 11))
	state := ""      // the digest the file must hold ("" before the first run)
	schema1 := false // the file is the schema-1 fixture, not yet migrated
	kinds, outcomes := map[string]int{}, map[string]int{}
	everWrote := false // a write was acknowledged since the file was new
	start := time.Now()
	for k := 0; k < kills; k++ {
		migrating := k%5 == 4
		if migrating {
			// A fresh schema-1 file (and no backups of the old one).
			old, _ := filepath.Glob(path + "*")
			for _, o := range old {
				os.Remove(o)
			}
			if err := os.WriteFile(path, fixture, 0o600); err != nil {
				t.Fatal(err)
			}
			state, schema1, everWrote = "", true, false
		}
		cmd, sc := startChild(t, "TestCrashAllChild", path, crashAllSeed+"="+strconv.FormatUint(rng.Uint64(), 10))
		type line struct{ kind, digest, op string }
		lines := make(chan line, 1<<16)
		go func() {
			defer close(lines)
			for sc.Scan() {
				f := strings.Fields(sc.Text())
				if len(f) < 2 || (f[0] != "ack" && f[0] != "expect") {
					t.Errorf("child: %s", sc.Text())
					continue
				}
				l := line{kind: f[0], digest: f[1]}
				if len(f) > 2 {
					l.op = f[2]
				}
				lines <- l
			}
		}()
		// A third of the kills come early, while the child opens (backup
		// rotation, migration), the rest in its stream of writes.
		wait := 400_000
		if rng.IntN(3) == 0 {
			wait = 60_000
		}
		time.Sleep(time.Duration(rng.IntN(wait)) * time.Microsecond)
		cmd.Process.Signal(syscall.SIGKILL)
		// Every line the child printed is read before Wait, which closes
		// the pipe: the reader ends at the pipe's end, when the child is
		// gone. (Wait first lost what a reader slowed by a loaded machine
		// had not read yet, e.g. the ack of a committed write, and the
		// test then took the file's state for a lost write.)
		acked, pending, pendingOp := "", "", ""
		for l := range lines {
			if l.kind == "ack" {
				acked, pending = l.digest, ""
				kinds[l.op]++
				everWrote = everWrote || (l.op != "open" && l.op != "reopen")
			} else {
				pending, pendingOp = l.digest, l.op
			}
		}
		cmd.Wait()
		if t.Failed() {
			return
		}
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) && acked == "" && state == "" && !schema1 {
			// Killed before the child created the file (on a loaded
			// machine its start can take longer than the early kill's
			// wait): nothing was written, and no file is what that leaves.
			outcomes["killed before the file was created"]++
			continue
		}
		// The file opens and holds the last acknowledged state, or the
		// one in flight.
		s, err := Open(path, Options{ReadOnly: true})
		if errors.Is(err, ErrOldSchema) && schema1 && acked == "" {
			if err := VerifyFile(path); err != nil {
				t.Fatalf("kill %d during the migration: %v", k, err)
			}
			outcomes["still schema 1"]++
			continue
		}
		if err != nil {
			t.Fatalf("kill %d: open after the kill: %v", k, err)
		}
		got, err := digest(s)
		if err != nil {
			t.Fatalf("kill %d: reading after the kill: %v", k, err)
		}
		if acked == "" && state == "" && !schema1 {
			// Killed while creating the file: it is empty, or a bbolt
			// file without Option Space's buckets yet (which Open takes
			// as a new database and VerifyFile does not), never one with
			// portfolios.
			if list, err := s.List(); err == nil && len(list) == 0 {
				outcomes["killed while creating the file"]++
				state = got
				continue
			}
		}
		if err := VerifyFile(path); err != nil {
			t.Fatalf("kill %d: the file does not verify: %v", k, err)
		}
		want := acked
		if want == "" {
			want = state // killed while opening: the previous state
		}
		switch {
		case got == want:
			if pending != "" {
				outcomes["in flight, not committed"]++
			}
		case pending != "" && got == pending:
			outcomes["in flight, committed"]++
		case want == "" && schema1:
			outcomes["killed while opening a schema-1 file"]++
		default:
			t.Fatalf("kill %d: the file holds state %s; the last acknowledged is %s (in flight: %q %s)", k, got, want, pendingOp, pending)
		}
		state, schema1 = got, false
		for i := 1; i <= 3; i++ {
			if _, err := os.Stat(backupName(path, i)); err == nil {
				if err := VerifyFile(backupName(path, i)); err != nil {
					t.Fatalf("kill %d: backup %d does not verify: %v", k, i, err)
				}
			}
		}
		// (Killed in the backup of the first write, after its commit, the
		// file holds portfolios and no backup: that write was not
		// acknowledged.)
		if list, _ := s.List(); len(list) > 0 && everWrote && NewestBackup(path) == "" {
			t.Fatalf("kill %d: no valid backup after the child wrote", k)
		}
	}
	t.Logf("%d kills in %v; acknowledged writes by kind: %v; kills %v", kills, time.Since(start).Round(time.Millisecond), kinds, outcomes)
}
