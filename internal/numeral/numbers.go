// Package numeral reads the numbers, dates, times, measures and
// designations written in zh, ru and en text with their values and
// roles, so that the quality checks and the aligner compare them by value
// whatever their form: 2401亿 and 240,1 млрд, 二十 and twenty, 18.06.2021
// and 2021年6月18日, 10 p.m. and 22:00, 650 pounds and 294.8 kg, Ту-154 and
// 图-154. It only reads; what a difference means is the caller's business.
package numeral

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/lang"
	"golang.org/x/text/unicode/norm"
)

// A Number is a quantity found in text, normalised so that the same
// quantity written in different languages and forms compares equal:
// 2401亿, 240,1 млрд and 240.1 billion are all 2.401e11; 二十, двадцать,
// twenty and 20 are all 20; 百分之五, 5 % and five per cent are all 5.
// Besides its value, a number carries what stands around it and changes
// what it means (a sign, a per cent sign, a currency, a unit) and what it
// is in the text (a part of a date, of a name), so that a caller can
// compare two numbers by value and then by these.
type Number struct {
	Value float64
	// Alt holds the other values the same words can stand for: 3点 is 3
	// or 15 o'clock, "90-е" the 90s or the 1990s, 七成 seven tenths or
	// 70 %.
	Alt  []float64
	Text string // as written, with its scale word
	// Spelled is true for a number written without Arabic digits (words,
	// Chinese or Roman numerals, a scale word on its own, a month name
	// with no date). A translation may write it either way or leave it
	// out (两国 is often "Russia and China").
	Spelled bool
	// Weak is true when the text may not mean this quantity at all, or
	// only roughly: a number inside a name (COVID-19, G20, Су-35), a scale
	// word with no number (（亿美元）, "millions of"), an approximation
	// (七八个 "seven or eight"), one and two, which double as articles,
	// pronouns and "both", and a number inside a web or e-mail address.
	Weak bool

	// Code says that the number is part of a name or a code (COVID-19,
	// G20, Су-35): a dash before it is a hyphen, and it has no sign.
	// Designation is the whole name as written (ВВЭР-1000), Name its
	// letters (ВВЭР); a Chinese name that stands for letters gives them
	// (图-154 has the Name "TU", as Ту-154 "Ту").
	Code              bool
	Designation, Name string
	// Unit is the unit of a measure written after the number, nil for
	// none; Fahrenheit says that its degrees are Fahrenheit.
	Unit       *Unit
	Fahrenheit bool
	// Start and End are where Text stands in the text as read
	// (Reading.Text); Start is End for a number not found in it.
	Start, End int
	// Role says what the number is in a date: a day, a month or a year
	// (as the first reading has it, where a date has two); Dated says
	// that it belongs to a date read whole (Reading.Dates).
	Role  Role
	Dated bool
	// Sign is -1 for a number with a minus attached (−5, минус 5,
	// 零下5), +1 for one with a plus, 0 for one with neither. Value has
	// no sign.
	Sign int8
	// Per is 100 for a percentage (5 %, 百分之五, пять процентов), 1000
	// for per mille (5 ‰, 千分之五), 10000 per ten thousand (万分之五),
	// 0 otherwise.
	Per float64
	// Currency is the money of an amount ($5, 5 млн долл., 500万美元), 0
	// where none is written.
	Currency Currency
}

// Values returns the value and its alternatives.
func (n Number) Values() []float64 {
	return append([]float64{n.Value}, n.Alt...)
}

// A Reading is what Read found in a text: its numbers in the order of the
// text and the dates they make.
type Reading struct {
	// Text is the text as read, which the numbers' Start and End point
	// into: NFKC-normalised where it had full-width or other
	// compatibility characters (２０２３, ①, ½ as 0.5), and, in Chinese,
	// with the Traditional forms of the characters numbers are read by
	// folded into Simplified ones (億 as 亿, offsets unchanged).
	Text    string
	Numbers []Number
	// Dates are the dates read whole; their fields are indices into
	// Numbers.
	Dates []Date
}

// Read reads the numbers of text written in lang ("zh", "ru", "en"; a
// region is ignored): digits with the language's separators and scale
// words, spelled-out numbers (cardinal and ordinal, every case and gender
// in Russian), Chinese numerals, Roman numerals, month names next to a
// date, times, decades, percentages, measures, amounts of money, list
// labels and the numbers of designations. A date gives its day, month and
// year as three numbers (18.06.2021, 18 June 2021 and 2021年6月18日 are all
// 18, 6, 2021) and is listed in Dates; an hour with its half of the day is
// on the 24-hour clock (10 p.m., 晚上10点 and 10 часов вечера are 22).
// Values are rounded to twelve significant digits (Round), so that the
// same quantity has the same float whichever way it was written, and have
// no sign: −5 °C and 零下5度 are 5, with the minus in Sign. Words are
// read in zh, ru and en; in other languages, digits, Roman numerals and
// list labels.
func Read(text, lang string) *Reading {
	s := scanNumbers(text, lang)
	return &Reading{Text: s.text, Numbers: s.out, Dates: s.dates}
}

// Numbers returns the numbers of text written in lang, as Read reads
// them.
func Numbers(text, lang string) []Number {
	return scanNumbers(text, lang).out
}

// scanNumbers reads the numbers of text, and the dates they make.
func scanNumbers(text, tag string) *numScanner {
	if needsNFKC(text) {
		text = norm.NFKC.String(circledNumbers(vulgarFractions(text)))
	}
	s := &numScanner{text: text, lang: lang.Base(tag)}
	if s.lang == "zh" {
		s.text = zhSimplified.Replace(text)
	}
	s.scan()
	s.listLabels()
	s.rangeUnits()
	s.groupDates()
	s.yearRanges()
	s.inAddresses()
	if s.text != text {
		// Folding kept every byte offset: quote the text as written.
		for k, n := range s.out {
			if n.End > n.Start {
				s.out[k].Text = text[n.Start:n.End]
			}
		}
	}
	return s
}

// inAddresses weakens the numbers inside web and e-mail addresses
// (https://example.org/reports/2021, %D0%94, mail2021@example.org) and
// forgets the dates they make: an address is copied whole, and is
// compared whole.
func (s *numScanner) inAddresses() {
	spans := Addresses(s.text)
	if len(spans) == 0 {
		return
	}
	inside := make([]bool, len(s.out))
	for k, n := range s.out {
		for _, sp := range spans {
			if n.Start >= sp.Start && n.End <= sp.End && n.End > n.Start {
				s.out[k].Weak, inside[k] = true, true
			}
		}
	}
	s.dates = slices.DeleteFunc(s.dates, func(d Date) bool {
		return slices.ContainsFunc(d.Readings, func(r YMD) bool {
			return slices.ContainsFunc(r[:], func(k int) bool { return k >= 0 && inside[k] })
		})
	})
}

// A numScanner reads the numbers of one text.
type numScanner struct {
	text  string
	lang  string
	out   []Number
	dates []Date
	// last and lastEnd are where the last number emitted starts and ends.
	last, lastEnd int
}

func (s *numScanner) emit(n Number) {
	if math.IsNaN(n.Value) || math.IsInf(n.Value, 0) {
		return
	}
	// Numbers come in the order of the text: find where this one stands,
	// unless the reader said so.
	if n.End == 0 {
		n.Start, n.End = s.find(n.Text)
	}
	s.last, s.lastEnd = n.Start, n.End
	n.Value = Round(n.Value)
	for k := range n.Alt {
		n.Alt[k] = Round(n.Alt[k])
	}
	s.out = append(s.out, n)
}

// find returns where t stands in the text, after the last number or else
// from where it starts (the two numbers of 二十七八 have the same text), as
// a whole: the "1" of "2021 and 1 June" is not the one in 2021, nor the 五
// of "二十五和五" the one in 二十五.
func (s *numScanner) find(t string) (int, int) {
	if s.lastEnd > s.last {
		if at, end := s.findFrom(s.lastEnd, t); end > at {
			return at, end
		}
	}
	return s.findFrom(s.last, t)
}

func (s *numScanner) findFrom(from int, t string) (int, int) {
	first := -1
	for from < len(s.text) {
		k := strings.Index(s.text[from:], t)
		if k < 0 || t == "" {
			break
		}
		at := from + k
		if first < 0 {
			first = at
		}
		p, _ := utf8.DecodeLastRuneInString(s.text[:at])
		r, size := utf8.DecodeRuneInString(t)
		q, _ := utf8.DecodeRuneInString(s.text[at+len(t):])
		l, _ := utf8.DecodeLastRuneInString(t)
		if !sameNumeral(p, r) && !sameNumeral(l, q) {
			return at, at + len(t)
		}
		from = at + size
	}
	if first < 0 {
		return from, from
	}
	return first, first + len(t)
}

// sameNumeral reports whether a and b are both digits or both Chinese
// numerals: side by side, they belong to one number.
func sameNumeral(a, b rune) bool {
	return isDigit(byte(a)) && a < 0x80 && isDigit(byte(b)) && b < 0x80 || IsZhNumeral(a) && IsZhNumeral(b)
}

func (s *numScanner) scan() {
	text := s.text
	i := 0
	for i < len(text) {
		c, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case c >= '0' && c <= '9':
			i = s.digits(i)
		case s.lang == "zh" && (IsZhNumeral(c) || c == '第' || c == '兆'):
			i = s.zhNumeral(i)
		case s.lang == "zh" && (c == '正' || c == '午') && (strings.HasPrefix(text[i:], "正午") || strings.HasPrefix(text[i:], "午夜")):
			w := text[i : i+len("正午")]
			s.emit(Number{Value: noonWords[w][0], Alt: noonWords[w][1:], Text: w, Spelled: true, Weak: true})
			i += len(w)
		case unicode.IsLetter(c) && !isHan(c):
			i = s.words(i)
		default:
			i += n
		}
	}
}

// needsNFKC reports whether text has characters whose compatibility form
// matters for numbers: full-width forms, ideographic space, superscripts,
// circled and other compatibility digits, small forms (﹣5), no-break
// spaces. Checking first spares the normalisation of the common case.
func needsNFKC(text string) bool {
	for _, r := range text {
		if r >= 0x2000 && r <= 0x24ff || r >= 0x2776 && r <= 0x2793 || r >= 0x3000 && r <= 0x303f || r >= 0xfe50 && r <= 0xfe6f ||
			r >= 0xff00 && r <= 0xffef || r >= 0xb2 && r <= 0xbe || r == 0xa0 {
			return true
		}
	}
	return false
}

// fractionDecimals are the vulgar fractions that NFKC would spell "1⁄2",
// as decimal places.
var fractionDecimals = map[rune]string{'½': "5", '¼': "25", '¾': "75", '⅛': "125", '⅜': "375", '⅝': "625", '⅞': "875"}

// circledNumber returns the number of a circled digit that NFKC leaves as
// it is (❶ ➀ ➊ ⓫ ⓵), as Chinese and other lists number their items.
func circledNumber(r rune) (int, bool) {
	switch {
	case r >= 0x2776 && r <= 0x277f:
		return int(r-0x2776) + 1, true
	case r >= 0x2780 && r <= 0x2789:
		return int(r-0x2780) + 1, true
	case r >= 0x278a && r <= 0x2793:
		return int(r-0x278a) + 1, true
	case r >= 0x24eb && r <= 0x24f4:
		return int(r-0x24eb) + 11, true
	case r >= 0x24f5 && r <= 0x24fe:
		return int(r-0x24f5) + 1, true
	}
	return 0, false
}

// circledNumbers writes ❷ and ➁ as 2, as NFKC writes ②.
func circledNumbers(text string) string {
	if !strings.ContainsFunc(text, func(r rune) bool { _, ok := circledNumber(r); return ok }) {
		return text
	}
	var b strings.Builder
	for _, r := range text {
		if v, ok := circledNumber(r); ok {
			b.WriteString(strconv.Itoa(v))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// vulgarFractions writes 14½ as 14.5 and ½ alone as 0.5.
func vulgarFractions(text string) string {
	if !strings.ContainsAny(text, "½¼¾⅛⅜⅝⅞") {
		return text
	}
	var b strings.Builder
	prevDigit := false
	for _, r := range text {
		if d, ok := fractionDecimals[r]; ok {
			if !prevDigit {
				b.WriteByte('0')
			}
			b.WriteString("." + d)
			prevDigit = false
			continue
		}
		b.WriteRune(r)
		prevDigit = r >= '0' && r <= '9'
	}
	return b.String()
}

// letterTail returns the letters at the start of s.
func letterTail(s string) string {
	return s[:letterEnd(s, 0)]
}

func isHan(c rune) bool { return unicode.Is(unicode.Han, c) }

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// currencyCodes may stand right before an amount without making it a name
// (RMB100, USD250).
var currencyCodes = map[string]bool{
	"RMB": true, "CNY": true, "USD": true, "US": true, "EUR": true, "RUB": true, "GBP": true,
	"JPY": true, "HKD": true, "HK": true, "CHF": true, "INR": true, "RUR": true,
}

// digits reads a number written with digits at text[i] and returns where
// it ends.
func (s *numScanner) digits(i int) int {
	text := s.text
	// Letters right before the digits make a name or a code: A4, G20,
	// COVID-19, Су-35. Its number stays the same in every language.
	code := false
	name, from := "", i
	if i > 0 {
		k := i
		p, pn := utf8.DecodeLastRuneInString(text[:k])
		if p == '-' && k > pn {
			k -= pn
			p, _ = utf8.DecodeLastRuneInString(text[:k])
		}
		if unicode.IsLetter(p) && !isHan(p) {
			j := k
			for j > 0 {
				r, rn := utf8.DecodeLastRuneInString(text[:j])
				if !unicode.IsLetter(r) || isHan(r) {
					break
				}
				j -= rn
			}
			code = !currencyCodes[strings.ToUpper(text[j:k])] || k != i
			name, from = text[j:k], j
		} else if isHan(p) && k != i {
			// 图-154, 苏-35: a Chinese name of a designation, read as
			// the letters it stands for, so that it pairs with Ту-154.
			if latin, at := hanDesignation(text[:k]); latin != "" {
				code, name, from = true, latin, at
			}
		}
	}
	v, end := parseDigits(text, i, s.lang)
	if code {
		s.emit(Number{Value: v, Text: text[i:end], Weak: true, Code: true,
			Name: name, Designation: text[from:end]})
		return end
	}
	if stop, ok := s.numericDate(i); ok {
		return stop
	}
	if stop, ok := s.clock(i); ok {
		return stop
	}
	n := Number{Value: v}
	scaled := false
	if v2, alt, mend := applyMagnitude(text, end, v, s.lang, i); mend > end {
		n.Value, n.Alt, end = v2, alt, mend
		scaled = true
		// "2 млн 500 тыс.", "2万5千": a smaller amount with its own
		// scale word adds to the number.
		last := v2 / v
		for alt == nil && v != 0 {
			k := end
			for k < len(text) && text[k] == ' ' && s.lang != "zh" {
				k++
			}
			if k >= len(text) || !isDigit(text[k]) || (k == end) != (s.lang == "zh") {
				break
			}
			w, wend := parseDigits(text, k, s.lang)
			w2, alt2, mend2 := applyMagnitude(text, wend, w, s.lang, k)
			if mend2 == wend || alt2 != nil || w == 0 || w2/w >= last || w2 >= last {
				break
			}
			n.Value += w2
			last, end = w2/w, mend2
		}
	} else {
		n.Alt = s.contextAlt(i, end, v)
	}
	n.Text = strings.TrimSpace(text[i:end])
	if scaled && strings.HasSuffix(n.Text, ".") && !strings.HasSuffix(n.Text, "тыс.") {
		// The stop after a scale word ends the sentence ("2.5 million.",
		// "146,9 млрд."): only "тыс." is written with one.
		n.Text = n.Text[:len(n.Text)-1]
	}
	// A lone "1" is often "a" or nothing in the other language: 1个小时
	// is "час", "an hour".
	n.Weak = n.Text == "1" && len(n.Alt) == 0
	s.hour(&n, i, end)
	s.century(&n, end)
	s.measure(&n, i, end)
	s.marks(&n, i, end)
	hh, mm, dotted := s.dottedPair(i, end)
	dotted = dotted && !scaled && n.Unit == nil && n.Per == 0
	if dotted {
		n.Alt = append(n.Alt, hh)
	}
	s.emit(n)
	if dotted {
		s.emit(Number{Value: mm, Text: text[end-2 : end], Weak: true, Start: end - 2, End: end})
	}
	s.halfHour(end)
	return end
}

// dottedPair reports whether text[i:end] is two numbers joined by a dot
// that may be a time, a day and month or a decimal: Russian writes "в
// 10.30" for half past ten and "18.06" for the 18th of June, British
// English "at 10.30". It returns the numbers before and after the dot.
// A currency sign before the number makes it an amount.
func (s *numScanner) dottedPair(i, end int) (float64, float64, bool) {
	t := s.text[i:end]
	dot := strings.IndexByte(t, '.')
	if dot < 1 || dot > 2 || len(t)-dot != 3 {
		return 0, 0, false
	}
	for k := range len(t) {
		if k != dot && !isDigit(t[k]) {
			return 0, 0, false
		}
	}
	if sign, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s.text[:i], " ")); strings.ContainsRune("$£€¥₽", sign) {
		return 0, 0, false
	}
	a, _ := strconv.Atoi(t[:dot])
	b, _ := strconv.Atoi(t[dot+1:])
	if a >= 1 && (a <= 23 && b <= 59 || a <= 31 && b >= 1 && b <= 12) {
		return float64(a), float64(b), true
	}
	return 0, 0, false
}

// parseDigits reads a number starting at text[i]: digits with the
// language's thousands separators and decimal mark.
func parseDigits(text string, i int, lang string) (float64, int) {
	j := i
	for j < len(text) && isDigit(text[j]) {
		j++
	}
	first := j - i
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
				isSep = isSep || sep == ',' || sep == ' '
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
	if j+1 < len(text) && (text[j] == '.' || (text[j] == ',' && lang == "ru")) && isDigit(text[j+1]) {
		k := j + 1
		for k < len(text) && isDigit(text[k]) {
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
		if !isDigit(text[k]) {
			return false
		}
	}
	return i+3 == len(text) || !isDigit(text[i+3])
}

// A scale word multiplies the number before it: 亿, млрд, billion.
type scaleWord struct {
	word string
	mult float64
	// prefix: the word may go on (тысяч → тысячи, тысячами).
	prefix bool
}

// Scale words after digits, per language, longest first where one is a
// prefix of another. 千 and 兆 are handled apart: before a unit they are
// the SI prefixes kilo- and mega- (5千米 is 5 km).
var scaleWords = map[string][]scaleWord{
	"zh": {{"万亿", 1e12, false}, {"千亿", 1e11, false}, {"百亿", 1e10, false}, {"亿", 1e8, false},
		{"千万", 1e7, false}, {"百万", 1e6, false}, {"十万", 1e5, false}, {"万", 1e4, false}, {"百", 100, false}},
	"ru": {
		{"трлн", 1e12, false}, {"триллион", 1e12, true}, {"млрд", 1e9, false}, {"миллиард", 1e9, true},
		{"млн", 1e6, false}, {"миллион", 1e6, true}, {"тыс", 1e3, false}, {"тысяч", 1e3, true},
	},
	"en": {
		{"trillion", 1e12, true}, {"tn", 1e12, false}, {"trn", 1e12, false}, {"billion", 1e9, true}, {"bn", 1e9, false}, {"bln", 1e9, false},
		{"million", 1e6, true}, {"mn", 1e6, false}, {"mln", 1e6, false}, {"thousand", 1e3, true},
	},
}

// siUnits are the Chinese units that 千 (kilo-) and 兆 (mega-) prefix:
// 千米 km, 千克 kg, 千瓦 kW, 兆瓦 MW, 兆字节 MB, 兆赫 MHz.
const siUnits = "米克瓦卡焦帕赫伏升牛欧字比吨"

// applyMagnitude multiplies v by a scale word right after text[:end]
// ("亿", " млрд", " billion", "$5m") and returns the value, its
// alternatives and the end of the word; end is returned unchanged when
// there is none. start is where the number began.
func applyMagnitude(text string, end int, v float64, lang string, start int) (float64, []float64, int) {
	j := end
	// Chinese text often spaces figures from the words around them
	// ("1100 万英镑").
	for j < len(text) && text[j] == ' ' {
		j++
	}
	rest := text[j:]
	switch {
	case lang == "zh" && (strings.HasPrefix(rest, "多") || strings.HasPrefix(rest, "余")):
		// 550多万: "more than 5.5 million".
		if m, k := zhScaleAt(text, j+len("多")); k > j+len("多") {
			return v * m, nil, k
		}
	case lang == "ru" && j == end && strings.HasPrefix(rest, "-"):
		// 25-тысячная толпа: a crowd of 25,000.
		for _, w := range []struct {
			stem string
			mult float64
		}{{"-тысячн", 1e3}, {"-миллионн", 1e6}, {"-миллиардн", 1e9}} {
			if strings.HasPrefix(rest, w.stem) {
				k := j + len(w.stem) + len(letterTail(text[j+len(w.stem):]))
				return v * w.mult, nil, k
			}
		}
	}
	if lang == "zh" {
		switch {
		case strings.HasPrefix(rest, "千") && !strings.HasPrefix(rest, "千万") && !strings.HasPrefix(rest, "千亿"):
			k := j + len("千")
			if r, _ := utf8.DecodeRuneInString(text[k:]); strings.ContainsRune(siUnits, r) {
				return v, nil, end // 千米 is a unit: the measure reads it
			}
			return v * 1e3, nil, k
		case strings.HasPrefix(rest, "兆"):
			k := j + len("兆")
			if r, _ := utf8.DecodeRuneInString(text[k:]); strings.ContainsRune(siUnits, r) {
				return v, nil, end // 兆瓦 is megawatts
			}
			// 兆 is 10¹² in the traditional reckoning, 10⁶ in today's
			// mainland usage.
			return v * 1e12, []float64{v * 1e6}, k
		}
	}
	if len(rest) > 40 {
		rest = rest[:40]
	}
	rest = strings.ToLower(rest)
	for _, m := range scaleWords[lang] {
		if !strings.HasPrefix(rest, m.word) {
			continue
		}
		k := j + len(m.word)
		if lang != "zh" {
			for k < len(text) {
				c, n := utf8.DecodeRuneInString(text[k:])
				if !unicode.IsLetter(c) {
					break
				}
				if !m.prefix {
					k = -1
					break
				}
				k += n
			}
			if k < 0 {
				continue
			}
		}
		if k < len(text) && text[k] == '.' && lang != "zh" {
			k++
		}
		return v * m.mult, nil, k
	}
	// "$5m", "£2.5bn" are in the table; "$5m" and "$40k" need the
	// currency sign before them, since "5 m" is five metres.
	if sign, _ := utf8.DecodeLastRuneInString(text[:start]); lang == "en" && j == end && strings.ContainsRune("$£€¥", sign) && len(rest) > 0 && (rest[0] == 'm' || rest[0] == 'k') {
		if r, _ := utf8.DecodeRuneInString(rest[1:]); !unicode.IsLetter(r) {
			if rest[0] == 'm' {
				return v * 1e6, nil, j + 1
			}
			return v * 1e3, nil, j + 1
		}
	}
	return v, nil, end
}

// near is how many bytes beside a number the reader looks at for the words
// that go with it (per cent, a currency, minus, p.m.): more than any such
// word with the letter after it takes, in any script, so that reading them
// in lower case need not lower the whole rest of the text, which made
// reading a long text quadratic.
const near = 64

// firstBytes returns the start of s up to the first rune boundary at or
// after n bytes.
func firstBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n < len(s) && !utf8.RuneStart(s[n]) {
		n++
	}
	return s[:n]
}

// lastBytes returns the end of s from the last rune boundary at or before
// n bytes from its end.
func lastBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	k := len(s) - n
	for k > 0 && !utf8.RuneStart(s[k]) {
		k--
	}
	return s[k:]
}

// Round rounds v to twelve significant digits, as the reader rounds every
// value: it removes the binary noise of 240.1*1e9, so that a value
// computed from one read (a per mille as a per cent) compares equal to
// one read.
func Round(v float64) float64 {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	p := math.Pow(10, 12-math.Floor(math.Log10(math.Abs(v))))
	if math.IsInf(p, 0) || math.IsInf(v*p, 0) {
		return v
	}
	return math.Round(v*p) / p
}

// contextAlt returns the other values the words around a number give it:
// a decade (90年代, 90-е, '90s: also 1990 and 2090), tenths (七成: 70 %).
func (s *numScanner) contextAlt(start, end int, v float64) []float64 {
	text := s.text
	rest := strings.TrimLeft(text[end:], " ")
	var alt []float64
	if v == math.Trunc(v) && v >= 10 && v < 100 && int(v)%10 == 0 {
		decade := false
		switch s.lang {
		case "zh":
			decade = strings.HasPrefix(rest, "年代")
		case "ru":
			for _, suf := range []string{"-е", "-х", "-ые", "-ых", "-ми", "-м", "-ым"} {
				decade = decade || strings.HasPrefix(rest, suf)
			}
		case "en":
			decade = strings.HasPrefix(rest, "s") || strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s")
		}
		if decade {
			alt = append(alt, 1900+v, 2000+v)
		}
	}
	if strings.HasPrefix(rest, "成") {
		alt = append(alt, v*10)
	}
	return alt
}

// century weakens the century of "20世纪90年代" (the 1990s): a translation
// may write "1990-е годы" without it.
func (s *numScanner) century(n *Number, end int) {
	rest := strings.TrimLeft(s.text[end:], " ")
	if s.lang != "zh" || !strings.HasPrefix(rest, "世纪") {
		return
	}
	rest = strings.TrimLeft(rest[len("世纪"):], " ")
	k := 0
	for k < len(rest) {
		c, m := utf8.DecodeRuneInString(rest[k:])
		if !(c >= '0' && c <= '9') && !IsZhNumeral(c) {
			break
		}
		k += m
	}
	if k > 0 && strings.HasPrefix(strings.TrimLeft(rest[k:], " "), "年代") {
		n.Weak = true
	}
}
