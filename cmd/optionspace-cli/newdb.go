package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/optionspace/optionspace/model/storage"
	"github.com/optionspace/optionspace/model/store"
)

// The one rule for the database a command is given (--db, copy --to):
// only import and copy, whose job it is, create a database. They make its
// missing folders too (as mkdir -p), and when they fail they remove what
// they made (the new file, the new folders), so a refused import or copy
// leaves nothing behind. Every other command on a path where there is no
// file says so (noDatabase) and creates nothing; a write command opens
// with storage.Options.BackupAtFirstWrite, so that a write it refuses
// (nothing to undo, a name that exists) leaves the file and its backups as
// they were.

// noDatabase adds to an open's error, when there is no database at path,
// how to make one.
func noDatabase(path string, err error) error {
	if errors.Is(err, store.ErrNoDatabase) {
		return fmt.Errorf("%w: make one with optionspace-cli import --db %s PORTFOLIO.json (or a .csv table, or an .xlsx workbook), or give the file of an existing one", err, path)
	}
	return err
}

// prepareNewDatabase readies the file database at path for import or
// copy: its missing folders are made (mode perm, parents too). discard,
// for when the command fails, removes the database file if it was not
// there before and holds no portfolio, then the folders made here (those
// still empty), deepest first. A PostgreSQL URL is left alone.
func prepareNewDatabase(path string, perm os.FileMode) (discard func(), err error) {
	if storage.IsPostgres(path) {
		return func() {}, nil
	}
	_, serr := os.Lstat(path)
	existed := serr == nil
	var made []string
	for dir := filepath.Dir(path); ; dir = filepath.Dir(dir) {
		if _, err := os.Lstat(dir); err == nil || dir == filepath.Dir(dir) {
			break
		}
		made = append(made, dir)
	}
	if len(made) > 0 {
		if err := os.MkdirAll(made[0], perm); err != nil {
			return nil, fmt.Errorf("--db: cannot create the folder %s: %s", made[0], folderCause(err))
		}
	}
	return func() {
		if !existed && emptyDatabase(path) {
			os.Remove(path)
		}
		for _, dir := range made {
			os.Remove(dir) // only an empty folder goes
		}
	}, nil
}

// emptyDatabase reports whether the file at path is a database without
// portfolios (one the failed command made) or not a database at all
// (a creation cut short).
func emptyDatabase(path string) bool {
	if _, err := os.Lstat(path); err != nil {
		return false
	}
	st, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		fi, serr := os.Stat(path)
		return serr == nil && fi.Size() < 4096
	}
	defer st.Close()
	list, err := st.List()
	return err == nil && len(list) == 0
}
