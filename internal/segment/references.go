package segment

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bibliographic references (GOST 7.0.5 and the like, and their English
// counterparts) put a stop after each of their elements: "Бюллетень
// международных договоров. 2002. № 6. С. 3–8.", "Журнал. — 2002. — № 6.
// — С. 3–8.", "Россия и Китай. М.: Наука, 2019. 320 с.". A fragment that is
// only such an element is no sentence: it goes on with the one before.

var (
	// refYear is a year or a span of years: "2002", "2001–2002".
	refYear = regexp.MustCompile(`^[12][0-9]{3}(?:\s*[–—-]\s*[0-9]{2,4})?$`)
	// refNumber is a number, a number with a letter ("5а"), a Roman
	// number, or a range of them: "6", "3–8", "II", "15-18".
	// A journal's issue may carry its running number: "№ 6 (45)".
	refNumber = regexp.MustCompile(`^(?:[0-9]+[a-zа-яё]?|[IVXLCDM]+)(?:\s*[–—-]\s*(?:[0-9]+[a-zа-яё]?|[IVXLCDM]+))?(?:\s*\([0-9]+\))?$`)
	// refOrdinal is the ordinal of an edition: "2-е", "3-е", "2nd", "4th".
	refOrdinal = regexp.MustCompile(`^(?:[0-9]+|[IVXLC]+)-?(?:е|я|st|nd|rd|th)$`)
)

// referenceBreaks drops from breaks, the offsets in p where segments
// start, those where the segment would be only an element of a
// bibliographic reference (see referenceElement) after a full stop on the
// same line. A year alone goes on only where no sentence follows it, so a
// year written as a sentence of its own stays one ("The war ended. 1945.
// A new age began."), while "Бюллетень. 2002. № 6." is one segment.
func (r *Rules) referenceBreaks(p string, breaks []int) []int {
	if r.refDesignations == nil && r.pageUnits == nil && r.pubCities == nil {
		return breaks
	}
	drop := make([]bool, len(breaks))
	nextIsElement := true // the end of the paragraph
	for k := len(breaks) - 1; k >= 0; k-- {
		b, end := breaks[k], len(p)
		if k+1 < len(breaks) {
			end = breaks[k+1]
		}
		element, yearOnly := false, false
		if b > 0 && b <= end && end <= len(p) {
			element, yearOnly = r.scriptReferenceElement(p[b:end])
		}
		drop[k] = element && stopBefore(p[:b]) && (!yearOnly || nextIsElement)
		nextIsElement = element
	}
	out := breaks[:0:0]
	for k, b := range breaks {
		if !drop[k] {
			out = append(out, b)
		}
	}
	return out
}

// scriptReferenceElement is referenceElement by the rules of the
// fragment's script: a Russian reference in English text ("…, 2019. 320
// с.") is read by the Russian rules, an English one in Russian text ("—
// 250 p.") by the English, as other boundaries are (see owner); the
// rules in use, with the words a project added to them, are tried first.
func (r *Rules) scriptReferenceElement(frag string) (element, yearOnly bool) {
	if element, yearOnly = r.referenceElement(frag); element {
		return element, yearOnly
	}
	for _, c := range frag {
		if l := scriptLang(c); l != "" {
			if l != r.home() {
				return builtinRules()[l].referenceElement(frag)
			}
			break
		}
	}
	return false, false
}

// stopBefore reports whether before, the text up to a segment break, ends
// with a full stop, possibly with closing marks after it, and spaces
// without a line break.
func stopBefore(before string) bool {
	s := strings.TrimRightFunc(before, func(c rune) bool { return isSpace(c) && c != '\n' && c != '\r' && c != '\u2028' && c != '\u2029' })
	if s != strings.TrimRightFunc(before, isSpace) {
		return false
	}
	s = strings.TrimRightFunc(s, func(c rune) bool { return strings.ContainsRune(closersAlpha, c) })
	return strings.HasSuffix(s, ".")
}

// referenceElement reports whether frag, the text of a would-be segment,
// is only an element of a bibliographic reference, possibly after a dash
// (the GOST separator ". — "): a year ("2002."), numbers after their
// designations ("№ 6.", "Т. 2, вып. 3.", "Vol. 3.", "No. 6.", "Ст. 6724.",
// "§ 5."), pages ("С. 3–8.", "Pp. 3–8.", "320 с.", "xii, 320 p."), possibly
// with the series in brackets after them ("480 с. (Серия «Учебник»)."),
// an edition statement ("2-е изд., перераб. и доп.", "2nd ed."), or the
// place of publication before its colon: written short anywhere ("М.:
// Наука, 2019."), or in full after the dash ("— London : Routledge,
// 2018."), where a capitalised name and a colon can be nothing else. A
// fragment with any other word in it ("2002 was a hard year.") is a
// sentence. yearOnly says the element is a year and nothing else.
func (r *Rules) referenceElement(frag string) (element, yearOnly bool) {
	return r.element(frag, false)
}

// element is referenceElement; cities says that a city written in full
// before its colon is the place of publication, as it is after the dash
// and after an edition statement ("3rd ed. Oxford: OUP, 2020.").
func (r *Rules) element(frag string, cities bool) (element, yearOnly bool) {
	s := strings.TrimSpace(frag)
	dashed := cities
	if c := firstRune(s); strings.ContainsRune(dashes, c) {
		s = strings.TrimLeftFunc(s[utf8.RuneLen(c):], isSpace)
		dashed = true
	}
	if city, _, ok := strings.Cut(s, ":"); ok && (utf8.RuneCountInString(city) <= 10 && r.pubCities[compact(city)] || dashed && cityNames(city)) {
		return true, false
	}
	if rest, ok := r.editionStatement(s); ok {
		if rest == "" {
			return true, false
		}
		element, _ := r.element(rest, true)
		return element, false
	}
	if !strings.HasSuffix(s, ".") || strings.HasSuffix(s, "..") {
		return false, false
	}
	body := strings.TrimSpace(strings.TrimSuffix(s, "."))
	series := false
	if before, ok := cutBracketed(body); ok {
		// "480 с. (Серия «Учебник»)": the series after the pages.
		body = strings.TrimSpace(strings.TrimSuffix(before, "."))
		series = true
	}
	if body == "" {
		return false, false
	}
	designated, years := false, 0
	items := strings.Split(body, ",")
	for i, item := range items {
		item = strings.TrimSpace(item)
		switch {
		case refYear.MatchString(item):
			years++
		case r.designatedNumber(item):
			designated = true
		case r.pageCount(item):
		case i > 0 && designated && refNumber.MatchString(item):
			// "С. 3–8, 15": more pages of the same designation.
		case i == 0 && isRoman(strings.ToUpper(item)) && strings.ToLower(item) == item && len(items) > 1:
			// "xii, 320 p.": the pages of the front matter.
		default:
			return false, false
		}
	}
	if series && years == len(items) {
		// "2002. (Он тогда ушёл.)": a year and a remark are no series.
		return false, false
	}
	return true, years == len(items)
}

// cutBracketed returns s without the bracketed group that ends it, when
// something comes before the group: "480 с. (Серия «Учебник»)" gives "480
// с.".
func cutBracketed(s string) (string, bool) {
	if !strings.HasSuffix(s, ")") {
		return s, false
	}
	depth := 0
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case ')':
			depth++
		case '(':
			depth--
			if depth == 0 {
				before := strings.TrimSpace(s[:i])
				return before, before != ""
			}
		}
	}
	return s, false
}

// cityNames reports whether s, the text before a colon, is one to three
// cities of publication written in full, each of one to three capitalised
// words and separated by semicolons: "London", "New York", "Москва ;
// Санкт-Петербург".
func cityNames(s string) bool {
	for _, city := range strings.Split(s, ";") {
		words := strings.Fields(city)
		if len(words) == 0 || len(words) > 3 {
			return false
		}
		for _, w := range words {
			if !unicode.IsUpper(firstRune(w)) {
				return false
			}
			for _, c := range w {
				if !unicode.IsLetter(c) && !strings.ContainsRune("-.'’", c) {
					return false
				}
			}
		}
	}
	return strings.Count(s, ";") < 3
}

// editionStatement reports whether s begins with an edition statement,
// an ordinal and words of the rules' editions list ending in a stop ("2-е
// изд., перераб. и доп.", "Изд. 3-е, испр.", "2nd rev. ed."), and
// returns the text after it.
func (r *Rules) editionStatement(s string) (rest string, ok bool) {
	if r.editionWords == nil {
		return s, false
	}
	ordinal, words, end := false, 0, 0
	for i := 0; i < len(s); {
		for i < len(s) && isSpace(rune(s[i])) {
			i++
		}
		j := i
		for j < len(s) && !isSpace(rune(s[j])) {
			j++
		}
		if i == j {
			break
		}
		tok := strings.TrimRight(s[i:j], ",;")
		switch {
		case refOrdinal.MatchString(strings.TrimSuffix(tok, ".")):
			ordinal = true
		case r.editionWords[strings.ToLower(tok)]:
			if strings.HasSuffix(tok, ".") {
				words++
			}
		default:
			j = -1
		}
		if j < 0 {
			break
		}
		if strings.HasSuffix(tok, ".") || strings.HasSuffix(s[i:j], ",") {
			end = j
		}
		i = j
	}
	if !ordinal || words == 0 || end == 0 || !strings.HasSuffix(strings.TrimRight(s[:end], ",;"), ".") {
		return s, false
	}
	return strings.TrimSpace(s[end:]), true
}

// designatedNumber reports whether item is a designation of the rules and
// a number: "№ 6", "№6", "§ 5", "Т. 2", "Pp. 3–8", "вып. II".
func (r *Rules) designatedNumber(item string) bool {
	for _, sign := range []string{"№", "§"} {
		if rest, ok := strings.CutPrefix(item, sign); ok && r.refDesignations[sign] {
			return refNumber.MatchString(strings.TrimSpace(rest))
		}
	}
	word, rest, ok := strings.Cut(item, " ")
	if !ok {
		// "С.5": no space after the stop.
		dot := strings.Index(item, ".")
		if dot < 0 {
			return false
		}
		word, rest = item[:dot+1], item[dot+1:]
	}
	return r.refDesignations[strings.ToLower(word)] && refNumber.MatchString(strings.TrimSpace(rest))
}

// pageCount reports whether item is a number of pages: "320 с", "320 p",
// "320 pp" (the fragment's final stop is the unit's).
func (r *Rules) pageCount(item string) bool {
	f := strings.Fields(item)
	if len(f) != 2 || !refNumber.MatchString(f[0]) || !unicode.IsDigit(firstRune(f[0])) {
		return false
	}
	return r.pageUnits[strings.ToLower(strings.TrimSuffix(f[1], "."))+"."]
}
