package media

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"strings"
	"unicode"
)

// MonogramSize is the width and height, in pixels, of the SVG that Monogram
// draws.
const MonogramSize = 240

// monogramBox is the side of the square the letters must stay inside: the
// tile (8 px in from each edge) less a margin of 20 px on each side.
const monogramBox = MonogramSize - 2*28

// Monogram draws text, a partner's short name as written in one language, in
// white bold letters on a rounded square of the colour background (a CSS
// colour such as "#2f6f75"): the mark a page shows for a partner that has
// uploaded no logo, so that a Russian page shows "РСМД" and a Chinese one
// "社科院" where an English one shows "RIAC". Han text is set in up to three
// (more for very long names) rows of whole characters, other scripts on one
// line; every line is given an exact length, so that no font the reader's
// system picks can push it past the tile. tag is the BCP 47 tag of text's
// language ("zh-CN"), which picks the right Han glyph forms. The SVG is
// MonogramSize pixels square, with no script, link or outside reference.
func Monogram(text, tag, background string) []byte {
	runes := []rune(strings.TrimSpace(text))
	var rows [][]rune
	var size float64
	family := `"Noto Sans", "Helvetica Neue", Arial, sans-serif`
	if allHan(runes) {
		family = `"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif`
		rows = hanRows(runes)
		longest := 0
		for _, r := range rows {
			longest = max(longest, len(r))
		}
		size = math.Min(96, math.Min(monogramBox/float64(longest), monogramBox/(1.15*float64(len(rows)))))
	} else {
		rows = [][]rune{runes}
		size = math.Min(72, monogramBox/ems(runes))
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" xml:lang="%s">`,
		MonogramSize, MonogramSize, MonogramSize, MonogramSize, attr(tag))
	fmt.Fprintf(&b, `<rect x="8" y="8" width="224" height="224" rx="40" ry="40" fill="%s"/>`, attr(background))
	fmt.Fprintf(&b, `<g fill="#ffffff" font-family="%s" font-weight="700" font-size="%.1f" text-anchor="middle" dominant-baseline="central">`, attr(family), size)
	lineHeight := size * 1.15
	top := MonogramSize/2 - lineHeight*float64(len(rows)-1)/2
	for i, row := range rows {
		length := size * ems(row)
		if allHan(runes) {
			length = size * float64(len(row))
		}
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" textLength="%.1f" lengthAdjust="spacingAndGlyphs">`, MonogramSize/2, top+float64(i)*lineHeight, length)
		xml.EscapeText(&b, []byte(string(row)))
		b.WriteString(`</text>`)
	}
	b.WriteString(`</g></svg>`)
	return b.Bytes()
}

// attr escapes s for an attribute value.
func attr(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return strings.ReplaceAll(b.String(), `"`, "&#34;")
}

// allHan reports whether every letter of rs is a Han character (punctuation
// and marks between them do not count against it).
func allHan(rs []rune) bool {
	han := false
	for _, r := range rs {
		switch {
		case unicode.Is(unicode.Han, r):
			han = true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return false
		}
	}
	return han
}

// hanRows splits Han text into rows of nearly equal length, longer rows
// first: one row up to three characters, two up to six, three up to twelve,
// and a square beyond.
func hanRows(rs []rune) [][]rune {
	n := len(rs)
	rows := 1
	switch {
	case n <= 3:
	case n <= 6:
		rows = 2
	case n <= 12:
		rows = 3
	default:
		rows = int(math.Ceil(math.Sqrt(float64(n))))
	}
	out := make([][]rune, 0, rows)
	for i := range rows {
		// Rows get n/rows characters, the first n%rows of them one more.
		k := n / rows
		if i < n%rows {
			k++
		}
		out = append(out, rs[:k])
		rs = rs[k:]
	}
	return out
}

// ems estimates the width of a line of bold Latin or Cyrillic text in ems:
// capitals are wide, small letters narrower, spaces narrow.
func ems(rs []rune) float64 {
	w := 0.0
	for _, r := range rs {
		switch {
		case unicode.IsSpace(r):
			w += 0.3
		case unicode.IsUpper(r):
			w += 0.74
		case unicode.IsLower(r), unicode.IsDigit(r):
			w += 0.6
		case unicode.Is(unicode.Han, r):
			w += 1
		default:
			w += 0.5
		}
	}
	return math.Max(w, 1)
}
