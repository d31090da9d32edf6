// Package atomicfile writes files so that a reader, a crash or a full disk
// never sees a half-written file: the bytes go to a temporary file in the
// same folder, which is synced, closed and renamed over the target, and the
// folder is synced so the rename itself survives a power cut. Until the
// rename the previous file (if any) is untouched.
//
// A target that is a symbolic link is written through: the file it points
// to is replaced and the link kept. A target that exists and is not a
// regular file (a device such as /dev/stdout or /dev/null, a named pipe, a
// socket) is written to directly, as a shell redirection would: renaming
// over it would replace the device with a file (as root, /dev/null). A
// folder is refused.
//
// Every file Option Space writes (exports, reports, charts, workbooks,
// backups) goes through this package.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// File is a file being written. Write to it, then call Commit to put it in
// place or Abort to throw it away. Abort after Commit does nothing, so
// `defer f.Abort()` is the usual pattern.
type File struct {
	*os.File
	target string
	perm   os.FileMode
	done   bool
	direct bool // writing to the target itself (not a regular file)
}

// Create starts writing path. The data goes to a temporary file next to it;
// path itself is only replaced by Commit. perm applies to the final file.
func Create(path string, perm os.FileMode) (*File, error) {
	target := path
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if real, err := filepath.EvalSymlinks(path); err == nil {
			target = real
		}
	}
	if fi, err := os.Stat(target); err == nil {
		switch {
		case fi.IsDir():
			return nil, fmt.Errorf("cannot write %s: it is a folder", path)
		case !fi.Mode().IsRegular():
			f, err := os.OpenFile(target, os.O_WRONLY, 0)
			if err != nil {
				return nil, fmt.Errorf("cannot write %s: %w", path, err)
			}
			return &File{File: f, target: path, perm: perm, direct: true}, nil
		}
	}
	dir := filepath.Dir(target)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, CreateError(path, err)
	}
	return &File{File: tmp, target: target, perm: perm}, nil
}

// CreateError is the error of a failed creation of the temporary file next
// to path: it names path, and the folder when that does not exist (rather
// than the temporary file's name, which the user never gave).
func CreateError(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot write %s: the folder %s does not exist", path, filepath.Dir(path))
	}
	return fmt.Errorf("cannot write %s: %w", path, err)
}

// Commit syncs the temporary file, renames it over the target and syncs the
// folder. On any error the target is left as it was and the temporary file
// is removed.
func (f *File) Commit() error {
	if f.done {
		return errors.New("atomicfile: Commit after Commit or Abort")
	}
	f.done = true
	if f.direct {
		if err := f.File.Close(); err != nil {
			return fmt.Errorf("cannot write %s: %w", f.target, err)
		}
		return nil
	}
	name := f.File.Name()
	fail := func(err error) error {
		_ = f.File.Close()
		_ = os.Remove(name)
		return fmt.Errorf("cannot write %s: %w", f.target, err)
	}
	if err := f.File.Chmod(f.perm); err != nil {
		return fail(err)
	}
	if err := f.File.Sync(); err != nil {
		return fail(err)
	}
	if err := f.File.Close(); err != nil {
		_ = os.Remove(name)
		return fmt.Errorf("cannot write %s: %w", f.target, err)
	}
	if err := os.Rename(name, f.target); err != nil {
		_ = os.Remove(name)
		return fmt.Errorf("cannot write %s: %w", f.target, err)
	}
	return SyncDir(filepath.Dir(f.target))
}

// Abort removes the temporary file and leaves the target untouched (a
// target written directly, a device or pipe, has had what was written). It
// is safe to call after Commit (it then does nothing).
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	_ = f.File.Close()
	if !f.direct {
		_ = os.Remove(f.File.Name())
	}
}

// WriteFile writes data to path atomically (see the package doc).
func WriteFile(path string, data []byte, perm os.FileMode) error {
	return Write(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Write streams into path atomically: fn writes the content; if fn returns
// an error the target is left untouched and that error is returned.
func Write(path string, perm os.FileMode, fn func(w io.Writer) error) error {
	f, err := Create(path, perm)
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := fn(f); err != nil {
		return err
	}
	return f.Commit()
}

// SyncDir fsyncs a folder so that a rename or create inside it is durable.
// File systems that cannot sync a folder (EINVAL or unsupported, as on some
// network mounts and on Windows) are not an error.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) && !errors.Is(err, errors.ErrUnsupported) {
		return err
	}
	return nil
}
