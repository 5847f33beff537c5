package qa

import (
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/interchange"
)

// TestListLabels: a list or section label at the start of a segment is
// compared by its number across the ways zh, ru and en write it (（二）,
// 二、, (2), 2), 2., б), b), (b), II., ii)), the first and second items
// too, where 1 and 2 elsewhere may be an article or "both". Russian list
// letters skip ё, й, ъ, ы and ь (и) is the ninth item, or the eighth by
// GOST 2.105, which also skips з, о and ч).
func TestListLabels(t *testing.T) {
	cases := []struct {
		from, to, src, tgt string
		wrong              bool
	}{
		// The same item.
		{"zh", "ru", "（二）合作", "б) сотрудничество", false},
		{"zh", "ru", "（一）合作", "а) сотрудничество", false},
		{"zh", "ru", "（二）合作", "2) сотрудничество", false},
		{"zh", "ru", "（二）合作", "(2) сотрудничество", false},
		{"zh", "ru", "二、合作", "2. Сотрудничество", false},
		{"zh", "ru", "一、总则", "I. Общие положения", false},
		{"zh", "ru", "二、合作", "II. Сотрудничество", false},
		{"zh", "en", "（二）合作", "(b) Cooperation", false},
		{"zh", "en", "（二）合作", "b) Cooperation", false},
		{"zh", "en", "（二）合作", "(ii) Cooperation", false},
		{"zh", "en", "（一）合作", "(i) Cooperation", false},
		{"zh", "en", "二、合作", "II. Cooperation", false},
		{"zh", "en", "一、总则", "1. General provisions", false},
		{"ru", "en", "б) сотрудничество", "(b) cooperation", false},
		{"ru", "en", "а) сотрудничество", "(a) cooperation", false},
		{"ru", "en", "1) сотрудничество", "(a) cooperation", false},
		{"ru", "zh", "б) сотрудничество", "（二）合作", false},
		{"ru", "zh", "к) иные вопросы", "（九）其他事项", false},
		{"en", "ru", "ii) cooperation", "б) сотрудничество", false},
		{"en", "zh", "I. General provisions", "一、总则", false},
		{"en", "zh", "(2) Scope", "（二）适用范围", false},
		// Another item.
		{"zh", "ru", "（二）合作", "в) сотрудничество", true},
		{"zh", "ru", "（一）合作", "б) сотрудничество", true},
		{"zh", "ru", "（二）合作", "а) сотрудничество", true},
		{"zh", "ru", "（一）合作", "2) сотрудничество", true},
		{"zh", "ru", "（二）合作", "(1) сотрудничество", true},
		{"zh", "ru", "二、合作", "1. Сотрудничество", true},
		{"zh", "ru", "一、总则", "II. Общие положения", true},
		{"zh", "ru", "二、合作", "I. Сотрудничество", true},
		{"zh", "en", "（一）合作", "(b) Cooperation", true},
		{"zh", "en", "（二）合作", "(i) Cooperation", true},
		{"zh", "en", "（一）合作", "(ii) Cooperation", true},
		{"zh", "en", "一、总则", "2. General provisions", true},
		{"ru", "en", "б) сотрудничество", "(a) cooperation", true},
		{"ru", "en", "а) сотрудничество", "b) cooperation", true},
		{"ru", "en", "2) сотрудничество", "(a) cooperation", true},
		{"ru", "zh", "а) сотрудничество", "（二）合作", true},
		{"en", "ru", "ii) cooperation", "а) сотрудничество", true},
		{"en", "zh", "I. General provisions", "二、总则", true},
		{"en", "zh", "(1) Scope", "（二）适用范围", true},
	}
	for _, tt := range cases {
		c := mustChecker(t, tt.from, tt.to, nil)
		fs := c.Segment(interchange.PlainText(tt.src), interchange.PlainText(tt.tgt))
		want := ""
		if tt.wrong {
			want = "numbers"
		}
		if got := checks(fs); got != want {
			var msgs []string
			for _, f := range fs {
				msgs = append(msgs, f.Check+": "+f.Message)
			}
			t.Errorf("%s→%s %q → %q: checks %q, want %q\n\t%s", tt.from, tt.to, tt.src, tt.tgt, got, want, strings.Join(msgs, "\n\t"))
		}
	}
}

// TestLabelUnits checks units that are a list or section label alone, as
// tandem exports the numbers of headings and the labels of list items
// (一、 → 1)): each language marks a label its own way, so the end
// punctuation is not compared; a label with a title ends with the title's
// punctuation, and messages name the mark as written (、 is an
// enumeration comma, not ",").
func TestLabelUnits(t *testing.T) {
	tests := []struct {
		from, to, src, tgt string
		want               string // the end-punctuation message, "" for none
	}{
		{"zh", "ru", "一、", "1)", ""},
		{"zh", "ru", "一、", "1.", ""},
		{"zh", "ru", "（一）", "а)", ""},
		{"zh", "en", "二、", "II.", ""},
		{"zh", "en", "①", "1)", ""},
		{"ru", "zh", "1)", "一、", ""},
		{"ru", "zh", "б)", "（二）", ""},
		{"en", "ru", "(ii)", "б)", ""},
		{"zh", "ru", "一、主要内容", "1. Основное содержание", ""},
		{"zh", "ru", "一、主要内容。", "1. Основное содержание", `the source ends with "。", the translation with no punctuation`},
		{"zh", "ru", "石油、天然气、", "Нефть, газ.", `the source ends with "、" (an enumeration comma), the translation with "."`},
		{"zh", "ru", "这是问题吗？", "Это вопрос.", `the source ends with "？", the translation with "."`},
		{"ru", "zh", "Он сказал...", "他说？", `the source ends with "...", the translation with "？"`},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range mustChecker(t, tt.from, tt.to, nil).Segment(interchange.PlainText(tt.src), interchange.PlainText(tt.tgt)) {
			if f.Check == "end-punctuation" {
				got = append(got, f.Message)
			}
		}
		want := []string{}
		if tt.want != "" {
			want = append(want, tt.want)
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s→%s %q → %q: end-punctuation %q, want %q", tt.from, tt.to, tt.src, tt.tgt, got, want)
		}
	}
}
