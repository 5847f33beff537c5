package doc

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// unknownRune stands for a neighbour of a piece of text that escapeText
// does not know (markup of the writer's, the start of a line), which may
// be anything.
const unknownRune rune = -1

// mdContext says where escapeText writes a piece of text.
type mdContext struct {
	// link is set in a link's text and an image's description, where a
	// bracket would end or nest the brackets around them.
	link bool
	// heading is set in an ATX heading, where "{…}" at its end would be
	// read as attributes.
	heading bool
	// cell is set in a pipe table's cell, where "|" ends the cell.
	cell bool
}

// escapeText escapes a piece of text so that a CommonMark reader (with
// tables, strikethrough, footnotes and tandem's $…$ formulas) reads it
// back as the same text, escaping only characters that could otherwise
// start or end markup there: before and after are the characters written
// around the piece ('\n' after it at the end of a line), or unknownRune.
// What only matters at the start of a line (#, >, -, +, "1.") is left to
// escapeLineStart. A line end in the text becomes a space.
func escapeText(s string, before, after rune, ctx mdContext) string {
	rs := []rune(strings.ReplaceAll(s, "\n", " "))
	at := func(i int) rune {
		switch {
		case i < 0:
			return before
		case i >= len(rs):
			return after
		}
		return rs[i]
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == '*' || r == '_' || r == '~' {
			// A run of delimiters opens or closes emphasis (or
			// strikethrough) unless it stands between spaces or, for
			// "_", inside a word.
			j := i
			for j < len(rs) && rs[j] == r {
				j++
			}
			prev, next := at(i-1), at(j)
			literal := isSpace(prev) && (isSpace(next) || next == '\n')
			if r == '_' && isWordRune(prev) && isWordRune(next) {
				literal = true
			}
			for ; i < j; i++ {
				if !literal {
					b.WriteByte('\\')
				}
				b.WriteRune(r)
			}
			i--
			continue
		}
		next := at(i + 1)
		esc := false
		switch r {
		case '\\':
			esc = next == unknownRune || next == '\n' || isASCIIPunct(next)
		case '`':
			esc = true
		case '[':
			esc = ctx.link || next == '^' || next == unknownRune
		case ']':
			esc = ctx.link || next == '(' || next == '[' || next == ':' || next == unknownRune
		case '!':
			// Within the text a "[" after it starts no link (see "]").
			esc = i+1 == len(rs) && (next == '[' || next == unknownRune)
		case '<':
			esc = next == unknownRune || next == '/' || next == '!' || next == '?' || isASCIILetter(next)
		case '&':
			esc = entityAhead(rs[i+1:], after)
		case '$':
			esc = !isSpace(next) && next != '\n'
		case '^':
			// "[^" starts a footnote's label.
			esc = ctx.link && i == 0 && (before == '[' || before == unknownRune)
		case '|':
			esc = ctx.cell
		case '{':
			esc = ctx.heading
		}
		if esc {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// entityAhead reports whether "&" followed by rest (and then by after)
// could be read as an entity or numeric character reference: letters and
// digits, or "#" and digits, up to a ";".
func entityAhead(rest []rune, after rune) bool {
	for i, r := range rest {
		switch {
		case r == ';':
			return i > 0
		case r == '#' && i == 0:
		case r < utf8.RuneSelf && (isASCIILetter(r) || (r >= '0' && r <= '9')):
		default:
			return false
		}
	}
	return after == unknownRune || after == ';'
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' }

func isWordRune(r rune) bool { return r >= 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

func isASCIILetter(r rune) bool { return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') }

func isASCIIPunct(r rune) bool {
	return r < utf8.RuneSelf && r > ' ' && strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", r)
}

// escapeLineStart escapes the start of a line of a paragraph so that it
// does not read as the start of another block: a heading (#), a
// quotation (>), a list item (-, +, "1." or "1)"; escapeText escapes
// "*"), a thematic break or a heading's underline (-, =), a table's
// delimiter row (|, :, -). first is set for a paragraph's first line,
// which "=" cannot underline. Spaces
// at its start, which CommonMark drops from a paragraph's lines, are
// left out, so that they cannot make it code either.
func escapeLineStart(s string, first bool) string {
	s = strings.TrimLeft(s, " \t")
	if s == "" {
		return s
	}
	// spaceAfter reports whether s[i:] is empty or starts with a space.
	spaceAfter := func(i int) bool { return i >= len(s) || s[i] == ' ' || s[i] == '\t' }
	switch s[0] {
	case '>':
		return `\` + s
	case '#':
		if n := len(s) - len(strings.TrimLeft(s, "#")); n <= 6 && spaceAfter(n) {
			return `\` + s
		}
	case '+':
		if spaceAfter(1) {
			return `\` + s
		}
	case '-':
		if spaceAfter(1) || strings.Trim(s, "- \t") == "" {
			return `\` + s
		}
	case '=':
		if !first && strings.TrimRight(strings.TrimLeft(s, "="), " \t") == "" {
			return `\` + s
		}
	}
	if i := strings.IndexAny(s, ".)"); i > 0 && i < 10 && strings.Trim(s[:i], "0123456789") == "" && spaceAfter(i+1) {
		return s[:i] + `\` + s[i:]
	}
	if strings.Trim(s, "|:- \t") == "" {
		if i := strings.IndexByte(s, '-'); i >= 0 {
			return s[:i] + `\` + s[i:]
		}
	}
	return s
}

// escapeLines escapes the start of each line of a paragraph (the lines
// after hard line breaks too); see escapeLineStart.
func escapeLines(s string) string {
	lines := strings.Split(s, "\\\n")
	for i := range lines {
		lines[i] = escapeLineStart(lines[i], i == 0)
	}
	return strings.Join(lines, "\\\n")
}

// escapeHeadingEnd escapes a run of "#" at the end of a heading's text
// that follows a space (or is all of it), which CommonMark would read as
// the heading's closing sequence and drop.
func escapeHeadingEnd(s string) string {
	t := strings.TrimRight(s, "#")
	if len(t) == len(s) || (t != "" && !strings.HasSuffix(t, " ") && !strings.HasSuffix(t, "\t")) {
		return s
	}
	return t + `\` + s[len(t):]
}

// escapeDestination escapes a link's destination or title so that
// backslashes and character references in it are read as written.
func escapeDestination(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if r == '\\' || (r == '&' && entityAhead(rs[i+1:], '\n')) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
