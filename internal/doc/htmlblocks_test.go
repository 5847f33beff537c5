package doc

import (
	"bytes"
	"strings"
	"testing"
)

// TestHTMLBlocks: the pieces put together are the page WriteHTML writes,
// so a page that sets comments beside the blocks shows the same text.
func TestHTMLBlocks(t *testing.T) {
	d := &Document{Version: Version, Lang: "ru", Blocks: []Block{
		{ID: "h1", Type: Heading, Level: 1, Inlines: []Inline{{Type: Text, Text: "Договор"}}},
		{ID: "p1", Type: Paragraph, Inlines: []Inline{{Type: Text, Text: "Подписан в Москве."}, {Type: NoteRef, Note: "n1"}}},
		{ID: "p2", Type: Paragraph, Inlines: []Inline{{Type: Text, Text: "Статья 9."}}},
	}, Notes: []Note{{ID: "n1", Type: Footnote, Blocks: []Block{{ID: "n1p", Type: Paragraph, Inlines: []Inline{{Type: Text, Text: "16 июля 2001 года."}}}}}}}
	blocks, notes, err := HTMLBlocks(d, HTMLOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var whole bytes.Buffer
	if err := WriteHTML(&whole, d, HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	if len(blocks) != 3 || !strings.Contains(blocks[2], `id="p2"`) || !strings.Contains(notes, "16 июля 2001 года.") {
		t.Fatalf("blocks %q, notes %q", blocks, notes)
	}
	if got := strings.Join(blocks, "") + notes; got != whole.String() {
		t.Errorf("pieces differ from the page:\n%s\nwant\n%s", got, whole.String())
	}
}
