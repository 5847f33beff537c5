package docx

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/translate"
)

// repeatedSource is a Russian manuscript whose paragraphs repeat each
// other's text in other styles, as LibreOffice writes a table of figures:
// its entries (in "Illustration Index 1", inside the TOC \c field, a tab
// and the page number as text) have the text of the captions they list;
// and two headings of different levels read the same.
func repeatedSource(t *testing.T) []byte {
	para := func(style, jc, text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/><w:jc w:val="` + jc + `"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	entry := func(text, page, lead, tail string) string {
		return `<w:p><w:pPr><w:pStyle w:val="IllustrationIndex1"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9345"/></w:tabs><w:jc w:val="start"/></w:pPr>` + lead +
			`<w:r><w:t>` + text + `</w:t><w:tab/><w:t>` + page + `</w:t></w:r>` + tail + `</w:p>`
	}
	caption := func(n, text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="FigureCaption"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">Рисунок </w:t></w:r>` +
			`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> SEQ Figure \* ARABIC </w:instrText></w:r>` +
			`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>` + n + `</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
			`<w:r><w:t xml:space="preserve"> — ` + text + `</w:t></w:r></w:p>`
	}
	body := para("ContentsHeading", "start", "Список рисунков") +
		entry("Рисунок 1 — Схема поставок", "1", `<w:r><w:fldChar w:fldCharType="begin"/></w:r>`+
			`<w:r><w:instrText xml:space="preserve"> TOC \c "Figure" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`, "") +
		entry("Рисунок 2 — Динамика торговли", "2", "", `<w:r><w:fldChar w:fldCharType="end"/></w:r>`) +
		para("1", "start", "Итоги") +
		para("a", "both", "Россия и Китай ведут диалог.") +
		caption("1", "Схема поставок") +
		para("a", "both", "Поставки растут.") +
		para("2", "center", "Итоги") +
		para("a", "both", "Торговля растёт.") +
		caption("2", "Динамика торговли") +
		para("1", "end", "Заключение") +
		para("a", "both", "Сотрудничество продолжается.")
	parts := pkgParts(body)
	parts["word/styles.xml"] = strings.Replace(parts["word/styles.xml"], "</w:styles>",
		`<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>`+
			`<w:style w:type="paragraph" w:styleId="ContentsHeading"><w:name w:val="Contents Heading"/><w:basedOn w:val="a"/></w:style>`+
			`<w:style w:type="paragraph" w:styleId="IllustrationIndex1"><w:name w:val="Illustration Index 1"/><w:basedOn w:val="a"/></w:style>`+
			`<w:style w:type="paragraph" w:styleId="FigureCaption"><w:name w:val="Figure Caption"/><w:basedOn w:val="a"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style>`+
			`</w:styles>`, 1)
	return zipParts(t, parts)
}

// paraLooks lists the style and alignment of each paragraph of a
// document.xml that shows text, with a tab and the text's first letters.
func paraLooks(xml string) []string {
	paraRE := regexp.MustCompile(`(?s)<w:p[ >].*?</w:p>`)
	styleRE := regexp.MustCompile(`<w:pStyle w:val="([^"]*)"`)
	jcRE := regexp.MustCompile(`<w:jc w:val="([^"]*)"`)
	textRE := regexp.MustCompile(`<w:t(?: [^>]*)?>([^<]*)`)
	var out []string
	for _, p := range paraRE.FindAllString(xml, -1) {
		var text strings.Builder
		for _, m := range textRE.FindAllStringSubmatch(p, -1) {
			text.WriteString(m[1])
		}
		if strings.TrimSpace(text.String()) == "" {
			continue
		}
		style, jc := "", ""
		if m := styleRE.FindStringSubmatch(p); m != nil {
			style = m[1]
		}
		if m := jcRE.FindStringSubmatch(p); m != nil {
			jc = m[1]
		}
		r := []rune(text.String())
		out = append(out, style+" "+jc+"\t"+string(r[:min(len(r), 12)]))
	}
	return out
}

// TestWriteRepeatedTexts writes a manuscript whose paragraphs repeat each
// other's text over itself: each paragraph keeps its own style and
// alignment, the table of figures' entries theirs and the captions
// theirs, and the paragraphs after them are not shifted onto the
// properties of others.
func TestWriteRepeatedTexts(t *testing.T) {
	src := repeatedSource(t)
	d, err := readBytes(t, src)
	if err != nil {
		t.Fatal(err)
	}
	out := overOriginal(t, src, d)
	want := paraLooks(zipPart(t, src, "word/document.xml"))
	got := paraLooks(string(checkPackage(t, out)["word/document.xml"]))
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("paragraphs written:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestAlignSigs checks the pairing of the template's blocks with its
// paragraphs where a block's text is found again further on: the blocks
// after it keep their own paragraphs.
func TestAlignSigs(t *testing.T) {
	p := func(sig string) *srcEntry { return &srcEntry{kind: 'p', sig: sig} }
	b := func(id, sig string) srcBlock { return srcBlock{id: id, kind: 'p', sig: sig} }
	tests := []struct {
		name    string
		blocks  []srcBlock
		entries []*srcEntry
		want    string
	}{
		{"same", []srcBlock{b("a", "x"), b("b", "y")}, []*srcEntry{p("x"), p("y")}, "a0 b1"},
		{"found later", // the first block's paragraph reads otherwise; its text is the caption's
			[]srcBlock{b("entry", "cap"), b("h", "h"), b("t", "t"), b("u", "u"), b("cap", "cap")},
			[]*srcEntry{p("cap1"), p("h"), p("t"), p("u"), p("cap")}, "h1 t2 u3 cap4"},
		{"block missing", []srcBlock{b("a", "x"), b("gone", "g"), b("c", "z")}, []*srcEntry{p("x"), p("z")}, "a0 c1"},
		{"paragraph missing", []srcBlock{b("a", "x"), b("c", "z")}, []*srcEntry{p("x"), p("extra"), p("z")}, "a0 c2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, pr := range alignSigs(tt.blocks, tt.entries) {
				got = append(got, tt.blocks[pr[0]].id+string(rune('0'+pr[1])))
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("pairs %q, want %q", strings.Join(got, " "), tt.want)
			}
		})
	}
}

// TestTableOfFiguresTranslated: the entries of LibreOffice's table of
// figures are translated with the captions they show, not as units of
// their own; they show the translated captions, numbers as text, and the
// translation written over the source keeps every paragraph's style and
// alignment.
func TestTableOfFiguresTranslated(t *testing.T) {
	tr := translation{name: "tof→en", from: "ru", to: "en", source: repeatedSource(t)}
	x, err := translate.FromDocument(tr.read(t), tr.name, tr.from, tr.to)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, u := range x.Units() {
		for _, s := range u.Segments {
			if strings.Contains(s.Source.Plain(), "Схема поставок") {
				n++
			}
		}
	}
	if n != 1 {
		t.Errorf("%d segments hold the caption's text, want 1 (the caption's)", n)
	}
	translated := tr.translate(t)
	var entries []string
	translated.Walk(func(b *doc.Block) {
		if b.TOC != nil {
			var s strings.Builder
			doc.WalkInlines(b.Inlines, func(in *doc.Inline) {
				if in.Type == doc.Field {
					t.Errorf("the entry %s holds a field %q", b.ID, in.Instr)
				}
				s.WriteString(in.Text)
			})
			entries = append(entries, s.String())
		}
	})
	want := []string{pseudo("Рисунок ", "en") + "1" + pseudo(" — Схема поставок", "en"), pseudo("Рисунок ", "en") + "2" + pseudo(" — Динамика торговли", "en")}
	if strings.Join(entries, "\n") != strings.Join(want, "\n") {
		t.Errorf("entries:\n%s\nwant:\n%s", strings.Join(entries, "\n"), strings.Join(want, "\n"))
	}
	out := tr.write(t, translated)
	var looks, wantLooks []string
	for _, l := range paraLooks(zipPart(t, out, "word/document.xml")) {
		looks = append(looks, l[:strings.IndexByte(l, '\t')])
	}
	for _, l := range paraLooks(zipPart(t, tr.source, "word/document.xml")) {
		wantLooks = append(wantLooks, l[:strings.IndexByte(l, '\t')])
	}
	if strings.Join(looks, "\n") != strings.Join(wantLooks, "\n") {
		t.Errorf("paragraphs written:\n%s\nwant:\n%s", strings.Join(looks, "\n"), strings.Join(wantLooks, "\n"))
	}
}
