package media

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"strings"
	"unicode"

	"github.com/tandemforum/tandem/internal/lang"
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
// "社科院" where an English one shows "RIAC".
//
// The name is set on as many lines as make its letters largest, breaking
// only where the name allows a break: at a space (not a no-break space) and
// at a break hint (lang.BreakHint) stored in the name, as in
// "俄罗斯\u200b国际事务\u200b委员会". A name without either, such as a Chinese
// one, stays on one line, scaled to fit: no dictionary is at hand to tell
// where its words end, and a break inside a word (国/际) misreads it. Every
// line is given an exact length, so that no font the reader's system picks
// can push it past the tile. tag is the BCP 47 tag of text's language
// ("zh-CN"), which picks the right Han glyph forms. The SVG is MonogramSize
// pixels square, with no script, link or outside reference.
func Monogram(text, tag, background string) []byte {
	words := monogramWords(text)
	family := `"Noto Sans", "Helvetica Neue", Arial, sans-serif`
	maxSize := 72.0
	if allHan([]rune(text)) {
		family = `"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif`
		maxSize = 96
	}
	rows, size := monogramRows(words, maxSize)
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" xml:lang="%s">`,
		MonogramSize, MonogramSize, MonogramSize, MonogramSize, attr(tag))
	fmt.Fprintf(&b, `<rect x="8" y="8" width="224" height="224" rx="40" ry="40" fill="%s"/>`, attr(background))
	fmt.Fprintf(&b, `<g fill="#ffffff" font-family="%s" font-weight="700" font-size="%.1f" text-anchor="middle" dominant-baseline="central">`, attr(family), size)
	lineHeight := size * 1.15
	top := MonogramSize/2 - lineHeight*float64(len(rows)-1)/2
	for i, row := range rows {
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" textLength="%.1f" lengthAdjust="spacingAndGlyphs">`, MonogramSize/2, top+float64(i)*lineHeight, size*ems([]rune(row)))
		xml.EscapeText(&b, []byte(row))
		b.WriteString(`</text>`)
	}
	b.WriteString(`</g></svg>`)
	return b.Bytes()
}

// monogramWord is a piece of a name between two places where a line may
// break, with what stands before it when both are on one line: a space, or
// nothing after a break hint.
type monogramWord struct {
	text, before string
}

// monogramWords cuts a name at its spaces and break hints. Runs of them count
// as one place; a space wins over a hint next to it. No-break spaces are part
// of a word.
func monogramWords(text string) []monogramWord {
	var out []monogramWord
	var cur strings.Builder
	sep := ""
	for _, r := range text {
		switch {
		case r == lang.BreakHint:
			if cur.Len() > 0 {
				out = append(out, monogramWord{cur.String(), sep})
				cur.Reset()
				sep = ""
			}
		case breakingSpace(r):
			if cur.Len() > 0 {
				out = append(out, monogramWord{cur.String(), sep})
				cur.Reset()
				sep = ""
			}
			if len(out) > 0 {
				sep = " "
			}
		default:
			cur.WriteRune(r)
		}
	}
	if cur.Len() > 0 {
		out = append(out, monogramWord{cur.String(), sep})
	}
	if len(out) > 0 {
		out[0].before = ""
	}
	return out
}

// breakingSpace reports whether r is a space a line may break at: any
// Unicode space but the no-break ones.
func breakingSpace(r rune) bool {
	switch r {
	case '\u00a0', '\u2007', '\u202f', '\u2060', '\ufeff':
		return false
	}
	return unicode.IsSpace(r)
}

// monogramRows sets words on the number of lines that gives the largest
// letters, up to maxSize pixels, inside the tile's box, and returns the lines
// with that font size. Between line counts that give the same size the fewer
// lines win; for one count, the words are spread so that the longest line is
// as short as it can be.
func monogramRows(words []monogramWord, maxSize float64) ([]string, float64) {
	n := len(words)
	if n == 0 {
		return nil, maxSize
	}
	// width[i][j] is the width in ems of words i..j-1 on one line.
	width := make([][]float64, n+1)
	for i := range width {
		width[i] = make([]float64, n+1)
		line := ""
		for j := i + 1; j <= n; j++ {
			if j > i+1 {
				line += words[j-1].before
			}
			line += words[j-1].text
			width[i][j] = ems([]rune(line))
		}
	}
	var bestRows []string
	bestSize := -1.0
	for k := 1; k <= n; k++ {
		cuts := balancedCuts(width, n, k)
		longest := 0.0
		var rows []string
		for i := 0; i < k; i++ {
			from, to := cuts[i], cuts[i+1]
			longest = math.Max(longest, width[from][to])
			row := words[from].text
			for _, w := range words[from+1 : to] {
				row += w.before + w.text
			}
			rows = append(rows, row)
		}
		size := math.Min(maxSize, math.Min(monogramBox/longest, monogramBox/(1.15*float64(k))))
		if size > bestSize+0.05 {
			bestRows, bestSize = rows, size
		}
	}
	return bestRows, bestSize
}

// balancedCuts splits n words into k lines so that the widest line is as
// narrow as it can be (the linear partition problem, by dynamic
// programming), and returns the k+1 word indexes where lines start, the last
// being n.
func balancedCuts(width [][]float64, n, k int) []int {
	// cost[m][j] is the narrowest widest line for the first j words on m
	// lines; from[m][j] where the last of those lines starts.
	cost := make([][]float64, k+1)
	from := make([][]int, k+1)
	for m := range cost {
		cost[m] = make([]float64, n+1)
		from[m] = make([]int, n+1)
		for j := range cost[m] {
			cost[m][j] = math.Inf(1)
		}
	}
	cost[0][0] = 0
	for m := 1; m <= k; m++ {
		for j := m; j <= n; j++ {
			for i := m - 1; i < j; i++ {
				if c := math.Max(cost[m-1][i], width[i][j]); c < cost[m][j] {
					cost[m][j], from[m][j] = c, i
				}
			}
		}
	}
	cuts := make([]int, k+1)
	cuts[k] = n
	for m := k; m > 0; m-- {
		cuts[m-1] = from[m][cuts[m]]
	}
	return cuts
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
