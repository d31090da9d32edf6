package store

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// bbolt's meta page layout (go.etcd.io/bbolt/internal/common): a 16-byte
// page header, then magic, version, page size, flags (uint32 each), the
// root bucket (pgid, sequence), the freelist pgid, the high-water mark
// pgid, the txid and an FNV-64a checksum of the 56 bytes before it. Files
// are in the machine's byte order.
const (
	boltPageHeader = 16
	boltMagic      = 0xED0CDAED
	boltMetaSum    = 56
	boltMetaSize   = 64
)

// checkFileSize refuses a bbolt file shorter than its newest valid meta
// page says it is (a truncated copy, a full disk). Such a file must not be
// opened: bbolt maps it in memory and reading a page past its end is a
// SIGBUS that kills the process with a runtime trace, which no recover
// catches (the consistency check runs on bbolt's own goroutine). A file
// whose meta pages are both invalid is left to bbolt, which refuses it.
func checkFileSize(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return nil // bbolt reports it
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || fi.Size() == 0 {
		return nil
	}
	var newest *boltMeta
	for _, m := range readMetas(f) {
		if newest == nil || m.txid > newest.txid {
			newest = m
		}
	}
	if newest == nil {
		return nil
	}
	if need := int64(newest.pgid) * int64(newest.pageSize); need > fi.Size() {
		return fmt.Errorf("the file is truncated: it is %d bytes long, its last transaction wrote %d", fi.Size(), need)
	}
	return nil
}

type boltMeta struct {
	pageSize       uint32
	root, freelist uint64
	pgid, txid     uint64
}

// readMetas returns the valid meta pages of a bbolt file: page 0, and page
// 1 at the page size page 0 names or at the common page sizes.
func readMetas(r io.ReaderAt) []*boltMeta {
	var out []*boltMeta
	m0 := readMeta(r, 0)
	sizes := []int64{4096, 8192, 16384, 65536, int64(os.Getpagesize())}
	if m0 != nil {
		out = append(out, m0)
		sizes = []int64{int64(m0.pageSize)}
	}
	for _, ps := range sizes {
		if m1 := readMeta(r, ps); m1 != nil && int64(m1.pageSize) == ps {
			out = append(out, m1)
			break
		}
	}
	return out
}

// readMeta decodes the meta page at off, or returns nil when it is not a
// valid one.
func readMeta(r io.ReaderAt, off int64) *boltMeta {
	var buf [boltPageHeader + boltMetaSize]byte
	if _, err := r.ReadAt(buf[:], off); err != nil {
		return nil
	}
	m := buf[boltPageHeader:]
	e := binary.NativeEndian
	if e.Uint32(m[0:]) != boltMagic || e.Uint32(m[4:]) != 2 {
		return nil
	}
	h := fnv.New64a()
	h.Write(m[:boltMetaSum])
	if h.Sum64() != e.Uint64(m[boltMetaSum:]) {
		return nil
	}
	ps := e.Uint32(m[8:])
	if ps < 512 || ps > 1<<20 {
		return nil
	}
	return &boltMeta{pageSize: ps, root: e.Uint64(m[16:]), freelist: e.Uint64(m[32:]), pgid: e.Uint64(m[40:]), txid: e.Uint64(m[48:])}
}
