package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/store"
)

func runList(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	db := fs.String("db", "", dbUsage)
	format := addFormatFlag(fs, "table", "csv", "json")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := format.check(); err != nil {
		return err
	}
	st, err := openRead(dbPath(*db))
	if err != nil {
		return err
	}
	defer st.Close()
	list, err := st.List()
	if err != nil {
		return err
	}
	switch format.value {
	case "json":
		if list == nil {
			list = []store.Summary{}
		}
		return writeJSON(stdout, list)
	case "csv":
		cw := model.NewCSVWriter(stdout)
		cw.Write([]string{"name", "initiatives", "as_of", "modified"})
		for _, s := range list {
			cw.Write([]string{s.Name, strconv.Itoa(s.Initiatives), s.AsOf.String(), s.Modified.Format("2006-01-02T15:04:05Z07:00")})
		}
		cw.Flush()
		return cw.Error()
	}
	tw := newTable(stdout)
	fmt.Fprintln(tw, "NAME\tINITIATIVES\tAS OF\tMODIFIED")
	for _, s := range list {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", s.Name, s.Initiatives, s.AsOf, s.Modified.Local().Format("2006-01-02 15:04"))
	}
	return tw.Flush()
}
