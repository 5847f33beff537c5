package i18n

import "testing"

// TestPunct: Chinese joins with full-width marks and no spaces, the others
// with ASCII marks and a space.
func TestPunct(t *testing.T) {
	zh, ru := PunctOf("zh"), PunctOf("ru")
	if got := "刘洋" + zh.Enum + "德米特里·科兹洛夫" + zh.Paren("", "主编"); got != "刘洋、德米特里·科兹洛夫（主编）" {
		t.Errorf("zh: %q", got)
	}
	if got := "北京" + zh.Colon + "中国社会科学院"; got != "北京：中国社会科学院" {
		t.Errorf("zh: %q", got)
	}
	if got := "EPUB" + zh.Colon + "1" + zh.Semicolon + zh.Paren("ISBN", "PDF"); got != "EPUB：1；ISBN（PDF）" {
		t.Errorf("zh: %q", got)
	}
	if got := "Москва" + ru.Colon + "РСМД" + ru.Semicolon + ru.Paren("ISBN", "PDF") + ru.Enum + "x"; got != "Москва: РСМД; ISBN (PDF), x" {
		t.Errorf("ru: %q", got)
	}
	if PunctOf("zh-Hant").Colon != "：" || PunctOf("en").Space() != " " || zh.Space() != "" {
		t.Error("language tags and spaces")
	}
}
