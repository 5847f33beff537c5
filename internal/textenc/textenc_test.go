package textenc

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// Texts of the kind tandem's users send, in the project's own words.
const (
	chinese = "两国学术界共同举办论坛，纪念睦邻友好合作条约签署二十周年。\n与会专家讨论了经济合作与人文交流的前景。\n"
	russian = "Две академии провели совместный форум, посвящённый двадцатилетию договора о добрососедстве.\nУчастники обсудили экономическое сотрудничество и гуманитарные связи.\n"
	french  = "Le forum a réuni des chercheurs français et étrangers.\nLes débats ont porté sur la coopération économique et l'éducation.\n"
	german  = "Die Konferenz für Außenpolitik fand in München statt; die Teilnehmer diskutierten über Wirtschaftsbeziehungen.\n"
	mixed   = "Договор\t条约\tthe 2001 treaty\r\nфорум\t论坛\r\n"
)

func encode(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding %q: %v", s, err)
	}
	return b
}

var (
	u16le = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	u16be = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	u32le = utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM)
	u32be = utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM)
)

// TestDecode reads text in every encoding tandem takes, with and without a
// byte-order mark, and checks what it reads and says.
func TestDecode(t *testing.T) {
	type tc struct {
		name string
		in   []byte
		text string
		enc  string
		bom  bool
		warn string // a part of the one warning wanted, or ""
	}
	var tests []tc
	for _, s := range []struct{ name, text string }{{"Chinese", chinese}, {"Russian", russian}, {"glossary", mixed}, {"ASCII", "treaty\n"}} {
		tests = append(tests,
			tc{s.name + " in UTF-8", []byte(s.text), s.text, "UTF-8", false, ""},
			tc{s.name + " in UTF-8 with mark", append([]byte("\ufeff"), s.text...), s.text, "UTF-8", true, ""},
			tc{s.name + " in UTF-16LE with mark", append([]byte{0xff, 0xfe}, encode(t, u16le, s.text)...), s.text, "UTF-16LE", true, ""},
			tc{s.name + " in UTF-16BE with mark", append([]byte{0xfe, 0xff}, encode(t, u16be, s.text)...), s.text, "UTF-16BE", true, ""},
			tc{s.name + " in UTF-32LE with mark", append([]byte{0xff, 0xfe, 0, 0}, encode(t, u32le, s.text)...), s.text, "UTF-32LE", true, ""},
			tc{s.name + " in UTF-32BE with mark", append([]byte{0, 0, 0xfe, 0xff}, encode(t, u32be, s.text)...), s.text, "UTF-32BE", true, ""},
			tc{s.name + " in UTF-16LE", encode(t, u16le, s.text), s.text, "UTF-16LE", false, ""},
			tc{s.name + " in UTF-16BE", encode(t, u16be, s.text), s.text, "UTF-16BE", false, ""},
			tc{s.name + " in UTF-32LE", encode(t, u32le, s.text), s.text, "UTF-32LE", false, ""},
			tc{s.name + " in UTF-32BE", encode(t, u32be, s.text), s.text, "UTF-32BE", false, ""},
		)
	}
	tests = append(tests,
		tc{"empty", nil, "", "UTF-8", false, ""},
		tc{"a mark only", []byte("\ufeff"), "", "UTF-8", true, ""},
		tc{"Chinese in GB18030", encode(t, simplifiedchinese.GB18030, chinese), chinese, "GB18030", false, "read as GB18030, in which it is Chinese text"},
		tc{"Chinese in GBK", encode(t, simplifiedchinese.GBK, chinese), chinese, "GB18030", false, "read as GB18030"},
		tc{"Russian in Windows-1251", encode(t, charmap.Windows1251, russian), russian, "windows-1251", false, "read as windows-1251, in which it is Russian text"},
		tc{"Russian in KOI8-R", encode(t, charmap.KOI8R, russian), russian, "KOI8-R", false, "read as KOI8-R"},
		tc{"Russian capitals in Windows-1251", encode(t, charmap.Windows1251, strings.ToUpper(russian)), strings.ToUpper(russian), "windows-1251", false, "windows-1251"},
		tc{"Russian capitals in KOI8-R", encode(t, charmap.KOI8R, strings.ToUpper(russian)), strings.ToUpper(russian), "KOI8-R", false, "KOI8-R"},
		tc{"a Russian glossary line in Windows-1251", encode(t, charmap.Windows1251, "Договор о добрососедстве\ttreaty of good-neighbourliness\n"),
			"Договор о добрососедстве\ttreaty of good-neighbourliness\n", "windows-1251", false, "windows-1251"},
	)
	for _, tt := range tests {
		got, err := Decode(tt.in)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if string(got.Bytes) != tt.text || got.Encoding != tt.enc || got.BOM != tt.bom {
			t.Errorf("%s: read %q as %s (mark %v), want %q as %s (mark %v)", tt.name, got.Bytes, got.Encoding, got.BOM, tt.text, tt.enc, tt.bom)
		}
		switch {
		case tt.warn == "" && len(got.Warnings) > 0:
			t.Errorf("%s: warnings %q", tt.name, got.Warnings)
		case tt.warn != "" && (len(got.Warnings) != 1 || !strings.Contains(got.Warnings[0], tt.warn)):
			t.Errorf("%s: warnings %q, want one saying %q", tt.name, got.Warnings, tt.warn)
		}
	}
}

// TestDecodeRefuses gives Decode what is not text, or text it must not
// guess, and checks the kind, the place and what the message names.
func TestDecodeRefuses(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		kind error
		want string // the error, "LINE:COL: …" (a prefix of it)
	}{
		{"DOCX", []byte("PK\x03\x04\x14\x00\x06\x00"), ErrNotText, "1:1: this is a ZIP package (a DOCX, XLSX, ODT or EPUB file?), not text; convert a Word manuscript with 'tandem doc convert --to markdown FILE'"},
		{"PDF", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), ErrNotText, "1:1: this is a PDF document, not text; extract its text first"},
		{"DOC", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00"), ErrNotText, "1:1: this is an old Office document (DOC or XLS), not text; save it as DOCX"},
		{"RTF", []byte("{\\rtf1\\ansi Привет}"), ErrNotText, "1:1: this is an RTF document, not text"},
		{"gzip", []byte("\x1f\x8b\x08\x00\x00\x00"), ErrNotText, "1:1: this is a gzip-compressed file, not text; unpack it first"},
		{"PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrNotText, "1:1: this is a PNG image, not text"},
		{"JPEG", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), ErrNotText, "1:1: this is a JPEG image, not text"},
		{"NUL byte", []byte("ab\ncd\x00ef\x01\x02\x03"), ErrNotText, "2:3: NUL byte: this is not a text file"},
		{"a NUL that would pair as UTF-16", []byte("never a.\x00\n"), ErrNotText, "1:9: NUL byte"},
		{"NUL in UTF-16", append([]byte{0xff, 0xfe}, encode(t, u16le, "ab\nc\x00")...), ErrNotText, "2:2: NUL byte"},
		{"invalid UTF-8", []byte("Привет.\nМи\xd0"), ErrEncoding, "2:3: invalid UTF-8 (byte 0xd0); save the file as UTF-8"},
		{"invalid UTF-8 after a mark", []byte("\ufeffab\n\xffc"), ErrEncoding, "2:1: the file begins with a UTF-8 byte-order mark, but has invalid UTF-8 (byte 0xff)"},
		{"Russian in 1251 after a UTF-8 mark", append([]byte("\ufeff"), encode(t, charmap.Windows1251, russian)...), ErrEncoding, "1:1: the file begins with a UTF-8 byte-order mark"},
		{"UTF-16 cut in half", append([]byte{0xff, 0xfe}, 'a', 0, '\n', 0, 'b'), ErrEncoding, "2:1: not valid UTF-16: the file ends in the middle of a character"},
		{"a lone surrogate", append([]byte{0xfe, 0xff}, 0, 'a', 0xdc, 0x00, 0, 'b'), ErrEncoding, "1:2: not valid UTF-16: a lone surrogate 0xdc00"},
		{"UTF-32 beyond Unicode", []byte{0xff, 0xfe, 0, 0, 'a', 0, 0, 0, 0, 0, 0x11, 0}, ErrEncoding, "1:2: not valid UTF-32: 0x00110000 is not a character"},
		{"two Chinese characters in GBK", []byte("ok\n\n\xc4\xe3\xba\xc3"), ErrEncoding, "3:1: invalid UTF-8 (byte 0xc4)"},
		{"French in Latin-1", encode(t, charmap.ISO8859_1, french), ErrEncoding, "1:13: invalid UTF-8 (byte 0xe9)"},
		{"French in Windows-1252", encode(t, charmap.Windows1252, french), ErrEncoding, "1:13: invalid UTF-8"},
		{"German in Latin-1", encode(t, charmap.ISO8859_1, german), ErrEncoding, "1:16: invalid UTF-8 (byte 0xfc)"},
		{"Russian in UTF-8 with a broken byte", []byte(strings.Replace(russian, "форум", "фо\xd1ум", 1)), ErrEncoding, "1:35: invalid UTF-8 (byte 0xd1)"},
		{"Chinese in UTF-8 with a broken byte", append([]byte(chinese), 0xe4, 0xb8), ErrEncoding, "3:1: invalid UTF-8 (byte 0xe4)"},
	}
	for _, tt := range tests {
		got, err := Decode(tt.in)
		if err == nil {
			t.Errorf("%s: read %q as %s", tt.name, got.Bytes, got.Encoding)
			continue
		}
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, tt.kind) {
			t.Errorf("%s: error %v (%T) is not an *Error of kind %v", tt.name, err, err, tt.kind)
		}
		if !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s:\n got %v\nwant %s…", tt.name, err, tt.want)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: the message is not one line: %q", tt.name, err)
		}
	}
}

// TestRandomBytesAreNotGuessed checks that bytes that are no text in any
// encoding are not read as Chinese or Russian.
func TestRandomBytesAreNotGuessed(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for i := range 200 {
		b := make([]byte, 40+r.IntN(400))
		for k := range b {
			switch i % 3 {
			case 0: // any byte
				b[k] = byte(r.IntN(256))
			case 1: // high bytes and spaces, as 8-bit text looks
				b[k] = byte(0x80 + r.IntN(128))
				if r.IntN(6) == 0 {
					b[k] = ' '
				}
			case 2: // printable ASCII with high bytes among it
				b[k] = byte(0x20 + r.IntN(0x5f))
				if r.IntN(3) == 0 {
					b[k] = byte(0x80 + r.IntN(128))
				}
			}
		}
		if utf8.Valid(b) {
			continue
		}
		if got, err := Decode(b); err == nil {
			t.Errorf("random bytes % x… read as %s: %q", b[:16], got.Encoding, got.Bytes)
		}
	}
}

func TestInFile(t *testing.T) {
	_, err := Decode([]byte("ab\n\xff"))
	err = InFile("notes.txt", err)
	if err.Error() != "notes.txt:2:1: invalid UTF-8 (byte 0xff); save the file as UTF-8" {
		t.Errorf("got %q", err)
	}
	var e *Error
	if !errors.As(err, &e) || e.Line != 2 || e.Col != 1 || !errors.Is(err, ErrEncoding) {
		t.Errorf("InFile lost the *Error: %#v", err)
	}
	if got := InFile("x", errors.New("gone")).Error(); got != "x: gone" {
		t.Errorf("other error: %q", got)
	}
	if InFile("x", nil) != nil {
		t.Error("InFile(nil) is not nil")
	}
}

func TestExcerpt(t *testing.T) {
	for in, want := range map[string]string{
		"  garbage ":                    `"garbage"`,
		"first line\nsecond":            `"first line …"`,
		strings.Repeat("条约", 30):        `"` + strings.Repeat("条约", 20) + `…"`,
		"Договор\t条约":                   `"Договор\t条约"`,
		"Exported by tool X\r\n<xliff>": `"Exported by tool X …"`,
	} {
		if got := Excerpt(in); got != want {
			t.Errorf("Excerpt(%q) = %s, want %s", in, got, want)
		}
	}
}

// FuzzDecode checks that Decode never panics, always returns valid UTF-8
// without NUL bytes or an error with a place, and returns UTF-8 text that
// is not refused by its first bytes as it was, less the byte-order mark.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{chinese, russian, mixed, "", "\ufeffa\r\nb"} {
		f.Add([]byte(s))
	}
	f.Add([]byte{0xff, 0xfe, 'a', 0, '\n', 0})
	f.Add([]byte{0, 0, 0xfe, 0xff, 0, 0, 0, 'a'})
	f.Add([]byte("ok\n\xc4\xe3\xba\xc3"))
	f.Add([]byte("PK\x03\x04"))
	f.Add(mustEncode(simplifiedchinese.GB18030, chinese))
	f.Add(mustEncode(charmap.Windows1251, russian))
	f.Add(mustEncode(charmap.KOI8R, russian))
	f.Add(mustEncode(charmap.ISO8859_1, french))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := Decode(b)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Line < 1 || e.Col < 1 || e.Kind == nil || strings.Contains(e.Msg, "\n") {
				t.Fatalf("bad error %#v", err)
			}
			if utf8.Valid(b) && bytes.IndexByte(b, 0) < 0 && notTextFile(b) == nil {
				t.Fatalf("UTF-8 text refused: %v", err)
			}
			return
		}
		if !utf8.Valid(got.Bytes) || bytes.IndexByte(got.Bytes, 0) >= 0 {
			t.Fatalf("result %q is not UTF-8 text", got.Bytes)
		}
		if utf8.Valid(b) && bytes.IndexByte(b, 0) < 0 {
			if want := bytes.TrimPrefix(b, []byte("\ufeff")); !bytes.Equal(got.Bytes, want) {
				t.Fatalf("UTF-8 %q came back as %q", b, got.Bytes)
			}
		}
	})
}

func mustEncode(enc encoding.Encoding, s string) []byte {
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}
