package chart

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var previewDir = flag.String("preview", "", "write every chart as PNG, SVG and PDF into this directory")

func TestPreviewSpace(t *testing.T) {
	if *previewDir == "" {
		t.Skip("no -preview")
	}
	pts := scrmPoints(t)
	p, err := Space(pts, SpaceOptions{Rate: testRate, Tags: []string{"community", "analytics", "action", "integration"}, ShowDrift: true, ShowTrails: true}, LightStyle())
	if err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{"png", "svg", "pdf"} {
		if err := Save(p, filepath.Join(*previewDir, "space."+ext), 1200, 800); err != nil {
			t.Fatal(err)
		}
	}
	big, _, _ := enginePoints(t, 60, 1)
	p, err = Space(big, SpaceOptions{Rate: testRate, ColorBy: ByTag, Tags: []string{"community", "analytics", "action", "integration"}}, DarkStyle())
	if err != nil {
		t.Fatal(err)
	}
	if err := Save(p, filepath.Join(*previewDir, "space60.png"), 1200, 800); err != nil {
		t.Fatal(err)
	}
	_ = os.MkdirAll(*previewDir, 0o755)
}
