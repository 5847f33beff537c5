package docx

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	_ "image/gif" // image sizes of figures that do not come from the template
	_ "image/jpeg"
	_ "image/png"
	"net/http"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/tiff"
	_ "golang.org/x/image/webp"

	"github.com/tandemforum/tandem/internal/doc"
)

// partOut is a part being written: the main document or a notes part.
type partOut struct {
	pw   *pkgWriter
	dir  string
	x    xb
	rels *partRels
	// lead is text the next run starts with: the space after a note's
	// mark, which goes into the formatting of the note's first text.
	lead string
	// srcRels are the template's relationships of the part, for content
	// copied from it; furniture is set for headers and footers.
	srcRels   []relEntry
	furniture bool
	// keep is what the paragraph being written keeps of its template
	// paragraph, or nil.
	keep *paraKeep
	// alt is the description of the image being copied from the
	// template, as the document has it (translated).
	alt string
	// rangeEnd is the bookmark of an anchor whose text a field shows
	// (REF, NOTEREF) while it is open: it ends after the caption's number
	// (a SEQ field) or the note reference that follows it, or else with
	// its paragraph, so that Word, working the field out again, shows the
	// translation's "Table 1" or heading.
	rangeEnd string
	// toc is the entry of a table of contents the next paragraph is,
	// set by blocks; entry is the one whose text is being written.
	toc, entry *tocOut
}

func (pw *pkgWriter) newPart(name string, kept []relEntry) *partOut {
	return &partOut{pw: pw, dir: path.Dir(name), rels: newPartRels(kept)}
}

// bctx is what the blocks being written inherit from around them.
type bctx struct {
	lang  string // the enclosing block's language, when not the document's
	quote bool   // inside a quotation
	body  bool   // directly in the body, where sections end
	noteI int    // in a note: 0 footnote, 1 endnote; -1 in the body
	note  *noteOut
	depth int  // list nesting depth
	box   bool // inside a text box (or header) being written over the template's
}

// noteOut is a note as written: its id in the notes part and how its
// references show.
type noteOut struct {
	note  *doc.Note
	typ   int // 0 footnote, 1 endnote
	id    int
	mark  string // a custom mark, or ""
	num   int    // its number among the numbered notes of its type
	first bool   // the mark in the note is still to be written
}

// pprItem is one property of a paragraph, written.
type pprItem struct {
	local string
	xml   string
}

// ppr is a paragraph's properties, kept apart so that they can be
// changed and written in the order the schema wants.
type ppr []pprItem

func pprFrom(n *xnode) ppr {
	var p ppr
	if n == nil {
		return p
	}
	for _, k := range n.elems() {
		if k.space != nsW && canonPrefix[k.space] == "" {
			continue
		}
		switch {
		case k.isW("rPr"), k.isW("sectPr"), k.isW("pPrChange"):
			continue
		}
		p = append(p, pprItem{k.local, canon(k)})
	}
	return p
}

func (p ppr) set(local, xml string) ppr {
	for i, it := range p {
		if it.local == local {
			p[i].xml = xml
			return p
		}
	}
	return append(p, pprItem{local, xml})
}

func (p ppr) without(local string) ppr {
	out := p[:0:0]
	for _, it := range p {
		if it.local != local {
			out = append(out, it)
		}
	}
	return out
}

// pprOrder is the order of the children of w:pPr in the schema.
var pprOrder = indexOf("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange")

// rprOrder is the order of the children of w:rPr in the schema.
var rprOrder = indexOf("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath")

func indexOf(names string) map[string]int {
	m := map[string]int{}
	for i, n := range strings.Fields(names) {
		m[n] = i + 1
	}
	return m
}

func orderRank(order map[string]int, local string) int {
	if r, ok := order[local]; ok {
		return r
	}
	return len(order) + 1
}

// write writes the properties, and sect as the section they end.
func (p ppr) write(x *xb, sect *xnode) {
	if len(p) == 0 && sect == nil {
		return
	}
	items := append(ppr(nil), p...)
	sort.SliceStable(items, func(i, j int) bool {
		return orderRank(pprOrder, items[i].local) < orderRank(pprOrder, items[j].local)
	})
	x.open("w:pPr")
	for _, it := range items {
		x.WriteString(it.xml)
	}
	if sect != nil {
		x.writeCanon(sect)
	}
	x.close("w:pPr")
}

func styleProp(local, id string) string {
	var x xb
	x.empty("w:"+local, "w:val", id)
	return x.String()
}

func numPr(numID, ilvl int) string {
	var x xb
	x.open("w:numPr")
	x.empty("w:ilvl", "w:val", strconv.Itoa(ilvl))
	x.empty("w:numId", "w:val", strconv.Itoa(numID))
	x.close("w:numPr")
	return x.String()
}

// blocks writes a sequence of blocks. In the body, a section break ends
// the section with the paragraph before it, or with an empty paragraph.
func (o *partOut) blocks(bs []doc.Block, c bctx) {
	for i := 0; i < len(bs); i++ {
		b := &bs[i]
		if b.Type == doc.SectionBreak {
			if c.body {
				o.x.open("w:p")
				ppr(nil).write(&o.x, o.pw.nextSection())
				o.x.close("w:p")
			}
			continue
		}
		var sect *xnode
		if c.body && i+1 < len(bs) && bs[i+1].Type == doc.SectionBreak && (b.Type == doc.Paragraph || b.Type == doc.Heading) {
			sect = o.pw.nextSection()
			i++
		}
		if i > 0 && o.sameCodeStyle(&bs[i-1], b) {
			// Consecutive paragraphs in one style for code are read as
			// the lines of one block: an empty paragraph keeps two
			// blocks apart.
			o.x.empty("w:p")
		}
		o.toc = tocEntryOf(bs, i)
		o.block(b, c, sect)
		o.toc = nil
	}
}

// sameCodeStyle reports whether a and b are code blocks written in the
// same paragraph style.
func (o *partOut) sameCodeStyle(a, b *doc.Block) bool {
	if a.Type != doc.CodeBlock || b.Type != doc.CodeBlock || a.Code == nil || b.Code == nil {
		return false
	}
	return o.pw.codeStyle(roleCodeBlock, a.Code.Style) == o.pw.codeStyle(roleCodeBlock, b.Code.Style)
}

func (o *partOut) block(b *doc.Block, c bctx, sect *xnode) {
	if b.Lang != "" && b.Lang != o.pw.d.Lang {
		c.lang = b.Lang
	}
	if !c.box && c.noteI < 0 {
		// The content of a text box is written in the box, with the
		// paragraph that holds it.
		if tb := o.pw.boxOf(b); tb != nil {
			if !o.pw.boxDone[tb] {
				o.holder(tb)
			}
			return
		}
	}
	src := o.pw.src(b.ID)
	switch b.Type {
	case doc.Heading:
		o.heading(b, c, src, sect)
	case doc.Paragraph:
		p := o.paraPPr(c, src)
		if o.toc != nil && (src == nil || c.noteI >= 0) {
			p = o.tocPPr(b.TOC)
		}
		o.para(p, b.Inlines, c, b.ID, sect)
	case doc.Quote:
		c.quote = true
		c.body = false
		o.blocks(b.Blocks, c)
	case doc.ListBlock:
		if b.List != nil {
			o.list(b.List, b.ID, c)
		}
	case doc.TableBlock:
		if b.Table != nil {
			o.table(b.Table, c, src)
		}
	case doc.FigureBlock:
		if b.Figure != nil {
			o.figure(b.Figure, c, src, b.ID)
		}
	case doc.CodeBlock:
		if b.Code != nil {
			// In the template's style for code: one paragraph, its lines
			// separated by line breaks as pandoc writes one, or a
			// paragraph a line where the source had it so.
			p := ppr(nil).set("pStyle", styleProp("pStyle", o.pw.codeStyle(roleCodeBlock, b.Code.Style)))
			c.lang = ""
			lines := []string{b.Code.Text}
			if b.Code.Paragraphs {
				lines = strings.Split(b.Code.Text, "\n")
			}
			id := b.ID
			for _, line := range lines {
				o.para(p, []doc.Inline{{Type: doc.Text, Text: line}}, c, id, sect)
				id = ""
			}
		}
	default:
		c.body = false
		o.blocks(b.Blocks, c)
	}
}

// paraPPr returns the properties of a plain paragraph: the template's own
// when the paragraph comes from it, else the style its place calls for.
func (o *partOut) paraPPr(c bctx, src *srcEntry) ppr {
	pw := o.pw
	if src != nil && c.noteI < 0 {
		return pprFrom(src.ppr)
	}
	var p ppr
	style := ""
	switch {
	case c.quote:
		style = pw.styleFor(roleQuote)
	case c.noteI >= 0:
		if n := pw.t.idx.notePPr[c.noteI]; n != nil {
			return pprFrom(n).without("numPr")
		}
		style = pw.styleFor([]string{roleFootnoteText, roleEndnoteText}[c.noteI])
	default:
		style = pw.t.idx.bodyStyle
	}
	if style != "" {
		p = p.set("pStyle", styleProp("pStyle", style))
	}
	return p
}

func (o *partOut) heading(b *doc.Block, c bctx, src *srcEntry, sect *xnode) {
	pw := o.pw
	pw.planHeadings()
	level := min(max(b.Level, 1), 9)
	var p ppr
	if src != nil && c.noteI < 0 {
		p = pprFrom(src.ppr)
		if n, ok := pw.headNums[b]; ok {
			// Numbers the document changed (translated), numbered by
			// levels that show them.
			p = p.set("numPr", numPr(n[0], n[1]))
		} else if sb := pw.t.srcBlocks[b.ID]; sb != nil && b.Number != sb.Number && b.Number != "" {
			// A number the document changed that follows no pattern is
			// shown as it is, not as the template numbers the heading.
			p = p.set("numPr", numPr(pw.num.heading(level-1, b.Number), level-1))
		}
	} else {
		style := pw.headingStyle(level)
		p = p.set("pStyle", styleProp("pStyle", style))
		ps := pw.st.para(style)
		switch {
		case b.Number == "" && ps.hasNum:
			p = p.set("numPr", numPr(0, 0))
		case b.Number != "" && !ps.hasNum:
			n, ok := pw.headNums[b]
			if !ok {
				n = [2]int{pw.num.heading(level-1, b.Number), level - 1}
			}
			p = p.set("numPr", numPr(n[0], n[1]))
		}
		if ps.heading != level {
			// A style of the template that is not a heading to the
			// reader (an added one always is).
			p = p.set("outlineLvl", styleProp("outlineLvl", strconv.Itoa(level-1)))
		}
	}
	o.para(p, b.Inlines, c, b.ID, sect)
}

// para writes a paragraph: properties, the note's mark when it is the
// note's first paragraph, a bookmark when links point to the block, and
// the inlines.
func (o *partOut) para(p ppr, ins []doc.Inline, c bctx, blockID string, sect *xnode) {
	outer, outerEntry := o.keep, o.entry
	o.keep, o.entry = nil, nil
	toc := o.toc
	o.toc = nil
	if src := o.pw.src(blockID); src != nil && (src.kind == 'p' || src.kind == 'h') && c.noteI < 0 {
		if toc != nil {
			toc.page, toc.pageText = templatePage(src.node)
		}
		o.keep = keepOf(src)
		islands := append(append([]*xnode(nil), o.keep.before...), o.keep.after...)
		for _, tb := range o.keep.boxes {
			if covers(islands, tb) {
				o.pw.boxDone[tb] = true
			} else if !o.pw.boxDone[tb] && !o.pw.boxFlat[tb] {
				// A box this writer cannot place: its text goes into
				// the body, as before the box was known.
				o.pw.boxFlat[tb] = true
				o.pw.report.FlatTextBoxes++
			}
		}
	}
	outerEnd := o.rangeEnd
	o.rangeEnd = ""
	defer func() { o.keep, o.rangeEnd, o.entry = outer, outerEnd, outerEntry }()
	if o.keep != nil {
		o.keep.looks = looksIn(ins)
	}
	o.x.open("w:p")
	p.write(&o.x, sect)
	o.noteMark(c)
	name := o.pw.blockTargets[blockID]
	if name != "" && !o.bookmark(name, true) {
		name = ""
	}
	if k := o.keep; k != nil {
		for _, n := range k.before {
			o.rewrite(n)
		}
	}
	rs := runState{lang: c.lang, noteI: c.noteI}
	if toc != nil && toc.begin {
		o.tocBegin(toc, rs)
	}
	o.entry = toc
	o.inlines(ins, rs)
	o.entry = nil
	o.tocPage(toc, "")
	o.endRange()
	if name != "" {
		o.bookmark(name, false)
	}
	if k := o.keep; k != nil {
		// Fields the translation lost are not lost from the page.
		for _, f := range k.fields {
			if !f.used {
				f.used = true
				for _, n := range f.nodes {
					o.rewrite(n)
				}
			}
		}
		for _, n := range k.after {
			o.rewrite(n)
		}
	}
	if toc != nil && toc.end {
		o.fldChar("end", runState{lang: c.lang, noteI: c.noteI}, false)
	}
	o.lead = ""
	o.x.close("w:p")
}

// noteMark writes the mark a note starts with, in its first paragraph.
func (o *partOut) noteMark(c bctx) {
	n := c.note
	if n == nil || !n.first {
		return
	}
	n.first = false
	o.x.open("w:r")
	o.noteRPr(o.pw.t.idx.noteMark[n.typ], n.typ)
	if n.mark != "" {
		// Word writes a note's own mark as text of its own; the space
		// after it goes with it, so that a reader taking the mark away
		// takes the space too.
		o.x.textElem("w:t", n.mark+" ", "xml:space", "preserve")
	} else {
		o.x.empty([]string{"w:footnoteRef", "w:endnoteRef"}[n.typ])
		if !n.note.Unspaced {
			o.lead = " "
		}
	}
	o.x.close("w:r")
}

// noteRPr writes the run properties of a note mark: the template's, or
// its reference style.
func (o *partOut) noteRPr(n *xnode, typ int) {
	if n != nil && len(n.elems()) > 0 {
		o.x.writeCanon(n)
		return
	}
	o.x.open("w:rPr")
	o.x.empty("w:rStyle", "w:val", o.pw.styleFor([]string{roleFootnoteRef, roleEndnoteRef}[typ]))
	o.x.close("w:rPr")
}

// bookmark starts or ends the bookmark name. A name already started
// (an anchor given twice) is not started again: Word wants bookmark
// names unique. It reports whether it wrote anything.
func (o *partOut) bookmark(name string, start bool) bool {
	pw := o.pw
	if start {
		if _, dup := pw.bookmarkIDs[name]; dup {
			return false
		}
		pw.bookmarkIDs[name] = pw.nextBookmark
		o.x.empty("w:bookmarkStart", "w:id", strconv.Itoa(pw.nextBookmark), "w:name", name)
		pw.nextBookmark++
		return true
	}
	o.x.empty("w:bookmarkEnd", "w:id", strconv.Itoa(pw.bookmarkIDs[name]))
	return true
}

// endRange ends the bookmark left open for a field to show its text.
func (o *partOut) endRange() {
	if o.rangeEnd != "" {
		o.bookmark(o.rangeEnd, false)
		o.rangeEnd = ""
	}
}

// runState is the formatting the inlines being written inherit.
type runState struct {
	marks  uint16
	lang   string
	rStyle string
	link   bool
	noteI  int
	// noteMark is set for a note reference shown as text.
	noteMark bool
	// look is the look of the Styled inlines around the text, or nil.
	look *doc.Style
}

// inlines writes inlines. Display formulas separated only by line breaks
// are written as one m:oMathPara, as the reader reads them.
func (o *partOut) inlines(ins []doc.Inline, rs runState) {
	for i := 0; i < len(ins); i++ {
		in := &ins[i]
		if in.Type == doc.MathInline && in.Math != nil && in.Math.Display {
			group := []*doc.Math{in.Math}
			for i+2 < len(ins) && ins[i+1].Type == doc.LineBreak && ins[i+1].Break == "" && ins[i+2].Type == doc.MathInline &&
				ins[i+2].Math != nil && ins[i+2].Math.Display {
				group = append(group, ins[i+2].Math)
				i += 2
			}
			o.mathPara(group)
			continue
		}
		o.inline(in, rs)
	}
}

var markBits = map[doc.InlineType]uint16{
	doc.Strong: mStrong, doc.Emph: mEmph, doc.Underline: mUnderline, doc.Strike: mStrike,
	doc.SmallCaps: mSmallCaps, doc.Sup: mSup, doc.Sub: mSub,
}

func (o *partOut) inline(in *doc.Inline, rs runState) {
	pw := o.pw
	switch in.Type {
	case doc.Text:
		o.text(in.Text, rs)
	case doc.Code:
		// The character style for code, over a link's own.
		name := ""
		if in.Style != nil {
			name = in.Style.Name
		}
		rs.rStyle = pw.codeStyle(roleCode, name)
		o.text(in.Text, rs)
	case doc.Strong, doc.Emph, doc.Underline, doc.Strike, doc.SmallCaps, doc.Sup, doc.Sub:
		bit := markBits[in.Type]
		if bit == mSup {
			rs.marks &^= mSub
		} else if bit == mSub {
			rs.marks &^= mSup
		}
		rs.marks |= bit
		o.inlines(in.Content, rs)
	case doc.Span:
		if in.Lang != "" {
			rs.lang = in.Lang
		}
		o.inlines(in.Content, rs)
	case doc.Styled:
		rs.look = overLook(in.Style, rs.look)
		o.inlines(in.Content, rs)
	case doc.Link:
		o.link(in, rs)
	case doc.LineBreak:
		o.x.open("w:r")
		o.rPr(rs, "")
		switch in.Break {
		case doc.BreakPage, doc.BreakColumn:
			o.x.empty("w:br", "w:type", in.Break)
		default:
			o.x.empty("w:br")
		}
		o.x.close("w:r")
	case doc.NoteRef:
		o.noteRef(in, rs)
		o.endRange()
	case doc.Field:
		o.field(in, rs)
		if f := fieldWords(in.Instr); len(f) > 0 && strings.EqualFold(f[0], "SEQ") {
			o.endRange()
		}
	case doc.Image:
		// An image without a source has nothing to show, unless the
		// template links it from outside; one whose bytes are missing is
		// reported.
		var d xb
		switch {
		case in.Src == "" && o.keep != nil && len(o.keep.linked) > 0:
			run := o.keep.linked[0]
			o.keep.linked = o.keep.linked[1:]
			if run != nil {
				o.alt = in.Alt
				o.rewrite(run)
				o.alt = ""
			} else {
				pw.missing(imageName(in.Alt))
			}
		case in.Src == "":
		case o.drawing(&d, in.Src, in.Alt):
			o.x.open("w:r")
			o.rPr(runState{lang: rs.lang}, "")
			o.x.Write(d.Bytes())
			o.x.close("w:r")
		default:
			pw.missing(in.Src)
		}
	case doc.MathInline:
		if in.Math != nil {
			o.mathPara([]*doc.Math{in.Math})
		}
	case doc.Anchor:
		if name := pw.anchors[in.ID]; name != "" && o.bookmark(name, true) {
			if pw.refTargets[in.ID] && o.rangeEnd == "" {
				o.rangeEnd = name
			} else {
				o.bookmark(name, false)
			}
		}
	default:
		o.inlines(in.Content, rs)
	}
}

// link writes a hyperlink: to a bookmark for "#id", through a
// relationship otherwise. A link whose target is missing or unsafe keeps
// its text without the link.
func (o *partOut) link(in *doc.Inline, rs runState) {
	pw := o.pw
	if rs.link || !doc.Shows(in.Content) {
		o.inlines(in.Content, rs)
		return
	}
	var attrs []string
	if strings.HasPrefix(in.Href, "#") {
		name := pw.anchors[in.Href[1:]]
		if name == "" {
			name = pw.blockTargets[in.Href[1:]]
		}
		if name == "" {
			pw.report.DroppedLinks = appendOnce(pw.report.DroppedLinks, in.Href)
			o.inlines(in.Content, rs)
			return
		}
		attrs = []string{"w:anchor", name, "w:history", "1"}
	} else {
		href, ok := doc.SafeHref(in.Href)
		if !ok {
			o.inlines(in.Content, rs)
			return
		}
		attrs = []string{"r:id", o.rels.add("hyperlink", href, true), "w:history", "1"}
	}
	o.x.open("w:hyperlink", attrs...)
	rs.link = true
	rs.rStyle = pw.styleFor(roleHyperlink)
	o.inlines(in.Content, rs)
	if o.entry != nil && attrs[0] == "w:anchor" {
		o.tocPage(o.entry, attrs[1])
	}
	o.x.close("w:hyperlink")
}

// noteRef writes a note reference. A note is written where it is first
// referenced; a later reference to it, or one from inside a note (Word
// has no notes in notes), shows its number or mark as superscript text.
func (o *partOut) noteRef(in *doc.Inline, rs runState) {
	pw := o.pw
	n := pw.notes[in.Note]
	if n == nil {
		note := pw.noteByID(in.Note)
		if note == nil {
			return
		}
		if rs.noteI >= 0 {
			return
		}
		n = pw.addNote(note, in.Mark)
		o.x.open("w:r")
		o.noteRPr(pw.t.idx.noteRef[n.typ], n.typ)
		ref := []string{"w:footnoteReference", "w:endnoteReference"}[n.typ]
		if n.mark != "" {
			o.x.empty(ref, "w:customMarkFollows", "1", "w:id", strconv.Itoa(n.id))
			o.x.textElem("w:t", n.mark, "xml:space", "preserve")
		} else {
			o.x.empty(ref, "w:id", strconv.Itoa(n.id))
		}
		o.x.close("w:r")
		return
	}
	label := n.mark
	if label == "" {
		label = strconv.Itoa(n.num)
	}
	rs.marks |= mSup
	rs.marks &^= mSub
	rs.noteMark = true
	o.text(label, rs)
}

// ambiguousWidth are characters Word shows in the Latin font unless told
// they belong to East Asian text: quotation marks, dashes, ellipsis.
func ambiguousWidth(s string) bool {
	for _, r := range s {
		switch r {
		case '‘', '’', '“', '”', '—', '…', '·', '–', '′', '″', '§', '°', '±', '×', '÷':
			return true
		}
	}
	return false
}

// overLook returns the look of a Styled inline inside another whose look
// is outer: its own where it sets one, outer's elsewhere.
func overLook(own, outer *doc.Style) *doc.Style {
	if own == nil || outer == nil {
		if own == nil {
			return outer
		}
		return own
	}
	l := *outer
	for _, f := range [][2]*string{{&l.Name, &own.Name}, {&l.Highlight, &own.Highlight}, {&l.Color, &own.Color}, {&l.Shading, &own.Shading}} {
		if *f[1] != "" {
			*f[0] = *f[1]
		}
	}
	return &l
}

// looksIn returns the run properties the Styled inlines among ins set
// somewhere, by local name (rStyle, highlight, color, shd), or nil.
func looksIn(ins []doc.Inline) map[string]bool {
	var set map[string]bool
	doc.WalkInlines(ins, func(in *doc.Inline) {
		if in.Type != doc.Styled || in.Style == nil {
			return
		}
		if set == nil {
			set = map[string]bool{}
		}
		st := in.Style.Clean()
		set["rStyle"] = set["rStyle"] || st.Name != ""
		set["highlight"] = set["highlight"] || st.Highlight != ""
		set["color"] = set["color"] || st.Color != ""
		set["shd"] = set["shd"] || st.Shading != ""
	})
	return set
}

// rPr writes the run properties for rs; text decides whether a Chinese
// target needs the East Asian font hint.
func (o *partOut) rPr(rs runState, text string) {
	pw := o.pw
	var items ppr
	add := func(local string, attrs ...string) {
		var x xb
		x.empty("w:"+local, attrs...)
		items = append(items, pprItem{local, x.String()})
	}
	var look doc.Style
	if rs.look != nil {
		look = rs.look.Clean()
	}
	switch {
	case rs.rStyle != "":
		add("rStyle", "w:val", rs.rStyle)
	case look.Name != "":
		if id := pw.charStyle(look.Name); id != "" {
			add("rStyle", "w:val", id)
		}
	}
	if look.Color != "" {
		add("color", "w:val", look.Color)
	}
	if look.Highlight != "" {
		add("highlight", "w:val", look.Highlight)
	}
	if look.Shading != "" {
		add("shd", "w:val", "clear", "w:color", "auto", "w:fill", look.Shading)
	}
	lang := rs.lang
	if pw.lang.cjk && ambiguousWidth(text) && (lang == "" || cjkLangs[primary(lang)]) {
		add("rFonts", "w:hint", "eastAsia")
	}
	m := rs.marks
	if m&mStrong != 0 {
		add("b")
	}
	if m&mEmph != 0 {
		add("i")
	}
	if m&mSmallCaps != 0 {
		add("smallCaps")
	}
	if m&mStrike != 0 {
		add("strike")
	}
	if m&mUnderline != 0 {
		add("u", "w:val", "single")
	}
	switch {
	case m&mSup != 0:
		add("vertAlign", "w:val", "superscript")
	case m&mSub != 0:
		add("vertAlign", "w:val", "subscript")
	}
	if lang != "" {
		tag := wordLang(lang)
		if cjkLangs[primary(lang)] {
			add("lang", "w:eastAsia", tag)
		} else {
			add("lang", "w:val", tag)
		}
	}
	if o.keep != nil && !rs.link && !rs.noteMark {
		// What the template's runs with the same marks carry and the
		// model does not say (highlight, colour, a character style).
		for _, it := range o.keep.carry[m] {
			switch {
			case rs.rStyle != "" && it.local == "rStyle":
			case o.keep.looks[it.local]:
				// The paragraph's Styled inlines say where it goes.
			default:
				items = append(items, it)
			}
		}
	}
	if len(items) == 0 {
		return
	}
	sort.SliceStable(items, func(i, j int) bool {
		return orderRank(rprOrder, items[i].local) < orderRank(rprOrder, items[j].local)
	})
	o.x.open("w:rPr")
	for _, it := range items {
		o.x.WriteString(it.xml)
	}
	o.x.close("w:rPr")
}

// text writes text as a run, with tabs, line breaks and Word's special
// hyphens as the elements Word uses for them.
func (o *partOut) text(s string, rs runState) {
	s = cleanText(s)
	if s == "" {
		return
	}
	if o.lead != "" {
		if r, _ := utf8.DecodeRuneInString(s); !unicode.IsSpace(r) {
			s = o.lead + s
		}
		o.lead = ""
	}
	o.x.open("w:r")
	o.rPr(rs, s)
	start := 0
	flush := func(end int) {
		if end > start {
			o.x.textElem("w:t", s[start:end], "xml:space", "preserve")
		}
	}
	for i, r := range s {
		var el string
		switch r {
		case '\t':
			el = "w:tab"
			if k := o.keep; k != nil && len(k.tabs) > 0 {
				// A tab positioned by the margins stays one.
				pt := k.tabs[0]
				k.tabs = k.tabs[1:]
				if pt != nil {
					flush(i)
					o.x.writeCanon(pt)
					start = i + 1
					continue
				}
			}
		case '\n':
			el = "w:br"
		case '\u2011':
			el = "w:noBreakHyphen"
		case '\u00AD':
			el = "w:softHyphen"
		case '\r':
		default:
			continue
		}
		flush(i)
		if el != "" {
			o.x.empty(el)
		}
		start = i + len(string(r))
	}
	flush(len(s))
	o.x.close("w:r")
}

// formula returns a formula as an m:oMath or m:oMathPara element: its
// Office Math as the source had it, or else its TeX (or the text of its
// MathML) as the formula's text. Nil when it has none of them.
func (o *partOut) formula(m *doc.Math) *xnode {
	if m.OMML != "" {
		if n, err := parseXML([]byte(m.OMML), "formula", o.pw.t.lim.MaxDepth); err == nil && n.space == nsMath &&
			(n.local == "oMath" || n.local == "oMathPara") {
			return n
		}
	}
	text := m.TeX
	if text == "" && m.MathML != "" {
		if n, err := parseXML([]byte(m.MathML), "formula", o.pw.t.lim.MaxDepth); err == nil {
			text = strings.Join(strings.Fields(n.textContent()), " ")
		}
	}
	if text == "" {
		return nil
	}
	r := &xnode{space: nsMath, local: "r", kids: []*xnode{{space: nsMath, local: "t", kids: []*xnode{{text: text}}}}}
	return &xnode{space: nsMath, local: "oMath", kids: []*xnode{r}}
}

// mathPara writes formulas: one in the running text as m:oMath, display
// formulas as the lines of one m:oMathPara.
func (o *partOut) mathPara(ms []*doc.Math) {
	var lines []*xnode
	for _, m := range ms {
		n := o.formula(m)
		switch {
		case n == nil:
		case n.local == "oMathPara":
			for _, k := range n.elems() {
				if k.is(nsMath, "oMath") {
					lines = append(lines, k)
				}
			}
		default:
			lines = append(lines, n)
		}
	}
	if len(lines) == 0 {
		return
	}
	if !ms[0].Display {
		for _, n := range lines {
			o.x.writeCanon(n)
		}
		return
	}
	o.x.open("m:oMathPara")
	for _, n := range lines {
		o.x.writeCanon(n)
	}
	o.x.close("m:oMathPara")
}

// list writes a list. A list that comes from the template keeps its
// numbering definition (numId); another gets one of its own.
func (o *partOut) list(l *doc.List, id string, c bctx) {
	pw := o.pw
	ref, numID, ilvl := o.listNumbering(l, c)
	var itemNums []int
	relabelled := false
	if ref != nil && c.noteI < 0 {
		pw.planLists()
	}
	if ids, ok := pw.listNums[l]; ok && ref != nil && len(ids) == len(l.Items) {
		// A list of a definition the document relabelled (planLists).
		itemNums, relabelled = ids, true
	} else if ref != nil && pw.labelsChanged(l, id) {
		// The template's numbering would show the source's labels.
		format, restyled := "", ""
		if lvl := pw.t.nb.level(numID, ilvl); lvl != nil {
			format = numFmtIn(lvl.format, pw.numberLang())
		}
		if sb := pw.t.srcBlocks[id]; l.Ordered && sb != nil && sb.List != nil && sb.List.Style != l.Style && wordFormats[l.Style] != "" {
			// The document numbers the list in another style than the
			// source (第一条 for Статья 1.).
			format = wordFormats[l.Style]
			restyled = format
		}
		if itemNums = pw.num.relabel(l, numID, ilvl, format, restyled); itemNums == nil {
			ref = nil
		} else {
			relabelled = true
		}
	}
	if ref == nil {
		// Word has nine levels; deeper lists stay on the last.
		ilvl = min(c.depth, 8)
		itemNums = pw.num.list(l, ilvl)
	}
	inner := c
	inner.body = false
	inner.depth = c.depth + 1
	for k, it := range l.Items {
		if itemNums != nil {
			numID = itemNums[k]
		}
		numbered := false
		for bi := range it.Blocks {
			b := &it.Blocks[bi]
			if b.Type == doc.ListBlock && b.List != nil {
				o.list(b.List, b.ID, inner)
				continue
			}
			if b.Type != doc.Paragraph || numbered {
				// A further paragraph of the item: indented, not numbered.
				if b.Type == doc.Paragraph {
					bc := c
					bc.body = false
					src := pw.src(b.ID)
					p := o.paraPPr(bc, src).without("numPr")
					if src == nil {
						p = p.set("ind", indent(ilvl))
					}
					o.para(p, b.Inlines, bc, b.ID, nil)
				} else {
					bc := c
					bc.body = false
					o.block(b, bc, nil)
				}
				continue
			}
			numbered = true
			bc := c
			bc.body = false
			if b.Lang != "" && b.Lang != pw.d.Lang {
				bc.lang = b.Lang
			}
			src := pw.src(b.ID)
			var p ppr
			switch {
			case src != nil && c.noteI < 0 && pw.hasNumbering(src.ppr):
				p = pprFrom(src.ppr)
				if relabelled {
					p = p.set("numPr", numPr(numID, ilvl))
				}
			case ref != nil:
				p = pprFrom(ref).set("numPr", numPr(numID, ilvl))
			default:
				p = o.paraPPr(bctx{noteI: c.noteI, quote: c.quote}, nil)
				if s := pw.styleFor(roleListPara); s != "" {
					p = p.set("pStyle", styleProp("pStyle", s))
				}
				p = p.set("numPr", numPr(numID, ilvl))
			}
			o.para(p, b.Inlines, bc, b.ID, nil)
		}
	}
}

// labelsChanged reports whether the items of a list of the template have
// labels other than the template's own list (a translation of them).
func (pw *pkgWriter) labelsChanged(l *doc.List, id string) bool {
	sb := pw.t.srcBlocks[id]
	if sb == nil || sb.List == nil {
		return false
	}
	if len(sb.List.Items) != len(l.Items) {
		return true
	}
	for k := range l.Items {
		if l.Items[k].Label != sb.List.Items[k].Label {
			return true
		}
	}
	return false
}

// indent is the indentation of an unnumbered paragraph inside a list item
// at level ilvl, lined up with the items' text.
func indent(ilvl int) string {
	var x xb
	x.empty("w:ind", "w:left", strconv.Itoa(720*(ilvl+1)))
	return x.String()
}

// listNumbering finds the template paragraph properties a list's items
// take their numbering from (see templateList); none in notes.
func (o *partOut) listNumbering(l *doc.List, c bctx) (ref *xnode, numID, ilvl int) {
	if c.noteI >= 0 {
		return nil, 0, 0
	}
	return o.pw.templateList(l)
}

// hasNumbering reports whether paragraph properties number the paragraph,
// directly or through its style.
func (pw *pkgWriter) hasNumbering(n *xnode) bool {
	id, _ := pw.numberingOf(n)
	return id != 0
}

// numberingOf returns the numbering (numId and level) paragraph
// properties give, directly or through their style; a heading's, which the
// heading planner numbers, is none.
func (pw *pkgWriter) numberingOf(n *xnode) (numID, ilvl int) {
	return pw.paraNumbering(n, false)
}

// paraNumbering returns the numbering (numId and level) paragraph
// properties give, directly or through their style; with headings unset,
// a heading style's is none.
func (pw *pkgWriter) paraNumbering(n *xnode, headings bool) (numID, ilvl int) {
	if n == nil {
		return 0, 0
	}
	style := ""
	if ps := n.child(nsW, "pStyle"); ps != nil {
		style = ps.attr("val")
	}
	st := pw.st.para(style)
	if st.heading > 0 && !headings {
		return 0, 0
	}
	numID, ilvl = st.numID, st.ilvl
	if !st.hasNum {
		numID = 0
	}
	if np := n.child(nsW, "numPr"); np != nil {
		if e := np.child(nsW, "numId"); e != nil {
			numID, _ = strconv.Atoi(e.attr("val"))
		}
		if e := np.child(nsW, "ilvl"); e != nil {
			ilvl, _ = strconv.Atoi(e.attr("val"))
		}
	}
	return numID, min(max(ilvl, 0), 8)
}

// table writes a table: the template's table properties and grid when the
// table comes from it, merged cells as gridSpan and vMerge.
func (o *partOut) table(t *doc.Table, c bctx, src *srcEntry) {
	pw := o.pw
	type origin struct{ span, rowsLeft int }
	// Lay the cells out on the grid to find its width and the places
	// covered by cells merged from above.
	width := 0
	{
		covered := map[int]origin{}
		for _, r := range t.Rows {
			col := 0
			next := map[int]origin{}
			place := func() {
				for {
					o, ok := covered[col]
					if !ok {
						return
					}
					if o.rowsLeft > 1 {
						next[col] = origin{o.span, o.rowsLeft - 1}
					}
					col += o.span
				}
			}
			for ci := range r.Cells {
				cell := &r.Cells[ci]
				place()
				span, rows := cellSpans(cell)
				if rows > 1 {
					next[col] = origin{span, rows - 1}
				}
				col += span
			}
			place()
			width = max(width, col)
			covered = next
		}
	}
	if width == 0 {
		return
	}
	width = min(width, maxColumns*maxColumns)
	var grid []int
	if src != nil && src.tblGrid != nil {
		for _, g := range src.tblGrid.elems() {
			if g.isW("gridCol") {
				w, _ := strconv.Atoi(g.attr("w"))
				grid = append(grid, w)
			}
		}
	}
	if len(grid) != width {
		grid = make([]int, width)
		for i := range grid {
			grid[i] = pw.textWidth / width
		}
	}
	o.x.open("w:tbl")
	switch {
	case src != nil && src.tblPr != nil:
		o.x.writeCanon(src.tblPr)
	case pw.t.idx.firstTable != nil && pw.t.idx.firstTable.tblPr != nil:
		o.x.writeCanon(pw.t.idx.firstTable.tblPr)
	default:
		o.x.open("w:tblPr")
		if s := pw.styleFor(roleTable); s != "" {
			o.x.empty("w:tblStyle", "w:val", s)
		}
		o.x.empty("w:tblW", "w:w", "5000", "w:type", "pct")
		o.x.empty("w:tblLook", "w:val", "04A0", "w:firstRow", "1", "w:lastRow", "0", "w:firstColumn", "1", "w:lastColumn", "0", "w:noHBand", "0", "w:noVBand", "1")
		o.x.close("w:tblPr")
	}
	o.x.open("w:tblGrid")
	for _, w := range grid {
		o.x.empty("w:gridCol", "w:w", strconv.Itoa(w))
	}
	o.x.close("w:tblGrid")
	cellWidth := func(col, span int) int {
		w := 0
		for i := col; i < col+span && i < len(grid); i++ {
			w += grid[i]
		}
		return w
	}
	covered := map[int]origin{}
	inner := c
	inner.body = false
	inner.quote = false
	for _, r := range t.Rows {
		o.x.open("w:tr")
		if r.Header {
			o.x.open("w:trPr")
			o.x.empty("w:tblHeader")
			o.x.close("w:trPr")
		}
		col := 0
		next := map[int]origin{}
		place := func() {
			for {
				or, ok := covered[col]
				if !ok {
					return
				}
				if or.rowsLeft > 1 {
					next[col] = origin{or.span, or.rowsLeft - 1}
				}
				o.x.open("w:tc")
				o.x.open("w:tcPr")
				o.x.empty("w:tcW", "w:w", strconv.Itoa(cellWidth(col, or.span)), "w:type", "dxa")
				if or.span > 1 {
					o.x.empty("w:gridSpan", "w:val", strconv.Itoa(or.span))
				}
				o.x.empty("w:vMerge")
				o.x.close("w:tcPr")
				o.x.WriteString("<w:p/>")
				o.x.close("w:tc")
				col += or.span
			}
		}
		for ci := range r.Cells {
			cell := &r.Cells[ci]
			place()
			span, rows := cellSpans(cell)
			o.x.open("w:tc")
			o.x.open("w:tcPr")
			o.x.empty("w:tcW", "w:w", strconv.Itoa(cellWidth(col, span)), "w:type", "dxa")
			if span > 1 {
				o.x.empty("w:gridSpan", "w:val", strconv.Itoa(span))
			}
			if rows > 1 {
				o.x.empty("w:vMerge", "w:val", "restart")
				next[col] = origin{span, rows - 1}
			}
			o.x.close("w:tcPr")
			o.blocks(cell.Blocks, inner)
			if n := len(cell.Blocks); n == 0 || !endsWithParagraph(&cell.Blocks[n-1]) {
				o.x.WriteString("<w:p/>")
			}
			o.x.close("w:tc")
			col += span
		}
		place()
		covered = next
		o.x.close("w:tr")
	}
	o.x.close("w:tbl")
}

// maxColumns is the most columns a Word table has.
const maxColumns = 63

// cellSpans returns the columns and rows a cell spans, within what Word
// can lay out.
func cellSpans(c *doc.Cell) (cols, rows int) {
	return min(max(c.ColSpan, 1), maxColumns), min(max(c.RowSpan, 1), 10000)
}

// endsWithParagraph reports whether what b writes ends with a paragraph, as
// the last thing in a table cell must.
func endsWithParagraph(b *doc.Block) bool {
	switch b.Type {
	case doc.Heading, doc.Paragraph, doc.FigureBlock, doc.CodeBlock:
		return true
	case doc.Quote:
		return len(b.Blocks) > 0 && endsWithParagraph(&b.Blocks[len(b.Blocks)-1])
	case doc.ListBlock:
		if b.List == nil || len(b.List.Items) == 0 {
			return false
		}
		it := b.List.Items[len(b.List.Items)-1]
		return len(it.Blocks) > 0 && endsWithParagraph(&it.Blocks[len(it.Blocks)-1])
	}
	return false
}

// figure writes an image in a paragraph of its own and its caption in a
// caption paragraph after it, or before it (kept with it on its page) for
// a caption above.
func (o *partOut) figure(f *doc.Figure, c bctx, src *srcEntry, id string) {
	pw := o.pw
	var p ppr
	if src != nil && c.noteI < 0 {
		p = pprFrom(src.ppr)
	} else {
		p = o.paraPPr(c, nil)
		if len(f.Caption) > 0 && !f.CaptionAbove {
			p = p.set("keepNext", "<w:keepNext/>")
		}
		p = p.set("jc", styleProp("jc", "center"))
	}
	caption := func(above bool) {
		if len(f.Caption) == 0 || above != f.CaptionAbove {
			return
		}
		var cp ppr
		if t := o.templateCaption(src, above, c); t != nil {
			cp = pprFrom(t.ppr)
		} else {
			cp = cp.set("pStyle", styleProp("pStyle", pw.styleFor(roleCaption)))
		}
		if above {
			cp = cp.set("keepNext", "<w:keepNext/>")
		}
		o.para(cp, f.Caption, c, id, nil)
	}
	// An image the document has no bytes for keeps its place: linked
	// from outside as the template links it, or an empty paragraph. Its
	// description is not text of the document and is not shown as text.
	var d xb
	var linked *xnode
	switch {
	case f.Src != "" && o.drawing(&d, f.Src, f.Alt):
	case f.Src == "" && src != nil && src.kind == 'i' && (src.external != "" || src.unread) && src.image != nil && c.noteI < 0:
		linked = src.image
	default:
		if f.Src != "" {
			pw.missing(f.Src)
		} else {
			pw.missing(imageName(f.Alt))
		}
	}
	if d.Len() == 0 && linked == nil && len(f.Caption) > 0 {
		// The caption keeps the figure's place.
		var cp ppr
		cp = cp.set("pStyle", styleProp("pStyle", pw.styleFor(roleCaption)))
		o.para(cp, f.Caption, c, id, nil)
		return
	}
	caption(true)
	o.x.open("w:p")
	p.write(&o.x, nil)
	o.noteMark(c)
	if d.Len() > 0 {
		o.x.open("w:r")
		o.x.Write(d.Bytes())
		o.x.close("w:r")
	}
	if linked != nil {
		o.alt = f.Alt
		o.rewrite(linked)
		o.alt = ""
	}
	o.x.close("w:p")
	caption(false)
}

// templateCaption returns the template's paragraph next to the image
// paragraph src (before it for a caption above) when it is in a style of
// captions, so that a caption written over the original keeps its own
// paragraph properties (LibreOffice's "Figure Caption", a Russian
// "Название объекта"), or nil.
func (o *partOut) templateCaption(src *srcEntry, above bool, c bctx) *srcEntry {
	if src == nil || c.noteI >= 0 {
		return nil
	}
	entries := o.pw.t.idx.entries
	if src.box != nil {
		entries = src.box.entries
	}
	for i, e := range entries {
		if e != src {
			continue
		}
		j := i + 1
		if above {
			j = i - 1
		}
		if j < 0 || j >= len(entries) || entries[j].kind != 'p' {
			return nil
		}
		style := ""
		if ps := entries[j].ppr; ps != nil && ps.child(nsW, "pStyle") != nil {
			ps = ps.child(nsW, "pStyle")
			style = ps.attr("val")
		}
		if st := o.pw.t.st.para(style); st.caption || st.figure || holdsSeq(entries[j].node) {
			return entries[j]
		}
		return nil
	}
	return nil
}

// holdsSeq reports whether a template's paragraph holds a SEQ field, as a
// caption numbered in a style not meant for captions does.
func holdsSeq(n *xnode) bool {
	if n == nil {
		return false
	}
	if n.isW("instrText") || n.isW("fldSimple") {
		instr := n.textContent()
		if n.isW("fldSimple") {
			instr = n.attr("instr")
		}
		if f := fieldWords(instr); len(f) > 0 && strings.EqualFold(f[0], "SEQ") {
			return true
		}
	}
	for _, k := range n.kids {
		if holdsSeq(k) {
			return true
		}
	}
	return false
}

// drawing writes an inline picture of the image src (a media name or a
// reference the Media option resolves) and reports whether it could.
func (o *partOut) drawing(x *xb, src, alt string) bool {
	pw := o.pw
	part, name := pw.mediaPart(src)
	blip := "r:embed"
	var rid string
	var cx, cy int64
	switch {
	case part != "":
		rid = o.rels.add("image", relTarget(o.dir, part), false)
		cx, cy = pw.imageSize(name, part)
	case webURL(src):
		// An image on the web stays there: Word and LibreOffice show it
		// from its address.
		blip, rid = "r:link", o.rels.add("image", src, true)
		cx, cy = pw.imageSize("", "")
	default:
		return false
	}
	pw.nextDocPr++
	id := strconv.Itoa(pw.nextDocPr)
	ext := []string{"cx", strconv.FormatInt(cx, 10), "cy", strconv.FormatInt(cy, 10)}
	x.open("w:drawing")
	x.open("wp:inline", "distT", "0", "distB", "0", "distL", "0", "distR", "0")
	x.empty("wp:extent", ext...)
	x.empty("wp:effectExtent", "l", "0", "t", "0", "r", "0", "b", "0")
	x.empty("wp:docPr", "id", id, "name", "Picture "+id, "descr", alt)
	x.open("wp:cNvGraphicFramePr")
	x.empty("a:graphicFrameLocks", "noChangeAspect", "1")
	x.close("wp:cNvGraphicFramePr")
	x.open("a:graphic")
	x.open("a:graphicData", "uri", nsPicture)
	x.open("pic:pic")
	x.open("pic:nvPicPr")
	x.empty("pic:cNvPr", "id", id, "name", path.Base(part), "descr", alt)
	x.empty("pic:cNvPicPr")
	x.close("pic:nvPicPr")
	x.open("pic:blipFill")
	x.empty("a:blip", blip, rid)
	x.open("a:stretch")
	x.empty("a:fillRect")
	x.close("a:stretch")
	x.close("pic:blipFill")
	x.open("pic:spPr")
	x.open("a:xfrm")
	x.empty("a:off", "x", "0", "y", "0")
	x.empty("a:ext", ext...)
	x.close("a:xfrm")
	x.open("a:prstGeom", "prst", "rect")
	x.empty("a:avLst")
	x.close("a:prstGeom")
	x.close("pic:spPr")
	x.close("pic:pic")
	x.close("a:graphicData")
	x.close("a:graphic")
	x.close("wp:inline")
	x.close("w:drawing")
	return true
}

// webURL reports whether src is the address of an image on the web.
func webURL(src string) bool {
	u, ok := doc.SafeHref(src)
	lower := strings.ToLower(u)
	return ok && (strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://"))
}

// mediaPart returns the part holding image src, and its media name: the
// template's own part when it holds the same bytes, else a new part with
// the bytes from the document or from the Media option.
func (pw *pkgWriter) mediaPart(src string) (part, name string) {
	if p, ok := pw.mediaParts[src]; ok {
		return p, src
	}
	if p, ok := pw.resolved[src]; ok {
		return p, pw.resolvedName[src]
	}
	var data []byte
	name = src
	if m := pw.d.MediaByName(src); m != nil && len(m.Data) > 0 {
		data = m.Data
	} else if pw.opt.Media != nil {
		// A file from outside the document is checked as the readers
		// check images: bytes that are no image are not written, an
		// SVG is cleaned.
		b, err := pw.opt.Media(src)
		var m doc.Media
		if err == nil && int64(len(b)) <= pw.t.lim.MaxImage {
			m, err = doc.ImageMedia(b, mediaTypes[strings.ToLower(path.Ext(src))], len(b))
		}
		if err != nil || len(b) == 0 || int64(len(b)) > pw.t.lim.MaxImage {
			pw.resolved[src] = ""
			return "", ""
		}
		data, name = m.Data, m.Name
	} else {
		pw.resolved[src] = ""
		return "", ""
	}
	if p, ok := pw.mediaParts[name]; ok {
		pw.resolved[src], pw.resolvedName[src] = p, name
		return p, name
	}
	if !safeMediaName(name) {
		sum := sha256.Sum256(data)
		name = hex.EncodeToString(sum[:8]) + extFor(http.DetectContentType(data))
	}
	part = pw.freePart("word/media/" + name)
	pw.newMedia = append(pw.newMedia, zipFile{part, data})
	pw.mediaParts[name] = part
	pw.resolved[src], pw.resolvedName[src] = part, name
	return part, name
}

// safeMediaName reports whether a media name can be used as a part name
// as it is.
func safeMediaName(name string) bool {
	if name == "" || len(name) > 64 || mediaTypes[strings.ToLower(path.Ext(name))] == "" {
		return false
	}
	for _, r := range name {
		if !(r == '.' || r == '-' || r == '_' || r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r))) {
			return false
		}
	}
	return true
}

func extFor(mime string) string {
	for ext, t := range mediaTypes {
		if t == mime && ext != ".jpeg" && ext != ".tif" {
			return ext
		}
	}
	return ".bin"
}

// imageSize returns the size (EMU) an image is shown at: as in the
// template, or its own size at 96 dots per inch, shrunk to the text width.
func (pw *pkgWriter) imageSize(name, part string) (cx, cy int64) {
	if e, ok := pw.t.idx.extents[name]; ok {
		return e[0], e[1]
	}
	var data []byte
	for _, f := range pw.newMedia {
		if f.name == part {
			data = f.data
		}
	}
	if data == nil && pw.t.has(part) {
		data, _ = pw.t.data(part)
	}
	const emuPerPx = 9525
	cx, cy = 1828800, 1371600 // 2 × 1.5 inches when the size cannot be read
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil && cfg.Width > 0 && cfg.Height > 0 {
		cx, cy = int64(cfg.Width)*emuPerPx, int64(cfg.Height)*emuPerPx
	}
	if maxW := int64(pw.textWidth) * 635; maxW > 0 && cx > maxW {
		cy = cy * maxW / cx
		cx = maxW
	}
	return cx, cy
}
