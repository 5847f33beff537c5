package translate

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/interchange"
)

// TestHeadersExported exports a document's headers and footers as units
// after its body, with a page-number field as a protected code that shows
// its instruction, and puts the translation back around the field.
func TestHeadersExported(t *testing.T) {
	newDoc := func() *doc.Document {
		d := &doc.Document{Lang: "ru", Blocks: []doc.Block{
			{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: "Текст статьи."}}},
		}, Headers: []doc.Part{
			{Name: "header", Blocks: []doc.Block{{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: "Сборник форума"}}}}},
			{Name: "footer", Blocks: []doc.Block{{Type: doc.Paragraph, Inlines: []doc.Inline{
				{Type: doc.Text, Text: "Страница "}, {Type: doc.Field, Instr: "PAGE", Text: "1"},
				{Type: doc.Text, Text: " из "}, {Type: doc.Field, Instr: "NUMPAGES", Text: "2"}}}}},
			{Name: "footer-first", Blocks: []doc.Block{{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Field, Instr: "PAGE", Text: "1"}}}}},
		}}
		doc.AssignIDs(d)
		return d
	}
	d := newDoc()
	x, err := FromDocument(d, "paper.docx", "ru", "en")
	if err != nil {
		t.Fatal(err)
	}
	units := x.Files[0].Units
	var got []string
	for _, u := range units {
		got = append(got, u.Segments[0].Source.Plain())
	}
	if want := []string{"Текст статьи.", "Сборник форума", "Страница  из "}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("units %q, want %q (a footer of only a page number has nothing to translate)", got, want)
	}
	footer := units[2].Segments[0].Source
	codes := footer.Codes()
	if len(codes) != 2 || codes[0].Code != "PAGE" || codes[1].Code != "NUMPAGES" || codes[0].Type != "field" {
		t.Fatalf("the footer's fields are not codes showing their instruction: %+v", codes)
	}
	for _, version := range []string{"1.2", "2.1"} {
		x.Version = version
		var buf bytes.Buffer
		if err := interchange.WriteXLIFF(&buf, x); err != nil {
			t.Fatal(err)
		}
		if version == "2.1" && !strings.Contains(buf.String(), `canDelete="no"`) {
			t.Errorf("%s: the field codes are not protected:\n%s", version, buf.String())
		}
		y, err := interchange.ReadXLIFF(&buf, "paper.xlf")
		if err != nil {
			t.Fatal(err)
		}
		tr := map[string]interchange.Content{
			"Текст статьи.":  interchange.PlainText("The paper's text."),
			"Сборник форума": interchange.PlainText("Forum collection"),
		}
		for fi := range y.Files {
			for ui := range y.Files[fi].Units {
				s := &y.Files[fi].Units[ui].Segments[0]
				c, ok := tr[s.Source.Plain()]
				if !ok {
					sc := s.Source.Codes()
					// "Page {PAGE} of {NUMPAGES}"
					c = interchange.Content{{Kind: interchange.Text, Text: "Page "}, sc[0], {Kind: interchange.Text, Text: " of "}, sc[1]}
				}
				s.Target, s.State = c, interchange.Translated
			}
		}
		e := newDoc()
		res, err := ApplyTranslation(e, y)
		if err != nil {
			t.Fatal(err)
		}
		if res.Translated != 3 || len(res.Warnings) > 0 {
			t.Errorf("%s: %d translated, warnings %v", version, res.Translated, res.Warnings)
		}
		var parts []string
		for _, in := range e.Headers[1].Blocks[0].Inlines {
			switch in.Type {
			case doc.Text:
				parts = append(parts, in.Text)
			case doc.Field:
				parts = append(parts, "{"+in.Instr+"}")
			}
		}
		if got, want := strings.Join(parts, ""), "Page {PAGE} of {NUMPAGES}"; got != want {
			t.Errorf("%s: footer imported as %q, want %q", version, got, want)
		}
		if got := doc.PlainText(e.Headers[0].Blocks[0].Inlines); got != "Forum collection" {
			t.Errorf("%s: header imported as %q", version, got)
		}
	}
}
