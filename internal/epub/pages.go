package epub

import (
	"slices"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/isbn"
)

// edition is one build of a book: the book, a printer per language for
// the texts the EPUB prints, and where the print pages begin.
type edition struct {
	b *book.Book
	p map[string]*i18n.Printer
	// pages are the print pages that begin in each content document, by
	// chapter ID ("" for the front matter), in the page map's order.
	pages map[string][]placedPage
	// pageList is every page in the page map's order, with the content
	// document it is in.
	pageList []listedPage
}

// placedPage is a print page that begins before the top-level block
// block ("" for the start of the content document).
type placedPage struct {
	block string
	pageBreak
}

type listedPage struct {
	file string
	pageBreak
}

// page is a content document as written: its bytes, the manifest
// properties it needs and the images it shows.
type page struct {
	body  []byte
	props []string
	media []*doc.Media
}

func newEdition(b *book.Book, c *i18n.Catalog) *edition {
	e := &edition{b: b, p: map[string]*i18n.Printer{}, pages: map[string][]placedPage{}}
	for _, l := range b.Langs {
		e.p[l] = c.Printer(l)
	}
	e.placePages()
	return e
}

// lang is the book's main language.
func (e *edition) lang() string { return e.b.Langs[0] }

// t is a text the EPUB prints, in the book's main language.
func (e *edition) t(key string, args ...any) string { return e.p[e.lang()].T(key, args...) }

// suffix is what the IDs of language l's side get: nothing for the
// main language, "-" and the language for the other side of a parallel
// book.
func (e *edition) suffix(l string) string {
	if l == e.lang() {
		return ""
	}
	return "-" + l
}

// placePages puts each page of the page map before the block of its
// chapter where it begins: at the start of the chapter when the page
// opens it or names a block the chapter does not have; a front-matter
// page before a block of the preface, or else at the start of the title
// page.
func (e *edition) placePages() {
	pm := e.b.PageMap
	if pm == nil {
		return
	}
	top := map[string]map[string]bool{}
	ids := func(d *doc.Document) map[string]bool {
		m := map[string]bool{}
		if d != nil {
			for _, bl := range d.Blocks {
				m[bl.ID] = true
			}
		}
		return m
	}
	top[""] = ids(e.b.Preface[e.lang()])
	var prefaceBlocks []string
	if d := e.b.Preface[e.lang()]; d != nil {
		for _, bl := range d.Blocks {
			if bl.ID != "" {
				prefaceBlocks = append(prefaceBlocks, bl.ID)
			}
		}
	}
	for i := range e.b.Chapters {
		c := &e.b.Chapters[i]
		top[c.ID] = ids(c.Text[e.lang()])
	}
	used := map[string]bool{}
	inChapters := false
	for i, p := range pm.Pages {
		blocks, ok := top[p.Chapter]
		if !ok || p.Unnumbered {
			// A page without a folio (the title page's verso, a blank
			// page) is no page a reader of the print edition can cite.
			continue
		}
		switch {
		case p.Chapter != "":
			inChapters = true
		case p.Section == "contents":
			// The EPUB's contents are its navigation document, before
			// the preface in reading order and not a copy of the print
			// contents: no place in it is the printed page's.
			continue
		case p.Section == "contributors":
		case inChapters:
			// A page of the back matter (the list of contributors) has no
			// block of the page map's to mark; put on the title page it
			// would break the page list's reading order.
			continue
		}
		id := "page-" + p.Label
		if !safeName(p.Label) || used[id] {
			id = "page-" + strconv.Itoa(i+1) + "-" + strconv.Itoa(len(used))
		}
		used[id] = true
		pb := pageBreak{Label: p.Label, ID: id}
		block := p.Block
		if !blocks[block] {
			block = ""
		}
		file := p.Chapter + ".xhtml"
		key := p.Chapter
		switch {
		case p.Chapter != "":
		case p.Section == "contributors":
			file, key = "contributors.xhtml", "contributors"
		case p.Section == "preface" && block == "" && len(prefaceBlocks) > 0:
			// A preface page with no block of its own (a parallel
			// edition's preface has no block marks) begins at the
			// first of the preface's blocks it can be (the first).
			file, block = "preface.xhtml", prefaceBlocks[0]
		case block != "":
			file = "preface.xhtml"
		default:
			file, key = "title.xhtml", "title"
		}
		e.pages[key] = append(e.pages[key], placedPage{block: block, pageBreak: pb})
		e.pageList = append(e.pageList, listedPage{file: file, pageBreak: pb})
	}
}

// breaks returns the pages of one content document by block ID.
func (e *edition) breaks(key string) map[string][]pageBreak {
	m := map[string][]pageBreak{}
	for _, p := range e.pages[key] {
		m[p.block] = append(m[p.block], p.pageBreak)
	}
	return m
}

// head starts a content document in the book's main language.
func (e *edition) head(x *xbuf, title, bodyType string) {
	x.s(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<!DOCTYPE html>\n" +
		`<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"`)
	x.langAttrs(e.lang())
	x.s(">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>")
	x.text(title)
	x.s("</title>\n" + `<link rel="stylesheet" type="text/css" href="style.css"/>` + "\n</head>\n<body")
	if bodyType != "" {
		x.attr("epub:type", bodyType)
	}
	if e.b.Parallel() {
		x.attr("class", "parallel")
	}
	x.s(">\n")
}

func foot(x *xbuf) { x.s("</body>\n</html>\n") }

// local returns a book text in language l, or when it has none there, in
// the first other language that has it (sorted, so that the choice is
// the same every time), with the language it is in.
func local(t book.Local, l string) (string, string) {
	if s := t[l]; s != "" {
		return s, l
	}
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if t[k] != "" {
			return t[k], k
		}
	}
	return "", l
}

// localText writes a book text in language l, marking its language when
// it had to be taken from another.
func localText(x *xbuf, t book.Local, l string) {
	s, in := local(t, l)
	if in != l {
		x.s("<span")
		x.langAttrs(in)
		x.s(">")
		x.text(s)
		x.s("</span>")
		return
	}
	x.text(s)
}

// personName writes p's name in language l, marked with the language it
// is written in when that is another (book.Person.Written, or a name
// taken from another language).
func personName(x *xbuf, p book.Person, l string) {
	s, in := local(p.Name, l)
	if w := p.Written[l]; w != "" && s == p.Name[l] {
		in = w
	}
	if in == l {
		x.text(s)
		return
	}
	x.s("<span")
	x.langAttrs(in)
	x.s(">")
	x.text(s)
	x.s("</span>")
}

// peopleText writes the text of catalog message key in language l whose
// argument is the list of people ps ("Под редакцией %s"), each name
// marked as personName marks it.
func (e *edition) peopleText(x *xbuf, key string, ps []book.Person, l string) {
	var marks []string
	var named []book.Person
	for _, p := range ps {
		if s, _ := local(p.Name, l); s != "" {
			marks = append(marks, string(rune(0xE000+len(marks))))
			named = append(named, p)
		}
	}
	msg := e.p[l].List(marks)
	if key != "" {
		msg = e.p[l].T(key, msg)
	}
	for _, r := range msg {
		if i := int(r) - 0xE000; i >= 0 && i < len(named) {
			personName(x, named[i], l)
			continue
		}
		x.text(string(r))
	}
}

// perLang writes fn once per language of the book: as it is for a book
// in one language, and for a parallel book as a pair, each language on
// its side with its own language.
func (e *edition) perLang(x *xbuf, fn func(l string)) {
	if !e.b.Parallel() {
		fn(e.lang())
		return
	}
	x.s(`<div class="pair">` + "\n")
	for _, l := range e.b.Langs {
		x.s(`<div class="side"`)
		x.langAttrs(l)
		x.s(">\n")
		fn(l)
		x.s("</div>\n")
	}
	x.s("</div>\n")
}

// both writes a text the EPUB prints in each of the book's languages,
// "目录 / Содержание" in a parallel book.
func (e *edition) both(x *xbuf, key string) {
	for i, l := range e.b.Langs {
		if i > 0 {
			x.s(" / <span")
			x.langAttrs(l)
			x.s(">")
		}
		x.text(e.p[l].T(key))
		if i > 0 {
			x.s("</span>")
		}
	}
}

// plainBoth is both as plain text, for titles.
func (e *edition) plainBoth(key string) string {
	var out []string
	for _, l := range e.b.Langs {
		out = append(out, e.p[l].T(key))
	}
	return strings.Join(out, " / ")
}

// titlePage is the title page: per language, the title, subtitle,
// volume editors and the publisher with place and year.
func (e *edition) titlePage() []byte {
	x := &xbuf{}
	e.head(x, e.plainBoth("epub.titlepage"), "frontmatter")
	x.s(`<section epub:type="titlepage" class="titlepage">` + "\n")
	for _, pb := range e.pages["title"] {
		writePageBreak(x, pb.pageBreak)
	}
	e.perLang(x, func(l string) {
		x.s("<h1" + idAttr("title"+e.suffix(l)) + ` class="title">`)
		localText(x, e.b.Title, l)
		x.s("</h1>\n")
		if s, _ := local(e.b.Subtitle, l); s != "" {
			x.s(`<p class="subtitle">`)
			localText(x, e.b.Subtitle, l)
			x.s("</p>\n")
		}
		if len(e.b.Editors) > 0 {
			x.s(`<p class="editors">`)
			e.peopleText(x, "epub.editedby", e.b.Editors, l)
			x.s("</p>\n")
		}
		// The publisher, its place and the year, each on its line when
		// the book has it.
		var lines []func()
		if s, _ := local(e.b.Publisher.Name, l); s != "" {
			lines = append(lines, func() { localText(x, e.b.Publisher.Name, l) })
		}
		if s, _ := local(e.b.Publisher.Place, l); s != "" {
			lines = append(lines, func() { localText(x, e.b.Publisher.Place, l) })
		}
		if !e.b.Released.IsZero() {
			lines = append(lines, func() { x.text(strconv.Itoa(e.b.Released.Year())) })
		}
		if len(lines) > 0 {
			x.s(`<p class="publisher">`)
			for i, f := range lines {
				if i > 0 {
					x.s("<br/>")
				}
				f()
			}
			x.s("</p>\n")
		}
	})
	x.s("</section>\n")
	foot(x)
	return x.b
}

func idAttr(id string) string { return ` id="` + id + `"` }

// formatKeys name the formats on the imprint page.
var formatKeys = map[book.Format]string{book.Web: "epub.format.web", book.EPUB: "epub.format.epub", book.PDF: "epub.format.pdf"}

// imprintPage is the imprint (copyright) page: per language, the data
// block the editor entered, the ISBN of each format (marked when they
// are sample data), the publisher, the date of publication, the DOI and
// the address of the web edition.
func (e *edition) imprintPage() []byte {
	x := &xbuf{}
	e.head(x, e.plainBoth("epub.imprint"), "frontmatter")
	x.s(`<section epub:type="copyright-page" class="imprint">` + "\n")
	e.perLang(x, func(l string) {
		p := e.p[l]
		x.s("<h1" + idAttr("imprint"+e.suffix(l)) + ">")
		x.text(p.T("epub.imprint"))
		x.s("</h1>\n")
		if lines := e.b.Imprint[l]; len(lines) > 0 {
			x.s(`<div class="cip">` + "\n")
			for _, line := range lines {
				x.s("<p>")
				x.text(line)
				x.s("</p>\n")
			}
			x.s("</div>\n")
		}
		for _, f := range book.Formats {
			n := e.b.ISBN[f]
			if n == "" {
				continue
			}
			x.s(`<p class="isbn">`)
			x.text(p.T("epub.isbn", isbn.Hyphenate(n), p.T(formatKeys[f])))
			if e.b.SampleISBN {
				x.s(` <strong class="sample">`)
				x.text(p.T("epub.sampleisbn"))
				x.s("</strong>")
			}
			x.s("</p>\n")
		}
		if e.b.SampleISBN {
			x.s(`<p class="sample">`)
			x.text(p.T("epub.sampleisbn.note"))
			x.s("</p>\n")
		}
		// Only the parts the book has, joined: no "，北京" without a name.
		name, _ := local(e.b.Publisher.Name, l)
		place, _ := local(e.b.Publisher.Place, l)
		if name != "" || place != "" {
			x.s(`<p class="publisher">`)
			if name != "" {
				localText(x, e.b.Publisher.Name, l)
			}
			if name != "" && place != "" {
				x.text(p.Comma())
			}
			if place != "" {
				localText(x, e.b.Publisher.Place, l)
			}
			x.s("</p>\n")
		}
		if !e.b.Released.IsZero() {
			x.s("<p>")
			x.text(p.T("epub.published", p.Date(e.b.Released)))
			x.s("</p>\n")
		}
		if e.b.DOI != "" {
			x.s(`<p>DOI <a`)
			x.attr("href", "https://doi.org/"+e.b.DOI)
			x.s(">")
			x.text(e.b.DOI)
			x.s("</a></p>\n")
		}
		if u, ok := doc.SafeHref(e.b.URL); ok && external(u) {
			x.s("<p><a")
			x.attr("href", u)
			x.s(">")
			x.text(u)
			x.s("</a></p>\n")
		}
	})
	x.s("</section>\n")
	foot(x)
	return x.b
}

// figureLabel makes the text that stands for a figure without alt text
// or caption.
func (e *edition) figureLabel(l string) func(int) string {
	return func(n int) string { return e.p[l].T("epub.figure", n) }
}

// prefacePage is the volume editors' preface.
func (e *edition) prefacePage() page {
	x := &xbuf{}
	e.head(x, e.plainBoth("epub.preface"), "frontmatter")
	sides := e.sides(e.b.Preface, e.breaks(""))
	// The heading takes the ID of the block that shows the preface's
	// title, when it has one, so that the block keeps its anchor.
	headingID := func(s *side) string {
		if tb := s.d.TitleBlock(); tb != nil && tb.ID != "" {
			return s.id(tb.ID)
		}
		return "preface" + s.suffix
	}
	x.s(`<section class="text" epub:type="preface" role="doc-preface"`)
	x.attr("aria-labelledby", headingID(sides[e.lang()]))
	x.s(">\n")
	if tb := sides[e.lang()].d.TitleBlock(); tb != nil {
		// Pages that begin at the title block begin before the heading.
		sides[e.lang()].pageBreaks(x, tb.ID)
		delete(sides[e.lang()].breaks, tb.ID)
	}
	e.perLang(x, func(l string) {
		s := sides[l]
		x.s("<h1")
		x.attr("id", headingID(s))
		x.s(">")
		if tb := s.d.TitleBlock(); tb != nil {
			s.inlines(x, doc.TrimBreaks(tb.Inlines), l)
		} else {
			x.text(e.p[l].T("epub.preface"))
		}
		x.s("</h1>\n")
	})
	e.body(x, sides)
	x.s("</section>\n")
	foot(x)
	return e.finish(x, sides)
}

// sides makes a side per language of the book for the documents docs.
func (e *edition) sides(docs map[string]*doc.Document, breaks map[string][]pageBreak) map[string]*side {
	out := map[string]*side{}
	for _, l := range e.b.Langs {
		d := docs[l]
		if d == nil {
			d = &doc.Document{Lang: l}
		}
		s := newSide(d, l, e.suffix(l), e.figureLabel(l))
		if l == e.lang() {
			s.breaks = breaks
		}
		out[l] = s
	}
	return out
}

// body writes the blocks of the sides' documents (leaving out the block
// that shows the title, which the page's header shows) and then their
// notes: in a book in one language one after the other, in a parallel
// book the blocks of one ID side by side, a pair per row.
func (e *edition) body(x *xbuf, sides map[string]*side) {
	main := sides[e.lang()]
	if !e.b.Parallel() {
		for i := range main.d.Blocks {
			bl := &main.d.Blocks[i]
			main.pageBreaks(x, bl.ID)
			if bl == main.d.TitleBlock() {
				continue
			}
			main.block(x, bl, main.lang)
		}
	} else {
		other := sides[e.b.Langs[1]]
		for _, pr := range pairBlocks(main.d, other.d) {
			if pr[0] != nil {
				main.pageBreaks(x, pr[0].ID)
			}
			if (pr[0] == nil || pr[0] == main.d.TitleBlock()) && (pr[1] == nil || pr[1] == other.d.TitleBlock()) {
				continue
			}
			x.s(`<div class="pair">` + "\n")
			for i, s := range []*side{main, other} {
				x.s(`<div class="side"`)
				x.langAttrs(s.lang)
				x.s(">\n")
				if pr[i] != nil && pr[i] != s.d.TitleBlock() {
					s.block(x, pr[i], s.lang)
				}
				x.s("</div>\n")
			}
			x.s("</div>\n")
		}
	}
	for _, l := range e.b.Langs {
		s := sides[l]
		if !e.b.Parallel() {
			s.notes(x, e.p[l].T("epub.notes"))
			continue
		}
		if len(s.d.Notes) == 0 {
			continue
		}
		x.s(`<div class="notes-side"`)
		x.langAttrs(l)
		x.s(">\n")
		s.notes(x, e.p[l].T("epub.notes"))
		x.s("</div>\n")
	}
}

// pairBlocks pairs the top-level blocks of two documents by ID, in the
// order of the first; a block of the second without a partner comes
// after the pair before it, with nothing beside it, and so does one of
// the first.
func pairBlocks(a, b *doc.Document) [][2]*doc.Block {
	at := map[string]int{}
	for j := range b.Blocks {
		if id := b.Blocks[j].ID; id != "" {
			if _, dup := at[id]; !dup {
				at[id] = j
			}
		}
	}
	var out [][2]*doc.Block
	next := 0
	for i := range a.Blocks {
		j, ok := at[a.Blocks[i].ID]
		if !ok || a.Blocks[i].ID == "" || j < next {
			out = append(out, [2]*doc.Block{&a.Blocks[i], nil})
			continue
		}
		for ; next < j; next++ {
			out = append(out, [2]*doc.Block{nil, &b.Blocks[next]})
		}
		out = append(out, [2]*doc.Block{&a.Blocks[i], &b.Blocks[j]})
		next = j + 1
	}
	for ; next < len(b.Blocks); next++ {
		out = append(out, [2]*doc.Block{nil, &b.Blocks[next]})
	}
	return out
}

// finish returns a content document with what its sides used.
func (e *edition) finish(x *xbuf, sides map[string]*side) page {
	pg := page{body: x.b}
	seen := map[string]bool{}
	for _, l := range e.b.Langs {
		s := sides[l]
		if s.mathml && !slices.Contains(pg.props, "mathml") {
			pg.props = append(pg.props, "mathml")
		}
		names := make([]string, 0, len(s.media))
		for n := range s.media {
			names = append(names, n)
		}
		slices.Sort(names)
		for _, n := range names {
			if !seen[n] {
				seen[n] = true
				pg.media = append(pg.media, s.media[n])
			}
		}
	}
	return pg
}

// chapter is a chapter's content document: a header per language with
// the title, the byline (authors and their affiliations) and the
// translator's credit, then the text and the notes.
func (e *edition) chapter(c *book.Chapter) page {
	x := &xbuf{}
	title, _ := local(c.Title, e.lang())
	e.head(x, title, "bodymatter")
	sides := e.sides(c.Text, e.breaks(c.ID))
	x.s(`<section class="text" epub:type="chapter" role="doc-chapter"`)
	x.attr("aria-labelledby", e.headingID(c, sides[e.lang()]))
	x.s(">\n")
	for _, pb := range e.pages[c.ID] {
		if pb.block == "" {
			writePageBreak(x, pb.pageBreak)
		}
	}
	if tb := sides[e.lang()].d.TitleBlock(); tb != nil {
		// Pages that begin at the title block begin before the header.
		sides[e.lang()].pageBreaks(x, tb.ID)
		delete(sides[e.lang()].breaks, tb.ID)
	}
	e.perLang(x, func(l string) {
		s := sides[l]
		head := "header"
		if e.b.Parallel() {
			// Two headers in one document would be two banners.
			head = `div class="head"`
		}
		x.s("<" + head + ">\n<h1")
		x.attr("id", e.headingID(c, s))
		x.s(">")
		if t, in := local(c.Title, l); in == l {
			x.text(t)
		} else if tb := s.d.TitleBlock(); tb != nil {
			s.inlines(x, doc.TrimBreaks(tb.Inlines), l)
		} else {
			localText(x, c.Title, l)
		}
		x.s("</h1>\n")
		for _, a := range c.Authors {
			x.s(`<p class="byline"><span class="author">`)
			personName(x, a, l)
			x.s("</span>")
			if s, _ := local(a.Affiliation, l); s != "" {
				x.s(`<br/><span class="affiliation">`)
				localText(x, a.Affiliation, l)
				x.s("</span>")
			}
			x.s("</p>\n")
		}
		if tr := c.Translators[l]; len(tr) > 0 {
			x.s(`<p class="translator">`)
			e.peopleText(x, "epub.translatedby", tr, l)
			x.s("</p>\n")
		}
		x.s("</" + strings.Fields(head)[0] + ">\n")
	})
	e.body(x, sides)
	x.s("</section>\n")
	foot(x)
	return e.finish(x, sides)
}

// headingID is the id of a chapter's heading on side s: the ID of the
// block that shows the title, so that it stays the paragraph's permanent
// anchor, or else one made from the chapter's.
func (e *edition) headingID(c *book.Chapter, s *side) string {
	if tb := s.d.TitleBlock(); tb != nil && tb.ID != "" {
		return s.id(tb.ID)
	}
	return c.ID + "-title" + s.suffix
}

// contributor is one person of the list of contributors with what they
// did for the book.
type contributor struct {
	person book.Person
	roles  []string
}

// contributors lists the volume editors, the authors and the
// translators, each once, in the order the book first names them.
func (e *edition) contributors() []*contributor {
	var out []*contributor
	at := map[string]*contributor{}
	add := func(p book.Person, role string) {
		key, _ := local(p.SortName, e.lang())
		if key == "" {
			key, _ = local(p.Name, e.lang())
		}
		c := at[key]
		if c == nil {
			c = &contributor{person: p}
			at[key] = c
			out = append(out, c)
		}
		if !slices.Contains(c.roles, role) {
			c.roles = append(c.roles, role)
		}
	}
	for _, p := range e.b.Editors {
		add(p, "epub.editor")
	}
	for i := range e.b.Chapters {
		c := &e.b.Chapters[i]
		for _, p := range c.Authors {
			add(p, "epub.author")
		}
		for _, l := range e.b.Langs {
			for _, p := range c.Translators[l] {
				add(p, "epub.translator")
			}
		}
	}
	return out
}

// contributorsPage lists the contributors with their roles and
// affiliations.
func (e *edition) contributorsPage() []byte {
	x := &xbuf{}
	e.head(x, e.plainBoth("epub.contributors"), "backmatter")
	x.s(`<section class="contributors" aria-labelledby="contributors">` + "\n")
	for _, pb := range e.pages["contributors"] {
		writePageBreak(x, pb.pageBreak)
	}
	list := e.contributors()
	e.perLang(x, func(l string) {
		p := e.p[l]
		x.s("<h1" + idAttr("contributors"+e.suffix(l)) + ">")
		x.text(p.T("epub.contributors"))
		x.s("</h1>\n<ul>\n")
		for _, c := range list {
			x.s(`<li><span class="name">`)
			personName(x, c.person, l)
			x.s("</span>")
			var roles []string
			for _, r := range c.roles {
				roles = append(roles, p.T(r))
			}
			x.text(p.Comma() + strings.Join(roles, p.Comma()))
			if s, _ := local(c.person.Affiliation, l); s != "" {
				x.s(`<br/><span class="affiliation">`)
				localText(x, c.person.Affiliation, l)
				x.s("</span>")
			}
			x.s("</li>\n")
		}
		x.s("</ul>\n")
	})
	x.s("</section>\n")
	foot(x)
	return x.b
}
