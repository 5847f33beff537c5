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

// perName names what a number is a share of, for messages.
func perName(per float64) Phrase {
	switch per {
	case 1000:
		return phrase("qa.numbers.per.mille", "per mille")
	case 10000:
		return phrase("qa.numbers.per.myriad", "per ten thousand")
	}
	return phrase("qa.numbers.per.cent", "per cent")
}

// currencyWords name the currencies of numeral.Currency in its order of
// bits, in English as Currency.String does.
var currencyWords = []struct{ key, english string }{
	{"dollars", "dollars"}, {"euros", "euros"}, {"pounds", "pounds"}, {"yuan", "yuan"}, {"yen", "yen"}, {"roubles", "roubles"},
}

// currencyName names the currencies of c for messages: "dollars", "yuan
// or yen".
func currencyName(c numeral.Currency) Phrase {
	var names []Phrase
	for k, w := range currencyWords {
		if c&(1<<k) != 0 {
			names = append(names, phrase("qa.numbers.currency."+w.key, w.english))
		}
	}
	return joined("qa.numbers.currency.or", " or ", names)
}

// currenciesDiffer reports whether two paired amounts are in different
// currencies, both written.
func currenciesDiffer(a, b numeral.Number) bool {
	return a.Currency != 0 && b.Currency != 0 && a.Currency&b.Currency == 0
}
