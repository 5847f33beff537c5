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
		{"zh-CN", "zh-TW", ErrSameLanguage},
		{"zh", "fr", ErrUnworked},
		{"!!", "ru", ErrBadTag},
	} {
		_, _, err := CheckPair(c.from, c.to)
		if !errors.Is(err, c.err) {
			t.Errorf("CheckPair(%q, %q) = %v; want %v", c.from, c.to, err, c.err)
		}
	}
}
