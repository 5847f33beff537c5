package segment

import (
	"strings"
	"testing"
)

// TestReferenceElements: a fragment that is only a year, numbers after
// their designations, pages or a city of publication goes on with the
// reference before it; one with any other word is a sentence.
func TestReferenceElements(t *testing.T) {
	tests := []struct {
		lang, frag      string
		element, yearly bool
	}{
		{"ru", "2002.", true, true},
		{"ru", "— 2001–2002.", true, true},
		{"ru", "№ 6.", true, false},
		{"ru", "№6.", true, false},
		{"ru", "Т. 2, вып. 3.", true, false},
		{"ru", "С. 3–8, 15.", true, false},
		{"ru", "С.5.", true, false},
		{"ru", "320 с.", true, false},
		{"ru", "— М.: Наука, 2019.", true, false},
		{"ru", "Т. II.", true, false},
		{"en", "Pp. 3–8.", true, false},
		{"en", "xii, 320 p.", true, false},
		{"en", "Vol. 3, no. 6.", true, false},
		{"ru", "— Ст. 6724.", true, false},
		{"ru", "П. 3, абз. 2.", true, false},
		{"ru", "§ 5.", true, false},
		{"ru", "№ 6 (45).", true, false},
		{"ru", "480 с. (Серия «Учебник»).", true, false},
		{"ru", "2-е изд., перераб. и доп. СПб.: Питер, 2015.", true, false},
		{"ru", "Изд. 3-е, испр.", true, false},
		{"ru", "— Москва ; Санкт-Петербург : Питер, 2015.", true, false},
		{"en", "— London : Routledge, 2018.", true, false},
		{"en", "Art. 5, para. 2.", true, false},
		{"en", "Sec. 3.", true, false},
		{"en", "2nd ed.", true, false},
		{"en", "3rd rev. ed. Oxford: OUP, 2020.", true, false},
		// Sentences.
		{"ru", "2002 год был трудным.", false, false},
		{"ru", "Затем начались переговоры.", false, false},
		{"ru", "С ним пришли 5.", false, false},
		{"ru", "15, 16.", false, false},
		{"ru", "Москва: столица.", false, false},
		{"en", "No. 6 was the best.", false, false},
		{"en", "2002...", false, false},
		{"en", "320 people.", false, false},
		{"ru", "2002. (Он тогда ушёл.)", false, false},
		{"ru", "2-е изд. вышло позже.", false, false},
		{"en", "London: the capital.", false, false},
		{"en", "2nd edition was better.", false, false},
	}
	for _, tt := range tests {
		element, yearly := MustFor(tt.lang).referenceElement(tt.frag)
		if element != tt.element || yearly != tt.yearly {
			t.Errorf("%s: referenceElement(%q) = %v, %v, want %v, %v", tt.lang, tt.frag, element, yearly, tt.element, tt.yearly)
		}
	}
}

// TestReferenceRulesRead: a rule file adds designations of its own.
func TestReferenceRulesRead(t *testing.T) {
	r := MustFor("en")
	text := "Archiv für Geschichte. 1902. Bd. 3. S. 5."
	if got := Strings(r, text); len(got) == 1 {
		t.Fatalf("built-in English rules already keep %q whole", text)
	}
	if err := r.Read(strings.NewReader("never bd.\nreferences bd. s.\n"), "p.txt"); err != nil {
		t.Fatal(err)
	}
	if got := Strings(r, text); len(got) != 1 {
		t.Errorf("with never bd. and references bd. s.: %q, want one segment", got)
	}
}

// TestReferenceScripts: a reference element is read by the rules of its
// script, as other boundaries are, so a Russian reference splits alike
// under the Russian and the English rules, and an English one too.
func TestReferenceScripts(t *testing.T) {
	for _, text := range []string{
		"Иванов И. И. Россия и Китай. М.: Наука, 2019. 320 с.",
		"Иванов И. И. Россия и Китай : монография. — М. : Наука, 2019. — 320 с.",
		"Smith J. Energy Diplomacy. — London : Routledge, 2018. — 250 p.",
	} {
		for _, lang := range []string{"ru", "en"} {
			if got := Strings(MustFor(lang), text); len(got) != 1 {
				t.Errorf("%s: %q, want one segment", lang, got)
			}
		}
	}
}
