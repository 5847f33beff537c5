package qa

import (
	"testing"

	"github.com/tandemforum/tandem/internal/interchange"
)

func TestFindTerms(t *testing.T) {
	tb := &interchange.Termbase{Entries: []interchange.Concept{
		{ID: "treaty", Terms: []interchange.Term{
			{Lang: "ru", Text: "Договор о добрососедстве", Status: interchange.Preferred},
			{Lang: "zh", Text: "睦邻友好合作条约"},
			{Lang: "en", Text: "Treaty of Good-Neighbourliness"},
		}},
		{ID: "cooperation", Terms: []interchange.Term{{Lang: "zh", Text: "合作"}, {Lang: "ru", Text: "сотрудничество"}}},
		{ID: "forbidden", Terms: []interchange.Term{{Lang: "en", Text: "pact", Status: interchange.Forbidden}}},
	}}
	tests := []struct {
		name, text, lang string
		want             []string // the text of each use, in order
		concepts         []int
	}{
		{"russian case form", "Подписание Договора о добрососедстве и сотрудничестве.", "ru",
			[]string{"Договора о добрососедстве", "сотрудничестве"}, []int{0, 1}},
		{"chinese by characters, shorter term inside not counted", "中俄睦邻友好合作条约签署二十周年", "zh-CN",
			[]string{"睦邻友好合作条约"}, []int{0}},
		{"chinese term alone", "双方加强合作。", "zh", []string{"合作"}, []int{1}},
		{"english any case", "the treaty of good-neighbourliness was signed", "en",
			[]string{"treaty of good-neighbourliness"}, []int{0}},
		{"forbidden terms are not listed", "a pact", "en", nil, nil},
		{"other language's terms are not listed", "合作", "ru", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FindTerms(tb, tt.text, tt.lang)
			if len(got) != len(tt.want) {
				t.Fatalf("FindTerms(%q) = %+v, want %q", tt.text, got, tt.want)
			}
			for k, u := range got {
				if s := tt.text[u.Start:u.End]; s != tt.want[k] || u.Concept != tt.concepts[k] {
					t.Errorf("use %d: %q of concept %d, want %q of %d", k, s, u.Concept, tt.want[k], tt.concepts[k])
				}
			}
		})
	}
}
