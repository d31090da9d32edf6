package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/atomicfile"
	"github.com/optionspace/optionspace/model/workbook"
)

func runExport(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	src := addSourceFlags(fs)
	format := addFormatFlagUsage(fs, "output `format`: json (the portfolio format), csv (the initiative table) or xlsx (a workbook; needs -o)", "json", "csv", "xlsx")
	out := fs.String("o", "", "write to this `file` instead of standard output (replaced only once complete; missing folders are created)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := format.check(); err != nil {
		return err
	}
	if format.value == "xlsx" && *out == "" {
		return fmt.Errorf("%w: --format xlsx needs -o FILE.xlsx", errUsage)
	}
	p, err := src.load()
	if err != nil {
		return err
	}
	write := func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		var err error
		switch format.value {
		case "csv":
			err = model.WriteCSV(bw, p)
		case "xlsx":
			err = workbook.Write(bw, p)
		default:
			err = model.WriteJSON(bw, p)
		}
		if err != nil {
			return err
		}
		return bw.Flush()
	}
	if *out == "" {
		return write(stdout)
	}
	if err := makeOutputFolders(folderOf("-o", *out)); err != nil {
		return err
	}
	if err := atomicfile.Write(*out, 0o644, write); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "wrote %s (%s, %d initiatives)\n", *out, format.value, len(p.Initiatives))
	return nil
}
