package textenc

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
)

const xmlDoc = `<doc lang="ru"><p>Договор</p><p>条约</p></doc>`

// TestDecodeXML reads an XML document in every encoding, and checks that
// encoding/xml then reads the result without a CharsetReader.
func TestDecodeXML(t *testing.T) {
	decl := func(enc string) string { return `<?xml version="1.0" encoding="` + enc + `"?>` + "\n" }
	tests := []struct {
		name string
		in   []byte
		enc  string
		warn string
	}{
		{"UTF-8", []byte(decl("UTF-8") + xmlDoc), "UTF-8", ""},
		{"UTF-8, no declaration", []byte(xmlDoc), "UTF-8", ""},
		{"UTF-8 with mark", []byte("\ufeff" + decl("utf-8") + xmlDoc), "UTF-8", ""},
		{"UTF-8 with mark, then white space", []byte("\ufeff\r\n  " + decl("UTF-8") + xmlDoc), "UTF-8", ""},
		{"UTF-8 declared as utf8", []byte(decl("utf8") + xmlDoc), "UTF-8", ""},
		{"UTF-16LE with mark", append([]byte{0xff, 0xfe}, encode(t, u16le, decl("UTF-16")+xmlDoc)...), "UTF-16LE", ""},
		{"UTF-16BE with mark", append([]byte{0xfe, 0xff}, encode(t, u16be, decl("UTF-16")+xmlDoc)...), "UTF-16BE", ""},
		{"UTF-16LE without mark", encode(t, u16le, decl("UTF-16")+xmlDoc), "UTF-16LE", ""},
		{"UTF-16BE without mark", encode(t, u16be, decl("UTF-16")+xmlDoc), "UTF-16BE", ""},
		{"UTF-32LE with mark", append([]byte{0xff, 0xfe, 0, 0}, encode(t, u32le, decl("UTF-32")+xmlDoc)...), "UTF-32LE", ""},
		{"UTF-32BE without mark", encode(t, u32be, decl("UTF-32")+xmlDoc), "UTF-32BE", ""},
		{"windows-1251 declared", append([]byte(decl("windows-1251")), encode(t, charmap.Windows1251, strings.ReplaceAll(xmlDoc, "<p>条约</p>", ""))...), "windows-1251", ""},
		{"GB18030 declared", append([]byte(decl("GB18030")), encode(t, simplifiedchinese.GB18030, xmlDoc)...), "GB18030", ""},
		{"GBK declared in single quotes", append([]byte(`<?xml version='1.0' encoding='gbk'?>`), encode(t, simplifiedchinese.GBK, xmlDoc)...), "gbk", ""},
		{"mark says UTF-8, declaration windows-1251", []byte("\ufeff" + decl("windows-1251") + xmlDoc), "UTF-8", "the XML declaration says windows-1251, but the file is written in UTF-8: read as UTF-8"},
		{"mark says UTF-16, declaration UTF-8", append([]byte{0xff, 0xfe}, encode(t, u16le, decl("UTF-8")+xmlDoc)...), "UTF-16LE", "the XML declaration says UTF-8, but the file is written in UTF-16: read as UTF-16"},
		{"8-bit, declaration UTF-16", []byte(decl("UTF-16") + xmlDoc), "UTF-8", "the XML declaration says UTF-16, but the file is written in an 8-bit encoding: read as UTF-8"},
		{"a comment and a DTD before the root", []byte(decl("UTF-8") + "<!-- made by hand -->\n<!DOCTYPE doc [<!ENTITY a \"<x>\">]>\n<?pi x?>" + xmlDoc), "UTF-8", ""},
	}
	for _, tt := range tests {
		got, err := DecodeXML(tt.in)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got.Encoding != tt.enc {
			t.Errorf("%s: read as %s, want %s", tt.name, got.Encoding, tt.enc)
		}
		switch {
		case tt.warn == "" && len(got.Warnings) > 0:
			t.Errorf("%s: warnings %q", tt.name, got.Warnings)
		case tt.warn != "" && (len(got.Warnings) != 1 || got.Warnings[0] != tt.warn):
			t.Errorf("%s: warnings %q, want %q", tt.name, got.Warnings, tt.warn)
		}
		// encoding/xml, with no CharsetReader, reads the same text.
		d := xml.NewDecoder(bytes.NewReader(got.Bytes))
		d.Strict = false
		var text strings.Builder
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("%s: encoding/xml: %v in %q", tt.name, err, got.Bytes)
				break
			}
			if c, ok := tok.(xml.CharData); ok {
				text.Write(c)
			}
		}
		want := "Договор条约"
		if tt.enc == "windows-1251" {
			want = "Договор"
		}
		if got := strings.TrimSpace(text.String()); got != want {
			t.Errorf("%s: text %q, want %q", tt.name, got, want)
		}
	}
}

// TestDecodeXMLKeepsPlaces checks that blanking out the declared encoding
// moves nothing: columns after it stay where they were.
func TestDecodeXMLKeepsPlaces(t *testing.T) {
	in := []byte(`<?xml version="1.0" encoding="windows-1251"?><doc>` + "\xc4</doc>")
	got, err := DecodeXML(in)
	if err != nil {
		t.Fatal(err)
	}
	want := `<?xml version="1.0"` + strings.Repeat(" ", 24) + `?><doc>Д</doc>`
	if string(got.Bytes) != want {
		t.Errorf("got  %q\nwant %q", got.Bytes, want)
	}
}

// TestDecodeXMLRefuses checks what is not an XML document, or not in its
// encoding, is refused with its kind, place and what was found.
func TestDecodeXMLRefuses(t *testing.T) {
	tests := []struct {
		name  string
		in    []byte
		kind  error
		found string
		want  string
	}{
		{"empty", nil, ErrEmpty, "", "1:1: the file is empty"},
		{"white space", []byte(" \r\n\t\n"), ErrEmpty, "", "1:1: the file is empty"},
		{"a mark only", []byte("\ufeff"), ErrEmpty, "", "1:1: the file is empty"},
		{"UTF-16 mark only", []byte{0xff, 0xfe}, ErrEmpty, "", "1:1: the file is empty"},
		{"a DOCX", []byte("PK\x03\x04\x14\x00\x06\x00"), ErrNotText, "a ZIP package (a DOCX, XLSX, ODT or EPUB file?)", "1:1: this is a ZIP package"},
		{"a PDF", []byte("%PDF-1.4\n"), ErrNotText, "a PDF document", "1:1: this is a PDF document"},
		{"an HTML page", []byte("<!DOCTYPE html>\n<html><body>Sign in</body></html>"), ErrNotXML, "an HTML page", "1:1: this is an HTML page, not XML (a web page saved in its place?)"},
		{"an HTML page after a comment", []byte("<!-- saved from url -->\n<HTML><BODY>Not found</BODY></HTML>"), ErrNotXML, "an HTML page", "1:1: this is an HTML page"},
		{"a word before the declaration", []byte("garbage<?xml version=\"1.0\"?>" + xmlDoc), ErrNotXML, "", `1:1: "garbage" before the root element <doc>`},
		{"a line before the root", []byte("<?xml version=\"1.0\"?>\n\n  Exported by tool X\n" + xmlDoc), ErrNotXML, "", `3:3: "Exported by tool X" before the root element <doc>`},
		{"a stray < before the root", []byte("<?xml version=\"1.0\"?>\n< " + xmlDoc), ErrNotXML, "", `2:1: "<" before the root element <doc>`},
		{"Chinese before the root, in UTF-16", append([]byte{0xff, 0xfe}, encode(t, u16le, "条约 "+xmlDoc)...), ErrNotXML, "", `1:1: "条约" before the root element <doc>`},
		{"plain text", []byte("Договор\t条约\n"), ErrNotXML, "", `1:1: "Договор\t条约" where the root element should be, and no element after it: this is not XML`},
		{"JSON", []byte(`{"source": "Договор"}`), ErrNotXML, "", `1:1: "{\"source\": \"Договор\"}" where the root element`},
		{"only a declaration", []byte(`<?xml version="1.0"?>`), ErrNotXML, "", "1:1: no XML element found"},
		{"an unterminated comment", []byte(`<!-- <doc/>`), ErrNotXML, "", `1:1: "<!--" before the root element <doc>`},
		{"invalid UTF-8", []byte("<doc>\n  ab\xe9</doc>"), ErrEncoding, "", "2:5: invalid UTF-8 (byte 0xe9); save the file as UTF-8, or name its encoding in the XML declaration"},
		{"invalid UTF-8 declared", []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<doc>\xe9</doc>"), ErrEncoding, "", "2:6: invalid UTF-8 (byte 0xe9); save the file as UTF-8"},
		{"unknown encoding", []byte(`<?xml version="1.0" encoding="x-klingon"?><doc/>`), ErrEncoding, "", `1:1: the XML declaration names encoding "x-klingon", which is not known`},
		{"not in the declared encoding", []byte(`<?xml version="1.0" encoding="GB18030"?>` + "\n<doc>\xc4\xe3\xff\xff</doc>"), ErrEncoding, "", "2:7: a byte that is not GB18030"},
		{"Russian in 1251 undeclared", append([]byte("<doc>"), encode(t, charmap.Windows1251, russian+"</doc>")...), ErrEncoding, "", "1:6: invalid UTF-8 (byte 0xc4)"},
		{"NUL in UTF-8", []byte("<doc>a\x00</doc>"), ErrNotText, "a binary file", "1:7: NUL byte"},
		{"a lone surrogate", append([]byte{0xff, 0xfe}, encode(t, u16le, "<doc>")...), ErrNotXML, "", ""},
	}
	tests[len(tests)-1].in = append(tests[len(tests)-1].in, 0x00, 0xd8, '<', 0)
	tests[len(tests)-1].kind, tests[len(tests)-1].want = ErrEncoding, "1:6: not valid UTF-16: a lone surrogate 0xd800"
	for _, tt := range tests {
		got, err := DecodeXML(tt.in)
		if err == nil {
			t.Errorf("%s: read %q", tt.name, got.Bytes)
			continue
		}
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, tt.kind) || e.Found != tt.found {
			t.Errorf("%s: error %#v, want kind %v, found %q", tt.name, err, tt.kind, tt.found)
		}
		if !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s:\n got %v\nwant %s…", tt.name, err, tt.want)
		}
	}
}

// FuzzDecodeXML checks that DecodeXML never panics and returns valid UTF-8
// whose declaration, if any, encoding/xml accepts, or an *Error with a
// place.
func FuzzDecodeXML(f *testing.F) {
	f.Add([]byte(xmlDoc))
	f.Add([]byte("\ufeff<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + xmlDoc))
	f.Add([]byte("<?xml version='1.0' encoding='windows-1251'?><a>\xc4</a>"))
	f.Add([]byte("<!DOCTYPE x [<!ENTITY a \"]>\">]><x/>"))
	f.Add([]byte("junk <x/>"))
	f.Add(append([]byte{0xfe, 0xff}, mustEncode(u16be, "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>")...))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := DecodeXML(b)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Line < 1 || e.Col < 1 || e.Kind == nil || strings.Contains(e.Msg, "\n") {
				t.Fatalf("bad error %#v", err)
			}
			return
		}
		if !utf8.Valid(got.Bytes) || bytes.IndexByte(got.Bytes, 0) >= 0 {
			t.Fatalf("result %q is not UTF-8 text", got.Bytes)
		}
		if enc, _ := declaration(got.Bytes); enc != "" && !strings.EqualFold(enc, "utf-8") {
			t.Fatalf("result declares %q: %q", enc, got.Bytes)
		}
	})
}

// TestDecodeDeclared reads text whose container names its encoding: the
// label decides, but a byte-order mark wins over it, with a warning.
func TestDecodeDeclared(t *testing.T) {
	tests := []struct {
		name, label string
		in          []byte
		text, enc   string
		warn        string
	}{
		{"windows-1251", "windows-1251", encode(t, charmap.Windows1251, "Договор"), "Договор", "windows-1251", ""},
		{"cp1251 alias", "cp1251", encode(t, charmap.Windows1251, "Договор"), "Договор", "cp1251", ""},
		{"GBK, too short to guess", "gbk", encode(t, simplifiedchinese.GBK, "条约"), "条约", "gbk", ""},
		{"UTF-8", "utf-8", []byte("条约"), "条约", "UTF-8", ""},
		{"UTF-8 mark and UTF-8 label", "UTF-8", []byte("\ufeff条约"), "条约", "UTF-8", ""},
		{"UTF-8 mark wins", "windows-1252", []byte("\ufeffДоговор"), "Договор", "UTF-8", "the charset declaration says windows-1252, but the file begins with a UTF-8 byte-order mark: read as UTF-8"},
		{"UTF-16 mark wins", "iso-8859-1", append([]byte{0xff, 0xfe}, encode(t, u16le, "条约")...), "条约", "UTF-16LE", "the charset declaration says iso-8859-1, but the file begins with a UTF-16 byte-order mark: read as UTF-16"},
		{"no label: Decode", "", encode(t, charmap.Windows1251, russian), russian, "windows-1251", "the file is not UTF-8; read as windows-1251"},
	}
	for _, tt := range tests {
		got, err := DecodeDeclared(tt.in, tt.label)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if string(got.Bytes) != tt.text || got.Encoding != tt.enc {
			t.Errorf("%s: read %q as %s", tt.name, got.Bytes, got.Encoding)
		}
		if tt.warn == "" && len(got.Warnings) > 0 || tt.warn != "" && (len(got.Warnings) != 1 || !strings.HasPrefix(got.Warnings[0], tt.warn)) {
			t.Errorf("%s: warnings %q, want %q", tt.name, got.Warnings, tt.warn)
		}
	}
	for _, tt := range []struct{ name, label, in, want string }{
		{"unknown label", "x-klingon", "abc", `1:1: the charset declaration names encoding "x-klingon", which is not known`},
		{"not in the label", "gbk", "ok\n\xc4\xe3\xff\xfe", "2:2: a byte that is not gbk, the encoding the charset declaration names"},
		{"invalid UTF-8", "utf-8", "ok\xff", "1:3: invalid UTF-8 (byte 0xff)"},
		{"a PDF", "utf-8", "%PDF-1.4", "1:1: this is a PDF document"},
		{"NUL", "windows-1251", "a\x00", "1:2: NUL byte"},
	} {
		_, err := DecodeDeclared([]byte(tt.in), tt.label)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want %s…", tt.name, err, tt.want)
		}
	}
}
