package markdown

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// TestStyledRoundTrip checks that highlights, colours, character styles
// and small capitals, which Markdown cannot say, are written as inline
// HTML and read back as the same marks, and that the Markdown written
// again is the same.
func TestStyledRoundTrip(t *testing.T) {
	text := func(s string) doc.Inline { return doc.Inline{Type: doc.Text, Text: s} }
	styled := func(st doc.Style, s string) doc.Inline {
		return doc.Inline{Type: doc.Styled, Style: &st, Content: []doc.Inline{text(s)}}
	}
	ins := []doc.Inline{
		text("A "), styled(doc.Style{Highlight: "yellow"}, "marked"), text(", "),
		styled(doc.Style{Highlight: "green"}, "green"), text(", "),
		styled(doc.Style{Color: "C00000", Shading: "EEEEEE", Name: "Book Title"}, "red"), text(", "),
		styled(doc.Style{Color: "0000FF", Highlight: "yellow"}, "both"), text(", "),
		{Type: doc.SmallCaps, Content: []doc.Inline{text("Small")}}, text(" and "),
		{Type: doc.Span, Lang: "ru", Content: []doc.Inline{styled(doc.Style{Highlight: "cyan"}, "слово")}}, text("."),
	}
	d := &doc.Document{Version: doc.Version, Lang: "en", Blocks: []doc.Block{{Type: doc.Paragraph, Inlines: ins}}}
	var w1 bytes.Buffer
	if err := doc.WriteMarkdown(&w1, d); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<mark>marked</mark>", `<mark style="background-color:#00FF00">green</mark>`,
		`<span data-style="Book Title" style="color:#C00000;background-color:#EEEEEE">red</span>`,
		`<span style="color:#0000FF"><mark>both</mark></span>`, `<span class="smallcaps">Small</span>`} {
		if !strings.Contains(w1.String(), want) {
			t.Errorf("Markdown lacks %s:\n%s", want, w1.String())
		}
	}
	back := read(t, w1.String())
	got, _ := json.Marshal(back.Blocks[0].Inlines)
	want, _ := json.Marshal(ins)
	if !bytes.Equal(got, want) {
		t.Errorf("read back as\n%s\nwant\n%s", got, want)
	}
	var w2 bytes.Buffer
	if err := doc.WriteMarkdown(&w2, back); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(w1.Bytes(), w2.Bytes()) {
		t.Errorf("written again:\n%s\nfirst:\n%s", w2.Bytes(), w1.Bytes())
	}
}

// TestInlineHTMLKept checks what inline HTML in Markdown becomes: <mark>
// a highlight, <a href> a link, an element HTML does not define its text
// with a warning, an <iframe> nothing with a warning (its text kept when
// it is not closed), a <script> nothing.
func TestInlineHTMLKept(t *testing.T) {
	d := read(t, "A <mark>hi</mark>, <a href=\"https://example.org/\">link</a>, <tag>kept</tag>, <tag>again</tag>, "+
		"<iframe src=\"x\">gone</iframe>, <script>gone()</script><kbd>key</kbd>.\n\nOpen <iframe>kept\n")
	ins := d.Blocks[0].Inlines
	if got := doc.PlainText(ins); got != "A hi, link, kept, again, , key." {
		t.Errorf("text %q", got)
	}
	if ins[1].Type != doc.Styled || ins[1].Style == nil || ins[1].Style.Highlight != "yellow" {
		t.Errorf("<mark> read as %+v", ins[1])
	}
	if ins[3].Type != doc.Link || ins[3].Href != "https://example.org/" {
		t.Errorf("<a href> read as %+v", ins[3])
	}
	if got := doc.PlainText(d.Blocks[1].Inlines); got != "Open kept" {
		t.Errorf("unclosed <iframe>: text %q", got)
	}
	want := []string{"<tag> in the Markdown not understood: kept as its text", "<iframe> in the Markdown left out"}
	if strings.Join(d.Warnings, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings %q, want %q", d.Warnings, want)
	}
}
