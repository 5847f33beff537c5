package interchange

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/lang"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// A Warning is something odd in a file that a reader read anyway: what it
// skipped or assumed, and where. Readers return them with what they read
// (XLIFF.Warnings, TMX.Warnings, Termbase.Warnings) and ApplyTranslation
// with what it applied; commands print each on a line of its own.
type Warning struct {
	File string
	// Line is the 1-based line of the element the warning is about, or 0
	// when it is about the whole file.
	Line int
	Msg  string
}

// String formats the warning as commands print it: "FILE:LINE: warning:
// MESSAGE" ("FILE: warning: MESSAGE" without a line).
func (w Warning) String() string {
	if w.Line <= 0 {
		return fmt.Sprintf("%s: warning: %s", w.File, w.Msg)
	}
	return fmt.Sprintf("%s:%d: warning: %s", w.File, w.Line, w.Msg)
}

// writtenTag returns a language tag to be written in canonical form ("" for
// ""), or an error naming what it tags when it is not BCP 47: writers never
// write a tag unchecked.
func writtenTag(what, tag string) (string, error) {
	if tag == "" {
		return "", nil
	}
	t, err := lang.ParseTag(tag)
	if err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	return t, nil
}

// reading is the state a reader keeps for one file: its name for messages
// and the warnings found so far.
type reading struct {
	file     string
	warnings []Warning
}

func (rd *reading) warnLine(line int, format string, args ...any) {
	rd.warnings = append(rd.warnings, Warning{File: rd.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// warn records a warning at node n.
func (rd *reading) warn(n *node, format string, args ...any) {
	rd.warnLine(n.line, format, args...)
}

// errAt returns an error at node n.
func (rd *reading) errAt(n *node, format string, args ...any) error {
	return errAt(rd.file, n, format, args...)
}

// unicodeBOM recognises a file written in a Unicode encoding by its
// byte-order mark, or, for UTF-16 and UTF-32 without one, by the zero
// bytes around its first ASCII character (XML 1.0, appendix F). It returns
// the encoding (nil for UTF-8), its name and the length of the mark.
func unicodeBOM(b []byte) (enc encoding.Encoding, name string, bom int) {
	switch {
	case bytes.HasPrefix(b, []byte{0xef, 0xbb, 0xbf}):
		return nil, "UTF-8", 3
	case bytes.HasPrefix(b, []byte{0xff, 0xfe, 0, 0}):
		return utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM), "UTF-32", 4
	case bytes.HasPrefix(b, []byte{0, 0, 0xfe, 0xff}):
		return utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM), "UTF-32", 4
	case bytes.HasPrefix(b, []byte{0xff, 0xfe}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "UTF-16", 2
	case bytes.HasPrefix(b, []byte{0xfe, 0xff}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "UTF-16", 2
	case len(b) >= 4 && b[0] != 0 && b[0] < 0x80 && b[1] == 0 && b[2] == 0 && b[3] == 0:
		return utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM), "UTF-32", 0
	case len(b) >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] != 0 && b[3] < 0x80:
		return utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM), "UTF-32", 0
	case len(b) >= 2 && b[0] != 0 && b[0] < 0x80 && b[1] == 0:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "UTF-16", 0
	case len(b) >= 2 && b[0] == 0 && b[1] != 0 && b[1] < 0x80:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "UTF-16", 0
	}
	return nil, "", 0
}

// decodeUnicode returns b in UTF-8 without a byte-order mark when a mark
// or the zero bytes of UTF-16 or UTF-32 say how it is written; found says
// whether they did.
func decodeUnicode(b []byte, file string) (out []byte, name string, err error) {
	enc, name, bom := unicodeBOM(b)
	if name == "" {
		return b, "", nil
	}
	b = b[bom:]
	if enc == nil {
		return b, name, nil
	}
	out, err = enc.NewDecoder().Bytes(b)
	if err != nil {
		return nil, name, &Error{file, 1, 1, fmt.Sprintf("the file is not valid %s: %v", name, err)}
	}
	return out, name, nil
}

var encodingDecl = regexp.MustCompile(`^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

// declaredEncoding returns the encoding named by the XML declaration at the
// start of b, or "".
func declaredEncoding(b []byte) string {
	if m := encodingDecl.FindSubmatch(b[:min(len(b), 256)]); m != nil {
		return string(m[1])
	}
	return ""
}

func isUTF8Name(s string) bool {
	switch strings.ToLower(s) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return true
	}
	return false
}

// toUTF8 returns an XML document in UTF-8 without a byte-order mark, from
// the encoding that its byte-order mark, its first bytes (UTF-16 and UTF-32
// without a mark) or its XML declaration (windows-1251, GB18030, …) give.
// A mark wins over a declaration that contradicts it, with a warning, as
// tools that convert files seldom rewrite the declaration.
func (rd *reading) toUTF8(data []byte) ([]byte, error) {
	out, found, err := decodeUnicode(data, rd.file)
	if err != nil {
		return nil, err
	}
	declared := declaredEncoding(out)
	if found != "" {
		if declared != "" && !sameUnicode(found, declared) {
			rd.warnLine(1, "the XML declaration says %s, but the file is written in %s: read as %s", declared, found, found)
		}
		return out, nil
	}
	if declared == "" || isUTF8Name(declared) {
		return data, nil
	}
	if u := strings.ToUpper(declared); strings.HasPrefix(u, "UTF-16") || strings.HasPrefix(u, "UTF-32") || u == "UCS-2" || u == "UNICODE" {
		// The declaration was read as ASCII, so the file cannot be in
		// the encoding it names.
		rd.warnLine(1, "the XML declaration says %s, but the file is written in an 8-bit encoding: read as UTF-8", declared)
		return data, nil
	}
	enc, err := htmlindex.Get(declared)
	if err != nil {
		return nil, &Error{rd.file, 1, 1, fmt.Sprintf("encoding %q is not known; save the file as UTF-8", declared)}
	}
	out, err = enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, &Error{rd.file, 1, 1, fmt.Sprintf("the file is not valid %s: %v", declared, err)}
	}
	return out, nil
}

// sameUnicode reports whether a declared encoding name is the Unicode
// encoding found, UTF-16LE and UTF-16BE counting as UTF-16.
func sameUnicode(found, declared string) bool {
	d := strings.ToUpper(strings.ReplaceAll(declared, "_", "-"))
	switch found {
	case "UTF-8":
		return isUTF8Name(declared)
	case "UTF-16":
		return strings.HasPrefix(d, "UTF-16") || d == "UCS-2" || d == "UNICODE"
	case "UTF-32":
		return strings.HasPrefix(d, "UTF-32") || d == "UCS-4"
	}
	return false
}

// badUTF8 finds the first invalid UTF-8 sequence.
func badUTF8(b []byte) (line, col int, bad bool) {
	line, col = 1, 1
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return line, col, true
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += n
	}
	return 0, 0, false
}

// notText names what a file is when its first bytes show it is not text
// at all (a ZIP package, a PDF), or "".
func notText(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return "a ZIP package (a DOCX, XLSX or other Office file?)"
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return "a PDF document"
	case bytes.HasPrefix(b, []byte{0xd0, 0xcf, 0x11, 0xe0}):
		return "an old Office document (DOC or XLS)"
	case bytes.HasPrefix(b, []byte{0x1f, 0x8b}):
		return "a gzip-compressed file"
	}
	return ""
}

// isHTML reports whether a document (UTF-8, after any mark) starts as an
// HTML page does: a web page saved in place of the file asked for.
func isHTML(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n")
	for bytes.HasPrefix(b, []byte("<!--")) {
		end := bytes.Index(b, []byte("-->"))
		if end < 0 {
			return false
		}
		b = bytes.TrimLeft(b[end+3:], " \t\r\n")
	}
	head := strings.ToLower(string(b[:min(len(b), 15)]))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html")
}

// excerpt quotes the start of a piece of text found where it should not
// be: its first line, at most 40 characters.
func excerpt(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i] + " …"
	}
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	return fmt.Sprintf("%q", s)
}
