package doc

import (
	"strings"
	"unicode"
)

// SettleLang decides the document's language and removes what it makes
// redundant. Importers mark every piece of text with the language its source
// gave it; SettleLang takes the language of most letters as the document's
// (or fallback when no text is marked), unwraps spans in that language,
// moves a span covering a whole block onto the block, and merges the text
// this leaves side by side.
func SettleLang(d *Document, fallback string) {
	counts := map[string]int{}
	var count func(ins []Inline, lang string)
	count = func(ins []Inline, lang string) {
		for _, in := range ins {
			switch in.Type {
			case Text:
				if lang != "" {
					for _, c := range in.Text {
						if unicode.IsLetter(c) {
							counts[lang]++
						}
					}
				}
			case Span:
				count(in.Content, in.Lang)
			default:
				count(in.Content, lang)
			}
		}
	}
	d.Walk(func(b *Block) {
		blockInlines(b, func(ins []Inline) { count(ins, b.Lang) })
	})
	best, n := fallback, 0
	for l, c := range counts {
		if c > n || (c == n && l < best) {
			best, n = l, c
		}
	}
	if d.Lang == "" {
		d.Lang = best
	}
	d.Walk(func(b *Block) {
		outer := d.Lang
		if b.Lang != "" {
			outer = b.Lang
		}
		b.Inlines = unwrapLang(b.Inlines, outer)
		if b.Figure != nil {
			b.Figure.Caption = unwrapLang(b.Figure.Caption, outer)
		}
		if (b.Type == Paragraph || b.Type == Heading) && len(b.Inlines) == 1 && b.Inlines[0].Type == Span {
			b.Lang = b.Inlines[0].Lang
			b.Inlines = b.Inlines[0].Content
		}
	})
	// A block in the document's language says nothing of its own.
	var clear func(bs []Block, outer string)
	clear = func(bs []Block, outer string) {
		for i := range bs {
			b := &bs[i]
			if strings.EqualFold(b.Lang, outer) {
				b.Lang = ""
			}
			inner := outer
			if b.Lang != "" {
				inner = b.Lang
			}
			clear(b.Blocks, inner)
			if b.List != nil {
				for j := range b.List.Items {
					clear(b.List.Items[j].Blocks, inner)
				}
			}
			if b.Table != nil {
				for _, r := range b.Table.Rows {
					for j := range r.Cells {
						clear(r.Cells[j].Blocks, inner)
					}
				}
			}
		}
	}
	clear(d.Blocks, d.Lang)
	for i := range d.Notes {
		clear(d.Notes[i].Blocks, d.Lang)
	}
}

// HasContent reports whether d holds anything to read: text that is not
// white space, a formula or an image. A document without any is what an
// importer must refuse rather than pass on as a success.
func (d *Document) HasContent() bool {
	found := false
	d.Walk(func(b *Block) {
		if b.Figure != nil && (b.Figure.Src != "" || strings.TrimSpace(b.Figure.Alt) != "") {
			found = true
		}
		blockInlines(b, func(ins []Inline) {
			WalkInlines(ins, func(in *Inline) {
				switch in.Type {
				case Text:
					if strings.TrimSpace(in.Text) != "" {
						found = true
					}
				case MathInline, Image:
					found = true
				}
			})
		})
	})
	return found
}

// unwrapLang removes spans in the surrounding language and merges adjacent
// text.
func unwrapLang(ins []Inline, outer string) []Inline {
	if len(ins) == 0 {
		return ins
	}
	out := make([]Inline, 0, len(ins))
	for _, in := range ins {
		if in.Type == Span && (in.Lang == "" || strings.EqualFold(in.Lang, outer)) {
			out = append(out, unwrapLang(in.Content, outer)...)
			continue
		}
		inner := outer
		if in.Type == Span {
			inner = in.Lang
		}
		in.Content = unwrapLang(in.Content, inner)
		out = append(out, in)
	}
	return MergeText(out)
}

// MergeText joins adjacent text inlines and adjacent marks of the same kind.
func MergeText(ins []Inline) []Inline {
	out := ins[:0]
	for _, in := range ins {
		if n := len(out); n > 0 {
			last := &out[n-1]
			if in.Type == Text && last.Type == Text {
				last.Text += in.Text
				continue
			}
			if in.Type == last.Type && in.Type.IsMark() && in.Href == last.Href && in.Lang == last.Lang {
				last.Content = MergeText(append(last.Content, in.Content...))
				continue
			}
		}
		out = append(out, in)
	}
	return out
}
