package web

import (
	"reflect"
	"testing"
)

// TestMarkDiff marks a fuzzy match against a segment: words of the match
// the segment lacks, and words of the segment the match lacks, where they
// would stand, so that a match shorter than the segment shows what to add.
func TestMarkDiff(t *testing.T) {
	for _, c := range []struct {
		name, src, match string
		want             []diffPart
	}{
		{"same", "The treaty was signed.", "The treaty was signed.", []diffPart{{Text: "The treaty was signed."}}},
		{"a word changed", "The treaty was signed in Moscow.", "The treaty was signed in Beijing.",
			[]diffPart{{Text: "The treaty was signed in "}, {Text: "Moscow", Missing: true}, {Text: "Beijing", Diff: true}, {Text: "."}}},
		{"words missing from the match", "The treaty was signed in Moscow in 2001.", "The treaty was signed in 2001.",
			[]diffPart{{Text: "The treaty was signed in "}, {Text: "Moscow in", Missing: true}, {Text: "2001."}}},
		{"a word the segment lacks", "The treaty was signed.", "The treaty was finally signed.",
			[]diffPart{{Text: "The treaty was "}, {Text: "finally", Diff: true}, {Text: " signed."}}},
		{"the end missing", "条约于2001年签署。", "条约于",
			[]diffPart{{Text: "条约于"}, {Text: "2001年签署。", Missing: true}}},
	} {
		if got := markDiff(c.src, c.match); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %+v; want %+v", c.name, got, c.want)
		}
	}
}
