package i18n

import (
	"math"
	"slices"
	"testing"
)

func TestPluralCategory(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"ru", 0, "many"},
		{"ru", 1, "one"},
		{"ru", 2, "few"},
		{"ru", 4, "few"},
		{"ru", 5, "many"},
		{"ru", 11, "many"},
		{"ru", 12, "many"},
		{"ru", 14, "many"},
		{"ru", 21, "one"},
		{"ru", 22, "few"},
		{"ru", 25, "many"},
		{"ru", 101, "one"},
		{"ru", 111, "many"},
		{"ru", 112, "many"},
		{"ru", 122, "few"},
		{"ru", 1000, "many"},
		{"ru", 1001, "one"},
		{"ru", -1, "one"},
		{"ru", -22, "few"},
		{"ru", math.MinInt, "many"}, // ends in …808
		{"en", 0, "other"},
		{"en", 1, "one"},
		{"en", 2, "other"},
		{"en", 21, "other"},
		{"en", -1, "one"},
		{"zh", 0, "other"},
		{"zh", 1, "other"},
		{"zh", 2, "other"},
		{"de", 1, "one"},
	}
	for _, tt := range tests {
		if got := PluralCategory(tt.lang, tt.n); got != tt.want {
			t.Errorf("PluralCategory(%q, %d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

// TestPluralCategoriesCoverRules checks that the categories a catalog must
// provide are exactly those the rules produce, so that N never meets a
// missing form.
func TestPluralCategoriesCoverRules(t *testing.T) {
	for _, lang := range Languages {
		seen := make(map[string]bool)
		for n := -1000; n <= 1000; n++ {
			seen[PluralCategory(lang, n)] = true
		}
		want := pluralCategories(lang)
		var got []string
		for cat := range seen {
			got = append(got, cat)
		}
		slices.Sort(got)
		want = slices.Sorted(slices.Values(want))
		if !slices.Equal(got, want) {
			t.Errorf("%s: rules produce %q, catalogs must provide %q", lang, got, want)
		}
	}
}
