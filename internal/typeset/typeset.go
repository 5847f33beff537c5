// Package typeset makes the print edition of a book: a *book.Book becomes
// a PDF (tagged PDF/UA-1 by default, or PDF/A-2a) through Typst
// (internal/typst), and the book's page map (where each chapter and each
// top-level block begins), learned by querying the laid-out document.
//
// Each chapter is a Typst source file of its own beside a main file with
// the front and back matter, so that a warm compiler given a one-sentence
// edit lays out again only what changed. The design (page, running heads,
// folios, notes, Chinese and Russian conventions) is in tandem.typ.
package typeset

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/isbn"
	"github.com/tandemforum/tandem/internal/typst"
)

//go:embed tandem.typ
var library string

// Standard is the PDF standard of the print PDF.
type Standard = typst.Standard

// The standards a print PDF can be made to.
const (
	// UA1 is PDF/UA-1 (tagged, for accessibility): the default.
	UA1 = typst.UA1
	// A2a is PDF/A-2a, for archives (tagged too).
	A2a = typst.A2a
)

// Typesetter makes print PDFs with one warm Typst compiler. Its methods
// may be called from several goroutines; builds run one at a time.
type Typesetter struct {
	c    *typst.Compiler
	cat  *i18n.Catalog
	mu   sync.Mutex
	last map[string]string // source path → text of the previous build
	// chapters keeps the chapter sources of the previous build by path,
	// with the key they were written for (chapterKey), so that a rebuild
	// writes again only the chapters that changed.
	chapters map[string]chapterSrc
}

// chapterSrc is a chapter's source and the key it was written for.
type chapterSrc struct{ key, src string }

// New returns a typesetter that compiles with c and takes its words
// (contents, preface…) from cat.
func New(c *typst.Compiler, cat *i18n.Catalog) *Typesetter {
	return &Typesetter{c: c, cat: cat, last: map[string]string{}, chapters: map[string]chapterSrc{}}
}

// Options are the choices of one build.
type Options struct {
	// Standard is the PDF standard; UA1 when empty.
	Standard Standard
}

// Output is a built print edition.
type Output struct {
	// PDF is the PDF file's bytes.
	PDF []byte
	// Pages is the number of pages.
	Pages int
	// PageMap is where each page begins (chapter and top-level block),
	// with its printed folio; its Source is the PDF's ISBN.
	PageMap *book.PageMap
	// Changed lists the source files (chapter IDs, "main") whose text
	// differed from the previous build of this Typesetter: what Typst
	// had to lay out again.
	Changed []string
}

// ErrNoLanguage is returned for a book with no language or more than two.
var ErrNoLanguage = errors.New("typeset: the book must have one language, or two for a parallel edition")

// Build typesets b. A Typst error (which would be a fault of this package,
// since every text of the book is passed as a string) comes back as
// *typst.Error wrapped with the book's slug.
func (t *Typesetter) Build(b *book.Book, opt Options) (*Output, error) {
	if len(b.Langs) != 1 && len(b.Langs) != 2 {
		return nil, ErrNoLanguage
	}
	if opt.Standard == "" {
		opt.Standard = UA1
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	srcs := t.sources(b)
	var changed []string
	for _, p := range sortedPaths(srcs) {
		if t.last[p] != srcs[p] {
			changed = append(changed, strings.TrimSuffix(strings.TrimPrefix(p, "/"), ".typ"))
		}
		if err := t.c.SetSource(p, srcs[p]); err != nil {
			return nil, fmt.Errorf("typeset %s: %w", b.Slug, err)
		}
	}
	t.last = srcs
	for _, d := range documents(b) {
		for _, m := range d.Media {
			if path, ok := mediaPath(m); ok {
				if err := t.c.SetFile(path, m.Data); err != nil {
					return nil, fmt.Errorf("typeset %s: %w", b.Slug, err)
				}
			}
		}
	}
	// EvictAfter keeps what the next build can reuse and drops what two
	// builds did not use, once the PDF is back.
	r, err := t.c.Compile(typst.Build{Main: "/main.typ", PDF: true, Standard: opt.Standard, Queries: []typst.Query{
		{Selector: "<tandem-folio>", Field: "value"},
		{Selector: "<tandem-pagemap>", Field: "value"},
	}, EvictAfter: 2})
	if err != nil {
		return nil, fmt.Errorf("typeset %s: %w", b.Slug, err)
	}
	pm, err := pageMap(b, r.Pages, r.Queries[0], r.Queries[1])
	if err != nil {
		return nil, fmt.Errorf("typeset %s: %w", b.Slug, err)
	}
	return &Output{PDF: r.PDF, Pages: r.Pages, PageMap: pm, Changed: changed}, nil
}

// Files returns what Build gives the compiler for b: the Typst sources by
// path in the compiler's file system ("/main.typ" the main file,
// "/tandem.typ" the design, one file per chapter) and the documents' media
// (images) by path ("/media/NAME"). Written out under one folder, with
// each path taken from it, they are a Typst project that Typst compiles to
// the same PDF as Build does, given the fonts of typst.DefaultFontPaths:
// bench/edition.sh compiles them so, with Typst alone, as the anchor of the
// print build's time and memory. It returns ErrNoLanguage as Build does.
func (t *Typesetter) Files(b *book.Book) (sources map[string]string, media map[string][]byte, err error) {
	if len(b.Langs) != 1 && len(b.Langs) != 2 {
		return nil, nil, ErrNoLanguage
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	media = map[string][]byte{}
	for _, d := range documents(b) {
		for _, m := range d.Media {
			if path, ok := mediaPath(m); ok {
				media[path] = m.Data
			}
		}
	}
	return t.sources(b), media, nil
}

// documents returns every document of the book in its languages.
func documents(b *book.Book) []*doc.Document {
	var out []*doc.Document
	for _, l := range b.Langs {
		if d := b.Preface[l]; d != nil {
			out = append(out, d)
		}
		for _, c := range b.Chapters {
			if d := c.Text[l]; d != nil {
				out = append(out, d)
			}
		}
	}
	return out
}

func sortedPaths(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// mark is a block or section mark as the page-map query gives it.
type mark struct {
	Kind    string  `json:"kind"`
	ID      string  `json:"id"` // a section's
	Chapter string  `json:"chapter"`
	Block   string  `json:"block"`
	Page    int     `json:"page"`
	Y       float64 `json:"y"` // from the top of the page, in pt
}

// pageMap works out each page's first chapter and block from the folios
// and the marks the document reports about itself.
func pageMap(b *book.Book, pages int, folios, marks json.RawMessage) (*book.PageMap, error) {
	var fs []struct {
		Page  int    `json:"page"`
		Label string `json:"label"`
		Shown *bool  `json:"shown"`
	}
	if err := json.Unmarshal(folios, &fs); err != nil {
		return nil, fmt.Errorf("read folios: %w", err)
	}
	var ms [][]mark
	if err := json.Unmarshal(marks, &ms); err != nil || len(ms) != 1 {
		return nil, fmt.Errorf("read page marks: %v (%d)", err, len(ms))
	}
	labels := make([]string, pages+1)
	unnumbered := make([]bool, pages+1)
	for _, f := range fs {
		if f.Page >= 1 && f.Page <= pages {
			labels[f.Page] = f.Label
			unnumbered[f.Page] = f.Shown != nil && !*f.Shown
		}
	}
	// The text area begins at the top margin; a mark within a line of it
	// is the page's first line.
	const top = 20*72/25.4 + 14
	pm := &book.PageMap{Source: b.ISBN[book.PDF]}
	chapter, block, section := "", "", ""
	i := 0
	all := ms[0]
	for p := 1; p <= pages; p++ {
		ps := book.PageStart{Label: labels[p], Chapter: chapter, Block: block, Unnumbered: unnumbered[p], Section: section}
		first := true
		for ; i < len(all) && all[i].Page <= p; i++ {
			m := all[i]
			switch m.Kind {
			case "chapter":
				chapter, block, section = m.Chapter, "", ""
				if m.Page == p {
					ps.Chapter, ps.Block, ps.Section = chapter, "", ""
					first = false
				}
			case "front", "back", "title":
				chapter, block, section = "", "", m.ID
				if m.Page == p {
					ps.Chapter, ps.Block, ps.Section = "", "", section
					first = false
				}
			case "block":
				block = m.Block
				if first && m.Page == p && m.Y <= top && ps.Chapter == m.Chapter {
					ps.Block = m.Block
				}
				first = false
			}
		}
		pm.Pages = append(pm.Pages, ps)
	}
	return pm, nil
}

// sources returns the book's Typst sources: the library, the main file and
// one file per chapter, by path. A chapter whose key is the one its source
// was last written for keeps that source. Call with t.mu held.
func (t *Typesetter) sources(b *book.Book) map[string]string {
	lang := b.Lang()
	p := t.cat.Printer(lang)
	srcs := map[string]string{"/tandem.typ": library}
	kept := make(map[string]chapterSrc, len(b.Chapters))
	for i := range b.Chapters {
		c := &b.Chapters[i]
		path := "/" + fileName(c.ID, i) + ".typ"
		key := chapterKey(b, c)
		if old, ok := t.chapters[path]; ok && old.key == key {
			srcs[path], kept[path] = old.src, old
			continue
		}
		if b.Parallel() {
			srcs[path] = parallelChapterSource(b, c, t.cat)
		} else {
			srcs[path] = chapterSource(b, c, lang, !perPageNotes(b), p)
		}
		kept[path] = chapterSrc{key: key, src: srcs[path]}
	}
	t.chapters = kept
	srcs["/main.typ"] = mainSource(b, t.cat)
	return srcs
}

// chapterKey is what a chapter's source depends on: the chapter (its
// fingerprint), the book's languages and its way of numbering notes.
func chapterKey(b *book.Book, c *book.Chapter) string {
	return fmt.Sprintf("%s %q %t", c.Fingerprint(), b.Langs, perPageNotes(b))
}

// fileName is the chapter's source file name: its ID when that is safe in
// a path, else its position.
func fileName(id string, i int) string {
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return fmt.Sprintf("chapter-%d", i+1)
		}
	}
	if id == "" || id == "main" || id == "tandem" {
		return fmt.Sprintf("chapter-%d", i+1)
	}
	return id
}

func names(ps []book.Person, lang, sep string) string {
	var out []string
	for _, x := range ps {
		if n := x.Name[lang]; n != "" {
			out = append(out, n)
		}
	}
	return strings.Join(out, sep)
}

func listSep(lang string) string {
	if lang == "zh" {
		return "、"
	}
	return ", "
}

// chapterTitle is the chapter's title in lang, or its document's, or
// (since PDF/UA wants every heading to say something) its ID or a dash.
func chapterTitle(c *book.Chapter, lang string) string {
	title := c.Title[lang]
	if d := c.Text[lang]; title == "" && d != nil {
		title = d.Title
	}
	if strings.TrimSpace(clean(title)) == "" {
		title = c.ID
	}
	if strings.TrimSpace(clean(title)) == "" {
		title = "—"
	}
	return displayTitle(lang, title)
}

// displayTitle is a title as the book prints it (title page, openings,
// contents, running heads): in Russian with the no-break spaces of its
// body text, so that no line of a title ends in a preposition («Договора
// о / добрососедстве»). The PDF's metadata keeps the title as written.
func displayTitle(lang, title string) string {
	if lang == "ru" {
		return RussianSpaces(title)
	}
	return title
}

func chapterSource(b *book.Book, c *book.Chapter, lang string, perChapter bool, p *i18n.Printer) string {
	var s strings.Builder
	fmt.Fprintf(&s, "#import \"/tandem.typ\": *\n#show: in-lang.with(%s)\n", str(lang))
	d := c.Text[lang]
	title := chapterTitle(c, lang)
	var by strings.Builder
	for _, a := range c.Authors {
		fmt.Fprintf(&by, "#text(size: 10pt, weight: \"bold\", %s)", personCode(a, lang))
		if aff := a.Affiliation[lang]; aff != "" {
			fmt.Fprintf(&by, "#linebreak()#text(size: 8.5pt, %s)", str(aff))
		}
		by.WriteString("#linebreak()")
	}
	if ts := c.Translators[lang]; len(ts) > 0 {
		fmt.Fprintf(&by, "#v(0.5em)#text(size: 8.5pt, %s)", peopleContent(p, "typeset.translated_by", ts, lang))
	}
	fmt.Fprintf(&s, "#chapter-opening(%s, %s, %s, %s, %t, [%s])\n\n", str(c.ID), str(lang), str(title),
		str(names(c.Authors, lang, listSep(lang))), perChapter, by.String())
	if d != nil {
		w := newWriter(c.ID, lang, d)
		w.blocks(bodyBlocks(d), true)
		s.WriteString(w.b.String())
	}
	s.WriteString("#section-end()\n")
	return s.String()
}

// published is the imprint page's last line: the publisher, its place and
// the year of publication, each only when the book has it ("北京" and no
// publisher gives no "，，").
func published(b *book.Book, lang string, p *i18n.Printer) string {
	var parts []string
	for _, x := range []string{strings.TrimSpace(b.Publisher.Name[lang]), strings.TrimSpace(b.Publisher.Place[lang])} {
		if x != "" {
			parts = append(parts, x)
		}
	}
	if !b.Released.IsZero() {
		parts = append(parts, p.T("typeset.year", fmt.Sprint(b.Released.Year())))
	}
	return strings.Join(parts, p.T("typeset.published_sep"))
}

// perPageNotes reports whether the book's notes are numbered per page:
// as its layout says, by default in Chinese. A parallel edition numbers
// them per chapter unless its layout says per page, when each spread's
// notes count from 1 (the recto's taking the numbers of the verso's).
func perPageNotes(b *book.Book) bool {
	if b.Parallel() {
		return b.Layout.Notes == book.PerPage
	}
	return b.Layout.Notes == book.PerPage || (b.Layout.Notes == "" && b.Lang() == "zh")
}

// inLang is the code for text s in language l, tagged and in its fonts;
// markup puts "#" before it.
func inLang(l, s string) string {
	return fmt.Sprintf("in-lang(%s, %s)", str(l), str(s))
}

// mainSource is the main file: the set-up, the front matter, the chapters'
// includes and the back matter. A parallel edition's front and back
// matter give every text in each of its languages.
func mainSource(b *book.Book, cat *i18n.Catalog) string {
	var s strings.Builder
	langs := b.Langs
	lang := langs[0]
	parallel := len(langs) > 1
	p := cat.Printer(lang)
	// each writes f(l) for every language of the book, separated by sep.
	each := func(sep string, f func(l string) string) string {
		var parts []string
		for _, l := range langs {
			if x := f(l); x != "" {
				parts = append(parts, x)
			}
		}
		return strings.Join(parts, sep)
	}
	var authors []string
	for _, e := range b.Editors {
		authors = append(authors, str(e.Name[lang]))
	}
	m := b.Modified.UTC()
	layout := b.Layout
	if layout.Width <= 0 || layout.Height <= 0 {
		layout.Width, layout.Height = book.A5.Width, book.A5.Height
	}
	notes := "chapter"
	if perPageNotes(b) {
		notes = "page"
	}
	var kw []string
	if n := b.ISBN[book.PDF]; n != "" {
		kw = append(kw, str("ISBN "+n))
	}
	if b.DOI != "" {
		kw = append(kw, str("doi:"+b.DOI))
	}
	if b.URL != "" {
		kw = append(kw, str(b.URL))
	}
	title := b.Title[lang]
	if strings.TrimSpace(clean(title)) == "" {
		title = b.Slug
	}
	fmt.Fprintf(&s, `#import "/tandem.typ": *
#show: book.with(
  lang: %s,
  title: %s,
  description: %s,
  authors: (%s),
  keywords: (%s),
  date: datetime(year: %d, month: %d, day: %d, hour: %d, minute: %d, second: %d),
  width: %.2fmm, height: %.2fmm,
  notes: %s,
)
`, str(lang), str(title), str(b.Subtitle[lang]), strings.Join(append(authors, ""), ", "), strings.Join(append(kw, ""), ", "),
		m.Year(), int(m.Month()), m.Day(), m.Hour(), m.Minute(), m.Second(), layout.Width, layout.Height, str(notes))

	// Title page.
	s.WriteString("#section-start(\"title\", \"title\")\n")
	s.WriteString("#page(header: none)[#set par(first-line-indent: 0em, justify: false)\n#set text(hyphenate: false)\n#show: keep-titles\n#align(center)[\n#v(25mm)\n")
	for i, l := range langs {
		if i > 0 {
			s.WriteString("#v(10mm)\n")
		}
		fmt.Fprintf(&s, "#big-title(%s, %dpt, %s)\n\n", str(l), 20-4*i, str(displayTitle(l, b.Title[l])))
		if st := b.Subtitle[l]; st != "" {
			fmt.Fprintf(&s, "#v(3mm)#text(size: 12pt, %s)\n\n", inLang(l, displayTitle(l, st)))
		}
	}
	if len(b.Editors) > 0 {
		s.WriteString("#v(15mm)")
		for _, l := range langs {
			fmt.Fprintf(&s, "#text(size: 11pt, %s)\n\n", inLangContent(l, peopleContent(cat.Printer(l), "typeset.editors", b.Editors, l)))
		}
	}
	s.WriteString("#v(1fr)")
	if n := b.Publisher.Name[lang]; n != "" {
		fmt.Fprintf(&s, "#text(size: 11pt, %s)#linebreak()", str(n))
	}
	if pl := b.Publisher.Place[lang]; pl != "" {
		fmt.Fprintf(&s, "#text(size: 10pt, %s)", str(pl))
	}
	s.WriteString("\n#v(10mm)]]\n")

	// Imprint page, the title page's verso.
	s.WriteString("#page(header: none)[#set par(first-line-indent: 0em, justify: false)\n#set text(size: 8.5pt)\n#v(1fr)\n")
	for _, l := range langs {
		for _, line := range b.Imprint[l] {
			fmt.Fprintf(&s, "#%s#linebreak()\n", inLang(l, line))
		}
		s.WriteString("#v(2mm)\n")
	}
	s.WriteString("#v(2mm)\n")
	for _, f := range book.Formats {
		if n := b.ISBN[f]; n != "" {
			fmt.Fprintf(&s, "#%s#linebreak()\n", str(p.T("typeset.isbn", isbn.Hyphenate(n), p.T("typeset.format."+string(f)))))
		}
	}
	if b.SampleISBN {
		for _, l := range langs {
			fmt.Fprintf(&s, "#text(weight: \"bold\", %s)#linebreak()\n", inLang(l, cat.Printer(l).T("typeset.sample_isbn")))
		}
	}
	if b.DOI != "" {
		fmt.Fprintf(&s, "#%s#linebreak()\n", str("DOI "+b.DOI))
	}
	fmt.Fprintf(&s, "#v(4mm)#%s\n#v(8mm)]\n", str(published(b, lang, p)))
	s.WriteString("#section-end()\n")

	// Preface.
	if parallel && b.Preface[langs[0]] != nil && b.Preface[langs[1]] != nil {
		s.WriteString(parallelPreface(b, cat))
	} else if d := b.Preface[lang]; d != nil {
		fmt.Fprintf(&s, "#pagebreak(to: \"odd\", weak: true)\n#section-start(\"front\", \"preface\", title: %s, lang: %s)\n", str(p.T("typeset.preface")), str(lang))
		fmt.Fprintf(&s, "#heading(level: 1, %s)\n\n", str(p.T("typeset.preface")))
		w := newWriter("", lang, d)
		w.blocks(bodyBlocks(d), false)
		s.WriteString(w.b.String())
		s.WriteString("#section-end()\n")
	}

	// Contents.
	fmt.Fprintf(&s, "#pagebreak(to: \"odd\", weak: true)\n#section-start(\"front\", \"contents\", title: %s, lang: %s)\n", str(p.T("typeset.contents")), str(lang))
	fmt.Fprintf(&s, "#heading(level: 1, outlined: false, [%s])\n\n", each(" / ", func(l string) string { return "#" + inLang(l, cat.Printer(l).T("typeset.contents")) }))
	s.WriteString("#{\nset par(spacing: 1em)\n")
	for i := range b.Chapters {
		c := &b.Chapters[i]
		sub := each("#linebreak()", func(l string) string {
			if names(c.Authors, l, "") == "" {
				return ""
			}
			return "#" + inLangContent(l, peopleContent(cat.Printer(l), "", c.Authors, l))
		})
		if parallel {
			sub = "#" + inLang(langs[1], chapterTitle(c, langs[1])) + "#linebreak()" + sub
		}
		fmt.Fprintf(&s, "contents-entry(%s, %s, sub: [%s])\n", str(c.ID), str(chapterTitle(c, lang)), sub)
	}
	fmt.Fprintf(&s, "contents-entry(\"contributors\", [%s])\n}\n", each(" / ", func(l string) string { return "#" + inLang(l, cat.Printer(l).T("typeset.contributors")) }))
	s.WriteString("#section-end()\n")

	// The chapters: from folio 1 on a recto, or in a parallel edition
	// from folio 2 on the verso of the first spread.
	if parallel {
		s.WriteString("#pagebreak(to: \"even\", weak: true)\n#set page(numbering: \"1\")\n#counter(page).update(2)\n")
	} else {
		s.WriteString("#pagebreak(to: \"odd\", weak: true)\n#set page(numbering: \"1\")\n#counter(page).update(1)\n")
	}
	for i := range b.Chapters {
		fmt.Fprintf(&s, "#include %s\n", str("/"+fileName(b.Chapters[i].ID, i)+".typ"))
	}

	// Contributors.
	fmt.Fprintf(&s, "#pagebreak(to: \"odd\", weak: true)\n#section-start(\"back\", \"contributors\", title: %s, lang: %s)\n", str(p.T("typeset.contributors")), str(lang))
	fmt.Fprintf(&s, "#heading(level: 1, [%s])\n\n", each(" / ", func(l string) string { return "#" + inLang(l, cat.Printer(l).T("typeset.contributors")) }))
	s.WriteString("#set par(first-line-indent: 0em)\n")
	// Each person once, with every role they have in the book (editor,
	// author, translator), so that a translator is credited as one.
	var people []book.Person
	roles := map[string][]string{}
	add := func(ps []book.Person, role string) {
		for _, x := range ps {
			key := each("/", func(l string) string { return x.Name[l] })
			if key == "" {
				continue
			}
			if _, ok := roles[key]; !ok {
				people = append(people, x)
			}
			if !slices.Contains(roles[key], role) {
				roles[key] = append(roles[key], role)
			}
		}
	}
	add(b.Editors, "typeset.role.editor")
	for _, c := range b.Chapters {
		add(c.Authors, "typeset.role.author")
	}
	for _, c := range b.Chapters {
		for _, l := range langs {
			add(c.Translators[l], "typeset.role.translator")
		}
	}
	for _, x := range people {
		key := each("/", func(l string) string { return x.Name[l] })
		fmt.Fprintf(&s, "#strong[%s]", each(" / ", func(l string) string {
			if x.Name[l] == "" {
				return ""
			}
			return "#" + inLangContent(l, "["+"#"+personCode(x, l)+"]")
		}))
		fmt.Fprintf(&s, "#linebreak()%s", each(" / ", func(l string) string {
			lp := cat.Printer(l)
			var rs []string
			for _, r := range roles[key] {
				rs = append(rs, lp.T(r))
			}
			return "#" + inLang(l, strings.Join(rs, lp.Punct().Enum))
		}))
		for _, l := range langs {
			if aff := x.Affiliation[l]; aff != "" {
				fmt.Fprintf(&s, "#linebreak()#%s", inLang(l, aff))
			}
		}
		s.WriteString("\n\n")
	}
	s.WriteString("#section-end()\n")

	// What the page map needs: every section and block mark with its page
	// and height on the page.
	s.WriteString(`#context [#metadata(query(selector(<tandem-section>).or(<tandem-block>)).map(m => {
  let v = m.value
  let pos = m.location().position()
  let kind = if "kind" in v { v.kind } else { "block" }
  (kind: kind, id: if kind != "block" and "id" in v { v.id } else { "" }, chapter: if "chapter" in v { v.chapter } else if kind == "chapter" { v.id } else { "" },
   block: if "block" in v { v.block } else { "" }, lang: if "lang" in v { v.lang } else { "" },
   page: pos.page, y: pos.y.pt())
})) <tandem-pagemap>]
`)
	return s.String()
}

// bodyBlocks returns d's blocks without a first heading of level 1, which
// is the title the book prints itself.
func bodyBlocks(d *doc.Document) []doc.Block {
	blocks := d.Blocks
	if len(blocks) > 0 && blocks[0].Type == doc.Heading && blocks[0].Level <= 1 {
		blocks = blocks[1:]
	}
	return blocks
}
