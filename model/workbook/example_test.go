package workbook_test

import (
	"bytes"
	"fmt"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/workbook"
	"github.com/optionspace/optionspace/samples"
)

// A portfolio written as a workbook reads back unchanged.
func Example() {
	p, err := model.ReadJSON(bytes.NewReader(samples.SCRMNorthwind))
	if err != nil {
		panic(err)
	}
	var xlsx bytes.Buffer
	if err := workbook.Write(&xlsx, p); err != nil {
		panic(err)
	}
	imp, err := workbook.Read(&xlsx, workbook.Options{})
	if err != nil {
		panic(err)
	}
	var a, b bytes.Buffer
	model.WriteJSON(&a, p)
	model.WriteJSON(&b, imp.Portfolio)
	fmt.Println(len(imp.Portfolio.Initiatives), "initiatives, same JSON:", bytes.Equal(a.Bytes(), b.Bytes()))
	// Output: 13 initiatives, same JSON: true
}

// WriteTemplate writes the workbook a client fills in.
func ExampleWriteTemplate() {
	var xlsx bytes.Buffer
	if err := workbook.WriteTemplate(&xlsx); err != nil {
		panic(err)
	}
	imp, err := workbook.Read(&xlsx, workbook.Options{Fallback: "Client"})
	if err != nil {
		panic(err)
	}
	fmt.Println(imp.Portfolio.Name, imp.Portfolio.Initiatives[0].Name)
	// Output: Client Launch a customer community
}
