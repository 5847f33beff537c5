// Package textenc turns text that comes from outside tandem — a file a
// person gives it, a part of a package another program wrote, an upload —
// into UTF-8, or says in one line why it cannot and what to do.
//
// Every reader of outside text goes through it, so that all of them take
// the same files: UTF-8 with or without a byte-order mark, UTF-16 and
// UTF-32 (by their mark, or without one by the pattern of their zero
// bytes), an encoding an XML declaration names, and — for plain text only,
// where nothing can declare an encoding — the legacy encodings tandem's
// users send (GB 18030 for Chinese, Windows-1251 and KOI8-R for Russian)
// when the text reads clearly as that language in it. Whatever is not text
// (a ZIP package, a PDF, an image, bytes that are no encoding) is refused
// with an *Error that names what it is and where.
//
// Decode reads plain text, DecodeXML an XML document (its declaration
// decides the encoding, and what is before its root element is checked),
// DecodeDeclared text whose container names its encoding (a MIME charset,
// an HTML <meta charset>).
package textenc

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Text is outside text read into UTF-8.
type Text struct {
	// Bytes is the text in UTF-8 without a byte-order mark. For UTF-8
	// input it shares memory with the input.
	Bytes []byte
	// Encoding names what the input was written in: "UTF-8",
	// "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "GB18030",
	// "windows-1251", "KOI8-R", or the name a declaration gave.
	Encoding string
	// BOM says whether the input began with a byte-order mark.
	BOM bool
	// Warnings say, one line each and without a file name, what was
	// assumed in reading: an encoding guessed from the letters of text
	// that is not UTF-8, or a declaration the byte-order mark
	// contradicts. Readers pass them on as warnings.
	Warnings []string
}

// Kinds of Error, for errors.Is.
var (
	// ErrNotText: the input is a binary file (a package, a document
	// format, an image, or text with NUL bytes).
	ErrNotText = errors.New("not a text file")
	// ErrEncoding: the input has bytes that are not valid in the
	// encoding it is written in, or declares an encoding that is not
	// known.
	ErrEncoding = errors.New("not in a known encoding")
	// ErrEmpty: an XML document with nothing but white space.
	ErrEmpty = errors.New("empty")
	// ErrNotXML: text that is not an XML document: an HTML page, text
	// before the root element, or no element at all.
	ErrNotXML = errors.New("not an XML document")
)

// An Error says why outside input could not be read as text, and where.
type Error struct {
	// Line and Col give the place of the problem, both from 1; Col
	// counts characters.
	Line, Col int
	// Kind is ErrNotText, ErrEncoding, ErrEmpty or ErrNotXML.
	Kind error
	// Found names what the input is, when it is not text or is an HTML
	// page ("a PDF document"), so that a reader can say "this is a PDF
	// document, not a TMX file"; else "".
	Found string
	// Hint says what to do ("save it as UTF-8"), or is "".
	Hint string
	// Msg is the whole message, hint included, on one line.
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// Unwrap returns the kind, so that errors.Is(err, ErrNotText) works.
func (e *Error) Unwrap() error { return e.Kind }

// InFile returns err as it is printed for a file: an *Error as
// "FILE:LINE:COL: MESSAGE", still unwrapping to it; any other error as
// "FILE: ERROR".
func InFile(file string, err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return &fileError{file: file, e: e}
	}
	return fmt.Errorf("%s: %w", file, err)
}

type fileError struct {
	file string
	e    *Error
}

func (f *fileError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", f.file, f.e.Line, f.e.Col, f.e.Msg)
}

func (f *fileError) Unwrap() error { return f.e }

// notText lists the files people give for text that are not text, by the
// bytes they start with, with what to do instead.
var notText = []struct{ magic, what, hint string }{
	{"PK\x03\x04", "a ZIP package (a DOCX, XLSX, ODT or EPUB file?)", "convert a Word manuscript with 'tandem doc convert --to markdown FILE', or save the text from the program that made it"},
	{"PK\x05\x06", "an empty ZIP package", "give the text itself"},
	{"%PDF-", "a PDF document", "extract its text first"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (DOC or XLS)", "save it as DOCX or as plain text in Word or LibreOffice first"},
	{"{\\rtf", "an RTF document", "save it as DOCX or as plain text in Word or LibreOffice first"},
	{"\x1f\x8b", "a gzip-compressed file", "unpack it first"},
	{"\x89PNG\r\n\x1a\n", "a PNG image", "give the text itself"},
	{"\xff\xd8\xff", "a JPEG image", "give the text itself"},
	{"GIF87a", "a GIF image", "give the text itself"},
	{"GIF89a", "a GIF image", "give the text itself"},
}

// notTextFile returns an *Error naming what b is when its first bytes show it
// is not text at all, or nil.
func notTextFile(b []byte) *Error {
	for _, f := range notText {
		if bytes.HasPrefix(b, []byte(f.magic)) {
			return &Error{Line: 1, Col: 1, Kind: ErrNotText, Found: f.what, Hint: f.hint,
				Msg: fmt.Sprintf("this is %s, not text; %s", f.what, f.hint)}
		}
	}
	return nil
}

// Decode reads a plain text file into UTF-8. A byte-order mark (UTF-8,
// UTF-16, UTF-32) is dropped and says how the rest is written; UTF-16 and
// UTF-32 without one are told by their zero bytes. Text that is not UTF-8
// is read as GB 18030, Windows-1251 or KOI8-R when it reads clearly as
// Chinese or Russian in it, with a warning; otherwise, and for whatever is
// not text, the error is an *Error naming what was found, with the line
// and column of the first bad byte.
func Decode(b []byte) (*Text, error) {
	if e := notTextFile(b); e != nil {
		return nil, e
	}
	t, err := decodeUnicode(b)
	if err != nil {
		return nil, err
	}
	if t == nil {
		t = &Text{Bytes: b, Encoding: "UTF-8"}
		if line, col, bad := badUTF8(b); bad {
			g, ok := guessLegacy(b)
			if !ok {
				return nil, invalidUTF8(b, line, col)
			}
			t = g
		}
	}
	if err := checkNUL(t.Bytes); err != nil {
		return nil, err
	}
	return t, nil
}

// invalidUTF8 is the error for b whose first invalid byte is at line:col.
func invalidUTF8(b []byte, line, col int) *Error {
	i := offsetOf(b, line, col)
	hint := "save the file as UTF-8"
	return &Error{Line: line, Col: col, Kind: ErrEncoding, Hint: hint,
		Msg: fmt.Sprintf("invalid UTF-8 (byte 0x%02x); %s", b[i], hint)}
}

// checkNUL refuses UTF-8 text holding a NUL byte, which no text file has.
func checkNUL(b []byte) error {
	k := bytes.IndexByte(b, 0)
	if k < 0 {
		return nil
	}
	line, col := position(b, k)
	return &Error{Line: line, Col: col, Kind: ErrNotText, Found: "a binary file", Hint: "give a text file",
		Msg: "NUL byte: this is not a text file"}
}

// badUTF8 finds the first invalid UTF-8 sequence in b.
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

// position returns the line and column (in characters, both from 1) of
// byte offset k of UTF-8 text b.
func position(b []byte, k int) (line, col int) {
	line, col = 1, 1
	for i := 0; i < k && i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += n
	}
	return line, col
}

// offsetOf is the inverse of position.
func offsetOf(b []byte, line, col int) int {
	l, c := 1, 1
	for i := 0; i < len(b); {
		if l == line && c == col {
			return i
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == '\n' {
			l, c = l+1, 1
		} else {
			c++
		}
		i += n
	}
	return len(b) - 1
}

// Excerpt quotes the start of a piece of text found where it should not
// be, for a message: its first line, at most 40 characters, in Go quotes.
func Excerpt(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i] + " …"
	}
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	return fmt.Sprintf("%q", s)
}
