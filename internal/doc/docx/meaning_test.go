package docx

import (
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// readBody reads a package around body, with extra or replaced parts.
func readBody(t *testing.T, body string, parts map[string]string) *doc.Document {
	t.Helper()
	all := pkgParts(body)
	for k, v := range parts {
		all[k] = v
	}
	d, err := readBytes(t, zipParts(t, all))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestCustomNoteMarks checks footnotes referenced with a mark of their own
// (w:customMarkFollows): the mark is shown, no number is invented for it,
// and the next note is number 1.
func TestCustomNoteMarks(t *testing.T) {
	footnotes := `<?xml version="1.0" encoding="UTF-8"?><w:footnotes ` + wns + `>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:t>*</w:t></w:r><w:r><w:t xml:space="preserve"> Доклад на форуме 2021 года.</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Первая настоящая сноска.</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="3"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Вторая.</w:t></w:r></w:p></w:footnote>
</w:footnotes>`
	body := `<w:p><w:r><w:t>Заглавие</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>*</w:t></w:r></w:p>
<w:p><w:r><w:t>Текст</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:t xml:space="preserve"> и ещё</w:t></w:r><w:r><w:footnoteReference w:id="3"/></w:r></w:p>`
	d := readBody(t, body, map[string]string{"word/footnotes.xml": footnotes})
	var refs []string
	for _, b := range d.Blocks {
		doc.WalkInlines(b.Inlines, func(in *doc.Inline) {
			if in.Type == doc.NoteRef {
				refs = append(refs, in.Mark)
			}
		})
	}
	if strings.Join(refs, ",") != "*,," {
		t.Errorf("note reference marks = %q, want the first marked *", refs)
	}
	if got := doc.BlockText(&d.Blocks[0]); got != "Заглавие" {
		t.Errorf("the mark stays in the text: %q", got)
	}
	if got := doc.BlockText(&d.Notes[0].Blocks[0]); got != "Доклад на форуме 2021 года." {
		t.Errorf("marked note text = %q, want it without its mark", got)
	}
	h := html(t, d)
	for _, w := range []string{`role="doc-noteref">*</a></sup></p>`, `Текст<sup><a id="ref-`, `role="doc-noteref">1</a></sup> и ещё`, `role="doc-noteref">2</a>`,
		`role="doc-backlink">*</a><div>`} {
		if !strings.Contains(h, w) {
			t.Errorf("HTML lacks %s\n%s", w, h)
		}
	}
	if strings.Contains(h, ">3</a>") || strings.Contains(h, "1*") {
		t.Errorf("HTML numbers the marked note:\n%s", h)
	}
}

// TestBookmarksAndInternalLinks checks that bookmarks become anchors and
// that every internal link (w:hyperlink w:anchor, HYPERLINK \l, REF and
// PAGEREF with \h) points at one, or loses its link and keeps its text.
func TestBookmarksAndInternalLinks(t *testing.T) {
	fld := func(instr, result string) string {
		return `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ` + instr + ` </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` + result + `<w:r><w:fldChar w:fldCharType="end"/></w:r>`
	}
	body := `<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>Оглавление</w:t></w:r></w:p>
<w:p>` + fld(`HYPERLINK \l "_Toc100"`, `<w:r><w:t>Введение</w:t></w:r><w:r><w:tab/></w:r>`+fld(`PAGEREF _Toc100 \h`, `<w:r><w:rPr><w:webHidden/></w:rPr><w:t>3</w:t></w:r>`)) + `</w:p>
<w:p><w:hyperlink w:anchor="_Toc200"><w:r><w:t>Методы</w:t></w:r></w:hyperlink></w:p>
<w:bookmarkStart w:id="1" w:name="_Toc100"/><w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>Введение</w:t></w:r></w:p><w:bookmarkEnd w:id="1"/>
<w:p><w:bookmarkStart w:id="9" w:name="_GoBack"/><w:bookmarkEnd w:id="9"/><w:r><w:t xml:space="preserve">См. </w:t></w:r>` + fld(`REF _Ref300 \h`, `<w:r><w:t>таблицу 1</w:t></w:r>`) + `<w:r><w:t xml:space="preserve"> и </w:t></w:r>` + fld(`REF Missing \h`, `<w:r><w:t>рисунок 2</w:t></w:r>`) + `<w:r><w:t xml:space="preserve">, </w:t></w:r>` + fld(`REF _Ref300`, `<w:r><w:t>без ссылки</w:t></w:r>`) + `</w:p>
<w:p><w:bookmarkStart w:id="2" w:name="_Toc200"/><w:bookmarkEnd w:id="2"/></w:p>
<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>Методы</w:t></w:r></w:p>
<w:p><w:bookmarkStart w:id="3" w:name="_Ref300"/><w:r><w:t>Таблица 1.</w:t></w:r><w:bookmarkEnd w:id="3"/><w:bookmarkStart w:id="4" w:name="Итоги"/><w:bookmarkEnd w:id="4"/></w:p>`
	d := readBody(t, body, nil)
	h := html(t, d)
	for _, w := range []string{
		`<a href="#_Toc100">Введение</a>`, `<a href="#_Toc200">Методы</a>`,
		`"><span id="_Toc100"></span>Введение</h1>`, `"><span id="_Toc200"></span>Методы</h1>`,
		`См. <a href="#_Ref300">таблицу 1</a> и рисунок 2, без ссылки</p>`,
		`<span id="_Ref300"></span>Таблица 1.<span id="Итоги"></span></p>`,
	} {
		if !strings.Contains(h, w) {
			t.Errorf("HTML lacks %s\n%s", w, h)
		}
	}
	for _, a := range []string{"_GoBack", "Missing", ">3<", "<p></p>"} {
		if strings.Contains(h, a) {
			t.Errorf("HTML holds %s\n%s", a, h)
		}
	}
	if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0], `"#Missing"`) {
		t.Errorf("warnings = %q, want one about #Missing", d.Warnings)
	}
}

// TestTitleAndAuthors checks the title and authors from the core
// properties, and the Title-styled paragraph when they have no title.
func TestTitleAndAuthorsFromDOCX(t *testing.T) {
	styles := strings.Replace(pkgParts("")["word/styles.xml"], "</w:styles>",
		`<w:style w:type="paragraph" w:styleId="Zag"><w:name w:val="Title"/><w:basedOn w:val="a"/></w:style></w:styles>`, 1)
	rels := `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`
	core := func(title string) string {
		return `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>` + title + `</dc:title><dc:creator>Иван Петров; Ли Мин</dc:creator><cp:keywords>договор; Китай, Россия</cp:keywords></cp:coreProperties>`
	}
	body := `<w:p><w:pPr><w:pStyle w:val="Zag"/></w:pPr><w:r><w:t xml:space="preserve">Двадцать лет  договора</w:t></w:r></w:p><w:p><w:r><w:t>Текст.</w:t></w:r></w:p>`
	d := readBody(t, body, map[string]string{"word/styles.xml": styles, "_rels/.rels": rels, "docProps/core.xml": core("Договор: двадцать лет")})
	if d.Title != "Договор: двадцать лет" || strings.Join(d.Authors, "|") != "Иван Петров|Ли Мин" || strings.Join(d.Keywords, "|") != "договор|Китай|Россия" {
		t.Errorf("title %q, authors %q, keywords %q", d.Title, d.Authors, d.Keywords)
	}
	d = readBody(t, body, map[string]string{"word/styles.xml": styles, "_rels/.rels": rels, "docProps/core.xml": core("")})
	if d.Title != "Двадцать лет  договора" {
		t.Errorf("title %q, want the Title paragraph's text", d.Title)
	}
	if d.Blocks[0].Type != doc.Heading {
		t.Errorf("the Title paragraph is no longer a heading: %+v", d.Blocks[0])
	}
	var b strings.Builder
	if err := doc.WriteHTML(&b, d, doc.HTMLOptions{Standalone: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "<title>Двадцать лет  договора</title>") {
		t.Errorf("page title:\n%s", b.String())
	}
}

// TestLanguageTags checks that language tags from the file are checked:
// a bad one is dropped with a warning, never written, and Word's x-none
// (no language) is no language.
func TestLanguageTags(t *testing.T) {
	body := `<w:p><w:r><w:rPr><w:lang w:val="!!bad"/></w:rPr><w:t>Hello there.</w:t></w:r></w:p>` +
		`<w:p><w:r><w:rPr><w:lang w:val="x-none"/></w:rPr><w:t>Second.</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>This paragraph is in the default language of the document.</w:t></w:r></w:p>` +
		`<w:p><w:r><w:rPr><w:lang w:val="ru-ru"/></w:rPr><w:t>Привет.</w:t></w:r></w:p>`
	styles := strings.Replace(pkgParts("")["word/styles.xml"], `w:val="en-US"`, `w:val="en_us"`, 1)
	d := readBody(t, body, map[string]string{"word/styles.xml": styles})
	h := html(t, d)
	if strings.Contains(h, "bad") || strings.Contains(h, "x-none") || !strings.Contains(h, `lang="ru-RU"`) {
		t.Errorf("HTML:\n%s", h)
	}
	if d.Lang != "en-US" {
		t.Errorf("document language %q, want en-US (the style default, canonical)", d.Lang)
	}
	if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0], `"!!bad"`) {
		t.Errorf("warnings = %q", d.Warnings)
	}
}

// TestRunMeaning checks run properties that change what a reader sees:
// capitals shown for w:caps, text hidden from web pages, ruby guides.
func TestRunMeaning(t *testing.T) {
	body := `<w:p><w:r><w:rPr><w:caps/></w:rPr><w:t>nato</w:t></w:r><w:r><w:t xml:space="preserve"> summit</w:t></w:r><w:r><w:rPr><w:webHidden/></w:rPr><w:t>12</w:t></w:r></w:p>` +
		`<w:p><w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>zhōng</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>中</w:t></w:r></w:rubyBase></w:ruby></w:r></w:p>`
	body += `<w:p><w:r><w:t>Chart: </w:t></w:r><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"/></a:graphic></wp:inline></w:drawing></w:r></w:p>` +
		`<w:p><w:r><w:t>E = </w:t></w:r><w:r><w:object><o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office" ProgID="Equation.3"/></w:object></w:r></w:p>`
	d := readBody(t, body, nil)
	if got := doc.BlockText(&d.Blocks[0]); got != "NATO summit" {
		t.Errorf("text = %q, want NATO summit", got)
	}
	if got := doc.BlockText(&d.Blocks[1]); got != "中" {
		t.Errorf("ruby base = %q", got)
	}
	want := "1 phonetic guide (ruby) left out; their base text is kept\ncharts whose data and labels are not carried: 1\nformulas kept only as pictures (Equation Editor or MathType objects): 1"
	if got := strings.Join(d.Warnings, "\n"); got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
}

// TestCustomNoteMarkRuns reads notes whose own mark is in a run of its own
// (superscript, or a symbol of the Symbol font): the mark taken out of the
// note's text leaves no empty superscript behind, in the model or in HTML.
func TestCustomNoteMarkRuns(t *testing.T) {
	sup := `<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>`
	footnotes := `<?xml version="1.0" encoding="UTF-8"?><w:footnotes ` + wns + `>
<w:footnote w:id="1"><w:p><w:r>` + sup + `<w:t>*</w:t></w:r><w:r><w:t xml:space="preserve"> Первая.</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r>` + sup + `<w:sym w:font="Symbol" w:char="F0A7"/></w:r><w:r><w:t xml:space="preserve"> Вторая.</w:t></w:r></w:p></w:footnote>
</w:footnotes>`
	body := `<w:p><w:r><w:t>Текст</w:t></w:r><w:r>` + sup + `<w:footnoteReference w:customMarkFollows="1" w:id="1"/></w:r><w:r>` + sup + `<w:t>*</w:t></w:r>` +
		`<w:r><w:t xml:space="preserve"> и </w:t></w:r><w:r>` + sup + `<w:footnoteReference w:customMarkFollows="1" w:id="2"/><w:sym w:font="Symbol" w:char="F0A7"/></w:r></w:p>`
	d := readBody(t, body, map[string]string{"word/footnotes.xml": footnotes})
	for _, n := range d.Notes {
		doc.WalkInlines(n.Blocks[0].Inlines, func(in *doc.Inline) {
			if in.Type.IsMark() && !doc.Shows(in.Content) {
				t.Errorf("note %s keeps an empty %s", n.ID, in.Type)
			}
		})
		// The space after the mark, in the next run, goes with it.
		if text := doc.PlainText(n.Blocks[0].Inlines); text != "Первая." && text != "Вторая." {
			t.Errorf("note %s reads %q", n.ID, text)
		}
	}
	h := html(t, d)
	if strings.Contains(h, "<sup></sup>") {
		t.Errorf("HTML has an empty superscript:\n%s", h)
	}
	for _, w := range []string{`role="doc-noteref">*</a>`, `role="doc-noteref">♣</a>`} {
		if !strings.Contains(h, w) {
			t.Errorf("HTML lacks %s:\n%s", w, h)
		}
	}
}
