package numeral

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Units after a number let a measure converted between systems be compared
// with its original: English news gives miles, feet, pounds and degrees
// Fahrenheit, which Russian and Chinese translators give in kilometres,
// metres, kilograms and degrees Celsius, rounded (650 pounds is "300 кг",
// 85 mph "135 км/ч", 10 inches "25 см").

// A Dimension is what a unit measures.
type Dimension uint8

const (
	NoDimension Dimension = iota
	Length                // metres
	Mass                  // kilograms
	Speed                 // kilometres an hour
	Area                  // square metres
	Volume                // litres
	Temperature           // degrees Celsius
)

// A Unit is a unit word, as listed in lower case ("mile", "км/ч", "公里"),
// and its size in the base unit of its dimension (1609.344 metres for a
// mile).
type Unit struct {
	Word   string
	Dim    Dimension
	Factor float64
	// prefix: the word may go on (mile → miles, метр → метрах,
	// килограмм → килограммовое).
	prefix bool
	// fahrenheit: degrees Fahrenheit, converted rather than scaled.
	fahrenheit bool
	// either: degrees that may be Celsius or Fahrenheit (English
	// "degrees").
	either bool
}

// units lists the unit words per language, longer ones before those they
// begin with. Words too often something else after a number are left out:
// "in" (10 in 2021), Russian "г" (2021 г. is a year) and "т", Chinese 节
// (a knot, but also a festival and a section) and 度 alone.
var units = map[string][]Unit{
	"en": {
		{"miles per hour", Speed, 1.609344, false, false, false}, {"mph", Speed, 1.609344, false, false, false},
		{"kilometres per hour", Speed, 1, false, false, false}, {"kilometers per hour", Speed, 1, false, false, false},
		{"km/h", Speed, 1, false, false, false}, {"kph", Speed, 1, false, false, false}, {"knot", Speed, 1.852, true, false, false},
		{"square miles", Area, 2.589988e6, false, false, false}, {"square mile", Area, 2.589988e6, false, false, false},
		{"square kilomet", Area, 1e6, true, false, false}, {"sq mi", Area, 2.589988e6, false, false, false}, {"sq km", Area, 1e6, false, false, false},
		{"km2", Area, 1e6, false, false, false}, {"acre", Area, 4046.856, true, false, false}, {"hectare", Area, 1e4, true, false, false}, {"ha", Area, 1e4, false, false, false},
		{"nautical mile", Length, 1852, true, false, false}, {"mile", Length, 1609.344, true, false, false}, {"mi", Length, 1609.344, false, false, false},
		{"yard", Length, 0.9144, true, false, false}, {"yds", Length, 0.9144, false, false, false}, {"yd", Length, 0.9144, false, false, false},
		{"feet", Length, 0.3048, false, false, false}, {"foot", Length, 0.3048, false, false, false}, {"ft", Length, 0.3048, false, false, false},
		{"inch", Length, 0.0254, true, false, false}, {"kilomet", Length, 1000, true, false, false}, {"km", Length, 1000, false, false, false},
		{"centimet", Length, 0.01, true, false, false}, {"cm", Length, 0.01, false, false, false}, {"millimet", Length, 0.001, true, false, false},
		{"mm", Length, 0.001, false, false, false}, {"metre", Length, 1, true, false, false}, {"meter", Length, 1, true, false, false}, {"m", Length, 1, false, false, false},
		{"pound", Mass, 0.45359237, true, false, false}, {"lbs", Mass, 0.45359237, false, false, false}, {"lb", Mass, 0.45359237, false, false, false},
		{"ounce", Mass, 0.0283495, true, false, false}, {"oz", Mass, 0.0283495, false, false, false}, {"tonne", Mass, 1000, true, false, false},
		{"ton", Mass, 1000, true, false, false}, {"kilogram", Mass, 1, true, false, false}, {"kg", Mass, 1, false, false, false},
		{"gram", Mass, 0.001, true, false, false}, {"g", Mass, 0.001, false, false, false},
		{"degrees fahrenheit", Temperature, 1, false, true, false}, {"°f", Temperature, 1, false, true, false}, {"fahrenheit", Temperature, 1, false, true, false},
		{"degrees celsius", Temperature, 1, false, false, false}, {"°c", Temperature, 1, false, false, false}, {"celsius", Temperature, 1, false, false, false},
		{"degree", Temperature, 1, true, false, true},
		{"gallon", Volume, 3.785412, true, false, false}, {"barrel", Volume, 158.987, true, false, false},
		{"litre", Volume, 1, true, false, false}, {"liter", Volume, 1, true, false, false},
	},
	"ru": {
		{"миль в час", Speed, 1.609344, false, false, false}, {"км/ч", Speed, 1, false, false, false},
		{"километров в час", Speed, 1, false, false, false}, {"узл", Speed, 1.852, true, false, false},
		{"кв. км", Area, 1e6, false, false, false}, {"кв км", Area, 1e6, false, false, false}, {"км2", Area, 1e6, false, false, false},
		{"гектар", Area, 1e4, true, false, false}, {"га", Area, 1e4, false, false, false}, {"акр", Area, 4046.856, true, false, false},
		{"морск", Length, 1852, true, false, false}, {"километр", Length, 1000, true, false, false}, {"км", Length, 1000, false, false, false},
		{"сантиметр", Length, 0.01, true, false, false}, {"см", Length, 0.01, false, false, false}, {"миллиметр", Length, 0.001, true, false, false},
		{"мм", Length, 0.001, false, false, false}, {"метр", Length, 1, true, false, false}, {"м", Length, 1, false, false, false},
		{"мил", Length, 1609.344, true, false, false}, {"фут", Length, 0.3048, true, false, false}, {"дюйм", Length, 0.0254, true, false, false},
		{"ярд", Length, 0.9144, true, false, false},
		{"килограмм", Mass, 1, true, false, false}, {"кг", Mass, 1, false, false, false}, {"грамм", Mass, 0.001, true, false, false},
		{"тонн", Mass, 1000, true, false, false}, {"фунт", Mass, 0.45359237, true, false, false}, {"унци", Mass, 0.0283495, true, false, false},
		{"°f", Temperature, 1, false, true, false}, {"°c", Temperature, 1, false, false, false}, {"°с", Temperature, 1, false, false, false},
		{"градус", Temperature, 1, true, false, false},
		{"литр", Volume, 1, true, false, false}, {"галлон", Volume, 3.785412, true, false, false}, {"баррел", Volume, 158.987, true, false, false},
	},
	"zh": {
		{"英里每小时", Speed, 1.609344, false, false, false}, {"英里/小时", Speed, 1.609344, false, false, false},
		{"公里每小时", Speed, 1, false, false, false}, {"公里/小时", Speed, 1, false, false, false},
		{"千米每小时", Speed, 1, false, false, false}, {"千米/小时", Speed, 1, false, false, false},
		{"平方公里", Area, 1e6, false, false, false}, {"平方千米", Area, 1e6, false, false, false}, {"平方英里", Area, 2.589988e6, false, false, false},
		{"公顷", Area, 1e4, false, false, false}, {"英亩", Area, 4046.856, false, false, false}, {"亩", Area, 666.667, false, false, false},
		{"公里", Length, 1000, false, false, false}, {"千米", Length, 1000, false, false, false}, {"海里", Length, 1852, false, false, false},
		{"英里", Length, 1609.344, false, false, false}, {"英尺", Length, 0.3048, false, false, false}, {"英寸", Length, 0.0254, false, false, false},
		{"厘米", Length, 0.01, false, false, false}, {"毫米", Length, 0.001, false, false, false}, {"米", Length, 1, false, false, false},
		{"码", Length, 0.9144, false, false, false},
		{"公斤", Mass, 1, false, false, false}, {"千克", Mass, 1, false, false, false}, {"克", Mass, 0.001, false, false, false},
		{"吨", Mass, 1000, false, false, false}, {"磅", Mass, 0.45359237, false, false, false}, {"盎司", Mass, 0.0283495, false, false, false},
		{"斤", Mass, 0.5, false, false, false},
		{"华氏度", Temperature, 1, false, true, false}, {"摄氏度", Temperature, 1, false, false, false},
		{"加仑", Volume, 3.785412, false, false, false}, {"升", Volume, 1, false, false, false}, {"桶", Volume, 158.987, false, false, false},
	},
}

// measure reads the unit of the number at text[start:end], written after
// it ("650 pounds", "300-килограммовое", "650 磅"), and gives it to n.
func (s *numScanner) measure(n *Number, start, end int) {
	text := s.text
	j := end
	for j < len(text) && text[j] == ' ' {
		j++
	}
	if j == end && j < len(text) && text[j] == '-' && s.lang != "zh" {
		j++ // 300-килограммовое, a 550-pound hog
	}
	rest := text[j:]
	if len(rest) > 64 {
		rest = rest[:64]
	}
	rest = strings.ToLower(rest)
	for idx, u := range units[s.lang] {
		if !strings.HasPrefix(rest, u.Word) {
			continue
		}
		k := len(u.Word)
		if s.lang != "zh" {
			next, _ := utf8.DecodeRuneInString(rest[k:])
			if unicode.IsLetter(next) && !u.prefix {
				continue
			}
		}
		n.Unit = &units[s.lang][idx]
		n.Fahrenheit = u.fahrenheit || u.Dim == Temperature && s.fahrenheitAfter(j+k)
		if u.Dim == Length && s.lang == "zh" {
			// 每小时85英里, 时速85英里: a speed.
			before := strings.TrimRight(text[:start], " ")
			if strings.HasSuffix(before, "每小时") || strings.HasSuffix(before, "时速") {
				sp := Unit{u.Word, Speed, u.Factor / 1000, false, false, false}
				n.Unit = &sp
			}
		}
		return
	}
}

// rangeJoins join the two ends of a range, whose unit is written after the
// second only: "2 to 4 inches", "от 2,5 до 10 см", "5–10 см", "2至4英寸".
var rangeJoins = map[string]bool{"-": true, "–": true, "—": true, "to": true, "and": true, "or": true,
	"до": true, "и": true, "или": true, "至": true, "到": true, "~": true, "～": true, "、": true}

// rangeUnits gives the first number of a range the unit of the second.
func (s *numScanner) rangeUnits() {
	for k := len(s.out) - 2; k >= 0; k-- {
		a, b := &s.out[k], s.out[k+1]
		if a.Unit != nil || b.Unit == nil || a.End > b.Start || a.End == 0 {
			continue
		}
		if rangeJoins[strings.ToLower(strings.TrimSpace(s.text[a.End:b.Start]))] {
			a.Unit, a.Fahrenheit = b.Unit, b.Fahrenheit
		}
	}
}

// Bases returns a measure's value in the base unit of its dimension: two
// values for degrees that may be either Celsius or Fahrenheit.
func (n Number) Bases() []float64 {
	u := n.Unit
	switch {
	case u == nil:
		return nil
	case u.Dim != Temperature:
		return []float64{n.Value * u.Factor}
	case n.Fahrenheit:
		return []float64{(n.Value - 32) * 5 / 9}
	case u.either:
		return []float64{n.Value, (n.Value - 32) * 5 / 9}
	}
	return []float64{n.Value}
}

// fahrenheitAfter reports whether "по Фаренгейту" follows Russian
// "градусов".
func (s *numScanner) fahrenheitAfter(k int) bool {
	rest := s.text[k:]
	if len(rest) > 60 {
		rest = rest[:60]
	}
	return s.lang == "ru" && strings.Contains(strings.ToLower(rest), "по фаренгейту")
}
