package docx

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// TestReadCode reads runs in character styles for code ("HTML Code",
// pandoc's "Verbatim Char") as code, and consecutive paragraphs in a
// paragraph style for code ("Source Code") as one code block with its
// blank lines and indentation; a style that is only set in a monospace
// font is a look, not code. Written without a template and read again,
// the code is the same.
func TestReadCode(t *testing.T) {
	parts := pkgParts(`<w:p><w:r><w:t xml:space="preserve">Run </w:t></w:r>` +
		`<w:r><w:rPr><w:rStyle w:val="HTMLCode"/></w:rPr><w:t>rm -rf /</w:t></w:r>` +
		`<w:r><w:t xml:space="preserve"> and </w:t></w:r>` +
		`<w:r><w:rPr><w:rStyle w:val="VerbatimChar"/><w:b/></w:rPr><w:t>make</w:t></w:r>` +
		`<w:r><w:t xml:space="preserve"> in </w:t></w:r>` +
		`<w:r><w:rPr><w:rStyle w:val="Mono"/></w:rPr><w:t>Courier</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="SourceCode"/></w:pPr><w:r><w:t>func main() {</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="SourceCode"/></w:pPr><w:r><w:tab/><w:t xml:space="preserve">x  := 1</w:t><w:br/><w:t xml:space="preserve">    y := 2</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="SourceCode"/></w:pPr></w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="SourceCode"/></w:pPr><w:r><w:t>}</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>After.</w:t></w:r></w:p>`)
	parts["word/styles.xml"] = strings.Replace(parts["word/styles.xml"], "</w:styles>",
		`<w:style w:type="character" w:styleId="HTMLCode"><w:name w:val="HTML Code"/><w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/></w:rPr></w:style>`+
			`<w:style w:type="character" w:styleId="VerbatimChar"><w:name w:val="Verbatim Char"/><w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas"/></w:rPr></w:style>`+
			`<w:style w:type="character" w:styleId="Mono"><w:name w:val="Courier Text"/><w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/><w:color w:val="333333"/></w:rPr></w:style>`+
			`<w:style w:type="paragraph" w:styleId="SourceCode"><w:name w:val="Source Code"/><w:basedOn w:val="a"/><w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas"/></w:rPr></w:style>`+
			"</w:styles>", 1)
	src := zipParts(t, parts)
	d, err := readBytes(t, src)
	if err != nil {
		t.Fatal(err)
	}
	// check checks the document read: code in the character styles
	// code1 and code2, the look mono, and a code block in the paragraph
	// style block, its lines paragraphs of their own.
	check := func(what string, d *doc.Document, code1, code2, mono, block string) {
		t.Helper()
		if len(d.Blocks) != 3 {
			t.Fatalf("%s: %d blocks, want 3", what, len(d.Blocks))
		}
		got, _ := json.Marshal(d.Blocks[0].Inlines)
		want := `[{"type":"text","text":"Run "},{"type":"code","text":"rm -rf /","style":{"name":"` + code1 + `"}},{"type":"text","text":" and "},` +
			`{"type":"strong","content":[{"type":"code","text":"make","style":{"name":"` + code2 + `"}}]},` + mono + `]`
		if string(got) != want {
			t.Errorf("%s: inlines\n%s\nwant\n%s", what, got, want)
		}
		c := d.Blocks[1]
		want = "func main() {\n\tx  := 1\n    y := 2\n\n}"
		if c.Type != doc.CodeBlock || c.Code == nil || *c.Code != (doc.Listing{Text: want, Style: block, Paragraphs: true}) {
			t.Errorf("%s: block %s %+v, want code %q in %q, a paragraph a line", what, c.Type, c.Code, want, block)
		}
	}
	check("read", d, "HTML Code", "Verbatim Char", `{"type":"text","text":" in "},{"type":"styled","content":[{"type":"text","text":"Courier"}],"style":{"name":"Courier Text"}},{"type":"text","text":"."}`, "Source Code")

	var buf bytes.Buffer
	if _, err := Write(&buf, d, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	back, err := readBytes(t, buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	// Without a template, the look's style is not there to write.
	// Nor are the styles for code: Word's are added for them.
	check("written and read again", back, "HTML Code", "HTML Code", `{"type":"text","text":" in Courier."}`, "HTML Preformatted")
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name != "word/styles.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		styles, _ := io.ReadAll(rc)
		rc.Close()
		for _, want := range []string{`<w:name w:val="HTML Code"/>`, `<w:name w:val="HTML Preformatted"/>`, `w:ascii="Courier New"`} {
			if !bytes.Contains(styles, []byte(want)) {
				t.Errorf("styles lack %s", want)
			}
		}
	}

	// Over the source, the template's own styles for code are used.
	tmpl, err := OpenTemplate(src, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var over bytes.Buffer
	if _, err := Write(&over, d, WriteOptions{Template: tmpl}); err != nil {
		t.Fatal(err)
	}
	out := checkPackage(t, over.Bytes())
	for _, want := range []string{`<w:pStyle w:val="SourceCode"/>`, `<w:rStyle w:val="HTMLCode"/>`, `<w:rStyle w:val="VerbatimChar"/>`} {
		if !strings.Contains(string(out["word/document.xml"]), want) {
			t.Errorf("written over the source, the document lacks %s", want)
		}
	}
	back, err = readBytes(t, over.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	check("written over the source and read again", back, "HTML Code", "Verbatim Char", `{"type":"text","text":" in "},{"type":"styled","content":[{"type":"text","text":"Courier"}],"style":{"name":"Courier Text"}},{"type":"text","text":"."}`, "Source Code")
}

// TestWriteCodeStyleFallback writes code whose style the template lacks,
// or has only as a style that is not one for code of that kind (a
// paragraph style's name on code in a line, a character style's on a
// block, a look that merely sets a monospace font): it goes in the
// template's usual style for code instead, so that it reads back as code.
func TestWriteCodeStyleFallback(t *testing.T) {
	parts := pkgParts(`<w:p><w:r><w:t>x</w:t></w:r></w:p>`)
	parts["word/styles.xml"] = strings.Replace(parts["word/styles.xml"], "</w:styles>",
		`<w:style w:type="character" w:styleId="HTMLCode"><w:name w:val="HTML Code"/></w:style>`+
			`<w:style w:type="character" w:styleId="Mono"><w:name w:val="Courier Text"/><w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/></w:rPr></w:style>`+
			`<w:style w:type="paragraph" w:styleId="SourceCode"><w:name w:val="Source Code"/><w:basedOn w:val="a"/></w:style>`+
			`<w:style w:type="paragraph" w:styleId="MyCode"><w:name w:val="My Code"/><w:basedOn w:val="SourceCode"/></w:style>`+
			"</w:styles>", 1)
	tmpl, err := OpenTemplate(zipParts(t, parts), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	code := func(text, style string) doc.Inline {
		return doc.Inline{Type: doc.Code, Text: text, Style: &doc.Style{Name: style}}
	}
	d := &doc.Document{Version: doc.Version, Lang: "en", Blocks: []doc.Block{
		{Type: doc.Paragraph, Inlines: []doc.Inline{code("a", "Source Code"), {Type: doc.Text, Text: " "}, code("b", "Courier Text"), {Type: doc.Text, Text: " "}, code("c", "Nowhere")}},
		{Type: doc.CodeBlock, Code: &doc.Listing{Text: "d", Style: "HTML Code"}},
		{Type: doc.CodeBlock, Code: &doc.Listing{Text: "e", Style: "my code"}},
		{Type: doc.CodeBlock, Code: &doc.Listing{Text: "f", Style: "Heading 1"}},
	}}
	doc.AssignIDs(d)
	var buf bytes.Buffer
	if _, err := Write(&buf, d, WriteOptions{Template: tmpl}); err != nil {
		t.Fatal(err)
	}
	back, err := readBytes(t, buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(back.Blocks)
	var sb strings.Builder
	for _, b := range back.Blocks {
		j, _ := json.Marshal(b.Inlines)
		if b.Code != nil {
			j, _ = json.Marshal(b.Code)
		}
		sb.Write(j)
		sb.WriteByte('\n')
	}
	want := `[{"type":"code","text":"a","style":{"name":"HTML Code"}},{"type":"text","text":" "},{"type":"code","text":"b","style":{"name":"HTML Code"}},{"type":"text","text":" "},{"type":"code","text":"c","style":{"name":"HTML Code"}}]
{"text":"d","style":"Source Code"}
{"text":"e","style":"My Code"}
{"text":"f","style":"Source Code"}
`
	if sb.String() != want {
		t.Errorf("read back:\n%s\nwant\n%s\n(%s)", sb.String(), want, got)
	}
}

// codeParts returns a manuscript that sets code in two paragraph styles
// ("Source Code", a paragraph a line; "HTML Preformatted", lines broken
// inside one paragraph) and two character styles ("Verbatim Char", "HTML
// Code"), in the body, a table cell and a footnote.
func codeParts(t testing.TB) map[string]string {
	run := func(text, style string) string {
		if style != "" {
			style = `<w:rPr><w:rStyle w:val="` + style + `"/></w:rPr>`
		}
		return `<w:r>` + style + `<w:t xml:space="preserve">` + text + `</w:t></w:r>`
	}
	para := func(style string, runs ...string) string {
		if style != "" {
			style = `<w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`
		}
		return `<w:p>` + style + strings.Join(runs, "") + `</w:p>`
	}
	br := `<w:r><w:br/></w:r>`
	cell := func(ps ...string) string {
		return `<w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>` + strings.Join(ps, "") + `</w:tc>`
	}
	parts := pkgParts(para("", run("Запустите ", ""), run("go build", "VerbatimChar"), run(", затем ", ""), run("make test", "HTMLCode"), run(".", "")) +
		para("SourceCode", run("a := 1", "")) +
		para("SourceCode", run("    b := 2", "")) +
		para("HTMLPreformatted", run("x = 1", ""), br, run("y = 2", "")) +
		para("SourceCode", run("c := 3", "")) +
		`<w:tbl><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid><w:tr>` +
		cell(para("", run("Команда ", ""), run("ls -l", "HTMLCode"), run(" и ", ""), run("pwd", "VerbatimChar"),
			`<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="3"/></w:r>`)) +
		cell(para("HTMLPreformatted", run("ls", "")), para("SourceCode", run("pwd", ""))) +
		`</w:tr></w:tbl>` +
		para("", run("Конец.", "")))
	parts["word/styles.xml"] = strings.Replace(parts["word/styles.xml"], "</w:styles>",
		`<w:style w:type="paragraph" w:customStyle="1" w:styleId="SourceCode"><w:name w:val="Source Code"/><w:basedOn w:val="a"/><w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas"/></w:rPr></w:style>`+
			`<w:style w:type="paragraph" w:styleId="HTMLPreformatted"><w:name w:val="HTML Preformatted"/><w:basedOn w:val="a"/><w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/></w:rPr></w:style>`+
			`<w:style w:type="character" w:customStyle="1" w:styleId="VerbatimChar"><w:name w:val="Verbatim Char"/><w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas"/></w:rPr></w:style>`+
			`<w:style w:type="character" w:styleId="HTMLCode"><w:name w:val="HTML Code"/><w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/></w:rPr></w:style>`+
			"</w:styles>", 1)
	parts["word/styles.xml"] = strings.Replace(parts["word/styles.xml"], `<w:lang w:val="en-US" w:eastAsia="zh-CN"/>`, `<w:lang w:val="ru-RU" w:eastAsia="zh-CN"/>`, 1)
	parts["word/footnotes.xml"] = strings.Replace(parts["word/footnotes.xml"], "</w:footnotes>",
		`<w:footnote w:id="3">`+para("", `<w:r><w:footnoteRef/></w:r>`, run(" См. ", ""), run("go vet", "VerbatimChar"), run(" и ", ""), run("go doc", "HTMLCode"), run(".", ""))+
			para("SourceCode", run("go test", ""))+para("HTMLPreformatted", run("go run", ""))+`</w:footnote></w:footnotes>`, 1)
	return parts
}

// codeStyles lists the code of a document in reading order, notes last:
// each block with its style and whether its lines are paragraphs, each
// inline with its style.
func codeStyles(d *doc.Document) string {
	var s []string
	d.Walk(func(b *doc.Block) {
		if b.Code != nil {
			s = append(s, fmt.Sprintf("block %q in %q, paragraphs %v", b.Code.Text, b.Code.Style, b.Code.Paragraphs))
		}
		doc.WalkInlines(b.Inlines, func(in *doc.Inline) {
			if in.Type == doc.Code {
				name := ""
				if in.Style != nil {
					name = in.Style.Name
				}
				s = append(s, fmt.Sprintf("code %q in %q", in.Text, name))
			}
		})
	})
	return strings.Join(s, "\n")
}

// TestCodeStylesTranslated translates a manuscript with code in two
// paragraph styles and two character styles, written over the source:
// each piece of code keeps its style, a block in one style stays apart
// from the next in another, and each block's lines are paragraphs or
// line breaks as the source had them.
func TestCodeStylesTranslated(t *testing.T) {
	want := strings.Join([]string{
		`code "go build" in "Verbatim Char"`,
		`code "make test" in "HTML Code"`,
		`block "a := 1\n    b := 2" in "Source Code", paragraphs true`,
		`block "x = 1\ny = 2" in "HTML Preformatted", paragraphs false`,
		`block "c := 3" in "Source Code", paragraphs false`,
		`code "ls -l" in "HTML Code"`,
		`code "pwd" in "Verbatim Char"`,
		`block "ls" in "HTML Preformatted", paragraphs false`,
		`block "pwd" in "Source Code", paragraphs false`,
		`code "go vet" in "Verbatim Char"`,
		`code "go doc" in "HTML Code"`,
		`block "go test" in "Source Code", paragraphs false`,
		`block "go run" in "HTML Preformatted", paragraphs false`,
	}, "\n")
	tr := translation{name: "code→zh", from: "ru", to: "zh", source: zipParts(t, codeParts(t))}
	if got := codeStyles(tr.read(t)); got != want {
		t.Errorf("the source's code:\n%s\nwant\n%s", got, want)
	}
	d := tr.translate(t)
	if got := codeStyles(d); got != want {
		t.Errorf("the imported translation's code:\n%s\nwant\n%s", got, want)
	}
	back, err := readBytes(t, tr.write(t, d))
	if err != nil {
		t.Fatal(err)
	}
	if got := codeStyles(back); got != want {
		t.Errorf("the written translation's code:\n%s\nwant\n%s", got, want)
	}
}

// TestReadCodeBlocksApart reads an empty paragraph not in a style for
// code between two paragraphs of code as the end of one block and the
// start of another (as the writer keeps two blocks apart), and an empty
// paragraph in the style for code as a blank line of its block.
func TestReadCodeBlocksApart(t *testing.T) {
	sc := func(text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="SourceCode"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	parts := pkgParts(sc("a") + `<w:p/>` + sc("b") + sc("") + sc("c"))
	parts["word/styles.xml"] = strings.Replace(parts["word/styles.xml"], "</w:styles>",
		`<w:style w:type="paragraph" w:styleId="SourceCode"><w:name w:val="Source Code"/><w:basedOn w:val="a"/></w:style></w:styles>`, 1)
	d, err := readBytes(t, zipParts(t, parts))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := codeStyles(d), "block \"a\" in \"Source Code\", paragraphs false\nblock \"b\\n\\nc\" in \"Source Code\", paragraphs true"; got != want {
		t.Errorf("read:\n%s\nwant\n%s", got, want)
	}
}
