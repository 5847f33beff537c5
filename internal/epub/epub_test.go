package epub

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"github.com/tandemforum/tandem/internal/epub/epubcheck"
	"image"
	"image/png"
	"io"
	"time"

	"github.com/tandemforum/tandem/internal/doc"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/book/booktest"
)

// samples are the sample books every test checks: Chinese, Russian and
// the parallel zh-ru edition.
var samples = [][]string{{"zh"}, {"ru"}, {"zh", "ru"}}

// withPages gives b a page map as the PDF build fills it: the title page
// and its verso (no folio), a page of the preface and one of the
// contents, a page opening each chapter and one beginning at the
// chapter's third block, a blank page and the list of contributors.
func withPages(b *book.Book) *book.Book {
	pm := &book.PageMap{Source: b.ISBN[book.PDF]}
	pm.Pages = append(pm.Pages, book.PageStart{Label: "i", Section: "title", Unnumbered: true},
		book.PageStart{Label: "ii", Section: "title", Unnumbered: true},
		book.PageStart{Label: "iii", Section: "preface"},
		book.PageStart{Label: "v", Section: "contents"})
	n := 1
	for _, c := range b.Chapters {
		d := c.Text[b.Lang()]
		pm.Pages = append(pm.Pages, book.PageStart{Label: itoa(n), Chapter: c.ID})
		pm.Pages = append(pm.Pages, book.PageStart{Label: itoa(n + 1), Chapter: c.ID, Block: d.Blocks[2].ID})
		n += 2
	}
	pm.Pages = append(pm.Pages, book.PageStart{Label: itoa(n), Chapter: b.Chapters[len(b.Chapters)-1].ID, Unnumbered: true},
		book.PageStart{Label: itoa(n + 1), Section: "contributors"})
	b.PageMap = pm
	return b
}

func itoa(n int) string {
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// TestValid checks each sample book's EPUB, with and without a page map,
// with EPUBCheck (no error, no warning) and DAISY Ace (no critical or
// serious violation).
func TestValid(t *testing.T) {
	cases := []struct {
		langs []string
		paged bool
	}{{[]string{"zh"}, false}, {[]string{"ru"}, false}, {[]string{"zh", "ru"}, false}, {[]string{"zh", "ru"}, true}}
	for _, tc := range cases {
		name := strings.Join(tc.langs, "-")
		if tc.paged {
			name += "-paged"
		}
		t.Run(name, func(t *testing.T) {
			b := booktest.Book(tc.langs...)
			if tc.paged {
				withPages(b)
			}
			data, err := Write(b)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), name+".epub")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			for _, p := range epubcheck.EPUBCheck(t, path) {
				t.Errorf("epubcheck: %s", p)
			}
			for _, v := range epubcheck.Ace(t, path) {
				if v.Impact == "critical" || v.Impact == "serious" {
					t.Errorf("ace: %s %s: %s", v.Impact, v.Rule, v.Where)
				} else {
					t.Logf("ace: %s %s: %s", v.Impact, v.Rule, v.Where)
				}
			}
		})
	}
}

// unpack returns the files of an EPUB by name, and their names in the
// archive's order.
func unpack(t *testing.T, data []byte) (map[string]string, []string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	var order []string
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = string(b)
		order = append(order, f.Name)
	}
	return files, order
}

// TestReproducible checks that the same book gives the same bytes, built
// from nothing or again by the same Writer, with the mimetype stored
// first and every entry dated from Book.Modified.
func TestReproducible(t *testing.T) {
	for _, langs := range samples {
		a, err := Write(withPages(booktest.Book(langs...)))
		if err != nil {
			t.Fatal(err)
		}
		w := NewWriter()
		for range 2 {
			b, err := w.Write(withPages(booktest.Book(langs...)))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Fatalf("%v: two builds of the same book differ", langs)
			}
		}
		zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
		if err != nil {
			t.Fatal(err)
		}
		first := zr.File[0]
		if first.Name != "mimetype" || first.Method != zip.Store || len(first.Extra) != 0 {
			t.Errorf("%v: first entry %q, method %d, extra %d bytes; want mimetype, stored, none", langs, first.Name, first.Method, len(first.Extra))
		}
		want := booktest.Book(langs...).Modified.UTC()
		for _, f := range zr.File {
			if !f.Modified.Equal(want.Truncate(2*time.Second)) && f.Modified.Format("2006-01-02 15:04:05") != want.Format("2006-01-02 15:04:05") {
				t.Errorf("%v: %s dated %v, want %v", langs, f.Name, f.Modified, want)
			}
		}
	}
}

// TestIncremental checks that a Writer renders again only the chapter
// that changed: after a one-sentence edit in the second chapter the
// first chapter's content document is the one kept, the second is new
// and holds the edit, and the EPUB is the one a fresh build makes.
func TestIncremental(t *testing.T) {
	w := NewWriter()
	b := booktest.Book("ru")
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	kept1, kept2 := w.chapters["ch1"], w.chapters["ch2"]
	edited := booktest.Book("ru")
	d := edited.Chapters[1].Text["ru"]
	for i := range d.Blocks {
		if d.Blocks[i].Type == doc.Paragraph {
			d.Blocks[i].Inlines = append(d.Blocks[i].Inlines, doc.Inline{Type: doc.Text, Text: " Новая фраза редактора."})
			break
		}
	}
	got, err := w.Write(edited)
	if err != nil {
		t.Fatal(err)
	}
	if w.chapters["ch1"] != kept1 {
		t.Error("the unchanged chapter was rendered again")
	}
	if w.chapters["ch2"] == kept2 {
		t.Error("the edited chapter was not rendered again")
	}
	files, _ := unpack(t, got)
	if !strings.Contains(files["EPUB/ch2.xhtml"], "Новая фраза редактора.") {
		t.Error("the rebuilt EPUB lacks the edit")
	}
	fresh, err := Write(edited)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, fresh) {
		t.Error("the incremental build differs from a fresh build of the same book")
	}
	// A page map that changes where pages begin in a chapter renders it
	// again, though the chapter did not change.
	withPages(edited)
	if _, err := w.Write(edited); err != nil {
		t.Fatal(err)
	}
	if w.chapters["ch1"] == kept1 {
		t.Error("a chapter whose page breaks changed was reused")
	}
}

// xhtmlIDs returns the id attributes of a content document, and fails
// the test when it is not well-formed XML.
func xhtmlIDs(t *testing.T, name, s string) map[string]int {
	t.Helper()
	ids := map[string]int{}
	dec := xml.NewDecoder(strings.NewReader(s))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return ids
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			for _, a := range se.Attr {
				if a.Name.Local == "id" && a.Name.Space == "" {
					ids[a.Value]++
				}
			}
		}
	}
}

// TestContent checks the content documents of each sample book: every
// block of every chapter and note has its ID as an id (with the second
// language's suffix in a parallel book), no id twice; every note
// reference links to its note and the note back; every span in another
// language has xml:lang; and the parallel book sets each pair side by
// side.
func TestContent(t *testing.T) {
	for _, langs := range samples {
		b := booktest.Book(langs...)
		data, err := Write(b)
		if err != nil {
			t.Fatal(err)
		}
		files, _ := unpack(t, data)
		for _, c := range b.Chapters {
			name := "EPUB/" + c.ID + ".xhtml"
			page := files[name]
			ids := xhtmlIDs(t, name, page)
			for id, n := range ids {
				if n > 1 {
					t.Errorf("%v %s: id %q %d times", langs, name, id, n)
				}
			}
			for i, l := range langs {
				suffix := ""
				if i > 0 {
					suffix = "-" + l
				}
				d := c.Text[l]
				d.Walk(func(bl *doc.Block) {
					if bl.ID != "" && ids[bl.ID+suffix] == 0 {
						t.Errorf("%v %s: block %s (%s) has no id", langs, name, bl.ID+suffix, bl.Type)
					}
				})
				for _, n := range d.Notes {
					id := n.ID + suffix
					ref := `id="ref-` + id + `" href="#` + id + `"`
					if !strings.Contains(page, ref) {
						t.Errorf("%v %s: no reference linking to note %s", langs, name, id)
					}
					aside := `<aside id="` + id + `" epub:type="footnote" role="doc-footnote"`
					if !strings.Contains(page, aside) {
						t.Errorf("%v %s: note %s is not a footnote aside", langs, name, id)
					}
					if !strings.Contains(page, `<a role="doc-backlink" class="backlink" href="#ref-`+id+`"`) {
						t.Errorf("%v %s: note %s has no link back", langs, name, id)
					}
				}
				d.Walk(func(bl *doc.Block) {
					doc.WalkInlines(bl.Inlines, func(in *doc.Inline) {
						if in.Type == doc.Span && in.Lang != "" && in.Lang != l {
							want := `<span lang="` + in.Lang + `" xml:lang="` + in.Lang + `">` + doc.PlainText(in.Content)
							if !strings.Contains(page, want) {
								t.Errorf("%v %s: span %q in %s lacks xml:lang", langs, name, doc.PlainText(in.Content), in.Lang)
							}
						}
					})
				})
			}
			if len(langs) == 2 {
				pair := `<div class="pair">` + "\n" + `<div class="side" lang="zh" xml:lang="zh">` + "\n" + `<p id="`
				if !strings.Contains(page, pair) || !strings.Contains(page, `<div class="side" lang="ru" xml:lang="ru">`) {
					t.Errorf("%s: the pairs are not side by side", name)
				}
			}
		}
		preface := xhtmlIDs(t, "preface.xhtml", files["EPUB/preface.xhtml"])
		for i, l := range langs {
			suffix := ""
			if i > 0 {
				suffix = "-" + l
			}
			b.Preface[l].Walk(func(bl *doc.Block) {
				if bl.ID != "" && preface[bl.ID+suffix] != 1 {
					t.Errorf("%v preface: block %s has %d ids", langs, bl.ID+suffix, preface[bl.ID+suffix])
				}
			})
		}
		nav := files["EPUB/nav.xhtml"]
		if strings.Contains(nav, "page-list") {
			t.Errorf("%v: a page list without a page map", langs)
		}
		opf := files["EPUB/package.opf"]
		for _, l := range langs {
			if !strings.Contains(opf, "<dc:language>"+l+"</dc:language>") {
				t.Errorf("%v: no dc:language %s", langs, l)
			}
		}
		for _, want := range []string{`xml:lang="` + langs[0] + `"`, "urn:isbn:" + b.ISBN[book.EPUB], `property="role" scheme="marc:relators">edt`,
			`property="role" scheme="marc:relators">aut`, `property="role" scheme="marc:relators">trl`,
			"<dc:date>2021-06-01</dc:date>", `"dcterms:modified">` + b.Modified.UTC().Format(time.RFC3339),
			"EPUB Accessibility 1.1 - WCAG 2.2 Level AA", `property="a11y:certifiedBy"`, "schema:accessibilityHazard\">none"} {
			if !strings.Contains(opf, want) {
				t.Errorf("%v: the package document lacks %s", langs, want)
			}
		}
		if !strings.Contains(files["EPUB/imprint.xhtml"], `class="sample"`) {
			t.Errorf("%v: the imprint does not mark the sample ISBNs", langs)
		}
		// The imprint prints ISBNs hyphenated as the agency's ranges say.
		if strings.Contains(files["EPUB/imprint.xhtml"], `<p class="publisher">`+"<br/>") {
			t.Errorf("%v: the title page's publisher begins with a break", langs)
		}
		want := map[string]string{"zh": "978-7-999990-01-7", "ru": "978-5-9999-9001-3", "zh-ru": "978-7-999990-04-8"}[strings.Join(langs, "-")]
		if !strings.Contains(files["EPUB/imprint.xhtml"], want) {
			t.Errorf("%v: the imprint lacks the hyphenated ISBN %s", langs, want)
		}
	}
}

// TestPageList checks the page list against the page map: one entry per
// page, each leading to a page-break marker placed before the block
// where the page begins, and the print edition named as the source.
func TestPageList(t *testing.T) {
	b := withPages(booktest.Book("zh"))
	data, err := Write(b)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := unpack(t, data)
	nav := files["EPUB/nav.xhtml"]
	for _, p := range b.PageMap.Pages {
		if p.Unnumbered || p.Section == "contents" {
			// No folio, or the print contents, which the EPUB's own
			// navigation replaces: not in the page list.
			if strings.Contains(nav, `">`+p.Label+`</a>`) {
				t.Errorf("page %s (%s) is in the page list", p.Label, p.Section)
			}
			continue
		}
		file := p.Chapter + ".xhtml"
		switch p.Section {
		case "preface":
			file = "preface.xhtml"
			// The preface's pages have no block marks: the first page
			// begins before its first block.
			p.Block = b.Preface[b.Lang()].Blocks[0].ID
		case "contributors":
			file = "contributors.xhtml"
		}
		link := `<a href="` + file + `#page-` + p.Label + `">` + p.Label + `</a>`
		if !strings.Contains(nav, link) {
			t.Errorf("page %s: no entry %s", p.Label, link)
		}
		marker := `<span epub:type="pagebreak" role="doc-pagebreak" id="page-` + p.Label + `" aria-label="` + p.Label + `"></span>`
		page := files["EPUB/"+file]
		at := strings.Index(page, marker)
		if at < 0 {
			t.Errorf("page %s: no marker in %s", p.Label, file)
			continue
		}
		if p.Block != "" && !strings.HasPrefix(page[at+len(marker):], "\n<p id=\""+p.Block+`"`) &&
			!strings.HasPrefix(page[at+len(marker):], "\n<h2 id=\""+p.Block+`"`) && !strings.HasPrefix(page[at+len(marker):], "\n<h1 id=\""+p.Block+`"`) {
			t.Errorf("page %s: the marker is not before block %s: %.80q", p.Label, p.Block, page[at+len(marker):])
		}
	}
	// Pages that print no folio (the title page's verso, a blank page)
	// are not in the page list.
	ub := withPages(booktest.Book("zh", "ru"))
	ub.PageMap.Pages = append([]book.PageStart{{Label: "i", Unnumbered: true}, {Label: "ii", Unnumbered: true}}, ub.PageMap.Pages[1:]...)
	ub.PageMap.Pages = append(ub.PageMap.Pages, book.PageStart{Label: "99", Chapter: ub.Chapters[1].ID, Block: ub.Chapters[1].Text["zh"].Blocks[3].ID, Unnumbered: true})
	udata, err := Write(ub)
	if err != nil {
		t.Fatal(err)
	}
	ufiles, _ := unpack(t, udata)
	for _, l := range []string{"i", "ii", "99"} {
		if strings.Contains(ufiles["EPUB/nav.xhtml"], `">`+l+`</a>`) {
			t.Errorf("an unnumbered page %s is in the page list", l)
		}
	}
	if !strings.Contains(ufiles["EPUB/nav.xhtml"], `">1</a>`) {
		t.Errorf("the numbered pages are not in the page list")
	}
	opf := files["EPUB/package.opf"]
	for _, want := range []string{"<dc:source id=\"print-source\">urn:isbn:" + b.ISBN[book.PDF], "pbs:pageBreakSource\">urn:isbn:" + b.ISBN[book.PDF],
		"pageNavigation", "printPageNumbers"} {
		if !strings.Contains(opf, want) {
			t.Errorf("the package document lacks %s", want)
		}
	}
}

// pngImage returns a small PNG picture.
func pngImage(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// richBook is the Chinese sample book with what its texts lack: two
// figures showing an image of the document's media (one with alt text,
// one with neither alt text nor caption), an image in a format EPUB
// readers need not show, an endnote, a list, a table, a code block and
// an external link.
func richBook(t *testing.T) *book.Book {
	b := booktest.Book("zh")
	d := b.Chapters[0].Text["zh"]
	d.Media = append(d.Media, doc.Media{Name: "map.png", Type: "image/png", Data: pngImage(t)},
		doc.Media{Name: "scan.tiff", Type: "image/tiff", Data: []byte("II*\x00")})
	d.Notes = append(d.Notes, doc.Note{ID: "en1", Type: doc.Endnote, Blocks: []doc.Block{{ID: "en1p", Type: doc.Paragraph,
		Inlines: []doc.Inline{{Type: doc.Text, Text: "尾注正文。"}}}}})
	d.Blocks = append(d.Blocks,
		doc.Block{ID: "fig1", Type: doc.FigureBlock, Figure: &doc.Figure{Src: "map.png", Alt: "两国边境口岸分布图",
			Caption: []doc.Inline{{Type: doc.Text, Text: "图1 边境口岸"}}}},
		doc.Block{ID: "fig2", Type: doc.FigureBlock, Figure: &doc.Figure{Src: "map.png"}},
		doc.Block{ID: "fig3", Type: doc.FigureBlock, Figure: &doc.Figure{Src: "scan.tiff", Alt: "扫描件"}},
		doc.Block{ID: "list1", Type: doc.ListBlock, List: &doc.List{Ordered: true, Items: []doc.Item{
			{Blocks: []doc.Block{{ID: "li1", Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: "能源"},
				{Type: doc.NoteRef, Note: "en1"}}}}},
			{Label: "（二）", Blocks: []doc.Block{{ID: "li2", Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: "金融"}}}}},
		}}},
		doc.Block{ID: "tab1", Type: doc.TableBlock, Table: &doc.Table{Rows: []doc.Row{
			{Header: true, Cells: []doc.Cell{{Blocks: []doc.Block{{ID: "c1", Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: "年份"}}}}},
				{Blocks: []doc.Block{{ID: "c2", Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: "贸易额"}}}}}}},
			{Cells: []doc.Cell{{Blocks: []doc.Block{{ID: "c3", Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: "2021"}}}}},
				{Blocks: []doc.Block{{ID: "c4", Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: "1400"}}}}}}},
		}}},
		doc.Block{ID: "code1", Type: doc.CodeBlock, Code: &doc.Listing{Text: "a < b && c"}},
		doc.Block{ID: "math1", Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: "公式 "},
			{Type: doc.MathInline, Math: &doc.Math{TeX: `\frac{\alpha}{2} \le x_1`}},
			{Type: doc.MathInline, Math: &doc.Math{TeX: `E = mc^2`, Display: true}},
			{Type: doc.MathInline, Math: &doc.Math{TeX: `\begin{pmatrix} a \end{pmatrix}`}}}},
		doc.Block{ID: "p-link", Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Link, Href: "https://forum.example/",
			Content: []doc.Inline{{Type: doc.Text, Text: "论坛网站"}}}, {Type: doc.Link, Href: "javascript:alert(1)",
			Content: []doc.Inline{{Type: doc.Text, Text: "不安全的链接"}}}}},
	)
	return b
}

// TestFigures checks a book with figures, an endnote, a list, a table
// and code: every figure has alt text (its own, or its caption, or
// "图 N"), the image is in the package and the metadata says the book is
// visual too with alternative text; an image EPUB readers need not show
// is replaced by its alt text; and the EPUB passes EPUBCheck and Ace.
func TestFigures(t *testing.T) {
	b := richBook(t)
	data, err := Write(b)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := unpack(t, data)
	page := files["EPUB/ch1.xhtml"]
	for _, want := range []string{
		`<figure id="fig1"><img src="media/map.png" alt="两国边境口岸分布图"/><figcaption>图1 边境口岸</figcaption></figure>`,
		`<figure id="fig2"><img src="media/map.png" alt="图 2"/></figure>`,
		`<figure id="fig3"><span class="missing-image">扫描件</span></figure>`,
		`<section epub:type="endnotes" role="doc-endnotes">` + "\n<ol>\n" + `<li id="en1" epub:type="endnote" role="doc-endnote" class="note"><p id="en1p"><a role="doc-backlink" class="backlink" href="#ref-en1">1</a> 尾注正文。</p>`,
		`<li class="labelled"><p id="li2"><span class="label">（二）</span>金融</p>`,
		`<pre id="code1"><code>a &lt; b &amp;&amp; c</code></pre>`,
		`<a href="https://forum.example/">论坛网站</a>不安全的链接`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("chapter lacks %s", want)
		}
	}
	if files["EPUB/media/map.png"] == "" || files["EPUB/media/scan.tiff"] != "" {
		t.Error("the package should carry the PNG and not the TIFF")
	}
	opf := files["EPUB/package.opf"]
	for _, want := range []string{`<item id="img-1" href="media/map.png" media-type="image/png"/>`,
		`"schema:accessMode">visual`, `"schema:accessibilityFeature">alternativeText`} {
		if !strings.Contains(opf, want) {
			t.Errorf("the package document lacks %s", want)
		}
	}
	path := filepath.Join(t.TempDir(), "rich.epub")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range epubcheck.EPUBCheck(t, path) {
		t.Errorf("epubcheck: %s", p)
	}
	for _, v := range epubcheck.Ace(t, path) {
		if v.Impact == "critical" || v.Impact == "serious" {
			t.Errorf("ace: %s %s: %s", v.Impact, v.Rule, v.Where)
		}
	}
}

// TestNoEmptyImprintParts gives the publisher no name and no place: the
// title and imprint pages join only what there is, with no stray comma or
// line break.
func TestNoEmptyImprintParts(t *testing.T) {
	for _, langs := range samples {
		b := booktest.Book(langs...)
		b.Publisher.Name, b.Publisher.Place = book.Local{}, book.Local{}
		data, err := Write(b)
		if err != nil {
			t.Fatal(err)
		}
		files, _ := unpack(t, data)
		for _, f := range []string{"EPUB/title.xhtml", "EPUB/imprint.xhtml"} {
			for _, bad := range []string{`<p class="publisher"><br/>`, `<p class="publisher">，`, `<p class="publisher">, `, `<p class="publisher"></p>`} {
				if strings.Contains(files[f], bad) {
					t.Errorf("%v %s: %s", langs, f, bad)
				}
			}
		}
		if !strings.Contains(files["EPUB/title.xhtml"], `<p class="publisher">2021</p>`) {
			t.Errorf("%v: the title page lacks the year alone", langs)
		}
	}
}

// TestTeXFormulas checks that a formula with only its TeX (as Markdown
// gives it) is MathML when internal/texmath converts it, as the print
// edition sets it as mathematics, and its TeX as text when it does not.
func TestTeXFormulas(t *testing.T) {
	data, err := Write(richBook(t))
	if err != nil {
		t.Fatal(err)
	}
	files, _ := unpack(t, data)
	ch := files["EPUB/ch1.xhtml"]
	for _, want := range []string{`<mfrac>`, `<mi>α</mi>`, `<mo>≤</mo>`, `display="block"`, `<span class="math">\begin{pmatrix} a \end{pmatrix}</span>`} {
		if !strings.Contains(ch, want) {
			t.Errorf("the chapter lacks %s", want)
		}
	}
	if strings.Contains(ch, `\frac`) {
		t.Error("the chapter shows the TeX of a formula it could set")
	}
	if !strings.Contains(files["EPUB/package.opf"], `properties="mathml"`) {
		t.Error("the chapter with MathML is not marked mathml in the manifest")
	}
}

// TestNamesInOtherLanguages: a name known only in its own script (a
// Chinese editor's 刘洋 and translator's 张伟 in the Russian edition) is
// marked with its language wherever the book names it: the title page's
// editors, the chapter's translator line, the contributors page, the
// package's creators; the names in the book's language are not marked.
// EPUBCheck accepts the book.
func TestNamesInOtherLanguages(t *testing.T) {
	b := booktest.Book("ru")
	b.Editors[0] = book.Person{Name: book.Local{"ru": "刘洋"}, SortName: book.Local{"ru": "刘洋"}, Written: book.Local{"ru": "zh"}}
	b.Chapters[1].Translators["ru"] = []book.Person{{Name: book.Local{"ru": "张伟"}, SortName: book.Local{"ru": "张伟"}, Written: book.Local{"ru": "zh"}}}
	b.Chapters[0].Translators["ru"] = []book.Person{{Name: book.Local{"ru": "张伟"}, SortName: book.Local{"ru": "张伟"}, Written: book.Local{"ru": "zh"}}}
	data, err := Write(b)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := unpack(t, data)
	zh := func(name string) string { return `<span lang="zh" xml:lang="zh">` + name + `</span>` }
	for file, want := range map[string][]string{
		"EPUB/title.xhtml":        {zh("刘洋") + " и Ирина Петрова"},
		"EPUB/ch1.xhtml":          {zh("张伟")},
		"EPUB/contributors.xhtml": {zh("刘洋"), zh("张伟"), ">Ирина Петрова<"},
		"EPUB/package.opf":        {`xml:lang="zh">刘洋</dc:creator>`},
	} {
		for _, w := range want {
			if !strings.Contains(files[file], w) {
				t.Errorf("%s lacks %s", file, w)
			}
		}
	}
	if strings.Contains(files["EPUB/title.xhtml"], `xml:lang="zh">Ирина`) {
		t.Error("a Russian name is marked Chinese")
	}
	path := filepath.Join(t.TempDir(), "names.epub")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range epubcheck.EPUBCheck(t, path) {
		t.Errorf("epubcheck: %s", p)
	}
}
