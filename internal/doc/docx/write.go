package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/doc"
)

// Relationship and content types of the parts a written package has.
const (
	relBase        = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	relOfficeDoc   = relBase + "officeDocument"
	relCoreProps   = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
	relExtProps    = relBase + "extended-properties"
	ctRels         = "application/vnd.openxmlformats-package.relationships+xml"
	ctXML          = "application/xml"
	ctMain         = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	ctWordML       = "application/vnd.openxmlformats-officedocument.wordprocessingml."
	ctCoreProps    = "application/vnd.openxmlformats-package.core-properties+xml"
	ctExtendedProp = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
)

// keptRelations are the relationships of the main part that a written
// document takes over from its template: what defines the look and the page
// (styles, numbering, theme, fonts, settings, headers and footers) and the
// parts tandem rewrites (notes). The body's own links, images and comments
// are written anew.
var keptRelations = map[string]bool{
	"styles": true, "stylesWithEffects": true, "numbering": true, "settings": true,
	"webSettings": true, "fontTable": true, "theme": true, "header": true, "footer": true,
	"footnotes": true, "endnotes": true, "customXml": true, "glossaryDocument": true, "people": true,
}

// Template is a DOCX package whose look a written document takes over: its
// styles, numbering definitions, theme, fonts, settings, headers and
// footers, page setup (section properties), note separators and images.
// Paragraphs of the written document that come from the template (same
// block identifiers, as when a translation is written over its original)
// also keep their paragraph properties, list numbering and table layout.
// Writing does not change a Template: several writers may share one.
type Template struct {
	p     *pkg
	lim   Limits
	names map[string]string // lower-case part name → name as stored
	order []string          // part names in archive order
	main  string            // the main document part
	// rootRels and mainRels are the relationships of the package and of
	// the main part.
	rootRels, mainRels []relEntry
	types              contentTypes
	src                *doc.Document         // the template's content as the reader reads it
	srcBlocks          map[string]*doc.Block // its blocks by identifier
	idx                *sourceIndex
	st                 *styles
	nb                 *numbering
	mediaNames         map[string]string // part name → media name (content hash)
}

// OpenTemplateFile opens the DOCX file at name as a template. Errors begin
// with the file name.
func OpenTemplateFile(name string, lim Limits) (*Template, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	t, err := OpenTemplate(data, lim)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return t, nil
}

// OpenTemplate opens a DOCX package held in data as a template, checking it
// as Read does.
func OpenTemplate(data []byte, lim Limits) (*Template, error) {
	src, err := Read(bytes.NewReader(data), int64(len(data)), lim)
	if err != nil {
		return nil, err
	}
	lim = lim.withDefaults()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: broken ZIP archive: %v", ErrNotDOCX, err)
	}
	p, err := openPackage(zr, lim)
	if err != nil {
		return nil, err
	}
	t := &Template{p: p, lim: lim, names: map[string]string{}, src: src, mediaNames: map[string]string{},
		srcBlocks: map[string]*doc.Block{}}
	src.Walk(func(b *doc.Block) {
		if _, dup := t.srcBlocks[b.ID]; !dup && b.ID != "" {
			t.srcBlocks[b.ID] = b
		}
	})
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		t.names[strings.ToLower(f.Name)] = f.Name
		t.order = append(t.order, f.Name)
	}
	if t.rootRels, err = t.rels(""); err != nil {
		return nil, err
	}
	if t.main, err = p.mainPart(); err != nil {
		return nil, err
	}
	t.main = t.name(t.main)
	if t.mainRels, err = t.rels(t.main); err != nil {
		return nil, err
	}
	if err := t.readTypes(); err != nil {
		return nil, err
	}
	if t.st, err = p.readStyles(t.target(t.mainRels, "styles")); err != nil {
		return nil, err
	}
	if t.nb, err = p.readNumbering(t.target(t.mainRels, "numbering")); err != nil {
		return nil, err
	}
	if err := t.scan(); err != nil {
		return nil, err
	}
	// Name every image by its content now, so that writing never changes
	// the template and one template serves several writers at once.
	for _, name := range t.order {
		if mediaTypes[strings.ToLower(path.Ext(name))] != "" {
			if _, err := t.mediaName(name); err != nil {
				return nil, err
			}
		}
	}
	return t, nil
}

// name returns a part's name as the archive stores it.
func (t *Template) name(part string) string {
	if n, ok := t.names[strings.ToLower(part)]; ok {
		return n
	}
	return part
}

func (t *Template) has(part string) bool {
	_, ok := t.names[strings.ToLower(part)]
	return ok
}

// data returns the bytes of a part, bounded by the template's limits. It
// does not count towards the package's total, which opening the template
// checked: a template may be written over any number of times.
func (t *Template) data(part string) ([]byte, error) {
	f, ok := t.p.files[strings.ToLower(part)]
	if !ok {
		return nil, fmt.Errorf("%w: part %s is missing", ErrMalformed, part)
	}
	limit := max(t.lim.MaxPart, t.lim.MaxImage)
	if f.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("%w: part %s unpacks to %d MiB (at most %d MiB)", ErrTooLarge, part, f.UncompressedSize64>>20, limit>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: part %s: %v", ErrMalformed, part, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: part %s: %v", ErrMalformed, part, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w: part %s unpacks to more than allowed (a zip bomb?)", ErrTooLarge, part)
	}
	return b, nil
}

// xmlPart parses a whole XML part of the template.
func (t *Template) xmlPart(part string) (*xnode, error) {
	b, err := t.data(part)
	if err != nil {
		return nil, err
	}
	return parseXML(b, part, t.lim.MaxDepth)
}

// target returns the part the first internal relationship of type typ
// (the last element of its URI) points to, or "".
func (t *Template) target(rels []relEntry, typ string) string {
	for _, r := range rels {
		if r.kind() == typ && !r.external && t.has(r.part) {
			return t.name(r.part)
		}
	}
	return ""
}

// mediaName returns the name the reader gives the image in part (its
// content hash), reading it once; "" for a part the reader does not read
// as an image (its bytes are not one), whose figures it keeps as their
// descriptions.
func (t *Template) mediaName(part string) (string, error) {
	if n, ok := t.mediaNames[part]; ok {
		return n, nil
	}
	m, err := t.p.media(part)
	if errors.Is(err, doc.ErrNotImage) {
		t.mediaNames[part] = ""
		return "", nil
	}
	if err != nil {
		return "", err
	}
	t.mediaNames[part] = m.Name
	return m.Name, nil
}

// relEntry is one relationship of a part.
type relEntry struct {
	id, typ, target string
	external        bool
	part            string // the part an internal target names
}

// kind is the last element of the relationship type's URI: "styles",
// "image", "hyperlink", ….
func (r relEntry) kind() string { return r.typ[strings.LastIndex(r.typ, "/")+1:] }

func relsName(part string) string {
	dir, file := path.Split(part)
	return dir + "_rels/" + file + ".rels"
}

// rels reads the relationships of a part (of the package for "").
func (t *Template) rels(part string) ([]relEntry, error) {
	name := relsName(part)
	if !t.has(name) {
		return nil, nil
	}
	root, err := t.xmlPart(t.name(name))
	if err != nil {
		return nil, err
	}
	dir := path.Dir(part)
	if part == "" {
		dir = ""
	}
	var out []relEntry
	for _, e := range root.elems() {
		if e.local != "Relationship" {
			continue
		}
		r := relEntry{id: e.attr("Id"), typ: e.attr("Type"), target: e.attr("Target"), external: e.attr("TargetMode") == "External"}
		if !r.external {
			r.part = resolve(dir, r.target)
		}
		out = append(out, r)
	}
	return out, nil
}

// contentTypes is [Content_Types].xml: types by extension and by part.
type contentTypes struct {
	defaults  map[string]string // lower-case extension → type
	overrides map[string]string // lower-case part name (no leading /) → type
}

func (t *Template) readTypes() error {
	t.types = contentTypes{defaults: map[string]string{}, overrides: map[string]string{}}
	if !t.has("[Content_Types].xml") {
		return nil
	}
	root, err := t.xmlPart(t.name("[Content_Types].xml"))
	if err != nil {
		return err
	}
	for _, e := range root.elems() {
		switch e.local {
		case "Default":
			t.types.defaults[strings.ToLower(e.attr("Extension"))] = e.attr("ContentType")
		case "Override":
			t.types.overrides[strings.ToLower(strings.TrimPrefix(e.attr("PartName"), "/"))] = e.attr("ContentType")
		}
	}
	return nil
}

// WriteOptions say how Write writes a document.
type WriteOptions struct {
	// Template is the package the document takes its look from, normally
	// the manuscript the document was read from (or translated from). Nil
	// gives a plain package of tandem's own with its own styles.
	Template *Template
	// Media returns the bytes of an image that a figure or inline image
	// names and the document's Media lacks (a Markdown manuscript refers to
	// image files by path). Nil means such images are missing.
	Media func(src string) ([]byte, error)
	// Application names the program writing the package and its version
	// ("tandem v0.3.0 1a2b3c4d5e6f"), for the extended properties
	// (docProps/app.xml), where Word and LibreOffice look for the program
	// that last saved a file. Empty leaves the template's properties as
	// they are.
	Application string
}

// WriteReport says what Write could not carry into the package.
type WriteReport struct {
	// MissingImages are the image references (Src) whose bytes were not
	// found; their figures keep their captions only.
	MissingImages []string
	// DroppedLinks are internal links ("#id") whose target is not in the
	// document; their text is kept without the link.
	DroppedLinks []string
	// FlatTextBoxes counts the template's text boxes that are not in a
	// shape (a DrawingML or VML shape with a border and a place on the
	// page) and whose text is written as paragraphs of the body. Text
	// boxes in a shape are written back into it.
	FlatTextBoxes int
}

// zipTime is the modification time of every entry, so that the same
// document always gives the same bytes.
var zipTime = time.Date(2001, 7, 16, 0, 0, 0, 0, time.UTC)

// Write writes d as a DOCX package to w. The package is reproducible: the
// same document and template give the same bytes.
func Write(w io.Writer, d *doc.Document, opt WriteOptions) (WriteReport, error) {
	t := opt.Template
	if t == nil {
		var err error
		if t, err = blankTemplate(); err != nil {
			return WriteReport{}, err
		}
	}
	pw, err := newPkgWriter(t, d, opt)
	if err != nil {
		return WriteReport{}, err
	}
	pw.report.FlatTextBoxes = t.idx.flatBoxes
	files, err := pw.build()
	if err != nil {
		return pw.report, err
	}
	return pw.report, writeZip(w, files)
}

// zipFile is one entry of the written archive.
type zipFile struct {
	name string
	data []byte
}

// writeZip writes the entries with [Content_Types].xml and the package
// relationships first, then the others by name, all with the same time.
func writeZip(w io.Writer, files []zipFile) error {
	rank := func(n string) int {
		switch n {
		case "[Content_Types].xml":
			return 0
		case "_rels/.rels":
			return 1
		}
		return 2
	}
	sort.SliceStable(files, func(i, j int) bool {
		ri, rj := rank(files[i].name), rank(files[j].name)
		if ri != rj {
			return ri < rj
		}
		return files[i].name < files[j].name
	})
	zw := zip.NewWriter(w)
	for _, f := range files {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// partRels collects the relationships of a part being written.
type partRels struct {
	list  []relEntry
	used  map[string]bool
	byKey map[string]string
	next  int
}

func newPartRels(kept []relEntry) *partRels {
	r := &partRels{used: map[string]bool{}, byKey: map[string]string{}}
	for _, e := range kept {
		r.list = append(r.list, e)
		r.used[e.id] = true
	}
	return r
}

// add returns the id of a relationship of type typ (the last element of
// its URI) to target, adding it the first time.
func (r *partRels) add(typ, target string, external bool) string {
	key := typ + "\x00" + target + "\x00" + strconv.FormatBool(external)
	if id, ok := r.byKey[key]; ok {
		return id
	}
	for {
		r.next++
		id := "rIdT" + strconv.Itoa(r.next)
		if !r.used[id] {
			r.used[id] = true
			r.byKey[key] = id
			r.list = append(r.list, relEntry{id: id, typ: relBase + typ, target: target, external: external})
			return id
		}
	}
}

func (r *partRels) xml() []byte {
	var x xb
	x.WriteString(xmlDecl)
	x.open("Relationships", "xmlns", nsPkgRels)
	for _, e := range r.list {
		attrs := []string{"Id", e.id, "Type", e.typ, "Target", e.target}
		if e.external {
			attrs = append(attrs, "TargetMode", "External")
		}
		x.empty("Relationship", attrs...)
	}
	x.close("Relationships")
	return x.Bytes()
}

// relTarget returns the target of a relationship from a part in dir to
// the part named part.
func relTarget(dir, part string) string {
	if dir == "" {
		return part
	}
	if strings.HasPrefix(part, dir+"/") {
		return strings.TrimPrefix(part, dir+"/")
	}
	return "/" + part
}
