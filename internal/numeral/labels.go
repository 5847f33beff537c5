package numeral

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
// bracketed ones ⑴ ㈠ are read as their numbers. A label is read as the
// number it stands for, so that it compares with the label of another
// language: 二、 is "2." and "II.", （三） is "в)", "c)" and "3)".

// objectMark is U+FFFC, the object replacement character, which stands
// for an inline code (a bookmark, a footnote mark, a field) in the texts
// that tandem's checks and translation memory read: a label may stand
// after one, or before one.
const objectMark = '\uFFFC'

// isObject reports whether r is an objectMark.
func isObject(r rune) bool { return r == objectMark }

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
// other side (（二） and в)) differs.
func (s *numScanner) listLabels() {
	for k, n := range s.out {
		if n.Weak && !n.Code && n.End > n.Start && s.listLabel(n.Start, n.End) {
			s.out[k].Weak = false
		}
	}
}

// listLabel reports whether the number at text[start:end] is the label of
// a list item or a section: at the start of an item (see AtItemStart), in
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
