package docx

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// nestedListParts is a Russian manuscript with the lists of body, over
// two definitions: 7, lettered items ("%1)", Russian letters) with
// numbered sub-items ("%2."), and 8, articles ("Статья %1.") with
// points ("%1.%2."). List 7 is numId 7, and 17 restarts it; list 8 is
// numId 8.
func nestedListParts(body string) map[string]string {
	parts := pkgParts(body)
	parts["word/numbering.xml"] = strings.Replace(parts["word/numbering.xml"], "</w:numbering>",
		`<w:abstractNum w:abstractNumId="7"><w:multiLevelType w:val="multilevel"/>`+
			`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="russianLower"/><w:lvlText w:val="%1)"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl>`+
			`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>`+
			`<w:abstractNum w:abstractNumId="8"><w:multiLevelType w:val="multilevel"/>`+
			`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Статья %1."/><w:lvlJc w:val="left"/></w:lvl>`+
			`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>`+
			`<w:num w:numId="7"><w:abstractNumId w:val="7"/></w:num>`+
			`<w:num w:numId="17"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`+
			`<w:num w:numId="8"><w:abstractNumId w:val="8"/></w:num></w:numbering>`, 1)
	return parts
}

// listPara is a paragraph of list numID at level ilvl.
func listPara(numID, ilvl, text string) string {
	return `<w:p><w:pPr><w:numPr><w:ilvl w:val="` + ilvl + `"/><w:numId w:val="` + numID + `"/></w:numPr></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

// shownLabels returns the label every list item of d shows, in document
// order, sub-items after their parent.
func shownLabels(d *doc.Document) []string {
	var out []string
	var visit func(bs []doc.Block)
	visit = func(bs []doc.Block) {
		for _, b := range bs {
			if b.List == nil {
				visit(b.Blocks)
				continue
			}
			for k, it := range b.List.Items {
				out = append(out, shownLabel(b.List, k))
				visit(it.Blocks)
			}
		}
	}
	visit(d.Blocks)
	return out
}

// TestWriteRelabelledNestedLists writes lists of the template whose labels
// the translation changed, with sub-lists whose labels it did not: every
// list of a definition moves to one copy of it, so that the sub-lists
// start again at 1 under each item (not a) 1. 2. b) 3. 4.), lists split
// by a paragraph count on, lists the source restarts start again, and
// points ("%1.%2.") keep the numbers of their articles.
func TestWriteRelabelledNestedLists(t *testing.T) {
	cases := relabelledListCases()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := relabelledLists(t, c.lang, c.body, c.source)
			back, err := readBytes(t, out)
			if err != nil {
				t.Fatal(err)
			}
			if got := shownLabels(back); strings.Join(got, " ") != strings.Join(c.want, " ") {
				t.Errorf("labels read back %q, want %q", got, c.want)
			}
			parts := checkPackage(t, out)
			ids := numIDs(t, parts)
			distinct := map[string]bool{}
			for _, id := range ids {
				distinct[id] = true
			}
			if c.oneList && len(distinct) != 1 {
				t.Errorf("numbered paragraphs on lists %v, want one: an item and its sub-items count together", ids)
			}
			numbering := string(parts["word/numbering.xml"])
			for _, text := range c.texts {
				if !strings.Contains(numbering, text) {
					t.Errorf("the numbering lacks %s:\n%s", text, numbering)
				}
			}
			if strings.Contains(numbering, `w:val="1.%2."`) && c.lang != "zh" {
				t.Errorf("a level shows its parent's number as text:\n%s", numbering)
			}
		})
	}
}

// relabelledListCase is a manuscript with lists (nestedListParts) whose
// labels a translation changes.
type relabelledListCase struct {
	name, lang string
	body       string
	source     []string // the labels read from the source
	want       []string // the labels read back
	// oneList: the numbered paragraphs all on one list (numId).
	oneList bool
	// texts the written numbering must show.
	texts []string
}

// relabelledListCases are the lists of TestWriteRelabelledNestedLists.
func relabelledListCases() []relabelledListCase {
	p := func(text string) string { return `<w:p><w:r><w:t>` + text + `</w:t></w:r></w:p>` }
	articles := listPara("8", "0", "Общие положения") + listPara("8", "1", "Цели") + listPara("8", "1", "Задачи") +
		listPara("8", "0", "Торговля") + listPara("8", "1", "Экспорт")
	return []relabelledListCase{
		{"sub-lists under lettered items", "en",
			listPara("7", "0", "торговля:") + listPara("7", "1", "экспорт;") + listPara("7", "1", "импорт;") +
				listPara("7", "0", "энергетика:") + listPara("7", "1", "нефть;") + listPara("7", "1", "газ."),
			[]string{"а)", "1.", "2.", "б)", "1.", "2."}, []string{"a)", "1.", "2.", "b)", "1.", "2."}, true, []string{"%1)", "%2."}},
		{"a list split by a paragraph counts on", "en",
			listPara("7", "0", "торговля;") + listPara("7", "0", "энергетика;") + p("Кроме того:") + listPara("7", "0", "транспорт."),
			[]string{"а)", "б)", "в)"}, []string{"a)", "b)", "c)"}, true, []string{"%1)"}},
		{"a list the source restarts", "en",
			listPara("7", "0", "торговля;") + listPara("7", "0", "энергетика.") + p("Далее:") + listPara("17", "0", "нефть;") + listPara("17", "0", "газ."),
			[]string{"а)", "б)", "а)", "б)"}, []string{"a)", "b)", "a)", "b)"}, false, []string{"%1)", `<w:startOverride w:val="1"/>`}},
		{"points of articles", "en", articles,
			[]string{"Статья 1.", "1.1.", "1.2.", "Статья 2.", "2.1."}, []string{"Article 1.", "1.1.", "1.2.", "Article 2.", "2.1."}, true, []string{"Article %1.", "%1.%2."}},
		{"points in digits under Chinese articles", "zh", articles,
			[]string{"Статья 1.", "1.1.", "1.2.", "Статья 2.", "2.1."}, []string{"第一条", "1.1.", "1.2.", "第二条", "2.1."}, false, []string{"第%1条", `"1.%2."`, `"2.%2."`}},
	}
}

// relabelledLists reads the manuscript of nestedListParts with body,
// whose list labels must read source, translates its labels into lang
// (articles named in the target's language, numbers as its readers write
// them) and writes it over the manuscript.
func relabelledLists(t *testing.T, lang, body string, source []string) []byte {
	t.Helper()
	src := zipParts(t, nestedListParts(body))
	tmpl, err := OpenTemplate(src, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := readBytes(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if got := shownLabels(d); strings.Join(got, " ") != strings.Join(source, " ") {
		t.Fatalf("source labels %q, want %q", got, source)
	}
	d.Walk(func(b *doc.Block) {
		if b.List == nil {
			return
		}
		for k := range b.List.Items {
			it := &b.List.Items[k]
			if lang == "zh" {
				it.Label = regexp.MustCompile(`^Статья (\d+)\.$`).ReplaceAllString(it.Label, "第${1}条")
			} else {
				it.Label = strings.Replace(it.Label, "Статья", "Article", 1)
			}
		}
	})
	d.Lang = lang
	doc.LocalizeNumbers(d, lang)
	return write(t, d, WriteOptions{Template: tmpl})
}
