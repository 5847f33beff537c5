package docx

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/shareddata"
)

// lvl writes a numbering level.
func lvl(ilvl int, format, text string, extra ...string) string {
	return fmt.Sprintf(`<w:lvl w:ilvl="%d"><w:start w:val="1"/><w:numFmt w:val="%s"/><w:lvlText w:val="%s"/>%s</w:lvl>`,
		ilvl, format, text, strings.Join(extra, ""))
}

func numPara(numID, ilvl int, text string) string {
	return fmt.Sprintf(`<w:p><w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr></w:pPr><w:r><w:t>%s</w:t></w:r></w:p>`, ilvl, numID, text)
}

// itemLabels lists "label|style|text" for every list item of d in reading
// order, where label is the item's Label ("" for none).
func itemLabels(d *doc.Document) []string {
	var out []string
	var visit func(bs []doc.Block)
	visit = func(bs []doc.Block) {
		for _, b := range bs {
			if b.List == nil {
				continue
			}
			for _, it := range b.List.Items {
				text := ""
				if len(it.Blocks) > 0 {
					text = doc.BlockText(&it.Blocks[0])
				}
				out = append(out, it.Label+"|"+b.List.Style+"|"+text)
				visit(it.Blocks)
			}
		}
	}
	visit(d.Blocks)
	return out
}

// TestListLabels checks that the literal text and the format of Word's
// list labels survive: labels with words, multi-level labels, restarts,
// start overrides and number formats CSS cannot show.
func TestListLabelsFromNumbering(t *testing.T) {
	abstract := func(id int, levels ...string) string {
		return fmt.Sprintf(`<w:abstractNum w:abstractNumId="%d">%s</w:abstractNum>`, id, strings.Join(levels, ""))
	}
	num := func(id, abs int, extra ...string) string {
		return fmt.Sprintf(`<w:num w:numId="%d"><w:abstractNumId w:val="%d"/>%s</w:num>`, id, abs, strings.Join(extra, ""))
	}
	numbering := `<?xml version="1.0" encoding="UTF-8"?><w:numbering ` + wns + ` xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">` +
		abstract(10, lvl(0, "decimal", "Статья %1.")) +
		abstract(11, lvl(0, "decimal", "%1."), lvl(1, "decimal", "%1.%2.")) +
		abstract(12, lvl(0, "upperRoman", "%1."), lvl(1, "decimal", "(%2)", `<w:lvlRestart w:val="0"/>`)) +
		abstract(13, lvl(0, "russianLower", "%1)")) +
		abstract(14, lvl(0, "chineseCounting", "%1、"), lvl(1, "chineseCounting", "第%2章")) +
		abstract(15, lvl(0, "decimalZero", "%1.")) +
		abstract(16, lvl(0, "none", "Примечание.")) +
		abstract(17, lvl(0, "decimal", "%1)")) +
		abstract(18, `<w:lvl w:ilvl="0"><w:start w:val="1"/><mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="α, β, γ, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent><w:lvlText w:val="%1."/></w:lvl>`) +
		abstract(19, lvl(0, "decimalEnclosedCircle", "%1")) +
		abstract(20, lvl(0, "upperRoman", "%1."), lvl(1, "decimal", "%1.%2", `<w:isLgl/>`)) +
		abstract(21, lvl(0, "bullet", "\uF0B7", `<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr>`)) +
		abstract(22, lvl(0, "none", "\uF0FC", `<w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr>`)) +
		abstract(23, lvl(0, "ordinal", "%1"), lvl(1, "lowerLetter", "%2.")) +
		num(10, 10) + num(11, 11) + num(12, 12) + num(13, 13) + num(14, 14) + num(15, 15) + num(16, 16) +
		num(17, 17) + num(27, 17, `<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>`) +
		num(18, 18) + num(19, 19) + num(20, 20) + num(21, 21) + num(22, 22) + num(23, 23) +
		num(33, 23, `<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/></w:lvl></w:lvlOverride>`) +
		abstract(24, lvl(0, "decimal", "%1.")) +
		abstract(25, lvl(0, "taiwaneseCountingThousand", "%1、")) + num(35, 25) +
		num(34, 24, `<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/></w:lvl></w:lvlOverride>`) +
		`</w:numbering>`
	sep := `<w:p><w:r><w:t>—</w:t></w:r></w:p>`
	body := numPara(10, 0, "Общие положения") + numPara(10, 0, "Цели") + sep +
		numPara(11, 0, "One") + numPara(11, 1, "One.one") + numPara(11, 1, "One.two") + numPara(11, 0, "Two") + numPara(11, 1, "Two.one") + sep +
		numPara(12, 0, "I") + numPara(12, 1, "a") + numPara(12, 0, "II") + numPara(12, 1, "b") + sep +
		numPara(13, 0, "первый") + numPara(13, 0, "второй") + sep +
		numPara(14, 0, "总则") + numPara(14, 1, "目的") + sep +
		numPara(15, 0, "zero") + sep +
		numPara(16, 0, "note") + sep +
		numPara(17, 0, "paren") + numPara(27, 0, "restarted at five") + sep +
		numPara(18, 0, "alpha") + numPara(18, 0, "beta") + sep +
		numPara(19, 0, "circled") + sep +
		numPara(20, 0, "roman") + numPara(20, 1, "legal") + sep +
		numPara(21, 0, "bullet") + sep +
		numPara(22, 0, "checked") + sep +
		numPara(23, 0, "first") + numPara(33, 0, "other format") + sep +
		numPara(34, 0, "overridden") + sep +
		numPara(35, 0, "LibreOffice's Chinese")
	parts := pkgParts(body)
	parts["word/numbering.xml"] = numbering
	d, err := readBytes(t, zipParts(t, parts))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Статья 1.||Общие положения", "Статья 2.||Цели",
		"||One", "1.1.||One.one", "1.2.||One.two", "||Two", "2.1.||Two.one",
		"|upper-roman|I", "(1)||a", "|upper-roman|II", "(2)||b",
		"а)|cyrillic-lower|первый", "б)|cyrillic-lower|второй",
		"|cjk-ideographic|总则", "第一章|cjk-ideographic|目的",
		"|decimal-leading-zero|zero",
		"Примечание.||note",
		"1)||paren", "5)||restarted at five",
		"|lower-greek|alpha", "|lower-greek|beta",
		"①||circled",
		"|upper-roman|roman", "1.1||legal",
		"||bullet",
		"✓||checked",
		"1st||first", "B.||other format",
		"|upper-alpha|overridden",
		"|cjk-ideographic|LibreOffice's Chinese",
	}
	got := itemLabels(d)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("items (label|style|text):\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	h := html(t, d)
	for _, w := range []string{`<span class="label">Статья 1.</span> Общие положения`, `<span class="label">第一章</span> 目的`, `<ol id="l-`, `start="3" style="list-style-type:upper-alpha"`} {
		if !strings.Contains(h, w) {
			t.Errorf("HTML lacks %s", w)
		}
	}
}

// TestNumberingFile reads Apache POI's numbering test file: literal text
// in labels, multi-level labels and a custom Greek format.
func TestNumberingFile(t *testing.T) {
	d, err := ReadFile(shareddata.Path(t, "bug-hunt/poi-Numbering.docx"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(itemLabels(d), "\n")
	for _, w := range []string{"NEW-1-FORMAT||Level1", "a)|lower-alpha|Level2", "i)|lower-roman|Level3",
		"1.1.||Level2", "1.1.1.||  Level3", "|lower-greek|One", "|lower-greek|Two"} {
		if !strings.Contains(got, w) {
			t.Errorf("items lack %q:\n%s", w, got)
		}
	}
}
