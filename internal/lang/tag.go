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

// CheckPair parses a source and a target language with ParseWorked and
// refuses a pair of the same base language ("zh" to "zh-TW" included).
func CheckPair(from, to string) (fromTag, toTag string, err error) {
	fromTag, fb, err := ParseWorked(from)
	if err != nil {
		return "", "", fmt.Errorf("source language %w", err)
	}
	toTag, tb, err := ParseWorked(to)
	if err != nil {
		return "", "", fmt.Errorf("target language %w", err)
	}
	if fb == tb {
		return "", "", fmt.Errorf("%s to %s: %w", fromTag, toTag, ErrSameLanguage)
	}
	return fromTag, toTag, nil
}
