package docx

import (
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/doc"
)

// nsRelStrict is the namespace of relationship ids in Strict Open XML.
const nsRelStrict = "http://purl.oclc.org/ooxml/officeDocument/relationships"

// furniturePart is a header or footer part and the name the document
// model gives it (doc.Part.Name).
type furniturePart struct {
	name, part string
}

// furniture lists the header and footer parts the sections of the main
// part use, in the order the sections first use them: for each section,
// its headers (default, first page, even pages), then its footers. A part
// several sections use is listed once, named after the first. A section
// that names none of its own takes over those of the section before it,
// as Word does, and adds nothing.
func (p *pkg) furniture(main string, rels map[string]rel) ([]furniturePart, error) {
	// Most manuscripts have no header or footer: spare them a second pass
	// over the main part.
	any := false
	for _, rl := range rels {
		if rl.typ == "header" || rl.typ == "footer" {
			any = true
			break
		}
	}
	if !any {
		return nil, nil
	}
	x, err := p.xml(main)
	if err != nil {
		return nil, err
	}
	type ref struct{ kind, typ, id string }
	var sections [][]ref
	var stack []string
	var cur []ref
	inSect := false
	for {
		t, err := x.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := t.(type) {
		case xml.StartElement:
			name := wname(t.Name)
			changed := false
			for _, s := range stack {
				if s == "pPrChange" || s == "sectPrChange" || s == "rPrChange" {
					changed = true
				}
			}
			stack = append(stack, name)
			switch {
			case name == "sectPr" && !changed:
				inSect, cur = true, nil
			case inSect && (name == "headerReference" || name == "footerReference") && !changed:
				id := ""
				for _, a := range t.Attr {
					if a.Name.Local == "id" && (a.Name.Space == nsRel || a.Name.Space == nsRelStrict) {
						id = a.Value
					}
				}
				cur = append(cur, ref{name[:6], attr(t, "type"), id})
			}
		case xml.EndElement:
			if len(stack) == 0 {
				continue
			}
			name := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if name == "sectPr" && inSect && (len(stack) == 0 || stack[len(stack)-1] != "sectPrChange") {
				inSect = false
				sections = append(sections, cur)
			}
		}
	}
	var out []furniturePart
	seen := map[string]bool{}
	for i, refs := range sections {
		for _, kind := range []string{"header", "footer"} {
			for _, typ := range []string{"default", "first", "even"} {
				for _, rf := range refs {
					if rf.kind != kind || (rf.typ != typ && !(typ == "default" && rf.typ == "")) {
						continue
					}
					rl, ok := rels[rf.id]
					if !ok || rl.external || !p.has(rl.target) || seen[rl.target] {
						continue
					}
					seen[rl.target] = true
					name := kind
					if typ != "default" {
						name += "-" + typ
					}
					if i > 0 {
						name += "-s" + strconv.Itoa(i+1)
					}
					out = append(out, furniturePart{name: name, part: rl.target})
				}
			}
		}
	}
	return out, nil
}

// readFurniture reads the headers and footers of the document into
// d.Headers: their paragraphs and tables, with fields (page numbers,
// dates) as field inlines. Their images are left out: they are not text
// to translate, and a DOCX written over the source keeps them where they
// are.
func (r *reader) readFurniture(main string) error {
	rels, err := r.p.relsOf(main)
	if err != nil {
		return err
	}
	parts, err := r.p.furniture(main, rels)
	if err != nil {
		return err
	}
	media := len(r.d.Media)
	r.furniture = true
	defer func() { r.furniture = false }()
	for _, f := range parts {
		r.fields, r.carry, r.pendingAnchors = nil, nil, nil
		blocks, err := r.furniturePart(f.part)
		r.fields, r.carry, r.pendingAnchors = nil, nil, nil
		switch {
		case errors.Is(err, ErrMalformed):
			// A broken header is no reason to refuse the manuscript.
			r.d.Warn("%v: the %s is left out", err, strings.SplitN(f.name, "-", 2)[0])
		case err != nil:
			return err
		case len(blocks) > 0:
			r.d.Headers = append(r.d.Headers, doc.Part{Name: f.name, Blocks: blocks})
		}
	}
	// Images only headers show are not the document's.
	r.d.Media = r.d.Media[:media]
	return nil
}

// furniturePart reads the blocks of a header or footer part.
func (r *reader) furniturePart(part string) ([]doc.Block, error) {
	var err error
	if r.rels, err = r.p.relsOf(part); err != nil {
		return nil, err
	}
	x, err := r.p.xml(part)
	if err != nil {
		return nil, err
	}
	root, err := x.root()
	if err != nil {
		return nil, err
	}
	if n := wname(root.Name); n != "hdr" && n != "ftr" {
		return nil, nil
	}
	pbs, err := r.blockContent(x)
	if err != nil {
		return nil, err
	}
	return withoutImages(r.finalize(pbs)), nil
}

// withoutImages returns blocks without figures and inline images, and
// without the paragraphs that held nothing else.
func withoutImages(bs []doc.Block) []doc.Block {
	out := bs[:0]
	for _, b := range bs {
		if b.Type == doc.FigureBlock {
			if b.Figure == nil || len(b.Figure.Caption) == 0 {
				continue
			}
			b = doc.Block{Type: doc.Paragraph, Lang: b.Lang, Inlines: b.Figure.Caption}
		}
		b.Inlines = dropImages(b.Inlines)
		if (b.Type == doc.Paragraph || b.Type == doc.Heading) && len(b.Inlines) == 0 {
			continue
		}
		b.Blocks = withoutImages(b.Blocks)
		if b.List != nil {
			for i := range b.List.Items {
				b.List.Items[i].Blocks = withoutImages(b.List.Items[i].Blocks)
			}
		}
		if b.Table != nil {
			for _, row := range b.Table.Rows {
				for i := range row.Cells {
					row.Cells[i].Blocks = withoutImages(row.Cells[i].Blocks)
				}
			}
		}
		out = append(out, b)
	}
	return out
}

func dropImages(ins []doc.Inline) []doc.Inline {
	if len(ins) == 0 {
		return ins
	}
	out := make([]doc.Inline, 0, len(ins))
	for _, in := range ins {
		if in.Type == doc.Image {
			continue
		}
		in.Content = dropImages(in.Content)
		if in.Type.IsMark() && len(in.Content) == 0 {
			continue
		}
		out = append(out, in)
	}
	return out
}
