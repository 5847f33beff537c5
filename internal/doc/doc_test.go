package doc

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func para(text string) Block {
	return Block{Type: Paragraph, Inlines: []Inline{{Type: Text, Text: text}}}
}

func TestTokens(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Война и мир.", []string{"Война", " ", "и", " ", "мир", "."}},
		{"中俄条约", []string{"中", "俄", "条", "约"}},
		{"H2O, 2001年", []string{"H2O", ",", " ", "2001", "年"}},
		{"пере\u00adнос", []string{"пере\u00adнос"}},
	} {
		if got := Tokens(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestDiffWords checks the marks a reader sees in a changed paragraph:
// whole words in Russian, single characters in Chinese.
func TestDiffWords(t *testing.T) {
	for _, tc := range []struct {
		old, cur, want string
	}{
		{"Договор подписан в Москве.", "Договор подписан в Пекине.", `Договор подписан в <del>Москве</del><ins>Пекине</ins>.`},
		{"两国签署了条约。", "两国共同签署了条约。", `两国<ins>共同</ins>签署了条约。`},
	} {
		a := &Document{Blocks: []Block{para("Без изменений."), para(tc.old)}}
		b := &Document{Blocks: []Block{para("Без изменений."), para(tc.cur)}}
		AssignIDs(a)
		AssignIDs(b)
		var out bytes.Buffer
		if err := WriteDiffHTML(&out, Diff(a, b), HTMLOptions{}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), tc.want) {
			t.Errorf("diff of %q and %q:\n%s\nwant it to contain %s", tc.old, tc.cur, out.String(), tc.want)
		}
		if !strings.Contains(out.String(), "<p id=\"p-") || strings.Contains(out.String(), "<del><p") {
			t.Errorf("unchanged paragraph not shown as is:\n%s", out.String())
		}
	}
}

// TestDiffLargelyRewritten checks that a rewritten paragraph is shown as
// deleted and inserted rather than as a confetti of word changes.
func TestDiffLargelyRewritten(t *testing.T) {
	a := &Document{Blocks: []Block{para("Первый вариант текста о форуме.")}}
	b := &Document{Blocks: []Block{para("Совсем другое содержание абзаца здесь.")}}
	ops := []Op{}
	for _, c := range Diff(a, b).Blocks {
		ops = append(ops, c.Op)
	}
	if !reflect.DeepEqual(ops, []Op{Delete, Insert}) {
		t.Errorf("ops = %v, want delete then insert", ops)
	}
}

func TestAssignIDs(t *testing.T) {
	d := &Document{Blocks: []Block{para("Да."), para("Нет."), para("Да.")}}
	AssignIDs(d)
	if d.Blocks[2].ID != d.Blocks[0].ID+"-2" {
		t.Errorf("repeated paragraph ids %s, %s; want the second to end in -2", d.Blocks[0].ID, d.Blocks[2].ID)
	}
	moved := &Document{Blocks: []Block{para("Нет."), para("Да.")}}
	AssignIDs(moved)
	if moved.Blocks[0].ID != d.Blocks[1].ID {
		t.Errorf("a moved paragraph changed its id: %s, was %s", moved.Blocks[0].ID, d.Blocks[1].ID)
	}
}

func TestHTMLLangAndLinks(t *testing.T) {
	d := &Document{Lang: "zh-CN", Blocks: []Block{
		{Type: Paragraph, Inlines: []Inline{
			{Type: Text, Text: "学者"},
			{Type: Span, Lang: "ru-RU", Content: []Inline{{Type: Text, Text: "Лев Толстой"}}},
			{Type: Span, Lang: "zh-CN", Content: []Inline{{Type: Text, Text: "说"}}},
			{Type: Link, Href: "javascript:alert(1)", Content: []Inline{{Type: Text, Text: "危险"}}},
			{Type: Link, Href: "https://example.org/?a=1&b=2", Content: []Inline{{Type: Text, Text: "<链接>"}}},
		}},
		{Type: Paragraph, Lang: "ru-RU", Inlines: []Inline{{Type: Text, Text: "Весь абзац по-русски."}}},
	}}
	var b bytes.Buffer
	if err := WriteHTML(&b, d, HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		`学者<span lang="ru-RU">Лев Толстой</span>说危险<a href="https://example.org/?a=1&amp;b=2">&lt;链接&gt;</a>`,
		`<p lang="ru-RU">Весь абзац по-русски.</p>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("HTML:\n%s\nwant %s", got, want)
		}
	}
	if strings.Contains(got, "javascript") {
		t.Errorf("unsafe link written:\n%s", got)
	}
}

// TestMarkdownEscapes checks that the Markdown writer escapes what would
// be read as markup (a list number, emphasis) and nothing else: brackets
// that make no link, "<" before what is no tag, "&" that starts no
// character reference.
func TestMarkdownEscapes(t *testing.T) {
	d := &Document{Blocks: []Block{para("1999. Год *звёзд* и [скобок] <тегов> & _подчёркиваний_")}}
	var b bytes.Buffer
	if err := WriteMarkdown(&b, d); err != nil {
		t.Fatal(err)
	}
	want := `1999\. Год \*звёзд\* и [скобок] <тегов> & \_подчёркиваний\_` + "\n"
	if b.String() != want {
		t.Errorf("Markdown = %q, want %q", b.String(), want)
	}
}
