package i18n

import (
	"strings"
	"testing"
)

// A Size given to T as an argument is written as Bytes writes it, so that
// a domain error without a Printer can name a limit with its unit.
func TestSizeArgument(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for l, want := range map[string]string{"en": "at most 20.0\u00a0MiB", "ru": "не более 20,0\u00a0МиБ"} {
		got := c.Printer(l).T("manuscript.error.toolarge", Size(20<<20))
		if !strings.Contains(got, want) {
			t.Errorf("%s: %q, want it to contain %q", l, got, want)
		}
	}
}

// TestBytes: sizes read as a person expects them, rounded to the nearest
// tenth rather than up (a 386 KB file is not "1 MiB"), in each language's
// number format, with a larger unit once the number would reach 1024.
func TestBytes(t *testing.T) {
	const nbsp = "\u00a0"
	tests := []struct {
		n          int64
		en, ru, zh string
	}{
		{0, "0 bytes", "0 байт", "0 字节"},
		{1, "1 byte", "1 байт", "1 字节"},
		{3, "3 bytes", "3 байта", "3 字节"},
		{1023, "1,023 bytes", "1" + nbsp + "023 байта", "1,023 字节"},
		{1024, "1.0 KiB", "1,0 КиБ", "1.0 KiB"},
		{386_000, "377.0 KiB", "377,0 КиБ", "377.0 KiB"},
		{1<<20 - 1, "1.0 MiB", "1,0 МиБ", "1.0 MiB"},
		{1000 << 10, "1,000.0 KiB", "1" + nbsp + "000,0 КиБ", "1,000.0 KiB"},
		{170_078_618, "162.2 MiB", "162,2 МиБ", "162.2 MiB"}, // 162.2 MiB, once shown as 163 MiB
		{8 << 30, "8.0 GiB", "8,0 ГиБ", "8.0 GiB"},
		{9 << 30, "9.0 GiB", "9,0 ГиБ", "9.0 GiB"},
		{3 << 40, "3.0 TiB", "3,0 ТиБ", "3.0 TiB"},
	}
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		for lang, want := range map[string]string{"en": tt.en, "ru": tt.ru, "zh": tt.zh} {
			want = replaceSpace(want)
			if got := c.Printer(lang).Bytes(tt.n); got != want {
				t.Errorf("%s: Bytes(%d) = %q, want %q", lang, tt.n, got, want)
			}
		}
	}
}

// replaceSpace puts the no-break space Bytes writes between a number and
// its unit in place of the last plain space of s.
func replaceSpace(s string) string {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == ' ' {
			return s[:i] + "\u00a0" + s[i+1:]
		}
	}
	return s
}
