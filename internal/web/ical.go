package web

import (
	"strings"
	"unicode/utf8"
)

// icalTime is the form of a UTC DATE-TIME value (RFC 5545, 3.3.5).
const icalTime = "20060102T150405Z"

// icalText escapes a TEXT value (RFC 5545, 3.3.11), without the control
// characters that RFC 5545 forbids in it and without break hints.
func icalText(s string) string {
	return icalEscaper.Replace(flat(s))
}

var icalEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

type icalWriter struct {
	b strings.Builder
}

// text writes a property whose value is a text in a language (SUMMARY,
// DESCRIPTION, LOCATION, COMMENT, a calendar's name), escaped and with the
// language as its LANGUAGE parameter (RFC 5545, 3.2.10), so that a
// calendar shows, reads aloud and searches it as that language. An empty
// text writes nothing.
func (w *icalWriter) text(name string, t shown) {
	if t.Value == "" {
		return
	}
	if t.Lang != "" {
		name += ";LANGUAGE=" + t.Lang
	}
	w.line(name, icalText(t.Value))
}

// icalLineLimit is the most octets a content line may hold, without its
// CRLF (RFC 5545, 3.1).
const icalLineLimit = 75

// line writes one content line, name (with its parameters) and value (an
// escaped one where it is a TEXT), folded so that no line is longer than
// icalLineLimit octets. A fold is never made inside a UTF-8 sequence nor
// inside an escape of the value (\n, \, \; \\): RFC 5545 allows both, as
// unfolding joins the lines again, but calendars that read lines before
// unfolding them show half an escape, or a broken character, at the fold.
func (w *icalWriter) line(name, value string) {
	s := name + ":" + value
	// escaped[i] marks the byte i of s that ends an escape of the value.
	escaped := make([]bool, len(s))
	for i := len(name) + 1; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			escaped[i] = true
		}
	}
	foldable := func(i int) bool { return utf8.RuneStart(s[i]) && !escaped[i] }
	at, limit := 0, icalLineLimit
	for len(s)-at > limit {
		cut := at + limit
		for cut > at+1 && !foldable(cut) {
			cut--
		}
		w.b.WriteString(s[at:cut])
		w.b.WriteString("\r\n ")
		at = cut
		limit = icalLineLimit - 1 // the leading space counts
	}
	w.b.WriteString(s[at:])
	w.b.WriteString("\r\n")
}
