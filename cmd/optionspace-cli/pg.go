package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/storage"
	"github.com/optionspace/optionspace/model/store"
	"github.com/optionspace/optionspace/model/store/pgstore"
)

// readStore is what the read-only commands need of a database, a bbolt
// file or PostgreSQL.
type readStore interface {
	List() ([]store.Summary, error)
	Load(name string) (*model.Portfolio, error)
	Close() error
}

// openRead opens a database for reading: a bbolt file, or a PostgreSQL
// database when path is a postgres:// URL.
func openRead(path string) (readStore, error) {
	st, err := storage.Open(path, storage.Options{ReadOnly: true})
	if err != nil {
		return nil, noDatabase(path, err)
	}
	return st, nil
}

// openExisting opens an existing database for an edit (undo, redo,
// driver set): a file that does not exist is the read-only open's "there
// is no portfolio database", as for list and history, never made into an
// empty database (import and copy create their database). The backups
// rotate at the first write (see newdb.go).
func openExisting(path string) (storage.Backend, error) {
	if !storage.IsPostgres(path) {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			ro, err := openRead(path)
			if err == nil {
				ro.Close()
				err = fmt.Errorf("%s: no such file", path)
			}
			return nil, err
		}
	}
	return storage.Open(path, storage.Options{BackupAtFirstWrite: true})
}

// openWrite opens a database for writing (import, copy --to), creating a
// file that does not exist; the backups rotate at the first write.
func openWrite(path string) (storage.Backend, error) {
	b, err := storage.Open(path, storage.Options{BackupAtFirstWrite: true})
	if err != nil {
		return nil, err
	}
	if b.ReadOnly() {
		b.Close()
		return nil, pgstore.ErrReadOnly
	}
	return b, nil
}

func runCopy(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	from := fs.String("from", "", "source database: a `file` or a postgres:// URL (required)")
	to := fs.String("to", "", "destination database: a `file` or a postgres:// URL (required)")
	name := fs.String("portfolio", "", "copy only this portfolio `name` (default: every portfolio)")
	setUsage(fs, stderr,
		"usage: optionspace-cli copy --from FILE.db|postgres://... --to FILE.db|postgres://... [--portfolio NAME]",
		"Copies portfolios whole (initiatives, drivers, links, decisions, learning, snapshots); a portfolio",
		"that already exists at the destination is refused and nothing of it is changed.",
	)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if *from == "" || *to == "" {
		return fmt.Errorf("%w: --from and --to are required", errUsage)
	}
	if *from == *to {
		return fmt.Errorf("%w: --from and --to name the same database", errUsage)
	}
	src, err := openRead(*from)
	if err != nil {
		return err
	}
	defer src.Close()
	names := []string{*name}
	if *name == "" {
		list, err := src.List()
		if err != nil {
			return err
		}
		names = names[:0]
		for _, s := range list {
			names = append(names, s.Name)
		}
		if len(names) == 0 {
			return fmt.Errorf("%s holds no portfolio", *from)
		}
	}
	var ps []*model.Portfolio
	for _, n := range names {
		p, err := src.Load(n)
		if err != nil {
			return err
		}
		ps = append(ps, p)
	}
	discard, err := prepareNewDatabase(*to, 0o755)
	if err != nil {
		return err
	}
	if err := copyInto(stdout, stderr, *to, ps); err != nil {
		discard()
		return err
	}
	return nil
}

// copyInto creates the portfolios ps in the database to, refusing them
// all when it holds one of their names already.
func copyInto(stdout, stderr io.Writer, to string, ps []*model.Portfolio) error {
	dst, err := openWrite(to)
	if err != nil {
		return err
	}
	defer dst.Close()
	defer warnStore(stderr, dst)
	existing, err := dst.List()
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, s := range existing {
		have[s.Name] = true
	}
	for _, p := range ps {
		if have[p.Name] {
			return fmt.Errorf("%s already holds a portfolio named %q: nothing was copied (delete or rename it there first, or copy another with --portfolio)", to, p.Name)
		}
	}
	for _, p := range ps {
		if err := dst.Create(p); err != nil {
			return fmt.Errorf("copying %q: %w", p.Name, err)
		}
		fmt.Fprintf(stdout, "copied %q (%d initiatives)\n", p.Name, len(p.Initiatives))
	}
	return nil
}

func runWatch(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	db := fs.String("db", "", "PostgreSQL database `URL` (postgres://USER@HOST:PORT/DBNAME; default $OPTIONSPACE_DB)")
	name := fs.String("portfolio", "", "portfolio `name` (default: every portfolio)")
	count := fs.Int("count", 0, "stop after this many changes (0: until interrupted)")
	setUsage(fs, stderr,
		"usage: optionspace-cli watch --db postgres://... [--portfolio NAME] [--count N]",
		"Prints one line per change (time, who, what) as other users make it. Ctrl+C stops.",
	)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	url := *db
	if url == "" {
		url = os.Getenv("OPTIONSPACE_DB")
	}
	if !pgstore.IsURL(url) {
		return fmt.Errorf("%w: watch needs a PostgreSQL database (--db postgres://...): a database file has one user at a time", errUsage)
	}
	s, err := pgstore.Open(context.Background(), url, pgstore.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer s.Close()
	if *name != "" {
		if _, err := s.Load(*name); err != nil {
			return err
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	seen := 0
	var werr error
	err = s.WatchReady(ctx, *name, func() {
		// Said once listening: every change from now on is printed.
		fmt.Fprintf(stderr, "watching %s%s (Ctrl+C stops)\n", s.URL(), map[bool]string{true: ", portfolio " + *name, false: ""}[*name != ""])
	}, func(c pgstore.Change) {
		if _, err := fmt.Fprintln(stdout, c.Describe()); err != nil {
			werr = err
			cancel()
		}
		if f, ok := stdout.(*os.File); ok {
			_ = f.Sync()
		}
		seen++
		if *count > 0 && seen >= *count {
			cancel()
		}
	}, func(err error) {
		fmt.Fprintf(stderr, "lost the connection (%v); reconnecting…\n", strings.TrimSpace(err.Error()))
	})
	if werr != nil && !errors.Is(werr, flag.ErrHelp) {
		return werr
	}
	return err
}

// pgHistory lists a PostgreSQL database's recent actions with who did each:
// undo and redo step through the user's own.
func pgHistory(url, format string, stdout io.Writer) error {
	s, err := pgstore.Open(context.Background(), url, pgstore.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer s.Close()
	acts, err := s.History("", 100)
	if err != nil {
		return err
	}
	if format == "json" {
		if acts == nil {
			acts = []pgstore.Action{}
		}
		return writeJSON(stdout, map[string]any{"user": s.User(), "actions": acts})
	}
	tw := newTable(stdout)
	fmt.Fprintln(tw, "WHEN\tWHO\tACTION\tPORTFOLIO\t")
	for _, a := range acts {
		state := ""
		if a.Undone {
			state = "(undone)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", a.At.Local().Format("2006-01-02 15:04"), a.Actor, a.Label, a.Portfolio, state)
	}
	fmt.Fprintf(tw, "(undo and redo step through %s's own actions)\t\t\t\t\n", s.User())
	return tw.Flush()
}
