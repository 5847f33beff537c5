package media

import (
	"errors"
	"testing"
)

// FuzzSVGSize feeds the SVG reader arbitrary uploads, decoded as Add does:
// it returns a size or ErrUnsupported, and never a size for a document
// with a script.
func FuzzSVGSize(f *testing.F) {
	for _, s := range []string{
		`<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96"><rect width="96" height="96"/></svg>`,
		`<svg viewBox="0 0 32 16"/>`,
		`<svg viewBox="0,0,1e9,1e9"><script>x</script></svg>`,
		`<?xml version="1.0"?><!DOCTYPE svg><svg/>`,
		`<svg width="-5" height="abc">`,
		"\ufeff<svg width=\"2\" height=\"3\"/>",
		"\xff\xfe<\x00s\x00v\x00g\x00 \x00w\x00i\x00d\x00t\x00h\x00=\x00'\x001\x00'\x00/\x00>\x00",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		svg, err := decodeSVG(data)
		if err != nil {
			if !errors.Is(err, ErrUnsupported) {
				t.Fatalf("error %v is not ErrUnsupported", err)
			}
			return
		}
		w, h, err := svgSize(svg)
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
