package htmldoc

import (
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
