package qa

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/interchange"
)

// codes builds segment content from a string in which {x} is a standalone
// code (a field, a note mark, a bookmark), {c} program code, {n} a note
// reference, {?} a code of no known kind, {g} … {/g} a pair of codes (a
// link, bold) and {pc}{/pc} a pair around nothing; ids are numbered in
// order, so that the same string on both sides has the same codes.
func codes(s string) interchange.Content {
	var c interchange.Content
	n := 0
	var open []string
	for s != "" {
		i := strings.IndexByte(s, '{')
		j := strings.IndexByte(s, '}')
		if i < 0 || j < i {
			c = append(c, interchange.Run{Kind: interchange.Text, Text: s})
			break
		}
		if i > 0 {
			c = append(c, interchange.Run{Kind: interchange.Text, Text: s[:i]})
		}
		switch tag := s[i+1 : j]; tag {
		case "x":
			n++
			c = append(c, interchange.Run{Kind: interchange.Standalone, ID: "x" + itoa(n), Type: "x-field"})
		case "c":
			n++
			c = append(c, interchange.Run{Kind: interchange.Standalone, ID: "x" + itoa(n), Type: "code", Disp: "go vet"})
		case "n":
			n++
			c = append(c, interchange.Run{Kind: interchange.Standalone, ID: "x" + itoa(n), Type: "footnote"})
		case "?":
			n++
			c = append(c, interchange.Run{Kind: interchange.Standalone, ID: "x" + itoa(n)})
		case "g", "pc":
			n++
			id := "g" + itoa(n)
			open = append(open, id)
			c = append(c, interchange.Run{Kind: interchange.Open, ID: id, Type: "link"})
		case "/g", "/pc":
			id := open[len(open)-1]
			open = open[:len(open)-1]
			c = append(c, interchange.Run{Kind: interchange.Close, ID: id, Type: "link"})
		}
		s = s[j+1:]
	}
	return c
}

func itoa(n int) string { return string(rune('0' + n)) }

// TestCodesBesideText: inline codes next to spaces, stops and brackets in
// correct translations raise nothing; the checks read a code as something
// in its place, not as nothing between the text on either side of it.
func TestCodesBesideText(t *testing.T) {
	tests := []conventionCase{
		// A cross-reference field and a page field inside links, and a
		// note reference, as Word writes them.
		{"zh", "ru", "详见{g}{x}{/g}（第{g}{x}{/g}页）及{x}。", "Подробнее см. {g}{x}{/g} (с. {g}{x}{/g}) и {x}.", ""},
		{"zh", "ru", "详见{g}{x}{/g}（第{g}{x}{/g}页）及{x}。", "Подробнее см. {g}{x}{/g} (с. {g}{x}{/g}).{x}", ""},
		{"zh", "ru", "详见{g}{x}{/g}（第{g}{x}{/g}页）及{x}。", "Подробнее см. {g}{x}{/g}, с. {g}{x}{/g}, и {x}.", ""},
		{"zh", "en", "详见{g}{x}{/g}（第{g}{x}{/g}页）及{x}。", "See {g}{x}{/g} (p. {g}{x}{/g}) and {x}.", ""},
		{"ru", "en", "Подробнее см. {x} (с. {x}) и {x}.", "For details, see {x} (p. {x}) and {x}.", ""},
		{"ru", "zh", "Подробнее см. {x} (с. {x}) и {x}.", "详见{x}（第{x}页）及{x}。", ""},
		{"en", "ru", "See {x} on page {x}.", "См. {x} на с. {x}.", ""},
		{"en", "zh", "See {x} on page {x}.", "见第{x}页{x}。", ""},
		// XLIFF 2 <pc> around nothing: a link whose text is a field.
		{"ru", "en", "См. {pc}{/pc} и {pc}{/pc}.", "See {pc}{/pc} and {pc}{/pc}.", ""},
		// Note marks before and after the stop, and between sentences.
		{"zh", "ru", "双方在莫斯科签署条约{x}。", "Стороны подписали договор в Москве{x}.", ""},
		{"zh", "en", "双方在莫斯科签署条约{x}。", "The two sides signed the treaty in Moscow.{x}", ""},
		{"ru", "en", "Договор подписан в Москве.{x} Он действует двадцать лет.", "The treaty was signed in Moscow.{x} It is valid for twenty years.", ""},
		{"ru", "zh", "Договор подписан в Москве.{x} Он действует двадцать лет.", "条约在莫斯科签署。{x}有效期为二十年。", ""},
		{"en", "ru", "The treaty was signed in Moscow{x}. It is valid for twenty years.", "Договор подписан в Москве{x}. Он действует двадцать лет.", ""},
		// A bookmark before a heading's number, a field for the number.
		{"zh", "ru", "{x}一、总则", "{x}1. Общие положения", ""},
		{"zh", "ru", "第{x}页", "Страница {x}", ""},
		{"ru", "en", "«{x}»", "“{x}”", ""},
		{"en", "ru", "He said: “{x}”.", "Он сказал: «{x}».", ""},
		// A line break or an image between words and before a bracket.
		{"ru", "en", "Москва{x}(Россия)", "Moscow{x}(Russia)", ""},
		{"en", "ru", "Trade grew by 5% {x} in 2021.", "Товарооборот вырос на 5\u00a0% {x} в 2021\u00a0г.", ""},
		{"zh", "ru", "贸易额增长了5%{x}。", "Товарооборот вырос на 5\u00a0%{x}.", ""},
		// Web addresses end at a code.
		{"ru", "en", "Сайт: www.kremlin.ru{x}и другие.", "Website: www.kremlin.ru{x}and others.", ""},
	}
	wrong := []conventionCase{
		{"zh", "ru", "详见{x}。", "Подробнее см. {x} .", "spaces"},
		{"zh", "ru", "详见{x}。", "Подробнее см.  {x}.", "spaces"},
		{"zh", "ru", "详见（第{x}页）。", "Подробнее см. ( с. {x}).", "spaces"},
		{"ru", "zh", "См. {x}.", "见{x} 。", "spaces"},
		{"zh", "ru", "详见{x}。", "Подробнее см. {x}", "end-punctuation"},
		{"zh", "ru", "双方在莫斯科签署条约{x}。", "Стороны подписали договор в Москве{x}", "end-punctuation"},
		{"ru", "en", "Сайт: www.kremlin.ru{x}.", "Website: www.kremlin.com{x}.", "addresses"},
		{"ru", "en", "Стр. {x} из 5.", "Page {x} of 6.", "numbers numbers"},
		{"ru", "en", "Договор подписан в Москве.{x} Он действует двадцать лет.", "The treaty was signed in Moscow.{x}", "sentences"},
	}
	run := func(cases []conventionCase) {
		for _, tt := range cases {
			fs := mustChecker(t, tt.from, tt.to, nil).Segment(codes(tt.src), codes(tt.tgt))
			if got := checks(fs); got != tt.want {
				t.Errorf("%s→%s %q → %q: checks %q, want %q (%v)", tt.from, tt.to, tt.src, tt.tgt, got, tt.want, fs)
			}
		}
	}
	run(tests)
	run(wrong)
}

// TestCodesInConventions puts codes into every correct translation of the
// conventions table, as documents have them: a bookmark at the start, a
// note mark before the final mark or after it (Russian writes it before
// the stop, English after), a link around the first word. None may make a
// check fire.
func TestCodesInConventions(t *testing.T) {
	note := interchange.Run{Kind: interchange.Standalone, ID: "n", Type: "x-footnote"}
	anchor := interchange.Run{Kind: interchange.Standalone, ID: "a", Type: "x-anchor"}
	text := func(s string) interchange.Run { return interchange.Run{Kind: interchange.Text, Text: s} }
	// beforeEnd puts the note before the final stop and closing quotation
	// marks, where the text before them ends with a word; after them
	// otherwise.
	beforeEnd := func(s string) interchange.Content {
		body := strings.TrimRightFunc(s, func(r rune) bool { return strings.ContainsRune(".?!…。？！»”’\"」』》", r) })
		if p, _ := utf8.DecodeLastRuneInString(body); !unicode.IsLetter(p) && !unicode.IsDigit(p) {
			return interchange.Content{text(s), note}
		}
		return interchange.Content{text(body), note, text(s[len(body):])}
	}
	afterEnd := func(s string) interchange.Content { return interchange.Content{text(s), note} }
	atStart := func(s string) interchange.Content { return interchange.Content{anchor, text(s)} }
	linked := func(s string) interchange.Content {
		i := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) })
		if i < 0 {
			_, n := utf8.DecodeRuneInString(s)
			i = n
		}
		return interchange.Content{{Kind: interchange.Open, ID: "l", Type: "link"}, text(s[:i]), {Kind: interchange.Close, ID: "l", Type: "link"}, text(s[i:])}
	}
	variants := []struct {
		name     string
		src, tgt func(string) interchange.Content
	}{
		{"bookmark at the start", atStart, atStart},
		{"note before the end", beforeEnd, beforeEnd},
		{"note after the end", afterEnd, afterEnd},
		{"note before the end, then after it", beforeEnd, afterEnd},
		{"note after the end, then before it", afterEnd, beforeEnd},
		{"link around the first word", linked, linked},
	}
	for _, v := range variants {
		for _, tt := range correctTranslations {
			if strings.TrimSpace(tt.src) == "" || strings.TrimSpace(tt.tgt) == "" {
				continue
			}
			fs := mustChecker(t, tt.from, tt.to, nil).Segment(v.src(tt.src), v.tgt(tt.tgt))
			if got := checks(fs); got != "" {
				t.Errorf("%s: %s→%s %q → %q: checks %q (%v)", v.name, tt.from, tt.to, tt.src, tt.tgt, got, fs)
			}
		}
	}
}

// TestLabelEndings: labels, captions and headings that start with a label
// end with a stop in Russian and English and without one in Chinese; the
// number is a digit, a numeral or a code (a field, a list number).
func TestLabelEndings(t *testing.T) {
	tests := []conventionCase{
		{"ru", "zh", "Статья {x}.", "第{x}条", ""},
		{"ru", "zh", "Таблица {x}.", "表{x}", ""},
		{"ru", "zh", "Рисунок {x}.", "图{x}", ""},
		{"ru", "zh", "Глава {x}.", "第{x}章", ""},
		{"ru", "zh", "Статья 5.", "第五条", ""},
		{"ru", "zh", "Статья 12. Общие положения.", "第十二条 总则", ""},
		{"ru", "zh", "Таблица 1. Товарооборот России и Китая.", "表1 中俄贸易额", ""},
		{"ru", "zh", "Приложение {x}.", "附件{x}", ""},
		{"en", "zh", "Table {x}.", "表{x}", ""},
		{"en", "zh", "Article 3. Scope.", "第三条 适用范围", ""},
		{"en", "zh", "Fig. 2.", "图2", ""},
		{"zh", "ru", "第{x}条", "Статья {x}.", ""},
		{"zh", "ru", "表{x} 贸易额", "Таблица {x}. Товарооборот.", ""},
		{"zh", "en", "第一章 总则", "Chapter I. General Provisions.", ""},
		{"ru", "en", "Статья {x}.", "Article {x}", ""},
		{"en", "ru", "Section 2.1.", "Раздел 2.1", ""},
		{"ru", "en", "Глава IV. Заключительные положения", "Chapter IV. Final Provisions.", ""},
		{"ru", "en", "Приложение А.", "Annex A", ""},
		{"ru", "zh", "{x}Статья {x}.", "{x}第{x}条", ""},
	}
	wrong := []conventionCase{
		// A question stays a question, a label or not.
		{"ru", "zh", "Статья 5. Что такое договор?", "第五条 什么是条约", "end-punctuation"},
		// More than a label and its title: sentences lose their stop.
		{"ru", "zh", "Статья 5. Стороны сотрудничают. Договор вступает в силу.", "第五条 双方合作。条约生效", "end-punctuation"},
		// Not a label: the number is part of a sentence.
		{"ru", "zh", "В таблице 1 приведены данные.", "表1列出了数据", "end-punctuation"},
		{"ru", "en", "Статьи были опубликованы.", "The articles were published", "end-punctuation"},
		{"ru", "zh", "Подробнее в статье {x}.", "详见第{x}条", "end-punctuation"},
	}
	for _, cases := range [][]conventionCase{tests, wrong} {
		for _, tt := range cases {
			fs := mustChecker(t, tt.from, tt.to, nil).Segment(codes(tt.src), codes(tt.tgt))
			if got := checks(fs); got != tt.want {
				t.Errorf("%s→%s %q → %q: checks %q, want %q (%v)", tt.from, tt.to, tt.src, tt.tgt, got, tt.want, fs)
			}
		}
	}
}
