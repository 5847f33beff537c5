package qa

import (
	"math"

	"github.com/tandemforum/tandem/internal/numeral"
)

// sameMeasure reports whether a and b are the same measure converted and
// rounded: within 6 % of each other, or 1 °C.
func sameMeasure(a, b numeral.Number) bool {
	if a.Unit == nil || b.Unit == nil || a.Unit.Dim != b.Unit.Dim {
		return false
	}
	for _, x := range a.Bases() {
		for _, y := range b.Bases() {
			if a.Unit.Dim == numeral.Temperature && math.Abs(x-y) <= 1 ||
				a.Unit.Dim != numeral.Temperature && math.Abs(x-y) <= 0.06*math.Max(math.Abs(x), math.Abs(y)) {
				return true
			}
		}
	}
	return false
}
