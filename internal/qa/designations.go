package qa

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/numeral"
)

// latinOf lists, for each Russian letter, the ways a designation written
// in Latin letters spells it: ВВЭР is VVER, Ту is Tu, МС-21 is MS-21 or
// MC-21, Х is Kh, H or X.
var latinOf = map[rune][]string{
	'А': {"A"}, 'Б': {"B"}, 'В': {"V", "W"}, 'Г': {"G"}, 'Д': {"D"}, 'Е': {"E", "YE"}, 'Ё': {"E", "YO"},
	'Ж': {"ZH", "J"}, 'З': {"Z"}, 'И': {"I"}, 'Й': {"Y", "I", "J"}, 'К': {"K", "C"}, 'Л': {"L"}, 'М': {"M"},
	'Н': {"N"}, 'О': {"O"}, 'П': {"P"}, 'Р': {"R"}, 'С': {"S", "C"}, 'Т': {"T"}, 'У': {"U", "OU"},
	'Ф': {"F", "PH"}, 'Х': {"KH", "H", "X"}, 'Ц': {"TS", "C", "Z"}, 'Ч': {"CH"}, 'Ш': {"SH"},
	'Щ': {"SHCH", "SCH"}, 'Ъ': {""}, 'Ы': {"Y", "I"}, 'Ь': {""}, 'Э': {"E"}, 'Ю': {"YU", "IU", "JU"},
	'Я': {"YA", "IA", "JA"},
}

// sameName reports whether two names of designations are one name,
// written in the same script or one in Cyrillic and the other in Latin
// letters: ВВЭР and VVER, Ту and TU, Су and Su, COVID and covid.
func sameName(a, b string) bool {
	a, b = strings.ToUpper(a), strings.ToUpper(b)
	if a == b {
		return a != ""
	}
	cyrillic := func(s string) bool {
		return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) >= 0
	}
	switch {
	case cyrillic(a) && !cyrillic(b):
		return spells(a, b)
	case cyrillic(b) && !cyrillic(a):
		return spells(b, a)
	}
	return false
}

// spells reports whether the Latin letters lat spell the Russian letters
// cyr, both in upper case. Letters that look alike (С and C, Р and P in
// "МС-21" typed with Latin letters) spell themselves.
func spells(cyr, lat string) bool {
	if cyr == "" {
		return lat == ""
	}
	r, n := utf8.DecodeRuneInString(cyr)
	if !unicode.Is(unicode.Cyrillic, r) {
		return strings.HasPrefix(lat, string(r)) && spells(cyr[n:], lat[len(string(r)):])
	}
	for _, l := range latinOf[r] {
		if strings.HasPrefix(lat, l) && spells(cyr[n:], lat[len(l):]) {
			return true
		}
	}
	return false
}

// changedDesignations pairs the numbers of designations (ВВЭР-1000, Ту-154,
// G20) that neither side has paired, by the name they belong to: VVER-100
// for ВВЭР-1000 is a changed number. A name on one side only (COVID-19
// for 新冠肺炎, G20 for «Большая двадцатка») is no finding, since a
// translation may name the thing in words. It marks the numbers it pairs
// used and returns the pairs as "ВВЭР-1000" in the source, "VVER-100" in
// the translation.
func changedDesignations(src, tgt []numeral.Number, usedS, usedT []bool) [][2]string {
	var out [][2]string
	for i, n := range src {
		if usedS[i] || !n.Code {
			continue
		}
		for k, m := range tgt {
			if !usedT[k] && m.Code && m.Value != n.Value && sameName(n.Name, m.Name) {
				usedS[i], usedT[k] = true, true
				out = append(out, [2]string{n.Designation, m.Designation})
				break
			}
		}
	}
	return out
}
