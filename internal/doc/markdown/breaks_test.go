package markdown

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// TestPageBreaks checks that the page and column breaks the Markdown
// writer writes as <br class="…"> read back as those breaks, in a
// paragraph and on a line of their own, and that a plain <br> stays a
// new line.
func TestPageBreaks(t *testing.T) {
	src := "текст<br class=\"page-break\">после<br>ещё<br class=\"column-break\"/>конец\n\n<br class=\"page-break\">\n\nГлава 2.\n"
	d, err := Read([]byte(src), "ru", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(d.Blocks)
	want := []doc.Block{
		{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: "текст"}, {Type: doc.LineBreak, Break: doc.BreakPage},
			{Type: doc.Text, Text: "после"}, {Type: doc.LineBreak}, {Type: doc.Text, Text: "ещё"}, {Type: doc.LineBreak, Break: doc.BreakColumn}, {Type: doc.Text, Text: "конец"}}},
		{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.LineBreak, Break: doc.BreakPage}}},
		{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: "Глава 2."}}},
	}
	for i := range want {
		if i < len(d.Blocks) {
			want[i].ID = d.Blocks[i].ID
		}
	}
	if w, _ := json.Marshal(want); !bytes.Equal(got, w) {
		t.Errorf("blocks\n%s\nwant\n%s", got, w)
	}
	var out bytes.Buffer
	if err := doc.WriteMarkdown(&out, d); err != nil {
		t.Fatal(err)
	}
	back, err := Read(out.Bytes(), "ru", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := json.Marshal(back.Blocks); !bytes.Equal(again, got) {
		t.Errorf("written and read again:\n%s\nwant\n%s\nMarkdown:\n%s", again, got, out.String())
	}
}
