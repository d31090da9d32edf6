package workbook

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// exactNumbers keeps the numbers of the streamed sheets whole.
// excelize's StreamWriter writes a float64 with 15 significant digits at
// most (what Excel displays: 0.30000000000000004 becomes 0.3), which would
// change the engine's numbers and the inputs an import reads back. Each
// streamed sheet's numbers are recorded here, in the order they are
// written; when the workbook is zipped (the File's
// ZipWriter, excelize.File.SetZipWriter) the text of each <v> element of
// that sheet's part is replaced by the next recorded number with all its
// digits (the shortest decimal that reads back as the float64, strconv's
// 'f' -1, as setFloat writes the other sheets' numbers). The sheet's
// other XML passes through as excelize wrote it: a <v> holds a number
// only (text goes in <is><t>, where "<" is escaped), and a number that
// does not match its record within excelize's rounding, or a count that
// differs, fails the write.
type exactNumbers struct {
	parts map[string]*exactPart // by the sheet's part name
}

// exactPart is the numbers of one streamed sheet, in the order written
// (an int as its float64: exact, and written the same, below 2^53).
type exactPart struct {
	name string
	nums []float64
}

func (p *exactPart) add(v float64) { p.nums = append(p.nums, v) }

// sheet returns the record of the sheet sw streams (its part is
// xl/worksheets/sheetN.xml, N its sheet ID, as excelize.File.NewSheet
// names it).
func (e *exactNumbers) sheet(sw *excelize.StreamWriter) *exactPart {
	name := fmt.Sprintf("xl/worksheets/sheet%d.xml", sw.SheetID)
	p := &exactPart{name: sw.Sheet}
	e.parts[name] = p
	return p
}

// install makes f's zip writer replace the numbers.
func (e *exactNumbers) install(f *excelize.File) {
	next := f.ZipWriter
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		return &exactZip{ZipWriter: next(w), e: e}
	})
}

// exactZip is the zip writer that patches the recorded sheets' parts.
type exactZip struct {
	excelize.ZipWriter
	e   *exactNumbers
	cur *exactWriter
}

// Create starts a part; a recorded sheet's part is written through an
// exactWriter.
func (z *exactZip) Create(name string) (io.Writer, error) {
	if err := z.end(); err != nil {
		return nil, err
	}
	w, err := z.ZipWriter.Create(name)
	if err != nil {
		return nil, err
	}
	if p, ok := z.e.parts[name]; ok {
		z.cur = &exactWriter{w: w, part: p}
		return z.cur, nil
	}
	return w, nil
}

// Close checks the last part and closes the zip.
func (z *exactZip) Close() error {
	if err := z.end(); err != nil {
		z.ZipWriter.Close()
		return err
	}
	return z.ZipWriter.Close()
}

// end checks that the part being written used every recorded number.
func (z *exactZip) end() error {
	c := z.cur
	z.cur = nil
	if c == nil {
		return nil
	}
	if c.err == nil && (c.inside || c.next != len(c.part.nums)) {
		c.err = fmt.Errorf("workbook: sheet %s: %d numbers written of %d", c.part.name, c.next, len(c.part.nums))
	}
	return c.err
}

// exactWriter copies a sheet's XML, replacing the text of each <v> with
// the next recorded number.
type exactWriter struct {
	w      io.Writer
	part   *exactPart
	next   int          // the next number to use
	match  int          // bytes of "<v>" matched so far
	inside bool         // within a <v>: its text is being replaced
	old    bytes.Buffer // the text excelize wrote there
	out    bytes.Buffer
	// scratch holds a number's digits.
	scratch [32]byte
	err     error
}

func (x *exactWriter) Write(p []byte) (int, error) {
	if x.err != nil {
		return 0, x.err
	}
	const open = "<v>"
	x.out.Reset()
	for _, c := range p {
		if x.inside {
			if c != '<' {
				x.old.WriteByte(c)
				continue
			}
			if err := x.replace(); err != nil {
				x.err = err
				return 0, err
			}
			x.inside = false
		}
		x.out.WriteByte(c)
		switch {
		case c == open[x.match]:
			x.match++
		case c == '<':
			x.match = 1
		default:
			x.match = 0
		}
		if x.match == len(open) {
			x.inside, x.match = true, 0
			x.old.Reset()
		}
	}
	if _, err := x.w.Write(x.out.Bytes()); err != nil {
		x.err = err
		return 0, err
	}
	return len(p), nil
}

// replace writes the next recorded number in place of the text excelize
// wrote, which must be that number to its 15 significant digits.
func (x *exactWriter) replace() error {
	if x.next >= len(x.part.nums) {
		return fmt.Errorf("workbook: sheet %s: more numbers than the %d written", x.part.name, len(x.part.nums))
	}
	want := x.part.nums[x.next]
	x.next++
	got, err := strconv.ParseFloat(x.old.String(), 64)
	if err != nil || math.Abs(got-want) > 1e-13*math.Abs(want) {
		return fmt.Errorf("workbook: sheet %s: number %d is %q, recorded %v", x.part.name, x.next, x.old.String(), want)
	}
	x.out.Write(strconv.AppendFloat(x.scratch[:0], want, 'f', -1, 64))
	return nil
}
