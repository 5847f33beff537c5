package qa

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A Number is a numeric value found in text, normalised so that the same
// quantity written in different languages compares equal: 2401亿, 240,1 млрд
// and 240.1 billion are all 2.401e11.
type Number struct {
	Value float64
	Text  string // as written, with its magnitude word
	// Spelled is true for numbers written as words ("два", "three"); they
	// can stand for a number in the other language but are not required.
	Spelled bool
}

// Numbers returns the numbers in text written in lang ("zh", "ru", "en").
// The text is NFKC-normalised first, so full-width digits count.
func Numbers(text, lang string) []Number {
	if needsNFKC(text) {
		text = norm.NFKC.String(text)
	}
	base := baseLang(lang)
	var out []Number
	i := 0
	for i < len(text) {
		c, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case c >= '0' && c <= '9':
			if i > 0 {
				// "A4", "COVID-19" and "G20" are names, not quantities.
				p, _ := utf8.DecodeLastRuneInString(text[:i])
				if p == '-' && i > 1 {
					p, _ = utf8.DecodeLastRuneInString(text[:i-1])
				}
				if unicode.IsLetter(p) && !isHan(p) {
					j := i
					for j < len(text) && text[j] >= '0' && text[j] <= '9' {
						j++
					}
					i = j
					continue
				}
			}
			v, end := parseDigits(text, i, base)
			v, end = applyMagnitude(text, end, v, base)
			out = append(out, Number{Value: v, Text: strings.TrimSpace(text[i:end])})
			i = end
		case base == "zh" && isZhNumeral(c):
			j := i
			for j < len(text) {
				c2, n2 := utf8.DecodeRuneInString(text[j:])
				if !isZhNumeral(c2) {
					break
				}
				j += n2
			}
			if utf8.RuneCountInString(text[i:j]) >= 2 {
				if v, ok := parseZhNumeral(text[i:j]); ok {
					v, end := applyMagnitude(text, j, v, base)
					out = append(out, Number{Value: v, Text: text[i:end]})
					i = end
					continue
				}
			}
			i = j
		case unicode.IsLetter(c) && base != "zh":
			j := i
			for j < len(text) {
				c2, n2 := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(c2) {
					break
				}
				j += n2
			}
			w := strings.ToLower(text[i:j])
			if v, ok := spelled[base][w]; ok {
				out = append(out, Number{Value: v, Text: text[i:j], Spelled: true})
			} else if m, ok := months[base][w]; ok && nearDigit(text, i, j) {
				out = append(out, Number{Value: m, Text: text[i:j]})
			}
			i = j
		default:
			i += n
		}
	}
	return out
}

// needsNFKC reports whether text has characters whose compatibility form
// matters for numbers: full-width forms, ideographic space, superscripts,
// circled and other compatibility digits. Checking first spares the
// normalisation of the common case.
func needsNFKC(text string) bool {
	for _, r := range text {
		if r >= 0x2000 && r <= 0x24ff || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef || r == 0xb2 || r == 0xb3 || r == 0xb9 || r == 0xa0 {
			return true
		}
	}
	return false
}

func baseLang(lang string) string {
	lang = strings.ToLower(lang)
	if k := strings.IndexAny(lang, "-_"); k > 0 {
		lang = lang[:k]
	}
	return lang
}

func isHan(c rune) bool { return unicode.Is(unicode.Han, c) }

// parseDigits reads a number starting at text[i]: digits with the
// language's thousands separators and decimal mark.
func parseDigits(text string, i int, lang string) (float64, int) {
	j := i
	digits := func() int {
		k := j
		for j < len(text) && text[j] >= '0' && text[j] <= '9' {
			j++
		}
		return j - k
	}
	first := digits()
	intPart := text[i:j]
	// Thousands groups: "1 200", "1,200", "1 200" (NBSP), "1 200" (U+202F).
	if first <= 3 {
		for {
			sep, n := utf8.DecodeRuneInString(text[j:])
			isSep := sep == '\u00a0' || sep == '\u202f' || sep == '\u2009'
			switch lang {
			case "ru":
				isSep = isSep || sep == ' ' || sep == '.'
			default:
				isSep = isSep || sep == ',' || (sep == ' ' && lang != "zh")
			}
			if !isSep || !threeDigits(text, j+n) {
				break
			}
			if sep == '.' && !threeDigits(text, j+n+4) && lang == "ru" {
				// "3.500" could be a decimal in Russian text; a single
				// group after a dot is read as one.
				break
			}
			j += n + 3
			intPart += text[j-3 : j]
		}
	}
	v, _ := strconv.ParseFloat(intPart, 64)
	// Decimal part: "." everywhere, "," in Russian.
	if j+1 < len(text) && (text[j] == '.' || (text[j] == ',' && lang == "ru")) && text[j+1] >= '0' && text[j+1] <= '9' {
		k := j + 1
		for k < len(text) && text[k] >= '0' && text[k] <= '9' {
			k++
		}
		if f, err := strconv.ParseFloat(intPart+"."+text[j+1:k], 64); err == nil {
			v = f
			j = k
		}
	}
	return v, j
}

// threeDigits reports whether text has exactly three digits at i, not followed
// by a fourth.
func threeDigits(text string, i int) bool {
	if i+3 > len(text) {
		return false
	}
	for k := i; k < i+3; k++ {
		if text[k] < '0' || text[k] > '9' {
			return false
		}
	}
	return i+3 == len(text) || text[i+3] < '0' || text[i+3] > '9'
}

// Magnitude words after a number, per language, longest first where one is
// a prefix of another.
var magnitudes = map[string][]struct {
	word string
	mult float64
}{
	"zh": {{"万亿", 1e12}, {"千亿", 1e11}, {"百亿", 1e10}, {"亿", 1e8}, {"千万", 1e7}, {"百万", 1e6}, {"万", 1e4}},
	"ru": {
		{"трлн", 1e12}, {"триллиона", 1e12}, {"триллионов", 1e12}, {"триллион", 1e12},
		{"млрд", 1e9}, {"миллиарда", 1e9}, {"миллиардов", 1e9}, {"миллиард", 1e9},
		{"млн", 1e6}, {"миллиона", 1e6}, {"миллионов", 1e6}, {"миллион", 1e6},
		{"тыс", 1e3}, {"тысячи", 1e3}, {"тысяч", 1e3}, {"тысяча", 1e3},
	},
	"en": {
		{"trillion", 1e12}, {"tn", 1e12}, {"billion", 1e9}, {"bn", 1e9},
		{"million", 1e6}, {"mn", 1e6}, {"thousand", 1e3},
	},
}

// applyMagnitude multiplies v by a magnitude word right after text[:end]
// ("亿", " млрд", " billion") and returns the end of the word.
func applyMagnitude(text string, end int, v float64, lang string) (float64, int) {
	j := end
	if lang != "zh" {
		for j < len(text) && (text[j] == ' ' || strings.HasPrefix(text[j:], "\u00a0")) {
			if text[j] == ' ' {
				j++
			} else {
				j += len("\u00a0")
			}
		}
	}
	rest := text[j:]
	if len(rest) > 32 {
		rest = rest[:32]
	}
	rest = strings.ToLower(rest)
	for _, m := range magnitudes[lang] {
		if !strings.HasPrefix(rest, m.word) {
			continue
		}
		k := j + len(m.word)
		if lang != "zh" && k < len(text) {
			if c, _ := utf8.DecodeRuneInString(text[k:]); unicode.IsLetter(c) {
				continue
			}
		}
		if k < len(text) && text[k] == '.' {
			k++
		}
		return round(v * m.mult), k
	}
	return v, end
}

// round removes the binary noise of 240.1*1e9.
func round(v float64) float64 {
	if v == 0 {
		return 0
	}
	p := math.Pow(10, 12-math.Floor(math.Log10(math.Abs(v))))
	return math.Round(v*p) / p
}

const zhDigits = "零〇一二两三四五六七八九"

func isZhNumeral(c rune) bool {
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

// parseZhNumeral reads 二〇二三 (digit by digit), 四百五十万 or 十三.
func parseZhNumeral(s string) (float64, bool) {
	positional := true
	for _, c := range s {
		if zhDigit(c) < 0 {
			positional = false
		}
	}
	if positional {
		v := 0.0
		for _, c := range s {
			v = v*10 + float64(zhDigit(c))
		}
		return v, true
	}
	var total, section, digit float64
	for _, c := range s {
		if d := zhDigit(c); d >= 0 {
			digit = float64(d)
			continue
		}
		switch c {
		case '十', '百', '千':
			unit := map[rune]float64{'十': 10, '百': 100, '千': 1000}[c]
			if digit == 0 {
				digit = 1
			}
			section += digit * unit
			digit = 0
		case '万', '亿':
			unit := map[rune]float64{'万': 1e4, '亿': 1e8}[c]
			section += digit
			if section == 0 {
				return 0, false
			}
			total = (total + section) * unit
			if c == '万' && total >= 1e8 {
				// 一亿五千万: the 万 applies to the part after 亿 only.
				return 0, false
			}
			section, digit = 0, 0
		}
	}
	return total + section + digit, true
}

var spelled = map[string]map[string]float64{
	"ru": {
		"один": 1, "одна": 1, "одно": 1, "два": 2, "две": 2, "двух": 2, "три": 3, "трёх": 3, "трех": 3,
		"четыре": 4, "четырёх": 4, "пять": 5, "пяти": 5, "шесть": 6, "шести": 6, "семь": 7, "семи": 7,
		"восемь": 8, "восьми": 8, "девять": 9, "девяти": 9, "десять": 10, "десяти": 10,
		"оба": 2, "обе": 2, "обоих": 2,
	},
	"en": {
		"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
		"nine": 9, "ten": 10, "both": 2, "twice": 2,
	},
}

var months = map[string]map[string]float64{
	"ru": {
		"января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
		"августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
		"январе": 1, "феврале": 2, "марте": 3, "апреле": 4, "мае": 5, "июне": 6, "июле": 7,
		"августе": 8, "сентябре": 9, "октябре": 10, "ноябре": 11, "декабре": 12,
	},
	"en": {
		"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
		"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	},
}

// nearDigit reports whether a digit is within a few bytes of text[i:j].
func nearDigit(text string, i, j int) bool {
	lo, hi := i-4, j+4
	if lo < 0 {
		lo = 0
	}
	if hi > len(text) {
		hi = len(text)
	}
	for _, c := range text[lo:i] + text[j:hi] {
		if unicode.IsDigit(c) {
			return true
		}
	}
	return false
}
