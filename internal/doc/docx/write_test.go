package docx

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/markdown"
	"github.com/tandemforum/tandem/internal/golden"
	"github.com/tandemforum/tandem/internal/shareddata"
)

// testPNG returns a small image of the given size.
func testPNG(t testing.TB, w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 0xC0
	}
	img.Set(0, 0, color.RGBA{R: 0xFF, A: 0xFF})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// writerBody is a Russian manuscript as Word writes it, with what the
// writer must carry that the other fixtures lack: bookmarks and a link to
// one, formulas in the text and on their own, a note with its own mark, an
// endnote, every run mark, a language span, an inline image, a figure with
// a caption, a nested Chinese-numbered list and a section break.
const writerBody = `
<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:bookmarkStart w:id="0" w:name="_Toc1"/><w:r><w:t>Введение</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>
<w:p><w:r><w:t xml:space="preserve">См. </w:t></w:r><w:hyperlink w:anchor="_Toc1"><w:r><w:t>введение</w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve"> и формулу </w:t></w:r><m:oMath><m:sSup><m:e><m:r><m:t>x</m:t></m:r></m:e><m:sup><m:r><m:t>2</m:t></m:r></m:sup></m:sSup></m:oMath><w:r><w:t>.</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r><w:r><w:t xml:space="preserve"> Звёздочка</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:customMarkFollows="1" w:id="3"/><w:t>*</w:t></w:r><w:r><w:t xml:space="preserve"> и концевая</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:endnoteReference w:id="2"/></w:r><w:r><w:t>.</w:t></w:r></w:p>
<w:p><m:oMathPara><m:oMath><m:f><m:num><m:r><m:t>a+1</m:t></m:r></m:num><m:den><m:r><m:t>b</m:t></m:r></m:den></m:f><m:r><m:t>=</m:t></m:r><m:rad><m:radPr><m:degHide m:val="1"/></m:radPr><m:deg/><m:e><m:r><m:t>c</m:t></m:r></m:e></m:rad></m:oMath></m:oMathPara></w:p>
<w:p><w:r><w:rPr><w:smallCaps/></w:rPr><w:t>Капитель</w:t></w:r><w:r><w:t xml:space="preserve">, </w:t></w:r><w:r><w:rPr><w:strike/></w:rPr><w:t>зачёркнуто</w:t></w:r><w:r><w:t xml:space="preserve">, H</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="subscript"/></w:rPr><w:t>2</w:t></w:r><w:r><w:t>O, м</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>2</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">и </w:t></w:r><w:r><w:rPr><w:b/><w:i/><w:u w:val="single"/></w:rPr><w:t>всё сразу</w:t></w:r><w:r><w:br/><w:t xml:space="preserve">Китайское название: </w:t></w:r><w:r><w:rPr><w:lang w:eastAsia="zh-CN"/></w:rPr><w:t>睦邻友好合作条约</w:t></w:r><w:r><w:t xml:space="preserve">, внешняя </w:t></w:r><w:hyperlink r:id="rLink"><w:r><w:t>ссылка</w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve"> и значок </w:t></w:r><w:r><w:drawing><wp:inline><wp:extent cx="190500" cy="190500"/><wp:docPr id="1" name="Icon" descr="значок"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill><a:blip r:embed="rIcon"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r><w:r><w:t>.</w:t></w:r></w:p>
<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing><wp:inline><wp:extent cx="2857500" cy="1905000"/><wp:docPr id="2" name="Map" descr="Карта"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill><a:blip r:embed="rMap"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Podpis"/></w:pPr><w:r><w:t>Рисунок 1. Карта</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Первый пункт</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Вложенный</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Второй пункт</w:t></w:r></w:p>
<w:p><w:pPr><w:spacing w:after="480"/><w:ind w:firstLine="567"/><w:jc w:val="both"/><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:pPr><w:r><w:t>Конец первого раздела.</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Tsitata"/></w:pPr><w:r><w:t>Цитата во втором разделе.</w:t></w:r></w:p>
`

// writerParts returns the package of writerBody: the handmade
// package's parts with endnotes, a caption style, two images and a note
// with its own mark, and a landscape last section.
func writerParts(t testing.TB) map[string]string {
	parts := pkgParts(writerBody)
	parts["word/document.xml"] = strings.Replace(parts["word/document.xml"], `<w:document `+wns, `<w:document `+wns+` xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"`, 1)
	parts["word/document.xml"] = strings.Replace(parts["word/document.xml"], `<w:sectPr/>`, `<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>`, 1)
	parts["word/styles.xml"] = strings.Replace(parts["word/styles.xml"], `<w:lang w:val="en-US"`, `<w:lang w:val="ru-RU"`, 1)
	parts["word/styles.xml"] = strings.Replace(parts["word/styles.xml"], `</w:styles>`, `<w:style w:type="paragraph" w:styleId="Podpis"><w:name w:val="caption"/><w:basedOn w:val="a"/><w:rPr><w:i/></w:rPr></w:style></w:styles>`, 1)
	parts["word/_rels/document.xml.rels"] = strings.Replace(parts["word/_rels/document.xml.rels"], `</Relationships>`,
		`<Relationship Id="rEn" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/>`+
			`<Relationship Id="rIcon" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/icon.png"/>`+
			`<Relationship Id="rMap" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/map.png"/></Relationships>`, 1)
	parts["word/footnotes.xml"] = strings.Replace(parts["word/footnotes.xml"], `</w:footnotes>`,
		`<w:footnote w:id="3"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>*</w:t></w:r><w:r><w:t xml:space="preserve"> Сноска со своим знаком.</w:t></w:r></w:p></w:footnote></w:footnotes>`, 1)
	parts["word/endnotes.xml"] = `<?xml version="1.0" encoding="UTF-8"?><w:endnotes ` + wns + `><w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote><w:endnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:endnote>` +
		`<w:endnote w:id="2"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> Концевая сноска.</w:t></w:r></w:p></w:endnote></w:endnotes>`
	parts["[Content_Types].xml"] = strings.Replace(parts["[Content_Types].xml"], `</Types>`, `<Default Extension="png" ContentType="image/png"/></Types>`, 1)
	parts["word/media/icon.png"] = string(testPNG(t, 2, 2))
	parts["word/media/map.png"] = string(testPNG(t, 30, 20))
	return parts
}

// templates are the sources the writer is tested over: LibreOffice's
// fixtures and handmade Word packages.
func templates(t *testing.T) map[string][]byte {
	out := map[string][]byte{
		"handmade": zipParts(t, pkgParts(handmadeBody)),
		"features": zipParts(t, writerParts(t)),
		// Headers, footers, text boxes, highlighting, linked images.
		"furniture": zipParts(t, furnitureParts(t)),
		// Words set apart by a highlight, a colour, a character style.
		"looks": zipParts(t, lookParts(t)),
		// A caption above its image and one below.
		"captions": zipParts(t, captionDocx(t)),
		// Code in two paragraph and two character styles.
		"code": zipParts(t, codeParts(t)),
	}
	// The reader's manuscript of what it once flattened (features_test.go).
	parts := pkgParts(featuresBody)
	parts["word/numbering.xml"] = strings.Replace(parts["word/numbering.xml"], "</w:numbering>",
		`<w:abstractNum w:abstractNumId="9"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Статья %1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl></w:abstractNum><w:num w:numId="9"><w:abstractNumId w:val="9"/></w:num></w:numbering>`, 1)
	parts["word/footnotes.xml"] = strings.Replace(parts["word/footnotes.xml"], "</w:footnotes>",
		`<w:footnote w:id="3"><w:p><w:r><w:t>*</w:t></w:r><w:r><w:t xml:space="preserve"> Доклад на форуме.</w:t></w:r></w:p></w:footnote></w:footnotes>`, 1)
	out["reader-features"] = zipParts(t, parts)
	// Bodies embedded as HTML or MHT (w:altChunk): the writer writes their
	// content as Word paragraphs and leaves the embedded part out.
	for _, c := range []struct{ name, file, part, ctype string }{
		{"altchunk-html", "chunk-ru.html", "afchunk.htm", "text/html"},
		{"altchunk-mht", "chunk-ru.mht", "afchunk.mht", "message/rfc822"},
	} {
		data, err := os.ReadFile("../htmldoc/testdata/" + c.file)
		if err != nil {
			t.Fatal(err)
		}
		out[c.name] = zipParts(t, chunkParts(t, c.part, c.ctype, data))
	}
	files, _ := filepath.Glob("testdata/*.docx")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[strings.TrimSuffix(filepath.Base(f), ".docx")] = b
	}
	return out
}

// modelJSON returns the JSON form of carried(d).
func modelJSON(t testing.TB, d *doc.Document) string {
	out, err := json.MarshalIndent(carried(t, d), "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// carried returns a copy of d as a written package can carry it: without
// comments (left out), images that have no source (nothing to show),
// empty text and marks around nothing (the reader leaves them where it
// takes a note's mark or space away) and paragraphs left empty, with
// language tags in the form Word gives them ("ru" → "ru-RU").
func carried(t testing.TB, d *doc.Document) *doc.Document {
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var c doc.Document
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	c.Comments = nil
	c.Lang = wordLang(c.Lang)
	var clean func(ins []doc.Inline) []doc.Inline
	clean = func(ins []doc.Inline) []doc.Inline {
		out := ins[:0]
		for _, in := range ins {
			if in.Type == doc.Image && in.Src == "" {
				continue
			}
			if in.Lang != "" {
				in.Lang = wordLang(in.Lang)
			}
			in.Content = clean(in.Content)
			if (in.Type == doc.Text && in.Text == "") || (in.Type.IsMark() && len(in.Content) == 0) {
				continue
			}
			out = append(out, in)
		}
		return doc.MergeText(out)
	}
	c.Walk(func(b *doc.Block) {
		if b.Lang != "" {
			b.Lang = wordLang(b.Lang)
		}
		b.Inlines = clean(b.Inlines)
		if b.Figure != nil {
			b.Figure.Caption = clean(b.Figure.Caption)
		}
	})
	// A paragraph left empty is not written.
	var keep func(bs []doc.Block) []doc.Block
	keep = func(bs []doc.Block) []doc.Block {
		out := bs[:0]
		for _, b := range bs {
			if (b.Type == doc.Paragraph || b.Type == doc.Heading) && len(b.Inlines) == 0 {
				continue
			}
			b.Blocks = keep(b.Blocks)
			if b.List != nil {
				for i := range b.List.Items {
					b.List.Items[i].Blocks = keep(b.List.Items[i].Blocks)
				}
			}
			if b.Table != nil {
				for _, r := range b.Table.Rows {
					for i := range r.Cells {
						r.Cells[i].Blocks = keep(r.Cells[i].Blocks)
					}
				}
			}
			out = append(out, b)
		}
		return out
	}
	c.Blocks = keep(c.Blocks)
	doc.AssignIDs(&c)
	return &c
}

// withCodeStyles returns a copy of d whose code blocks and code inlines
// without a style name have block and inline.
func withCodeStyles(d *doc.Document, block, inline string) *doc.Document {
	b, _ := json.Marshal(d)
	var c doc.Document
	if err := json.Unmarshal(b, &c); err != nil {
		panic(err)
	}
	c.Walk(func(b *doc.Block) {
		if b.Code != nil && b.Code.Style == "" {
			b.Code.Style = block
		}
		fill := func(ins []doc.Inline) {
			doc.WalkInlines(ins, func(in *doc.Inline) {
				if in.Type == doc.Code && in.Style == nil {
					in.Style = &doc.Style{Name: inline}
				}
			})
		}
		fill(b.Inlines)
		if b.Figure != nil {
			fill(b.Figure.Caption)
		}
	})
	return &c
}

// plainCarried is carried(d) as a package without a template carries it:
// without figures whose image the package lacks (an empty paragraph keeps
// their place).
func plainCarried(t testing.TB, d *doc.Document) *doc.Document {
	return withoutEmptyFigures(carried(t, d))
}

// withoutEmptyFigures returns d without figures that have no image and no
// caption: without a template, they are written as an empty paragraph.
func withoutEmptyFigures(d *doc.Document) *doc.Document {
	var keep func(bs []doc.Block) []doc.Block
	keep = func(bs []doc.Block) []doc.Block {
		out := bs[:0]
		for _, b := range bs {
			if b.Type == doc.FigureBlock && b.Figure != nil && b.Figure.Src == "" && len(b.Figure.Caption) == 0 {
				continue
			}
			b.Blocks = keep(b.Blocks)
			if b.List != nil {
				for i := range b.List.Items {
					b.List.Items[i].Blocks = keep(b.List.Items[i].Blocks)
				}
			}
			if b.Table != nil {
				for _, r := range b.Table.Rows {
					for i := range r.Cells {
						r.Cells[i].Blocks = keep(r.Cells[i].Blocks)
					}
				}
			}
			out = append(out, b)
		}
		return out
	}
	d.Blocks = keep(d.Blocks)
	return d
}

func write(t testing.TB, d *doc.Document, opt WriteOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	rep, err := Write(&buf, d, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.MissingImages)+len(rep.DroppedLinks) > 0 {
		t.Logf("report: %+v", rep)
	}
	return buf.Bytes()
}

// overOriginal writes d over the DOCX package src, as xliff import --to
// docx writes a translation over its original, and returns the package.
func overOriginal(t testing.TB, src []byte, d *doc.Document) []byte {
	t.Helper()
	tmpl, err := OpenTemplate(src, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return write(t, d, WriteOptions{Template: tmpl})
}

// TestWriteOverOriginal writes every source over itself and reads the
// result back: the reader must find the same document, comments aside
// (they are left out).
func TestWriteOverOriginal(t *testing.T) {
	for name, src := range templates(t) {
		t.Run(name, func(t *testing.T) {
			d, err := readBytes(t, src)
			if err != nil {
				t.Fatal(err)
			}
			tmpl, err := OpenTemplate(src, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			out := write(t, d, WriteOptions{Template: tmpl})
			parts := checkPackage(t, out)
			back, err := readBytes(t, out)
			if err != nil {
				t.Fatal(err)
			}
			// Code the source names no style for (an altChunk's HTML)
			// is written in Word's styles for code, which these
			// templates lack, and read back in them.
			if got, want := modelJSON(t, back), modelJSON(t, withCodeStyles(d, "HTML Preformatted", "HTML Code")); got != want {
				t.Errorf("read back differs from the source\n--- got:\n%s\n--- want:\n%s", got, want)
			}
			if again := write(t, d, WriteOptions{Template: tmpl}); !bytes.Equal(again, out) {
				t.Error("writing the same document twice gives different bytes")
			}
			if _, ok := parts["word/comments.xml"]; ok {
				t.Error("comments.xml is still in the package")
			}
		})
	}
}

// TestWriteKeepsTemplate checks what the written package takes over from
// its template: paragraph properties, numbering definitions by numId,
// section properties, styles, images and their size.
func TestWriteKeepsTemplate(t *testing.T) {
	src := zipParts(t, writerParts(t))
	d, err := readBytes(t, src)
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := OpenTemplate(src, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	parts := checkPackage(t, write(t, d, WriteOptions{Template: tmpl}))
	body := string(parts["word/document.xml"])
	for _, want := range []string{
		`<w:pPr><w:spacing w:after="480"/><w:ind w:firstLine="567"/><w:jc w:val="both"/><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"`,
		`<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>`,
		`<w:pPr><w:pStyle w:val="1"/></w:pPr><w:bookmarkStart w:id="1" w:name="_Toc1"/><w:bookmarkEnd w:id="1"/>`,
		`<w:hyperlink w:anchor="_Toc1" w:history="1">`,
		`<wp:extent cx="2857500" cy="1905000"/>`,
		`<m:oMathPara><m:oMath><m:f><m:num><m:r><m:t>a+1</m:t></m:r></m:num>`,
		`<w:footnoteReference w:customMarkFollows="1" w:id="2"/><w:t xml:space="preserve">*</w:t>`,
		`<w:pStyle w:val="Podpis"/></w:pPr><w:r><w:t xml:space="preserve">Рисунок 1. Карта</w:t>`,
		`<w:rPr><w:lang w:eastAsia="zh-CN"/></w:rPr><w:t xml:space="preserve">睦邻友好合作条约</w:t>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	if got, want := strings.Join(numIDs(t, parts), " "), "1 1 1"; got != want {
		t.Errorf("list paragraphs use numIds %s, want the template's %s", got, want)
	}
	if !strings.Contains(string(parts["word/numbering.xml"]), `<w:lvlText w:val="%1、"/>`) {
		t.Error("numbering.xml lost the template's definitions")
	}
	if _, ok := parts["word/media/map.png"]; !ok {
		t.Error("the template's image part is not reused")
	}
	for name := range parts {
		if strings.HasPrefix(name, "word/media/") && name != "word/media/map.png" && name != "word/media/icon.png" {
			t.Errorf("an image was copied again as %s", name)
		}
	}
}

// TestWriteMarkdown writes a Markdown manuscript, which has no package of
// its own, with tandem's styles: the reader finds the same document.
func TestWriteMarkdown(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "chart.png"), testPNG(t, 40, 20), 0o644); err != nil {
		t.Fatal(err)
	}
	src := "# Введение\n\nТекст со *сноской*[^1], **жирным**, ~~зачёркнутым~~, <sup>верхним</sup>, <span lang=\"zh\">中文</span>" +
		" и [ссылкой](https://example.org).\n\n## Список\n\n3. три\n4. четыре\n   - вложенный\n\n> Цитата.\n\n" +
		"| Год | Событие |\n|---|---|\n| 2001 | Договор |\n\n![Диаграмма](chart.png \"Рисунок 1\")\n\n![Нет файла](missing.png \"Рисунок 2\")\n\n[^1]: Сноска.\n"
	d, err := markdown.Read([]byte(src), "ru", markdown.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	rep, err := Write(&buf, d, WriteOptions{Media: func(src string) ([]byte, error) {
		return os.ReadFile(filepath.Join(dir, src))
	}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rep.MissingImages, ",") != "missing.png" {
		t.Errorf("missing images %v, want [missing.png]", rep.MissingImages)
	}
	parts := checkPackage(t, buf.Bytes())
	back, err := readBytes(t, buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	// The figure whose image is missing keeps its caption as a paragraph.
	want := shape(d)
	want = strings.Replace(want, "figure image=true captionAbove=false\nfigure image=true captionAbove=false\n", "figure image=true captionAbove=false\nparagraph\n", 1)
	if got := shape(back); got != want {
		t.Errorf("structure read back:\n%s\nwant:\n%s", got, want)
	}
	sameTexts(t, "read back", texts(back), texts(d))
	if back.Lang != "ru-RU" {
		t.Errorf("document language %q, want ru-RU", back.Lang)
	}
	golden.Check(t, "write-markdown-document.xml", parts["word/document.xml"])
	golden.Check(t, "write-markdown-styles.xml", parts["word/styles.xml"])
}

// TestWriteRefusesStrict checks that a Strict Open XML file, which the
// writer cannot take over, is refused with a clear error.
func TestWriteRefusesStrict(t *testing.T) {
	parts := pkgParts(`<w:p><w:r><w:t>x</w:t></w:r></w:p>`)
	parts["word/document.xml"] = strings.ReplaceAll(parts["word/document.xml"], nsW, nsWStrict)
	_, err := OpenTemplate(zipParts(t, parts), Limits{})
	if !errors.Is(err, ErrNotDOCX) || !strings.Contains(err.Error(), "Strict Open XML") {
		t.Errorf("error = %v, want a refusal naming Strict Open XML", err)
	}
}

// TestWriteNamesAndLinks checks bookmark names Word accepts, links to
// blocks and to missing targets, and unsafe links.
func TestWriteNamesAndLinks(t *testing.T) {
	for _, tc := range []struct{ id, want string }{
		{"_Toc123", "_Toc123"}, {"intro", "intro"}, {"2-method", "a2_method"},
		{"раздел 1", "раздел_1"}, {strings.Repeat("x", 50), strings.Repeat("x", 40)},
	} {
		if got := bookmarkName(tc.id, map[string]bool{}); got != tc.want {
			t.Errorf("bookmarkName(%q) = %q, want %q", tc.id, got, tc.want)
		}
	}
	used := map[string]bool{}
	a, b := bookmarkName("a-b", used), bookmarkName("a_b", used)
	if a == b {
		t.Errorf("two ids got the same bookmark %q", a)
	}
	d := &doc.Document{Version: 1, Lang: "en", Blocks: []doc.Block{
		{ID: "h-target", Type: doc.Heading, Level: 2, Inlines: []doc.Inline{{Type: doc.Text, Text: "Method"}}},
		{ID: "p-1", Type: doc.Paragraph, Inlines: []doc.Inline{
			{Type: doc.Link, Href: "#h-target", Content: []doc.Inline{{Type: doc.Text, Text: "to the heading"}}},
			{Type: doc.Text, Text: ", "},
			{Type: doc.Link, Href: "#nowhere", Content: []doc.Inline{{Type: doc.Text, Text: "to nothing"}}},
			{Type: doc.Text, Text: ", "},
			{Type: doc.Link, Href: "javascript:alert(1)", Content: []doc.Inline{{Type: doc.Text, Text: "unsafe"}}},
		}},
	}}
	var buf bytes.Buffer
	rep, err := Write(&buf, d, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	parts := checkPackage(t, buf.Bytes())
	body := string(parts["word/document.xml"])
	if !strings.Contains(body, `<w:bookmarkStart w:id="1" w:name="h_target"/>`) || !strings.Contains(body, `<w:hyperlink w:anchor="h_target"`) {
		t.Errorf("the link to a heading has no bookmark to go to:\n%s", body)
	}
	if strings.Contains(body, "javascript") || strings.Contains(string(parts["word/_rels/document.xml.rels"]), "javascript") {
		t.Error("an unsafe link was written")
	}
	if strings.Join(rep.DroppedLinks, ",") != "#nowhere" {
		t.Errorf("dropped links %v, want [#nowhere]", rep.DroppedLinks)
	}
	back, err := readBytes(t, buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	sameTexts(t, "read back", texts(back), texts(d))
}

// TestWriteTableMerges checks merged cells across rows and columns on the
// grid, including a cell covered from above at the end of a row.
func TestWriteTableMerges(t *testing.T) {
	cell := func(s string, cs, rs int) doc.Cell {
		return doc.Cell{ColSpan: cs, RowSpan: rs, Blocks: []doc.Block{{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: s}}}}}
	}
	tbl := &doc.Table{Rows: []doc.Row{
		{Header: true, Cells: []doc.Cell{cell("A", 2, 0), cell("B", 0, 0), cell("C", 0, 3)}},
		{Cells: []doc.Cell{cell("D", 0, 2), cell("E", 0, 0), cell("F", 0, 0)}},
		{Cells: []doc.Cell{cell("G", 0, 0), cell("H", 0, 0)}},
		{Cells: []doc.Cell{cell("I", 4, 0)}},
	}}
	d := &doc.Document{Version: 1, Lang: "en", Blocks: []doc.Block{{Type: doc.TableBlock, Table: tbl}}}
	out := write(t, d, WriteOptions{})
	checkPackage(t, out)
	back, err := readBytes(t, out)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := shape(back), shape(d); got != want {
		t.Errorf("table read back:\n%s\nwant:\n%s", got, want)
	}
	sameTexts(t, "table", texts(back), texts(d))
}

// TestWriteZip checks that an archive that is no DOCX is refused as a
// template with the reader's error.
func TestWriteNotATemplate(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("hello.txt")
	w.Write([]byte("hi"))
	zw.Close()
	if _, err := OpenTemplate(buf.Bytes(), Limits{}); !errors.Is(err, ErrNotDOCX) {
		t.Errorf("error = %v, want ErrNotDOCX", err)
	}
}

// TestWriteWithoutTemplate writes every source's document with tandem's
// own package: headings keep their numbers and lists their labels,
// formats and starts through numbering definitions of their own.
func TestWriteWithoutTemplate(t *testing.T) {
	for name, src := range templates(t) {
		t.Run(name, func(t *testing.T) {
			d, err := readBytes(t, src)
			if err != nil {
				t.Fatal(err)
			}
			out := write(t, d, WriteOptions{})
			checkPackage(t, out)
			back, err := readBytes(t, out)
			if err != nil {
				t.Fatal(err)
			}
			d = plainCarried(t, d)
			if got, want := shape(back), shape(d); got != want {
				t.Errorf("structure read back:\n%s\nwant:\n%s", got, want)
			}
			sameTexts(t, "read back", texts(back), texts(d))
		})
	}
}

// TestWriteListLabels writes lists whose labels are more than their
// style's numbers without a template: one pattern where it gives every
// label, the label itself where not; and headings with numbers.
func TestWriteListLabels(t *testing.T) {
	d := labelledDocument()
	out := write(t, d, WriteOptions{})
	parts := checkPackage(t, out)
	back, err := readBytes(t, out)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := shape(back), shape(d); got != want {
		t.Errorf("read back:\n%s\nwant:\n%s", got, want)
	}
	numbering := string(parts["word/numbering.xml"])
	for _, want := range []string{`<w:lvlText w:val="Статья %1."/>`, `<w:lvlText w:val="(%1)"/>`, `<w:numFmt w:val="none"/><w:lvlText w:val="✓"/>`, `<w:lvlText w:val="①"/>`, `w:format="α, β, γ, ..."`} {
		if !strings.Contains(numbering, want) {
			t.Errorf("numbering.xml lacks %s", want)
		}
	}
}

// TestWriteSharedFiles writes real Word files from others' repositories
// (../shared/data/bug-hunt) over themselves, without a template and as a
// translation.
func TestWriteSharedFiles(t *testing.T) {
	for _, name := range []string{"poi-Numbering.docx", "markitdown-equations.docx"} {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(shareddata.Path(t, "bug-hunt/"+name))
			if err != nil {
				t.Fatal(err)
			}
			d, err := readBytes(t, src)
			if err != nil {
				t.Fatal(err)
			}
			tmpl, err := OpenTemplate(src, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			over := write(t, d, WriteOptions{Template: tmpl})
			checkPackage(t, over)
			back, err := readBytes(t, over)
			if err != nil {
				t.Fatal(err)
			}
			// Code the source names no style for (an altChunk's HTML)
			// is written in Word's styles for code, which these
			// templates lack, and read back in them.
			if got, want := modelJSON(t, back), modelJSON(t, withCodeStyles(d, "HTML Preformatted", "HTML Code")); got != want {
				t.Errorf("over the original, read back differs\n--- got:\n%s\n--- want:\n%s", got, want)
			}
			plain := write(t, d, WriteOptions{})
			checkPackage(t, plain)
			if back, err = readBytes(t, plain); err != nil {
				t.Fatal(err)
			}
			if got, want := shape(back), shape(plainCarried(t, d)); got != want {
				t.Errorf("without a template, read back:\n%s\nwant:\n%s", got, want)
			}
			sameTexts(t, "without a template", texts(back), texts(plainCarried(t, d)))
			tr := translation{name: name, from: "en", to: "zh", source: src}
			td := tr.translate(t)
			if back, err = readBytes(t, tr.write(t, td)); err != nil {
				t.Fatal(err)
			}
			if got, want := shape(back), shape(td); got != want {
				t.Errorf("translated, read back:\n%s\nwant:\n%s", got, want)
			}
			sameTexts(t, "translated", texts(back), texts(td))
		})
	}
}

// labelledDocument has lists whose labels are more than their style's
// numbers, and headings with numbers.
func labelledDocument() *doc.Document {
	para := func(s string) []doc.Block {
		return []doc.Block{{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: s}}}}
	}
	items := func(labels ...string) []doc.Item {
		var out []doc.Item
		for i, l := range labels {
			out = append(out, doc.Item{Label: l, Blocks: para("item " + itoa(i+1))})
		}
		return out
	}
	list := func(l doc.List) doc.Block { return doc.Block{Type: doc.ListBlock, List: &l} }
	sep := doc.Block{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: "—"}}}
	nested := list(doc.List{Ordered: true, Start: 1, Items: items("", "")})
	nested.List.Items[0].Blocks = append(nested.List.Items[0].Blocks, list(doc.List{Ordered: true, Start: 1, Items: items("1.1.", "1.2.")}))
	return &doc.Document{Version: 1, Lang: "ru", Blocks: []doc.Block{
		{Type: doc.Heading, Level: 1, Number: "Глава 1.", Inlines: []doc.Inline{{Type: doc.Text, Text: "Начало"}}},
		list(doc.List{Ordered: true, Start: 3, Items: items("Статья 3.", "Статья 4.")}), sep,
		list(doc.List{Ordered: true, Start: 1, Items: items("①", "②", "③")}), sep,
		list(doc.List{Ordered: true, Start: 2, Style: "lower-roman", Items: items("(ii)", "(iii)")}), sep,
		list(doc.List{Items: items("✓", "✓")}), sep,
		list(doc.List{Items: items("Примечание.", "")}), sep,
		list(doc.List{Ordered: true, Start: 1, Style: "lower-greek", Items: items("", "")}), sep,
		list(doc.List{Ordered: true, Start: 1, Style: "cjk-ideographic", Items: items("", "第二章")}), sep,
		nested,
		{Type: doc.Heading, Level: 2, Number: "1.1", Inlines: []doc.Inline{{Type: doc.Text, Text: "Раздел"}}},
		{Type: doc.Heading, Level: 2, Inlines: []doc.Inline{{Type: doc.Text, Text: "Без номера"}}},
	}}
}

// TestWriteTemplateParts checks what a written package takes over from a
// template beyond its body: headers with their images, the theme, the
// page setup that names them; and what it leaves: macros, comments.
func TestWriteTemplateParts(t *testing.T) {
	parts := writerParts(t)
	parts["word/document.xml"] = strings.Replace(parts["word/document.xml"], `<w:sectPr><w:pgSz w:w="16838"`,
		`<w:sectPr><w:headerReference w:type="default" r:id="rHdr"/><w:pgSz w:w="16838"`, 1)
	parts["word/header1.xml"] = `<?xml version="1.0" encoding="UTF-8"?><w:hdr ` + wns + ` xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:p><w:r><w:t>Форум</w:t></w:r><w:r><w:drawing><wp:inline><wp:extent cx="1" cy="1"/><wp:docPr id="9" name="logo"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill><a:blip r:embed="rLogo"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p></w:hdr>`
	parts["word/_rels/header1.xml.rels"] = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rLogo" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/logo.png"/></Relationships>`
	parts["word/media/logo.png"] = string(testPNG(t, 5, 5))
	parts["word/theme/theme1.xml"] = `<?xml version="1.0" encoding="UTF-8"?><a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office"><a:themeElements/></a:theme>`
	parts["word/vbaProject.bin"] = "macros"
	parts["word/_rels/document.xml.rels"] = strings.Replace(parts["word/_rels/document.xml.rels"], `</Relationships>`,
		`<Relationship Id="rHdr" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>`+
			`<Relationship Id="rTheme" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/>`+
			`<Relationship Id="rVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>`, 1)
	parts["[Content_Types].xml"] = strings.Replace(parts["[Content_Types].xml"], `</Types>`,
		`<Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/><Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>`, 1)
	src := zipParts(t, parts)
	d, err := readBytes(t, src)
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := OpenTemplate(src, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	out := checkPackage(t, write(t, d, WriteOptions{Template: tmpl}))
	if !strings.Contains(string(out["word/header1.xml"]), "Форум") || out["word/media/logo.png"] == nil || out["word/theme/theme1.xml"] == nil {
		t.Error("the header, its image or the theme is missing")
	}
	if !strings.Contains(string(out["word/document.xml"]), `<w:headerReference w:type="default" r:id="rHdr"/>`) {
		t.Error("the section no longer names its header")
	}
	if out["word/vbaProject.bin"] != nil || out["word/comments.xml"] != nil {
		t.Error("macros or comments were carried into the DOCX")
	}
	types := string(out["[Content_Types].xml"])
	if !strings.Contains(types, `<Override PartName="/word/document.xml" ContentType="`+ctMain+`"/>`) ||
		!strings.Contains(types, `<Override PartName="/word/header1.xml" ContentType="`+ctWordML+`header+xml"/>`) {
		t.Errorf("content types:\n%s", types)
	}
}

// TestWriteTemplateStyles writes a document that does not come from the
// template over it: headings take the template's styles by outline level,
// whatever their ids and display names, and styles the template lacks are
// added.
func TestWriteTemplateStyles(t *testing.T) {
	src := zipParts(t, pkgParts(handmadeBody))
	tmpl, err := OpenTemplate(src, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	h := func(level int, text string) doc.Block {
		return doc.Block{Type: doc.Heading, Level: level, Inlines: []doc.Inline{{Type: doc.Text, Text: text}}}
	}
	d := &doc.Document{Version: 1, Lang: "ru", Blocks: []doc.Block{
		h(1, "Первый"), h(2, "Второй"), h(3, "Третий"),
		{Type: doc.Quote, Blocks: []doc.Block{{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: "Цитата"}}}}},
		{Type: doc.FigureBlock, Figure: &doc.Figure{Src: "a.png", Caption: []doc.Inline{{Type: doc.Text, Text: "Подпись"}}}},
	}}
	png := testPNG(t, 3, 3)
	var buf bytes.Buffer
	if _, err := Write(&buf, d, WriteOptions{Template: tmpl, Media: func(string) ([]byte, error) { return png, nil }}); err != nil {
		t.Fatal(err)
	}
	parts := checkPackage(t, buf.Bytes())
	body, styles := string(parts["word/document.xml"]), string(parts["word/styles.xml"])
	for _, want := range []string{
		`<w:pStyle w:val="1"/></w:pPr><w:r><w:t xml:space="preserve">Первый`,
		// The template's level-2 heading style numbers its headings; this
		// one has no number.
		`<w:pStyle w:val="Zagolovok"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">Второй`,
		`<w:pStyle w:val="Heading3"/></w:pPr><w:r><w:t xml:space="preserve">Третий`,
		`<w:pStyle w:val="Tsitata"/></w:pPr><w:r><w:t xml:space="preserve">Цитата`,
		`<w:pStyle w:val="Caption"/></w:pPr><w:r><w:t xml:space="preserve">Подпись`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	if !strings.Contains(styles, `<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="a"/>`) {
		t.Errorf("no heading 3 style added:\n%s", styles)
	}
	back, err := readBytes(t, buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := shape(back), shape(d); got != want {
		t.Errorf("read back:\n%s\nwant:\n%s", got, want)
	}
}

// TestWriteOddModels writes documents no reader makes but a JSON model
// can hold: every one gives a package Word and the reader accept.
func TestWriteOddModels(t *testing.T) {
	text := func(s string) []doc.Inline { return []doc.Inline{{Type: doc.Text, Text: s}} }
	p := func(ins ...doc.Inline) doc.Block { return doc.Block{Type: doc.Paragraph, Inlines: ins} }
	for _, tc := range []struct {
		name   string
		blocks []doc.Block
		notes  []doc.Note
	}{
		{"heading levels out of range", []doc.Block{{Type: doc.Heading, Level: 0, Inlines: text("a")}, {Type: doc.Heading, Level: 12, Inlines: text("b")}}, nil},
		{"huge spans", []doc.Block{{Type: doc.TableBlock, Table: &doc.Table{Rows: []doc.Row{{Cells: []doc.Cell{{ColSpan: 1 << 30, RowSpan: 1 << 30}}}, {}}}}}, nil},
		{"empty table, list, figure", []doc.Block{{Type: doc.TableBlock, Table: &doc.Table{}}, {Type: doc.ListBlock, List: &doc.List{}}, {Type: doc.FigureBlock, Figure: &doc.Figure{}}, {Type: doc.TableBlock}, {Type: doc.ListBlock}, {Type: doc.FigureBlock}}, nil},
		{"control characters", []doc.Block{p(doc.Inline{Type: doc.Text, Text: "a\x00b\x1bc\uFFFEd\r\ne\uFFFD"})}, nil},
		{"anchor twice, empty anchor", []doc.Block{p(doc.Inline{Type: doc.Anchor, ID: "x"}, doc.Inline{Type: doc.Anchor, ID: "x"}, doc.Inline{Type: doc.Anchor}, doc.Inline{Type: doc.Link, Href: "#x", Content: text("to x")}, doc.Inline{Type: doc.Link, Href: "#", Content: text("to nothing")})}, nil},
		{"note refs: missing, repeated, in a note", []doc.Block{p(doc.Inline{Type: doc.NoteRef, Note: "none"}, doc.Inline{Type: doc.NoteRef, Note: "n1"}, doc.Inline{Type: doc.NoteRef, Note: "n1"})},
			[]doc.Note{{ID: "n1", Type: doc.Footnote, Blocks: []doc.Block{p(doc.Inline{Type: doc.NoteRef, Note: "n1"}), {Type: doc.TableBlock, Table: &doc.Table{Rows: []doc.Row{{Cells: []doc.Cell{{}}}}}}}}, {ID: "n2", Type: doc.Endnote}}},
		{"formulas: broken OMML, MathML only, nothing", []doc.Block{p(doc.Inline{Type: doc.MathInline, Math: &doc.Math{OMML: "<m:oMath", TeX: "x"}}, doc.Inline{Type: doc.MathInline, Math: &doc.Math{MathML: "<math><mi>y</mi></math>"}}, doc.Inline{Type: doc.MathInline, Math: &doc.Math{}}, doc.Inline{Type: doc.MathInline}, doc.Inline{Type: doc.MathInline, Math: &doc.Math{Display: true, OMML: `<!DOCTYPE x><x/>`}})}, nil},
		{"section breaks everywhere", []doc.Block{{Type: doc.SectionBreak}, {Type: doc.SectionBreak}, p(text("a")...), {Type: doc.SectionBreak}, {Type: doc.Quote, Blocks: []doc.Block{{Type: doc.SectionBreak}}}}, nil},
		{"deep quotes and lists", nest(60), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := &doc.Document{Version: 1, Lang: "en", Blocks: tc.blocks, Notes: tc.notes}
			out := write(t, d, WriteOptions{})
			checkPackage(t, out)
			if _, err := readBytes(t, out); err != nil {
				t.Fatalf("the written package does not read back: %v", err)
			}
		})
	}
}

// nest returns lists and quotations nested n deep.
func nest(n int) []doc.Block {
	b := doc.Block{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: "deep"}}}
	for i := 0; i < n; i++ {
		if i%2 == 0 {
			b = doc.Block{Type: doc.ListBlock, List: &doc.List{Items: []doc.Item{{Blocks: []doc.Block{b}}}}}
		} else {
			b = doc.Block{Type: doc.Quote, Blocks: []doc.Block{b}}
		}
	}
	return []doc.Block{b}
}

// TestWriteShareTemplate writes over one template from several goroutines
// (run it with -race): each gets the same bytes.
func TestWriteShareTemplate(t *testing.T) {
	src := zipParts(t, writerParts(t))
	d, err := readBytes(t, src)
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := OpenTemplate(src, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := write(t, d, WriteOptions{Template: tmpl})
	outs := make([][]byte, 4)
	done := make(chan int)
	for i := range outs {
		go func() {
			var buf bytes.Buffer
			if _, err := Write(&buf, d, WriteOptions{Template: tmpl}); err == nil {
				outs[i] = buf.Bytes()
			}
			done <- i
		}()
	}
	for range outs {
		<-done
	}
	for i, out := range outs {
		if !bytes.Equal(out, want) {
			t.Errorf("writer %d wrote other bytes", i)
		}
	}
}
