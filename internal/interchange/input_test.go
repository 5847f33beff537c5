package interchange

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// xmlReader is one of the XML readers with a small good file of its kind
// holding the Russian word "Договор" and the Chinese "条约".
type xmlReader struct {
	name string
	doc  string // without XML declaration
	// read reads a file and returns its Russian and Chinese texts.
	read func(r io.Reader, file string) (ru, zh string, warnings []Warning, err error)
}

var xmlReaders = []xmlReader{
	{
		name: "XLIFF",
		doc:  `<xliff version="1.2"><file source-language="ru" target-language="zh"><body><trans-unit id="1"><source>Договор</source><target>条约</target></trans-unit></body></file></xliff>`,
		read: func(r io.Reader, file string) (string, string, []Warning, error) {
			x, err := ReadXLIFF(r, file)
			if err != nil {
				return "", "", nil, err
			}
			if len(x.Units()) != 1 {
				return "", "", x.Warnings, nil
			}
			s := x.Units()[0].Segments[0]
			return s.Source.Plain(), s.Target.Plain(), x.Warnings, nil
		},
	},
	{
		name: "TMX",
		doc:  `<tmx version="1.4"><header srclang="ru"/><body><tu><tuv xml:lang="ru"><seg>Договор</seg></tuv><tuv xml:lang="zh"><seg>条约</seg></tuv></tu></body></tmx>`,
		read: func(r io.Reader, file string) (string, string, []Warning, error) {
			t, err := ReadTMX(r, file)
			if err != nil {
				return "", "", nil, err
			}
			if len(t.Units) != 1 {
				return "", "", t.Warnings, nil
			}
			ru, _ := t.Units[0].Text("ru")
			zh, _ := t.Units[0].Text("zh")
			return ru, zh, t.Warnings, nil
		},
	},
	{
		name: "TBX",
		doc:  `<martif type="TBX"><text><body><termEntry id="c1"><langSet xml:lang="ru"><tig><term>Договор</term></tig></langSet><langSet xml:lang="zh"><tig><term>条约</term></tig></langSet></termEntry></body></text></martif>`,
		read: func(r io.Reader, file string) (string, string, []Warning, error) {
			tb, err := ReadTBX(r, file)
			if err != nil {
				return "", "", nil, err
			}
			var ru, zh string
			if len(tb.Entries) == 1 {
				if t := tb.Entries[0].In("ru"); len(t) == 1 {
					ru = t[0].Text
				}
				if t := tb.Entries[0].In("zh"); len(t) == 1 {
					zh = t[0].Text
				}
			}
			return ru, zh, tb.Warnings, nil
		},
	},
}

func utf16le(s string) []byte {
	b, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
	return b
}

func utf16be(s string) []byte {
	b, _ := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
	return b
}

func utf32le(s string) []byte {
	b, _ := utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM).NewEncoder().Bytes([]byte(s))
	return b
}

// TestUnicodeInput reads each XML reader's file in every way Unicode text
// is saved: with the byte-order mark Trados, memoQ and Okapi put before
// the declaration, in UTF-16 and UTF-32 with and without a mark, with
// white space before the declaration, and with a declaration that
// contradicts the mark (read by the mark, with a warning).
func TestUnicodeInput(t *testing.T) {
	const decl = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"
	tests := []struct {
		name string
		make func(doc string) []byte
		warn string // a warning wanted on line 1, or ""
	}{
		{"UTF-8 mark before the declaration", func(d string) []byte { return []byte("\ufeff" + decl + d) }, ""},
		{"UTF-8 mark, no declaration", func(d string) []byte { return []byte("\ufeff" + d) }, ""},
		{"UTF-8 mark and a lower-case declaration", func(d string) []byte {
			return []byte("\ufeff<?xml version='1.0' encoding='utf-8'?>\r\n" + d)
		}, ""},
		{"white space before the declaration", func(d string) []byte { return []byte("\n  \t\n" + decl + d) }, ""},
		{"UTF-8 mark, then white space", func(d string) []byte { return []byte("\ufeff\r\n" + decl + d) }, ""},
		{"UTF-16 LE with mark", func(d string) []byte {
			return append([]byte{0xff, 0xfe}, utf16le(`<?xml version="1.0" encoding="UTF-16"?>`+d)...)
		}, ""},
		{"UTF-16 BE with mark", func(d string) []byte {
			return append([]byte{0xfe, 0xff}, utf16be(`<?xml version="1.0" encoding="UTF-16"?>`+d)...)
		}, ""},
		{"UTF-16 LE without mark", func(d string) []byte { return utf16le(`<?xml version="1.0" encoding="UTF-16"?>` + d) }, ""},
		{"UTF-16 BE without mark", func(d string) []byte { return utf16be(`<?xml version="1.0" encoding="UTF-16"?>` + d) }, ""},
		{"UTF-32 LE with mark", func(d string) []byte {
			return append([]byte{0xff, 0xfe, 0, 0}, utf32le(`<?xml version="1.0" encoding="UTF-32"?>`+d)...)
		}, ""},
		{"UTF-8 mark, declaration says windows-1251", func(d string) []byte {
			return []byte("\ufeff<?xml version=\"1.0\" encoding=\"windows-1251\"?>" + d)
		}, "the XML declaration says windows-1251, but the file is written in UTF-8"},
		{"UTF-8 without mark, declaration says UTF-16", func(d string) []byte {
			return []byte("<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + d)
		}, "the XML declaration says UTF-16, but the file is written in an 8-bit encoding"},
		{"UTF-16 with mark, declaration says UTF-8", func(d string) []byte {
			return append([]byte{0xff, 0xfe}, utf16le(decl+d)...)
		}, "the XML declaration says UTF-8, but the file is written in UTF-16"},
	}
	for _, rdr := range xmlReaders {
		for _, tt := range tests {
			ru, zh, warnings, err := rdr.read(bytes.NewReader(tt.make(rdr.doc)), "in")
			if err != nil {
				t.Errorf("%s, %s: %v", rdr.name, tt.name, err)
				continue
			}
			if ru != "Договор" || zh != "条约" {
				t.Errorf("%s, %s: read %q and %q", rdr.name, tt.name, ru, zh)
			}
			switch {
			case tt.warn == "" && len(warnings) > 0:
				t.Errorf("%s, %s: warnings %v", rdr.name, tt.name, warnings)
			case tt.warn != "" && (len(warnings) != 1 || warnings[0].Line != 1 || !strings.Contains(warnings[0].Msg, tt.warn)):
				t.Errorf("%s, %s: warnings %v, want one on line 1 saying %q", rdr.name, tt.name, warnings, tt.warn)
			}
		}
	}
}

// TestNotTheFormat gives each XML reader things that are not its format
// and checks that the error says what was found and where.
func TestNotTheFormat(t *testing.T) {
	// {ROOT} stands for the reader's root element, {WHAT} for its format.
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "in:1:1: the file is empty"},
		{"white space", " \r\n\t\n", "in:1:1: the file is empty"},
		{"a byte-order mark only", "\ufeff", "in:1:1: the file is empty"},
		{"a word before the declaration", "garbage<?xml version=\"1.0\"?>{DOC}", `in:1:1: "garbage" before the root element <{ROOT}>`},
		{"a line before the root", "<?xml version=\"1.0\"?>\n\n  Exported by tool X\n{DOC}", `in:3:3: "Exported by tool X" before the root element <{ROOT}>`},
		{"plain text", "Договор\t条约\n", `in:1:1: "Договор\t条约" where the root element should be, and no element after it: this is not XML`},
		{"JSON", `{"source": "Договор"}`, `in:1:1: "{\"source\": \"Договор\"}" where the root element should be`},
		{"text after the root", "{DOC}\n\nsome junk\n", `in:3:1: "some junk" after the end of the root element <{ROOT}>`},
		{"a second document after the first", "{DOC}\n{DOC}", "a second root element <{ROOT}> after the end of <{ROOT}>"},
		{"an HTML page", "<!DOCTYPE html>\n<html><head><meta charset=utf-8><title>Sign in</title></head><body><p>Sign in</body></html>", "in:1:1: this is an HTML page, not {WHAT}"},
		{"an HTML page after a comment", "<!-- saved from url -->\n<HTML><BODY>Not found</BODY></HTML>", "in:1:1: this is an HTML page, not {WHAT}"},
		{"XHTML", "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>", "in:1:22: root element <html>: this is an HTML page, not {WHAT}"},
		{"a ZIP package", "PK\x03\x04\x14\x00\x06\x00", "in:1:1: this is a ZIP package (a DOCX, XLSX, ODT or EPUB file?), not {WHAT}"},
		{"a PDF", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "in:1:1: this is a PDF document, not {WHAT}"},
		{"an SRX file", "<?xml version=\"1.0\"?>\n<srx version=\"2.0\"><header/><body/></srx>", "in:2:1: root element <srx>: this is an SRX rule file, not {WHAT}"},
		{"another XML", "<?xml version=\"1.0\"?>\n<catalog><book/></catalog>", "in:2:1: root element <catalog>, want <{ROOT}>"},
		{"malformed XML", "<?xml version=\"1.0\"?>\n<{ROOT}>\n<a></b></{ROOT}>", "in:3:"},
	}
	roots := map[string]string{"XLIFF": "xliff", "TMX": "tmx", "TBX": "martif"}
	whats := map[string]string{"XLIFF": "an XLIFF file", "TMX": "a TMX file", "TBX": "a TBX termbase"}
	for _, rdr := range xmlReaders {
		fill := func(s string) string {
			s = strings.ReplaceAll(s, "{DOC}", rdr.doc)
			s = strings.ReplaceAll(s, "{ROOT}", roots[rdr.name])
			return strings.ReplaceAll(s, "{WHAT}", whats[rdr.name])
		}
		for _, tt := range tests {
			in := fill(tt.in)
			_, _, _, err := rdr.read(strings.NewReader(in), "in")
			want := fill(tt.want)
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s, %s:\n got %v\nwant %s", rdr.name, tt.name, err, want)
			}
		}
	}
}

// TestGlossaryInput reads a TSV glossary saved as UTF-8 with a mark and as
// the UTF-16 "Unicode text" spreadsheets write, and refuses files that
// are no glossary.
func TestGlossaryInput(t *testing.T) {
	const g = "Договор\t条约\tthe 2001 treaty\r\nфорум\t论坛\r\n"
	for _, in := range [][]byte{
		[]byte("\ufeff" + g),
		append([]byte{0xff, 0xfe}, utf16le(g)...),
		append([]byte{0xfe, 0xff}, utf16be(g)...),
	} {
		tb, err := ReadTSV(bytes.NewReader(in), "g.tsv", "ru", "zh")
		if err != nil {
			t.Errorf("% x…: %v", in[:4], err)
			continue
		}
		if len(tb.Entries) != 2 || tb.Entries[0].Terms[0].Text != "Договор" || tb.Entries[1].Terms[1].Text != "论坛" || len(tb.Warnings) != 0 {
			t.Errorf("% x…: read %+v", in[:4], tb)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"", "g.tsv:1:1: the file is empty"},
		{"\ufeff\n\n", "g.tsv:1:1: the file is empty"},
		{"PK\x03\x04\x14\x00", "g.tsv:1:1: this is a ZIP package (a DOCX, XLSX, ODT or EPUB file?), not a tab-separated glossary"},
		{"a\tb\nc\x00\td\n", "g.tsv:2:2: NUL byte"},
		{"ab\xff\tc\n", "g.tsv:1:3: invalid UTF-8"},
	} {
		_, err := ReadTSV(strings.NewReader(tt.in), "g.tsv", "ru", "zh")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: got %v, want %q", tt.in, err, tt.want)
		}
	}
}

// TestGlossaryLegacyEncoding reads glossaries saved as "ANSI" on Chinese
// and Russian Windows, with a warning that says how they were read, and
// refuses a Latin-1 one with the place of its first accented letter.
func TestGlossaryLegacyEncoding(t *testing.T) {
	const zh = "条约\t条约的正式名称\n睦邻友好合作\t两国关系的基础\n学术论坛\t两国研究机构共同举办\n"
	const ru = "договор\tДоговор о добрососедстве, дружбе и сотрудничестве\nфорум\tсовместный научный форум\n"
	// Each glossary is in one language (a term and a longer form of it),
	// so that its encoding is clearly Chinese or Russian.
	for _, tt := range []struct {
		name, lang string
		in         []byte
		want       string
		warn       string
	}{
		{"GBK", "zh", mustEncode(t, simplifiedchinese.GBK, zh), "条约的正式名称", "read as GB18030"},
		{"Windows-1251", "ru", mustEncode(t, charmap.Windows1251, ru), "Договор о добрососедстве, дружбе и сотрудничестве", "read as windows-1251"},
	} {
		tb, err := ReadTSV(bytes.NewReader(tt.in), "g.tsv", tt.lang, tt.lang)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if len(tb.Entries) < 2 || tb.Entries[0].Terms[1].Text != tt.want {
			t.Errorf("%s: read %+v", tt.name, tb.Entries)
		}
		if len(tb.Warnings) != 1 || !strings.Contains(tb.Warnings[0].String(), "g.tsv: warning: the file is not UTF-8; "+tt.warn) {
			t.Errorf("%s: warnings %v", tt.name, tb.Warnings)
		}
	}
	_, err := ReadTSV(bytes.NewReader(mustEncode(t, charmap.ISO8859_1, "traité\ttraité de bon voisinage\n")), "g.tsv", "fr", "fr")
	if err == nil || !strings.HasPrefix(err.Error(), "g.tsv:1:6: invalid UTF-8") {
		t.Errorf("Latin-1: got %v", err)
	}
}

func mustEncode(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
