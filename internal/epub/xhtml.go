package epub

import (
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/texmath"
)

// xbuf collects the text of one XHTML content document.
type xbuf struct {
	b []byte
}

func (x *xbuf) s(s string) { x.b = append(x.b, s...) }

// text writes s escaped for XML character data.
func (x *xbuf) text(s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&#34;"
		default:
			if s[i] < 0x20 && s[i] != '\n' && s[i] != '\t' {
				// Control characters are not allowed in XML 1.0.
				x.b = append(x.b, s[start:i]...)
				start = i + 1
			}
			continue
		}
		x.b = append(x.b, s[start:i]...)
		x.b = append(x.b, esc...)
		start = i + 1
	}
	x.b = append(x.b, s[start:]...)
}

// attr writes ` name="value"`.
func (x *xbuf) attr(name, value string) {
	x.s(" " + name + `="`)
	x.text(value)
	x.s(`"`)
}

// langAttrs writes lang and xml:lang, as EPUB content documents need both
// (xml:lang for XML processors, lang for the HTML accessibility tree).
func (x *xbuf) langAttrs(l string) {
	x.attr("lang", l)
	x.attr("xml:lang", l)
}

// side renders one language's document of a chapter (or of the preface)
// into XHTML: the blocks with their IDs (plus a suffix on the second
// language of a parallel book, so that both sides' IDs stay distinct),
// spans in another language with xml:lang, notes as asides with links in
// both directions.
type side struct {
	d      *doc.Document
	lang   string
	suffix string
	// labels are the notes' numbers or marks, per chapter.
	labels map[string]string
	// refs counts the references written to each note, for their IDs.
	refs map[string]int
	// referenced are the notes a reference of the text calls.
	referenced map[string]bool
	targets    map[string]bool
	anchors    map[string]bool
	// breaks are the print pages that begin at a top-level block, by
	// block ID.
	breaks map[string][]pageBreak
	// media receives the names of the document's images that the side
	// shows; mathml is set when it writes a formula.
	media   map[string]*doc.Media
	mathml  bool
	figures int
	// figureLabel makes the fallback text of a figure without alt text
	// or caption ("Figure 2").
	figureLabel func(n int) string
	// label is a list item's label, written at the start of the item's
	// first paragraph.
	label string
}

// pageBreak is a print page that starts at some point of a content
// document.
type pageBreak struct {
	Label string
	ID    string
}

func newSide(d *doc.Document, lang, suffix string, figureLabel func(int) string) *side {
	s := &side{d: d, lang: lang, suffix: suffix, labels: noteLabels(d), refs: map[string]int{},
		referenced: referencedNotes(d), targets: d.Targets(), anchors: map[string]bool{},
		media: map[string]*doc.Media{}, figureLabel: figureLabel}
	return s
}

// id is the XHTML id of a block, note or anchor of the side's document.
func (s *side) id(id string) string { return id + s.suffix }

// noteLabels numbers the notes of d from 1 in their order, footnotes and
// endnotes apart, leaving out the notes whose references give a mark of
// their own ("*"), which keep it.
func noteLabels(d *doc.Document) map[string]string {
	labels := map[string]string{}
	d.Walk(func(b *doc.Block) {
		eachInlines(b, func(ins []doc.Inline) {
			doc.WalkInlines(ins, func(in *doc.Inline) {
				if in.Type == doc.NoteRef && in.Mark != "" {
					if _, ok := labels[in.Note]; !ok {
						labels[in.Note] = in.Mark
					}
				}
			})
		})
	})
	count := map[doc.NoteType]int{}
	for _, n := range d.Notes {
		if _, ok := labels[n.ID]; ok {
			continue
		}
		count[n.Type]++
		labels[n.ID] = strconv.Itoa(count[n.Type])
	}
	return labels
}

// referencedNotes returns the notes that a reference in the body or in a
// note calls.
func referencedNotes(d *doc.Document) map[string]bool {
	refs := map[string]bool{}
	find := func(b *doc.Block) {
		eachInlines(b, func(ins []doc.Inline) {
			doc.WalkInlines(ins, func(in *doc.Inline) {
				if in.Type == doc.NoteRef {
					refs[in.Note] = true
				}
			})
		})
	}
	walk(d.Blocks, find)
	for i := range d.Notes {
		walk(d.Notes[i].Blocks, find)
	}
	return refs
}

func walk(bs []doc.Block, fn func(*doc.Block)) {
	for i := range bs {
		fn(&bs[i])
		bs[i].EachChildList(func(children []doc.Block) { walk(children, fn) })
	}
}

// eachInlines calls fn with each list of inlines b holds directly.
func eachInlines(b *doc.Block, fn func([]doc.Inline)) {
	fn(b.Inlines)
	if b.Figure != nil {
		fn(b.Figure.Caption)
	}
}

// pageBreaks writes the page breaks that begin at block id.
func (s *side) pageBreaks(x *xbuf, id string) {
	for _, p := range s.breaks[id] {
		writePageBreak(x, p)
	}
}

func writePageBreak(x *xbuf, p pageBreak) {
	x.s(`<span epub:type="pagebreak" role="doc-pagebreak"`)
	x.attr("id", p.ID)
	x.attr("aria-label", p.Label)
	x.s("></span>\n")
}

// blocks writes bs, which are in language lang.
func (s *side) blocks(x *xbuf, bs []doc.Block, lang string) {
	for i := range bs {
		s.block(x, &bs[i], lang)
	}
}

// open writes the start of an element for b, with its id and its
// language when it differs from lang; it returns the language inside.
func (s *side) open(x *xbuf, tag string, b *doc.Block, lang string) string {
	x.s("<" + tag)
	if b.ID != "" {
		x.attr("id", s.id(b.ID))
	}
	if b.Lang != "" && !strings.EqualFold(b.Lang, lang) {
		x.langAttrs(b.Lang)
		return b.Lang
	}
	return lang
}

func (s *side) block(x *xbuf, b *doc.Block, lang string) {
	switch b.Type {
	case doc.Heading:
		level := min(max(b.Level, 1), 6)
		tag := "h" + strconv.Itoa(level)
		inner := s.open(x, tag, b, lang)
		x.s(">")
		s.itemLabel(x)
		if b.Number != "" {
			x.s(`<span class="number">`)
			x.text(b.Number)
			x.s("</span>" + doc.LabelSpace(b.Number))
		}
		s.inlines(x, doc.TrimBreaks(b.Inlines), inner)
		x.s("</" + tag + ">\n")
	case doc.Paragraph:
		inner := s.open(x, "p", b, lang)
		x.s(">")
		s.itemLabel(x)
		s.inlines(x, doc.TrimBreaks(b.Inlines), inner)
		x.s("</p>\n")
	case doc.Quote:
		inner := s.open(x, "blockquote", b, lang)
		x.s(">\n")
		s.blocks(x, b.Blocks, inner)
		x.s("</blockquote>\n")
	case doc.ListBlock:
		if b.List == nil {
			return
		}
		tag := "ul"
		if b.List.Ordered {
			tag = "ol"
		}
		inner := s.open(x, tag, b, lang)
		if b.List.Ordered && b.List.Start != 0 && b.List.Start != 1 {
			x.attr("start", strconv.Itoa(b.List.Start))
		}
		if b.List.Style != "" && safeCSSWord(b.List.Style) {
			x.attr("style", "list-style-type:"+b.List.Style)
		}
		x.s(">\n")
		for _, it := range b.List.Items {
			if it.Label == "" {
				x.s("<li>")
			} else {
				x.s(`<li class="labelled">`)
				s.label = it.Label
				if len(it.Blocks) == 0 || (it.Blocks[0].Type != doc.Paragraph && it.Blocks[0].Type != doc.Heading) {
					s.itemLabel(x)
				}
			}
			s.blocks(x, it.Blocks, inner)
			s.label = ""
			x.s("</li>\n")
		}
		x.s("</" + tag + ">\n")
	case doc.TableBlock:
		if b.Table == nil {
			return
		}
		inner := s.open(x, "table", b, lang)
		x.s(">\n")
		s.rows(x, b.Table.Rows, inner)
		x.s("</table>\n")
	case doc.FigureBlock:
		inner := s.open(x, "figure", b, lang)
		x.s(">")
		if f := b.Figure; f != nil {
			s.figures++
			caption := func() {
				if len(f.Caption) > 0 {
					x.s("<figcaption>")
					s.inlines(x, doc.TrimBreaks(f.Caption), inner)
					x.s("</figcaption>")
				}
			}
			if f.CaptionAbove {
				caption()
			}
			alt := strings.TrimSpace(f.Alt)
			if alt == "" {
				alt = strings.TrimSpace(doc.PlainText(f.Caption))
			}
			if alt == "" {
				alt = s.figureLabel(s.figures)
			}
			if m := s.image(f.Src); m != nil {
				x.s("<img")
				x.attr("src", mediaHref(m))
				x.attr("alt", alt)
				x.s("/>")
			} else {
				x.s(`<span class="missing-image">`)
				x.text(alt)
				x.s("</span>")
			}
			if !f.CaptionAbove {
				caption()
			}
		}
		x.s("</figure>\n")
	case doc.CodeBlock:
		if b.Code == nil {
			return
		}
		s.open(x, "pre", b, lang)
		x.s("><code")
		if b.Code.Language != "" {
			x.attr("class", "language-"+b.Code.Language)
		}
		x.s(">")
		x.text(b.Code.Text)
		x.s("</code></pre>\n")
	case doc.SectionBreak:
		s.open(x, "hr", b, lang)
		x.s(` class="section-break"/>` + "\n")
	}
}

// safeCSSWord reports whether v is a plain CSS keyword (list-style-type).
func safeCSSWord(v string) bool {
	for _, c := range v {
		if !(c == '-' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return v != ""
}

func (s *side) itemLabel(x *xbuf) {
	if s.label == "" {
		return
	}
	x.s(`<span class="label">`)
	x.text(s.label)
	x.s("</span>" + doc.LabelSpace(s.label))
	s.label = ""
}

func (s *side) rows(x *xbuf, rows []doc.Row, lang string) {
	head := 0
	for head < len(rows) && rows[head].Header {
		head++
	}
	section := func(tag string, rows []doc.Row) {
		if len(rows) == 0 {
			return
		}
		x.s("<" + tag + ">\n")
		for _, r := range rows {
			x.s("<tr>")
			cell := "td"
			if r.Header {
				cell = "th"
			}
			for _, c := range r.Cells {
				x.s("<" + cell)
				if c.ColSpan > 1 {
					x.attr("colspan", strconv.Itoa(c.ColSpan))
				}
				if c.RowSpan > 1 {
					x.attr("rowspan", strconv.Itoa(c.RowSpan))
				}
				x.s(">")
				s.blocks(x, c.Blocks, lang)
				x.s("</" + cell + ">")
			}
			x.s("</tr>\n")
		}
		x.s("</" + tag + ">\n")
	}
	section("thead", rows[:head])
	section("tbody", rows[head:])
}

// image returns the media entry an image shows when the EPUB can carry
// it (a core media type of EPUB 3 with its bytes), recording it; nil
// otherwise, and the writer shows the alternative text instead.
func (s *side) image(src string) *doc.Media {
	m := s.d.MediaByName(src)
	if m == nil || len(m.Data) == 0 || !coreImage(m.Type) || !safeName(m.Name) {
		return nil
	}
	s.media[m.Name] = m
	return m
}

func (s *side) inlines(x *xbuf, ins []doc.Inline, lang string) {
	for i := range ins {
		s.inline(x, &ins[i], lang)
	}
}

func (s *side) wrap(x *xbuf, open, close string, in *doc.Inline, lang string) {
	if !doc.Shows(in.Content) {
		s.inlines(x, in.Content, lang)
		return
	}
	x.s(open)
	s.inlines(x, in.Content, lang)
	x.s(close)
}

func (s *side) inline(x *xbuf, in *doc.Inline, lang string) {
	switch in.Type {
	case doc.Text:
		x.text(in.Text)
	case doc.Emph:
		s.wrap(x, "<em>", "</em>", in, lang)
	case doc.Strong:
		s.wrap(x, "<strong>", "</strong>", in, lang)
	case doc.Underline:
		s.wrap(x, "<u>", "</u>", in, lang)
	case doc.Strike:
		s.wrap(x, "<s>", "</s>", in, lang)
	case doc.Sup:
		s.wrap(x, "<sup>", "</sup>", in, lang)
	case doc.Sub:
		s.wrap(x, "<sub>", "</sub>", in, lang)
	case doc.SmallCaps:
		s.wrap(x, `<span class="smallcaps">`, "</span>", in, lang)
	case doc.Styled:
		s.wrap(x, `<span class="styled">`, "</span>", in, lang)
	case doc.Link:
		href, ok := "", false
		if id, internal := doc.InternalTarget(in.Href); internal {
			href, ok = "#"+s.id(id), s.targets[id]
		} else if h, safe := doc.SafeHref(in.Href); safe && external(h) {
			href, ok = h, true
		}
		if !ok || !doc.Shows(in.Content) {
			s.inlines(x, in.Content, lang)
			return
		}
		x.s("<a")
		x.attr("href", href)
		x.s(">")
		s.inlines(x, in.Content, lang)
		x.s("</a>")
	case doc.Span:
		if in.Lang == "" || strings.EqualFold(in.Lang, lang) || !doc.Shows(in.Content) {
			s.inlines(x, in.Content, lang)
			return
		}
		x.s("<span")
		x.langAttrs(in.Lang)
		x.s(">")
		s.inlines(x, in.Content, in.Lang)
		x.s("</span>")
	case doc.NoteRef:
		label, ok := s.labels[in.Note]
		if !ok {
			return
		}
		if in.Mark != "" {
			label = in.Mark
		}
		s.refs[in.Note]++
		x.s(`<sup><a epub:type="noteref" role="doc-noteref"`)
		x.attr("id", s.refID(in.Note, s.refs[in.Note]))
		x.attr("href", "#"+s.id(in.Note))
		x.s(">")
		x.text(label)
		x.s("</a></sup>")
	case doc.LineBreak:
		x.s("<br/>")
	case doc.Image:
		alt := strings.TrimSpace(in.Alt)
		if m := s.image(in.Src); m != nil {
			if alt == "" {
				s.figures++
				alt = s.figureLabel(s.figures)
			}
			x.s("<img")
			x.attr("src", mediaHref(m))
			x.attr("alt", alt)
			x.s("/>")
		} else {
			x.text(alt)
		}
	case doc.MathInline:
		s.math(x, in.Math)
	case doc.Field:
		x.text(in.Text)
	case doc.Code:
		if in.Text != "" {
			x.s("<code>")
			x.text(in.Text)
			x.s("</code>")
		}
	case doc.Anchor:
		if in.ID == "" || s.anchors[in.ID] {
			return
		}
		s.anchors[in.ID] = true
		x.s("<span")
		x.attr("id", s.id(in.ID))
		x.s("></span>")
	default:
		s.inlines(x, in.Content, lang)
	}
}

// external reports whether href leads out of the book (a web or mail
// address); relative links of a source document lead nowhere in it.
func external(href string) bool {
	l := strings.ToLower(href)
	for _, p := range []string{"http://", "https://", "mailto:", "ftp://", "tel:"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// math writes a formula as MathML: its own, or that of its TeX when
// internal/texmath converts it; else its TeX as text.
func (s *side) math(x *xbuf, m *doc.Math) {
	if m == nil {
		return
	}
	if m.MathML != "" {
		if clean, err := doc.CleanMathML(m.MathML, m.Display); err == nil {
			x.s(clean)
			s.mathml = true
			return
		}
	}
	// A formula from Markdown has only its TeX: as MathML when it is of
	// the kind the print edition sets as mathematics too.
	if ml, ok := texmath.MathML(m.TeX, m.Display); ok {
		if clean, err := doc.CleanMathML(ml, m.Display); err == nil {
			x.s(clean)
			s.mathml = true
			return
		}
	}
	if m.TeX != "" {
		x.s(`<span class="math">`)
		x.text(m.TeX)
		x.s("</span>")
	}
}

func (s *side) refID(note string, n int) string {
	if n <= 1 {
		return "ref-" + s.id(note)
	}
	return "ref-" + s.id(note) + "-" + strconv.Itoa(n)
}

// notes writes the document's notes, footnotes as asides then endnotes
// as a list, each opening with its number as a link back to where the
// text first calls it.
func (s *side) notes(x *xbuf, title string) {
	if len(s.d.Notes) == 0 {
		return
	}
	hid := "notes" + s.suffix
	x.s(`<section class="notes"`)
	x.attr("aria-labelledby", hid)
	x.s(">\n<h2")
	x.attr("id", hid)
	x.s(">")
	x.text(title)
	x.s("</h2>\n")
	var endnotes []*doc.Note
	for i := range s.d.Notes {
		if n := &s.d.Notes[i]; n.Type == doc.Endnote {
			endnotes = append(endnotes, n)
		} else {
			s.note(x, n, "aside")
		}
	}
	if len(endnotes) > 0 {
		// HTML allows role doc-endnote on a list item only: endnotes are
		// the items of a list of endnotes.
		x.s(`<section epub:type="endnotes" role="doc-endnotes">` + "\n<ol>\n")
		for _, n := range endnotes {
			s.note(x, n, "li")
		}
		x.s("</ol>\n</section>\n")
	}
	x.s("</section>\n")
}

// note writes one note as element tag (an aside for a footnote, a list
// item for an endnote).
func (s *side) note(x *xbuf, n *doc.Note, tag string) {
	kind, role := "footnote", "doc-footnote"
	if n.Type == doc.Endnote {
		kind, role = "endnote", "doc-endnote"
	}
	x.s("<" + tag)
	x.attr("id", s.id(n.ID))
	x.s(` epub:type="` + kind + `" role="` + role + `" class="note">`)
	label := s.labels[n.ID]
	back := func() {
		if s.referenced[n.ID] {
			x.s(`<a role="doc-backlink" class="backlink"`)
			x.attr("href", "#"+s.refID(n.ID, 1))
			x.s(">")
			x.text(label)
			x.s("</a> ")
		} else {
			x.s(`<span class="label">`)
			x.text(label)
			x.s("</span> ")
		}
	}
	bs := n.Blocks
	if len(bs) > 0 && bs[0].Type == doc.Paragraph {
		first := &bs[0]
		inner := s.open(x, "p", first, s.lang)
		x.s(">")
		back()
		s.inlines(x, doc.TrimBreaks(first.Inlines), inner)
		x.s("</p>\n")
		bs = bs[1:]
	} else {
		x.s("<p>")
		back()
		x.s("</p>\n")
	}
	s.blocks(x, bs, s.lang)
	x.s("</" + tag + ">\n")
}
