package i18n

import (
	"strings"
	"testing"
)

func TestNegotiate(t *testing.T) {
	tests := []struct {
		header string
		want   string
	}{
		{"", "en"},
		{"en", "en"},
		{"en-US,en;q=0.9", "en"},
		{"en-GB", "en"},
		{"zh", "zh"},
		{"zh-CN", "zh"},
		{"zh-Hans-CN", "zh"},
		{"zh-CN,zh;q=0.9,en;q=0.8", "zh"},
		{"zh-SG", "zh"},
		{"zh-TW", "zh"},
		{"zh-HK", "zh"},
		{"zh-Hant", "zh"},
		{"zh-TW,en;q=0.5", "en"}, // Simplified is a weaker match than English for a Traditional reader
		{"cmn", "zh"},
		{"ru", "ru"},
		{"ru-RU", "ru"},
		{"ru-RU;q=0.8", "ru"},
		{"ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", "ru"},
		{"en;q=0.1, ru;q=0.9", "ru"},
		{"de-DE,de;q=0.9,ru;q=0.5", "ru"},
		{"fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", "en"},
		{"be", "ru"},
		{"ja", "en"},
		{"de", "en"},
		{"*", "en"},
		{"ru;q=0", "en"},
		{"x;;;", "en"},
		{"zh-CN;q=abc", "en"},
		{",,,", "en"},
		{"😀", "en"},
		{"ru-" + strings.Repeat("a", 2000), "en"},
		{strings.Repeat("de,", 400) + "ru", "en"}, // over the length limit
	}
	for _, tt := range tests {
		if got := Negotiate(tt.header); got != tt.want {
			t.Errorf("Negotiate(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}

func FuzzNegotiate(f *testing.F) {
	for _, seed := range []string{
		"", "en", "zh-Hans-CN", "zh-TW,en;q=0.5", "ru-RU;q=0.8", "*;q=0.5",
		"fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", "x;;;", "en;q=1.5",
		"zh-u-co-pinyin", "ru-x-private", "i-klingon", "sgn-BE-FR", "und",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, header string) {
		got := Negotiate(header)
		if !Supported(got) {
			t.Fatalf("Negotiate(%q) = %q, not a site language", header, got)
		}
		if again := Negotiate(header); again != got {
			t.Fatalf("Negotiate(%q) gave %q, then %q", header, got, again)
		}
	})
}
