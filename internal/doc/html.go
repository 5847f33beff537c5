package doc

import (
	"bufio"
	"encoding/base64"
	"io"
	"strconv"
	"strings"
)

// HTMLOptions says how WriteHTML renders a document.
type HTMLOptions struct {
	// Standalone writes a whole HTML page with <html>, <head> and a small
	// style sheet; otherwise only the body's content is written.
	Standalone bool
	// Title is the page title of a standalone page; when empty, the
	// document's own Title.
	Title string
	// Media says how the page refers to the document's own images.
	Media MediaLinks
	// MediaPrefix is put before a media name to make an image's URL
	// ("media/" by default) when Media is LinkMedia.
	MediaPrefix string
	// ContextName, when set, names the places of a difference's blocks
	// in the reader's language for WriteDiffHTML: kind is "quote",
	// "list", "table" or "note", n a note's number (0 otherwise). With it
	// quotations and lists are shown as such (a blockquote, a list item)
	// and only tables and notes are labelled; without it every place is
	// labelled by its English name ("list", "note 1").
	ContextName func(kind string, n int) string
}

// MediaLinks says how a writer refers to the images of Document.Media.
type MediaLinks int

const (
	// LinkMedia refers to each image by a path (a prefix and its name);
	// whoever calls the writer puts the files there.
	LinkMedia MediaLinks = iota
	// EmbedMedia puts each image into the output as a data: URI, so the
	// output needs no other file.
	EmbedMedia
	// OmitMedia writes an image's alternative text instead of the image.
	OmitMedia
)

// WriteHTML renders d as semantic HTML: headings, paragraphs, lists, tables
// and figures as their HTML elements, every block with its ID as id, notes
// with DPUB-ARIA roles (doc-noteref, doc-footnote, doc-endnote), each
// table of contents a <nav role="doc-toc"> of entries whose class says
// their level ("toc-2"), and a lang
// attribute on every element whose language differs from the document's.
func WriteHTML(w io.Writer, d *Document, opt HTMLOptions) error {
	h := newHTMLWriter(w, d, opt)
	if opt.Standalone {
		title := opt.Title
		if title == "" {
			title = d.Title
		}
		h.pageStart(title, "")
	}
	h.blocks(d.Blocks, d.Lang)
	h.notes()
	if opt.Standalone {
		h.s("</main>\n</body>\n</html>\n")
	}
	return h.flush()
}

type htmlWriter struct {
	w      *bufio.Writer
	err    error
	d      *Document
	media  MediaLinks
	prefix string
	labels noteLabels
	refs   map[string]int
	// targets are the identifiers internal links may point at; anchors
	// holds those of anchors already written, so none is written twice.
	targets, anchors map[string]bool
	// tocLinks are the targets of the entries of a table of contents
	// without links of their own (see tocLinks), by block ID.
	tocLinks map[string]string
	// label is a list item's label, written at the start of the item's
	// first paragraph.
	label string
	// plainRefs writes note references as numbers without links (for
	// diffs, which do not show the notes themselves).
	plainRefs bool
	// inMarkdown is set when the HTML is a block of a Markdown file,
	// which a blank line would end: the lines of a code block are
	// separated by character references instead.
	inMarkdown bool
}

func newHTMLWriter(w io.Writer, d *Document, opt HTMLOptions) *htmlWriter {
	prefix := opt.MediaPrefix
	if prefix == "" {
		prefix = "media/"
	}
	bw, ok := w.(*bufio.Writer)
	if !ok {
		bw = bufio.NewWriterSize(w, 64<<10)
	}
	return &htmlWriter{w: bw, d: d, media: opt.Media, prefix: prefix, labels: labelNotes(d, true),
		refs: map[string]int{}, targets: d.Targets(), anchors: map[string]bool{}, tocLinks: tocLinks(d)}
}

// noteLabels says how each note is called in the text: by its number, or
// by the mark its source gave it.
type noteLabels struct {
	num  map[string]int
	mark map[string]string
}

func (n noteLabels) label(id string) (string, bool) {
	if m, ok := n.mark[id]; ok {
		return m, true
	}
	k, ok := n.num[id]
	return strconv.Itoa(k), ok
}

// labelNotes numbers the notes of d from 1 in their order, leaving out
// notes referenced with a mark of their own; byType numbers footnotes and
// endnotes separately.
func labelNotes(d *Document, byType bool) noteLabels {
	n := noteLabels{num: map[string]int{}, mark: map[string]string{}}
	d.Walk(func(b *Block) {
		blockInlines(b, func(ins []Inline) {
			WalkInlines(ins, func(in *Inline) {
				if in.Type == NoteRef && in.Mark != "" {
					if _, ok := n.mark[in.Note]; !ok {
						n.mark[in.Note] = in.Mark
					}
				}
			})
		})
	})
	count := map[NoteType]int{}
	for _, note := range d.Notes {
		if _, ok := n.mark[note.ID]; ok {
			continue
		}
		typ := note.Type
		if !byType {
			typ = Footnote
		}
		count[typ]++
		n.num[note.ID] = count[typ]
	}
	return n
}

const pageStyle = `body{font-family:serif;max-width:42em;margin:2em auto;padding:0 1em;line-height:1.5}
.smallcaps{font-variant:small-caps}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .4em;vertical-align:top}
.footnotes,.endnotes{border-top:1px solid #999;margin-top:2em;font-size:.9em}aside[role=doc-footnote]{display:flex;gap:.5em}
nav.toc p{margin:.2em 0}.toc-2{margin-left:1.5em}.toc-3{margin-left:3em}.toc-4{margin-left:4.5em}.toc-5,.toc-6,.toc-7,.toc-8,.toc-9{margin-left:6em}
ins,.ins{background:#d4f7d4;text-decoration:none}del,.del{background:#fbd5d5}div.ins,div.del{padding:0 .3em}`

func (h *htmlWriter) pageStart(title, extraStyle string) {
	h.s("<!DOCTYPE html>\n<html")
	if h.d.Lang != "" {
		h.attr("lang", h.d.Lang)
	}
	h.s(">\n<head>\n<meta charset=\"utf-8\">\n<title>")
	h.text(title)
	h.s("</title>\n")
	if len(h.d.Authors) > 0 {
		h.s(`<meta name="author"`)
		h.attr("content", strings.Join(h.d.Authors, ", "))
		h.s(">\n")
	}
	if h.d.Abstract != "" {
		h.s(`<meta name="description"`)
		h.attr("content", strings.Join(strings.Fields(h.d.Abstract), " "))
		h.s(">\n")
	}
	if len(h.d.Keywords) > 0 {
		h.s(`<meta name="keywords"`)
		h.attr("content", strings.Join(h.d.Keywords, ", "))
		h.s(">\n")
	}
	h.s("<style>\n" + pageStyle + extraStyle + "\n</style>\n</head>\n<body>\n<main>\n")
}

func (h *htmlWriter) flush() error {
	if h.err != nil {
		return h.err
	}
	return h.w.Flush()
}

func (h *htmlWriter) s(s string) {
	if h.err == nil {
		_, h.err = h.w.WriteString(s)
	}
}

var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
var attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;")

func (h *htmlWriter) text(s string) {
	if h.err == nil {
		_, h.err = textEscaper.WriteString(h.w, s)
	}
}

// attr writes ` name="value"`.
func (h *htmlWriter) attr(name, value string) {
	h.s(" " + name + `="`)
	if h.err == nil {
		_, h.err = attrEscaper.WriteString(h.w, value)
	}
	h.s(`"`)
}

// langAttr writes a lang attribute when l differs from the surrounding
// language.
func (h *htmlWriter) langAttr(l, outer string) {
	if l != "" && !strings.EqualFold(l, outer) {
		h.attr("lang", l)
	}
}

// blocks writes bs; each run of entries of one table of contents (the
// consecutive paragraphs marked with the same field instruction) goes
// into a <nav class="toc" role="doc-toc">, DPUB-ARIA's table of
// contents, which internal/doc/htmldoc reads back as such.
func (h *htmlWriter) blocks(bs []Block, lang string) {
	for i := range bs {
		b := &bs[i]
		if isTOCEntry(b) && (i == 0 || !sameTOC(&bs[i-1], b)) {
			h.s(`<nav class="toc" role="doc-toc">` + "\n")
		}
		h.block(b, lang)
		if isTOCEntry(b) && (i+1 == len(bs) || !sameTOC(b, &bs[i+1])) {
			h.s("</nav>\n")
		}
	}
}

// isTOCEntry reports whether b is an entry of a table of contents.
func isTOCEntry(b *Block) bool { return b.Type == Paragraph && b.TOC != nil }

// sameTOC reports whether a and b are entries of one table of contents.
func sameTOC(a, b *Block) bool {
	return isTOCEntry(a) && isTOCEntry(b) && a.TOC.Instr == b.TOC.Instr
}

// tocClass is the class of an entry of a table of contents in HTML:
// "toc-1" to "toc-9" by its level (0, none, for an entry of a table of
// figures), which the page's style sheet indents.
func tocClass(level int) string {
	if level < 1 {
		return ""
	}
	return "toc-" + strconv.Itoa(level)
}

func (h *htmlWriter) open(tag string, b *Block, lang string) string {
	h.s("<" + tag)
	if b.ID != "" {
		h.attr("id", b.ID)
	}
	h.langAttr(b.Lang, lang)
	if b.Lang != "" {
		return b.Lang
	}
	return lang
}

func (h *htmlWriter) block(b *Block, lang string) {
	switch b.Type {
	case Heading:
		tag := "h" + strconv.Itoa(min(max(b.Level, 1), 6))
		if b.Level > 6 {
			tag = "p"
		}
		inner := h.open(tag, b, lang)
		if b.Level > 6 {
			h.s(` role="heading"`)
			h.attr("aria-level", strconv.Itoa(b.Level))
		}
		h.s(">")
		h.itemLabel()
		if b.Number != "" {
			h.s(`<span class="number">`)
			h.text(b.Number)
			h.s("</span>" + LabelSpace(b.Number))
		}
		h.inlines(TrimBreaks(b.Inlines), inner)
		h.s("</" + tag + ">\n")
	case Paragraph:
		inner := h.open("p", b, lang)
		if b.TOC != nil && tocClass(b.TOC.Level) != "" {
			h.attr("class", tocClass(b.TOC.Level))
		}
		h.s(">")
		h.itemLabel()
		h.inlines(linkedEntry(TrimBreaks(b.Inlines), h.tocLinks[b.ID]), inner)
		h.s("</p>\n")
	case Quote:
		inner := h.open("blockquote", b, lang)
		h.s(">\n")
		h.blocks(b.Blocks, inner)
		h.s("</blockquote>\n")
	case ListBlock:
		if b.List == nil {
			return
		}
		tag := "ul"
		if b.List.Ordered {
			tag = "ol"
		}
		inner := h.open(tag, b, lang)
		if b.List.Ordered && b.List.Start != 0 && b.List.Start != 1 {
			h.attr("start", strconv.Itoa(b.List.Start))
		}
		if b.List.Style != "" {
			h.attr("style", "list-style-type:"+b.List.Style)
		}
		h.s(">\n")
		for _, it := range b.List.Items {
			if it.Label == "" {
				h.s("<li>")
			} else {
				// The label replaces the number or bullet the list would show.
				h.s(`<li style="list-style-type:none">`)
				if len(it.Blocks) > 0 && (it.Blocks[0].Type == Paragraph || it.Blocks[0].Type == Heading) {
					h.label = it.Label
				} else {
					h.label = it.Label
					h.itemLabel()
				}
			}
			h.blocks(it.Blocks, inner)
			h.label = ""
			h.s("</li>\n")
		}
		h.s("</" + tag + ">\n")
	case TableBlock:
		if b.Table == nil {
			return
		}
		inner := h.open("table", b, lang)
		h.s(">\n")
		h.tableRows(b.Table.Rows, inner)
		h.s("</table>\n")
	case FigureBlock:
		inner := h.open("figure", b, lang)
		h.s(">")
		if f := b.Figure; f != nil {
			caption := func() {
				if len(f.Caption) > 0 {
					h.s("<figcaption>")
					h.inlines(TrimBreaks(f.Caption), inner)
					h.s("</figcaption>")
				}
			}
			if f.CaptionAbove {
				caption()
			}
			if u := h.mediaURL(f.Src); u != "" {
				h.s("<img")
				h.attr("src", u)
				h.attr("alt", f.Alt)
				h.s(">")
			} else if f.Alt != "" {
				h.s(`<span class="missing-image">`)
				h.text(f.Alt)
				h.s("</span>")
			}
			if !f.CaptionAbove {
				caption()
			}
		}
		h.s("</figure>\n")
	case CodeBlock:
		if b.Code == nil {
			return
		}
		h.open("pre", b, lang)
		h.s("><code")
		if b.Code.Language != "" {
			h.attr("class", "language-"+b.Code.Language)
		}
		h.s(">")
		if h.inMarkdown {
			h.s(strings.ReplaceAll(textEscaper.Replace(b.Code.Text), "\n", "&#10;"))
		} else {
			h.text(b.Code.Text)
		}
		h.s("</code></pre>\n")
	case SectionBreak:
		h.open("hr", b, lang)
		h.s(` class="section-break">` + "\n")
	}
}

// itemLabel writes the pending label of a list item.
func (h *htmlWriter) itemLabel() {
	if h.label == "" {
		return
	}
	h.s(`<span class="label">`)
	h.text(h.label)
	h.s("</span>" + LabelSpace(h.label))
	h.label = ""
}

func (h *htmlWriter) tableRows(rows []Row, lang string) {
	head := 0
	for head < len(rows) && rows[head].Header {
		head++
	}
	section := func(tag string, rows []Row) {
		if len(rows) == 0 {
			return
		}
		h.s("<" + tag + ">\n")
		for _, r := range rows {
			h.s("<tr>")
			cell := "td"
			if r.Header {
				cell = "th"
			}
			for _, c := range r.Cells {
				h.s("<" + cell)
				if c.ColSpan > 1 {
					h.attr("colspan", strconv.Itoa(c.ColSpan))
				}
				if c.RowSpan > 1 {
					h.attr("rowspan", strconv.Itoa(c.RowSpan))
				}
				h.s(">")
				h.blocks(c.Blocks, lang)
				h.s("</" + cell + ">")
			}
			h.s("</tr>\n")
		}
		h.s("</" + tag + ">\n")
	}
	section("thead", rows[:head])
	section("tbody", rows[head:])
}

func (h *htmlWriter) inlines(ins []Inline, lang string) {
	for i := range ins {
		h.inline(&ins[i], lang)
	}
}

func (h *htmlWriter) wrap(tag, class string, in *Inline, lang string) {
	if !Shows(in.Content) {
		h.inlines(in.Content, lang)
		return
	}
	h.s("<" + tag)
	if class != "" {
		h.s(` class="` + class + `"`)
	}
	h.s(">")
	h.inlines(in.Content, lang)
	h.s("</" + tag + ">")
}

func (h *htmlWriter) inline(in *Inline, lang string) {
	switch in.Type {
	case Text:
		h.text(in.Text)
	case Emph:
		h.wrap("em", "", in, lang)
	case Strong:
		h.wrap("strong", "", in, lang)
	case Underline:
		h.wrap("u", "", in, lang)
	case Strike:
		h.wrap("s", "", in, lang)
	case Sup:
		h.wrap("sup", "", in, lang)
	case Sub:
		h.wrap("sub", "", in, lang)
	case SmallCaps:
		h.wrap("span", "smallcaps", in, lang)
	case Link:
		if id, internal := InternalTarget(in.Href); internal && !h.targets[id] {
			h.inlines(in.Content, lang)
			return
		}
		if href, ok := SafeHref(in.Href); ok && Shows(in.Content) {
			h.s("<a")
			h.attr("href", href)
			h.s(">")
			h.inlines(in.Content, lang)
			h.s("</a>")
		} else {
			h.inlines(in.Content, lang)
		}
	case Span:
		if in.Lang == "" || strings.EqualFold(in.Lang, lang) || !Shows(in.Content) {
			h.inlines(in.Content, lang)
			return
		}
		h.s("<span")
		h.attr("lang", in.Lang)
		h.s(">")
		h.inlines(in.Content, in.Lang)
		h.s("</span>")
	case NoteRef:
		label, ok := h.labels.label(in.Note)
		if !ok {
			return
		}
		if in.Mark != "" {
			label = in.Mark
		}
		if h.plainRefs {
			h.s("<sup>")
			h.text(label)
			h.s("</sup>")
			return
		}
		h.refs[in.Note]++
		h.s(`<sup><a`)
		h.attr("id", refID(in.Note, h.refs[in.Note]))
		h.attr("href", "#"+in.Note)
		h.s(` role="doc-noteref">`)
		h.text(label)
		h.s("</a></sup>")
	case LineBreak:
		switch in.Break {
		case BreakPage:
			h.s(`<br class="page-break">`)
		case BreakColumn:
			h.s(`<br class="column-break">`)
		default:
			h.s("<br>")
		}
	case Image:
		u := h.mediaURL(in.Src)
		if u == "" {
			h.text(in.Alt)
			return
		}
		h.s("<img")
		h.attr("src", u)
		h.attr("alt", in.Alt)
		h.s(">")
	case MathInline:
		h.math(in.Math)
	case Field:
		h.text(in.Text)
	case Code:
		if in.Text != "" {
			h.s("<code>")
			h.text(in.Text)
			h.s("</code>")
		}
	case Styled:
		h.styled(in, lang)
	case Anchor:
		if in.ID == "" || h.anchors[in.ID] || h.plainRefs {
			return
		}
		h.anchors[in.ID] = true
		h.s("<span")
		h.attr("id", in.ID)
		h.s("></span>")
	default:
		h.inlines(in.Content, lang)
	}
}

// styled writes a Styled inline; see styledTags.
func (h *htmlWriter) styled(in *Inline, lang string) {
	if in.Style == nil || !Shows(in.Content) {
		h.inlines(in.Content, lang)
		return
	}
	open, close := styledTags(*in.Style)
	h.s(open)
	h.inlines(in.Content, lang)
	h.s(close)
}

// styledTags returns the HTML tags that open and close a Styled inline
// of the look st, as the HTML and Markdown writers write it and the
// readers read it back: its highlight as <mark> (with the highlighter's
// colour when it is not yellow, the colour browsers give <mark>), inside
// a <span> for its colour and shading (a style attribute) and its
// character style (data-style). Both are "" for a look Clean empties.
func styledTags(st Style) (open, close string) {
	st = st.Clean()
	var css []string
	if st.Color != "" {
		css = append(css, "color:#"+st.Color)
	}
	if st.Shading != "" {
		css = append(css, "background-color:#"+st.Shading)
	}
	if len(css) > 0 || st.Name != "" {
		open = "<span"
		if st.Name != "" {
			open += ` data-style="` + attrEscaper.Replace(st.Name) + `"`
		}
		if len(css) > 0 {
			open += ` style="` + strings.Join(css, ";") + `"`
		}
		open += ">"
		close = "</span>"
	}
	if st.Highlight != "" {
		open += "<mark"
		if st.Highlight != "yellow" {
			open += ` style="background-color:` + highlightColors[st.Highlight] + `"`
		}
		open += ">"
		close = "</mark>" + close
	}
	return open, close
}

// mediaURL returns the URL of an image: for the document's own media, as
// the options say; otherwise the reference as written (if safe). It
// returns "" for an image that is not to be shown.
func (h *htmlWriter) mediaURL(src string) string {
	return mediaURL(h.d, src, h.media, h.prefix)
}

func mediaURL(d *Document, src string, how MediaLinks, prefix string) string {
	if src == "" {
		return ""
	}
	if m := d.MediaByName(src); m != nil {
		switch how {
		case EmbedMedia:
			return DataURI(m)
		case OmitMedia:
			return ""
		}
		return prefix + src
	}
	u, _ := SafeHref(src)
	return u
}

// DataURI returns a data: URI holding the bytes of m.
func DataURI(m *Media) string {
	return "data:" + m.Type + ";base64," + base64.StdEncoding.EncodeToString(m.Data)
}

func refID(note string, n int) string {
	if n <= 1 {
		return "ref-" + note
	}
	return "ref-" + note + "-" + strconv.Itoa(n)
}

func (h *htmlWriter) notes() {
	var fns, ens []*Note
	for i := range h.d.Notes {
		if h.d.Notes[i].Type == Endnote {
			ens = append(ens, &h.d.Notes[i])
		} else {
			fns = append(fns, &h.d.Notes[i])
		}
	}
	// A note no reference of the text calls (its reference lost in
	// translation, or never in the source) has no link back.
	referenced := h.referencedNotes()
	if len(fns) > 0 {
		h.s(`<section class="footnotes">` + "\n")
		for _, n := range fns {
			label, _ := h.labels.label(n.ID)
			h.s("<aside")
			h.attr("id", n.ID)
			h.s(` role="doc-footnote">`)
			if referenced[n.ID] {
				h.s("<a")
				h.attr("href", "#"+refID(n.ID, 1))
				h.s(` role="doc-backlink">`)
				h.text(label)
				h.s("</a>")
			} else {
				h.s(`<span class="label">`)
				h.text(label)
				h.s("</span>")
			}
			h.s("<div>\n")
			h.blocks(n.Blocks, h.d.Lang)
			h.s("</div></aside>\n")
		}
		h.s("</section>\n")
	}
	if len(ens) > 0 {
		h.s(`<section class="endnotes" role="doc-endnotes">` + "\n<ol>\n")
		for i, n := range ens {
			h.s("<li")
			h.attr("id", n.ID)
			mark, marked := h.labels.mark[n.ID]
			if marked {
				h.s(` style="list-style-type:none"`)
			} else if num := h.labels.num[n.ID]; num != i+1 {
				// A marked endnote before this one took a place in the list
				// but not a number.
				h.attr("value", strconv.Itoa(num))
			}
			h.s(` role="doc-endnote">`)
			if marked {
				h.label = mark
				if len(n.Blocks) == 0 || n.Blocks[0].Type != Paragraph {
					h.itemLabel()
				}
			}
			h.blocks(n.Blocks, h.d.Lang)
			h.label = ""
			if referenced[n.ID] {
				h.s(`<a`)
				h.attr("href", "#"+refID(n.ID, 1))
				h.s(` role="doc-backlink">↩</a>`)
			}
			h.s("</li>\n")
		}
		h.s("</ol>\n</section>\n")
	}
}

// referencedNotes returns the notes a reference written in the page
// calls: from the body or from a note, not from page headers, which the
// page does not show.
func (h *htmlWriter) referencedNotes() map[string]bool {
	refs := map[string]bool{}
	find := func(b *Block) {
		blockInlines(b, func(ins []Inline) {
			WalkInlines(ins, func(in *Inline) {
				if in.Type == NoteRef {
					refs[in.Note] = true
				}
			})
		})
	}
	walkBlocks(h.d.Blocks, find)
	for i := range h.d.Notes {
		walkBlocks(h.d.Notes[i].Blocks, find)
	}
	return refs
}

// SafeHref returns href when it is safe to put in a page: relative, a
// fragment, or http, https, mailto, ftp or tel. Other schemes, such as
// javascript:, are refused.
func SafeHref(href string) (string, bool) {
	href = strings.TrimSpace(href)
	if href == "" {
		return "", false
	}
	i := strings.IndexAny(href, ":/?#")
	if i < 0 || href[i] != ':' {
		return href, true
	}
	switch strings.ToLower(href[:i]) {
	case "http", "https", "mailto", "ftp", "tel":
		return href, true
	}
	return "", false
}
