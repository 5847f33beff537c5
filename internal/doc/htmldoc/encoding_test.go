package htmldoc

import (
	"errors"
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

// TestPageEncodings reads one page in the ways pages are saved: the
// encoding its media type or its <meta> declares, a byte-order mark, or
// nothing declared at all.
func TestPageEncodings(t *testing.T) {
	const ru = "<p>Две академии провели совместный форум, посвящённый двадцатилетию договора о добрососедстве.</p>"
	const zh = "<p>两国学术界共同举办论坛，纪念睦邻友好合作条约签署二十周年。</p>"
	page := func(head, body string) string {
		return "<!DOCTYPE html><html><head>" + head + "<title>t</title></head><body>" + body + "</body></html>"
	}
	// A style sheet long enough to push the text past the first 1024
	// bytes, as converters write.
	style := "<style>" + strings.Repeat("p.MsoNormal{margin:0cm;font-size:12.0pt}\n", 40) + "</style>"
	u16le := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	tests := []struct {
		name        string
		contentType string
		in          []byte
		want        string
		warn        string
	}{
		{"UTF-8 declared by meta", "", []byte(page(`<meta charset="utf-8">`, ru)), "посвящённый двадцатилетию", ""},
		{"windows-1251 declared by meta", "", encodeAs(t, charmap.Windows1251, page(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">`, ru)), "посвящённый двадцатилетию", ""},
		{"GBK declared by the media type", "text/html; charset=gbk", encodeAs(t, simplifiedchinese.GBK, page("", zh)), "纪念睦邻友好合作条约", ""},
		{"UTF-8 with mark", "", []byte("\ufeff" + page("", zh)), "纪念睦邻友好合作条约", ""},
		{"UTF-16 with mark", "", append([]byte{0xff, 0xfe}, encodeAs(t, u16le, page("", zh))...), "纪念睦邻友好合作条约", ""},
		{"UTF-16 without mark", "", encodeAs(t, u16le, page("", ru)), "посвящённый двадцатилетию", ""},
		{"UTF-8 undeclared, after a long head", "", []byte(page(style, zh)), "纪念睦邻友好合作条约", ""},
		{"GB18030 undeclared", "", encodeAs(t, simplifiedchinese.GB18030, page(style, zh)), "纪念睦邻友好合作条约", "the file is not UTF-8; read as GB18030"},
		{"windows-1251 undeclared", "", encodeAs(t, charmap.Windows1251, page("", ru)), "посвящённый двадцатилетию", "the file is not UTF-8; read as windows-1251"},
		{"Latin-1 undeclared", "", encodeAs(t, charmap.ISO8859_1, page("", "<p>Le traité de bon voisinage.</p>")), "Le traité de bon voisinage.", "the page declares no encoding and is not UTF-8: read as windows-1252, as browsers do"},
		{"mark against meta", "", []byte("\ufeff" + page(`<meta charset="windows-1251">`, ru)), "посвящённый двадцатилетию",
			"the charset declaration says windows-1251, but the file begins with a UTF-8 byte-order mark"},
	}
	for _, tt := range tests {
		d, err := Read(tt.in, Options{ContentType: tt.contentType})
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if h := render(t, d); !strings.Contains(h, tt.want) {
			t.Errorf("%s: read as\n%s", tt.name, h)
		}
		switch {
		case tt.warn == "" && len(d.Warnings) > 0:
			t.Errorf("%s: warnings %q", tt.name, d.Warnings)
		case tt.warn != "" && (len(d.Warnings) != 1 || !strings.HasPrefix(d.Warnings[0], tt.warn)):
			t.Errorf("%s: warnings %q, want %q…", tt.name, d.Warnings, tt.warn)
		}
	}
	for _, tt := range []struct {
		name, contentType string
		in                []byte
		kind              error
		want              string
	}{
		{"not in the declared encoding", "text/html; charset=utf-8", []byte(page("", "<p>caf\xe9</p>")), textenc.ErrEncoding, "1:63: invalid UTF-8 (byte 0xe9)"},
		{"a PDF", "", []byte("%PDF-1.5\n"), textenc.ErrNotText, "1:1: this is a PDF document, not text"},
	} {
		_, err := Read(tt.in, Options{ContentType: tt.contentType})
		if !errors.Is(err, tt.kind) || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want %s…", tt.name, err, tt.want)
		}
	}
}
