package numeral

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Marks beside a number that change what it means without changing its
// digits: a minus (−5 °C, минус 5, 零下5度), a per cent or per mille sign,
// a currency. A Number holds them apart from its value (Sign, Per,
// Currency), to be compared once numbers are paired by value.

// marks reads the sign before the number at text[start:end], the per
// cent or per mille sign after it, and the currency beside it. A number
// per mille may also be given per cent: 3 ‰ is 0.3 %.
func (s *numScanner) marks(n *Number, start, end int) {
	if n.Per = s.perAfter(end); n.Per == 1000 {
		n.Alt = append(n.Alt, n.Value/10)
	}
	if n.Unit == nil && n.Per == 0 {
		n.Currency = s.currencyOf(start, end)
	}
	measured := n.Unit != nil || n.Per != 0 || n.Currency != 0
	if sign, at := s.signBefore(start, measured); sign != 0 {
		n.Sign = sign
		if strings.HasPrefix(s.text[start:], n.Text) {
			n.Text = s.text[at:start] + n.Text
		}
	} else if to := s.belowZero(end); to > 0 && n.Unit != nil && n.Unit.Dim == Temperature {
		n.Sign = -1
		if strings.HasPrefix(s.text[start:], n.Text) {
			n.Text = s.text[start:to]
		}
	}
}

// signOpeners may stand right before a minus sign: a minus after a letter
// or a digit is a hyphen (Су-35, 5-10).
const signOpeners = "([{«„“\"'‘:;=≈~<>（：，,、…/"

// eastAsian reports whether r is a Chinese (or Japanese, Korean)
// character or a full-width or CJK mark. Chinese sets no space between a
// word and a number, so a dash right after such a character is a minus
// sign (气温为-5°C, 降至－5℃), not a hyphen.
func eastAsian(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		r >= 0x3000 && r <= 0x303f || r >= 0xfe30 && r <= 0xfe4f || r >= 0xff00 && r <= 0xffef
}

// zhCountedWords are the characters that may follow a Chinese number as its
// measure word or unit: 3月, 10万元, 三个月, 5公里, 2020年.
const zhCountedWords = zhCounters + zhMeasures + siUnits + "度钟分秒斤尺寸公里元"

// afterCounted reports whether before ends with a number and its measure
// word, so that a dash after it joins the two ends of a range: 3月-5月,
// 10万元-20万元, 2020年-2021年.
func afterCounted(before string) bool {
	for k := 0; k < 4 && before != ""; k++ {
		r, n := utf8.DecodeLastRuneInString(before)
		switch {
		case r >= '0' && r <= '9' || IsZhNumeral(r):
			return k > 0
		case !strings.ContainsRune(zhCountedWords, r):
			return false
		}
		before = before[:len(before)-n]
	}
	return false
}

// zhValueWords are the characters after which a Chinese number is a
// value, so that a dash between them is a minus: 为-5, 降至-10, 增长率-3.
const zhValueWords = "为至到达是约近低降跌升增减在于从由和与或及率值温"

// signBefore returns the sign attached to the number that starts at
// text[i], and where the sign starts: −5, -5, –5 (the en dash Russian
// typesetters use for a minus), +5, минус 5, minus five, 零下5, 负5. A dash
// after a number (5 -10, 3月-5月) or with a space after it (Участников –
// 5) is no sign; ± and 正负 are neither plus nor minus. A dash after a
// letter is a hyphen (Су-35); after a Chinese mark it is a sign, and
// after a Chinese character too, where Chinese sets no space (气温为-5°C,
// 降至－5℃), unless it joins a name to its number: 苏-35 and 歼-20 are
// names, which is what a dash after a character that is not a value word
// (zhValueWords) is when the number is not measured (in a unit, per cent
// or a currency).
func (s *numScanner) signBefore(i int, measured bool) (int8, int) {
	text := s.text
	r, size := utf8.DecodeLastRuneInString(text[:i])
	switch r {
	case '-', '−', '–', '‒', '+', '﹣', '－':
		j := i - size
		p, _ := utf8.DecodeLastRuneInString(text[:j])
		if j > 0 && !unicode.IsSpace(p) && !strings.ContainsRune(signOpeners, p) && !eastAsian(p) && !strings.HasSuffix(text[:j], "...") {
			return 0, i // after a letter or a digit: a hyphen; –5…–10 is a range of minus
		}
		if j > 0 && unicode.IsLetter(p) && !measured && !strings.ContainsRune(zhValueWords, p) {
			return 0, i // 苏-35, 歼-20
		}
		before := strings.TrimRightFunc(text[:j], unicode.IsSpace)
		if q, _ := utf8.DecodeLastRuneInString(before); unicode.IsDigit(q) || strings.ContainsRune("%‰°)", q) || afterCounted(before) {
			return 0, i // a range or a difference: 5 -10, 10 − 5, 3月-5月
		}
		if r == '+' {
			return 1, j
		}
		return -1, j
	case '负':
		// 正负 is ±; 18胜20负7平 is 18 wins, 20 losses and 7 draws.
		if p, _ := utf8.DecodeLastRuneInString(text[:i-size]); p == '正' || p == '胜' || unicode.IsDigit(p) {
			return 0, i
		}
		return -1, i - size
	}
	before := strings.TrimRight(text[:i], " ")
	if s.lang == "zh" {
		if strings.HasSuffix(before, "零下") {
			return -1, len(before) - len("零下")
		}
		return 0, i
	}
	lower := strings.ToLower(lastBytes(before, near))
	for _, w := range []struct {
		word string
		sign int8
	}{{"минус", -1}, {"minus", -1}, {"плюс", 1}, {"plus", 1}} {
		if strings.HasSuffix(lower, w.word) {
			k := len(before) - len(w.word)
			if p, _ := utf8.DecodeLastRuneInString(before[:k]); !unicode.IsLetter(p) {
				return w.sign, k
			}
		}
	}
	return 0, i
}

// belowZero returns where the words end that say the temperature ending at
// text[:end] is below zero, after its unit: 5 градусов мороза, 5 градусов
// ниже нуля, 5 degrees below zero. It returns 0 for none.
func (s *numScanner) belowZero(end int) int {
	rest := s.text[end:]
	for _, w := range []string{"мороза", "ниже нуля", "below zero"} {
		if k := strings.Index(firstBytes(rest, 32+len(w)), w); k >= 0 && k < 32 && len(strings.Fields(rest[:k])) <= 2 {
			return end + k + len(w)
		}
	}
	return 0
}

// perAfter returns 100 when a per cent sign or word follows text[:end],
// 1000 for per mille, and 0 for neither.
func (s *numScanner) perAfter(end int) float64 {
	rest := strings.ToLower(firstBytes(strings.TrimLeft(s.text[end:], " "), near))
	for _, w := range []string{"%", "процент", "проц.", "percent", "per cent", "pct"} {
		if strings.HasPrefix(rest, w) {
			return 100
		}
	}
	for _, w := range []string{"‰", "промилле", "per mille", "per mil", "permil"} {
		if strings.HasPrefix(rest, w) {
			return 1000
		}
	}
	return 0
}

// A Currency is the money an amount is in, as a set of bits: ¥ is yuan or
// yen, $ any dollar.
type Currency uint8

const (
	Dollar Currency = 1 << iota
	Euro
	Pound
	Yuan
	Yen
	Rouble
)

var currencyNames = []string{"dollars", "euros", "pounds", "yuan", "yen", "roubles"}

// String names the currencies of c in English: "dollars", "yuan or yen".
func (c Currency) String() string {
	var names []string
	for k, n := range currencyNames {
		if c&(1<<k) != 0 {
			names = append(names, n)
		}
	}
	return strings.Join(names, " or ")
}

// currencySigns stand right before or after an amount; currencyWords after
// it (with its scale word: 5 млн долл., 500万美元), currencyCodes before or
// after. Words that are also units are left out: a pound is a mass too,
// and фунт.
var (
	currencySigns = map[rune]Currency{'$': Dollar, '€': Euro, '£': Pound, '¥': Yuan | Yen, '₽': Rouble}
	// Each word may go on with the letters of next only (долл., долларов;
	// руб., рублей, not рубеж; euros, not European).
	currencyWords = map[string][]struct {
		word, next string
		c          Currency
	}{
		"ru": {{"долл", "*", Dollar}, {"евро", "", Euro}, {"руб", "л", Rouble}, {"юан", "*", Yuan}, {"иен", "*", Yen}, {"йен", "*", Yen}},
		"en": {{"dollar", "s", Dollar}, {"euro", "s", Euro}, {"rouble", "s", Rouble}, {"ruble", "s", Rouble}, {"yuan", "", Yuan},
			{"renminbi", "", Yuan}, {"yen", "", Yen}},
		"zh": {{"美元", "*", Dollar}, {"美金", "*", Dollar}, {"港元", "*", Dollar}, {"港币", "*", Dollar}, {"澳元", "*", Dollar},
			{"加元", "*", Dollar}, {"新元", "*", Dollar}, {"欧元", "*", Euro}, {"英镑", "*", Pound}, {"卢布", "*", Rouble},
			{"日元", "*", Yen}, {"元", "*", Yuan}, {"人民币", "*", Yuan}, {"块", "*", Yuan}},
	}
	currencyCodeOf = map[string]Currency{"USD": Dollar, "US": Dollar, "HKD": Dollar, "HK": Dollar, "EUR": Euro, "GBP": Pound,
		"RMB": Yuan, "CNY": Yuan, "JPY": Yen, "RUB": Rouble, "RUR": Rouble}
)

// currencyOf returns the currency written right before text[start:] or
// right after text[:end]: $5, US$5, RMB 100, 5 €, 5 млн долл., 500万美元,
// 100 yuan; 0 for none.
func (s *numScanner) currencyOf(start, end int) Currency {
	before := strings.TrimRight(s.text[:start], " ")
	if r, _ := utf8.DecodeLastRuneInString(before); currencySigns[r] != 0 {
		return currencySigns[r]
	}
	if s.lang == "zh" && strings.HasSuffix(before, "人民币") {
		return Yuan
	}
	k := len(before)
	for k > 0 && before[k-1] >= 'A' && before[k-1] <= 'Z' {
		k--
	}
	if c := currencyCodeOf[before[k:]]; c != 0 && (k == 0 || !unicode.IsLetter(rune(before[k-1]))) {
		return c
	}
	after := strings.TrimLeft(s.text[end:], " ")
	if r, _ := utf8.DecodeRuneInString(after); currencySigns[r] != 0 {
		return currencySigns[r]
	}
	if code := letterTail(after); currencyCodeOf[code] != 0 && len(code) == 3 {
		return currencyCodeOf[code]
	}
	lower := strings.ToLower(firstBytes(after, near))
	for _, w := range currencyWords[s.lang] {
		if rest, ok := strings.CutPrefix(lower, w.word); ok {
			if next, _ := utf8.DecodeRuneInString(rest); w.next == "*" || !unicode.IsLetter(next) || strings.ContainsRune(w.next, next) {
				return w.c
			}
		}
	}
	return 0
}
