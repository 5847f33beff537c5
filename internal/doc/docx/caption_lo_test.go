package docx

import (
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// loCaptionStyles are the styles LibreOffice writes for its figures: the
// image's paragraph in "Figure", the caption in "Figure Caption" (based on
// Caption, which its DOCX export may leave out), and Russian names.
const loCaptionStyles = `<w:style w:type="paragraph" w:styleId="Figure"><w:name w:val="Figure"/></w:style>
<w:style w:type="paragraph" w:styleId="FigureCaption"><w:name w:val="Figure Caption"/><w:basedOn w:val="Caption"/></w:style>
<w:style w:type="paragraph" w:styleId="FigureCaptionLone"><w:name w:val="Figure Caption"/></w:style>
<w:style w:type="paragraph" w:styleId="Nazvanie"><w:name w:val="Название объекта"/></w:style>
<w:style w:type="paragraph" w:styleId="Illustration"><w:name w:val="Illustration"/><w:basedOn w:val="Caption"/></w:style>
<w:style w:type="paragraph" w:styleId="TableCaption"><w:name w:val="Table Caption"/></w:style>
<w:style w:type="paragraph" w:styleId="IllustrationIndex1"><w:name w:val="Illustration Index 1"/></w:style>`

// loImage is a paragraph in style sty holding the image of relationship
// rid, described by docPr's descr and title.
func loImage(sty, rid, descr, title string) string {
	return `<w:p><w:pPr><w:pStyle w:val="` + sty + `"/><w:jc w:val="center"/></w:pPr><w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="457200"/><wp:docPr id="1" name="Image1" descr="` + descr + `" title="` + title + `"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="Image1" descr="` + descr + `" title="` + title + `"/></pic:nvPicPr><pic:blipFill><a:blip r:embed="` + rid + `"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`
}

// loCaption is a caption paragraph in style sty as LibreOffice writes it:
// label, the SEQ field numbering it (result n), then text.
func loCaption(sty, label, seq, n, text string) string {
	ppr := ""
	if sty != "" {
		ppr = `<w:pPr><w:pStyle w:val="` + sty + `"/><w:jc w:val="center"/></w:pPr>`
	}
	return `<w:p>` + ppr + `<w:r><w:t xml:space="preserve">` + label + `</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> SEQ ` + seq + ` \* ARABIC </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>` + n + `</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

// loFrame is a paragraph anchoring a text frame, as LibreOffice writes a
// figure it captioned: the image and its caption in the frame's text box.
func loFrame(content string) string {
	return `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:extent cx="914400" cy="657200"/><wp:docPr id="9" name="Frame1"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>` + content + `</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:rect><v:textbox><w:txbxContent>` + content + `</w:txbxContent></v:textbox></v:rect></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`
}

func loPara(text string) string {
	return `<w:p><w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

func loTable(text string) string {
	return `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>` + text + `</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`
}

// TestLibreOfficeCaptions reads captions by their style (the names
// LibreOffice and Russian Word give them) or by the SEQ field at their
// start, tied to the image next to them or in the same text frame, and
// writes them back over the original in their own styles and with their
// fields.
func TestLibreOfficeCaptions(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		// want lists the figures as "alt | caption above|below", and the
		// HTML of the document must contain each of html.
		want string
		html []string
		// style is the caption's own style, kept when written back.
		style string
	}{{
		name:  "LibreOffice Figure and Figure Caption below",
		body:  loPara("Поставки.") + loImage("Figure", "rmap", "Схема поставок", "") + loCaption("FigureCaption", "Рисунок ", "Figure", "1", " — Схема") + loPara("Дальше."),
		want:  "Схема поставок | Рисунок 1 — Схема below",
		html:  []string{`alt="Схема поставок"><figcaption>Рисунок 1 — Схема</figcaption></figure>`},
		style: "FigureCaption",
	}, {
		name:  "Figure Caption without basedOn",
		body:  loImage("Figure", "rmap", "Схема", "") + loCaption("FigureCaptionLone", "Рисунок ", "Figure", "1", " — Схема"),
		want:  "Схема | Рисунок 1 — Схема below",
		style: "FigureCaptionLone",
	}, {
		name:  "Russian style name, above, description from the title",
		body:  loCaption("Nazvanie", "Рисунок ", "Рисунок", "1", " — Маршруты") + loImage("a", "rmap", "", "Маршруты") + loPara("Дальше."),
		want:  "Маршруты | Рисунок 1 — Маршруты above",
		style: "Nazvanie",
	}, {
		name: "SEQ field in body text",
		body: loImage("a", "rmap", "Схема", "") + loCaption("", "Figure ", "Figure", "1", ": Supply"),
		want: "Схема | Figure 1: Supply below",
		html: []string{`alt="Схема"><figcaption>Figure 1: Supply</figcaption></figure>`},
		// Written back, the caption keeps its own (default) style.
		style: "-",
	}, {
		name:  "image and caption in a text frame",
		body:  loPara("До.") + loFrame(loImage("Figure", "rmap", "Схема", "")+loCaption("Illustration", "Illustration ", "Illustration", "1", ": Схема")) + loPara("После."),
		want:  "Схема | Illustration 1: Схема below",
		html:  []string{`<figcaption>Illustration 1: Схема</figcaption></figure>`},
		style: "Illustration",
	}, {
		name: "a table's caption is not a figure's",
		body: loImage("Figure", "rmap", "Схема", "") + loCaption("", "Таблица ", "Таблица", "1", " — Объёмы") + loTable("100") +
			loImage("Figure", "rmap", "Схема", "") + loCaption("TableCaption", "Table ", "Table", "2", ": Volumes") + loTable("200"),
		want: "Схема | ; Схема | ",
		html: []string{`">Таблица 1 — Объёмы</p>`, `">Table 2: Volumes</p>`},
	}, {
		name: "long text before a SEQ field is not a caption",
		body: loImage("Figure", "rmap", "Схема", "") + loCaption("", "As the next figure shows, ", "Figure", "2", " is wide."),
		want: "Схема | ",
	}, {
		name: "an index entry of illustrations is not a caption",
		body: loImage("Figure", "rmap", "Схема", "") + `<w:p><w:pPr><w:pStyle w:val="IllustrationIndex1"/></w:pPr><w:r><w:t>Рисунок 1 — Схема</w:t></w:r></w:p>`,
		want: "Схема | ",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			parts := captionParts(t, tc.body, map[string][]byte{"map.png": testPNG(t, 20, 10)})
			parts["word/styles.xml"] = strings.Replace(parts["word/styles.xml"], `</w:styles>`, loCaptionStyles+`</w:styles>`, 1)
			parts["word/document.xml"] = strings.Replace(parts["word/document.xml"], `<w:document `, `<w:document xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" `, 1)
			src := zipParts(t, parts)
			d, err := readBytes(t, src)
			if err != nil {
				t.Fatal(err)
			}
			if got := loFigures(d); got != tc.want {
				t.Fatalf("read: %s, want %s", got, tc.want)
			}
			h := html(t, d)
			for _, w := range tc.html {
				if !strings.Contains(h, w) {
					t.Errorf("HTML lacks %s:\n%s", w, h)
				}
			}
			out := overOriginal(t, src, d)
			body := string(checkPackage(t, out)["word/document.xml"])
			if tc.style == "-" && strings.Contains(body, `w:val="Caption"`) {
				t.Errorf("written over the original, the caption in the default style was given Caption:\n%s", body)
			}
			if tc.style != "" && tc.style != "-" {
				i := strings.Index(body, `w:val="`+tc.style+`"`)
				j := strings.Index(body, "SEQ ")
				if i < 0 || j < i || strings.Contains(body[i:j], "</w:p>") {
					t.Errorf("written over the original, the caption lost its style %s or its SEQ field:\n%s", tc.style, body)
				}
			}
			back, err := readBytes(t, out)
			if err != nil {
				t.Fatal(err)
			}
			if got := loFigures(back); got != tc.want {
				t.Errorf("read back: %s, want %s", got, tc.want)
			}
		})
	}
}

// loFigures lists a document's figures as "alt | caption above|below".
func loFigures(d *doc.Document) string {
	var out []string
	var walk func(bs []doc.Block)
	walk = func(bs []doc.Block) {
		for _, b := range bs {
			if b.Type == doc.FigureBlock {
				s := b.Figure.Alt + " | "
				if len(b.Figure.Caption) > 0 {
					s += doc.PlainText(shownInlines(b.Figure.Caption)) + map[bool]string{true: " above", false: " below"}[b.Figure.CaptionAbove]
				}
				out = append(out, s)
			}
			walk(b.Blocks)
		}
	}
	walk(d.Blocks)
	return strings.Join(out, "; ")
}
