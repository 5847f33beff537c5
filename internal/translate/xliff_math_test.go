package translate

import (
	"bytes"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/interchange"
)

// formula is x² + y₁ in each form the model keeps.
var formula = &doc.Math{
	TeX:    "x^2+y_1",
	MathML: `<math xmlns="http://www.w3.org/1998/Math/MathML"><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><msub><mi>y</mi><mn>1</mn></msub></math>`,
	OMML:   `<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"><m:sSup><m:e><m:r><m:t>x</m:t></m:r></m:e><m:sup><m:r><m:t>2</m:t></m:r></m:sup></m:sSup></m:oMath>`,
}

// mathDocument is a Chinese paragraph with a formula, a bookmark that a
// link elsewhere points to, and a footnote reference with its own mark,
// as the DOCX reader makes them.
func mathDocument() *doc.Document {
	text := func(s string) doc.Inline { return doc.Inline{Type: doc.Text, Text: s} }
	d := &doc.Document{Version: doc.Version, Lang: "zh", Title: "公式与注释", Blocks: []doc.Block{
		{ID: "p-1", Type: doc.Paragraph, Inlines: []doc.Inline{
			{Type: doc.Anchor, ID: "sec-formula"},
			text("当"), {Type: doc.MathInline, Math: formula}, text("等于一时，方程成立"),
			{Type: doc.NoteRef, Note: "n-1", Mark: "*"}, text("。"),
		}},
		{ID: "p-2", Type: doc.Paragraph, Inlines: []doc.Inline{
			text("见"), {Type: doc.Link, Href: "#sec-formula", Content: []doc.Inline{text("上文")}}, text("。"),
		}},
		{ID: "p-3", Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.MathInline, Math: &doc.Math{Display: true, TeX: "E=mc^2"}}}},
	}, Notes: []doc.Note{{ID: "n-1", Type: doc.Footnote, Blocks: []doc.Block{{ID: "p-n", Type: doc.Paragraph, Inlines: []doc.Inline{text("作者注。")}}}}}}
	return d
}

// TestFormulasAnchorsAndMarks exports a document with a formula, an
// anchor and a custom note mark to XLIFF 1.2 and 2.1: the formula is a
// protected code, out of the translatable text; the anchor is a
// placeholder; the mark is shown. A translation that moves them comes back
// with each restored unchanged.
func TestFormulasAnchorsAndMarks(t *testing.T) {
	for _, tt := range []struct {
		version string
		has     []string
	}{
		{"1.2", []string{
			`<x id="1" ctype="x-anchor"/>当<ph id="2" ctype="x-math">x^2+y_1</ph>等于一时，方程成立<ph id="3" ctype="x-footnote">*</ph>。</source>`,
			`<trans-unit id="title-1">`,
		}},
		{"2.1", []string{
			`<ph id="1" type="other" subType="tandem:anchor" canCopy="no" canDelete="no"/>当<ph id="2" type="other" subType="tandem:math" canCopy="no" canDelete="no" dataRef="d1-2" disp="x^2+y_1"/>`,
			`<ph id="3" type="other" subType="tandem:footnote" canCopy="no" canDelete="no" dataRef="d1-3" disp="*"/>`,
			`<data id="d1-2">x^2+y_1</data>`,
			`<unit id="title">`,
		}},
	} {
		d := mathDocument()
		x, err := FromDocument(d, "f.docx", "zh", "ru")
		if err != nil {
			t.Fatal(err)
		}
		x.Version = tt.version
		var buf bytes.Buffer
		if err := interchange.WriteXLIFF(&buf, x); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		for _, s := range tt.has {
			if !strings.Contains(out, s) {
				t.Errorf("%s: the XLIFF lacks %s:\n%s", tt.version, s, out)
			}
		}
		if strings.Contains(out, "E=mc^2") {
			t.Errorf("%s: a paragraph that is only a formula was exported:\n%s", tt.version, out)
		}
		y, err := interchange.ReadXLIFF(&buf, "f.xlf")
		if err != nil {
			t.Fatal(err)
		}
		units := y.Units()
		if len(units) != 4 || units[0].ID != "title" || units[1].ID != "p-1" || units[3].ID != "p-n" {
			t.Fatalf("%s: units %+v", tt.version, units)
		}
		if p := units[1].Segments[0].Source.Plain(); p != "当等于一时，方程成立。" {
			t.Errorf("%s: translatable text %q", tt.version, p)
		}
		// The translator moves the codes around the Russian words.
		codes := units[1].Segments[0].Source.Codes()
		tr := map[string]interchange.Content{
			"title": interchange.PlainText("Формулы и примечания"),
			"p-1":   {codes[0], {Kind: interchange.Text, Text: "Уравнение верно, когда "}, codes[1], {Kind: interchange.Text, Text: " равно единице"}, codes[2], {Kind: interchange.Text, Text: "."}},
			"p-2":   target("См. {1}выше{/1}.", units[2].Segments[0].Source),
			"p-n":   interchange.PlainText("Примечание автора."),
		}
		for i := range y.Files[0].Units {
			u := &y.Files[0].Units[i]
			u.Segments[0].Target, u.Segments[0].State = tr[u.ID], interchange.Translated
		}
		res, err := ApplyTranslation(d, y)
		if err != nil {
			t.Fatal(err)
		}
		if res.Translated != 4 || len(res.Warnings) != 0 {
			t.Errorf("%s: %d translated, warnings %v", tt.version, res.Translated, res.Warnings)
		}
		want := mathDocument()
		want.Lang, want.Title = "ru", "Формулы и примечания"
		text := func(s string) doc.Inline { return doc.Inline{Type: doc.Text, Text: s} }
		want.Blocks[0].Inlines = []doc.Inline{
			{Type: doc.Anchor, ID: "sec-formula"}, text("Уравнение верно, когда "), {Type: doc.MathInline, Math: formula},
			text(" равно единице"), {Type: doc.NoteRef, Note: "n-1", Mark: "*"}, text("."),
		}
		want.Blocks[1].Inlines = []doc.Inline{text("См. "), {Type: doc.Link, Href: "#sec-formula", Content: []doc.Inline{text("выше")}}, text(".")}
		want.Notes[0].Blocks[0].Inlines = []doc.Inline{text("Примечание автора.")}
		if !reflect.DeepEqual(d, want) {
			t.Errorf("%s: imported\n%+v\nwant\n%+v", tt.version, d, want)
		}
	}
}

// TestLostFormula checks that a translation that drops a formula or an
// anchor says so.
func TestLostFormula(t *testing.T) {
	d := mathDocument()
	x, err := FromDocument(d, "f.docx", "zh", "ru")
	if err != nil {
		t.Fatal(err)
	}
	for i := range x.Files[0].Units {
		u := &x.Files[0].Units[i]
		u.Segments[0].Target, u.Segments[0].State = interchange.PlainText("Перевод."), interchange.Translated
	}
	res, err := ApplyTranslation(d, x)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range res.Warnings {
		got = append(got, w.Msg)
	}
	// A lost note reference is said as its sentence is read, before the
	// codes of the whole text are checked.
	want := []string{
		`unit "p-1": tag 3 (footnote) of the source is missing from the translation: the note reference is put at the end of the sentence, so that the note keeps one`,
		`unit "p-1": tag 1 (anchor) of the source is missing from the translation: the link target is lost`,
		`unit "p-1": tag 2 (math) of the source is missing from the translation: the formula is lost`,
		`unit "p-2": tag 1 (link) of the source is missing from the translation: the link is lost`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

var nmtoken = regexp.MustCompile(`^[\p{L}\p{N}._:-]+$`)

// TestTextsBesideBlocks exports the texts that are not a block's inlines:
// the title, a list item's label with words, a figure's caption and
// alternative text. Each is a unit named by an XML name token (as XLIFF 2
// requires), and import puts its translation back in place.
func TestTextsBesideBlocks(t *testing.T) {
	text := func(s string) []doc.Inline { return []doc.Inline{{Type: doc.Text, Text: s}} }
	d := &doc.Document{Version: doc.Version, Lang: "ru", Title: "Договор", Blocks: []doc.Block{
		{ID: "l-1", Type: doc.ListBlock, List: &doc.List{Ordered: true, Items: []doc.Item{
			{Label: "Статья 1.", Blocks: []doc.Block{{ID: "p-a", Type: doc.Paragraph, Inlines: text("Стороны развивают отношения.")}}},
			{Blocks: []doc.Block{{ID: "p-b", Type: doc.Paragraph, Inlines: text("Без метки.")}}},
		}}},
		{ID: "f-1", Type: doc.FigureBlock, Figure: &doc.Figure{Src: "a.png", Alt: "Подписание договора", Caption: text("Подписание в Москве")}},
		{ID: "p-a", Type: doc.Paragraph, Inlines: text("Повтор.")},
	}}
	x, err := FromDocument(d, "d.docx", "ru", "zh")
	if err != nil {
		t.Fatal(err)
	}
	tr := map[string]string{
		"title": "条约", "p-a": "双方发展关系。", "p-b": "无标签。",
		"f-1.caption": "图1 签署", "f-1.alt": "条约签署", "p-a.2": "重复。",
	}
	var ids []string
	for i := range x.Files[0].Units {
		u := &x.Files[0].Units[i]
		ids = append(ids, u.ID)
		if !nmtoken.MatchString(u.ID) {
			t.Errorf("unit id %q is not an XML name token", u.ID)
		}
		u.Segments[0].Target, u.Segments[0].State = interchange.PlainText(tr[u.ID]), interchange.Translated
		if u.ID == "l-1.label" {
			u.Segments[0].Target = target("第{1/}条", u.Segments[0].Source)
		}
	}
	if want := "title l-1.label p-a p-b f-1.caption f-1.alt p-a.2"; strings.Join(ids, " ") != want {
		t.Errorf("units %s, want %s", strings.Join(ids, " "), want)
	}
	res, err := ApplyTranslation(d, x)
	if err != nil {
		t.Fatal(err)
	}
	if res.Translated != 7 || len(res.Warnings) != 0 {
		t.Errorf("%d translated, warnings %v", res.Translated, res.Warnings)
	}
	it := d.Blocks[0].List.Items
	if d.Title != "条约" || it[0].Label != "第一条" || it[1].Label != "" || d.Blocks[1].Figure.Alt != "条约签署" ||
		doc.PlainText(d.Blocks[1].Figure.Caption) != "图1 签署" || doc.PlainText(d.Blocks[2].Inlines) != "重复。" {
		t.Errorf("imported %+v", d)
	}
}
