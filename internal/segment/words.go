package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Words splits text into word tokens for matching: runs of letters and
// digits in Russian and English; each Han character on its own in Chinese,
// where words are not delimited. Tokens are lower-cased.
func Words(text string) []string {
	spans := WordSpans(text)
	out := make([]string, len(spans))
	for k, sp := range spans {
		out[k] = strings.ToLower(text[sp[0]:sp[1]])
	}
	return out
}

// WordSpans returns where the words of Words stand in text, as byte
// offsets [start, end), so that a match found on words can be marked in
// the text.
func WordSpans(text string) [][2]int {
	var out [][2]int
	i := 0
	for i < len(text) {
		c, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.Is(unicode.Han, c):
			out = append(out, [2]int{i, i + n})
			i += n
		case unicode.IsLetter(c) || unicode.IsDigit(c):
			j := i + n
			for j < len(text) {
				c2, n2 := utf8.DecodeRuneInString(text[j:])
				if unicode.Is(unicode.Han, c2) || !(unicode.IsLetter(c2) || unicode.IsDigit(c2) || unicode.Is(unicode.Mn, c2)) {
					// Keep "it's" and "Санкт-Петербург" whole.
					if (c2 == '\'' || c2 == '’' || c2 == '-') && j+n2 < len(text) {
						c3, _ := utf8.DecodeRuneInString(text[j+n2:])
						if unicode.IsLetter(c3) && !unicode.Is(unicode.Han, c3) {
							j += n2
							continue
						}
					}
					break
				}
				j += n2
			}
			out = append(out, [2]int{i, j})
			i = j
		default:
			i += n
		}
	}
	return out
}

// Stem reduces a lower-case word to its stem so that the case forms of a
// word match: Russian by the Snowball algorithm's steps, English by its
// common inflections. Other words are returned unchanged.
func Stem(word, lang string) string {
	switch baseLang(lang) {
	case "ru":
		return stemRussian(word)
	case "en":
		return stemEnglish(word)
	}
	return word
}

func baseLang(lang string) string {
	lang = strings.ToLower(lang)
	if k := strings.IndexAny(lang, "-_"); k > 0 {
		lang = lang[:k]
	}
	return lang
}

const ruVowels = "аеиоуыэюяё"

var (
	ruPerfectiveGerund1 = []string{"вшись", "вши", "в"} // after а or я
	ruPerfectiveGerund2 = []string{"ывшись", "ившись", "ывши", "ивши", "ыв", "ив"}
	ruReflexive         = []string{"ся", "сь"}
	ruAdjective         = []string{"ими", "ыми", "его", "ого", "ему", "ому", "ее", "ие", "ые", "ое", "ей", "ий", "ый", "ой", "ем", "им", "ым", "ом", "их", "ых", "ую", "юю", "ая", "яя", "ою", "ею"}
	ruParticiple1       = []string{"ем", "нн", "вш", "ющ", "щ"} // after а or я
	ruParticiple2       = []string{"ивш", "ывш", "ующ"}
	ruVerb1             = []string{"ете", "йте", "ешь", "нно", "ла", "на", "ли", "ем", "ло", "но", "ет", "ют", "ны", "ть", "й", "л", "н"} // after а or я
	ruVerb2             = []string{"ейте", "уйте", "ила", "ыла", "ена", "ите", "или", "ыли", "ило", "ыло", "ено", "ует", "уют", "ены", "ить", "ыть", "ишь", "ей", "уй", "ил", "ыл", "им", "ым", "ен", "ят", "ит", "ыт", "ую", "у", "ю"}
	ruNoun              = []string{"иями", "ями", "ами", "иях", "иям", "ием", "ией", "ей", "ой", "ий", "ям", "ем", "ам", "ом", "ах", "ях", "ию", "ью", "ия", "ья", "ев", "ов", "ие", "ье", "еи", "ии", "и", "ы", "ь", "е", "ю", "а", "о", "у", "й", "я"}
	ruSuperlative       = []string{"ейше", "ейш"}
	ruDerivational      = []string{"ость", "ост"}
)

// stemRussian follows the Snowball Russian stemmer: the ending is removed
// from the RV region (after the first vowel).
func stemRussian(w string) string {
	w = strings.ReplaceAll(w, "ё", "е")
	r := []rune(w)
	rv := len(r)
	for k, c := range r {
		if strings.ContainsRune(ruVowels, c) {
			rv = k + 1
			break
		}
	}
	if rv >= len(r) {
		return w
	}
	// R2, for the derivational step.
	r1 := region(r, 0)
	r2 := region(r, r1)
	pre, word := string(r[:rv]), r[rv:]
	s := string(word)
	cut := func(suffixes []string, afterAYa bool) (string, bool) {
		for _, suf := range suffixes {
			if !strings.HasSuffix(s, suf) {
				continue
			}
			rest := s[:len(s)-len(suf)]
			if afterAYa {
				if !strings.HasSuffix(rest, "а") && !strings.HasSuffix(rest, "я") {
					continue
				}
			}
			return rest, true
		}
		return s, false
	}
	// Step 1.
	if t, ok := cut(ruPerfectiveGerund2, false); ok {
		s = t
	} else if t, ok := cut(ruPerfectiveGerund1, true); ok {
		s = t
	} else {
		s, _ = cut(ruReflexive, false)
		if t, ok := cut(ruAdjective, false); ok {
			s = t
			if t2, ok := cut(ruParticiple2, false); ok {
				s = t2
			} else if t2, ok := cut(ruParticiple1, true); ok {
				s = t2
			}
		} else if t, ok := cut(ruVerb2, false); ok {
			s = t
		} else if t, ok := cut(ruVerb1, true); ok {
			s = t
		} else if t, ok := cut(ruNoun, false); ok {
			s = t
		}
	}
	// Step 2.
	s = strings.TrimSuffix(s, "и")
	// Step 3: derivational suffix in R2.
	for _, suf := range ruDerivational {
		if strings.HasSuffix(s, suf) && utf8.RuneCountInString(pre+s)-utf8.RuneCountInString(suf) >= r2 {
			s = s[:len(s)-len(suf)]
			break
		}
	}
	// Step 4.
	if strings.HasSuffix(s, "нн") {
		s = s[:len(s)-len("н")]
	} else {
		for _, suf := range ruSuperlative {
			if strings.HasSuffix(s, suf) {
				s = s[:len(s)-len(suf)]
				if strings.HasSuffix(s, "нн") {
					s = s[:len(s)-len("н")]
				}
				break
			}
		}
		s = strings.TrimSuffix(s, "ь")
	}
	return pre + s
}

// region returns the start of the region after the first non-vowel that
// follows a vowel, from position from.
func region(r []rune, from int) int {
	for k := from + 1; k < len(r); k++ {
		if !strings.ContainsRune(ruVowels, r[k]) && strings.ContainsRune(ruVowels, r[k-1]) {
			return k + 1
		}
	}
	return len(r)
}

// stemEnglish removes common English inflections: plural s, -ed, -ing, -ly.
func stemEnglish(w string) string {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 5 && strings.HasSuffix(w, "ing"):
		return w[:n-3]
	case n > 4 && strings.HasSuffix(w, "ed"):
		return w[:n-2]
	case n > 4 && strings.HasSuffix(w, "ly"):
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "es") && strings.ContainsAny(w[n-3:n-2], "sxz"):
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return w[:n-1]
	}
	return w
}

// ContainsTerm reports whether text contains term as whole words, each
// word compared by stem, so that Russian case forms count: "Договора о
// добрососедстве" contains "договор о добрососедстве". Chinese terms are
// matched as substrings.
func ContainsTerm(text, term, lang string) bool {
	if baseLang(lang) == "zh" {
		return term != "" && strings.Contains(strings.ToLower(text), strings.ToLower(term))
	}
	tw := Words(term)
	if len(tw) == 0 {
		return false
	}
	for k := range tw {
		tw[k] = Stem(tw[k], lang)
	}
	words := Words(text)
outer:
	for i := 0; i+len(tw) <= len(words); i++ {
		for k := range tw {
			if Stem(words[i+k], lang) != tw[k] {
				continue outer
			}
		}
		return true
	}
	return false
}
