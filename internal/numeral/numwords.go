package numeral

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Numbers written as words in Russian and English: cardinals and ordinals
// in every case and gender (двадцати, двумястами, третьего, третьей),
// compounds (сто двадцать пять, две тысячи первый, twenty-first, a
// thousand), Russian compounds in -летие and -летний (двадцатилетие),
// Roman numerals and month names.

// wordKind says how a number word combines with its neighbours.
type wordKind uint8

const (
	wUnit     wordKind = iota // 1–9 (and полтора): the units place
	wTeen                     // 10–19: the tens and units places
	wTen                      // 20–90: the tens place
	wHundreds                 // 100–900 (сто, двести): the hundreds place
	wHundred                  // "hundred", сотня: multiplies the units before it
	wScale                    // тысяча, million: multiplies the group before it
	wMult                     // десяток, десятилетие, dozen, decade: multiplies and ends the number
	wAlone                    // оба, both, twice: a number on its own
	wArticle                  // English "a" before hundred, thousand, dozen
)

type numWord struct {
	value   float64
	kind    wordKind
	ordinal bool
}

// place is the decimal place a word fills within a group under a thousand.
func (k wordKind) place() int {
	switch k {
	case wUnit:
		return 1
	case wTeen, wTen:
		return 2
	case wHundreds:
		return 3
	}
	return 0
}

var numberWords = map[string]map[string]numWord{
	"ru": ruNumberWords(),
	"en": enNumberWords(),
}

func ruNumberWords() map[string]numWord {
	m := map[string]numWord{}
	add := func(v float64, k wordKind, ordinal bool, forms string) {
		for _, f := range strings.Fields(forms) {
			m[f] = numWord{v, k, ordinal}
		}
	}
	add(0, wUnit, false, "ноль нуль ноля нуля нолю нулю нолём нулём нолем нулем")
	add(1, wUnit, false, "один одного одному одним одном одна одной одну одною одно одни одних одними")
	add(2, wUnit, false, "два две двух двум двумя")
	add(3, wUnit, false, "три трёх трех трём трем тремя")
	add(4, wUnit, false, "четыре четырёх четырех четырём четырем четырьмя")
	// семью is left out: it is also "family" (accusative).
	add(5, wUnit, false, "пять пяти пятью")
	add(6, wUnit, false, "шесть шести шестью")
	add(7, wUnit, false, "семь семи")
	add(8, wUnit, false, "восемь восьми восемью восьмью")
	add(9, wUnit, false, "девять девяти девятью")
	add(1.5, wUnit, false, "полтора полторы полутора")
	// Collective numerals: двое, трое.
	add(2, wUnit, false, "двое двоих двоим двоими")
	add(3, wUnit, false, "трое троих троим троими")
	add(4, wUnit, false, "четверо четверых четверым четверыми")
	add(5, wUnit, false, "пятеро пятерых пятерым пятерыми")
	add(6, wUnit, false, "шестеро шестерых шестерым шестерыми")
	add(7, wUnit, false, "семеро семерых семерым семерыми")
	add(2, wAlone, false, "оба обе обоих обеих обоим обеим обоими обеими")
	// -ать/-ять numerals decline like пять: -и, -ью.
	for _, t := range []struct {
		v    float64
		k    wordKind
		stem string
	}{
		{10, wTeen, "десят"}, {11, wTeen, "одиннадцат"}, {12, wTeen, "двенадцат"}, {13, wTeen, "тринадцат"},
		{14, wTeen, "четырнадцат"}, {15, wTeen, "пятнадцат"}, {16, wTeen, "шестнадцат"}, {17, wTeen, "семнадцат"},
		{18, wTeen, "восемнадцат"}, {19, wTeen, "девятнадцат"}, {20, wTen, "двадцат"}, {30, wTen, "тридцат"},
	} {
		add(t.v, t.k, false, t.stem+"ь "+t.stem+"и "+t.stem+"ью")
	}
	add(40, wTen, false, "сорок сорока")
	add(50, wTen, false, "пятьдесят пятидесяти пятьюдесятью")
	add(60, wTen, false, "шестьдесят шестидесяти шестьюдесятью")
	add(70, wTen, false, "семьдесят семидесяти семьюдесятью")
	add(80, wTen, false, "восемьдесят восьмидесяти восемьюдесятью восьмьюдесятью")
	add(90, wTen, false, "девяносто девяноста")
	add(100, wHundreds, false, "сто ста")
	add(200, wHundreds, false, "двести двухсот двумстам двумястами двухстах")
	add(300, wHundreds, false, "триста трёхсот трехсот трёмстам трехстам тремястами трёхстах трехстах")
	add(400, wHundreds, false, "четыреста четырёхсот четырехсот четырёмстам четыремстам четырьмястами четырёхстах четырехстах")
	for _, t := range []struct {
		v          float64
		nom, stem  string
		instrument string
	}{
		{500, "пятьсот", "пят", "пятьюстами"}, {600, "шестьсот", "шест", "шестьюстами"},
		{700, "семьсот", "сем", "семьюстами"}, {800, "восемьсот", "восьм", "восемьюстами восьмьюстами"},
		{900, "девятьсот", "девят", "девятьюстами"},
	} {
		add(t.v, wHundreds, false, t.nom+" "+t.stem+"исот "+t.stem+"истам "+t.stem+"истах "+t.instrument)
	}
	add(1e3, wScale, false, "тысяча тысячи тысяче тысячу тысячей тысячею тысяч тысячам тысячами тысячах тыс")
	for _, t := range []struct {
		v    float64
		stem string
	}{{1e6, "миллион"}, {1e9, "миллиард"}, {1e12, "триллион"}} {
		add(t.v, wScale, false, strings.Join(endings(t.stem, "", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах"), " "))
	}
	add(1e6, wScale, false, "млн")
	add(1e9, wScale, false, "млрд")
	add(1e12, wScale, false, "трлн")
	add(100, wHundred, false, "сотня сотни сотне сотню сотней сотен сотням сотнями сотнях")
	add(10, wMult, false, "десяток десятка десятку десятком десятке десятки десятков десяткам десятками десятках")
	add(10, wMult, false, "десятилетие десятилетия десятилетию десятилетием десятилетии десятилетий десятилетиям десятилетиями десятилетиях")
	add(50, wMult, false, "полвека")

	// Ordinals decline as adjectives.
	adj := []string{"ый", "ой", "ого", "ому", "ым", "ом", "ая", "ую", "ою", "ое", "ые", "ых", "ыми"}
	add(3, wUnit, true, "третий третьего третьему третьим третьем третья третьей третью третьею третье третьи третьих третьими")
	for _, t := range []struct {
		v     float64
		k     wordKind
		stems string
	}{
		{0, wUnit, "нулев"}, {1, wUnit, "перв"}, {2, wUnit, "втор"}, {4, wUnit, "четвёрт четверт"}, {5, wUnit, "пят"},
		{6, wUnit, "шест"}, {7, wUnit, "седьм"}, {8, wUnit, "восьм"}, {9, wUnit, "девят"},
		{10, wTeen, "десят"}, {11, wTeen, "одиннадцат"}, {12, wTeen, "двенадцат"}, {13, wTeen, "тринадцат"},
		{14, wTeen, "четырнадцат"}, {15, wTeen, "пятнадцат"}, {16, wTeen, "шестнадцат"}, {17, wTeen, "семнадцат"},
		{18, wTeen, "восемнадцат"}, {19, wTeen, "девятнадцат"}, {20, wTen, "двадцат"}, {30, wTen, "тридцат"},
		{40, wTen, "сороков"}, {50, wTen, "пятидесят"}, {60, wTen, "шестидесят"}, {70, wTen, "семидесят"},
		{80, wTen, "восьмидесят"}, {90, wTen, "девяност"}, {100, wHundreds, "сот"}, {200, wHundreds, "двухсот"},
		{300, wHundreds, "трёхсот трехсот"}, {400, wHundreds, "четырёхсот четырехсот"}, {500, wHundreds, "пятисот"},
		{600, wHundreds, "шестисот"}, {700, wHundreds, "семисот"}, {800, wHundreds, "восьмисот"},
		{900, wHundreds, "девятисот"}, {1e3, wScale, "тысячн"}, {1e6, wScale, "миллионн"}, {1e9, wScale, "миллиардн"},
	} {
		for _, stem := range strings.Fields(t.stems) {
			for _, e := range adj {
				m[stem+e] = numWord{t.v, t.k, true}
			}
		}
	}
	return m
}

func endings(stem string, ends ...string) []string {
	out := make([]string, len(ends))
	for i, e := range ends {
		out[i] = stem + e
	}
	return out
}

func enNumberWords() map[string]numWord {
	m := map[string]numWord{}
	units := strings.Fields("zero one two three four five six seven eight nine")
	for v, w := range units {
		m[w] = numWord{float64(v), wUnit, false}
	}
	for v, w := range strings.Fields("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen") {
		m[w] = numWord{float64(10 + v), wTeen, false}
	}
	for v, w := range strings.Fields("twenty thirty forty fifty sixty seventy eighty ninety") {
		m[w] = numWord{float64(20 + 10*v), wTen, false}
	}
	for v, w := range strings.Fields("first second third fourth fifth sixth seventh eighth ninth") {
		m[w] = numWord{float64(1 + v), wUnit, true}
	}
	for v, w := range strings.Fields("tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth") {
		m[w] = numWord{float64(10 + v), wTeen, true}
	}
	for v, w := range strings.Fields("twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth") {
		m[w] = numWord{float64(20 + 10*v), wTen, true}
	}
	// The decades: the nineties.
	for v, w := range strings.Fields("twenties thirties forties fifties sixties seventies eighties nineties") {
		m[w] = numWord{float64(20 + 10*v), wTen, true}
	}
	m["hundred"] = numWord{100, wHundred, false}
	m["hundreds"] = numWord{100, wHundred, false}
	m["hundredth"] = numWord{100, wHundred, true}
	for _, t := range []struct {
		v float64
		w string
	}{{1e3, "thousand"}, {1e6, "million"}, {1e9, "billion"}, {1e12, "trillion"}} {
		m[t.w] = numWord{t.v, wScale, false}
		m[t.w+"s"] = numWord{t.v, wScale, false}
		m[t.w+"th"] = numWord{t.v, wScale, true}
	}
	// The abbreviations of news and finance, as in "(US$ bn)".
	m["bn"] = numWord{1e9, wScale, false}
	m["mn"] = numWord{1e6, wScale, false}
	m["tn"] = numWord{1e12, wScale, false}
	m["dozen"] = numWord{12, wMult, false}
	m["dozens"] = numWord{12, wMult, false}
	m["decade"] = numWord{10, wMult, false}
	m["decades"] = numWord{10, wMult, false}
	m["both"] = numWord{2, wAlone, false}
	m["twice"] = numWord{2, wAlone, false}
	m["a"] = numWord{1, wArticle, false}
	return m
}

// compound adds up the words of one number: "сто двадцать пять", "две
// тысячи первый", "one hundred and twenty-five".
type compound struct {
	total, group float64
	place        int     // the lowest place filled in the group; 4 when empty
	lastScale    float64 // the last scale word, 0 before any
	words        int
	numerals     int  // words that are numbers themselves, not scale words
	article      bool // began with "a"
	done         bool // an ordinal, a multiplier or a lone word ends the number
}

func newCompound() compound { return compound{place: 4} }

// add takes the next word, or reports false when it starts another number.
func (c *compound) add(w numWord) bool {
	if c.done {
		return false
	}
	switch w.kind {
	case wArticle:
		if c.words > 0 {
			return false
		}
		c.article = true
	case wUnit, wTeen, wTen, wHundreds:
		// "a" begins "a hundred", "a thousand and one", never "a five".
		p := w.kind.place()
		if c.article && c.value() == 0 || p >= c.place {
			return false
		}
		c.group += w.value
		c.place = p
		if w.kind == wTeen {
			c.place = 1
		}
		c.numerals++
	case wHundred:
		if c.group >= 100 {
			return false
		}
		if c.group == 0 {
			c.group = 1
		}
		c.group *= w.value
		c.place = 3
	case wScale:
		if c.lastScale != 0 && w.value >= c.lastScale {
			return false
		}
		g := c.group
		if g == 0 {
			if c.lastScale != 0 || c.numerals > 0 {
				return false // "тысяча миллионов" is not one number here
			}
			g = 1
		}
		c.total += g * w.value
		c.group, c.place, c.lastScale = 0, 4, w.value
	case wMult:
		g := c.total + c.group
		if g == 0 {
			g = 1
		}
		c.total, c.group = g*w.value, 0
		c.done = true
	case wAlone:
		if c.words > 0 {
			return false
		}
		c.group = w.value
		c.numerals++
		c.done = true
	}
	c.words++
	if w.ordinal {
		c.done = true
	}
	return true
}

func (c *compound) value() float64 { return c.total + c.group }

// bare reports whether the number has only scale words ("тысячи",
// "millions", "decades"): an amount with no figure.
func (c *compound) bare() bool { return c.numerals == 0 && !c.article }

// letterEnd returns the end of the run of letters (not Han) at text[i].
func letterEnd(text string, i int) int {
	for i < len(text) {
		c, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(c) || isHan(c) {
			break
		}
		i += n
	}
	return i
}

// words reads a word at text[i], and the words of a number that starts
// with it; it returns where they end.
func (s *numScanner) words(i int) int {
	text := s.text
	j := letterEnd(text, i)
	word := text[i:j]
	if v, alt, ok := s.letterLabel(i, j); ok {
		weak := v < 3
		for _, a := range alt {
			weak = weak && a < 3
		}
		s.emit(Number{Value: v, Alt: alt, Text: word, Spelled: true, Weak: weak})
		return j
	}
	if v, telling, ok := Roman(word, s.lang); ok {
		s.emit(Number{Value: v, Text: word, Spelled: true, Weak: !telling || v < 3})
		return j
	}
	table := numberWords[s.lang]
	if table == nil {
		return j
	}
	lower := strings.ToLower(word)
	w, ok := table[lower]
	if !ok {
		s.otherWord(i, j, lower)
		return j
	}
	c := newCompound()
	c.add(w)
	end := j
	for !c.done {
		k := end
		hyphen := false
		for k < len(text) && text[k] == ' ' {
			k++
		}
		if k == end && k < len(text) && text[k] == '-' && s.lang == "en" {
			k++
			hyphen = true
		}
		if k == end || k >= len(text) {
			break
		}
		e := letterEnd(text, k)
		next := strings.ToLower(text[k:e])
		// "one hundred and twenty", "a thousand and one", "тысяча и
		// одна": and after a hundred or a scale word goes on with the
		// smaller places.
		if (next == "and" && s.lang == "en" && (c.place == 3 || c.lastScale != 0) || next == "и" && s.lang == "ru" && c.lastScale != 0) && !hyphen {
			k2 := e
			for k2 < len(text) && text[k2] == ' ' {
				k2++
			}
			e2 := letterEnd(text, k2)
			if nw, ok := table[strings.ToLower(text[k2:e2])]; ok && k2 > e && nw.kind.place() > 0 && nw.kind.place() < c.place {
				k, e, next = k2, e2, strings.ToLower(text[k2:e2])
			}
		}
		nw, ok := table[next]
		if !ok || e == k || !c.add(nw) {
			break
		}
		end = e
	}
	if c.words == 1 && c.article {
		return j // "a" alone
	}
	v := c.value()
	n := Number{Value: v, Text: text[i:end], Spelled: true, Weak: c.bare() || v < 3}
	if c.words == 1 && w.kind == wTen && w.ordinal && decadeWord(lower) {
		n.Alt = []float64{1900 + v, 2000 + v} // the nineties, девяностые: the 1990s
	}
	if s.lang == "en" && c.words == 1 && whole(v) && v >= 1 && v <= 12 && s.pastHour(i, &n) {
		return end
	}
	s.hour(&n, i, end)
	s.measure(&n, i, end)
	s.marks(&n, i, end)
	s.emit(n)
	return end
}

// decadeWord reports whether an ordinal of the tens names a decade: the
// nineties, девяностые (годы), в девяностых.
func decadeWord(w string) bool {
	return strings.HasSuffix(w, "ies") || strings.HasSuffix(w, "ые") || strings.HasSuffix(w, "ых") || strings.HasSuffix(w, "ыми")
}

// pastHour reads English times told from the hour, whose hour is the word
// at text[i:] that n holds: "half past ten" is 10:30, "a quarter past
// ten" 10:15, "a quarter to eleven" 10:45. It emits the hour and the
// minutes and reports whether it found one.
func (s *numScanner) pastHour(i int, n *Number) bool {
	before := strings.ToLower(lastBytes(strings.TrimRight(s.text[:i], " "), near))
	var minutes float64
	switch {
	case strings.HasSuffix(before, "half past"):
		minutes = 30
	case strings.HasSuffix(before, "quarter past"):
		minutes = 15
	case strings.HasSuffix(before, "quarter to"):
		minutes = 45
		n.Value = n.Value - 1
		if n.Value == 0 {
			n.Value = 12
		}
	default:
		return false
	}
	n.Weak = false
	if n.Value < 12 {
		n.Alt = append(n.Alt, n.Value+12)
	}
	s.emit(*n)
	hour := s.out[len(s.out)-1]
	s.emit(Number{Value: minutes, Text: hour.Text, Spelled: true, Weak: true, Start: hour.Start, End: hour.End})
	return true
}

// otherWord reads the words that hold a number without being number words:
// Russian compounds (двадцатилетие, трёхлетний, двухтысячный) and month
// names.
func (s *numScanner) otherWord(i, j int, lower string) {
	if s.lang == "ru" {
		if v, ok := ruCompoundNumber(lower); ok {
			s.emit(Number{Value: v, Text: s.text[i:j], Spelled: true, Weak: v < 3})
			return
		}
	}
	if v, ok := noonWords[lower]; ok {
		s.emit(Number{Value: v[0], Alt: v[1:], Text: s.text[i:j], Spelled: true, Weak: true})
		return
	}
	m, ok := monthNames[s.lang][lower]
	if !ok {
		if v, ok := ruMonthAdjective(lower); ok && s.lang == "ru" {
			s.emit(Number{Value: v, Text: s.text[i:j], Spelled: true})
		}
		return
	}
	near := nearDigit(s.text, i, j)
	stop := j < len(s.text) && s.text[j] == '.'
	switch {
	case near:
	case m.abbrev && !stop:
		return // "mar", "дек" without their stop are something else
	case s.lang == "en" && (lower == "may" || lower == "march") && !s.capitalisedInside(i) && !s.besideMonth(i, j):
		return // "may" the verb, "march" the walk
	}
	// Next to a date the month is as required as the day; alone ("в
	// июне") it may be rendered otherwise.
	s.emit(Number{Value: m.month, Text: s.text[i:j], Spelled: !near, Role: Month})
}

// monthJoins join the months of a range or a list: January–May, March to
// May, январь–май, с января по май.
var monthJoins = map[string]bool{"-": true, "–": true, "—": true, "to": true, "through": true, "till": true,
	"until": true, "and": true, "or": true, ",": true, "по": true, "до": true, "и": true, "или": true}

// besideMonth reports whether the word at text[i:j] makes a range or a
// list with a month name before or after it: "January–May", "May to
// July". There it is a month, not the verb.
func (s *numScanner) besideMonth(i, j int) bool {
	if k := len(s.out) - 1; k >= 0 && s.out[k].Role == Month && s.out[k].End <= i &&
		monthJoins[strings.ToLower(strings.TrimSpace(s.text[s.out[k].End:i]))] {
		return true
	}
	rest := strings.ToLower(strings.TrimLeft(s.text[j:], " "))
	for join := range monthJoins {
		if after, ok := strings.CutPrefix(rest, join); ok && (join != "to" && join != "and" && join != "or" || strings.HasPrefix(after, " ")) {
			after = strings.TrimLeft(after, " ")
			if _, ok := monthNames[s.lang][letterTail(after)]; ok && letterTail(after) != "" {
				return true
			}
		}
	}
	return false
}

// noonWords name an hour: noon is 12, midnight 0 or 24. They stand in for
// "12 часов дня" and "00:00".
var noonWords = map[string][]float64{
	"noon": {12}, "midday": {12}, "midnight": {0, 24}, "полдень": {12}, "полудня": {12},
	"полночь": {0, 24}, "полуночи": {0, 24}, "正午": {12}, "午夜": {0, 24},
}

// capitalisedInside reports whether the word at text[i] is capitalised
// without starting a sentence: "in March", not "May I".
func (s *numScanner) capitalisedInside(i int) bool {
	if r, _ := utf8.DecodeRuneInString(s.text[i:]); !unicode.IsUpper(r) {
		return false
	}
	before := strings.TrimRightFunc(s.text[:i], unicode.IsSpace)
	p, _ := utf8.DecodeLastRuneInString(before)
	return before != "" && (unicode.IsLetter(p) || unicode.IsDigit(p))
}

// ruStems are the genitive stems that begin Russian compound words:
// двадцати|летие, трёх|летний, двух|тысячный, сто|летие.
var ruStems = []struct {
	stem  string
	value float64
	kind  wordKind
}{
	{"одиннадцати", 11, wTeen}, {"двенадцати", 12, wTeen}, {"тринадцати", 13, wTeen}, {"четырнадцати", 14, wTeen},
	{"пятнадцати", 15, wTeen}, {"шестнадцати", 16, wTeen}, {"семнадцати", 17, wTeen}, {"восемнадцати", 18, wTeen},
	{"девятнадцати", 19, wTeen}, {"двадцати", 20, wTen}, {"тридцати", 30, wTen}, {"сорока", 40, wTen},
	{"пятидесяти", 50, wTen}, {"шестидесяти", 60, wTen}, {"семидесяти", 70, wTen}, {"восьмидесяти", 80, wTen},
	{"девяноста", 90, wTen}, {"двухсот", 200, wHundreds}, {"трёхсот", 300, wHundreds}, {"трехсот", 300, wHundreds},
	{"четырёхсот", 400, wHundreds}, {"четырехсот", 400, wHundreds}, {"пятисот", 500, wHundreds},
	{"шестисот", 600, wHundreds}, {"семисот", 700, wHundreds}, {"восьмисот", 800, wHundreds},
	{"девятисот", 900, wHundreds}, {"сто", 100, wHundreds}, {"десяти", 10, wTeen}, {"одно", 1, wUnit},
	{"двух", 2, wUnit}, {"трёх", 3, wUnit}, {"трех", 3, wUnit}, {"четырёх", 4, wUnit}, {"четырех", 4, wUnit},
	{"пяти", 5, wUnit}, {"шести", 6, wUnit}, {"семи", 7, wUnit}, {"восьми", 8, wUnit}, {"девяти", 9, wUnit},
	{"полу", 0.5, wUnit}, {"тысяче", 1000, wScale},
}

// ruCompoundNumber reads the number in a compound such as
// двадцатипятилетие (25th anniversary), трёхлетний (three-year),
// двухтысячный (2000th), тысячелетие (millennium).
func ruCompoundNumber(w string) (float64, bool) {
	if !strings.Contains(w, "лет") && !strings.Contains(w, "тысячн") {
		return 0, false
	}
	c := newCompound()
	rest := w
	for rest != "" {
		found := false
		for _, st := range ruStems {
			if strings.HasPrefix(rest, st.stem) {
				if st.kind == wScale {
					if c.group == 0 && c.total == 0 {
						c.group = 1
					}
					c.total, c.group, c.place = c.value()*st.value, 0, 4
				} else if !c.add(numWord{st.value, st.kind, false}) {
					return 0, false
				}
				rest = rest[len(st.stem):]
				found = true
				break
			}
		}
		if !found {
			break
		}
	}
	if rest == w || c.value() == 0 {
		return 0, false
	}
	for _, root := range []string{"летие", "летия", "летию", "летием", "летии", "летий", "летн", "летк"} {
		if strings.HasPrefix(rest, root) {
			if c.value() == 0.5 {
				return 0, false // полулетие is not a word
			}
			return c.value(), true
		}
	}
	if strings.HasPrefix(rest, "тысячн") && c.total == 0 {
		return c.value() * 1000, true
	}
	return 0, false
}

// Roman reads a Roman numeral (XXI, IV) and says whether it tells a
// number: one of only I, V and X and at least two letters long. Single
// letters and numerals with L, C, D or M are too often something else
// (point C, CD, Washington DC). In English (lang "en"), "I" is the
// pronoun.
func Roman(w, lang string) (v float64, telling, ok bool) {
	if w == "" || len(w) > 12 {
		return 0, false, false
	}
	for _, c := range w {
		if !strings.ContainsRune("IVXLCDM", c) {
			return 0, false, false
		}
	}
	if len(w) == 1 && (w != "V" && w != "X" && (w != "I" || lang == "en")) {
		return 0, false, false
	}
	val := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100, 'D': 500, 'M': 1000}
	n := 0
	for k := 0; k < len(w); k++ {
		x := val[w[k]]
		if k+1 < len(w) && val[w[k+1]] > x {
			n -= x
		} else {
			n += x
		}
	}
	if n <= 0 || toRoman(n) != w {
		return 0, false, false
	}
	return float64(n), len(w) >= 2 && !strings.ContainsAny(w, "LCDM"), true
}

func toRoman(n int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}

type monthName struct {
	month  float64
	abbrev bool
}

var monthNames = map[string]map[string]monthName{
	"ru": ruMonths(),
	"en": enMonths(),
}

func ruMonths() map[string]monthName {
	m := map[string]monthName{}
	for k, forms := range []string{
		"январь января январю январём январем январе янв",
		"февраль февраля февралю февралём февралем феврале фев февр",
		"март марта марту мартом марте мар",
		"апрель апреля апрелю апрелем апреле апр",
		"май мая маю маем мае",
		"июнь июня июню июнем июне",
		"июль июля июлю июлем июле",
		"август августа августу августом августе авг",
		"сентябрь сентября сентябрю сентябрём сентябрем сентябре сен сент",
		"октябрь октября октябрю октябрём октябрем октябре окт",
		"ноябрь ноября ноябрю ноябрём ноябрем ноябре ноя нояб",
		"декабрь декабря декабрю декабрём декабрем декабре дек",
	} {
		for i, f := range strings.Fields(forms) {
			// The abbreviations come last and are four letters at most.
			m[f] = monthName{float64(k + 1), i >= 5 && utf8.RuneCountInString(f) <= 4}
		}
	}
	return m
}

func enMonths() map[string]monthName {
	m := map[string]monthName{}
	for k, w := range strings.Fields("january february march april may june july august september october november december") {
		m[w] = monthName{float64(k + 1), false}
	}
	for k, w := range strings.Fields("jan feb mar apr - jun jul aug sep oct nov dec") {
		if w != "-" {
			m[w] = monthName{float64(k + 1), true}
		}
	}
	m["sept"] = monthName{9, true}
	return m
}

// ruMonthStems begin the Russian adjectives of the months: ноябрьские
// выборы, the November elections.
var ruMonthStems = []string{"январск", "февральск", "мартовск", "апрельск", "майск", "июньск", "июльск",
	"августовск", "сентябрьск", "октябрьск", "ноябрьск", "декабрьск"}

func ruMonthAdjective(w string) (float64, bool) {
	for k, stem := range ruMonthStems {
		if rest, ok := strings.CutPrefix(w, stem); ok && len(rest) <= 6 && (rest == "" || strings.ContainsRune("иоа", []rune(rest)[0])) {
			return float64(k + 1), true
		}
	}
	return 0, false
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
