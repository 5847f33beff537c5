package markdown

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/htmldoc"
)

const codeSource = "---\nlang: en\n---\n\n" +
	"Run `rm -rf /` and ``a `b` c`` then <code>x_y</code>, <kbd>Ctrl</kbd> and **`bold`**.\n\n" +
	"```go {.numberLines}\nfunc main() {\n\tfmt.Println(\"hi\")\n\n    x := 1\n}\n```\n\n" +
	"Text.\n\n    indented code\n      block\n\n" +
	"| A | B |\n| --- | --- |\n| `a\\|b` | c |\n"

// TestReadCode reads code spans, inline HTML for code and code blocks
// (fenced, with a language, and indented) as code, with every space and
// line kept.
func TestReadCode(t *testing.T) {
	d, err := Read([]byte(codeSource), "en", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(d.Blocks[0].Inlines)
	want := `[{"type":"text","text":"Run "},{"type":"code","text":"rm -rf /"},{"type":"text","text":" and "},` +
		`{"type":"code","text":"a ` + "`b`" + ` c"},{"type":"text","text":" then "},{"type":"code","text":"x_y"},` +
		`{"type":"text","text":", "},{"type":"code","text":"Ctrl"},{"type":"text","text":" and "},` +
		`{"type":"strong","content":[{"type":"code","text":"bold"}]},{"type":"text","text":"."}]`
	if string(got) != want {
		t.Errorf("inlines\n%s\nwant\n%s", got, want)
	}
	for i, want := range []doc.Listing{
		{Language: "go", Text: "func main() {\n\tfmt.Println(\"hi\")\n\n    x := 1\n}"},
		{Text: "indented code\n  block"},
	} {
		b := d.Blocks[[]int{1, 3}[i]]
		if b.Type != doc.CodeBlock || b.Code == nil || *b.Code != want {
			t.Errorf("block %d is %s %+v, want code %+v", i, b.Type, b.Code, want)
		}
	}
	cell := d.Blocks[4].Table.Rows[1].Cells[0].Blocks[0].Inlines
	if len(cell) != 1 || cell[0].Type != doc.Code || cell[0].Text != "a|b" {
		t.Errorf("cell %+v, want code a|b", cell)
	}
	// Written again, read again: the same document.
	var out bytes.Buffer
	if err := doc.WriteMarkdown(&out, d); err != nil {
		t.Fatal(err)
	}
	back, err := Read(out.Bytes(), "en", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(d.Blocks)
	b, _ := json.Marshal(back.Blocks)
	if !bytes.Equal(a, b) {
		t.Errorf("read back:\n%s\nwant\n%s\nfrom\n%s", b, a, out.String())
	}
}

// TestCodeThroughMarkdown takes HTML with code through Markdown and back
// to HTML: the code, its spaces and lines are the same.
func TestCodeThroughMarkdown(t *testing.T) {
	src := `<html lang="en"><body><p>See <code>a_b *c*</code>, <samp>out</samp> and <tt>tt</tt>.</p>` +
		"<pre class=\"language-python\">def f():\n    return  1\n\n# end</pre>" +
		"<pre><code>x = 1\n  y = 2</code></pre></body></html>"
	d, err := htmldoc.Parse([]byte(src), htmldoc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc.AssignIDs(d)
	var h1 bytes.Buffer
	if err := doc.WriteHTML(&h1, d, doc.HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"See <code>a_b *c*</code>, <code>out</code> and <code>tt</code>.",
		"<code class=\"language-python\">def f():\n    return  1\n\n# end</code></pre>", "<code>x = 1\n  y = 2</code></pre>"} {
		if !strings.Contains(h1.String(), want) {
			t.Errorf("HTML lacks %s:\n%s", want, h1.String())
		}
	}
	var md bytes.Buffer
	if err := doc.WriteMarkdown(&md, d); err != nil {
		t.Fatal(err)
	}
	back, err := Read(md.Bytes(), "en", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	doc.AssignIDs(back)
	var h2 bytes.Buffer
	if err := doc.WriteHTML(&h2, back, doc.HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	if h1.String() != h2.String() {
		t.Errorf("through Markdown:\n%s\nwant\n%s\nMarkdown:\n%s", h2.String(), h1.String(), md.String())
	}
}

// TestReadInlineColours reads the colours of inline HTML in Markdown
// as the HTML reader does: <font color>, named colours, a yellow
// background.
func TestReadInlineColours(t *testing.T) {
	d, err := Read([]byte(`A <font color="blue">blue</font>, <span style="color:rgb(192,0,0)">red</span> and <span style="background-color:yellow">marked</span>.`), "en", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	doc.WalkInlines(d.Blocks[0].Inlines, func(in *doc.Inline) {
		if in.Type == doc.Styled {
			got = append(got, doc.PlainText(in.Content)+"="+in.Style.Highlight+"/"+in.Style.Color+"/"+in.Style.Shading)
		}
	})
	if want := "blue=/0000FF/|red=/C00000/|marked=yellow//"; strings.Join(got, "|") != want {
		t.Errorf("looks %q, want %s", got, want)
	}
	if len(d.Warnings) > 0 {
		t.Errorf("warnings %q", d.Warnings)
	}
}

// TestCodeInHTMLBlock writes a code block with a blank line inside a
// table that Markdown can only write as HTML: the blank line does not end
// the HTML block, and the code reads back as it was.
func TestCodeInHTMLBlock(t *testing.T) {
	code := doc.Block{Type: doc.CodeBlock, Code: &doc.Listing{Text: "a\n\n  b <c>"}}
	cell := func(bs ...doc.Block) doc.Cell { return doc.Cell{Blocks: bs} }
	para := doc.Block{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: "x"}}}
	d := &doc.Document{Version: doc.Version, Lang: "en", Blocks: []doc.Block{{Type: doc.TableBlock, Table: &doc.Table{Rows: []doc.Row{
		{Cells: []doc.Cell{{ColSpan: 2, Blocks: []doc.Block{code}}}},
		{Cells: []doc.Cell{cell(para), cell(para)}},
	}}}}}
	var out bytes.Buffer
	if err := doc.WriteMarkdown(&out, d); err != nil {
		t.Fatal(err)
	}
	back, err := Read(out.Bytes(), "en", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Blocks) != 1 || back.Blocks[0].Table == nil || len(back.Blocks[0].Table.Rows) != 2 {
		t.Fatalf("read back as %d blocks from\n%s", len(back.Blocks), out.String())
	}
	if got := back.Blocks[0].Table.Rows[0].Cells[0].Blocks[0].Code; got == nil || got.Text != code.Code.Text {
		t.Errorf("code read back as %+v from\n%s", got, out.String())
	}
}
