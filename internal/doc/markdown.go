package doc

import (
	"bufio"
	"bytes"
	"io"
	"strconv"
	"strings"
)

// WriteMarkdown renders d as CommonMark with footnotes and pipe tables.
// What Markdown cannot say (underline, superscript, subscript, small caps,
// language spans, tables with merged cells) is written as inline HTML, which
// internal/doc/markdown reads back.
func WriteMarkdown(w io.Writer, d *Document) error {
	m := &mdWriter{d: d, num: map[string]int{}}
	n := 0
	for _, note := range d.Notes {
		n++
		m.num[note.ID] = n
	}
	var b bytes.Buffer
	m.blocks(&b, d.Blocks, d.Lang)
	for _, note := range d.Notes {
		var nb bytes.Buffer
		m.blocks(&nb, note.Blocks, d.Lang)
		body := strings.TrimRight(nb.String(), "\n")
		b.WriteString("[^" + strconv.Itoa(m.num[note.ID]) + "]: ")
		b.WriteString(indent(body, "    ", false))
		b.WriteString("\n\n")
	}
	bw := bufio.NewWriter(w)
	bw.Write(bytes.TrimRight(b.Bytes(), "\n"))
	bw.WriteByte('\n')
	return bw.Flush()
}

type mdWriter struct {
	d   *Document
	num map[string]int
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
		s := m.inlines(ins, inner)
		if bl.Lang != "" && !strings.EqualFold(bl.Lang, lang) {
			s = `<span lang="` + bl.Lang + `">` + s + "</span>"
		}
		return s
	}
	switch bl.Type {
	case Heading:
		b.WriteString(strings.Repeat("#", min(max(bl.Level, 1), 6)) + " ")
		if bl.Number != "" {
			b.WriteString(escapeMD(bl.Number) + " ")
		}
		b.WriteString(strings.ReplaceAll(text(bl.Inlines), "\n", " "))
		b.WriteString("\n\n")
	case Paragraph:
		b.WriteString(escapeLineStart(text(bl.Inlines)))
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
		for _, it := range bl.List.Items {
			marker := "- "
			if bl.List.Ordered {
				marker = strconv.Itoa(n) + ". "
				n++
			}
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
			b.WriteString("![" + escapeMD(f.Alt) + "](" + mdURL(f.Src))
			if len(f.Caption) > 0 {
				b.WriteString(` "` + strings.ReplaceAll(PlainText(f.Caption), `"`, `\"`) + `"`)
			}
			b.WriteString(")\n\n")
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
		var h bytes.Buffer
		hw := newHTMLWriter(&h, m.d, HTMLOptions{})
		hw.block(bl, lang)
		hw.flush()
		b.Write(h.Bytes())
		b.WriteString("\n")
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
				s = strings.ReplaceAll(m.inlines(r.Cells[j].Blocks[0].Inlines, lang), "\n", " ")
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

func (m *mdWriter) inlines(ins []Inline, lang string) string {
	var b strings.Builder
	for i := range ins {
		m.inline(&b, &ins[i], lang)
	}
	return b.String()
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
	switch in.Type {
	case Text:
		b.WriteString(escapeMD(in.Text))
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
	case Span:
		if in.Lang == "" || strings.EqualFold(in.Lang, lang) {
			b.WriteString(m.inlines(in.Content, lang))
			return
		}
		b.WriteString(`<span lang="` + attrEscaper.Replace(in.Lang) + `">` + m.inlines(in.Content, in.Lang) + "</span>")
	case Link:
		if href, ok := SafeHref(in.Href); ok {
			b.WriteString("[" + m.inlines(in.Content, lang) + "](" + mdURL(href) + ")")
		} else {
			b.WriteString(m.inlines(in.Content, lang))
		}
	case NoteRef:
		if n, ok := m.num[in.Note]; ok {
			b.WriteString("[^" + strconv.Itoa(n) + "]")
		}
	case LineBreak:
		b.WriteString("\\\n")
	case Image:
		b.WriteString("![" + escapeMD(in.Alt) + "](" + mdURL(in.Src) + ")")
	default:
		b.WriteString(m.inlines(in.Content, lang))
	}
}

// mdURL writes a link destination, in angle brackets when it has spaces or
// parentheses.
func mdURL(u string) string {
	if strings.ContainsAny(u, " ()<>") {
		return "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(u) + ">"
	}
	return u
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "~", `\~`, "|", `\|`, "&", `\&`, "#", `\#`, "!", `\!`, "\n", " ")

// escapeMD escapes text so that Markdown reads it back as the same text.
func escapeMD(s string) string {
	return mdEscaper.Replace(s)
}

// escapeLineStart keeps a paragraph from reading as a list item.
func escapeLineStart(s string) string {
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		s = `\` + s
	}
	if i := strings.IndexAny(s, ".)"); i > 0 && i < 10 && strings.Trim(s[:i], "0123456789") == "" {
		s = s[:i] + `\` + s[i:]
	}
	return s
}
