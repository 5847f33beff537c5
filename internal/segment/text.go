package segment

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CheckText reports, with line and column, why b is not UTF-8 text: a
// UTF-16 byte-order mark, a document package or PDF, a NUL byte, or an
// invalid byte sequence.
// name is used in the message.
func CheckText(b []byte, name string) error {
	if bytes.HasPrefix(b, []byte{0xff, 0xfe}) || bytes.HasPrefix(b, []byte{0xfe, 0xff}) {
		return fmt.Errorf("%s:1:1: the text is UTF-16; convert it to UTF-8", name)
	}
	for _, f := range packaged {
		if bytes.HasPrefix(b, []byte(f.magic)) {
			return fmt.Errorf("%s:1:1: this is %s, not plain text; %s", name, f.what, f.hint)
		}
	}
	line, col := 1, 1
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return fmt.Errorf("%s:%d:%d: byte 0x%02x is not UTF-8; convert the text to UTF-8 (from GB 18030 or Windows-1251, for example)", name, line, col, b[i])
		case r == 0:
			return fmt.Errorf("%s:%d:%d: NUL byte: this is not a text file", name, line, col)
		case r == '\n':
			line, col = line+1, 1
		default:
			col++
		}
		i += n
	}
	return nil
}

// packaged lists the files people give for text that are not text, by the
// bytes they start with, with what to do instead.
var packaged = []struct{ magic, what, hint string }{
	{"PK\x03\x04", "a ZIP package (DOCX, ODT or EPUB)", "convert a manuscript with 'tandem doc convert --to markdown FILE' first"},
	{"%PDF-", "a PDF file", "extract its text first"},
	{"\xd0\xcf\x11\xe0", "an old Word or Excel file (OLE)", "save it as DOCX and convert it with 'tandem doc convert --to markdown FILE'"},
	{"{\\rtf", "an RTF file", "save it as DOCX or plain text first"},
}

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
