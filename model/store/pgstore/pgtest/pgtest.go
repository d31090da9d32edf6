// Package pgtest gives tests a fresh PostgreSQL database on the server named
// by OPTIONSPACE_TEST_PG (which `make test` starts with .ci/with-pg.sh).
// Without a server a test is skipped locally, with a line that says how to
// start one, and fails in CI (CI=true).
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// required returns the environment variable name; when it is not set the
// test fails in CI (CI=true), saying why CI needs it, and is skipped
// elsewhere with skip, which says how to set it.
func required(t testing.TB, name, why, skip string) string {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal(name + " is not set: " + why)
		}
		t.Skip(skip)
	}
	return v
}

// Fresh returns the URL of a new empty database, dropped when the test ends.
func Fresh(t testing.TB) string {
	t.Helper()
	base := required(t, "OPTIONSPACE_TEST_PG", "CI must run the PostgreSQL tests (make test starts a server with .ci/with-pg.sh)",
		"no PostgreSQL server: run `make test`, or `bash .ci/with-pg.sh go test ./...`")
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("cannot reach the test server %s: %v", base, err)
	}
	defer admin.Close(ctx)
	name := fmt.Sprintf("t_%d_%d", time.Now().UnixNano(), rand.IntN(1e6))
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, base)
		if err != nil {
			return
		}
		defer c.Close(ctx)
		_, _ = c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// Server is a PostgreSQL server of a test's own, which the test may stop
// and start again (a server restarted under a running app), with the
// database optionspace at URL.
type Server struct {
	URL    string
	script string
	dir    string
}

// OwnServer starts a throwaway server for the test alone (with the script
// that OPTIONSPACE_TEST_PG_SCRIPT names, .ci/pg.sh, which .ci/with-pg.sh
// exports), stopped and removed when the test ends. Without the script a
// test is skipped locally and fails in CI (CI=true).
func OwnServer(t testing.TB) *Server {
	t.Helper()
	script := required(t, "OPTIONSPACE_TEST_PG_SCRIPT", "CI must run the server-restart tests (.ci/with-pg.sh exports it)",
		"no script to start a PostgreSQL server of the test's own: run `bash .ci/with-pg.sh go test ...`")
	out, err := exec.Command("bash", script, "start").Output()
	if err != nil {
		t.Fatalf("cannot start a PostgreSQL server with %s: %v %s", script, err, stderr(err))
	}
	s := &Server{URL: strings.TrimSpace(string(out)), script: script}
	_, s.dir, _ = strings.Cut(s.URL, "host=")
	if s.dir == "" {
		t.Fatalf("%s start printed %q, not a URL with host=DIR", script, out)
	}
	t.Cleanup(func() { _ = exec.Command("bash", script, "stop", s.dir).Run() })
	return s
}

// Stop stops the server (a fast shutdown: sessions are ended, as in a
// restart).
func (s *Server) Stop(t testing.TB) { t.Helper(); s.ctl(t, "stop") }

// Start starts the stopped server again, its data kept.
func (s *Server) Start(t testing.TB) { t.Helper(); s.ctl(t, "start") }

func (s *Server) ctl(t testing.TB, what string) {
	t.Helper()
	if out, err := exec.Command("bash", s.script, "ctl", s.dir, what).CombinedOutput(); err != nil {
		t.Fatalf("pg.sh ctl %s: %v %s", what, err, out)
	}
}

func stderr(err error) string {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return string(ee.Stderr)
	}
	return ""
}
