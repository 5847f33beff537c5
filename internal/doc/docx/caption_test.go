package docx

import (
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// figurePara is a paragraph showing the image of relationship rid.
func figurePara(rid, descr string) string {
	return `<w:p><w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="457200"/><wp:docPr id="1" name="Pic" descr="` + descr + `"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill><a:blip r:embed="` + rid + `"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`
}

// captionParts returns a package with a figure captioned above (as
// Russian and Chinese manuscripts often have it), one captioned below and
// the images given, by part name under word/media, each with the
// relationship id "r" + its name without extension.
func captionParts(t testing.TB, body string, images map[string][]byte) map[string]string {
	parts := pkgParts(body)
	parts["word/document.xml"] = strings.Replace(parts["word/document.xml"], `<w:document `+wns, `<w:document `+wns+` xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"`, 1)
	parts["word/styles.xml"] = strings.Replace(parts["word/styles.xml"], `</w:styles>`, `<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="a"/></w:style></w:styles>`, 1)
	var rels strings.Builder
	for name, data := range images {
		rels.WriteString(`<Relationship Id="r` + strings.TrimSuffix(name, name[strings.LastIndex(name, "."):]) + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/` + name + `"/>`)
		parts["word/media/"+name] = string(data)
	}
	parts["word/_rels/document.xml.rels"] = strings.Replace(parts["word/_rels/document.xml.rels"], `</Relationships>`, rels.String()+`</Relationships>`, 1)
	parts["[Content_Types].xml"] = strings.Replace(parts["[Content_Types].xml"], `</Types>`, `<Default Extension="png" ContentType="image/png"/></Types>`, 1)
	return parts
}

const captionBody = `<w:p><w:r><w:t>Поставки.</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Caption"/></w:pPr><w:r><w:t>Рис. 1. Схема поставок</w:t></w:r></w:p>` +
	`<FIG1>` + `
<w:p><w:r><w:t>Между рисунками.</w:t></w:r></w:p>` +
	`<FIG2>` + `
<w:p><w:pPr><w:pStyle w:val="Caption"/></w:pPr><w:r><w:t>Рис. 2. Маршруты</w:t></w:r></w:p>
<w:p><w:r><w:t>После рисунков.</w:t></w:r></w:p>`

func captionDocx(t testing.TB) map[string]string {
	body := strings.NewReplacer("<FIG1>", figurePara("rmap", "Схема"), "<FIG2>", figurePara("rroutes", "Маршруты")).Replace(captionBody)
	return captionParts(t, body, map[string][]byte{"map.png": testPNG(t, 20, 10), "routes.png": testPNG(t, 10, 20)})
}

// TestCaptionPlaces reads a caption written above its image and one
// written below, and writes each back where it was: over the original and
// with tandem's own package.
func TestCaptionPlaces(t *testing.T) {
	src := zipParts(t, captionDocx(t))
	d, err := readBytes(t, src)
	if err != nil {
		t.Fatal(err)
	}
	places := func(d *doc.Document) string {
		var out []string
		for _, b := range d.Blocks {
			if b.Type == doc.FigureBlock {
				out = append(out, doc.PlainText(b.Figure.Caption)+map[bool]string{true: " above", false: " below"}[b.Figure.CaptionAbove])
			}
		}
		return strings.Join(out, "; ")
	}
	const want = "Рис. 1. Схема поставок above; Рис. 2. Маршруты below"
	if got := places(d); got != want {
		t.Fatalf("read: %s, want %s", got, want)
	}
	tmpl, err := OpenTemplate(src, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for name, opt := range map[string]WriteOptions{"over the original": {Template: tmpl}, "own package": {}} {
		out := write(t, d, opt)
		body := string(checkPackage(t, out)["word/document.xml"])
		c1, img1 := strings.Index(body, "Рис. 1."), strings.Index(body, `descr="Схема"`)
		c2, img2 := strings.Index(body, "Рис. 2."), strings.Index(body, `descr="Маршруты"`)
		if c1 < 0 || img1 < 0 || c2 < 0 || img2 < 0 || c1 > img1 || c2 < img2 {
			t.Errorf("%s: captions and images at %d, %d, %d, %d: the first caption must come before its image, the second after", name, c1, img1, c2, img2)
		}
		// The caption above is kept on the page of its image.
		if i := strings.LastIndex(body[:max(c1, 0)], "<w:p>"); i < 0 || !strings.Contains(body[i:max(c1, 0)], "<w:keepNext/>") {
			t.Errorf("%s: the caption above its image is not kept with it", name)
		}
		back, err := readBytes(t, out)
		if err != nil {
			t.Fatal(err)
		}
		if got := places(back); got != want {
			t.Errorf("%s: read back %s, want %s", name, got, want)
		}
	}
}

// TestImagePartsChecked reads image parts whose bytes are not what their
// names say: text named .png is left out with a warning naming the part
// (its figure kept as its description, and written back as the original
// has it), an SVG with a script named .png is read as a cleaned SVG, and
// a PNG named .jpg as a PNG.
func TestImagePartsChecked(t *testing.T) {
	body := figurePara("rbad", "Плохой") + `<w:p><w:pPr><w:pStyle w:val="Caption"/></w:pPr><w:r><w:t>Рис. 1. Текст вместо рисунка</w:t></w:r></w:p>` +
		figurePara("revil", "Ловушка") + figurePara("rphoto", "Фото") + `<w:p><w:r><w:t>Конец.</w:t></w:r></w:p>`
	evil := `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)" width="4" height="4"><script>alert(2)</script><rect width="4" height="4" fill="red"/></svg>`
	src := zipParts(t, captionParts(t, body, map[string][]byte{"bad.png": []byte("notapng"), "evil.png": []byte(evil), "photo.jpg": testPNG(t, 3, 3)}))
	d, err := readBytes(t, src)
	if err != nil {
		t.Fatal(err)
	}
	warned := strings.Join(d.Warnings, "\n")
	if !strings.Contains(warned, `image part "word/media/bad.png" not read (not an image`) || !strings.Contains(warned, `"Плохой"`) {
		t.Errorf("no warning naming the bad part: %s", warned)
	}
	if len(d.Blocks) < 3 || d.Blocks[0].Figure == nil || d.Blocks[0].Figure.Src != "" || d.Blocks[0].Figure.Alt != "Плохой" || len(d.Blocks[0].Figure.Caption) == 0 {
		t.Fatalf("the bad image's figure: %+v", d.Blocks[0])
	}
	types := map[string]string{}
	for _, m := range d.Media {
		types[m.Type] = string(m.Data)
	}
	if len(d.Media) != 2 || !strings.Contains(types["image/svg+xml"], "<rect") || types["image/png"] == "" {
		t.Fatalf("media %v, want a PNG and an SVG", types)
	}
	for _, bad := range []string{"script", "alert", "onload"} {
		if strings.Contains(types["image/svg+xml"], bad) {
			t.Errorf("the SVG keeps %q: %s", bad, types["image/svg+xml"])
		}
	}
	if strings.Contains(html(t, d), "notapng") || strings.Contains(html(t, d), "bm90YXBuZw") {
		t.Error("the bad part's bytes are in the page")
	}
	tmpl, err := OpenTemplate(src, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var buf strings.Builder
	rep, err := Write(&buf, d, WriteOptions{Template: tmpl})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.MissingImages) > 0 {
		t.Errorf("images reported missing: %v", rep.MissingImages)
	}
	parts := checkPackage(t, []byte(buf.String()))
	if !strings.Contains(string(parts["word/document.xml"]), `descr="Плохой"`) || string(parts["word/media/bad.png"]) != "notapng" {
		t.Error("the image the reader could not read is not written back as the original has it")
	}
}

// TestWriteChecksOutsideImages writes a document whose images are files
// beside it (a Markdown manuscript's): text named .png is not written as
// an image but reported missing, and an SVG is written cleaned.
func TestWriteChecksOutsideImages(t *testing.T) {
	d := &doc.Document{Lang: "ru", Blocks: []doc.Block{
		{Type: doc.FigureBlock, Figure: &doc.Figure{Src: "bad.png", Alt: "Плохой"}},
		{Type: doc.FigureBlock, Figure: &doc.Figure{Src: "evil.svg", Alt: "Ловушка"}},
	}}
	doc.AssignIDs(d)
	files := map[string]string{"bad.png": "notapng", "evil.svg": `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>`}
	var buf strings.Builder
	rep, err := Write(&buf, d, WriteOptions{Media: func(src string) ([]byte, error) { return []byte(files[src]), nil }})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rep.MissingImages, ",") != "bad.png" {
		t.Errorf("missing images %v, want [bad.png]", rep.MissingImages)
	}
	svgs := 0
	for name, data := range checkPackage(t, []byte(buf.String())) {
		if strings.HasPrefix(name, "word/media/") {
			if string(data) == "notapng" || strings.Contains(string(data), "alert") {
				t.Errorf("%s written as it was: %s", name, data)
			}
			if strings.HasSuffix(name, ".svg") {
				svgs++
			}
		}
	}
	if svgs != 1 {
		t.Errorf("%d SVG parts, want 1", svgs)
	}
}
