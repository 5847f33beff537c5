package qa

import (
	"strings"
	"unicode"

	"github.com/tandemforum/tandem/internal/numeral"
)

// Spacing as each language sets it. Russian and English put no space
// before a stop, comma, semicolon, colon, question or exclamation mark,
// nor inside brackets; the no-break spaces of "1 000", "5 %" and "10 км"
// and the spaces around a dash are right. Chinese puts no space beside
// its full-width marks. A space the source has in the same place is the
// source's: only what the translation has more of is flagged.

// horizontalSpace reports whether r is a space within a line: the space,
// tab, no-break and narrow no-break spaces, thin space and ideographic
// space.
func horizontalSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u00a0' || r == '\u202f' || r == '\u2009' || r == '\u3000'
}

// doubleSpaces counts the runs of two or more spaces inside s (not at its
// ends).
func doubleSpaces(s string) int {
	s = strings.TrimFunc(s, unicode.IsSpace)
	n, run := 0, 0
	for _, r := range s {
		if horizontalSpace(r) {
			run++
			if run == 2 {
				n++
			}
			continue
		}
		run = 0
	}
	return n
}

// spacedMarks returns the punctuation of s that has a space on the wrong
// side in Russian and English: before . , ; : ? ! ) ] » and after ( [ «.
// A mark that starts something else is left alone: .5, .NET, .org, the
// ellipsis "...", a score "3 : 2".
func spacedMarks(s string) []string {
	rs := []rune(strings.TrimFunc(s, unicode.IsSpace))
	var out []string
	for i, r := range rs {
		switch {
		case strings.ContainsRune(".,;:?!)]»", r) && i > 0 && horizontalSpace(rs[i-1]):
			k := i - 1
			for k >= 0 && horizontalSpace(rs[k]) {
				k--
			}
			next := rune(0)
			if i+1 < len(rs) {
				next = rs[i+1]
			}
			switch {
			case k < 0:
				continue // a mark at the start
			case r == '.' && (next == '.' || rs[k] == '.' || rs[k] == '…'):
				continue // an ellipsis
			case strings.ContainsRune(".,:", r) && next != 0 && !unicode.IsSpace(next) && !isObject(next) && !strings.ContainsRune(closers+".,;:?!", next):
				continue // .5, .NET, .org
			case r == ':' && unicode.IsDigit(rs[k]) && i+2 < len(rs) && unicode.IsDigit(rs[i+2]):
				continue // 3 : 2
			case strings.ContainsRune(".,;:?!", rs[k]) || rs[k] == '—' || rs[k] == '–':
				continue // marks in a row ("?!"), a dash
			}
			out = append(out, string(r))
		case strings.ContainsRune("([«", r) && i+1 < len(rs) && horizontalSpace(rs[i+1]):
			out = append(out, string(r))
		}
	}
	return out
}

// zhMarks are the full-width marks of Chinese; openZh and closeZh those
// that open and close (a space outside them may part a Latin word).
const (
	zhMarks = "。，、；：？！“”‘’（）《》「」『』【】〈〉"
	openZh  = "“‘（《「『【〈"
	closeZh = "”’）》」』】〉"
)

// spacedZhMarks returns the full-width marks of Chinese text s that have a
// space beside them: before a mark that does not open, after one that
// does not close or that ends a list label. Chinese sets a label ending
// in a full-width mark against its text, （一）发展能源, 一、总则, as
// tandem's writers do. A label that ends in a character, 第一条 or 表1,
// is parted from its title by a space, ideographic in official texts
// (第一条　总则) and often an ordinary one: either passes.
func spacedZhMarks(s string) []string {
	rs := []rune(strings.TrimFunc(s, unicode.IsSpace))
	var out []string
	for i, r := range rs {
		if !strings.ContainsRune(zhMarks, r) {
			continue
		}
		before := i > 0 && horizontalSpace(rs[i-1]) && !strings.ContainsRune(openZh, r)
		after := i+1 < len(rs) && horizontalSpace(rs[i+1]) && (!strings.ContainsRune(closeZh, r) || zhLabelEndsAt(rs, i))
		if before || after {
			out = append(out, string(r))
		}
	}
	return out
}

// checkSpaces flags double spaces, spaces on the wrong side of punctuation
// and leading or trailing whitespace, where the translation has more of
// them than the source. Chinese puts no space between sentences, so
// between Chinese and another language a space at either end, which
// belongs to the gap between two sentences, may be on one side only.
func (c *Checker) checkSpaces(s, t string, add addFunc) {
	if doubleSpaces(t) > doubleSpaces(s) {
		add("spaces", Warning, phrase("qa.spaces.double", "double space in the translation"))
	}
	spaced := spacedMarks
	if c.to == "zh" {
		spaced = spacedZhMarks
	}
	if ms := spaced(t); len(ms) > len(spaced(s)) {
		if c.to == "zh" {
			add("spaces", Warning, phrase("qa.spaces.chinese", "space beside %s in Chinese text", quoteList(dedupe(ms))))
		} else {
			add("spaces", Warning, phrase("qa.spaces.side", "space on the wrong side of %s in the translation", quoteList(dedupe(ms))))
		}
	}
	space := unicode.IsSpace
	if (c.from == "zh") != (c.to == "zh") {
		space = func(r rune) bool { return unicode.IsSpace(r) && r != ' ' && r != '\u00a0' && r != '\u3000' }
	}
	lead := func(x string) bool { return x != strings.TrimLeftFunc(x, space) }
	trail := func(x string) bool { return x != strings.TrimRightFunc(x, space) }
	if lead(s) != lead(t) {
		add("spaces", Warning, phrase("qa.spaces.leading", "leading whitespace differs from the source"))
	}
	if trail(s) != trail(t) {
		add("spaces", Warning, phrase("qa.spaces.trailing", "trailing whitespace differs from the source"))
	}
}

// zhLabelEndsAt reports whether rs[i], a closing bracket, ends a list
// label at the start of an item: （一）, （1）, 一）.
func zhLabelEndsAt(rs []rune, i int) bool {
	j := i - 1
	for j >= 0 && (numeral.IsZhNumeral(rs[j]) || rs[j] >= '0' && rs[j] <= '9' || isObject(rs[j])) {
		j--
	}
	if j == i-1 {
		return false
	}
	start := j + 1
	if j >= 0 && (rs[j] == '（' || rs[j] == '(') {
		start = j
	}
	return labelOnly(string(rs[start:i+1])) && numeral.AtItemStart(string(rs), len(string(rs[:start])))
}
