package i18n

import (
	"unicode"
	"unicode/utf8"
)

// AfterColon returns sentence s as it is set after a colon inside another
// sentence ("Could not be processed: this file is not a video…"): in
// English and Russian its first letter in lower case, unless its first
// word is an abbreviation written in capitals (MP4, SRT); Chinese has no
// case. Messages that are also said alone begin with a capital, so the
// code that quotes one after a colon passes it through here.
func (p *Printer) AfterColon(s string) string {
	first, n := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(first) {
		return s
	}
	if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(next) || unicode.IsDigit(next) {
		return s
	}
	return string(unicode.ToLower(first)) + s[n:]
}
