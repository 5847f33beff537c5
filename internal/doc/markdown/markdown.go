// Package markdown reads Markdown manuscripts (CommonMark with footnotes,
// tables and strikethrough, as GitHub writes them) into tandem's document
// model, using goldmark's parser.
package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html/atom"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/htmldoc"
	langtag "github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/textenc"
)

// Limits bound what Read accepts.
type Limits struct {
	// MaxSize bounds the size of the source in bytes.
	MaxSize int
	// MaxDepth bounds how deeply quotations, lists and marks nest.
	MaxDepth int
}

// DefaultLimits allow any manuscript.
var DefaultLimits = Limits{MaxSize: 16 << 20, MaxDepth: 64}

// ErrTooLarge is returned for a source beyond the Limits. A source that is
// not text, or in no encoding tandem reads, is refused with a
// *textenc.Error (errors.Is textenc.ErrNotText or textenc.ErrEncoding).
var ErrTooLarge = errors.New("too large")

// ReadFile reads the Markdown file at name; lang is the document's language
// when the file's front matter does not say. Errors begin with the file
// name, and with its line and column where they have one.
func ReadFile(name, lang string, lim Limits) (*doc.Document, error) {
	src, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	d, err := Read(src, lang, lim)
	if err != nil {
		return nil, textenc.InFile(name, err)
	}
	return d, nil
}

// Read reads Markdown source. Its language is the lang of its YAML front
// matter when that is a BCP 47 tag, else lang (what the caller was told,
// for a file that does not say its own), as for HTML's <html lang>; title, author(s),
// abstract, keywords and date from the front matter become the document's
// metadata, not its text, and other keys are named in a warning. The
// source is decoded by textenc.Decode: UTF-8 or UTF-16 with or without a
// byte-order mark, or Chinese or Russian in a legacy encoding, which the
// document's Warnings then name.
func Read(src []byte, lang string, lim Limits) (*doc.Document, error) {
	if lang != "" {
		t, err := langtag.ParseTag(lang)
		if err != nil {
			return nil, fmt.Errorf("the document's language: %w", err)
		}
		lang = t
	}
	if lim.MaxSize <= 0 {
		lim.MaxSize = DefaultLimits.MaxSize
	}
	if lim.MaxDepth <= 0 {
		lim.MaxDepth = DefaultLimits.MaxDepth
	}
	if len(src) > lim.MaxSize {
		return nil, fmt.Errorf("%w: %d bytes (at most %d)", ErrTooLarge, len(src), lim.MaxSize)
	}
	decoded, err := textenc.Decode(src)
	if err != nil {
		return nil, err
	}
	src = decoded.Bytes
	d := &doc.Document{Version: doc.Version, Lang: lang, Blocks: []doc.Block{}}
	for _, w := range decoded.Warnings {
		d.Warn("%s", w)
	}
	src, fm, err := splitFrontMatter(src)
	if err != nil {
		return nil, err
	}
	if fm != nil {
		d.Title, d.Authors = fm.title, fm.authors
		d.Abstract, d.Keywords, d.Date = fm.abstract, fm.keywords, fm.date
		if len(fm.ignored) > 0 {
			d.Warn("front matter %s not kept: tandem keeps title, author, lang, abstract, keywords and date", plural(fm.ignored, "key", "keys"))
		}
		if fm.lang != "" {
			if t, err := langtag.ParseTag(fm.lang); err != nil {
				d.Warn("lang %q in the front matter is not a BCP 47 tag: ignored", fm.lang)
			} else {
				d.Lang, lang = t, t
			}
		}
	}
	if depth := nesting(src); depth > lim.MaxDepth {
		return nil, fmt.Errorf("%w: quotations or lists nested %d deep (at most %d)", ErrTooLarge, depth, lim.MaxDepth)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Footnote),
		goldmark.WithParserOptions(mathExtension(), parser.WithHeadingAttribute()))
	root := md.Parser().Parse(text.NewReader(src))
	c := &conv{src: src, lim: lim, d: d, noteLabels: map[string]string{}}
	blocks, err := c.blocks(root, 0)
	if err != nil {
		return nil, err
	}
	c.d.Blocks = append(c.d.Blocks, blocks...)
	c.noteMarks()
	headingAnchors(c.d)
	doc.SettleLang(c.d, lang)
	doc.OrderNotes(c.d)
	doc.AssignIDs(c.d)
	doc.ResolveLinks(c.d)
	return c.d, nil
}

// plural names a list of keys: `key "a"` or `keys "a", "b"`.
func plural(keys []string, one, many string) string {
	q := make([]string, len(keys))
	for i, k := range keys {
		q[i] = strconv.Quote(k)
	}
	if len(q) == 1 {
		return one + " " + q[0]
	}
	return many + " " + strings.Join(q, ", ")
}

// noteMarks gives the references to a footnote whose label is a mark of
// its own ([^*], [^†]) that mark, as the DOCX reader does for Word's
// custom marks; other labels ([^1], [^note]) are names for numbered notes.
func (c *conv) noteMarks() {
	set := func(ins []doc.Inline) {
		doc.WalkInlines(ins, func(in *doc.Inline) {
			if in.Type == doc.NoteRef {
				if l := c.noteLabels[in.Note]; doc.IsNoteMark(l) {
					in.Mark = l
				}
			}
		})
	}
	c.d.Walk(func(b *doc.Block) {
		set(b.Inlines)
		if b.Figure != nil {
			set(b.Figure.Caption)
		}
	})
}

// headingAnchors gives a heading an anchor named by its slug (as GitHub
// makes them: "## 2. Method" → "2-method") when a link points at that slug
// and nothing else has the name, so that links written for GitHub or
// pandoc resolve in tandem's output.
func headingAnchors(d *doc.Document) {
	targets := d.Targets()
	wanted := map[string]bool{}
	d.Walk(func(b *doc.Block) {
		for _, ins := range [][]doc.Inline{b.Inlines, figureCaption(b)} {
			doc.WalkInlines(ins, func(in *doc.Inline) {
				if id, ok := doc.InternalTarget(in.Href); ok && in.Type == doc.Link && !targets[id] {
					wanted[id] = true
				}
			})
		}
	})
	if len(wanted) == 0 {
		return
	}
	used := map[string]int{}
	for i := range d.Blocks {
		b := &d.Blocks[i]
		if b.Type != doc.Heading {
			continue
		}
		slug := doc.Slug(doc.PlainText(b.Inlines))
		if n := used[slug]; n > 0 {
			used[slug]++
			slug += "-" + strconv.Itoa(n)
		} else {
			used[slug] = 1
		}
		if wanted[slug] && !targets[slug] {
			b.Inlines = append([]doc.Inline{{Type: doc.Anchor, ID: slug}}, b.Inlines...)
			targets[slug] = true
		}
	}
}

func figureCaption(b *doc.Block) []doc.Inline {
	if b.Figure != nil {
		return b.Figure.Caption
	}
	return nil
}

// nesting returns an upper bound of how deeply the source nests block
// quotations and list items, from the indentation and '>' markers at the
// start of its lines, so that hostile input is refused before parsing.
func nesting(src []byte) int {
	deepest := 0
	for line := range bytes.SplitSeq(src, []byte("\n")) {
		depth, indent := 0, 0
		for _, c := range line {
			if c == '>' {
				depth++
			} else if c == ' ' {
				indent++
			} else if c == '\t' {
				indent += 4
			} else if c == '-' || c == '*' || c == '+' {
				depth++
			} else {
				break
			}
		}
		deepest = max(deepest, depth+indent/2)
	}
	return deepest
}

type conv struct {
	src []byte
	lim Limits
	d   *doc.Document
	// noteLabels are the labels the source gave its footnotes, by note ID.
	noteLabels map[string]string
	// bad holds language tags already reported as invalid.
	bad map[string]bool
	// htmlNotes counts the blocks of HTML that had notes of their own.
	htmlNotes int
}

func (c *conv) tooDeep(depth int) error {
	if depth > c.lim.MaxDepth {
		return fmt.Errorf("%w: nested more than %d deep", ErrTooLarge, c.lim.MaxDepth)
	}
	return nil
}

// blocks converts the block children of n.
func (c *conv) blocks(n ast.Node, depth int) ([]doc.Block, error) {
	if err := c.tooDeep(depth); err != nil {
		return nil, err
	}
	out := []doc.Block{}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch ch := ch.(type) {
		case *ast.Heading:
			ins, err := c.inlines(ch, depth+1)
			if err != nil {
				return nil, err
			}
			if id, ok := ch.AttributeString("id"); ok {
				if s, ok := id.([]byte); ok && len(bytes.TrimSpace(s)) > 0 {
					ins = append([]doc.Inline{{Type: doc.Anchor, ID: string(bytes.TrimSpace(s))}}, ins...)
				}
			}
			out = append(out, doc.Block{Type: doc.Heading, Level: ch.Level, Inlines: ins})
		case *ast.Paragraph, *ast.TextBlock:
			if m, ok := c.displayMath(ch); ok {
				out = append(out, doc.Block{Type: doc.Paragraph, Inlines: []doc.Inline{m}})
				continue
			}
			ins, err := c.inlines(ch, depth+1)
			if err != nil {
				return nil, err
			}
			if fig, ok := figure(ins); ok {
				out = append(out, fig)
			} else if len(ins) > 0 {
				out = append(out, doc.Block{Type: doc.Paragraph, Inlines: ins})
			}
		case *ast.Blockquote:
			bs, err := c.blocks(ch, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, doc.Block{Type: doc.Quote, Blocks: bs})
		case *ast.List:
			l := &doc.List{Ordered: ch.IsOrdered(), Items: []doc.Item{}}
			if l.Ordered {
				l.Start = ch.Start
			}
			for it := ch.FirstChild(); it != nil; it = it.NextSibling() {
				bs, err := c.blocks(it, depth+1)
				if err != nil {
					return nil, err
				}
				it := doc.Item{Blocks: bs}
				if l.Ordered && ch.Marker == ')' {
					// "1)": the writer's labels of a list numbered so.
					it.Label = strconv.Itoa(l.Start+len(l.Items)) + ")"
				}
				l.Items = append(l.Items, it)
			}
			out = append(out, doc.Block{Type: doc.ListBlock, List: l})
		case *ast.ThematicBreak:
			out = append(out, doc.Block{Type: doc.SectionBreak})
		case *ast.HTMLBlock:
			bs, err := c.htmlBlock(ch)
			if err != nil {
				return nil, err
			}
			out = append(out, bs...)
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			if b, ok := c.literal(ch); ok {
				out = append(out, b)
			}
		case *east.Table:
			out = append(out, c.table(ch, depth+1))
		case *east.FootnoteList:
			for fn := ch.FirstChild(); fn != nil; fn = fn.NextSibling() {
				f, ok := fn.(*east.Footnote)
				if !ok {
					continue
				}
				bs, err := c.blocks(f, depth+1)
				if err != nil {
					return nil, err
				}
				id := "fn" + strconv.Itoa(f.Index)
				c.noteLabels[id] = string(f.Ref)
				c.d.Notes = append(c.d.Notes, doc.Note{ID: id, Type: doc.Footnote, Blocks: bs})
			}
		}
	}
	return out, nil
}

// displayMath reads a paragraph that is only a formula between $$ and $$
// over several lines.
func (c *conv) displayMath(n ast.Node) (doc.Inline, bool) {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(c.src))
	}
	s := strings.TrimSpace(b.String())
	if len(s) <= 4 || !strings.HasPrefix(s, "$$") || !strings.HasSuffix(s, "$$") || strings.Count(s, "$$") != 2 {
		return doc.Inline{}, false
	}
	tex := strings.TrimSpace(s[2 : len(s)-2])
	if tex == "" {
		return doc.Inline{}, false
	}
	return doc.Inline{Type: doc.MathInline, Math: &doc.Math{Display: true, TeX: tex}}, true
}

// htmlBlock reads a block of HTML in the Markdown (a table with merged
// cells, as the Markdown writer writes one, a list, a figure) as the HTML
// reader reads a page: as the blocks it makes. A block of nothing but
// page breaks is those breaks.
func (c *conv) htmlBlock(n *ast.HTMLBlock) ([]doc.Block, error) {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(c.src))
	}
	if n.HasClosure() {
		b.Write(n.ClosureLine.Value(c.src))
	}
	if ins, ok := onlyBreaks(b.String()); ok {
		return []doc.Block{{Type: doc.Paragraph, Inlines: ins}}, nil
	}
	return c.html(b.String())
}

// html reads HTML of the Markdown with the HTML reader, taking its images
// into the document's media, its notes into the document's notes and its
// warnings into the document's.
func (c *conv) html(src string) ([]doc.Block, error) {
	h, err := htmldoc.Parse([]byte(src), htmldoc.Options{ContentType: "text/html; charset=utf-8", MaxSize: c.lim.MaxSize, MaxDepth: c.lim.MaxDepth})
	if err != nil {
		return nil, fmt.Errorf("HTML in the Markdown: %w", err)
	}
	for _, w := range h.Warnings {
		c.d.Warn("%s", w)
	}
	for _, m := range h.Media {
		if c.d.MediaByName(m.Name) == nil {
			c.d.Media = append(c.d.Media, m)
		}
	}
	if len(h.Notes) > 0 {
		// Named apart from the Markdown's own footnotes (fn1, …).
		c.htmlNotes++
		prefix := "html" + strconv.Itoa(c.htmlNotes) + "-"
		rename := func(ins []doc.Inline) {
			doc.WalkInlines(ins, func(in *doc.Inline) {
				if in.Type == doc.NoteRef {
					in.Note = prefix + in.Note
				}
			})
		}
		h.Walk(func(b *doc.Block) {
			rename(b.Inlines)
			if b.Figure != nil {
				rename(b.Figure.Caption)
			}
		})
		for _, note := range h.Notes {
			note.ID = prefix + note.ID
			c.d.Notes = append(c.d.Notes, note)
		}
	}
	return h.Blocks, nil
}

// image makes an image of a Markdown image or an <img>: one in a data:
// URI goes into the document's media (or, when it is not an image tandem
// reads, is kept as its description, with a warning); others are kept as
// the path or URL they give.
func (c *conv) image(src, alt, title string) doc.Inline {
	in := doc.Inline{Type: doc.Image, Src: src, Alt: alt, Text: title}
	if len(src) < 5 || !strings.EqualFold(src[:5], "data:") {
		return in
	}
	in.Src = ""
	m, err := doc.DataMedia(src)
	if err != nil {
		name := src[:min(len(src), 40)] + "…"
		if alt != "" {
			c.d.Warn("image %q not read (%v): kept as its description %q", name, err, alt)
		} else {
			c.d.Warn("image %q not read (%v): left out, as it has no description", name, err)
		}
		return in
	}
	if c.d.MediaByName(m.Name) == nil {
		c.d.Media = append(c.d.Media, m)
	}
	in.Src = m.Name
	return in
}

// literal reads a code block (indented or fenced) as a code block: its
// text as written, every space and line, and the language its fence's
// info string names first ("go" of "```go {.numberLines}"). A block of
// nothing but white space is left out.
func (c *conv) literal(n ast.Node) (doc.Block, bool) {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(c.src))
	}
	s := strings.Trim(b.String(), "\n")
	if strings.TrimSpace(s) == "" {
		return doc.Block{}, false
	}
	code := &doc.Listing{Text: s}
	if f, ok := n.(*ast.FencedCodeBlock); ok && f.Info != nil {
		info := strings.TrimLeft(unescape(f.Info.Value(c.src)), "{.")
		if fields := strings.FieldsFunc(info, func(r rune) bool { return r == ' ' || r == '\t' || r == '{' || r == '}' }); len(fields) > 0 {
			code.Language = fields[0]
		}
	}
	return doc.Block{Type: doc.CodeBlock, Code: code}, true
}

// htmlText is the text of an HTML attribute's value: its character
// references resolved, as an HTML parser resolves them.
func htmlText(s string) string { return html.UnescapeString(s) }

// brTag reads a <br> whose attributes are attrs: a line break, or the
// page or column break the Markdown writer writes as <br
// class="page-break">.
func brTag(attrs map[string]string) doc.Inline {
	return doc.Inline{Type: doc.LineBreak, Break: doc.BreakOf(attrs["class"], attrs["style"])}
}

// onlyBreaks reads an HTML block made of nothing but <br> tags that break
// a page or column (a page break on a line of its own) as those breaks.
func onlyBreaks(s string) ([]doc.Inline, bool) {
	var out []doc.Inline
	rest := strings.TrimSpace(s)
	for rest != "" {
		end := strings.IndexByte(rest, '>')
		if end < 0 {
			return nil, false
		}
		m := openTagRE.FindStringSubmatch(rest[:end+1])
		if m == nil || !strings.EqualFold(m[1], "br") {
			return nil, false
		}
		br := brTag(attrsOf(m[2]))
		if br.Break == "" {
			return nil, false
		}
		out = append(out, br)
		rest = strings.TrimSpace(rest[end+1:])
	}
	return out, len(out) > 0
}

// figure turns a paragraph holding only an image into a figure; the image's
// title becomes the caption.
func figure(ins []doc.Inline) (doc.Block, bool) {
	if len(ins) != 1 || ins[0].Type != doc.Image {
		return doc.Block{}, false
	}
	f := &doc.Figure{Src: ins[0].Src, Alt: ins[0].Alt}
	if t := ins[0].Text; t != "" {
		f.Caption = []doc.Inline{{Type: doc.Text, Text: t}}
	}
	return doc.Block{Type: doc.FigureBlock, Figure: f}, true
}

func (c *conv) table(t *east.Table, depth int) doc.Block {
	tb := &doc.Table{}
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		_, header := r.(*east.TableHeader)
		row := doc.Row{Header: header, Cells: []doc.Cell{}}
		for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
			ins, err := c.inlines(cell, depth+1)
			cl := doc.Cell{Blocks: []doc.Block{}}
			if err == nil && len(ins) > 0 {
				cl.Blocks = append(cl.Blocks, doc.Block{Type: doc.Paragraph, Inlines: ins})
			}
			row.Cells = append(row.Cells, cl)
		}
		tb.Rows = append(tb.Rows, row)
	}
	return doc.Block{Type: doc.TableBlock, Table: tb}
}

// frame is an inline HTML element opened in the source (<sup>, <span
// lang="…">, <mark>) whose content is being collected.
type frame struct {
	tag string
	in  doc.Inline
	// style is the look a <mark> or <span> gives its text.
	style *doc.Style
	// smallCaps is set for a <span class="smallcaps">.
	smallCaps bool
	// drop is set for an element whose content is not text of the
	// document (<script>, <iframe>): it is left out when it is closed.
	drop bool
}

// inlines returns what the element makes of its content: closed is
// whether its end tag was found (an element left out keeps its content
// when it was not).
func (f *frame) inlines(closed bool) []doc.Inline {
	ins := f.in.Content
	switch {
	case f.drop:
		if closed {
			return nil
		}
		return ins
	case f.in.Type == doc.Span:
		if f.smallCaps {
			ins = []doc.Inline{{Type: doc.SmallCaps, Content: ins}}
		}
		ins = doc.StyledMarks(f.style, ins)
		if f.in.Lang != "" {
			ins = []doc.Inline{{Type: doc.Span, Lang: f.in.Lang, Content: ins}}
		}
		return ins
	case f.in.Type == doc.Styled:
		return doc.StyledMarks(f.style, ins)
	case f.in.Type == doc.Code:
		return doc.CodeOf(ins)
	}
	return []doc.Inline{f.in}
}

var (
	openTagRE  = regexp.MustCompile(`^<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>` + "`" + `]+))?)*)\s*/?>$`)
	closeTagRE = regexp.MustCompile(`^</([a-zA-Z][a-zA-Z0-9-]*)\s*>$`)
	attrRE     = regexp.MustCompile(`([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>` + "`" + `]+)))?`)
)

// attrsOf reads the attributes of a tag (what follows its name), by
// their names in small letters, with character references resolved.
func attrsOf(s string) map[string]string {
	out := map[string]string{}
	for _, m := range attrRE.FindAllStringSubmatch(s, -1) {
		name := strings.ToLower(m[1])
		if _, ok := out[name]; !ok {
			out[name] = htmlText(m[2] + m[3] + m[4])
		}
	}
	return out
}

var htmlMarks = map[string]doc.InlineType{
	"sup": doc.Sup, "sub": doc.Sub, "u": doc.Underline, "ins": doc.Underline, "s": doc.Strike, "del": doc.Strike,
	"strike": doc.Strike, "em": doc.Emph, "i": doc.Emph, "cite": doc.Emph, "dfn": doc.Emph, "var": doc.Emph,
	"strong": doc.Strong, "b": doc.Strong, "span": doc.Span, "mark": doc.Styled, "font": doc.Styled, "a": doc.Link,
	"code": doc.Code, "kbd": doc.Code, "samp": doc.Code, "tt": doc.Code,
}

// leftOut are elements whose content is not text of the document; those
// a reader sees (not <script>, <style>) are named in a warning.
var leftOut = map[string]bool{
	"script": false, "style": false, "template": false, "noscript": false,
	"iframe": true, "object": true, "embed": true, "canvas": true, "video": true, "audio": true, "svg": true,
	"button": true, "select": true, "textarea": true, "input": true, "nav": true,
}

// openTag reads an opening tag of inline HTML (name in small letters,
// its attributes): what it makes at once (a break, an image, an anchor),
// and the frame that collects its content, if it has one.
func (c *conv) openTag(name string, attrs map[string]string, selfClosing bool) ([]doc.Inline, *frame) {
	var now []doc.Inline
	switch name {
	case "br":
		return []doc.Inline{brTag(attrs)}, nil
	case "img":
		return []doc.Inline{c.image(strings.TrimSpace(attrs["src"]), strings.TrimSpace(attrs["alt"]), "")}, nil
	case "span", "a":
		id := strings.TrimSpace(attrs["id"])
		if id == "" {
			id = strings.TrimSpace(attrs["name"])
		}
		if id != "" {
			now = append(now, doc.Inline{Type: doc.Anchor, ID: id})
		}
	}
	if shown, ok := leftOut[name]; ok {
		if shown {
			c.d.Warn("<%s> in the Markdown left out", name)
		}
		if selfClosing || name == "input" || name == "embed" {
			return now, nil
		}
		return now, &frame{tag: name, drop: true}
	}
	typ, ok := htmlMarks[name]
	if !ok {
		if atom.Lookup([]byte(name)) == 0 {
			c.d.Warn("<%s> in the Markdown not understood: kept as its text", name)
		}
		return now, nil
	}
	if selfClosing {
		return now, nil
	}
	f := &frame{tag: name, in: doc.Inline{Type: typ}}
	switch typ {
	case doc.Span:
		if l := strings.TrimSpace(attrs["lang"]); l != "" {
			f.in.Lang = c.langTag(l)
		}
		f.smallCaps = strings.Contains(" "+attrs["class"]+" ", " smallcaps ")
		f.style = doc.StyleOfHTML("span", attrs["style"], attrs["data-style"])
	case doc.Styled:
		if name == "font" {
			f.style = doc.StyleOfFont(attrs["color"], attrs["style"])
		} else {
			f.style = doc.StyleOfHTML("mark", attrs["style"], attrs["data-style"])
		}
	case doc.Link:
		href := strings.TrimSpace(attrs["href"])
		if _, ok := doc.SafeHref(href); ok && href != "" {
			f.in.Href = href
		} else {
			// A link tandem does not keep (no href, javascript:): its text.
			f.in.Type = doc.Span
		}
	}
	return now, f
}

// inlines converts the inline children of n. Inline HTML for marks that
// Markdown lacks (<sup>, <sub>, <u>, <span lang>, <span
// class="smallcaps">, <mark> and <span style> for a highlight or colour,
// <a href>) is understood; elements whose content is no text (<script>,
// <iframe>) are left out with it, and other tags are dropped and their
// text kept, with a warning for those HTML does not define.
func (c *conv) inlines(n ast.Node, depth int) ([]doc.Inline, error) {
	if err := c.tooDeep(depth); err != nil {
		return nil, err
	}
	stack := []frame{{}}
	add := func(in ...doc.Inline) {
		top := &stack[len(stack)-1]
		top.in.Content = append(top.in.Content, in...)
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch ch := ch.(type) {
		case *ast.Text:
			add(doc.Inline{Type: doc.Text, Text: textOf(ch, c.src)})
			switch {
			case ch.HardLineBreak():
				add(doc.Inline{Type: doc.LineBreak})
			case ch.SoftLineBreak():
				if !cjkJoin(ch, c.src) {
					add(doc.Inline{Type: doc.Text, Text: " "})
				}
			}
		case *ast.String:
			s := string(ch.Value)
			if !ch.IsRaw() && !ch.IsCode() {
				s = unescape(ch.Value)
			}
			add(doc.Inline{Type: doc.Text, Text: s})
		case *ast.CodeSpan:
			var b strings.Builder
			for t := ch.FirstChild(); t != nil; t = t.NextSibling() {
				if tx, ok := t.(*ast.Text); ok {
					// A code span's text is as written, its line ends spaces.
					v := tx.Segment.Value(c.src)
					if n := len(v); n > 0 && v[n-1] == '\n' {
						v = append(v[:n-1:n-1], ' ')
					}
					b.Write(v)
				}
			}
			add(doc.Inline{Type: doc.Code, Text: b.String()})
		case *ast.Emphasis:
			inner, err := c.inlines(ch, depth+1)
			if err != nil {
				return nil, err
			}
			typ := doc.Emph
			if ch.Level >= 2 {
				typ = doc.Strong
			}
			add(doc.Inline{Type: typ, Content: inner})
		case *east.Strikethrough:
			inner, err := c.inlines(ch, depth+1)
			if err != nil {
				return nil, err
			}
			add(doc.Inline{Type: doc.Strike, Content: inner})
		case *ast.Link:
			inner, err := c.inlines(ch, depth+1)
			if err != nil {
				return nil, err
			}
			add(doc.Inline{Type: doc.Link, Href: unescape(ch.Destination), Content: inner})
		case *ast.AutoLink:
			url := string(ch.URL(c.src))
			if ch.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(url, "mailto:") {
				url = "mailto:" + url
			}
			add(doc.Inline{Type: doc.Link, Href: url, Content: []doc.Inline{{Type: doc.Text, Text: string(ch.Label(c.src))}}})
		case *ast.Image:
			inner, err := c.inlines(ch, depth+1)
			if err != nil {
				return nil, err
			}
			// Text carries the title until figure() makes it a caption.
			add(c.image(unescape(ch.Destination), doc.PlainText(inner), unescape(ch.Title)))
		case *east.FootnoteLink:
			add(doc.Inline{Type: doc.NoteRef, Note: "fn" + strconv.Itoa(ch.Index)})
		case *east.FootnoteBacklink:
		case *mathNode:
			if ch.mathml == "" {
				add(doc.Inline{Type: doc.MathInline, Math: &doc.Math{TeX: ch.tex, Display: ch.display}})
				continue
			}
			bs, err := c.html(ch.mathml)
			if err != nil {
				return nil, err
			}
			for _, b := range bs {
				add(b.Inlines...)
			}
		case *ast.RawHTML:
			var b strings.Builder
			for i := 0; i < ch.Segments.Len(); i++ {
				seg := ch.Segments.At(i)
				b.Write(seg.Value(c.src))
			}
			tag := strings.TrimSpace(b.String())
			if m := openTagRE.FindStringSubmatch(tag); m != nil {
				now, f := c.openTag(strings.ToLower(m[1]), attrsOf(m[2]), strings.HasSuffix(tag, "/>"))
				add(now...)
				if f == nil {
					continue
				}
				if len(stack) > c.lim.MaxDepth {
					return nil, fmt.Errorf("%w: inline HTML nested more than %d deep", ErrTooLarge, c.lim.MaxDepth)
				}
				stack = append(stack, *f)
			} else if m := closeTagRE.FindStringSubmatch(tag); m != nil {
				name := strings.ToLower(m[1])
				for i := len(stack) - 1; i > 0; i-- {
					if stack[i].tag == name {
						for len(stack) > i {
							top := stack[len(stack)-1]
							stack = stack[:len(stack)-1]
							add(top.inlines(len(stack) == i)...)
						}
						break
					}
				}
			}
		default:
			inner, err := c.inlines(ch, depth+1)
			if err != nil {
				return nil, err
			}
			add(inner...)
		}
	}
	for len(stack) > 1 {
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		add(top.inlines(false)...)
	}
	return cleanInlines(stack[0].in.Content), nil
}

// cleanInlines drops marks left empty, unwraps spans without a language
// and merges adjacent text.
func cleanInlines(ins []doc.Inline) []doc.Inline {
	out := ins[:0]
	for _, in := range ins {
		switch in.Type {
		case doc.Text, doc.Code:
			if in.Text == "" {
				continue
			}
		case doc.NoteRef, doc.LineBreak, doc.Image, doc.MathInline, doc.Anchor, doc.Field:
		default:
			in.Content = cleanInlines(in.Content)
			if len(in.Content) == 0 {
				continue
			}
			if in.Type == doc.Span && in.Lang == "" {
				out = append(out, in.Content...)
				continue
			}
		}
		out = append(out, in)
	}
	return doc.MergeText(out)
}

// langTag checks a language tag of a <span lang>: "" for a bad one,
// reported once.
func (c *conv) langTag(tag string) string {
	t, err := langtag.ParseTag(tag)
	if err != nil {
		if c.bad == nil {
			c.bad = map[string]bool{}
		}
		if !c.bad[tag] {
			c.bad[tag] = true
			c.d.Warn("lang %q in the HTML of the Markdown is not a BCP 47 tag: ignored", tag)
		}
		return ""
	}
	return t
}

// cjkJoin reports whether a soft line break after t falls between two
// Chinese or Japanese characters, where a line break is not a space.
func cjkJoin(t *ast.Text, src []byte) bool {
	v := t.Value(src)
	last, _ := utf8.DecodeLastRune(v)
	next := t.NextSibling()
	nt, ok := next.(*ast.Text)
	if !ok {
		return false
	}
	first, _ := utf8.DecodeRune(nt.Value(src))
	isCJK := func(r rune) bool {
		return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
	}
	return isCJK(last) && isCJK(first)
}
