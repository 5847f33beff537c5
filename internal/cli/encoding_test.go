package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// saved is a text as an editor saves it in some encoding.
type saved struct {
	name string
	save func(t *testing.T, s string) []byte
	warn string // what standard error must say, or "" for nothing
}

func encodeWith(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var savedAs = []saved{
	{"UTF-8", func(t *testing.T, s string) []byte { return []byte(s) }, ""},
	{"UTF-8 with mark", func(t *testing.T, s string) []byte { return []byte("\ufeff" + s) }, ""},
	{"UTF-16LE with mark", func(t *testing.T, s string) []byte {
		return append([]byte{0xff, 0xfe}, encodeWith(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), s)...)
	}, ""},
	{"UTF-16BE with mark", func(t *testing.T, s string) []byte {
		return append([]byte{0xfe, 0xff}, encodeWith(t, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), s)...)
	}, ""},
}

func writeBytes(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSegmentInputEncodings segments a text, and reads a rule file and an
// SRX file, saved in each encoding editors use; a legacy one is read with a
// warning, and a file that is not text is refused by name.
func TestSegmentInputEncodings(t *testing.T) {
	dir := t.TempDir()
	const ru = "Доклад сделал засл. Деятель искусств. Затем выступил проф. Иванов.\n"
	const want = "Доклад сделал засл. Деятель искусств.\nЗатем выступил проф. Иванов.\n"
	const rules = "# проект\r\nnever засл.\r\n"
	srx, err := os.ReadFile("../segment/testdata/basic.srx")
	if err != nil {
		t.Fatal(err)
	}
	srx16 := strings.Replace(string(srx), `encoding="UTF-8"`, `encoding="UTF-16"`, 1)
	legacy := saved{"Windows-1251", func(t *testing.T, s string) []byte { return encodeWith(t, charmap.Windows1251, s) }, "warning: the file is not UTF-8; read as windows-1251"}
	for _, sv := range append(savedAs, legacy) {
		in := writeBytes(t, dir, "in.txt", sv.save(t, ru))
		code, out, stderr := runCLI(t, nil, "segment", "--lang", "ru", in)
		if code != 0 || out != "Доклад сделал засл.\nДеятель искусств.\nЗатем выступил проф. Иванов.\n" || !warned(stderr, in, sv.warn) {
			t.Errorf("text in %s: exit %d, stderr %q, output %q", sv.name, code, stderr, out)
		}
		r := writeBytes(t, dir, "rules.txt", sv.save(t, rules))
		code, out, stderr = runCLI(t, nil, "segment", "--lang", "ru", "--rules", r, writeLangFile(t, dir, "ru.txt", ru))
		if code != 0 || out != want || !warned(stderr, r, sv.warn) {
			t.Errorf("rules in %s: exit %d, stderr %q, output %q", sv.name, code, stderr, out)
		}
		if sv.warn != "" {
			continue // an SRX file declares its encoding
		}
		s := writeBytes(t, dir, "rules.srx", sv.save(t, srx16))
		code, out, stderr = runCLI(t, nil, "segment", "--lang", "ru", "--srx", s, writeLangFile(t, dir, "ru.txt", "Доклад сделал проф. Иванов. Затем С. В. Лавров ответил.\n"))
		if code != 0 || out != "Доклад сделал проф. Иванов.\nЗатем С. В. Лавров ответил.\n" {
			t.Errorf("SRX in %s: exit %d, stderr %q, output %q", sv.name, code, stderr, out)
		}
	}
	zh := writeBytes(t, dir, "zh.txt", encodeWith(t, simplifiedchinese.GBK, "中俄两国于二〇〇一年签署了睦邻友好合作条约。今年是条约签署二十周年。\n"))
	if code, out, stderr := runCLI(t, nil, "segment", "--lang", "zh", zh); code != 0 || out != "中俄两国于二〇〇一年签署了睦邻友好合作条约。\n今年是条约签署二十周年。\n" || !warned(stderr, zh, "warning: the file is not UTF-8; read as GB18030") {
		t.Errorf("GBK: exit %d, stderr %q, output %q", code, stderr, out)
	}
	for _, tt := range []struct{ flag, name, content, want string }{
		{"", "manuscript.docx", "PK\x03\x04\x14\x00", "manuscript.docx:1:1: this is a ZIP package (a DOCX, XLSX, ODT or EPUB file?), not text"},
		{"", "latin1.txt", "Le trait\xe9 de bon voisinage.\n", "latin1.txt:1:9: invalid UTF-8 (byte 0xe9)"},
		{"--rules", "rules.pdf", "%PDF-1.4\n", "rules.pdf:1:1: this is a PDF document, not text"},
		{"--srx", "junk.srx", "Exported rules\n<srx version=\"2.0\"><body/></srx>", `junk.srx:1:1: "Exported rules" before the root element <srx>`},
		{"--srx", "tmx.srx", "<tmx version=\"1.4\"><body/></tmx>", "tmx.srx:1:1: root element <tmx>, want <srx>: this is not an SRX rule file"},
	} {
		p := writeLangFile(t, dir, tt.name, tt.content)
		args := []string{"segment", "--lang", "ru", p}
		if tt.flag != "" {
			args = []string{"segment", "--lang", "ru", tt.flag, p, writeLangFile(t, dir, "ru.txt", ru)}
		}
		code, out, stderr := runCLI(t, nil, args...)
		if code != 1 || out != "" || !strings.Contains(stderr, tt.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s: exit %d, stdout %q, stderr %q, want %q", tt.name, code, out, stderr, tt.want)
		}
	}
}

// TestAlignInputEncodings aligns a text and its translation saved in each
// encoding editors use, and refuses a side that is not text by name.
func TestAlignInputEncodings(t *testing.T) {
	dir := t.TempDir()
	const zh = "中俄两国于2001年签署了睦邻友好合作条约。\n论坛由两国科学院共同主办。\n"
	const ru = "В 2001 году Россия и Китай подписали Договор о добрососедстве, дружбе и сотрудничестве.\nФорум совместно организовали академии наук двух стран.\n"
	legacy := []saved{
		{"GB18030 and Windows-1251", nil, "warning: the file is not UTF-8; read as "},
	}
	for _, sv := range append(savedAs, legacy...) {
		var src, tgt string
		if sv.save == nil {
			src = writeBytes(t, dir, "zh.txt", encodeWith(t, simplifiedchinese.GB18030, zh))
			tgt = writeBytes(t, dir, "ru.txt", encodeWith(t, charmap.Windows1251, ru))
		} else {
			src = writeBytes(t, dir, "zh.txt", sv.save(t, zh))
			tgt = writeBytes(t, dir, "ru.txt", sv.save(t, ru))
		}
		code, out, stderr := runCLI(t, nil, "align", "--split=false", "--from", "zh", "--to", "ru", src, tgt)
		if code != 0 || out != "[0]:[0]\n[1]:[1]\n" || !warned(stderr, src, sv.warn) || !warned(stderr, tgt, sv.warn) {
			t.Errorf("%s: exit %d, stderr %q, links %q", sv.name, code, stderr, out)
		}
	}
	good := writeLangFile(t, dir, "ru.txt", ru)
	for _, tt := range []struct{ name, content, want string }{
		{"scan.pdf", "%PDF-1.7\n", "scan.pdf:1:1: this is a PDF document, not text"},
		{"old.doc", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "old.doc:1:1: this is an old Office document (DOC or XLS), not text; save it as DOCX"},
		{"data.bin", "abc\x00\x01\x02\x03", "data.bin:1:4: NUL byte: this is not a text file"},
		{"short.txt", "ok\n\xc4\xe3\xba\xc3\n", "short.txt:2:1: invalid UTF-8 (byte 0xc4)"},
	} {
		p := writeLangFile(t, dir, tt.name, tt.content)
		code, out, stderr := runCLI(t, nil, "align", "--from", "zh", "--to", "ru", p, good)
		if code != 1 || out != "" || !strings.Contains(stderr, tt.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s: exit %d, stdout %q, stderr %q, want %q", tt.name, code, out, stderr, tt.want)
		}
	}
}

// warned reports whether stderr has a line "FILE: WARN…" when warn is
// given, and says nothing when it is not.
func warned(stderr, file, warn string) bool {
	if warn == "" {
		return stderr == ""
	}
	return strings.Contains(stderr, file+": "+warn)
}

// TestDocConvertEncodings converts manuscripts saved in UTF-16 and in a
// legacy encoding, and names the place of a byte that is in no encoding.
func TestDocConvertEncodings(t *testing.T) {
	dir := t.TempDir()
	const md = "# Введение\n\nДве академии провели совместный форум, посвящённый двадцатилетию договора.\n"
	for _, sv := range append(savedAs, saved{"Windows-1251", func(t *testing.T, s string) []byte { return encodeWith(t, charmap.Windows1251, s) }, "warning: the file is not UTF-8; read as windows-1251"}) {
		p := writeBytes(t, dir, "ms.md", sv.save(t, md))
		code, out, stderr := runCLI(t, nil, "doc", "convert", "--to", "markdown", "--lang", "ru", p)
		if code != 0 || !strings.Contains(out, "# Введение") || !strings.Contains(out, "посвящённый двадцатилетию") || !warned(stderr, p, sv.warn) {
			t.Errorf("%s: exit %d, stderr %q, output %q", sv.name, code, stderr, out)
		}
	}
	for _, tt := range []struct{ name, content, want string }{
		{"page.html", "<html><head><meta charset=\"utf-8\"></head><body><p>Le trait\xe9.</p></body></html>", "page.html:1:59: invalid UTF-8 (byte 0xe9)"},
		{"notes.md", "# Titre\n\nLe trait\xe9.\n", "notes.md:3:9: invalid UTF-8 (byte 0xe9)"},
	} {
		p := writeLangFile(t, dir, tt.name, tt.content)
		code, out, stderr := runCLI(t, nil, "doc", "convert", "--lang", "fr", p)
		if code != 1 || out != "" || !strings.Contains(stderr, tt.want) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q, want %q", tt.name, code, out, stderr, tt.want)
		}
	}
}
