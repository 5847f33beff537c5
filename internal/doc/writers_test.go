package doc

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

func text(s string) Inline { return Inline{Type: Text, Text: s} }

func htmlOf(t *testing.T, d *Document, opt HTMLOptions) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteHTML(&b, d, opt); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func mdOf(t *testing.T, d *Document, opt MarkdownOptions) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteMarkdownWith(&b, d, opt); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// checkOut reports what out lacks of want and holds of absent.
func checkOut(t *testing.T, what, out string, want, absent []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, out)
		}
	}
	for _, a := range absent {
		if strings.Contains(out, a) {
			t.Errorf("%s holds %q:\n%s", what, a, out)
		}
	}
}

// TestWriteFormulas checks that a formula is written as MathML in HTML and
// as TeX in Markdown, and that MathML from elsewhere cannot bring script
// into a page.
func TestWriteFormulas(t *testing.T) {
	sup := &Math{TeX: `x^{2}+y_{1}`, MathML: `<math xmlns="http://www.w3.org/1998/Math/MathML"><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><msub><mi>y</mi><mn>1</mn></msub></math>`}
	frac := &Math{Display: true, TeX: `\frac{a+1}{b}=\sqrt{c}`, MathML: `<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><mfrac><mrow><mi>a</mi><mo>+</mo><mn>1</mn></mrow><mi>b</mi></mfrac><mo>=</mo><msqrt><mi>c</mi></msqrt></math>`}
	evil := &Math{TeX: `z`, MathML: `<math><mi onclick="alert(1)">z</mi><script>alert(2)</script></math>`}
	onlyTeX := &Math{TeX: `a<b`}
	d := &Document{Blocks: []Block{
		{Type: Paragraph, Inlines: []Inline{text("Let "), {Type: MathInline, Math: sup}, text(".")}},
		{Type: Paragraph, Inlines: []Inline{{Type: MathInline, Math: frac}}},
		{Type: Paragraph, Inlines: []Inline{{Type: MathInline, Math: evil}, text(" and "), {Type: MathInline, Math: onlyTeX}}},
	}}
	AssignIDs(d)
	checkOut(t, "HTML", htmlOf(t, d, HTMLOptions{}), []string{
		`Let <math xmlns="http://www.w3.org/1998/Math/MathML"><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><msub><mi>y</mi><mn>1</mn></msub></math>.`,
		`<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><mfrac>`,
		`<span class="math">\(z\)</span> and <span class="math">\(a&lt;b\)</span>`,
	}, []string{"x2+y1", "onclick", "<script"})
	checkOut(t, "Markdown", mdOf(t, d, MarkdownOptions{}), []string{
		"Let $x^{2}+y_{1}$.", `$$\frac{a+1}{b}=\sqrt{c}$$`,
	}, nil)
	if got := BlockText(&d.Blocks[0]); got != "Let x^{2}+y_{1}." {
		t.Errorf("BlockText = %q, want the formula as TeX", got)
	}
}

// TestFormulaIdentity checks that identifiers and diffs see formulas: two
// paragraphs that differ only in a formula are different blocks, and a
// changed formula is a change.
func TestFormulaIdentity(t *testing.T) {
	mk := func(tex string) *Document {
		d := &Document{Blocks: []Block{{Type: Paragraph, Inlines: []Inline{text("Hence "), {Type: MathInline, Math: &Math{TeX: tex}}}}}}
		AssignIDs(d)
		return d
	}
	a, b := mk(`x^{2}`), mk(`x^{3}`)
	if a.Blocks[0].ID == b.Blocks[0].ID {
		t.Errorf("paragraphs with different formulas got the same id %s", a.Blocks[0].ID)
	}
	ch := Diff(a, b)
	if len(ch.Blocks) != 1 || ch.Blocks[0].Op != Changed {
		t.Errorf("diff of a changed formula = %+v, want one changed block", ch.Blocks)
	}
	// Adjacent formulas and anchors are separate inlines, never merged.
	ins := MergeText([]Inline{{Type: MathInline, Math: &Math{TeX: "a"}}, {Type: MathInline, Math: &Math{TeX: "b"}},
		{Type: Anchor, ID: "x"}, {Type: Anchor, ID: "y"}})
	if len(ins) != 4 {
		t.Errorf("MergeText merged formulas or anchors: %+v", ins)
	}
}

// TestAnchorsAndInternalLinks checks that internal links resolve to an
// element of the output or are dropped with their text kept, and that
// hidden bookmarks nothing links to are dropped.
func TestAnchorsAndInternalLinks(t *testing.T) {
	d := &Document{Blocks: []Block{
		{Type: Heading, Level: 1, Inlines: []Inline{{Type: Anchor, ID: "_Toc1"}, {Type: Anchor, ID: "_GoBack"}, text("Введение")}},
		{Type: Paragraph, Inlines: []Inline{{Type: Anchor, ID: "Intro"}, text("См. "),
			{Type: Link, Href: "#_Toc1", Content: []Inline{text("введение")}}, text(", "),
			{Type: Link, Href: "#_Ref99", Content: []Inline{text("рисунок 3")}}, text(" и "),
			{Type: Link, Href: "https://example.org/#x", Content: []Inline{text("сайт")}}}},
	}}
	AssignIDs(d)
	ResolveLinks(d)
	h := htmlOf(t, d, HTMLOptions{})
	checkOut(t, "HTML", h, []string{
		`<span id="_Toc1"></span>Введение`, `<span id="Intro"></span>`,
		`<a href="#_Toc1">введение</a>`, `, рисунок 3 и `, `<a href="https://example.org/#x">сайт</a>`,
	}, []string{"_GoBack", "_Ref99"})
	md := mdOf(t, d, MarkdownOptions{})
	checkOut(t, "Markdown", md, []string{`<span id="_Toc1"></span>Введение`, `[введение](#_Toc1)`, `, рисунок 3 и `}, []string{"_Ref99", "_GoBack"})
	if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0], "#_Ref99") {
		t.Errorf("warnings = %q, want one about #_Ref99", d.Warnings)
	}

	// A document made elsewhere (JSON) may hold links ResolveLinks never
	// saw: the writers check them again. A link to a block resolves in
	// HTML, where blocks have ids, and in Markdown, where the block gets
	// an anchor named by its text's slug.
	raw := &Document{Blocks: []Block{
		{Type: Paragraph, ID: "p-target", Inlines: []Inline{text("Target.")}},
		{Type: Paragraph, ID: "p-2", Inlines: []Inline{
			{Type: Link, Href: "#p-target", Content: []Inline{text("to block")}}, text(" "),
			{Type: Link, Href: "#nowhere", Content: []Inline{text("to nothing")}}}},
	}}
	checkOut(t, "HTML", htmlOf(t, raw, HTMLOptions{}), []string{`<a href="#p-target">to block</a> to nothing</p>`}, []string{`#nowhere`})
	checkOut(t, "Markdown", mdOf(t, raw, MarkdownOptions{}), []string{`<span id="target"></span>Target.`, "[to block](#target) to nothing"}, []string{"#p-target", "#nowhere"})
}

// TestListLabels checks that a label the source gave an item is shown in
// place of the list's own number.
func TestListLabels(t *testing.T) {
	item := func(label, s string) Item { return Item{Label: label, Blocks: []Block{para(s)}} }
	d := &Document{Blocks: []Block{
		{Type: ListBlock, List: &List{Ordered: true, Start: 1, Items: []Item{item("Статья 1.", "Общие положения"), item("Статья 2.", "Цели")}}},
		{Type: ListBlock, List: &List{Ordered: true, Start: 1, Items: []Item{item("1)", "first"), item("2)", "second")}}},
		{Type: ListBlock, List: &List{Ordered: true, Start: 1, Items: []Item{item("", "plain")}}},
	}}
	AssignIDs(d)
	checkOut(t, "HTML", htmlOf(t, d, HTMLOptions{}), []string{
		`<li style="list-style-type:none"><p id="p-`, `"><span class="label">Статья 1.</span> Общие положения</p>`,
		`<span class="label">2)</span> second`, "<li><p id=\"p-",
	}, nil)
	// Markdown has no labels: a labelled list is HTML in it, which the
	// Markdown reader reads back; "1)" is Markdown's own.
	checkOut(t, "Markdown", mdOf(t, d, MarkdownOptions{}), []string{`<li style="list-style-type:none"><p id="p-`, `"><span class="label">Статья 2.</span> Цели</p>`, "1) first\n2) second", "1. plain"}, []string{"- Статья"})

	// The label is part of a list's identity and of what a diff compares.
	other := &Document{Blocks: []Block{{Type: ListBlock, List: &List{Ordered: true, Start: 1, Items: []Item{item("Глава 1.", "Общие положения"), item("Статья 2.", "Цели")}}}}}
	AssignIDs(other)
	if other.Blocks[0].ID == d.Blocks[0].ID {
		t.Errorf("lists that differ in labels got the same id")
	}
	ch := Diff(&Document{Blocks: d.Blocks[:1]}, other)
	if len(ch.Blocks) == 0 || ch.Blocks[0].Op != Changed {
		t.Errorf("a changed label is not a change: %+v", ch.Blocks)
	}
}

// TestNoteMarks checks that a note referenced with its own mark shows the
// mark and that the other notes are numbered without counting it.
func TestNoteMarks(t *testing.T) {
	note := func(id, s string, typ NoteType) Note { return Note{ID: id, Type: typ, Blocks: []Block{para(s)}} }
	d := &Document{
		Blocks: []Block{{Type: Paragraph, Inlines: []Inline{
			text("Title"), {Type: NoteRef, Note: "n1", Mark: "*"}, text(" body"), {Type: NoteRef, Note: "n2"},
			text(" more"), {Type: NoteRef, Note: "n3"}, text(" end"), {Type: NoteRef, Note: "e1", Mark: "†"}, {Type: NoteRef, Note: "e2"},
		}}},
		Notes: []Note{note("n1", "Star note.", Footnote), note("n2", "First.", Footnote), note("n3", "Second.", Footnote),
			note("e1", "Dagger.", Endnote), note("e2", "End one.", Endnote)},
	}
	h := htmlOf(t, d, HTMLOptions{})
	checkOut(t, "HTML", h, []string{
		`role="doc-noteref">*</a>`, `role="doc-noteref">1</a></sup> more`, `role="doc-noteref">2</a></sup> end`,
		`role="doc-noteref">†</a>`, `role="doc-backlink">*</a><div>`, `role="doc-backlink">1</a><div>`,
		`<li id="e1" style="list-style-type:none" role="doc-endnote"><p><span class="label">†</span> Dagger.</p>`,
		`<li id="e2" value="1" role="doc-endnote">`,
	}, []string{`role="doc-noteref">3</a>`})
	checkOut(t, "Markdown", mdOf(t, d, MarkdownOptions{}), []string{
		"Title[^*] body[^1] more[^2] end[^†][^3]", "[^*]: Star note.", "[^1]: First.", "[^2]: Second.", "[^†]: Dagger.", "[^3]: End one.",
	}, nil)
}

// TestTitleAndAuthors checks that the document's metadata reaches the
// page's <title> and the Markdown front matter.
func TestTitleAndAuthors(t *testing.T) {
	d := &Document{Lang: "ru", Title: "Договор: 20 лет", Authors: []string{"И. Петров", "Ли Мин"},
		Blocks: []Block{para("Текст.")}}
	checkOut(t, "HTML", htmlOf(t, d, HTMLOptions{Standalone: true}), []string{
		"<title>Договор: 20 лет</title>", `<meta name="author" content="И. Петров, Ли Мин">`,
	}, nil)
	checkOut(t, "HTML", htmlOf(t, d, HTMLOptions{Standalone: true, Title: "file.docx"}), []string{"<title>file.docx</title>"}, nil)
	md := mdOf(t, d, MarkdownOptions{})
	if !strings.HasPrefix(md, "---\ntitle: 'Договор: 20 лет'\nauthor:\n    - И. Петров\n    - Ли Мин\nlang: ru\n---\n\nТекст.") {
		t.Errorf("Markdown front matter:\n%s", md)
	}
	if md := mdOf(t, &Document{Blocks: []Block{para("Текст.")}}, MarkdownOptions{}); md != "Текст.\n" {
		t.Errorf("a document without metadata got front matter:\n%s", md)
	}
}

// TestFrontMatterOut checks the front matter the Markdown writer makes:
// every piece of metadata the model has, even a language alone, and
// strings quoted where YAML would read another type.
func TestFrontMatterOut(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    Document
		want string
	}{
		{"language alone", Document{Lang: "zh-Hans-CN"}, "---\nlang: zh-Hans-CN\n---\n"},
		{"a title YAML reads as a boolean", Document{Title: "true", Lang: "en"}, "---\ntitle: \"true\"\nlang: en\n---\n"},
		{"numbers and null", Document{Title: "1.0", Authors: []string{"null"}}, "---\ntitle: \"1.0\"\nauthor: \"null\"\n---\n"},
		{"all", Document{Title: "Договор", Authors: []string{"Ли Мин"}, Date: "2021-07-16", Lang: "ru", Keywords: []string{"договор", "yes"},
			Abstract: "Первый абзац.\n\nВторой: абзац."},
			"---\ntitle: Договор\nauthor: Ли Мин\ndate: \"2021-07-16\"\nlang: ru\nkeywords:\n    - договор\n    - \"yes\"\nabstract: |-\n    Первый абзац.\n\n    Второй: абзац.\n---\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.d.Blocks = []Block{para("Текст.")}
			if md := mdOf(t, &tc.d, MarkdownOptions{}); md != tc.want+"\nТекст.\n" {
				t.Errorf("Markdown:\n%s\nwant\n%s", md, tc.want+"\nТекст.\n")
			}
		})
	}
}

// TestMediaLinks checks the three ways of showing the document's images.
func TestMediaLinks(t *testing.T) {
	d := &Document{
		Blocks: []Block{
			{Type: FigureBlock, Figure: &Figure{Src: "ab.png", Alt: "Карта", Caption: []Inline{text("Рис. 1")}}},
			{Type: Paragraph, Inlines: []Inline{text("Знак "), {Type: Image, Src: "ab.png", Alt: "флаг"}, text(".")}},
		},
		Media: []Media{{Name: "ab.png", Type: "image/png", Size: 3, Data: []byte("PNG")}},
	}
	AssignIDs(d)
	for _, tc := range []struct {
		how          MediaLinks
		html, md     []string
		notHTML, not []string
	}{
		{LinkMedia, []string{`<img src="img/ab.png" alt="Карта">`}, []string{"![Карта](img/ab.png \"Рис. 1\")", "Знак ![флаг](img/ab.png)."}, nil, nil},
		{EmbedMedia, []string{`<img src="data:image/png;base64,UE5H" alt="Карта">`}, []string{"![Карта](data:image/png;base64,UE5H", "![флаг](data:image/png;base64,UE5H)"}, nil, nil},
		{OmitMedia, []string{`<span class="missing-image">Карта</span>`, "Знак флаг."}, []string{"Карта Рис. 1\n", "Знак флаг."}, []string{"<img"}, []string{"!["}},
	} {
		checkOut(t, "HTML", htmlOf(t, d, HTMLOptions{Media: tc.how, MediaPrefix: "img/"}), tc.html, tc.notHTML)
		checkOut(t, "Markdown", mdOf(t, d, MarkdownOptions{Media: tc.how, MediaPrefix: "img/"}), tc.md, tc.not)
	}
}

// TestEmptyMarksNotWritten writes marks around nothing (left by an
// importer or a translation that moved their text out): HTML and Markdown
// write no empty element for them, and keep the anchors they hold.
func TestEmptyMarksNotWritten(t *testing.T) {
	empty := []Inline{{Type: Text, Text: ""}}
	d := &Document{Lang: "en", Blocks: []Block{{ID: "p1", Type: Paragraph, Inlines: []Inline{
		{Type: Text, Text: "Text"},
		{Type: Sup, Content: empty},
		{Type: Emph, Content: []Inline{{Type: Anchor, ID: "here"}}},
		{Type: Strong, Content: empty},
		{Type: Link, Href: "https://example.org/", Content: empty},
		{Type: Span, Lang: "ru", Content: empty},
		{Type: Text, Text: " end."},
	}}}}
	var h, m strings.Builder
	if err := WriteHTML(&h, d, HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteMarkdown(&m, d); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<sup></sup>", "<em>", "<strong></strong>", "<a ", `lang="ru"`} {
		if strings.Contains(h.String(), bad) {
			t.Errorf("HTML has %s:\n%s", bad, h.String())
		}
	}
	if !strings.Contains(h.String(), `Text<span id="here"></span> end.`) {
		t.Errorf("HTML lost the anchor:\n%s", h.String())
	}
	for _, bad := range []string{"[](", "*<span", "<sup>"} {
		if strings.Contains(m.String(), bad) {
			t.Errorf("Markdown has %s:\n%s", bad, m.String())
		}
	}
	if got := PruneEmpty(d.Blocks[0].Inlines); len(got) != 3 || got[1].Type != Anchor {
		t.Errorf("PruneEmpty left %+v", got)
	}
}

// TestLineBreaksAtEdges checks that a line break at the start or end of a
// block writes no backslash in Markdown (where a paragraph ending in one
// shows it) and no <br> in HTML, that breaks between lines stay, and that
// where Markdown must keep a line (a heading, a table cell) a break is <br>.
func TestLineBreaksAtEdges(t *testing.T) {
	br := Inline{Type: LineBreak}
	d := &Document{Blocks: []Block{
		{Type: Paragraph, Inlines: []Inline{text("Ends"), br}},
		{Type: Paragraph, Inlines: []Inline{br, text("Starts"), {Type: Strong, Content: []Inline{text(" bold"), br, br}}}},
		{Type: Paragraph, Inlines: []Inline{text("One"), br, br, text("- two"), br, text("===")}},
		{Type: Heading, Level: 2, Inlines: []Inline{text("Head"), br, text("line")}},
		{Type: TableBlock, Table: &Table{Rows: []Row{
			{Header: true, Cells: []Cell{{Blocks: []Block{{Type: Paragraph, Inlines: []Inline{text("a"), br, text("b"), br}}}}}},
		}}},
	}}
	AssignIDs(d)
	md := mdOf(t, d, MarkdownOptions{})
	checkOut(t, "Markdown", md, []string{"Ends\n\n", "Starts **bold**\n\n", "One\\\n\\\n\\- two\\\n\\===\n\n", "## Head<br>line\n", "| a<br>b |"},
		[]string{"Ends\\", "\\\nStarts", "**bold\\", "Head\\"})
	h := htmlOf(t, d, HTMLOptions{})
	checkOut(t, "HTML", h, []string{">Ends</p>", ">Starts<strong> bold</strong></p>", "One<br><br>- two<br>===</p>", "Head<br>line</h2>", "a<br>b</p>"},
		[]string{"<br></p>", "<br></strong>", `"><br>Starts`})
	if len(d.Blocks[0].Inlines) != 2 {
		t.Errorf("the writers changed the document: %+v", d.Blocks[0].Inlines)
	}
}

// TestMathMLOnly checks a formula that has MathML and no TeX (as read
// from a web page): Markdown carries the MathML as inline HTML rather than
// nothing, and identifiers see the formula.
func TestMathMLOnly(t *testing.T) {
	mk := func(mi string) *Document {
		ml := `<math xmlns="` + NamespaceMathML + `"><mi>` + mi + `</mi><mo>+</mo><mn>1</mn></math>`
		d := &Document{Blocks: []Block{
			{Type: Paragraph, Inlines: []Inline{text("So "), {Type: MathInline, Math: &Math{MathML: ml}}, text(".")}},
			{Type: Paragraph, Inlines: []Inline{{Type: MathInline, Math: &Math{MathML: ml, Display: true}}}},
		}}
		AssignIDs(d)
		return d
	}
	d := mk("x")
	checkOut(t, "Markdown", mdOf(t, d, MarkdownOptions{}), []string{
		`So <math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi><mo>+</mo><mn>1</mn></math>.`,
		`<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><mi>x</mi>`,
	}, nil)
	if got := PlainText(d.Blocks[0].Inlines); got != "So x+1." {
		t.Errorf("PlainText = %q", got)
	}
	if mk("y").Blocks[0].ID == d.Blocks[0].ID {
		t.Error("two paragraphs that differ in a formula have one identifier")
	}
}

// TestUnreferencedNoteLinks checks that a note no reference calls (its
// reference lost) is written without a link back to a reference that is
// not in the page.
func TestUnreferencedNoteLinks(t *testing.T) {
	note := func(s string, typ NoteType) Note {
		return Note{ID: "n" + s, Type: typ, Blocks: []Block{{Type: Paragraph, Inlines: []Inline{text(s)}}}}
	}
	d := &Document{
		Blocks: []Block{{Type: Paragraph, Inlines: []Inline{text("Text"), {Type: NoteRef, Note: "na"}, {Type: NoteRef, Note: "nc"}}}},
		Notes:  []Note{note("a", Footnote), note("b", Footnote), note("c", Endnote), note("d", Endnote)},
	}
	h := htmlOf(t, d, HTMLOptions{})
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(h, -1) {
		ids[m[1]] = true
	}
	for _, m := range regexp.MustCompile(` href="#([^"]+)"`).FindAllStringSubmatch(h, -1) {
		if !ids[m[1]] {
			t.Errorf("link to #%s, which the page lacks:\n%s", m[1], h)
		}
	}
	checkOut(t, "HTML", h, []string{`href="#ref-na"`, `href="#ref-nc"`, `<span class="label">2</span>`, ">b</p>", ">d</p>"}, nil)
}

// TestLabelAgainstText checks that a heading number or list label that
// ends with a full-width mark (一、 （一）) is set against its text, as
// Chinese writes it (一、主要内容), in HTML, Markdown and the compared
// text of a diff, while other labels keep their space ("1.", "第一章").
func TestLabelAgainstText(t *testing.T) {
	head := func(id, number, s string) Block {
		return Block{ID: id, Type: Heading, Level: 3, Number: number, Inlines: []Inline{text(s)}}
	}
	d := &Document{Lang: "zh", Blocks: []Block{
		head("h1", "第一章", "总则"),
		head("h2", "一、", "主要内容"),
		head("h3", "1.", "目标"),
		{ID: "l1", Type: ListBlock, List: &List{Ordered: true, Items: []Item{
			{Label: "（一）", Blocks: []Block{{Type: Paragraph, Inlines: []Inline{text("能源")}}}},
			{Label: "(2)", Blocks: []Block{{Type: Paragraph, Inlines: []Inline{text("贸易")}}}},
		}}},
	}}
	checkOut(t, "HTML", htmlOf(t, d, HTMLOptions{}), []string{
		`<span class="number">第一章</span> 总则`,
		`<span class="number">一、</span>主要内容`,
		`<span class="number">1.</span> 目标`,
		`<span class="label">（一）</span>能源`,
		`<span class="label">(2)</span> 贸易`,
	}, nil)
	checkOut(t, "Markdown", mdOf(t, d, MarkdownOptions{}), []string{
		"### 第一章 总则\n", "### 一、主要内容\n", "### 1\\. 目标\n", `<span class="label">（一）</span>能源`,
	}, []string{"一、 ", "（一）</span> "})
	changed := *d
	changed.Blocks = append([]Block{}, d.Blocks...)
	changed.Blocks[1] = head("h2", "一、", "主要事项")
	var diff bytes.Buffer
	if err := WriteDiffHTML(&diff, Diff(d, &changed), HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	checkOut(t, "diff", diff.String(), []string{"一、主要"}, []string{"一、 主要"})
}

// TestCaptionFieldsWritten writes a figure whose caption is numbered by a
// field (a DOCX SEQ field): every writer shows the number, Markdown's
// image title included.
func TestCaptionFieldsWritten(t *testing.T) {
	d := &Document{
		Blocks: []Block{{Type: FigureBlock, Figure: &Figure{Src: "ab.png", Alt: "Схема", Caption: []Inline{
			text("Рисунок "), {Type: Field, Instr: `SEQ Рисунок \* ARABIC`, Text: "1"}, text(" — Схема поставок"),
		}}}},
		Media: []Media{{Name: "ab.png", Type: "image/png", Size: 3, Data: []byte("PNG")}},
	}
	AssignIDs(d)
	md := mdOf(t, d, MarkdownOptions{Media: LinkMedia, MediaPrefix: "img/"})
	checkOut(t, "Markdown", md, []string{`![Схема](img/ab.png "Рисунок 1 — Схема поставок")`}, []string{"Рисунок  —"})
	h := htmlOf(t, d, HTMLOptions{Media: LinkMedia, MediaPrefix: "img/"})
	checkOut(t, "HTML", h, []string{`<figcaption>Рисунок 1 — Схема поставок</figcaption>`}, nil)
}
