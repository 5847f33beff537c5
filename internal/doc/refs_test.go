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
