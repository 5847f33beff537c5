package markdown

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/golden"
	"github.com/tandemforum/tandem/internal/textenc"
)

// TestGolden converts every Markdown fixture to HTML, JSON and back to
// Markdown and compares them with reviewed outputs.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	if len(files) == 0 {
		t.Fatal("no fixtures in testdata")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".md")
		t.Run(name, func(t *testing.T) {
			d, err := ReadFile(f, "zh", Limits{})
			if err != nil {
				t.Fatal(err)
			}
			var h, m bytes.Buffer
			if err := doc.WriteHTML(&h, d, doc.HTMLOptions{}); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, name+".html", h.Bytes())
			if err := doc.WriteMarkdown(&m, d); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, name+".out.md", m.Bytes())
			j, _ := json.MarshalIndent(d, "", "  ")
			golden.Check(t, name+".json", append(j, '\n'))

			// Markdown written by tandem reads back as the same document.
			again, err := Read(m.Bytes(), "zh", Limits{})
			if err != nil {
				t.Fatal(err)
			}
			j2, _ := json.MarshalIndent(again, "", "  ")
			if !bytes.Equal(j, j2) {
				t.Errorf("the Markdown written for %s does not read back as the same document:\n%s", name, m.Bytes())
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	deep := strings.Repeat(">", 200) + " deep"
	for _, tc := range []struct {
		name string
		src  []byte
		want error
		msg  string
	}{
		{"latin1", []byte("caf\xe9"), textenc.ErrEncoding, "1:4: invalid UTF-8 (byte 0xe9)"},
		{"nul", []byte("a\x00b"), textenc.ErrNotText, "1:2: NUL byte"},
		{"docx", []byte("PK\x03\x04\x14\x00"), textenc.ErrNotText, "1:1: this is a ZIP package"},
		{"deep", []byte(deep), ErrTooLarge, "nested 200 deep"},
		{"big", bytes.Repeat([]byte("a"), 2000), ErrTooLarge, "2000 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(tc.src, "en", Limits{MaxSize: 1000})
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error = %v, want %v mentioning %q", err, tc.want, tc.msg)
			}
		})
	}
}

// FuzzRead checks that no Markdown input crashes the reader or the writers.
func FuzzRead(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.md")
	for _, s := range seeds {
		b, _ := os.ReadFile(s)
		f.Add(b)
	}
	f.Add([]byte("<span lang=ru><sup>x</span></sup>[^a]\n\n[^a]: [^a]"))
	f.Add([]byte("<math><mi>\xc4\xb0</mi></MATH> <img src=\"data:image/gif;base64,R0lGODlh\">\n\n<table><tr><td rowspan=2>a<a href=\"#f\" role=\"doc-noteref\">1</a></td></tr></table>\n\n<aside id=f role=doc-footnote>n</aside>\n"))
	f.Add([]byte("\xff\xfe#\x00 \x00\x14\x04>\x04\n\x00"))                                                  // UTF-16: "# До"
	f.Add([]byte("# \xc2\xe2\xe5\xe4\xe5\xed\xe8\xe5\n\n\xc4\xe2\xe5 \xe0\xea\xe0\xe4\xe5\xec\xe8\xe8.\n")) // Windows-1251
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Read(src, "en", Limits{MaxSize: 1 << 16})
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := doc.WriteHTML(&b, d, doc.HTMLOptions{}); err != nil {
			t.Fatal(err)
		}
		if err := doc.WriteMarkdown(&b, d); err != nil {
			t.Fatal(err)
		}
	})
}
