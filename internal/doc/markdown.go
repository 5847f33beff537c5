package doc

import (
	"bufio"
	"bytes"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// MarkdownOptions says how WriteMarkdownWith renders a document.
type MarkdownOptions struct {
	// Media says how the text refers to the document's own images.
	Media MediaLinks
	// MediaPrefix is put before a media name to make an image's path
	// ("media/" by default) when Media is LinkMedia.
	MediaPrefix string
}

// WriteMarkdown renders d as CommonMark with footnotes and pipe tables,
// referring to its images under media/; see WriteMarkdownWith.
func WriteMarkdown(w io.Writer, d *Document) error {
	return WriteMarkdownWith(w, d, MarkdownOptions{})
}

// WriteMarkdownWith renders d as CommonMark with footnotes and pipe tables.
// Metadata (title, authors, date, language, keywords, abstract) goes
// into YAML front matter when the document has any; formulas are TeX between $ and $ (or $$
// and $$ for display); anchors are empty <span id> elements. What Markdown
// cannot say (underline, superscript, subscript, small caps, language
// spans, highlights and other looks of Styled marks, tables with merged
// cells) is written as HTML, which
// internal/doc/markdown reads back. Lists whose items have labels of
// their own ("Статья 1.") or that are numbered in other styles than
// decimal (a., iii., 三、) are written in HTML too (<ol
// style="list-style-type:…" start>, each label a <span class="label">),
// as Markdown numbers only with plain numbers.
func WriteMarkdownWith(w io.Writer, d *Document, opt MarkdownOptions) error {
	if opt.MediaPrefix == "" {
		opt.MediaPrefix = "media/"
	}
	m := &mdWriter{d: d, opt: opt, anchors: map[string]bool{}, tocLinks: tocLinks(d)}
	m.labelNotes()
	m.nameLinkedBlocks()
	var b bytes.Buffer
	if err := writeFrontMatter(&b, d); err != nil {
		return err
	}
	m.blocks(&b, d.Blocks, d.Lang)
	for _, note := range d.Notes {
		var nb bytes.Buffer
		m.blocks(&nb, note.Blocks, d.Lang)
		body := strings.TrimRight(nb.String(), "\n")
		b.WriteString("[^" + m.note[note.ID] + "]: ")
		b.WriteString(indent(body, "    ", false))
		b.WriteString("\n\n")
	}
	bw := bufio.NewWriter(w)
	bw.Write(bytes.TrimRight(b.Bytes(), "\n"))
	bw.WriteByte('\n')
	return bw.Flush()
}

// asHTML writes a block Markdown cannot express (labelled lists, captions
// above images, complex tables) as an HTML block, which CommonMark
// readers, pandoc and internal/doc/markdown read back as it is.
func (m *mdWriter) asHTML(b *bytes.Buffer, bl *Block, lang string) {
	var h bytes.Buffer
	hw := newHTMLWriter(&h, m.d, HTMLOptions{Media: m.opt.Media, MediaPrefix: m.opt.MediaPrefix})
	hw.inMarkdown = true
	hw.block(bl, lang)
	hw.flush()
	b.Write(h.Bytes())
	b.WriteString("\n")
}

type mdWriter struct {
	d   *Document
	opt MarkdownOptions
	// tocLinks are the targets of the entries of a table of contents
	// without links of their own (see tocLinks), by block ID.
	tocLinks map[string]string
	// note is each note's footnote label: its number, or its mark.
	note map[string]string
	// named holds the anchors of the document (made when first needed),
	// anchors those already written.
	named, anchors map[string]bool
	// blockAnchor is the name of the anchor written at the start of each
	// block an internal link points at, by block ID (see
	// nameLinkedBlocks).
	blockAnchor map[string]string
	// oneLine is set while writing text that must stay on one line (a
	// heading, a table cell), where a line break is written as <br>.
	oneLine bool
	// ctx says where text is being written, for escapeText.
	ctx mdContext
}

// labelNotes gives each note its footnote label: its number among the
// notes without a mark of their own, or its mark when the mark can be a
// label ("*", "†": no letters, digits, spaces or brackets) and no other
// note uses it.
func (m *mdWriter) labelNotes() {
	l := labelNotes(m.d, false)
	m.note = map[string]string{}
	used := map[string]bool{}
	extra := 0
	for _, n := range m.d.Notes {
		if num, ok := l.num[n.ID]; ok {
			m.note[n.ID] = strconv.Itoa(num)
			continue
		}
		mark := l.mark[n.ID]
		if !IsNoteMark(mark) || used[mark] {
			extra++
			mark = "mark" + strconv.Itoa(extra)
		}
		used[mark] = true
		m.note[n.ID] = mark
	}
}

// IsNoteMark reports whether a footnote label is a mark of its own ("*",
// "**", "†") rather than a name for a numbered note: it is made of
// symbols and punctuation only, none of which ends a Markdown label.
func IsNoteMark(s string) bool {
	if s == "" || len(s) > 16 {
		return false
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r) || unicode.IsControl(r) ||
			strings.ContainsRune(`[]\^`, r) {
			return false
		}
	}
	return true
}

// frontMatterOut is the front matter the Markdown writer writes, in the
// order pandoc's templates show it. Strings are marshalled by the YAML
// library, which quotes what YAML would read as another type (a title
// "true", a date, "1.0").
type frontMatterOut struct {
	Title    string   `yaml:"title,omitempty"`
	Author   any      `yaml:"author,omitempty"`
	Date     string   `yaml:"date,omitempty"`
	Lang     string   `yaml:"lang,omitempty"`
	Keywords []string `yaml:"keywords,omitempty"`
	Abstract string   `yaml:"abstract,omitempty"`
}

// writeFrontMatter writes the metadata of d (title, authors, date,
// language, keywords, abstract) as YAML front matter, when it has any.
func writeFrontMatter(b *bytes.Buffer, d *Document) error {
	fm := frontMatterOut{Title: d.Title, Date: d.Date, Lang: d.Lang, Keywords: d.Keywords, Abstract: d.Abstract}
	switch len(d.Authors) {
	case 0:
	case 1:
		fm.Author = d.Authors[0]
	default:
		fm.Author = d.Authors
	}
	if fm.Title == "" && fm.Author == nil && fm.Date == "" && fm.Lang == "" && len(fm.Keywords) == 0 && fm.Abstract == "" {
		return nil
	}
	out, err := yaml.Marshal(&fm)
	if err != nil {
		return err
	}
	b.WriteString("---\n")
	b.Write(out)
	b.WriteString("---\n\n")
	return nil
}

// indent prefixes every line but (unless first) the first one.
func indent(s, prefix string, first bool) string {
	lines := strings.Split(s, "\n")
	for i := range lines {
		if (i > 0 || first) && lines[i] != "" {
			lines[i] = prefix + lines[i]
		} else if i > 0 && lines[i] == "" && strings.TrimSpace(prefix) != "" {
			lines[i] = strings.TrimRight(prefix, " ")
		}
	}
	return strings.Join(lines, "\n")
}

func (m *mdWriter) blocks(b *bytes.Buffer, bs []Block, lang string) {
	for i := range bs {
		m.block(b, &bs[i], lang)
	}
}

func (m *mdWriter) block(b *bytes.Buffer, bl *Block, lang string) {
	inner := lang
	if bl.Lang != "" {
		inner = bl.Lang
	}
	text := func(ins []Inline) string {
		if bl.Lang != "" && !strings.EqualFold(bl.Lang, lang) {
			return `<span lang="` + bl.Lang + `">` + m.inlinesAt(TrimBreaks(ins), inner, '<') + "</span>"
		}
		return m.inlinesAt(TrimBreaks(ins), inner, '\n')
	}
	switch bl.Type {
	case Heading:
		b.WriteString(strings.Repeat("#", min(max(bl.Level, 1), 6)) + " ")
		m.oneLine, m.ctx.heading = true, true
		if bl.Number != "" {
			b.WriteString(escapeLineStart(escapeText(bl.Number, unknownRune, ' ', m.ctx), true) + LabelSpace(bl.Number))
		}
		b.WriteString(escapeHeadingEnd(strings.ReplaceAll(text(m.withAnchor(bl)), "\n", " ")))
		m.oneLine, m.ctx.heading = false, false
		b.WriteString("\n\n")
	case Paragraph:
		b.WriteString(escapeLines(text(m.withAnchor(bl))))
		b.WriteString("\n\n")
	case Quote:
		var q bytes.Buffer
		m.blocks(&q, bl.Blocks, inner)
		b.WriteString(indent(strings.TrimRight(q.String(), "\n"), "> ", true))
		b.WriteString("\n\n")
	case ListBlock:
		if bl.List == nil {
			return
		}
		n := bl.List.Start
		if n == 0 {
			n = 1
		}
		labelled, delim := listLabels(bl.List)
		if labelled && delim == "" {
			// Labels and numbers Markdown cannot write: the list in
			// HTML, which keeps them (internal/doc/markdown and pandoc
			// read HTML blocks).
			m.asHTML(b, bl, lang)
			return
		}
		for _, it := range bl.List.Items {
			marker := "- "
			switch {
			case delim != "":
				marker = strconv.Itoa(n) + delim + " "
			case bl.List.Ordered:
				marker = strconv.Itoa(n) + ". "
			}
			n++
			var ib bytes.Buffer
			m.blocks(&ib, it.Blocks, inner)
			body := strings.TrimRight(ib.String(), "\n")
			b.WriteString(marker + indent(body, strings.Repeat(" ", len(marker)), false) + "\n")
		}
		b.WriteString("\n")
	case TableBlock:
		if bl.Table != nil {
			m.table(b, bl, inner)
		}
	case FigureBlock:
		if f := bl.Figure; f != nil {
			u := m.mediaURL(f.Src)
			if u == "" {
				// No image to show: its description and caption as text.
				m.oneLine = true
				alt := escapeText(f.Alt, unknownRune, ' ', m.ctx)
				caption := strings.ReplaceAll(m.inlinesAt(TrimBreaks(f.Caption), inner, '\n'), "\n", " ")
				text := strings.TrimSpace(alt + " " + caption)
				if f.CaptionAbove {
					text = strings.TrimSpace(caption + " " + alt)
				}
				m.oneLine = false
				if text != "" {
					b.WriteString(escapeLineStart(text, true) + "\n\n")
				}
				return
			}
			if f.CaptionAbove && len(f.Caption) > 0 {
				// Markdown has no caption above an image: the figure
				// is written as HTML, which the Markdown reader reads
				// back as it is.
				m.asHTML(b, bl, lang)
				return
			}
			b.WriteString("![" + escapeText(f.Alt, '[', ']', mdContext{link: true}) + "](" + mdURL(u))
			if len(f.Caption) > 0 {
				b.WriteString(` "` + strings.ReplaceAll(escapeDestination(shownText(f.Caption)), `"`, `\"`) + `"`)
			}
			b.WriteString(")\n\n")
		}
	case CodeBlock:
		if bl.Code != nil && bl.Code.Text != "" {
			// A fenced block, its text as it is: nothing in it is
			// markup, and a fence longer than any inside it ends it.
			info := strings.Join(strings.Fields(bl.Code.Language), "-")
			fence := codeFence(bl.Code.Text, info)
			b.WriteString(fence + info + "\n" + bl.Code.Text + "\n" + fence + "\n\n")
		}
	case SectionBreak:
		b.WriteString("* * *\n\n")
	}
}

// table writes a pipe table when the table fits one (one header row, no
// merged cells, one paragraph per cell) and HTML otherwise.
func (m *mdWriter) table(b *bytes.Buffer, bl *Block, lang string) {
	t := bl.Table
	simple := len(t.Rows) > 0 && t.Rows[0].Header
	for i, r := range t.Rows {
		if i > 0 && r.Header {
			simple = false
		}
		for _, c := range r.Cells {
			if c.ColSpan > 1 || c.RowSpan > 1 || len(c.Blocks) > 1 || (len(c.Blocks) == 1 && c.Blocks[0].Type != Paragraph) {
				simple = false
			}
		}
	}
	if !simple {
		m.asHTML(b, bl, lang)
		return
	}
	cols := 0
	for _, r := range t.Rows {
		cols = max(cols, len(r.Cells))
	}
	for i, r := range t.Rows {
		b.WriteString("|")
		for j := 0; j < cols; j++ {
			s := ""
			if j < len(r.Cells) && len(r.Cells[j].Blocks) == 1 {
				m.oneLine, m.ctx.cell = true, true
				s = strings.ReplaceAll(m.inlinesAt(TrimBreaks(r.Cells[j].Blocks[0].Inlines), lang, ' '), "\n", " ")
				m.oneLine, m.ctx.cell = false, false
			}
			b.WriteString(" " + s + " |")
		}
		b.WriteString("\n")
		if i == 0 {
			b.WriteString("|" + strings.Repeat(" --- |", cols) + "\n")
		}
	}
	b.WriteString("\n")
}

// inlines writes inlines whose neighbours escapeText cannot know: the
// content of a mark.
func (m *mdWriter) inlines(ins []Inline, lang string) string {
	return m.inlinesAt(ins, lang, unknownRune)
}

// inlinesAt writes inlines followed by the character after (see
// escapeText). Text is escaped a run at a time (text, fields, and what is
// inside marks Markdown does not show), knowing the markup around it, so
// that text read back in one piece is written back the same.
func (m *mdWriter) inlinesAt(ins []Inline, lang string, after rune) string {
	type part struct {
		s    string
		text bool
	}
	var parts []part
	var add func(ins []Inline)
	add = func(ins []Inline) {
		for i := range ins {
			in := &ins[i]
			switch {
			case in.Type == Text || in.Type == Field:
				if n := len(parts); n > 0 && parts[n-1].text {
					parts[n-1].s += in.Text
				} else if in.Text != "" {
					parts = append(parts, part{s: in.Text, text: true})
				}
			case m.plainMark(in, lang):
				add(in.Content)
			default:
				var b strings.Builder
				m.inline(&b, in, lang)
				if b.Len() > 0 {
					parts = append(parts, part{s: b.String()})
				}
			}
		}
	}
	add(ins)
	var b strings.Builder
	for i, p := range parts {
		if !p.text {
			if p.s == "\\\n" && strings.HasSuffix(b.String(), `\`) {
				// goldmark reads "\\\" at a line's end as no break.
				p.s = "<br>"
			}
			b.WriteString(p.s)
			continue
		}
		before := unknownRune
		if r, _ := utf8.DecodeLastRuneInString(b.String()); b.Len() > 0 && r != '\n' {
			before = r
		}
		next := after
		if i+1 < len(parts) {
			next, _ = utf8.DecodeRuneInString(parts[i+1].s)
		}
		b.WriteString(escapeText(p.s, before, next, m.ctx))
	}
	return b.String()
}

// plainMark reports whether a mark is written as its content alone: it
// shows nothing, or it is a span in the language around it, or a link
// the Markdown cannot keep.
func (m *mdWriter) plainMark(in *Inline, lang string) bool {
	if !in.Type.IsMark() {
		return false
	}
	if !Shows(in.Content) {
		return true
	}
	switch in.Type {
	case Span:
		return in.Lang == "" || strings.EqualFold(in.Lang, lang)
	case Styled:
		return in.Style == nil || *in.Style == (Style{}) || in.Style.Clean() == (Style{})
	case Link:
		_, ok := SafeHref(in.Href)
		if id, internal := InternalTarget(in.Href); internal && !m.linkable(id) {
			ok = false
		}
		return !ok
	}
	return false
}

// wrapMark writes content between delimiters, keeping spaces at its edges
// outside them, as CommonMark requires.
func wrapMark(b *strings.Builder, open, close, content string) {
	trimmed := strings.TrimSpace(content)
	if trimmed == "" {
		b.WriteString(content)
		return
	}
	lead := content[:strings.Index(content, trimmed)]
	b.WriteString(lead + open + trimmed + close + content[len(lead)+len(trimmed):])
}

func (m *mdWriter) inline(b *strings.Builder, in *Inline, lang string) {
	if in.Type.IsMark() && !Shows(in.Content) {
		b.WriteString(m.inlines(in.Content, lang))
		return
	}
	switch in.Type {
	case Text:
		b.WriteString(escapeText(in.Text, unknownRune, unknownRune, m.ctx))
	case Emph:
		wrapMark(b, "*", "*", m.inlines(in.Content, lang))
	case Strong:
		wrapMark(b, "**", "**", m.inlines(in.Content, lang))
	case Strike:
		wrapMark(b, "~~", "~~", m.inlines(in.Content, lang))
	case Underline:
		wrapMark(b, "<u>", "</u>", m.inlines(in.Content, lang))
	case Sup:
		wrapMark(b, "<sup>", "</sup>", m.inlines(in.Content, lang))
	case Sub:
		wrapMark(b, "<sub>", "</sub>", m.inlines(in.Content, lang))
	case SmallCaps:
		wrapMark(b, `<span class="smallcaps">`, "</span>", m.inlines(in.Content, lang))
	case Styled:
		// Markdown has no highlight nor colour: the HTML writer's tags,
		// which internal/doc/markdown reads back.
		open, close := "", ""
		if in.Style != nil {
			open, close = styledTags(*in.Style)
		}
		wrapMark(b, open, close, m.inlines(in.Content, lang))
	case Span:
		if in.Lang == "" || strings.EqualFold(in.Lang, lang) || !Shows(in.Content) {
			b.WriteString(m.inlines(in.Content, lang))
			return
		}
		b.WriteString(`<span lang="` + attrEscaper.Replace(in.Lang) + `">` + m.inlines(in.Content, in.Lang) + "</span>")
	case Link:
		href, ok := SafeHref(in.Href)
		if id, internal := InternalTarget(in.Href); internal && !m.linkable(id) {
			ok = false
		} else if name := m.blockAnchor[id]; internal && name != "" {
			href = "#" + name
		}
		if ok && Shows(in.Content) {
			outer := m.ctx
			m.ctx.link = true
			b.WriteString("[" + m.inlines(in.Content, lang) + "](" + mdURL(href) + ")")
			m.ctx = outer
		} else {
			b.WriteString(m.inlines(in.Content, lang))
		}
	case NoteRef:
		if l, ok := m.note[in.Note]; ok {
			b.WriteString("[^" + l + "]")
		}
	case LineBreak:
		switch in.Break {
		case BreakPage:
			// Markdown has no page break: the HTML one, which
			// internal/doc/markdown reads back.
			b.WriteString(`<br class="page-break">`)
		case BreakColumn:
			b.WriteString(`<br class="column-break">`)
		default:
			if m.oneLine {
				b.WriteString("<br>")
			} else {
				b.WriteString("\\\n")
			}
		}
	case Image:
		if u := m.mediaURL(in.Src); u != "" {
			b.WriteString("![" + escapeText(in.Alt, '[', ']', mdContext{link: true}) + "](" + mdURL(u) + ")")
		} else {
			b.WriteString(escapeText(in.Alt, unknownRune, unknownRune, m.ctx))
		}
	case MathInline:
		if in.Math == nil {
			return
		}
		if strings.TrimSpace(in.Math.TeX) != "" {
			tex := strings.TrimSpace(strings.ReplaceAll(in.Math.TeX, "\n", " "))
			if in.Math.Display {
				b.WriteString("$$" + tex + "$$")
			} else {
				b.WriteString("$" + tex + "$")
			}
		} else if ml, err := CleanMathML(in.Math.MathML, in.Math.Display); err == nil {
			// No TeX: the MathML as inline HTML, on one line, which
			// internal/doc/markdown reads back.
			b.WriteString(strings.ReplaceAll(ml, "\n", " "))
		}
	case Field:
		b.WriteString(escapeText(in.Text, unknownRune, unknownRune, m.ctx))
	case Code:
		if in.Text == "" {
			return
		}
		s := codeSpan(in.Text)
		if m.ctx.cell {
			// A pipe table finds its cells before it reads code spans.
			s = strings.ReplaceAll(s, "|", `\|`)
		}
		b.WriteString(s)
	case Anchor:
		if in.ID != "" && !m.anchors[in.ID] {
			m.anchors[in.ID] = true
			b.WriteString(`<span id="` + attrEscaper.Replace(in.ID) + `"></span>`)
		}
	default:
		b.WriteString(m.inlines(in.Content, lang))
	}
}

// linkable reports whether an internal link to id can be written: its
// target is an anchor, which the Markdown keeps, or a block given one
// (nameLinkedBlocks). Notes and other blocks have no name in Markdown.
func (m *mdWriter) linkable(id string) bool {
	if m.blockAnchor[id] != "" {
		return true
	}
	if m.named == nil {
		m.named = map[string]bool{}
		m.d.Walk(func(b *Block) {
			blockInlines(b, func(ins []Inline) {
				WalkInlines(ins, func(in *Inline) {
					if in.Type == Anchor {
						m.named[in.ID] = true
					}
				})
			})
		})
	}
	return m.named[id]
}

// nameLinkedBlocks gives each heading and paragraph that an internal
// link points at by its block ID (an entry of a table of contents linked
// to a heading without a bookmark, see tocLinks) an anchor to write at its
// start, as Markdown cannot name a block: the slug of its text as GitHub
// makes it ("1 Introduction" → "1-introduction"), made unique among the
// document's names with "-1", "-2", …, or its block ID when the slug is
// empty. Blocks the writer writes as HTML (inside tables, labelled lists,
// figures) keep their links to them unwritten.
func (m *mdWriter) nameLinkedBlocks() {
	m.blockAnchor = map[string]string{}
	wanted := map[string]bool{}
	for _, t := range m.tocLinks {
		if id, ok := InternalTarget(t); ok {
			wanted[id] = true
		}
	}
	m.d.Walk(func(b *Block) {
		blockInlines(b, func(ins []Inline) {
			WalkInlines(ins, func(in *Inline) {
				if id, ok := InternalTarget(in.Href); ok && in.Type == Link {
					wanted[id] = true
				}
			})
		})
	})
	if len(wanted) == 0 {
		return
	}
	for id := range wanted {
		if m.linkable(id) {
			// An anchor already has the name.
			delete(wanted, id)
		}
	}
	taken := m.d.Targets()
	var visit func(bs []Block)
	visit = func(bs []Block) {
		for i := range bs {
			b := &bs[i]
			switch b.Type {
			case Heading, Paragraph:
				if b.ID == "" || !wanted[b.ID] || !Shows(b.Inlines) {
					continue
				}
				text := PlainText(b.Inlines)
				if b.Type == Heading && b.Number != "" {
					text = b.Number + LabelSpace(b.Number) + text
				}
				base := Slug(squeezeSpace(text))
				if base == "" {
					base = b.ID
				}
				name := base
				for n := 1; taken[name]; n++ {
					name = base + "-" + strconv.Itoa(n)
				}
				taken[name] = true
				m.blockAnchor[b.ID] = name
			case Quote:
				visit(b.Blocks)
			case ListBlock:
				if b.List == nil {
					continue
				}
				if labelled, delim := listLabels(b.List); labelled && delim == "" {
					continue
				}
				for _, it := range b.List.Items {
					visit(it.Blocks)
				}
			}
		}
	}
	visit(m.d.Blocks)
	for i := range m.d.Notes {
		visit(m.d.Notes[i].Blocks)
	}
}

// withAnchor returns a heading's or paragraph's inlines as written: an
// entry of a table of contents linked to its heading (tocLinks), after the
// anchor nameLinkedBlocks gave the block, if any.
func (m *mdWriter) withAnchor(b *Block) []Inline {
	ins := linkedEntry(b.Inlines, m.tocLinks[b.ID])
	if name := m.blockAnchor[b.ID]; name != "" {
		ins = append([]Inline{{Type: Anchor, ID: name}}, ins...)
	}
	return ins
}

func (m *mdWriter) mediaURL(src string) string {
	return mediaURL(m.d, src, m.opt.Media, m.opt.MediaPrefix)
}

// listLabels reports whether a list is written with labels (its items
// have labels of their own, or it is numbered in a style Markdown cannot
// write, such as lower-alpha), and when every label is its item's number
// followed by ")" (which CommonMark can write), that delimiter.
func listLabels(l *List) (labelled bool, delim string) {
	if l.Ordered && l.Style != "" && l.Style != "decimal" {
		labelled = true
	}
	n := l.Start
	if n == 0 {
		n = 1
	}
	paren := true
	for _, it := range l.Items {
		if it.Label != "" {
			labelled = true
		}
		if it.Label != strconv.Itoa(n)+")" {
			paren = false
		}
		n++
	}
	if labelled && paren && l.Ordered && (l.Style == "" || l.Style == "decimal") {
		return true, ")"
	}
	return labelled, ""
}

// mdURL writes a link destination, in angle brackets when it has spaces,
// parentheses or angle brackets (escaped).
func mdURL(u string) string {
	u = escapeDestination(u)
	if strings.ContainsAny(u, " \t()<>") {
		return "<" + strings.NewReplacer("<", `\<`, ">", `\>`).Replace(u) + ">"
	}
	return u
}
