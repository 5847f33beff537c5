package docx

import (
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

func symRun(font, char string) string {
	return `<w:r><w:sym w:font="` + font + `" w:char="` + char + `"/></w:r>`
}

func fontRun(font, text string) string {
	return `<w:r><w:rPr><w:rFonts w:ascii="` + font + `" w:hAnsi="` + font + `"/></w:rPr><w:t xml:space="preserve">` + text + `</w:t></w:r>`
}

func textRun(text string) string {
	return `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r>`
}

// TestSymbolFonts checks that characters of symbol fonts, given as w:sym
// or as text in a run whose font is a symbol font, become the Unicode
// characters the reader of the document sees.
func TestSymbolFonts(t *testing.T) {
	for _, tc := range []struct {
		name, body, want string
		warn             string
	}{
		{"sym Greek", symRun("Symbol", "F061") + symRun("Symbol", "F062") + textRun(" и ") + symRun("Symbol", "F057"), "αβ и Ω", ""},
		{"micrometre", fontRun("Symbol", "m") + textRun("m"), "μm", ""},
		{"Symbol text", fontRun("Symbol", "a+b=g, p»3.14, x¹0, A×B"), "α+β=γ, π≈3.14, ξ≠0, Α⋅Β", ""},
		{"Symbol in the private use area", fontRun("Symbol", "\uF061\uF0B3"), "α≥", ""},
		{"Symbol font with Cyrillic text", fontRun("Symbol", "Текст"), "Текст", ""},
		{"character style in Symbol", `<w:r><w:rPr><w:rStyle w:val="Greek"/></w:rPr><w:t>D</w:t></w:r>` + `<w:r><w:rPr><w:rStyle w:val="Greek"/><w:rFonts w:ascii="Times New Roman"/></w:rPr><w:t>D</w:t></w:r>`, "ΔD", ""},
		{"Wingdings", symRun("Wingdings", "F0FC") + symRun("Wingdings", "F04A") + fontRun("Wingdings", "\u00e8"), "✓☺🡺", ""},
		{"Wingdings 2 and 3, Webdings", symRun("Wingdings 2", "F050") + symRun("Wingdings 3", "F021") + symRun("Webdings", "F021"), "🗸⭠🕷", ""},
		{"ZapfDingbats", symRun("ZapfDingbats", "F033") + symRun("ZapfDingbats", "F06C") + symRun("Zapf Dingbats", "F0AC") + symRun("ZapfDingbats", "F080"), "✓●①❨", ""},
		{"ITC Zapf Dingbats text", fontRun("ITC Zapf Dingbats", "4 nÕ"), "✔ ■→", ""},
		{"no Unicode equivalent", textRun("Windows ") + symRun("Wingdings", "F0FF"), "Windows \uFFFD", "1 character of the Wingdings font without a Unicode equivalent"},
		{"unknown symbol font", textRun("x") + symRun("Marlett", "F030"), "x\uFFFD", "Marlett font"},
		{"ordinary font", symRun("Times New Roman", "00B0") + symRun("Cambria Math", "2211"), "°∑", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parts := pkgParts(`<w:p>` + tc.body + `</w:p>`)
			parts["word/styles.xml"] = strings.Replace(parts["word/styles.xml"], "</w:styles>",
				`<w:style w:type="character" w:styleId="Greek"><w:name w:val="Greek"/><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr></w:style></w:styles>`, 1)
			d, err := readBytes(t, zipParts(t, parts))
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Blocks) != 1 {
				t.Fatalf("%d blocks", len(d.Blocks))
			}
			if got := doc.BlockText(&d.Blocks[0]); got != tc.want {
				t.Errorf("text = %q, want %q", got, tc.want)
			}
			warnings := strings.Join(d.Warnings, "\n")
			if (tc.warn == "") != (warnings == "") || !strings.Contains(warnings, tc.warn) {
				t.Errorf("warnings = %q, want %q", warnings, tc.warn)
			}
		})
	}
}
