package isbn

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in, want string
		problem  Problem
	}{
		{"9780306406157", "9780306406157", 0},
		{"978-0-306-40615-7", "9780306406157", 0},
		{" 978 7 99999 001 7 ", "9787999990017", 0},
		{"9787999990019", "", CheckDigit},         // one digit off
		{"９７８－７－９９９９９－００１－７", "9787999990017", 0}, // full-width, as a Chinese keyboard types it
		{"978‐7‐99999‐001‐7", "9787999990017", 0}, // U+2010 hyphens
		{"979-10-90636-07-1", "9791090636071", 0},
		{"9785999990013", "9785999990013", 0},
		{"978-0-306-40615-8", "", CheckDigit},
		{"0-306-40615-2", "", Length}, // a valid ISBN-10, not accepted
		{"97803064061571", "", Length},
		{"", "", Length},
		{"9770306406157", "", Prefix},
		{"978030640615X", "", Character},
		{"978–0–306–40615–7", "", Character}, // en dashes
		{"ISBN 9780306406157", "", Character},
	} {
		got, err := Parse(c.in)
		if c.problem == 0 {
			if err != nil || got != c.want {
				t.Errorf("Parse(%q) = %q, %v; want %q", c.in, got, err, c.want)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Problem != c.problem {
			t.Errorf("Parse(%q) = %q, %v; want problem %d", c.in, got, err, c.problem)
			continue
		}
		if got != "" {
			t.Errorf("Parse(%q) returned %q with its error", c.in, got)
		}
		key, args := e.MessageKey()
		if !strings.HasPrefix(key, "isbn.") || args[0] != c.in {
			t.Errorf("Parse(%q): message %q %v", c.in, key, args)
		}
	}
	_, err := Parse("978-0-306-40615-8")
	if key, args := err.(*Error).MessageKey(); key != "isbn.check_digit" || args[1] != "7" {
		t.Errorf("a wrong check digit says %q %v, want isbn.check_digit with the right digit 7", key, args)
	}
}

func TestValid(t *testing.T) {
	if !Valid("9787999990024") {
		t.Error("9787999990024 is valid")
	}
	if Valid("978-7-99999-002-4") {
		t.Error("a hyphenated ISBN is not in the stored form")
	}
}

// valid13 checks an ISBN-13 the way ISO 2108 states it, apart from
// CheckDigitOf: the weighted sum of all thirteen digits is a multiple of 10.
func valid13(n string) bool {
	sum := 0
	for i := range n {
		w := 1
		if i%2 == 1 {
			w = 3
		}
		sum += int(n[i]-'0') * w
	}
	return sum%10 == 0
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"9780306406157", "978-7-99999-001-7", "979 10 90636 07 1", "9780306406158", "0306406152", "978x", "", "９７８"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse(s)
		digits := 0
		other := false
		for _, r := range strings.TrimSpace(s) {
			switch r = fold(r); {
			case r >= '0' && r <= '9':
				digits++
			case r != '-' && r != ' ':
				other = true
			}
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Input != s {
				t.Fatalf("Parse(%q): %v is not an *Error on the input", s, err)
			}
			if e.Problem == CheckDigit && valid13(strings.Map(keepDigit, strings.Map(fold, s))) {
				t.Fatalf("Parse(%q) refused a number whose weighted sum is a multiple of 10", s)
			}
			return
		}
		if other || digits != 13 || len(n) != 13 || !valid13(n) || (n[:3] != "978" && n[:3] != "979") {
			t.Fatalf("Parse(%q) = %q, not a valid ISBN-13", s, n)
		}
		if n != strings.Map(keepDigit, strings.Map(fold, s)) {
			t.Fatalf("Parse(%q) = %q, not the input's digits", s, n)
		}
		if again, err := Parse(n); err != nil || again != n || !Valid(n) {
			t.Fatalf("Parse(%q) = %q, %v; not stable", n, again, err)
		}
	})
}

func keepDigit(r rune) rune {
	if r >= '0' && r <= '9' {
		return r
	}
	return -1
}

func TestHyphenate(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"9780306406157", "978-0-306-40615-7"},
		{"9781861972712", "978-1-86197-271-2"},
		{"9785170906307", "978-5-17-090630-7"},     // АСТ
		{"9785999990013", "978-5-9999-9001-3"},     // the sample: registrant range 9910–9999
		{"9787020024759", "978-7-02-002475-9"},     // 人民文学出版社
		{"9787522700190", "978-7-5227-0019-0"},     // 中国社会科学出版社
		{"9787999990017", "978-7-999990-01-7"},     // the sample: range 900000–999999
		{"9780639800001", "978-0-6398000-0-1"},     // a seven-digit registrant
		{"9791090636071", "9791090636071"},         // 979-10 (France): not in the table
		{"9786010000003", "9786010000003"},         // 978-601 (Kazakhstan): not in the table
		{"978-0-306-40615-7", "978-0-306-40615-7"}, // not the stored form
		{"", ""},
	} {
		if got := Hyphenate(c.in); got != c.want {
			t.Errorf("Hyphenate(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func FuzzHyphenate(f *testing.F) {
	for _, s := range []string{"9780306406157", "9785999990013", "9787999990017", "9781999999999", "9791090636071", "978", "97850000000000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h := Hyphenate(s)
		if h == s {
			return
		}
		if strings.ReplaceAll(h, "-", "") != s {
			t.Fatalf("Hyphenate(%q) = %q: not the same digits", s, h)
		}
		parts := strings.Split(h, "-")
		if len(parts) != 5 || parts[0] != "978" || len(parts[1]) != 1 || len(parts[4]) != 1 {
			t.Fatalf("Hyphenate(%q) = %q: not prefix-group-registrant-publication-check", s, h)
		}
		for _, p := range parts {
			if p == "" {
				t.Fatalf("Hyphenate(%q) = %q: an empty element", s, h)
			}
		}
		if Hyphenate(h) != h {
			t.Fatalf("Hyphenate(%q) changed an already hyphenated ISBN", h)
		}
	})
}
