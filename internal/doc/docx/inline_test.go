package docx

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// inlineShape writes inlines compactly for comparison: text as it is,
// breaks as ⏎ (line), ⤓ (page) and ⇥ (column), a link as [text](href),
// an anchor as {id}, a field as ⟦instruction=value⟧.
func inlineShape(ins []doc.Inline) string {
	var b strings.Builder
	for _, in := range ins {
		switch in.Type {
		case doc.Text:
			b.WriteString(in.Text)
		case doc.LineBreak:
			b.WriteString(map[string]string{"": "⏎", doc.BreakPage: "⤓", doc.BreakColumn: "⇥"}[in.Break])
		case doc.Link:
			b.WriteString("[" + inlineShape(in.Content) + "](" + in.Href + ")")
		case doc.Anchor:
			b.WriteString("{" + in.ID + "}")
		case doc.Field:
			b.WriteString("⟦" + in.Instr + "=" + in.Text + "⟧")
		default:
			b.WriteString(inlineShape(in.Content))
		}
	}
	return b.String()
}

func blockShapes(d *doc.Document) []string {
	var out []string
	for _, b := range d.Blocks {
		switch b.Type {
		case doc.SectionBreak:
			out = append(out, "§")
		default:
			out = append(out, inlineShape(b.Inlines))
		}
	}
	return out
}

func run(text string) string { return `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r>` }

// TestInlineSeparators checks every element inside a paragraph that stands
// between words without being a character of the text: each keeps the
// words apart as the source shows them (a break, a tab) or, when it is
// layout only, leaves them as they are.
func TestInlineSeparators(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       []string
	}{
		{"page break", `<w:p>` + run("текст") + `<w:r><w:br w:type="page"/></w:r>` + run("после") + `</w:p>`, []string{"текст⤓после"}},
		{"page break inside a run", `<w:p><w:r><w:t>текст</w:t><w:br w:type="page"/><w:t>после</w:t></w:r></w:p>`, []string{"текст⤓после"}},
		{"column break", `<w:p><w:r><w:t>左栏</w:t><w:br w:type="column"/><w:t>右栏</w:t></w:r></w:p>`, []string{"左栏⇥右栏"}},
		{"a paragraph holding only a page break stays", `<w:p>` + run("Глава 1.") + `</w:p><w:p><w:r><w:br w:type="page"/></w:r></w:p><w:p>` + run("Глава 2.") + `</w:p>`, []string{"Глава 1.", "⤓", "Глава 2."}},
		{"text wrapping break", `<w:p><w:r><w:t>one</w:t><w:br w:type="textWrapping" w:clear="all"/><w:t>two</w:t></w:r></w:p>`, []string{"one⏎two"}},
		{"carriage return", `<w:p><w:r><w:t>one</w:t><w:cr/><w:t>two</w:t></w:r></w:p>`, []string{"one⏎two"}},
		{"last rendered page break is layout", `<w:p>` + run("сло") + `<w:r><w:lastRenderedPageBreak/><w:t>во</w:t></w:r></w:p>`, []string{"слово"}},
		{"tab and positional tab", `<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/><w:t>c</w:t></w:r></w:p>`, []string{"a\tb\tc"}},
		{"hyphens", `<w:p><w:r><w:t>северо</w:t><w:noBreakHyphen/><w:t>запад, пере</w:t><w:softHyphen/><w:t>нос</w:t></w:r></w:p>`, []string{"северо\u2011запад, пере\u00adнос"}},
		{"symbol", `<w:p><w:r><w:t>5 </w:t><w:sym w:font="Symbol" w:char="F06D"/><w:t>m</w:t></w:r></w:p>`, []string{"5 μm"}},
		{"deleted text of a tracked change", `<w:p>` + run("было ") + `<w:del w:id="1" w:author="A"><w:r><w:delText>старое </w:delText></w:r></w:del><w:ins w:id="2" w:author="A">` + run("новое") + `</w:ins></w:p>`, []string{"было новое"}},
		{"field result", `<w:p>` + run("см. ") + `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF _Ref1 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` + run("таблицу 1") + `<w:r><w:fldChar w:fldCharType="end"/></w:r>` + run(".") + `</w:p>`, []string{"см. ⟦REF _Ref1=таблицу 1⟧."}},
		{"section break inside a paragraph", `<w:p><w:pPr><w:sectPr><w:type w:val="nextPage"/></w:sectPr></w:pPr>` + run("Конец части.") + `</w:p><w:p>` + run("Часть 2.") + `</w:p>`, []string{"Конец части.", "§", "Часть 2."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := readBody(t, tc.body, nil)
			if got := blockShapes(d); strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("blocks = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestPageBreakOut checks that a page break is written by every writer as
// a break, never as nothing: words on either side stay apart.
func TestPageBreakOut(t *testing.T) {
	d := readBody(t, `<w:p>`+run("текст")+`<w:r><w:br w:type="page"/></w:r>`+run("после")+`</w:p>`, nil)
	if got := doc.BlockText(&d.Blocks[0]); got != "текст\nпосле" {
		t.Errorf("plain text = %q, want the words apart", got)
	}
	if h := html(t, d); !strings.Contains(h, `текст<br class="page-break">после`) {
		t.Errorf("HTML lacks the page break:\n%s", h)
	}
	var md strings.Builder
	if err := doc.WriteMarkdown(&md, d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), `текст<br class="page-break">после`) {
		t.Errorf("Markdown lacks the page break:\n%s", md.String())
	}
	j, _ := json.Marshal(d.Blocks[0].Inlines)
	if !strings.Contains(string(j), `{"type":"linebreak","break":"page"}`) {
		t.Errorf("JSON = %s, want a linebreak of kind page", j)
	}
}

// tocStyles adds the styles of table of contents entries, as Word (toc 1)
// and LibreOffice (Contents 1) name them.
func tocStyles() map[string]string {
	return map[string]string{"word/styles.xml": strings.Replace(pkgParts("")["word/styles.xml"], "</w:styles>",
		`<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="a"/></w:style>`+
			`<w:style w:type="paragraph" w:styleId="Contents1"><w:name w:val="Contents 1"/><w:basedOn w:val="a"/></w:style></w:styles>`, 1)}
}

func fieldXML(instr, result string) string {
	return `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ` + instr + ` </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` + result + `<w:r><w:fldChar w:fldCharType="end"/></w:r>`
}

// TestTableOfContentsPageNumbers checks that the page numbers of the
// source never become text: a table of contents keeps each entry's text
// and link without its tab leader and number, however the table was made,
// while page fields in the running text are fields showing their value.
func TestTableOfContentsPageNumbers(t *testing.T) {
	heading := `<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:bookmarkStart w:id="1" w:name="_Toc1"/>` + run("Введение") + `<w:bookmarkEnd w:id="1"/></w:p>`
	wordEntry := func(rpr string) string {
		return `<w:p><w:pPr><w:pStyle w:val="TOC1"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9345"/></w:tabs></w:pPr><w:hyperlink w:anchor="_Toc1" w:history="1">` + run("Введение") +
			`<w:r><w:rPr>` + rpr + `</w:rPr><w:tab/></w:r>` + fieldXML(`PAGEREF _Toc1 \h`, `<w:r><w:rPr>`+rpr+`</w:rPr><w:t>1</w:t></w:r>`) + `</w:hyperlink></w:p>`
	}
	for _, tc := range []struct {
		name, body string
		want       []string
		warn       string
	}{
		{"Word, web-hidden numbers", fieldXML(`TOC \o "1-3" \h \z \u`, "") + wordEntry(`<w:webHidden/>`) + heading,
			[]string{"[Введение](#_Toc1)", "{_Toc1}Введение"}, ""},
		{"Word, visible numbers", `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \o "1-3" \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r></w:p>` +
			strings.Replace(wordEntry(""), "</w:p>", `<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`, 1) + heading,
			[]string{"[Введение](#_Toc1)", "{_Toc1}Введение"}, ""},
		{"LibreOffice, plain numbers", `<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>` +
			`<w:p><w:pPr><w:pStyle w:val="Contents1"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \f \o "1-9" \h</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:hyperlink w:anchor="_Toc1">` + run("Введение") + `<w:r><w:tab/></w:r>` + run("1") + `</w:hyperlink></w:p>` +
			`<w:p><w:pPr><w:pStyle w:val="Contents1"/></w:pPr><w:hyperlink w:anchor="_Toc1">` + run("Предисловие") + `<w:r><w:tab/></w:r>` + run("iv") + `</w:hyperlink><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:sdtContent></w:sdt>` + heading,
			[]string{"[Введение](#_Toc1)", "[Предисловие](#_Toc1)", "{_Toc1}Введение"}, ""},
		{"LibreOffice, web-hidden entries", `<w:sdt><w:sdtContent><w:p><w:pPr><w:pStyle w:val="Contents1"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r>` +
			`<w:r><w:rPr><w:webHidden/></w:rPr><w:instrText> TOC \z \o "1-3" \u \h</w:instrText></w:r><w:r><w:rPr><w:webHidden/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r>` +
			`<w:hyperlink w:anchor="_Toc1"><w:r><w:rPr><w:webHidden/></w:rPr><w:t>Введение</w:t></w:r><w:r><w:rPr><w:webHidden/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>` +
			`<w:r><w:rPr><w:webHidden/></w:rPr><w:instrText>PAGEREF _Toc1 \h</w:instrText></w:r><w:r><w:rPr><w:webHidden/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r>` +
			`<w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:tab/><w:t>1</w:t></w:r><w:r><w:rPr><w:webHidden/></w:rPr><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>` +
			`<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:sdtContent></w:sdt>` + heading,
			[]string{"[Введение](#_Toc1)", "{_Toc1}Введение"}, ""},
		{"a contents style without a field", `<w:p><w:pPr><w:pStyle w:val="Contents1"/></w:pPr>` + run("1.\tВведение\t3-12") + `</w:p>`,
			[]string{"1.\tВведение"}, ""},
		{"a number after a tab in running text stays", `<w:p>` + run("Итого\t12") + `</w:p>`, []string{"Итого\t12"}, ""},
		{"a page reference in the running text", `<w:p>` + run("см. с. ") + fieldXML(`PAGEREF _Ref5 \h`, run("5")) + run(", всего ") + `<w:fldSimple w:instr=" NUMPAGES ">` + run("9") + `</w:fldSimple>` + run(" с.") + `</w:p>`,
			[]string{"см. с. ⟦PAGEREF _Ref5 \\h=5⟧, всего ⟦NUMPAGES=9⟧ с."}, `a link points at "#_Ref5"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := readBody(t, tc.body, tocStyles())
			if got := blockShapes(d); strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("blocks = %q, want %q", got, tc.want)
			}
			warned := strings.Join(d.Warnings, "\n")
			if tc.warn == "" && warned != "" || !strings.Contains(warned, tc.warn) {
				t.Errorf("warnings = %q, want %q", d.Warnings, tc.warn)
			}
		})
	}
}

// TestPageBreakWrittenBack checks that a DOCX written from the document
// breaks the page where the source did, with or without the source as
// template.
func TestPageBreakWrittenBack(t *testing.T) {
	body := `<w:p>` + run("текст") + `<w:r><w:br w:type="page"/></w:r>` + run("после") + `</w:p><w:p><w:r><w:br w:type="column"/></w:r></w:p><w:p>` + run("строка") + `<w:r><w:br/></w:r>` + run("ещё") + `</w:p>`
	src := zipParts(t, pkgParts(body))
	d, err := readBytes(t, src)
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := OpenTemplate(src, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for name, opt := range map[string]WriteOptions{"blank": {}, "template": {Template: tmpl}} {
		out := write(t, d, opt)
		back, err := readBytes(t, out)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := blockShapes(back), []string{"текст⤓после", "⇥", "строка⏎ещё"}; strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: read back %q, want %q", name, got, want)
		}
	}
}

// TestMissingImages checks that an image the package does not hold (a
// relationship to a missing part, an image linked from outside, an id with
// no relationship) keeps its description in its place and is reported
// once per kind, never silently.
func TestMissingImages(t *testing.T) {
	img := func(attr, descr string) string {
		return `<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:docPr id="1" name="p" descr="` + descr + `"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip ` + attr + `/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`
	}
	rels := strings.Replace(pkgParts("")["word/_rels/document.xml.rels"], "</Relationships>",
		`<Relationship Id="rGone" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/gone.png"/>`+
			`<Relationship Id="rFar" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="https://example.org/map.png" TargetMode="External"/></Relationships>`, 1)
	body := `<w:p>` + run("Карта: ") + img(`r:embed="rGone"`, "карта") + run(", схема: ") + img(`r:link="rFar"`, "схема") + `</w:p>` +
		`<w:p>` + img(`r:embed="rGone"`, "вторая") + `</w:p><w:p>` + img(`r:embed="rNone"`, "третья") + `</w:p>`
	d := readBody(t, body, map[string]string{"word/_rels/document.xml.rels": rels})
	h := html(t, d)
	for _, w := range []string{"Карта: карта, схема: схема", `<span class="missing-image">вторая</span>`, `<span class="missing-image">третья</span>`} {
		if !strings.Contains(h, w) {
			t.Errorf("HTML lacks %s\n%s", w, h)
		}
	}
	want := []string{
		"images whose part is missing from the package: descriptions kept in their place: 2",
		"images linked from outside the file (r:link), not fetched: descriptions kept in their place: 1",
		"images whose relationship is missing from the package: descriptions kept in their place: 1",
	}
	got := strings.Join(d.Warnings, "\n")
	for _, w := range want {
		if strings.Count(got, w) != 1 {
			t.Errorf("warnings = %q, want once %q", d.Warnings, w)
		}
	}
	if len(d.Warnings) != len(want) {
		t.Errorf("%d warnings, want %d: %q", len(d.Warnings), len(want), d.Warnings)
	}
}
