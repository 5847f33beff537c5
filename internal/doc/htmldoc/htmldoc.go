// Package htmldoc reads HTML pages, and web archives (MHT, MIME
// multipart/related) holding one, into tandem's document model: headings,
// paragraphs, quotations, lists, tables, figures, images, MathML formulas,
// footnotes and endnotes, emphasis, links and anchors. It reads what
// HTML-to-DOCX converters put into a Word file as an embedded chunk
// (w:altChunk), and .html manuscripts. Scripts, styles and presentation are
// left out; an image whose bytes the page, its archive or its folder does
// not hold is kept as its description, with a warning.
package htmldoc

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding/charmap"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/textenc"
)

// Options say how Parse reads a page.
type Options struct {
	// ContentType is the page's media type with its charset parameter, as
	// the container declared it ("text/html; charset=windows-1251"); the
	// page's own <meta charset> is used when it gives none.
	ContentType string
	// MaxSize bounds the page in bytes (16 MiB when zero).
	MaxSize int
	// MaxDepth bounds the nesting of elements (200 when zero).
	MaxDepth int
	// Image returns the image an <img src> names, when the container
	// holds it (a part of a web archive): an error wrapping
	// doc.ErrNotImage when the part is not an image, ErrNoPart when the
	// container has no such part.
	Image func(src string) (doc.Media, error)
	// Dir is the folder an <img src> with a relative path is read from:
	// the page's own folder, for a page read from a file. When it is empty
	// no file is read, and such an image is kept as its description, with
	// a warning. Images on the web are never fetched; images in data: URIs
	// are always read.
	Dir string
}

// maxImageFile bounds an image read from a file next to the page, as the
// DOCX reader bounds the images of a package.
const maxImageFile = 64 << 20

// Errors a caller may want to tell apart.
var (
	ErrTooLarge = errors.New("too large")
	// ErrNoPart is returned by Options.Image for an image its container
	// does not hold.
	ErrNoPart = errors.New("not in the container")
)

// Read reads an HTML page into a finished document: languages settled,
// identifiers assigned and internal links resolved.
func Read(src []byte, opt Options) (*doc.Document, error) {
	d, err := Parse(src, opt)
	if err != nil {
		return nil, err
	}
	Finish(d, d.Lang)
	return d, nil
}

// Finish settles the languages of a parsed document (fallback when it
// declares none), orders its notes, assigns identifiers and resolves its
// internal links.
func Finish(d *doc.Document, fallback string) {
	doc.SettleLang(d, fallback)
	doc.OrderNotes(d)
	written := takeWrittenIDs(d)
	doc.AssignIDs(d)
	renameLinks(d, written)
	doc.ResolveLinks(d)
}

// takeWrittenIDs removes from each heading, paragraph and figure the anchor that
// stands for the id tandem gave it when it wrote the page (a link points
// at it: an entry of a table of contents at its heading), so that the
// block is given its identifier again rather than one beside the anchor,
// and returns those ids by block.
func takeWrittenIDs(d *doc.Document) map[*doc.Block]string {
	out := map[*doc.Block]string{}
	d.Walk(func(b *doc.Block) {
		ins := &b.Inlines
		if b.Figure != nil {
			ins = &b.Figure.Caption
		}
		if len(*ins) == 0 || (*ins)[0].Type != doc.Anchor {
			return
		}
		id := (*ins)[0].ID
		if !doc.IsAssignedID(id) || !(b.Type == doc.Heading && id[0] == 'h' || b.Type == doc.Paragraph && id[0] == 'p' || b.Type == doc.FigureBlock && id[0] == 'f') {
			return
		}
		*ins = (*ins)[1:]
		out[b] = id
	})
	return out
}

// renameLinks points the links to an id takeWrittenIDs took at the
// identifier its block has now, when that differs (its text changed).
func renameLinks(d *doc.Document, written map[*doc.Block]string) {
	to := map[string]string{}
	for b, id := range written {
		if b.ID != id {
			to[id] = b.ID
		}
	}
	if len(to) == 0 {
		return
	}
	rename := func(ins []doc.Inline) {
		doc.WalkInlines(ins, func(in *doc.Inline) {
			if id, ok := doc.InternalTarget(in.Href); ok && in.Type == doc.Link && to[id] != "" {
				in.Href = "#" + to[id]
			}
		})
	}
	d.Walk(func(b *doc.Block) {
		rename(b.Inlines)
		if b.Figure != nil {
			rename(b.Figure.Caption)
		}
	})
}

// Parse reads an HTML page into a document whose blocks have no
// identifiers yet, for a caller that puts them into a larger document.
func Parse(src []byte, opt Options) (*doc.Document, error) {
	if opt.MaxSize <= 0 {
		opt.MaxSize = 16 << 20
	}
	if opt.MaxDepth <= 0 {
		opt.MaxDepth = 200
	}
	if len(src) > opt.MaxSize {
		return nil, fmt.Errorf("%w: %d bytes of HTML (at most %d)", ErrTooLarge, len(src), opt.MaxSize)
	}
	text, err := decodePage(src, opt.ContentType)
	if err != nil {
		return nil, err
	}
	root, err := html.ParseWithOptions(bytes.NewReader(text.Bytes), html.ParseOptionEnableScripting(false))
	if err != nil {
		return nil, err
	}
	c := &conv{opt: opt, d: &doc.Document{Version: doc.Version, Blocks: []doc.Block{}}}
	for _, w := range text.Warnings {
		c.d.Warn("%s", w)
	}
	if err := c.checkDepth(root, 0); err != nil {
		return nil, err
	}
	c.meta(root)
	c.findNotes(root)
	var body *html.Node
	for n := range root.Descendants() {
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			body = n
			break
		}
	}
	if body == nil {
		body = root
	}
	c.d.Blocks = append(c.d.Blocks, c.blocks(body, c.d.Lang)...)
	// Notes the page hides (pop-up footnotes) or puts where no text is
	// read are still the notes its references call.
	for _, n := range c.noteOrder {
		c.note(n)
	}
	return c.d, nil
}

// decodePage returns a page in UTF-8: in the encoding it declares
// (declaredCharset), where a byte-order mark wins; without a declaration
// as textenc.Decode reads it (UTF-8, UTF-16, or Chinese or Russian in a
// legacy encoding when it reads clearly as one), and failing that as
// windows-1252, as browsers do, with a warning.
func decodePage(src []byte, contentType string) (*textenc.Text, error) {
	label := declaredCharset(src, contentType)
	text, err := textenc.DecodeDeclared(src, label)
	if err == nil || label != "" || !errors.Is(err, textenc.ErrEncoding) {
		return text, err
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(src)
	if err != nil {
		return nil, err
	}
	return &textenc.Text{Bytes: out, Encoding: "windows-1252", Warnings: []string{
		"the page declares no encoding and is not UTF-8: read as windows-1252, as browsers do; if its letters look wrong, declare its charset or save it as UTF-8"}}, nil
}

// declaredCharset returns the encoding a page declares: the charset
// parameter of its media type, else the charset of its <meta charset> or
// <meta http-equiv="Content-Type"> within its first 1024 bytes (as the
// HTML standard's prescan looks), else "".
func declaredCharset(src []byte, contentType string) string {
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		return params["charset"]
	}
	z := html.NewTokenizer(bytes.NewReader(src[:min(len(src), 1024)]))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			if string(name) != "meta" {
				continue
			}
			var label, content string
			pragma := false
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch strings.ToLower(string(k)) {
				case "charset":
					label = string(v)
				case "http-equiv":
					pragma = strings.EqualFold(string(v), "content-type")
				case "content":
					content = string(v)
				}
			}
			if label == "" && pragma {
				if _, params, err := mime.ParseMediaType(content); err == nil {
					label = params["charset"]
				}
			}
			if label = strings.TrimSpace(label); label != "" {
				// A page read as ASCII cannot be in UTF-16, whatever it
				// says (the HTML standard reads it as UTF-8).
				if strings.HasPrefix(strings.ToLower(label), "utf-16") {
					return "utf-8"
				}
				return label
			}
		}
	}
}

type conv struct {
	opt Options
	d   *doc.Document
	// bad holds language tags already reported as invalid.
	bad map[string]bool
	notes
}

func (c *conv) checkDepth(n *html.Node, depth int) error {
	if depth > c.opt.MaxDepth {
		return fmt.Errorf("%w: elements nested more than %d deep", ErrTooLarge, c.opt.MaxDepth)
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if err := c.checkDepth(k, depth+1); err != nil {
			return err
		}
	}
	return nil
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, name) {
			return a.Val
		}
	}
	return ""
}

// langOf returns an element's language tag, checked; "" when it has none
// or a bad one (reported once).
func (c *conv) langOf(n *html.Node) string {
	v := strings.TrimSpace(attr(n, "lang"))
	if v == "" {
		v = strings.TrimSpace(attr(n, "xml:lang"))
	}
	if v == "" {
		return ""
	}
	t, err := lang.ParseTag(v)
	if err != nil {
		if c.bad == nil {
			c.bad = map[string]bool{}
		}
		if !c.bad[v] {
			c.bad[v] = true
			c.d.Warn("language %q in the HTML is not a BCP 47 tag: ignored", v)
		}
		return ""
	}
	return t
}

// meta reads the page's language, title and authors, from HTML elements
// only: the <title> of a drawing (SVG) or formula is not the page's.
func (c *conv) meta(root *html.Node) {
	for n := range root.Descendants() {
		if n.Type != html.ElementNode || n.Namespace != "" {
			continue
		}
		switch n.DataAtom {
		case atom.Html:
			c.d.Lang = c.langOf(n)
		case atom.Title:
			if c.d.Title == "" {
				c.d.Title = collapse(textOf(n))
			}
		case atom.Meta:
			switch strings.ToLower(attr(n, "name")) {
			case "author":
				for _, a := range strings.Split(attr(n, "content"), ";") {
					if a = collapse(a); a != "" {
						c.d.Authors = append(c.d.Authors, a)
					}
				}
			case "description":
				if c.d.Abstract == "" {
					c.d.Abstract = collapse(attr(n, "content"))
				}
			case "keywords":
				c.d.Keywords = append(c.d.Keywords, doc.SplitKeywords(attr(n, "content"))...)
			}
		}
	}
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for k := range n.Descendants() {
		if k.Type == html.TextNode {
			b.WriteString(k.Data)
		}
	}
	return b.String()
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// skipped are elements whose content is not text of the document. Those
// a reader of the page sees (shown) are named in a warning when left out.
var skipped = map[atom.Atom]bool{
	atom.Head: true, atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Iframe: true, atom.Button: true, atom.Select: true,
	atom.Input: true, atom.Textarea: true, atom.Nav: true, atom.Embed: true, atom.Canvas: true,
}

// shown are elements of the page that show something tandem does not keep:
// the document warns once per kind left out. An <object>, <video> or
// <audio> is left out but its fallback content is read.
var shown = map[atom.Atom]bool{
	atom.Iframe: true, atom.Button: true, atom.Select: true, atom.Input: true, atom.Textarea: true,
	atom.Nav: true, atom.Embed: true, atom.Canvas: true, atom.Object: true, atom.Video: true, atom.Audio: true,
}

// leaveOut warns that an element shown on the page is left out of the
// document, once per kind of element.
func (c *conv) leaveOut(n *html.Node) {
	switch {
	case !shown[n.DataAtom]:
	case skipped[n.DataAtom]:
		c.d.Warn("<%s> left out", n.Data)
	default:
		c.d.Warn("<%s> left out: its fallback content kept", n.Data)
	}
}

// unknown warns, once per kind, about an element HTML does not define
// (a custom element such as <my-widget>) whose text is read as text. Word's
// prefixed elements (<o:p>, <st1:place>) are not named.
func (c *conv) unknown(n *html.Node) {
	if n.DataAtom != 0 || strings.Contains(n.Data, ":") || strings.TrimSpace(textOf(n)) == "" {
		return
	}
	c.d.Warn("<%s> not understood: kept as its text", n.Data)
}

// blockTags are elements that make blocks; everything else is inline
// (and <math display="block">, see isBlock).
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Table: true, atom.Figure: true,
	atom.Hr: true, atom.Pre: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Center: true, atom.Address: true,
	atom.Li: true, atom.Dt: true, atom.Dd: true, atom.Body: true, atom.Form: true, atom.Fieldset: true,
	atom.Details: true, atom.Summary: true, atom.Caption: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Thead: true, atom.Tbody: true, atom.Tfoot: true, atom.Figcaption: true,
}

// hidden reports whether an element is not shown to a reader of the page:
// the hidden attribute, or a style of display: none (Word's web pages hide
// a table of contents' page numbers so, with mso-hide). Its content is not
// text of the document, as hidden text of a DOCX is not.
func hidden(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == "hidden" {
			return true
		}
	}
	for _, decl := range strings.Split(attr(n, "style"), ";") {
		prop, val, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		prop = strings.ToLower(strings.TrimSpace(prop))
		val = strings.ToLower(strings.TrimSpace(val))
		if prop == "display" && strings.HasPrefix(val, "none") || prop == "mso-hide" && strings.HasPrefix(val, "all") {
			return true
		}
	}
	return false
}

func isBlock(n *html.Node) bool {
	return n.Type == html.ElementNode && (blockTags[n.DataAtom] || displayMath(n))
}

// displayMath reports whether n is a formula set on its own line.
func displayMath(n *html.Node) bool {
	return n.DataAtom == atom.Math && strings.EqualFold(strings.TrimSpace(attr(n, "display")), "block")
}

// blocks reads the children of n as blocks; runs of inline content
// between block elements become paragraphs.
func (c *conv) blocks(n *html.Node, lang string) []doc.Block {
	var out []doc.Block
	var run []*html.Node
	flush := func() {
		if len(run) == 0 {
			return
		}
		ins := c.inlineNodes(run, lang)
		run = nil
		if b, ok := paragraph(ins); ok {
			out = append(out, b)
		}
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if isTOC(k) && !hidden(k) {
			flush()
			out = append(out, c.toc(k, lang)...)
			continue
		}
		if k.Type == html.ElementNode && (skipped[k.DataAtom] || hidden(k)) {
			if !hidden(k) {
				c.leaveOut(k)
			}
			continue
		}
		if c.noteOf[k] != nil {
			flush()
			c.note(k)
			continue
		}
		if c.noteLists[n] && k.Type == html.ElementNode && k.DataAtom == atom.Hr {
			// The rule pandoc puts above its notes.
			continue
		}
		if !isBlock(k) {
			run = append(run, k)
			continue
		}
		flush()
		out = append(out, c.block(k, lang)...)
	}
	flush()
	return out
}

// isTOC reports whether n is a table of contents: a <nav> with the
// DPUB-ARIA role doc-toc, as tandem's HTML writer and pandoc write it.
// Other navigation is not text of the document.
func isTOC(n *html.Node) bool {
	return n.Type == html.ElementNode && n.DataAtom == atom.Nav &&
		slices.Contains(strings.Fields(strings.ToLower(attr(n, "role"))), "doc-toc")
}

// tocLevel returns the level of an entry of a table of contents that its
// class says, as tandem's HTML writer writes it ("toc-1" to "toc-9"), or 0.
func tocLevel(n *html.Node) int {
	for _, cl := range strings.Fields(attr(n, "class")) {
		if d, ok := strings.CutPrefix(cl, "toc-"); ok && len(d) == 1 && d[0] >= '1' && d[0] <= '9' {
			return int(d[0] - '0')
		}
	}
	return 0
}

// toc reads a table of contents (isTOC) as the entries of one table: a
// paragraph is an entry of the level its class "toc-N" says (0, as for a
// table of figures, without), an item of a list nested d deep (pandoc's
// <ul>) an entry of level d. Its headings (its title) stay headings.
func (c *conv) toc(n *html.Node, outer string) []doc.Block {
	l := outer
	if own := c.langOf(n); own != "" {
		l = own
	}
	var out []doc.Block
	var add func(b doc.Block, level int)
	add = func(b doc.Block, level int) {
		switch {
		case b.Type == doc.Paragraph:
			b.TOC = &doc.TOCEntry{Level: level}
		case b.Type == doc.ListBlock && b.List != nil:
			for _, it := range b.List.Items {
				for _, ib := range it.Blocks {
					add(ib, level+1)
				}
			}
			return
		}
		out = append(out, b)
	}
	var run []*html.Node
	flush := func() {
		if b, ok := paragraph(c.inlineNodes(run, l)); ok {
			add(b, 0)
		}
		run = nil
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if k.Type == html.ElementNode && (skipped[k.DataAtom] || hidden(k)) {
			continue
		}
		if !isBlock(k) {
			run = append(run, k)
			continue
		}
		flush()
		for _, b := range c.block(k, l) {
			add(b, tocLevel(k))
		}
	}
	flush()
	return out
}

// paragraph makes a paragraph (or a figure, for an image alone) of
// inlines, trimmed; false when nothing is left.
func paragraph(ins []doc.Inline) (doc.Block, bool) {
	ins = trim(ins)
	if len(ins) == 0 {
		return doc.Block{}, false
	}
	if len(ins) == 1 && ins[0].Type == doc.Image && ins[0].Src != "" {
		return doc.Block{Type: doc.FigureBlock, Figure: &doc.Figure{Src: ins[0].Src, Alt: ins[0].Alt}}, true
	}
	return doc.Block{Type: doc.Paragraph, Inlines: ins}, true
}

// withLang sets a block's language when it differs from the surrounding
// one.
func withLang(b doc.Block, l, outer string) doc.Block {
	if l != "" && !strings.EqualFold(l, outer) {
		b.Lang = l
	}
	return b
}

func (c *conv) block(n *html.Node, outer string) []doc.Block {
	l := outer
	own := c.langOf(n)
	if own != "" {
		l = own
	}
	anchor := func(ins []doc.Inline) []doc.Inline {
		if id := c.anchorID(n); id != "" {
			return append([]doc.Inline{{Type: doc.Anchor, ID: id}}, ins...)
		}
		return ins
	}
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		number := takeNumber(n)
		ins := trim(c.inlineNodes(children(n), l))
		if len(ins) == 0 {
			return nil
		}
		level := int(n.Data[1] - '0')
		return []doc.Block{withLang(doc.Block{Type: doc.Heading, Level: level, Number: number, Inlines: anchor(ins)}, own, outer)}
	case atom.P, atom.Dt, atom.Dd, atom.Summary, atom.Caption, atom.Figcaption, atom.Address:
		if hasBlockChild(n) {
			return c.container(n, l, own, outer)
		}
		if b, ok := paragraph(anchor(c.inlineNodes(children(n), l))); ok {
			return []doc.Block{withLang(b, own, outer)}
		}
		return nil
	case atom.Pre:
		code, ok := preformatted(n)
		if !ok {
			return nil
		}
		return []doc.Block{withLang(doc.Block{Type: doc.CodeBlock, Code: code}, own, outer)}
	case atom.Blockquote:
		bs := c.blocks(n, l)
		if len(bs) == 0 {
			return nil
		}
		return []doc.Block{withLang(doc.Block{Type: doc.Quote, Blocks: bs}, own, outer)}
	case atom.Ul, atom.Ol, atom.Dl:
		return c.list(n, l, own, outer)
	case atom.Table:
		return c.table(n, l, own, outer)
	case atom.Hr:
		return []doc.Block{{Type: doc.SectionBreak}}
	case atom.Figure:
		return c.figure(n, l)
	case atom.Math:
		// A formula on its own line: a paragraph holding it.
		if b, ok := paragraph(anchor([]doc.Inline{c.math(n, true)})); ok {
			return []doc.Block{withLang(b, own, outer)}
		}
		return nil
	}
	return c.container(n, l, own, outer)
}

// container reads an element that only groups blocks (div, section, a
// list item outside a list), giving its id to its first block.
func (c *conv) container(n *html.Node, l, own, outer string) []doc.Block {
	bs := c.blocks(n, l)
	if id := c.anchorID(n); id != "" {
		for i := range bs {
			if bs[i].Type == doc.Paragraph || bs[i].Type == doc.Heading {
				bs[i].Inlines = append([]doc.Inline{{Type: doc.Anchor, ID: id}}, bs[i].Inlines...)
				break
			}
		}
	}
	if own != "" {
		for i := range bs {
			if bs[i].Lang == "" {
				bs[i] = withLang(bs[i], own, outer)
			}
		}
	}
	return bs
}

func hasBlockChild(n *html.Node) bool {
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if isBlock(k) {
			return true
		}
	}
	return false
}

func children(n *html.Node) []*html.Node {
	var out []*html.Node
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		out = append(out, k)
	}
	return out
}

// listStyles maps the type attribute of <ol> to CSS list styles.
var listStyles = map[string]string{"a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman", "I": "upper-roman", "1": ""}

func (c *conv) list(n *html.Node, l, own, outer string) []doc.Block {
	lst := &doc.List{Ordered: n.DataAtom == atom.Ol, Items: []doc.Item{}}
	if lst.Ordered {
		lst.Start = 1
		if s, err := strconv.Atoi(strings.TrimSpace(attr(n, "start"))); err == nil && s > -1000000 && s < 1000000 {
			lst.Start = s
		}
		lst.Style = listStyles[attr(n, "type")]
		if st := cssListStyle(attr(n, "style")); st != "" {
			lst.Style = st
		}
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if k.Type != html.ElementNode {
			continue
		}
		if c.noteOf[k] != nil {
			c.note(k)
			continue
		}
		switch k.DataAtom {
		case atom.Li, atom.Dt, atom.Dd:
			label := takeLabel(k)
			bs := c.blocks(k, l)
			if id := c.anchorID(k); id != "" && len(bs) > 0 && bs[0].Type == doc.Paragraph {
				bs[0].Inlines = append([]doc.Inline{{Type: doc.Anchor, ID: id}}, bs[0].Inlines...)
			}
			if bs == nil {
				bs = []doc.Block{}
			}
			lst.Items = append(lst.Items, doc.Item{Label: label, Blocks: bs})
		case atom.Ul, atom.Ol:
			// A list directly inside a list belongs to the item before it.
			sub := c.list(k, l, "", l)
			if len(lst.Items) == 0 {
				lst.Items = append(lst.Items, doc.Item{Blocks: []doc.Block{}})
			}
			it := &lst.Items[len(lst.Items)-1]
			it.Blocks = append(it.Blocks, sub...)
		}
	}
	if len(lst.Items) == 0 {
		return nil
	}
	return []doc.Block{withLang(doc.Block{Type: doc.ListBlock, List: lst}, own, outer)}
}

var headingAtoms = map[atom.Atom]bool{atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true}

// takeLabel removes the label of a list item, as tandem's HTML writer
// writes one in place of the list's number (<span class="label">Статья
// 1.</span> at the start of the item), and returns its text; "" when the
// item has none.
func takeLabel(li *html.Node) string {
	n := li.FirstChild
	for n != nil {
		switch {
		case n.Type == html.TextNode && strings.TrimSpace(n.Data) == "":
			n = n.NextSibling
			continue
		case n.Type != html.ElementNode:
			return ""
		case n.DataAtom == atom.Span && strings.Contains(" "+attr(n, "class")+" ", " label "):
			label := collapse(textOf(n))
			if next := n.NextSibling; next != nil && next.Type == html.TextNode {
				next.Data = strings.TrimPrefix(next.Data, " ")
			}
			n.Parent.RemoveChild(n)
			return label
		case n.DataAtom == atom.P || n.DataAtom == atom.Div || headingAtoms[n.DataAtom]:
			n = n.FirstChild
			continue
		}
		return ""
	}
	return ""
}

// takeNumber removes the number of a heading, as tandem's HTML writer
// writes it (<span class="number">2.1.</span> at the start of the
// heading), and returns its text; "" when the heading has none.
func takeNumber(h *html.Node) string {
	for n := h.FirstChild; n != nil; n = n.NextSibling {
		switch {
		case n.Type == html.TextNode && strings.TrimSpace(n.Data) == "":
			continue
		case n.Type == html.ElementNode && n.DataAtom == atom.Span && strings.Contains(" "+attr(n, "class")+" ", " number "):
			number := collapse(textOf(n))
			if next := n.NextSibling; next != nil && next.Type == html.TextNode {
				next.Data = strings.TrimPrefix(next.Data, " ")
			}
			h.RemoveChild(n)
			return number
		}
		return ""
	}
	return ""
}

// cssListStyle returns the list-style-type of a style attribute when it
// is one the model knows.
func cssListStyle(style string) string {
	for _, decl := range strings.Split(style, ";") {
		k, v, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		k, v = strings.TrimSpace(strings.ToLower(k)), strings.TrimSpace(strings.ToLower(v))
		if k != "list-style-type" && k != "list-style" {
			continue
		}
		for _, w := range strings.Fields(v) {
			switch w {
			case "decimal", "lower-alpha", "upper-alpha", "lower-roman", "upper-roman", "lower-greek",
				"decimal-leading-zero", "cjk-ideographic", "cjk-heavenly-stem", "cjk-earthly-branch", "cyrillic-lower", "cyrillic-upper", "lower-latin", "upper-latin":
				return w
			}
		}
	}
	return ""
}

func (c *conv) table(n *html.Node, l, own, outer string) []doc.Block {
	t := &doc.Table{}
	var rows func(n *html.Node, header bool)
	rows = func(n *html.Node, header bool) {
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			if k.Type != html.ElementNode {
				continue
			}
			switch k.DataAtom {
			case atom.Thead:
				rows(k, true)
			case atom.Tbody, atom.Tfoot:
				rows(k, false)
			case atom.Tr:
				row := doc.Row{Header: header, Cells: []doc.Cell{}}
				allTH := true
				for cell := k.FirstChild; cell != nil; cell = cell.NextSibling {
					if cell.Type != html.ElementNode || (cell.DataAtom != atom.Td && cell.DataAtom != atom.Th) {
						continue
					}
					if cell.DataAtom != atom.Th {
						allTH = false
					}
					cl := doc.Cell{Blocks: c.blocks(cell, l)}
					if cl.Blocks == nil {
						cl.Blocks = []doc.Block{}
					}
					if s, err := strconv.Atoi(attr(cell, "colspan")); err == nil && s > 1 && s < 1000 {
						cl.ColSpan = s
					}
					if s, err := strconv.Atoi(attr(cell, "rowspan")); err == nil && s > 1 && s < 10000 {
						cl.RowSpan = s
					}
					row.Cells = append(row.Cells, cl)
				}
				if len(row.Cells) == 0 {
					continue
				}
				if allTH && len(t.Rows) == 0 {
					row.Header = true
				}
				// Header rows come first, as in the model.
				if row.Header && len(t.Rows) > 0 && !t.Rows[len(t.Rows)-1].Header {
					row.Header = false
				}
				t.Rows = append(t.Rows, row)
			}
		}
	}
	rows(n, false)
	var out []doc.Block
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if k.Type == html.ElementNode && k.DataAtom == atom.Caption {
			out = append(out, c.block(k, l)...)
		}
	}
	if len(t.Rows) == 0 {
		return out
	}
	return append(out, withLang(doc.Block{Type: doc.TableBlock, Table: t}, own, outer))
}

// figure reads a <figure>: its first image (<img> or <svg>), its
// <figcaption> (shown above the image when it comes first) and the blocks
// it holds besides, which follow it.
func (c *conv) figure(n *html.Node, l string) []doc.Block {
	f := &doc.Figure{}
	var rest []doc.Block
	image := false
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		switch {
		case k.Type == html.ElementNode && k.DataAtom == atom.Figcaption:
			f.Caption = trim(c.inlineNodes(children(k), l))
			f.CaptionAbove = !image
		case k.Type == html.ElementNode && k.DataAtom == atom.Img && !image:
			img := c.image(k)
			f.Src, f.Alt = img.Src, img.Alt
			image = f.Src != "" || f.Alt != ""
		case k.Type == html.ElementNode && k.DataAtom == atom.Svg && !image && !hidden(k):
			img := c.svg(k)
			f.Src, f.Alt = img.Src, img.Alt
			image = f.Src != "" || f.Alt != ""
		case isBlock(k):
			rest = append(rest, c.block(k, l)...)
		}
	}
	if f.Src == "" && f.Alt == "" && len(f.Caption) == 0 {
		return rest
	}
	if len(f.Caption) == 0 || !image {
		f.CaptionAbove = false
	}
	// A link to the figure (an entry of a list of figures) points at
	// its id: the caption holds it, as a DOCX bookmark on a caption.
	if id := c.anchorID(n); id != "" {
		f.Caption = append([]doc.Inline{{Type: doc.Anchor, ID: id}}, f.Caption...)
	}
	return append([]doc.Block{{Type: doc.FigureBlock, Figure: f}}, rest...)
}

// svg reads an <svg> drawn in the page (a chart, a diagram, an icon) as
// an image of the document: an SVG file of its own, without the scripts,
// event handlers, foreign objects and outside references a browser would
// run or fetch if the file were opened by itself, described by its
// <title> or aria-label. A drawing larger than maxImageFile is kept as its
// description, with a warning.
func (c *conv) svg(n *html.Node) doc.Inline {
	in := doc.Inline{Type: doc.Image, Alt: collapse(attr(n, "aria-label"))}
	for k := n.FirstChild; k != nil && in.Alt == ""; k = k.NextSibling {
		if k.Type == html.ElementNode && k.Data == "title" {
			in.Alt = collapse(textOf(k))
		}
	}
	var b bytes.Buffer
	svgXML(&b, n)
	m, err := doc.ImageMedia(b.Bytes(), "image/svg+xml", maxImageFile)
	if err != nil {
		c.d.Warn("drawing (<svg>) not read (%v): kept as its description %q", err, in.Alt)
		return in
	}
	if c.d.MediaByName(m.Name) == nil {
		c.d.Media = append(c.d.Media, m)
	}
	in.Src = m.Name
	return in
}

// svgXML writes the <svg> element n as XML for doc.CleanSVG, which
// cleans every SVG image the same way: elements of the SVG namespace with
// their attributes (xlink: and xml: ones with their prefix), text and
// nothing else, as the HTML parser has already resolved what the page's
// markup means.
func svgXML(b *bytes.Buffer, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		xml.EscapeText(b, []byte(n.Data))
		return
	case html.ElementNode:
	default:
		return
	}
	if n.Namespace != "svg" || !xmlName(n.Data) {
		return
	}
	b.WriteString("<" + n.Data)
	if n.Parent == nil || n.Parent.Namespace != "svg" {
		b.WriteString(` xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"`)
	}
	for _, a := range n.Attr {
		key := a.Key
		switch a.Namespace {
		case "xlink", "xml":
			key = a.Namespace + ":" + a.Key
		case "":
			if strings.Contains(key, ":") || key == "xmlns" || !xmlName(key) {
				continue
			}
		default:
			continue
		}
		b.WriteString(" " + key + `="`)
		xml.EscapeText(b, []byte(a.Val))
		b.WriteString(`"`)
	}
	b.WriteString(">")
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		svgXML(b, k)
	}
	b.WriteString("</" + n.Data + ">")
}

// xmlName reports whether s can be the name of an XML element or
// attribute without a prefix.
func xmlName(s string) bool {
	for i, r := range s {
		ok := r == '_' || unicode.IsLetter(r) || (i > 0 && (r == '-' || r == '.' || unicode.IsDigit(r)))
		if !ok {
			return false
		}
	}
	return s != ""
}

// image reads an <img>: the image itself when the page holds it (a
// data: URI), the container has it (a part of a web archive) or it is a
// file in Options.Dir; otherwise only its description, with a warning
// naming the image.
func (c *conv) image(n *html.Node) doc.Inline {
	in := doc.Inline{Type: doc.Image, Alt: collapse(attr(n, "alt"))}
	if in.Alt == "" {
		in.Alt = collapse(attr(n, "title"))
	}
	src := strings.TrimSpace(attr(n, "src"))
	if src == "" {
		return in
	}
	m, why := c.imageMedia(src)
	if why != "" {
		name := src
		if len(name) > 48 {
			name = name[:40] + "…"
		}
		if in.Alt != "" {
			c.d.Warn("image %q not read (%s): kept as its description %q", name, why, in.Alt)
		} else {
			c.d.Warn("image %q not read (%s): left out, as it has no description", name, why)
		}
		return in
	}
	if c.d.MediaByName(m.Name) == nil {
		c.d.Media = append(c.d.Media, m)
	}
	in.Src = m.Name
	return in
}

// imageMedia returns the image an <img src> names, or why it has none.
func (c *conv) imageMedia(src string) (doc.Media, string) {
	if len(src) > 5 && strings.EqualFold(src[:5], "data:") {
		m, err := doc.DataMedia(src)
		if err != nil {
			return m, err.Error()
		}
		return m, ""
	}
	if c.opt.Image != nil {
		m, err := c.opt.Image(src)
		if err == nil {
			return m, ""
		}
		if !errors.Is(err, ErrNoPart) {
			return m, err.Error()
		}
	}
	u, err := url.Parse(src)
	switch {
	case err != nil:
		return doc.Media{}, "not a URL"
	case u.Scheme == "http" || u.Scheme == "https" || u.Host != "":
		return doc.Media{}, "tandem fetches no images from the web"
	case u.Scheme != "":
		return doc.Media{}, "not in the page"
	case c.opt.Dir == "":
		return doc.Media{}, "the page was read without its folder"
	}
	name := filepath.FromSlash(u.Path)
	if !filepath.IsLocal(name) {
		return doc.Media{}, "outside the page's folder"
	}
	f, err := os.OpenInRoot(c.opt.Dir, name)
	if err != nil {
		return doc.Media{}, "no such file next to the page"
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxImageFile+1))
	if err != nil {
		return doc.Media{}, err.Error()
	}
	m, err := doc.ImageMedia(data, mime.TypeByExtension(strings.ToLower(filepath.Ext(name))), maxImageFile)
	if err != nil {
		return m, err.Error()
	}
	return m, ""
}

// math reads a <math> element: its MathML, cleaned, and the TeX a
// converter such as pandoc puts beside it (an annotation of encoding
// application/x-tex). A formula tandem cannot keep as MathML and has no
// TeX for is kept as its text, with a warning.
func (c *conv) math(n *html.Node, display bool) doc.Inline {
	var b strings.Builder
	tex := ""
	var write func(n *html.Node)
	write = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(html.EscapeString(n.Data))
		case html.ElementNode:
			switch n.Data {
			case "annotation-xml":
				// Another notation of the same formula (content MathML).
				return
			case "annotation":
				if enc := strings.ToLower(attr(n, "encoding")); tex == "" && (enc == "application/x-tex" || enc == "tex" || enc == "latex") {
					tex = strings.TrimSpace(textOf(n))
				}
			}
			b.WriteString("<" + n.Data)
			for _, a := range n.Attr {
				if a.Namespace == "" && !strings.Contains(a.Key, ":") {
					b.WriteString(" " + a.Key + `="` + html.EscapeString(a.Val) + `"`)
				}
			}
			b.WriteString(">")
			for k := n.FirstChild; k != nil; k = k.NextSibling {
				write(k)
			}
			b.WriteString("</" + n.Data + ">")
		}
	}
	write(n)
	m := &doc.Math{Display: display, TeX: tex}
	if clean, err := doc.CleanMathML(b.String(), display); err == nil {
		m.MathML = clean
	} else if tex == "" {
		text := collapse(textOf(n))
		c.d.Warn("a MathML formula (%s) uses markup tandem does not keep: kept as its text", excerpt(text))
		return doc.Inline{Type: doc.Text, Text: text}
	}
	return doc.Inline{Type: doc.MathInline, Math: m}
}

// excerpt shortens a text for a message.
func excerpt(s string) string {
	if r := []rune(s); len(r) > 30 {
		return strconv.Quote(string(r[:28]) + "…")
	}
	return strconv.Quote(s)
}

// inlineMarks maps elements to the marks they make.
var inlineMarks = map[atom.Atom]doc.InlineType{
	atom.Em: doc.Emph, atom.I: doc.Emph, atom.Cite: doc.Emph, atom.Dfn: doc.Emph, atom.Var: doc.Emph,
	atom.Strong: doc.Strong, atom.B: doc.Strong, atom.U: doc.Underline, atom.Ins: doc.Underline,
	atom.S: doc.Strike, atom.Strike: doc.Strike, atom.Del: doc.Strike, atom.Sup: doc.Sup, atom.Sub: doc.Sub,
}

// codeTags are the elements of text set as code (see doc.Code): code,
// what to type, what a program printed, and the old teletype text.
var codeTags = map[atom.Atom]bool{atom.Code: true, atom.Kbd: true, atom.Samp: true, atom.Tt: true}

func (c *conv) inlineNodes(ns []*html.Node, l string) []doc.Inline {
	var out []doc.Inline
	for _, n := range ns {
		out = append(out, c.inline(n, l)...)
	}
	return out
}

func (c *conv) inline(n *html.Node, l string) []doc.Inline {
	switch n.Type {
	case html.TextNode:
		s := spaces(n.Data)
		if s == "" {
			return nil
		}
		return []doc.Inline{{Type: doc.Text, Text: s}}
	case html.ElementNode:
	default:
		return nil
	}
	if n.DataAtom == atom.Svg && !hidden(n) {
		return []doc.Inline{c.svg(n)}
	}
	if hidden(n) {
		return nil
	}
	if skipped[n.DataAtom] {
		c.leaveOut(n)
		return nil
	}
	c.leaveOut(n)
	c.unknown(n)
	if c.noteOf[n] != nil {
		c.note(n)
		return nil
	}
	if c.backlinks[n] {
		return nil
	}
	if info := c.refOf[n]; info != nil {
		return []doc.Inline{{Type: doc.NoteRef, Note: info.id, Mark: c.refMark[n]}}
	}
	var pre []doc.Inline
	if id := c.anchorID(n); id != "" {
		pre = []doc.Inline{{Type: doc.Anchor, ID: id}}
	}
	inner := l
	own := c.langOf(n)
	if own != "" {
		inner = own
	}
	content := func() []doc.Inline { return c.inlineNodes(children(n), inner) }
	var out []doc.Inline
	switch {
	case n.DataAtom == atom.Br:
		return []doc.Inline{{Type: doc.LineBreak, Break: doc.BreakOf(attr(n, "class"), attr(n, "style"))}}
	case n.DataAtom == atom.Img:
		return []doc.Inline{c.image(n)}
	case n.DataAtom == atom.Math:
		return []doc.Inline{c.math(n, false)}
	case n.DataAtom == atom.A:
		if name := strings.TrimSpace(attr(n, "name")); name != "" && len(pre) == 0 && !c.refNames[name] {
			pre = []doc.Inline{{Type: doc.Anchor, ID: name}}
		}
		href := strings.TrimSpace(attr(n, "href"))
		if _, ok := doc.SafeHref(href); ok {
			out = []doc.Inline{{Type: doc.Link, Href: href, Content: content()}}
		} else {
			out = content()
		}
	case inlineMarks[n.DataAtom] != "":
		out = []doc.Inline{{Type: inlineMarks[n.DataAtom], Content: content()}}
	case codeTags[n.DataAtom]:
		out = doc.CodeOf(content())
	case smallCaps(n):
		out = []doc.Inline{{Type: doc.SmallCaps, Content: content()}}
	default:
		out = content()
	}
	switch n.DataAtom {
	case atom.Mark, atom.Span:
		if st := doc.StyleOfHTML(n.Data, attr(n, "style"), attr(n, "data-style")); st != nil {
			out = doc.StyledMarks(st, out)
		}
	case atom.Font:
		if st := doc.StyleOfFont(attr(n, "color"), attr(n, "style")); st != nil {
			out = doc.StyledMarks(st, out)
		}
	}
	if own != "" && !strings.EqualFold(own, l) {
		out = []doc.Inline{{Type: doc.Span, Lang: own, Content: out}}
	}
	return append(pre, out...)
}

// smallCaps reports whether an element sets its text in small capitals:
// class "smallcaps", as tandem's writers and pandoc write them, or a style
// of font-variant: small-caps.
func smallCaps(n *html.Node) bool {
	if strings.Contains(" "+attr(n, "class")+" ", " smallcaps ") {
		return true
	}
	for _, decl := range strings.Split(attr(n, "style"), ";") {
		prop, val, ok := strings.Cut(decl, ":")
		if ok && strings.EqualFold(strings.TrimSpace(prop), "font-variant") && strings.EqualFold(strings.TrimSpace(val), "small-caps") {
			return true
		}
	}
	return false
}

// preformatted reads a <pre> as a code block: its text with every space
// and line (a <br> is a line end; what is hidden is not text), without
// the blank lines at its edges, and the language the class of the <pre>
// or of a <code> inside it names (language-go). False for a <pre> of
// nothing but white space.
func preformatted(n *html.Node) (*doc.Listing, bool) {
	var b strings.Builder
	lang := doc.CodeLanguage(attr(n, "class"))
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			switch {
			case k.Type == html.TextNode:
				b.WriteString(k.Data)
			case k.Type != html.ElementNode || hidden(k) || skipped[k.DataAtom]:
			case k.DataAtom == atom.Br:
				b.WriteByte('\n')
			default:
				if k.DataAtom == atom.Code && lang == "" {
					lang = doc.CodeLanguage(attr(k, "class"))
				}
				walk(k)
			}
		}
	}
	walk(n)
	text := strings.Trim(strings.ReplaceAll(b.String(), "\r\n", "\n"), "\n")
	if strings.TrimSpace(text) == "" {
		return nil, false
	}
	return &doc.Listing{Language: lang, Text: text}, true
}

// spaces collapses runs of HTML white space into one space.
func spaces(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// trim removes white space and line breaks at the edges of a block's
// inlines (not page or column breaks, which say where a page ends),
// merges text, and drops marks left empty.
func trim(ins []doc.Inline) []doc.Inline {
	ins = clean(ins)
	for len(ins) > 0 {
		first := &ins[0]
		if first.Type == doc.Text {
			first.Text = strings.TrimLeftFunc(first.Text, unicode.IsSpace)
			if first.Text == "" {
				ins = ins[1:]
				continue
			}
		}
		if first.Type == doc.LineBreak && first.Break == "" {
			ins = ins[1:]
			continue
		}
		break
	}
	for len(ins) > 0 {
		last := &ins[len(ins)-1]
		if last.Type == doc.Text {
			last.Text = strings.TrimRightFunc(last.Text, unicode.IsSpace)
			if last.Text == "" {
				ins = ins[:len(ins)-1]
				continue
			}
		}
		if last.Type == doc.LineBreak && last.Break == "" {
			ins = ins[:len(ins)-1]
			continue
		}
		break
	}
	return ins
}

func clean(ins []doc.Inline) []doc.Inline {
	out := make([]doc.Inline, 0, len(ins))
	dropped := false
	for _, in := range ins {
		if in.Type.IsMark() {
			in.Content = clean(in.Content)
			if len(in.Content) == 0 {
				continue
			}
			if in.Type == doc.Sup && onlyNoteRefs(in.Content) {
				// <sup><a role="doc-noteref">: the reference is raised
				// by itself.
				out = append(out, in.Content...)
				continue
			}
		}
		if (in.Type == doc.Text || in.Type == doc.Code) && in.Text == "" {
			continue
		}
		if in.Type == doc.Image && in.Src == "" && in.Alt == "" {
			dropped = true
			continue
		}
		out = append(out, in)
	}
	out = doc.MergeText(out)
	if dropped {
		// The spaces on either side of an image left out meet.
		for i := range out {
			if out[i].Type == doc.Text {
				for strings.Contains(out[i].Text, "  ") {
					out[i].Text = strings.ReplaceAll(out[i].Text, "  ", " ")
				}
			}
		}
	}
	// One space where two met at the edge of a mark.
	for i := 1; i < len(out); i++ {
		if out[i].Type == doc.Text && out[i-1].Type == doc.Text {
			continue
		}
		if out[i].Type == doc.Text && strings.HasPrefix(out[i].Text, " ") && endsWithSpace(out[i-1]) {
			out[i].Text = strings.TrimLeft(out[i].Text, " ")
		}
	}
	return out
}

// onlyNoteRefs reports whether ins holds note references and nothing
// else but white space.
func onlyNoteRefs(ins []doc.Inline) bool {
	refs := 0
	for _, in := range ins {
		switch {
		case in.Type == doc.NoteRef:
			refs++
		case in.Type == doc.Text && strings.TrimSpace(in.Text) == "":
		default:
			return false
		}
	}
	return refs > 0
}

func endsWithSpace(in doc.Inline) bool {
	for in.Type.IsMark() && len(in.Content) > 0 {
		in = in.Content[len(in.Content)-1]
	}
	return in.Type == doc.Text && strings.HasSuffix(in.Text, " ")
}
