package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/optionspace/optionspace/model"
)

func init() {
	register(&command{name: "export", summary: "export a portfolio as JSON or its initiative table as CSV", run: runExport})
}

func runExport(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("export", stderr)
	src := addSourceFlags(fs)
	format := fs.String("format", "json", "output `format`: json (the portfolio format) or csv (the initiative table)")
	out := fs.String("o", "", "write to this `file` instead of standard output")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "json" && *format != "csv" {
		return fmt.Errorf("%w: --format %q: want json or csv", errUsage, *format)
	}
	p, err := src.load()
	if err != nil {
		return err
	}
	w := stdout
	var f *os.File
	if *out != "" {
		f, err = os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriter(w)
	if *format == "csv" {
		err = model.WriteCSV(bw, p)
	} else {
		err = model.WriteJSON(bw, p)
	}
	if err == nil {
		err = bw.Flush()
	}
	if err == nil && f != nil {
		err = f.Close()
		if err == nil {
			fmt.Fprintf(stderr, "wrote %s (%s, %d initiatives)\n", *out, *format, len(p.Initiatives))
		}
	}
	return err
}
