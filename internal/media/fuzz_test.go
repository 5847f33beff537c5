package media

import (
	"errors"
	"testing"
)

// FuzzSVGSize feeds the SVG reader arbitrary documents: it returns a size
// or ErrUnsupported, and never a size for a document with a script.
func FuzzSVGSize(f *testing.F) {
	for _, s := range []string{
		`<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96"><rect width="96" height="96"/></svg>`,
		`<svg viewBox="0 0 32 16"/>`,
		`<svg viewBox="0,0,1e9,1e9"><script>x</script></svg>`,
		`<?xml version="1.0"?><!DOCTYPE svg><svg/>`,
		`<svg width="-5" height="abc">`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		w, h, err := svgSize(data)
		if err != nil {
			if !errors.Is(err, ErrUnsupported) {
				t.Fatalf("error %v is not ErrUnsupported", err)
			}
			return
		}
		if w <= 0 || h <= 0 {
			t.Fatalf("size %d×%d accepted", w, h)
		}
	})
}
