// Package isbn reads and checks ISBN-13s, the International Standard Book
// Numbers (ISO 2108) an edition has per format. A valid ISBN here is an
// ISBN-13 without hyphens: thirteen ASCII digits, beginning with the
// Bookland prefix 978 or 979, whose last digit is the check digit of the
// other twelve (weights 1 and 3 alternating, sum modulo 10).
//
// Hyphens are not stored: tandem stores and exports the thirteen digits,
// and Hyphenate places the hyphens for print and display from the
// International ISBN Agency's ranges (ranges.go) for the groups its
// publishers use.
package isbn

import (
	"fmt"
	"strings"
)

// Problem is why a text is not a valid ISBN-13.
type Problem int

const (
	// Character: the text holds something other than digits, hyphens
	// and spaces.
	Character Problem = iota + 1
	// Length: the text has not thirteen digits (an ISBN-10 is not
	// accepted).
	Length
	// Prefix: the digits do not begin with 978 or 979.
	Prefix
	// CheckDigit: the last digit is not the check digit of the others.
	CheckDigit
)

var problems = map[Problem]struct{ text, key string }{
	Character:  {"not a digit", "isbn.character"},
	Length:     {"not 13 digits", "isbn.length"},
	Prefix:     {"does not begin with 978 or 979", "isbn.prefix"},
	CheckDigit: {"wrong check digit", "isbn.check_digit"},
}

// Error is why Parse refused a text, with the text as given.
type Error struct {
	Input   string
	Problem Problem
	// Want is the check digit the first twelve digits call for, set when
	// Problem is CheckDigit.
	Want byte
}

func (e *Error) Error() string {
	s := fmt.Sprintf("isbn %q: %s", e.Input, problems[e.Problem].text)
	if e.Problem == CheckDigit {
		s += fmt.Sprintf(" (want %c)", e.Want)
	}
	return s
}

// MessageKey gives the catalog message that says the problem to a person
// (internal/i18n/locales/isbn.*.json), with the text as given and, for a
// wrong check digit, the digit expected.
func (e *Error) MessageKey() (string, []any) {
	if e.Problem == CheckDigit {
		return problems[e.Problem].key, []any{e.Input, string(e.Want)}
	}
	return problems[e.Problem].key, []any{e.Input}
}

// Parse returns s as an ISBN-13 without hyphens. It accepts the number with
// or without hyphens or spaces between its digits ("978-7-99999-001-7"),
// in ASCII or full-width digits, and surrounding space. It returns an *Error when s has another
// character, not thirteen digits, a prefix other than 978 or 979, or a
// wrong check digit.
func Parse(s string) (string, error) {
	var d strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch r = fold(r); {
		case r >= '0' && r <= '9':
			d.WriteRune(r)
		case r == '-' || r == ' ':
		default:
			return "", &Error{Input: s, Problem: Character}
		}
	}
	n := d.String()
	if len(n) != 13 {
		return "", &Error{Input: s, Problem: Length}
	}
	if n[:3] != "978" && n[:3] != "979" {
		return "", &Error{Input: s, Problem: Prefix}
	}
	if want := CheckDigitOf(n[:12]); n[12] != want {
		return "", &Error{Input: s, Problem: CheckDigit, Want: want}
	}
	return n, nil
}

// fold returns r as Parse reads it: a full-width digit (as a Chinese
// keyboard types it) as its ASCII digit, a Unicode hyphen (U+2010, U+2011,
// the full-width U+FF0D) as "-", the ideographic space as " ".
func fold(r rune) rune {
	switch {
	case r >= '０' && r <= '９':
		return '0' + r - '０'
	case r == '\u2010' || r == '\u2011' || r == '－':
		return '-'
	case r == '\u3000':
		return ' '
	}
	return r
}

// Valid reports whether s is already an ISBN-13 without hyphens, as Parse
// returns one.
func Valid(s string) bool {
	n, err := Parse(s)
	return err == nil && n == s
}

// CheckDigitOf returns the ISBN-13 check digit ('0' to '9') of the first
// twelve digits of an ISBN, given as twelve ASCII digits; it panics on
// anything else, which is a fault of the caller.
func CheckDigitOf(twelve string) byte {
	if len(twelve) != 12 {
		panic("isbn: CheckDigitOf needs twelve digits, got " + fmt.Sprint(len(twelve)))
	}
	sum := 0
	for i := range 12 {
		c := twelve[i]
		if c < '0' || c > '9' {
			panic("isbn: CheckDigitOf needs digits, got " + twelve)
		}
		w := 1
		if i%2 == 1 {
			w = 3
		}
		sum += int(c-'0') * w
	}
	return byte('0' + (10-sum%10)%10)
}
