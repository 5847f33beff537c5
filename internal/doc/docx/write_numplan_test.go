package docx

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// TestPlanNumbering finds, from labels alone, the numbering levels that
// show them as Word counts: one level text per level, the number's
// format and the start, with the numbers of the levels above in their
// places; labels that follow no pattern are not planned.
func TestPlanNumbering(t *testing.T) {
	type lv struct {
		text, format string
		start        int
	}
	cases := []struct {
		name  string
		items []numItem
		want  map[int]lv // nil: no plan
	}{
		{"articles", []numItem{{lvl: 0, label: "Article 1."}, {lvl: 0, label: "Article 2."}, {lvl: 0, label: "Article 3."}},
			map[int]lv{0: {"Article %1.", "decimal", 1}}},
		{"articles from five", []numItem{{lvl: 0, label: "Article 5."}, {lvl: 0, label: "Article 6."}},
			map[int]lv{0: {"Article %1.", "decimal", 5}}},
		{"chinese articles", []numItem{{lvl: 0, label: "第九条"}, {lvl: 0, label: "第十条"}, {lvl: 0, label: "第十一条"}},
			map[int]lv{0: {"第%1条", "chineseCounting", 9}}},
		{"chinese chapters past a hundred", []numItem{{lvl: 0, label: "第九十九章"}, {lvl: 0, label: "第一百章"}, {lvl: 0, label: "第一百零一章"}},
			map[int]lv{0: {"第%1章", "chineseCountingThousand", 99}}},
		{"two levels", []numItem{{lvl: 0, label: "Chapter 1"}, {lvl: 1, label: "1.1."}, {lvl: 1, label: "1.2."}, {lvl: 0, label: "Chapter 2"}, {lvl: 1, label: "2.1."}},
			map[int]lv{0: {"Chapter %1", "decimal", 1}, 1: {"%1.%2.", "decimal", 1}}},
		{"roman chapters, lettered sections", []numItem{{lvl: 0, label: "Chapter I"}, {lvl: 1, label: "Section A"}, {lvl: 1, label: "Section B"}, {lvl: 0, label: "Chapter II"}, {lvl: 1, label: "Section A"}},
			map[int]lv{0: {"Chapter %1", "upperRoman", 1}, 1: {"Section %2", "upperLetter", 1}}},
		{"letters that read as roman numerals", []numItem{{lvl: 0, label: "C)"}, {lvl: 0, label: "D)"}, {lvl: 0, label: "E)"}},
			map[int]lv{0: {"%1)", "upperLetter", 3}}},
		{"russian letters", []numItem{{lvl: 0, label: "а)"}, {lvl: 0, label: "б)"}, {lvl: 0, label: "в)"}},
			map[int]lv{0: {"%1)", "russianLower", 1}}},
		{"a level without numbers", []numItem{{lvl: 0, label: "Annex"}, {lvl: 0, label: "Annex"}},
			map[int]lv{0: {"Annex", "none", 1}}},
		{"numbers the same below a restart", []numItem{{lvl: 0, label: "1"}, {lvl: 1, label: "1.1"}, {lvl: 0, label: "2"}, {lvl: 1, label: "2.1"}, {lvl: 1, label: "2.2"}},
			map[int]lv{0: {"%1", "decimal", 1}, 1: {"%1.%2", "decimal", 1}}},
		{"points in digits under chinese articles", []numItem{{lvl: 0, label: "第一条"}, {lvl: 1, label: "1.1."}, {lvl: 1, label: "1.2."}, {lvl: 0, label: "第二条"}, {lvl: 1, label: "2.1."}},
			map[int]lv{0: {"第%1条", "chineseCounting", 1}, 1: {"%1.%2.", "decimal", 1}}},
		{"one point in digits under chinese articles", []numItem{{lvl: 0, label: "第一条"}, {lvl: 1, label: "1.1."}, {lvl: 0, label: "第二条"}},
			map[int]lv{0: {"第%1条", "chineseCounting", 1}, 1: {"%1.%2.", "decimal", 1}}},
		{"points under chapters, numbered on their own", []numItem{{lvl: 0, label: "Chapter 1"}, {lvl: 1, label: "§ 1"}, {lvl: 1, label: "§ 2"}, {lvl: 0, label: "Chapter 2"}, {lvl: 1, label: "§ 1"}},
			map[int]lv{0: {"Chapter %1", "decimal", 1}, 1: {"§ %2", "decimal", 1}}},
		{"sections numbered within parts and chapters", []numItem{{lvl: 0, label: "Part I"}, {lvl: 1, label: "Chapter 1"}, {lvl: 2, label: "1.1"}, {lvl: 1, label: "Chapter 2"}, {lvl: 2, label: "2.1"}},
			map[int]lv{0: {"Part %1", "upperRoman", 1}, 1: {"Chapter %2", "decimal", 1}, 2: {"%2.%3", "decimal", 1}}},
		{"translations that differ", []numItem{{lvl: 0, label: "Article 1."}, {lvl: 0, label: "Art. 2"}}, nil},
		{"numbers that skip", []numItem{{lvl: 0, label: "Article 1."}, {lvl: 0, label: "Article 3."}}, nil},
		{"a level below that does not restart", []numItem{{lvl: 0, label: "1"}, {lvl: 1, label: "1.1"}, {lvl: 0, label: "2"}, {lvl: 1, label: "2.2"}}, nil},
		{"a percent sign", []numItem{{lvl: 0, label: "1%"}, {lvl: 0, label: "2%"}}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			plan, ok := planNumbering(c.items, [9]levelHint{})
			if c.want == nil {
				if ok {
					t.Fatalf("planned %+v, want the labels as they are", plan)
				}
				return
			}
			if !ok {
				t.Fatal("no plan")
			}
			for l, p := range plan {
				w, want := c.want[l]
				if p.used != want {
					t.Errorf("level %d used %v", l, p.used)
					continue
				}
				if legal := w.format == "decimal" && strings.Contains(c.name, "digits under"); want && p.legal != legal {
					t.Errorf("level %d legal %v", l, p.legal)
				}
				if want && (p.text != w.text || p.format != w.format || p.start != w.start) {
					t.Errorf("level %d: %q %s from %d, want %q %s from %d", l, p.text, p.format, p.start, w.text, w.format, w.start)
				}
			}
		})
	}
}

// numberedHeadingsParts is a Russian manuscript whose headings Word
// numbers: articles ("Статья %1.", Heading 1) with numbered points
// ("%1.%2.", Heading 2) below them, by one numbering definition.
func numberedHeadingsParts() map[string]string {
	h := func(style, ilvl, text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/><w:numPr><w:ilvl w:val="` + ilvl + `"/><w:numId w:val="9"/></w:numPr></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	p := func(text string) string { return `<w:p><w:r><w:t>` + text + `</w:t></w:r></w:p>` }
	parts := pkgParts(h("1", "0", "Общие положения") + p("Текст.") + h("2", "1", "Цели") + h("2", "1", "Задачи") +
		h("1", "0", "Сотрудничество") + h("2", "1", "Торговля") + h("1", "0", "Заключительные положения"))
	parts["word/styles.xml"] = strings.Replace(parts["word/styles.xml"], `</w:styles>`,
		`<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style></w:styles>`, 1)
	parts["word/numbering.xml"] = strings.Replace(parts["word/numbering.xml"], "</w:numbering>",
		`<w:abstractNum w:abstractNumId="9"><w:multiLevelType w:val="multilevel"/>`+
			`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="1"/><w:lvlText w:val="Статья %1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>`+
			`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>`+
			`<w:num w:numId="9"><w:abstractNumId w:val="9"/></w:num></w:numbering>`, 1)
	const ct = `application/vnd.openxmlformats-officedocument.wordprocessingml.`
	parts["[Content_Types].xml"] = strings.Replace(parts["[Content_Types].xml"], `</Types>`,
		`<Override PartName="/word/document.xml" ContentType="`+ct+`document.main+xml"/>`+
			`<Override PartName="/word/styles.xml" ContentType="`+ct+`styles+xml"/>`+
			`<Override PartName="/word/numbering.xml" ContentType="`+ct+`numbering+xml"/>`+
			`<Override PartName="/word/footnotes.xml" ContentType="`+ct+`footnotes+xml"/>`+
			`<Override PartName="/word/comments.xml" ContentType="`+ct+`comments+xml"/></Types>`, 1)
	return parts
}

// headingNumbers returns the numbers of a document's headings.
func headingNumbers(d *doc.Document) []string {
	var out []string
	d.Walk(func(b *doc.Block) {
		if b.Type == doc.Heading {
			out = append(out, b.Number)
		}
	})
	return out
}

// translatedHeadings is the manuscript of numberedHeadingsParts with its
// headings' numbers translated into lang as numbers, written over it.
func translatedHeadings(t *testing.T, lang string, numbers []string) []byte {
	t.Helper()
	src := zipParts(t, numberedHeadingsParts())
	tmpl, err := OpenTemplate(src, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := readBytes(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(headingNumbers(d), " "); got != "Статья 1. 1.1. 1.2. Статья 2. 2.1. Статья 3." {
		t.Fatalf("source numbers %q", got)
	}
	d.Lang = lang
	k := 0
	d.Walk(func(b *doc.Block) {
		if b.Type == doc.Heading {
			b.Number = numbers[k]
			k++
		}
	})
	return write(t, d, WriteOptions{Template: tmpl})
}

// TestWriteHeadingNumbers writes translated heading numbers over the
// manuscript: when they follow one pattern per level, a copy of the
// template's numbering shows them ("Article %1.", "%1.%2."), so that
// Word goes on numbering them; only numbers that follow no pattern are
// written as text, one level each.
func TestWriteHeadingNumbers(t *testing.T) {
	cases := []struct {
		name    string
		lang    string
		numbers []string
		texts   []string // the level texts of the copy; nil when the numbers are text
		// perParent are the texts of the level overrides that show the
		// articles' numbers in digits, a list per article.
		perParent []string
	}{
		{"english", "en", []string{"Article 1.", "1.1.", "1.2.", "Article 2.", "2.1.", "Article 3."}, []string{"Article %1.", "%1.%2."}, nil},
		{"chinese", "zh", []string{"第一条", "（一）", "（二）", "第二条", "（一）", "第三条"}, []string{"第%1条", "（%2）"}, nil},
		{"chinese with points in digits", "zh", []string{"第一条", "1.1.", "1.2.", "第二条", "2.1.", "第三条"}, []string{"第%1条", "%1.%2."}, []string{"1.%2.", "2.%2."}},
		{"points renamed", "en", []string{"Article 1.", "§ 1.1", "§ 1.2", "Article 2.", "§ 2.1", "Article 3."}, []string{"Article %1.", "§ %1.%2"}, nil},
		{"numbers that follow no pattern", "en", []string{"Article 1.", "1.1.", "1.2.", "Art. 2", "2.1.", "Article 3."}, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := translatedHeadings(t, c.lang, c.numbers)
			back, err := readBytes(t, out)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := strings.Join(headingNumbers(back), "|"), strings.Join(c.numbers, "|"); got != want {
				t.Errorf("read back %q, want %q", got, want)
			}
			numbering := string(checkPackage(t, out)["word/numbering.xml"])
			overrides := regexp.MustCompile(`<w:lvlOverride`).FindAllString(numbering, -1)
			if c.texts == nil {
				if len(overrides) == 0 {
					t.Error("numbers that follow no pattern are not written as they are")
				}
				return
			}
			if len(overrides) != len(c.perParent) {
				t.Errorf("%d level overrides, want %d\n%s", len(overrides), len(c.perParent), numbering)
			}
			for _, text := range c.perParent {
				if !regexp.MustCompile(`<w:lvlOverride w:ilvl="1"><w:lvl w:ilvl="1">(<w:start w:val="1"/>)?<w:numFmt w:val="decimal"/><w:lvlText w:val="` + regexp.QuoteMeta(text) + `"/>`).MatchString(numbering) {
					t.Errorf("no list whose level 2 shows %q, without w:isLgl:\n%s", text, numbering)
				}
			}
			var copied string
			for _, a := range regexp.MustCompile(`<w:abstractNum .*?</w:abstractNum>`).FindAllString(numbering, -1) {
				if strings.Contains(a, `w:lvlText w:val="`+c.texts[0]+`"`) {
					if copied != "" {
						t.Errorf("two definitions show %q", c.texts[0])
					}
					copied = a
				}
			}
			for _, text := range c.texts {
				if !strings.Contains(copied, `w:lvlText w:val="`+text+`"`) {
					t.Errorf("the headings' definition lacks the level text %q:\n%s", text, copied)
				}
				// A label that ends with a full-width mark is set
				// against its heading: （一）总则.
				if closed := strings.Contains(copied, `<w:suff w:val="nothing"/><w:lvlText w:val="`+text+`"/>`); closed != doc.EndsFullWidth(text) {
					t.Errorf("level text %q: set against its heading %v, want %v:\n%s", text, closed, !closed, copied)
				}
			}
			if !strings.Contains(copied, `<w:ind w:left="0" w:firstLine="0"/>`) || strings.Contains(copied, "pStyle") {
				t.Errorf("the copy does not keep the template's indents, or is linked to its style:\n%s", copied)
			}
			if c.lang == "zh" && !strings.Contains(numbering, `w:val="chineseCounting"`) {
				t.Errorf("第一条 not numbered in Chinese counting:\n%s", numbering)
			}
		})
	}
}

// TestWriteOwnHeadingNumbers writes numbered headings without a template:
// one definition numbers them all, level by level, from their first
// number.
func TestWriteOwnHeadingNumbers(t *testing.T) {
	numbers := []string{"Глава 3", "3.1", "3.2", "Глава 4", "4.1"}
	d := &doc.Document{Lang: "ru"}
	for i, n := range numbers {
		level := 1
		if strings.Contains(n, ".") {
			level = 2
		}
		d.Blocks = append(d.Blocks, doc.Block{ID: "h" + itoa(i), Type: doc.Heading, Level: level, Number: n,
			Inlines: []doc.Inline{{Type: doc.Text, Text: "Заголовок"}}})
	}
	out := write(t, d, WriteOptions{})
	back, err := readBytes(t, out)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(headingNumbers(back), "|"), strings.Join(numbers, "|"); got != want {
		t.Errorf("read back %q, want %q", got, want)
	}
	numbering := string(checkPackage(t, out)["word/numbering.xml"])
	if strings.Contains(numbering, "<w:lvlOverride") {
		t.Errorf("headings numbered one by one:\n%s", numbering)
	}
	for _, want := range []string{`<w:start w:val="3"/><w:numFmt w:val="decimal"/><w:suff w:val="space"/><w:lvlText w:val="Глава %1"/>`, `<w:lvlText w:val="%1.%2"/>`} {
		if !strings.Contains(numbering, want) {
			t.Errorf("numbering lacks %s:\n%s", want, numbering)
		}
	}
}

// TestWriteLabelsAgainstText checks that levels the writer defines whose
// label ends with a full-width mark (一、 （一）) set it against the text,
// as Chinese writes 一、主要内容 (w:suff nothing), while others keep their
// space or tab: headings numbered 一、 and 第一章, a list in Chinese
// counting (%1、), a list whose labels are （一） （二）, a decimal list.
func TestWriteLabelsAgainstText(t *testing.T) {
	para := func(s string) []doc.Block {
		return []doc.Block{{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: s}}}}
	}
	d := &doc.Document{Lang: "zh", Blocks: []doc.Block{
		{ID: "h1", Type: doc.Heading, Level: 1, Number: "第一章", Inlines: []doc.Inline{{Type: doc.Text, Text: "总则"}}},
		{ID: "h2", Type: doc.Heading, Level: 2, Number: "一、", Inlines: []doc.Inline{{Type: doc.Text, Text: "主要内容"}}},
		{ID: "h3", Type: doc.Heading, Level: 2, Number: "二、", Inlines: []doc.Inline{{Type: doc.Text, Text: "其他事项"}}},
		{ID: "l1", Type: doc.ListBlock, List: &doc.List{Ordered: true, Style: "cjk-ideographic", Items: []doc.Item{{Blocks: para("石油")}, {Blocks: para("天然气")}}}},
		{ID: "l2", Type: doc.ListBlock, List: &doc.List{Ordered: true, Items: []doc.Item{{Label: "（一）", Blocks: para("能源")}, {Label: "（二）", Blocks: para("贸易")}}}},
		{ID: "l3", Type: doc.ListBlock, List: &doc.List{Ordered: true, Items: []doc.Item{{Blocks: para("一")}, {Blocks: para("二")}}}},
	}}
	numbering := string(checkPackage(t, write(t, d, WriteOptions{}))["word/numbering.xml"])
	suffOf := map[string]string{}
	for _, lvl := range regexp.MustCompile(`<w:lvl [^>]*>.*?</w:lvl>`).FindAllString(numbering, -1) {
		text := regexp.MustCompile(`<w:lvlText w:val="([^"]*)"/>`).FindStringSubmatch(lvl)
		if text == nil || text[1] == "" {
			continue
		}
		suff := "tab"
		if m := regexp.MustCompile(`<w:suff w:val="([^"]*)"/>`).FindStringSubmatch(lvl); m != nil {
			suff = m[1]
		}
		suffOf[text[1]] = suff
	}
	for text, want := range map[string]string{"%1、": "nothing", "（一）": "nothing", "（二）": "nothing", "%1.": "tab"} {
		if got := suffOf[text]; got != want {
			t.Errorf("level %q: suff %q, want %q (levels %v)", text, got, want, suffOf)
		}
	}
	for _, want := range []string{`<w:suff w:val="space"/><w:lvlText w:val="第%1章"/>`, `<w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="%2、"/><w:lvlJc w:val="left"/></w:lvl>`} {
		if !strings.Contains(numbering, want) {
			t.Errorf("heading numbering lacks %s:\n%s", want, numbering)
		}
	}
}
