package doc

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/lang"
)

// listStylesIn are the list styles a translation uses in place of the
// source's, by the target's base language: what its translators and
// publishers number lists with. Chinese counting and the other East Asian
// styles become decimal numbers in Russian and English (their ordinary
// numbers; a Chinese list's levels are told apart by their punctuation,
// which stays). A list lettered in Russian is lettered in Latin letters in
// English and in Chinese (Chinese texts letter sub-items with a, b, c),
// and a list lettered in Latin letters is lettered in Cyrillic in Russian
// (а), б), в), as Russian typography has it). Roman numerals, decimal
// numbers and bullets stay everywhere.
var listStylesIn = map[string]map[string]string{
	"en": {
		"cjk-ideographic": "", "cjk-heavenly-stem": "", "cjk-earthly-branch": "", "cjk-decimal": "",
		"simp-chinese-informal": "", "simp-chinese-formal": "", "trad-chinese-informal": "", "trad-chinese-formal": "",
		"cyrillic-lower": "lower-alpha", "cyrillic-upper": "upper-alpha",
	},
	"ru": {
		"cjk-ideographic": "", "cjk-heavenly-stem": "", "cjk-earthly-branch": "", "cjk-decimal": "",
		"simp-chinese-informal": "", "simp-chinese-formal": "", "trad-chinese-informal": "", "trad-chinese-formal": "",
		"lower-alpha": "cyrillic-lower", "lower-latin": "cyrillic-lower", "upper-alpha": "cyrillic-upper", "upper-latin": "cyrillic-upper",
	},
	"zh": {
		"cyrillic-lower": "lower-alpha", "cyrillic-upper": "upper-alpha",
	},
}

// ListStyleIn returns the list style (a CSS list-style-type, as
// List.Style holds it) that a translation into the language tag uses for
// a list numbered in style: style itself unless the target numbers such
// lists otherwise (see listStylesIn); "" is decimal.
func ListStyleIn(style, tag string) string {
	if s, ok := listStylesIn[lang.Base(tag)][style]; ok {
		return s
	}
	return style
}

// LocalizeNumbers makes the numbers of d's ordered lists and the labels of
// its items and headings those a reader of the language tag expects,
// after a translation into it: each list takes the style ListStyleIn
// gives, each label its own number in that style ("Article 二" becomes
// "Article 2", "б)" becomes "b)"), and, in a language other than Chinese,
// Chinese numerals left in labels and heading numbers become digits and
// full-width punctuation becomes ASCII ("（一）" becomes "(1)", "三、"
// becomes "3."), so that the labels agree with the numbers the list's
// style shows.
func LocalizeNumbers(d *Document, tag string) {
	base := lang.Base(tag)
	if _, ok := listStylesIn[base]; !ok {
		return
	}
	d.Walk(func(b *Block) {
		if b.Number != "" && base != "zh" {
			b.Number = foldNumbers(b.Number)
		}
		if base == "zh" {
			b.Number, _ = countOrdinals(b.Number)
		}
		l := b.List
		if l == nil || !l.Ordered {
			return
		}
		style := ListStyleIn(l.Style, tag)
		start := max(l.Start, 1)
		counted := 0
		for k := range l.Items {
			it := &l.Items[k]
			if it.Label == "" {
				continue
			}
			if style != l.Style {
				it.Label = replaceNumber(it.Label, bareMarker(l.Style, start+k), bareMarker(style, start+k))
			}
			if base != "zh" {
				it.Label = foldNumbers(it.Label)
			}
			if base == "zh" && (style == "" || style == "decimal") {
				var ok bool
				if it.Label, ok = countOrdinals(it.Label); ok {
					counted++
				}
			}
		}
		if counted > 0 && counted == len(l.Items) {
			// Every item is 第…条: the list counts in Chinese.
			style = "cjk-ideographic"
		}
		l.Style = style
	})
}

// chineseCounters are the words after which a Chinese ordinal (第…) is
// written in Chinese counting, not in digits, as Chinese laws, treaties
// and books number their parts: 第一条 (article), 第一章 (chapter),
// 第一节 (section), 第一款 (paragraph of an article), 第一编 (part of a
// code), 第一部分 (part), 第一卷 (volume), 第一篇 (part, book), with the
// traditional forms of 条, 节 and 编. Other ordinals (第1页, a page; 第1
// 次, a time) keep their digits.
var chineseCounters = []string{"条", "條", "章", "节", "節", "款", "编", "編", "部分", "卷", "篇"}

// countOrdinals writes the numbers of the Chinese ordinals in s that
// chineseCounters names in Chinese counting ("第12条" becomes "第十二条",
// "第105条" "第一百零五条"), as Word's chineseCounting and
// chineseCountingThousand formats show them. It reports whether s holds
// such an ordinal.
func countOrdinals(s string) (string, bool) {
	var b strings.Builder
	found := false
	for {
		i := strings.Index(s, "第")
		if i < 0 {
			break
		}
		b.WriteString(s[:i+len("第")])
		s = s[i+len("第"):]
		j := 0
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		n, err := strconv.Atoi(s[:j])
		if j == 0 || err != nil || n <= 0 || n >= 10000 || !hasCounter(strings.TrimLeft(s[j:], " ")) {
			continue
		}
		b.WriteString(Chinese(n, "零一二三四五六七八九", "十百千"))
		s = strings.TrimLeft(s[j:], " ")
		found = true
	}
	b.WriteString(s)
	return b.String(), found
}

func hasCounter(s string) bool {
	for _, c := range chineseCounters {
		if strings.HasPrefix(s, c) {
			return true
		}
	}
	return false
}

// bareMarker is number n in a list style without the punctuation
// ListMarker adds ("iv", "三").
func bareMarker(style string, n int) string {
	m := ListMarker(style, n)
	return strings.TrimSuffix(strings.TrimSuffix(m, "."), "、")
}

// replaceNumber replaces the first occurrence of the number old in label
// by new: for a number in letters, one that no letter touches (the "в"
// of "в)", not that of "Глава"); Han numerals anywhere.
func replaceNumber(label, old, new string) string {
	if old == "" || old == new {
		return label
	}
	letter := func(r rune) bool { return unicode.IsLetter(r) && !unicode.Is(unicode.Han, r) }
	for i := 0; i < len(label); {
		j := strings.Index(label[i:], old)
		if j < 0 {
			break
		}
		j += i
		before, _ := utf8.DecodeLastRuneInString(label[:j])
		after, _ := utf8.DecodeRuneInString(label[j+len(old):])
		first, _ := utf8.DecodeRuneInString(old)
		if unicode.Is(unicode.Han, first) || (!letter(before) && !letter(after)) {
			return label[:j] + new + label[j+len(old):]
		}
		i = j + len(old)
	}
	return label
}

// foldNumbers writes the Chinese numerals of a label in digits ("第十二条"
// becomes "第12条") and its full-width digits and punctuation as ASCII;
// the ideographic comma after a number becomes a full stop.
func foldNumbers(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && strings.ContainsRune(chineseNumerals, rs[j]) {
			j++
		}
		if j > i {
			if n, ok := chineseValue(string(rs[i:j])); ok {
				b.WriteString(strconv.Itoa(n))
			} else {
				b.WriteString(string(rs[i:j]))
			}
			i = j
			continue
		}
		r := rs[i]
		switch {
		case r == '、':
			b.WriteByte('.')
		case r >= '！' && r <= '～':
			b.WriteRune(r - '！' + '!')
		case r == '\u3000':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
		i++
	}
	return b.String()
}

// chineseNumerals are the characters Chinese numbers are written with, in
// ordinary and in financial ("legal") form.
const chineseNumerals = "〇零一二三四五六七八九十百千两壹贰貳叁參肆伍陆陸柒捌玖拾佰仟"

// chineseValue reads a Chinese number (1–9999): counting ("十二", "一百零五")
// or digit by digit ("一〇"), in ordinary or financial characters.
func chineseValue(s string) (int, bool) {
	digit := func(r rune) int {
		switch r {
		case '〇', '零':
			return 0
		case '一', '壹':
			return 1
		case '二', '两', '贰', '貳':
			return 2
		case '三', '叁', '參':
			return 3
		case '四', '肆':
			return 4
		case '五', '伍':
			return 5
		case '六', '陆', '陸':
			return 6
		case '七', '柒':
			return 7
		case '八', '捌':
			return 8
		case '九', '玖':
			return 9
		}
		return -1
	}
	unit := func(r rune) int {
		switch r {
		case '十', '拾':
			return 10
		case '百', '佰':
			return 100
		case '千', '仟':
			return 1000
		}
		return 0
	}
	rs := []rune(s)
	counting := false
	for _, r := range rs {
		if unit(r) > 0 {
			counting = true
		}
	}
	n := 0
	if !counting {
		for _, r := range rs {
			n = n*10 + digit(r)
		}
		return n, n > 0 && len(rs) <= 4
	}
	pending := -1
	last := 10000
	for _, r := range rs {
		if u := unit(r); u > 0 {
			if u >= last {
				return 0, false
			}
			if pending < 0 {
				pending = 1 // 十二 is 12
			}
			n += pending * u
			pending, last = -1, u
			continue
		}
		d := digit(r)
		if d == 0 {
			continue // 一百零五
		}
		if pending >= 0 {
			return 0, false
		}
		pending = d
	}
	if pending > 0 {
		n += pending
	}
	return n, n > 0
}
