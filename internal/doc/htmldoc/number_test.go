package htmldoc

import (
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// TestHeadingNumbersReadBack writes numbered headings (一、 with no space
// after it, 2.1. with one) and reads the page back: each heading has its
// number again, not as text, so its id and the page stay the same.
func TestHeadingNumbersReadBack(t *testing.T) {
	d := &doc.Document{Lang: "zh", Blocks: []doc.Block{
		{Type: doc.Heading, Level: 1, Number: "一、", Inlines: []doc.Inline{{Type: doc.Text, Text: "总则"}}},
		{Type: doc.Heading, Level: 2, Number: "2.1.", Inlines: []doc.Inline{{Type: doc.Text, Text: "目标"}}},
		{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: "正文。"}}},
	}}
	doc.AssignIDs(d)
	page := render(t, d)
	back, err := Read([]byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"一、", "2.1."} {
		if b := back.Blocks[i]; b.Number != want || doc.PlainText(b.Inlines) != doc.PlainText(d.Blocks[i].Inlines) || b.ID != d.Blocks[i].ID {
			t.Errorf("heading %d read back as number %q, text %q, id %s; want %q, %q, %s", i, b.Number, doc.PlainText(b.Inlines), b.ID, want, doc.PlainText(d.Blocks[i].Inlines), d.Blocks[i].ID)
		}
	}
	if again := render(t, back); again != page {
		t.Errorf("written again:\n%s\nwant:\n%s", again, page)
	}
}

// TestFigureLinksReadBack reads a page tandem wrote with a list of figures
// whose entries link to the figures: the links still lead to the figures,
// with no warning, and the page read again is the page.
func TestFigureLinksReadBack(t *testing.T) {
	d := &doc.Document{Lang: "ru", Blocks: []doc.Block{
		{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: "Список рисунков"}}},
		{Type: doc.FigureBlock, Figure: &doc.Figure{Alt: "Схема", Caption: []doc.Inline{{Type: doc.Text, Text: "Рисунок 1 — Схема"}}}},
	}}
	doc.AssignIDs(d)
	fig := d.Blocks[1].ID
	d.Blocks[0].Inlines = []doc.Inline{{Type: doc.Link, Href: "#" + fig, Content: []doc.Inline{{Type: doc.Text, Text: "Рисунок 1 — Схема"}}}}
	page := render(t, d)
	back, err := Read([]byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Warnings) > 0 {
		t.Errorf("warnings %v", back.Warnings)
	}
	link := back.Blocks[0].Inlines
	if len(link) != 1 || link[0].Type != doc.Link || link[0].Href != "#"+back.Blocks[1].ID {
		t.Errorf("the entry reads %+v, want a link to the figure %s", link, back.Blocks[1].ID)
	}
	if again := render(t, back); again != render(t, back) || !strings.Contains(again, `href="#`+back.Blocks[1].ID+`"`) {
		t.Errorf("written again:\n%s", again)
	}
}
