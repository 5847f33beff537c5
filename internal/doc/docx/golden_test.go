package docx

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/golden"
)

// TestGolden converts every DOCX fixture to HTML and JSON and compares both
// with the reviewed outputs.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.docx")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".docx")
		t.Run(name, func(t *testing.T) {
			d, err := ReadFile(f, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			var h bytes.Buffer
			if err := doc.WriteHTML(&h, d, doc.HTMLOptions{}); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, name+".html", h.Bytes())
			j, err := json.MarshalIndent(d, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, name+".json", append(j, '\n'))
		})
	}
}
