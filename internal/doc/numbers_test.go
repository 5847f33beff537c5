package doc

import "testing"

// TestLocalizeNumbers checks that a translated list numbers its items and
// labels them the way the target language does, and that heading numbers
// left in Chinese numerals become digits outside Chinese.
func TestLocalizeNumbers(t *testing.T) {
	item := func(label string) Item { return Item{Label: label, Blocks: []Block{}} }
	list := func(style string, start int, labels ...string) Block {
		l := &List{Ordered: true, Style: style, Start: start}
		for _, s := range labels {
			l.Items = append(l.Items, item(s))
		}
		return Block{Type: ListBlock, List: l}
	}
	cases := []struct {
		name, to   string
		in         Block
		style      string
		labels     []string
		number     string
		wantNumber string
	}{
		{name: "Chinese counting into English", to: "en", in: list("cjk-ideographic", 1, "", "Article 二", "Article 十二"),
			style: "", labels: []string{"", "Article 2", "Article 12"}},
		{name: "parenthesised Chinese into Russian", to: "ru-RU", in: list("cjk-ideographic", 9, "（九）", "（十）"),
			style: "", labels: []string{"(9)", "(10)"}},
		{name: "heavenly stems into English", to: "en", in: list("cjk-heavenly-stem", 1, "甲）", "乙）"),
			style: "", labels: []string{"1)", "2)"}},
		{name: "Russian letters into English", to: "en-GB", in: list("cyrillic-lower", 1, "а)", "б)", "в)"),
			style: "lower-alpha", labels: []string{"a)", "b)", "c)"}},
		{name: "Russian letters into Chinese", to: "zh", in: list("cyrillic-upper", 3, "В.", "Г."),
			style: "upper-alpha", labels: []string{"C.", "D."}},
		{name: "Latin letters into Russian", to: "ru", in: list("lower-alpha", 1, "a)", "b)"),
			style: "cyrillic-lower", labels: []string{"а)", "б)"}},
		{name: "a letter inside a word stays", to: "en", in: list("cyrillic-lower", 3, "Глава в)"),
			style: "lower-alpha", labels: []string{"Глава c)"}},
		{name: "Chinese keeps its numbers", to: "zh", in: list("cjk-ideographic", 1, "第一条"),
			style: "cjk-ideographic", labels: []string{"第一条"}},
		{name: "Roman numerals stay", to: "ru", in: list("upper-roman", 1, "Раздел I"),
			style: "upper-roman", labels: []string{"Раздел I"}},
		{name: "a heading number", to: "en", in: Block{Type: Heading, Level: 1, Number: "一百零五、"}, wantNumber: "105."},
		{name: "a heading number in Chinese", to: "zh", in: Block{Type: Heading, Level: 1, Number: "一、"}, wantNumber: "一、"},
		{name: "an article in Chinese counts in Chinese", to: "zh", in: Block{Type: Heading, Level: 1, Number: "第12条"}, wantNumber: "第十二条"},
		{name: "a part past a hundred", to: "zh-CN", in: Block{Type: Heading, Level: 1, Number: "第105 部分"}, wantNumber: "第一百零五部分"},
		{name: "a chapter in traditional Chinese", to: "zh-TW", in: Block{Type: Heading, Level: 1, Number: "第3節"}, wantNumber: "第三節"},
		{name: "a page keeps its digits", to: "zh", in: Block{Type: Heading, Level: 1, Number: "第3页"}, wantNumber: "第3页"},
		{name: "Chinese articles into Russian", to: "ru", in: Block{Type: Heading, Level: 1, Number: "第十二条"}, wantNumber: "第12条"},
		{name: "a list of articles in Chinese", to: "zh", in: list("", 1, "第1条", "第2条", "第10条"),
			style: "cjk-ideographic", labels: []string{"第一条", "第二条", "第十条"}},
		{name: "a list with one article in Chinese", to: "zh", in: list("", 1, "第1条", "附则"),
			style: "", labels: []string{"第一条", "附则"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := &Document{Blocks: []Block{c.in}}
			LocalizeNumbers(d, c.to)
			b := d.Blocks[0]
			if b.List == nil {
				if b.Number != c.wantNumber {
					t.Errorf("number %q, want %q", b.Number, c.wantNumber)
				}
				return
			}
			if b.List.Style != c.style {
				t.Errorf("style %q, want %q", b.List.Style, c.style)
			}
			for k, it := range b.List.Items {
				if it.Label != c.labels[k] {
					t.Errorf("label %d %q, want %q", k, it.Label, c.labels[k])
				}
			}
		})
	}
}

func TestChineseValue(t *testing.T) {
	for s, want := range map[string]int{"一": 1, "十": 10, "十二": 12, "二十": 20, "一百零五": 105, "三千零一十": 3010, "一〇": 10, "贰拾叁": 23, "两百": 200} {
		if got, ok := chineseValue(s); !ok || got != want {
			t.Errorf("chineseValue(%q) = %d, %v; want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"十十", "一二十", "〇"} {
		if _, ok := chineseValue(s); ok {
			t.Errorf("chineseValue(%q) accepted", s)
		}
	}
}
