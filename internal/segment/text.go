package segment

import (
	"strings"
	"unicode"
)

// OneLine puts a segment on one line: each run of white space becomes one
// space, except that a run holding a line break between two Chinese or
// Japanese characters is dropped, for a text file breaks the lines of
// those languages without a space. Spaces typed within a line are kept
// (one for each run): "第一章 总则" stays as written, so that a segment
// written out by segment or align matches the document it came from.
// Space at either end is removed.
func OneLine(s string) string {
	var b strings.Builder
	var prev rune
	pending, broken := false, false
	for _, c := range s {
		if isSpace(c) {
			pending = b.Len() > 0
			broken = broken || isLineBreak(c)
			continue
		}
		if pending && !(broken && isCJK(prev) && isCJK(c)) {
			b.WriteByte(' ')
		}
		pending, broken = false, false
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
