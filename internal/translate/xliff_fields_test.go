package translate

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/interchange"
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
		if err := interchange.WriteXLIFF(&buf, x); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), tc.want) {
			t.Errorf("XLIFF %s lacks %s:\n%s", tc.version, tc.want, buf.String())
		}
		if tc.version == "2.1" && !strings.Contains(buf.String(), `>PAGEREF _Ref1 \h</data>`) {
			t.Errorf("XLIFF 2.1 lacks the instruction as original data:\n%s", buf.String())
		}
		y, err := interchange.ReadXLIFF(&buf, "paper.xlf")
		if err != nil {
			t.Fatal(err)
		}
		for fi := range y.Files {
			for ui := range y.Files[fi].Units {
				s := &y.Files[fi].Units[ui].Segments[0]
				s.Target = nil
				for _, r := range s.Source {
					if r.Kind == interchange.Text {
						r.Text = map[string]string{"Таблица ": "Table ", "См. на с. ": "See page ", ".": "."}[r.Text]
					}
					s.Target = append(s.Target, r)
				}
				s.State = interchange.Translated
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

// TestCrossReferenceTranslated imports a translation of a paragraph that
// refers to a heading and to a table's caption: the fields show the
// translated heading and caption label, as Word shows them once it works
// the fields out again, not the source's words inside the translation.
func TestCrossReferenceTranslated(t *testing.T) {
	newDoc := func() *doc.Document {
		d := &doc.Document{Lang: "ru", Blocks: []doc.Block{
			{Type: doc.Heading, Level: 1, Inlines: []doc.Inline{{Type: doc.Anchor, ID: "_Ref7"}, {Type: doc.Text, Text: "Методы"}}},
			{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Anchor, ID: "_Ref8"}, {Type: doc.Text, Text: "Таблица "}, {Type: doc.Field, Instr: `SEQ Таблица \* ARABIC`, Text: "1"}, {Type: doc.Text, Text: ". Итоги"}}},
			{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: "См. "},
				{Type: doc.Link, Href: "#_Ref7", Content: []doc.Inline{{Type: doc.Field, Instr: `REF _Ref7 \h`, Text: "Методы"}}},
				{Type: doc.Text, Text: " и "},
				{Type: doc.Field, Instr: `REF _Ref8 \h`, Text: "Таблица 1"},
				{Type: doc.Text, Text: "."}}},
		}}
		doc.AssignIDs(d)
		return d
	}
	x, err := FromDocument(newDoc(), "paper.docx", "ru", "en")
	if err != nil {
		t.Fatal(err)
	}
	words := map[string]string{"Методы": "Methods", "Таблица ": "Table ", ". Итоги": ". Results", ".": ".", "Итоги": "Results", "См. ": "See ", " и ": " and "}
	for fi := range x.Files {
		for ui := range x.Files[fi].Units {
			for si := range x.Files[fi].Units[ui].Segments {
				s := &x.Files[fi].Units[ui].Segments[si]
				s.Target = nil
				for _, r := range s.Source {
					if r.Kind == interchange.Text {
						tr, ok := words[r.Text]
						if !ok {
							t.Fatalf("no translation for %q", r.Text)
						}
						r.Text = tr
					}
					s.Target = append(s.Target, r)
				}
				s.State = interchange.Translated
			}
		}
	}
	d := newDoc()
	if _, err := ApplyTranslation(d, x); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := doc.WriteHTML(&b, d, doc.HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), ">See <a href=\"#_Ref7\">Methods</a> and Table 1.<") {
		t.Errorf("the cross-references do not show the translation:\n%s", b.String())
	}
}
