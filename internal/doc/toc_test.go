package doc

import (
	"strings"
	"testing"
)

// TestMatchTOC checks which entries of a table of contents count as
// showing a heading (and so are translated with it) and what they show
// once the headings are translated.
func TestMatchTOC(t *testing.T) {
	text := func(s string) []Inline { return []Inline{{Type: Text, Text: s}} }
	head := func(id string, level int, number, s string) Block {
		return Block{ID: id, Type: Heading, Level: level, Number: number, Inlines: text(s)}
	}
	entry := func(id string, level int, ins []Inline) Block {
		return Block{ID: id, Type: Paragraph, TOC: &TOCEntry{Instr: `TOC \o "1-3"`, Level: level}, Inlines: ins}
	}
	tests := []struct {
		name  string
		entry []Inline
		level int
		heads []Block
		want  string // the heading's ID, "" for no match
		shown string // the entry's text once the headings are translated
	}{
		{"the heading's text", text("Введение"), 1, []Block{head("h1", 1, "", "Введение")}, "h1", "[Введение]"},
		{"LibreOffice: the number without its full stop", text("1 Введение"), 1, []Block{head("h1", 1, "1.", "Введение")}, "h1", "1 [Введение]"},
		{"the number as the heading shows it", text("2.1. Нефть и газ"), 2, []Block{head("h1", 2, "2.1.", "Нефть и газ")}, "h1", "2.1. [Нефть и газ]"},
		{"a number the model does not hold", text("3 Выводы"), 1, []Block{head("h1", 1, "", "Выводы")}, "h1", "3 [Выводы]"},
		{"spaces aside", text("1  Цели\u00a0исследования "), 1, []Block{head("h1", 1, "", "Цели исследования")}, "h1", "1 [Цели исследования]"},
		{"words before the heading are no number", text("Глава первая Введение"), 1, []Block{head("h1", 1, "", "Введение")}, "", ""},
		{"another text", text("Приложение"), 1, []Block{head("h1", 1, "", "Заключение")}, "", ""},
		{"the heading of the entry's level first", text("Итоги"), 2, []Block{head("h1", 1, "", "Итоги"), head("h2", 2, "", "Итоги")}, "h2", "[Итоги]"},
		{"a link to a heading's anchor", []Inline{{Type: Link, Href: "#_Toc2", Content: text("Итоги")}}, 1,
			[]Block{head("h1", 1, "", "Итоги"), {ID: "h2", Type: Heading, Level: 1, Inlines: []Inline{{Type: Anchor, ID: "_Toc2"}, {Type: Text, Text: "Итоги"}}}}, "h2", "[Итоги]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Document{Blocks: append([]Block{entry("e1", tt.level, tt.entry)}, tt.heads...)}
			m := MatchTOC(d)
			if got := m["e1"].Heading; got != tt.want {
				t.Fatalf("heading %q, want %q", got, tt.want)
			}
			for i := range d.Blocks {
				if b := &d.Blocks[i]; b.Type == Heading {
					WalkInlines(b.Inlines, func(in *Inline) {
						if in.Type == Text {
							in.Text = "[" + in.Text + "]"
						}
					})
				}
			}
			m.Update(d)
			if tt.want == "" {
				return
			}
			e := d.Blocks[0]
			if got := PlainText(e.Inlines); got != tt.shown {
				t.Errorf("entry shows %q, want %q", got, tt.shown)
			}
			if tt.entry[0].Type == Link && (len(e.Inlines) != 1 || e.Inlines[0].Type != Link) {
				t.Errorf("the entry lost its link: %+v", e.Inlines)
			}
		})
	}
}

// TestMatchTOCSameText: two chapters with a heading of the same text each
// get their own entry, in order.
func TestMatchTOCSameText(t *testing.T) {
	var d Document
	for _, id := range []string{"e1", "e2"} {
		d.Blocks = append(d.Blocks, Block{ID: id, Type: Paragraph, TOC: &TOCEntry{Instr: "TOC", Level: 2}, Inlines: []Inline{{Type: Text, Text: "Итоги"}}})
	}
	d.Blocks = append(d.Blocks, Block{ID: "h1", Type: Heading, Level: 2, Inlines: []Inline{{Type: Text, Text: "Итоги"}}},
		Block{ID: "h2", Type: Heading, Level: 2, Inlines: []Inline{{Type: Text, Text: "Итоги"}}})
	m := MatchTOC(&d)
	if got := m["e1"].Heading + " " + m["e2"].Heading; got != "h1 h2" {
		t.Errorf("entries show %s, want h1 h2", got)
	}
}

// TestTOCLinks: on a web page an entry without a link of its own leads to
// its heading's anchor, else to the heading, and the table is one <nav>
// whose entries' classes say their levels; Markdown, which cannot name a
// heading, links to its anchor, else to one it writes in the heading.
func TestTOCLinks(t *testing.T) {
	d := &Document{Blocks: []Block{
		{ID: "e1", Type: Paragraph, TOC: &TOCEntry{Instr: "TOC", Level: 1}, Inlines: []Inline{{Type: Text, Text: "1 Введение"}}},
		{ID: "e2", Type: Paragraph, TOC: &TOCEntry{Instr: "TOC", Level: 1}, Inlines: []Inline{{Type: Text, Text: "2 Выводы"}}},
		{ID: "h1", Type: Heading, Level: 1, Number: "1.", Inlines: []Inline{{Type: Anchor, ID: "intro"}, {Type: Text, Text: "Введение"}}},
		{ID: "h2", Type: Heading, Level: 1, Number: "2.", Inlines: []Inline{{Type: Text, Text: "Выводы"}}},
	}}
	var b strings.Builder
	if err := WriteHTML(&b, d, HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<nav class="toc" role="doc-toc">
<p id="e1" class="toc-1"><a href="#intro">1 Введение</a></p>
<p id="e2" class="toc-1"><a href="#h2">2 Выводы</a></p>
</nav>`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("HTML lacks %s:\n%s", want, b.String())
		}
	}
	b.Reset()
	if err := WriteMarkdown(&b, d); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"[1 Введение](#intro)", "[2 Выводы](#2-выводы)", `# 2\. <span id="2-выводы"></span>Выводы`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("Markdown lacks %s:\n%s", want, b.String())
		}
	}
}

// TestMatchTOCFigures: an entry of a table of figures shows a caption, of
// a figure or a paragraph of its own, its number (a SEQ field) included;
// it is then translated with the caption, shows the caption's number as
// text (a SEQ field in it would count again), and on a web page leads to
// the caption.
func TestMatchTOCFigures(t *testing.T) {
	text := func(s string) []Inline { return []Inline{{Type: Text, Text: s}} }
	seq := func(before, n, after string) []Inline {
		return []Inline{{Type: Text, Text: before}, {Type: Field, Instr: `SEQ Figure \* ARABIC`, Text: n}, {Type: Text, Text: after}}
	}
	entry := func(id, s string) Block {
		return Block{ID: id, Type: Paragraph, TOC: &TOCEntry{Instr: `TOC \c "Figure"`}, Inlines: text(s)}
	}
	d := &Document{Blocks: []Block{
		entry("e1", "Рисунок 1 — Схема поставок"),
		entry("e2", "Рисунок 2 — Динамика торговли"),
		entry("e3", "Итоги"),
		entry("e4", "Рисунок 3 — Нет такого"),
		{ID: "h1", Type: Heading, Level: 1, Inlines: text("Итоги")},
		{ID: "f1", Type: FigureBlock, Figure: &Figure{Src: "a.png", Caption: seq("Рисунок ", "1", " — Схема поставок")}},
		{ID: "p1", Type: Paragraph, Inlines: text("Текст.")},
		{ID: "c2", Type: Paragraph, Inlines: seq("Рисунок ", "2", " — Динамика торговли")},
		{ID: "c3", Type: Paragraph, Inlines: seq("Рисунок ", "3", " — Схема поставок")},
	}}
	m := MatchTOC(d)
	var got []string
	for _, id := range []string{"e1", "e2", "e3", "e4"} {
		got = append(got, id+"→"+m[id].Heading)
	}
	if want := "e1→f1 e2→c2 e3→ e4→"; strings.Join(got, " ") != want {
		t.Errorf("entries show %s, want %s", strings.Join(got, " "), want)
	}
	var b strings.Builder
	if err := WriteHTML(&b, d, HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<p id="e1"><a href="#f1">`, `<p id="e2"><a href="#c2">`, `<p id="e3">Итоги</p>`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("HTML lacks %s:\n%s", want, b.String())
		}
	}
	d.Blocks[5].Figure.Caption = seq("Figure ", "1", ". Gas supply scheme")
	d.Blocks[7].Inlines = seq("Figure ", "2", ". Trade dynamics")
	m.Update(d)
	for i, want := range []string{"Figure 1. Gas supply scheme", "Figure 2. Trade dynamics", "Итоги"} {
		e := d.Blocks[i]
		var got strings.Builder
		WalkInlines(e.Inlines, func(in *Inline) { got.WriteString(in.Text) })
		if got.String() != want {
			t.Errorf("%s shows %q, want %q", e.ID, got.String(), want)
		}
		WalkInlines(e.Inlines, func(in *Inline) {
			if in.Type == Field {
				t.Errorf("%s holds the caption's field %q", e.ID, in.Instr)
			}
		})
	}
}
