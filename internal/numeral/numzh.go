package numeral

import (
	"strings"
	"unicode/utf8"
)

// Chinese numerals: 二十一, 三百五十, 一万二千, 两千零一, 十五亿, 二〇二三,
// 第三, 百分之五, 三点五, 七八个 (seven or eight), 一万二 (12,000).

const zhDigits = "零〇一二两三四五六七八九"

// IsZhNumeral reports whether c is a Chinese numeral: a digit (零 〇 一 二
// 两 … 九) or a unit (十 百 千 万 亿).
func IsZhNumeral(c rune) bool {
	return strings.ContainsRune(zhDigits, c) || strings.ContainsRune("十百千万亿", c)
}

func zhDigit(c rune) int {
	switch c {
	case '零', '〇':
		return 0
	case '一':
		return 1
	case '二', '两':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	}
	return -1
}

// zhCounters are the measure words and nouns that make a lone numeral
// (三, 两, 十) a quantity: 三个, 两国, 五年, 九月, 三中全会. 分 is left out,
// since 十分 means "very".
const zhCounters = "个位名次国方年月日号天岁倍项种条点时家所届场本部篇章节份件批轮周秒吨元人座层期类大代世级股套台辆架艘只头张把支则句段封双对组队班排行列角度成户亩斤里公千百万亿港美欧英卢中星"

// zhMeasures make 千 and 百 on their own a scale word: （千美元）, 百人.
const zhMeasures = "元美欧英日港卢人吨户家个名件台辆年"

// zhSimplified folds the Traditional forms of the characters that numbers
// are read by (萬, 億, 兩, 點 and the counters and measure words above)
// into their Simplified forms, so that 2401億 and 兩國 read as 2401亿 and
// 两国. Each pair is one Han character for another, three bytes in UTF-8
// both, so offsets into the folded text are offsets into the original.
var zhSimplified = strings.NewReplacer(
	"萬", "万", "億", "亿", "兩", "两", "點", "点", "個", "个", "國", "国",
	"歲", "岁", "項", "项", "種", "种", "條", "条", "時", "时", "屆", "届",
	"場", "场", "節", "节", "輪", "轮", "週", "周", "噸", "吨", "頭", "头",
	"張", "张", "隻", "只", "則", "则", "雙", "双", "對", "对", "組", "组",
	"隊", "队", "層", "层", "類", "类", "級", "级", "臺", "台", "輛", "辆",
	"畝", "亩", "歐", "欧", "盧", "卢", "戶", "户", "號", "号",
)

// zhNumeral reads Chinese numerals at text[i] (or 第 before them) and
// returns where they end.
func (s *numScanner) zhNumeral(i int) int {
	text := s.text
	start := i
	ordinal := false
	if strings.HasPrefix(text[i:], "第") {
		ordinal = true
		i += len("第")
		if i >= len(text) {
			return i
		}
		if c, _ := utf8.DecodeRuneInString(text[i:]); !IsZhNumeral(c) {
			return i // digits, if any, are read next
		}
	}
	j := zhRunEnd(text, i)
	run := text[i:j]
	rest := text[j:]
	if run == "" && strings.HasPrefix(text[i:], "兆") {
		// 兆 on its own, as in （兆日元）: 10¹² in the traditional
		// reckoning, 10⁶ in today's mainland usage.
		e := i + len("兆")
		if !ordinal && !strings.ContainsRune(siUnits, firstRune(text[e:])) {
			s.emit(Number{Value: 1e12, Alt: []float64{1e6}, Text: text[i:e], Spelled: true, Weak: true})
		}
		return e
	}

	// 百分之五 (5 %), 千分之三 (3 ‰), 三分之一 (a third).
	if strings.HasPrefix(rest, "分之") && !ordinal {
		k := j + len("分之")
		var v float64
		var e int
		var spelled bool
		if k < len(text) && isDigit(text[k]) {
			v, e = parseDigits(text, k, "zh")
		} else {
			var ok bool
			if v, e, ok = zhValueAt(text, k); !ok {
				return k
			}
			spelled = true
		}
		switch run {
		case "百", "千", "万":
			s.emit(Number{Value: v, Text: text[start:e], Spelled: spelled,
				Per: map[string]float64{"百": 100, "千": 1000, "万": 10000}[run], Alt: perMilleAlt(run, v)})
		default:
			if d, ok := parseZhNumeral(run); ok && d != 0 {
				s.emit(Number{Value: v / d, Text: text[start:e], Spelled: true, Weak: true})
			}
		}
		return e
	}
	if run == "百" && strings.HasPrefix(rest, "分百") {
		e := j + len("分百")
		s.emit(Number{Value: 100, Text: text[start:e], Spelled: true})
		return e
	}

	runes := []rune(run)
	hasUnit := strings.ContainsAny(run, "十百千万亿")
	// 三点五 is 3.5; 三点 alone is three o'clock.
	if !hasUnit || !strings.ContainsAny(run, "万亿") {
		if strings.HasPrefix(rest, "点") {
			k := j + len("点")
			e := k
			for e < len(text) {
				c, m := utf8.DecodeRuneInString(text[e:])
				if zhDigit(c) < 0 {
					break
				}
				e += m
			}
			if me := zhRunEnd(text, k); me > k && strings.HasPrefix(text[me:], "分") {
				// 三点五分 is 3:05, 十点三十分 10:30: the hour here, the
				// minutes after.
				if v, ok := parseZhNumeral(run); ok {
					s.zhEmit(start, j, v, ordinal, false)
					if m, ok := parseZhNumeral(text[k:me]); ok && m != 0 {
						s.emit(Number{Value: m, Text: text[k:me], Spelled: true, Weak: m < 3})
					}
				}
				return me
			}
			if e > k {
				if whole, ok := parseZhNumeral(run); ok {
					frac := 0.0
					scale := 0.1
					for _, c := range text[k:e] {
						frac += float64(zhDigit(c)) * scale
						scale /= 10
					}
					n := Number{Value: whole + frac, Spelled: true}
					if m, mend := zhScaleAt(text, e); mend > e {
						n.Value *= m
						e = mend
					}
					n.Text = text[start:e]
					s.emit(n)
					return e
				}
			}
		}
	}

	switch {
	case len(runes) == 1:
		c := runes[0]
		next, _ := utf8.DecodeRuneInString(rest)
		switch {
		case ordinal:
			if v, ok := parseZhNumeral(run); ok {
				s.zhEmit(start, j, v, true, false)
			}
		case c == '万' || c == '亿':
			// A scale word on its own: （亿美元） is "(100 million US$)".
			s.emit(Number{Value: map[rune]float64{'万': 1e4, '亿': 1e8}[c], Text: run, Spelled: true, Weak: true})
		case c == '千' || c == '百':
			if strings.ContainsRune(zhMeasures, next) {
				s.emit(Number{Value: map[rune]float64{'千': 1e3, '百': 100}[c], Text: run, Spelled: true, Weak: true})
			}
		case s.zhLabel(start, j):
			v, _ := parseZhNumeral(run)
			s.zhEmit(start, j, v, false, false)
		case c == '一' && !ordinal && (next == '月' || (next == '日' || next == '号') && strings.HasSuffix(text[:start], "月")):
			s.zhEmit(start, j, 1, false, false) // 一月 January, 十月一日 the 1st of October
		case c == '一' || c == '〇' || c == '零':
			// 一 is in 一起, 统一, 一些, 之一: too many words to count.
		case c == '十' && strings.HasPrefix(rest, "分"):
			// 十分: "very".
		case strings.ContainsRune(zhCounters, next) && next != 0 || zhRangeStart(rest):
			v, _ := parseZhNumeral(run)
			s.zhEmit(start, j, v, false, false)
		}
	case !hasUnit:
		zero := strings.ContainsAny(run, "〇零")
		year := strings.HasPrefix(rest, "年")
		if zero || len(runes) >= 3 || year {
			// Read digit by digit: 二〇二三, 一九九八年.
			v := 0.0
			for _, c := range runes {
				v = v*10 + float64(zhDigit(c))
			}
			n := Number{Value: v, Text: text[start:j], Spelled: true}
			if year && len(runes) == 2 {
				n.Alt = []float64{1900 + v, 2000 + v} // 九八年: '98
			}
			s.emit(n)
			break
		}
		// Two numerals side by side: 七八个 "seven or eight", 五四 (May 4th).
		for k, c := range runes {
			w := strings.Index(run, string(c))
			if k == 1 {
				w = len(string(runes[0]))
			}
			s.emit(Number{Value: float64(zhDigit(c)), Text: run[w : w+len(string(c))], Spelled: true, Weak: true})
		}
	default:
		// 三四十 "thirty or forty", 二十七八岁 "27 or 28": an approximation.
		for k := 0; k+1 < len(runes); k++ {
			a, b := zhDigit(runes[k]), zhDigit(runes[k+1])
			if a > 0 && b > 0 {
				va, oka := parseZhNumeral(string(runes[:k]) + string(runes[k]) + string(runes[k+2:]))
				vb, okb := parseZhNumeral(string(runes[:k]) + string(runes[k+1:]))
				if oka {
					s.emit(Number{Value: va, Text: text[start:j], Spelled: true, Weak: true})
				}
				if okb {
					s.emit(Number{Value: vb, Text: text[start:j], Spelled: true, Weak: true})
				}
				return j
			}
		}
		v, ok := parseZhNumeral(run)
		if !ok {
			// 万一 "in case", 亿万 "hundreds of millions": not a quantity
			// that can be told.
			return j
		}
		idiom := (runes[0] == '千' || runes[0] == '万') && !ordinal && !strings.ContainsRune(zhCounters+zhMeasures, firstRune(rest))
		if (strings.HasPrefix(rest, "多") || strings.HasPrefix(rest, "余")) && !strings.ContainsAny(run, "万亿") {
			if m, k := zhScaleAt(text, j+len("多")); k > j+len("多") {
				// 二十多万: "over 200,000".
				s.zhEmit(start, k, v*m, ordinal, false)
				return k
			}
		}
		s.zhEmit(start, j, v, ordinal, idiom)
	}
	return j
}

// zhRangeStart reports whether rest, after a numeral, goes on to the other
// end of a range: 三到五天, 三至五天, 三或四个. Only the last numeral has
// the measure word.
func zhRangeStart(rest string) bool {
	for _, join := range []string{"到", "至", "或", "～", "~", "-", "—", "、"} {
		if after, ok := strings.CutPrefix(rest, join); ok {
			c := firstRune(after)
			return IsZhNumeral(c) && c != '一' || c >= '0' && c <= '9'
		}
	}
	return false
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// zhEmit adds a number written in Chinese numerals from text[start:end],
// with the alternatives its context gives it. A number ending in 千 before
// a unit is written with the SI prefix: 五千米 is 5 km.
func (s *numScanner) zhEmit(start, end int, v float64, ordinal, weak bool) {
	n := Number{Value: v, Text: s.text[start:end], Spelled: true, Weak: weak || v < 3}
	run := s.text[start:end]
	if next := firstRune(s.text[end:]); strings.HasSuffix(run, "千") && strings.ContainsRune(siUnits, next) && next != 0 {
		// 五千米: five kilometres, measured from 千米.
		n.Value = v / 1e3
		s.measure(&n, start, end-len("千"))
	} else {
		n.Alt = s.contextAlt(start, end, v)
		s.hour(&n, start, end)
		s.measure(&n, start, end)
	}
	s.century(&n, end)
	s.marks(&n, start, end)
	s.emit(n)
	s.halfHour(end)
}

// perMilleAlt gives a number per mille (千分之三) or per ten thousand
// (万分之五) its value per cent.
func perMilleAlt(run string, v float64) []float64 {
	switch run {
	case "千":
		return []float64{v / 10}
	case "万":
		return []float64{v / 100}
	}
	return nil
}

// zhRunEnd returns the end of the run of Chinese numerals at text[i].
func zhRunEnd(text string, i int) int {
	for i < len(text) {
		c, n := utf8.DecodeRuneInString(text[i:])
		if !IsZhNumeral(c) {
			break
		}
		i += n
	}
	return i
}

// zhValueAt reads a number in Chinese numerals at text[i], with a decimal
// part after 点: what follows 百分之.
func zhValueAt(text string, i int) (float64, int, bool) {
	j := zhRunEnd(text, i)
	v, ok := parseZhNumeral(text[i:j])
	if !ok || j == i {
		return 0, i, false
	}
	if strings.HasPrefix(text[j:], "点") {
		k := j + len("点")
		e := k
		scale := 0.1
		for e < len(text) {
			c, m := utf8.DecodeRuneInString(text[e:])
			d := zhDigit(c)
			if d < 0 {
				break
			}
			v += float64(d) * scale
			scale /= 10
			e += m
		}
		if e > k {
			j = e
		}
	}
	return v, j, true
}

// zhScaleAt reads a scale word (万, 亿, 万亿, 千万) at text[i].
func zhScaleAt(text string, i int) (float64, int) {
	for _, m := range scaleWords["zh"] {
		if strings.HasPrefix(text[i:], m.word) {
			return m.mult, i + len(m.word)
		}
	}
	return 1, i
}

// parseZhNumeral reads a run of Chinese numerals: 二〇二三 (digit by
// digit), 四百五十万, 十三, 一亿五千万, 两千零一, 一万二 (12,000). It
// reports false for runs that are not a number (万万, 亿万).
func parseZhNumeral(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	if !strings.ContainsAny(s, "十百千万亿") {
		v := 0.0
		for _, c := range s {
			v = v*10 + float64(zhDigit(c))
		}
		return v, true
	}
	var high, mid, section, digit float64
	hasDigit := false
	var lastUnit float64 // the unit right before the final digit, if any
	prevUnit := 0.0
	for _, c := range s {
		if d := zhDigit(c); d >= 0 {
			if hasDigit && d != 0 && digit != 0 {
				return 0, false // two digits side by side: not one number
			}
			digit = float64(d)
			hasDigit = true
			lastUnit = prevUnit
			prevUnit = 0
			continue
		}
		switch c {
		case '十', '百', '千':
			unit := map[rune]float64{'十': 10, '百': 100, '千': 1000}[c]
			if digit == 0 {
				if section != 0 && c != '十' {
					return 0, false
				}
				digit = 1
			}
			section += digit * unit
			digit, hasDigit = 0, false
			prevUnit = unit
		case '万':
			v := section + digit
			if v == 0 {
				return 0, false
			}
			mid += v * 1e4
			section, digit, hasDigit = 0, 0, false
			prevUnit = 1e4
		case '亿':
			v := mid + section + digit
			if v == 0 {
				return 0, false
			}
			high = (high + v) * 1e8
			mid, section, digit, hasDigit = 0, 0, 0, false
			prevUnit = 1e8
		}
	}
	// 一万二 is 12,000 and 三千五 3,500: a last digit right after a unit
	// counts in the next unit down.
	if hasDigit && digit != 0 && lastUnit >= 100 {
		digit *= lastUnit / 10
	}
	return high + mid + section + digit, true
}
