package lang

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestTextIn(t *testing.T) {
	theme := New("en", map[string]string{"en": "Cooperation", "ru": "Сотрудничество"}).Draft("zh", "合作（草稿）")
	for _, c := range []struct {
		reader, want, written string
	}{
		{"en", "Cooperation", "en"},
		{"ru", "Сотрудничество", "ru"},
		// A draft is not shown to the public: the source is.
		{"zh", "Cooperation", "en"},
		{"de", "Cooperation", "en"},
	} {
		v, w := theme.In(c.reader)
		if v != c.want || w != c.written {
			t.Errorf("In(%q) = %q, %q; want %q, %q", c.reader, v, w, c.want, c.written)
		}
	}
	if theme.Complete("zh") || !theme.Complete("en") || !theme.Complete("ru") {
		t.Error("Complete: the draft counts as complete or a translation does not")
	}
	if err := (Text{Source: "zh", Values: map[string]string{"ru": "только перевод"}}).Validate(); err == nil {
		t.Error("a text without its source value passed Validate")
	}
}

func TestTextRoundTrip(t *testing.T) {
	orig := New("zh", map[string]string{"zh": "论坛", "ru": "Форум"}).Draft("en", "Forum")
	v, err := orig.Value()
	if err != nil {
		t.Fatal(err)
	}
	var back Text
	if err := back.Scan(v); err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(orig)
	b, _ := json.Marshal(back)
	if string(a) != string(b) {
		t.Errorf("round trip: %s, want %s", b, a)
	}
	var empty Text
	if err := empty.Scan(nil); err != nil || !empty.IsZero() {
		t.Errorf("Scan(nil) = %v, zero %v", err, empty.IsZero())
	}
	if err := empty.Scan(42); err == nil {
		t.Error("Scan of an int succeeded")
	}
}

func TestNames(t *testing.T) {
	wang := Name{Family: "王", Given: "毅", FamilyFirst: true}
	wangRu := Name{Family: "Ван", Given: "И", FamilyFirst: true}
	lavrovZh := Name{Family: "拉夫罗夫", Given: "谢尔盖"}
	lavrovRu := Name{Family: "Лавров", Given: "Сергей", Patronymic: "Викторович"}
	for _, c := range []struct {
		n           Name
		l           string
		full, short string
	}{
		{wang, "zh", "王毅", "王毅"},
		{wangRu, "ru", "Ван И", "Ван"},
		{Name{Family: "Wang", Given: "Yi", FamilyFirst: true}, "en", "Wang Yi", "Wang"},
		{lavrovZh, "zh", "谢尔盖·拉夫罗夫", "拉夫罗夫"},
		{lavrovRu, "ru", "Сергей Викторович Лавров", "Лавров"},
	} {
		if got := c.n.Full(c.l); got != c.full {
			t.Errorf("Full(%q) = %q, want %q", c.l, got, c.full)
		}
		if got := c.n.Short(c.l); got != c.short {
			t.Errorf("Short(%q) = %q, want %q", c.l, got, c.short)
		}
	}
	if got := lavrovRu.SortKey(); got != "Лавров Сергей Викторович" {
		t.Errorf("SortKey = %q", got)
	}
	ns := Names{Source: "ru", Values: map[string]Name{"ru": lavrovRu, "zh": lavrovZh}}
	if n, l := ns.In("en"); l != "ru" || n.Family != "Лавров" {
		t.Errorf("Names.In(en) without an English form = %v, %q; want the Russian source", n, l)
	}
}

// TestControlCharactersAreRefused checks every kind of character that no
// published text may hold, and that the neighbours of each range pass.
func TestControlCharactersAreRefused(t *testing.T) {
	tests := []struct {
		in     string
		reject bool
	}{
		{"plain text, 中文, русский", false},
		{"tab\tline\nreturn\r\n", false},
		{"\u00a0no-break space and \u00ad soft hyphen", false},
		{"replacement \ufffd character written as such", false},
		{"\u2028 line separator", false},
		{"bell\a", true},
		{"nul\x00", true},
		{"escape\x1b[31m", true},
		{"unit separator\x1f", true},
		{"delete\x7f", true},
		{"C1 next line\u0085", true},
		{"C1 \u009f", true},
		{"latin-1 byte \xe9", true},
		{"lone surrogate \xed\xa0\x80", true},
		{"cut sequence \xe4\xb8", true},
	}
	for _, tt := range tests {
		err := CheckPlain(tt.in)
		if (err != nil) != tt.reject {
			t.Errorf("CheckPlain(%q) = %v, want rejected %v", tt.in, err, tt.reject)
		}
		if err != nil && !errors.Is(err, ErrControl) {
			t.Errorf("CheckPlain(%q) = %v, want it to wrap ErrControl", tt.in, err)
		}
		text := New("ru", map[string]string{"ru": "Заголовок", "en": tt.in})
		if err := text.Validate(); (err != nil) != tt.reject || err != nil && !strings.HasPrefix(err.Error(), "en: ") {
			t.Errorf("Text.Validate with %q = %v, want rejected %v naming the language", tt.in, err, tt.reject)
		}
		names := Names{Source: "ru", Values: map[string]Name{"ru": {Family: "Иванов", Given: tt.in}}}
		if err := names.Validate(); (err != nil) != tt.reject {
			t.Errorf("Names.Validate with %q = %v, want rejected %v", tt.in, err, tt.reject)
		}
	}
}

func TestWithoutBreakHints(t *testing.T) {
	for in, want := range map[string]string{
		"俄罗斯\u200b国际事务\u200b委员会": "俄罗斯国际事务委员会",
		"\u200bRIAC\u200b":       "RIAC",
		"no hints":               "no hints",
		"":                       "",
	} {
		if got := WithoutBreakHints(in); got != want {
			t.Errorf("WithoutBreakHints(%q) = %q, want %q", in, got, want)
		}
	}
}
