package web

import (
	"html/template"
	"strings"

	"github.com/tandemforum/tandem/internal/lang"
)

// typeset returns a text as the HTML that sets it on a page's lines: escaped,
// with every break hint stored in it (lang.BreakHint) written as <wbr>, a
// place where a line may break that copying, searching and screen readers
// do not see as a character. A text with hints is set in a span of class
// "hinted", whose Chinese breaks only there (and at spaces and
// punctuation), not between any two characters.
func typeset(s string) template.HTML {
	s = template.HTMLEscapeString(plain(s))
	if strings.ContainsRune(s, lang.BreakHint) {
		s = `<span class="hinted">` + strings.ReplaceAll(s, string(lang.BreakHint), "<wbr>") + `</span>`
	}
	return template.HTML(s)
}

// flat returns a text for an output read as plain text rather than set on
// lines (a page's title and description, alternative text, JSON-LD, feeds,
// calendars): what plain returns, without break hints.
func flat(s string) string {
	return lang.WithoutBreakHints(plain(s))
}
