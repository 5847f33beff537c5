package markdown

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/tandemforum/tandem/internal/textenc"
)

func encodeAs(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestEncodings reads one manuscript, with front matter, saved in each
// encoding an editor may use: the same document each time, with a
// warning only where the encoding was guessed.
func TestEncodings(t *testing.T) {
	const ru = "---\ntitle: Двадцать лет договора\nlang: ru\n---\n\n# Введение\n\nДве академии провели совместный форум, посвящённый *двадцатилетию* договора о добрососедстве.\n"
	const zh = "---\ntitle: 条约签署二十周年\nlang: zh\n---\n\n# 前言\n\n两国学术界共同举办论坛，纪念睦邻友好合作条约签署二十周年。\n"
	u16le := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	u16be := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	tests := []struct {
		name, text string
		in         []byte
		warn       string
	}{
		{"UTF-8 with mark", ru, []byte("\ufeff" + ru), ""},
		{"UTF-16LE with mark", ru, append([]byte{0xff, 0xfe}, encodeAs(t, u16le, ru)...), ""},
		{"UTF-16BE with mark", zh, append([]byte{0xfe, 0xff}, encodeAs(t, u16be, zh)...), ""},
		{"UTF-16LE without mark", zh, encodeAs(t, u16le, zh), ""},
		{"Windows-1251", ru, encodeAs(t, charmap.Windows1251, ru), "the file is not UTF-8; read as windows-1251"},
		{"GB18030", zh, encodeAs(t, simplifiedchinese.GB18030, zh), "the file is not UTF-8; read as GB18030"},
	}
	for _, tt := range tests {
		want, err := Read([]byte(tt.text), "", Limits{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := Read(tt.in, "", Limits{})
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got.Title != want.Title || got.Lang != want.Lang || !reflect.DeepEqual(got.Blocks, want.Blocks) {
			t.Errorf("%s: read title %q, lang %q, blocks %+v", tt.name, got.Title, got.Lang, got.Blocks)
		}
		switch {
		case tt.warn == "" && len(got.Warnings) > 0:
			t.Errorf("%s: warnings %q", tt.name, got.Warnings)
		case tt.warn != "" && (len(got.Warnings) != 1 || !strings.HasPrefix(got.Warnings[0], tt.warn)):
			t.Errorf("%s: warnings %q, want %q…", tt.name, got.Warnings, tt.warn)
		}
	}
}

// TestReadFileNotText checks that ReadFile names the file, the place and
// what it found.
func TestReadFileNotText(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ name, content, want string }{
		{"latin1.md", "# Titre\n\nLe trait\xe9.\n", "latin1.md:3:9: invalid UTF-8 (byte 0xe9)"},
		{"report.md", "%PDF-1.7\n", "report.md:1:1: this is a PDF document, not text"},
	} {
		p := filepath.Join(dir, tt.name)
		if err := os.WriteFile(p, []byte(tt.content), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadFile(p, "fr", Limits{})
		if err == nil || !strings.HasPrefix(err.Error(), filepath.Join(dir, tt.want)) {
			t.Errorf("%s: got %v, want %s…", tt.name, err, tt.want)
		}
		var e *textenc.Error
		if !errors.As(err, &e) {
			t.Errorf("%s: %T is no *textenc.Error", tt.name, err)
		}
	}
}
