package doc

import (
	"bytes"
	"strings"
	"testing"
)

// TestWriteDiffHTMLContextNames: with ContextName the places of a diff's
// blocks are shown as what they are (a quotation as a blockquote, a list
// item as one) and tables and notes are named in the reader's words; no
// internal name ("list", "quote", "note 1") is left as text.
func TestWriteDiffHTMLContextNames(t *testing.T) {
	para := func(id, s string) Block {
		return Block{Type: Paragraph, ID: id, Inlines: []Inline{{Type: Text, Text: s}}}
	}
	mk := func(q, item, note string) *Document {
		return &Document{Lang: "ru", Blocks: []Block{
			{Type: Quote, ID: "q", Blocks: []Block{para("p1", q)}},
			{Type: ListBlock, ID: "l", List: &List{Items: []Item{{Blocks: []Block{para("p2", item)}}}}},
			para("p3", "Текст со сноской."),
		}, Notes: []Note{{ID: "n1", Blocks: []Block{para("p4", note)}}}}
	}
	ch := Diff(mk("Старая цитата из договора.", "Первый пункт.", "Сноска одна."), mk("Новая цитата из договора.", "Первый пункт.", "Сноска другая."))
	var b bytes.Buffer
	names := map[string]string{"note": "Сноска", "table": "Таблица"}
	err := WriteDiffHTML(&b, ch, HTMLOptions{ContextName: func(kind string, n int) string {
		if n > 0 {
			return names[kind] + " " + string(rune('0'+n))
		}
		return names[kind]
	}})
	if err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{`<blockquote class="diff-ctx"><p id="p1" class="changed">`, `<ul class="diff-ctx"><li><p id="p2">Первый пункт.</p>`, `<span class="ctx">Сноска 1</span>`} {
		if !strings.Contains(out, want) {
			t.Errorf("diff lacks %s:\n%s", want, out)
		}
	}
	for _, internal := range []string{">list<", ">quote<", ">note 1<"} {
		if strings.Contains(out, internal) {
			t.Errorf("diff shows the internal name %s:\n%s", internal, out)
		}
	}
}
