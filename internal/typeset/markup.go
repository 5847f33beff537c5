package typeset

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/texmath"
)

// str returns s as a Typst string literal. Text from a document is only
// ever written into the sources this way, never as markup, so that no
// character of it can be read as Typst code: inside a literal only
// backslash and the double quote are special. Invalid UTF-8 becomes
// U+FFFD; control characters become a space (a tab or line end) or are
// dropped, since a printed line has no place for them.
//
// Characters beyond ASCII are written as escapes (\u{4e2d}), so that the
// sources are ASCII: Typst 0.14's Source.replace, which a warm compiler
// uses to take in a changed file, can take a byte of the old text for the
// new when the two differ in a character of several bytes whose last bytes
// agree ("中" → "席", "ާ" → "̧"), and a rebuild after such an
// edit would print the old character's bytes.
func str(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	// A book's text is mostly escapes: "\u{43e}" is 7 bytes for 2.
	var b strings.Builder
	b.Grow(len(s)*4 + 2)
	var hex [8]byte
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r >= 0x20 && r <= 0x7e:
			b.WriteByte(byte(r))
		case r == '\t' || r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			b.WriteByte(' ')
		case unicode.IsControl(r) || r == '\uFEFF':
		default:
			b.WriteString(`\u{`)
			b.Write(strconv.AppendUint(hex[:0], uint64(r), 16))
			b.WriteByte('}')
		}
	}
	b.WriteByte('"')
	return b.String()
}

// clean returns what of s can be printed: valid UTF-8 (U+FFFD for the
// rest), tabs and line ends as spaces, no other control characters.
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			return ' '
		case unicode.IsControl(r) || r == '\uFEFF':
			return -1
		}
		return r
	}, s)
}

// langTag returns a base language tag fit for Typst's text(lang:): two or
// three ASCII letters, lower-cased ("ru" from "ru-RU"); "" when l has none.
func langTag(l string) string {
	base, _, _ := strings.Cut(l, "-")
	base = strings.ToLower(base)
	if len(base) < 2 || len(base) > 3 {
		return ""
	}
	for _, c := range base {
		if c < 'a' || c > 'z' {
			return ""
		}
	}
	return base
}

// writer turns a document of one chapter into Typst markup.
type writer struct {
	b       strings.Builder
	chapter string // chapter ID, for the block marks; "" in the front matter
	lang    string // the language of the text being written
	notes   map[string]*doc.Note
	media   map[string]string // media name → path in the compiler
	q       *quotes
	prev    rune // the last character written, for the quotes
	inNote  bool
	// numbers gives each note a fixed number, as a parallel edition's
	// two sides need; nil numbers them with Typst's counter.
	numbers map[string]int
	// markLang is written into the block marks (a parallel edition's
	// marks say which side they are on).
	markLang string
	// noteBodies collects the markup of the notes written, for a
	// parallel edition's measurements.
	noteBodies []string
}

func newWriter(chapter, lang string, d *doc.Document) *writer {
	w := &writer{chapter: chapter, lang: lang, notes: map[string]*doc.Note{}, media: map[string]string{}}
	for i := range d.Notes {
		w.notes[d.Notes[i].ID] = &d.Notes[i]
	}
	for _, m := range d.Media {
		if p, ok := mediaPath(m); ok {
			w.media[m.Name] = p
		}
	}
	return w
}

// mediaPath is where an image of a document is put for Typst: "/media/"
// and its name, for the image types Typst reads (PNG, JPEG, GIF, SVG)
// whose bytes the document carries and whose name is a plain file name.
// Other images show their alternative text.
func mediaPath(m doc.Media) (string, bool) {
	switch m.Type {
	case "image/png", "image/jpeg", "image/gif", "image/svg+xml":
	default:
		return "", false
	}
	if len(m.Data) == 0 || m.Name == "" || strings.Trim(m.Name, ".") == "" {
		return "", false
	}
	for _, r := range m.Name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			return "", false
		}
	}
	return "/media/" + m.Name, true
}

// blocks writes top-level or nested blocks. Top-level blocks get a mark
// with their ID, so that the page map knows where each begins.
func (w *writer) blocks(bs []doc.Block, top bool) {
	for i := range bs {
		w.block(&bs[i], top)
	}
}

func (w *writer) mark(b *doc.Block, top bool) {
	if top && w.chapter != "" && b.ID != "" && !w.inNote {
		if w.markLang != "" {
			fmt.Fprintf(&w.b, "#block-mark(%s, %s, lang: %s)", str(w.chapter), str(b.ID), str(w.markLang))
		} else {
			fmt.Fprintf(&w.b, "#block-mark(%s, %s)", str(w.chapter), str(b.ID))
		}
	}
}

func (w *writer) block(b *doc.Block, top bool) {
	saved := w.lang
	if l := langTag(b.Lang); l != "" && l != w.lang {
		w.lang = l
		fmt.Fprintf(&w.b, "#in-lang(%s)[", str(l))
		defer func() { w.b.WriteString("]\n\n") }()
	}
	defer func() { w.lang = saved }()
	w.q, w.prev = newQuotes(w.lang), 0
	switch b.Type {
	case doc.Heading:
		if strings.TrimSpace(clean(doc.PlainText(b.Inlines))) == "" {
			return // PDF/UA wants every heading to say something
		}
		level := min(max(b.Level, 2), 4)
		w.mark(b, top)
		guard := !w.inNote && hasNote(b.Inlines)
		if guard {
			// Typst issue #5314: a heading sticks to the paragraph after
			// it, and when that moves it to the next page, its note
			// stays behind. A heading that calls a note does not stick;
			// instead it is kept from the page's foot by an unbreakable
			// block with room for the lines after it (3em, given back
			// after the block), which moves to the next page whole, its
			// note with it.
			w.b.WriteString("#[#show heading: set block(sticky: false)\n#block(breakable: false)[")
		}
		fmt.Fprintf(&w.b, "#heading(level: %d, outlined: false)[", level)
		if b.Number != "" && !strings.HasPrefix(doc.PlainText(b.Inlines), b.Number) {
			w.text(b.Number + " ")
		}
		w.inlines(b.Inlines)
		w.b.WriteString("]")
		if guard {
			w.b.WriteString("#v(3em)]#v(-3em)]")
		}
		w.b.WriteString("\n\n")
	case doc.Paragraph:
		w.mark(b, top)
		if !w.inNote && hasNote(b.Inlines) {
			// Typst issue #5314: when widow or orphan prevention moves
			// a paragraph's lines to the next page, their notes can stay
			// behind, on the page before their calls. A paragraph with a
			// note is set without that prevention.
			w.b.WriteString("#[#set text(costs: (widow: 0%, orphan: 0%))\n")
			w.inlines(b.Inlines)
			w.b.WriteString("]\n\n")
			break
		}
		w.inlines(b.Inlines)
		w.b.WriteString("\n\n")
	case doc.Quote:
		w.mark(b, top)
		w.b.WriteString("#quote(block: true)[")
		w.blocks(b.Blocks, false)
		w.b.WriteString("]\n\n")
	case doc.ListBlock:
		if b.List == nil {
			return
		}
		w.mark(b, top)
		// Arguments are separated by commas: the enum's first is its
		// start, the list's first is its first item.
		if b.List.Ordered {
			fmt.Fprintf(&w.b, "#enum(start: %d", max(b.List.Start, 1))
		} else {
			w.b.WriteString("#list(")
		}
		for i, it := range b.List.Items {
			if i > 0 || b.List.Ordered {
				w.b.WriteString(", ")
			}
			w.b.WriteString("[")
			if it.Label != "" {
				w.text(it.Label + " ")
			}
			w.blocks(it.Blocks, false)
			w.b.WriteString("]")
		}
		w.b.WriteString(")\n\n")
	case doc.TableBlock:
		if b.Table == nil || len(b.Table.Rows) == 0 {
			return
		}
		w.mark(b, top)
		cols := 0
		for _, r := range b.Table.Rows {
			n := 0
			for _, c := range r.Cells {
				n += max(c.ColSpan, 1)
			}
			cols = max(cols, n)
		}
		fmt.Fprintf(&w.b, "#table(columns: %d, stroke: 0.4pt", cols)
		// The header rows the table begins with are its header, which
		// Typst repeats at the top of each page the table runs onto.
		head := 0
		for head < len(b.Table.Rows) && b.Table.Rows[head].Header {
			head++
		}
		if head == len(b.Table.Rows) {
			head = 0 // a table of nothing but header rows has no body to repeat them over
		}
		for i := range head {
			for _, c := range b.Table.Rows[i].Cells {
				if i+max(c.RowSpan, 1) > head {
					head = 0 // a cell reaching out of the header: Typst refuses it there
				}
			}
		}
		for i, r := range b.Table.Rows {
			if i == 0 && head > 0 {
				w.b.WriteString(", table.header(repeat: true")
			}
			for _, c := range r.Cells {
				fmt.Fprintf(&w.b, ", table.cell(colspan: %d, rowspan: %d)[", max(c.ColSpan, 1), max(c.RowSpan, 1))
				if r.Header {
					w.b.WriteString("#strong[")
				}
				w.blocks(c.Blocks, false)
				if r.Header {
					w.b.WriteString("]")
				}
				w.b.WriteString("]")
			}
			if i == head-1 {
				w.b.WriteString(")")
			}
		}
		w.b.WriteString(")\n\n")
	case doc.FigureBlock:
		if b.Figure == nil {
			return
		}
		w.mark(b, top)
		img := "none"
		if p, ok := w.media[b.Figure.Src]; ok {
			img = fmt.Sprintf("image(%s, alt: %s, width: 80%%)", str(p), str(b.Figure.Alt))
		} else if b.Figure.Alt != "" {
			img = fmt.Sprintf("[#%s]", str(b.Figure.Alt))
		}
		fmt.Fprintf(&w.b, "#figure(%s, caption: [", img)
		w.inlines(b.Figure.Caption)
		w.b.WriteString("])\n\n")
	case doc.CodeBlock:
		if b.Code == nil {
			return
		}
		w.mark(b, top)
		fmt.Fprintf(&w.b, "#raw(block: true, %s)\n\n", rawStr(b.Code.Text))
	case doc.SectionBreak:
		w.mark(b, top)
		fmt.Fprintf(&w.b, "#align(center)[#%s]\n\n", str("*\u2003*\u2003*"))
	}
}

// rawStr is str for code, whose line ends are kept.
func rawStr(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Trim(str(l), `"`)
	}
	return `"` + strings.Join(lines, `\n`) + `"`
}

func (w *writer) text(s string) {
	if s == "" {
		return
	}
	if w.lang == "ru" {
		s = RussianSpaces(s)
	}
	s = w.q.convert(s, w.prev)
	r, _ := utf8.DecodeLastRuneInString(s)
	w.prev = r
	w.b.WriteString("#")
	w.b.WriteString(str(s))
}

func (w *writer) wrap(fn string, content []doc.Inline) {
	w.b.WriteString("#" + fn + "[")
	w.inlines(content)
	w.b.WriteString("]")
}

func (w *writer) inlines(ins []doc.Inline) {
	for i := range ins {
		in := &ins[i]
		switch in.Type {
		case doc.Text, doc.Field:
			w.text(in.Text)
		case doc.Code:
			fmt.Fprintf(&w.b, "#raw(%s)", str(in.Text))
		case doc.Emph:
			w.wrap("emph", in.Content)
		case doc.Strong:
			w.wrap("strong", in.Content)
		case doc.Underline:
			w.wrap("underline", in.Content)
		case doc.Strike:
			w.wrap("strike", in.Content)
		case doc.Sup:
			w.wrap("super", in.Content)
		case doc.Sub:
			w.wrap("sub", in.Content)
		case doc.SmallCaps:
			w.wrap("smallcaps", in.Content)
		case doc.Styled:
			if in.Style != nil && in.Style.Clean().Highlight != "" {
				w.wrap("highlight", in.Content)
			} else {
				w.inlines(in.Content)
			}
		case doc.Link:
			if strings.HasPrefix(in.Href, "http://") || strings.HasPrefix(in.Href, "https://") || strings.HasPrefix(in.Href, "mailto:") {
				fmt.Fprintf(&w.b, "#link(%s)[", str(in.Href))
				w.inlines(in.Content)
				w.b.WriteString("]")
			} else {
				w.inlines(in.Content)
			}
		case doc.Span:
			l := langTag(in.Lang)
			if l == "" || l == w.lang {
				w.inlines(in.Content)
				continue
			}
			saved, savedQ := w.lang, w.q
			w.lang, w.q = l, newQuotes(l)
			fmt.Fprintf(&w.b, "#in-lang(%s)[", str(l))
			w.inlines(in.Content)
			w.b.WriteString("]")
			w.lang, w.q = saved, savedQ
		case doc.NoteRef:
			w.note(in)
		case doc.LineBreak:
			w.b.WriteString("#linebreak()")
		case doc.Image:
			if p, ok := w.media[in.Src]; ok {
				fmt.Fprintf(&w.b, "#box(height: 1em, image(%s, alt: %s))", str(p), str(in.Alt))
			} else {
				w.text(in.Alt)
			}
		case doc.MathInline:
			w.math(in)
		case doc.Anchor:
		}
	}
}

func (w *writer) note(in *doc.Inline) {
	n, ok := w.notes[in.Note]
	if !ok || w.inNote {
		return
	}
	saved, savedQ, savedPrev := w.inNote, w.q, w.prev
	w.inNote = true
	mark := in.Mark
	if mark == "" && w.numbers != nil {
		mark = fmt.Sprint(w.numbers[in.Note])
	}
	if w.markLang != "" {
		w.splitNote(n, mark, in.Mark == "")
		w.inNote, w.q, w.prev = saved, savedQ, savedPrev
		return
	}
	if mark != "" {
		fmt.Fprintf(&w.b, "#footnote(numbering: _ => %s)[", str(mark))
	} else {
		w.b.WriteString("#footnote[")
	}
	start := w.b.Len()
	for i := range n.Blocks {
		if i > 0 {
			w.b.WriteString("#parbreak()")
		}
		nb := n.Blocks[i]
		if nb.Type == doc.Paragraph {
			w.q, w.prev = newQuotes(w.lang), 0
			w.inlines(nb.Inlines)
		} else {
			w.block(&nb, false)
		}
	}
	w.noteBodies = append(w.noteBodies, fmt.Sprintf("[#super(%s)%s]", str(mark), w.b.String()[start:]))
	w.b.WriteString("]")
	if in.Mark != "" {
		w.b.WriteString("#counter(footnote).update(n => n - 1)")
	}
	w.inNote, w.q, w.prev = saved, savedQ, savedPrev
}

// splitNote writes a note of a parallel edition as tandem.typ's pnote:
// its text in parts cut at sentence ends, so that a note too long for the
// page of its call can go on over the next page of its own side rather
// than onto the facing page of the other language. It records the note
// for the spread's measurements as (key, mark, numbered, parts), numbered set
// when its number is the book's (not a mark of its own).
func (w *writer) splitNote(n *doc.Note, mark string, auto bool) {
	var parts []string
	for i := range n.Blocks {
		nb := n.Blocks[i]
		pre := ""
		if i > 0 {
			pre = "#parbreak()"
		}
		if nb.Type != doc.Paragraph {
			parts = append(parts, pre+w.capture(func() { w.block(&nb, false) }))
			continue
		}
		w.q, w.prev = newQuotes(w.lang), 0
		for _, sent := range sentences(nb.Inlines, w.lang) {
			parts = append(parts, pre+w.capture(func() { w.inlines(sent) }))
			pre = ""
		}
	}
	var ps strings.Builder
	ps.WriteString("(")
	for _, p := range parts {
		ps.WriteString("[" + p + "], ")
	}
	ps.WriteString(")")
	key := str(w.chapter + "/" + w.markLang + "/" + n.ID)
	fmt.Fprintf(&w.b, "#pnote(%s, %s, %s)", key, str(mark), ps.String())
	w.noteBodies = append(w.noteBodies, fmt.Sprintf("(key: %s, mark: %s, numbered: %t, parts: %s)", key, str(mark), auto, ps.String()))
}

// capture returns what fn writes, leaving w.b as it was.
func (w *writer) capture(fn func()) string {
	saved := w.b
	w.b = strings.Builder{}
	fn()
	out := w.b.String()
	w.b = saved
	return out
}

// math writes a formula as Typst math when its TeX is of the kind
// internal/texmath converts (which the EPUB shows as MathML), else as
// code: its TeX, or the characters of its MathML, never TeX set as if it
// were text.
func (w *writer) math(in *doc.Inline) {
	m := in.Math
	if m == nil {
		return
	}
	src := doc.PlainText([]doc.Inline{*in})
	if t, ok := texmath.Typst(m.TeX); ok {
		fmt.Fprintf(&w.b, "#math.equation(block: %t, alt: %s, $%s$)", m.Display, str(m.TeX), t)
		w.prev = 0
		return
	}
	if strings.TrimSpace(src) == "" {
		return
	}
	if m.Display {
		fmt.Fprintf(&w.b, "#raw(block: true, %s)", str(src))
	} else {
		fmt.Fprintf(&w.b, "#raw(%s)", str(src))
	}
}

// hasNote reports whether ins call a note.
func hasNote(ins []doc.Inline) bool {
	found := false
	doc.WalkInlines(ins, func(in *doc.Inline) {
		if in.Type == doc.NoteRef {
			found = true
		}
	})
	return found
}
