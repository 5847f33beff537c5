package docx

import (
	"encoding/xml"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/doc"
)

// markOrder is the nesting order of marks, outermost first.
var markOrder = []struct {
	bit uint16
	typ doc.InlineType
}{
	{mStrong, doc.Strong}, {mEmph, doc.Emph}, {mUnderline, doc.Underline}, {mStrike, doc.Strike},
	{mSmallCaps, doc.SmallCaps}, {mSup, doc.Sup}, {mSub, doc.Sub},
}

// buildInlines nests a paragraph's atoms into inlines: links outermost, then
// language spans, then looks (Styled), then the marks in markOrder, so that
// the same content always gets the same nesting.
func buildInlines(atoms []atom) []doc.Inline {
	if len(atoms) == 0 {
		return nil
	}
	atoms = splitEdges(atoms)
	fillNeutralLang(atoms)
	return group(atoms, 0)
}

// splitEdges takes the spaces at the edges of text with a language out of
// it, so that a language span ends where its words end.
func splitEdges(atoms []atom) []atom {
	var out []atom
	for i, a := range atoms {
		if a.kind != aText || a.lang == "" {
			if out != nil {
				out = append(out, a)
			}
			continue
		}
		body := strings.TrimRight(strings.TrimLeft(a.text, " \t\u00a0"), " \t\u00a0")
		if len(body) == len(a.text) || body == "" {
			if out != nil {
				out = append(out, a)
			}
			continue
		}
		if out == nil {
			out = append(make([]atom, 0, len(atoms)+4), atoms[:i]...)
		}
		lead := a.text[:strings.Index(a.text, body)]
		trail := a.text[len(lead)+len(body):]
		if lead != "" {
			sp := a
			sp.text, sp.lang = lead, ""
			out = append(out, sp)
		}
		a.text = body
		out = append(out, a)
		if trail != "" {
			sp := a
			sp.text, sp.lang = trail, ""
			out = append(out, sp)
		}
	}
	if out == nil {
		return atoms
	}
	return out
}

// fillNeutralLang gives text without letters (spaces, digits, punctuation,
// note references) the language of its neighbours when both sides agree, so
// that a name of two words stays one span.
func fillNeutralLang(atoms []atom) {
	for i := 0; i < len(atoms); {
		if atoms[i].lang != "" || i == 0 {
			i++
			continue
		}
		j := i
		for j < len(atoms) && atoms[j].lang == "" {
			j++
		}
		if j < len(atoms) && atoms[i-1].lang == atoms[j].lang {
			for k := i; k < j; k++ {
				atoms[k].lang = atoms[j].lang
			}
		}
		i = j
	}
}

// uniformLook takes the look off the text of a paragraph whose text all
// has the same: a paragraph highlighted or coloured throughout is no
// Styled mark, since a DOCX written over the source carries such a look
// from the source's paragraph (see srcEntry.runs).
func uniformLook(atoms []atom) {
	var first *doc.Style
	for i := range atoms {
		if atoms[i].kind != aText {
			continue
		}
		if first == nil {
			first = &atoms[i].sty
		} else if atoms[i].sty != *first {
			return
		}
	}
	for i := range atoms {
		atoms[i].sty = doc.Style{}
	}
}

// lookKey is a key that tells looks apart, "" for none.
func lookKey(s doc.Style) string {
	if s == (doc.Style{}) {
		return ""
	}
	return s.Name + "\x00" + s.Highlight + "\x00" + s.Color + "\x00" + s.Shading
}

// group nests atoms at the given level: 0 links, 1 languages, 2 looks,
// then marks.
func group(atoms []atom, level int) []doc.Inline {
	if level == 3+len(markOrder) {
		return leaves(atoms)
	}
	key := func(a *atom) string {
		switch level {
		case 0:
			return a.href
		case 1:
			return a.lang
		case 2:
			return lookKey(a.sty)
		}
		if a.marks&markOrder[level-3].bit != 0 {
			return "1"
		}
		return ""
	}
	var out []doc.Inline
	for i := 0; i < len(atoms); {
		k := key(&atoms[i])
		j := i + 1
		for j < len(atoms) && key(&atoms[j]) == k {
			j++
		}
		inner := group(atoms[i:j], level+1)
		switch {
		case k == "":
			out = append(out, inner...)
		case level == 0:
			out = append(out, doc.Inline{Type: doc.Link, Href: k, Content: inner})
		case level == 1:
			out = append(out, doc.Inline{Type: doc.Span, Lang: k, Content: inner})
		case level == 2:
			look := atoms[i].sty
			out = append(out, doc.Inline{Type: doc.Styled, Style: &look, Content: inner})
		default:
			out = append(out, doc.Inline{Type: markOrder[level-3].typ, Content: inner})
		}
		i = j
	}
	return out
}

func leaves(atoms []atom) []doc.Inline {
	var out []doc.Inline
	for i := 0; i < len(atoms); i++ {
		a := &atoms[i]
		switch a.kind {
		case aText:
			in := doc.Inline{Type: doc.Text, Text: a.text}
			if a.code {
				in.Type = doc.Code
				if a.codeStyle != "" {
					in.Style = &doc.Style{Name: a.codeStyle}
				}
			}
			if n := len(out); n > 0 && out[n-1].Type == in.Type && doc.SameStyle(out[n-1].Style, in.Style) {
				out[n-1].Text += a.text
				continue
			}
			out = append(out, in)
		case aBreak:
			out = append(out, doc.Inline{Type: doc.LineBreak, Break: a.brk})
		case aNote:
			out = append(out, doc.Inline{Type: doc.NoteRef, Note: a.note, Mark: a.mark})
		case aAnchor:
			out = append(out, doc.Inline{Type: doc.Anchor, ID: a.mark})
		case aImage:
			out = append(out, doc.Inline{Type: doc.Image, Src: a.src, Alt: a.alt})
		case aMath:
			out = append(out, doc.Inline{Type: doc.MathInline, Math: a.math})
		case aField:
			out = append(out, doc.Inline{Type: doc.Field, Instr: a.mark, Text: a.text})
		}
	}
	return out
}

// rawCell is a table cell before merged cells are resolved.
type rawCell struct {
	span   int
	vmerge string // "", "restart" or "continue"
	blocks []doc.Block
}

type rawRow struct {
	header, deleted bool
	before          int
	cells           []rawCell
}

// table reads a w:tbl element.
func (r *reader) table(x *xmlPart) (*doc.Block, error) {
	var rows []rawRow
	var visit func(s xml.StartElement) error
	visit = func(s xml.StartElement) error {
		switch wname(s.Name) {
		case "tr":
			row, err := r.row(x)
			rows = append(rows, row)
			return err
		case "sdt":
			return x.sdtContent(visit)
		case "customXml", "ins", "moveTo":
			return x.children(visit)
		case "bookmarkStart":
			r.bookmarkBetween(s)
		}
		return x.skip()
	}
	if err := x.children(visit); err != nil {
		return nil, err
	}
	t := &doc.Table{}
	type origin struct{ row, cell int }
	open := map[int]origin{}
	leading := true
	for _, raw := range rows {
		if raw.deleted {
			continue
		}
		row := doc.Row{Header: raw.header && leading, Cells: []doc.Cell{}}
		leading = row.Header
		col := raw.before
		for _, c := range raw.cells {
			span := max(c.span, 1)
			if c.vmerge == "continue" {
				if o, ok := open[col]; ok {
					cell := &t.Rows[o.row].Cells[o.cell]
					cell.RowSpan = max(cell.RowSpan, 1) + 1
					col += span
					continue
				}
			}
			cell := doc.Cell{Blocks: c.blocks}
			if cell.Blocks == nil {
				cell.Blocks = []doc.Block{}
			}
			if span > 1 {
				cell.ColSpan = span
			}
			if c.vmerge != "" {
				open[col] = origin{len(t.Rows), len(row.Cells)}
			} else {
				delete(open, col)
			}
			row.Cells = append(row.Cells, cell)
			col += span
		}
		t.Rows = append(t.Rows, row)
	}
	if len(t.Rows) == 0 {
		return nil, nil
	}
	return &doc.Block{Type: doc.TableBlock, Table: t}, nil
}

func (r *reader) row(x *xmlPart) (rawRow, error) {
	var row rawRow
	var visit func(s xml.StartElement) error
	visit = func(s xml.StartElement) error {
		switch wname(s.Name) {
		case "trPr":
			return x.children(func(c xml.StartElement) error {
				switch wname(c.Name) {
				case "tblHeader":
					row.header = onOff(c)
				case "del":
					row.deleted = true
				case "gridBefore":
					row.before, _ = strconv.Atoi(attr(c, "val"))
				}
				return x.skip()
			})
		case "tc":
			c, err := r.cell(x)
			row.cells = append(row.cells, c)
			return err
		case "sdt":
			return x.sdtContent(visit)
		case "customXml", "ins", "moveTo":
			return x.children(visit)
		case "bookmarkStart":
			r.bookmarkBetween(s)
		}
		return x.skip()
	}
	err := x.children(visit)
	return row, err
}

func (r *reader) cell(x *xmlPart) (rawCell, error) {
	c := rawCell{span: 1}
	var pbs []pblock
	var visit func(s xml.StartElement) error
	visit = func(s xml.StartElement) error {
		switch wname(s.Name) {
		case "tcPr":
			return x.children(func(p xml.StartElement) error {
				switch wname(p.Name) {
				case "gridSpan":
					if n, err := strconv.Atoi(attr(p, "val")); err == nil && n > 1 && n < 1000 {
						c.span = n
					}
				case "vMerge":
					c.vmerge = "continue"
					if attr(p, "val") == "restart" {
						c.vmerge = "restart"
					}
				}
				return x.skip()
			})
		case "p":
			bs, err := r.paragraph(x)
			pbs = append(pbs, bs...)
			return err
		case "tbl":
			b, err := r.table(x)
			if err == nil && b != nil {
				pbs = append(pbs, pblock{b: *b})
			}
			return err
		case "sdt":
			return x.children(func(s xml.StartElement) error {
				if wname(s.Name) == "sdtContent" {
					more, err := r.blockContent(x)
					pbs = append(pbs, more...)
					return err
				}
				return x.skip()
			})
		case "customXml", "ins", "moveTo":
			return x.children(visit)
		case "bookmarkStart":
			r.bookmarkBetween(s)
		}
		return x.skip()
	}
	err := x.children(visit)
	c.blocks = r.finalize(pbs)
	return c, err
}

// finalize groups numbered paragraphs into lists, consecutive quotation
// paragraphs into one quotation, and captions into their figures: the
// caption after a figure, else the one just before it (CaptionAbove).
func (r *reader) finalize(pbs []pblock) []doc.Block {
	out := make([]doc.Block, 0, len(pbs))
	var caption []doc.Inline
	for i := 0; i < len(pbs); {
		pb := &pbs[i]
		switch {
		case pb.list:
			j := i
			for j < len(pbs) && pbs[j].list {
				j++
			}
			for k := i; k < j; {
				var b doc.Block
				b, k = listAt(pbs[:j], k, pbs[k].ilvl)
				out = append(out, b)
			}
			i = j
			continue
		case pb.quote:
			j := i
			q := doc.Block{Type: doc.Quote}
			for j < len(pbs) && pbs[j].quote {
				q.Blocks = append(q.Blocks, pbs[j].b)
				j++
			}
			out = append(out, q)
			i = j
			continue
		case pb.caption && !pb.tableCaption:
			n := len(out)
			switch {
			case n > 0 && out[n-1].Type == doc.FigureBlock && len(out[n-1].Figure.Caption) == 0:
				out[n-1].Figure.Caption = pb.b.Inlines
			case i+1 < len(pbs) && pbs[i+1].b.Type == doc.FigureBlock:
				caption = pb.b.Inlines
			default:
				out = append(out, pb.b)
			}
		case pb.b.Type == doc.CodeBlock:
			// Consecutive paragraphs of code in the same style are the
			// lines of one block, without the blank ones at its edges;
			// a paragraph in another style for code, or one after an
			// empty paragraph not in a style for code, starts another.
			j := i
			var lines []string
			for j < len(pbs) && pbs[j].b.Type == doc.CodeBlock && !pbs[j].list && pbs[j].b.Code.Style == pb.b.Code.Style &&
				(j == i || !pbs[j].codeStart) {
				lines = append(lines, pbs[j].b.Code.Text)
				j++
			}
			for len(lines) > 0 && strings.Trim(lines[0], "\n") == "" {
				lines = lines[1:]
			}
			for len(lines) > 0 && strings.Trim(lines[len(lines)-1], "\n") == "" {
				lines = lines[:len(lines)-1]
			}
			if text := strings.Trim(strings.Join(lines, "\n"), "\n"); strings.TrimSpace(text) != "" {
				b := pb.b
				b.Code = &doc.Listing{Text: text, Style: pb.b.Code.Style, Paragraphs: len(lines) > 1}
				out = append(out, b)
			}
			i = j
			continue
		case pb.b.Type == doc.FigureBlock && caption != nil:
			b := pb.b
			b.Figure.Caption, b.Figure.CaptionAbove = caption, true
			caption = nil
			out = append(out, b)
		default:
			out = append(out, pb.b)
		}
		i++
	}
	return out
}

// listAt builds the list that starts at pbs[i] on the given level, with the
// deeper levels nested in its items, and returns it with the index of the
// first paragraph after it.
func listAt(pbs []pblock, i, level int) (doc.Block, int) {
	first := &pbs[i]
	l := &doc.List{Ordered: first.ordered, Style: first.listStyle, Items: []doc.Item{}}
	if l.Ordered {
		l.Start = first.value
	}
	for i < len(pbs) {
		pb := &pbs[i]
		switch {
		case pb.ilvl < level:
			return doc.Block{Type: doc.ListBlock, List: l}, i
		case pb.ilvl == level:
			if len(l.Items) > 0 && pb.numID != first.numID && (pb.ordered != first.ordered || level == 0) {
				return doc.Block{Type: doc.ListBlock, List: l}, i
			}
			label := pb.label
			if label == "" && (pb.ordered != l.Ordered || pb.listStyle != l.Style) {
				// Counted in this list but numbered in another format.
				label = pb.shown
			}
			l.Items = append(l.Items, doc.Item{Label: label, Blocks: []doc.Block{pb.b}})
			i++
		default:
			var sub doc.Block
			sub, i = listAt(pbs, i, level+1)
			if len(l.Items) == 0 {
				l.Items = append(l.Items, doc.Item{Blocks: []doc.Block{}})
			}
			last := &l.Items[len(l.Items)-1]
			last.Blocks = append(last.Blocks, sub)
		}
	}
	return doc.Block{Type: doc.ListBlock, List: l}, i
}
