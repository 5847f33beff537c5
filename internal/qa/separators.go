package qa

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/tandemforum/tandem/internal/numeral"
)

// A separatorSlip is a number of the translation written with the other
// language's decimal mark or thousands separator: "1,8" in English, where
// the comma reads as a thousands separator or a list; "1.000" in English
// or "1,000" in Russian, which read as one.
type separatorSlip struct {
	start, end int     // where it stands in the text as read (numeral.Reading.Text)
	value      float64 // what the writer meant
	message    Phrase
}

// separatorSlips returns the numbers of text, written in lang, whose
// marks are those of another language, read as that language reads them.
// A reading is only a guess: the caller keeps those that a number of the
// source confirms.
func separatorSlips(text, lang string) []separatorSlip {
	var out []separatorSlip
	i := 0
	for i < len(text) {
		if !isDigit(text[i]) || i > 0 && (isDigit(text[i-1]) || text[i-1] == '.' || text[i-1] == ',') {
			i++
			continue
		}
		// A run of digit groups joined by one kind of mark: 1,8, 1.000,
		// 1,000,000.
		j := i
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		groups := []string{text[i:j]}
		var mark byte
		for j+1 < len(text) && (text[j] == '.' || text[j] == ',') && isDigit(text[j+1]) && (mark == 0 || text[j] == mark) {
			mark = text[j]
			k := j + 1
			for k < len(text) && isDigit(text[k]) {
				k++
			}
			groups = append(groups, text[j+1:k])
			j = k
		}
		if len(groups) < 2 || j < len(text) && (text[j] == '.' || text[j] == ',') && j+1 < len(text) && isDigit(text[j+1]) {
			i = j
			continue
		}
		written := text[i:j]
		thousands := len(groups[0]) <= 3
		for _, g := range groups[1:] {
			thousands = thousands && len(g) == 3
		}
		switch {
		case lang == "ru" && thousands && (mark == ',' || len(groups) == 2):
			// Russian reads 1,000 and 1.000 as decimals.
			v, _ := strconv.ParseFloat(strings.Join(groups, ""), 64)
			out = append(out, separatorSlip{i, j, numeral.Round(v),
				phrase("qa.numbers.thousands.ru", "%s is written with %s between thousands; Russian writes %s",
					strconv.Quote(written), markName(mark, len(groups) > 2), groupThousands(strings.Join(groups, ""), " "))})
		case lang != "ru" && thousands && mark == '.':
			// English and Chinese read 1.000 as a decimal.
			v, _ := strconv.ParseFloat(strings.Join(groups, ""), 64)
			out = append(out, separatorSlip{i, j, numeral.Round(v),
				phrase("qa.numbers.thousands."+lang, "%s is written with %s between thousands; "+langName(lang)+" writes %s",
					strconv.Quote(written), markName(mark, len(groups) > 2), groupThousands(strings.Join(groups, ""), ","))})
		case lang != "ru" && mark == ',' && len(groups) == 2 && len(groups[1]) != 3:
			// English and Chinese read 1,8 as two numbers.
			v, _ := strconv.ParseFloat(groups[0]+"."+groups[1], 64)
			out = append(out, separatorSlip{i, j, numeral.Round(v),
				phrase("qa.numbers.decimal_comma."+lang, "%s is written with a decimal comma; "+langName(lang)+" writes %s",
					strconv.Quote(written), groups[0]+"."+groups[1])})
		}
		i = j
	}
	return out
}

// markName names a separator: "a comma", or "commas" for several.
func markName(mark byte, plural bool) Phrase {
	switch {
	case mark == ',' && plural:
		return phrase("qa.numbers.mark.commas", "commas")
	case mark == ',':
		return phrase("qa.numbers.mark.comma", "a comma")
	case plural:
		return phrase("qa.numbers.mark.points", "points")
	}
	return phrase("qa.numbers.mark.point", "a point")
}

// groupThousands writes the digits of an integer in groups of three.
func groupThousands(digits, sep string) string {
	var b strings.Builder
	for k := range len(digits) {
		if k > 0 && (len(digits)-k)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteByte(digits[k])
	}
	return b.String()
}

// russianDecimalPoint returns how Russian writes the decimal of n, a
// number of a Russian translation written with a decimal point ("1.8
// млрд", "2.5 %"): 1,8 млрд. Only amounts count, with a unit, a per cent,
// a currency or a scale word: a point also joins the parts of a section
// number (пункт 3.2), a version (Android 4.4) or a time (10.30), which
// Russian writes with it.
func russianDecimalPoint(n numeral.Number) (string, bool) {
	if n.Unit == nil && n.Per == 0 && n.Currency == 0 && !strings.ContainsFunc(n.Text, unicode.IsLetter) || n.Dated {
		return "", false
	}
	k := 0
	for k < len(n.Text) && isDigit(n.Text[k]) {
		k++
	}
	if k == 0 || k+1 >= len(n.Text) || n.Text[k] != '.' || !isDigit(n.Text[k+1]) {
		return "", false
	}
	j := k + 1
	for j < len(n.Text) && isDigit(n.Text[j]) {
		j++
	}
	if j < len(n.Text) && n.Text[j] == '.' && j+1 < len(n.Text) && isDigit(n.Text[j+1]) {
		return "", false // 1.000.000: thousands, which the reader read as such
	}
	return n.Text[:k] + "," + n.Text[k+1:j], true
}
