package cli

import (
	"bytes"
	"image"
	"image/png"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/docx"
)

// TestXLIFFImportDOCXCaptionPlaces translates a Word manuscript with a
// caption above its image (as Russian and Chinese practice has it), one
// below, and an image part that is text named .png: the translation keeps
// each caption where it was, and the bad part is named in a warning.
func TestXLIFFImportDOCXCaptionPlaces(t *testing.T) {
	dir := t.TempDir()
	var img bytes.Buffer
	png.Encode(&img, image.NewGray(image.Rect(0, 0, 4, 2)))
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"`
	fig := func(rid, descr string) string {
		return `<w:p><w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="457200"/><wp:docPr id="1" name="P" descr="` + descr + `"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill><a:blip r:embed="` + rid + `"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`
	}
	caption := func(s string) string {
		return `<w:p><w:pPr><w:pStyle w:val="Caption"/></w:pPr><w:r><w:t>` + s + `</w:t></w:r></w:p>`
	}
	src := filepath.Join(dir, "ru.docx")
	writeZipFile(t, src, map[string]string{
		"[Content_Types].xml": `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/_rels/document.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rSt" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
			`<Relationship Id="rA" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/a.png"/><Relationship Id="rBad" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/bad.png"/></Relationships>`,
		"word/styles.xml": `<w:styles ` + w + `><w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="ru-RU"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/></w:style></w:styles>`,
		"word/document.xml": `<w:document ` + w + `><w:body><w:p><w:r><w:t>Поставки растут.</w:t></w:r></w:p>` +
			caption("Рис. 1. Схема поставок") + fig("rA", "Схема") + `<w:p><w:r><w:t>Между рисунками.</w:t></w:r></w:p>` +
			fig("rA", "Карта") + caption("Рис. 2. Карта") + fig("rBad", "Испорченный") + `<w:p><w:r><w:t>Конец.</w:t></w:r></w:p><w:sectPr/></w:body></w:document>`,
		"word/media/a.png":   img.String(),
		"word/media/bad.png": "notapng",
	})
	code, xlf, stderr := runCLI(t, nil, "xliff", "export", "--from", "ru", "--to", "zh", src)
	if code != 0 || !strings.Contains(stderr, `image part "word/media/bad.png" not read`) {
		t.Fatalf("export: exit %d, stderr %q", code, stderr)
	}
	xl := translateFile(t, xlf, filepath.Join(dir, "zh.xlf"), han)
	out := filepath.Join(dir, "zh.docx")
	if code, _, stderr := runCLI(t, nil, "xliff", "import", "--to", "docx", "-o", out, src, xl); code != 0 {
		t.Fatalf("import: exit %d, %s", code, stderr)
	}
	places := func(d *doc.Document) string {
		var s []string
		for _, b := range d.Blocks {
			if b.Type == doc.FigureBlock && len(b.Figure.Caption) > 0 {
				s = append(s, map[bool]string{true: "above", false: "below"}[b.Figure.CaptionAbove])
			}
		}
		return strings.Join(s, " ")
	}
	orig, err := docx.ReadFile(src, docx.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := docx.ReadFile(out, docx.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if places(orig) != "above below" || places(got) != places(orig) {
		t.Errorf("captions %q in the source and %q in the translation, want above below in both", places(orig), places(got))
	}
	if len(got.Blocks) != len(orig.Blocks) {
		t.Errorf("%d blocks, want the source's %d", len(got.Blocks), len(orig.Blocks))
	}
}
