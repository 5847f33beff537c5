package translate

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestTermbaseFormat tells TBX from TSV by the content, whatever the
// file is called or the form says.
func TestTermbaseFormat(t *testing.T) {
	tbx, err := os.ReadFile(filepath.Join("testdata", "treaty.tbx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, data, want string }{
		{"TBX v2 file", string(tbx), "tbx"},
		{"TBX v3 with declaration and BOM", "\uFEFF<?xml version=\"1.0\"?>\n<!-- termbase -->\n<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\"></tbx>", "tbx"},
		{"martif after blank lines", "\n\n  <martif type=\"TBX\">", "tbx"},
		{"UTF-16 XML", "\xFF\xFE<\x00m\x00", "tbx"},
		{"other XML", "<?xml version=\"1.0\"?><glossary/>", "tbx"},
		{"TSV with language header", "zh\tru\n外交部\tМИД\n", "tsv"},
		{"TSV with BOM", "\uFEFF外交部\tМИД\n", "tsv"},
		{"TSV whose first term begins with <", "<b>条约</b>\tДоговор\n", "tsv"},
		{"plain text", "a glossary\n", "tsv"},
		{"empty", "", "tsv"},
	} {
		if got := TermbaseFormat([]byte(c.data)); got != c.want {
			t.Errorf("%s: %s; want %s", c.name, got, c.want)
		}
	}
}

// FuzzTermbaseFormat sniffs any bytes: it never panics, answers one of the
// two formats, and takes a file that does not begin with "<" (after a
// byte-order mark and blanks) for TSV.
func FuzzTermbaseFormat(f *testing.F) {
	if data, err := os.ReadFile(filepath.Join("testdata", "treaty.tbx")); err == nil {
		f.Add(data)
	}
	f.Add([]byte("zh\tru\n外交部\tМИД\n"))
	f.Add([]byte("<tbx><text/></tbx>"))
	f.Add([]byte("<a\tb"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got := TermbaseFormat(data)
		if got != "tbx" && got != "tsv" {
			t.Fatalf("format %q", got)
		}
		rest := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\uFEFF")), " \t\r\n")
		utf16 := bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE})
		if !utf16 && !bytes.HasPrefix(rest, []byte("<")) && got != "tsv" {
			t.Fatalf("%q taken for TBX", data)
		}
	})
}
