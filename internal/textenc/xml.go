package textenc

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// DecodeXML reads an XML document into UTF-8 that encoding/xml reads as it
// is, needing no CharsetReader. The encoding is the one its byte-order
// mark says, else the one its first bytes show (UTF-16 and UTF-32 without
// a mark, XML 1.0 appendix F), else the one its declaration names
// (windows-1251, GB18030, …), else UTF-8; a mark wins over a declaration
// that contradicts it, with a warning, as tools that convert files seldom
// rewrite the declaration. The declaration's encoding is blanked out of
// the result with spaces, so that lines and columns stay where they were.
//
// Beyond Decode's errors, it refuses with an *Error a document that is
// empty (ErrEmpty), an HTML page, text before the root element (quoted,
// with its place) and text with no element at all (ErrNotXML). Legacy
// encodings are not guessed: an XML document declares its own.
func DecodeXML(b []byte) (*Text, error) {
	if e := notTextFile(b); e != nil {
		return nil, e
	}
	t, err := decodeUnicode(b)
	if err != nil {
		return nil, err
	}
	if t != nil {
		if declared, _ := declaration(t.Bytes); declared != "" && !sameUnicode(family(t.Encoding), declared) {
			how := "UTF-8"
			if t.Encoding != "UTF-8" {
				how = family(t.Encoding)
			}
			t.Warnings = append(t.Warnings, fmt.Sprintf("the XML declaration says %s, but the file is written in %s: read as %s", declared, how, how))
		}
	} else if t, err = decodeDeclared(b); err != nil {
		return nil, err
	}
	if err := checkNUL(t.Bytes); err != nil {
		return nil, err
	}
	t.Bytes = blankEncoding(t.Bytes)
	if len(bytes.TrimSpace(t.Bytes)) == 0 {
		return nil, &Error{Line: 1, Col: 1, Kind: ErrEmpty, Msg: "the file is empty"}
	}
	if isHTML(t.Bytes) {
		return nil, &Error{Line: 1, Col: 1, Kind: ErrNotXML, Found: "an HTML page", Hint: "a web page saved in its place?",
			Msg: "this is an HTML page, not XML (a web page saved in its place?)"}
	}
	if err := prolog(t.Bytes); err != nil {
		return nil, err
	}
	return t, nil
}

// decodeDeclared reads an XML document that has no byte-order mark and is
// not UTF-16 or UTF-32: in the encoding its declaration names, or UTF-8.
func decodeDeclared(b []byte) (*Text, error) {
	declared, _ := declaration(b)
	if declared == "" || isUTF8Name(declared) {
		if line, col, bad := badUTF8(b); bad {
			e := invalidUTF8(b, line, col)
			if declared == "" {
				e.Hint = "save the file as UTF-8, or name its encoding in the XML declaration"
				e.Msg = fmt.Sprintf("invalid UTF-8 (byte 0x%02x); %s", b[offsetOf(b, line, col)], e.Hint)
			}
			return nil, e
		}
		return &Text{Bytes: b, Encoding: "UTF-8"}, nil
	}
	if u := strings.ToUpper(declared); strings.HasPrefix(u, "UTF-16") || strings.HasPrefix(u, "UTF-32") || u == "UCS-2" || u == "UCS-4" || u == "UNICODE" {
		// The declaration was read as ASCII, so the file cannot be in
		// the encoding it names.
		t := &Text{Bytes: b, Encoding: "UTF-8", Warnings: []string{
			fmt.Sprintf("the XML declaration says %s, but the file is written in an 8-bit encoding: read as UTF-8", declared)}}
		if line, col, bad := badUTF8(b); bad {
			return nil, invalidUTF8(b, line, col)
		}
		return t, nil
	}
	return decodeLabel(b, declared, "the XML declaration")
}

var encodingDecl = regexp.MustCompile(`^\s*<\?xml\s[^>]*?\bencoding\s*=\s*(?:"([^"]*)"|'([^']*)')`)

// declaration returns the encoding the XML declaration at the start of b
// names, or "", and the byte span of the encoding pseudo-attribute.
func declaration(b []byte) (string, [2]int) {
	m := encodingDecl.FindSubmatchIndex(b[:min(len(b), 512)])
	if m == nil {
		return "", [2]int{}
	}
	val := [2]int{m[2], m[3]}
	if val[0] < 0 {
		val = [2]int{m[4], m[5]}
	}
	// The pseudo-attribute starts at the last "encoding" before its value.
	start := bytes.LastIndex(b[:val[0]], []byte("encoding"))
	return strings.TrimSpace(string(b[val[0]:val[1]])), [2]int{start, m[1]}
}

// blankEncoding replaces the XML declaration's encoding pseudo-attribute
// with spaces: b is UTF-8 now, whatever the file was.
func blankEncoding(b []byte) []byte {
	declared, span := declaration(b)
	if declared == "" && span == [2]int{} {
		return b
	}
	if strings.EqualFold(declared, "utf-8") {
		return b
	}
	out := make([]byte, len(b))
	copy(out, b)
	for i := span[0]; i < span[1]; i++ {
		out[i] = ' '
	}
	return out
}

func isUTF8Name(s string) bool {
	switch strings.ToLower(s) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return true
	}
	return false
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

// isHTML reports whether a document starts as an HTML page does: a web
// page saved in place of the file asked for.
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

// prolog checks what comes before the root element: only white space,
// the declaration, comments, processing instructions and a document type
// declaration may. Text there is quoted with its place, and the root
// element it precedes named when there is one.
func prolog(b []byte) error {
	junk := -1
	for i := 0; i < len(b); {
		c := b[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			i++
			continue
		}
		if c == '<' {
			if n := markup(b[i:]); n > 0 {
				i += n
				continue
			}
			if r, _ := utf8.DecodeRune(b[i+1:]); isNameStart(r) {
				if junk < 0 {
					return nil
				}
				return junkError(b, junk, fmt.Sprintf(" before the root element <%s>", name(b[i+1:])))
			}
		}
		// Text, or a '<' that starts nothing: look on for the root
		// element it precedes.
		if junk < 0 {
			junk = i
		}
		k := bytes.IndexByte(b[i+1:], '<')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	if junk < 0 {
		return &Error{Line: 1, Col: 1, Kind: ErrNotXML, Msg: "no XML element found"}
	}
	return junkError(b, junk, " where the root element should be, and no element after it: this is not XML")
}

// markup returns the length of the comment, processing instruction or
// markup declaration (<!DOCTYPE …>, with its internal subset) at the start
// of b, or 0.
func markup(b []byte) int {
	switch {
	case bytes.HasPrefix(b, []byte("<!--")):
		if k := bytes.Index(b[4:], []byte("-->")); k >= 0 {
			return 4 + k + 3
		}
	case bytes.HasPrefix(b, []byte("<?")):
		if k := bytes.Index(b, []byte("?>")); k >= 0 {
			return k + 2
		}
	case bytes.HasPrefix(b, []byte("<!")):
		depth := 0
		var quote byte
		for i := 2; i < len(b); i++ {
			c := b[i]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '[':
				depth++
			case c == ']':
				depth--
			case c == '>' && depth <= 0:
				return i + 1
			}
		}
	}
	return 0
}

func junkError(b []byte, at int, where string) error {
	end := bytes.IndexByte(b[at+1:], '<') + 1
	if end <= 0 {
		end = len(b) - at
	}
	line, col := position(b, at)
	return &Error{Line: line, Col: col, Kind: ErrNotXML, Msg: Excerpt(string(b[at:at+end])) + where}
}

func isNameStart(r rune) bool {
	return r == '_' || r == ':' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= 0xc0 && r != 0xd7 && r != 0xf7 && r != utf8.RuneError
}

// name returns the XML name at the start of b.
func name(b []byte) string {
	end := bytes.IndexAny(b, " \t\r\n/>")
	if end < 0 {
		end = len(b)
	}
	return string(b[:min(end, 64)])
}
