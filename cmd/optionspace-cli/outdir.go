package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// The one rule for the folders the CLI writes into (report -o and --csv,
// chart -o, export -o, template -o): a folder that does not exist is
// created, parents too (as mkdir -p), before the command does its work, so
// a long build never ends in "the folder does not exist"; a folder that
// cannot be made (a path running through a file, no permission) fails
// first, with an error naming the flag and the folder, and nothing is
// written. The files themselves are still written atomically (atomicfile:
// a temporary file in that folder, renamed into place).

// outputFolder is a folder an output flag writes into: flag as the user
// types it ("-o", "--csv") and the folder's path.
type outputFolder struct {
	flag, dir string
}

// folderOf is the folder the output file path is written into, for flag.
func folderOf(flag, path string) outputFolder {
	return outputFolder{flag: flag, dir: filepath.Dir(path)}
}

// makeOutputFolders creates every folder of folders that does not exist
// yet (with its parents, mode 0755), in order, stopping at the first that
// cannot be made: its error names the flag and the folder, and the cause
// ("-o: cannot create the folder out/r.pdf/x: not a directory (out/r.pdf
// is a file)"). A folder "" (an unset flag) is skipped.
func makeOutputFolders(folders ...outputFolder) error {
	for _, f := range folders {
		if f.dir == "" {
			continue
		}
		if err := os.MkdirAll(f.dir, 0o755); err != nil {
			return fmt.Errorf("%s: cannot create the folder %s: %s", f.flag, f.dir, folderCause(err))
		}
	}
	return nil
}

// folderCause is the reason of os.MkdirAll's err without the "mkdir PATH:"
// prefix (the message names the folder already), and, when a part of the
// path is a file, which part.
func folderCause(err error) string {
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return err.Error()
	}
	if fi, serr := os.Stat(pe.Path); serr == nil && !fi.IsDir() {
		return fmt.Sprintf("%v (%s is a file)", pe.Err, pe.Path)
	}
	return pe.Err.Error()
}
