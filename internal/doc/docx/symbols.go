package docx

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Symbol fonts (Symbol, Wingdings, Webdings, Zapf Dingbats) put their own glyphs at the
// codes of Latin letters, or at the same codes moved into the private use
// area (U+F020–U+F0FF), where Word's w:sym stores them. Read as they are,
// they become the wrong letters: Symbol's α is "a", its μ "m". The tables
// below map each font's codes to the Unicode characters that mean the same.

// symbolTable is the Adobe Symbol encoding (as Microsoft's Symbol font has
// it) in Unicode, from Unicode's mapping of the Adobe Symbol Encoding
// (VENDORS/ADOBE/symbol.txt), with its corporate-use codes replaced by the
// characters Unicode 3.2 added for them (bracket pieces, extenders) and
// Greek capitals for Ω and Δ, which the text means. 0 marks a code with
// no character.
var symbolTable = func() [256]rune {
	var t [256]rune
	for c := 0x20; c < 0x7F; c++ {
		t[c] = rune(c)
	}
	for c, r := range map[int]rune{
		0x22: '∀', 0x24: '∃', 0x27: '∋', 0x2A: '∗', 0x2D: '−', 0x40: '≅',
		0x41: 'Α', 0x42: 'Β', 0x43: 'Χ', 0x44: 'Δ', 0x45: 'Ε', 0x46: 'Φ', 0x47: 'Γ', 0x48: 'Η', 0x49: 'Ι',
		0x4A: 'ϑ', 0x4B: 'Κ', 0x4C: 'Λ', 0x4D: 'Μ', 0x4E: 'Ν', 0x4F: 'Ο', 0x50: 'Π', 0x51: 'Θ', 0x52: 'Ρ',
		0x53: 'Σ', 0x54: 'Τ', 0x55: 'Υ', 0x56: 'ς', 0x57: 'Ω', 0x58: 'Ξ', 0x59: 'Ψ', 0x5A: 'Ζ',
		0x5C: '∴', 0x5E: '⊥', 0x60: 0,
		0x61: 'α', 0x62: 'β', 0x63: 'χ', 0x64: 'δ', 0x65: 'ε', 0x66: 'φ', 0x67: 'γ', 0x68: 'η', 0x69: 'ι',
		0x6A: 'ϕ', 0x6B: 'κ', 0x6C: 'λ', 0x6D: 'μ', 0x6E: 'ν', 0x6F: 'ο', 0x70: 'π', 0x71: 'θ', 0x72: 'ρ',
		0x73: 'σ', 0x74: 'τ', 0x75: 'υ', 0x76: 'ϖ', 0x77: 'ω', 0x78: 'ξ', 0x79: 'ψ', 0x7A: 'ζ', 0x7E: '∼',
		0xA0: '€', 0xA1: 'ϒ', 0xA2: '′', 0xA3: '≤', 0xA4: '⁄', 0xA5: '∞', 0xA6: 'ƒ', 0xA7: '♣', 0xA8: '♦',
		0xA9: '♥', 0xAA: '♠', 0xAB: '↔', 0xAC: '←', 0xAD: '↑', 0xAE: '→', 0xAF: '↓',
		0xB0: '°', 0xB1: '±', 0xB2: '″', 0xB3: '≥', 0xB4: '×', 0xB5: '∝', 0xB6: '∂', 0xB7: '•', 0xB8: '÷',
		0xB9: '≠', 0xBA: '≡', 0xBB: '≈', 0xBC: '…', 0xBD: '⏐', 0xBE: '⎯', 0xBF: '↵',
		0xC0: 'ℵ', 0xC1: 'ℑ', 0xC2: 'ℜ', 0xC3: '℘', 0xC4: '⊗', 0xC5: '⊕', 0xC6: '∅', 0xC7: '∩', 0xC8: '∪',
		0xC9: '⊃', 0xCA: '⊇', 0xCB: '⊄', 0xCC: '⊂', 0xCD: '⊆', 0xCE: '∈', 0xCF: '∉',
		0xD0: '∠', 0xD1: '∇', 0xD2: '®', 0xD3: '©', 0xD4: '™', 0xD5: '∏', 0xD6: '√', 0xD7: '⋅', 0xD8: '¬',
		0xD9: '∧', 0xDA: '∨', 0xDB: '⇔', 0xDC: '⇐', 0xDD: '⇑', 0xDE: '⇒', 0xDF: '⇓',
		0xE0: '◊', 0xE1: '⟨', 0xE2: '®', 0xE3: '©', 0xE4: '™', 0xE5: '∑', 0xE6: '⎛', 0xE7: '⎜', 0xE8: '⎝',
		0xE9: '⎡', 0xEA: '⎢', 0xEB: '⎣', 0xEC: '⎧', 0xED: '⎨', 0xEE: '⎩', 0xEF: '⎪',
		0xF1: '⟩', 0xF2: '∫', 0xF3: '⌠', 0xF4: '⎮', 0xF5: '⌡', 0xF6: '⎞', 0xF7: '⎟', 0xF8: '⎠',
		0xF9: '⎤', 0xFA: '⎥', 0xFB: '⎦', 0xFC: '⎫', 0xFD: '⎬', 0xFE: '⎭',
	} {
		t[c] = r
	}
	return t
}()

// zapfDingbatsTable is the encoding of ITC Zapf Dingbats (PostScript's
// ZapfDingbats, which Word documents converted from PDF or from old
// Macintosh files use) in Unicode, from Unicode's mapping of the Adobe
// Zapf Dingbats encoding (VENDORS/ADOBE/zdingbat.txt), with its
// corporate-use codes for the bracket ornaments (0x80–0x8D) replaced by
// the characters Unicode 3.2 added for them (U+2768–U+2775). The
// Dingbats block of Unicode was made from this font: most codes c are
// U+2700+c-0x20 (0x21–0x7E) or U+2760+c-0xA0 (0xA1–0xFE); the exceptions
// are characters Unicode had before, in other blocks. 0 marks a code
// with no character.
var zapfDingbatsTable = func() [256]rune {
	var t [256]rune
	t[0x20] = ' '
	for c := 0x21; c <= 0x7E; c++ {
		t[c] = rune(0x2700 + c - 0x20)
	}
	for c := 0x80; c <= 0x8D; c++ {
		t[c] = rune(0x2768 + c - 0x80)
	}
	for c := 0xA1; c <= 0xFE; c++ {
		t[c] = rune(0x2760 + c - 0xA0)
	}
	for c, r := range map[int]rune{
		0x25: '☎', 0x2A: '☛', 0x2B: '☞', 0x48: '★', 0x6C: '●', 0x6E: '■', 0x73: '▲', 0x74: '▼',
		0x75: '◆', 0x77: '◗', 0xA8: '♣', 0xA9: '♦', 0xAA: '♥', 0xAB: '♠',
		0xAC: '①', 0xAD: '②', 0xAE: '③', 0xAF: '④', 0xB0: '⑤', 0xB1: '⑥', 0xB2: '⑦', 0xB3: '⑧',
		0xB4: '⑨', 0xB5: '⑩', 0xD5: '→', 0xD6: '↔', 0xD7: '↕', 0xF0: 0,
	} {
		t[c] = r
	}
	return t
}()

//go:embed wdings.txt
var wdingsData string

// dingbatTables are the Webdings (0), Wingdings (1), Wingdings 2 (2) and
// Wingdings 3 (3) tables, read from wdings.txt when first needed.
var dingbatTables = sync.OnceValue(func() [4][256]rune {
	var t [4][256]rune
	for _, line := range strings.Split(wdingsData, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, ";")
		r, err := strconv.ParseUint(f[0], 16, 32)
		if err != nil {
			continue
		}
		for _, idx := range f[1:] {
			n, err := strconv.Atoi(idx)
			if err == nil && n/1000 < 4 && n%1000 < 256 {
				t[n/1000][n%1000] = rune(r)
			}
		}
	}
	for i := range t {
		t[i][0x20] = ' '
	}
	return t
})

// symbolFont returns the table of a symbol font, or nil when the font is
// an ordinary one whose codes are Unicode.
func symbolFont(font string) *[256]rune {
	switch strings.ToLower(strings.TrimSpace(font)) {
	case "symbol":
		return &symbolTable
	case "webdings":
		t := dingbatTables()
		return &t[0]
	case "wingdings":
		t := dingbatTables()
		return &t[1]
	case "wingdings 2":
		t := dingbatTables()
		return &t[2]
	case "wingdings 3":
		t := dingbatTables()
		return &t[3]
	case "zapfdingbats", "zapf dingbats", "itc zapf dingbats", "zapf dingbats itc", "itc zapfdingbats":
		return &zapfDingbatsTable
	}
	return nil
}

// replacement stands for a symbol that has no Unicode character.
const replacement = '\uFFFD'

// mapSymbols returns text written in a symbol font's table in Unicode, and
// how many of its characters have no Unicode equivalent (they become
// U+FFFD). Characters outside the font's codes (U+0020–U+00FF and
// U+F020–U+F0FF) are Unicode already and are kept.
func mapSymbols(t *[256]rune, text string) (string, int) {
	var b strings.Builder
	missing := 0
	for _, r := range text {
		code := r
		if code >= 0xF020 && code <= 0xF0FF {
			code -= 0xF000
		}
		if code < 0x20 || code > 0xFF {
			b.WriteRune(r)
			continue
		}
		u := t[code]
		if u == 0 {
			u = replacement
			missing++
		}
		b.WriteRune(u)
	}
	return b.String(), missing
}

// symbolChar returns the character of a w:sym element (a font and a hex
// code), mapped to Unicode when the font is a symbol font, and whether it
// is a character at all.
func symbolChar(font, char string) (string, bool) {
	c, err := strconv.ParseUint(char, 16, 32)
	if err != nil || c > utf8.MaxRune {
		return "", false
	}
	if t := symbolFont(font); t != nil {
		s, _ := mapSymbols(t, string(rune(c)))
		return s, true
	}
	if c >= 0xF020 && c <= 0xF0FF {
		// A symbol font tandem has no table for: the code is only
		// meaningful in that font.
		return string(replacement), true
	}
	if c < 0x20 || !utf8.ValidRune(rune(c)) {
		return "", false
	}
	return string(rune(c)), true
}
