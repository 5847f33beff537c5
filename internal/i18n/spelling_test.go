package i18n

import (
	"slices"
	"strings"
	"testing"
)

// officialNames are names the site quotes in their own English spelling,
// which need not be British.
var officialNames = []string{
	"Treaty of Good-Neighborliness and Friendly Cooperation",
	"Treaty of Good-neighborliness and Friendly Cooperation",
}

func TestAmericanSpellings(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"The organisers realised the programme's colour and centre.", nil},
		{"The organizers realized the program's color and center.", []string{"organizers", "realized", "program", "color", "center"}},
		{"We analyze behavior; they traveled to the theater.", []string{"analyze", "behavior", "traveled", "theater"}},
		{"Honorary members of the laboratory spoke vigorously, with humorous dialogue.", nil},
		{"A catalogue, a catalog; 5 kilometres, 5 kilometers; 20 per cent, 20 percent.", []string{"catalog", "kilometers", "percent"}},
		{"They enrolled and fulfilled; enrollment and fulfillment.", []string{"enrollment", "fulfillment"}},
		{"a city councilor, a city councillor", []string{"councilor"}},
		{"literature, programmed, programming, colourful", nil},
		// An official name keeps its spelling; the same word elsewhere
		// does not.
		{"the Treaty of Good-Neighborliness and Friendly Cooperation", nil},
		{"good neighborliness between them", []string{"neighborliness"}},
	}
	for _, tt := range tests {
		if got := AmericanSpellings(tt.text, officialNames...); !slices.Equal(got, tt.want) {
			t.Errorf("AmericanSpellings(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestEnglishCatalogIsBritish checks every English message of the site for
// American spellings: the site writes en-GB.
func TestEnglishCatalogIsBritish(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for key, m := range c.Printer("en").messages {
		texts := []string{m.text}
		for _, f := range m.plural {
			texts = append(texts, f)
		}
		for _, text := range texts {
			if words := AmericanSpellings(text, officialNames...); len(words) > 0 {
				t.Errorf("%q: %q spells %s the American way", key, text, strings.Join(words, ", "))
			}
		}
	}
	// The printer's own English: month, day and zone names.
	var own []string
	own = append(own, enMonths[:]...)
	own = append(own, enWeekdays[:]...)
	for _, mz := range zones {
		own = append(own, mz.standard.en, mz.daylight.en)
	}
	if words := AmericanSpellings(strings.Join(own, " ")); len(words) > 0 {
		t.Errorf("the printer writes %q", words)
	}
}
