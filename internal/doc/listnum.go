package doc

import (
	"strconv"
	"strings"
)

// ListMarker returns what a browser shows before item number n of an
// ordered list whose Style is style: the number written in the style and
// its suffix ("3.", "c.", "iii.", "三、"). An empty or unknown style is
// decimal.
func ListMarker(style string, n int) string {
	switch style {
	case "cjk-ideographic":
		return Chinese(n, "〇一二三四五六七八九", "十百千") + "、"
	case "cjk-heavenly-stem":
		return cycle(n, "甲乙丙丁戊己庚辛壬癸") + "、"
	case "cjk-earthly-branch":
		return cycle(n, "子丑寅卯辰巳午未申酉戌亥") + "、"
	case "lower-alpha", "lower-latin":
		return Alphabetic(n, "abcdefghijklmnopqrstuvwxyz") + "."
	case "upper-alpha", "upper-latin":
		return strings.ToUpper(Alphabetic(n, "abcdefghijklmnopqrstuvwxyz")) + "."
	case "lower-roman":
		return strings.ToLower(Roman(n)) + "."
	case "upper-roman":
		return Roman(n) + "."
	case "decimal-leading-zero":
		if n >= 0 && n < 10 {
			return "0" + strconv.Itoa(n) + "."
		}
	case "cyrillic-lower":
		return Alphabetic(n, "абвгдежзиклмнопрстуфхцчшщэюя") + "."
	case "cyrillic-upper":
		return strings.ToUpper(Alphabetic(n, "абвгдежзиклмнопрстуфхцчшщэюя")) + "."
	case "lower-greek":
		return Alphabetic(n, "αβγδεζηθικλμνξοπρστυφχψω") + "."
	}
	return strconv.Itoa(n) + "."
}

// Alphabetic writes n with the letters of an alphabet as Word does: a … z,
// aa … zz, aaa …; as digits when n is not positive or too large.
func Alphabetic(n int, letters string) string {
	alpha := []rune(letters)
	if n <= 0 || n > 30*len(alpha) {
		return strconv.Itoa(n)
	}
	return strings.Repeat(string(alpha[(n-1)%len(alpha)]), (n-1)/len(alpha)+1)
}

// Roman writes n (1–3999) in Roman numerals, in capitals.
func Roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// Chinese writes n (1–9999) in Chinese counting with the given ten digits
// and the units of ten, hundred and thousand: 十一, 二十, 一百零五.
func Chinese(n int, digits, units string) string {
	d, u := []rune(digits), []rune(units)
	if n <= 0 || n >= 10000 || len(d) != 10 || len(u) != 3 {
		return strconv.Itoa(n)
	}
	if n < 10 {
		return string(d[n])
	}
	if n < 20 {
		s := string(u[0])
		if n > 10 {
			s += string(d[n-10])
		}
		return s
	}
	var b strings.Builder
	zero := false
	for i, p := 3, 1000; i >= 0; i, p = i-1, p/10 {
		k := n / p % 10
		switch {
		case k == 0:
			zero = b.Len() > 0
		default:
			if zero {
				b.WriteRune(d[0])
				zero = false
			}
			b.WriteRune(d[k])
			if i > 0 {
				b.WriteRune(u[i-1])
			}
		}
	}
	return b.String()
}

func cycle(n int, signs string) string {
	s := []rune(signs)
	if n <= 0 {
		return strconv.Itoa(n)
	}
	return string(s[(n-1)%len(s)])
}

// LabelSpace returns what goes between a label (a list item's label, a
// heading's number) and the text after it: nothing after a label that
// ends with a full-width mark (一、 （一） 1． 其一，), which Chinese sets
// against its text (一、主要内容), a space after any other ("1.", "Статья 3.",
// "第一条").
func LabelSpace(label string) string {
	if EndsFullWidth(label) {
		return ""
	}
	return " "
}

// EndsFullWidth reports whether s ends with a full-width mark that a label
// ends with: 、 ） ． ： ， 】 〕 」 』 》.
func EndsFullWidth(s string) bool {
	s = strings.TrimRight(s, " \t")
	for _, m := range []string{"、", "）", "．", "：", "，", "】", "〕", "」", "』", "》"} {
		if strings.HasSuffix(s, m) {
			return true
		}
	}
	return false
}
