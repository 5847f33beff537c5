package segment

import (
	"reflect"
	"testing"
)

func TestStemRussianCaseForms(t *testing.T) {
	groups := [][]string{
		{"сотрудничество", "сотрудничества", "сотрудничеству", "сотрудничеством"},
		{"договор", "договора", "договору", "договором", "договоре", "договоры", "договоров"},
		{"добрососедстве", "добрососедства", "добрососедство"},
		{"академия", "академии", "академию", "академией"},
		{"российский", "российского", "российскому", "российским", "российская", "российской"},
	}
	for _, g := range groups {
		want := Stem(g[0], "ru")
		for _, w := range g[1:] {
			if got := Stem(w, "ru"); got != want {
				t.Errorf("Stem(%q) = %q, Stem(%q) = %q", w, got, g[0], want)
			}
		}
	}
	if Stem("мир", "ru") == Stem("мирный", "ru") && Stem("дом", "ru") == Stem("дым", "ru") {
		t.Error("distinct words share a stem")
	}
}

func TestWords(t *testing.T) {
	got := Words("Санкт-Петербург, it's 2023年中俄 AM!")
	want := []string{"санкт-петербург", "it's", "2023", "年", "中", "俄", "am"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestContainsTerm(t *testing.T) {
	tests := []struct {
		text, term, lang string
		want             bool
	}{
		{"Стороны подтвердили верность Договору о добрососедстве.", "договор о добрососедстве", "ru", true},
		{"Договоры подписаны.", "договор о добрососедстве", "ru", false},
		{"两国签署了睦邻友好合作条约。", "睦邻友好合作条约", "zh", true},
		{"The treaties were signed.", "treaty", "en", true},
	}
	for _, tt := range tests {
		if got := ContainsTerm(tt.text, tt.term, tt.lang); got != tt.want {
			t.Errorf("ContainsTerm(%q, %q) = %v", tt.text, tt.term, got)
		}
	}
}
