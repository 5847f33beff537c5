package doc

import "testing"

func langText(s string) Inline { return Inline{Type: Text, Text: s} }

func langSpan(lang string, ins ...Inline) Inline { return Inline{Type: Span, Lang: lang, Content: ins} }

func langPara(ins ...Inline) Block { return Block{Type: Paragraph, Inlines: ins} }

// TestSettleLang checks which language a document and its blocks are
// taken to be in when sources mark only part of their text.
func TestSettleLang(t *testing.T) {
	for _, c := range []struct {
		name      string
		fallback  string
		blocks    []Block
		wantLang  string
		wantBlock []string // each block's own Lang after settling
	}{
		{"a Chinese essay that marks only a Russian name", "",
			[]Block{langPara(langText("本文作者研究中俄关系多年，参考了"), langSpan("ru", langText("Иванов")), langText("的著作。"))},
			"", []string{""}},
		{"the same, told it is Chinese", "zh",
			[]Block{langPara(langText("本文作者研究中俄关系多年，参考了"), langSpan("ru", langText("Иванов")), langText("的著作。"))},
			"zh", []string{""}},
		{"Cyrillic text under an English default", "en-US",
			[]Block{langPara(langText("Договор о добрососедстве подписан в Москве.")), langPara(langSpan("zh-CN", langText("条约")))},
			"ru", []string{"", "zh-CN"}},
		{"Latin text under an English default stays English", "en-US",
			[]Block{langPara(langText("The treaty was signed in Moscow.")), langPara(langSpan("ru", langText("Договор")))},
			"en-US", []string{"", "ru"}},
		{"marked text is counted as marked", "en",
			[]Block{langPara(langSpan("ru", langText("Длинный русский текст статьи о договоре."))), langPara(langText("Short."))},
			"ru", []string{"", ""}},
		{"a paragraph all in one other language, cut by a link", "ru",
			[]Block{langPara(langText("Основной текст статьи о договоре.")),
				langPara(langSpan("zh-CN", langText("见")), Inline{Type: Link, Href: "https://example.org", Content: []Inline{langSpan("zh-CN", langText("原文"))}}, langText(" "), langSpan("zh-CN", langText("。")))},
			"ru", []string{"", "zh-CN"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := &Document{Version: Version, Blocks: c.blocks}
			SettleLang(d, c.fallback)
			if d.Lang != c.wantLang {
				t.Errorf("document language %q, want %q", d.Lang, c.wantLang)
			}
			for i, b := range d.Blocks {
				if b.Lang != c.wantBlock[i] {
					t.Errorf("block %d language %q, want %q (%+v)", i, b.Lang, c.wantBlock[i], b.Inlines)
				}
			}
		})
	}
}
