package docx

import (
	"archive/zip"
	"bytes"
	"encoding/json"
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
	check := func(what string, d *doc.Document, mono string) {
		t.Helper()
		if len(d.Blocks) != 3 {
			t.Fatalf("%s: %d blocks, want 3", what, len(d.Blocks))
		}
		got, _ := json.Marshal(d.Blocks[0].Inlines)
		want := `[{"type":"text","text":"Run "},{"type":"code","text":"rm -rf /"},{"type":"text","text":" and "},` +
			`{"type":"strong","content":[{"type":"code","text":"make"}]},` + mono + `]`
		if string(got) != want {
			t.Errorf("%s: inlines\n%s\nwant\n%s", what, got, want)
		}
		c := d.Blocks[1]
		if want := "func main() {\n\tx  := 1\n    y := 2\n\n}"; c.Type != doc.CodeBlock || c.Code == nil || c.Code.Text != want {
			t.Errorf("%s: block %s %+v, want code %q", what, c.Type, c.Code, want)
		}
	}
	check("read", d, `{"type":"text","text":" in "},{"type":"styled","content":[{"type":"text","text":"Courier"}],"style":{"name":"Courier Text"}},{"type":"text","text":"."}`)

	var buf bytes.Buffer
	if _, err := Write(&buf, d, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	back, err := readBytes(t, buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	// Without a template, the look's style is not there to write.
	check("written and read again", back, `{"type":"text","text":" in Courier."}`)
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
	for _, want := range []string{`<w:pStyle w:val="SourceCode"/>`, `<w:rStyle w:val="HTMLCode"/>`} {
		if !strings.Contains(string(out["word/document.xml"]), want) {
			t.Errorf("written over the source, the document lacks %s", want)
		}
	}
	back, err = readBytes(t, over.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	check("written over the source and read again", back, `{"type":"text","text":" in "},{"type":"styled","content":[{"type":"text","text":"Courier"}],"style":{"name":"Courier Text"}},{"type":"text","text":"."}`)
}
