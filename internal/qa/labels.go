package qa

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/numeral"
)

// labelOnly reports whether s is a list or section label and nothing
// else (codes around it aside): 一、 （一） 一） 二． 1. 1) (1) б) (b) ii)
// IV. ① ⑴, a number standing for itself or a code standing for it. Its
// final mark is the label's, which each language writes its own way (一、
// is "1)" or "1."), not the end of a sentence.
func labelOnly(s string) bool {
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) })
	if r, n := utf8.DecodeRuneInString(s); n == len(s) && n > 0 {
		// Enclosed numbers: ① ⑴ ⒈ ❶ ➀ ㈠ ㊀.
		return r >= 0x2460 && r <= 0x249B || r >= 0x24EA && r <= 0x24FF || r >= 0x2776 && r <= 0x2793 ||
			r >= 0x3220 && r <= 0x3229 || r >= 0x3280 && r <= 0x3289
	}
	core, bracketed := s, false
	for _, p := range [][2]string{{"(", ")"}, {"（", "）"}} {
		if inner, ok := strings.CutPrefix(core, p[0]); ok {
			if inner, ok = strings.CutSuffix(inner, p[1]); !ok {
				return false
			}
			core, bracketed = inner, true
			break
		}
	}
	if !bracketed {
		r, n := utf8.DecodeLastRuneInString(core)
		if n == 0 || !strings.ContainsRune(")）.．、", r) {
			return false
		}
		core = core[:len(core)-n]
	}
	core = strings.TrimFunc(core, isObject)
	if core == "" {
		return strings.ContainsRune(s, objectMark)
	}
	all := func(f func(rune) bool) bool { return strings.IndexFunc(core, func(r rune) bool { return !f(r) }) < 0 }
	if all(func(r rune) bool { return r >= '0' && r <= '9' }) || all(numeral.IsZhNumeral) {
		return true
	}
	if _, _, ok := numeral.Roman(strings.ToUpper(core), "ru"); ok && (core == strings.ToUpper(core) || core == strings.ToLower(core)) {
		return true
	}
	r, n := utf8.DecodeRuneInString(core)
	return n == len(core) && unicode.IsLower(r) && (unicode.Is(unicode.Latin, r) || unicode.Is(unicode.Cyrillic, r))
}

// Caption and heading labels: the word and number that head an article,
// a chapter, a table or a figure ("Статья 1.", "Table 3", 第一条, 表1),
// the number often a field or a code. Chinese writes them, and the
// headings and captions they start, without a stop; Russian and English
// often end them with one ("Статья 1.", "Таблица 1. Товарооборот.").
var (
	labelWords = map[string][]string{
		"ru": {"статья", "глава", "раздел", "подраздел", "часть", "пункт", "подпункт", "параграф", "таблица", "рисунок", "рис.", "схема", "диаграмма", "график", "приложение", "том", "§"},
		"en": {"article", "chapter", "section", "subsection", "part", "paragraph", "clause", "table", "figure", "fig.", "chart", "diagram", "annex", "appendix", "schedule", "volume", "§"},
	}
	zhLabelHeads = []string{"附件", "附录", "附表", "附图", "表", "图"}
	// zhLabelCounts follow 第 and a number: 第一条, 第二章, 第三部分.
	zhLabelCounts = []string{"部分", "条", "章", "节", "款", "项", "编", "卷", "篇"}
)

// labelled reports whether s, in lang, starts with a caption or heading
// label (after any codes before it, such as a bookmark) and is one
// sentence: a label alone, or a label and a title.
func labelled(s, lang string) bool {
	s = strings.TrimLeftFunc(s, func(r rune) bool { return unicode.IsSpace(r) || isObject(r) })
	rest, ok := "", false
	if lang == "zh" {
		rest, ok = zhLabelRest(s)
	} else {
		lower := strings.ToLower(s)
		for _, w := range labelWords[lang] {
			if strings.HasPrefix(lower, w) {
				if r, n := labelNumber(strings.TrimLeft(s[len(w):], " \u00a0")); n > 0 && len(s[len(w):]) > len(r) {
					rest, ok = r, true
					break
				}
			}
		}
	}
	if !ok {
		return false
	}
	// The stop after the label ("Статья 1. Общие положения") is the
	// label's; after that, no sentence may end before the last mark.
	rest = strings.TrimLeft(rest, ".．")
	inner := strings.TrimRightFunc(rest, func(r rune) bool {
		return unicode.IsSpace(r) || isObject(r) || strings.ContainsRune(endMarks+closers, r)
	})
	return !strings.ContainsAny(inner, ".?!。？！")
}

// labelNumber reads the number of a label at the start of s: digits with
// their subdivisions (1, 2.3, 4-1), a Roman numeral, one capital letter
// (Приложение А, Annex B), or a code standing for the number. It returns
// the text after it and the number's length in bytes, 0 when there is
// none.
func labelNumber(s string) (string, int) {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isObject(r) && !isDigit(s[i]) && !((r == '.' || r == '-') && i > 0 && i+1 < len(s) && isDigit(s[i+1])) {
			break
		}
		i += n
	}
	if i == 0 {
		j := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
		if j < 0 {
			j = len(s)
		}
		w := s[:j]
		_, _, isRoman := numeral.Roman(w, "ru")
		r, _ := utf8.DecodeRuneInString(w)
		if isRoman && strings.ToUpper(w) == w || utf8.RuneCountInString(w) == 1 && unicode.IsUpper(r) {
			i = j
		}
	}
	if i == 0 {
		return s, 0
	}
	if r, _ := utf8.DecodeRuneInString(s[i:]); unicode.IsLetter(r) || unicode.IsDigit(r) {
		return s, 0 // "1st", "A4"
	}
	return s[i:], i
}

// zhLabelRest reads a Chinese label at the start of s, 第一条, 第{1}章,
// 表1, 图{1}, 附件2, and returns what follows it.
func zhLabelRest(s string) (string, bool) {
	num := func(s string) int {
		i := 0
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !isObject(r) && !numeral.IsZhNumeral(r) && !(r >= '0' && r <= '9') {
				break
			}
			i += n
		}
		return i
	}
	if rest, ok := strings.CutPrefix(s, "第"); ok {
		n := num(rest)
		if n == 0 {
			return "", false
		}
		rest = rest[n:]
		for _, w := range zhLabelCounts {
			if after, ok := strings.CutPrefix(rest, w); ok {
				return after, true
			}
		}
		return "", false
	}
	for _, h := range zhLabelHeads {
		if rest, ok := strings.CutPrefix(s, h); ok {
			if n := num(rest); n > 0 {
				return rest[n:], true
			}
		}
	}
	return "", false
}
