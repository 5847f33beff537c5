package docx

import (
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/doc"
)

// A table of contents is written as Word writes one: a TOC field whose
// beginning is in its first entry's paragraph and whose end is in its
// last, and between them the entries, each in its "toc N" style, linked to
// its heading, with a tab (the style's or the paragraph's, with its dot
// leader) and the heading's page number as a PAGEREF field. The field's
// beginning is marked dirty, so that Word makes the table again from the
// translated headings and their pages when it opens the file; until then,
// and in LibreOffice, the entries show the translation's text and the
// source's page numbers.

// tocOut is the entry of a table of contents being written.
type tocOut struct {
	entry *doc.TOCEntry
	// begin and end are set for the first and the last entry, which
	// begin and end the field.
	begin, end bool
	// page is the page number the template's entry showed, or "".
	page string
	// pageText is set when the template's entry showed its page number
	// as plain text after a tab, as LibreOffice writes it, rather than as
	// a PAGEREF field: it is written as text again.
	pageText bool
	// paged is set once the page number is written.
	paged bool
}

// sameTOC reports whether two blocks are entries of the same table of
// contents.
func sameTOC(a, b *doc.Block) bool {
	return a.TOC != nil && b.TOC != nil && a.Type == doc.Paragraph && b.Type == doc.Paragraph && a.TOC.Instr == b.TOC.Instr
}

// tocEntryOf returns the entry bs[i] is, with where it stands in its
// table, or nil when it is no entry.
func tocEntryOf(bs []doc.Block, i int) *tocOut {
	b := &bs[i]
	if b.TOC == nil || b.Type != doc.Paragraph || strings.TrimSpace(b.TOC.Instr) == "" {
		return nil
	}
	return &tocOut{entry: b.TOC, begin: i == 0 || !sameTOC(&bs[i-1], b), end: i+1 == len(bs) || !sameTOC(b, &bs[i+1])}
}

// tocPPr returns the properties of an entry that does not come from the
// template: the "toc N" style of its level and a right tab with a dot
// leader at the right margin, as Word writes them.
func (o *partOut) tocPPr(e *doc.TOCEntry) ppr {
	pw := o.pw
	var p ppr
	p = p.set("pStyle", styleProp("pStyle", pw.styleFor("toc "+strconv.Itoa(min(max(e.Level, 1), 9)))))
	if pw.textWidth > 0 {
		var x xb
		x.open("w:tabs")
		x.empty("w:tab", "w:val", "right", "w:leader", "dot", "w:pos", strconv.Itoa(pw.textWidth))
		x.close("w:tabs")
		p = p.set("tabs", x.String())
	}
	return p
}

// tocBegin writes the beginning of the table's field, up to its result.
func (o *partOut) tocBegin(t *tocOut, rs runState) {
	o.fldChar("begin", rs, true)
	o.instr(" "+strings.TrimSpace(t.entry.Instr)+" ", rs)
	o.fldChar("separate", rs, false)
}

// tocPage writes the tab before an entry's page number and the number:
// a PAGEREF field to the heading's bookmark, or, for an entry without a
// link (a TOC field without \h, or LibreOffice's entries) or one whose
// template showed the number as text, the number the template showed as
// text.
// Both are hidden on the web (w:webHidden), as Word writes them.
func (o *partOut) tocPage(t *tocOut, bookmark string) {
	if t == nil || t.paged {
		return
	}
	t.paged = true
	if bookmark == "" && t.page == "" {
		return
	}
	run := func(write func()) {
		o.x.open("w:r")
		o.x.open("w:rPr")
		o.x.empty("w:noProof")
		o.x.empty("w:webHidden")
		o.x.close("w:rPr")
		write()
		o.x.close("w:r")
	}
	run(func() { o.x.empty("w:tab") })
	if bookmark == "" || t.pageText {
		run(func() { o.x.textElem("w:t", cleanText(t.page)) })
		return
	}
	run(func() { o.x.empty("w:fldChar", "w:fldCharType", "begin") })
	run(func() { o.x.textElem("w:instrText", " PAGEREF "+bookmark+` \h `, "xml:space", "preserve") })
	run(func() { o.x.empty("w:fldChar", "w:fldCharType", "separate") })
	if t.page != "" {
		run(func() { o.x.textElem("w:t", cleanText(t.page)) })
	}
	run(func() { o.x.empty("w:fldChar", "w:fldCharType", "end") })
}

// templatePage returns the page number a template paragraph that is an
// entry of a table of contents shows: the result of its last PAGEREF
// field, else the text after its last tab when that is a page number, as
// LibreOffice writes it (text is then set), or "".
func templatePage(p *xnode) (page string, text bool) {
	if pg := templatePageRef(p); pg != "" {
		return pg, false
	}
	var all strings.Builder
	var walk func(n *xnode)
	walk = func(n *xnode) {
		for _, c := range n.elems() {
			switch {
			case c.isW("t"):
				all.WriteString(c.textContent())
			case c.isW("tab") || c.isW("ptab"):
				all.WriteByte('\t')
			case c.isW("pPr") || c.isW("rPr") || c.isW("instrText") || c.isW("del") || c.isW("moveFrom"):
			default:
				walk(c)
			}
		}
	}
	walk(p)
	s := all.String()
	k := strings.LastIndexByte(s, '\t')
	if k < 0 {
		return "", false
	}
	pg := strings.TrimSpace(s[k+1:])
	if pg == "" || !pageNumberRE.MatchString(pg) {
		return "", false
	}
	return pg, true
}

// templatePageRef returns the result of the last PAGEREF field of a
// template paragraph, or "".
func templatePageRef(p *xnode) string {
	var instr, page strings.Builder
	state := 0 // 1 in a field's instruction, 2 in a PAGEREF's result
	isPageRef := func(s string) bool {
		f := fieldWords(s)
		return len(f) > 0 && strings.EqualFold(f[0], "PAGEREF")
	}
	var walk func(n *xnode)
	walk = func(n *xnode) {
		for _, c := range n.elems() {
			switch {
			case c.isW("fldChar"):
				switch c.attr("fldCharType") {
				case "begin":
					state = 1
					instr.Reset()
				case "separate":
					state = 0
					if isPageRef(instr.String()) {
						state = 2
						page.Reset()
					}
				case "end":
					state = 0
				}
			case c.isW("instrText"):
				if state == 1 {
					instr.WriteString(c.textContent())
				}
			case c.isW("t"):
				if state == 2 {
					page.WriteString(c.textContent())
				}
			case c.isW("fldSimple") && isPageRef(c.attr("instr")):
				page.Reset()
				page.WriteString(c.textContent())
			case c.isW("del") || c.isW("moveFrom"):
			default:
				walk(c)
			}
		}
	}
	walk(p)
	return strings.TrimSpace(page.String())
}
