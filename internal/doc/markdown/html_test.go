package markdown

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

var dotPNG, _ = base64.StdEncoding.DecodeString("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")

func read(t *testing.T, src string) *doc.Document {
	t.Helper()
	d, err := Read([]byte(src), "en", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestHTMLTable checks that a table written as HTML in the Markdown (as
// the writer writes one with merged cells) is read as a table, not as its
// text run together.
func TestHTMLTable(t *testing.T) {
	d := read(t, "Before.\n\n<table>\n<thead>\n<tr><th colspan=\"2\">Year and event</th></tr>\n</thead>\n<tbody>\n"+
		"<tr><td rowspan=\"2\">2001</td><td>Signed <em>in Moscow</em></td></tr>\n<tr><td>Ratified</td></tr>\n</tbody>\n</table>\n\nAfter.\n")
	if len(d.Blocks) != 3 || d.Blocks[1].Type != doc.TableBlock {
		t.Fatalf("blocks = %+v", d.Blocks)
	}
	rows := d.Blocks[1].Table.Rows
	if len(rows) != 3 || !rows[0].Header || rows[0].Cells[0].ColSpan != 2 || rows[1].Cells[0].RowSpan != 2 || len(rows[2].Cells) != 1 {
		t.Fatalf("rows = %+v", rows)
	}
	if got := doc.BlockText(&rows[1].Cells[1].Blocks[0]); got != "Signed in Moscow" {
		t.Errorf("cell text %q", got)
	}
	if rows[1].Cells[1].Blocks[0].Inlines[1].Type != doc.Emph {
		t.Errorf("cell inlines %+v", rows[1].Cells[1].Blocks[0].Inlines)
	}
}

// TestDataImages checks that images in data: URIs (as tandem writes a
// document's images into Markdown) are read back into the document's
// media, from Markdown and from <img>, and that one that is not an image
// is kept as its description with a warning.
func TestDataImages(t *testing.T) {
	uri := "data:image/png;base64," + base64.StdEncoding.EncodeToString(dotPNG)
	d := read(t, "![A dot]("+uri+")\n\nText <img src=\""+uri+"\" alt=\"dot\"> and ![bad](data:text/html;base64,PHA+aGk=).\n")
	if len(d.Media) != 1 || !bytes.Equal(d.Media[0].Data, dotPNG) || d.Media[0].Type != "image/png" {
		t.Fatalf("media = %+v", d.Media)
	}
	if f := d.Blocks[0].Figure; f == nil || f.Src != d.Media[0].Name || f.Alt != "A dot" {
		t.Errorf("figure = %+v", d.Blocks[0])
	}
	ins := d.Blocks[1].Inlines
	if len(ins) != 5 || ins[1].Type != doc.Image || ins[1].Src != d.Media[0].Name || ins[1].Alt != "dot" || ins[3].Src != "" || ins[3].Alt != "bad" {
		t.Errorf("inlines = %+v", ins)
	}
	if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0], `not an image`) || !strings.Contains(d.Warnings[0], `kept as its description "bad"`) {
		t.Errorf("warnings %q", d.Warnings)
	}
}

// TestMarkdownRoundTrip checks that what the Markdown writer writes of a
// document (images embedded, a table with merged cells, a formula with
// MathML only, line breaks) reads back as the same document.
func TestMarkdownRoundTrip(t *testing.T) {
	m := doc.NewMedia(dotPNG, "image/png")
	ml := `<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi><mo>+</mo><mn>1</mn></math>`
	para := func(ins ...doc.Inline) doc.Block { return doc.Block{Type: doc.Paragraph, Inlines: ins} }
	txt := func(s string) doc.Inline { return doc.Inline{Type: doc.Text, Text: s} }
	d := &doc.Document{Version: doc.Version, Media: []doc.Media{m}, Blocks: []doc.Block{
		{Type: doc.FigureBlock, Figure: &doc.Figure{Src: m.Name, Alt: "A dot"}},
		para(txt("So "), doc.Inline{Type: doc.MathInline, Math: &doc.Math{MathML: ml}}, txt(".")),
		para(doc.Inline{Type: doc.MathInline, Math: &doc.Math{MathML: ml, Display: true}}),
		para(txt("Line"), doc.Inline{Type: doc.LineBreak}),
		{Type: doc.TableBlock, Table: &doc.Table{Rows: []doc.Row{
			{Header: true, Cells: []doc.Cell{{ColSpan: 2, Blocks: []doc.Block{para(txt("Head"))}}}},
			{Cells: []doc.Cell{{Blocks: []doc.Block{para(txt("a"))}}, {Blocks: []doc.Block{para(doc.Inline{Type: doc.Image, Src: m.Name, Alt: "dot"})}}}},
		}}},
	}}
	doc.AssignIDs(d)
	var out bytes.Buffer
	if err := doc.WriteMarkdownWith(&out, d, doc.MarkdownOptions{Media: doc.EmbedMedia}); err != nil {
		t.Fatal(err)
	}
	back := read(t, out.String())
	if strings.Contains(out.String(), "Line\\") {
		t.Errorf("a break at the end of a paragraph written as a backslash:\n%s", out.String())
	}
	if len(back.Media) != 1 || !bytes.Equal(back.Media[0].Data, dotPNG) {
		t.Errorf("media %+v", back.Media)
	}
	if len(back.Blocks) != 5 {
		t.Fatalf("%d blocks:\n%s", len(back.Blocks), out.String())
	}
	if f := back.Blocks[0].Figure; f == nil || f.Src != m.Name {
		t.Errorf("figure %+v", back.Blocks[0])
	}
	for i, display := range []bool{false, true} {
		var got *doc.Math
		doc.WalkInlines(back.Blocks[1+i].Inlines, func(in *doc.Inline) {
			if in.Type == doc.MathInline {
				got = in.Math
			}
		})
		if got == nil || got.Display != display || !strings.Contains(got.MathML, "<mi>x</mi><mo>+</mo><mn>1</mn>") {
			t.Errorf("formula %d = %+v", i, got)
		}
	}
	if got := doc.PlainText(back.Blocks[3].Inlines); got != "Line" {
		t.Errorf("paragraph %q", got)
	}
	tb := back.Blocks[4].Table
	if tb == nil || len(tb.Rows) != 2 || tb.Rows[0].Cells[0].ColSpan != 2 || len(tb.Rows[1].Cells) != 2 {
		t.Fatalf("table %+v", back.Blocks[4])
	}
	if cell := tb.Rows[1].Cells[1].Blocks; len(cell) != 1 || cell[0].Type != doc.FigureBlock || cell[0].Figure.Src != m.Name {
		t.Errorf("image in a cell %+v", cell)
	}
	if len(back.Warnings) != 0 {
		t.Errorf("warnings %q", back.Warnings)
	}
}
