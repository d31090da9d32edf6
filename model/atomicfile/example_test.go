package atomicfile_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/optionspace/optionspace/model/atomicfile"
)

func ExampleWriteFile() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	p := filepath.Join(dir, "export.json")
	if err := atomicfile.WriteFile(p, []byte(`{"version":1}`), 0o644); err != nil {
		fmt.Println(err)
	}
	b, _ := os.ReadFile(p)
	fmt.Println(string(b))
	// Output: {"version":1}
}
