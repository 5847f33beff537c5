package lang

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/text/language"
)

// Worked lists the base languages whose texts tandem segments, aligns,
// checks and translates: Chinese, Russian and English.
var Worked = []string{"zh", "ru", "en"}

// ErrBadTag is wrapped by ParseTag for a string that is not a well-formed
// BCP 47 language tag.
var ErrBadTag = errors.New("not a BCP 47 language tag")

// ErrUnworked is wrapped by ParseWorked for a well-formed tag whose language
// tandem does not treat.
var ErrUnworked = errors.New("language not supported")

// ErrSameLanguage is wrapped by CheckPair when source and target are the
// same language.
var ErrSameLanguage = errors.New("source and target are the same language")

// ParseTag checks that s, as given by a user or a file, is a well-formed
// BCP 47 tag ("zh-CN", "ru", "en-GB", "zh-Hant-TW"; an underscore is read as
// a hyphen) and returns it in canonical case ("zh-CN", not "ZH-cn"). The tag
// need not name a language tandem works in; see ParseWorked for that.
func ParseTag(s string) (string, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return "", fmt.Errorf("empty language tag: %w", ErrBadTag)
	}
	for _, r := range in {
		ok := r == '-' || r == '_' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
		if !ok {
			return "", fmt.Errorf("%q: %w", s, ErrBadTag)
		}
	}
	t, err := language.Parse(strings.ReplaceAll(in, "_", "-"))
	if err != nil {
		return "", fmt.Errorf("%q: %w", s, ErrBadTag)
	}
	return t.String(), nil
}

// Base returns the primary language subtag of a tag in lower case ("zh" for
// "zh-Hant-TW"), or "" when tag is empty.
func Base(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag)
}

// ParseWorked is ParseTag for a tag that must name one of the Worked
// languages; it returns the canonical tag and its base ("zh-CN", "zh").
// Errors wrap ErrBadTag or ErrUnworked and name the languages there are.
func ParseWorked(s string) (tag, base string, err error) {
	tag, err = ParseTag(s)
	if err != nil {
		return "", "", err
	}
	base = Base(tag)
	for _, w := range Worked {
		if base == w {
			return tag, base, nil
		}
	}
	return "", "", fmt.Errorf("%q: %w (tandem works in %s)", s, ErrUnworked, strings.Join(Worked, ", "))
}

// Script returns the ISO 15924 script a tag's text is written in, as
// the tag says or as its language and region most likely mean it (CLDR's
// likely subtags): "Hans" for "zh" and "zh-CN", "Hant" for "zh-TW" and
// "zh-HK", "Cyrl" for "ru", "Latn" for "en". It returns "" for a tag that
// is not BCP 47.
func Script(tag string) string {
	t, err := language.Parse(strings.ReplaceAll(strings.TrimSpace(tag), "_", "-"))
	if err != nil {
		return ""
	}
	s, _ := t.Script()
	return s.String()
}

// SameLanguage reports whether two tags name the same language written in
// the same script: "zh-CN" and "zh-Hans" do, "ru-RU" and "ru" do, but
// "zh-CN" and "zh-TW" do not (Simplified and Traditional Chinese), since
// converting between them is a translation of its own. Regions other than
// that do not count ("en-GB" and "en-US" are the same language). Tags that
// are not BCP 47 are compared by their primary subtag.
func SameLanguage(a, b string) bool {
	if Base(a) != Base(b) {
		return false
	}
	return Script(a) == Script(b)
}

// CheckPair parses a source and a target language with ParseWorked and
// refuses a pair of the same language in the same script (see
// SameLanguage): "zh" to "zh-CN" or "ru" to "ru-RU" is refused, while "zh-CN"
// to "zh-TW" (Simplified to Traditional Chinese) is a translation.
func CheckPair(from, to string) (fromTag, toTag string, err error) {
	fromTag, _, err = ParseWorked(from)
	if err != nil {
		return "", "", fmt.Errorf("source language %w", err)
	}
	toTag, _, err = ParseWorked(to)
	if err != nil {
		return "", "", fmt.Errorf("target language %w", err)
	}
	if SameLanguage(fromTag, toTag) {
		return "", "", fmt.Errorf("%s to %s: %w", fromTag, toTag, ErrSameLanguage)
	}
	return fromTag, toTag, nil
}

// regions are the regions whose conventions tandem writes each worked
// language in when a tag names none (the site's locales, see i18n.Locale):
// British English, Russian of Russia, Simplified Chinese of the mainland,
// and Traditional Chinese of Taiwan.
var regions = map[string]string{"en": "GB", "ru": "RU", "zh": "CN", "zh-Hans": "CN", "zh-Hant": "TW"}

// WithRegion returns a tag that names a region, for formats that want a
// language and a region (a DOCX's w:lang, a locale): tag itself when it
// names one ("en-US", "zh-Hant-HK"), else tag with the region tandem writes
// its language in ("en" → "en-GB", "ru" → "ru-RU", "zh" → "zh-CN",
// "zh-Hant" → "zh-Hant-TW"), else, for a language tandem does not work
// in, with its likeliest region (CLDR: "de" → "de-DE"). A tag that is not
// BCP 47 is returned as it is.
func WithRegion(tag string) string {
	t, err := language.Parse(strings.ReplaceAll(strings.TrimSpace(tag), "_", "-"))
	if err != nil {
		return tag
	}
	if _, conf := t.Region(); conf == language.Exact {
		return t.String()
	}
	base, _ := t.Base()
	key := base.String()
	if s, conf := t.Script(); conf == language.Exact {
		key += "-" + s.String()
	}
	r, ok := regions[key]
	if !ok {
		region, conf := t.Region()
		if conf == language.No {
			return t.String()
		}
		r = region.String()
	}
	with, err := language.Parse(t.String() + "-" + r)
	if err != nil {
		return t.String()
	}
	return with.String()
}
