package qa

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// List and section labels: the numbers that head an item or a section,
// which each language writes its own way. Chinese numbers sections 一、
// 二、, subsections （一） （二）, points 一是…二是… or 其一，其二， and
// also 1. (1) ① (read as digits); Russian and English write 2. 2) (2),
// II., and letters: б) or b), (b), (ii); circled digits ① ❶ ➀ and
// bracketed ones ⑴ ㈠ are read as their numbers. A label pairs by its value with
// the label of the other language: 二、 is "2." and "II.", （三） is
// "в)", "c)" and "3)".

// AtItemStart reports whether text[i:] starts where a list item or a
// section heading may: at the start of the text or of a line, or after a
// stop, colon or semicolon that ends the item before (主要内容：一、…；二、…;
// включает: а) …; б) …). Inline codes before it (a bookmark) take no
// place of a word.
func AtItemStart(text string, i int) bool {
	before := strings.TrimRight(text[:i], " \t\u00a0\u3000\uFFFC")
	if before == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return strings.ContainsRune("\n\r.;:!?。；：！？", r)
}

// listLabels makes the numbers that head a list item or a section
// definite, whatever their value: 1 and 2 are weak where they may be an
// article or "both", but in （二）, 二、, (2), 2), 1., б), b), II. and ii)
// they can only be the item's number, so a label of another number on the
// other side (（二） and в)) is a finding.
func (s *numScanner) listLabels() {
	for k, n := range s.out {
		if n.Weak && !n.Code && n.End > n.Start && s.listLabel(n.Start, n.End) {
			s.out[k].Weak = false
		}
	}
}

// listLabel reports whether the number at text[start:end] is the label of
// a list item or a section: at the start of an item (see atItemStart), in
// brackets, （二） (2), or followed by a closing bracket, a stop or 、, 2)
// б) 二、 II., before a space, a letter or the end of the text; "1.5",
// "1)2" and 二、三十年 are no labels.
func (s *numScanner) listLabel(start, end int) bool {
	text := s.text
	mark, n := utf8.DecodeRuneInString(text[end:])
	open, m := utf8.DecodeLastRuneInString(text[:start])
	bracketed := open == '(' || open == '（'
	switch {
	case bracketed && mark != ')' && mark != '）':
		return false
	case bracketed:
		start -= m
	case !strings.ContainsRune(")）.．、", mark) || mark == 0:
		return false
	}
	if !AtItemStart(text, start) {
		return false
	}
	// 二、三十年 is "two or three decades", not a label.
	after := firstRune(text[end+n:])
	return after == 0 || unicode.IsSpace(after) || unicode.IsLetter(after) && !IsZhNumeral(after) || isObject(after)
}

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
	if all(func(r rune) bool { return r >= '0' && r <= '9' }) || all(IsZhNumeral) {
		return true
	}
	if _, _, ok := Roman(strings.ToUpper(core), "ru"); ok && (core == strings.ToUpper(core) || core == strings.ToLower(core)) {
		return true
	}
	r, n := utf8.DecodeRuneInString(core)
	return n == len(core) && unicode.IsLower(r) && (unicode.Is(unicode.Latin, r) || unicode.Is(unicode.Cyrillic, r))
}

// zhLabel reports whether the Chinese numeral text[i:j] heads an item:
// 二、, 二． and 二） at the start of an item, （二） anywhere, 其二， and
// 二是 at the start of an item or a clause (一是加强合作，二是扩大贸易).
func (s *numScanner) zhLabel(i, j int) bool {
	text := s.text
	before, after := text[:i], text[j:]
	next := firstRune(after)
	afterMark := firstRune(after[min(len(after), utf8.RuneLen(next)):])
	switch {
	case strings.HasSuffix(before, "(") || strings.HasSuffix(before, "（"):
		return next == ')' || next == '）'
	case strings.HasSuffix(before, "其"):
		return strings.ContainsRune("，,、:：是", next) && next != 0
	case next == ')' || next == '）':
		// 一）总则, with the closing bracket alone.
		return AtItemStart(text, i)
	case next == '是':
		p, _ := utf8.DecodeLastRuneInString(strings.TrimRight(before, " "))
		return AtItemStart(text, i) || p == '，' || p == ','
	case next == '、' || next == '.' || next == '．':
		// 二、三十年 is "two or three decades", not a label.
		return AtItemStart(text, i) && !IsZhNumeral(afterMark) && !(afterMark >= '0' && afterMark <= '9')
	}
	return false
}

// Letters in the order lists give them. Russian lists leave out ё, й, ъ,
// ы and ь; GOST 2.105 also leaves out з, о and ч, so that a later letter
// may stand for either of two numbers.
const (
	latinLetters  = "abcdefghijklmnopqrstuvwxyz"
	ruLetters     = "абвгдежзиклмнопрстуфхцчшщэюя"
	ruLettersGOST = "абвгдежиклмнпрстуфхцшщэюя"
)

// letterLabel reads a label written with a letter or a lower-case Roman
// numeral at text[i:j], a word at the start of an item: "б)", "(b)",
// "ii)", "iv.", and "I." or "I)" in English, where "I" alone is the
// pronoun (upper-case Roman numerals are read as numbers anywhere). It
// returns the number the label stands for and the others it may stand
// for: "i)" is the first item or the ninth, "и)" the ninth or the eighth.
func (s *numScanner) letterLabel(i, j int) (float64, []float64, bool) {
	text := s.text
	word := text[i:j]
	if j >= len(text) || text[j] != ')' && text[j] != '.' {
		return 0, nil, false
	}
	open := i > 0 && text[i-1] == '('
	if open && text[j] != ')' || !AtItemStart(text, i-btoi(open)) {
		return 0, nil, false
	}
	if word == "I" {
		return 1, nil, s.lang == "en"
	}
	var vals []float64
	if utf8.RuneCountInString(word) == 1 && text[j] == ')' {
		r, _ := utf8.DecodeRuneInString(strings.ToLower(word))
		for _, alphabet := range []string{latinLetters, ruLetters, ruLettersGOST} {
			if k := strings.IndexRune(alphabet, r); k >= 0 && unicode.Is(unicode.Latin, r) == (alphabet == latinLetters) {
				vals = appendNew(vals, float64(utf8.RuneCountInString(alphabet[:k])+1))
			}
		}
	}
	if word == strings.ToLower(word) {
		if v, _, ok := Roman(strings.ToUpper(word), "ru"); ok {
			vals = appendNew(vals, v)
		}
	}
	if len(vals) == 0 {
		return 0, nil, false
	}
	return vals[0], vals[1:], true
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func appendNew(xs []float64, x float64) []float64 {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
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
		_, _, isRoman := Roman(w, "ru")
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
			if !isObject(r) && !IsZhNumeral(r) && !(r >= '0' && r <= '9') {
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
