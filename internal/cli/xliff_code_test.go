package cli

import (
	"archive/zip"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/docx"
)

// TestXLIFFImportDOCXCodeStyles translates a Word manuscript that sets
// code in two paragraph styles ("Source Code", "HTML Preformatted") and
// two character styles ("Verbatim Char", "HTML Code"), in the body, a
// table cell and a footnote: the translation keeps each piece of code in
// its own style, a block in one style apart from the next in another,
// and each block's lines as paragraphs or line breaks as the source had
// them.
func TestXLIFFImportDOCXCodeStyles(t *testing.T) {
	dir := t.TempDir()
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
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
	cell := func(ps ...string) string { return `<w:tc>` + strings.Join(ps, "") + `</w:tc>` }
	body := para("", run("Запустите ", ""), run("go build", "VerbatimChar"), run(", затем ", ""), run("make test", "HTMLCode"), run(".", "")) +
		para("SourceCode", run("a := 1", "")) +
		para("SourceCode", run("b := 2", "")) +
		para("HTMLPreformatted", run("x = 1", ""), br, run("y = 2", "")) +
		para("SourceCode", run("c := 3", "")) +
		`<w:tbl><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid><w:tr>` +
		cell(para("", run("Команда ", ""), run("ls -l", "HTMLCode"), run(" и ", ""), run("pwd", "VerbatimChar"),
			`<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>`)) +
		cell(para("HTMLPreformatted", run("ls", "")), para("SourceCode", run("pwd", ""))) +
		`</w:tr></w:tbl>` +
		para("", run("Конец.", ""))
	notes := `<w:footnotes ` + w + `>` +
		`<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>` +
		`<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>` +
		`<w:footnote w:id="1">` +
		para("", `<w:r><w:footnoteRef/></w:r>`, run(" См. ", ""), run("go vet", "VerbatimChar"), run(" и ", ""), run("go doc", "HTMLCode"), run(".", "")) +
		para("SourceCode", run("go test", "")) + para("HTMLPreformatted", run("go run", "")) +
		`</w:footnote></w:footnotes>`
	src := filepath.Join(dir, "ru.docx")
	writeZipFile(t, src, map[string]string{
		"[Content_Types].xml": `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>`,
		"_rels/.rels":         `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/_rels/document.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rSt" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
			`<Relationship Id="rFn" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>`,
		"word/styles.xml": `<w:styles ` + w + `><w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="ru-RU"/></w:rPr></w:rPrDefault></w:docDefaults>` +
			`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
			`<w:style w:type="paragraph" w:customStyle="1" w:styleId="SourceCode"><w:name w:val="Source Code"/><w:basedOn w:val="Normal"/><w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas"/></w:rPr></w:style>` +
			`<w:style w:type="paragraph" w:styleId="HTMLPreformatted"><w:name w:val="HTML Preformatted"/><w:basedOn w:val="Normal"/><w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/></w:rPr></w:style>` +
			`<w:style w:type="character" w:customStyle="1" w:styleId="VerbatimChar"><w:name w:val="Verbatim Char"/><w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas"/></w:rPr></w:style>` +
			`<w:style w:type="character" w:styleId="HTMLCode"><w:name w:val="HTML Code"/><w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/></w:rPr></w:style>` +
			`</w:styles>`,
		"word/document.xml":  `<w:document ` + w + `><w:body>` + body + `<w:sectPr/></w:body></w:document>`,
		"word/footnotes.xml": notes,
	})
	code, xlf, stderr := runCLI(t, nil, "xliff", "export", "--from", "ru", "--to", "zh", src)
	if code != 0 {
		t.Fatalf("export: exit %d, stderr %q", code, stderr)
	}
	xl := translateFile(t, xlf, filepath.Join(dir, "zh.xlf"), han)
	out := filepath.Join(dir, "zh.docx")
	if code, _, stderr := runCLI(t, nil, "xliff", "import", "--to", "docx", "-o", out, src, xl); code != 0 {
		t.Fatalf("import: exit %d, %s", code, stderr)
	}

	// The code of a document, in order: blocks with their style and
	// whether their lines are paragraphs, inlines with their style.
	codeOf := func(d *doc.Document) string {
		var s []string
		d.Walk(func(b *doc.Block) {
			if b.Code != nil {
				s = append(s, fmt.Sprintf("block %q in %s, paragraphs %v", b.Code.Text, b.Code.Style, b.Code.Paragraphs))
			}
			doc.WalkInlines(b.Inlines, func(in *doc.Inline) {
				if in.Type == doc.Code {
					name := "no style"
					if in.Style != nil {
						name = in.Style.Name
					}
					s = append(s, fmt.Sprintf("code %q in %s", in.Text, name))
				}
			})
		})
		return strings.Join(s, "\n")
	}
	want := strings.Join([]string{
		`code "go build" in Verbatim Char`,
		`code "make test" in HTML Code`,
		`block "a := 1\nb := 2" in Source Code, paragraphs true`,
		`block "x = 1\ny = 2" in HTML Preformatted, paragraphs false`,
		`block "c := 3" in Source Code, paragraphs false`,
		`code "ls -l" in HTML Code`,
		`code "pwd" in Verbatim Char`,
		`block "ls" in HTML Preformatted, paragraphs false`,
		`block "pwd" in Source Code, paragraphs false`,
		`code "go vet" in Verbatim Char`,
		`code "go doc" in HTML Code`,
		`block "go test" in Source Code, paragraphs false`,
		`block "go run" in HTML Preformatted, paragraphs false`,
	}, "\n")
	orig, err := docx.ReadFile(src, docx.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if got := codeOf(orig); got != want {
		t.Errorf("the source's code:\n%s\nwant\n%s", got, want)
	}
	got, err := docx.ReadFile(out, docx.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if got := codeOf(got); got != want {
		t.Errorf("the translation's code:\n%s\nwant\n%s", got, want)
	}

	// In the package, each style is used where the source used it, and
	// the only line break is the one the source had.
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for part, counts := range map[string]map[string]int{
		"word/document.xml":  {`w:pStyle w:val="SourceCode"`: 4, `w:pStyle w:val="HTMLPreformatted"`: 2, `w:rStyle w:val="VerbatimChar"`: 2, `w:rStyle w:val="HTMLCode"`: 2, `<w:br/>`: 1},
		"word/footnotes.xml": {`w:pStyle w:val="SourceCode"`: 1, `w:pStyle w:val="HTMLPreformatted"`: 1, `w:rStyle w:val="VerbatimChar"`: 1, `w:rStyle w:val="HTMLCode"`: 1},
	} {
		data, err := fs.ReadFile(zr, part)
		if err != nil {
			t.Fatal(err)
		}
		for s, n := range counts {
			if got := strings.Count(string(data), s); got != n {
				t.Errorf("%s holds %s %d times, want %d", part, s, got, n)
			}
		}
	}
}
