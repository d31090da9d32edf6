package main

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model/store/pgstore"
)

// TestConflictSaysRunAgain: the CLI says what to do about a PostgreSQL
// conflict where there is nothing to reload (run the command again); the
// app's "reload to see theirs" read oddly in a terminal. Other errors pass
// unchanged, wrapped conflicts too are found.
func TestConflictSaysRunAgain(t *testing.T) {
	ce := &pgstore.ConflictError{Who: "ana", What: "driver members", When: time.Date(2026, 12, 6, 14, 2, 0, 0, time.Local), Label: "Set driver members to 150000"}
	got := cliError(fmt.Errorf("saving: %w", ce)).Error()
	for _, want := range []string{"ana changed driver members at 14:02", "your change (Set driver members to 150000) was not applied", "run the command again"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "reload") {
		t.Errorf("%q still says reload", got)
	}
	other := errors.New("disk full")
	if cliError(other) != other {
		t.Error("another error was changed")
	}
}
