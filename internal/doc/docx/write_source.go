package docx

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/tandemforum/tandem/internal/doc"
)

// srcEntry is a paragraph, image or table of the template's body, with
// what a written block that stands for it takes over.
type srcEntry struct {
	kind byte   // 'p' paragraph, 'h' heading, 'i' image alone in a paragraph, 't' table
	sig  string // its letters and digits (for images "img:" and the media name)
	ppr  *xnode // the paragraph's w:pPr, as the template wrote it
	math bool   // the paragraph holds a formula
	// tblPr and tblGrid of a table.
	tblPr, tblGrid *xnode
	// node is the paragraph (w:p) or table (w:tbl) itself.
	node *xnode
	// block is the identifier of the template's block it was matched
	// with, or "".
	block string
	// runs are the run properties the model has no word for (highlight,
	// colour, shading, character style, size), by the marks of the runs
	// that carry them, where every text run with those marks carries the
	// same; see carriedRunProps.
	runs map[uint16]ppr
	// box is the text box the paragraph or table is in, or nil; boxes
	// are the text boxes a paragraph holds.
	box   *textBox
	boxes []*textBox
	// image is the run of an image the document cannot show from its own
	// bytes: linked from outside the package (external is its URL), whose
	// part is missing, or whose part is not an image (unread), which is
	// written back as the template has it.
	image    *xnode
	external string
	unread   bool
	// linked are the runs of the images of a paragraph with text that
	// the package does not hold or the reader does not read, in order:
	// linked from outside or not an image, or nil for one whose part is
	// missing.
	linked []*xnode
	// furniture is set for paragraphs of headers and footers.
	furniture bool
}

// textBox is a text box (w:txbxContent in a DrawingML or VML shape) of the
// template's body: the paragraph that holds it and the entries of its
// content.
type textBox struct {
	holder  *xnode // the w:p whose run holds the shape
	content *xnode // its w:txbxContent
	entries []*srcEntry
}

// sourceIndex is what a written document takes over from the template's
// body and notes beyond the parts it copies.
type sourceIndex struct {
	entries []*srcEntry
	// byBlock gives the entry of each block of the template's content that
	// could be matched, by block identifier.
	byBlock map[string]*srcEntry
	// sections are the section properties that end sections inside the
	// body, in order; bodySect those of the last section.
	sections []*xnode
	bodySect *xnode
	// extents gives the size (EMU) an image was shown at, by media name.
	extents map[string][2]int64
	// bodyStyle is the paragraph style most plain paragraphs use.
	bodyStyle string
	// firstTable holds the properties of the first table, for tables that
	// do not come from the template.
	firstTable *srcEntry
	// Per note type (0 footnotes, 1 endnotes): the run properties of the
	// first reference in the body, of the note's own mark, the paragraph
	// properties of a note's first paragraph, the separator entries, and
	// the first id free for notes.
	noteRef, noteMark, notePPr [2]*xnode
	separators                 [2][]*xnode
	firstNoteID                [2]int
	// byNode gives the entry of a paragraph or table of the body, of a
	// text box or of a header or footer.
	byNode map[*xnode]*srcEntry
	// furniture are the header and footer parts, by the name the model
	// gives them, as doc.Document.Headers lists them; furnitureRoot their
	// root elements as scanned.
	furniture     []furniturePart
	furnitureRoot map[string]*xnode
	// flatBoxes counts the text boxes of the body that are not in a
	// shape a writer can write back.
	flatBoxes int
}

// Namespaces of the shapes that hold text boxes.
const (
	nsWPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
	nsVML = "urn:schemas-microsoft-com:vml"
)

// scan reads the template's body and notes into t.idx and matches the
// template's blocks with its paragraphs and tables.
func (t *Template) scan() error {
	ix := &sourceIndex{byBlock: map[string]*srcEntry{}, extents: map[string][2]int64{},
		byNode: map[*xnode]*srcEntry{}, furnitureRoot: map[string]*xnode{}}
	t.idx = ix
	data, err := t.data(t.main)
	if err != nil {
		return err
	}
	tok, err := newXtok(data, t.main, t.lim.MaxDepth)
	if err != nil {
		return err
	}
	root, err := tok.root()
	if err != nil {
		return err
	}
	if root.space == nsWStrict {
		return fmt.Errorf("%w: the file is saved as Strict Open XML, which tandem cannot take as a template; save it as a Word Document (.docx)", ErrNotDOCX)
	}
	s := &scanner{t: t, ix: ix, styleUse: map[string]int{}}
	for {
		n, end, err := tok.next()
		if err == io.EOF || end {
			break
		}
		if err != nil {
			return err
		}
		if n.local == "" {
			continue
		}
		if !n.isW("body") {
			if err := tok.skip(); err != nil {
				return err
			}
			continue
		}
		for {
			c, end, err := tok.next()
			if err != nil {
				return err
			}
			if end {
				break
			}
			if c.local == "" {
				continue
			}
			if err := tok.subtree(c); err != nil {
				return err
			}
			if c.isW("sectPr") {
				ix.bodySect = c
				continue
			}
			if err := s.block(c, false); err != nil {
				return err
			}
		}
	}
	best := ""
	for st, n := range s.styleUse {
		if n > s.styleUse[best] || (n == s.styleUse[best] && st < best) {
			best = st
		}
	}
	if best != t.st.defaultPara {
		ix.bodyStyle = best
	}
	for i, typ := range []string{"footnotes", "endnotes"} {
		if err := s.notes(i, typ); err != nil {
			return err
		}
	}
	s.match(t.src.Blocks, ix.entries)
	return s.furniture()
}

// furniture scans the headers and footers the document's sections use and
// matches their paragraphs with the blocks the reader made of them.
func (s *scanner) furniture() error {
	t := s.t
	rels, err := t.p.relsOf(t.main)
	if err != nil {
		return err
	}
	parts, err := t.p.furniture(t.main, rels)
	if err != nil {
		return err
	}
	for _, f := range parts {
		f.part = t.name(f.part)
		root, err := t.xmlPart(f.part)
		if errors.Is(err, ErrMalformed) {
			// The reader left it out; it is copied as it is.
			continue
		}
		if err != nil {
			return err
		}
		if !root.isW("hdr") && !root.isW("ftr") {
			continue
		}
		fs := &scanner{t: t, ix: &sourceIndex{byBlock: s.ix.byBlock, byNode: s.ix.byNode, extents: map[string][2]int64{}},
			styleUse: map[string]int{}, furn: true}
		if fs.rels, err = t.rels(f.part); err != nil {
			return err
		}
		for _, k := range root.elems() {
			if err := fs.block(k, false); err != nil {
				return err
			}
		}
		for _, h := range t.src.Headers {
			if h.Name == f.name {
				fs.match(h.Blocks, fs.ix.entries)
			}
		}
		s.ix.furniture = append(s.ix.furniture, f)
		s.ix.furnitureRoot[f.name] = root
	}
	return nil
}

type scanner struct {
	t        *Template
	ix       *sourceIndex
	styleUse map[string]int
	// furn is set while headers and footers are scanned: their fields
	// are not text. rels are then the relationships of their part.
	furn bool
	rels []relEntry
	// fields are the complex fields open in the paragraph being scanned:
	// true once their result has begun.
	fields []bool
	// boxes collects the text boxes of the paragraph being scanned.
	boxes []*xnode
	// runs collects, for the paragraph being scanned, the carried
	// properties of its text runs by their marks; mixed marks those whose
	// runs differ.
	runs  map[uint16]ppr
	mixed map[uint16]bool
	// run is the run being scanned.
	run *xnode
	// open are the complex fields open in the body, across paragraphs:
	// true for a table of contents or of figures, whose result is the
	// entries.
	open []bool
}

// tocOpen reports whether a table of contents' field is open in the body.
func (s *scanner) tocOpen() bool {
	for _, toc := range s.open {
		if toc {
			return true
		}
	}
	return false
}

// tocFields follows the complex fields a paragraph begins and ends, so
// that the scanner knows, as the reader does, which paragraphs are the
// entries of a table of contents.
func (s *scanner) tocFields(n *xnode) {
	var instr strings.Builder
	inInstr := false
	var walk func(n *xnode)
	walk = func(n *xnode) {
		for _, c := range n.elems() {
			switch {
			case c.isW("fldChar"):
				switch c.attr("fldCharType") {
				case "begin":
					s.open = append(s.open, false)
					instr.Reset()
					inInstr = true
				case "separate":
					if k := len(s.open); k > 0 && inInstr {
						s.open[k-1] = tocField(instr.String())
					}
					inInstr = false
				case "end":
					if k := len(s.open); k > 0 {
						s.open = s.open[:k-1]
					}
					inInstr = false
				}
			case c.isW("instrText"):
				if inInstr {
					instr.WriteString(c.textContent())
				}
			case c.isW("del") || c.isW("moveFrom") || c.isW("pPr") || c.is(nsMC, "Fallback") || c.isW("txbxContent"):
			default:
				walk(c)
			}
		}
	}
	walk(n)
}

// partRels returns the relationships of the part being scanned.
func (s *scanner) partRels() []relEntry {
	if s.furn {
		return s.rels
	}
	return s.t.mainRels
}

// block indexes one block-level element of the body or of a cell.
func (s *scanner) block(n *xnode, inTbl bool) error {
	switch {
	case n.isW("p"):
		return s.para(n, inTbl)
	case n.isW("tbl"):
		return s.table(n)
	case n.isW("sdt"):
		if c := n.child(nsW, "sdtContent"); c != nil {
			return s.blocks(c, inTbl)
		}
	case n.isW("customXml"), n.isW("ins"), n.isW("moveTo"), n.isW("smartTag"):
		return s.blocks(n, inTbl)
	case n.is(nsMC, "AlternateContent"):
		if c := n.child(nsMC, "Choice"); c != nil {
			return s.blocks(c, inTbl)
		}
	}
	return nil
}

func (s *scanner) blocks(n *xnode, inTbl bool) error {
	for _, k := range n.elems() {
		if err := s.block(k, inTbl); err != nil {
			return err
		}
	}
	return nil
}

// imageRef is an image a paragraph shows: its media name, or for an image
// the package does not hold (linked from outside, or whose part is
// missing) or whose part the reader does not read as an image, its
// description, its URL and the run that shows it.
type imageRef struct {
	name     string
	alt      string
	external string
	run      *xnode
	unread   bool // in the package, but its bytes are not an image
}

func (s *scanner) para(n *xnode, inTbl bool) error {
	e := &srcEntry{kind: 'p', ppr: n.child(nsW, "pPr"), node: n, furniture: s.furn}
	s.ix.byNode[n] = e
	style := ""
	if e.ppr != nil {
		if sp := e.ppr.child(nsW, "sectPr"); sp != nil && !s.furn {
			s.ix.sections = append(s.ix.sections, sp)
		}
		if ps := e.ppr.child(nsW, "pStyle"); ps != nil {
			style = ps.attr("val")
		}
	}
	var sig strings.Builder
	var images []imageRef
	outerBoxes, outerRuns, outerMixed, outerFields := s.boxes, s.runs, s.mixed, s.fields
	s.boxes, s.runs, s.mixed, s.fields = nil, map[uint16]ppr{}, map[uint16]bool{}, nil
	err := s.content(n, &sig, &images, e, "", nil)
	boxes, runs, mixed := s.boxes, s.runs, s.mixed
	s.boxes, s.runs, s.mixed, s.fields = outerBoxes, outerRuns, outerMixed, outerFields
	if err != nil {
		return err
	}
	e.sig = sig.String()
	inTOC := s.tocOpen()
	s.tocFields(n)
	if ps := s.t.st.para(style); ps.toc || inTOC || s.tocOpen() || templatePageRef(n) != "" {
		// The reader leaves an entry's page number out of its text.
		if pg, _ := templatePage(n); sigOf(pg) != "" {
			e.sig = strings.TrimSuffix(e.sig, sigOf(pg))
		}
	}
	for m, props := range runs {
		if !mixed[m] && len(props) > 0 {
			if e.runs == nil {
				e.runs = map[uint16]ppr{}
			}
			e.runs[m] = props
		}
	}
	switch {
	case e.sig == "" && len(images) > 0:
		for _, im := range images {
			ie := &srcEntry{kind: 'i', sig: "img:" + im.name, ppr: e.ppr, node: n, furniture: s.furn}
			if im.name == "" {
				// Found by its description, the only thing the reader
				// keeps of it.
				ie.sig, ie.image, ie.external, ie.unread = "imgalt:"+sigOf(im.alt), im.run, im.external, im.unread
			}
			s.ix.entries = append(s.ix.entries, ie)
		}
	case e.sig != "" || e.math:
		for _, im := range images {
			switch {
			case im.name != "":
			case im.external != "" || im.unread:
				e.linked = append(e.linked, im.run)
			default:
				e.linked = append(e.linked, nil)
			}
		}
		s.ix.entries = append(s.ix.entries, e)
		ps := s.t.st.para(style)
		level := ps.heading
		if e.ppr != nil {
			if o := e.ppr.child(nsW, "outlineLvl"); o != nil {
				if n, err := strconv.Atoi(o.attr("val")); err == nil {
					level = 0
					if n >= 0 && n <= 8 {
						level = n + 1
					}
				}
			}
		}
		if level > 0 {
			e.kind = 'h'
		}
		hasNum := ps.hasNum
		if e.ppr != nil && e.ppr.child(nsW, "numPr") != nil {
			hasNum = true
		}
		if !inTbl && !s.furn && e.sig != "" && ps.heading == 0 && !ps.quote && !ps.caption && !hasNum {
			if style == "" {
				style = s.t.st.defaultPara
			}
			s.styleUse[style]++
		}
	}
	// The content of text boxes comes after the paragraph, as the reader
	// reads it.
	for _, c := range boxes {
		tb := &textBox{holder: n, content: c}
		e.boxes = append(e.boxes, tb)
		start := len(s.ix.entries)
		if err := s.blocks(c, inTbl); err != nil {
			return err
		}
		for _, be := range s.ix.entries[start:] {
			if be.box == nil {
				be.box = tb
				tb.entries = append(tb.entries, be)
			}
		}
	}
	return nil
}

// carriedProps are the run properties a translated run takes over from
// the template's runs with the same marks: what the document model has no
// word for and that does not depend on the script of the text. Fonts are
// left out (a Latin font does not suit Chinese; symbol fonts are read as
// Unicode), and so are the marks and the language, which the model says.
var carriedProps = map[string]bool{
	"rStyle": true, "caps": true, "dstrike": true, "outline": true, "shadow": true, "emboss": true,
	"imprint": true, "color": true, "spacing": true, "w": true, "kern": true, "position": true,
	"sz": true, "szCs": true, "highlight": true, "effect": true, "bdr": true, "shd": true, "em": true,
}

// textRun records the carried properties of a run that shows text, by
// the marks the reader gives the run.
func (s *scanner) textRun(rpr *xnode) {
	var props runPr
	var items ppr
	if rpr != nil {
		for _, k := range rpr.elems() {
			if !k.isW(k.local) {
				continue
			}
			switch k.local {
			case "rStyle":
				props.style = k.attr("val")
			case "b":
				props.rpr.mark(mStrong, onOffNode(k))
			case "i":
				props.rpr.mark(mEmph, onOffNode(k))
			case "u":
				props.rpr.mark(mUnderline, k.attr("val") != "none" && k.attr("val") != "0")
			case "strike", "dstrike":
				props.rpr.mark(mStrike, onOffNode(k))
			case "smallCaps":
				props.rpr.mark(mSmallCaps, onOffNode(k))
			case "vertAlign":
				props.rpr.mark(mSup, k.attr("val") == "superscript")
				props.rpr.mark(mSub, k.attr("val") == "subscript")
			}
			if carriedProps[k.local] {
				if k.local == "rStyle" && symbolFont(s.t.st.char(k.attr("val")).font) != nil {
					continue
				}
				items = append(items, pprItem{k.local, canon(k)})
			}
		}
	}
	r := props.rpr.under(s.t.st.char(props.style))
	m := r.val & r.set & (mStrong | mEmph | mUnderline | mStrike | mSmallCaps | mSup | mSub)
	key := func(p ppr) string {
		var b strings.Builder
		for _, it := range p {
			b.WriteString(it.xml)
		}
		return b.String()
	}
	if old, ok := s.runs[m]; ok && key(old) != key(items) {
		s.mixed[m] = true
	}
	s.runs[m] = items
}

// content collects the letters and digits a reader sees in a paragraph,
// the images it shows, the properties of its note references and text
// runs, and its text boxes. link is the hyperlink the content is in.
func (s *scanner) content(n *xnode, sig *strings.Builder, images *[]imageRef, e *srcEntry, font string, link *xnode) error {
	for _, k := range n.kids {
		if k.local == "" {
			continue
		}
		switch {
		case k.space == nsMath && (k.local == "oMath" || k.local == "oMathPara"):
			e.math = true
		case k.space == nsMC && k.local == "AlternateContent":
			if c := k.child(nsMC, "Choice"); c != nil {
				if err := s.content(c, sig, images, e, font, link); err != nil {
					return err
				}
			}
		case k.space != nsW:
		case k.local == "t":
			if s.inFieldCode() {
				continue
			}
			text := k.textContent()
			if t := symbolFont(font); t != nil {
				text, _ = mapSymbols(t, text)
			}
			sig.WriteString(sigOf(text))
		case k.local == "sym":
			if s.inFieldCode() {
				continue
			}
			if text, ok := symbolChar(k.attr("font"), k.attr("char")); ok {
				sig.WriteString(sigOf(text))
			}
		case k.local == "fldChar":
			switch k.attr("fldCharType") {
			case "begin":
				s.fields = append(s.fields, false)
			case "separate":
				if n := len(s.fields); n > 0 {
					s.fields[n-1] = true
				}
			case "end":
				if n := len(s.fields); n > 0 {
					s.fields = s.fields[:n-1]
				}
			}
		case k.local == "fldSimple" && s.furn && fieldTarget(k.attr("instr")) == "":
			// Its result is a field inline, not text.
		case k.local == "r":
			runFont := ""
			rpr := k.child(nsW, "rPr")
			if rpr != nil {
				if f := rpr.child(nsW, "rFonts"); f != nil {
					if runFont = f.attr("ascii"); runFont == "" {
						runFont = f.attr("hAnsi")
					}
				}
				if hidden(rpr) {
					continue
				}
				for i, ref := range []string{"footnoteReference", "endnoteReference"} {
					if k.child(nsW, ref) != nil && s.ix.noteRef[i] == nil {
						s.ix.noteRef[i] = rpr
					}
				}
			}
			if link == nil && !s.inFieldCode() && showsText(k) {
				s.textRun(rpr)
			}
			outer := s.run
			s.run = k
			err := s.content(k, sig, images, e, runFont, link)
			s.run = outer
			if err != nil {
				return err
			}
		case k.local == "drawing" || k.local == "pict" || k.local == "object":
			if err := s.drawing(k, images, s.run); err != nil {
				return err
			}
		case k.local == "pPr" || k.local == "rPr" || k.local == "del" || k.local == "moveFrom" ||
			k.local == "delText" || k.local == "instrText" || k.local == "rt" || k.local == "sdtPr":
		case k.local == "hyperlink":
			if err := s.content(k, sig, images, e, font, k); err != nil {
				return err
			}
		default:
			if err := s.content(k, sig, images, e, font, link); err != nil {
				return err
			}
		}
	}
	return nil
}

// inFieldCode reports whether content read now is a field's instruction,
// or (in headers and footers) a field's result, which the reader reads as
// a field inline.
func (s *scanner) inFieldCode() bool {
	for _, result := range s.fields {
		if !result || s.furn {
			return true
		}
	}
	return false
}

// showsText reports whether a run shows text with letters or digits.
func showsText(r *xnode) bool {
	for _, k := range r.elems() {
		if k.isW("t") && strings.TrimSpace(k.textContent()) != "" {
			return true
		}
	}
	return false
}

// hidden reports whether run properties hide the run's text, as the
// reader takes them to (w:vanish, w:webHidden).
func hidden(rpr *xnode) bool {
	for _, name := range []string{"vanish", "webHidden"} {
		if v := rpr.child(nsW, name); v != nil && onOffNode(v) {
			return true
		}
	}
	return false
}

func onOffNode(n *xnode) bool {
	switch n.attr("val") {
	case "0", "false", "off", "none":
		return false
	}
	return true
}

// drawing records the images of a drawing held by run, the size the first
// one is shown at, and its text boxes.
func (s *scanner) drawing(n *xnode, images *[]imageRef, run *xnode) error {
	var ext [2]int64
	alt := ""
	if d := findElem(n, "docPr"); d != nil {
		if alt = d.attr("descr"); alt == "" {
			alt = d.attr("title")
		}
	}
	var walk func(n *xnode) error
	walk = func(n *xnode) error {
		for _, k := range n.elems() {
			switch {
			case k.is(nsWP, "extent") && ext[0] == 0:
				ext[0], _ = strconv.ParseInt(k.attr("cx"), 10, 64)
				ext[1], _ = strconv.ParseInt(k.attr("cy"), 10, 64)
			case k.local == "blip" || k.local == "imagedata":
				id := ""
				for _, a := range k.attrs {
					if a.space == nsRel && (a.local == "embed" || a.local == "id" || (a.local == "link" && id == "")) {
						id = a.value
					}
				}
				if k.local == "imagedata" && alt == "" {
					alt = k.attr("title")
				}
				if id == "" {
					continue
				}
				if part := s.t.relPart(s.partRels(), id); part != "" {
					name, err := s.t.mediaName(part)
					if err != nil {
						return err
					}
					if name == "" {
						// Not read as an image: found by its description
						// and written as the template has it.
						*images = append(*images, imageRef{alt: alt, run: run, unread: true})
						continue
					}
					*images = append(*images, imageRef{name: name})
					if _, ok := s.ix.extents[name]; !ok && ext[0] > 0 && ext[1] > 0 {
						s.ix.extents[name] = ext
					}
					continue
				}
				for _, r := range s.partRels() {
					if r.id == id {
						im := imageRef{alt: alt, run: run}
						if r.external {
							im.external = r.target
						}
						*images = append(*images, im)
					}
				}
			case k.isW("txbxContent"):
				// The content of a shape's text box; any other is
				// written as paragraphs of the body.
				if n.is(nsWPS, "txbx") || n.is(nsVML, "textbox") {
					s.boxes = append(s.boxes, k)
				} else if !s.furn {
					s.ix.flatBoxes++
				}
			case k.is(nsMC, "Fallback"):
			default:
				if err := walk(k); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return walk(n)
}

// findElem returns the first element called local inside n, depth first.
func findElem(n *xnode, local string) *xnode {
	for _, k := range n.elems() {
		if k.local == local {
			return k
		}
		if f := findElem(k, local); f != nil {
			return f
		}
	}
	return nil
}

// relPart returns the part an internal relationship points to, when the
// template has it.
func (t *Template) relPart(rels []relEntry, id string) string {
	if id == "" {
		return ""
	}
	for _, r := range rels {
		if r.id == id && !r.external && t.has(r.part) {
			return t.name(r.part)
		}
	}
	return ""
}

func (s *scanner) table(n *xnode) error {
	e := &srcEntry{kind: 't', tblPr: n.child(nsW, "tblPr"), tblGrid: n.child(nsW, "tblGrid")}
	s.ix.entries = append(s.ix.entries, e)
	if s.ix.firstTable == nil {
		s.ix.firstTable = e
	}
	start := len(s.ix.entries)
	var rows func(n *xnode) error
	rows = func(n *xnode) error {
		for _, r := range n.elems() {
			switch {
			case r.isW("tr"):
				if pr := r.child(nsW, "trPr"); pr != nil && pr.child(nsW, "del") != nil {
					continue
				}
				for _, c := range r.elems() {
					if c.isW("tc") {
						if err := s.blocks(c, true); err != nil {
							return err
						}
					}
				}
			case r.isW("sdt"):
				if c := r.child(nsW, "sdtContent"); c != nil {
					if err := rows(c); err != nil {
						return err
					}
				}
			case r.isW("customXml"), r.isW("ins"), r.isW("moveTo"):
				if err := rows(r); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := rows(n); err != nil {
		return err
	}
	var sig strings.Builder
	for _, c := range s.ix.entries[start:] {
		if c.kind == 'p' || c.kind == 'h' {
			sig.WriteString(c.sig)
		}
	}
	e.sig = sig.String()
	return nil
}

// notes indexes a notes part: its separators, the first id free for
// notes, and the formatting of a note's mark and first paragraph.
func (s *scanner) notes(i int, typ string) error {
	s.ix.firstNoteID[i] = 1
	part := s.t.target(s.t.mainRels, typ)
	if part == "" {
		return nil
	}
	root, err := s.t.xmlPart(part)
	if err != nil {
		return err
	}
	elem := strings.TrimSuffix(typ, "s")
	maxID := 0
	for _, n := range root.elems() {
		if !n.isW(elem) {
			continue
		}
		switch n.attr("type") {
		case "separator", "continuationSeparator", "continuationNotice":
			s.ix.separators[i] = append(s.ix.separators[i], n)
			if id, err := strconv.Atoi(n.attr("id")); err == nil && id > maxID {
				maxID = id
			}
			continue
		}
		if s.ix.notePPr[i] != nil {
			continue
		}
		if p := n.child(nsW, "p"); p != nil {
			s.ix.notePPr[i] = p.child(nsW, "pPr")
			if s.ix.notePPr[i] == nil {
				s.ix.notePPr[i] = &xnode{space: nsW, local: "pPr"}
			}
			for _, r := range p.elems() {
				if r.isW("r") && r.child(nsW, elem+"Ref") != nil {
					s.ix.noteMark[i] = r.child(nsW, "rPr")
					break
				}
			}
		}
	}
	s.ix.firstNoteID[i] = maxID + 1
	return nil
}

// sigOf returns the letters and digits of s in lower case (the reader
// writes text in w:caps in capitals).
func sigOf(s string) string {
	var b strings.Builder
	for _, c := range s {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			b.WriteRune(unicode.ToLower(c))
		}
	}
	return b.String()
}

// sigInlines returns the letters and digits of the text of inlines,
// leaving out formulas, as the template's signatures do.
func sigInlines(ins []doc.Inline) string {
	var b strings.Builder
	doc.WalkInlines(ins, func(in *doc.Inline) {
		if in.Type == doc.Text || in.Type == doc.Code {
			b.WriteString(sigOf(in.Text))
		}
	})
	return b.String()
}

// sigTable returns the signature of the paragraphs and headings in a
// table, nested tables included.
func sigTable(t *doc.Table) string {
	var b strings.Builder
	blocks := []doc.Block{{Type: doc.TableBlock, Table: t}}
	walkAll(blocks, func(bl *doc.Block) {
		if bl.Type == doc.Paragraph || bl.Type == doc.Heading {
			b.WriteString(sigInlines(bl.Inlines))
		}
	})
	return b.String()
}

// walkAll calls fn for every block in bs and inside them, outer first.
func walkAll(bs []doc.Block, fn func(b *doc.Block)) {
	d := doc.Document{Blocks: bs}
	d.Walk(fn)
}

type srcBlock struct {
	id   string
	kind byte
	sig  string
}

// match pairs the template's blocks (as the reader read them) with the
// paragraphs and tables of its body: first the ones whose text is the
// same, in order, then, between two pairs, the remaining ones of a kind
// when both sides have as many.
func (s *scanner) match(src []doc.Block, entries []*srcEntry) {
	var blocks []srcBlock
	var walk func(bs []doc.Block)
	walk = func(bs []doc.Block) {
		for i := range bs {
			b := &bs[i]
			switch b.Type {
			case doc.Heading, doc.Paragraph:
				kind := byte('p')
				if b.Type == doc.Heading {
					kind = 'h'
				}
				sig := sigInlines(b.Inlines)
				if sig != "" || hasMath(b.Inlines) {
					blocks = append(blocks, srcBlock{b.ID, kind, sig})
				}
			case doc.FigureBlock:
				if b.Figure != nil && b.Figure.Src != "" {
					blocks = append(blocks, srcBlock{b.ID, 'i', "img:" + b.Figure.Src})
				} else if b.Figure != nil {
					blocks = append(blocks, srcBlock{b.ID, 'i', "imgalt:" + sigOf(b.Figure.Alt)})
				}
			case doc.TableBlock:
				blocks = append(blocks, srcBlock{b.ID, 't', sigTable(b.Table)})
			}
			b.EachChildList(walk)
		}
	}
	walk(src)
	pairs := [][2]int{{-1, -1}}
	for _, p := range alignSigs(blocks, entries) {
		b := blocks[p[0]]
		s.ix.byBlock[b.id] = entries[p[1]]
		entries[p[1]].block = b.id
		pairs = append(pairs, p)
	}
	pairs = append(pairs, [2]int{len(blocks), len(entries)})
	for p := 1; p < len(pairs); p++ {
		bi, bj := pairs[p-1][0]+1, pairs[p][0]
		ei, ej := pairs[p-1][1]+1, pairs[p][1]
		for _, kind := range []byte{'p', 'h', 'i', 't'} {
			var bs []int
			var es []int
			for i := bi; i < bj; i++ {
				if blocks[i].kind == kind {
					bs = append(bs, i)
				}
			}
			for k := ei; k < ej; k++ {
				if entries[k].kind == kind {
					es = append(es, k)
				}
			}
			if len(bs) == len(es) {
				for n := range bs {
					s.ix.byBlock[blocks[bs[n]].id] = entries[es[n]]
					entries[es[n]].block = blocks[bs[n]].id
				}
			}
		}
	}
}

// alignSigs pairs blocks with entries of the same kind and signature, in
// order, as indexes into both. Where the two disagree, it takes the
// nearest pair after the last one, counting the blocks and entries passed
// over on both sides, so that a block whose text is found again further on
// (a table of figures' entry has the text of its caption) does not pull
// the blocks after it away from their own paragraphs.
func alignSigs(blocks []srcBlock, entries []*srcEntry) [][2]int {
	const window = 64
	same := func(i, k int) bool {
		return blocks[i].sig != "" && entries[k].kind == blocks[i].kind && entries[k].sig == blocks[i].sig
	}
	var pairs [][2]int
	i, j := 0, 0
	for i < len(blocks) && j < len(entries) {
		if blocks[i].sig == "" {
			i++
			continue
		}
		found := false
		for d := 0; d <= 2*window && !found; d++ {
			for a := 0; a <= d; a++ {
				bi, ek := i+a, j+d-a
				if a > window || d-a > window || bi >= len(blocks) || ek >= len(entries) {
					continue
				}
				if same(bi, ek) {
					pairs = append(pairs, [2]int{bi, ek})
					i, j, found = bi+1, ek+1, true
					break
				}
			}
		}
		if !found {
			i++
		}
	}
	return pairs
}

func hasMath(ins []doc.Inline) bool {
	found := false
	doc.WalkInlines(ins, func(in *doc.Inline) {
		if in.Type == doc.MathInline {
			found = true
		}
	})
	return found
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
