package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"

	"github.com/optionspace/optionspace/model/atomicfile"
	"github.com/optionspace/optionspace/model/workbook"
)

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
	fmt.Fprintf(stderr, "wrote %s (fill in the Initiatives sheet, then: optionspace-cli import %s)\n", *out, *out)
	return nil
}
