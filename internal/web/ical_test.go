package web

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestICalendarFoldsBetweenWholeEscapes folds content lines whose 75th
// octet falls on each place an escape or a multi-byte character may stand,
// and checks each fold: no line longer than 75 octets, none starting or
// ending inside a UTF-8 sequence or splitting an escape (\n, \, \; \\)
// between two lines, and the value whole when unfolded.
func TestICalendarFoldsBetweenWholeEscapes(t *testing.T) {
	pad := func(n int) string { return strings.Repeat("a", n) }
	tests := []struct {
		name, value string
	}{
		// "DESCRIPTION:" is 12 octets, so an escape at octets 74–75 of the
		// first line starts at byte 61 of the value.
		{"line break across the fold", icalText(pad(62) + "\nsecond paragraph " + pad(80) + "\n" + pad(40))},
		{"line break at the fold", icalText(pad(61) + "\nsecond")},
		{"line break just after the fold", icalText(pad(63) + "\nsecond")},
		{"comma across the fold", icalText(pad(62) + ", and " + pad(70) + ", then")},
		{"semicolon across the fold", icalText(pad(62) + "; " + pad(72) + ";" + pad(10))},
		{"backslash across the fold", icalText(pad(62) + `C:\path\` + pad(70))},
		{"escapes one after another", icalText(strings.Repeat(",;\\\n", 60))},
		{"Chinese across the fold", icalText(pad(61) + strings.Repeat("二十周年，", 30))},
		{"Cyrillic and escapes", icalText(strings.Repeat("Лавров, министр; ", 20))},
		{"four-octet characters", icalText(pad(60) + strings.Repeat("𠀀\n", 40))},
		{"every offset", icalText(strings.Repeat("中\n,", 100))},
	}
	for _, tt := range tests {
		for shift := 0; shift < 4; shift++ {
			value := pad(shift) + tt.value
			var w icalWriter
			w.line("DESCRIPTION", value)
			out := w.b.String()
			if !strings.HasSuffix(out, "\r\n") {
				t.Fatalf("%s: not ended with CRLF", tt.name)
			}
			lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
			var unfolded strings.Builder
			for i, l := range lines {
				if len(l) > icalLineLimit {
					t.Errorf("%s (+%d): line %d is %d octets", tt.name, shift, i+1, len(l))
				}
				if i > 0 {
					if !strings.HasPrefix(l, " ") {
						t.Fatalf("%s (+%d): line %d does not start with a space", tt.name, shift, i+1)
					}
					l = l[1:]
				}
				if !utf8.ValidString(l) {
					t.Errorf("%s (+%d): line %d splits a character: %q", tt.name, shift, i+1, l)
				}
				unfolded.WriteString(l)
				if i < len(lines)-1 && endsInsideEscape(unfolded.String()[len("DESCRIPTION:"):]) {
					t.Errorf("%s (+%d): line %d ends inside an escape: %q / %q", tt.name, shift, i+1, l, lines[i+1])
				}
			}
			if got := unfolded.String(); got != "DESCRIPTION:"+value {
				t.Errorf("%s (+%d): unfolded\n%q\nwant\n%q", tt.name, shift, got, "DESCRIPTION:"+value)
			}
		}
	}
}

// endsInsideEscape reports whether an escaped TEXT value ends with the
// backslash that starts an escape: after an odd number of backslashes.
func endsInsideEscape(s string) bool {
	n := 0
	for n < len(s) && s[len(s)-1-n] == '\\' {
		n++
	}
	return n%2 == 1
}

// TestICalendarTextsGiveTheirLanguage checks the text properties the
// calendar writes (unfolded): each escaped, with the language its value is
// in, a value joined from texts in two languages with that of the longest,
// and nothing for an empty text.
func TestICalendarTextsGiveTheirLanguage(t *testing.T) {
	tests := []struct {
		name string
		text shown
		want string
	}{
		{"SUMMARY", shown{Value: "王毅视频致辞", Lang: "zh"}, "SUMMARY;LANGUAGE=zh:王毅视频致辞\r\n"},
		{"LOCATION", shown{Value: "Москва, РСМД", Lang: "ru"}, "LOCATION;LANGUAGE=ru:Москва\\, РСМД\r\n"},
		{"COMMENT", shown{Value: "A; B", Lang: "en"}, "COMMENT;LANGUAGE=en:A\\; B\r\n"},
		{"DESCRIPTION", joinShown([]shown{
			{Value: "Sergey Lavrov, Minister of Foreign Affairs", Lang: "en"},
			{Value: "", Lang: "en"},
			{Value: "Лавров назвал подписание договора началом нового этапа в дружбе двух народов.", Lang: "ru"},
		}, "\n\n"), "DESCRIPTION;LANGUAGE=ru:Sergey Lavrov\\, Minister of Foreign Affairs\\n\\nЛавров назвал подписание договора началом нового этапа в дружбе двух народов.\r\n"},
		{"DESCRIPTION", joinShown([]shown{{Value: "王毅，国务委员兼外交部长", Lang: "zh"}, {Value: "条约签署二十周年致辞", Lang: "zh"}}, "\n\n"),
			"DESCRIPTION;LANGUAGE=zh:王毅，国务委员兼外交部长\\n\\n条约签署二十周年致辞\r\n"},
		{"DESCRIPTION", joinShown([]shown{{Lang: "zh"}, {Lang: "ru"}}, "\n\n"), ""},
		{"LOCATION", shown{Lang: "en"}, ""},
	}
	for _, tt := range tests {
		var w icalWriter
		w.text(tt.name, tt.text)
		if got := strings.ReplaceAll(w.b.String(), "\r\n ", ""); got != tt.want {
			t.Errorf("%s %+v:\n got %q\nwant %q", tt.name, tt.text, got, tt.want)
		}
	}
}

// TestICalendarNamesTheVersion checks the PRODID: tandem with the version
// the server was given, escaped as a text, or without one.
func TestICalendarNamesTheVersion(t *testing.T) {
	for _, c := range []struct{ version, lang, want string }{
		{"v0.3.0-4-g1a2b3c4 1a2b3c4d5e6f (modified)", "zh", "-//tandem//tandem v0.3.0-4-g1a2b3c4 1a2b3c4d5e6f (modified) forum programme//ZH"},
		{"v1,2;3", "ru", `-//tandem//tandem v1\,2\;3 forum programme//RU`},
		{"", "en", "-//tandem//forum programme//EN"},
	} {
		s := &Server{version: c.version}
		if got := s.prodID(c.lang); got != c.want {
			t.Errorf("prodID with version %q: %q, want %q", c.version, got, c.want)
		}
	}
}
