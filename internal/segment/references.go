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
	refNumber = regexp.MustCompile(`^(?:[0-9]+[a-zа-яё]?|[IVXLCDM]+)(?:\s*[–—-]\s*(?:[0-9]+[a-zа-яё]?|[IVXLCDM]+))?$`)
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
			element, yearOnly = r.referenceElement(p[b:end])
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
// designations ("№ 6.", "Т. 2, вып. 3.", "Vol. 3.", "No. 6."), pages ("С.
// 3–8.", "Pp. 3–8.", "320 с.", "xii, 320 p."), or the place of publication
// written short before its colon ("М.: Наука, 2019."). A fragment with
// any other word in it ("2002 was a hard year.") is a sentence. yearOnly
// says the element is a year and nothing else.
func (r *Rules) referenceElement(frag string) (element, yearOnly bool) {
	s := strings.TrimSpace(frag)
	if c := firstRune(s); strings.ContainsRune(dashes, c) {
		s = strings.TrimLeftFunc(s[utf8.RuneLen(c):], isSpace)
	}
	if city, _, ok := strings.Cut(s, ":"); ok && utf8.RuneCountInString(city) <= 10 && r.pubCities[compact(city)] {
		return true, false
	}
	if !strings.HasSuffix(s, ".") || strings.HasSuffix(s, "..") {
		return false, false
	}
	body := strings.TrimSpace(strings.TrimSuffix(s, "."))
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
	return true, years == len(items)
}

// designatedNumber reports whether item is a designation of the rules and
// a number: "№ 6", "№6", "Т. 2", "Pp. 3–8", "вып. II".
func (r *Rules) designatedNumber(item string) bool {
	if rest, ok := strings.CutPrefix(item, "№"); ok && r.refDesignations["№"] {
		return refNumber.MatchString(strings.TrimSpace(rest))
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
