package docx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// checkPackage checks what Word needs of a package beyond well-formed XML:
// every part has a content type and is reached through relationships that
// point at parts that exist; the WordprocessingML parts declare the
// prefixes they name as ignorable; the body's references (relationships,
// styles, numbering, notes, bookmarks, drawing ids) resolve; tables and
// cells have what the schema requires. It returns the parts by name.
func checkPackage(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a ZIP archive: %v", err)
	}
	parts := map[string][]byte{}
	for i, f := range zr.File {
		if i == 0 && f.Name != "[Content_Types].xml" {
			t.Errorf("first entry is %s, want [Content_Types].xml", f.Name)
		}
		if !f.Modified.Equal(zipTime) {
			t.Errorf("%s: time %v, want the fixed %v", f.Name, f.Modified, zipTime)
		}
		if _, dup := parts[f.Name]; dup {
			t.Errorf("%s occurs twice", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		parts[f.Name] = b
	}
	xmlOf := func(name string) *xnode {
		b, ok := parts[name]
		if !ok {
			t.Fatalf("%s is missing", name)
		}
		n, err := parseXML(b, name, 300)
		if err != nil {
			t.Fatalf("%s is not well-formed: %v", name, err)
		}
		return n
	}
	for name := range parts {
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			xmlOf(name)
		}
	}
	// Content types.
	types := xmlOf("[Content_Types].xml")
	defaults, overrides := map[string]bool{}, map[string]bool{}
	for _, e := range types.elems() {
		switch e.local {
		case "Default":
			defaults[strings.ToLower(e.attr("Extension"))] = true
		case "Override":
			name := strings.TrimPrefix(e.attr("PartName"), "/")
			if _, ok := parts[name]; !ok {
				t.Errorf("[Content_Types].xml names %s, which the package lacks", name)
			}
			overrides[name] = true
		}
	}
	for name := range parts {
		ext := strings.TrimPrefix(strings.ToLower(path.Ext(name)), ".")
		if name != "[Content_Types].xml" && !overrides[name] && !defaults[ext] {
			t.Errorf("%s has no content type", name)
		}
	}
	// Relationships: every internal target exists, every part is reached.
	rels := map[string]map[string]relEntry{}
	reached := map[string]bool{"[Content_Types].xml": true}
	var visit func(part string)
	visit = func(part string) {
		rn := relsName(part)
		if _, ok := parts[rn]; !ok {
			return
		}
		reached[rn] = true
		rels[part] = map[string]relEntry{}
		dir := path.Dir(part)
		if part == "" {
			dir = ""
		}
		for _, e := range xmlOf(rn).elems() {
			r := relEntry{id: e.attr("Id"), typ: e.attr("Type"), target: e.attr("Target"), external: e.attr("TargetMode") == "External"}
			if _, dup := rels[part][r.id]; dup {
				t.Errorf("%s: relationship id %s occurs twice", rn, r.id)
			}
			rels[part][r.id] = r
			if r.external {
				continue
			}
			target := resolve(dir, r.target)
			if _, ok := parts[target]; !ok {
				t.Errorf("%s: %s points to %s, which the package lacks", rn, r.id, target)
				continue
			}
			if !reached[target] {
				reached[target] = true
				visit(target)
			}
		}
	}
	visit("")
	for name := range parts {
		if !reached[name] {
			t.Errorf("%s is in the package but nothing points to it", name)
		}
	}
	var main string
	for _, r := range rels[""] {
		if r.kind() == "officeDocument" {
			main = resolve("", r.target)
		}
	}
	if main == "" {
		t.Fatal("no officeDocument relationship")
	}
	mainRels := rels[main]
	target := func(kind string) string {
		for _, r := range mainRels {
			if r.kind() == kind && !r.external {
				return resolve(path.Dir(main), r.target)
			}
		}
		return ""
	}
	for _, kind := range []string{"comments", "commentsExtended", "commentsIds"} {
		if p := target(kind); p != "" {
			t.Errorf("the package keeps %s (%s); comments are left out", kind, p)
		}
	}
	// WordprocessingML parts: root namespaces.
	for name := range parts {
		if !strings.HasSuffix(name, ".xml") || !strings.HasPrefix(name, path.Dir(main)+"/") {
			continue
		}
		if err := checkWritten(name, parts[name], 300); err != nil {
			t.Error(err)
		}
	}
	body := xmlOf(main)
	if !body.isW("document") {
		t.Fatalf("%s: root <%s>, want w:document", main, body.local)
	}
	// Styles and numbering the body may name.
	styleIDs := map[string]bool{}
	if p := target("styles"); p != "" {
		for _, s := range xmlOf(p).elems() {
			if s.isW("style") {
				if styleIDs[s.attr("styleId")] {
					t.Errorf("style %s is defined twice", s.attr("styleId"))
				}
				styleIDs[s.attr("styleId")] = true
			}
		}
	}
	numIDs := map[string]bool{"0": true}
	absIDs := map[string]bool{}
	if p := target("numbering"); p != "" {
		for _, n := range xmlOf(p).elems() {
			switch {
			case n.isW("num"):
				numIDs[n.attr("numId")] = true
				if a := n.child(nsW, "abstractNumId"); a != nil && !absIDs[a.attr("val")] {
					t.Errorf("numbering: num %s uses abstractNum %s, not defined before it", n.attr("numId"), a.attr("val"))
				}
			case n.isW("abstractNum"):
				absIDs[n.attr("abstractNumId")] = true
			}
		}
	}
	noteIDs := map[string]map[string]bool{"footnote": {}, "endnote": {}}
	for _, typ := range []string{"footnote", "endnote"} {
		if p := target(typ + "s"); p != "" {
			for _, n := range xmlOf(p).elems() {
				if n.isW(typ) {
					noteIDs[typ][n.attr("id")] = true
				}
			}
		}
	}
	docPr := map[string]bool{}
	bookmarks := map[string]string{} // id → name
	bookmarkNames := map[string]bool{}
	var anchors []string
	var walk func(part string, n *xnode)
	walk = func(part string, n *xnode) {
		for _, a := range n.attrs {
			if a.space == nsRel {
				if _, ok := rels[part][a.value]; !ok {
					t.Errorf("%s: <%s %s:%s=%q> names no relationship", part, n.local, a.prefix, a.local, a.value)
				}
			}
		}
		switch {
		case n.isW("pStyle"), n.isW("rStyle"), n.isW("tblStyle"):
			if !styleIDs[n.attr("val")] {
				t.Errorf("%s: style %q is not defined", part, n.attr("val"))
			}
		case n.isW("numId"):
			if !numIDs[n.attr("val")] {
				t.Errorf("%s: numId %s is not defined", part, n.attr("val"))
			}
		case n.isW("ilvl"):
			if v, err := strconv.Atoi(n.attr("val")); err != nil || v < 0 || v > 8 {
				t.Errorf("%s: list level %q, want 0 to 8", part, n.attr("val"))
			}
		case n.isW("footnoteReference"), n.isW("endnoteReference"):
			typ := strings.TrimSuffix(n.local, "Reference")
			if !noteIDs[typ][n.attr("id")] {
				t.Errorf("%s: %s %s is not defined", part, n.local, n.attr("id"))
			}
		case n.is(nsWP, "docPr"):
			if docPr[n.attr("id")] {
				t.Errorf("%s: drawing id %s occurs twice", part, n.attr("id"))
			}
			docPr[n.attr("id")] = true
		case n.isW("bookmarkStart"):
			if _, dup := bookmarks[n.attr("id")]; dup || bookmarkNames[n.attr("name")] {
				t.Errorf("%s: bookmark %s %q occurs twice", part, n.attr("id"), n.attr("name"))
			}
			bookmarks[n.attr("id")] = n.attr("name")
			bookmarkNames[n.attr("name")] = true
			if name := n.attr("name"); len([]rune(name)) > 40 {
				t.Errorf("%s: bookmark name %q is longer than Word allows", part, name)
			}
		case n.isW("bookmarkEnd"):
			if _, ok := bookmarks[n.attr("id")]; !ok {
				t.Errorf("%s: bookmarkEnd %s before its start", part, n.attr("id"))
			}
		case n.isW("hyperlink"):
			if a := n.attr("anchor"); a != "" {
				anchors = append(anchors, a)
			}
		case n.isW("tbl"):
			if n.child(nsW, "tblPr") == nil || n.child(nsW, "tblGrid") == nil {
				t.Errorf("%s: a table without tblPr or tblGrid", part)
			}
		case n.isW("tc"):
			kids := n.elems()
			if len(kids) == 0 || !kids[len(kids)-1].isW("p") {
				t.Errorf("%s: a table cell that does not end with a paragraph", part)
			}
		case n.isW("t"):
			text := n.textContent()
			if text != strings.TrimSpace(text) && n.attr("space") != "preserve" {
				t.Errorf("%s: text %q loses its spaces without xml:space", part, text)
			}
		case n.isW("pPr"):
			last := -1
			for _, k := range n.elems() {
				r := orderRank(pprOrder, k.local)
				if r < last {
					t.Errorf("%s: w:pPr children out of schema order at <%s>", part, k.local)
				}
				last = r
			}
		}
		for _, k := range n.kids {
			if k.local != "" {
				walk(part, k)
			}
		}
	}
	walk(main, body)
	for _, typ := range []string{"footnotes", "endnotes"} {
		if p := target(typ); p != "" {
			walk(p, xmlOf(p))
		}
	}
	for _, a := range anchors {
		if !bookmarkNames[a] {
			t.Errorf("a hyperlink points to bookmark %q, which is not there", a)
		}
	}
	b := body.child(nsW, "body")
	if b == nil {
		t.Fatal("no w:body")
	}
	if kids := b.elems(); len(kids) == 0 || !kids[len(kids)-1].isW("sectPr") {
		t.Error("the body does not end with its section properties")
	}
	return parts
}

// shape describes a document's structure: block types, heading levels and
// numbers, lists and their items, table shapes, figures, and notes.
func shape(d *doc.Document) string {
	var b strings.Builder
	var blocks func(bs []doc.Block, indent string)
	blocks = func(bs []doc.Block, indent string) {
		for _, bl := range bs {
			b.WriteString(indent + string(bl.Type))
			switch bl.Type {
			case doc.Heading:
				fmt.Fprintf(&b, " %d %q", bl.Level, bl.Number)
			case doc.ListBlock:
				fmt.Fprintf(&b, " ordered=%v start=%d style=%q", bl.List.Ordered, bl.List.Start, bl.List.Style)
			case doc.FigureBlock:
				fmt.Fprintf(&b, " image=%v captionAbove=%v", bl.Figure.Src != "", bl.Figure.CaptionAbove)
			}
			b.WriteByte('\n')
			blocks(bl.Blocks, indent+"  ")
			if bl.List != nil {
				for _, it := range bl.List.Items {
					b.WriteString(indent + "  item " + it.Label + "\n")
					blocks(it.Blocks, indent+"    ")
				}
			}
			if bl.Table != nil {
				for _, r := range bl.Table.Rows {
					fmt.Fprintf(&b, "%s  row header=%v:", indent, r.Header)
					for _, c := range r.Cells {
						fmt.Fprintf(&b, " %dx%d", max(c.ColSpan, 1), max(c.RowSpan, 1))
					}
					b.WriteByte('\n')
					for _, c := range r.Cells {
						blocks(c.Blocks, indent+"    ")
					}
				}
			}
		}
	}
	blocks(d.Blocks, "")
	for _, n := range d.Notes {
		b.WriteString(string(n.Type) + "\n")
		blocks(n.Blocks, "  ")
	}
	return b.String()
}

// texts returns the text of every heading, paragraph and caption of d in
// reading order, notes last, with formulas as their TeX.
func texts(d *doc.Document) []string {
	var out []string
	d.Walk(func(b *doc.Block) {
		switch {
		case b.Type == doc.Heading || b.Type == doc.Paragraph:
			out = append(out, doc.PlainText(b.Inlines))
		case b.Figure != nil && len(b.Figure.Caption) > 0:
			out = append(out, doc.PlainText(b.Figure.Caption))
		}
	})
	return out
}

// sameTexts reports the first difference between two lists of texts.
func sameTexts(t *testing.T, what string, got, want []string) {
	t.Helper()
	for i := 0; i < len(got) || i < len(want); i++ {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Errorf("%s: text %d is %q, want %q", what, i, g, w)
			return
		}
	}
}

// numIDs lists the numId of every numbered paragraph of a package's body,
// in order.
func numIDs(t *testing.T, parts map[string][]byte) []string {
	t.Helper()
	body, err := parseXML(parts["word/document.xml"], "document", 300)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(n *xnode)
	walk = func(n *xnode) {
		if n.isW("numId") {
			out = append(out, n.attr("val"))
		}
		for _, k := range n.elems() {
			walk(k)
		}
	}
	walk(body)
	return out
}

func itoa(i int) string { return strconv.Itoa(i) }
