package epub

import (
	_ "embed"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/doc"
)

// style is the EPUB's own style sheet.
//
//go:embed style.css
var style []byte

const containerXML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
`

// item is an entry of the package's manifest.
type item struct {
	id, href, mediaType string
	props               []string
	linear              bool // in the spine
}

// write assembles the archive from the chapters already compressed and
// the documents it makes now (front and back matter, navigation,
// package document).
func (e *edition) write(out io.Writer, chapters []*entry) error {
	var items []item
	var files []*entry
	var media []*doc.Media
	addMedia := func(ms []*doc.Media) {
		for _, m := range ms {
			if !slices.ContainsFunc(media, func(o *doc.Media) bool { return o.Name == m.Name }) {
				media = append(media, m)
			}
		}
	}
	add := func(id, name string, data []byte, props []string, linear bool) {
		files = append(files, compress("EPUB/"+name, data, ""))
		items = append(items, item{id: id, href: name, mediaType: "application/xhtml+xml", props: props, linear: linear})
	}
	add("title", "title.xhtml", e.titlePage(), nil, true)
	add("imprint", "imprint.xhtml", e.imprintPage(), nil, true)
	add("nav", "nav.xhtml", e.nav(), []string{"nav"}, true)
	if e.b.Preface[e.lang()] != nil {
		pg := e.prefacePage()
		add("preface", "preface.xhtml", pg.body, pg.props, true)
		addMedia(pg.media)
	}
	for i, c := range chapters {
		files = append(files, c)
		items = append(items, item{id: "ch-" + e.b.Chapters[i].ID, href: e.b.Chapters[i].ID + ".xhtml",
			mediaType: "application/xhtml+xml", props: c.props, linear: true})
		addMedia(c.media)
	}
	add("contributors", "contributors.xhtml", e.contributorsPage(), nil, true)
	files = append(files, compress("EPUB/style.css", style, ""))
	items = append(items, item{id: "style", href: "style.css", mediaType: "text/css"})
	slices.SortFunc(media, func(a, b *doc.Media) int {
		if a.Name < b.Name {
			return -1
		}
		if a.Name > b.Name {
			return 1
		}
		return 0
	})
	for i, m := range media {
		files = append(files, compress("EPUB/"+mediaHref(m), m.Data, ""))
		items = append(items, item{id: "img-" + strconv.Itoa(i+1), href: mediaHref(m), mediaType: m.Type})
	}
	opf := e.packageDocument(items, len(media) > 0)
	all := append([]*entry{
		stored("mimetype", []byte(MediaType)),
		compress("META-INF/container.xml", []byte(containerXML), ""),
		compress("EPUB/package.opf", opf, ""),
	}, files...)
	return zipEntries(out, e.b.Modified, all)
}

// w3cdtf writes t as the package's dates want it: UTC, to the second.
func w3cdtf(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// packageDocument is the package document: metadata (with EPUB
// Accessibility 1.1's), manifest and spine.
func (e *edition) packageDocument(items []item, visual bool) []byte {
	b := e.b
	x := &xbuf{}
	x.s(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id"`)
	if len(e.pageList) > 0 && b.PageMap.Source != "" {
		// pageBreakSource is the W3C proposal's (Page source identification),
		// meant for EPUB's own vocabulary after 3.3; EPUBCheck 4 refuses it
		// there, so it is written with a prefix for the proposal, next to
		// EPUB 3.2's dc:source refined by source-of "pagination".
		x.s(` prefix="pbs: https://www.w3.org/publishing/a11y/page-source-id/#"`)
	}
	x.attr("xml:lang", e.lang())
	x.s(">\n<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
	x.s(`<dc:identifier id="pub-id">`)
	if isbn := b.ISBN[book.EPUB]; isbn != "" {
		x.text("urn:isbn:" + isbn)
	} else if b.URL != "" {
		x.text(b.URL)
	} else {
		x.text("urn:tandem:edition:" + b.Slug)
	}
	x.s("</dc:identifier>\n")
	if b.DOI != "" {
		x.s("<dc:identifier>")
		x.text("urn:doi:" + b.DOI)
		x.s("</dc:identifier>\n")
	}
	for i, l := range b.Langs {
		meta := func(id, text, typ string, seq int) {
			x.s("<dc:title")
			x.attr("id", id)
			x.langAttrsXML(l)
			x.s(">")
			x.text(text)
			x.s("</dc:title>\n")
			x.s(`<meta refines="#` + id + `" property="title-type">` + typ + "</meta>\n")
			x.s(`<meta refines="#` + id + `" property="display-seq">` + strconv.Itoa(seq) + "</meta>\n")
		}
		if t := b.Title[l]; t != "" {
			meta("title-"+l, t, "main", 2*i+1)
		}
		if t := b.Subtitle[l]; t != "" {
			meta("subtitle-"+l, t, "subtitle", 2*i+2)
		}
	}
	for _, l := range b.Langs {
		x.s("<dc:language>" + l + "</dc:language>\n")
	}
	person := func(element, id, role string, p book.Person) {
		name, in := local(p.Name, e.lang())
		if w := p.Written[e.lang()]; w != "" && name == p.Name[e.lang()] {
			in = w
		}
		x.s("<" + element)
		x.attr("id", id)
		if in != e.lang() {
			x.langAttrsXML(in)
		}
		x.s(">")
		x.text(name)
		x.s("</" + element + ">\n")
		x.s(`<meta refines="#` + id + `" property="role" scheme="marc:relators">` + role + "</meta>\n")
		if s, _ := local(p.SortName, e.lang()); s != "" {
			x.s(`<meta refines="#` + id + `" property="file-as">`)
			x.text(s)
			x.s("</meta>\n")
		}
		for _, l := range b.Langs[1:] {
			if s := p.Name[l]; s != "" && s != name {
				x.s(`<meta refines="#` + id + `" property="alternate-script"`)
				x.langAttrsXML(l)
				x.s(">")
				x.text(s)
				x.s("</meta>\n")
			}
		}
	}
	for i, p := range b.Editors {
		person("dc:creator", "edt"+strconv.Itoa(i+1), "edt", p)
	}
	n := 0
	for _, c := range e.contributors() {
		for _, r := range c.roles {
			code := map[string]string{"epub.author": "aut", "epub.translator": "trl"}[r]
			if code == "" || slices.Contains(c.roles, "epub.editor") {
				continue
			}
			n++
			person("dc:contributor", code+strconv.Itoa(n), code, c.person)
		}
	}
	if name, in := local(b.Publisher.Name, e.lang()); name != "" {
		x.s("<dc:publisher")
		if in != e.lang() {
			x.langAttrsXML(in)
		}
		x.s(">")
		x.text(name)
		x.s("</dc:publisher>\n")
	}
	if !b.Released.IsZero() {
		// The publication date is the release's day where the edition
		// is released (Released's own zone), as the imprint and ONIX give it.
		x.s("<dc:date>" + b.Released.Format("2006-01-02") + "</dc:date>\n")
	}
	x.s(`<meta property="dcterms:modified">` + w3cdtf(b.Modified) + "</meta>\n")
	pages := len(e.pageList) > 0
	if pages && b.PageMap.Source != "" {
		src := "urn:isbn:" + b.PageMap.Source
		x.s(`<dc:source id="print-source">` + src + "</dc:source>\n")
		x.s(`<meta refines="#print-source" property="source-of">pagination</meta>` + "\n")
		x.s(`<meta property="pbs:pageBreakSource">` + src + "</meta>\n")
	}
	// Accessibility metadata (EPUB Accessibility 1.1, schema.org).
	x.s(`<meta property="schema:accessMode">textual</meta>` + "\n")
	if visual {
		x.s(`<meta property="schema:accessMode">visual</meta>` + "\n")
	}
	x.s(`<meta property="schema:accessModeSufficient">textual</meta>` + "\n")
	features := []string{"structuralNavigation", "tableOfContents", "readingOrder"}
	if pages {
		features = append(features, "pageNavigation", "printPageNumbers")
	}
	if visual {
		features = append(features, "alternativeText")
	}
	for _, f := range features {
		x.s(`<meta property="schema:accessibilityFeature">` + f + "</meta>\n")
	}
	x.s(`<meta property="schema:accessibilityHazard">none</meta>` + "\n")
	summary := "epub.summary.nopages"
	if pages {
		summary = "epub.summary"
	}
	for _, l := range b.Langs {
		x.s(`<meta property="schema:accessibilitySummary"`)
		x.langAttrsXML(l)
		x.s(">")
		x.text(e.p[l].T(summary))
		x.s("</meta>\n")
	}
	x.s(`<meta property="dcterms:conformsTo" id="conformance">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>` + "\n")
	if name, _ := local(b.Publisher.Name, e.lang()); name != "" {
		x.s(`<meta property="a11y:certifiedBy" refines="#conformance">`)
		x.text(name)
		x.s("</meta>\n")
	}
	x.s("</metadata>\n<manifest>\n")
	for _, it := range items {
		x.s("<item")
		x.attr("id", it.id)
		x.attr("href", it.href)
		x.attr("media-type", it.mediaType)
		if len(it.props) > 0 {
			props := ""
			for i, p := range it.props {
				if i > 0 {
					props += " "
				}
				props += p
			}
			x.attr("properties", props)
		}
		x.s("/>\n")
	}
	x.s("</manifest>\n<spine>\n")
	for _, it := range items {
		if it.linear {
			x.s(`<itemref idref="` + it.id + `"/>` + "\n")
		}
	}
	x.s("</spine>\n</package>\n")
	return x.b
}

// langAttrsXML writes xml:lang alone, as the package document takes it.
func (x *xbuf) langAttrsXML(l string) { x.attr("xml:lang", l) }

// nav is the navigation document: the contents, the landmarks and, when
// the print edition's pages are known, the page list.
func (e *edition) nav() []byte {
	x := &xbuf{}
	e.head(x, e.plainBoth("epub.contents"), "frontmatter")
	x.s(`<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">` + "\n<h1 id=\"toc-title\">")
	e.both(x, "epub.contents")
	x.s("</h1>\n<ol>\n")
	entry := func(href string, title func()) {
		x.s("<li><a")
		x.attr("href", href)
		x.s(">")
		title()
		x.s("</a></li>\n")
	}
	if e.b.Preface[e.lang()] != nil {
		entry("preface.xhtml", func() { e.both(x, "epub.preface") })
	}
	for i := range e.b.Chapters {
		c := &e.b.Chapters[i]
		entry(c.ID+".xhtml", func() {
			for j, l := range e.b.Langs {
				if j > 0 {
					x.s(" / <span")
					x.langAttrs(l)
					x.s(">")
				}
				localText(x, c.Title, l)
				if j > 0 {
					x.s("</span>")
				}
			}
			if len(c.Authors) > 0 {
				x.s(` <span class="toc-authors">`)
				e.peopleText(x, "", c.Authors, e.lang())
				x.s("</span>")
			}
		})
	}
	entry("contributors.xhtml", func() { e.both(x, "epub.contributors") })
	x.s("</ol>\n</nav>\n")

	x.s(`<nav epub:type="landmarks" hidden="hidden" aria-labelledby="landmarks-title">` + "\n<h2 id=\"landmarks-title\">")
	x.text(e.t("epub.landmarks"))
	x.s("</h2>\n<ol>\n")
	landmark := func(typ, href, key string) {
		x.s(`<li><a epub:type="` + typ + `"`)
		x.attr("href", href)
		x.s(">")
		x.text(e.t(key))
		x.s("</a></li>\n")
	}
	landmark("titlepage", "title.xhtml", "epub.titlepage")
	landmark("toc", "nav.xhtml#toc", "epub.contents")
	if len(e.b.Chapters) > 0 {
		landmark("bodymatter", e.b.Chapters[0].ID+".xhtml", "epub.bodymatter")
	}
	x.s("</ol>\n</nav>\n")

	if len(e.pageList) > 0 {
		x.s(`<nav epub:type="page-list" role="doc-pagelist" hidden="hidden" aria-labelledby="pages-title">` + "\n<h2 id=\"pages-title\">")
		x.text(e.t("epub.pagelist"))
		x.s("</h2>\n<ol>\n")
		for _, p := range e.pageList {
			x.s("<li><a")
			x.attr("href", p.file+"#"+p.ID)
			x.s(">")
			x.text(p.Label)
			x.s("</a></li>\n")
		}
		x.s("</ol>\n</nav>\n")
	}
	foot(x)
	return x.b
}
