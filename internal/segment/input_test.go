package segment

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func encodeAs(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var (
	utf16LE = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	utf16BE = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
)

// TestSRXEncodings reads one SRX file saved as the tools that write SRX
// save it: UTF-8 with and without a mark, UTF-16 with a mark (and a
// declaration that says so, or one left saying UTF-8), and without one.
func TestSRXEncodings(t *testing.T) {
	src, err := os.ReadFile("testdata/basic.srx")
	if err != nil {
		t.Fatal(err)
	}
	utf16Decl := strings.Replace(string(src), `encoding="UTF-8"`, `encoding="UTF-16"`, 1)
	tests := []struct {
		name string
		in   []byte
		warn string
	}{
		{"UTF-8", src, ""},
		{"UTF-8 with mark", append([]byte("\ufeff"), src...), ""},
		{"UTF-16LE with mark", append([]byte{0xff, 0xfe}, encodeAs(t, utf16LE, utf16Decl)...), ""},
		{"UTF-16BE with mark", append([]byte{0xfe, 0xff}, encodeAs(t, utf16BE, utf16Decl)...), ""},
		{"UTF-16LE without mark", encodeAs(t, utf16LE, utf16Decl), ""},
		{"UTF-16LE with mark, declaration left as UTF-8", append([]byte{0xff, 0xfe}, encodeAs(t, utf16LE, string(src))...),
			"r.srx:1: warning: the XML declaration says UTF-8, but the file is written in UTF-16: read as UTF-16"},
	}
	const text = "Доклад сделал проф. Иванов. Затем С. В. Лавров ответил. Всё."
	want := []string{"Доклад сделал проф. Иванов.", "Затем С. В. Лавров ответил.", "Всё."}
	for _, tt := range tests {
		s, err := ReadSRX(bytes.NewReader(tt.in), "r.srx")
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		sp, err := s.ForLanguage("ru")
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got := Strings(sp, text); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: segmented %q", tt.name, got)
		}
		switch {
		case tt.warn == "" && len(s.Warnings) > 0:
			t.Errorf("%s: warnings %q", tt.name, s.Warnings)
		case tt.warn != "" && !reflect.DeepEqual(s.Warnings, []string{tt.warn}):
			t.Errorf("%s: warnings %q, want %q", tt.name, s.Warnings, tt.warn)
		}
	}
}

// TestSRXNotSRX gives ReadSRX files that are not SRX documents: each is
// refused with what was found and where, never read as an empty rule set.
func TestSRXNotSRX(t *testing.T) {
	const doc = `<srx version="2.0"><header/><body><languagerules/><maprules/></body></srx>`
	tests := []struct{ name, in, want string }{
		{"junk before the root", "Exported by tool X\n" + doc, `bad.srx:1:1: "Exported by tool X" before the root element <srx>`},
		{"junk before the declaration", "garbage<?xml version=\"1.0\"?>\n" + doc, `bad.srx:1:1: "garbage" before the root element <srx>`},
		{"junk after the root", doc + "\n\n  trailing words\n", `bad.srx:3:3: "trailing words" after the end of the root element <srx>`},
		{"a second root", doc + "\n" + doc, "bad.srx:2:1: a second root element <srx> after the end of <srx>"},
		{"another root", "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\"><file/></xliff>", "bad.srx:2:1: root element <xliff>, want <srx>: this is not an SRX rule file"},
		{"plain text", "Доклад сделал проф. Иванов.\n", `bad.srx:1:1: "Доклад сделал проф. Иванов." where the root element should be`},
		{"an HTML page", "<!DOCTYPE html><html><body>404</body></html>", "bad.srx:1:1: this is an HTML page, not an SRX rule file"},
		{"a ZIP package", "PK\x03\x04\x14\x00", "bad.srx:1:1: this is a ZIP package (a DOCX, XLSX, ODT or EPUB file?), not an SRX rule file"},
		{"Latin-1 without a declaration", "<srx version=\"2.0\"><header/><body><languagerules><languagerule languagerulename=\"fr\"><rule><beforebreak>M\xe9</beforebreak></rule></languagerule></languagerules></body></srx>",
			"bad.srx:1:106: invalid UTF-8 (byte 0xe9)"},
	}
	for _, tt := range tests {
		_, err := ReadSRX(strings.NewReader(tt.in), "bad.srx")
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s:\n got %v\nwant %s…", tt.name, err, tt.want)
		}
	}
}

// TestRuleFileEncodings reads one rule file in UTF-8 with and without a
// mark, in UTF-16, and in Windows-1251 as Notepad saves it on a Russian
// Windows (with a warning), and refuses what is not a rule file.
func TestRuleFileEncodings(t *testing.T) {
	const rules = "# проектные сокращения\r\nnever засл.\r\nnever докт.\r\nstarters Впрочем\r\n"
	const text = "Доклад сделал засл. Деятель искусств."
	tests := []struct {
		name string
		in   []byte
		warn string
	}{
		{"UTF-8", []byte(rules), ""},
		{"UTF-8 with mark", []byte("\ufeff" + rules), ""},
		{"UTF-16LE with mark", append([]byte{0xff, 0xfe}, encodeAs(t, utf16LE, rules)...), ""},
		{"UTF-16BE with mark", append([]byte{0xfe, 0xff}, encodeAs(t, utf16BE, rules)...), ""},
		{"UTF-16LE without mark", encodeAs(t, utf16LE, rules), ""},
		{"Windows-1251", encodeAs(t, charmap.Windows1251, rules), "p.txt: warning: the file is not UTF-8; read as windows-1251"},
	}
	for _, tt := range tests {
		r := MustFor("ru")
		if err := r.Read(bytes.NewReader(tt.in), "p.txt"); err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got := Strings(r, text); len(got) != 1 {
			t.Errorf("%s: засл. not read: %q", tt.name, got)
		}
		switch {
		case tt.warn == "" && len(r.Warnings) > 0:
			t.Errorf("%s: warnings %q", tt.name, r.Warnings)
		case tt.warn != "" && (len(r.Warnings) != 1 || !strings.HasPrefix(r.Warnings[0], tt.warn)):
			t.Errorf("%s: warnings %q, want %q…", tt.name, r.Warnings, tt.warn)
		}
	}
	for _, tt := range []struct{ name, in, want string }{
		{"a Word file", "PK\x03\x04\x14\x00", "p.txt:1:1: this is a ZIP package (a DOCX, XLSX, ODT or EPUB file?), not text"},
		{"Latin-1", "never M\xe9d.\n", "p.txt:1:8: invalid UTF-8 (byte 0xe9)"},
	} {
		err := MustFor("ru").Read(strings.NewReader(tt.in), "p.txt")
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s:\n got %v\nwant %s…", tt.name, err, tt.want)
		}
	}
}
