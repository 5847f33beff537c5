package interchange

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// TestBodyFieldsExported exports a paragraph with fields, one of them a
// cross-reference made a link: each field is a protected code that shows
// the value the source showed and carries its instruction, and the
// translation puts them back as the fields they were.
func TestBodyFieldsExported(t *testing.T) {
	newDoc := func() *doc.Document {
		d := &doc.Document{Lang: "ru", Blocks: []doc.Block{
			{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Anchor, ID: "_Ref1"}, {Type: doc.Text, Text: "Таблица "}, {Type: doc.Field, Instr: `SEQ Таблица \* ARABIC`, Text: "1"}}},
			{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: "См. на с. "},
				{Type: doc.Link, Href: "#_Ref1", Content: []doc.Inline{{Type: doc.Field, Instr: `PAGEREF _Ref1 \h`, Text: "5"}}},
				{Type: doc.Text, Text: "."}}},
		}}
		doc.AssignIDs(d)
		return d
	}
	x, err := FromDocument(newDoc(), "paper.docx", "ru", "en")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ version, want string }{
		{"1.2", `<ph id="2" ctype="x-field" equiv-text="5">PAGEREF _Ref1 \h</ph>`},
		{"2.1", `<ph id="2" type="other" subType="tandem:field" canCopy="no" canDelete="no" dataRef="`},
		{"2.1", `disp="5"/>`},
	} {
		x.Version = tc.version
		var buf bytes.Buffer
		if err := WriteXLIFF(&buf, x); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), tc.want) {
			t.Errorf("XLIFF %s lacks %s:\n%s", tc.version, tc.want, buf.String())
		}
		if tc.version == "2.1" && !strings.Contains(buf.String(), `>PAGEREF _Ref1 \h</data>`) {
			t.Errorf("XLIFF 2.1 lacks the instruction as original data:\n%s", buf.String())
		}
		y, err := ReadXLIFF(&buf, "paper.xlf")
		if err != nil {
			t.Fatal(err)
		}
		for fi := range y.Files {
			for ui := range y.Files[fi].Units {
				s := &y.Files[fi].Units[ui].Segments[0]
				s.Target = nil
				for _, r := range s.Source {
					if r.Kind == Text {
						r.Text = map[string]string{"Таблица ": "Table ", "См. на с. ": "See page ", ".": "."}[r.Text]
					}
					s.Target = append(s.Target, r)
				}
				s.State = Translated
			}
		}
		e := newDoc()
		res, err := ApplyTranslation(e, y)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Warnings) > 0 {
			t.Errorf("%s: warnings %v", tc.version, res.Warnings)
		}
		if got := e.Blocks[0].Inlines; len(got) != 3 || got[2].Type != doc.Field || got[2].Instr != `SEQ Таблица \* ARABIC` || got[2].Text != "1" || doc.PlainText(got) != "Table " {
			t.Errorf("%s: caption imported as %+v", tc.version, got)
		}
		got := e.Blocks[1].Inlines
		if len(got) != 3 || got[1].Type != doc.Link || len(got[1].Content) != 1 || got[1].Content[0].Instr != `PAGEREF _Ref1 \h` || got[1].Content[0].Text != "5" {
			t.Errorf("%s: reference imported as %+v", tc.version, got)
		}
	}
}
