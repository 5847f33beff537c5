package typeset

import (
	"strings"
	"unicode"
)

// nbsp is the no-break space.
const nbsp = '\u00A0'

// russianShort are the short words that Russian typesetting keeps on the
// line of the word after them: one- and two-letter prepositions,
// conjunctions and particles.
var russianShort = map[string]bool{
	"а": true, "в": true, "и": true, "к": true, "о": true, "с": true, "у": true, "я": true,
	"во": true, "до": true, "за": true, "из": true, "ко": true, "на": true, "не": true, "ни": true,
	"но": true, "об": true, "от": true, "по": true, "со": true, "то": true, "их": true, "же": true,
}

// RussianSpaces returns s with no-break spaces where Russian typesetting
// forbids a line break: after an initial ("А. В. Островский", "т. е."
// excepted), after a short preposition or conjunction ("в 1990-е", "и
// Китай"), and before a dash that follows a word (" — "), so that no line
// begins with a dash. A hyphen with a space on each side between words
// («"Война и мир" - роман») is typed for a dash and becomes one (not
// between digits, where it may be a minus). Other spaces are left alone.
func RussianSpaces(s string) string {
	rs := spacedDashes([]rune(s))
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r != ' ' {
			out = append(out, r)
			continue
		}
		next := rune(0)
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		word := lastWord(out)
		switch {
		case next == '—' || next == '–':
			r = nbsp
		case isInitial(word) && unicode.IsUpper(next):
			r = nbsp
		case russianShort[strings.ToLower(word)] && next != 0 && next != ' ':
			r = nbsp
		}
		out = append(out, r)
	}
	return string(out)
}

// spacedDashes turns a hyphen with a space on each side, between two
// words, into an em dash. s may be a piece of a paragraph, between
// emphases: a space at either end of it has a word beyond.
func spacedDashes(rs []rune) []rune {
	for i := 1; i+1 < len(rs); i++ {
		if rs[i] != '-' || rs[i-1] != ' ' || rs[i+1] != ' ' {
			continue
		}
		before, after := 'x', 'x'
		if i >= 2 {
			before = rs[i-2]
		}
		if i+2 < len(rs) {
			after = rs[i+2]
		}
		if unicode.IsSpace(before) || unicode.IsSpace(after) || unicode.IsDigit(before) && unicode.IsDigit(after) {
			continue
		}
		rs[i] = '—'
	}
	return rs
}

// lastWord returns the letters (and a full stop after them) that end rs,
// back to the previous space or punctuation.
func lastWord(rs []rune) string {
	j := len(rs)
	for j > 0 && (unicode.IsLetter(rs[j-1]) || (rs[j-1] == '.' && j == len(rs))) {
		j--
	}
	if j > 0 && !unicode.IsSpace(rs[j-1]) && rs[j-1] != nbsp && !strings.ContainsRune("(«„\"'", rs[j-1]) {
		return ""
	}
	return string(rs[j:])
}

// isInitial reports whether w is an initial: one capital letter and a
// full stop ("А.").
func isInitial(w string) bool {
	rs := []rune(w)
	return len(rs) == 2 && unicode.IsUpper(rs[0]) && rs[1] == '.'
}

// quotes turns straight double quotes into a language's quotation marks,
// alternating outer and inner by depth across the pieces of one paragraph
// (Russian «…„…“…», Chinese “…‘…’…”). Curly quotes already in the text are
// counted so that a straight quote inside them is inner.
type quotes struct {
	open, close [2]rune
	depth       int
	ru          bool
}

func newQuotes(lang string) *quotes {
	switch lang {
	case "ru":
		return &quotes{open: [2]rune{'«', '„'}, close: [2]rune{'»', '“'}, ru: true}
	case "zh":
		return &quotes{open: [2]rune{'“', '‘'}, close: [2]rune{'”', '’'}}
	}
	return &quotes{open: [2]rune{'“', '‘'}, close: [2]rune{'”', '’'}}
}

// convert returns s with its straight double quotes replaced; prev is
// the character before s. A quote opens when none is open, or after a
// space, an opening bracket or at the start; else it closes.
func (q *quotes) convert(s string, prev rune) string {
	if !strings.ContainsAny(s, "\"«»„“") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '«', '„':
			q.depth++
		case '»':
			if q.depth > 0 {
				q.depth--
			}
		case '“':
			if q.ru && q.depth > 0 {
				q.depth--
			}
		case '"':
			if q.depth == 0 || prev == 0 || unicode.IsSpace(prev) || prev == nbsp || strings.ContainsRune("([{«„—", prev) {
				r = q.open[q.depth%2]
				q.depth++
			} else {
				if q.depth > 0 {
					q.depth--
				}
				r = q.close[q.depth%2]
			}
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}
