package web

import (
	"testing"

	"github.com/tandemforum/tandem/internal/book"
)

// TestTranslationOf: each language edition of a collection written in one
// language translates, as a whole, the edition in that language and not
// the other way round; editions of a collection of mixed originals, and a
// parallel edition, translate no edition as wholes.
func TestTranslationOf(t *testing.T) {
	ru := []book.Chapter{{ID: "ch1", Original: "ru"}, {ID: "ch2", Original: "ru"}}
	mixed := []book.Chapter{{ID: "ch1", Original: "zh"}, {ID: "ch2", Original: "ru"}}
	for _, c := range []struct {
		chapters []book.Chapter
		to, from []string
		want     bool
	}{
		{ru, []string{"zh"}, []string{"ru"}, true},
		{ru, []string{"en"}, []string{"ru"}, true},
		{ru, []string{"ru"}, []string{"zh"}, false},
		{ru, []string{"zh"}, []string{"en"}, false},
		{ru, []string{"zh", "ru"}, []string{"ru"}, false},
		{ru, []string{"ru"}, []string{"zh", "ru"}, false},
		{mixed, []string{"zh"}, []string{"ru"}, false},
		{mixed, []string{"ru"}, []string{"zh"}, false},
		{nil, []string{"zh"}, []string{"ru"}, false},
	} {
		if got := translationOf(c.chapters, c.to, c.from); got != c.want {
			t.Errorf("%v translates %v (chapters %v): %v, want %v", c.to, c.from, c.chapters, got, c.want)
		}
	}
}
