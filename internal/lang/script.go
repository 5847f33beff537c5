package lang

import "unicode"

// scriptLetters are the Unicode scripts whose letters a text in an
// ISO 15924 script may hold; scripts not listed are not checked.
var scriptLetters = map[string][]*unicode.RangeTable{
	"Hans": {unicode.Han}, "Hant": {unicode.Han}, "Hani": {unicode.Han},
	"Jpan": {unicode.Han, unicode.Hiragana, unicode.Katakana},
	"Kore": {unicode.Hangul, unicode.Han},
	"Cyrl": {unicode.Cyrillic}, "Latn": {unicode.Latin}, "Grek": {unicode.Greek},
	"Arab": {unicode.Arabic}, "Hebr": {unicode.Hebrew}, "Deva": {unicode.Devanagari},
	"Thai": {unicode.Thai}, "Armn": {unicode.Armenian}, "Geor": {unicode.Georgian},
}

// InScript reports whether text may be a text in the language tag names,
// as far as its letters tell: false when it has letters but none in the
// language's script (see Script) and some in a script that is neither
// that one nor Latin, such as a Chinese text in Cyrillic or a Russian one
// in Han characters. Latin letters alone pass for any language (Chinese
// and Russian texts quote names and abbreviations in Latin letters), as do
// texts without letters and those of a language whose script is not
// known.
func InScript(tag, text string) bool {
	own, ok := scriptLetters[Script(tag)]
	if !ok {
		return true
	}
	foreign := false
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		for _, t := range own {
			if unicode.Is(t, r) {
				return true
			}
		}
		if !unicode.Is(unicode.Latin, r) {
			foreign = true
		}
	}
	return !foreign
}

// Letters counts the letters of text by the script they are in, by
// ISO 15924 code: "Hani" for Han characters (and the kana written among
// them), "Cyrl" for Cyrillic, "Latn" for Latin, and "" for letters of any
// other script. A subtitle track's or a segment's letters tell what
// language it is in, whatever language it was said to be in.
func Letters(text string) map[string]int {
	out := map[string]int{}
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		switch {
		case r < 0x80 || unicode.Is(unicode.Latin, r):
			out["Latn"]++
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
			out["Hani"]++
		case unicode.Is(unicode.Cyrillic, r):
			out["Cyrl"]++
		default:
			out[""]++
		}
	}
	return out
}

// LetterScript returns the script Letters counts the letters of a text in
// language tag under: "Hani" for Chinese (Simplified or Traditional),
// "Cyrl" for Russian, "Latn" for English; "" for a tag whose script is
// none of these.
func LetterScript(tag string) string {
	switch s := Script(tag); s {
	case "Hans", "Hant", "Hani":
		return "Hani"
	case "Cyrl", "Latn":
		return s
	}
	return ""
}
