package docx

import (
	"bytes"
	"strings"
	"testing"
	"unicode"

	"github.com/tandemforum/tandem/internal/doc"
)

// furnitureBody is a Russian manuscript with what a translator expects
// back in its place: a highlighted paragraph, coloured and shaded words
// that go with a mark, a blue word among plain ones (a Styled inline,
// whose code the translation puts on its own words), a text box with a border
// beside a paragraph and one in an empty paragraph (VML only), an image
// linked from outside the package, a list
// labelled "Статья N.".
const furnitureBody = `
<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>Сборник форума</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr><w:t xml:space="preserve">Весь абзац выделен </w:t></w:r><w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr><w:t>жёлтым.</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Слово </w:t></w:r><w:r><w:rPr><w:b/><w:color w:val="C00000"/></w:rPr><w:t>красное</w:t></w:r><w:r><w:t xml:space="preserve"> и </w:t></w:r><w:r><w:rPr><w:rStyle w:val="Vydelenie"/><w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/></w:rPr><w:t>серое</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Абзац с </w:t></w:r><w:r><w:rPr><w:color w:val="0070C0"/></w:rPr><w:t>синим</w:t></w:r><w:r><w:t xml:space="preserve"> словом.</w:t></w:r></w:p>
<w:p><w:r><w:t>Абзац с врезкой.</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="2" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>3200400</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="1828800" cy="914400"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/><wp:docPr id="5" name="Text Box 5"/><wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1828800" cy="914400"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:ln w="12700"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr><wps:txbx><w:txbxContent><w:p><w:r><w:t>Текст во врезке.</w:t></w:r></w:p><w:p><w:r><w:t>Второй абзац врезки.</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape id="Text Box 5" style="position:absolute;margin-left:252pt;margin-top:0;width:144pt;height:72pt" stroked="t"><v:textbox><w:txbxContent><w:p><w:r><w:t>Текст во врезке.</w:t></w:r></w:p><w:p><w:r><w:t>Второй абзац врезки.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
<w:p><w:r><w:pict><v:shape id="Box2" style="position:absolute;margin-left:0;margin-top:0;width:150pt;height:50pt" stroked="t"><v:textbox><w:txbxContent><w:p><w:r><w:t>Врезка в пустом абзаце.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>
<w:p><w:r><w:t>Абзац после врезок.</w:t></w:r></w:p>
<w:p><w:r><w:drawing><wp:inline><wp:extent cx="952500" cy="952500"/><wp:docPr id="7" name="Linked" descr="Связанный рисунок"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="7" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:link="rExtImg"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="9"/></w:numPr></w:pPr><w:r><w:t>Стороны договорились.</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="9"/></w:numPr></w:pPr><w:r><w:t>Договор вступает в силу.</w:t></w:r></w:p>
`

// goneImage is a paragraph showing an image whose part the package lacks.
const goneImage = `<w:p><w:r><w:drawing><wp:inline><wp:extent cx="952500" cy="952500"/><wp:docPr id="8" name="Gone" descr="Потерянный рисунок"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="8" name="gone.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rGone"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`

// furnitureParts returns the package of furnitureBody, with a default
// header showing a logo and grey small text, a first-page header, and a
// footer "Страница PAGE из NUMPAGES" (a complex and a simple field), in
// a package LibreOffice opens.
func furnitureParts(t testing.TB) map[string]string {
	parts := pkgParts(furnitureBody)
	const more = ` xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"`
	doc := parts["word/document.xml"]
	doc = strings.Replace(doc, `<w:document `+wns+` xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`, `<w:document `+wns+more, 1)
	doc = strings.Replace(doc, `<w:sectPr/>`, `<w:sectPr><w:headerReference w:type="default" r:id="rH1"/><w:headerReference w:type="first" r:id="rH2"/><w:footerReference w:type="default" r:id="rF1"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="708" w:footer="708" w:gutter="0"/><w:titlePg/></w:sectPr>`, 1)
	parts["word/document.xml"] = doc
	parts["word/_rels/document.xml.rels"] = strings.Replace(parts["word/_rels/document.xml.rels"], `</Relationships>`,
		`<Relationship Id="rH1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>`+
			`<Relationship Id="rH2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>`+
			`<Relationship Id="rF1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>`+
			`<Relationship Id="rExtImg" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="https://example.org/logo.png" TargetMode="External"/>`+
			`<Relationship Id="rGone" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/gone.png"/></Relationships>`, 1)
	parts["word/numbering.xml"] = strings.Replace(parts["word/numbering.xml"], "</w:numbering>",
		`<w:abstractNum w:abstractNumId="9"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Статья %1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1134" w:hanging="1134"/></w:pPr></w:lvl></w:abstractNum><w:num w:numId="9"><w:abstractNumId w:val="9"/></w:num></w:numbering>`, 1)
	parts["word/styles.xml"] = strings.Replace(parts["word/styles.xml"], `</w:styles>`,
		`<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="a"/><w:pPr><w:tabs><w:tab w:val="center" w:pos="4677"/><w:tab w:val="right" w:pos="9355"/></w:tabs></w:pPr></w:style></w:styles>`, 1)
	parts["word/header1.xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr ` + wns + more + `><w:p><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="right"/></w:pPr>` +
		`<w:r><w:drawing><wp:inline><wp:extent cx="190500" cy="190500"/><wp:docPr id="20" name="Logo" descr="Эмблема"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="20" name="hlogo.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rHLogo"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="190500" cy="190500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>` +
		`<w:r><w:rPr><w:color w:val="808080"/><w:sz w:val="18"/></w:rPr><w:t>Колонтитул: Сборник форума</w:t></w:r></w:p></w:hdr>`
	parts["word/_rels/header1.xml.rels"] = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rHLogo" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/hlogo.png"/></Relationships>`
	parts["word/header2.xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr ` + wns + `><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr><w:r><w:t>Первая страница</w:t></w:r></w:p></w:hdr>`
	parts["word/footer1.xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr ` + wns + `><w:p><w:pPr><w:jc w:val="center"/></w:pPr>` +
		`<w:r><w:t xml:space="preserve">Страница </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`<w:r><w:t xml:space="preserve"> из </w:t></w:r><w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>2</w:t></w:r></w:fldSimple></w:p></w:ftr>`
	parts["word/media/hlogo.png"] = string(testPNG(t, 4, 4))
	const ct = `application/vnd.openxmlformats-officedocument.wordprocessingml.`
	parts["[Content_Types].xml"] = strings.Replace(parts["[Content_Types].xml"], `</Types>`,
		`<Default Extension="png" ContentType="image/png"/>`+
			`<Override PartName="/word/document.xml" ContentType="`+ct+`document.main+xml"/>`+
			`<Override PartName="/word/styles.xml" ContentType="`+ct+`styles+xml"/>`+
			`<Override PartName="/word/numbering.xml" ContentType="`+ct+`numbering+xml"/>`+
			`<Override PartName="/word/footnotes.xml" ContentType="`+ct+`footnotes+xml"/>`+
			`<Override PartName="/word/comments.xml" ContentType="`+ct+`comments+xml"/>`+
			`<Override PartName="/word/header1.xml" ContentType="`+ct+`header+xml"/>`+
			`<Override PartName="/word/header2.xml" ContentType="`+ct+`header+xml"/>`+
			`<Override PartName="/word/footer1.xml" ContentType="`+ct+`footer+xml"/></Types>`, 1)
	return parts
}

// TestReadHeaders reads the headers and footers a section uses, named by
// their place, with fields as field inlines (not their last value as
// text) and images left out.
func TestReadHeaders(t *testing.T) {
	d, err := readBytes(t, zipParts(t, furnitureParts(t)))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range d.Headers {
		for _, b := range p.Blocks {
			var s strings.Builder
			doc.WalkInlines(b.Inlines, func(in *doc.Inline) {
				switch in.Type {
				case doc.Text:
					s.WriteString(in.Text)
				case doc.Field:
					s.WriteString("{" + in.Instr + "=" + in.Text + "}")
				case doc.Image:
					s.WriteString("[image]")
				}
			})
			got = append(got, p.Name+": "+s.String())
		}
	}
	want := []string{
		"header: Колонтитул: Сборник форума",
		"header-first: Первая страница",
		"footer: Страница {PAGE=1} из {NUMPAGES=2}",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("headers and footers read as\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, p := range d.Headers {
		for _, b := range p.Blocks {
			if b.ID == "" {
				t.Errorf("%s: a block without an identifier", p.Name)
			}
		}
	}
	if len(d.Media) != 0 {
		t.Errorf("the header's logo became media of the document: %v", d.Media)
	}
	// Page furniture is not part of a web page.
	if h := html(t, d); strings.Contains(h, "Колонтитул") || strings.Contains(h, "Страница") {
		t.Errorf("the HTML shows a header or footer:\n%s", h)
	}
}

// furnitureOut translates the furniture manuscript into English through
// XLIFF and writes it over the original, with extra body paragraphs.
func furnitureOut(t *testing.T, extra string) (map[string]string, WriteReport) {
	t.Helper()
	parts := furnitureParts(t)
	parts["word/document.xml"] = strings.Replace(parts["word/document.xml"], "<w:sectPr>", extra+"<w:sectPr>", 1)
	tr := translation{name: "furniture", from: "ru", to: "en", source: zipParts(t, parts)}
	d := tr.translate(t)
	tmpl, err := OpenTemplate(tr.source, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	rep, err := Write(&buf, d, WriteOptions{Template: tmpl})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for name, data := range checkPackage(t, buf.Bytes()) {
		out[name] = string(data)
	}
	return out, rep
}

// cyrillic returns the Cyrillic words of the text (w:t) of a part.
func cyrillic(t *testing.T, part string) []string {
	root, err := parseXML([]byte(part), "part", 300)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(n *xnode)
	walk = func(n *xnode) {
		if n.isW("t") {
			for _, w := range strings.Fields(n.textContent()) {
				for _, r := range w {
					if unicode.Is(unicode.Cyrillic, r) {
						out = append(out, w)
						break
					}
				}
			}
		}
		for _, k := range n.elems() {
			walk(k)
		}
	}
	walk(root)
	return out
}

// TestWriteHeadersTranslated writes a translation over a manuscript with
// headers and footers: their text is translated in their own parts,
// which keep the logo, the grey small type and the page-number fields,
// the fields where the translation put them.
func TestWriteHeadersTranslated(t *testing.T) {
	parts, _ := furnitureOut(t, "")
	for _, name := range []string{"word/header1.xml", "word/header2.xml", "word/footer1.xml"} {
		if w := cyrillic(t, parts[name]); len(w) > 0 {
			t.Errorf("%s keeps the source's text %q", name, w)
		}
	}
	h := parts["word/header1.xml"]
	for _, want := range []string{`r:embed="rHLogo"`, `<w:color w:val="808080"/><w:sz w:val="18"/>`, `<w:pStyle w:val="Header"/>`} {
		if !strings.Contains(h, want) {
			t.Errorf("header1.xml lost %s:\n%s", want, h)
		}
	}
	f := parts["word/footer1.xml"]
	page := strings.Index(f, `<w:instrText xml:space="preserve"> PAGE </w:instrText>`)
	of := strings.Index(f, pseudo(" из ", "en"))
	pages := strings.Index(f, `<w:fldSimple w:instr=" NUMPAGES ">`)
	if page < 0 || of < 0 || pages < 0 || !(page < of && of < pages) {
		t.Errorf("footer1.xml does not read «page PAGE of NUMPAGES» with its fields:\n%s", f)
	}
	if strings.Contains(parts["word/_rels/document.xml.rels"], "header3") {
		t.Error("a header part was added")
	}
}

// TestWriteTextBoxes writes the text of text boxes back into their shapes,
// border and position kept, and not as paragraphs of the body.
func TestWriteTextBoxes(t *testing.T) {
	parts, rep := furnitureOut(t, "")
	body := parts["word/document.xml"]
	if w := cyrillic(t, body); len(w) > 0 {
		t.Errorf("document.xml keeps the source's text %q", w)
	}
	root, err := parseXML([]byte(body), "document", 300)
	if err != nil {
		t.Fatal(err)
	}
	var boxes []string
	var walk func(n *xnode, inBox bool)
	walk = func(n *xnode, inBox bool) {
		if n.isW("txbxContent") {
			boxes = append(boxes, n.textContent())
			return
		}
		for _, k := range n.elems() {
			walk(k, inBox)
		}
	}
	walk(root, false)
	want := []string{pseudo("Текст во врезке.", "en") + pseudo("Второй абзац врезки.", "en"), pseudo("Врезка в пустом абзаце.", "en")}
	if strings.Join(boxes, "|") != strings.Join(want, "|") {
		t.Errorf("text boxes hold %q, want %q", boxes, want)
	}
	if strings.Count(body, pseudo("Текст во врезке.", "en")) != 1 {
		t.Error("the text box's text is written outside it as well")
	}
	for _, want := range []string{`<a:ln w="12700">`, `<wp:posOffset>3200400</wp:posOffset>`, `<v:shape id="Box2"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the text boxes lost %s", want)
		}
	}
	if rep.FlatTextBoxes != 0 {
		t.Errorf("%d text boxes reported as written into the body", rep.FlatTextBoxes)
	}
}

// TestWriteRunFormatting carries what the model does not say about runs
// onto the translated runs where the source says which: a paragraph
// highlighted throughout, a colour that goes with bold, a character style
// and shading that go with emphasis; a colour on one plain word among
// plain words is not carried (nothing says which translated word it is).
func TestWriteRunFormatting(t *testing.T) {
	parts, _ := furnitureOut(t, "")
	body := parts["word/document.xml"]
	run := func(text string) string {
		i := strings.Index(body, pseudo(text, "en"))
		if i < 0 {
			t.Fatalf("no run with %q", pseudo(text, "en"))
		}
		j := strings.LastIndex(body[:i], "<w:r>")
		return body[j:i]
	}
	for _, c := range []struct{ text, want string }{
		{"Весь абзац выделен жёлтым.", `<w:highlight w:val="yellow"/>`},
		{"красное", `<w:b/><w:color w:val="C00000"/>`},
		{"серое", `<w:rStyle w:val="Vydelenie"/><w:i/><w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>`},
	} {
		if r := run(c.text); !strings.Contains(r, c.want) {
			t.Errorf("the run of %q is %s, want %s in it", c.text, r, c.want)
		}
	}
	if r := run("синим"); !strings.Contains(r, `<w:color w:val="0070C0"/>`) {
		t.Errorf("the blue word's run is %s", r)
	}
	for _, plain := range []string{"Абзац с ", " словом."} {
		if r := run(plain); strings.Contains(r, "color") {
			t.Errorf("a colour of one word is carried onto %q: %s", plain, r)
		}
	}
}

// TestWriteImagesWithoutBytes writes an image linked from outside the
// package as a link again (r:link, TargetMode External), with its
// translated description, and an image whose part is missing as an empty
// paragraph, reported; neither shows its description as body text.
func TestWriteImagesWithoutBytes(t *testing.T) {
	parts, rep := furnitureOut(t, goneImage)
	body := parts["word/document.xml"]
	rels := parts["word/_rels/document.xml.rels"]
	i := strings.Index(body, `<a:blip r:link="`)
	if i < 0 {
		t.Fatalf("the linked image is not linked:\n%s", body)
	}
	id := body[i+len(`<a:blip r:link="`):]
	id = id[:strings.IndexByte(id, '"')]
	if !strings.Contains(rels, `Id="`+id+`" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="https://example.org/logo.png" TargetMode="External"`) {
		t.Errorf("relationship %s is not the external image:\n%s", id, rels)
	}
	if !strings.Contains(body, `descr="`+pseudo("Связанный рисунок", "en")+`"`) {
		t.Error("the linked image keeps the source's description")
	}
	for _, alt := range []string{"Связанный рисунок", "Потерянный рисунок"} {
		if strings.Contains(body, ">"+pseudo(alt, "en")+"<") {
			t.Errorf("the description %q is written as text", alt)
		}
	}
	if len(rep.MissingImages) != 1 || !strings.Contains(rep.MissingImages[0], pseudo("Потерянный рисунок", "en")) {
		t.Errorf("missing images reported: %q", rep.MissingImages)
	}
}

// TestWriteTranslatedLabels writes a list of the template whose labels
// the translation changed: the written numbering shows the translated
// labels (one pattern, "第%1条", where one gives them all; each label as
// it is where not), with the template's indents, and not the source's
// "Статья N.".
func TestWriteTranslatedLabels(t *testing.T) {
	src := zipParts(t, furnitureParts(t))
	tmpl, err := OpenTemplate(src, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, text string
		labels     []string
	}{
		{"pattern", "第%1条", []string{"第1条", "第2条"}},
		{"counted in Chinese", "第%1条", []string{"第一条", "第二条"}},
		{"literal", "第一条", []string{"第一条", "第二款"}},
		{"English", "Article %1.", []string{"Article 1.", "Article 2."}},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := readBytes(t, src)
			if err != nil {
				t.Fatal(err)
			}
			var list *doc.List
			d.Walk(func(b *doc.Block) {
				if b.List != nil {
					list = b.List
				}
			})
			if list == nil || len(list.Items) != 2 || list.Items[0].Label != "Статья 1." {
				t.Fatalf("the source's list is not read as labelled: %+v", list)
			}
			for k := range list.Items {
				list.Items[k].Label = c.labels[k]
			}
			out := write(t, d, WriteOptions{Template: tmpl})
			parts := checkPackage(t, out)
			numbering := string(parts["word/numbering.xml"])
			if !strings.Contains(numbering, `<w:lvlText w:val="`+c.text+`"/>`) {
				t.Errorf("numbering.xml lacks the level text %q:\n%s", c.text, numbering)
			}
			if !strings.Contains(numbering, `<w:ind w:left="1134" w:hanging="1134"/>`) {
				t.Error("the template's indents are not kept")
			}
			back, err := readBytes(t, out)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			back.Walk(func(b *doc.Block) {
				if b.List != nil {
					for _, it := range b.List.Items {
						got = append(got, it.Label)
					}
				}
			})
			if strings.Join(got, " ") != strings.Join(c.labels, " ") {
				t.Errorf("labels read back %q, want %q", got, c.labels)
			}
		})
	}
}

// TestWriteWebImage writes an image whose source is an address on the web
// (a Markdown manuscript's) as a linked image, not as its description.
func TestWriteWebImage(t *testing.T) {
	d := &doc.Document{Lang: "ru", Blocks: []doc.Block{
		{ID: "f-1", Type: doc.FigureBlock, Figure: &doc.Figure{Src: "https://example.org/map.png", Alt: "Карта"}},
		{ID: "p-1", Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: "Значок "}, {Type: doc.Image, Src: "http://example.org/i.png", Alt: "значок"}}},
	}}
	var buf bytes.Buffer
	rep, err := Write(&buf, d, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	parts := checkPackage(t, buf.Bytes())
	body, rels := string(parts["word/document.xml"]), string(parts["word/_rels/document.xml.rels"])
	if strings.Count(body, `<a:blip r:link="`) != 2 {
		t.Errorf("the images are not linked:\n%s", body)
	}
	for _, u := range []string{"https://example.org/map.png", "http://example.org/i.png"} {
		if !strings.Contains(rels, `Target="`+u+`" TargetMode="External"`) {
			t.Errorf("no external relationship to %s:\n%s", u, rels)
		}
	}
	if strings.Contains(body, ">Карта<") || len(rep.MissingImages) > 0 {
		t.Errorf("the image is written as its description (missing: %v)", rep.MissingImages)
	}
}

// TestWriteHeadersWithoutTemplate writes a document's headers and footers
// as parts of its own when there is no template to write them over:
// referenced from the section, the first page's turned on, fields as
// fields marked dirty so that the page number is worked out again.
func TestWriteHeadersWithoutTemplate(t *testing.T) {
	d, err := readBytes(t, zipParts(t, furnitureParts(t)))
	if err != nil {
		t.Fatal(err)
	}
	out := write(t, d, WriteOptions{})
	parts := checkPackage(t, out)
	body := string(parts["word/document.xml"])
	sect := body[strings.LastIndex(body, "<w:sectPr>"):]
	for _, want := range []string{`<w:headerReference w:type="default"`, `<w:headerReference w:type="first"`, `<w:footerReference w:type="default"`, `<w:titlePg/>`} {
		if !strings.Contains(sect, want) {
			t.Errorf("the section lacks %s: %s", want, sect)
		}
	}
	var footer string
	for name, data := range parts {
		if strings.HasPrefix(name, "word/footer") {
			footer = string(data)
		}
	}
	for _, want := range []string{`<w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText>`,
		`<w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r><w:instrText xml:space="preserve"> NUMPAGES </w:instrText>`, "Страница "} {
		if !strings.Contains(footer, want) {
			t.Errorf("the footer lacks %s:\n%s", want, footer)
		}
	}
	back, err := readBytes(t, out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, h := range back.Headers {
		names = append(names, h.Name)
	}
	if got := strings.Join(names, " "); got != "header header-first footer" {
		t.Errorf("headers read back: %s", got)
	}
}

// TestWriteTextBoxInInsertion writes back a text box whose run is a
// tracked insertion, in a paragraph with text: into its shape, once.
func TestWriteTextBoxInInsertion(t *testing.T) {
	box := `<w:p><w:r><w:t>Вставка с врезкой.</w:t></w:r><w:ins w:id="90" w:author="Редактор" w:date="2024-05-02T09:00:00Z"><w:r><w:pict><v:shape id="Box9" style="position:absolute;width:150pt;height:50pt" stroked="t"><v:textbox><w:txbxContent><w:p><w:r><w:t>Врезка во вставке.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:ins></w:p>`
	parts, rep := furnitureOut(t, box)
	body := parts["word/document.xml"]
	text := pseudo("Врезка во вставке.", "en")
	if strings.Count(body, text) != 1 {
		t.Fatalf("the box's text is written %d times", strings.Count(body, text))
	}
	i := strings.Index(body, `<v:shape id="Box9"`)
	if i < 0 || !strings.Contains(body[i:], "<w:txbxContent><w:p><w:r><w:t xml:space=\"preserve\">"+text) {
		t.Errorf("the box's text is not in its shape")
	}
	if rep.FlatTextBoxes != 0 {
		t.Errorf("%d boxes written into the body", rep.FlatTextBoxes)
	}
}

// TestReadBrokenHeader reads a manuscript whose footer part is not XML:
// the body is read, the footer left out with a warning naming it, and
// written over, the package still opens.
func TestReadBrokenHeader(t *testing.T) {
	parts := furnitureParts(t)
	parts["word/footer1.xml"] = `<w:ftr ` + wns + `><w:p><w:r><w:t>Страница</w:r></w:p></w:ftr>`
	src := zipParts(t, parts)
	d, err := readBytes(t, src)
	if err != nil {
		t.Fatalf("a broken footer makes the manuscript unreadable: %v", err)
	}
	if len(d.Headers) != 2 || !strings.Contains(strings.Join(d.Warnings, "\n"), "word/footer1.xml") {
		t.Errorf("headers %d, warnings %q", len(d.Headers), d.Warnings)
	}
	tmpl, err := OpenTemplate(src, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	write(t, d, WriteOptions{Template: tmpl})
}
