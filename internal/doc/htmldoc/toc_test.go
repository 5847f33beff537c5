package htmldoc

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// tocShape describes a document's blocks as "type" or "toc-N:text".
func tocShape(d *doc.Document) string {
	var out []string
	for _, b := range d.Blocks {
		if b.TOC != nil {
			out = append(out, fmt.Sprintf("toc-%d:%s", b.TOC.Level, doc.PlainText(b.Inlines)))
			continue
		}
		out = append(out, string(b.Type))
	}
	return strings.Join(out, " | ")
}

// TestTOCRoundTrip checks that a table of contents is written as one
// <nav role="doc-toc"> whose entries show their levels, and that the
// page reads back as the same entries, levels and links, so that it is
// written again the same.
func TestTOCRoundTrip(t *testing.T) {
	const instr = `TOC \o "1-3" \h \z \u`
	entry := func(level int, s string) doc.Block {
		return doc.Block{Type: doc.Paragraph, TOC: &doc.TOCEntry{Instr: instr, Level: level},
			Inlines: []doc.Inline{{Type: doc.Text, Text: s}}}
	}
	head := func(level int, s string) doc.Block {
		return doc.Block{Type: doc.Heading, Level: level, Inlines: []doc.Inline{{Type: doc.Text, Text: s}}}
	}
	d := &doc.Document{Version: doc.Version, Lang: "en", Blocks: []doc.Block{
		{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: "Contents"}}},
		entry(1, "Introduction"), entry(2, "Sources"), entry(1, "Method"),
		head(1, "Introduction"), head(2, "Sources"), head(1, "Method"),
	}}
	doc.AssignIDs(d)
	first := render(t, d)
	if n := strings.Count(first, `<nav class="toc" role="doc-toc">`); n != 1 || strings.Count(first, "</nav>") != 1 {
		t.Errorf("%d tables of contents, want 1:\n%s", n, first)
	}
	for _, want := range []string{`class="toc-1"><a href="#h-`, `class="toc-2"><a href="#h-`} {
		if !strings.Contains(first, want) {
			t.Errorf("HTML lacks %q:\n%s", want, first)
		}
	}
	back := readPage(t, first, Options{})
	if len(back.Warnings) > 0 {
		t.Errorf("warnings %q", back.Warnings)
	}
	want := "paragraph | toc-1:Introduction | toc-2:Sources | toc-1:Method | heading | heading | heading"
	if got := tocShape(back); got != want {
		t.Errorf("read back as %s, want %s", got, want)
	}
	if second := render(t, back); second != first {
		t.Errorf("written again differently:\n%s\n---\n%s", first, second)
	}
}

// TestReadTOC checks that other pages' tables of contents are read as
// such (pandoc's nested lists, levels by depth) and that other
// navigation is still left out.
func TestReadTOC(t *testing.T) {
	d := readPage(t, `<nav role="navigation"><a href="/">Home</a></nav>`+
		`<nav id="TOC" role="doc-toc"><h2>Contents</h2><ul><li><a href="#a">A</a><ul><li><a href="#b">B</a></li></ul></li><li><a href="#c">C</a></li></ul></nav>`+
		`<h1 id="a">A</h1><h2 id="b">B</h2><h1 id="c">C</h1>`, Options{})
	want := "heading | toc-1:A | toc-2:B | toc-1:C | heading | heading | heading"
	if got := tocShape(d); got != want {
		t.Errorf("read as %s, want %s", got, want)
	}
	if got := strings.Join(d.Warnings, "\n"); got != "<nav> left out" {
		t.Errorf("warnings %q", got)
	}
}
