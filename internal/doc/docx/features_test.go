package docx

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/golden"
)

// featuresBody is a Russian manuscript with what the reader once flattened:
// formulas, symbol fonts, list labels with words, a note with its own
// mark, bookmarks with a table of contents and a cross-reference.
const featuresBody = `
<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>Содержание</w:t></w:r></w:p>
<w:p><w:hyperlink w:anchor="_Toc1"><w:r><w:t>Постановка задачи</w:t></w:r><w:r><w:rPr><w:webHidden/></w:rPr><w:tab/><w:t>2</w:t></w:r></w:hyperlink></w:p>
<w:bookmarkStart w:id="1" w:name="_Toc1"/><w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>Постановка задачи</w:t></w:r><w:r><w:footnoteReference w:customMarkFollows="1" w:id="3"/><w:t>*</w:t></w:r></w:p><w:bookmarkEnd w:id="1"/>
<w:p><w:r><w:t xml:space="preserve">Пусть </w:t></w:r><m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"><m:sSup><m:e><m:r><m:t>x</m:t></m:r></m:e><m:sup><m:r><m:t>2</m:t></m:r></m:sup></m:sSup><m:r><m:t>+</m:t></m:r><m:sSub><m:e><m:r><m:t>y</m:t></m:r></m:e><m:sub><m:r><m:t>1</m:t></m:r></m:sub></m:sSub></m:oMath><w:r><w:t xml:space="preserve"> при </w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr><w:t>l</w:t></w:r><w:r><w:t xml:space="preserve"> = 5 </w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr><w:t>m</w:t></w:r><w:r><w:t>м</w:t></w:r><w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>.</w:t></w:r></w:p>
<w:p><m:oMathPara xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"><m:oMath><m:f><m:num><m:r><m:t>a+1</m:t></m:r></m:num><m:den><m:r><m:t>b</m:t></m:r></m:den></m:f><m:r><m:t>=</m:t></m:r><m:rad><m:radPr><m:degHide m:val="1"/></m:radPr><m:deg/><m:e><m:r><m:t>c</m:t></m:r></m:e></m:rad></m:oMath></m:oMathPara></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="9"/></w:numPr></w:pPr><w:r><w:t>Общие положения</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="9"/></w:numPr></w:pPr><w:r><w:t>Термины</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="9"/></w:numPr></w:pPr><w:r><w:t>Цели</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">См. </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF _Toc1 \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>постановку</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r></w:p>
`

// TestFeaturesGolden writes the manuscript as HTML, Markdown and JSON and
// compares them with the reviewed outputs.
func TestFeaturesGolden(t *testing.T) {
	parts := pkgParts(featuresBody)
	parts["word/numbering.xml"] = strings.Replace(parts["word/numbering.xml"], "</w:numbering>",
		`<w:abstractNum w:abstractNumId="9"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Статья %1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl></w:abstractNum><w:num w:numId="9"><w:abstractNumId w:val="9"/></w:num></w:numbering>`, 1)
	parts["word/footnotes.xml"] = strings.Replace(parts["word/footnotes.xml"], "</w:footnotes>",
		`<w:footnote w:id="3"><w:p><w:r><w:t>*</w:t></w:r><w:r><w:t xml:space="preserve"> Доклад на форуме.</w:t></w:r></w:p></w:footnote></w:footnotes>`, 1)
	d, err := readBytes(t, zipParts(t, parts))
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "features-ru.html", []byte(html(t, d)))
	var m bytes.Buffer
	if err := doc.WriteMarkdown(&m, d); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "features-ru.md", m.Bytes())
	j, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "features-ru.json", append(j, '\n'))
}
