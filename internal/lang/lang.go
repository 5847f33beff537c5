// Package lang holds the multilingual values that every user-visible text in
// tandem is made of: a value per language, the language it was written in,
// and which translations are complete.
package lang

import (
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text is one user-visible text in several languages. Source is the language
// it was written in; Values holds the text per language; Done lists the
// languages whose value is complete (the source always is). A value that is
// present but not done is a draft and is not shown to the public.
type Text struct {
	Source string            `json:"src,omitempty"`
	Values map[string]string `json:"v,omitempty"`
	Done   []string          `json:"done,omitempty"`
}

// New returns a text written in source with the given values, all complete.
func New(source string, values map[string]string) Text {
	t := Text{Source: source, Values: map[string]string{}}
	for l, v := range values {
		if v == "" {
			continue
		}
		t.Values[l] = v
		t.Done = append(t.Done, l)
	}
	slices.Sort(t.Done)
	return t
}

// Draft records v as an incomplete translation into l.
func (t Text) Draft(l, v string) Text {
	vals := make(map[string]string, len(t.Values)+1)
	for k, x := range t.Values {
		vals[k] = x
	}
	vals[l] = v
	t.Values = vals
	t.Done = slices.DeleteFunc(slices.Clone(t.Done), func(d string) bool { return d == l })
	return t
}

// IsZero reports whether the text has no value in any language.
func (t Text) IsZero() bool {
	for _, v := range t.Values {
		if v != "" {
			return false
		}
	}
	return true
}

// Complete reports whether the text is complete in language l.
func (t Text) Complete(l string) bool {
	if t.Values[l] == "" {
		return false
	}
	return l == t.Source || slices.Contains(t.Done, l)
}

// In returns the text for a reader of language l: its value in l when that
// is complete, and otherwise the source text. The returned language is the one
// the value is written in.
func (t Text) In(l string) (value, written string) {
	if t.Complete(l) {
		return t.Values[l], l
	}
	if v := t.Values[t.Source]; v != "" {
		return v, t.Source
	}
	// No source value: fall back to any complete language, in a fixed order.
	for _, o := range []string{"en", "ru", "zh"} {
		if t.Complete(o) {
			return t.Values[o], o
		}
	}
	return "", l
}

// String returns the value for an English reader; it is for logs and tests.
func (t Text) String() string {
	v, _ := t.In("en")
	return v
}

// Value stores the text as JSON.
func (t Text) Value() (driver.Value, error) {
	b, err := json.Marshal(t)
	return string(b), err
}

// Scan reads a text stored by Value.
func (t *Text) Scan(src any) error {
	return scanJSON(src, t)
}

func scanJSON(src any, dst any) error {
	var b []byte
	switch s := src.(type) {
	case nil:
		return nil
	case string:
		b = []byte(s)
	case []byte:
		b = s
	default:
		return fmt.Errorf("lang: cannot scan %T", src)
	}
	if len(b) == 0 {
		return nil
	}
	return json.Unmarshal(b, dst)
}

// Name is how a person's name is written in one language and script.
type Name struct {
	Family     string `json:"family,omitempty"`
	Given      string `json:"given,omitempty"`
	Patronymic string `json:"patronymic,omitempty"`
	// FamilyFirst is true for names written family name first, as Chinese
	// names are in every language.
	FamilyFirst bool `json:"familyFirst,omitempty"`
}

// Full returns the name as written in running text of language l.
func (n Name) Full(l string) string {
	if n.FamilyFirst {
		if l == "zh" && isHan(n.Family) && isHan(n.Given) {
			return n.Family + n.Given
		}
		return join(" ", n.Family, n.Given)
	}
	if l == "zh" {
		// Foreign names in Chinese: given and family joined by a middle dot.
		return join("·", n.Given, n.Family)
	}
	return join(" ", n.Given, n.Patronymic, n.Family)
}

// Short returns the name as used on second mention: the family name, or the
// whole name for Chinese names written in Han characters.
func (n Name) Short(l string) string {
	if n.FamilyFirst && l == "zh" {
		return n.Full(l)
	}
	if n.Family == "" {
		return n.Given
	}
	return n.Family
}

// SortKey returns the name in sorting order: family name first.
func (n Name) SortKey() string {
	return join(" ", n.Family, n.Given, n.Patronymic)
}

func join(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

func isHan(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// Names holds a person's name per language; Source is the language of the
// name's own script.
type Names struct {
	Source string          `json:"src,omitempty"`
	Values map[string]Name `json:"v,omitempty"`
}

// In returns the name for a reader of language l and the language it is
// written in.
func (ns Names) In(l string) (Name, string) {
	if n, ok := ns.Values[l]; ok {
		return n, l
	}
	if n, ok := ns.Values[ns.Source]; ok {
		return n, ns.Source
	}
	for _, o := range []string{"en", "ru", "zh"} {
		if n, ok := ns.Values[o]; ok {
			return n, o
		}
	}
	return Name{}, l
}

// Value stores the names as JSON.
func (ns Names) Value() (driver.Value, error) {
	b, err := json.Marshal(ns)
	return string(b), err
}

// Scan reads names stored by Value.
func (ns *Names) Scan(src any) error { return scanJSON(src, ns) }

// ErrNoSource is returned by Validate for a text without a source value.
var ErrNoSource = errors.New("text has no value in its source language")

// ErrControl is wrapped by the Validate methods for a value that holds a
// control character or bytes that are not UTF-8.
var ErrControl = errors.New("control character or invalid UTF-8")

// Validate checks that a non-empty text has a value in its source language
// and that no value holds a control character (see CheckPlain).
func (t Text) Validate() error {
	for _, l := range slices.Sorted(maps.Keys(t.Values)) {
		if err := CheckPlain(t.Values[l]); err != nil {
			return fmt.Errorf("%s: %w", l, err)
		}
	}
	if t.IsZero() {
		return nil
	}
	if t.Values[t.Source] == "" {
		return ErrNoSource
	}
	return nil
}

// Validate checks that no part of any name holds a control character.
func (ns Names) Validate() error {
	for _, l := range slices.Sorted(maps.Keys(ns.Values)) {
		n := ns.Values[l]
		for _, part := range []string{n.Family, n.Given, n.Patronymic} {
			if err := CheckPlain(part); err != nil {
				return fmt.Errorf("%s: %w", l, err)
			}
		}
	}
	return nil
}

// CheckPlain returns an error wrapping ErrControl, naming the character and
// its byte offset, when s holds what no user-visible text may: a C0 control
// character other than tab, line feed and carriage return, DEL, a C1 control
// character (U+0080–U+009F), or bytes that are not UTF-8 (which includes
// encoded surrogates). Such characters are invisible or break the formats
// texts are published in (XML 1.0 forbids most of them, iCalendar all).
func CheckPlain(s string) error {
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			return fmt.Errorf("byte %d: %w (byte 0x%02X is not UTF-8)", i, ErrControl, s[i])
		case IsControl(r):
			return fmt.Errorf("byte %d: %w (U+%04X)", i, ErrControl, r)
		}
	}
	return nil
}

// IsControl reports whether r is a character that CheckPlain refuses: C0
// controls but tab, line feed and carriage return, DEL, and C1 controls.
func IsControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7F && r <= 0x9F
}

// BreakHint is how a text stores a place where a line may break that the
// text's script does not show: U+200B ZERO WIDTH SPACE, entered by whoever
// writes the text, as in a Chinese name "俄罗斯\u200b国际事务\u200b委员会", which
// may be set on three lines but never broken inside 国际事务. Whatever sets
// a text on lines (a page, a drawn mark) breaks there and at spaces only;
// plain-text outputs (feeds, calendars, metadata) drop it with
// WithoutBreakHints.
const BreakHint = '\u200b'

// WithoutBreakHints returns s without its break hints (BreakHint), for
// outputs that are read as plain text rather than set on lines.
func WithoutBreakHints(s string) string {
	if !strings.ContainsRune(s, BreakHint) {
		return s
	}
	return strings.ReplaceAll(s, string(BreakHint), "")
}
