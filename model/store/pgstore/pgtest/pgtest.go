// Package pgtest gives tests a fresh PostgreSQL database on the server named
// by OPTIONSPACE_TEST_PG (which `make test` starts with .ci/with-pg.sh).
// Without a server a test is skipped locally, with a line that says how to
// start one, and fails in CI (CI=true).
package pgtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Fresh returns the URL of a new empty database, dropped when the test ends.
func Fresh(t testing.TB) string {
	t.Helper()
	base := os.Getenv("OPTIONSPACE_TEST_PG")
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("OPTIONSPACE_TEST_PG is not set: CI must run the PostgreSQL tests (make test starts a server with .ci/with-pg.sh)")
		}
		t.Skip("no PostgreSQL server: run `make test`, or `bash .ci/with-pg.sh go test ./...`")
	}
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
