package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/store"
)

func init() {
	register(&command{name: "list", summary: "list the portfolios in a database", run: runList})
}

func runList(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("list", stderr)
	db := fs.String("db", "", "portfolio database `file` (default: the app's own database)")
	format := fs.String("format", "table", "output `format`: table, csv or json")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "table" && *format != "csv" && *format != "json" {
		return fmt.Errorf("%w: --format %q: want table, csv or json", errUsage, *format)
	}
	path := *db
	if path == "" {
		path = store.DefaultPath()
	}
	st, err := openRead(path)
	if err != nil {
		return err
	}
	defer st.Close()
	list, err := st.List()
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		if list == nil {
			list = []store.Summary{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(list)
	case "csv":
		cw := model.NewCSVWriter(stdout)
		cw.Write([]string{"name", "initiatives", "as_of", "modified"})
		for _, s := range list {
			cw.Write([]string{s.Name, strconv.Itoa(s.Initiatives), s.AsOf.String(), s.Modified.Format("2006-01-02T15:04:05Z07:00")})
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tINITIATIVES\tAS OF\tMODIFIED")
	for _, s := range list {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", s.Name, s.Initiatives, s.AsOf, s.Modified.Local().Format("2006-01-02 15:04"))
	}
	return tw.Flush()
}
