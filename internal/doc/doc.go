// Package doc holds tandem's document model: the structured text of a speech,
// contribution, news post or primary source in one language, made of blocks
// that carry stable identifiers, inlines inside them, and notes. Importers
// (internal/doc/docx, internal/doc/markdown) produce it; the writers here
// render it as HTML, Markdown and JSON, and Diff compares two revisions.
//
// The JSON form is the model itself and is described in
// docs/document-model.md.
package doc

import (
	"fmt"
	"strings"
)

// Version is the version of the JSON form of the model. It changes only when
// a change would make an older reader misread a document.
const Version = 1

// Document is one text in one language.
type Document struct {
	Version int `json:"version"`
	// Lang is the BCP 47 tag of the document's language, as the source
	// declared it or as most of its text is marked ("ru-RU", "zh-CN", "en").
	Lang string `json:"lang,omitempty"`
	// Title is the document's title as its source gives it as metadata: a
	// DOCX's core properties (dc:title) or else its first Title-styled
	// paragraph, a Markdown file's front matter (title), an HTML page's
	// <title>; empty when it gives none. A title that is also a paragraph
	// of the text stays in Blocks too: Title is metadata, not content.
	Title string `json:"title,omitempty"`
	// Authors are the authors named by the source's metadata (dc:creator,
	// front matter author or authors, <meta name="author">), in its order.
	Authors []string `json:"authors,omitempty"`
	// Abstract is the summary the source's metadata gives (Markdown front
	// matter abstract or description, an HTML page's <meta
	// name="description">), as plain text; paragraphs are separated by a
	// blank line. A summary that is part of the text stays in Blocks.
	Abstract string `json:"abstract,omitempty"`
	// Keywords are the keywords or tags of the source's metadata (front
	// matter keywords, DOCX cp:keywords, <meta name="keywords">), in
	// their order.
	Keywords []string `json:"keywords,omitempty"`
	// Date is the date the source's metadata gives the text (front matter
	// date), as written there: "2021-07-16", "16 July 2021".
	Date   string  `json:"date,omitempty"`
	Blocks []Block `json:"blocks"`
	// Notes are the footnotes and endnotes, in the order of their first
	// reference.
	Notes []Note `json:"notes,omitempty"`
	// Headers are the page headers and footers of a paged source (DOCX),
	// in the order its sections first use them. They are translated with
	// the text but are page furniture: the HTML and Markdown writers do not
	// show them; the DOCX writer writes them back into their parts.
	Headers []Part `json:"headers,omitempty"`
	// Comments are editorial remarks from the manuscript; they are kept aside
	// and never rendered as part of the text.
	Comments []Comment `json:"comments,omitempty"`
	// Media lists the images that figures and inline images show.
	Media []Media `json:"media,omitempty"`
	// Warnings say what the reader could not carry over faithfully (a
	// symbol with no Unicode equivalent, an invalid language tag it
	// dropped), one line each, for the person who imported the file. They
	// are not part of the JSON form.
	Warnings []string `json:"-"`
}

// Warn records a warning about the import of d, unless d has it already:
// a reader that meets the same fault twice (the same bad tag in two
// embedded pages, the same encoding in two parts) says so once.
func (d *Document) Warn(format string, args ...any) {
	w := fmt.Sprintf(format, args...)
	for _, had := range d.Warnings {
		if had == w {
			return
		}
	}
	d.Warnings = append(d.Warnings, w)
}

// BlockType names the kind of a block.
type BlockType string

const (
	Heading     BlockType = "heading"
	Paragraph   BlockType = "paragraph"
	Quote       BlockType = "quote"
	ListBlock   BlockType = "list"
	TableBlock  BlockType = "table"
	FigureBlock BlockType = "figure"
	// CodeBlock is text set apart as code (Code): a program, a command
	// and its output, kept verbatim and never translated.
	CodeBlock BlockType = "code"
	// SectionBreak marks where the source started a new section.
	SectionBreak BlockType = "break"
)

// Block is one unit of the document's structure. Which fields are used
// depends on Type: Inlines for headings and paragraphs, Blocks for quotes,
// List, Table, Figure or Code (a Listing) for the others.
type Block struct {
	// ID identifies the block across revisions; see AssignIDs.
	ID   string    `json:"id"`
	Type BlockType `json:"type"`
	// Lang is set when the whole block is in a language other than the
	// document's.
	Lang string `json:"lang,omitempty"`
	// Level is a heading's level, 1 to 9.
	Level int `json:"level,omitempty"`
	// Number is a heading's number as the source numbered it ("2.1").
	Number  string   `json:"number,omitempty"`
	Inlines []Inline `json:"inlines,omitempty"`
	Blocks  []Block  `json:"blocks,omitempty"`
	List    *List    `json:"list,omitempty"`
	Table   *Table   `json:"table,omitempty"`
	Figure  *Figure  `json:"figure,omitempty"`
	Code    *Listing `json:"code,omitempty"`
	// TOC marks a paragraph as an entry of a table of contents that the
	// source keeps as a field for the word processor to make again from
	// the headings (Word's TOC field). The consecutive paragraphs marked
	// with the same instruction are that field's entries.
	TOC *TOCEntry `json:"toc,omitempty"`
}

// TOCEntry is what makes a paragraph an entry of a table of contents. The
// entry's text and its link to the heading (a Link to the heading's
// anchor) are the paragraph's inlines; its page number is not: it counts
// the pages of the source's layout, which mean nothing on a web page and
// are wrong in a translation, so the DOCX writer writes the source's
// again, as a field (PAGEREF) for the word processor to work out or, where
// the source showed it as text (LibreOffice), as text. An entry that shows
// a heading, or an entry of a table of figures that shows a caption, is
// translated with it (see TOCHeadings).
type TOCEntry struct {
	// Instr is the instruction of the table's field as the source wrote
	// it, switches and all: `TOC \o "1-3" \h \z \u`.
	Instr string `json:"instr"`
	// Level is the entry's level, 1 to 9, as its paragraph style says
	// (Word's "toc 2", LibreOffice's "Contents 2"); 0 when the style says
	// none (a table of figures).
	Level int `json:"level,omitempty"`
}

// List is an ordered or unordered list. Nested lists are blocks inside an
// item.
type List struct {
	Ordered bool `json:"ordered,omitempty"`
	// Start is the number of the first item of an ordered list.
	Start int `json:"start,omitempty"`
	// Style is the CSS list-style-type of the numbers ("decimal",
	// "lower-alpha", "upper-roman", "cjk-ideographic", …); empty means the
	// default.
	Style string `json:"style,omitempty"`
	Items []Item `json:"items"`
}

// Item is one list item.
type Item struct {
	// Label is the item's label as the source shows it, when it is more
	// than what the list's Style would show by itself (a number followed by
	// a full stop, or "、" for cjk-ideographic): "Статья 3.", "NEW-3-FORMAT",
	// "(iv)", "1.2.", "a)". Empty for a plain number or a bullet. Writers
	// show the label in place of the list's own number.
	Label  string  `json:"label,omitempty"`
	Blocks []Block `json:"blocks"`
}

// Table is a table of rows of cells; merged cells span several columns or
// rows and the cells they cover are left out.
type Table struct {
	Rows []Row `json:"rows"`
}

// Row is one table row; a header row labels the columns.
type Row struct {
	Header bool   `json:"header,omitempty"`
	Cells  []Cell `json:"cells"`
}

// Cell is one table cell.
type Cell struct {
	ColSpan int     `json:"colspan,omitempty"`
	RowSpan int     `json:"rowspan,omitempty"`
	Blocks  []Block `json:"blocks"`
}

// Figure is an image shown on its own, with alternative text and a caption.
type Figure struct {
	// Src is the Name of an entry in Document.Media, or empty when the
	// source had no usable image.
	Src     string   `json:"src,omitempty"`
	Alt     string   `json:"alt,omitempty"`
	Caption []Inline `json:"caption,omitempty"`
	// CaptionAbove is set when the source shows the caption above the
	// image ("Рис. 1. …" written before the picture, a <figcaption> as
	// the first child of its <figure>), as Russian and Chinese practice
	// often has it; the writers keep it there. Unset, the caption is
	// below.
	CaptionAbove bool `json:"captionAbove,omitempty"`
}

// Listing is the content of a code block: its text as the source has it,
// every space, tab and line (lines end with "\n"; the last one has no
// line end), and the programming language the source names for it.
type Listing struct {
	// Language is the language of the code as the source names it: the
	// first word of a Markdown fence's info string ("go", "python"), the
	// class language-X of an HTML <code> or <pre>; empty when it names none.
	Language string `json:"language,omitempty"`
	Text     string `json:"text"`
	// Style is the name of the paragraph style for code the source set
	// the block in, as the source calls it ("Source Code", "HTML
	// Preformatted"), or empty when it names none (Markdown, HTML). A
	// DOCX written from the document sets the block in the template's
	// style for code of that name, when it has one.
	Style string `json:"style,omitempty"`
	// Paragraphs is set when the source gave each line of the code a
	// paragraph of its own (as Word and LibreOffice do) rather than one
	// paragraph with line breaks (as pandoc does); a DOCX written from
	// the document does the same.
	Paragraphs bool `json:"paragraphs,omitempty"`
}

// InlineType names the kind of an inline.
type InlineType string

const (
	Text      InlineType = "text"
	Emph      InlineType = "emph"
	Strong    InlineType = "strong"
	Underline InlineType = "underline"
	Strike    InlineType = "strike"
	Sup       InlineType = "sup"
	Sub       InlineType = "sub"
	SmallCaps InlineType = "smallcaps"
	Link      InlineType = "link"
	// Span marks text in another language (Lang).
	Span    InlineType = "span"
	NoteRef InlineType = "noteref"
	// LineBreak is a break inside a paragraph: a new line, or where Break
	// says so a new page or column, after which the paragraph goes on.
	LineBreak InlineType = "linebreak"
	Image     InlineType = "image"
	// MathInline is a formula (Math); it is never translated as text. A
	// formula set on its own line is a paragraph holding it with
	// Math.Display set.
	MathInline InlineType = "math"
	// Anchor is a target of internal links (ID), where the source put a
	// bookmark (DOCX) or an id (HTML, Markdown); it shows nothing. A Link
	// whose Href is "#"+ID points to it; see ResolveLinks.
	Anchor InlineType = "anchor"
	// Field is a value the word processor works out where it shows it: a
	// page number, a cross-reference, a caption's number, a date (a DOCX
	// field, in the text or in a header or footer). Instr is its
	// instruction ("PAGE", "PAGEREF _Ref12 \h", "SEQ Table \* ARABIC",
	// with a field nested in it in braces: "IF { REF x } = 1 …") and Text
	// the value the source last showed, which writers show. It is never
	// translated; a cross-reference made a link (\h) is a Link around it.
	Field InlineType = "field"
	// Styled marks text the source set apart by a look of its own that
	// none of the other marks says (Style): a character style, a
	// highlight, a text colour, a shading. Only part of a paragraph is
	// styled this way: a look that is the paragraph style's own is no
	// mark, nor (outside notes, where a DOCX written over the source
	// carries it from there) one that covers the whole paragraph.
	Styled InlineType = "styled"
	// Code is text set in a monospace font as code: a command, a name
	// from a program, a key to press (Markdown `code`, HTML <code>, <kbd>,
	// <samp>, <tt>, a DOCX run in a character style for code). Its Text
	// is kept as written (no marks inside it: a mark around part of it is
	// a mark around a Code of that part) and is never translated: XLIFF
	// shows it to the translator as a protected code.
	Code InlineType = "code"
)

// IsMark reports whether inlines of type t are marks around other inlines
// (Content), as opposed to leaves: text, note references, breaks, images,
// formulas and anchors.
func (t InlineType) IsMark() bool {
	switch t {
	case Emph, Strong, Underline, Strike, Sup, Sub, SmallCaps, Link, Span, Styled:
		return true
	}
	return false
}

// Inline is a piece of text or a mark around other inlines.
type Inline struct {
	Type InlineType `json:"type"`
	// Text is the text of a Text or Code inline.
	Text    string   `json:"text,omitempty"`
	Content []Inline `json:"content,omitempty"`
	// Href is a Link's target.
	Href string `json:"href,omitempty"`
	// Lang is a Span's language.
	Lang string `json:"lang,omitempty"`
	// Note is the ID of the Note a NoteRef points to.
	Note string `json:"note,omitempty"`
	// Mark is a NoteRef's mark when the source gives its own ("*", "†")
	// instead of the note's number. Writers show the mark, and number the
	// other notes as if the marked one were not there.
	Mark string `json:"mark,omitempty"`
	// ID is an Anchor's name, unique among the anchors, blocks and notes of
	// the document. It is the source's own name (a DOCX bookmark such as
	// "_Toc123" or "Intro", an HTML id) or, for Markdown headings that a
	// link points to, the heading's slug ("2-method").
	ID string `json:"id,omitempty"`
	// Math is a MathInline's formula.
	Math *Math `json:"math,omitempty"`
	// Break is the kind of a LineBreak: "" for a new line, BreakPage or
	// BreakColumn for a break the source made to start a new page or
	// column (DOCX w:br w:type="page"). A paragraph that holds nothing but
	// such a break is kept, so that a DOCX written back breaks the page
	// where the source did.
	Break string `json:"break,omitempty"`
	// Src and Alt describe an inline Image.
	Src string `json:"src,omitempty"`
	Alt string `json:"alt,omitempty"`
	// Instr is a Field's instruction.
	Instr string `json:"instr,omitempty"`
	// Style is a Styled inline's look, or a Code inline's character
	// style for code: only its Name, as the source calls it ("Verbatim
	// Char", "HTML Code"), which a DOCX written from the document uses
	// when its template has a character style for code of that name.
	Style *Style `json:"style,omitempty"`
}

// Style is the look of a Styled inline, or the name of a Code inline's
// style. Each field is empty when the look does not set it.
type Style struct {
	// Name is the name of the character style as the source calls it
	// ("Emphasis Strong", "Book Title"); a DOCX written from the document
	// uses the template's character style of that name, if it has one.
	Name string `json:"name,omitempty"`
	// Highlight is a highlighter colour, one of the names of DOCX's
	// ST_HighlightColor: yellow, green, cyan, magenta, blue, red,
	// darkBlue, darkCyan, darkGreen, darkMagenta, darkRed, darkYellow,
	// darkGray, lightGray, black, white.
	Highlight string `json:"highlight,omitempty"`
	// Color is the colour of the text as six upper-case hex digits,
	// RRGGBB, without "#" ("C00000").
	Color string `json:"color,omitempty"`
	// Shading is the background colour of the text, as six upper-case
	// hex digits like Color.
	Shading string `json:"shading,omitempty"`
}

// Clean returns s without the values that are not of the shapes above:
// a colour that is not six hex digits, a highlighter colour DOCX does not
// name. Colours come out in upper case. Writers write only what Clean
// leaves, so that a document from elsewhere cannot put anything else
// into a style attribute or a DOCX.
func (s Style) Clean() Style {
	if _, ok := highlightColors[s.Highlight]; !ok {
		s.Highlight = ""
	}
	s.Color, s.Shading = HexColor(s.Color), HexColor(s.Shading)
	return s
}

// highlightColors gives the CSS colour of each DOCX highlighter colour
// (ST_HighlightColor).
var highlightColors = map[string]string{
	"yellow": "#FFFF00", "green": "#00FF00", "cyan": "#00FFFF", "magenta": "#FF00FF", "blue": "#0000FF",
	"red": "#FF0000", "darkBlue": "#000080", "darkCyan": "#008080", "darkGreen": "#008000",
	"darkMagenta": "#800080", "darkRed": "#800000", "darkYellow": "#808000", "darkGray": "#808080",
	"lightGray": "#C0C0C0", "black": "#000000", "white": "#FFFFFF",
}

// HexColor returns s in upper case if it is six hex digits (RRGGBB, as
// DOCX and Style write colours), else "".
func HexColor(s string) string {
	if len(s) != 6 {
		return ""
	}
	for _, c := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return ""
		}
	}
	return strings.ToUpper(s)
}

// StyleOfHTML returns the look an HTML element gives its text, as the HTML
// writer writes a Styled inline and as web pages and Word's "save as web
// page" write one. <mark> is a highlight (yellow, or the highlighter
// colour its background names). In the style attribute, color is the
// text's colour and background-color (or the colour in a background
// shorthand) its shading, in any CSS colour syntax (#RGB, #RRGGBB,
// rgb(), rgba(), the 148 named colours); Word's mso-highlight names a
// highlight, and so does a background written as a colour name that is a
// highlighter's colour (background:yellow, lime, aqua…), while one
// written in digits (#FFFF00) stays a shading, as the HTML writer writes
// shadings. Black text and a white background, which Word and web pages
// put on every run, are no look, nor are colours that are none of their
// own (transparent, a zero alpha, inherit, windowtext, auto). data-style
// names a character style. It returns nil when the element gives no look.
func StyleOfHTML(element, style, dataStyle string) *Style {
	var st Style
	var background string
	var bgNamed bool
	for _, decl := range strings.Split(style, ";") {
		prop, val, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		val = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(val), "!important"))
		switch strings.ToLower(strings.TrimSpace(prop)) {
		case "color":
			if hex, _ := cssColor(val); hex != "000000" {
				st.Color = hex
			}
		case "background-color":
			background, bgNamed = cssColor(val)
		case "background":
			background, bgNamed = backgroundColor(val)
		case "mso-highlight":
			st.Highlight = msoHighlight(val)
		}
	}
	switch {
	case element == "mark":
		st.Highlight = "yellow"
		if h := highlightOf(background); h != "" {
			st.Highlight = h
		}
	case st.Highlight != "":
		// Word writes a highlight's colour as the background too.
	case bgNamed && background != "FFFFFF" && highlightOf(background) != "":
		st.Highlight = highlightOf(background)
	case background != "FFFFFF":
		st.Shading = background
	}
	st.Name = strings.TrimSpace(dataStyle)
	if st = st.Clean(); st == (Style{}) {
		return nil
	}
	return &st
}

// StyleOfFont returns the look of an HTML <font> element: its color
// attribute (a CSS colour, or six hex digits without "#", as browsers
// read it) as the text's colour, then what its style attribute says (see
// StyleOfHTML). It returns nil when the element gives no look.
func StyleOfFont(color, style string) *Style {
	color = strings.TrimSpace(color)
	if HexColor(color) != "" {
		color = "#" + color
	}
	return StyleOfHTML("font", "color:"+color+";"+style, "")
}

// StyledMarks wraps ins in a Styled mark with the look st, as a reader of
// HTML reads an element that gives its text a look. An element whose only
// content is a Styled mark (<span style="color:…"><mark>…</mark></span>,
// as the writers write one look) makes one Styled inline with both looks.
func StyledMarks(st *Style, ins []Inline) []Inline {
	if st == nil {
		return ins
	}
	if len(ins) == 1 && ins[0].Type == Styled && ins[0].Style != nil {
		inner := *ins[0].Style
		if inner.Name == "" {
			inner.Name = st.Name
		}
		if inner.Color == "" {
			inner.Color = st.Color
		}
		if inner.Shading == "" {
			inner.Shading = st.Shading
		}
		if inner.Highlight == "" {
			inner.Highlight = st.Highlight
		}
		return []Inline{{Type: Styled, Style: &inner, Content: ins[0].Content}}
	}
	return []Inline{{Type: Styled, Style: st, Content: ins}}
}

// SameStyle reports whether two Style pointers describe the same look
// (nil is no look).
func SameStyle(a, b *Style) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// The kinds of a LineBreak other than a new line.
const (
	BreakPage   = "page"
	BreakColumn = "column"
)

// SplitKeywords splits a list of keywords written as one string at its
// commas and semicolons (ASCII, fullwidth, or the ideographic 、), and
// collapses the white space in each.
func SplitKeywords(s string) []string {
	var out []string
	for _, k := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(",;，；、", r) }) {
		if k = strings.Join(strings.Fields(k), " "); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// BreakOf returns the kind of an HTML <br> from its class and style
// attributes: BreakPage for class "page-break" or a style that breaks the
// page before or after it (page-break-before: always, break-after: page,
// as Word's "Save as Web Page" writes), BreakColumn for class
// "column-break" or break-before/after: column, and "" for a new line.
func BreakOf(class, style string) string {
	for _, c := range strings.Fields(class) {
		switch strings.ToLower(c) {
		case "page-break":
			return BreakPage
		case "column-break":
			return BreakColumn
		}
	}
	for _, decl := range strings.Split(style, ";") {
		prop, val, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		prop = strings.ToLower(strings.TrimSpace(prop))
		val = strings.ToLower(strings.TrimSpace(val))
		switch prop {
		case "page-break-before", "page-break-after":
			if val == "always" || val == "left" || val == "right" {
				return BreakPage
			}
		case "break-before", "break-after":
			switch val {
			case "page", "left", "right", "recto", "verso", "always":
				return BreakPage
			case "column":
				return BreakColumn
			}
		}
	}
	return ""
}

// Math is a formula kept as structure, in the forms its readers and writers
// need. Every form that is set describes the same formula.
type Math struct {
	// Display is true for a formula set on its own line, false for one in
	// the running text.
	Display bool `json:"display,omitempty"`
	// MathML is the formula as presentation MathML: one <math> element in
	// the MathML namespace.
	MathML string `json:"mathml,omitempty"`
	// TeX is the formula in LaTeX math notation, without the surrounding $.
	TeX string `json:"tex,omitempty"`
	// OMML is the source's Office Math (one m:oMath element, with the
	// namespaces it uses declared on it) when it came from a DOCX, so a
	// DOCX written back from the document carries the formula unchanged.
	// For display math it is the m:oMath inside the source's m:oMathPara.
	OMML string `json:"omml,omitempty"`
}

// NoteType tells footnotes from endnotes.
type NoteType string

const (
	Footnote NoteType = "footnote"
	Endnote  NoteType = "endnote"
)

// Note is a footnote or endnote with blocks of its own.
type Note struct {
	ID     string   `json:"id"`
	Type   NoteType `json:"type"`
	Blocks []Block  `json:"blocks"`
	// Unspaced is set when the source wrote the note's text right after
	// its mark, with no space (LibreOffice's way; Word puts a space
	// there), so that a DOCX written from the document does as its
	// source did.
	Unspaced bool `json:"unspaced,omitempty"`
}

// Part is a header or footer: text repeated on the pages of a section.
type Part struct {
	// Name says which header or footer it is: "header" or "footer", then
	// "-first" for the one on a section's first page or "-even" for the
	// one on even pages, then "-s" and the section's number (from 1) for
	// a section after the first that has its own ("header", "footer-first",
	// "header-even-s3"). It is unique in the document and stays the same
	// when the manuscript is imported again.
	Name   string  `json:"name"`
	Blocks []Block `json:"blocks"`
}

// Comment is an editorial remark attached to a block of the manuscript.
type Comment struct {
	ID     string `json:"id"`
	Author string `json:"author,omitempty"`
	Date   string `json:"date,omitempty"`
	// Block is the ID of the block the comment was made on, if known.
	Block string `json:"block,omitempty"`
	Text  string `json:"text"`
}

// Media is an image carried by the document. Its bytes are not part of the
// JSON form; they are stored in the blob store under Name.
type Media struct {
	// Name is derived from the content ("sha256-prefix.ext"), so the same
	// image keeps its name across revisions.
	Name string `json:"name"`
	Type string `json:"type"`
	Size int    `json:"size"`
	// URI is where a copy of the bytes can be had when the JSON form is
	// handed out on its own (tandem doc convert --to json): a data: URI
	// holding them, or the path of the file written for them. It is empty
	// in stored documents, whose bytes are in the blob store.
	URI  string `json:"uri,omitempty"`
	Data []byte `json:"-"`
}

// PlainText returns the text of inlines without marks (code is text);
// note references, anchors, fields and images contribute nothing, line breaks (of a line,
// page or column) a newline, so that the words on either side never run
// together, and a formula its TeX, or the characters of its MathML when
// it has no TeX (so that identifiers and diffs see formulas change).
func PlainText(ins []Inline) string {
	var b strings.Builder
	writePlain(&b, ins)
	return b.String()
}

func writePlain(b *strings.Builder, ins []Inline) {
	for _, in := range ins {
		switch in.Type {
		case Text, Code:
			b.WriteString(in.Text)
		case LineBreak:
			b.WriteByte('\n')
		case MathInline:
			if in.Math != nil {
				b.WriteString(mathText(in.Math))
			}
		case NoteRef, Image, Anchor, Field:
		default:
			writePlain(b, in.Content)
		}
	}
}

// Shows reports whether inlines show anything: some text, or a leaf other
// than an anchor (a note reference, a break, an image, a formula, a
// field). Writers leave out a mark around nothing (an empty <sup>, a link
// without text), keeping the anchors in it.
func Shows(ins []Inline) bool {
	for _, in := range ins {
		switch in.Type {
		case Text, Code:
			if in.Text != "" {
				return true
			}
		case Anchor:
		case NoteRef, LineBreak, Image, MathInline, Field:
			return true
		default:
			if Shows(in.Content) {
				return true
			}
		}
	}
	return false
}

// PruneEmpty returns ins without empty text and with the marks that
// show nothing (see Shows) replaced by what they hold (anchors).
func PruneEmpty(ins []Inline) []Inline {
	out := ins[:0:0]
	for _, in := range ins {
		switch {
		case (in.Type == Text || in.Type == Code) && in.Text == "":
			continue
		case in.Type.IsMark():
			in.Content = PruneEmpty(in.Content)
			if !Shows(in.Content) {
				out = append(out, in.Content...)
				continue
			}
		}
		out = append(out, in)
	}
	return out
}

// BlockText returns the plain text of a block and everything inside it,
// with blocks separated by newlines.
func BlockText(b *Block) string {
	var sb strings.Builder
	blockText(&sb, b)
	return sb.String()
}

func blockText(sb *strings.Builder, b *Block) {
	sep := func() {
		if sb.Len() > 0 {
			sb.WriteByte('\n')
		}
	}
	switch b.Type {
	case Heading, Paragraph:
		sep()
		writePlain(sb, b.Inlines)
	case FigureBlock:
		if b.Figure != nil {
			sep()
			writePlain(sb, b.Figure.Caption)
		}
	case CodeBlock:
		if b.Code != nil {
			sep()
			sb.WriteString(b.Code.Text)
		}
	}
	for i := range b.Blocks {
		blockText(sb, &b.Blocks[i])
	}
	if b.List != nil {
		for _, it := range b.List.Items {
			for i := range it.Blocks {
				blockText(sb, &it.Blocks[i])
			}
		}
	}
	if b.Table != nil {
		for _, r := range b.Table.Rows {
			for _, c := range r.Cells {
				for i := range c.Blocks {
					blockText(sb, &c.Blocks[i])
				}
			}
		}
	}
}

// TitleBlock returns the block that shows the document's title, when the
// title is the text of one of its first blocks (a Title-style paragraph or
// a first heading, as DOCX and HTML sources give it), or nil. Translation
// then translates that block once, and the title follows it.
func (d *Document) TitleBlock() *Block {
	title := strings.Join(strings.Fields(d.Title), " ")
	if title == "" {
		return nil
	}
	for i := range d.Blocks[:min(len(d.Blocks), 5)] {
		b := &d.Blocks[i]
		if (b.Type == Heading || b.Type == Paragraph) && strings.Join(strings.Fields(PlainText(b.Inlines)), " ") == title {
			return b
		}
	}
	return nil
}

// FirstHeading returns the text of the document's first heading, or "".
func (d *Document) FirstHeading() string {
	for _, b := range d.Blocks {
		if b.Type == Heading {
			if t := squeezeSpace(shownText(b.Inlines)); t != "" {
				return t
			}
		}
	}
	return ""
}

// Walk calls fn for every block of the document in reading order, outer
// blocks before the blocks they contain: body, then notes, then headers
// and footers.
func (d *Document) Walk(fn func(b *Block)) {
	walkBlocks(d.Blocks, fn)
	for i := range d.Notes {
		walkBlocks(d.Notes[i].Blocks, fn)
	}
	for i := range d.Headers {
		walkBlocks(d.Headers[i].Blocks, fn)
	}
}

func walkBlocks(bs []Block, fn func(b *Block)) {
	for i := range bs {
		b := &bs[i]
		fn(b)
		b.EachChildList(func(children []Block) { walkBlocks(children, fn) })
	}
}

// EachChildList calls fn with each list of blocks b holds directly: its
// own blocks (a quotation's), each list item's, each table cell's, in
// reading order. A walk that carries something down the tree (a
// language) recurses through it.
func (b *Block) EachChildList(fn func(children []Block)) {
	fn(b.Blocks)
	if b.List != nil {
		for j := range b.List.Items {
			fn(b.List.Items[j].Blocks)
		}
	}
	if b.Table != nil {
		for _, r := range b.Table.Rows {
			for j := range r.Cells {
				fn(r.Cells[j].Blocks)
			}
		}
	}
}

// WalkInlines calls fn for every inline in ins and inside them, outer first.
func WalkInlines(ins []Inline, fn func(in *Inline)) {
	for i := range ins {
		fn(&ins[i])
		WalkInlines(ins[i].Content, fn)
	}
}

// blockInlines calls fn for each inline list directly held by b.
func blockInlines(b *Block, fn func(ins []Inline)) {
	fn(b.Inlines)
	if b.Figure != nil {
		fn(b.Figure.Caption)
	}
}

// MediaByName returns the media entry called name, or nil.
func (d *Document) MediaByName(name string) *Media {
	for i := range d.Media {
		if d.Media[i].Name == name {
			return &d.Media[i]
		}
	}
	return nil
}

// TrimBreaks returns ins without the line breaks (of a line, not of a
// page or column) at its start and end, at any depth of marks: a break
// there starts or ends no line of the block's text, and Markdown cannot
// write one (a backslash ending a paragraph is read as a backslash). ins
// is not changed.
func TrimBreaks(ins []Inline) []Inline {
	lineBreak := func(in Inline) bool { return in.Type == LineBreak && in.Break == "" }
	for len(ins) > 0 && lineBreak(ins[0]) {
		ins = ins[1:]
	}
	for len(ins) > 0 && lineBreak(ins[len(ins)-1]) {
		ins = ins[:len(ins)-1]
	}
	if len(ins) == 0 {
		return nil
	}
	first, last := ins[0], ins[len(ins)-1]
	if !first.Type.IsMark() && !last.Type.IsMark() {
		return ins
	}
	out := append([]Inline(nil), ins...)
	if first.Type.IsMark() {
		out[0].Content = TrimBreaks(first.Content)
	}
	if n := len(out) - 1; last.Type.IsMark() {
		out[n].Content = TrimBreaks(out[n].Content)
	}
	return out
}
