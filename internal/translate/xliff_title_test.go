package translate

import (
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/interchange"
)

// TestTitleTranslatedOnce exports documents whose title is also their
// first heading (a Title-style paragraph in DOCX): the title is one unit,
// the heading's, and the translated document's title is the translated
// heading. A title the text does not show is a unit of its own.
func TestTitleTranslatedOnce(t *testing.T) {
	newDoc := func(title string) *doc.Document {
		d := &doc.Document{Lang: "ru", Title: title, Blocks: []doc.Block{
			{Type: doc.Heading, Level: 1, Inlines: []doc.Inline{{Type: doc.Text, Text: "Доклад  о сотрудничестве"}}},
			{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: "Текст."}}},
		}}
		doc.AssignIDs(d)
		return d
	}
	words := map[string]string{"Доклад  о сотрудничестве": "合作报告", "Доклад о сотрудничестве": "合作报告", "Текст.": "正文。", "Отчёт": "报告"}
	for _, tc := range []struct {
		title, want string
		units       int
	}{
		{"Доклад о сотрудничестве", "合作报告", 2},
		{"Отчёт", "报告", 3},
	} {
		x, err := FromDocument(newDoc(tc.title), "paper.docx", "ru", "zh")
		if err != nil {
			t.Fatal(err)
		}
		if n := len(x.Units()); n != tc.units {
			t.Errorf("title %q: %d units, want %d", tc.title, n, tc.units)
		}
		for fi := range x.Files {
			for ui := range x.Files[fi].Units {
				for si := range x.Files[fi].Units[ui].Segments {
					s := &x.Files[fi].Units[ui].Segments[si]
					s.Target = interchange.Content{{Kind: interchange.Text, Text: words[s.Source.Plain()]}}
					s.State = interchange.Translated
				}
			}
		}
		d := newDoc(tc.title)
		if _, err := ApplyTranslation(d, x); err != nil {
			t.Fatal(err)
		}
		if d.Title != tc.want {
			t.Errorf("title %q translated as %q, want %q", tc.title, d.Title, tc.want)
		}
	}
}
