package segment

import (
	"strings"
	"unicode"
)

// OneLine puts a segment on one line: a run of white space that holds a
// line break becomes one space, or nothing between two Chinese or Japanese
// characters, for a text file breaks the lines of those languages without
// a space. White space typed within a line is kept as typed, each
// character of it: "第一章 总则", "表1　贸易额" (an ideographic space),
// "a  b" stay as written, so that a segment written out by segment or
// align matches the document it came from. Space at either end is
// removed.
func OneLine(s string) string {
	var b strings.Builder
	var prev rune
	run, broken := -1, false // where the run of white space before c starts
	for i, c := range s {
		if isSpace(c) {
			if run < 0 {
				run = i
			}
			broken = broken || isLineBreak(c)
			continue
		}
		switch {
		case run < 0 || b.Len() == 0:
		case !broken:
			b.WriteString(s[run:i])
		case !(isCJK(prev) && isCJK(c)):
			b.WriteByte(' ')
		}
		run, broken = -1, false
		b.WriteRune(c)
		prev = c
	}
	return b.String()
}

// isLineBreak reports whether c ends a line: a line feed, a carriage
// return, or one of Unicode's line and paragraph separators.
func isLineBreak(c rune) bool {
	switch c {
	case '\n', '\r', '\v', '\f', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

func isCJK(c rune) bool {
	return unicode.In(c, unicode.Han, unicode.Hiragana, unicode.Katakana) || c == '“' || c == '”' || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef)
}
