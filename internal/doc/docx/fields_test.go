package docx

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// fieldSimple is a w:fldSimple with its result runs.
func fieldSimple(instr, result string) string {
	return `<w:fldSimple w:instr="` + strings.ReplaceAll(instr, `"`, "&quot;") + `">` + result + `</w:fldSimple>`
}

// refTarget is a paragraph holding the bookmark _Ref1.
const refTarget = `<w:p><w:bookmarkStart w:id="1" w:name="_Ref1"/>` + `<w:r><w:t>Таблица 1</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p>`

// TestBodyFields checks that every kind of field in the body is read as
// the source shows it: a field inline keeping the instruction and the
// value last shown, a link for hyperlinks and for cross-references with
// \h to a bookmark the document has, and text for the fields whose
// result is text of the document.
func TestBodyFields(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       []string
	}{
		{"page reference", `<w:p>` + run("см. на с. ") + fieldXML(`PAGEREF _Ref1 \h`, run("5")) + run(".") + `</w:p>` + refTarget,
			[]string{`см. на с. [⟦PAGEREF _Ref1 \h=5⟧](#_Ref1).`, "{_Ref1}Таблица 1"}},
		{"page reference without a link", `<w:p>` + run("см. на с. ") + fieldXML(`PAGEREF _Ref1`, run("5")) + run(".") + `</w:p>` + refTarget,
			[]string{`см. на с. ⟦PAGEREF _Ref1=5⟧.`, "Таблица 1"}},
		{"simple fields", `<w:p>` + run("Рисунок ") + fieldSimple(`SEQ Рисунок \* ARABIC`, run("3")) + run(", стр. ") + fieldSimple(`PAGE`, run("7")) + run(" из ") + fieldSimple(` NUMPAGES  \* MERGEFORMAT `, run("12")) + `</w:p>`,
			[]string{`Рисунок ⟦SEQ Рисунок \* ARABIC=3⟧, стр. ⟦PAGE=7⟧ из ⟦NUMPAGES  \* MERGEFORMAT=12⟧`}},
		{"result over several runs", `<w:p>` + run("Дата: ") + fieldXML(`DATE \@ "d MMMM yyyy"`, run("16 июля")+`<w:r><w:tab/></w:r>`+run("2021")) + `</w:p>`,
			[]string{"Дата: ⟦DATE \\@ \"d MMMM yyyy\"=16 июля\t2021⟧"}},
		{"a result of hidden text shows nothing of it", `<w:p>` + run("x ") + fieldXML(`STYLEREF 1 \s`, run("2")+`<w:r><w:rPr><w:vanish/></w:rPr><w:t>скрыто</w:t></w:r>`) + `</w:p>`,
			[]string{`x ⟦STYLEREF 1 \s=2⟧`}},
		{"empty result", `<w:p>` + run("a ") + fieldXML(`REF _Ref1 \h`, "") + run(" b") + `</w:p>` + refTarget,
			[]string{`a [⟦REF _Ref1 \h=⟧](#_Ref1) b`, "{_Ref1}Таблица 1"}},
		{"no result at all", `<w:p>` + run("термин") + `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> XE "термин" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`,
			[]string{`термин⟦XE "термин"=⟧`}},
		{"nested in the instruction", `<w:p>` + run("Итог: ") + `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>` +
			`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF _Ref1 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` + run("Таблица 1") + `<w:r><w:fldChar w:fldCharType="end"/></w:r>` +
			`<w:r><w:instrText xml:space="preserve"> = "" "нет" "есть" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` + run("есть") + `<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>` + refTarget,
			[]string{`Итог: ⟦IF { REF _Ref1 } = "" "нет" "есть"=есть⟧`, "Таблица 1"}},
		{"nested in the result", `<w:p>` + fieldXML(`QUOTE "a"`, run("в ")+fieldXML(`PAGE`, run("4"))+run(" раз")) + `</w:p>`,
			[]string{`⟦QUOTE "a"=в 4 раз⟧`}},
		{"inside a hyperlink", `<w:p><w:hyperlink w:anchor="_Ref1">` + run("с. ") + fieldXML(`PAGEREF _Ref1 \h`, run("5")) + `</w:hyperlink></w:p>` + refTarget,
			[]string{`[с. ⟦PAGEREF _Ref1 \h=5⟧](#_Ref1)`, "{_Ref1}Таблица 1"}},
		{"inside a hyperlink field", `<w:p>` + fieldXML(`HYPERLINK "https://example.org/"`, run("сайт, с. ")+fieldSimple(`PAGE`, run("2"))) + `</w:p>`,
			[]string{`[сайт, с. ⟦PAGE=2⟧](https://example.org/)`}},
		{"in a table cell", `<w:tbl><w:tr><w:tc><w:p>` + run("№ ") + fieldSimple(`SEQ Таблица`, run("2")) + `</w:p></w:tc></w:tr></w:tbl>`,
			nil},
		{"form text is text", `<w:p>` + run("Имя: ") + `<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Text1"/><w:enabled/><w:textInput/></w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` + run("Иван") + `<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`,
			[]string{"Имя: Иван"}},
		{"a bibliography is paragraphs of text", `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ADDIN EN.REFLIST </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` + run("1. Иванов И. Книга.") + `</w:p><w:p>` + run("2. Петров П. Статья.") + `<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`,
			[]string{"1. Иванов И. Книга.", "2. Петров П. Статья."}},
		{"a result over two paragraphs is text", `<w:p>` + run("Ссылка: ") + `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ADDIN CITAVI.PLACEHOLDER </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` + run("первая часть") + `</w:p><w:p>` + run("вторая часть") + `<w:r><w:fldChar w:fldCharType="end"/></w:r>` + run(".") + `</w:p>`,
			[]string{"Ссылка: первая часть", "вторая часть."}},
		{"a page reference to a heading in running text", `<w:p>` + run("См. с. ") + fieldXML(`PAGEREF _Toc7 \h`, run("12")) + run(".") + `</w:p>`,
			[]string{`См. с. ⟦PAGEREF _Toc7 \h=12⟧.`}},
		{"a citation is a field", `<w:p>` + run("Как показано ") + fieldXML(`ADDIN ZOTERO_ITEM CSL_CITATION {"citationID":"a1"}`, run("(Иванов 2001)")) + run(".") + `</w:p>`,
			[]string{`Как показано ⟦ADDIN ZOTERO_ITEM CSL_CITATION {"citationID":"a1"}=(Иванов 2001)⟧.`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := readBody(t, tc.body, nil)
			got := blockShapes(d)
			if tc.want == nil {
				// The table's cell.
				got = []string{inlineShape(d.Blocks[0].Table.Rows[0].Cells[0].Blocks[0].Inlines)}
				tc.want = []string{`№ ⟦SEQ Таблица=2⟧`}
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("blocks = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestBodyFieldFormatting checks that a field inline carries the
// formatting of the value it shows.
func TestBodyFieldFormatting(t *testing.T) {
	d := readBody(t, `<w:p>`+run("Глава ")+fieldXML(`STYLEREF 1 \n`, `<w:r><w:rPr><w:b/></w:rPr><w:t>2</w:t></w:r>`)+`</w:p>`, nil)
	ins := d.Blocks[0].Inlines
	if len(ins) != 2 || ins[1].Type != doc.Strong || len(ins[1].Content) != 1 || ins[1].Content[0].Type != doc.Field {
		t.Fatalf("inlines = %+v, want text then a bold field", ins)
	}
}

// TestFieldInNote checks fields in a footnote: a simple field and a
// complex one, both kept as fields showing their value.
func TestFieldInNote(t *testing.T) {
	notes := `<?xml version="1.0" encoding="UTF-8"?><w:footnotes ` + wns + `>
<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>` + run(" См. примечание ") + fieldSimple(`NOTEREF _Ref9 \h`, run("3")) + run(" на с. ") + fieldXML(`PAGEREF _Ref9`, run("14")) + run(".") + `</w:p></w:footnote></w:footnotes>`
	d := readBody(t, `<w:p>`+run("Текст")+`<w:r><w:footnoteReference w:id="1"/></w:r></w:p>`, map[string]string{"word/footnotes.xml": notes})
	if len(d.Notes) != 1 {
		t.Fatalf("notes = %+v", d.Notes)
	}
	// _Ref9 is not in the document: the link goes, the field stays.
	if got, want := inlineShape(d.Notes[0].Blocks[0].Inlines), `См. примечание ⟦NOTEREF _Ref9 \h=3⟧ на с. ⟦PAGEREF _Ref9=14⟧.`; got != want {
		t.Errorf("note = %q, want %q", got, want)
	}
}

// TestFieldsWritten checks that the HTML, Markdown and JSON writers show
// a body field's value where the source showed it, and that JSON keeps
// its instruction.
func TestFieldsWritten(t *testing.T) {
	d := readBody(t, `<w:p>`+run("см. на с. ")+fieldXML(`PAGEREF _Ref1 \h`, run("5"))+run(".")+`</w:p>`+refTarget, nil)
	if h := html(t, d); !strings.Contains(h, `см. на с. <a href="#_Ref1">5</a>.`) {
		t.Errorf("HTML lacks the page number:\n%s", h)
	}
	var md strings.Builder
	if err := doc.WriteMarkdown(&md, d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), `см. на с. [5](#_Ref1).`) {
		t.Errorf("Markdown lacks the page number:\n%s", md.String())
	}
	js, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), `{"type":"field","text":"5","instr":"PAGEREF _Ref1 \\h"}`) {
		t.Errorf("JSON lacks the field:\n%s", js)
	}
	if len(d.Warnings) != 0 {
		t.Errorf("warnings = %q, want none", d.Warnings)
	}
}
