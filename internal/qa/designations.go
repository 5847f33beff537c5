package qa

import (
	"strings"
	"unicode"
	"unicode/utf8"
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

// hanNames are the Chinese names of designations that Chinese writes
// with the number of the original: 图-154 is Tu-154, 苏-35 Su-35, 米格-29
// MiG-29, 歼-20 J-20, 东风-41 DF-41. Each maps to the letters it stands
// for, in upper case. Characters that are also units before a range
// (米 for Mi, metres; 卡 for Ka, calories) are left out.
var hanNames = map[string]string{
	"图": "TU", "苏": "SU", "米格": "MIG", "伊尔": "IL", "安": "AN", "雅克": "YAK", "别": "BE",
	"歼": "J", "运": "Y", "轰": "H", "东风": "DF", "长征": "CZ",
}

// hanDesignation returns the letters of the Chinese designation name that
// text ends with (图, 米格), as hanNames gives them, and where the name
// begins; "" when text ends with no such name. The longest name wins.
func hanDesignation(text string) (string, int) {
	best, at := "", -1
	for name, latin := range hanNames {
		if strings.HasSuffix(text, name) && (at < 0 || len(text)-len(name) < at) {
			best, at = latin, len(text)-len(name)
		}
	}
	return best, at
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
func changedDesignations(src, tgt []Number, usedS, usedT []bool) [][2]string {
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
