package qa

import (
	"strings"
	"unicode"

	"github.com/tandemforum/tandem/internal/numeral"
)

// decreaseWords say that an amount went down, so that its number needs no
// minus: "снижение на 5 %" and "fell 5%" are −5 %. They are matched as
// the beginnings of words (Russian, English) or anywhere (Chinese).
var decreaseWords = map[string][]string{
	"ru": {"сниж", "сниз", "упал", "упад", "паден", "пада", "сократ", "сокращ", "уменьш", "спад", "потер", "убыт",
		"дефицит", "отрицат", "опуст", "пониз", "пониж", "подешев", "обвал", "ухудш", "ниже", "мороз", "минус",
		"меньш", "просел", "просяд", "отток", "долг"},
	"en": {"fell", "fall", "drop", "declin", "decreas", "down", "lower", "loss", "lost", "lose", "shrank", "shrink",
		"shrunk", "contract", "cut", "reduc", "slump", "plung", "below", "deficit", "negative", "minus", "dip",
		"slid", "slip", "tumbl", "sank", "sink", "less", "frost", "debt", "under"},
	"zh": {"下降", "降", "跌", "减", "少", "缩", "亏", "负", "低", "零下", "回落", "下滑", "萎缩", "赤字", "逆差", "冰点"},
}

// saysDecrease reports whether text has a word that says an amount went
// down.
func saysDecrease(text, lang string) bool {
	words := decreaseWords[lang]
	if lang == "zh" {
		for _, w := range words {
			if strings.Contains(text, w) {
				return true
			}
		}
		return false
	}
	for _, f := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		for _, w := range words {
			if strings.HasPrefix(f, w) {
				return true
			}
		}
	}
	return false
}

// signsDiffer reports whether a number and the number it pairs with
// differ in sign: a minus against a plus, or a minus on one side against
// no sign on the other, where the other side has no word for a decrease.
// A number in a name (Су-35, COVID-19) has no sign to compare.
func signsDiffer(a, b numeral.Number, textA, langA, textB, langB string) bool {
	switch {
	case a.Code || b.Code:
		// Су-35 has no sign, whatever dash 苏-35 is written with.
		return false
	case a.Sign*b.Sign < 0:
		return true
	case a.Sign < 0 && b.Sign == 0:
		return !saysDecrease(textB, langB)
	case b.Sign < 0 && a.Sign == 0:
		return !saysDecrease(textA, langA)
	}
	return false
}

// perDiffers reports whether one of two paired numbers is per cent and
// the other per mille of a different amount: 5 % is not 5 ‰.
func perDiffers(a, b numeral.Number) bool {
	if a.Per == 0 || b.Per == 0 || a.Per == b.Per {
		return false
	}
	x, y := a.Value/a.Per, b.Value/b.Per
	return numeral.Round(x) != numeral.Round(y)
}

func perName(per float64) string {
	switch per {
	case 1000:
		return "per mille"
	case 10000:
		return "per ten thousand"
	}
	return "per cent"
}

// currenciesDiffer reports whether two paired amounts are in different
// currencies, both written.
func currenciesDiffer(a, b numeral.Number) bool {
	return a.Currency != 0 && b.Currency != 0 && a.Currency&b.Currency == 0
}
