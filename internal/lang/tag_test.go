package lang

import (
	"errors"
	"testing"
)

func TestParseTag(t *testing.T) {
	for _, c := range []struct {
		in, want string
		err      error
	}{
		{"zh-CN", "zh-CN", nil},
		{"ZH-cn", "zh-CN", nil},
		{"ru_RU", "ru-RU", nil},
		{"en-GB", "en-GB", nil},
		{"zh-Hant-TW", "zh-Hant-TW", nil},
		{"fr", "fr", nil},
		{"!!bad", "", ErrBadTag},
		{"", "", ErrBadTag},
		{"en GB", "", ErrBadTag},
		{"e", "", ErrBadTag},
		{"en-", "", ErrBadTag},
		{"toolonglanguage", "", ErrBadTag},
		{"zh\"><script>", "", ErrBadTag},
	} {
		got, err := ParseTag(c.in)
		if !errors.Is(err, c.err) || got != c.want {
			t.Errorf("ParseTag(%q) = %q, %v; want %q, %v", c.in, got, err, c.want, c.err)
		}
	}
}

func TestParseWorked(t *testing.T) {
	for _, c := range []struct {
		in, tag, base string
		err           error
	}{
		{"zh", "zh", "zh", nil},
		{"zh-Hans-CN", "zh-Hans-CN", "zh", nil},
		{"RU", "ru", "ru", nil},
		{"en-US", "en-US", "en", nil},
		{"fr", "", "", ErrUnworked},
		{"ja", "", "", ErrUnworked},
		{"x!", "", "", ErrBadTag},
	} {
		tag, base, err := ParseWorked(c.in)
		if !errors.Is(err, c.err) || tag != c.tag || base != c.base {
			t.Errorf("ParseWorked(%q) = %q, %q, %v; want %q, %q, %v", c.in, tag, base, err, c.tag, c.base, c.err)
		}
	}
}

func TestCheckPair(t *testing.T) {
	for _, c := range []struct {
		from, to string
		err      error
	}{
		{"zh", "ru", nil},
		{"en", "zh-CN", nil},
		{"zh", "zh", ErrSameLanguage},
		{"ru", "ru-RU", ErrSameLanguage},
		{"en-US", "en-GB", ErrSameLanguage},
		// The same script, said or implied, is the same language.
		{"zh", "zh-CN", ErrSameLanguage},
		{"zh-Hans", "zh-CN", ErrSameLanguage},
		{"zh-TW", "zh-Hant", ErrSameLanguage},
		{"zh-HK", "zh-Hant-TW", ErrSameLanguage},
		// Simplified to Traditional Chinese, and back, is a translation.
		{"zh-Hans", "zh-Hant", nil},
		{"zh-CN", "zh-TW", nil},
		{"zh", "zh-HK", nil},
		{"zh-Hant", "zh-Hans-SG", nil},
		{"zh", "fr", ErrUnworked},
		{"!!", "ru", ErrBadTag},
	} {
		_, _, err := CheckPair(c.from, c.to)
		if !errors.Is(err, c.err) {
			t.Errorf("CheckPair(%q, %q) = %v; want %v", c.from, c.to, err, c.err)
		}
	}
}

func TestSameLanguage(t *testing.T) {
	for _, c := range []struct {
		a, b   string
		script string // Script(a)
		same   bool
	}{
		{"zh", "zh-Hans-CN", "Hans", true},
		{"zh-CN", "zh-SG", "Hans", true},
		{"zh-TW", "zh-MO", "Hant", true},
		{"zh-CN", "zh-TW", "Hans", false},
		{"zh-Hant-CN", "zh-CN", "Hant", false},
		{"ru", "ru-RU", "Cyrl", true},
		{"ru-Latn", "ru", "Latn", false},
		{"en", "ru", "Latn", false},
		{"!!", "!!", "", true},
	} {
		if got := Script(c.a); got != c.script {
			t.Errorf("Script(%q) = %q, want %q", c.a, got, c.script)
		}
		if got := SameLanguage(c.a, c.b); got != c.same {
			t.Errorf("SameLanguage(%q, %q) = %v, want %v", c.a, c.b, got, c.same)
		}
		if got := SameLanguage(c.b, c.a); got != c.same {
			t.Errorf("SameLanguage(%q, %q) = %v, want %v", c.b, c.a, got, c.same)
		}
	}
}

// TestWithRegion checks the one table of regions a tag without one gets:
// the site's British English, and Word's forms of Russian and Chinese.
func TestWithRegion(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"en", "en-GB"}, {"EN", "en-GB"}, {"ru", "ru-RU"}, {"zh", "zh-CN"}, {"zh-Hans", "zh-Hans-CN"},
		{"zh-Hant", "zh-Hant-TW"}, {"en-US", "en-US"}, {"zh-TW", "zh-TW"}, {"ru_RU", "ru-RU"},
		{"de", "de-DE"}, {"not a tag", "not a tag"},
	} {
		if got := WithRegion(c.in); got != c.want {
			t.Errorf("WithRegion(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
