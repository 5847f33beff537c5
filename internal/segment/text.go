package segment

import (
	"strings"
	"unicode"
)

// OneLine collapses each run of white space in s to one space, and drops it
// where it falls between two Chinese or Japanese characters, whose lines a
// text file breaks without a space.
func OneLine(s string) string {
	var b strings.Builder
	var prev rune
	pending := false
	for _, c := range s {
		if isSpace(c) {
			pending = b.Len() > 0
			continue
		}
		if pending && !(isCJK(prev) && isCJK(c)) {
			b.WriteByte(' ')
		}
		pending = false
		b.WriteRune(c)
		prev = c
	}
	return b.String()
}

func isCJK(c rune) bool {
	return unicode.In(c, unicode.Han, unicode.Hiragana, unicode.Katakana) || c == '“' || c == '”' || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef)
}
