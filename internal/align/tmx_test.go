package align

import (
	"fmt"
	"slices"
	"testing"
)

// TestTMX checks the memory made from an alignment: a unit for each link
// with both sides, its sentences joined as each language writes them, and
// the link itself recorded on the unit.
func TestTMX(t *testing.T) {
	zh := []string{"中俄签署条约。", "条约共二十五条。", "   ", "附件另行公布。"}
	ru := []string{"Россия и Китай подписали договор.", "В договоре", "25 статей.", "Приложение."}
	en := []string{"The treaty was signed.", "It has 25 articles."}
	tests := []struct {
		name     string
		beads    []Bead
		src, tgt []string
		from, to string
		want     []string // each unit as "x-alignment|source|target"
	}{
		{
			name:  "Chinese joined without a space, Russian with one",
			beads: []Bead{{Src: []int{0}, Tgt: []int{0}}, {Src: []int{1}, Tgt: []int{1, 2}}},
			src:   zh, tgt: ru, from: "zh", to: "ru",
			want: []string{"[0]:[0]|中俄签署条约。|Россия и Китай подписали договор.", "[1]:[1,2]|条约共二十五条。|В договоре 25 статей."},
		},
		{
			name:  "into Chinese, a region in the tag",
			beads: []Bead{{Src: []int{0, 1}, Tgt: []int{0, 1}}},
			src:   en, tgt: zh, from: "en", to: "zh-CN",
			want: []string{"[0,1]:[0,1]|The treaty was signed. It has 25 articles.|中俄签署条约。条约共二十五条。"},
		},
		{
			name:  "a side empty or only white space gives no unit",
			beads: []Bead{{Src: []int{0}}, {Tgt: []int{0}}, {Src: []int{2}, Tgt: []int{3}}, {Src: []int{3}, Tgt: []int{3}}},
			src:   zh, tgt: ru, from: "zh", to: "ru",
			want: []string{"[3]:[3]|附件另行公布。|Приложение."},
		},
		{name: "no beads", src: zh, tgt: ru, from: "zh", to: "ru"},
	}
	for _, tt := range tests {
		tm := TMX(tt.beads, tt.src, tt.tgt, tt.from, tt.to)
		if tm.SrcLang != tt.from {
			t.Errorf("%s: source language %q, want %q", tt.name, tm.SrcLang, tt.from)
		}
		var got []string
		for _, u := range tm.Units {
			s, _ := u.Text(tt.from)
			g, _ := u.Text(tt.to)
			got = append(got, fmt.Sprintf("%s|%s|%s", u.Props["x-alignment"], s, g))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}
