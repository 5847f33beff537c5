package docx

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/doc"
)

// pkgWriter writes one document over one template.
type pkgWriter struct {
	t      *Template
	d      *doc.Document
	opt    WriteOptions
	report WriteReport
	lang   langPlan
	st     *styles // the template's styles and those added for the document

	roleIDs  map[string]string
	styleIDs map[string]bool
	added    []string
	num      *numBuilder
	// headNums are the numbering (numId, level) planned for numbered
	// headings; see planHeadings.
	headNums map[*doc.Block][2]int
	// listNums are the numIds of the items of the template's lists
	// renumbered together with a relabelled list; see planLists.
	listNums map[*doc.List][]int

	noteByIDs  map[string]*doc.Note
	notes      map[string]*noteOut
	noteList   [2][]*noteOut
	noteNext   [2]int
	noteCount  [2]int
	noteParts  [2]string
	sections   int
	textWidth  int
	nextDocPr  int
	partNames  map[string]bool // lower-case names of the parts of the package
	mediaParts map[string]string
	newMedia   []zipFile
	// resolved caches what Media returned for a reference.
	resolved, resolvedName map[string]string

	anchors      map[string]string // Anchor ID → bookmark name
	blockTargets map[string]string // block ID a link points to → bookmark name
	// refTargets are the anchors whose text a field shows (REF, NOTEREF),
	// whose bookmarks hold text; see partOut.rangeEnd.
	refTargets   map[string]bool
	bookmarkIDs  map[string]int
	nextBookmark int

	// blocks are the document's blocks by identifier; boxDone are the
	// template's text boxes already written.
	blocks  map[string]*doc.Block
	boxDone map[*textBox]bool
	// boxFlat are the text boxes whose content is written in the body.
	boxFlat map[*textBox]bool
	// sectRefs are the references of sections to headers and footers
	// written as new parts.
	sectRefs []sectRef
}

func newPkgWriter(t *Template, d *doc.Document, opt WriteOptions) (*pkgWriter, error) {
	pw := &pkgWriter{t: t, d: d, opt: opt,
		roleIDs: map[string]string{}, styleIDs: map[string]bool{},
		noteByIDs: map[string]*doc.Note{}, notes: map[string]*noteOut{},
		partNames: map[string]bool{}, mediaParts: map[string]string{},
		resolved: map[string]string{}, resolvedName: map[string]string{},
		anchors: map[string]string{}, blockTargets: map[string]string{}, bookmarkIDs: map[string]int{}, refTargets: map[string]bool{},
		nextDocPr: 1000, nextBookmark: 1,
		blocks: map[string]*doc.Block{}, boxDone: map[*textBox]bool{}, boxFlat: map[*textBox]bool{},
	}
	d.Walk(func(b *doc.Block) {
		if b.ID != "" {
			if _, dup := pw.blocks[b.ID]; !dup {
				pw.blocks[b.ID] = b
			}
		}
	})
	pw.st = &styles{byID: map[string]*style{}, defaultPara: t.st.defaultPara, defaults: t.st.defaults,
		paraCache: map[string]paraStyle{}, charCache: map[string]runProps{}}
	for id, s := range t.st.byID {
		pw.st.byID[id] = s
		pw.styleIDs[id] = true
	}
	for name := range t.names {
		pw.partNames[name] = true
	}
	for i := range d.Notes {
		pw.noteByIDs[d.Notes[i].ID] = &d.Notes[i]
	}
	pw.noteNext = t.idx.firstNoteID
	// Images of the template, by content, for figures that show them.
	for _, name := range t.order {
		if m, ok := t.mediaNames[name]; ok && m != "" {
			if _, dup := pw.mediaParts[m]; !dup {
				pw.mediaParts[m] = name
			}
		}
	}
	pw.textWidth = textWidth(t.idx.bodySect)
	pw.planLang()
	pw.planBookmarks()
	var numRoot *xnode
	if part := t.target(t.mainRels, "numbering"); part != "" {
		var err error
		if numRoot, err = t.xmlPart(part); err != nil {
			return nil, err
		}
	}
	if numRoot != nil {
		localizeNumbers(numRoot, pw.numberLang())
	}
	pw.num = newNumBuilder(numRoot)
	return pw, nil
}

// textWidth returns the width (twips) between the margins of a section,
// 16 cm when it cannot be read.
func textWidth(sect *xnode) int {
	if sect == nil {
		return 9072
	}
	w, l, r := 0, 0, 0
	if sz := sect.child(nsW, "pgSz"); sz != nil {
		w, _ = strconv.Atoi(sz.attr("w"))
	}
	if m := sect.child(nsW, "pgMar"); m != nil {
		for _, a := range []string{"left", "start"} {
			if v, err := strconv.Atoi(m.attr(a)); err == nil {
				l = v
			}
		}
		for _, a := range []string{"right", "end"} {
			if v, err := strconv.Atoi(m.attr(a)); err == nil {
				r = v
			}
		}
	}
	if w-l-r < 1440 {
		return 9072
	}
	return w - l - r
}

func (pw *pkgWriter) src(id string) *srcEntry {
	if id == "" {
		return nil
	}
	return pw.t.idx.byBlock[id]
}

func (pw *pkgWriter) noteByID(id string) *doc.Note { return pw.noteByIDs[id] }

func (pw *pkgWriter) addNote(n *doc.Note, mark string) *noteOut {
	typ := 0
	if n.Type == doc.Endnote {
		typ = 1
	}
	no := &noteOut{note: n, typ: typ, id: pw.noteNext[typ], mark: mark, first: true}
	pw.noteNext[typ]++
	if mark == "" {
		pw.noteCount[typ]++
		no.num = pw.noteCount[typ]
	}
	pw.notes[n.ID] = no
	pw.noteList[typ] = append(pw.noteList[typ], no)
	return no
}

func (pw *pkgWriter) missing(src string) {
	pw.report.MissingImages = appendOnce(pw.report.MissingImages, src)
}

// nextSection returns the properties of the next section that ends inside
// the body: the template's section in the same place, else its last one.
func (pw *pkgWriter) nextSection() *xnode {
	k := pw.sections
	pw.sections++
	if k < len(pw.t.idx.sections) {
		return pw.localSection(pw.withRefs(pw.t.idx.sections[k], k, false))
	}
	return pw.localSection(pw.withRefs(pw.finalSection(), k, false))
}

// sectRef is a reference from a section to a header or footer part
// written for the document.
type sectRef struct {
	section int    // index of the section, from 0
	kind    string // "header" or "footer"
	typ     string // "default", "first" or "even"
	id      string // the relationship's id
}

// withRefs returns the properties of section k with references to the
// headers and footers written for it (for the last section, also those
// of sections the document does not have), replacing the template's of
// the same kind and place. A first-page header or footer turns the
// section's first page on (w:titlePg).
func (pw *pkgWriter) withRefs(n *xnode, k int, last bool) *xnode {
	var refs []sectRef
	for _, r := range pw.sectRefs {
		if r.section == k || (last && r.section > k) {
			refs = append(refs, r)
		}
	}
	if len(refs) == 0 || n == nil {
		return n
	}
	c := *n
	c.kids = nil
	first := false
	for _, r := range refs {
		first = first || r.typ == "first"
		c.kids = append(c.kids, &xnode{space: nsW, local: r.kind + "Reference", attrs: []xattr{
			{space: nsW, local: "type", value: r.typ}, {space: nsRel, local: "id", value: r.id}}})
	}
	replaced := func(e *xnode) bool {
		for _, r := range refs {
			if e.isW(r.kind+"Reference") && (e.attr("type") == r.typ || (e.attr("type") == "" && r.typ == "default")) {
				return true
			}
		}
		return false
	}
	titlePg := false
	for _, e := range n.kids {
		if e.local != "" && replaced(e) {
			continue
		}
		if e.isW("titlePg") {
			titlePg = true
		}
		if first && !titlePg && (e.isW("textDirection") || e.isW("bidi") || e.isW("rtlGutter") || e.isW("docGrid") || e.isW("printerSettings") || e.isW("sectPrChange")) {
			c.kids = append(c.kids, &xnode{space: nsW, local: "titlePg"})
			titlePg = true
		}
		c.kids = append(c.kids, e)
	}
	if first && !titlePg {
		c.kids = append(c.kids, &xnode{space: nsW, local: "titlePg"})
	}
	return &c
}

// newFurniture writes the headers and footers of the document that the
// template has no part for (a document written without its original) as
// parts of their own, referenced from their sections. Even-page headers
// show only where the settings turn them on.
func (pw *pkgWriter) newFurniture(mainOut *partOut, gen map[string][]byte, genRels map[string]*partRels, types map[string]string) {
	have := map[string]bool{}
	for _, f := range pw.t.idx.furniture {
		have[f.name] = true
	}
	dir := path.Dir(pw.t.main)
	for i := range pw.d.Headers {
		h := &pw.d.Headers[i]
		if have[h.Name] || len(h.Blocks) == 0 {
			continue
		}
		kind, typ, section, ok := partName(h.Name)
		if !ok {
			continue
		}
		have[h.Name] = true
		part := pw.freePart(path.Join(dir, kind+strconv.Itoa(i+1)+".xml"))
		po := pw.newPart(part, nil)
		po.furniture = true
		root := map[string]string{"header": "hdr", "footer": "ftr"}[kind]
		po.x.WriteString(xmlDecl)
		po.x.WriteString("<w:" + root + rootNamespaces() + ">")
		po.blocks(h.Blocks, bctx{noteI: -1, box: true})
		if n := len(h.Blocks); !endsWithParagraph(&h.Blocks[n-1]) {
			po.x.WriteString("<w:p/>")
		}
		po.x.WriteString("</w:" + root + ">")
		gen[part] = po.x.Bytes()
		genRels[part] = po.rels
		types[part] = ctWordML + kind + "+xml"
		id := mainOut.rels.add(kind, relTarget(dir, part), false)
		pw.sectRefs = append(pw.sectRefs, sectRef{section: section, kind: kind, typ: typ, id: id})
	}
}

// partName reads a header's or footer's name in the model ("footer",
// "header-first-s3") into its kind, its place and the index of its
// section.
func partName(name string) (kind, typ string, section int, ok bool) {
	f := strings.Split(name, "-")
	kind, typ = f[0], "default"
	if kind != "header" && kind != "footer" {
		return "", "", 0, false
	}
	for _, x := range f[1:] {
		switch {
		case x == "first" || x == "even":
			typ = x
		case strings.HasPrefix(x, "s"):
			n, err := strconv.Atoi(x[1:])
			if err != nil || n < 1 {
				return "", "", 0, false
			}
			section = n - 1
		default:
			return "", "", 0, false
		}
	}
	return kind, typ, section, true
}

func (pw *pkgWriter) finalSection() *xnode {
	if s := pw.t.idx.bodySect; s != nil {
		return s
	}
	n, _ := parseXML([]byte(defaultSectPr), "sectPr", 8)
	return n
}

// defaultSections is an A4 page with 2.5 cm margins at the sides.
const defaultSections = `<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1417" w:bottom="1134" w:left="1417" w:header="709" w:footer="709" w:gutter="0"/><w:cols w:space="708"/><w:docGrid w:linePitch="360"/>`

const defaultSectPr = `<w:sectPr xmlns:w="` + nsW + `">` + defaultSections + `</w:sectPr>`

// planBookmarks names a bookmark for every anchor and for every block an
// internal link points to, in reading order.
func (pw *pkgWriter) planBookmarks() {
	used := map[string]bool{}
	var anchors, targets []string
	blocks := map[string]bool{}
	visit := func(ins []doc.Inline) {
		doc.WalkInlines(ins, func(in *doc.Inline) {
			switch {
			case in.Type == doc.Anchor && in.ID != "":
				anchors = append(anchors, in.ID)
			case in.Type == doc.Link && strings.HasPrefix(in.Href, "#") && len(in.Href) > 1:
				targets = append(targets, in.Href[1:])
			case in.Type == doc.Field:
				if f := fieldWords(in.Instr); len(f) > 1 && (strings.EqualFold(f[0], "REF") || strings.EqualFold(f[0], "NOTEREF")) {
					pw.refTargets[f[1]] = true
				}
			}
		})
	}
	pw.d.Walk(func(b *doc.Block) {
		switch b.Type {
		case doc.Heading, doc.Paragraph, doc.FigureBlock:
			blocks[b.ID] = true
		}
		visit(b.Inlines)
		if b.Figure != nil {
			visit(b.Figure.Caption)
		}
	})
	for _, a := range anchors {
		if _, ok := pw.anchors[a]; !ok {
			pw.anchors[a] = bookmarkName(a, used)
		}
	}
	for _, id := range targets {
		if _, ok := pw.anchors[id]; ok {
			continue
		}
		if _, ok := pw.blockTargets[id]; !ok && blocks[id] {
			pw.blockTargets[id] = bookmarkName(id, used)
		}
	}
}

// bookmarkName makes a name Word accepts for a bookmark (a letter or "_"
// first, then letters, digits and "_", at most 40 characters) from id,
// unique among used.
func bookmarkName(id string, used map[string]bool) string {
	var b strings.Builder
	for _, r := range id {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	s := b.String()
	if r, _ := utf8.DecodeRuneInString(s); s == "" || !(unicode.IsLetter(r) || r == '_') {
		s = "a" + s
	}
	s = truncRunes(s, 40)
	name := s
	for n := 2; used[strings.ToLower(name)]; n++ {
		suffix := "_" + strconv.Itoa(n)
		name = truncRunes(s, 40-len(suffix)) + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}

func truncRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// freePart returns name, or a name like it that no part of the package
// has.
func (pw *pkgWriter) freePart(name string) string {
	out := name
	ext := path.Ext(name)
	for n := 2; pw.partNames[strings.ToLower(out)]; n++ {
		out = strings.TrimSuffix(name, ext) + "-" + strconv.Itoa(n) + ext
	}
	pw.partNames[strings.ToLower(out)] = true
	return out
}

// build writes every part and returns the entries of the package.
func (pw *pkgWriter) build() ([]zipFile, error) {
	t := pw.t
	gen := map[string][]byte{}        // parts written anew, by name
	genRels := map[string]*partRels{} // their relationships
	types := map[string]string{}      // content types of new parts
	var kept []relEntry
	for _, r := range t.mainRels {
		if keptRelations[r.kind()] && (r.external || t.has(r.part)) {
			kept = append(kept, r)
		}
	}
	mainOut := pw.newPart(t.main, kept)
	mainOut.srcRels = t.mainRels
	for i, typ := range []string{"footnotes", "endnotes"} {
		pw.noteParts[i] = t.target(t.mainRels, typ)
	}
	mainOut.x.WriteString(xmlDecl)
	pw.newFurniture(mainOut, gen, genRels, types)
	mainOut.x.WriteString("<w:document" + rootNamespaces() + "><w:body>")
	mainOut.blocks(pw.d.Blocks, bctx{body: true, noteI: -1})
	mainOut.x.writeCanon(pw.localSection(pw.withRefs(pw.finalSection(), pw.sections, true)))
	mainOut.x.WriteString("</w:body></w:document>")

	if err := pw.furniture(gen, genRels); err != nil {
		return nil, err
	}
	for i, typ := range []string{"footnotes", "endnotes"} {
		if pw.noteParts[i] == "" && len(pw.noteList[i]) == 0 {
			continue
		}
		part := pw.noteParts[i]
		if part == "" {
			part = pw.freePart(path.Join(path.Dir(t.main), typ+".xml"))
			mainOut.rels.add(typ, relTarget(path.Dir(t.main), part), false)
			types[part] = ctWordML + typ + "+xml"
		}
		po := pw.newPart(part, nil)
		pw.notesXML(po, i)
		gen[part] = po.x.Bytes()
		genRels[part] = po.rels
	}
	if part := t.target(t.mainRels, "numbering"); part != "" {
		gen[part] = pw.num.numberingXML()
	} else if len(pw.num.nums) > 0 {
		part := pw.freePart(path.Join(path.Dir(t.main), "numbering.xml"))
		mainOut.rels.add("numbering", relTarget(path.Dir(t.main), part), false)
		types[part] = ctWordML + "numbering+xml"
		gen[part] = pw.num.numberingXML()
	}
	stylesPart := t.target(t.mainRels, "styles")
	var stylesRoot *xnode
	if stylesPart != "" {
		var err error
		if stylesRoot, err = t.xmlPart(stylesPart); err != nil {
			return nil, err
		}
	} else {
		stylesPart = pw.freePart(path.Join(path.Dir(t.main), "styles.xml"))
		mainOut.rels.add("styles", relTarget(path.Dir(t.main), stylesPart), false)
		types[stylesPart] = ctWordML + "styles+xml"
		stylesRoot, _ = parseXML([]byte(blankStyles), "styles", 16)
	}
	gen[stylesPart] = pw.stylesXML(stylesRoot)
	if part := t.target(t.mainRels, "settings"); part != "" {
		root, err := t.xmlPart(part)
		if err != nil {
			return nil, err
		}
		pw.lang.rewriteLang(root)
		localizeNumbers(root, pw.numberLang())
		var x xb
		x.WriteString(xmlDecl)
		x.WriteString("<w:settings" + rootNamespaces() + ">")
		for _, k := range root.kids {
			x.writeCanon(k)
		}
		x.WriteString("</w:settings>")
		gen[part] = x.Bytes()
	}
	gen[t.main] = mainOut.x.Bytes()
	genRels[t.main] = mainOut.rels

	rootRels := newPartRels(t.rootRels)
	corePart := ""
	for _, r := range t.rootRels {
		if r.kind() == "core-properties" && !r.external && t.has(r.part) {
			corePart = t.name(r.part)
		}
	}
	if corePart == "" {
		corePart = pw.freePart("docProps/core.xml")
		id := "rIdCore"
		for n := 2; rootRels.used[id]; n++ {
			id = "rIdCore" + strconv.Itoa(n)
		}
		rootRels.list = append(rootRels.list, relEntry{id: id, typ: relCoreProps, target: corePart})
		types[corePart] = ctCoreProps
		gen[corePart] = pw.coreXML(nil)
	} else {
		root, err := t.xmlPart(corePart)
		if err != nil {
			return nil, err
		}
		gen[corePart] = pw.coreXML(root)
	}
	if pw.opt.Application != "" {
		appPart := ""
		for _, r := range t.rootRels {
			if r.kind() == "extended-properties" && !r.external && t.has(r.part) {
				appPart = t.name(r.part)
			}
		}
		var root *xnode
		if appPart == "" {
			appPart = pw.freePart("docProps/app.xml")
			id := "rIdApp"
			for n := 2; rootRels.used[id]; n++ {
				id = "rIdApp" + strconv.Itoa(n)
			}
			rootRels.list = append(rootRels.list, relEntry{id: id, typ: relExtProps, target: appPart})
			types[appPart] = ctExtendedProp
		} else {
			var err error
			if root, err = t.xmlPart(appPart); err != nil {
				return nil, err
			}
		}
		gen[appPart] = appXML(root, pw.opt.Application)
	}
	genRels[""] = rootRels
	for _, f := range pw.newMedia {
		gen[f.name] = f.data
	}
	for name, data := range gen {
		if strings.HasSuffix(name, ".xml") {
			if err := checkWritten(name, data, t.lim.MaxDepth); err != nil {
				return nil, err
			}
		}
	}
	return pw.assemble(gen, genRels, types)
}

// furniture writes the template's headers and footers that the document
// has (translated): each paragraph the reader made a block of is written
// from the block, with its properties and what the model does not hold
// (fields, images, shapes, positioned tabs) kept; everything else is the
// template's.
func (pw *pkgWriter) furniture(gen map[string][]byte, genRels map[string]*partRels) error {
	t := pw.t
	have := map[string]bool{}
	for _, h := range pw.d.Headers {
		have[h.Name] = true
	}
	for _, f := range t.idx.furniture {
		if !have[f.name] {
			continue
		}
		rels, err := t.rels(f.part)
		if err != nil {
			return err
		}
		po := pw.newPart(f.part, rels)
		po.srcRels, po.furniture = rels, true
		root := t.idx.furnitureRoot[f.name]
		po.x.WriteString(xmlDecl)
		po.x.WriteString("<w:" + root.local + rootNamespaces() + ">")
		for _, k := range root.kids {
			po.rewrite(k)
		}
		po.x.WriteString("</w:" + root.local + ">")
		gen[f.part] = po.x.Bytes()
		genRels[f.part] = po.rels
	}
	return nil
}

// notesXML writes a notes part: the template's separators (or Word's
// usual ones) and every note referenced from the body, in order.
func (pw *pkgWriter) notesXML(po *partOut, i int) {
	elem := []string{"footnote", "endnote"}[i]
	po.x.WriteString(xmlDecl)
	po.x.WriteString("<w:" + elem + "s" + rootNamespaces() + ">")
	if seps := pw.t.idx.separators[i]; len(seps) > 0 {
		for _, s := range seps {
			po.x.writeCanon(s)
		}
	} else {
		po.x.WriteString(`<w:` + elem + ` w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:` + elem + `>`)
		po.x.WriteString(`<w:` + elem + ` w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:` + elem + `>`)
	}
	for _, n := range pw.noteList[i] {
		po.x.open("w:"+elem, "w:id", strconv.Itoa(n.id))
		c := bctx{noteI: i, note: n}
		po.blocks(n.note.Blocks, c)
		if n.first {
			// A note without a paragraph still shows its mark.
			po.para(po.paraPPr(c, nil), nil, c, "", nil)
		}
		po.x.close("w:" + elem)
	}
	po.x.WriteString("</w:" + elem + "s>")
}

// coreXML writes the core properties with the document's title, authors
// and language; everything else stays as the template has it.
func (pw *pkgWriter) coreXML(root *xnode) []byte {
	var x xb
	x.WriteString(xmlDecl)
	if root == nil {
		x.open("cp:coreProperties", "xmlns:cp", nsCoreProp, "xmlns:dc", nsDC,
			"xmlns:dcterms", "http://purl.org/dc/terms/", "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
		if pw.d.Title != "" {
			x.textElem("dc:title", pw.d.Title)
		}
		if len(pw.d.Authors) > 0 {
			x.textElem("dc:creator", strings.Join(pw.d.Authors, "; "))
		}
		if tag := pw.coreLang(); tag != "" {
			x.textElem("dc:language", tag)
		}
		x.close("cp:coreProperties")
		return x.Bytes()
	}
	set := func(local, value string) {
		if value == "" {
			return
		}
		if c := root.child(nsDC, local); c != nil {
			c.kids = []*xnode{{text: value}}
			return
		}
		prefix := ""
		for _, a := range root.attrs {
			if a.space == "xmlns" && a.value == nsDC {
				prefix = a.local
			}
		}
		n := &xnode{space: nsDC, local: local, prefix: prefix, kids: []*xnode{{text: value}}}
		if prefix == "" {
			n.prefix = "dc"
			n.attrs = []xattr{{space: "xmlns", prefix: "xmlns", local: "dc", value: nsDC}}
		}
		root.kids = append(root.kids, n)
	}
	set("title", pw.d.Title)
	set("creator", strings.Join(pw.d.Authors, "; "))
	set("language", pw.coreLang())
	x.writeRaw(root)
	return x.Bytes()
}

// coreLang is the document's language as the core properties say it: in
// the form with a region that the w:lang of the text uses ("en-GB" for
// "en").
func (pw *pkgWriter) coreLang() string {
	if pw.lang.target != "" {
		return pw.lang.target
	}
	return pw.d.Lang
}

// nsExtProps is the namespace of the extended properties (docProps/app.xml).
const nsExtProps = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"

// appXML writes the extended properties (root, or none) with application as
// the program that wrote the package. The template's AppVersion, the
// version of the program that wrote the template in Office's "16.0000"
// form, is dropped: it would no longer be that of the Application named,
// and another form of version there makes Office refuse the file.
// Everything else stays as the template has it.
func appXML(root *xnode, application string) []byte {
	var x xb
	x.WriteString(xmlDecl)
	if root == nil {
		x.open("Properties", "xmlns", nsExtProps)
		x.textElem("Application", application)
		x.close("Properties")
		return x.Bytes()
	}
	kids := root.kids[:0:0]
	for _, k := range root.kids {
		if !k.is(nsExtProps, "AppVersion") {
			kids = append(kids, k)
		}
	}
	root.kids = kids
	if c := root.child(nsExtProps, "Application"); c != nil {
		c.kids = []*xnode{{text: application}}
	} else {
		root.kids = append(root.kids, &xnode{space: nsExtProps, local: "Application", prefix: root.prefix, kids: []*xnode{{text: application}}})
	}
	x.writeRaw(root)
	return x.Bytes()
}

// assemble gathers the parts the main document and the package reach
// through relationships (parts nothing points to any more, such as
// comments, are left out), with their relationships and content types.
func (pw *pkgWriter) assemble(gen map[string][]byte, genRels map[string]*partRels, newTypes map[string]string) ([]zipFile, error) {
	t := pw.t
	exists := func(part string) bool {
		_, ok := gen[part]
		return ok || t.has(part)
	}
	seen := map[string]bool{}
	kinds := map[string]string{} // part → the kind of relationship that reaches it
	var files []zipFile
	queue := []string{""}
	for len(queue) > 0 {
		part := queue[0]
		queue = queue[1:]
		var rels []relEntry
		var relsData []byte
		if pr, ok := genRels[part]; ok {
			rels = pr.list
			if len(rels) == 0 {
				continue
			}
			for i := range rels {
				if !rels[i].external && rels[i].part == "" {
					dir := path.Dir(part)
					if part == "" {
						dir = ""
					}
					rels[i].part = resolve(dir, rels[i].target)
				}
			}
			relsData = pr.xml()
		} else if t.has(relsName(part)) {
			var err error
			if rels, err = t.rels(part); err != nil {
				return nil, err
			}
			if relsData, err = t.data(t.name(relsName(part))); err != nil {
				return nil, err
			}
		}
		if relsData != nil {
			files = append(files, zipFile{pw.stored(relsName(part)), relsData})
		}
		for _, r := range rels {
			if r.external || !exists(r.part) {
				continue
			}
			name := r.part
			if _, ok := gen[name]; !ok {
				name = t.name(name)
			}
			if seen[strings.ToLower(name)] {
				continue
			}
			seen[strings.ToLower(name)] = true
			kinds[name] = r.kind()
			data, ok := gen[name]
			if !ok {
				var err error
				if data, err = t.data(name); err != nil {
					return nil, err
				}
			}
			files = append(files, zipFile{name, data})
			queue = append(queue, name)
		}
	}
	for name, kind := range kinds {
		if _, ok := newTypes[name]; !ok && partTypes[kind] != "" {
			newTypes[name] = partTypes[kind]
		}
	}
	files = append(files, zipFile{"[Content_Types].xml", pw.typesXML(files, newTypes)})
	return files, nil
}

// partTypes are the content types of the parts a relationship of a kind
// reaches, for templates whose [Content_Types].xml leaves them out.
var partTypes = map[string]string{
	"styles": ctWordML + "styles+xml", "numbering": ctWordML + "numbering+xml",
	"settings": ctWordML + "settings+xml", "fontTable": ctWordML + "fontTable+xml",
	"webSettings": ctWordML + "webSettings+xml", "footnotes": ctWordML + "footnotes+xml",
	"endnotes": ctWordML + "endnotes+xml", "header": ctWordML + "header+xml",
	"footer": ctWordML + "footer+xml", "theme": "application/vnd.openxmlformats-officedocument.theme+xml",
	"core-properties": ctCoreProps, "extended-properties": ctExtendedProp,
}

// stored returns a part name as the template stores it, or as given.
func (pw *pkgWriter) stored(name string) string {
	if pw.t.has(name) {
		return pw.t.name(name)
	}
	return name
}

// typesXML writes [Content_Types].xml for the parts of the package.
func (pw *pkgWriter) typesXML(files []zipFile, newTypes map[string]string) []byte {
	t := pw.t
	defaults := map[string]string{"rels": ctRels, "xml": ctXML}
	for ext, ct := range t.types.defaults {
		defaults[ext] = ct
	}
	overrides := map[string]string{}
	for _, f := range files {
		lower := strings.ToLower(f.name)
		ext := strings.TrimPrefix(strings.ToLower(path.Ext(f.name)), ".")
		switch {
		case f.name == t.main:
			overrides[f.name] = ctMain
		case t.types.overrides[lower] != "" && t.types.overrides[lower] != ctXML:
			if t.types.overrides[lower] != defaults[ext] {
				overrides[f.name] = t.types.overrides[lower]
			}
		case newTypes[f.name] != "":
			overrides[f.name] = newTypes[f.name]
		case defaults[ext] != "":
		case mediaTypes["."+ext] != "":
			defaults[ext] = mediaTypes["."+ext]
		default:
			overrides[f.name] = "application/octet-stream"
		}
	}
	var x xb
	x.WriteString(xmlDecl)
	x.open("Types", "xmlns", nsTypes)
	for _, ext := range sortedKeys(defaults) {
		x.empty("Default", "Extension", ext, "ContentType", defaults[ext])
	}
	for _, name := range sortedKeys(overrides) {
		x.empty("Override", "PartName", "/"+name, "ContentType", overrides[name])
	}
	x.close("Types")
	return x.Bytes()
}

// checkWritten checks that a written XML part is well-formed and that the
// prefixes its root names as ignorable are declared, as Word requires.
func checkWritten(name string, data []byte, maxDepth int) error {
	root, err := parseXML(data, name, maxDepth+50)
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	declared := map[string]bool{}
	for _, a := range root.attrs {
		if a.space == "xmlns" {
			declared[a.local] = true
		}
	}
	for _, a := range root.attrs {
		if a.space == nsMC && a.local == "Ignorable" {
			for _, p := range strings.Fields(a.value) {
				if !declared[p] {
					return fmt.Errorf("writing %s: the ignorable prefix %q is not declared", name, p)
				}
			}
		}
	}
	var undeclared func(n *xnode) string
	undeclared = func(n *xnode) string {
		if strings.HasPrefix(n.space, "undeclared:") {
			return n.prefix
		}
		for _, a := range n.attrs {
			if strings.HasPrefix(a.space, "undeclared:") {
				return a.prefix
			}
		}
		for _, k := range n.kids {
			if p := undeclared(k); p != "" {
				return p
			}
		}
		return ""
	}
	if p := undeclared(root); p != "" {
		return fmt.Errorf("writing %s: the prefix %q is not declared", name, p)
	}
	return nil
}
