package docx

import (
	"encoding/xml"
	"errors"
	"fmt"
	"github.com/tandemforum/tandem/internal/i18n"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/tandemforum/tandem/internal/doc"
)

var errNoMain = fmt.Errorf("%w: no main document part (word/document.xml)", ErrNotDOCX)

// reader turns the parts of one package into a document.
type reader struct {
	p    *pkg
	st   *styles
	nb   *numbering
	rels map[string]rel // of the part being read
	d    *doc.Document

	notes    map[string]doc.Note
	noteUsed map[string]bool
	comments []doc.Comment
	anchors  map[string][]string // temporary block ID → comment IDs
	fields   []*field
	carry    []atom // content of a paragraph whose mark was deleted
	// missing counts, per symbol font, the characters that have no Unicode
	// equivalent; missingOrder lists the fonts as first met.
	missing      map[string]int
	missingOrder []string
	// anchors waits for the next paragraph: bookmarks between paragraphs
	// or in a paragraph without text.
	pendingAnchors []atom
	// afterEmpty is set when the last paragraph read showed nothing: it
	// keeps the code on either side of it apart.
	afterEmpty bool
	// marks are the notes referenced with a mark of their own (note key →
	// mark), whose text begins with that mark.
	marks map[string]string
	// title is the text of the first Title-styled paragraph.
	title string
	// langs caches language tags checked with lang.ParseTag ("" for a bad
	// one).
	langs map[string]string
	// ruby counts phonetic guides left out.
	ruby int
	// hidden counts content kept in other parts that is not read, by kind.
	hidden map[string]int
	// badParts are the image parts already warned of as not images.
	badParts map[string]bool
	// furniture is set while headers and footers are read.
	furniture bool
	// inTOC is set while a paragraph of a table of contents is read.
	inTOC bool
	// tocInstr is the instruction of the TOC field whose result the
	// paragraph being read is in (or starts), or "".
	tocInstr string
	// inNotes is set while footnotes and endnotes are read.
	inNotes bool
}

// tocPageRef reports whether a field is the page number of an entry of a
// table of contents: a PAGEREF to one of the _Toc bookmarks Word puts on
// the headings it lists.
func tocPageRef(instr string) bool {
	f := fieldWords(instr)
	return len(f) > 1 && strings.EqualFold(f[0], "PAGEREF") && strings.HasPrefix(f[1], "_Toc")
}

// tocField reports whether a field is a table of contents (or of figures:
// TOC \c), whose result is the entries.
func tocField(instr string) bool {
	f := fieldWords(instr)
	return len(f) > 0 && strings.EqualFold(f[0], "TOC")
}

func (p *pkg) read() (*doc.Document, error) {
	main, err := p.mainPart()
	if err != nil {
		return nil, err
	}
	rels, err := p.relsOf(main)
	if err != nil {
		return nil, err
	}
	parts := map[string]string{}
	for _, rl := range rels {
		if !rl.external {
			parts[rl.typ] = rl.target
		}
	}
	r := &reader{p: p, d: &doc.Document{Version: doc.Version, Blocks: []doc.Block{}}, hidden: map[string]int{},
		notes: map[string]doc.Note{}, noteUsed: map[string]bool{}, anchors: map[string][]string{}}
	if r.st, err = p.readStyles(parts["styles"]); err != nil {
		return nil, err
	}
	if r.nb, err = p.readNumbering(parts["numbering"]); err != nil {
		return nil, err
	}
	if err := r.readNotes(parts["footnotes"], "footnote", doc.Footnote); err != nil {
		return nil, err
	}
	if err := r.readNotes(parts["endnotes"], "endnote", doc.Endnote); err != nil {
		return nil, err
	}
	if err := r.readComments(parts["comments"]); err != nil {
		return nil, err
	}
	core, err := p.readCore()
	if err != nil {
		return nil, err
	}
	r.d.Title, r.d.Authors, r.d.Keywords = core.title, core.authors, core.keywords
	r.rels = rels
	if err := r.readBody(main); err != nil {
		return nil, err
	}
	if err := r.readFurniture(main); err != nil {
		return nil, err
	}
	return r.finish(), nil
}

func (r *reader) readBody(name string) error {
	x, err := r.p.xml(name)
	if err != nil {
		return err
	}
	root, err := x.root()
	if err != nil {
		return err
	}
	if wname(root.Name) != "document" {
		return fmt.Errorf("%s: %w: the root element is <%s>, not a WordprocessingML <w:document>", name, ErrNotDOCX, root.Name.Local)
	}
	return x.children(func(s xml.StartElement) error {
		if wname(s.Name) != "body" {
			return x.skip()
		}
		pbs, err := r.blockContent(x)
		if err != nil {
			return err
		}
		r.d.Blocks = append(r.d.Blocks, r.finalize(pbs)...)
		return nil
	})
}

// eachEntry calls fn for every child of the root of the optional part name
// (notes, comments) whose local name is elem, with the part's
// relationships in effect; other children are skipped.
func (r *reader) eachEntry(name, elem string, fn func(x *xmlPart, s xml.StartElement) error) error {
	if name == "" || !r.p.has(name) {
		return nil
	}
	rels, err := r.p.relsOf(name)
	if err != nil {
		return err
	}
	r.rels = rels
	return r.p.eachChild(name, func(x *xmlPart, s xml.StartElement) error {
		if wname(s.Name) != elem {
			return x.skip()
		}
		return fn(x, s)
	})
}

func (r *reader) readNotes(name, elem string, typ doc.NoteType) error {
	r.inNotes = true
	defer func() { r.inNotes = false }()
	return r.eachEntry(name, elem, func(x *xmlPart, s xml.StartElement) error {
		switch attr(s, "type") {
		case "separator", "continuationSeparator", "continuationNotice":
			return x.skip()
		}
		pbs, err := r.blockContent(x)
		if err != nil {
			return err
		}
		key := noteKey(typ, attr(s, "id"))
		blocks := r.finalize(pbs)
		spaced, text := trimNoteStart(blocks)
		r.notes[key] = doc.Note{ID: key, Type: typ, Blocks: blocks, Unspaced: text && !spaced}
		return nil
	})
}

func noteKey(typ doc.NoteType, id string) string {
	if typ == doc.Endnote {
		return "en" + id
	}
	return "fn" + id
}

// takeMark makes text the mark of the note reference waiting for it
// (w:customMarkFollows: the reference's mark is the text after it).
func (r *reader) takeMark(pa *para, text string) {
	a := &pa.atoms[pa.markAt]
	pa.markAt = -1
	a.mark = strings.TrimSpace(text)
	if a.mark == "" {
		return
	}
	if r.marks == nil {
		r.marks = map[string]string{}
	}
	if _, ok := r.marks[a.note]; !ok {
		r.marks[a.note] = a.mark
	}
}

// stripMarks removes a note's own mark from the start of its text, where
// Word writes it as ordinary text (a numbered note has w:footnoteRef
// there, which reads as nothing).
func (r *reader) stripMarks() {
	for i := range r.d.Notes {
		n := &r.d.Notes[i]
		mark, ok := r.marks[n.ID]
		if !ok || len(n.Blocks) == 0 || len(n.Blocks[0].Inlines) == 0 {
			continue
		}
		in := &n.Blocks[0].Inlines[0]
		for in.Type != doc.Text && len(in.Content) > 0 {
			in = &in.Content[0]
		}
		if in.Type == doc.Text && strings.HasPrefix(in.Text, mark) {
			in.Text = in.Text[len(mark):]
			// A mark in a run of its own leaves its formatting (a
			// superscript) around nothing, and the space after it
			// may begin the next run.
			n.Blocks[0].Inlines = doc.PruneEmpty(n.Blocks[0].Inlines)
			for len(n.Blocks[0].Inlines) > 0 {
				first := &n.Blocks[0].Inlines[0]
				for first.Type != doc.Text && len(first.Content) > 0 {
					first = &first.Content[0]
				}
				if first.Type != doc.Text {
					break
				}
				first.Text = strings.TrimLeft(first.Text, " \t\u00a0")
				if first.Text != "" {
					break
				}
				n.Blocks[0].Inlines = doc.PruneEmpty(n.Blocks[0].Inlines)
			}
		}
	}
}

// matchBookmarks points each internal link at the anchor whose name it
// spells in other capitals: Word finds bookmarks whatever their case
// ("#Intro" goes to the bookmark "intro"), so such a link is not dead,
// and "#Gone" and "#gone", dead, are one target, reported once.
func matchBookmarks(d *doc.Document) {
	targets := d.Targets()
	byFold := map[string]string{}
	d.Walk(func(b *doc.Block) {
		for _, ins := range [][]doc.Inline{b.Inlines, figureCaption(b)} {
			doc.WalkInlines(ins, func(in *doc.Inline) {
				if in.Type == doc.Anchor && in.ID != "" {
					if _, ok := byFold[strings.ToLower(in.ID)]; !ok {
						byFold[strings.ToLower(in.ID)] = in.ID
					}
				}
			})
		}
	})
	d.Walk(func(b *doc.Block) {
		for _, ins := range [][]doc.Inline{b.Inlines, figureCaption(b)} {
			doc.WalkInlines(ins, func(in *doc.Inline) {
				id, ok := doc.InternalTarget(in.Href)
				if in.Type != doc.Link || !ok || targets[id] {
					return
				}
				if name, ok := byFold[strings.ToLower(id)]; ok {
					in.Href = "#" + name
				} else {
					// A dead link is one however it is spelled.
					byFold[strings.ToLower(id)] = id
				}
			})
		}
	})
}

func figureCaption(b *doc.Block) []doc.Inline {
	if b.Figure == nil {
		return nil
	}
	return b.Figure.Caption
}

// trimNoteStart removes the space that follows the note's own number mark.
func trimNoteStart(bs []doc.Block) (spaced, text bool) {
	if len(bs) == 0 || len(bs[0].Inlines) == 0 {
		return false, false
	}
	in := &bs[0].Inlines[0]
	for in.Type != doc.Text && len(in.Content) > 0 {
		in = &in.Content[0]
	}
	if in.Type != doc.Text {
		return false, false
	}
	trimmed := strings.TrimLeft(in.Text, " \t")
	spaced = trimmed != in.Text
	in.Text = trimmed
	return spaced, true
}

func (r *reader) readComments(name string) error {
	return r.eachEntry(name, "comment", func(x *xmlPart, s xml.StartElement) error {
		pbs, err := r.blockContent(x)
		if err != nil {
			return err
		}
		var parts []string
		for _, b := range r.finalize(pbs) {
			b.Inlines = shownInlines(b.Inlines)
			parts = append(parts, doc.BlockText(&b))
		}
		r.comments = append(r.comments, doc.Comment{ID: attr(s, "id"), Author: attr(s, "author"),
			Date: attr(s, "date"), Text: strings.Join(parts, "\n")})
		return nil
	})
}

// finish settles languages, orders notes, assigns IDs and attaches
// comments to their blocks.
func (r *reader) finish() *doc.Document {
	d := r.d
	r.stripMarks()
	doc.SettleLang(d, r.langTag(r.st.defaults.lang))
	doc.OrderNotes(d)
	anchored := map[*doc.Block][]string{}
	d.Walk(func(b *doc.Block) {
		if ids, ok := r.anchors[b.ID]; ok {
			anchored[b] = ids
		}
	})
	doc.AssignIDs(d)
	if r.p.nesting == 0 {
		// A document embedded in another (w:altChunk) may link to the
		// other's bookmarks: the outer document resolves its links,
		// once, with all the targets.
		matchBookmarks(d)
		doc.ResolveLinks(d)
	}
	blockOf := map[string]string{}
	for b, ids := range anchored {
		for _, id := range ids {
			blockOf[id] = b.ID
		}
	}
	for i := range r.comments {
		r.comments[i].Block = blockOf[r.comments[i].ID]
	}
	d.Comments = r.comments
	if d.Title == "" {
		d.Title = r.title
	}
	if r.ruby > 0 {
		d.Warn("%s (ruby) left out; their base text is kept", i18n.Count(r.ruby, "phonetic guide", "phonetic guides"))
	}
	kinds := make([]string, 0, len(r.hidden))
	for k := range r.hidden {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		d.Warn("%s: %d", k, r.hidden[k])
	}
	for _, font := range r.missingOrder {
		d.Warn("%s of the %s font without a Unicode equivalent: shown as U+FFFD (�)", i18n.Count(r.missing[font], "character", "characters"), font)
	}
	return d
}

// pblock is a block on its way into the model, with what finalize needs to
// group it into lists, quotations and figures with captions.
type pblock struct {
	b                  doc.Block
	list               bool
	numID, ilvl, value int
	ordered            bool
	listStyle          string
	label              string // the item's label when it is more than the style shows
	shown              string // the item's label as Word shows it, for a list in another style
	quote              bool
	// caption is set for a caption, by its style or the SEQ field that
	// numbers it; tableCaption for a table's, which no figure takes.
	caption, tableCaption bool
	// codeStart is set for a line of code after an empty paragraph: it
	// starts a code block of its own.
	codeStart bool
}

// blockContent reads the block-level children of the element whose start was
// just read: paragraphs, tables and the containers around them.
func (r *reader) blockContent(x *xmlPart) ([]pblock, error) {
	var out []pblock
	var visit func(s xml.StartElement) error
	visit = func(s xml.StartElement) error {
		switch wname(s.Name) {
		case "p":
			bs, err := r.paragraph(x)
			out = append(out, bs...)
			return err
		case "tbl":
			b, err := r.table(x)
			if err == nil && b != nil {
				out = append(out, pblock{b: *b})
			}
			return err
		case "sdt":
			return x.sdtContent(visit)
		case "customXml", "ins", "moveTo", "smartTag":
			return x.children(visit)
		case "bookmarkStart":
			r.bookmarkBetween(s)
		case "subDoc":
			r.hidden["subdocuments (w:subDoc) linked from a master document, whose text is in other files, not read"]++
		case "altChunk":
			bs, err := r.altChunk(s)
			out = append(out, bs...)
			if err != nil {
				return err
			}
		}
		if isAlternate(s) {
			return r.alternate(x, visit)
		}
		return x.skip()
	}
	err := x.children(visit)
	return out, err
}

// bookmarkBetween keeps a bookmark that starts between paragraphs (or
// rows, or cells) for the next paragraph.
func (r *reader) bookmarkBetween(s xml.StartElement) {
	if name := strings.TrimSpace(attr(s, "name")); name != "" {
		r.pendingAnchors = append(r.pendingAnchors, atom{kind: aAnchor, mark: name})
	}
}

func isAlternate(s xml.StartElement) bool {
	return s.Name.Local == "AlternateContent" && s.Name.Space == nsMC
}

// alternate reads the first mc:Choice of an mc:AlternateContent and passes
// over the fallbacks, which repeat the same content in an older form.
func (r *reader) alternate(x *xmlPart, visit func(xml.StartElement) error) error {
	done := false
	return x.children(func(s xml.StartElement) error {
		if s.Name.Local == "Choice" && !done {
			done = true
			return x.children(visit)
		}
		return x.skip()
	})
}

// atom is a piece of a paragraph with its formatting, before nesting.
type atom struct {
	kind  atomKind
	marks uint16
	text  string
	href  string
	lang  string
	note  string
	src   string
	alt   string
	math  *doc.Math
	mark  string // a note reference's own mark; an anchor's name
	brk   string // a break's kind: "", doc.BreakPage or doc.BreakColumn
	// sty is the look of text that its paragraph does not give it.
	sty doc.Style
	// code is set for text in a character style for code; codeStyle is
	// the name of the run's own character style.
	code      bool
	codeStyle string
}

type atomKind uint8

const (
	aText atomKind = iota
	aBreak
	aNote
	aImage
	aMath
	aAnchor
	// aField is a field of a header or footer: mark is its instruction,
	// text its last result.
	aField
)

// para collects a paragraph's content.
type para struct {
	atoms []atom
	// markAt is the index in atoms of a note reference whose mark is the
	// text that follows (w:customMarkFollows), or -1.
	markAt   int
	extra    []pblock // text boxes, read after the paragraph
	comments []string
	base     runProps // languages from the paragraph style and defaults
}

func (r *reader) paragraph(x *xmlPart) ([]pblock, error) {
	pp := paraProps{outline: -1}
	ps := r.st.para("")
	pa := &para{atoms: append(r.pendingAnchors, r.carry...), markAt: -1, base: ps.rpr.under(r.st.defaults)}
	r.carry, r.pendingAnchors = nil, nil
	r.inTOC = ps.toc || r.tocOpen()
	r.tocInstr = r.openTOC()
	err := x.children(func(s xml.StartElement) error {
		if wname(s.Name) == "pPr" {
			var err error
			pp, err = readParaProps(x)
			ps = r.st.para(pp.style)
			pa.base = ps.rpr.under(r.st.defaults)
			r.inTOC = ps.toc || r.tocOpen()
			return err
		}
		return r.inline(x, s, pa, "")
	})
	if err != nil {
		return nil, err
	}
	r.endParagraph(pa)
	if r.inTOC || r.tocOpen() {
		pa.atoms = trimPageNumber(pa.atoms)
	}
	r.inTOC = false
	tocInstr := r.tocInstr
	r.tocInstr = ""
	if pp.markDeleted {
		r.carry = pa.atoms
		return pa.extra, nil
	}
	numID, ilvl, hasNum := ps.numID, ps.ilvl, ps.hasNum
	if pp.hasNum {
		numID, ilvl, hasNum = pp.numID, pp.ilvl, pp.numID != 0
	}
	level := ps.heading
	if pp.outline >= 0 {
		level = 0
		if pp.outline <= 8 {
			level = pp.outline + 1
		}
	}
	pb := pblock{quote: ps.quote && level == 0}
	var label string
	if hasNum {
		pb.value, label = r.nb.next(numID, ilvl)
		if level == 0 {
			pb.list, pb.numID, pb.ilvl = true, r.nb.group(numID), ilvl
			lvl := r.nb.level(numID, ilvl)
			pb.ordered, pb.listStyle = lvl.css()
			pb.label = lvl.itemLabel(pb.value, label)
			if lvl != nil && lvl.format != "bullet" {
				pb.shown = strings.TrimSpace(label)
			}
			pb.quote = false
		}
	}
	if !r.inNotes {
		uniformLook(pa.atoms)
	}
	var out []pblock
	if ps.title && r.title == "" {
		r.title = strings.TrimSpace(doc.PlainText(shownInlines(buildInlines(pa.atoms))))
	}
	atoms := pa.atoms
	if onlyAnchors(atoms) || onlyImages(buildInlines(withoutAnchors(atoms))) {
		// Bookmarks in an empty paragraph or on an image mark the next
		// paragraph with text.
		for _, a := range atoms {
			if a.kind == aAnchor {
				r.pendingAnchors = append(r.pendingAnchors, a)
			}
		}
		atoms = withoutAnchors(atoms)
	}
	inlines := buildInlines(atoms)
	if level == 0 && !hasImage(inlines) {
		seq, isSeq := seqCaption(inlines)
		pb.caption = ps.caption || ps.figure || isSeq
		pb.tableCaption = ps.tableCaption || isSeq && tableSeq(seq)
	}
	switch {
	case ps.code && level == 0 && !pb.list && tocInstr == "" && onlyCodeText(atoms):
		// A line of code; consecutive ones are one block (see
		// buildBlocks), an empty one a blank line in it.
		pb.b = doc.Block{Type: doc.CodeBlock, Code: &doc.Listing{Text: codeText(atoms), Style: r.st.label(pp.style)}}
		pb.quote, pb.codeStart = false, r.afterEmpty
		out = append(out, pb)
	case level > 0 && len(inlines) > 0:
		pb.b = doc.Block{Type: doc.Heading, Level: level, Number: strings.TrimSpace(label), Inlines: inlines}
		out = append(out, pb)
	case onlyImages(inlines):
		for _, in := range inlines {
			if in.Type == doc.Image {
				out = append(out, pblock{b: doc.Block{Type: doc.FigureBlock, Figure: &doc.Figure{Src: in.Src, Alt: in.Alt}}})
			}
		}
	case len(inlines) > 0:
		pb.b = doc.Block{Type: doc.Paragraph, Inlines: inlines}
		if tocInstr != "" && !pb.list {
			pb.b.TOC = &doc.TOCEntry{Instr: tocInstr, Level: ps.tocLevel}
		}
		out = append(out, pb)
	}
	if len(pa.comments) > 0 && len(out) > 0 {
		tmp := "\x00comment" + strconv.Itoa(len(r.anchors))
		out[0].b.ID = tmp
		r.anchors[tmp] = pa.comments
	}
	out = append(out, pa.extra...)
	if pp.section {
		out = append(out, pblock{b: doc.Block{Type: doc.SectionBreak}})
	}
	r.afterEmpty = len(out) == 0
	return out, nil
}

// onlyCodeText reports whether a paragraph holds nothing a code block
// cannot keep: text, line breaks and bookmarks only.
func onlyCodeText(atoms []atom) bool {
	for _, a := range atoms {
		switch {
		case a.kind == aText && a.href == "":
		case a.kind == aBreak && a.brk == "":
		case a.kind == aAnchor:
		default:
			return false
		}
	}
	return true
}

// codeText is the text of a paragraph of code, its line breaks line ends.
func codeText(atoms []atom) string {
	var b strings.Builder
	for _, a := range atoms {
		switch a.kind {
		case aText:
			b.WriteString(a.text)
		case aBreak:
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func onlyAnchors(atoms []atom) bool {
	for _, a := range atoms {
		if a.kind != aAnchor {
			return false
		}
	}
	return len(atoms) > 0
}

func withoutAnchors(atoms []atom) []atom {
	var out []atom
	for _, a := range atoms {
		if a.kind != aAnchor {
			out = append(out, a)
		}
	}
	return out
}

func hasImage(ins []doc.Inline) bool {
	for _, in := range ins {
		if in.Type == doc.Image {
			return true
		}
	}
	return false
}

// seqCaption reports whether a paragraph starts as a caption does: a
// label of at most two words ("Рисунок", "Figure", "Table S"), other
// fields (a chapter's number), then the SEQ field that numbers it, the
// label and field maybe in spans of language or look. It returns the
// field's sequence name ("Figure", "Таблица").
func seqCaption(ins []doc.Inline) (string, bool) {
	var label strings.Builder
	var seq string
	var walk func(ins []doc.Inline) (done bool)
	walk = func(ins []doc.Inline) bool {
		for _, in := range ins {
			switch in.Type {
			case doc.Anchor:
			case doc.Text:
				label.WriteString(in.Text)
				if len(strings.Fields(label.String())) > 2 {
					return true
				}
			case doc.Field:
				if f := fieldWords(in.Instr); len(f) >= 2 && strings.EqualFold(f[0], "SEQ") {
					seq = f[1]
					return true
				}
			case doc.Link, doc.NoteRef, doc.Image, doc.LineBreak, doc.MathInline, doc.Code:
				return true
			default:
				if walk(in.Content) {
					return true
				}
			}
		}
		return false
	}
	walk(ins)
	return seq, seq != ""
}

// tableSeq reports whether a SEQ field's sequence name is that of
// tables ("Table", "Таблица", "Tabelle", "表").
func tableSeq(name string) bool {
	n := strings.ToLower(name)
	return strings.HasPrefix(n, "tab") || strings.HasPrefix(n, "табл") || strings.HasPrefix(n, "表")
}

func onlyImages(ins []doc.Inline) bool {
	images := 0
	for _, in := range ins {
		switch {
		case in.Type == doc.Image:
			images++
		case in.Type == doc.Text && strings.TrimSpace(in.Text) == "":
		default:
			return false
		}
	}
	return images > 0
}

// inline reads one element of paragraph content. href is the target of an
// enclosing w:hyperlink.
func (r *reader) inline(x *xmlPart, s xml.StartElement, pa *para, href string) error {
	visit := func(c xml.StartElement) error { return r.inline(x, c, pa, href) }
	switch wname(s.Name) {
	case "r":
		return r.run(x, pa, href)
	case "hyperlink":
		h := ""
		if id := attr(s, "id"); id != "" {
			if rl, ok := r.rels[id]; ok {
				h = rl.target
			}
		}
		if a := attr(s, "anchor"); a != "" {
			h += "#" + a
		}
		return x.children(func(c xml.StartElement) error { return r.inline(x, c, pa, h) })
	case "ins", "moveTo", "smartTag", "customXml", "dir", "bdo":
		return x.children(visit)
	case "sdt":
		return x.children(func(c xml.StartElement) error {
			if wname(c.Name) == "sdtContent" {
				return x.children(visit)
			}
			return x.skip()
		})
	case "bookmarkStart":
		if name := strings.TrimSpace(attr(s, "name")); name != "" && r.visible() {
			pa.atoms = append(pa.atoms, atom{kind: aAnchor, mark: name})
		}
		return x.skip()
	case "fldSimple":
		instr := attr(s, "instr")
		switch r.roleIn(instr, pa) {
		case roleTOCPage:
			r.inTOC = true
			return x.skip()
		case roleLink:
			if h := fieldTarget(instr); h != "" {
				return x.children(func(c xml.StartElement) error { return r.inline(x, c, pa, h) })
			}
			return x.children(visit)
		case roleText:
			return x.children(visit)
		}
		f := &field{result: true, inline: true, target: fieldTarget(instr)}
		f.instr.WriteString(instr)
		r.fields = append(r.fields, f)
		err := x.children(visit)
		r.fields = r.fields[:len(r.fields)-1]
		if f.inline && !f.placed && r.visible() {
			// A field whose result is empty still stands where it is.
			r.place(f, pa, r.fieldAtom(f, href))
		}
		return err
	case "commentRangeStart":
		pa.comments = appendOnce(pa.comments, attr(s, "id"))
		return x.skip()
	}
	if s.Name.Space == nsMath && (s.Name.Local == "oMath" || s.Name.Local == "oMathPara") {
		tree, err := x.readMath(s)
		if err != nil || !r.visible() {
			return err
		}
		for i, m := range formulas(tree) {
			if i > 0 {
				pa.atoms = append(pa.atoms, atom{kind: aBreak})
			}
			pa.atoms = append(pa.atoms, atom{kind: aMath, math: m, href: href})
		}
		return nil
	}
	if isAlternate(s) {
		return r.alternate(x, visit)
	}
	return x.skip()
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// symbolsMissing counts characters of a symbol font that have no Unicode
// equivalent, for the warning finish gives.
func (r *reader) symbolsMissing(font string, n int) {
	if n <= 0 {
		return
	}
	if r.missing == nil {
		r.missing = map[string]int{}
	}
	if _, ok := r.missing[font]; !ok {
		r.missingOrder = append(r.missingOrder, font)
	}
	r.missing[font] += n
}

// visible reports whether text read now is shown: it is not part of a
// field's instructions, nor the page number of a table of contents entry,
// nor the result of a field read as a field inline.
func (r *reader) visible() bool {
	for _, f := range r.fields {
		if !f.result || f.page || f.inline {
			return false
		}
	}
	return true
}

// hides reports whether run properties hide a run's text from the text
// read: hidden text, and text hidden in a web page (w:webHidden) outside a
// table of contents. In a table of contents, Word hides only the tab and
// page number of an entry from the web, which are left out anyway, while
// LibreOffice hides the whole entry: its text is kept.
func (r *reader) hides(props runProps) bool {
	h := props.val & props.set
	return h&mHidden != 0 || h&mWebHidden != 0 && !r.inTOC && !r.tocOpen()
}

// tocOpen reports whether the result of a table of contents field is being
// read.
func (r *reader) tocOpen() bool { return r.openTOC() != "" }

// openTOC returns the instruction of the table of contents field whose
// result is being read, or "".
func (r *reader) openTOC() string {
	for _, f := range r.fields {
		if f.toc && f.result {
			return strings.TrimSpace(f.instr.String())
		}
	}
	return ""
}

// trimPageNumber takes the page number off the end of a table of contents
// entry, with the tab (and its dotted leader) before it: "Введение\t1"
// becomes "Введение". Word writes the number as a PAGEREF field (read as
// nothing) after a tab; LibreOffice as plain text after a tab. An entry's
// bookmarks and link stay.
func trimPageNumber(atoms []atom) []atom {
	tab, at := -1, -1
	for i := len(atoms) - 1; i >= 0 && tab < 0; i-- {
		switch atoms[i].kind {
		case aText:
			if k := strings.LastIndexByte(atoms[i].text, '\t'); k >= 0 {
				tab, at = i, k
			}
		case aAnchor:
		default:
			return atoms // a note or an image after the last tab
		}
	}
	if tab < 0 {
		return atoms
	}
	var rest strings.Builder
	rest.WriteString(atoms[tab].text[at+1:])
	for _, a := range atoms[tab+1:] {
		rest.WriteString(a.text)
	}
	if !pageNumberRE.MatchString(strings.TrimSpace(rest.String())) {
		return atoms
	}
	out := append([]atom(nil), atoms[:tab]...)
	if head := strings.TrimRight(atoms[tab].text[:at], " \t\u00a0."); head != "" {
		a := atoms[tab]
		a.text = head
		out = append(out, a)
	}
	for _, a := range atoms[tab+1:] {
		if a.kind == aAnchor {
			out = append(out, a)
		}
	}
	return out
}

// pageNumberRE matches what a table of contents shows as a page number:
// nothing (the number was a field), digits, roman numerals, or a chapter
// and page ("3-12").
var pageNumberRE = regexp.MustCompile(`^(|[0-9]+|[ivxlcdm]+|[IVXLCDM]+|[0-9]+[-–.][0-9]+)$`)

// fieldHref returns the target of the innermost hyperlink field.
func (r *reader) fieldHref() string {
	for i := len(r.fields) - 1; i >= 0; i-- {
		if r.fields[i].href != "" {
			return r.fields[i].href
		}
	}
	return ""
}

// fieldTarget returns where a field links to: the target of a HYPERLINK
// field (HYPERLINK "url" \l "anchor" \o "tooltip"), or the bookmark of a
// cross-reference made a link with \h (REF, PAGEREF, NOTEREF name \h);
// "" for other fields.
func fieldTarget(instr string) string {
	f := fieldWords(instr)
	if len(f) == 0 {
		return ""
	}
	switch strings.ToUpper(f[0]) {
	case "HYPERLINK":
	case "REF", "PAGEREF", "NOTEREF":
		if len(f) > 1 && !strings.HasPrefix(f[1], `\`) {
			for _, w := range f[2:] {
				if strings.EqualFold(w, `\h`) {
					return "#" + f[1]
				}
			}
		}
		return ""
	default:
		return ""
	}
	var url, anchor string
	for i := 1; i < len(f); i++ {
		switch {
		case f[i] == `\l` && i+1 < len(f):
			anchor = f[i+1]
			i++
		case (f[i] == `\o` || f[i] == `\t`) && i+1 < len(f):
			i++
		case strings.HasPrefix(f[i], `\`):
		case url == "":
			url = f[i]
		}
	}
	if anchor != "" {
		url += "#" + anchor
	}
	return url
}

// fieldWords splits a field instruction into words, honouring quotes.
func fieldWords(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		switch {
		case s[i] == ' ' || s[i] == '\t':
			i++
		case s[i] == '"':
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				out = append(out, s[i+1:])
				return out
			}
			out = append(out, s[i+1:i+1+j])
			i += j + 2
		default:
			j := strings.IndexAny(s[i:], " \t")
			if j < 0 {
				j = len(s) - i
			}
			out = append(out, s[i:i+j])
			i += j
		}
	}
	return out
}

// look returns the look a run's properties rp give its text beyond what
// the paragraph's run properties base give it: its character style (see
// styles.charLook), and the highlight, colour and shading it sets itself
// that differ from what it would have without them. Black text and a
// white shading where the paragraph sets no colour are no look (pasted
// text often says so on every run), nor is, in a link, the link's own
// look (its style and colour).
func (r *reader) look(rp runPr, base runProps, inLink bool) doc.Style {
	var s doc.Style
	if rp.style != "" && !inLink {
		s.Name = r.st.charLook(rp.style)
	}
	under := r.st.char(rp.style).under(base)
	differs := func(v, was, none string) string {
		if v == "" || v == was || (v == none && was == "") {
			return ""
		}
		return v
	}
	if h := differs(rp.rpr.highlight, under.highlight, "none"); h != "none" {
		s.Highlight = h
	}
	if !inLink {
		if c := differs(rp.rpr.color, under.color, "auto"); c != "auto" && (c != "000000" || (under.color != "" && under.color != "auto")) {
			s.Color = c
		}
	}
	if f := differs(rp.rpr.fill, under.fill, "auto"); f != "auto" && (f != "FFFFFF" || (under.fill != "" && under.fill != "auto")) {
		s.Shading = f
	}
	return s
}

// run reads a w:r element.
func (r *reader) run(x *xmlPart, pa *para, href string) error {
	var rp runPr
	var props runProps
	propsDone := false
	resolve := func() {
		if !propsDone {
			props = rp.rpr.under(r.st.char(rp.style))
			propsDone = true
		}
	}
	emit := func(a atom) {
		resolve()
		if r.hides(props) {
			return
		}
		if f := r.inlineField(); f != nil {
			if a.kind == aText {
				r.fieldText(f, pa, a.text, props, href)
				return
			}
			// A field's result with more than a value in it (a note
			// reference, a break, an image) is text of the document.
			demote(f)
		}
		if !r.visible() {
			return
		}
		if a.href = href; a.href == "" {
			a.href = r.fieldHref()
		}
		if a.kind == aText {
			a.marks = props.val & props.set &^ (mHidden | mWebHidden)
			if a.href != "" {
				a.marks &^= mUnderline // links are underlined by their style, not for meaning
			}
			a.lang = r.langTag(runLang(a.text, props.under(pa.base)))
			a.sty = r.look(rp, pa.base, a.href != "")
			if a.code = r.st.codeChar(rp.style); a.code {
				a.codeStyle = r.st.label(rp.style)
			}
		}
		pa.atoms = append(pa.atoms, a)
	}
	var visit func(s xml.StartElement) error
	visit = func(s xml.StartElement) error {
		switch wname(s.Name) {
		case "rPr":
			var err error
			rp, err = readRunProps(x)
			propsDone = false
			return err
		case "t":
			t, err := x.text()
			if err == nil && t != "" {
				resolve()
				if table := symbolFont(props.font); table != nil {
					var missing int
					t, missing = mapSymbols(table, t)
					r.symbolsMissing(props.font, missing)
				}
				if pa.markAt >= 0 {
					r.takeMark(pa, t)
					return nil
				}
				if props.val&props.set&mCaps != 0 {
					t = strings.ToUpper(t)
				}
				n := len(pa.atoms)
				emit(atom{kind: aText, text: t})
				if symbolFont(props.font) != nil && len(pa.atoms) > n {
					// Symbols (a Greek letter of the Symbol font) are no
					// language's text.
					pa.atoms[n].lang = ""
				}
			}
			return err
		case "instrText":
			t, err := x.text()
			if n := len(r.fields); n > 0 && !r.fields[n-1].result {
				instrAdd(r.fields[n-1], t)
			}
			return err
		case "tab", "ptab":
			emit(atom{kind: aText, text: "\t"})
		case "br", "cr":
			// A page or column break starts a new page or column in the
			// middle of the paragraph; "textWrapping" (the default) and a
			// carriage return start a new line.
			a := atom{kind: aBreak}
			switch attr(s, "type") {
			case "page":
				a.brk = doc.BreakPage
			case "column":
				a.brk = doc.BreakColumn
			}
			emit(a)
		case "noBreakHyphen":
			emit(atom{kind: aText, text: "\u2011"})
		case "softHyphen":
			emit(atom{kind: aText, text: "\u00AD"})
		case "sym":
			if t, ok := symbolChar(attr(s, "font"), attr(s, "char")); ok {
				if t == string(replacement) {
					r.symbolsMissing(attr(s, "font"), 1)
				}
				if pa.markAt >= 0 {
					r.takeMark(pa, t)
					break
				}
				emit(atom{kind: aText, text: t})
			}
		case "footnoteReference", "endnoteReference":
			typ := doc.Footnote
			if s.Name.Local == "endnoteReference" {
				typ = doc.Endnote
			}
			key := noteKey(typ, attr(s, "id"))
			if n, ok := r.notes[key]; ok {
				if !r.noteUsed[key] {
					r.noteUsed[key] = true
					r.d.Notes = append(r.d.Notes, n)
				}
				before := len(pa.atoms)
				emit(atom{kind: aNote, note: key})
				if isOn(attr(s, "customMarkFollows")) && len(pa.atoms) > before {
					pa.markAt = len(pa.atoms) - 1
				}
			}
		case "fldChar":
			switch attr(s, "fldCharType") {
			case "begin":
				f := &field{}
				if n := len(r.fields); n > 0 && !r.fields[n-1].result {
					f.parent = r.fields[n-1]
					instrAdd(f.parent, "{")
				}
				r.fields = append(r.fields, f)
			case "separate":
				if n := len(r.fields); n > 0 && !r.fields[n-1].result {
					f := r.fields[n-1]
					f.result = true
					instr := f.instr.String()
					switch r.roleIn(instr, pa) {
					case roleTOCPage:
						// Word's entries of a table of contents made by
						// hand or by a macro still point at _Toc bookmarks.
						r.inTOC = true
						f.page = true
					case roleLink:
						f.href = fieldTarget(instr)
					case roleText:
						f.toc = tocField(instr)
						if f.toc && r.tocInstr == "" {
							r.tocInstr = strings.TrimSpace(instr)
						}
					default:
						f.inline = f.parent == nil
						f.target = fieldTarget(instr)
					}
				}
			case "end":
				if n := len(r.fields); n > 0 {
					f := r.fields[n-1]
					r.fields = r.fields[:n-1]
					switch {
					case f.parent != nil:
						instrAdd(f.parent, "}")
					case f.placed || !r.visible():
					case f.inline || !f.result && roleOf(f.instr.String()) == roleInline:
						// A field whose result is empty, or that has
						// none, still stands where it is.
						resolve()
						if !r.hides(props) {
							f.target = fieldTarget(f.instr.String())
							r.place(f, pa, r.dress(r.fieldAtom(f, href), props))
						}
					}
				}
			}
		case "pgNum":
			if r.furniture && r.visible() {
				pa.atoms = append(pa.atoms, atom{kind: aField, mark: "PAGE"})
			}
		case "drawing", "pict", "object":
			return r.drawing(x, pa, emit)
		case "ruby":
			return x.children(func(c xml.StartElement) error {
				if wname(c.Name) == "rt" {
					r.ruby++
				}
				if wname(c.Name) == "rubyBase" {
					return x.children(func(c xml.StartElement) error {
						if wname(c.Name) == "r" {
							return r.run(x, pa, href)
						}
						return x.skip()
					})
				}
				return x.skip()
			})
		case "commentReference":
			pa.comments = appendOnce(pa.comments, attr(s, "id"))
		default:
			if isAlternate(s) {
				return r.alternate(x, visit)
			}
		}
		return x.skip()
	}
	return x.children(visit)
}

// drawing reads a w:drawing, w:pict or w:object: its images become image
// atoms, and the paragraphs of its text boxes become blocks after the
// paragraph.
func (r *reader) drawing(x *xmlPart, pa *para, emit func(atom)) error {
	alt := ""
	var ids []string
	var scan func(s xml.StartElement) error
	scan = func(s xml.StartElement) error {
		switch {
		case s.Name.Local == "docPr":
			if alt = attr(s, "descr"); alt == "" {
				alt = attr(s, "title")
			}
			return x.skip()
		case s.Name.Local == "blip":
			if id := attr(s, "embed"); id != "" {
				ids = append(ids, id)
			} else if id := attr(s, "link"); id != "" {
				ids = append(ids, id)
			}
			return x.skip()
		case s.Name.Local == "imagedata":
			if id := attr(s, "id"); id != "" {
				ids = append(ids, id)
			}
			if t := attr(s, "title"); t != "" && alt == "" {
				alt = t
			}
			return x.skip()
		case wname(s.Name) == "txbxContent":
			pbs, err := r.blockContent(x)
			pa.extra = append(pa.extra, pbs...)
			return err
		case isAlternate(s):
			return r.alternate(x, scan)
		case s.Name.Local == "OLEObject":
			// An equation of the old Equation Editor or MathType is an
			// embedded object: only its picture can be shown.
			if p := attr(s, "ProgID"); strings.HasPrefix(p, "Equation.") || strings.HasPrefix(p, "MathType") {
				r.hidden["formulas kept only as pictures (Equation Editor or MathType objects)"]++
			}
			return x.skip()
		case s.Name.Local == "graphicData":
			switch u := attr(s, "uri"); {
			case strings.HasSuffix(u, "/chart"):
				r.hidden["charts whose data and labels are not carried"]++
			case strings.HasSuffix(u, "/diagram"):
				r.hidden["SmartArt diagrams whose text is not carried"]++
			}
		}
		return x.children(scan)
	}
	if err := x.children(scan); err != nil {
		return err
	}
	for _, id := range ids {
		a := atom{kind: aImage, alt: alt}
		rl, ok := r.rels[id]
		switch {
		case !ok:
			r.imageMissing("whose relationship is missing from the package: descriptions kept in their place")
		case rl.external:
			r.imageMissing("linked from outside the file (r:link), not fetched: descriptions kept in their place")
		case !r.p.has(rl.target):
			r.imageMissing("whose part is missing from the package: descriptions kept in their place")
		default:
			m, err := r.p.media(rl.target)
			switch {
			case errors.Is(err, doc.ErrNotImage):
				r.badImage(rl.target, err, alt)
			case err != nil:
				return err
			default:
				if r.d.MediaByName(m.Name) == nil {
					r.d.Media = append(r.d.Media, m)
				}
				a.src = m.Name
			}
		}
		emit(a)
	}
	return nil
}

// badImage warns of an image part whose bytes are not an image, once per
// part: the image is kept as its description.
func (r *reader) badImage(part string, err error, alt string) {
	if r.badParts[part] {
		return
	}
	if r.badParts == nil {
		r.badParts = map[string]bool{}
	}
	r.badParts[part] = true
	if alt != "" {
		r.d.Warn("image part %q not read (%v): kept as its description %q", part, err, alt)
	} else {
		r.d.Warn("image part %q not read (%v): left out, as it has no description", part, err)
	}
}

// imageMissing counts an image the reader cannot show, for one warning
// per kind (what) with their number.
func (r *reader) imageMissing(what string) {
	if r.visible() {
		r.hidden["images "+what]++
	}
}

// Scripts and the languages that write in them, to decide which of a run's
// language tags applies to its text and to ignore tags that cannot be right
// (Cyrillic text marked as English because of the keyboard that typed it).
var (
	cjkLangs      = map[string]bool{"zh": true, "ja": true, "ko": true}
	cyrillicLangs = map[string]bool{"ru": true, "uk": true, "be": true, "bg": true, "sr": true, "mk": true,
		"kk": true, "ky": true, "tg": true, "mn": true, "tt": true, "ba": true, "cv": true, "sah": true}
)

func primary(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag)
}

// runLang returns the language of text under the given properties, or ""
// when the text has no letters or its tag does not fit its script.
func runLang(text string, p runProps) string {
	var cjk, cyr, other bool
	for _, c := range text {
		switch {
		case c < 0x80:
			if c|0x20 >= 'a' && c|0x20 <= 'z' {
				other = true
			}
		case unicode.In(c, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
			(c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF):
			cjk = true
		case unicode.Is(unicode.Cyrillic, c):
			cyr = true
		case unicode.IsLetter(c):
			other = true
		}
	}
	switch {
	case cjk:
		if cjkLangs[primary(p.eaLang)] {
			return p.eaLang
		}
	case cyr:
		if cyrillicLangs[primary(p.lang)] {
			return p.lang
		}
	case other:
		l := primary(p.lang)
		if l != "" && !cyrillicLangs[l] && !cjkLangs[l] {
			return p.lang
		}
	}
	return ""
}
