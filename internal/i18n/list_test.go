package i18n

import "testing"

func TestList(t *testing.T) {
	tests := []struct {
		items      []string
		en, ru, zh string
	}{
		{nil, "", "", ""},
		{[]string{"A"}, "A", "A", "A"},
		{[]string{"A", "B"}, "A and B", "A и B", "A和B"},
		{[]string{"A", "B", "C"}, "A, B and C", "A, B и C", "A、B和C"},
		{[]string{"A", "B", "C", "D"}, "A, B, C and D", "A, B, C и D", "A、B、C和D"},
	}
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		for lang, want := range map[string]string{"en": tt.en, "ru": tt.ru, "zh": tt.zh} {
			if got := c.Printer(lang).List(tt.items); got != want {
				t.Errorf("%s: List(%q) = %q, want %q", lang, tt.items, got, want)
			}
		}
	}
}

func TestQuote(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]string{
		"en": "“Partnership”",
		"ru": "«Partnership»",
		"zh": "“Partnership”",
	}
	for lang, want := range tests {
		if got := c.Printer(lang).Quote("Partnership"); got != want {
			t.Errorf("%s: Quote = %q, want %q", lang, got, want)
		}
	}
}

func TestApposition(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, desc string
		en, ru, zh string
	}{
		{"王毅", "国务委员兼外交部长", "王毅, 国务委员兼外交部长", "王毅, 国务委员兼外交部长", "王毅，国务委员兼外交部长"},
		{"Sergey Lavrov", "Minister", "Sergey Lavrov, Minister", "Sergey Lavrov, Minister", "Sergey Lavrov，Minister"},
		{"Wang Yi", "", "Wang Yi", "Wang Yi", "Wang Yi"},
		{"", "Minister", "Minister", "Minister", "Minister"},
	}
	for _, tt := range tests {
		for lang, want := range map[string]string{"en": tt.en, "ru": tt.ru, "zh": tt.zh} {
			if got := c.Printer(lang).Apposition(tt.name, tt.desc); got != want {
				t.Errorf("%s: Apposition(%q, %q) = %q, want %q", lang, tt.name, tt.desc, got, want)
			}
		}
	}
}

// TestLocale checks the one locale each language is written in: British
// English, whose dates, times and lists the printer writes.
func TestLocale(t *testing.T) {
	for lang, want := range map[string]string{"zh": "zh-CN", "ru": "ru-RU", "en": "en-GB", "de": "en-GB", "": "en-GB"} {
		if got := Locale(lang); got != want {
			t.Errorf("Locale(%q) = %q, want %q", lang, got, want)
		}
	}
}

// TestInTitleMarks: a title put inside Chinese book-title marks has its own
// marks turned into the inner ones; other languages keep theirs.
func TestInTitleMarks(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang, in, want string
	}{
		{"zh", "《中俄睦邻友好合作条约》签署二十周年文集", "〈中俄睦邻友好合作条约〉签署二十周年文集"},
		{"zh", "文集", "文集"},
		{"zh", "〈已是内层〉", "〈已是内层〉"},
		{"ru", "«Договор» и 《条约》", "«Договор» и 《条约》"},
		{"en", "The 《Treaty》", "The 《Treaty》"},
	}
	for _, tt := range tests {
		if got := c.Printer(tt.lang).InTitleMarks(tt.in); got != tt.want {
			t.Errorf("%s InTitleMarks(%q) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
}
