package qa

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Units after a number let a measure converted between systems pair with
// its original: English news gives miles, feet, pounds and degrees
// Fahrenheit, which Russian and Chinese translators give in kilometres,
// metres, kilograms and degrees Celsius, rounded (650 pounds is "300 кг",
// 85 mph "135 км/ч", 10 inches "25 см").

// A dimension is what a unit measures.
type dimension uint8

const (
	noDimension dimension = iota
	length                // metres
	mass                  // kilograms
	speed                 // kilometres an hour
	area                  // square metres
	volume                // litres
	temperature           // degrees Celsius
)

// A unit is a unit word and its size in the dimension's base unit.
type unit struct {
	word   string
	dim    dimension
	factor float64
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
var units = map[string][]unit{
	"en": {
		{"miles per hour", speed, 1.609344, false, false, false}, {"mph", speed, 1.609344, false, false, false},
		{"kilometres per hour", speed, 1, false, false, false}, {"kilometers per hour", speed, 1, false, false, false},
		{"km/h", speed, 1, false, false, false}, {"kph", speed, 1, false, false, false}, {"knot", speed, 1.852, true, false, false},
		{"square miles", area, 2.589988e6, false, false, false}, {"square mile", area, 2.589988e6, false, false, false},
		{"square kilomet", area, 1e6, true, false, false}, {"sq mi", area, 2.589988e6, false, false, false}, {"sq km", area, 1e6, false, false, false},
		{"km2", area, 1e6, false, false, false}, {"acre", area, 4046.856, true, false, false}, {"hectare", area, 1e4, true, false, false}, {"ha", area, 1e4, false, false, false},
		{"nautical mile", length, 1852, true, false, false}, {"mile", length, 1609.344, true, false, false}, {"mi", length, 1609.344, false, false, false},
		{"yard", length, 0.9144, true, false, false}, {"yds", length, 0.9144, false, false, false}, {"yd", length, 0.9144, false, false, false},
		{"feet", length, 0.3048, false, false, false}, {"foot", length, 0.3048, false, false, false}, {"ft", length, 0.3048, false, false, false},
		{"inch", length, 0.0254, true, false, false}, {"kilomet", length, 1000, true, false, false}, {"km", length, 1000, false, false, false},
		{"centimet", length, 0.01, true, false, false}, {"cm", length, 0.01, false, false, false}, {"millimet", length, 0.001, true, false, false},
		{"mm", length, 0.001, false, false, false}, {"metre", length, 1, true, false, false}, {"meter", length, 1, true, false, false}, {"m", length, 1, false, false, false},
		{"pound", mass, 0.45359237, true, false, false}, {"lbs", mass, 0.45359237, false, false, false}, {"lb", mass, 0.45359237, false, false, false},
		{"ounce", mass, 0.0283495, true, false, false}, {"oz", mass, 0.0283495, false, false, false}, {"tonne", mass, 1000, true, false, false},
		{"ton", mass, 1000, true, false, false}, {"kilogram", mass, 1, true, false, false}, {"kg", mass, 1, false, false, false},
		{"gram", mass, 0.001, true, false, false}, {"g", mass, 0.001, false, false, false},
		{"degrees fahrenheit", temperature, 1, false, true, false}, {"°f", temperature, 1, false, true, false}, {"fahrenheit", temperature, 1, false, true, false},
		{"degrees celsius", temperature, 1, false, false, false}, {"°c", temperature, 1, false, false, false}, {"celsius", temperature, 1, false, false, false},
		{"degree", temperature, 1, true, false, true},
		{"gallon", volume, 3.785412, true, false, false}, {"barrel", volume, 158.987, true, false, false},
		{"litre", volume, 1, true, false, false}, {"liter", volume, 1, true, false, false},
	},
	"ru": {
		{"миль в час", speed, 1.609344, false, false, false}, {"км/ч", speed, 1, false, false, false},
		{"километров в час", speed, 1, false, false, false}, {"узл", speed, 1.852, true, false, false},
		{"кв. км", area, 1e6, false, false, false}, {"кв км", area, 1e6, false, false, false}, {"км2", area, 1e6, false, false, false},
		{"гектар", area, 1e4, true, false, false}, {"га", area, 1e4, false, false, false}, {"акр", area, 4046.856, true, false, false},
		{"морск", length, 1852, true, false, false}, {"километр", length, 1000, true, false, false}, {"км", length, 1000, false, false, false},
		{"сантиметр", length, 0.01, true, false, false}, {"см", length, 0.01, false, false, false}, {"миллиметр", length, 0.001, true, false, false},
		{"мм", length, 0.001, false, false, false}, {"метр", length, 1, true, false, false}, {"м", length, 1, false, false, false},
		{"мил", length, 1609.344, true, false, false}, {"фут", length, 0.3048, true, false, false}, {"дюйм", length, 0.0254, true, false, false},
		{"ярд", length, 0.9144, true, false, false},
		{"килограмм", mass, 1, true, false, false}, {"кг", mass, 1, false, false, false}, {"грамм", mass, 0.001, true, false, false},
		{"тонн", mass, 1000, true, false, false}, {"фунт", mass, 0.45359237, true, false, false}, {"унци", mass, 0.0283495, true, false, false},
		{"°f", temperature, 1, false, true, false}, {"°c", temperature, 1, false, false, false}, {"°с", temperature, 1, false, false, false},
		{"градус", temperature, 1, true, false, false},
		{"литр", volume, 1, true, false, false}, {"галлон", volume, 3.785412, true, false, false}, {"баррел", volume, 158.987, true, false, false},
	},
	"zh": {
		{"英里每小时", speed, 1.609344, false, false, false}, {"英里/小时", speed, 1.609344, false, false, false},
		{"公里每小时", speed, 1, false, false, false}, {"公里/小时", speed, 1, false, false, false},
		{"千米每小时", speed, 1, false, false, false}, {"千米/小时", speed, 1, false, false, false},
		{"平方公里", area, 1e6, false, false, false}, {"平方千米", area, 1e6, false, false, false}, {"平方英里", area, 2.589988e6, false, false, false},
		{"公顷", area, 1e4, false, false, false}, {"英亩", area, 4046.856, false, false, false}, {"亩", area, 666.667, false, false, false},
		{"公里", length, 1000, false, false, false}, {"千米", length, 1000, false, false, false}, {"海里", length, 1852, false, false, false},
		{"英里", length, 1609.344, false, false, false}, {"英尺", length, 0.3048, false, false, false}, {"英寸", length, 0.0254, false, false, false},
		{"厘米", length, 0.01, false, false, false}, {"毫米", length, 0.001, false, false, false}, {"米", length, 1, false, false, false},
		{"码", length, 0.9144, false, false, false},
		{"公斤", mass, 1, false, false, false}, {"千克", mass, 1, false, false, false}, {"克", mass, 0.001, false, false, false},
		{"吨", mass, 1000, false, false, false}, {"磅", mass, 0.45359237, false, false, false}, {"盎司", mass, 0.0283495, false, false, false},
		{"斤", mass, 0.5, false, false, false},
		{"华氏度", temperature, 1, false, true, false}, {"摄氏度", temperature, 1, false, false, false},
		{"加仑", volume, 3.785412, false, false, false}, {"升", volume, 1, false, false, false}, {"桶", volume, 158.987, false, false, false},
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
		if !strings.HasPrefix(rest, u.word) {
			continue
		}
		k := len(u.word)
		if s.lang != "zh" {
			next, _ := utf8.DecodeRuneInString(rest[k:])
			if unicode.IsLetter(next) && !u.prefix {
				continue
			}
		}
		n.unit = &units[s.lang][idx]
		n.fahrenheit = u.fahrenheit || u.dim == temperature && s.fahrenheitAfter(j+k)
		if u.dim == length && s.lang == "zh" {
			// 每小时85英里, 时速85英里: a speed.
			before := strings.TrimRight(text[:start], " ")
			if strings.HasSuffix(before, "每小时") || strings.HasSuffix(before, "时速") {
				sp := unit{u.word, speed, u.factor / 1000, false, false, false}
				n.unit = &sp
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
		if a.unit != nil || b.unit == nil || a.end > b.start || a.end == 0 {
			continue
		}
		if rangeJoins[strings.ToLower(strings.TrimSpace(s.text[a.end:b.start]))] {
			a.unit, a.fahrenheit = b.unit, b.fahrenheit
		}
	}
}

// bases returns a measure's value in the base unit of its dimension: two
// values for degrees that may be either Celsius or Fahrenheit.
func (n Number) bases() []float64 {
	u := n.unit
	switch {
	case u == nil:
		return nil
	case u.dim != temperature:
		return []float64{n.Value * u.factor}
	case n.fahrenheit:
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

// sameMeasure reports whether a and b are the same measure converted and
// rounded: within 6 % of each other, or 1 °C.
func sameMeasure(a, b Number) bool {
	if a.unit == nil || b.unit == nil || a.unit.dim != b.unit.dim {
		return false
	}
	for _, x := range a.bases() {
		for _, y := range b.bases() {
			if a.unit.dim == temperature && math.Abs(x-y) <= 1 ||
				a.unit.dim != temperature && math.Abs(x-y) <= 0.06*math.Max(math.Abs(x), math.Abs(y)) {
				return true
			}
		}
	}
	return false
}
