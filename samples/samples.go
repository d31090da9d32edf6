// Package samples embeds the sample portfolios shipped with Option Space, in
// the JSON portfolio format documented in samples/README.md.
package samples

import _ "embed"

// SCRMNorthwind is the Social CRM strategy of Northwind Appliances, a
// mid-size appliance maker: 13 initiatives over the four SCRM layers,
// spread across the six regions of the option space. The desktop app loads
// it into a new database on first run.
//
//go:embed scrm-northwind.json
var SCRMNorthwind []byte

// SCRMNorthwindFile is the sample's file name in samples/.
const SCRMNorthwindFile = "scrm-northwind.json"
