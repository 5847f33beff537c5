package markdown

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// unescape returns the text a Markdown text segment stands for, as
// CommonMark reads it: a backslash before ASCII punctuation is dropped
// (\* is "*"), entity and numeric character references (&amp;, &#20013;,
// &#x4E2D;) become their characters, and NUL becomes U+FFFD. goldmark
// leaves all of these in the segments of its nodes for its renderer to
// undo; every place that takes text from a segment (text, link
// destinations and titles) goes through here.
func unescape(b []byte) string {
	if strings.IndexAny(string(b), "\\&\x00") < 0 {
		return string(b)
	}
	var out strings.Builder
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '\\' && i+1 < len(b) && util.IsPunct(b[i+1]):
			out.WriteByte(b[i+1])
			i++
		case c == '&':
			if s, n := charRef(b[i:]); n > 0 {
				out.WriteString(s)
				i += n - 1
			} else {
				out.WriteByte(c)
			}
		case c == 0:
			out.WriteRune(utf8.RuneError)
		default:
			out.WriteByte(c)
		}
	}
	return out.String()
}

// charRef reads the entity or numeric character reference at the start of
// b (which begins with '&'): the text it stands for and its length in
// bytes, or 0 when b does not start with one. A numeric reference to a
// code point that cannot be in text (0, a surrogate, beyond U+10FFFF) is
// U+FFFD, as CommonMark says.
func charRef(b []byte) (string, int) {
	end := -1
	for i := 1; i < len(b) && i <= 40; i++ {
		if b[i] == ';' {
			end = i
			break
		}
		if !util.IsAlphaNumeric(b[i]) && !(i == 1 && b[i] == '#') {
			return "", 0
		}
	}
	if end < 2 {
		return "", 0
	}
	name := string(b[1:end])
	if name[0] != '#' {
		e, ok := util.LookUpHTML5EntityByName(name)
		if !ok {
			return "", 0
		}
		return string(e.Characters), end + 1
	}
	digits, base := name[1:], 10
	if len(digits) > 0 && (digits[0] == 'x' || digits[0] == 'X') {
		digits, base = digits[1:], 16
	}
	if digits == "" || (base == 10 && len(digits) > 7) || (base == 16 && len(digits) > 6) {
		return "", 0
	}
	v, err := strconv.ParseUint(digits, base, 32)
	if err != nil {
		return "", 0
	}
	r := rune(v)
	if r == 0 || !utf8.ValidRune(r) {
		r = utf8.RuneError
	}
	return string(r), end + 1
}

// textOf returns the text of a goldmark Text node: as written when the
// parser marked it raw, else unescaped.
func textOf(t *ast.Text, src []byte) string {
	if t.IsRaw() {
		return string(t.Segment.Value(src))
	}
	return unescape(t.Segment.Value(src))
}
