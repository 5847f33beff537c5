package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/golden"
)

const wns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

// pkgParts returns the parts of a minimal DOCX package around a body, with
// styles, numbering, footnotes and comments, for features LibreOffice
// cannot write.
func pkgParts(body string) map[string]string {
	return map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/_rels/document.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rSt" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rNum" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rFn" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
<Relationship Id="rCm" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>
<Relationship Id="rLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/ru" TargetMode="External"/>
</Relationships>`,
		"word/styles.xml": `<?xml version="1.0" encoding="UTF-8"?><w:styles ` + wns + `>
<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Zagolovok"><w:name w:val="Мой заголовок"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="1"/><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Tsitata"><w:name w:val="Quote"/><w:basedOn w:val="a"/><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Vydelenie"><w:name w:val="Emphasis"/><w:rPr><w:i/></w:rPr></w:style>
</w:styles>`,
		"word/numbering.xml": `<?xml version="1.0" encoding="UTF-8"?><w:numbering ` + wns + `>
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>`,
		"word/footnotes.xml": `<?xml version="1.0" encoding="UTF-8"?><w:footnotes ` + wns + `>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 见</w:t></w:r><w:hyperlink r:id="rNote"><w:r><w:t>原文</w:t></w:r></w:hyperlink><w:r><w:t>。</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:t>Never referenced.</w:t></w:r></w:p></w:footnote>
</w:footnotes>`,
		"word/_rels/footnotes.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rNote" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/source" TargetMode="External"/></Relationships>`,
		"word/comments.xml":             `<?xml version="1.0" encoding="UTF-8"?><w:comments ` + wns + `><w:comment w:id="7" w:author="王编辑" w:date="2024-05-03T08:00:00Z"><w:p><w:r><w:t>请核对译名。</w:t></w:r></w:p></w:comment></w:comments>`,
		"word/document.xml":             `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + wns + ` xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>` + body + `<w:sectPr/></w:body></w:document>`,
	}
}

func zipParts(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readBytes(t testing.TB, b []byte) (*doc.Document, error) {
	t.Helper()
	return Read(bytes.NewReader(b), int64(len(b)), Limits{})
}

func html(t testing.TB, d *doc.Document) string {
	var b bytes.Buffer
	if err := doc.WriteHTML(&b, d, doc.HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// handmadeBody is a Chinese manuscript with what Word writes and
// LibreOffice does not: localized heading styles, tracked moves, field-code
// hyperlinks, content controls, smart tags and East Asian runs.
const handmadeBody = `
<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>中俄关系</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Zagolovok"/></w:pPr><w:r><w:t>历史回顾</w:t></w:r></w:p>
<w:p><w:commentRangeStart w:id="7"/><w:r><w:rPr><w:lang w:eastAsia="zh-CN"/></w:rPr><w:t>俄罗斯学者</w:t></w:r><w:r><w:rPr><w:lang w:val="ru-RU"/></w:rPr><w:t xml:space="preserve">Андрей </w:t></w:r><w:r><w:rPr><w:lang w:val="ru-RU"/></w:rPr><w:t>Кортунов</w:t></w:r><w:r><w:t>指出，</w:t></w:r><w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place"><w:r><w:t>莫斯科</w:t></w:r></w:smartTag><w:r><w:t>是</w:t></w:r><w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r><w:r><w:rPr><w:rStyle w:val="Vydelenie"/></w:rPr><w:t>首都</w:t></w:r><w:r><w:t>。</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">参见 </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.org/treaty" \o "条约" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>条约全文</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>、</w:t></w:r><w:fldSimple w:instr=" HYPERLINK &quot;https://example.org/simple&quot; "><w:r><w:t>简单字段</w:t></w:r></w:fldSimple><w:r><w:t>和</w:t></w:r><w:hyperlink r:id="rLink"><w:r><w:t>俄文版</w:t></w:r></w:hyperlink><w:r><w:t>。第</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页。</w:t></w:r></w:p>
<w:p><w:r><w:t>修订：</w:t></w:r><w:ins w:id="1" w:author="A"><w:r><w:t>新增文字</w:t></w:r></w:ins><w:del w:id="2" w:author="A"><w:r><w:delText>删除文字</w:delText></w:r></w:del><w:moveTo w:id="3" w:author="A"><w:r><w:t>移入文字</w:t></w:r></w:moveTo><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r><w:r><w:t>。</w:t></w:r></w:p>
<w:p><w:moveFrom w:id="4" w:author="A"><w:r><w:t>移出文字</w:t></w:r></w:moveFrom><w:r><w:t>前半段，</w:t></w:r><w:pPr><w:rPr><w:del w:id="5" w:author="A"/></w:rPr></w:pPr></w:p>
<w:p><w:r><w:t>后半段。</w:t></w:r></w:p>
<w:sdt><w:sdtPr><w:alias w:val="摘要"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>内容控件中的段落，</w:t></w:r><w:sdt><w:sdtContent><w:r><w:t>行内控件</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t>。</w:t></w:r></w:p></w:sdtContent></w:sdt>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>第一项</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>子项</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>第二项</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Tsitata"/></w:pPr><w:r><w:rPr><w:lang w:val="ru-RU"/></w:rPr><w:t>Добрососедство и дружба.</w:t></w:r></w:p>
<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>合并</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>一</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:trPr><w:del w:id="9" w:author="A"/></w:trPr><w:tc><w:p><w:r><w:t>删除的行</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>二</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>跨两列</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>软</w:t></w:r><w:r><w:softHyphen/></w:r><w:r><w:t>连字符、不换行</w:t></w:r><w:r><w:noBreakHyphen/></w:r><w:r><w:t>连字符、符号</w:t></w:r><w:r><w:sym w:font="Symbol" w:char="F0B0"/></w:r><w:r><w:br/><w:t>换行。</w:t></w:r></w:p>
<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框中的文字</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框中的文字</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
`

// TestHandmade checks, feature by feature, what a reader of the Word file
// would see.
func TestHandmade(t *testing.T) {
	d, err := readBytes(t, zipParts(t, pkgParts(handmadeBody)))
	if err != nil {
		t.Fatal(err)
	}
	got := html(t, d)
	golden.Check(t, "handmade-zh.html", []byte(got))
	if d.Lang != "zh-CN" {
		t.Errorf("document language %q, want zh-CN", d.Lang)
	}
	for _, want := range []string{
		`<h1 id="h-`, // heading by the definition "heading 1", whatever its id
		`<span class="number">3.</span> 历史回顾</h2>`,                     // heading by outline level, numbered by its style
		`<span lang="ru-RU">Андрей Кортунов</span>指出，莫斯科是<em>首都</em>。`, // language span, smart tag, character style
		`<a href="https://example.org/treaty">条约全文</a>`,                // complex field hyperlink, without its underline
		`<a href="https://example.org/simple">简单字段</a>`,                // simple field hyperlink
		`<a href="https://example.org/ru">俄文版</a>。第3页。`,                // relationship hyperlink; a page field shows its value
		`修订：新增文字移入文字。`,                                                 // insertions and moves in, deletions, moves away and hidden text out
		`>前半段，后半段。</p>`,                                                // a deleted paragraph mark joins two paragraphs
		`内容控件中的段落，行内控件。`,                                               // content controls
		`<ol id="l-`, `style="list-style-type:cjk-ideographic"`, `<li><p id="p-`, `子项`,
		`<blockquote id="q-`, `lang="ru-RU">Добрососедство и дружба.</p>`,
		`<th><p`, `<td rowspan="2"><p id="p-`, `<td colspan="2">`,
		"软\u00ad连字符、不换行\u2011连字符、符号°<br>换行。",
		`文本框中的文字`,
		`role="doc-noteref"`, `role="doc-footnote"`, `<a href="https://example.org/source">原文</a>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	for _, absent := range []string{"删除文字", "移出文字", "隐藏文字", "删除的行", "Never referenced", "请核对", "PAGE"} {
		if strings.Contains(got, absent) {
			t.Errorf("HTML shows %q, which a reader of the document does not see", absent)
		}
	}
	if strings.Count(got, "文本框中的文字") != 1 {
		t.Errorf("text box content appears %d times, want once", strings.Count(got, "文本框中的文字"))
	}
	if len(d.Comments) != 1 || d.Comments[0].Text != "请核对译名。" || d.Comments[0].Author != "王编辑" || !strings.HasPrefix(d.Comments[0].Block, "p-") {
		t.Errorf("comments = %+v, want the editor's remark attached to a paragraph", d.Comments)
	}
	if len(d.Notes) != 1 || doc.BlockText(&d.Notes[0].Blocks[0]) != "见原文。" {
		t.Errorf("notes = %+v, want one footnote reading 见原文。", d.Notes)
	}
}

// TestHostile checks that broken and hostile packages get a clear error.
func TestHostile(t *testing.T) {
	good := pkgParts(`<w:p><w:r><w:t>x</w:t></w:r></w:p>`)
	with := func(name, content string) []byte {
		parts := map[string]string{}
		for k, v := range good {
			parts[k] = v
		}
		parts[name] = content
		return zipParts(t, parts)
	}
	bomb := func() []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for name, content := range good {
			w, _ := zw.Create(name)
			w.Write([]byte(content))
		}
		w, _ := zw.Create("word/media/huge.bin")
		zeros := make([]byte, 1<<20)
		for i := 0; i < 20; i++ {
			w.Write(zeros)
		}
		zw.Close()
		return buf.Bytes()
	}
	deep := `<w:p>` + strings.Repeat(`<w:smartTag>`, 300) + strings.Repeat(`</w:smartTag>`, 300) + `</w:p>`
	for _, tc := range []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"not zip", []byte("%PDF-1.7 ..."), ErrNotDOCX, "not a ZIP archive"},
		{"old doc", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 100)...), ErrNotDOCX, "Word 97–2003"},
		{"truncated", zipParts(t, good)[:200], ErrNotDOCX, "broken ZIP"},
		{"no document", zipParts(t, map[string]string{"hello.txt": "hi"}), ErrNotDOCX, "no main document part"},
		{"traversal", with("../../etc/passwd", "x"), ErrUnsafe, `"../../etc/passwd" points outside`},
		{"absolute", with("/etc/passwd", "x"), ErrUnsafe, "points outside"},
		{"dtd", with("word/document.xml", `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document `+wns+`><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>`), ErrUnsafe, "word/document.xml: line 1: unsafe content: a DTD"},
		{"bad xml", with("word/document.xml", `<w:document `+wns+`><w:body><w:p></w:body></w:document>`), ErrMalformed, "word/document.xml: line 1"},
		{"deep", with("word/document.xml", `<w:document `+wns+`><w:body>`+deep+`</w:body></w:document>`), ErrTooLarge, "elements nested more than 200 deep"},
		{"wrong root", with("word/document.xml", `<body><p/></body>`), ErrNotDOCX, "root element is <body>"},
		{"an HTML page", with("word/document.xml", `<html><body/></html>`), ErrMalformed, "word/document.xml: line 1: malformed: this is an HTML page"},
		{"junk before the root", with("word/document.xml", "<?xml version=\"1.0\"?>\nsaved by tool X\n<w:document "+wns+"/>"), ErrMalformed, `word/document.xml: line 2: malformed: "saved by tool X" before the root element <w:document>`},
		{"empty part", with("word/document.xml", "\ufeff \n"), ErrMalformed, "word/document.xml: malformed: the part is empty"},
		{"bomb", bomb(), ErrTooLarge, "zip bomb"},
		{"unknown encoding", with("word/document.xml", `<?xml version="1.0" encoding="x-mac-klingon"?><w:document `+wns+`/>`), ErrMalformed, `encoding "x-mac-klingon", which is not known`},
		{"not UTF-8", with("word/document.xml", "<w:document "+wns+"><w:body><w:p><w:r><w:t>caf\xe9</w:t></w:r></w:p></w:body></w:document>"), ErrMalformed, "word/document.xml: line 1: malformed: invalid UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(bytes.NewReader(tc.data), int64(len(tc.data)), Limits{MaxTotal: 8 << 20})
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error = %v\nwant %v mentioning %q", err, tc.want, tc.msg)
			}
		})
	}
}

// TestLimits checks the bounds on entries, parts and images.
func TestLimits(t *testing.T) {
	parts := pkgParts(`<w:p><w:r><w:t>` + strings.Repeat("слово ", 2000) + `</w:t></w:r></w:p>`)
	data := zipParts(t, parts)
	if _, err := Read(bytes.NewReader(data), int64(len(data)), Limits{MaxPart: 4096}); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "word/document.xml") {
		t.Errorf("part limit: error = %v, want too large naming word/document.xml", err)
	}
	if _, err := Read(bytes.NewReader(data), int64(len(data)), Limits{MaxEntries: 3}); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "entries") {
		t.Errorf("entry limit: error = %v, want too many entries", err)
	}
}
