package store

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/optionspace/optionspace/model"
)

// The child processes of the crash and lock tests are this test binary,
// re-run with -test.run naming one of the Test*Child functions below and the
// database path in childEnv.
const childEnv = "OPTIONSPACE_STORE_CHILD_DB"

// childCmd is the child process running test on the database at path,
// with the further environment variables env ("NAME=value").
func childCmd(test, path string, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(append(os.Environ(), childEnv+"="+path), env...)
	cmd.Stderr = os.Stderr
	return cmd
}

// startChild starts childCmd(test, path, env...) and returns it with a
// scanner of its output lines.
func startChild(t *testing.T, test, path string, env ...string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := childCmd(test, path, env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewScanner(out)
}

// crashStep is the edit of step n of the crash child: it touches several
// entities at once (the head, a driver, one new initiative and one new
// link), so a half-written action would show as a mismatch between them.
func crashStep(p *model.Portfolio, n int) {
	p.Description = "step " + strconv.Itoa(n)
	p.Drivers[0].Value = float64(n)
	p.Drivers[0].High = float64(n)
	id := fmt.Sprintf("step-%d", n)
	p.Initiatives = append(p.Initiatives, model.Initiative{ID: id, Name: "Step " + strconv.Itoa(n), Tag: "community",
		Kind: model.KindDefer, Status: model.StatusOpen, S: model.Number(float64(n)), X: model.Number(1), Sigma: model.Number(0.3),
		Deadline: model.Date{Time: p.AsOf.AddDate(1, 0, 0)}})
	p.Links = append(p.Links, model.Link{From: "step-0", To: id, Kind: model.LinkSynergy, Correlation: 0.5})
}

const crashName = "Crash test"

// TestCrashChild is the writer of TestCrashKill9: it applies numbered
// steps forever, printing each step's number once its transaction has
// committed.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(childEnv)
	if path == "" {
		t.Skip("the child process of TestCrashKill9")
	}
	s, err := Open(path, Options{Backups: 2})
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(3)
	}
	p, err := s.Load(crashName)
	if errors.Is(err, ErrNotFound) {
		p = model.NewSCRMTemplate(crashName, model.NewDate(2026, time.October, 1))
		p.Drivers = []model.Driver{{Name: "step", Value: 0, Low: 0, High: 0}}
		p.Initiatives = []model.Initiative{{ID: "step-0", Name: "Step 0", Tag: "community", Kind: model.KindDefer, Status: model.StatusOpen,
			S: model.Number(0), X: model.Number(1), Sigma: model.Number(0.3), Deadline: model.NewDate(2027, time.October, 1)}}
		p.Description = "step 0"
		if err := s.Create(p); err != nil {
			fmt.Println("create:", err)
			os.Exit(3)
		}
		fmt.Println(0)
	} else if err != nil {
		fmt.Println("load:", err)
		os.Exit(3)
	}
	n := int(p.Drivers[0].Value)
	for {
		n++
		if _, err := s.Apply(crashName, "step "+strconv.Itoa(n), func(p *model.Portfolio) error {
			crashStep(p, n)
			return nil
		}); err != nil {
			fmt.Println("apply:", err)
			os.Exit(3)
		}
		fmt.Println(n)
	}
}

// TestCrashKill9 kills a writing child process with SIGKILL at random
// moments, 50 times. After each kill the database must open, hold every
// step the child reported committed (and at most the one in flight), and
// show each step whole: head, driver, initiatives, links and undo history
// all at the same step.
func TestCrashKill9(t *testing.T) {
	if os.Getenv(childEnv) != "" {
		t.Skip("in a child")
	}
	kills := 50
	if testing.Short() {
		kills = 10
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 9))
	committed := -1 // the last step a child reported
	start := time.Now()
	for k := 0; k < kills; k++ {
		cmd, lines := startChild(t, "TestCrashChild", path)
		reported := make(chan int, 1<<16)
		done := make(chan struct{})
		go func() {
			defer close(done)
			for lines.Scan() {
				n, err := strconv.Atoi(lines.Text())
				if err != nil {
					t.Errorf("child: %s", lines.Text())
					continue
				}
				reported <- n
			}
		}()
		// Kill at a random moment: sometimes before the child has
		// committed anything (while it opens, backs up or loads), mostly
		// in the middle of its stream of commits.
		if rng.IntN(5) > 0 {
			select {
			case n := <-reported:
				committed = max(committed, n)
			case <-time.After(5 * time.Second):
				t.Fatal("the child committed nothing in 5 s")
			}
		}
		time.Sleep(time.Duration(rng.IntN(100_000)) * time.Microsecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		// The lines are read to the pipe's end (the child is gone) before
		// Wait closes the pipe, which lost what a slow reader had not read.
		<-done
		cmd.Wait()
		close(reported)
		for n := range reported {
			committed = max(committed, n)
		}
		if t.Failed() {
			return
		}
		step := checkCrashDB(t, path)
		if step < committed || step > committed+1 {
			t.Fatalf("kill %d: the database is at step %d, the child had reported step %d committed", k, step, committed)
		}
		committed = step
	}
	t.Logf("%d kills in %v, %d steps committed", kills, time.Since(start).Round(time.Millisecond), committed)
	if committed < kills {
		t.Errorf("only %d steps committed over %d runs: the child barely ran", committed, kills)
	}
}

// checkCrashDB opens the database after a kill and returns the step it
// holds, failing the test when any part of the portfolio is at another
// step.
func checkCrashDB(t *testing.T, path string) int {
	t.Helper()
	s, err := Open(path, Options{ReadOnly: true})
	if errors.Is(err, os.ErrNotExist) {
		return -1
	}
	if err != nil {
		t.Fatalf("open after kill: %v", err)
	}
	defer s.Close()
	p, err := s.Load(crashName)
	if errors.Is(err, ErrNotFound) {
		return -1
	}
	if err != nil {
		t.Fatalf("load after kill: %v", err)
	}
	if err := p.Validate(); err != nil {
		t.Fatalf("after kill: %v", err)
	}
	n := int(p.Drivers[0].Value)
	want := model.NewSCRMTemplate(crashName, model.NewDate(2026, time.October, 1))
	want.Drivers = []model.Driver{{Name: "step"}}
	want.Initiatives = []model.Initiative{{ID: "step-0", Name: "Step 0", Tag: "community", Kind: model.KindDefer, Status: model.StatusOpen,
		S: model.Number(0), X: model.Number(1), Sigma: model.Number(0.3), Deadline: model.NewDate(2027, time.October, 1)}}
	want.Links = []model.Link{}
	for i := 1; i <= n; i++ {
		crashStep(want, i)
	}
	want.Description = "step " + strconv.Itoa(n)
	if len(p.Links) == 0 {
		p.Links, want.Links = nil, nil // step 0: no links, however written
	}
	var buf, got strings.Builder
	model.WriteJSON(&buf, want)
	model.WriteJSON(&got, p)
	if buf.String() != got.String() {
		t.Fatalf("after kill the portfolio at step %d is not the one steps 1..%d make:\n%s", n, n, firstDiff(got.String(), buf.String()))
	}
	label, ok := s.CanUndo()
	wantLabel := "step " + strconv.Itoa(n)
	if n == 0 {
		wantLabel = "create " + crashName
	}
	if !ok || label != wantLabel {
		t.Fatalf("after kill at step %d the undo history ends with %q", n, label)
	}
	return n
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d: got %q, want %q", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(al), len(bl))
}

// TestLockChild plays the app in TestLockBetweenProcesses: it opens the
// database and creates the sample, says "open", then runs the commands of
// its standard input: "edit TEXT" (an action), "changed" (prints whether
// another process changed the file), "hold" (keeps bbolt's write lock, as
// a long write would) and "release"; it prints "ok" after each.
func TestLockChild(t *testing.T) {
	path := os.Getenv(childEnv)
	if path == "" {
		t.Skip("the child process of TestLockBetweenProcesses")
	}
	s, err := Open(path, Options{})
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(3)
	}
	p := model.NewSCRMTemplate(crashName, model.NewDate(2026, time.October, 1))
	if err := s.Create(p); err != nil {
		fmt.Println("create:", err)
		os.Exit(3)
	}
	fmt.Println("open")
	var held *bolt.DB
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		cmd, arg, _ := strings.Cut(in.Text(), " ")
		switch cmd {
		case "edit":
			if _, err := s.Apply(crashName, "edit", func(p *model.Portfolio) error { p.Description = arg; return nil }); err != nil {
				fmt.Println("edit:", err)
				continue
			}
		case "changed":
			fmt.Println(s.Changed())
		case "hold":
			if held, err = bolt.Open(path, 0o600, nil); err != nil {
				fmt.Println("hold:", err)
				continue
			}
		case "release":
			held.Close()
		}
		fmt.Println("ok")
	}
}

// TestLockBetweenProcesses runs the app's store in another process: here,
// read-only and writable opens work beside it (the CLI's list, export and
// import while the app is open), writes from both sides keep each other's
// changes, the app notices the CLI's change, and a write that meets a
// lock held longer than the timeout fails with ErrLocked naming the file
// after about the timeout, changing nothing.
func TestLockBetweenProcesses(t *testing.T) {
	if os.Getenv(childEnv) != "" {
		t.Skip("in a child")
	}
	path := filepath.Join(t.TempDir(), "locked.db")
	cmd := childCmd("TestLockChild", path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := bufio.NewScanner(out)
	say := func(c string) string {
		t.Helper()
		fmt.Fprintln(stdin, c)
		var got []string
		for lines.Scan() {
			if lines.Text() == "ok" {
				return strings.Join(got, "\n")
			}
			got = append(got, lines.Text())
		}
		t.Fatalf("child ended after %q: %v", c, got)
		return ""
	}
	if !lines.Scan() || lines.Text() != "open" {
		t.Fatalf("child: %q", lines.Text())
	}
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open while the app has the file: %v", err)
	}
	if l, err := ro.List(); err != nil || len(l) != 1 {
		t.Fatalf("list while the app has the file: %v %v", l, err)
	}
	cli, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("writable open while the app has the file: %v", err)
	}
	if got := say("edit from the app"); got != "" {
		t.Fatal(got)
	}
	if got := say("changed"); got != "false" {
		t.Fatalf("the app saw a change before the CLI wrote: %s", got)
	}
	if _, err := cli.Apply(crashName, "cli", func(p *model.Portfolio) error { p.Author = "cli"; return nil }); err != nil {
		t.Fatal(err)
	}
	if got := say("changed"); got != "true" {
		t.Fatalf("the app did not notice the CLI's write: %s", got)
	}
	if got := say("edit again"); got != "" {
		t.Fatal(got)
	}
	p, err := ro.Load(crashName)
	if err != nil || p.Author != "cli" || p.Description != "again" {
		t.Fatalf("after both writes: %q %q %v", p.Author, p.Description, err)
	}

	slow, err := Open(path, Options{Timeout: 500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if got := say("hold"); got != "" {
		t.Fatal(got)
	}
	begin := time.Now()
	err = slow.Delete(crashName)
	took := time.Since(begin)
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), path) {
		t.Fatalf("write while locked: %v, want ErrLocked naming the file", err)
	}
	if took < 400*time.Millisecond || took > 2*time.Second {
		t.Errorf("ErrLocked after %v, want about 0.5 s", took)
	}
	if got := say("release"); got != "" {
		t.Fatal(got)
	}
	if p, _ := ro.Load(crashName); p == nil || p.Author != "cli" {
		t.Fatalf("a refused write changed the file: %+v", p)
	}
	if _, err := cli.Apply(crashName, "after", func(p *model.Portfolio) error { p.Author = "after"; return nil }); err != nil {
		t.Fatalf("write after the lock was released: %v", err)
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
}
