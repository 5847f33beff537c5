package i18n

import "strconv"

// Number writes n with the language's digit grouping (CLDR decimal format
// "#,##0"): "1,234,567" in English and Chinese, "1 234 567" in Russian with
// U+00A0 NO-BREAK SPACE as the separator, so that a number never breaks
// across lines.
//
// CLDR's minimumGroupingDigits is 1 for all three languages (it is 2 for
// ru-UA and for some other locales such as es and pl, not for ru), so
// four-digit numbers are grouped too: "1 234", "1,234".
func (p *Printer) Number(n int64) string {
	sep := ","
	if p.lang == "ru" {
		sep = "\u00a0"
	}
	u := uint64(n)
	if n < 0 {
		u = -u
	}
	digits := strconv.FormatUint(u, 10)
	out := make([]byte, 0, len(digits)+len(digits)/3*len(sep)+1)
	if n < 0 {
		out = append(out, '-')
	}
	for i := range len(digits) {
		if i > 0 && (len(digits)-i)%3 == 0 {
			out = append(out, sep...)
		}
		out = append(out, digits[i])
	}
	return string(out)
}
