package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"

	"github.com/optionspace/optionspace/model/atomicfile"
	"github.com/optionspace/optionspace/model/workbook"
)

// runTemplate writes workbook.WriteTemplate's workbook: headers, drop-down
// lists and one example row per sheet for the client to overwrite.
func runTemplate(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	format := addFormatFlag(fs, "xlsx")
	out := fs.String("o", "", "output `file` (required; missing folders are created)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 || *out == "" {
		return fmt.Errorf("%w: optionspace-cli template --format xlsx -o template.xlsx", errUsage)
	}
	if err := format.check(); err != nil {
		return err
	}
	if err := makeOutputFolders(folderOf("-o", *out)); err != nil {
		return err
	}
	err = atomicfile.Write(*out, 0o644, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		if err := workbook.WriteTemplate(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "wrote %s: a workbook with one example row on its Initiatives and Drivers sheets to overwrite "+
		"(imported unfilled, it is a portfolio of that example); fill them in, then: optionspace-cli import --db FILE %s\n", *out, *out)
	return nil
}
