package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/model/store/pgstore"
	"github.com/optionspace/optionspace/model/store/pgstore/pgtest"
	"github.com/optionspace/optionspace/samples"
)

// copy file -> PostgreSQL -> another file is lossless: the JSON exports of
// the two files are identical; list, value and export read PostgreSQL.
func TestCopyThroughPostgresIsLossless(t *testing.T) {
	url := pgtest.Fresh(t)
	db, p := sampleDB(t)
	if code, out, errOut := cli("copy", "--from", db, "--to", url); code != 0 || !strings.Contains(out, "13 initiatives") {
		t.Fatalf("copy to postgres: exit %d, %q %q", code, out, errOut)
	}
	// A second copy is refused whole.
	if code, _, errOut := cli("copy", "--from", db, "--to", url); code != 1 || !strings.Contains(errOut, "already holds") {
		t.Fatalf("second copy: exit %d, %q", code, errOut)
	}
	back := filepath.Join(t.TempDir(), "back.db")
	if code, _, errOut := cli("copy", "--from", url, "--to", back, "--portfolio", p.Name); code != 0 {
		t.Fatalf("copy back: exit %d, %q", code, errOut)
	}
	_, a, _ := cli("export", "--db", db, "--portfolio", p.Name)
	_, b, errOut := cli("export", "--db", back, "--portfolio", p.Name)
	if a == "" || a != b {
		t.Fatalf("exports differ (%q)", errOut)
	}
	_, c, _ := cli("export", "--db", url, "--portfolio", p.Name)
	if c != a {
		t.Fatal("the export from PostgreSQL differs from the file's")
	}
	if code, out, errOut := cli("list", "--db", url); code != 0 || !strings.Contains(out, p.Name) {
		t.Fatalf("list: exit %d, %q %q", code, out, errOut)
	}
	_, v1, _ := cli("value", "--db", db, "--portfolio", p.Name, "--format", "json")
	code, v2, errOut := cli("value", "--db", url, "--portfolio", p.Name, "--format", "json")
	if code != 0 || v1 != v2 {
		t.Fatalf("value from postgres: exit %d, %q; differs: %v", code, errOut, v1 != v2)
	}
}

// TestMain runs the CLI itself in a child process when
// OPTIONSPACE_CLI_CHILD holds its arguments (separated by \x1f): the live
// test's watch runs in a process of its own.
func TestMain(m *testing.M) {
	if args := os.Getenv("OPTIONSPACE_CLI_CHILD"); args != "" {
		os.Exit(run(strings.Split(args, "\x1f"), os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// cliProcess starts the CLI with args in a child process and returns its
// stdout and stderr, line by line; it is killed when the test ends.
func cliProcess(t *testing.T, args ...string) (cmd *exec.Cmd, stdout, stderr <-chan string) {
	t.Helper()
	cmd = exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "OPTIONSPACE_CLI_CHILD="+strings.Join(args, "\x1f"))
	lines := func(r io.Reader) <-chan string {
		c := make(chan string, 1000)
		go func() {
			sc := bufio.NewScanner(r)
			for sc.Scan() {
				c <- sc.Text()
			}
			close(c)
		}()
		return c
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	errp, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	return cmd, lines(out), lines(errp)
}

// A change made by one process reaches `watch` in another within 1 s
// (median over 50 changes). The watch says "watching" once it listens,
// and the changes start then.
func TestWatchPrintsChanges(t *testing.T) {
	url := pgtest.Fresh(t)
	db, p := sampleDB(t)
	if code, _, errOut := cli("copy", "--from", db, "--to", url); code != 0 {
		t.Fatal(errOut)
	}
	s, err := pgstore.Open(context.Background(), url, pgstore.Options{User: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const n = 50
	cmd, out, errs := cliProcess(t, "watch", "--db", url, "--portfolio", p.Name, "--count", fmt.Sprint(n))
	select {
	case l, ok := <-errs:
		if !ok || !strings.HasPrefix(l, "watching ") {
			t.Fatalf("watch said %q first (%v)", l, ok)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("watch did not start listening within 60 s")
	}
	id := p.Initiatives[0].ID
	var lat []time.Duration
	for i := 0; i < n; i++ {
		start := time.Now()
		v := 0.2 + float64(i)/1000
		if _, err := s.Apply(p.Name, fmt.Sprintf("Edit %d", i), func(q *model.Portfolio) error { q.Initiative(id).Sigma = model.Number(v); return nil }); err != nil {
			t.Fatal(err)
		}
		select {
		case l := <-out:
			if !strings.Contains(l, "ana: Edit "+fmt.Sprint(i)+" ") {
				t.Fatalf("line %q, want change %d", l, i)
			}
			lat = append(lat, time.Since(start))
		case <-time.After(30 * time.Second):
			t.Fatalf("change %d did not reach watch within 30 s", i)
		}
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("watch: %v", err)
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	if lat[n/2] > time.Second {
		t.Fatalf("median %v", lat[n/2])
	}
	t.Logf("change (apply in this process) to watch line (another process): median %v, max %v over %d changes", lat[n/2], lat[n-1], n)
}

// The write commands work on PostgreSQL too: import, driver set, undo, redo
// and history (which names who did what).
func TestWriteCommandsOnPostgres(t *testing.T) {
	url := pgtest.Fresh(t)
	file := writeTemp(t, "p.json", mustSample(t))
	if code, out, errOut := cli("import", "--db", url, file); code != 0 || !strings.Contains(out, "13 initiatives") {
		t.Fatalf("import: exit %d, %q %q", code, out, errOut)
	}
	code, out, errOut := cli("driver", "--db", url, "set", "members", "150000", "--format", "json")
	if code != 0 {
		t.Fatalf("driver set: exit %d, %q", code, errOut)
	}
	if !strings.Contains(out, "members") {
		t.Errorf("driver set printed %q", out)
	}
	if code, out, errOut := cli("history", "--db", url); code != 0 || !strings.Contains(out, "Set driver members") {
		t.Fatalf("history: exit %d, %q %q", code, out, errOut)
	}
	if code, out, errOut := cli("undo", "--db", url); code != 0 || !strings.Contains(out, "Undid: Set driver members") {
		t.Fatalf("undo: exit %d, %q %q", code, out, errOut)
	}
	// Undoing the import would remove the whole portfolio: --yes needed.
	if code, _, errOut := cli("undo", "--db", url); code != 1 || !strings.Contains(errOut, "--yes") {
		t.Fatalf("undo of the import: exit %d, %q", code, errOut)
	}
	if code, out, errOut := cli("redo", "--db", url); code != 0 || !strings.Contains(out, "Redid") {
		t.Fatalf("redo: exit %d, %q %q", code, out, errOut)
	}
}

func mustSample(t *testing.T) []byte {
	t.Helper()
	return samples.SCRMNorthwind
}

// kill -9 of the CLI mid-write leaves nothing half-written: `import` of a
// 3,000-initiative portfolio, killed after a random delay, round after
// round; afterwards every portfolio in the database is whole (3,000
// initiatives) or absent, and each one present is one action in the log.
func TestKilledImportLeavesNothingHalfWritten(t *testing.T) {
	url := pgtest.Fresh(t)
	p := modeltest.Sample(t)
	base := p.Initiatives
	p.Links, p.Initiatives = nil, nil
	for i := range 3000 {
		in := base[i%len(base)]
		in.ID, in.Name = fmt.Sprintf("%s-%d", in.ID, i), fmt.Sprintf("%s %d", in.Name, i)
		p.Initiatives = append(p.Initiatives, in)
	}
	file := writeTemp(t, "big.json", []byte(modeltest.JSON(t, p)))
	// Round 0 runs to the end and times an import; the others are killed
	// at 30 % to 110 % of that time, most of them while they write.
	var full time.Duration
	done, killed := 0, 0
	for round := 0; round < 9; round++ {
		start := time.Now()
		cmd, _, _ := cliProcess(t, "import", "--db", url, "--portfolio", fmt.Sprintf("Big %d", round), file)
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		wait := time.Duration(float64(full) * (0.3 + 0.1*float64(round-1)))
		if round == 0 {
			wait = 10 * time.Minute
		}
		select {
		case err := <-exited:
			if err != nil {
				t.Fatalf("round %d: import failed: %v", round, err)
			}
			if round == 0 {
				full = time.Since(start)
			}
			done++
		case <-time.After(wait):
			_ = cmd.Process.Kill()
			<-exited
			killed++
		}
	}
	s, err := pgstore.Open(context.Background(), url, pgstore.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	list, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	for _, sm := range list {
		if sm.Initiatives != 3000 {
			t.Errorf("portfolio %q has %d initiatives: an import was half-written", sm.Name, sm.Initiatives)
		}
	}
	hist, err := s.History("", 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != len(list) {
		t.Errorf("%d actions logged for %d portfolios", len(hist), len(list))
	}
	// Transactions the server rolled back because their client died (the
	// kills that landed mid-write; its statistics may lag a little).
	var rolledBack int64
	c, err := pgx.Connect(context.Background(), url)
	if err == nil {
		_ = c.QueryRow(context.Background(), `SELECT xact_rollback FROM pg_stat_database WHERE datname = current_database()`).Scan(&rolledBack)
		c.Close(context.Background())
	}
	t.Logf("%d imports finished, %d killed (%d transactions rolled back by the server); %d portfolios whole, none partial", done, killed, rolledBack, len(list))
}

// TestPostgresRecordsOptionspaceUser: as the README says, an action in
// PostgreSQL is recorded under $OPTIONSPACE_USER when it is set, by the
// CLI as by the app: two people scripting from one OS account stay two
// users (history names each, and undo steps through each one's own
// actions). The CLI recorded the OS user for both.
func TestPostgresRecordsOptionspaceUser(t *testing.T) {
	url := pgtest.Fresh(t)
	file := writeTemp(t, "p.json", mustSample(t))
	if code, _, errOut := cli("import", "--db", url, file); code != 0 {
		t.Fatalf("import: exit %d, %q", code, errOut)
	}
	t.Setenv("OPTIONSPACE_USER", "ana")
	if code, _, errOut := cli("driver", "--db", url, "set", "members", "150000"); code != 0 {
		t.Fatalf("ana's driver set: exit %d, %q", code, errOut)
	}
	t.Setenv("OPTIONSPACE_USER", "bob")
	if code, _, errOut := cli("driver", "--db", url, "set", "value_per_member", "60"); code != 0 {
		t.Fatalf("bob's driver set: exit %d, %q", code, errOut)
	}
	code, out, errOut := cli("history", "--db", url)
	if code != 0 || !strings.Contains(out, "ana") || !strings.Contains(out, "bob") {
		t.Fatalf("history: exit %d, %q %q: want ana's and bob's actions named", code, out, errOut)
	}
	// bob's undo takes bob's action, not ana's.
	if code, out, errOut := cli("undo", "--db", url); code != 0 || !strings.Contains(out, "value_per_member") {
		t.Fatalf("bob's undo: exit %d, %q %q: want his own action undone", code, out, errOut)
	}
}
