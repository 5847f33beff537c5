package cli

import (
	"archive/zip"
	"bytes"
	"html"
	"image"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/docx"
	"github.com/tandemforum/tandem/internal/interchange"
)

// translateFile fills every target of an exported XLIFF with a stand-in
// translation in the target's script (codes kept in place) and writes it
// to name.
func translateFile(t *testing.T, xlf, name string, script func(rune) rune) string {
	t.Helper()
	x, err := interchange.ReadXLIFF(strings.NewReader(xlf), "export.xlf")
	if err != nil {
		t.Fatal(err)
	}
	for fi := range x.Files {
		for ui := range x.Files[fi].Units {
			for si := range x.Files[fi].Units[ui].Segments {
				s := &x.Files[fi].Units[ui].Segments[si]
				s.Target = nil
				for _, r := range s.Source {
					if r.Kind == interchange.Text {
						r.Text = strings.Map(func(c rune) rune {
							if unicode.IsLetter(c) {
								return script(c)
							}
							return c
						}, r.Text)
					}
					s.Target = append(s.Target, r)
				}
				s.State = interchange.Translated
			}
		}
	}
	var buf bytes.Buffer
	if err := interchange.WriteXLIFF(&buf, x); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func han(c rune) rune      { return 0x4E00 + c%2000 }
func cyrillic(c rune) rune { return 'а' + c%32 }

// TestXLIFFImportDOCX runs `tandem xliff import --to docx` on a Word
// manuscript and on a Markdown one, and checks what a translator gets back.
func TestXLIFFImportDOCX(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "manuscript-ru.docx")
	b, err := os.ReadFile("../doc/docx/testdata/manuscript-ru.docx")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(src, b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, xlf, stderr := runCLI(t, nil, "xliff", "export", "--from", "ru", "--to", "zh", src)
	if code != 0 {
		t.Fatalf("export: exit %d, %s", code, stderr)
	}
	xl := translateFile(t, xlf, filepath.Join(dir, "manuscript-zh.xlf"), han)
	out := filepath.Join(dir, "manuscript-zh.docx")
	code, stdout, stderr := runCLI(t, nil, "xliff", "import", "--to", "docx", "-o", out, src, xl)
	if code != 0 || stdout != "" {
		t.Fatalf("import: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	orig, err := docx.ReadFile(src, docx.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := docx.ReadFile(out, docx.Limits{})
	if err != nil {
		t.Fatalf("the written file does not read back: %v", err)
	}
	if !strings.HasPrefix(got.Lang, "zh") {
		t.Errorf("document language %q, want Chinese", got.Lang)
	}
	// The package names tandem and this build's version as the program
	// that wrote it.
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	props, err := fs.ReadFile(zr, "docProps/app.xml")
	if want := "<Application>tandem " + html.EscapeString(toolVersion()) + "</Application>"; err != nil || !strings.Contains(string(props), want) {
		t.Errorf("docProps/app.xml lacks %s (%v):\n%s", want, err, props)
	}
	if len(got.Blocks) != len(orig.Blocks) || len(got.Notes) != len(orig.Notes) {
		t.Errorf("%d blocks and %d notes, want the original's %d and %d", len(got.Blocks), len(got.Notes), len(orig.Blocks), len(orig.Notes))
	}
	want := strings.Map(func(c rune) rune {
		if unicode.IsLetter(c) {
			return han(c)
		}
		return c
	}, doc.PlainText(orig.Blocks[0].Inlines))
	if h := doc.PlainText(got.Blocks[0].Inlines); got.Blocks[0].Type != doc.Heading || h != want {
		t.Errorf("first block %s %q, want the heading %q", got.Blocks[0].Type, h, want)
	}
	// The same to standard output: the same bytes.
	code, stdout, _ = runCLI(t, nil, "xliff", "import", "--to", "docx", src, xl)
	if written, _ := os.ReadFile(out); code != 0 || stdout != string(written) {
		t.Errorf("to standard output: exit %d, %d bytes, want the %d bytes of -o", code, len(stdout), len(written))
	}

	// A Markdown manuscript has no package: tandem's own styles, its
	// images read from beside it.
	var img bytes.Buffer
	png.Encode(&img, image.NewGray(image.Rect(0, 0, 8, 8)))
	os.WriteFile(filepath.Join(dir, "chart.png"), img.Bytes(), 0o644)
	md := writeLangFile(t, dir, "essay.md", "# 论坛开幕\n\n中俄贸易额达到**2401亿美元**。\n\n![图表](chart.png \"图一\")\n\n![缺图](missing.png \"图二\")\n")
	code, xlf, stderr = runCLI(t, nil, "xliff", "export", "--from", "zh", "--to", "ru", md)
	if code != 0 {
		t.Fatalf("export: exit %d, %s", code, stderr)
	}
	xl = translateFile(t, xlf, filepath.Join(dir, "essay-ru.xlf"), cyrillic)
	out = filepath.Join(dir, "essay-ru.docx")
	code, _, stderr = runCLI(t, nil, "xliff", "import", "--to", "docx", "-o", out, md, xl)
	if code != 0 || !strings.Contains(stderr, "1 image not found") || !strings.Contains(stderr, "missing.png") {
		t.Fatalf("import of Markdown: exit %d, stderr %q", code, stderr)
	}
	got, err = docx.ReadFile(out, docx.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	// The figure whose image is missing keeps its caption as a paragraph.
	if len(got.Blocks) != 4 || got.Blocks[0].Type != doc.Heading || got.Blocks[2].Type != doc.FigureBlock ||
		got.Blocks[3].Type != doc.Paragraph || len(got.Media) != 1 || !strings.HasPrefix(got.Lang, "ru") {
		t.Errorf("Markdown written as DOCX reads back as %d blocks, %d images, language %q", len(got.Blocks), len(got.Media), got.Lang)
	}

	// A Strict Open XML manuscript is read, but its package cannot be
	// taken over: the translation gets tandem's own styles, with a word.
	strict := filepath.Join(dir, "strict.docx")
	writeZipFile(t, strict, map[string]string{
		"[Content_Types].xml": `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
		"_rels/.rels":         `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml":   `<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body><w:p><w:r><w:t>Строгий формат.</w:t></w:r></w:p></w:body></w:document>`,
	})
	code, xlf, stderr = runCLI(t, nil, "xliff", "export", "--from", "ru", "--to", "zh", strict)
	if code != 0 {
		t.Fatalf("export of Strict Open XML: exit %d, %s", code, stderr)
	}
	xl = translateFile(t, xlf, filepath.Join(dir, "strict.xlf"), han)
	out = filepath.Join(dir, "strict-zh.docx")
	code, _, stderr = runCLI(t, nil, "xliff", "import", "--to", "docx", "-o", out, strict, xl)
	if code != 0 || !strings.Contains(stderr, "Strict Open XML") || !strings.Contains(stderr, "tandem's own styles") {
		t.Fatalf("import over Strict Open XML: exit %d, stderr %q", code, stderr)
	}
	if got, err = docx.ReadFile(out, docx.Limits{}); err != nil || len(got.Blocks) != 1 || !strings.HasPrefix(got.Lang, "zh") {
		t.Errorf("Strict Open XML translated: %v, %+v", err, got)
	}

	// An output that cannot be written: one line, exit 1, nothing left.
	bad := filepath.Join(dir, "no-such-folder", "out.docx")
	code, _, stderr = runCLI(t, nil, "xliff", "import", "--to", "docx", "-o", bad, src, filepath.Join(dir, "manuscript-zh.xlf"))
	if code != 1 || stderr != "tandem xliff: cannot write "+bad+": no such file or directory\n" {
		t.Errorf("unwritable output: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runCLI(t, nil, "xliff", "import", "--to", "odt", src, filepath.Join(dir, "manuscript-zh.xlf"))
	if code != 2 || !strings.Contains(stderr, "want html, markdown or docx") {
		t.Errorf("unknown format: exit %d, stderr %q", code, stderr)
	}
}

func writeZipFile(t *testing.T, name string, parts map[string]string) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for n, content := range parts {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestXLIFFImportAsConvert checks that import writes HTML and Markdown as
// doc convert does: the translated document's title on the page, its
// images embedded or written with --media, never a link to a file that is
// not there.
func TestXLIFFImportAsConvert(t *testing.T) {
	dir := t.TempDir()
	md := writeLangFile(t, dir, "fm.md", "---\ntitle: 论坛文集\nlang: zh\n---\n\n# 论坛开幕\n\n中俄贸易额达到**2401亿美元**。\n")
	code, xlf, stderr := runCLI(t, nil, "xliff", "export", "--from", "zh", "--to", "ru", md)
	if code != 0 {
		t.Fatalf("export: exit %d, %s", code, stderr)
	}
	xl := translateFile(t, xlf, filepath.Join(dir, "fm-ru.xlf"), cyrillic)
	title := strings.Map(cyrillic, "论坛文集")
	code, out, stderr := runCLI(t, nil, "xliff", "import", md, xl)
	if code != 0 || !strings.Contains(out, "<title>"+title+"</title>") {
		t.Errorf("HTML title: exit %d, stderr %q, want <title>%s</title> in\n%s", code, stderr, title, out)
	}
	code, out, _ = runCLI(t, nil, "xliff", "import", "--to", "markdown", md, xl)
	if code != 0 || !strings.Contains(out, "title: "+title+"\n") {
		t.Errorf("Markdown title: exit %d, want title: %s in\n%s", code, title, out)
	}

	src := filepath.Join(dir, "manuscript-ru.docx")
	b, err := os.ReadFile("../doc/docx/testdata/manuscript-ru.docx")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(src, b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, xlf, stderr = runCLI(t, nil, "xliff", "export", "--from", "ru", "--to", "zh", src)
	if code != 0 {
		t.Fatalf("export: exit %d, %s", code, stderr)
	}
	xl = translateFile(t, xlf, filepath.Join(dir, "manuscript-zh.xlf"), han)
	d, err := docx.ReadFile(src, docx.Limits{})
	if err != nil || len(d.Media) != 1 {
		t.Fatalf("the fixture has %d images (%v), want one", len(d.Media), err)
	}
	img := d.Media[0].Name
	for _, format := range []string{"html", "markdown"} {
		code, out, stderr := runCLI(t, nil, "xliff", "import", "--to", format, src, xl)
		if code != 0 || !strings.Contains(out, "data:image/png;base64,") || strings.Contains(out, "media/"+img) {
			t.Errorf("%s: exit %d, stderr %q: the image is not embedded:\n%s", format, code, stderr, out)
		}
		media := filepath.Join(dir, "img-"+format)
		code, out, stderr = runCLI(t, nil, "xliff", "import", "--to", format, "--media", media, src, xl)
		if _, err := os.Stat(filepath.Join(media, img)); code != 0 || err != nil || !strings.Contains(out, filepath.ToSlash(media)+"/"+img) {
			t.Errorf("%s --media: exit %d, stderr %q, image written: %v; output:\n%s", format, code, stderr, err, out)
		}
	}
	if code, _, stderr := runCLI(t, nil, "xliff", "import", "--to", "docx", "--media", dir, "-o", filepath.Join(dir, "x.docx"), src, xl); code != 2 || !strings.Contains(stderr, "--media is for html and markdown") {
		t.Errorf("--media with docx: exit %d, stderr %q", code, stderr)
	}
}
