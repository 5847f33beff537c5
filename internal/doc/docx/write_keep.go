package docx

import (
	"strings"

	"github.com/tandemforum/tandem/internal/doc"
)

// What a paragraph written over its template paragraph keeps of it beyond
// its properties: the things in it the document model does not hold. In
// the body, that is its text boxes, written back with their content
// translated. In headers and footers, whose text is all the model holds of
// them, it is everything but the text: fields (page numbers, dates),
// images, shapes and positioned tabs. Each keeps its place before or
// after the text; fields go where the translation puts their codes.

// keptField is a field of a template paragraph: its runs and its
// instruction.
type keptField struct {
	instr string
	nodes []*xnode
	used  bool
}

// paraKeep is what the paragraph being written keeps of its template
// paragraph.
type paraKeep struct {
	before, after []*xnode
	fields        []*keptField
	// tabs are the template's tabs in the text, in order: a w:ptab
	// (positioned by the margins) or nil for an ordinary w:tab.
	tabs []*xnode
	// linked are the runs of images linked from outside the package (nil
	// for one whose part is missing), for the text's images without
	// bytes, in order.
	linked []*xnode
	// carry gives the run properties carried over, by marks; looks are
	// those of them (rStyle, highlight, color, shd) that the paragraph's
	// Styled inlines set, which then say where they go: they are not
	// carried.
	carry map[uint16]ppr
	looks map[string]bool
	boxes []*textBox
}

// keepOf works out what a paragraph written over the template paragraph
// of src keeps of it.
func keepOf(src *srcEntry) *paraKeep {
	k := &paraKeep{carry: src.runs, linked: src.linked, boxes: src.boxes}
	if src.node == nil {
		return k
	}
	seenText := false
	place := func(n *xnode) {
		if seenText {
			k.after = append(k.after, n)
		} else {
			k.before = append(k.before, n)
		}
	}
	var field *keptField
	depth := 0
	for _, n := range src.node.kids {
		if n.local == "" || n.isW("pPr") {
			continue
		}
		if field != nil {
			field.nodes = append(field.nodes, n)
			depth += fieldDepth(n, field)
			if depth <= 0 {
				field = nil
			}
			continue
		}
		switch {
		case !src.furniture:
			if len(src.boxes) > 0 {
				boxRuns(n, func(r *xnode) { place(r) }, &seenText)
			}
		case n.isW("r") && n.child(nsW, "fldChar") != nil:
			field = &keptField{nodes: []*xnode{n}}
			k.fields = append(k.fields, field)
			depth = fieldDepth(n, field)
			if depth <= 0 {
				field = nil
			}
		case n.isW("r") && n.child(nsW, "pgNum") != nil:
			k.fields = append(k.fields, &keptField{instr: "PAGE", nodes: []*xnode{n}})
		case n.isW("fldSimple") && fieldTarget(n.attr("instr")) == "":
			k.fields = append(k.fields, &keptField{instr: strings.TrimSpace(n.attr("instr")), nodes: []*xnode{n}})
		case n.isW("r"):
			for _, c := range n.elems() {
				switch {
				case c.isW("tab"):
					k.tabs = append(k.tabs, nil)
				case c.isW("ptab"):
					k.tabs = append(k.tabs, c)
				case c.isW("drawing") || c.isW("pict") || c.isW("object") || c.is(nsMC, "AlternateContent"):
					place(&xnode{space: n.space, local: n.local, prefix: n.prefix, attrs: n.attrs, kids: []*xnode{c}})
				}
			}
			if showsText(n) {
				seenText = true
			}
		case n.is(nsMC, "AlternateContent"):
			place(n)
		}
	}
	for _, f := range k.fields {
		f.instr = normInstr(f.instr)
	}
	return k
}

// boxRuns calls fn for each run inside n (a paragraph's child) that holds
// a text box, in order, and sets seenText once a run shows text. Deleted
// content and the older forms of shapes are passed over, as the reader
// passes them over.
func boxRuns(n *xnode, fn func(r *xnode), seenText *bool) {
	switch {
	case n.isW("r"):
		if findElem(n, "txbxContent") != nil {
			fn(n)
		}
		if showsText(n) {
			*seenText = true
		}
	case n.isW("del"), n.isW("moveFrom"), n.is(nsMC, "Fallback"), n.isW("pPr"):
	default:
		for _, k := range n.elems() {
			boxRuns(k, fn, seenText)
		}
	}
}

// covers reports whether the runs hold the content of tb.
func covers(runs []*xnode, tb *textBox) bool {
	var in func(n *xnode) bool
	in = func(n *xnode) bool {
		if n == tb.content {
			return true
		}
		for _, k := range n.kids {
			if in(k) {
				return true
			}
		}
		return false
	}
	for _, r := range runs {
		if in(r) {
			return true
		}
	}
	return false
}

// fieldDepth returns how many fields a run of a complex field opens less
// how many it closes, adding its instruction text to f.
func fieldDepth(r *xnode, f *keptField) int {
	d := 0
	for _, c := range r.elems() {
		switch {
		case c.isW("fldChar"):
			switch c.attr("fldCharType") {
			case "begin":
				d++
			case "end":
				d--
			}
		case c.isW("instrText"):
			f.instr += c.textContent()
		}
	}
	return d
}

// normInstr returns a field instruction with its spaces made single, to
// compare instructions.
func normInstr(s string) string { return strings.Join(strings.Fields(s), " ") }

// takeField returns the runs of the template's first field not yet
// written whose instruction is instr, or nil.
func (k *paraKeep) takeField(instr string) []*xnode {
	if k == nil {
		return nil
	}
	instr = normInstr(instr)
	for _, f := range k.fields {
		if !f.used && f.instr == instr {
			f.used = true
			return f.nodes
		}
	}
	return nil
}

// field writes a field inline: the template's own field with the same
// instruction (in headers and footers), or a field of its own.
func (o *partOut) field(in *doc.Inline, rs runState) {
	if nodes := o.keep.takeField(in.Instr); nodes != nil {
		for _, n := range nodes {
			o.rewrite(n)
		}
		return
	}
	if strings.TrimSpace(in.Instr) == "" {
		o.text(in.Text, rs)
		return
	}
	o.fldChar("begin", rs, true)
	o.instr(" "+o.pw.renameBookmark(strings.TrimSpace(in.Instr))+" ", rs)
	o.fldChar("separate", rs, false)
	o.text(in.Text, rs)
	o.fldChar("end", rs, false)
}

// fldChar writes a run holding a field character of the given type. The
// beginning of a field is marked dirty, so that Word works its value out
// again when it opens the file (the page numbers of the translation, the
// text a cross-reference points at), showing the last value until then.
func (o *partOut) fldChar(typ string, rs runState, dirty bool) {
	o.x.open("w:r")
	o.rPr(rs, "")
	if dirty {
		o.x.empty("w:fldChar", "w:fldCharType", typ, "w:dirty", "true")
	} else {
		o.x.empty("w:fldChar", "w:fldCharType", typ)
	}
	o.x.close("w:r")
}

// instr writes a field's instruction as it came: runs of instruction
// text, and the fields nested in it (written in braces, "IF { REF x } =
// 1 …") as fields of their own, without a result, for Word to work out.
func (o *partOut) instr(s string, rs runState) {
	write := func(t string) {
		if t = cleanText(t); t != "" {
			o.x.open("w:r")
			o.rPr(rs, "")
			o.x.textElem("w:instrText", t, "xml:space", "preserve")
			o.x.close("w:r")
		}
	}
	start, depth, open := 0, 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			if depth == 0 {
				open = i
			}
			depth++
		case '}':
			if depth == 0 {
				continue // a character of the instruction
			}
			if depth--; depth == 0 {
				write(s[start:open])
				o.fldChar("begin", rs, false)
				o.instr(s[open+1:i], rs)
				o.fldChar("end", rs, false)
				start = i + 1
			}
		}
	}
	// What is left, with an unmatched brace, is text of the instruction.
	write(s[start:])
}

// renameBookmark returns a field instruction with the bookmark it refers
// to (REF, PAGEREF or NOTEREF name) renamed as the package written names
// the anchor, when the two differ.
func (pw *pkgWriter) renameBookmark(instr string) string {
	f := fieldWords(instr)
	if len(f) < 2 {
		return instr
	}
	switch strings.ToUpper(f[0]) {
	case "REF", "PAGEREF", "NOTEREF":
	default:
		return instr
	}
	name, ok := pw.anchors[f[1]]
	if !ok || name == f[1] || strings.ContainsAny(f[1], `\"`) {
		return instr
	}
	j := strings.Index(instr, f[0]) + len(f[0])
	i := j + strings.Index(instr[j:], f[1])
	return instr[:i] + name + instr[i+len(f[1]):]
}

// rewrite writes a node of the template: a paragraph that the document
// has a block for is written from the block (its text translated), other
// content as it is, with its relationships carried into the part being
// written. Bookmarks and comment marks of the template are left out (the
// document's anchors are written from the model; comments are not
// written), and so are the older forms of shapes (mc:Fallback), which
// would keep the text untranslated.
func (o *partOut) rewrite(n *xnode) {
	pw := o.pw
	if n.local == "" {
		o.x.escape(n.text, false)
		return
	}
	switch {
	case n.is(nsMC, "Fallback"), n.isW("bookmarkStart"), n.isW("bookmarkEnd"), n.isW("commentRangeStart"),
		n.isW("commentRangeEnd"), n.isW("commentReference"), n.isW("proofErr"), n.isW("sectPr") && !o.furniture:
		return
	case n.isW("r") && n.child(nsW, "commentReference") != nil:
		return
	}
	if e := pw.t.idx.byNode[n]; e != nil && e.block != "" && n.isW("p") {
		if b := pw.blocks[e.block]; b != nil && (b.Type == doc.Paragraph || b.Type == doc.Heading) {
			o.block(b, bctx{noteI: -1, box: true}, nil)
			return
		}
	}
	prefix, ok := canonPrefix[n.space]
	if !ok || prefix == "xml" {
		return
	}
	name := prefix + ":" + n.local
	o.x.WriteByte('<')
	o.x.WriteString(name)
	for _, a := range n.attrs {
		if a.space == "xmlns" || (a.space == nsMC && a.local == "Ignorable") {
			continue
		}
		an := a.local
		if a.space != "" {
			p, ok := canonPrefix[a.space]
			if !ok {
				continue
			}
			an = p + ":" + a.local
		}
		v := a.value
		if a.space == nsRel {
			v = o.relCopy(v)
		}
		if o.alt != "" && a.space == "" && a.local == "descr" && (n.local == "docPr" || n.local == "cNvPr") {
			v = o.alt
		}
		o.x.WriteByte(' ')
		o.x.WriteString(an)
		o.x.WriteString(`="`)
		o.x.escape(v, true)
		o.x.WriteByte('"')
	}
	if len(n.kids) == 0 {
		o.x.WriteString("/>")
		return
	}
	o.x.WriteByte('>')
	for _, k := range n.kids {
		o.rewrite(k)
	}
	o.x.close(name)
}

// relCopy returns the id, in the part being written, of the template's
// relationship id of the part the copied content comes from.
func (o *partOut) relCopy(id string) string {
	for _, r := range o.srcRels {
		if r.id != id {
			continue
		}
		for _, k := range o.rels.list {
			if k.id == id && k.target == r.target && k.typ == r.typ {
				return id
			}
		}
		if r.external {
			return o.rels.add(r.kind(), r.target, true)
		}
		return o.rels.add(r.kind(), relTarget(o.dir, r.part), false)
	}
	return id
}

// boxOf returns the template's text box a block of the document comes
// from, or nil: for a list or quotation, the box of its first block.
func (pw *pkgWriter) boxOf(b *doc.Block) *textBox {
	switch {
	case b.Type == doc.ListBlock && b.List != nil:
		if len(b.List.Items) > 0 && len(b.List.Items[0].Blocks) > 0 {
			return pw.boxOf(&b.List.Items[0].Blocks[0])
		}
	case b.Type == doc.Quote:
		if len(b.Blocks) > 0 {
			return pw.boxOf(&b.Blocks[0])
		}
	default:
		if src := pw.src(b.ID); src != nil && !pw.boxFlat[src.box] {
			return src.box
		}
	}
	return nil
}

// holder writes the template paragraph that holds a text box, when its
// text was not written with the box (it has none, or the document's block
// for it is not the template's): its properties and the runs of its boxes,
// with the boxes' content translated. Its text, if any, is the document's
// to write.
func (o *partOut) holder(tb *textBox) {
	pw := o.pw
	e := pw.t.idx.byNode[tb.holder]
	for _, b := range e.boxes {
		pw.boxDone[b] = true
	}
	pw.boxDone[tb] = true
	o.x.open("w:p")
	pprFrom(e.ppr).write(&o.x, nil)
	seen := false
	for _, k := range tb.holder.kids {
		boxRuns(k, o.rewrite, &seen)
	}
	o.x.close("w:p")
}

// imageName names an image without bytes in reports: by its description.
func imageName(alt string) string {
	if alt = strings.TrimSpace(alt); alt != "" {
		return "«" + alt + "»"
	}
	return "an image without a description"
}
