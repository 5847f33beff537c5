package doc

import "testing"

// TestRefValuesUpdate replaces the text of a document the way a
// translation does and checks what each cross-reference shows afterwards:
// a heading's REF its translated heading, a caption's REF the translated
// label and number up to the caption's SEQ field, a NOTEREF the note's new
// number after the notes changed order; a PAGEREF, a REF with a
// paragraph-number switch and a REF whose value was typed over keep theirs.
func TestRefValuesUpdate(t *testing.T) {
	text := func(s string) Inline { return Inline{Type: Text, Text: s} }
	field := func(instr, v string) Inline { return Inline{Type: Field, Instr: instr, Text: v} }
	d := &Document{Lang: "ru", Notes: []Note{
		{ID: "n1", Type: Footnote, Blocks: []Block{{Type: Paragraph, Inlines: []Inline{text("Первая.")}}}},
		{ID: "n2", Type: Footnote, Blocks: []Block{{Type: Paragraph, Inlines: []Inline{text("Вторая.")}}}},
	}, Blocks: []Block{
		{Type: Heading, Level: 1, Inlines: []Inline{{Type: Anchor, ID: "_Ref10"}, text("Методы")}},
		{Type: Paragraph, Inlines: []Inline{{Type: Anchor, ID: "_Ref11"}, text("Таблица "), field(`SEQ Таблица \* ARABIC`, "1"), text(". Население")}},
		{Type: Paragraph, Inlines: []Inline{text("Текст"), {Type: NoteRef, Note: "n1"}, text(" и ещё"), {Type: Anchor, ID: "_Ref12"}, {Type: NoteRef, Note: "n2"}, text(".")}},
		{Type: Paragraph, Inlines: []Inline{
			text("См. раздел «"), field(`REF _Ref10 \h`, "Методы"), text("», "),
			field(`REF _REF11 \h  \* MERGEFORMAT`, "Таблица 1"), text(", примечание "),
			field(`NOTEREF _Ref12 \h`, "2"), text(", с. "), field(`PAGEREF _Ref10 \h`, "5"),
			text(", п. "), field(`REF _Ref10 \r \h`, "2.1"), text(", "), field(`REF _Ref10`, "Введение"),
		}},
	}}
	refs := MarkRefValues(d)
	// The translation: new text, and the note references in the other order.
	d.Blocks[0].Inlines[1].Text = "Methods"
	d.Blocks[1].Inlines[1].Text = "Table "
	d.Blocks[1].Inlines[3].Text = ". Population"
	d.Blocks[2].Inlines = []Inline{text("And more"), {Type: Anchor, ID: "_Ref12"}, {Type: NoteRef, Note: "n2"}, text(" text"), {Type: NoteRef, Note: "n1"}, text(".")}
	OrderNotes(d)
	refs.Update(d)
	want := []string{"Methods", "Table 1", "1", "5", "2.1", "Введение"}
	var got []string
	WalkInlines(d.Blocks[3].Inlines, func(in *Inline) {
		if in.Type == Field {
			got = append(got, in.Text)
		}
	})
	if len(got) != len(want) {
		t.Fatalf("fields %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("field %d (%s) shows %q, want %q", i, d.Blocks[3].Inlines[2*i+1].Instr, got[i], want[i])
		}
	}
}

// TestRefValuesParagraphNumbers checks cross-references to a paragraph's
// number (REF \r, \n, \w): one that showed the number of the heading or
// the label of the list item holding its bookmark, whole or without the
// full stop that ends it, shows the translated number or label; one that
// showed something else (the bare number, "above") keeps its value.
func TestRefValuesParagraphNumbers(t *testing.T) {
	text := func(s string) Inline { return Inline{Type: Text, Text: s} }
	field := func(instr, v string) Inline { return Inline{Type: Field, Instr: instr, Text: v} }
	d := &Document{Lang: "zh", Blocks: []Block{
		{Type: Heading, Level: 1, Number: "第一章", Inlines: []Inline{{Type: Anchor, ID: "_Ref1"}, text("总则")}},
		{Type: ListBlock, List: &List{Ordered: true, Items: []Item{
			{Label: "Статья 1.", Blocks: []Block{{Type: Paragraph, Inlines: []Inline{{Type: Anchor, ID: "_Ref2"}, text("Стороны")}}}},
		}}},
		{Type: Paragraph, Inlines: []Inline{
			field(`REF _Ref1 \r \h`, "第一章"), field(`REF _Ref2 \w \h`, "Статья 1"), field(`REF _Ref2 \r`, "Статья 1."),
			field(`REF _Ref2 \n \h`, "1"), field(`REF _Ref1 \r \p`, "第一章上文"), field(`REF _Ref1 \r \t`, "一"),
			field(`REF _Ref1 \h`, "总则"),
		}},
	}}
	refs := MarkRefValues(d)
	d.Blocks[0].Number = "Глава 1"
	d.Blocks[0].Inlines[1].Text = "Общие положения"
	d.Blocks[1].List.Items[0].Label = "Article 1."
	refs.Update(d)
	want := []string{"Глава 1", "Article 1", "Article 1.", "1", "第一章上文", "一", "Общие положения"}
	var got []string
	WalkInlines(d.Blocks[2].Inlines, func(in *Inline) { got = append(got, in.Text) })
	if len(got) != len(want) {
		t.Fatalf("fields %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s shows %q, want %q", d.Blocks[2].Inlines[i].Instr, got[i], want[i])
		}
	}
}

// TestRefValuesTOCEntries checks that an entry of a table of contents that
// showed its heading (with the heading's number or without) shows the
// translated heading after the translation, whatever the translator made
// of the entry, as a word processor makes the table again; an entry that
// showed other text keeps its translation.
func TestRefValuesTOCEntries(t *testing.T) {
	text := func(s string) Inline { return Inline{Type: Text, Text: s} }
	toc := &TOCEntry{Instr: `TOC \o "1-3" \h \z \u`, Level: 1}
	entry := func(bm, s string) Block {
		return Block{Type: Paragraph, TOC: toc, Inlines: []Inline{{Type: Link, Href: "#" + bm, Content: []Inline{text(s)}}}}
	}
	d := &Document{Lang: "ru", Blocks: []Block{
		entry("_Toc1", "Статья 1.\tОбщие положения"), entry("_Toc2", "Сотрудничество"), entry("_Toc3", "Прочее"),
		{Type: Heading, Level: 1, Number: "Статья 1.", Inlines: []Inline{{Type: Anchor, ID: "_Toc1"}, text("Общие положения")}},
		{Type: Heading, Level: 1, Inlines: []Inline{{Type: Anchor, ID: "_Toc2"}, text("Сотрудничество")}},
		{Type: Heading, Level: 1, Inlines: []Inline{{Type: Anchor, ID: "_Toc3"}, text("Заключительные положения")}},
	}}
	refs := MarkRefValues(d)
	for i, s := range []string{"Art. 1 General", "Cooperating", "Other matters", "General provisions", "Cooperation", "Final provisions"} {
		if i < 3 {
			d.Blocks[i].Inlines[0].Content = []Inline{text(s)}
		} else {
			d.Blocks[i].Inlines[1].Text = s
		}
	}
	d.Blocks[3].Number = "Article 1."
	refs.Update(d)
	for i, want := range []string{"Article 1. General provisions", "Cooperation", "Other matters"} {
		if got := PlainText(d.Blocks[i].Inlines); got != want {
			t.Errorf("entry %d shows %q, want %q", i+1, got, want)
		}
		if d.Blocks[i].Inlines[0].Type != Link || d.Blocks[i].Inlines[0].Href != "#_Toc"+string(rune('1'+i)) {
			t.Errorf("entry %d lost its link: %+v", i+1, d.Blocks[i].Inlines)
		}
	}
}
