package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// tocDoc is a document whose table of contents shows headings with and
// without bookmarks, two headings of the same text, a heading whose slug
// an anchor elsewhere already has, and a table of figures showing a
// caption set as a paragraph of its own.
func tocDoc() *doc.Document {
	const toc = `TOC \o "1-3" \h \z \u`
	const tof = `TOC \h \z \c "Figure"`
	entry := func(instr string, level int, text string) doc.Block {
		return doc.Block{Type: doc.Paragraph, TOC: &doc.TOCEntry{Instr: instr, Level: level},
			Inlines: []doc.Inline{{Type: doc.Text, Text: text}}}
	}
	head := func(level int, num string, ins ...doc.Inline) doc.Block {
		return doc.Block{Type: doc.Heading, Level: level, Number: num, Inlines: ins}
	}
	text := func(s string) doc.Inline { return doc.Inline{Type: doc.Text, Text: s} }
	d := &doc.Document{Version: doc.Version, Lang: "en", Blocks: []doc.Block{
		entry(toc, 1, "1 Introduction"),
		entry(toc, 2, "1.1 Notes"),
		entry(toc, 1, "2 Method"),
		entry(toc, 2, "2.1 Notes"),
		entry(toc, 1, "Summary"),
		entry(tof, 0, "Figure 1. A map"),
		head(1, "1.", text("Introduction")),
		head(2, "1.1.", text("Notes")),
		{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Anchor, ID: "summary"}, text("Text.")}},
		head(1, "2.", doc.Inline{Type: doc.Anchor, ID: "_Ref_method"}, text("Method")),
		head(2, "2.1.", text("Notes")),
		{Type: doc.Paragraph, Inlines: []doc.Inline{text("Figure 1. A map")}},
		head(1, "", text("Summary")),
	}}
	doc.AssignIDs(d)
	return d
}

// TestTOCLinksRoundTrip checks that every entry of a table of contents
// that shows a heading or caption is linked to it in Markdown, bookmark
// or not, and that each link leads, once the Markdown is read back, to
// the heading or caption it showed.
func TestTOCLinksRoundTrip(t *testing.T) {
	var md bytes.Buffer
	if err := doc.WriteMarkdown(&md, tocDoc()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"[1 Introduction](#1-introduction)", "[2 Method](#_Ref_method)", "[Summary](#summary-1)",
		"[1.1 Notes](#11-notes)", "[2.1 Notes](#21-notes)", "[Figure 1. A map](#figure-1-a-map)",
		`# 1\. <span id="1-introduction"></span>Introduction`,
	} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md.String())
		}
	}
	back, err := Read(md.Bytes(), "en", DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Warnings) > 0 {
		t.Errorf("warnings %q", back.Warnings)
	}
	// Where each name leads: the text of the block holding the anchor.
	leads := map[string]string{}
	for _, b := range back.Blocks {
		doc.WalkInlines(b.Inlines, func(in *doc.Inline) {
			if in.Type == doc.Anchor {
				leads[in.ID] = strings.TrimSpace(doc.PlainText(b.Inlines))
			}
		})
	}
	want := map[string]string{
		"1 Introduction": "1. Introduction", "1.1 Notes": "1.1. Notes", "2 Method": "2. Method",
		"2.1 Notes": "2.1. Notes", "Summary": "Summary", "Figure 1. A map": "Figure 1. A map",
	}
	for _, b := range back.Blocks[:6] {
		var href string
		doc.WalkInlines(b.Inlines, func(in *doc.Inline) {
			if in.Type == doc.Link {
				href = in.Href
			}
		})
		entry := doc.PlainText(b.Inlines)
		id, ok := doc.InternalTarget(href)
		if !ok || !back.Targets()[id] {
			t.Errorf("entry %q: link %q does not resolve", entry, href)
			continue
		}
		if leads[id] != want[entry] {
			t.Errorf("entry %q leads to %q, want %q", entry, leads[id], want[entry])
		}
	}
	var again bytes.Buffer
	if err := doc.WriteMarkdown(&again, back); err != nil {
		t.Fatal(err)
	}
	if strings.Count(again.String(), "](#") != 6 {
		t.Errorf("written again with other links:\n%s", again.String())
	}
}
