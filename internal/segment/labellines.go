package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// titleColumns bounds the title of a caption or heading line with no stop
// after its number, in columns (a Chinese character takes two): one line
// of a terminal. A longer line is running text that starts with a label.
const titleColumns = 80

// labelLineBreaks returns the offsets in p, a paragraph, where a segment
// begins around a caption or heading line (see labelledTitle): at the
// start of such a line, unless it is the paragraph's first, and at the
// start of the line after it. The label line must begin a sentence (see
// lineOpensSentence), and the line after it must start with a capital
// letter, a letter without case, a digit or an opening mark (see
// headingNextLine), so that prose wrapped after a label ("see\nTable 1 for
// details\nand more") and a title that goes on in lower case on the next
// line are left alone.
func (r *Rules) labelLineBreaks(p string) []int {
	if len(r.labels) == 0 && len(r.ordinals) == 0 {
		return nil
	}
	var out []int
	for s := 0; s < len(p); {
		e := strings.IndexByte(p[s:], '\n')
		if e < 0 {
			break
		}
		e += s
		line := skip(p, s, func(c rune) bool { return isSpace(c) && c != '\n' })
		if line < e && lineOpensSentence(p, line) && r.labelledTitle(p[line:e]) {
			if next := headingNextLine(p, line); next >= 0 {
				if line > 0 {
					out = append(out, line)
				}
				out = append(out, next)
			}
		}
		s = e + 1
	}
	return out
}

// labelledTitle reports whether line, one line of text without its line
// break, is a caption or heading: one of the rules' labels and a number
// (see labelNumber; in Chinese also in Han numerals, and the rules'
// ordinal labels such as 第…条), then a space, a colon, a full stop or a
// dash, and a title without an end mark of its own (see isTitle) of at
// most titleColumns: "Таблица 1 Товарооборот", "Рис. 2 Схема", "Рисунок
// 1 — Схема опыта", "Table 1: Trade", "表1 贸易额（亿美元）", "表1：贸易额",
// "第一条 总则". A title in a script with case starts with a capital letter
// ("Рис. 2 показывает рост" is a sentence); a Chinese one holds no comma
// or semicolon (表1 显示，贸易额 is one).
func (r *Rules) labelledTitle(line string) bool {
	line = strings.TrimRightFunc(line, isSpace)
	rest, ok := r.cutOrdinal(line)
	if !ok {
		if r.cjk {
			rest, ok = r.cutLabelCJK(line)
		} else {
			rest, ok = r.cutLabel(line)
		}
	}
	if !ok {
		return false
	}
	title, ok := cutTitleSeparator(rest)
	if !ok || !r.isTitle(title) || columns(title) > titleColumns {
		return false
	}
	if r.cjk {
		return !strings.ContainsAny(title, "，,；;")
	}
	for _, c := range title {
		if unicode.IsLetter(c) {
			return !unicode.IsLower(c)
		}
	}
	return true
}

// cutLabel cuts a label of the rules and its number from the start of
// line, in Russian or English ("Таблица 1", "Рис. 2", "Глава IV", "§ 3"),
// and returns the rest, which starts with what separates the number from
// the title.
func (r *Rules) cutLabel(line string) (string, bool) {
	sp := strings.IndexFunc(line, isSpace)
	if sp < 0 || !r.isLabel(line[:sp]) {
		return "", false
	}
	rest := strings.TrimLeftFunc(line[sp:], isSpace)
	end := strings.IndexFunc(rest, func(c rune) bool { return isSpace(c) || c == ':' || c == '：' })
	if end < 0 {
		return "", false
	}
	num := rest[:end]
	if n, ok := strings.CutSuffix(num, "."); ok {
		// "Таблица 1. Товарооборот": the stop separates.
		num, end = n, end-1
	}
	if !labelNumber(num, true) {
		return "", false
	}
	return rest[end:], true
}

// cutLabelCJK cuts a label of the rules and its number from the start of a
// Chinese line ("表1", "图 2", "附录A", "图三") and returns the rest.
func (r *Rules) cutLabelCJK(line string) (string, bool) {
	best := ""
	for l := range r.labels {
		if strings.HasPrefix(line, l) && len(l) > len(best) {
			best = l
		}
	}
	if best == "" {
		return "", false
	}
	rest := strings.TrimLeftFunc(line[len(best):], isSpace)
	end := strings.IndexFunc(rest, func(c rune) bool { return isSpace(c) || strings.ContainsRune(":：。．", c) })
	if end <= 0 {
		return "", false
	}
	num := strings.TrimSuffix(rest[:end], ".")
	if !hanNumeral(num) && !labelNumber(num, true) {
		return "", false
	}
	return rest[len(num):], true
}

// cutOrdinal cuts an ordinal label of the rules, its prefix, a number and
// its counter ("第一条", "第3章", "第二部分"), from the start of line and
// returns the rest.
func (r *Rules) cutOrdinal(line string) (string, bool) {
	for _, o := range r.ordinals {
		rest, ok := strings.CutPrefix(line, o[0])
		if !ok {
			continue
		}
		rest = strings.TrimLeftFunc(rest, isSpace)
		k := strings.Index(rest, o[1])
		if k <= 0 {
			continue
		}
		num := strings.TrimRightFunc(rest[:k], isSpace)
		if hanNumeral(num) || digits(num) {
			return rest[k+len(o[1]):], true
		}
	}
	return "", false
}

// hanNumeral reports whether s is a number in Han numerals ("三", "二十一").
func hanNumeral(s string) bool {
	return s != "" && strings.Trim(s, "〇零一二三四五六七八九十百千两") == ""
}

// cutTitleSeparator returns the title after what separates a label's
// number from it: spaces, a colon, a full stop or a dash between spaces
// ("Рисунок 1 — Схема", GOST's way). There must be one: "表1所示" is a
// sentence.
func cutTitleSeparator(rest string) (string, bool) {
	t := strings.TrimLeftFunc(rest, isSpace)
	sep := len(t) < len(rest)
	if c, n := utf8.DecodeRuneInString(t); strings.ContainsRune(":：.。．", c) {
		t, sep = strings.TrimLeftFunc(t[n:], isSpace), true
	}
	if c, n := utf8.DecodeRuneInString(t); sep && strings.ContainsRune(dashes, c) && strings.HasPrefix(t[n:], " ") {
		t = strings.TrimLeftFunc(t[n:], isSpace)
	}
	return t, sep
}

// columns returns the width of s in columns: two for a Chinese or Japanese
// character or a full-width form, one for others.
func columns(s string) int {
	n := 0
	for _, c := range s {
		n++
		if unicode.In(c, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) || c >= 0x3000 && c <= 0x303f || c >= 0xff00 && c <= 0xff60 {
			n++
		}
	}
	return n
}
