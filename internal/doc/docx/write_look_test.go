package docx

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// lookBody has words set apart among plain ones: highlighted yellow,
// coloured red, in a character style of the manuscript's own ("Emphasis
// Strong": bold and purple), shaded in a table cell, highlighted in a
// text box; a
// paragraph highlighted throughout; a footnote with a highlighted word.
const lookBody = `
<w:p><w:r><w:t xml:space="preserve">Тут слово </w:t></w:r><w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr><w:t>жёлтое</w:t></w:r><w:r><w:t xml:space="preserve">, слово </w:t></w:r><w:r><w:rPr><w:color w:val="FF0000"/></w:rPr><w:t>алое</w:t></w:r><w:r><w:t xml:space="preserve"> и слово </w:t></w:r><w:r><w:rPr><w:rStyle w:val="EmphasisStrong"/></w:rPr><w:t>особое</w:t></w:r><w:r><w:t>.</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="3"/></w:r></w:p>
<w:p><w:r><w:rPr><w:highlight w:val="green"/></w:rPr><w:t xml:space="preserve">Целый абзац </w:t></w:r><w:r><w:rPr><w:highlight w:val="green"/></w:rPr><w:t>зелёный.</w:t></w:r></w:p>
<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t xml:space="preserve">В таблице </w:t></w:r><w:r><w:rPr><w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/></w:rPr><w:t>пепельное</w:t></w:r><w:r><w:t xml:space="preserve"> слово.</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>Абзац с рамкой.</w:t></w:r><w:r><w:pict><v:shape id="LookBox" style="position:absolute;margin-left:0;margin-top:0;width:150pt;height:50pt" stroked="t"><v:textbox><w:txbxContent><w:p><w:r><w:t xml:space="preserve">В рамке </w:t></w:r><w:r><w:rPr><w:highlight w:val="cyan"/></w:rPr><w:t>голубое</w:t></w:r><w:r><w:t xml:space="preserve"> слово.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>
`

// lookParts returns the furniture package with lookBody added, the
// character style it uses, its footnote, and a first-page header with a
// blue word.
func lookParts(t *testing.T) map[string]string {
	parts := furnitureParts(t)
	parts["word/document.xml"] = strings.Replace(parts["word/document.xml"], "<w:sectPr>", lookBody+"<w:sectPr>", 1)
	parts["word/styles.xml"] = strings.Replace(parts["word/styles.xml"], "</w:styles>",
		`<w:style w:type="character" w:customStyle="1" w:styleId="EmphasisStrong"><w:name w:val="Emphasis Strong"/><w:rPr><w:b/><w:color w:val="7030A0"/></w:rPr></w:style></w:styles>`, 1)
	parts["word/footnotes.xml"] = strings.Replace(parts["word/footnotes.xml"], "</w:footnotes>",
		`<w:footnote w:id="3"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Сноска с </w:t></w:r><w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr><w:t>пометкой</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p></w:footnote></w:footnotes>`, 1)
	parts["word/header2.xml"] = strings.Replace(parts["word/header2.xml"], `<w:r><w:t>Первая страница</w:t></w:r>`,
		`<w:r><w:t xml:space="preserve">Первая </w:t></w:r><w:r><w:rPr><w:color w:val="0070C0"/></w:rPr><w:t>страница</w:t></w:r>`, 1)
	return parts
}

// styledWords returns the text of each Styled inline of d (body, cells,
// notes, headers, text boxes) with its look.
func styledWords(d *doc.Document) map[string]doc.Style {
	out := map[string]doc.Style{}
	d.Walk(func(b *doc.Block) {
		ins := b.Inlines
		if b.Figure != nil {
			ins = b.Figure.Caption
		}
		doc.WalkInlines(ins, func(in *doc.Inline) {
			if in.Type == doc.Styled && in.Style != nil {
				out[doc.PlainText(in.Content)] = *in.Style
			}
		})
	})
	return out
}

// TestReadLooks reads words set apart by a highlight, a colour, a
// shading or a character style as Styled inlines, wherever they are, and
// a look that covers the whole paragraph as none.
func TestReadLooks(t *testing.T) {
	d, err := readBytes(t, zipParts(t, lookParts(t)))
	if err != nil {
		t.Fatal(err)
	}
	got := styledWords(d)
	want := map[string]doc.Style{
		"жёлтое":    {Highlight: "yellow"},
		"алое":      {Color: "FF0000"},
		"особое":    {Name: "Emphasis Strong"},
		"пепельное": {Shading: "D9D9D9"},
		"голубое":   {Highlight: "cyan"},
		"пометкой":  {Highlight: "yellow"},
		"страница":  {Color: "0070C0"},
		"синим":     {Color: "0070C0"},
		// A look that goes with a mark is a look of some words too.
		"красное": {Color: "C00000"},
		"серое":   {Shading: "D9D9D9"},
	}
	for w, st := range want {
		if got[w] != st {
			t.Errorf("%q read with look %+v, want %+v", w, got[w], st)
		}
	}
	for w := range got {
		if strings.Contains(w, "абзац") || strings.Contains(w, "Целый") {
			t.Errorf("a paragraph with one look throughout has a Styled inline: %q", w)
		}
	}
	h := html(t, d)
	for _, s := range []string{
		`<mark>жёлтое</mark>`,
		`<span style="color:#FF0000">алое</span>`,
		`<span data-style="Emphasis Strong"><strong>особое</strong></span>`,
		`<span style="background-color:#D9D9D9">пепельное</span>`,
		`<mark style="background-color:#00FFFF">голубое</mark>`,
	} {
		if !strings.Contains(h, s) {
			t.Errorf("the HTML lacks %s:\n%s", s, h)
		}
	}
}

// TestWriteLooks translates the manuscript through XLIFF (its codes kept
// around the translated words), writes it over the original and reads it
// back: each look is on the translated words, and nowhere else; the
// paragraph highlighted throughout still is.
func TestWriteLooks(t *testing.T) {
	parts := lookParts(t)
	tr := translation{name: "looks→en", from: "ru", to: "en", source: zipParts(t, parts)}
	d := tr.translate(t)
	tmpl, err := OpenTemplate(tr.source, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := Write(&buf, d, WriteOptions{Template: tmpl}); err != nil {
		t.Fatal(err)
	}
	out := checkPackage(t, buf.Bytes())
	back, err := readBytes(t, buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	got := styledWords(back)
	for w, st := range map[string]doc.Style{
		"жёлтое":    {Highlight: "yellow"},
		"алое":      {Color: "FF0000"},
		"особое":    {Name: "Emphasis Strong"},
		"пепельное": {Shading: "D9D9D9"},
		"голубое":   {Highlight: "cyan"},
		"пометкой":  {Highlight: "yellow"},
		"страница":  {Color: "0070C0"},
		"синим":     {Color: "0070C0"},
		"красное":   {Color: "C00000"},
	} {
		if got[pseudo(w, "en")] != st {
			t.Errorf("%q (%q) read back with look %+v, want %+v; looks read back: %+v", w, pseudo(w, "en"), got[pseudo(w, "en")], st, got)
		}
	}
	body := string(out["word/document.xml"])
	run := func(text string) string {
		i := strings.Index(body, pseudo(text, "en"))
		if i < 0 {
			t.Fatalf("no run with %q", pseudo(text, "en"))
		}
		return body[strings.LastIndex(body[:i], "<w:r>"):i]
	}
	if r := run("особое"); !strings.Contains(r, `<w:rStyle w:val="EmphasisStrong"/><w:b/>`) {
		t.Errorf("the run of the styled word is %s", r)
	}
	if r := run("Целый абзац "); !strings.Contains(r, `<w:highlight w:val="green"/>`) || strings.Count(r, "highlight") != 1 {
		t.Errorf("the run of the paragraph highlighted throughout is %s", r)
	}
	for _, plain := range []string{"Тут слово ", ", слово ", " и слово ", "В таблице ", " слово."} {
		if r := run(plain); strings.Contains(r, "highlight") || strings.Contains(r, "color") || strings.Contains(r, "shd") {
			t.Errorf("the plain run of %q has a look: %s", plain, r)
		}
	}
}

// TestReadLooksNoNoise reads formatting that looks like nothing, or like
// what the paragraph gives anyway, as no Styled inline: black text and
// white shading as pasted text has them on every run, no highlight, the
// paragraph style's own colour, a style that only makes text italic, and
// a link's style and colour.
func TestReadLooksNoNoise(t *testing.T) {
	parts := pkgParts(`
<w:p><w:r><w:t xml:space="preserve">Один </w:t></w:r><w:r><w:rPr><w:color w:val="000000"/><w:shd w:val="clear" w:color="auto" w:fill="FFFFFF"/></w:rPr><w:t>два</w:t></w:r><w:r><w:rPr><w:highlight w:val="none"/><w:color w:val="auto"/></w:rPr><w:t xml:space="preserve"> три </w:t></w:r><w:r><w:rPr><w:rStyle w:val="Vydelenie"/></w:rPr><w:t>четыре</w:t></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r><w:hyperlink r:id="rLink"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/><w:color w:val="0563C1"/></w:rPr><w:t>пять</w:t></w:r></w:hyperlink></w:p>
<w:p><w:pPr><w:pStyle w:val="Red"/></w:pPr><w:r><w:t xml:space="preserve">Красный </w:t></w:r><w:r><w:rPr><w:color w:val="c00000"/></w:rPr><w:t>абзац</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> целиком</w:t></w:r></w:p>`)
	parts["word/styles.xml"] = strings.Replace(parts["word/styles.xml"], "</w:styles>",
		`<w:style w:type="paragraph" w:styleId="Red"><w:name w:val="Red"/><w:basedOn w:val="a"/><w:rPr><w:color w:val="C00000"/></w:rPr></w:style>`+
			`<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style></w:styles>`, 1)
	d, err := readBytes(t, zipParts(t, parts))
	if err != nil {
		t.Fatal(err)
	}
	if got := styledWords(d); len(got) > 0 {
		t.Errorf("looks read where there are none: %+v", got)
	}
}

// TestWriteLooksWithoutTemplate writes looks of a document from elsewhere
// (a JSON form, another reader) without a template: what DOCX can say is
// written, a character style the package lacks and values of other
// shapes are left out, so the package stays valid.
func TestWriteLooksWithoutTemplate(t *testing.T) {
	styled := func(st doc.Style, text string) doc.Inline {
		return doc.Inline{Type: doc.Styled, Style: &st, Content: []doc.Inline{{Type: doc.Text, Text: text}}}
	}
	d := &doc.Document{Lang: "en", Blocks: []doc.Block{{ID: "p1", Type: doc.Paragraph, Inlines: []doc.Inline{
		{Type: doc.Text, Text: "A "},
		styled(doc.Style{Name: "Nowhere", Highlight: "darkGreen", Color: "12345G", Shading: "abcdef"}, "shaded"),
		{Type: doc.Text, Text: " and "},
		styled(doc.Style{Highlight: `red"/><w:b/>`, Color: "c00000"}, "red"),
		{Type: doc.Text, Text: " word."},
	}}}}
	body := string(checkPackage(t, write(t, d, WriteOptions{}))["word/document.xml"])
	for _, want := range []string{
		`<w:rPr><w:highlight w:val="darkGreen"/><w:shd w:val="clear" w:color="auto" w:fill="ABCDEF"/></w:rPr><w:t xml:space="preserve">shaded</w:t>`,
		`<w:rPr><w:color w:val="C00000"/></w:rPr><w:t xml:space="preserve">red</w:t>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the body lacks %s:\n%s", want, body)
		}
	}
	for _, bad := range []string{"Nowhere", "12345G", "<w:b/>"} {
		if strings.Contains(body, bad) {
			t.Errorf("the body has %s:\n%s", bad, body)
		}
	}
	h := html(t, d)
	for _, want := range []string{
		`<span data-style="Nowhere" style="background-color:#ABCDEF"><mark style="background-color:#008000">shaded</mark></span>`,
		`<span style="color:#C00000">red</span>`,
	} {
		if !strings.Contains(h, want) {
			t.Errorf("the HTML lacks %s:\n%s", want, h)
		}
	}
}
